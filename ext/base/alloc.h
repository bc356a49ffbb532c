/*
** alloc.h — an allocator a core can be handed, so that the SQL layer can make
** a core allocate through SQLite (sqlite3_realloc64 / sqlite3_free), where
** PRAGMA hard_heap_limit and sqlite3_hard_heap_limit64() apply. A NULL
** allocator means the C library's. No SQLite in here (host.h has SQLite's).
**
**   Thing *t = zl_alloc_zeroed(alloc, sizeof *t);
**   zl_alloc_free(alloc, t);
*/
#ifndef ZL_ALLOC_H
#define ZL_ALLOC_H

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct ZlAlloc {
  void *(*resize)(void *p, size_t n);   /* realloc(3) for n > 0; p may be NULL */
  void (*release)(void *p);             /* free(3); p may be NULL */
} ZlAlloc;

static inline void *zl_alloc_resize(const ZlAlloc *a, void *p, size_t n){
  return a ? a->resize(p, n ? n : 1) : realloc(p, n ? n : 1);
}

static inline void *zl_alloc(const ZlAlloc *a, size_t n){
  return zl_alloc_resize(a, NULL, n);
}

/* count * size bytes, zeroed; NULL when out of memory or when the product
** overflows. */
static inline void *zl_alloc_zeroed(const ZlAlloc *a, size_t count, size_t size){
  if(size && count > SIZE_MAX / size) return NULL;
  void *p = zl_alloc(a, count * size);
  if(p) memset(p, 0, count * size);
  return p;
}

static inline void zl_alloc_free(const ZlAlloc *a, void *p){
  if(a) a->release(p);
  else free(p);
}

/* A copy of s (NULL for NULL, or when out of memory). */
static inline char *zl_alloc_strdup(const ZlAlloc *a, const char *s){
  if(!s) return NULL;
  size_t n = strlen(s) + 1;
  char *copy = zl_alloc(a, n);
  if(copy) memcpy(copy, s, n);
  return copy;
}

#endif
