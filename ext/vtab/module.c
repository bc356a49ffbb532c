/*
** sql_vtab.c — the `zeek` virtual table and the `zeek_http()` table function.
**
**   CREATE VIRTUAL TABLE temp.http USING zeek('logs/http.log');
**   CREATE VIRTUAL TABLE temp.http USING zeek('logs/2012-03-16/http.*.log.gz');
**   CREATE VIRTUAL TABLE temp.http USING zeek(path='http.log', schema='http');
**   CREATE VIRTUAL TABLE temp.x    USING zeek('x.log', fields='ts:time host:string');
**   SELECT * FROM zeek_http('http.log');
**   SELECT zeek_skipped('http');      -- bad lines the last full scan skipped
**
** Arguments of zeek(): the path or glob (first, or path=), and
**   schema='http'      headerless files have Bro 2.x's 27 http fields
**   fields='n:t ...'   headerless files have these fields
**   names=zeek         keep dotted names (id.orig_h) instead of id_orig_h
**   strict=1           a bad line is an error naming file and line
**   max_line=N         longest line in bytes (default 16 MiB; longer: bad line)
**   max_fields=N       most fields a header may declare (default 4096)
**   threads=N          parsing threads (default: the CPUs, at most 4; 0: none)
**   group_memory=N     bytes a grouped scan may hold per pass (default 24 MiB)
**
** Columns: the log's fields in file order, with `ts_iso` right after a `ts`
** of type time, then the hidden `_file` and `_line`. The reader below
** (scan.h) validates every line; this layer converts only the columns the
** query uses, when SQLite asks for them.
*/
#include <math.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "families.h"
#include "scan/facts.h"
#include "group/grouped_scan.h"
SQLITE_EXTENSION_INIT3


typedef struct ZeekState ZeekState;

typedef struct ZeekTable {
  sqlite3_vtab base;
  ZeekState *state;
  struct ZeekTable *next;     /* in state->tables */
  char *name;
  ZlScanConfig cfg;
  ZlSchema headerless;        /* cfg.headerless points here when set */
  ZlColumn *cols;              /* what each SQL column shows */
  int ncols;
  int is_function;            /* zeek_http(): the path is an argument */
  int ts_col;                 /* SQL column of a `ts` of type time, or -1 */
  size_t group_memory;        /* per pass of a grouped scan; 0: the default */
  sqlite3_int64 last_skipped; /* by the last scan that reached the end */
  sqlite3_int64 last_rows;
  int last_files_read, last_files_pruned, last_passes;
} ZeekTable;

typedef struct ZeekCursor {
  sqlite3_vtab_cursor base;
  ZlScan scan;
  ZlScanConfig cfg;           /* a copy, with the path of this query */
  unsigned char *wanted;      /* cfg.wanted: the fields this query reads */
  char *path;
  int scan_open;
  int eof;
  sqlite3_int64 rowid;
  ZlBuf scratch;              /* decoded text and set JSON */
  int grouped;                /* rows come from gs, already grouped */
  ZlGroupedScan gs;
  int part_of[64];            /* grouped: SQL column -> tuple part, or -1 */
  ZlFilter filters[ZL_GROUPED_MAX_COLS];
  int nfilters;
  double ts_lo, ts_hi;        /* the query wants lo <= ts <= hi, at most */
  ZlFileId opened;            /* the file skip_file() last let through */
  int opened_ok;
} ZeekCursor;

/* Per connection: the live tables (for zeek_skipped()) and the facts learnt
** about files. Both modules hold a reference: SQLite destroys them one by
** one at close, in no set order. */
struct ZeekState { ZeekTable *tables; ZlFacts *facts; int refs; };

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

/* ---- table options ------------------------------------------------------ */

/* A copy of an argument's value without its quotes. */
static char *dequote(const char *s){
  size_t n = strlen(s);
  while(n && (*s == ' ')){ s++; n--; }
  while(n && s[n - 1] == ' ') n--;
  char q = n >= 2 ? s[0] : 0;
  if((q == '\'' || q == '"') && s[n - 1] == q){
    char *out = sqlite3_malloc64(n), *w = out;
    if(!out) return NULL;
    for(size_t i = 1; i + 1 < n; i++){
      if(s[i] == q && s[i + 1] == q) i++;   /* '' inside '...' */
      *w++ = s[i];
    }
    *w = 0;
    return out;
  }
  return sqlite3_mprintf("%.*s", (int)n, s);
}

