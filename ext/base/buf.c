/*
** buf.c — growable byte buffers (see buf.h).
*/
#include "base/buf.h"

#include <stdlib.h>
#include <string.h>

int zl_buf_reserve(ZlBuf *b, size_t more){
  if(b->cap - b->n >= more) return 0;
  size_t cap = b->cap ? b->cap : 256;
  while(cap - b->n < more) cap *= 2;
  char *p = realloc(b->p, cap);
  if(!p) return -1;
  b->p = p;
  b->cap = cap;
  return 0;
}

void zl_buf_free(ZlBuf *b){ free(b->p); memset(b, 0, sizeof *b); }


int zl_buf_append(ZlBuf *b, const char *s, size_t n){
  if(n == 0) return 0;                 /* b->p may still be NULL */
  if(zl_buf_reserve(b, n)) return -1;
  memcpy(b->p + b->n, s, n);
  b->n += n;
  return 0;
}
