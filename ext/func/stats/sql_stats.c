/*
** sql_stats.c — median(X) and percentile(X, P), aggregate and window functions.
**
**   SELECT median(duration) FROM conn;                         -- a REAL
**   SELECT service, percentile(duration, 95) FROM conn GROUP BY service;
**   SELECT ts, median(orig_bytes) OVER (ORDER BY ts ROWS 99 PRECEDING)
**     FROM conn;                                               -- rolling median
**
** As sqlean's: P is a number from 0 to 100, the same on every row; the
** answer is REAL, interpolated linearly between the two nearest values
** (stats.h); NULLs are ignored; no value gives NULL; TEXT or BLOB X is an
** error. Unlike sqlean, +-inf are values, not errors. The whole group (or
** window frame) is held: 8 bytes a value (stats.h).
*/
#include "families.h"
SQLITE_EXTENSION_INIT3


#include "func/stats/stats.h"

/* P may differ between rows by this much, as in sqlean. */
#define SAME_P_TOLERANCE 0.001
#define MEDIAN_P 50.0

typedef struct StatsAgg {
  ZlValues values;
  double p;
  int have_p;
} StatsAgg;

static void fail(sqlite3_context *ctx, const char *name, const char *what){
  char *msg = sqlite3_mprintf("%s: %s", name, what);
  if(msg) sqlite3_result_error(ctx, msg, -1);
  else sqlite3_result_error_nomem(ctx);
  sqlite3_free(msg);
}

static const char *name_of(sqlite3_context *ctx){
  return (const char *)sqlite3_user_data(ctx);
}

/* P from argv[1] (percentile) or 50 (median); 0 with the error reported. */
static int read_p(sqlite3_context *ctx, int argc, sqlite3_value **argv, double *p){
  if(argc < 2){
    *p = MEDIAN_P;
    return 1;
  }
  int type = sqlite3_value_numeric_type(argv[1]);
  *p = sqlite3_value_double(argv[1]);
  if((type != SQLITE_INTEGER && type != SQLITE_FLOAT) || !(*p >= 0 && *p <= 100)){
    fail(ctx, name_of(ctx), "P must be a number from 0 to 100");
    return 0;
  }
  return 1;
}

/* X as a double: 1; 0 for NULL (ignored); -1, the error reported, for TEXT
** or BLOB. */
static int read_x(sqlite3_context *ctx, sqlite3_value *arg, double *x){
  switch(sqlite3_value_type(arg)){
    case SQLITE_INTEGER:
    case SQLITE_FLOAT: *x = sqlite3_value_double(arg); return 1;
    case SQLITE_NULL: return 0;
    default:
      fail(ctx, name_of(ctx), "X must be a number (NULLs are skipped), not TEXT or a BLOB");
      return -1;
  }
}

static void statsStep(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double p, x;
  if(!read_p(ctx, argc, argv, &p)) return;
  StatsAgg *agg = sqlite3_aggregate_context(ctx, sizeof *agg);
  if(!agg){
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if(!agg->have_p){
    agg->p = p;
    agg->have_p = 1;
  }else if(p - agg->p > SAME_P_TOLERANCE || agg->p - p > SAME_P_TOLERANCE){
    fail(ctx, name_of(ctx), "P must be the same on every row");
    return;
  }
  if(read_x(ctx, argv[0], &x) != 1) return;
  if(zl_values_add(&agg->values, x)) sqlite3_result_error_nomem(ctx);
}

/* A row leaving the window frame. */
static void statsInverse(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double x;
  StatsAgg *agg = sqlite3_aggregate_context(ctx, 0);
  if(agg && read_x(ctx, argv[0], &x) == 1) zl_values_remove(&agg->values, x);
}

static void result_percentile(sqlite3_context *ctx, StatsAgg *agg){
  double answer;
  if(agg && zl_values_percentile(&agg->values, agg->p, &answer)){
    sqlite3_result_double(ctx, answer);   /* NaN (-inf .. +inf) becomes NULL */
  }else{
    sqlite3_result_null(ctx);
  }
}

static void statsValue(sqlite3_context *ctx){
  result_percentile(ctx, sqlite3_aggregate_context(ctx, 0));
}

static void statsFinal(sqlite3_context *ctx){
  StatsAgg *agg = sqlite3_aggregate_context(ctx, 0);
  result_percentile(ctx, agg);
  if(agg) zl_values_free(&agg->values);
}

static int register_one(sqlite3 *db, char **pzErr, const char *name, int nargs){
  int rc = sqlite3_create_window_function(db, name, nargs,
               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, (void *)name,
               statsStep, statsFinal, statsValue, statsInverse, 0);
  if(rc != SQLITE_OK){
    *pzErr = sqlite3_mprintf("zeeklog: cannot register %s(): %s", name, sqlite3_errmsg(db));
  }
  return rc;
}

int zeeklog_register_stats(sqlite3 *db, char **pzErr){
  int rc = register_one(db, pzErr, "median", 1);
  if(rc == SQLITE_OK) rc = register_one(db, pzErr, "percentile", 2);
  return rc;
}
