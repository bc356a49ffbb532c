/*
** sql_dns.c — registered_domain(NAME) and shannon_entropy(X), for the DNS
** hunts (sql/hunt/03_dns_tunnelling.sql).
**
**   SELECT registered_domain('a1b2.c3d4.tunnel.example.co.uk.');  -- 'example.co.uk'
**   SELECT registered_domain('com'), registered_domain('10.1.2.3'); -- NULL, NULL
**   SELECT shannon_entropy('aabb'), shannon_entropy('');            -- 1.0, 0.0
**
** registered_domain: the label left of the name's public suffix, with the
** suffix, lower-cased, no trailing dot (the built-in suffix rule is in
** names.h); NULL when there is none. shannon_entropy: bits per byte of the
** text's (or BLOB's) bytes, from 0 to 8. NULL in -> NULL out.
*/
#include "families.h"
SQLITE_EXTENSION_INIT3

#include "func/dns/names.h"

static void registeredDomainFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  (void)argc;
  if(sqlite3_value_type(argv[0]) == SQLITE_NULL) return;
  const char *name = (const char *)sqlite3_value_text(argv[0]);
  size_t len = (size_t)sqlite3_value_bytes(argv[0]);
  if(!name) return;
  char *out = sqlite3_malloc64(len + 1);
  if(!out){
    sqlite3_result_error_nomem(ctx);
    return;
  }
  size_t n;
  if(zl_registered_domain(name, len, out, &n)){
    sqlite3_result_text64(ctx, out, n, sqlite3_free, SQLITE_UTF8);
  }else{
    sqlite3_free(out);
  }
}

static void shannonEntropyFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  (void)argc;
  int type = sqlite3_value_type(argv[0]);
  if(type == SQLITE_NULL) return;
  const void *bytes = type == SQLITE_BLOB ? sqlite3_value_blob(argv[0])
                                          : (const void *)sqlite3_value_text(argv[0]);
  size_t len = (size_t)sqlite3_value_bytes(argv[0]);
  sqlite3_result_double(ctx, zl_shannon_entropy(bytes, bytes ? len : 0));
}

int zeeklog_register_dns(sqlite3 *db, char **pzErr){
  static const struct { const char *name; void (*fn)(sqlite3_context *, int, sqlite3_value **); } funcs[] = {
    {"registered_domain", registeredDomainFunc},
    {"shannon_entropy", shannonEntropyFunc},
  };
  for(size_t i = 0; i < sizeof funcs / sizeof funcs[0]; i++){
    int rc = sqlite3_create_function(db, funcs[i].name, 1,
                 SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS, 0, funcs[i].fn, 0, 0);
    if(rc != SQLITE_OK){
      *pzErr = sqlite3_mprintf("zeeklog: cannot register %s(): %s", funcs[i].name, sqlite3_errmsg(db));
      return rc;
    }
  }
  return SQLITE_OK;
}
