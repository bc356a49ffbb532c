/*
** plan.c — choosing a plan in xBestIndex and carrying it to xFilter (see
** plan.h).
**
** idxStr is the plan as text, "u=USED;p=PATH;g=GROUP;a=ARGS":
**   USED   colUsed in hex
**   PATH   1 when argv[0] is zeek_http()'s path
**   GROUP  "nleading:c0,c1d,..." the grouped tuple's SQL columns, leading
**          (ordered) ones first, d for a descending ORDER BY term; empty: plain
**   ARGS   one token per further argv[]: "T" and a ts operator letter, or
**          "E"/"I" and a tuple part
** EXPLAIN QUERY PLAN shows it, which helps to see why a query is slow.
*/
#include "vtab/plan.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
SQLITE_EXTENSION_INIT3

/* ---- choosing ------------------------------------------------------------ */

static char ts_op_letter(unsigned char op){
  switch(op){
    case SQLITE_INDEX_CONSTRAINT_EQ: return 'e';
    case SQLITE_INDEX_CONSTRAINT_GT: return 'g';
    case SQLITE_INDEX_CONSTRAINT_GE: return 'G';
    case SQLITE_INDEX_CONSTRAINT_LT: return 'l';
    case SQLITE_INDEX_CONSTRAINT_LE: return 'L';
    default: return 0;
  }
}

/* colUsed bit 63 stands for column 63 and every one after it. */
static int is_used(uint64_t used, int col){ return col < 63 ? (used >> col) & 1 : (used >> 63) & 1; }

