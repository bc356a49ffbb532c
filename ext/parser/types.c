/*
** types.c — Zeek type names -> conversion kinds (see types.h).
*/
#include "parser/types.h"

#include <string.h>

static int type_is(const char *t, size_t n, const char *name){
  return strlen(name) == n && memcmp(t, name, n) == 0;
}

static ZlKind scalar_kind(const char *t, size_t n){
  if(type_is(t, n, "time")) return ZL_TIME;
  if(type_is(t, n, "interval") || type_is(t, n, "double")) return ZL_REAL;
  if(type_is(t, n, "count") || type_is(t, n, "int") || type_is(t, n, "port")
     || type_is(t, n, "counter")) return ZL_INT;
  if(type_is(t, n, "bool")) return ZL_BOOL;
  return ZL_TEXT;   /* addr, subnet, string, enum, pattern, func, file, ... */
}

ZlKind zl_kind_of(const char *t, size_t n, ZlKind *elem){
  static const char *const containers[] = { "set[", "table[", "vector[" };
  for(size_t i = 0; i < sizeof containers / sizeof *containers; i++){
    size_t k = strlen(containers[i]);
    if(n > k && memcmp(t, containers[i], k) == 0 && t[n - 1] == ']'){
      ZlKind e = scalar_kind(t + k, n - k - 1);
      if(elem) *elem = e == ZL_TIME ? ZL_REAL : e;
      return ZL_SET;
    }
  }
  if(elem) *elem = ZL_TEXT;
  return scalar_kind(t, n);
}

const char *zl_sql_type(ZlKind kind){
  switch(kind){
    case ZL_TIME: case ZL_REAL: return "REAL";
    case ZL_INT: case ZL_BOOL: return "INTEGER";
    default: return "TEXT";
  }
}

