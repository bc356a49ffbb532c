/*
** sql_regexp.c — PCRE2 regular expressions in SQL (the core is regex.c).
**
**   X REGEXP P                   1 if P matches somewhere in X, else 0
**   regexp(P, X)                 the same (what SQLite calls for REGEXP)
**   regexp_like(X, P)            the same, arguments in the usual order
**   regexp_substr(X, P)          the first match of P in X, or NULL
**   regexp_capture(X, P)         group 1 of the first match, or NULL
**   regexp_capture(X, P, N)      group N (0 = whole match; or a group name)
**   regexp_replace(X, P, R)      X with every match replaced by R, where
**                                $0 $1 ${12} ${name} refer to groups, $$ is $
**
**   SELECT uri FROM http WHERE uri REGEXP '(?i)\.(?:php|asp)x?\b';
**   SELECT regexp_capture(uri, '[?&]id=(\d+)') FROM http;
**
** NULL in any argument gives NULL. A pattern is compiled once per statement
** (cached with sqlite3_set_auxdata on the pattern argument) and matching
** allocates nothing per row; what is allocated comes from SQLite's heap, so
** PRAGMA hard_heap_limit applies. Errors: a bad pattern quotes PCRE2's
** message and offset; a match that exceeds the effort limits (catastrophic
** backtracking) is an error too, never a hang. regexp_replace takes time
** linear in X, stops when the statement is interrupted (SQLite 3.41+), and
** refuses a result longer than SQLite's length limit (SQLITE_TOOBIG).
*/
#include "families.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

#include "func/regexp/regex.h"
#include "host.h"

/* Longest piece of a pattern quoted back in an error message. */
#define QUOTE_MAX 200

/* Each function is registered with its own SQL name as user data, so every
** error message starts with the name the user typed. */
static const char *function_name(sqlite3_context *ctx){
  return (const char *)sqlite3_user_data(ctx);
}

static int quoted_len(int n){
  return n > QUOTE_MAX ? QUOTE_MAX : n;
}

static void error_bad_pattern(sqlite3_context *ctx, const char *pattern,
                              int len, const ZlRegexError *err){
  char *msg;
  if(err->code == 0){ sqlite3_result_error_nomem(ctx); return; }
  msg = sqlite3_mprintf("%s: bad pattern '%.*s' at offset %lld: %s",
                        function_name(ctx), quoted_len(len), pattern,
                        (long long)err->offset, err->message);
  if(msg == NULL){ sqlite3_result_error_nomem(ctx); return; }
  sqlite3_result_error(ctx, msg, -1);
  sqlite3_free(msg);
}

/* A match that failed for a reason other than "no match": usually an effort
** limit (a backtracking-heavy pattern), or no memory. */
static void error_match(sqlite3_context *ctx, sqlite3_value *pattern, int rc){
  char reason[128];
  char *msg;
  if(zl_regex_is_nomem(rc)){ sqlite3_result_error_nomem(ctx); return; }
  zl_regex_error_message(rc, reason, sizeof reason);
  msg = sqlite3_mprintf("%s: %s while matching '%.*s'%s", function_name(ctx),
                        reason, quoted_len(sqlite3_value_bytes(pattern)),
                        (const char *)sqlite3_value_text(pattern),
                        zl_regex_is_limit_error(rc)
                          ? " (the pattern backtracks too much on this value;"
                            " make it more specific)" : "");
  if(msg == NULL){ sqlite3_result_error_nomem(ctx); return; }
  sqlite3_result_error(ctx, msg, -1);
  sqlite3_free(msg);
}

/* The compiled form of argv[i]: the one cached for this statement, or a new
** one (*fresh = 1) that the caller hands to pattern_release() when done. NULL
** after reporting an error. */
static ZlRegex *pattern_acquire(sqlite3_context *ctx, sqlite3_value **argv,
                                int i, int *fresh){
  ZlRegex *re = sqlite3_get_auxdata(ctx, i);
  *fresh = 0;
  if(re) return re;
  const char *pattern = (const char *)sqlite3_value_text(argv[i]);
  int len = sqlite3_value_bytes(argv[i]);
  if(pattern == NULL){ sqlite3_result_error_nomem(ctx); return NULL; }
  ZlRegexError err;
  re = zl_regex_compile(pattern, (size_t)len, 0, zl_host_alloc(), &err);
  if(re == NULL){ error_bad_pattern(ctx, pattern, len, &err); return NULL; }
  *fresh = 1;
  return re;
}

