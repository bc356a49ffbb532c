/*
** stats.c — what a zeek table's last complete scan did:
**
**   SELECT zeek_skipped('http');   -- bad lines skipped
**   SELECT zeek_stats('http');     -- {"rows":..,"skipped_lines":..,"files_read":..,...}
**
** Both are errors for a name that is not a zeek table of this connection.
*/
#include "vtab/table.h"
SQLITE_EXTENSION_INIT3

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

static void skippedFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  ZeekTable *t = table_named(ctx, argv[0], "zeek_skipped");
  if(t) sqlite3_result_int64(ctx, (sqlite3_int64)t->last.skipped);
}

static void statsFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  ZeekTable *t = table_named(ctx, argv[0], "zeek_stats");
  if(!t) return;
  const ZlScanStats *s = &t->last;
  char *json = sqlite3_mprintf("{\"rows\":%llu,\"skipped_lines\":%llu,\"files_read\":%d,"
                               "\"files_pruned\":%d,\"grouped_passes\":%d,\"bad_files\":[%s],"
                               "\"unknown_keys\":%llu,\"skipped_files\":[%s]}",
                               (unsigned long long)s->rows, (unsigned long long)s->skipped,
                               s->files_read, s->files_pruned, s->passes, s->bad_files_json,
                               (unsigned long long)s->unknown_keys, s->skipped_files_json);
  if(json) sqlite3_result_text(ctx, json, -1, sqlite3_free);
  else sqlite3_result_error_nomem(ctx);
}

int zl_register_stats(sqlite3 *db, ZeekState *st){
  int rc = sqlite3_create_function(db, "zeek_skipped", 1, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                   st, skippedFunc, 0, 0);
  if(rc == SQLITE_OK){
    rc = sqlite3_create_function(db, "zeek_stats", 1, SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                 st, statsFunc, 0, 0);
  }
  return rc;
}
