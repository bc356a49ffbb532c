/*
** module.c — the `zeek` virtual table and the `zeek_http()` table function.
**
**   CREATE VIRTUAL TABLE temp.http USING zeek('logs/http.log');
**   CREATE VIRTUAL TABLE temp.http USING zeek('logs/2012-03-16/http.*.log.gz');
**   CREATE VIRTUAL TABLE temp.http USING zeek(path='http.log', schema='http');
**   CREATE VIRTUAL TABLE temp.x    USING zeek('x.log', fields='ts:time host:string');
**   SELECT * FROM zeek_http('http.log');
**
** The arguments are options.c's; the columns declare.c's; xBestIndex's plan
** is plan.c's. The reader below (scan/scan.h) validates every line; this
** layer converts only the columns the query uses, when SQLite asks for them.
*/
#include <stdlib.h>
#include <string.h>

#include "families.h"
#include "host.h"
#include "base/limits.h"
#include "vtab/plan.h"
#include "vtab/prune.h"
#include "vtab/rows.h"
SQLITE_EXTENSION_INIT3

typedef struct ZeekCursor {
  sqlite3_vtab_cursor base;
  ZlRows rows;
  ZlScanConfig cfg;           /* the table's, with this query's path and columns */
  unsigned char *wanted;      /* cfg.wanted: the fields this query reads */
  char *path;                 /* zeek_http()'s argument */
  int eof;
  sqlite3_int64 rowid;
  ZlFilter filters[ZL_GROUPED_MAX_COLS];
  int nfilters;
  ZlPrune prune;
} ZeekCursor;

static void state_unref(void *p){
  ZeekState *st = p;
  if(--st->refs > 0) return;
  zl_facts_free(st->facts);
  sqlite3_free(st);
}

static void set_vtab_error(sqlite3_vtab *vt, const char *msg){
  sqlite3_free(vt->zErrMsg);
  vt->zErrMsg = sqlite3_mprintf("zeek: %s", msg);
}

/* ---- tables --------------------------------------------------------------- */

static void free_table(ZeekTable *t){
  if(!t) return;
  for(ZeekTable **p = &t->state->tables; *p; p = &(*p)->next){
    if(*p == t){ *p = t->next; break; }
  }
  zl_schema_free(&t->cfg.columns);
  zl_schema_free_all(t->headerless, t->nheaderless);
  sqlite3_free(t->headerless_name);
  sqlite3_free(t->unreadable);
  sqlite3_free((char *)t->cfg.pattern);
  sqlite3_free(t->cols);
  sqlite3_free(t->name);
  sqlite3_free(t);
}

static ZeekTable *new_table(sqlite3 *db, void *pAux, const char *name){
  ZeekTable *t = sqlite3_malloc64(sizeof *t);
  if(!t) return NULL;
  memset(t, 0, sizeof *t);
  zl_scan_config_init(&t->cfg);
  t->ts_col = t->ts_field = -1;
  t->state = pAux;
  t->db = db;
  t->name = sqlite3_mprintf("%s", name);
  t->next = t->state->tables;
  t->state->tables = t;
  /* It opens files named in its arguments: never from a schema an attacker
  ** wrote (a trigger or view in a database file someone handed us). */
  sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  return t;
}

/* A table stored in a database file whose log is gone (rotated away): it
** cannot be read, but it must still be droppable. It gets one column and
** every scan of it is the error that made it so. */
static int connect_unreadable(sqlite3 *db, ZeekTable *t, char *msg, sqlite3_vtab **ppVtab){
  t->unreadable = msg;
  t->cols = sqlite3_malloc64(sizeof *t->cols);
  if(!t->cols) return SQLITE_NOMEM;
  t->cols[t->ncols++] = (ZlColumn){ ZL_COL_LINE, -1, 0 };      /* never read */
  int rc = sqlite3_declare_vtab(db, "CREATE TABLE x(unreadable TEXT)");
  if(rc != SQLITE_OK) return rc;
  *ppVtab = &t->base;
  return SQLITE_OK;
}

