/*
** beacon.h — how regular a series of connections is: the scoring behind
** beacon_score() and beacon_stats(), after RITA's published method (its
** analysis/beacons.go; docs/hunts.md writes the formula out). No SQLite.
**
**   ZlBeacon b = {0};
**   zl_beacon_add(&b, 1331901234.5, 1, 612);     // a time and a size
**   zl_beacon_add(&b, 1331901294.1, 0, 0);       // a time, no size
**   ZlBeaconResult r;
**   zl_beacon_compute(&b, NULL, &r, &err);       // 0; r.scored, r.score in [0, 1]
**   zl_beacon_json(&r, &buf);                    // the parts, as JSON text
**   zl_beacon_free(&b);
**
** Times are cut to whole seconds (RITA keeps Unix seconds) and may come in
** any order. Memory: the earliest ZL_BEACON_KEEP (time, size) points are
** kept, 16 bytes each (1.3 MiB at most per series); later ones only count.
** The score needs ZL_BEACON_MIN_UNIQUE distinct seconds among them.
*/
#ifndef ZL_BEACON_H
#define ZL_BEACON_H

#include <stddef.h>
#include <stdint.h>

#include "base/buf.h"

#define ZL_BEACON_KEEP 86400        /* RITA's groupArray(86400): a day at 1/s */
#define ZL_BEACON_MIN_UNIQUE 4      /* RITA's unique_connection_threshold */
#define ZL_BEACON_BINS 24           /* RITA's histogram: 24 slices of the span */

typedef struct ZlBeaconPoint {
  int64_t ts;      /* whole seconds */
  double bytes;    /* NaN: the row gave no size */
} ZlBeaconPoint;

typedef struct ZlBeacon {
  ZlBeaconPoint *pts;
  size_t n, cap;
  size_t keep;        /* points kept; 0 means ZL_BEACON_KEEP */
  uint64_t count;     /* every point added */
  int heap;           /* pts is a max-heap by (ts, bytes): the keep was reached */
} ZlBeacon;

/* One connection: its time (finite) and, when has_bytes, its size.
** 0, or -1 when memory runs out or ts is not a finite time. */
int zl_beacon_add(ZlBeacon *b, double ts, int has_bytes, double bytes);
void zl_beacon_free(ZlBeacon *b);

/* The span the histogram and the coverage are measured against: by
** default the series' own first..last second; RITA uses the data set's. */
typedef struct ZlBeaconSpan { double start, end; } ZlBeaconSpan;

/* Order statistics of intervals or sizes and their score (RITA's
** calculateStatisticalScore): Tukey's quartiles, Bowley skewness, median
** absolute deviation. */
typedef struct ZlBeaconDist {
  size_t n;
  double q1, median, q3, skew, mad;
  double skew_score, mad_score, score;
} ZlBeaconDist;

typedef struct ZlBeaconResult {
  uint64_t count;          /* points added */
  size_t kept, unique;     /* points kept; distinct seconds among them */
  int64_t first, last;     /* first and last kept second */
  int scored;              /* unique >= ZL_BEACON_MIN_UNIQUE: the rest is set */
  int sized;               /* some kept point has a size: ds counts */
  int64_t span_start, span_end;
  ZlBeaconDist ts;         /* the non-zero intervals between sorted times */
  ZlBeaconDist ds;         /* the sizes (all 0 when fewer than 3) */
  uint32_t bins[ZL_BEACON_BINS];
  int bars, longest_run;   /* non-empty bins; longest run of them, wrapping */
  double cv_score, bimodal_score, hist_score;
  double coverage, consistency, dur_score;
  double score;
} ZlBeaconResult;

/* Scores the points kept (sorting them). span may be NULL. 0, or -1 with
** *err (malloc'd) when memory runs out or the span's end is not after its
** start. An unscored result (too few distinct seconds) is not an error. */
int zl_beacon_compute(ZlBeacon *b, const ZlBeaconSpan *span, ZlBeaconResult *r, char **err);

/* The result as one JSON object (docs/hunts.md lists its keys). 0 or -1. */
int zl_beacon_json(const ZlBeaconResult *r, ZlBuf *out);

#endif
