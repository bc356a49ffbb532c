/*
** sql_beacon.c — beacon_score() and beacon_stats(), aggregate functions.
**
**   SELECT id_orig_h, id_resp_h, beacon_score(ts, orig_ip_bytes)
**     FROM conn GROUP BY 1, 2;                               -- 0.0 .. 1.0, or NULL
**   SELECT beacon_stats(ts) FROM conn WHERE id_resp_h = '203.0.113.9';
**                                                            -- '{"count":1440,...}'
**   SELECT beacon_score(ts, orig_ip_bytes, lo, hi)           -- the data set's span
**     FROM conn, (SELECT min(ts) AS lo, max(ts) AS hi FROM conn) GROUP BY ...;
**
** ts: epoch seconds or ISO-8601 text, in any order; a NULL ts skips the
** row. bytes: the connection's size (NULL: none). start, end: the span the
** histogram and coverage are measured against, the same on every row (by
** default the group's own first..last). beacon_score is NULL when the group
** has fewer than 4 distinct seconds; beacon_stats then still gives the
** counts. The scoring lives in beacon.c; docs/hunts.md has the formula.
*/
#include "families.h"
SQLITE_EXTENSION_INIT3

#include <math.h>
#include <stdlib.h>

#include "base/civil.h"
#include "func/beacon/beacon.h"

#define US_PER_SECOND 1e6
#define ARG_TS 0
#define ARG_BYTES 1
#define ARG_START 2
#define ARG_END 3

typedef struct BeaconAgg {
  ZlBeacon series;
  int span_seen;       /* a row has set the span (or its absence) */
  int has_span;
  ZlBeaconSpan span;
} BeaconAgg;

static const char *name_of(sqlite3_context *ctx){
  return (const char *)sqlite3_user_data(ctx);
}

static void fail(sqlite3_context *ctx, const char *what){
  char *msg = sqlite3_mprintf("%s: %s", name_of(ctx), what);
  if(msg) sqlite3_result_error(ctx, msg, -1);
  else sqlite3_result_error_nomem(ctx);
  sqlite3_free(msg);
}

/* A time argument: 1 with *t set, 0 for NULL, -1 (reported) otherwise. */
static int read_time(sqlite3_context *ctx, sqlite3_value *arg, const char *which, double *t){
  switch(sqlite3_value_type(arg)){
    case SQLITE_NULL: return 0;
    case SQLITE_INTEGER:
    case SQLITE_FLOAT:
      *t = sqlite3_value_double(arg);
      if(isfinite(*t)) return 1;
      break;
    case SQLITE_TEXT: {
      int64_t us;
      ZlIsoLayout how;
      const char *text = (const char *)sqlite3_value_text(arg);
      if(text && zl_iso_parse(text, (size_t)sqlite3_value_bytes(arg), &us, &how) == 0){
        *t = (double)us / US_PER_SECOND;
        return 1;
      }
      break;
    }
  }
  char *msg = sqlite3_mprintf("%s must be a finite time: epoch seconds or ISO-8601 text", which);
  if(msg) fail(ctx, msg); else sqlite3_result_error_nomem(ctx);
  sqlite3_free(msg);
  return -1;
}

/* The optional size: 1 with *bytes set, 0 for none, -1 (reported). */
static int read_bytes(sqlite3_context *ctx, int argc, sqlite3_value **argv, double *bytes){
  if(argc <= ARG_BYTES || sqlite3_value_type(argv[ARG_BYTES]) == SQLITE_NULL) return 0;
  int type = sqlite3_value_numeric_type(argv[ARG_BYTES]);
  if(type != SQLITE_INTEGER && type != SQLITE_FLOAT){
    fail(ctx, "bytes must be a number (or NULL)");
    return -1;
  }
  *bytes = sqlite3_value_double(argv[ARG_BYTES]);
  return 1;
}

/* start and end from this row: the same on every row. 0, or -1 (reported). */
static int read_span(sqlite3_context *ctx, int argc, sqlite3_value **argv, BeaconAgg *agg){
  if(argc <= ARG_END) return 0;
  double start = 0, end = 0;
  int s = read_time(ctx, argv[ARG_START], "start", &start);
  int e = s < 0 ? -1 : read_time(ctx, argv[ARG_END], "end", &end);
  if(e < 0) return -1;
  if(s != e){
    fail(ctx, "give both start and end, or neither (NULL)");
    return -1;
  }
  int given = s == 1;
  if(!agg->span_seen){
    agg->span_seen = 1;
    agg->has_span = given;
    agg->span.start = start;
    agg->span.end = end;
  }else if(given != agg->has_span || (given && (start != agg->span.start || end != agg->span.end))){
    fail(ctx, "start and end must be the same on every row");
    return -1;
  }
  return 0;
}

static void beaconStep(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  double ts, bytes = 0;
  int have_ts = read_time(ctx, argv[ARG_TS], "ts", &ts);
  if(have_ts <= 0) return;
  int have_bytes = read_bytes(ctx, argc, argv, &bytes);
  if(have_bytes < 0) return;
  BeaconAgg *agg = sqlite3_aggregate_context(ctx, sizeof *agg);
  if(!agg){
    sqlite3_result_error_nomem(ctx);
    return;
  }
  if(read_span(ctx, argc, argv, agg)) return;
  if(zl_beacon_add(&agg->series, ts, have_bytes, bytes)) sqlite3_result_error_nomem(ctx);
}

/* Scores the group; 1 with *r set, 0 when there was no row or an error
** (reported). */
static int compute(sqlite3_context *ctx, BeaconAgg *agg, ZlBeaconResult *r){
  if(!agg || agg->series.count == 0) return 0;
  char *err = 0;
  int rc = zl_beacon_compute(&agg->series, agg->has_span ? &agg->span : 0, r, &err);
  if(rc){
    if(err) fail(ctx, err); else sqlite3_result_error_nomem(ctx);
  }
  free(err);
  zl_beacon_free(&agg->series);
  return rc == 0;
}

static void scoreFinal(sqlite3_context *ctx){
  ZlBeaconResult r;
  if(compute(ctx, sqlite3_aggregate_context(ctx, 0), &r) && r.scored){
    sqlite3_result_double(ctx, r.score);
  }
}

static void statsFinal(sqlite3_context *ctx){
  ZlBeaconResult r;
  if(!compute(ctx, sqlite3_aggregate_context(ctx, 0), &r)) return;
  ZlBuf json = {0};
  if(zl_beacon_json(&r, &json)){
    zl_buf_free(&json);
    sqlite3_result_error_nomem(ctx);
    return;
  }
  sqlite3_result_text64(ctx, json.p, json.n, free, SQLITE_UTF8);   /* SQLite frees it */
}

int zeeklog_register_beacon(sqlite3 *db, char **pzErr){
  static const int arities[] = {1, 2, 4};
  static const struct { const char *name; void (*final)(sqlite3_context *); } funcs[] = {
    {"beacon_score", scoreFinal},
    {"beacon_stats", statsFinal},
  };
  for(size_t f = 0; f < sizeof funcs / sizeof funcs[0]; f++){
    for(size_t a = 0; a < sizeof arities / sizeof arities[0]; a++){
      int rc = sqlite3_create_function(db, funcs[f].name, arities[a],
                   SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                   (void *)funcs[f].name, 0, beaconStep, funcs[f].final);
      if(rc != SQLITE_OK){
        *pzErr = sqlite3_mprintf("zeeklog: cannot register %s(): %s", funcs[f].name,
                                 sqlite3_errmsg(db));
        return rc;
      }
    }
  }
  return SQLITE_OK;
}
