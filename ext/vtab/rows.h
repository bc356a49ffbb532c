/*
** rows.h — where a zeek table's rows come from: one interface that both the
** plain scan (every row, in file order) and the grouped scan (each distinct
** tuple as often as it occurs, already grouped) implement, so the module's
** cursor never asks which it has. It calls no SQLite (so it could move to a
** core) but serves only the SQL layer.
**
**   ZlRows r;
**   zl_rows_open_plain(&r, &cfg, cols, ncols);      // or zl_rows_open_grouped
**   while(zl_rows_next(&r) == 1) zl_rows_value(&r, col, &part);
**   zl_rows_close(&r);
*/
#ifndef ZL_ROWS_H
#define ZL_ROWS_H

#include "group/grouped_scan.h"
#include "scan/columns.h"
#include "scan/scan.h"

#define ZL_ROWS_MAX_COLS 64      /* SQL columns a grouped plan can name */

typedef struct ZlRows ZlRows;

typedef struct ZlRowsKind {
  int (*next)(ZlRows *r);                            /* 1 row, 0 end, -1 error */
  int (*value)(ZlRows *r, int col, ZlPart *out);     /* 0, or -1 out of memory */
  const char *(*error)(const ZlRows *r);
  const ZlScanStats *(*stats)(const ZlRows *r);
  void (*close)(ZlRows *r);
} ZlRowsKind;

struct ZlRows {
  const ZlRowsKind *kind;          /* NULL: not open */
  const ZlColumn *cols;            /* what each SQL column shows */
  int ncols;
  ZlScan scan;                     /* plain */
  ZlBuf scratch;                   /* plain: decoded text and set JSON */
  ZlGroupedScan grouped;           /* grouped */
  int part_of[ZL_ROWS_MAX_COLS];   /* grouped: SQL column -> tuple part, or -1 */
};

/* 0, or -1 with zl_rows_error() saying why (the rows must still be closed). */
int zl_rows_open_plain(ZlRows *r, const ZlScanConfig *cfg, const ZlColumn *cols, int ncols);
int zl_rows_open_grouped(ZlRows *r, const ZlScanConfig *cfg, const ZlColumn *cols, int ncols,
                         const ZlGroupSpec *spec, const int *part_of);

static inline int zl_rows_next(ZlRows *r){ return r->kind->next(r); }
static inline int zl_rows_value(ZlRows *r, int col, ZlPart *out){ return r->kind->value(r, col, out); }
static inline const char *zl_rows_error(const ZlRows *r){ return r->kind->error(r); }
static inline const ZlScanStats *zl_rows_stats(const ZlRows *r){ return r->kind->stats(r); }
/* Did the last error come from the query being interrupted? */
int zl_rows_interrupted(const ZlRows *r);
void zl_rows_close(ZlRows *r);

#endif
