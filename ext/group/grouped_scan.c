/*
** grouped_scan.c — grouped scans in passes (see grouped_scan.h).
*/
#include "group/grouped_scan.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>
#include "base/message.h"

static int grouped_fail(ZlGroupedScan *g, const char *msg){
  free(g->err);
  g->err = zl_message("%s", msg);
  return -1;
}

static int same_value(const ZlPart *a, const ZlPart *b){
  if(a->type == ZL_PART_TEXT || b->type == ZL_PART_TEXT){
    return a->type == b->type && a->n == b->n && memcmp(a->p, b->p, a->n) == 0;
  }
  double x = a->type == ZL_PART_INT ? (double)a->i : a->r;
  double y = b->type == ZL_PART_INT ? (double)b->i : b->r;
  if(a->type == ZL_PART_INT && b->type == ZL_PART_INT) return a->i == b->i;
  return a->type != ZL_PART_NULL && b->type != ZL_PART_NULL && x == y;
}

/* 0 when a filter rules the row out. Conservative: SQLite checks again. */
static int passes_filters(const ZlGroupedScan *g, const ZlPart *parts){
  for(int f = 0; f < g->spec.nfilters; f++){
    const ZlFilter *flt = &g->spec.filters[f];
    int hit = 0;
    for(int i = 0; i < flt->nvalues && !hit; i++) hit = same_value(&parts[flt->part], &flt->values[i]);
    if(!hit) return 0;
  }
  return 1;
}

/* Copies the bound the last pass stopped at: the next pass starts there. */
static int keep_lower_bound(ZlGroupedScan *g){
  for(int k = 0; k < g->spec.ncols; k++){
    ZlPart p;
    zl_tuples_bound_part(g->groups, k, &p);
    if(p.type == ZL_PART_TEXT){
      g->lo_text[k].n = 0;
      if(zl_buf_reserve(&g->lo_text[k], p.n + 1)) return -1;
      memcpy(g->lo_text[k].p, p.p, p.n);
      p.p = g->lo_text[k].p;
    }
    g->lo[k] = p;
  }
  g->have_lo = 1;
  return 0;
}

/* Counts a row's tuple, dropping the largest groups when memory is full
** (they wait for a later pass: rows at or past hi are not counted here). */
static int count_row(ZlGroupedScan *g, const ZlPart *parts, double t, int *have_hi, ZlPart *hi){
  const ZlGroupSpec *p = &g->spec;
  if(g->have_lo && zl_tuples_compare(parts, g->lo, p->ncols, p->desc) < 0) return 0;
  if(*have_hi && zl_tuples_compare(parts, hi, p->ncols, p->desc) >= 0) return 0;
  int added = zl_tuples_add(g->groups, parts, p->ncols, t);
  if(added < 0) return -1;
  if(added == 0) return 0;
  if(zl_tuples_shrink(g->groups, p->ncols, p->desc)){
    return grouped_fail(g, "too many distinct groups for group_memory: raise it");
  }
  *have_hi = 1;
  for(int k = 0; k < p->ncols; k++) zl_tuples_bound_part(g->groups, k, &hi[k]);
  if(zl_tuples_compare(parts, hi, p->ncols, p->desc) >= 0) return 0;
  return zl_tuples_add(g->groups, parts, p->ncols, t) ? grouped_fail(g, "group does not fit") : 0;
}

/* The row's time, for the tuple's range: NaN when none is kept or set. */
static double row_time(const ZlGroupedScan *g){
  int f = g->spec.ts_field;
  if(f < 0 || g->scan.vals[f].state != ZL_V_REAL) return NAN;
  return g->scan.vals[f].d;
}

/* One pass over the files: counts the groups from lo on, as many as fit.
** 0, or -1 on error. Sets g->more when groups remain for another pass. */
static int count_pass(ZlGroupedScan *g){
  ZlPart parts[ZL_GROUPED_MAX_COLS], hi[ZL_GROUPED_MAX_COLS];
  int rc, have_hi = 0;
  zl_tuples_clear(g->groups);
  g->scan_open = 1;
  if(zl_scan_open(&g->scan, g->cfg)) return grouped_fail(g, g->scan.err ? g->scan.err : "out of memory");
  while((rc = zl_scan_next(&g->scan)) == 1){
    for(int k = 0; k < g->spec.ncols; k++){
      if(zl_column_value(&g->scan, &g->spec.cols[k], &g->bufs[k], &parts[k])) return grouped_fail(g, "out of memory");
    }
    if(passes_filters(g, parts) && count_row(g, parts, row_time(g), &have_hi, hi)){
      return g->err ? -1 : grouped_fail(g, "out of memory");
    }
  }
  if(rc < 0) return grouped_fail(g, g->scan.err ? g->scan.err : "read failed");
  int passes = g->stats.passes + 1;
  g->stats = g->scan.stats;
  g->stats.passes = passes;
  zl_scan_close(&g->scan);
  g->scan_open = 0;
  g->more = have_hi;
  if(have_hi && keep_lower_bound(g)) return grouped_fail(g, "out of memory");
  zl_tuples_sort(g->groups, g->spec.ncols, g->spec.desc);
  return 0;
}

int zl_grouped_open(ZlGroupedScan *g, const ZlScanConfig *cfg, const ZlGroupSpec *spec){
  memset(g, 0, sizeof *g);
  g->cfg = cfg;
  g->spec = *spec;
  if(!(g->groups = zl_tuples_new(spec->budget))){
    return grouped_fail(g, "out of memory");
  }
  return count_pass(g);
}

int zl_grouped_next(ZlGroupedScan *g){
  if(g->left > 1){ g->left--; return 1; }
  for(;;){
    if(zl_tuples_next(g->groups, &g->count)){
      g->left = g->spec.once ? 1 : g->count;
      return 1;
    }
    if(!g->more) return 0;
    if(count_pass(g)) return -1;
  }
}

void zl_grouped_value(const ZlGroupedScan *g, int k, ZlPart *out){
  zl_tuples_part(g->groups, k, out);
}

uint64_t zl_grouped_count(const ZlGroupedScan *g){ return g->count; }

int zl_grouped_range(const ZlGroupedScan *g, double *first, double *last){
  return zl_tuples_range(g->groups, first, last);
}

void zl_grouped_close(ZlGroupedScan *g){
  if(g->scan_open) zl_scan_close(&g->scan);
  zl_tuples_free(g->groups);
  for(int k = 0; k < ZL_GROUPED_MAX_COLS; k++){
    zl_buf_free(&g->bufs[k]);
    zl_buf_free(&g->lo_text[k]);
  }
  free(g->err);
  memset(g, 0, sizeof *g);
}