/* Offers a fresh pattern to SQLite's per-statement cache. SQLite may free it
** at once (e.g. when the pattern is not a constant), so this must come after
** the last use of re. */
static void pattern_release(sqlite3_context *ctx, int i, ZlRegex *re,
                            int fresh){
  if(fresh) sqlite3_set_auxdata(ctx, i, re, (void (*)(void *))zl_regex_free);
}

static int any_null(int argc, sqlite3_value **argv){
  for(int i = 0; i < argc; i++){
    if(sqlite3_value_type(argv[i]) == SQLITE_NULL) return 1;
  }
  return 0;
}

/* The subject's bytes; NULL only when SQLite ran out of memory. */
static const char *subject_text(sqlite3_value *value, size_t *len){
  const char *text = (const char *)sqlite3_value_text(value);
  *len = (size_t)sqlite3_value_bytes(value);
  return text;
}

/* Shared body of REGEXP and regexp_like: argv[subject] matched by argv[pat]. */
static void like_common(sqlite3_context *ctx, sqlite3_value **argv,
                        int subject, int pat){
  int fresh;
  size_t len;
  if(any_null(2, argv)) return;
  ZlRegex *re = pattern_acquire(ctx, argv, pat, &fresh);
  if(re == NULL) return;
  const char *text = subject_text(argv[subject], &len);
  int rc = text ? zl_regex_match(re, text, len) : 0;
  if(text == NULL) sqlite3_result_error_nomem(ctx);
  else if(rc >= 0) sqlite3_result_int(ctx, rc);
  else error_match(ctx, argv[pat], rc);
  pattern_release(ctx, pat, re, fresh);
}

/* regexp(P, X): the argument order SQLite uses for `X REGEXP P`. */
static void regexpFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  (void)argc;
  like_common(ctx, argv, 1, 0);
}

static void regexpLikeFunc(sqlite3_context *ctx, int argc,
                           sqlite3_value **argv){
  (void)argc;
  like_common(ctx, argv, 0, 1);
}

/* Sets the result to group `group` of the first match of re in argv[0], NULL
** when there is none. */
static void result_group(sqlite3_context *ctx, sqlite3_value **argv,
                         ZlRegex *re, uint32_t group){
  size_t len, start, end;
  const char *text = subject_text(argv[0], &len);
  if(text == NULL){ sqlite3_result_error_nomem(ctx); return; }
  int rc = zl_regex_find(re, text, len, group, &start, &end);
  if(rc > 0){
    sqlite3_result_text(ctx, text + start, (int)(end - start),
                        SQLITE_TRANSIENT);
  }else if(rc < 0){
    error_match(ctx, argv[1], rc);
  }
}

static void regexpSubstrFunc(sqlite3_context *ctx, int argc,
                             sqlite3_value **argv){
  int fresh;
  if(any_null(argc, argv)) return;
  ZlRegex *re = pattern_acquire(ctx, argv, 1, &fresh);
  if(re == NULL) return;
  result_group(ctx, argv, re, 0);
  pattern_release(ctx, 1, re, fresh);
}

/* Reads regexp_capture's N: a group number, or a group name as text. Returns
** 0 and sets an error when there is no such group. */
static int group_arg(sqlite3_context *ctx, ZlRegex *re, sqlite3_value *arg,
                     uint32_t *group){
  uint32_t count = zl_regex_group_count(re);
  char *msg = NULL;
  int type = sqlite3_value_numeric_type(arg);
  if(type == SQLITE_TEXT){
    const char *name = (const char *)sqlite3_value_text(arg);
    int number = zl_regex_group_number(re, name);
    if(number >= 0){ *group = (uint32_t)number; return 1; }
    msg = sqlite3_mprintf("%s: the pattern has no group named '%s'",
                          function_name(ctx), name);
  }else{
    double n = sqlite3_value_double(arg);
    if(type != SQLITE_BLOB && n >= 0 && n <= count && n == (double)(int64_t)n){
      *group = (uint32_t)n;
      return 1;
    }
    msg = sqlite3_mprintf("%s: no group %s in the pattern (it has %u; "
                          "0 is the whole match)", function_name(ctx),
                          (const char *)sqlite3_value_text(arg), count);
  }
  if(msg == NULL){ sqlite3_result_error_nomem(ctx); return 0; }
  sqlite3_result_error(ctx, msg, -1);
  sqlite3_free(msg);
  return 0;
}

