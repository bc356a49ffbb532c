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

char *zl_table_fields(ZeekTable *t, const ZeekOptions *o){
  char *err = NULL, *msg;
  if(o->schema){
    if(zl_schema_builtin(o->schema, &t->cfg.columns))
      return sqlite3_mprintf("unknown schema '%s' (known: http, http_all)", o->schema);
  }else if(o->fields){
    if(zl_schema_parse(o->fields, &t->cfg.columns, &err) == 0) err = NULL;
  }else if(zl_scan_probe(o->path, (size_t)o->max_line, (int)o->max_fields, &t->cfg.columns, &err) == 0){
    return NULL;                                  /* fields from the header */
  }
  if(err){
    msg = sqlite3_mprintf("%s", err);
    free(err);
    return msg;
  }
  /* schema= and fields= describe headerless files (headers map by name). */
  if(zl_schema_copy(&t->headerless, &t->cfg.columns)) return sqlite3_mprintf("out of memory");
  t->cfg.headerless = &t->headerless;
  t->headerless_name = o->schema ? sqlite3_mprintf("is schema='%q' right for this file?", o->schema)
                                 : sqlite3_mprintf("is fields= right for this file?");
  if(!t->headerless_name) return sqlite3_mprintf("out of memory");
  t->cfg.headerless_name = t->headerless_name;
  return NULL;
}
