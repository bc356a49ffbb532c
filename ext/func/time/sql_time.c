/*
** sql_time.c — time_bucket(TS, WIDTH): the start of the bucket holding TS.
**
**   SELECT time_bucket(ts, '1 hour'), count(*) FROM http GROUP BY 1;
**   SELECT time_bucket(1331901234.5, 300);          -- 1331901000.0
**   SELECT time_bucket('2012-03-16T12:30:00.009999Z', 'hour');
**                                                   -- '2012-03-16T12:00:00.000000Z'
**
** TS: epoch seconds (INTEGER or REAL) or ISO-8601 text; the answer has the
** same type (and, for text, the same layout). WIDTH: seconds (> 0, may be
** fractional) or text such as '1 hour', '5 minutes', '15 min', '30s',
** 'day', '1 week'. Buckets are aligned to the Unix epoch, UTC. NULL in
** either argument gives NULL. The arithmetic lives in timebucket.c.
*/
#include "families.h"
SQLITE_EXTENSION_INIT3

#include "func/time/bucket.h"

#define UNITS "us, ms, s, min, h, day, week"

/* A value as an error message shows it: text quoted, numbers as SQL
** prints them. The caller frees it with sqlite3_free. */
static char *describe(sqlite3_value *v){
  switch(sqlite3_value_type(v)){
    case SQLITE_TEXT: return sqlite3_mprintf("%Q", sqlite3_value_text(v));
    case SQLITE_BLOB: return sqlite3_mprintf("a BLOB");
    default:          return sqlite3_mprintf("%s", sqlite3_value_text(v));
  }
}

static void report(sqlite3_context *ctx, sqlite3_value *culprit, const char *fmt){
  char *shown = describe(culprit);
  char *msg = shown ? sqlite3_mprintf(fmt, shown) : 0;
  if(msg) sqlite3_result_error(ctx, msg, -1);
  else sqlite3_result_error_nomem(ctx);
  sqlite3_free(msg);
  sqlite3_free(shown);
}

/* WIDTH in seconds; 0 (with the error reported) when it is not usable. */
static int width_seconds(sqlite3_context *ctx, sqlite3_value *arg, double *seconds){
  int ok = 0;
  switch(sqlite3_value_type(arg)){
    case SQLITE_INTEGER:
    case SQLITE_FLOAT:
      *seconds = sqlite3_value_double(arg);
      ok = tb_width_ok(*seconds);
      break;
    case SQLITE_TEXT:
      ok = tb_parse_width((const char *)sqlite3_value_text(arg),
                          (size_t)sqlite3_value_bytes(arg), seconds) == TB_OK;
      break;
  }
  if(!ok){
    report(ctx, arg, "time_bucket: bad width %s: give seconds (a number > 0)"
                     " or a count and unit like '5 minutes' (units: " UNITS ")");
  }
  return ok;
}

static void bucket_integer(sqlite3_context *ctx, sqlite3_value *ts, double width){
  if(!tb_width_is_whole(width)){  /* a fractional width needs REAL starts */
    double start;
    if(tb_bucket_real((double)sqlite3_value_int64(ts), width, &start) == TB_OK){
      sqlite3_result_double(ctx, start);
    }else{
      report(ctx, ts, "time_bucket: the bucket of %s is out of range");
    }
    return;
  }
  int64_t start;
  if(tb_bucket_int(sqlite3_value_int64(ts), width, &start) == TB_OK){
    sqlite3_result_int64(ctx, start);
  }else{
    report(ctx, ts, "time_bucket: the bucket of %s is out of range");
  }
}

static void bucket_real(sqlite3_context *ctx, sqlite3_value *ts, double width){
  double start;
  if(tb_bucket_real(sqlite3_value_double(ts), width, &start) == TB_OK){
    sqlite3_result_double(ctx, start);
  }else{
    report(ctx, ts, "time_bucket: the bucket of %s is out of range");
  }
}

static void bucket_text(sqlite3_context *ctx, sqlite3_value *ts,
                        sqlite3_value *width_arg, double width){
  char out[ZL_ISO_MAX];
  size_t len;
  switch(tb_bucket_iso((const char *)sqlite3_value_text(ts),
                       (size_t)sqlite3_value_bytes(ts), width, out, &len)){
    case TB_OK:
      sqlite3_result_text(ctx, out, (int)len, SQLITE_TRANSIENT);
      break;
    case TB_WIDTH_UNDER_US:
      report(ctx, width_arg, "time_bucket: width %s is finer than the"
                             " microsecond resolution of time text");
      break;
    case TB_OUT_OF_RANGE:
      report(ctx, ts, "time_bucket: the bucket of %s is out of range");
      break;
    default:
      report(ctx, ts, "time_bucket: cannot parse time %s: give epoch seconds"
                      " (a number) or ISO-8601 text like '2012-03-16T12:30:00Z'");
      break;
  }
}

static void timeBucketFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double width;
  if(sqlite3_value_type(argv[0]) == SQLITE_NULL
     || sqlite3_value_type(argv[1]) == SQLITE_NULL) return;
  if(!width_seconds(ctx, argv[1], &width)) return;
  switch(sqlite3_value_type(argv[0])){
    case SQLITE_INTEGER: bucket_integer(ctx, argv[0], width); break;
    case SQLITE_FLOAT:   bucket_real(ctx, argv[0], width); break;
    case SQLITE_TEXT:    bucket_text(ctx, argv[0], argv[1], width); break;
    default:
      report(ctx, argv[0], "time_bucket: cannot parse time %s: give epoch"
                           " seconds (a number) or ISO-8601 text");
      break;
  }
}

int zeeklog_register_time(sqlite3 *db, char **pzErr){
  int rc = sqlite3_create_function(db, "time_bucket", 2,
               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, 0,
               timeBucketFunc, 0, 0);
  if(rc != SQLITE_OK){
    *pzErr = sqlite3_mprintf("zeeklog: cannot register time_bucket(): %s",
                             sqlite3_errmsg(db));
  }
  return rc;
}