typedef struct ZeekOptions {
  char *path, *schema, *fields, *names;
  sqlite3_int64 strict, max_line, max_fields, threads, group_memory;
} ZeekOptions;

static void free_options(ZeekOptions *o){
  sqlite3_free(o->path); sqlite3_free(o->schema);
  sqlite3_free(o->fields); sqlite3_free(o->names);
}

static int parse_number_option(const char *v, sqlite3_int64 lo, sqlite3_int64 hi, sqlite3_int64 *out){
  char *end;
  long long n = strtoll(v, &end, 10);
  if(end == v || *end || n < lo || n > hi) return -1;
  *out = n;
  return 0;
}

/* One parsing thread per CPU, at most 4: past that SQLite's own work on the
** calling thread is the bottleneck. */
static int default_threads(void){
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > 4 ? 4 : (int)n;
}

/* Sets option key to val (both dequoted); NULL, or an sqlite3_mprintf'd
** message. A text value is taken over (*val set to NULL). */
static char *apply_option(ZeekOptions *o, const char *key, char **val){
  static const struct { const char *key; size_t at; } texts[] = {
    { "path", offsetof(ZeekOptions, path) }, { "schema", offsetof(ZeekOptions, schema) },
    { "fields", offsetof(ZeekOptions, fields) }, { "names", offsetof(ZeekOptions, names) },
  };
  static const struct { const char *key; size_t at; sqlite3_int64 lo, hi; } numbers[] = {
    { "max_line", offsetof(ZeekOptions, max_line), 64, (sqlite3_int64)1 << 31 },
    { "max_fields", offsetof(ZeekOptions, max_fields), 1, 1000000 },
    { "threads", offsetof(ZeekOptions, threads), 0, 64 },
    { "strict", offsetof(ZeekOptions, strict), 0, 1 },
    { "group_memory", offsetof(ZeekOptions, group_memory), 1024, (sqlite3_int64)1 << 40 },
  };
  for(size_t i = 0; i < sizeof texts / sizeof *texts; i++){
    if(strcmp(key, texts[i].key)) continue;
    char **slot = (char **)((char *)o + texts[i].at);
    sqlite3_free(*slot);
    *slot = *val;
    *val = NULL;
    return NULL;
  }
  for(size_t i = 0; i < sizeof numbers / sizeof *numbers; i++){
    if(strcmp(key, numbers[i].key)) continue;
    if(parse_number_option(*val, numbers[i].lo, numbers[i].hi,
                           (sqlite3_int64 *)((char *)o + numbers[i].at)) == 0) return NULL;
    return sqlite3_mprintf("%s must be a whole number from %lld to %lld", key,
                           numbers[i].lo, numbers[i].hi);
  }
  return sqlite3_mprintf("unknown option '%s' (known: path, schema, fields, names,"
                         " strict, max_line, max_fields, threads, group_memory)", key);
}

/* Reads zeek(...)'s arguments; NULL, or an sqlite3_mprintf'd message. */
static char *parse_options(int argc, const char *const *argv, ZeekOptions *o){
  memset(o, 0, sizeof *o);
  o->threads = default_threads();
  for(int i = 3; i < argc; i++){
    const char *eq = strchr(argv[i], '=');
    const char *q = strpbrk(argv[i], "'\"");
    if(!eq || (q && q < eq)){                     /* positional: the path */
      if(o->path) return sqlite3_mprintf("more than one path given");
      if(!(o->path = dequote(argv[i]))) return sqlite3_mprintf("out of memory");
      continue;
    }
    char *raw_key = sqlite3_mprintf("%.*s", (int)(eq - argv[i]), argv[i]);
    char *key = raw_key ? dequote(raw_key) : NULL;
    char *val = dequote(eq + 1);
    char *msg = key && val ? apply_option(o, key, &val) : sqlite3_mprintf("out of memory");
    sqlite3_free(raw_key);
    sqlite3_free(key);
    sqlite3_free(val);
    if(msg) return msg;
  }
  if(!o->path) return sqlite3_mprintf("no log path given: zeek('path/to/http.log')");
  if(o->schema && o->fields) return sqlite3_mprintf("give schema= or fields=, not both");
  if(o->names && strcmp(o->names, "zeek") && strcmp(o->names, "sql"))
    return sqlite3_mprintf("names= is 'zeek' (dotted) or 'sql' (id_orig_h)");
  return NULL;
}

