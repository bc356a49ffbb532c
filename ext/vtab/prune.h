/*
** prune.h — skipping rotated archives that a query's `ts` bounds rule out,
** from what earlier full reads of the same files showed (scan/facts.h).
** The scan calls the two hooks; the cursor holds the ZlPrune. SQL layer.
*/
#ifndef ZL_PRUNE_H
#define ZL_PRUNE_H

#include "sqlite3ext.h"
#include "vtab/plan.h"

typedef struct ZlPrune {
  ZlFacts *facts;
  double lo, hi;              /* the query wants lo <= ts <= hi, at most */
  ZlFileId opened;            /* the file skip_file() last let through */
  int opened_ok;
} ZlPrune;

/* No bounds yet: every file is read. */
void zl_prune_init(ZlPrune *p, ZlFacts *facts);
/* Narrows the bounds by a `ts` constraint (op from the plan); a bound that
** is not a number (ts > 'text') narrows nothing. */
void zl_prune_bound(ZlPrune *p, char op, sqlite3_value *arg);
/* Wires the hooks into a scan's config (ts_col: the ts field). */
void zl_prune_hook(ZlPrune *p, ZlScanConfig *cfg, int ts_col);

#endif
