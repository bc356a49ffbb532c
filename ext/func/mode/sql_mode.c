/*
** sql_mode.c — mode(X), an aggregate and window function.
**
**   SELECT mode(status_code) FROM http;                      -- 200
**   SELECT host, mode(method) FROM http GROUP BY host;
**   SELECT ts, mode(status_code) OVER (ORDER BY ts ROWS 999 PRECEDING)
**     FROM http;                                             -- rolling mode
**
** The most frequent non-NULL X; ties go to the smallest value in SQLite's
** order (numbers < TEXT < BLOB; TEXT by bytes). NULL when there is none.
** INTEGER 404 and REAL 404.0 are one value, as in GROUP BY; it comes back as
** INTEGER when any INTEGER occurrence was counted. The counting lives in
** mode.c; this file only moves values between SQLite and that table, which
** allocates from SQLite's heap (PRAGMA hard_heap_limit bounds it: past the
** limit, mode() fails with "out of memory").
*/
#include "families.h"
SQLITE_EXTENSION_INIT3

#include "func/mode/mode.h"
#include "host.h"

/* The aggregate context holds only a pointer to the table, so an empty
** group costs nothing and the table can grow freely. */
typedef struct ModeAgg {
  ModeTable *table;
} ModeAgg;

/* Borrows the value's bytes; 0 for NULL (which mode() ignores). */
static int value_to_mode(sqlite3_value *arg, ModeValue *out){
  switch(sqlite3_value_type(arg)){
    case SQLITE_INTEGER: *out = mode_integer(sqlite3_value_int64(arg)); return 1;
    case SQLITE_FLOAT:   *out = mode_real(sqlite3_value_double(arg)); return 1;
    case SQLITE_TEXT: {
      const char *text = (const char *)sqlite3_value_text(arg);
      *out = mode_text(text, (size_t)sqlite3_value_bytes(arg));
      return 1;
    }
    case SQLITE_BLOB: {
      const void *blob = sqlite3_value_blob(arg);
      *out = mode_blob(blob, (size_t)sqlite3_value_bytes(arg));
      return 1;
    }
    default: return 0;
  }
}

static void modeStep(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  ModeValue v;
  if(!value_to_mode(argv[0], &v)) return;
  ModeAgg *agg = sqlite3_aggregate_context(ctx, sizeof *agg);
  if(!agg){
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if(!agg->table && !(agg->table = mode_table_new(zl_host_alloc()))){
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if(mode_table_add(agg->table, &v)) sqlite3_result_error_nomem(ctx);
}

/* Called by window frames for each row leaving the frame. */
static void modeInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  ModeValue v;
  if(!value_to_mode(argv[0], &v)) return;
  ModeAgg *agg = sqlite3_aggregate_context(ctx, 0);
  if(agg && agg->table) mode_table_remove(agg->table, &v);
}

static void result_mode(sqlite3_context *ctx, ModeAgg *agg){
  ModeValue best;
  if(!agg || !agg->table || !mode_table_best(agg->table, &best)){
    sqlite3_result_null(ctx);
    return;
  }
  switch(best.type){
    case MODE_INTEGER: sqlite3_result_int64(ctx, best.i); break;
    case MODE_REAL:    sqlite3_result_double(ctx, best.r); break;
    case MODE_TEXT:
      sqlite3_result_text64(ctx, best.bytes, best.len, SQLITE_TRANSIENT, SQLITE_UTF8);
      break;
    case MODE_BLOB:  /* a NULL pointer would make the result NULL, not x'' */
      if(best.len == 0) sqlite3_result_zeroblob(ctx, 0);
      else sqlite3_result_blob64(ctx, best.bytes, best.len, SQLITE_TRANSIENT);
      break;
  }
}

/* The current frame's mode (window use); the table stays. */
static void modeValue(sqlite3_context *ctx){
  result_mode(ctx, sqlite3_aggregate_context(ctx, 0));
}

/* The group's (or partition's) end: answer, then free the table. */
static void modeFinal(sqlite3_context *ctx){
  ModeAgg *agg = sqlite3_aggregate_context(ctx, 0);
  result_mode(ctx, agg);
  if(agg){
    mode_table_free(agg->table);
    agg->table = 0;
  }
}

int zeeklog_register_mode(sqlite3 *db, char **pzErr){
  int rc = sqlite3_create_window_function(db, "mode", 1,
               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, 0,
               modeStep, modeFinal, modeValue, modeInverse, 0);
  if(rc != SQLITE_OK){
    *pzErr = sqlite3_mprintf("zeeklog: cannot register mode(): %s",
                             sqlite3_errmsg(db));
  }
  return rc;
}