/* ---- columns ------------------------------------------------------------ */

static char *column_name(const char *zeek_name, int dotted){
  char *n = sqlite3_mprintf("%s", zeek_name);
  if(n && !dotted) for(char *p = n; *p; p++) if(*p == '.') *p = '_';
  return n;
}

/* Lays out the SQL columns and declares them; returns an SQLite rc. */
static int declare_columns(sqlite3 *db, ZeekTable *t, int dotted, char **pzErr){
  const ZlSchema *s = &t->cfg.columns;
  int limit = sqlite3_limit(db, SQLITE_LIMIT_COLUMN, -1);
  if(s->n + 4 > limit){           /* + ts_iso, _file, _line, path */
    *pzErr = sqlite3_mprintf("zeek: the log has %d fields; SQLite allows %d columns in a table"
                             " (SQLITE_LIMIT_COLUMN)", s->n, limit);
    return SQLITE_ERROR;
  }
  t->cols = sqlite3_malloc64(sizeof(ZlColumn) * ((size_t)s->n + 4));
  if(!t->cols) return SQLITE_NOMEM;
  sqlite3_str *sql = sqlite3_str_new(db);
  sqlite3_str_appendall(sql, "CREATE TABLE x(");
  for(int i = 0; i < s->n; i++){
    char *name = column_name(s->f[i].name, dotted);
    sqlite3_str_appendf(sql, "%s\"%w\" %s", i ? ", " : "", name ? name : "",
                        zl_sql_type(s->f[i].kind));
    sqlite3_free(name);
    t->cols[t->ncols++] = (ZlColumn){ ZL_COL_FIELD, i };
    if(!strcmp(s->f[i].name, "ts") && s->f[i].kind == ZL_TIME){
      t->ts_col = t->ncols - 1;
      sqlite3_str_appendall(sql, ", ts_iso TEXT");
      t->cols[t->ncols++] = (ZlColumn){ ZL_COL_TS_ISO, i };
    }
  }
  if(t->is_function){      /* the first hidden column takes zeek_http('...') */
    sqlite3_str_appendall(sql, ", path TEXT HIDDEN");
    t->cols[t->ncols++] = (ZlColumn){ ZL_COL_ARG, -1 };
  }
  sqlite3_str_appendall(sql, ", _file TEXT HIDDEN, _line INTEGER HIDDEN");
  t->cols[t->ncols++] = (ZlColumn){ ZL_COL_FILE, -1 };
  t->cols[t->ncols++] = (ZlColumn){ ZL_COL_LINE, -1 };
  sqlite3_str_appendall(sql, ")");
  char *ddl = sqlite3_str_finish(sql);
  if(!ddl) return SQLITE_NOMEM;
  int rc = sqlite3_declare_vtab(db, ddl);
  if(rc != SQLITE_OK) *pzErr = sqlite3_mprintf("zeek: cannot declare columns: %s", sqlite3_errmsg(db));
  sqlite3_free(ddl);
  return rc;
}

