/*
** reader.c — lines out of a ZlSource, in large blocks (see reader.h).
**
** The buffer holds whole lines between start and end; when the next line
** runs past end, the partial line moves to the front and the rest of the
** buffer is refilled. A line longer than the buffer doubles it, up to
** max_line; past that the line is discarded as it streams by (ZL_TOO_LONG),
** so a hostile 1 GB "line" costs time, not memory.
*/
#include "reader/reader.h"

#include <stdlib.h>
#include <string.h>

#define READ_BLOCK (1u << 20)

static int reader_fail(ZlReader *r, const char *msg){
  free(r->err);
  r->err = strdup(msg);
  return ZL_ERROR;
}

int zl_reader_open(ZlReader *r, const char *path, size_t max_line, char **err){
  memset(r, 0, sizeof *r);
  r->max_line = max_line ? max_line : ZL_DEFAULT_MAX_LINE;
  r->cap = READ_BLOCK < r->max_line ? READ_BLOCK : r->max_line + 1;
  r->path = strdup(path);
  r->buf = malloc(r->cap);
  if(!r->path || !r->buf){
    zl_reader_close(r);
    *err = strdup("out of memory");
    return -1;
  }
  r->src = zl_source_open(path, err);
  if(!r->src){ zl_reader_close(r); return -1; }
  return 0;
}

/* Moves the unread tail to the front, grows the buffer if a single line
** fills it, and reads more. Returns bytes added (0 at end) or ZL_ERROR. */
static int refill(ZlReader *r){
  size_t pending = r->end - r->start;
  if(r->start > 0){
    memmove(r->buf, r->buf + r->start, pending);
    r->start = 0;
    r->end = pending;
  }
  if(r->end == r->cap){
    size_t cap = r->cap * 2;
    if(cap > r->max_line + 1) cap = r->max_line + 1;
    if(cap <= r->cap){                    /* line is over max_line: drop it */
      r->skipping = 1;
      r->start = r->end = 0;
    }else{
      char *grown = realloc(r->buf, cap);
      if(!grown) return reader_fail(r, "out of memory");
      r->buf = grown;
      r->cap = cap;
    }
  }
  ssize_t n = zl_source_read(r->src, r->buf + r->end, r->cap - r->end);
  if(n < 0) return reader_fail(r, zl_source_error(r->src));
  if(n == 0) r->at_eof = 1;
  r->end += (size_t)n;
  return (int)(n > 0);
}

/* Hands out buf[from, to) as a line, dropping a "\r" before the "\n". */
static int emit(ZlReader *r, size_t from, size_t to, const char **line, size_t *len){
  if(to > from && r->buf[to - 1] == '\r') to--;
  *line = r->buf + from;
  *len = to - from;
  r->line_no++;
  return ZL_LINE;
}

int zl_reader_next(ZlReader *r, const char **line, size_t *len){
  size_t scanned = r->start;   /* no "\n" in buf[start, scanned) */
  for(;;){
    char *nl = memchr(r->buf + scanned, '\n', r->end - scanned);
    if(nl){
      size_t at = (size_t)(nl - r->buf), from = r->start;
      r->start = at + 1;
      if(r->skipping){ r->skipping = 0; r->line_no++; return ZL_TOO_LONG; }
      return emit(r, from, at, line, len);
    }
    if(r->at_eof){
      if(r->end == r->start && !r->skipping) return ZL_EOF;
      size_t from = r->start;        /* a last line without "\n" */
      r->start = r->end;
      if(r->skipping){ r->skipping = 0; r->line_no++; return ZL_TOO_LONG; }
      return emit(r, from, r->end, line, len);
    }
    size_t before = r->end - r->start;
    int rc = refill(r);
    if(rc == ZL_ERROR) return rc;
    scanned = r->start + (r->skipping ? 0 : before);
  }
}

const char *zl_reader_error(const ZlReader *r){ return r->err ? r->err : "unknown error"; }

void zl_reader_close(ZlReader *r){
  zl_source_close(r->src);
  free(r->buf);
  free(r->path);
  free(r->err);
  memset(r, 0, sizeof *r);
}
