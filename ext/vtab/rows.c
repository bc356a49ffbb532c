/*
** rows.c — the plain and the grouped row sources (see rows.h).
*/
#include "vtab/rows.h"

#include <string.h>

/* ---- plain: every row of the scan ---------------------------------------- */

static int plain_next(ZlRows *r){ return zl_scan_next(&r->scan); }

static int plain_value(ZlRows *r, int col, ZlPart *out){
  return zl_column_value(&r->scan, &r->cols[col], &r->scratch, out);
}

static const char *plain_error(const ZlRows *r){ return r->scan.err ? r->scan.err : "read failed"; }
static const ZlScanStats *plain_stats(const ZlRows *r){ return &r->scan.stats; }

static void plain_close(ZlRows *r){
  zl_scan_close(&r->scan);
  zl_buf_free(&r->scratch);
}

static const ZlRowsKind plain_rows = { plain_next, plain_value, plain_error, plain_stats, plain_close };

int zl_rows_open_plain(ZlRows *r, const ZlScanConfig *cfg, const ZlColumn *cols, int ncols){
  memset(r, 0, sizeof *r);
  r->kind = &plain_rows;
  r->cols = cols;
  r->ncols = ncols;
  return zl_scan_open(&r->scan, cfg);
}

/* ---- grouped: the distinct tuples, each as often as it occurs ------------ */

static int grouped_next(ZlRows *r){ return zl_grouped_next(&r->grouped); }

/* A tuple's part; its count and ts range for a summary's rows, first_ts
** and last_ts; NULL for a column outside the tuple (the query reads none). */
static int grouped_value(ZlRows *r, int col, ZlPart *out){
  double first, last;
  memset(out, 0, sizeof *out);
  switch(r->cols[col].kind){
    case ZL_COL_ROWS:
      out->type = ZL_PART_INT;
      out->i = (int64_t)zl_grouped_count(&r->grouped);
      return 0;
    case ZL_COL_FIRST_TS: case ZL_COL_LAST_TS:
      if(!zl_grouped_range(&r->grouped, &first, &last)) return 0;
      out->type = ZL_PART_REAL;
      out->r = r->cols[col].kind == ZL_COL_FIRST_TS ? first : last;
      return 0;
    default:
      if(col < ZL_ROWS_MAX_COLS && r->part_of[col] >= 0) zl_grouped_value(&r->grouped, r->part_of[col], out);
      return 0;
  }
}

static const char *grouped_error(const ZlRows *r){ return r->grouped.err ? r->grouped.err : "read failed"; }
static const ZlScanStats *grouped_stats(const ZlRows *r){ return &r->grouped.stats; }
static void grouped_close(ZlRows *r){ zl_grouped_close(&r->grouped); }

static const ZlRowsKind grouped_rows = { grouped_next, grouped_value, grouped_error, grouped_stats,
                                         grouped_close };

int zl_rows_open_grouped(ZlRows *r, const ZlScanConfig *cfg, const ZlColumn *cols, int ncols,
                         const ZlGroupSpec *spec, const int *part_of){
  memset(r, 0, sizeof *r);
  r->kind = &grouped_rows;
  r->cols = cols;
  r->ncols = ncols;
  memcpy(r->part_of, part_of, sizeof r->part_of);
  return zl_grouped_open(&r->grouped, cfg, spec);
}

int zl_rows_interrupted(const ZlRows *r){
  return r->kind == &plain_rows ? r->scan.was_interrupted : r->grouped.scan.was_interrupted;
}

void zl_rows_close(ZlRows *r){
  if(r->kind) r->kind->close(r);
  r->kind = NULL;
}