/* The table's fields: a built-in layout, fields=, or the first header. */
static char *table_schema(ZeekTable *t, const ZeekOptions *o){
  char *err = NULL, *msg;
  if(o->schema){
    if(zl_schema_builtin(o->schema, &t->cfg.columns))
      return sqlite3_mprintf("unknown schema '%s' (known: http, http_all)", o->schema);
  }else if(o->fields){
    if(zl_schema_parse(o->fields, &t->cfg.columns, &err) == 0) err = NULL;
  }else if(zl_scan_probe(o->path, (size_t)o->max_line, (int)o->max_fields, &t->cfg.columns, &err) == 0){
    return NULL;                                  /* schema from the header */
  }
  if(err){
    msg = sqlite3_mprintf("%s", err);
    free(err);
    return msg;
  }
  /* schema= and fields= describe headerless files; headers map by name. */
  if(zl_schema_copy(&t->headerless, &t->cfg.columns)) return sqlite3_mprintf("out of memory");
  t->cfg.headerless = &t->headerless;
  t->cfg.by_name = 1;
  return NULL;
}

/* ---- module methods ----------------------------------------------------- */

static void free_table(ZeekTable *t){
  if(!t) return;
  for(ZeekTable **p = &t->state->tables; *p; p = &(*p)->next){
    if(*p == t){ *p = t->next; break; }
  }
  zl_schema_free(&t->cfg.columns);
  zl_schema_free(&t->headerless);
  sqlite3_free((char *)t->cfg.pattern);
  sqlite3_free(t->cols);
  sqlite3_free(t->name);
  sqlite3_free(t);
}

static ZeekTable *new_table(sqlite3 *db, void *pAux, const char *name){
  ZeekTable *t = sqlite3_malloc64(sizeof *t);
  if(!t) return NULL;
  memset(t, 0, sizeof *t);
  t->ts_col = -1;
  t->state = pAux;
  t->name = sqlite3_mprintf("%s", name);
  t->next = t->state->tables;
  t->state->tables = t;
  /* It opens files named in its arguments: never from a schema an attacker
  ** wrote (a trigger or view in a database file someone handed us). */
  sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  return t;
}

