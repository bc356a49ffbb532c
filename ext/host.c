/*
** host.c — run-time features of the host SQLite (see host.h).
**
** sqlite3_api_routines only ever grows at its end: 3.41 appended
** is_interrupted right after 3.40's last slot, value_encoding. Built
** against 3.40's header, the slot is reached through a struct that adds it;
** built against a newer header, the header's own name is used.
*/
#include "host.h"
SQLITE_EXTENSION_INIT3

#ifndef sqlite3_is_interrupted
typedef struct ApiAfter340 {
  sqlite3_api_routines known;          /* up to value_encoding (3.40) */
  int (*is_interrupted)(sqlite3 *);    /* 3.41 */
} ApiAfter340;
#endif

int zl_host_can_interrupt(void){
  return sqlite3_libversion_number() >= 3041000;
}

int zl_host_is_interrupted(sqlite3 *db){
  if(!zl_host_can_interrupt()) return 0;
#ifdef sqlite3_is_interrupted
  return sqlite3_is_interrupted(db);
#else
  return ((const ApiAfter340 *)(const void *)sqlite3_api)->is_interrupted(db);
#endif
}

static void *host_resize(void *p, size_t n){
  return sqlite3_realloc64(p, (sqlite3_uint64)n);
}

static void host_release(void *p){
  sqlite3_free(p);
}

const ZlAlloc *zl_host_alloc(void){
  static const ZlAlloc sqlite_alloc = { host_resize, host_release };
  return &sqlite_alloc;
}
