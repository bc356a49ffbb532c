/*
** buf.c — growable byte buffers (see buf.h).
*/
#include "base/buf.h"

#include <stdint.h>
#include <string.h>

int zl_buf_reserve(ZlBuf *b, size_t more){
  if(b->cap - b->n >= more) return 0;
  if(more > SIZE_MAX / 2 - b->n) return -1;
  size_t cap = b->cap ? b->cap : 256;
  while(cap - b->n < more) cap *= 2;
  char *p = zl_alloc_resize(b->alloc, b->p, cap);
  if(!p) return -1;
  b->p = p;
  b->cap = cap;
  return 0;
}

void zl_buf_free(ZlBuf *b){
  const ZlAlloc *alloc = b->alloc;
  zl_alloc_free(alloc, b->p);
  memset(b, 0, sizeof *b);
  b->alloc = alloc;
}

int zl_buf_append(ZlBuf *b, const char *s, size_t n){
  if(n == 0) return 0;                 /* b->p may still be NULL */
  if(zl_buf_reserve(b, n)) return -1;
  memcpy(b->p + b->n, s, n);
  b->n += n;
  return 0;
}