/* A usable `col = value` (or `col IN (...)`) constraint compared with
** BINARY: the one xFilter can apply to grouped rows. Its index, or -1. */
static int filter_constraint(sqlite3_index_info *info, int col){
  for(int i = 0; i < info->nConstraint; i++){
    const struct sqlite3_index_constraint *c = &info->aConstraint[i];
    if(c->iColumn != col || !c->usable || c->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    const char *coll = sqlite3_vtab_collation(info, i);
    if(coll && sqlite3_stricmp(coll, "BINARY")) continue;
    return i;
  }
  return -1;
}

static int groupable(const ZeekTable *t, int col){
  ZlColKind k = t->cols[col].kind;
  return k == ZL_COL_FIELD || k == ZL_COL_TS_ISO || k == ZL_COL_BUCKET;
}

/* A time or double column nearly every row of which differs (ts, duration):
** joining a tuple unpinned, it would make as many tuples as rows, and sums
** over it would depend on the order rows come in. */
static int continuous(const ZeekTable *t, int col){
  const ZlColumn *c = &t->cols[col];
  if(c->kind == ZL_COL_TS_ISO) return 1;
  if(c->kind != ZL_COL_FIELD) return 0;
  ZlKind k = t->cfg.columns.f[c->field].kind;
  return k == ZL_REAL || k == ZL_TIME;
}

/* Can the rows go out already grouped? When SQLite only needs GROUP BY or
** DISTINCT groups of plain columns (sqlite3_vtab_distinct() 1 or 2), the
** scan can count the distinct tuples of every column the query reads and
** hand each out as often as it occurs, and SQLite need not sort every row.
** The columns it does not group by join the tuple too (mode(status_msg)
** per status_code: the pairs are few) unless they are times or doubles (below);
** one pinned by `= v` or `IN (...)` is
** filtered there, which keeps the tuples fewer. Memory stays bounded either
** way: tuples past group_memory wait for another pass (grouped_scan.h).
** Fills the tuple's SQL columns (ordered ones first) and the constraint
** that filters each other one. Returns the number of columns, or 0. */
static int plan_grouping(const ZeekTable *t, sqlite3_index_info *info, ZlQueryPlan *plan,
                         int filter_of[]){
  if(sqlite3_libversion_number() < 3038000 || t->ngroup) return 0;  /* no vtab_distinct; a summary */
  int distinct = sqlite3_vtab_distinct(info);
  uint64_t used = info->colUsed;
  int n = 0;
  if((distinct != 1 && distinct != 2) || info->nOrderBy < 1 || (used >> 63)) return 0;
  for(int k = 0; k < info->nOrderBy; k++){
    int col = info->aOrderBy[k].iColumn;
    if(col < 0 || col >= t->ncols || col >= 63 || n == ZL_GROUPED_MAX_COLS) return 0;
    if(!groupable(t, col)) return 0;
    for(int j = 0; j < n; j++) if(plan->group_col[j] == col) return 0;
    filter_of[n] = -1;
    plan->desc[n] = info->aOrderBy[k].desc;
    plan->group_col[n++] = col;
  }
  for(int col = 0; col < t->ncols && col < 63; col++){
    int listed = 0;
    for(int j = 0; j < n; j++) listed |= plan->group_col[j] == col;
    if(listed || !is_used(used, col) || t->cols[col].kind == ZL_COL_ARG) continue;
    if(n == ZL_GROUPED_MAX_COLS || !groupable(t, col)) return 0;
    filter_of[n] = filter_constraint(info, col);
    if(filter_of[n] < 0 && continuous(t, col)) return 0;
    plan->desc[n] = 0;
    plan->group_col[n++] = col;
  }
  return n;
}

static void add_arg(ZlQueryPlan *plan, char kind, char op, int part){
  plan->args[plan->nargs++] = (ZlPlanArg){ kind, op, part };
}

/* zeek_http()'s path column must be bound by `= value`: argv[0]. */
static int take_path(const ZeekTable *t, sqlite3_index_info *info, ZlQueryPlan *plan, int *argc){
  int path_col = -1;
  for(int i = 0; i < t->ncols; i++) if(t->cols[i].kind == ZL_COL_ARG) path_col = i;
  if(path_col < 0) return SQLITE_OK;
  for(int i = 0; i < info->nConstraint; i++){
    const struct sqlite3_index_constraint *c = &info->aConstraint[i];
    if(c->iColumn != path_col) continue;
    if(!c->usable || c->op != SQLITE_INDEX_CONSTRAINT_EQ) return SQLITE_CONSTRAINT;
    info->aConstraintUsage[i].argvIndex = ++*argc;
    info->aConstraintUsage[i].omit = 1;
  }
  if(*argc == 0) return SQLITE_CONSTRAINT;
  plan->path_arg = 1;
  return SQLITE_OK;
}

static int choose(const ZeekTable *t, sqlite3_index_info *info, ZlQueryPlan *plan){
  int argc = 0, filter_of[ZL_GROUPED_MAX_COLS];
  memset(plan, 0, sizeof *plan);
  plan->col_used = info->colUsed;
  int rc = take_path(t, info, plan, &argc);
  if(rc != SQLITE_OK) return rc;
  plan->ngroup = plan_grouping(t, info, plan, filter_of);
  plan->nleading = plan->ngroup ? info->nOrderBy : 0;
  for(int k = 0; k < plan->ngroup; k++){
    int f = filter_of[k];
    if(f < 0) continue;
    int all_at_once = sqlite3_vtab_in(info, f, -1) && sqlite3_vtab_in(info, f, 1);
    info->aConstraintUsage[f].argvIndex = ++argc;
    add_arg(plan, all_at_once ? 'I' : 'E', 0, k);
  }
  for(int i = 0; i < info->nConstraint && plan->nargs < ZL_PLAN_MAX_ARGS; i++){
    const struct sqlite3_index_constraint *c = &info->aConstraint[i];
    char letter = ts_op_letter(c->op);
    if(c->iColumn != t->ts_col || t->ts_col < 0 || !c->usable || !letter) continue;
    if(info->aConstraintUsage[i].argvIndex) continue;   /* taken as a filter */
    info->aConstraintUsage[i].argvIndex = ++argc;
    add_arg(plan, 'T', letter, 0);
  }
  return SQLITE_OK;
}

/* ---- the text both ways ---------------------------------------------------- */

static char *encode(const ZlQueryPlan *plan){
  sqlite3_str *s = sqlite3_str_new(NULL);
  sqlite3_str_appendf(s, "u=%llx;p=%d;g=", (unsigned long long)plan->col_used, plan->path_arg);
  if(plan->ngroup) sqlite3_str_appendf(s, "%d:", plan->nleading);
  for(int k = 0; k < plan->ngroup; k++){
    sqlite3_str_appendf(s, "%s%d%s", k ? "," : "", plan->group_col[k], plan->desc[k] ? "d" : "");
  }
  sqlite3_str_appendall(s, ";a=");
  for(int i = 0; i < plan->nargs; i++){
    const ZlPlanArg *a = &plan->args[i];
    if(a->kind == 'T') sqlite3_str_appendf(s, "%sT%c", i ? "," : "", a->op);
    else sqlite3_str_appendf(s, "%s%c%d", i ? "," : "", a->kind, a->part);
  }
  return sqlite3_str_finish(s);
}

int zl_plan_decode(const char *text, ZlQueryPlan *plan){
  unsigned long long used;
  int path, at = 0;
  memset(plan, 0, sizeof *plan);
  if(!text || sscanf(text, "u=%llx;p=%d;g=%n", &used, &path, &at) != 2 || at == 0) return -1;
  plan->col_used = used;
  plan->path_arg = path;
  const char *p = text + at;
  char *end;
  if(*p != ';'){
    plan->nleading = (int)strtol(p, &end, 10);
    for(p = end; *p == ':' || *p == ','; ){
      int col = (int)strtol(p + 1, &end, 10);
      if(col < 0 || col >= 63 || plan->ngroup == ZL_GROUPED_MAX_COLS) return -1;
      p = end;
      plan->desc[plan->ngroup] = *p == 'd';
      if(*p == 'd') p++;
      plan->group_col[plan->ngroup++] = col;
    }
  }
  if(strncmp(p, ";a=", 3)) return -1;
  for(p += 3; *p && plan->nargs < ZL_PLAN_MAX_ARGS; ){
    char kind = *p++;
    if(kind == 'T') add_arg(plan, 'T', *p++, 0);
    else if(kind == 'E' || kind == 'I'){ add_arg(plan, kind, 0, (int)strtol(p, &end, 10)); p = end; }
    else return -1;
    if(*p == ',') p++;
  }
  return 0;
}

int zl_plan_best_index(const ZeekTable *t, sqlite3_index_info *info){
  ZlQueryPlan plan;
  int rc = choose(t, info, &plan);
  if(rc != SQLITE_OK) return rc;
  int has_ts_bound = 0;
  for(int i = 0; i < plan.nargs; i++) has_ts_bound |= plan.args[i].kind == 'T';
  info->idxNum = 0;
  info->orderByConsumed = plan.ngroup > 0;
  info->idxStr = encode(&plan);
  info->needToFreeIdxStr = 1;
  info->estimatedCost = has_ts_bound ? 1e6 : 1e7;
  info->estimatedRows = has_ts_bound ? 100000 : 1000000;
  return info->idxStr ? SQLITE_OK : SQLITE_NOMEM;
}