/* xCreate and xConnect: CREATE VIRTUAL TABLE ... USING zeek(...). */
static int zeekConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                       sqlite3_vtab **ppVtab, char **pzErr){
  ZeekOptions o;
  ZeekTable *t = new_table(db, pAux, argv[2]);
  if(!t) return SQLITE_NOMEM;
  char *msg = parse_options(argc, argv, &o);
  if(!msg) msg = table_schema(t, &o);
  if(msg){
    *pzErr = sqlite3_mprintf("zeek: %s", msg);
    sqlite3_free(msg);
    free_options(&o);
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
  int rc = declare_columns(db, t, o.names && !strcmp(o.names, "zeek"), pzErr);
  free_options(&o);
  if(rc != SQLITE_OK){ free_table(t); return rc; }
  *ppVtab = &t->base;
  return SQLITE_OK;
}

/* xConnect of zeek_http: fixed http columns; the path comes per query. */
static int httpConnect(sqlite3 *db, void *pAux, int argc, const char *const *argv,
                       sqlite3_vtab **ppVtab, char **pzErr){
  ZeekTable *t = new_table(db, pAux, "zeek_http");
  if(!t) return SQLITE_NOMEM;
  t->is_function = 1;
  if(zl_schema_builtin("http_all", &t->cfg.columns) || zl_schema_builtin("http", &t->headerless)){
    free_table(t);
    return SQLITE_NOMEM;
  }
  t->cfg.headerless = &t->headerless;
  t->cfg.by_name = 1;
  t->cfg.threads = default_threads();
  int rc = declare_columns(db, t, 0, pzErr);
  if(rc != SQLITE_OK){ free_table(t); return rc; }
  *ppVtab = &t->base;
  return SQLITE_OK;
}

static int zeekDisconnect(sqlite3_vtab *vt){
  free_table((ZeekTable *)vt);
  return SQLITE_OK;
}

/* The operator letters xFilter reads back from idxStr for `ts` bounds. */
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

static int is_used(sqlite3_uint64 used, int col){ return col < 63 ? (used >> col) & 1 : (used >> 63) & 1; }

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

/* Can the rows go out already grouped? When SQLite only needs GROUP BY or
** DISTINCT groups of plain columns (sqlite3_vtab_distinct() 1 or 2), and
** every other column the query reads is pinned by `= v` or `IN (...)`, the
** scan can count the distinct tuples and SQLite need not sort every row.
** Fills the tuple's SQL columns (ordered ones first) and, for the others,
** the constraint that filters them. Returns the number of columns, or 0. */
static int plan_grouping(const ZeekTable *t, sqlite3_index_info *info, int cols[], int filter_of[]){
  if(sqlite3_libversion_number() < 3038000) return 0;     /* no vtab_distinct */
  int distinct = sqlite3_vtab_distinct(info);
  sqlite3_uint64 used = info->colUsed;
  int n = 0;
  if((distinct != 1 && distinct != 2) || info->nOrderBy < 1 || (used >> 63)) return 0;
  for(int k = 0; k < info->nOrderBy; k++){
    int col = info->aOrderBy[k].iColumn;
    if(col < 0 || col >= t->ncols || col >= 63 || n == ZL_GROUPED_MAX_COLS) return 0;
    if(t->cols[col].kind != ZL_COL_FIELD && t->cols[col].kind != ZL_COL_TS_ISO) return 0;
    for(int j = 0; j < n; j++) if(cols[j] == col) return 0;
    filter_of[n] = -1;
    cols[n++] = col;
  }
  for(int col = 0; col < t->ncols && col < 63; col++){
    int listed = 0;
    for(int j = 0; j < n; j++) listed |= cols[j] == col;
    if(listed || !is_used(used, col) || t->cols[col].kind == ZL_COL_ARG) continue;
    int f = filter_constraint(info, col);
    if(f < 0 || n == ZL_GROUPED_MAX_COLS) return 0;
    if(t->cols[col].kind != ZL_COL_FIELD && t->cols[col].kind != ZL_COL_TS_ISO) return 0;
    filter_of[n] = f;
    cols[n++] = col;
  }
  return n;
}

/* Plans a scan. idxNum: bit 1, argv[0] is zeek_http()'s path; bit 2, the
** rows go out grouped (orderByConsumed). idxStr: "USED|ARGS|GROUP" — the
** hex of colUsed (which columns to convert); one token per further argv:
** "T" and a `ts` bound's operator (used to skip files known not to hold
** such rows), "E"/"I" and a tuple part for an `=`/`IN` filter; and the
** tuple's SQL columns, leading ones first ("nleading:c0,c1d,...", d for a
** descending ORDER BY term; groups go out sorted as SQLite asked). SQLite
** still checks every constraint on every row: none is trusted blindly. */
static int zeekBestIndex(sqlite3_vtab *vt, sqlite3_index_info *info){
  ZeekTable *t = (ZeekTable *)vt;
  int path_col = -1, argc = 0, cols[ZL_GROUPED_MAX_COLS], filter_of[ZL_GROUPED_MAX_COLS];
  char args[64] = "", group[64] = "";
  size_t na = 0;
  for(int i = 0; i < t->ncols; i++) if(t->cols[i].kind == ZL_COL_ARG) path_col = i;
  for(int i = 0; i < info->nConstraint; i++){      /* the path first: argv[0] */
    const struct sqlite3_index_constraint *c = &info->aConstraint[i];
    if(path_col < 0 || c->iColumn != path_col) continue;
    if(!c->usable || c->op != SQLITE_INDEX_CONSTRAINT_EQ) return SQLITE_CONSTRAINT;
    info->aConstraintUsage[i].argvIndex = ++argc;
    info->aConstraintUsage[i].omit = 1;
  }
  if(path_col >= 0 && argc == 0) return SQLITE_CONSTRAINT;
  int ncols = plan_grouping(t, info, cols, filter_of);
  size_t ng = ncols ? (size_t)snprintf(group, sizeof group, "%d:", info->nOrderBy) : 0;
  for(int k = 0; k < ncols; k++){
    int desc = k < info->nOrderBy && info->aOrderBy[k].desc;
    ng += (size_t)snprintf(group + ng, sizeof group - ng, "%s%d%s", k ? "," : "", cols[k], desc ? "d" : "");
    int f = filter_of[k];
    if(f < 0) continue;
    int all_at_once = sqlite3_vtab_in(info, f, -1) && sqlite3_vtab_in(info, f, 1);
    info->aConstraintUsage[f].argvIndex = ++argc;
    na += (size_t)snprintf(args + na, sizeof args - na, "%c%d", all_at_once ? 'I' : 'E', k);
  }
  for(int i = 0; i < info->nConstraint && na + 3 < sizeof args; i++){
    const struct sqlite3_index_constraint *c = &info->aConstraint[i];
    char letter = ts_op_letter(c->op);
    if(c->iColumn != t->ts_col || t->ts_col < 0 || !c->usable || !letter) continue;
    if(info->aConstraintUsage[i].argvIndex) continue;   /* taken as a filter */
    info->aConstraintUsage[i].argvIndex = ++argc;
    args[na++] = 'T';
    args[na++] = letter;
    args[na] = 0;
  }
  info->idxNum = (path_col >= 0) | (ncols ? 2 : 0);
  info->orderByConsumed = ncols > 0;
  info->idxStr = sqlite3_mprintf("%llx|%s|%s", (unsigned long long)info->colUsed, args, group);
  info->needToFreeIdxStr = 1;
  info->estimatedCost = strchr(args, 'T') ? 1e6 : 1e7;
  info->estimatedRows = strchr(args, 'T') ? 100000 : 1000000;
  return info->idxStr ? SQLITE_OK : SQLITE_NOMEM;
}

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
  if(c->scan_open) zl_scan_close(&c->scan);
  if(c->grouped) zl_grouped_close(&c->gs);
  free_filters(c);
  c->scan_open = c->grouped = 0;
  sqlite3_free(c->path);
  sqlite3_free(c->wanted);
  c->path = NULL;
  c->wanted = NULL;
}

