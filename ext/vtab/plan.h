/*
** plan.h — how a query reads a zeek table: chosen in xBestIndex from what
** SQLite tells it, carried to xFilter as idxStr text, read back there. One
** struct, written and read in one file (plan.c). SQL layer.
**
** SQLite still checks every constraint on every row: a plan only decides
** which files to open, which columns to convert and whether rows go out
** grouped; nothing in it is trusted blindly.
*/
#ifndef ZL_PLAN_H
#define ZL_PLAN_H

#include <stdint.h>
#include "group/grouped_scan.h"
#include "vtab/table.h"

#define ZL_PLAN_MAX_ARGS 24

/* One argv[] value xFilter gets, after zeek_http()'s path. */
typedef struct ZlPlanArg {
  char kind;    /* 'T': a `ts` bound; 'E': `col = v` filter; 'I': `col IN (...)`, all at once */
  char op;      /* 'T': e (=), g (>), G (>=), l (<), L (<=) */
  int part;     /* 'E'/'I': the tuple part filtered */
} ZlPlanArg;

typedef struct ZlQueryPlan {
  uint64_t col_used;           /* SQLite's colUsed: the columns to convert */
  int path_arg;                /* argv[0] is zeek_http()'s path */
  int ngroup;                  /* grouped: the tuple's SQL columns (0: plain scan) */
  int nleading;                /* of which the first nleading are ordered */
  int group_col[ZL_GROUPED_MAX_COLS];
  int desc[ZL_GROUPED_MAX_COLS];
  int nargs;
  ZlPlanArg args[ZL_PLAN_MAX_ARGS];
} ZlQueryPlan;

/* xBestIndex: fills info (argvIndex, orderByConsumed, costs, idxStr). */
int zl_plan_best_index(const ZeekTable *t, sqlite3_index_info *info);
/* xFilter: idxStr back into a plan. 0, or -1 when it is not one of ours. */
int zl_plan_decode(const char *text, ZlQueryPlan *plan);

#endif