/* CREATE VIRTUAL TABLE ... USING zeek(...) (create), or a table stored in
** a database file being opened (connect). */
static int open_table(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                      sqlite3_vtab **ppVtab, char **pzErr, int creating){
  ZeekOptions o;
  ZeekTable *t = new_table(db, pAux, argv[2]);
  if(!t) return SQLITE_NOMEM;
  char *msg = zl_options_parse(argc, argv, &o);
  if(!msg) msg = zl_table_fields(t, &o);
  if(!msg) msg = zl_table_groups(t, &o);
  if(msg && !creating){
    zl_options_free(&o);
    int rc = connect_unreadable(db, t, msg, ppVtab);
    if(rc != SQLITE_OK) free_table(t);
    return rc;
  }
  if(msg){
    *pzErr = sqlite3_mprintf("zeek: %s", msg);
    sqlite3_free(msg);
    zl_options_free(&o);
    free_table(t);
    return SQLITE_ERROR;
  }
  t->cfg.pattern = o.path;
  o.path = NULL;
  t->cfg.strict = (int)o.strict;
  t->cfg.max_line = (size_t)o.max_line;
  t->cfg.max_fields = (int)o.max_fields;
  t->cfg.threads = (int)o.threads;
  t->group_memory = (size_t)o.group_memory;
  int rc = zl_table_declare(db, t, o.names && !strcmp(o.names, "zeek"), pzErr);
  zl_options_free(&o);
  if(rc != SQLITE_OK){ free_table(t); return rc; }
  *ppVtab = &t->base;
  return SQLITE_OK;
}

static int zeekCreate(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                      sqlite3_vtab **ppVtab, char **pzErr){
  return open_table(db, pAux, argc, argv, ppVtab, pzErr, 1);
}

static int zeekConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                       sqlite3_vtab **ppVtab, char **pzErr){
  return open_table(db, pAux, argc, argv, ppVtab, pzErr, 0);
}

/* xConnect of zeek_http: fixed http columns; the path comes per query. */
static int httpConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                       sqlite3_vtab **ppVtab, char **pzErr){
  ZeekTable *t = new_table(db, pAux, "zeek_http");
  if(!t) return SQLITE_NOMEM;
  t->is_function = 1;
  if(zl_schema_builtin("http_all", &t->cfg.columns)
     || zl_schema_headerless("http", &t->headerless, &t->nheaderless)){
    free_table(t);
    return SQLITE_NOMEM;
  }
  t->cfg.headerless = t->headerless;
  t->cfg.nheaderless = t->nheaderless;
  t->cfg.headerless_name = "is it an http.log?";
  t->cfg.log_type = "http";
  t->cfg.log_reader = "zeek_http()";
  t->ts_field = 0;                    /* http_all's first field */
  t->cfg.threads = zl_default_threads();
  t->group_memory = ZL_DEFAULT_GROUP_MEMORY;
  int rc = zl_table_declare(db, t, 0, pzErr);
  if(rc != SQLITE_OK){ free_table(t); return rc; }
  *ppVtab = &t->base;
  return SQLITE_OK;
}

static int zeekDisconnect(sqlite3_vtab *vt){
  free_table((ZeekTable *)vt);
  return SQLITE_OK;
}

static int zeekBestIndex(sqlite3_vtab *vt, sqlite3_index_info *info){
  return zl_plan_best_index((ZeekTable *)vt, info);
}

static int zeekRename(sqlite3_vtab *vt, const char *zNew){
  ZeekTable *t = (ZeekTable *)vt;
  char *name = sqlite3_mprintf("%s", zNew);
  if(!name) return SQLITE_NOMEM;
  sqlite3_free(t->name);
  t->name = name;
  return SQLITE_OK;
}

/* ---- cursors -------------------------------------------------------------- */

static int zeekOpen(sqlite3_vtab *vt, sqlite3_vtab_cursor **ppCur){
  ZeekCursor *c = sqlite3_malloc64(sizeof *c);
  if(!c) return SQLITE_NOMEM;
  memset(c, 0, sizeof *c);
  c->eof = 1;
  *ppCur = &c->base;
  return SQLITE_OK;
}

static void free_filters(ZeekCursor *c){
  for(int f = 0; f < c->nfilters; f++){
    for(int i = 0; i < c->filters[f].nvalues; i++) sqlite3_free((char *)c->filters[f].values[i].p);
    sqlite3_free(c->filters[f].values);
  }
  c->nfilters = 0;
}

