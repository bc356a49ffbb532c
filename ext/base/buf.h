/*
** buf.h — a growable byte buffer: text built for a cell, a pattern, a message.
** No SQLite in here.
**
**   ZlBuf b = {0};                 // the C library's allocator
**   ZlBuf c = { .alloc = a };      // or an allocator of one's own (alloc.h)
**   zl_buf_append(&b, "abc", 3);   // b.p[0..b.n)
**   zl_buf_free(&b);
*/
#ifndef ZL_BUF_H
#define ZL_BUF_H

#include <stddef.h>

#include "base/alloc.h"

typedef struct ZlBuf {
  char *p;
  size_t n, cap;
  const ZlAlloc *alloc;   /* NULL: malloc/free */
} ZlBuf;

/* Room for `more` bytes after b->n. 0, or -1 when out of memory. */
int zl_buf_reserve(ZlBuf *b, size_t more);
int zl_buf_append(ZlBuf *b, const char *s, size_t n);
void zl_buf_free(ZlBuf *b);

#endif