/* The fields behind the SQL columns in colUsed (bit 63: 63 and beyond). */
static unsigned char *wanted_fields(const ZeekTable *t, unsigned long long used){
  unsigned char *w = sqlite3_malloc64((size_t)t->cfg.columns.n + 1);
  if(!w) return NULL;
  memset(w, 0, (size_t)t->cfg.columns.n + 1);
  for(int i = 0; i < t->ncols; i++){
    int is_used = i >= 63 ? (used >> 63) & 1 : (used >> i) & 1;
    if(is_used && t->cols[i].field >= 0) w[t->cols[i].field] = 1;
  }
  return w;
}

static int zeekClose(sqlite3_vtab_cursor *cur){
  ZeekCursor *c = (ZeekCursor *)cur;
  end_scan(c);
  zl_buf_free(&c->scratch);
  sqlite3_free(c);
  return SQLITE_OK;
}

static int scan_error(ZeekCursor *c){
  const char *err = c->grouped ? c->gs.err : c->scan.err;
  set_vtab_error(c->base.pVtab, err ? err : "read failed");
  c->eof = 1;
  return SQLITE_ERROR;
}

static int zeekNext(sqlite3_vtab_cursor *cur){
  ZeekCursor *c = (ZeekCursor *)cur;
  int rc = c->grouped ? zl_grouped_next(&c->gs) : zl_scan_next(&c->scan);
  if(rc < 0) return scan_error(c);
  if(rc == 0){
    ZeekTable *t = (ZeekTable *)cur->pVtab;
    c->eof = 1;
    t->last_skipped = (sqlite3_int64)(c->grouped ? c->gs.skipped : c->scan.skipped);
    t->last_rows = (sqlite3_int64)(c->grouped ? c->gs.rows : c->scan.rows);
    t->last_files_read = c->grouped ? c->gs.files_read : c->scan.files_read;
    t->last_files_pruned = c->grouped ? c->gs.files_pruned : c->scan.files_pruned;
    t->last_passes = c->grouped ? c->gs.passes : 0;
    return SQLITE_OK;
  }
  c->rowid++;
  return SQLITE_OK;
}

/* ---- file facts: skipping archives a `ts` bound rules out ---------------- */

/* skip_file(): 1 when an earlier full read of this very file found no row
** with lo <= ts <= hi. Also notes the file's identity for file_done(). */
static int prune_file(void *ctx, const char *path){
  ZeekCursor *c = ctx;
  ZeekState *st = ((ZeekTable *)c->base.pVtab)->state;
  c->opened_ok = zl_file_id(path, &c->opened) == 0;
  if(!c->opened_ok || (c->ts_lo == -INFINITY && c->ts_hi == INFINITY)) return 0;
  return zl_facts_rules_out(st->facts, path, &c->opened, c->ts_lo, c->ts_hi);
}