static void end_scan(ZeekCursor *c){
  zl_rows_close(&c->rows);
  free_filters(c);
  sqlite3_free(c->path);
  sqlite3_free(c->wanted);
  c->path = NULL;
  c->wanted = NULL;
}

static int zeekClose(sqlite3_vtab_cursor *cur){
  ZeekCursor *c = (ZeekCursor *)cur;
  end_scan(c);
  sqlite3_free(c);
  return SQLITE_OK;
}

static int scan_error(ZeekCursor *c){
  c->eof = 1;
  if(zl_rows_interrupted(&c->rows)) return SQLITE_INTERRUPT;
  set_vtab_error(c->base.pVtab, zl_rows_error(&c->rows));
  return SQLITE_ERROR;
}

/* The scan's way to ask whether the user interrupted the query. */
static int query_interrupted(void *db){ return zl_host_is_interrupted(db); }

static int zeekNext(sqlite3_vtab_cursor *cur){
  ZeekCursor *c = (ZeekCursor *)cur;
  int rc = zl_rows_next(&c->rows);
  if(rc < 0) return scan_error(c);
  if(rc == 0){
    c->eof = 1;
    ((ZeekTable *)cur->pVtab)->last = *zl_rows_stats(&c->rows);
    return SQLITE_OK;
  }
  c->rowid++;
  return SQLITE_OK;
}

/* The fields behind the SQL columns in colUsed (bit 63: 63 and beyond); a
** summary's groups need every group field, whatever the query reads. */
static unsigned char *wanted_fields(const ZeekTable *t, uint64_t used){
  unsigned char *w = sqlite3_malloc64((size_t)t->cfg.columns.n + 1);
  if(!w) return NULL;
  memset(w, 0, (size_t)t->cfg.columns.n + 1);
  for(int i = 0; i < t->ncols; i++){
    int is_used = t->ngroup || (i >= 63 ? (used >> 63) & 1 : (used >> i) & 1);
    if(is_used && t->cols[i].field >= 0) w[t->cols[i].field] = 1;
  }
  return w;
}

/* Does SQLite compare this column's values as numbers? */
static int numeric_column(const ZeekTable *t, int col){
  const ZlColumn *k = &t->cols[col];
  if(k->kind == ZL_COL_LINE) return 1;
  if(k->kind != ZL_COL_FIELD) return 0;
  ZlKind kind = t->cfg.columns.f[k->field].kind;
  return kind != ZL_TEXT && kind != ZL_SET;
}

/* Adds one value a filter lets through, converted as SQLite would compare
** it with the column (a value that can never compare equal is dropped). */
static int add_filter_value(ZlFilter *f, sqlite3_value *v, int numeric){
  ZlPart p = { .type = ZL_PART_NULL };
  int type = numeric ? sqlite3_value_numeric_type(v) : sqlite3_value_type(v);
  if(type == SQLITE_NULL || (numeric && type != SQLITE_INTEGER && type != SQLITE_FLOAT)) return 0;
  if(numeric && type == SQLITE_INTEGER){ p.type = ZL_PART_INT; p.i = sqlite3_value_int64(v); }
  else if(numeric){ p.type = ZL_PART_REAL; p.r = sqlite3_value_double(v); }
  else{
    const unsigned char *s = sqlite3_value_text(v);
    p.n = (size_t)sqlite3_value_bytes(v);
    char *copy = sqlite3_malloc64(p.n + 1);
    if(!copy || !s){ sqlite3_free(copy); return SQLITE_NOMEM; }
    memcpy(copy, s, p.n);
    p.type = ZL_PART_TEXT;
    p.p = copy;
  }
  ZlPart *grown = sqlite3_realloc64(f->values, (sqlite3_uint64)(f->nvalues + 1) * sizeof *grown);
  if(!grown){ sqlite3_free((char *)p.p); return SQLITE_NOMEM; }
  f->values = grown;
  f->values[f->nvalues++] = p;
  return SQLITE_OK;
}

