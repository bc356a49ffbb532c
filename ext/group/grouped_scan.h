/*
** grouped_scan.h — a scan whose rows come out grouped: every distinct tuple of the
** columns a query uses, repeated as many times as it occurs (or once, with
** its count and ts range: a summary table), sorted as SQLite sorts them —
** the leading (GROUP BY / ORDER BY) columns first, then the others. SQLite
** then aggregates without sorting every row (vtab/plan.c decides when).
**
**   ZlGroupedScan g;  zl_grouped_open(&g, &cfg, &spec);
**   while(zl_grouped_next(&g) == 1) zl_grouped_value(&g, k, &part);
**   zl_grouped_close(&g);
**
** Memory: the distinct tuples, up to spec->budget bytes; when they do not
** fit, a pass keeps the smallest tuples (in output order), hands them out,
** and the next pass reads the files again from where it stopped, so memory
** stays bounded and the output stays sorted; the tuples of one GROUP BY group
** may span passes, and still come out next to each other. Rows failing a
** filter (a WHERE col = v / col IN (...) that SQLite also checks) are not
** counted, which keeps the tuples few. No SQLite in here.
*/
#ifndef ZL_GROUPED_SCAN_H
#define ZL_GROUPED_SCAN_H

#include "group/tuples.h"
#include "scan/columns.h"

#define ZL_GROUPED_MAX_COLS 8

/* A column whose value must be one of these (a NULL-free list). */
typedef struct ZlFilter { int part; ZlPart *values; int nvalues; } ZlFilter;

typedef struct ZlGroupSpec {
  ZlColumn cols[ZL_GROUPED_MAX_COLS]; /* the tuple: leading (ordered) columns first */
  int ncols, nleading;
  int desc[ZL_GROUPED_MAX_COLS];      /* leading column k sorts descending */
  const ZlFilter *filters;
  int nfilters;
  size_t budget;                      /* bytes of tuples per pass */
  int ts_field;                       /* keep each tuple's range of this time field (-1: none) */
  int once;                           /* hand each tuple out once, not as often as it occurs */
} ZlGroupSpec;

typedef struct ZlGroupedScan {
  const ZlScanConfig *cfg;
  ZlGroupSpec spec;
  ZlScan scan;
  int scan_open;
  ZlTuples *groups;
  int more;                           /* groups remain past this pass's */
  int have_lo;                        /* this pass starts at lo (earlier ones ended there) */
  ZlPart lo[ZL_GROUPED_MAX_COLS];
  ZlBuf lo_text[ZL_GROUPED_MAX_COLS];
  uint64_t left;                      /* copies of the current tuple still due */
  uint64_t count;                     /* the current tuple's rows */
  ZlBuf bufs[ZL_GROUPED_MAX_COLS];
  ZlScanStats stats;                  /* of the last pass's scan; passes so far */
  char *err;                          /* malloc'd, after a -1 */
} ZlGroupedScan;

int zl_grouped_open(ZlGroupedScan *g, const ZlScanConfig *cfg, const ZlGroupSpec *spec);
int zl_grouped_next(ZlGroupedScan *g);             /* 1 row, 0 end, -1 error */
void zl_grouped_value(const ZlGroupedScan *g, int k, ZlPart *out);
/* The current tuple's row count and range of ts_field (0 when it had none). */
uint64_t zl_grouped_count(const ZlGroupedScan *g);
int zl_grouped_range(const ZlGroupedScan *g, double *first, double *last);
void zl_grouped_close(ZlGroupedScan *g);

#endif
