/*
** declare.c — a zeek table's fields and its SQL columns (see table.h).
**
** Columns: the log's fields in file order ('.' -> '_' unless names=zeek),
** `ts_iso` right after a `ts` of type time, then the hidden `_file`,
** `_line`, `ts_minute`, `ts_hour`, `ts_day` (and, for zeek_http(), the hidden
** `path` its argument binds to). A summary table (group=) has the group's
** fields, `bucket`, `rows`, `first_ts` and `last_ts` instead.
*/
#include "vtab/table.h"
#include "scan/probe.h"
#include "func/time/bucket.h"

#include <stdlib.h>
#include <string.h>
SQLITE_EXTENSION_INIT3

static char *column_name(const char *zeek_name, int dotted){
  char *n = sqlite3_mprintf("%s", zeek_name);
  if(n && !dotted) for(char *p = n; *p; p++) if(*p == '.') *p = '_';
  return n;
}

/* One more SQL column: its declaration and what it shows. */
static void add_column(ZeekTable *t, sqlite3_str *sql, const char *name, const char *type,
                       int hidden, ZlColumn col){
  sqlite3_str_appendf(sql, "%s\"%w\" %s%s", t->ncols ? ", " : "", name, type, hidden ? " HIDDEN" : "");
  t->cols[t->ncols++] = col;
}

/* A table of log rows: the fields, ts_iso after ts, then the hidden ones. */
static void log_columns(ZeekTable *t, sqlite3_str *sql, int dotted){
  const ZlSchema *s = &t->cfg.columns;
  for(int i = 0; i < s->n; i++){
    char *name = column_name(s->f[i].name, dotted);
    add_column(t, sql, name ? name : "", zl_sql_type(s->f[i].kind), 0, (ZlColumn){ ZL_COL_FIELD, i, 0 });
    sqlite3_free(name);
    if(!strcmp(s->f[i].name, "ts") && s->f[i].kind == ZL_TIME){
      t->ts_col = t->ncols - 1;
      add_column(t, sql, "ts_iso", "TEXT", 0, (ZlColumn){ ZL_COL_TS_ISO, i, 0 });
    }
  }
  /* zeek_http()'s first hidden column takes its argument: zeek_http('...') */
  if(t->is_function) add_column(t, sql, "path", "TEXT", 1, (ZlColumn){ ZL_COL_ARG, -1, 0 });
  add_column(t, sql, "_file", "TEXT", 1, (ZlColumn){ ZL_COL_FILE, -1, 0 });
  add_column(t, sql, "_line", "INTEGER", 1, (ZlColumn){ ZL_COL_LINE, -1, 0 });
  if(t->ts_col < 0) return;
  /* Buckets as plain columns, so GROUP BY ts_hour is a grouped scan. */
  int ts = t->cols[t->ts_col].field;
  add_column(t, sql, "ts_minute", "INTEGER", 1, (ZlColumn){ ZL_COL_BUCKET, ts, 60 });
  add_column(t, sql, "ts_hour", "INTEGER", 1, (ZlColumn){ ZL_COL_BUCKET, ts, 3600 });
  add_column(t, sql, "ts_day", "INTEGER", 1, (ZlColumn){ ZL_COL_BUCKET, ts, 86400 });
}

/* A summary table (group=): one row per distinct group, with its rows and
** ts range. */
static void summary_columns(ZeekTable *t, sqlite3_str *sql, int dotted){
  const ZlSchema *s = &t->cfg.columns;
  for(int k = 0; k < t->ngroup; k++){
    const ZlColumn *g = &t->group[k];
    if(g->kind == ZL_COL_BUCKET){ add_column(t, sql, "bucket", "INTEGER", 0, *g); continue; }
    char *name = column_name(s->f[g->field].name, dotted);
    add_column(t, sql, name ? name : "", zl_sql_type(s->f[g->field].kind), 0, *g);
    sqlite3_free(name);
  }
  add_column(t, sql, "rows", "INTEGER", 0, (ZlColumn){ ZL_COL_ROWS, -1, 0 });
  if(t->ts_field < 0) return;
  add_column(t, sql, "first_ts", "REAL", 0, (ZlColumn){ ZL_COL_FIRST_TS, t->ts_field, 0 });
  add_column(t, sql, "last_ts", "REAL", 0, (ZlColumn){ ZL_COL_LAST_TS, t->ts_field, 0 });
}