/* file_done(): keeps what a whole read showed, if the file did not change
** while it was read (same identity before opening and after the end). */
static void learn_file(void *ctx, const char *path, int has_ts, double lo, double hi){
  ZeekCursor *c = ctx;
  ZeekState *st = ((ZeekTable *)c->base.pVtab)->state;
  ZlFileId now;
  if(!c->opened_ok || zl_file_id(path, &now) != 0 || !zl_file_id_equal(&now, &c->opened)) return;
  zl_facts_learn(st->facts, path, &now, has_ts, lo, hi);
}

/* Narrows [ts_lo, ts_hi] by a `ts` bound; one that is not a number
** (ts > 'text') narrows nothing. */
static void take_ts_bound(ZeekCursor *c, char op, sqlite3_value *arg){
  int type = sqlite3_value_numeric_type(arg);
  if(type != SQLITE_INTEGER && type != SQLITE_FLOAT) return;
  double v = sqlite3_value_double(arg);
  if(strchr("egG", op) && v > c->ts_lo) c->ts_lo = v;
  if(strchr("elL", op) && v < c->ts_hi) c->ts_hi = v;
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

/* The SQL column behind a tuple part. */
static int column_of_part(const ZeekCursor *c, int part){
  for(int col = 0; col < 64; col++) if(c->part_of[col] == part) return col;
  return 0;
}

/* Reads idxStr's group section ("nleading:c0,c1,...") into a plan. */
static void read_group_plan(ZeekCursor *c, const char *spec, ZlGroupPlan *plan){
  const ZeekTable *t = (const ZeekTable *)c->base.pVtab;
  char *end;
  memset(plan, 0, sizeof *plan);
  for(int i = 0; i < 64; i++) c->part_of[i] = -1;
  plan->nleading = (int)strtol(spec, &end, 10);
  while(*end == ':' || *end == ','){
    int col = (int)strtol(end + 1, &end, 10);
    if(col < 0 || col >= 63 || plan->ncols == ZL_GROUPED_MAX_COLS) break;   /* not from us */
    if(*end == 'd'){ plan->desc[plan->ncols] = 1; end++; }
    c->part_of[col] = plan->ncols;
    plan->cols[plan->ncols++] = t->cols[col];
  }
}

static int zeekFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr,
                      int argc, sqlite3_value **argv){
  ZeekCursor *c = (ZeekCursor *)cur;
  ZeekTable *t = (ZeekTable *)cur->pVtab;
  ZlGroupPlan plan;
  end_scan(c);
  c->cfg = t->cfg;
  if(idxNum & 1){
    const unsigned char *p = argc > 0 ? sqlite3_value_text(argv[0]) : NULL;
    if(!p){ set_vtab_error(cur->pVtab, "zeek_http() needs a path"); return SQLITE_ERROR; }
    if(!(c->path = sqlite3_mprintf("%s", p))) return SQLITE_NOMEM;
    c->cfg.pattern = c->path;
    argc--; argv++;
  }
  const char *args = strchr(idxStr, '|') + 1, *group = strchr(args, '|') + 1;
  if(idxNum & 2) read_group_plan(c, group, &plan);
  c->ts_lo = -INFINITY;
  c->ts_hi = INFINITY;
  for(int i = 0; args[2 * i] != '|' && args[2 * i] && i < argc; i++){
    char kind = args[2 * i], what = args[2 * i + 1];
    if(kind == 'T'){ take_ts_bound(c, what, argv[i]); continue; }
    int part = what - '0';
    int rc = take_filter(c, part, column_of_part(c, part), kind == 'I', argv[i]);
    if(rc != SQLITE_OK) return rc;
  }
  c->wanted = wanted_fields(t, strtoull(idxStr, NULL, 16));
  if(!c->wanted) return SQLITE_NOMEM;
  c->cfg.wanted = c->wanted;
  c->cfg.ts_col = t->ts_col >= 0 ? t->cols[t->ts_col].field : -1;
  if(c->cfg.ts_col >= 0){
    c->cfg.skip_file = prune_file;
    c->cfg.file_done = learn_file;
    c->cfg.hook_ctx = c;
  }
  c->rowid = 0;
  c->eof = 0;
  if(idxNum & 2){
    plan.filters = c->filters;
    plan.nfilters = c->nfilters;
    plan.budget = t->group_memory;
    c->grouped = 1;
    if(zl_grouped_open(&c->gs, &c->cfg, &plan)) return scan_error(c);
  }else{
    c->scan_open = 1;
    if(zl_scan_open(&c->scan, &c->cfg)) return scan_error(c);
  }
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
  ZlPart p = { .type = ZL_PART_NULL };
  if(col->kind == ZL_COL_ARG){
    sqlite3_result_text(ctx, c->path ? c->path : "", -1, SQLITE_TRANSIENT);
  }else if(c->grouped){
    if(i < 64 && c->part_of[i] >= 0) zl_grouped_value(&c->gs, c->part_of[i], &p);
    result_part(ctx, &p);
  }else if(zl_column_value(&c->scan, col, &c->scratch, &p)){
    sqlite3_result_error_nomem(ctx);
  }else{
    result_part(ctx, &p);
  }
  return SQLITE_OK;
}