/* A filter from an `=` value or, all at once, an `IN (...)` list. */
static int take_filter(ZeekCursor *c, int part, int col, int is_in, sqlite3_value *arg){
  ZlFilter *f = &c->filters[c->nfilters++];
  int numeric = numeric_column((ZeekTable *)c->base.pVtab, col), rc = SQLITE_OK;
  memset(f, 0, sizeof *f);
  f->part = part;
  if(!is_in) return add_filter_value(f, arg, numeric);
  sqlite3_value *v;
  for(int r = sqlite3_vtab_in_first(arg, &v); r == SQLITE_OK && rc == SQLITE_OK; r = sqlite3_vtab_in_next(arg, &v)){
    rc = add_filter_value(f, v, numeric);
  }
  return rc;
}

/* The plan's arguments: ts bounds for pruning, filters for grouped rows. */
static int take_args(ZeekCursor *c, const ZlQueryPlan *plan, int argc, sqlite3_value **argv){
  for(int i = 0; i < plan->nargs && i < argc; i++){
    const ZlPlanArg *a = &plan->args[i];
    if(a->kind == 'T'){ zl_prune_bound(&c->prune, a->op, argv[i]); continue; }
    if(a->part < 0 || a->part >= plan->ngroup) continue;
    int rc = take_filter(c, a->part, plan->group_col[a->part], a->kind == 'I', argv[i]);
    if(rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

/* A summary table: every scan counts its groups, handed out once each. */
static int open_summary(ZeekCursor *c, const ZeekTable *t){
  ZlGroupSpec spec = { .ncols = t->ngroup, .nleading = t->ngroup, .budget = t->group_memory,
                       .ts_field = t->ts_field, .once = 1 };
  int part_of[ZL_ROWS_MAX_COLS];
  for(int i = 0; i < ZL_ROWS_MAX_COLS; i++) part_of[i] = i < t->ngroup ? i : -1;
  memcpy(spec.cols, t->group, sizeof t->group);
  return zl_rows_open_grouped(&c->rows, &c->cfg, t->cols, t->ncols, &spec, part_of);
}

static int open_grouped(ZeekCursor *c, const ZeekTable *t, const ZlQueryPlan *plan){
  ZlGroupSpec spec = { .ncols = plan->ngroup, .nleading = plan->nleading,
                       .filters = c->filters, .nfilters = c->nfilters, .budget = t->group_memory,
                       .ts_field = t->ts_field };
  int part_of[ZL_ROWS_MAX_COLS];
  for(int i = 0; i < ZL_ROWS_MAX_COLS; i++) part_of[i] = -1;
  for(int k = 0; k < plan->ngroup; k++){
    spec.cols[k] = t->cols[plan->group_col[k]];
    spec.desc[k] = plan->desc[k];
    part_of[plan->group_col[k]] = k;
  }
  return zl_rows_open_grouped(&c->rows, &c->cfg, t->cols, t->ncols, &spec, part_of);
}

static int zeekFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr,
                      int argc, sqlite3_value **argv){
  ZeekCursor *c = (ZeekCursor *)cur;
  ZeekTable *t = (ZeekTable *)cur->pVtab;
  ZlQueryPlan plan;
  end_scan(c);
  if(t->unreadable){ set_vtab_error(cur->pVtab, t->unreadable); return SQLITE_ERROR; }
  if(zl_plan_decode(idxStr, &plan)){ set_vtab_error(cur->pVtab, "bad plan"); return SQLITE_ERROR; }
  c->cfg = t->cfg;
  if(plan.path_arg){
    const unsigned char *p = argc > 0 ? sqlite3_value_text(argv[0]) : NULL;
    if(!p){ set_vtab_error(cur->pVtab, "zeek_http() needs a path"); return SQLITE_ERROR; }
    if(!(c->path = sqlite3_mprintf("%s", p))) return SQLITE_NOMEM;
    c->cfg.pattern = c->path;
    argc--; argv++;
  }
  zl_prune_init(&c->prune, t->state->facts);
  int rc = take_args(c, &plan, argc, argv);
  if(rc != SQLITE_OK) return rc;
  if(!(c->wanted = wanted_fields(t, plan.col_used))) return SQLITE_NOMEM;
  c->cfg.wanted = c->wanted;
  zl_prune_hook(&c->prune, &c->cfg, t->ts_col >= 0 ? t->cols[t->ts_col].field : -1);
  if(zl_host_can_interrupt()){
    c->cfg.interrupted = query_interrupted;
    c->cfg.interrupt_ctx = t->db;
  }
  c->rowid = 0;
  c->eof = 0;
  if(t->ngroup) rc = open_summary(c, t);
  else if(plan.ngroup) rc = open_grouped(c, t, &plan);
  else rc = zl_rows_open_plain(&c->rows, &c->cfg, t->cols, t->ncols);
  if(rc) return scan_error(c);
  return zeekNext(cur);
}

static int zeekEof(sqlite3_vtab_cursor *cur){ return ((ZeekCursor *)cur)->eof; }

static int zeekRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid){
  *pRowid = ((ZeekCursor *)cur)->rowid;
  return SQLITE_OK;
}

static void result_part(sqlite3_context *ctx, const ZlPart *p){
  switch(p->type){
    case ZL_PART_INT: sqlite3_result_int64(ctx, p->i); break;
    case ZL_PART_REAL: sqlite3_result_double(ctx, p->r); break;
    case ZL_PART_TEXT: sqlite3_result_text64(ctx, p->p, p->n, SQLITE_TRANSIENT, SQLITE_UTF8); break;
    default: sqlite3_result_null(ctx); break;
  }
}

static int zeekColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int i){
  ZeekCursor *c = (ZeekCursor *)cur;
  const ZlColumn *col = &((ZeekTable *)cur->pVtab)->cols[i];
  ZlPart p;
  if(col->kind == ZL_COL_ARG) sqlite3_result_text(ctx, c->path ? c->path : "", -1, SQLITE_TRANSIENT);
  else if(zl_rows_value(&c->rows, i, &p)) sqlite3_result_error_nomem(ctx);
  else result_part(ctx, &p);
  return SQLITE_OK;
}

