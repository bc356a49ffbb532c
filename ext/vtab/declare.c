/*
** declare.c — a zeek table's fields and its SQL columns (see table.h).
**
** Columns: the log's fields in file order ('.' -> '_' unless names=zeek),
** `ts_iso` right after a `ts` of type time, then the hidden `_file` and
** `_line` (and, for zeek_http(), the hidden `path` its argument binds to).
*/
#include "vtab/table.h"
#include "scan/probe.h"

#include <stdlib.h>
#include <string.h>
SQLITE_EXTENSION_INIT3

static char *column_name(const char *zeek_name, int dotted){
  char *n = sqlite3_mprintf("%s", zeek_name);
  if(n && !dotted) for(char *p = n; *p; p++) if(*p == '.') *p = '_';
  return n;
}

int zl_table_declare(sqlite3 *db, ZeekTable *t, int dotted, char **pzErr){
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