/* regexp_capture(X, P[, N]); N defaults to 1, the usual "pull one field out"
** case. */
static void regexpCaptureFunc(sqlite3_context *ctx, int argc,
                              sqlite3_value **argv){
  int fresh;
  uint32_t group = 1;
  if(any_null(argc, argv)) return;
  ZlRegex *re = pattern_acquire(ctx, argv, 1, &fresh);
  if(re == NULL) return;
  if(argc == 3){
    if(group_arg(ctx, re, argv[2], &group)) result_group(ctx, argv, re, group);
  }else if(zl_regex_group_count(re) < 1){
    sqlite3_result_error(ctx, "regexp_capture: the pattern has no group 1 "
                         "(add parentheses, or use regexp_substr for the "
                         "whole match)", -1);
  }else{
    result_group(ctx, argv, re, group);
  }
  pattern_release(ctx, 1, re, fresh);
}

static void error_replace(sqlite3_context *ctx, sqlite3_value **argv, int rc){
  char reason[128];
  char *msg;
  if(rc == ZL_REGEX_EINTERRUPTED){
    sqlite3_result_error_code(ctx, SQLITE_INTERRUPT);
    return;
  }
  if(rc == ZL_REGEX_ETOOBIG){
    msg = sqlite3_mprintf("%s: the result would be longer than SQLite's length "
                          "limit (%d bytes)", function_name(ctx),
                          sqlite3_limit(sqlite3_context_db_handle(ctx),
                                        SQLITE_LIMIT_LENGTH, -1));
    if(msg == NULL){ sqlite3_result_error_nomem(ctx); return; }
    sqlite3_result_error(ctx, msg, -1);
    sqlite3_result_error_code(ctx, SQLITE_TOOBIG);
    sqlite3_free(msg);
    return;
  }
  if(zl_regex_is_limit_error(rc) || zl_regex_is_nomem(rc)){
    error_match(ctx, argv[1], rc);
    return;
  }
  zl_regex_error_message(rc, reason, sizeof reason);
  msg = sqlite3_mprintf("%s: bad replacement '%.*s': %s", function_name(ctx),
                        quoted_len(sqlite3_value_bytes(argv[2])),
                        (const char *)sqlite3_value_text(argv[2]), reason);
  if(msg == NULL){ sqlite3_result_error_nomem(ctx); return; }
  sqlite3_result_error(ctx, msg, -1);
  sqlite3_free(msg);
}

/* The stop callback of a replacement: the statement was interrupted. */
static int statement_interrupted(void *db){
  return zl_host_is_interrupted(db);
}

static void regexpReplaceFunc(sqlite3_context *ctx, int argc,
                              sqlite3_value **argv){
  int fresh;
  size_t len, replacement_len, out_len;
  const char *out;
  if(any_null(argc, argv)) return;
  ZlRegex *re = pattern_acquire(ctx, argv, 1, &fresh);
  if(re == NULL) return;
  sqlite3 *db = sqlite3_context_db_handle(ctx);
  ZlRegexStop stop = { statement_interrupted, db };
  size_t max_out = (size_t)sqlite3_limit(db, SQLITE_LIMIT_LENGTH, -1);
  const char *text = subject_text(argv[0], &len);
  const char *replacement = subject_text(argv[2], &replacement_len);
  int rc = 0;
  if(text && replacement){
    rc = zl_regex_replace(re, text, len, replacement, replacement_len,
                          max_out, &stop, &out, &out_len);
  }
  if(text == NULL || replacement == NULL) sqlite3_result_error_nomem(ctx);
  else if(rc == 0) sqlite3_result_text64(ctx, out, out_len, SQLITE_TRANSIENT, SQLITE_UTF8);
  else error_replace(ctx, argv, rc);
  pattern_release(ctx, 1, re, fresh);
}

int zeeklog_register_regexp(sqlite3 *db, char **pzErr){
  static const struct {
    const char *name;
    int nArg;
    void (*xFunc)(sqlite3_context *, int, sqlite3_value **);
  } functions[] = {
    { "regexp",         2, regexpFunc },
    { "regexp_like",    2, regexpLikeFunc },
    { "regexp_substr",  2, regexpSubstrFunc },
    { "regexp_capture", 2, regexpCaptureFunc },
    { "regexp_capture", 3, regexpCaptureFunc },
    { "regexp_replace", 3, regexpReplaceFunc },
  };
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  for(size_t i = 0; i < sizeof functions / sizeof functions[0]; i++){
    int rc = sqlite3_create_function(db, functions[i].name, functions[i].nArg,
                                     flags, (void *)functions[i].name,
                                     functions[i].xFunc, NULL, NULL);
    if(rc != SQLITE_OK){
      *pzErr = sqlite3_mprintf("zeeklog: cannot register %s(): %s",
                               functions[i].name, sqlite3_errmsg(db));
      return rc;
    }
  }
  return SQLITE_OK;
}