/* ---- the modules ---------------------------------------------------------- */

static sqlite3_module zeekModule = {
  /* iVersion    */ 0,
  /* xCreate     */ zeekCreate,      /* nothing is stored: create = connect, but */
                                     /* connect keeps a stored table droppable */
  /* xConnect    */ zeekConnect,
  /* xBestIndex  */ zeekBestIndex,
  /* xDisconnect */ zeekDisconnect,
  /* xDestroy    */ zeekDisconnect,
  /* xOpen       */ zeekOpen,
  /* xClose      */ zeekClose,
  /* xFilter     */ zeekFilter,
  /* xNext       */ zeekNext,
  /* xEof        */ zeekEof,
  /* xColumn     */ zeekColumn,
  /* xRowid      */ zeekRowid,
  /* xUpdate     */ 0,               /* read-only */
  /* xBegin      */ 0, /* xSync */ 0, /* xCommit */ 0, /* xRollback */ 0,
  /* xFindMethod */ 0,
  /* xRename     */ zeekRename,
  0, 0, 0, 0
};

static sqlite3_module httpModule = {
  0,
  /* xCreate     */ 0,               /* eponymous only: zeek_http('...') */
  /* xConnect    */ httpConnect,
  zeekBestIndex, zeekDisconnect, zeekDisconnect, zeekOpen, zeekClose,
  zeekFilter, zeekNext, zeekEof, zeekColumn, zeekRowid,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
};

int zeeklog_register_vtab(sqlite3 *db, char **pzErr){
  ZeekState *st = sqlite3_malloc64(sizeof *st);
  if(!st) return SQLITE_NOMEM;
  memset(st, 0, sizeof *st);
  if(!(st->facts = zl_facts_new())){ sqlite3_free(st); return SQLITE_NOMEM; }
  st->refs = 1;
  /* On failure SQLite calls the destructor itself. */
  int rc = sqlite3_create_module_v2(db, "zeek", &zeekModule, st, state_unref);
  if(rc == SQLITE_OK){
    st->refs++;
    rc = sqlite3_create_module_v2(db, "zeek_http", &httpModule, st, state_unref);
  }
  if(rc == SQLITE_OK) rc = zl_register_stats(db, st);
  if(rc == SQLITE_OK) rc = zl_register_attach(db);
  if(rc != SQLITE_OK) *pzErr = sqlite3_mprintf("zeek: cannot register: %s", sqlite3_errmsg(db));
  return rc;
}
