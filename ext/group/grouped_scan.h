/*
** grouped_scan.h — a scan whose rows come out grouped: every distinct tuple of the
** columns a query uses, repeated as many times as it occurs, sorted by the
** leading columns as SQLite sorts them. SQLite then aggregates without
** sorting every row (vtab/plan.c decides when, in xBestIndex).
**
**   ZlGroupedScan g;  zl_grouped_open(&g, &cfg, &spec);
**   while(zl_grouped_next(&g) == 1) zl_grouped_value(&g, k, &part);
**   zl_grouped_close(&g);
**
** Memory: the distinct tuples, up to spec->budget bytes; when they do not
** fit, a pass keeps the smallest groups (in output order), hands them out,
** and the next pass reads the files again from where it stopped, so memory
** stays bounded and the output stays sorted. Rows failing a
** filter (a WHERE col = v / col IN (...) that SQLite also checks) are not
** counted, which keeps the tuples few. No SQLite in here.
*/
#ifndef ZL_GROUPED_SCAN_H
#define ZL_GROUPED_SCAN_H

#include "group/tuples.h"
#include "scan/columns.h"

#define ZL_GROUPED_MAX_COLS 4

/* A column whose value must be one of these (a NULL-free list). */
typedef struct ZlFilter { int part; ZlPart *values; int nvalues; } ZlFilter;

typedef struct ZlGroupSpec {
  ZlColumn cols[ZL_GROUPED_MAX_COLS]; /* the tuple: leading (ordered) columns first */
  int ncols, nleading;
  int desc[ZL_GROUPED_MAX_COLS];      /* leading column k sorts descending */
  const ZlFilter *filters;
  int nfilters;
  size_t budget;                      /* bytes of tuples per pass */
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
  ZlBuf bufs[ZL_GROUPED_MAX_COLS];
  ZlScanStats stats;                  /* of the last pass's scan; passes so far */
  char *err;                          /* malloc'd, after a -1 */
} ZlGroupedScan;

int zl_grouped_open(ZlGroupedScan *g, const ZlScanConfig *cfg, const ZlGroupSpec *spec);
int zl_grouped_next(ZlGroupedScan *g);             /* 1 row, 0 end, -1 error */
void zl_grouped_value(const ZlGroupedScan *g, int k, ZlPart *out);
void zl_grouped_close(ZlGroupedScan *g);

#endif