int zl_table_declare(sqlite3 *db, ZeekTable *t, int dotted, char **pzErr){
  const ZlSchema *s = &t->cfg.columns;
  int limit = sqlite3_limit(db, SQLITE_LIMIT_COLUMN, -1);
  if(s->n + ZL_EXTRA_COLUMNS > limit){
    *pzErr = sqlite3_mprintf("zeek: the log has %d fields; SQLite allows %d columns in a table"
                             " (SQLITE_LIMIT_COLUMN)", s->n, limit);
    return SQLITE_ERROR;
  }
  t->cols = sqlite3_malloc64(sizeof(ZlColumn) * ((size_t)s->n + ZL_EXTRA_COLUMNS));
  if(!t->cols) return SQLITE_NOMEM;
  sqlite3_str *sql = sqlite3_str_new(db);
  sqlite3_str_appendall(sql, "CREATE TABLE x(");
  if(t->ngroup) summary_columns(t, sql, dotted);
  else log_columns(t, sql, dotted);
  sqlite3_str_appendall(sql, ")");
  char *ddl = sqlite3_str_finish(sql);
  if(!ddl) return SQLITE_NOMEM;
  int rc = sqlite3_declare_vtab(db, ddl);
  if(rc != SQLITE_OK) *pzErr = sqlite3_mprintf("zeek: cannot declare columns: %s", sqlite3_errmsg(db));
  sqlite3_free(ddl);
  return rc;
}

/* schema= or fields=: the layouts of headerless files; 0 or a message. */
static char *configured_layouts(ZeekTable *t, const ZeekOptions *o){
  char *err = NULL;
  if(o->schema){
    if(zl_schema_headerless(o->schema, &t->headerless, &t->nheaderless))
      return sqlite3_mprintf("unknown schema '%s' (known: http, http_all)", o->schema);
    t->headerless_name = sqlite3_mprintf("is schema='%q' right for this file? (its layouts have"
                                         " 26, 27, 29 or 30 fields)", o->schema);
  }else{
    t->headerless = calloc(1, sizeof *t->headerless);
    if(!t->headerless) return sqlite3_mprintf("out of memory");
    t->nheaderless = 1;
    if(zl_schema_parse(o->fields, &t->headerless[0], &err)){
      char *msg = sqlite3_mprintf("%s", err ? err : "out of memory");
      free(err);
      return msg;
    }
    t->headerless_name = sqlite3_mprintf("is fields= right for this file?");
  }
  if(!t->headerless_name) return sqlite3_mprintf("out of memory");
  t->cfg.headerless = t->headerless;
  t->cfg.nheaderless = t->nheaderless;
  t->cfg.headerless_name = t->headerless_name;
  return NULL;
}

/* bucket='1 minute' / bucket=3600: whole seconds. */
static char *bucket_column(ZeekTable *t, const char *text){
  double w;
  if(t->ts_field < 0) return sqlite3_mprintf("bucket=: the log has no ts of type time");
  if(tb_parse_width(text, strlen(text), &w) != TB_OK || !tb_width_is_whole(w) || w > 1e15)
    return sqlite3_mprintf("bucket= is a whole number of seconds or a width such as '1 hour', not '%s'", text);
  t->group[t->ngroup++] = (ZlColumn){ ZL_COL_BUCKET, t->ts_field, (int64_t)w };
  return NULL;
}

char *zl_table_groups(ZeekTable *t, const ZeekOptions *o){
  const ZlSchema *s = &t->cfg.columns;
  t->ts_field = -1;
  for(int i = 0; i < s->n; i++) if(!strcmp(s->f[i].name, "ts") && s->f[i].kind == ZL_TIME) t->ts_field = i;
  if(!o->group) return NULL;
  for(const char *p = o->group; *p; ){
    while(*p == ' ' || *p == ',') p++;
    size_t n = strcspn(p, " ,");
    if(n == 0) break;
    if(t->ngroup == ZL_GROUPED_MAX_COLS - 1)
      return sqlite3_mprintf("group= takes at most %d fields", ZL_GROUPED_MAX_COLS - 1);
    char *name = sqlite3_mprintf("%.*s", (int)n, p);
    int f = name ? zl_schema_find_column(s, name) : -1;
    char *msg = f < 0 ? sqlite3_mprintf("group=: the log has no field '%s'", name ? name : "") : NULL;
    sqlite3_free(name);
    if(msg) return msg;
    t->group[t->ngroup++] = (ZlColumn){ ZL_COL_FIELD, f, 0 };
    p += n;
  }
  if(t->ngroup == 0 && !o->bucket) return sqlite3_mprintf("group= names no field");
  return o->bucket ? bucket_column(t, o->bucket) : NULL;
}

char *zl_table_fields(ZeekTable *t, const ZeekOptions *o){
  ZlProbe p = { .pattern = o->path, .max_line = (size_t)o->max_line, .max_fields = (int)o->max_fields };
  char *err = NULL, *msg;
  if(o->schema || o->fields){
    if((msg = configured_layouts(t, o))) return msg;
    if(o->fields) return zl_schema_copy(&t->cfg.columns, &t->headerless[0]) ? sqlite3_mprintf("out of memory") : NULL;
    if(!strcmp(o->schema, "http_all")) return zl_schema_builtin("http_all", &t->cfg.columns) ? sqlite3_mprintf("out of memory") : NULL;
    p.headerless = t->headerless;
    p.nheaderless = t->nheaderless;
  }
  if(zl_scan_probe(&p, &t->cfg.columns, &err) == 0) return NULL;
  msg = sqlite3_mprintf("%s", err ? err : "out of memory");
  free(err);
  return msg;
}
