/*
** sql_uri.c — percent-decoding in SQL (the core is uri.c).
**
**   uri_decode(X)         X with %XX and %uXXXX decoded; '+' left alone
**   uri_decode(X, PLUS)   the same, '+' decoded to a space when PLUS is true
**
**   SELECT uri_decode('/a%20b+c');        -- '/a b+c'
**   SELECT uri_decode('/a%20b+c', 1);     -- '/a b c'
**   SELECT uri, uri_decode(uri) FROM http WHERE uri LIKE '%\%25%' ESCAPE '\';
**
** NULL in either argument gives NULL. The result is allocated by SQLite
** (its memory limits apply) and is never longer than X.
*/
#include "families.h"
SQLITE_EXTENSION_INIT3

#include "func/uri/uri.h"

static void uriDecodeFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  unsigned flags = 0;
  for(int i = 0; i < argc; i++){
    if(sqlite3_value_type(argv[i]) == SQLITE_NULL) return;
  }
  if(argc == 2 && sqlite3_value_int(argv[1])) flags |= ZL_URI_PLUS_AS_SPACE;
  const char *text = (const char *)sqlite3_value_text(argv[0]);
  int len = sqlite3_value_bytes(argv[0]);
  if(text == NULL){ sqlite3_result_error_nomem(ctx); return; }
  /* Decoding never lengthens the text; +1 so an empty result is not NULL. */
  char *out = sqlite3_malloc64((sqlite3_uint64)len + 1);
  if(out == NULL){ sqlite3_result_error_nomem(ctx); return; }
  size_t n = zl_uri_decode(text, (size_t)len, out, flags);
  sqlite3_result_text64(ctx, out, n, sqlite3_free, SQLITE_UTF8);
}

int zeeklog_register_uri(sqlite3 *db, char **pzErr){
  const int flags = SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS;
  int rc = sqlite3_create_function(db, "uri_decode", 1, flags, NULL,
                                   uriDecodeFunc, NULL, NULL);
  if(rc == SQLITE_OK){
    rc = sqlite3_create_function(db, "uri_decode", 2, flags, NULL,
                                 uriDecodeFunc, NULL, NULL);
  }
  if(rc != SQLITE_OK){
    *pzErr = sqlite3_mprintf("zeeklog: cannot register uri_decode(): %s",
                             sqlite3_errmsg(db));
  }
  return rc;
}