static int zeekRename(sqlite3_vtab *vt, const char *zNew){
  ZeekTable *t = (ZeekTable *)vt;
  char *name = sqlite3_mprintf("%s", zNew);
  if(!name) return SQLITE_NOMEM;
  sqlite3_free(t->name);
  t->name = name;
  return SQLITE_OK;
}

static sqlite3_module zeekModule = {
  /* iVersion    */ 0,
  /* xCreate     */ zeekConnect,     /* nothing is stored: create = connect */
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

/* The zeek table a function's argument names; NULL (and an error set) when
** there is none. */
static ZeekTable *table_named(sqlite3_context *ctx, sqlite3_value *arg, const char *func){
  ZeekState *st = sqlite3_user_data(ctx);
  const char *name = (const char *)sqlite3_value_text(arg);
  for(ZeekTable *t = st->tables; name && t; t = t->next){
    if(sqlite3_stricmp(t->name, name) == 0) return t;
  }
  if(!name) return NULL;                     /* NULL in, NULL out */
  char *msg = sqlite3_mprintf("%s: no zeek table named '%s' on this connection", func, name);
  sqlite3_result_error(ctx, msg ? msg : "out of memory", -1);
  sqlite3_free(msg);
  return NULL;
}

/* zeek_skipped(TABLE): bad lines skipped by TABLE's last complete scan. */
static void skippedFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  ZeekTable *t = table_named(ctx, argv[0], "zeek_skipped");
  if(t) sqlite3_result_int64(ctx, t->last_skipped);
}

/* zeek_stats(TABLE): JSON about TABLE's last complete scan. */
static void statsFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  ZeekTable *t = table_named(ctx, argv[0], "zeek_stats");
  if(t){
    char *json = sqlite3_mprintf("{\"rows\":%lld,\"skipped_lines\":%lld,\"files_read\":%d,"
                                 "\"files_pruned\":%d,\"grouped_passes\":%d}", t->last_rows,
                                 t->last_skipped, t->last_files_read, t->last_files_pruned,
                                 t->last_passes);
    if(json) sqlite3_result_text(ctx, json, -1, sqlite3_free);
    else sqlite3_result_error_nomem(ctx);
  }
}

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
  if(rc == SQLITE_OK){
    rc = sqlite3_create_function(db, "zeek_skipped", 1, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                 st, skippedFunc, 0, 0);
  }
  if(rc == SQLITE_OK){
    rc = sqlite3_create_function(db, "zeek_stats", 1, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                 st, statsFunc, 0, 0);
  }
  if(rc != SQLITE_OK) *pzErr = sqlite3_mprintf("zeek: cannot register: %s", sqlite3_errmsg(db));
  return rc;
}
