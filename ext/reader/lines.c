/*
** lines.c — cutting a source's bytes into lines (see lines.h).
**
** buf[start, start + len) holds the bytes read and not yet handed out;
** dropping a line only moves start, so a file of a billion short lines
** costs no copying per line. The buffer grows as a line needs, up to
** max_line + 2 bytes; past that the line is dropped as it streams by, so a
** hostile 1 GB "line" costs time, not memory.
*/
#include "reader/lines.h"
#include "base/limits.h"
#include "base/message.h"

#include <stdlib.h>
#include <string.h>

static int lines_fail(ZlLines *l, const char *msg){
  free(l->err);
  l->err = zl_message("%s", msg);
  return ZL_ERROR;
}

int zl_lines_open(ZlLines *l, const char *path, size_t max_line, char **err){
  memset(l, 0, sizeof *l);
  l->max_line = max_line;
  l->src = zl_source_open(path, err);
  return l->src ? 0 : -1;
}

void zl_lines_close(ZlLines *l){
  zl_source_close(l->src);
  free(l->buf);
  free(l->err);
  memset(l, 0, sizeof *l);
}

const char *zl_lines_error(const ZlLines *l){ return l->err ? l->err : "unknown error"; }

void zl_lines_set_stop(ZlLines *l, int (*stop)(void *ctx), void *ctx){
  l->stop = stop;
  l->stop_ctx = ctx;
  zl_source_set_stop(l->src, stop, ctx);      /* long reads and decompression, too */
}

static int stopped(ZlLines *l){
  if(!l->stop || !l->stop(l->stop_ctx)) return 0;
  l->interrupted = 1;
  return lines_fail(l, "interrupted");
}

/* At the end of a file that is still growing, a last line without "\n" is
** being written as we read: it is not part of this read (the next one reads
** it whole). A file that stopped growing keeps such a line. */
static void drop_half_written_line(ZlLines *l){
  const char *d = zl_lines_data(l);
  if(l->len == 0 || d[l->len - 1] == '\n' || !zl_source_grew(l->src)) return;
  const char *nl = memrchr(d, '\n', l->len);
  l->len = nl ? (size_t)(nl - d) + 1 : 0;
}

/* Reads until `want` bytes are held or the file ends. */
static int fill(ZlLines *l, size_t want){
  if(l->len >= want || l->eof) return 0;
  if(l->start && l->start + want > l->cap){
    memmove(l->buf, l->buf + l->start, l->len);
    l->start = 0;
  }
  if(want > l->cap){
    char *p = realloc(l->buf, want);
    if(!p) return lines_fail(l, "out of memory");
    l->buf = p;
    l->cap = want;
  }
  while(l->len < want && !l->eof){
    ssize_t n = zl_source_read(l->src, l->buf + l->start + l->len, want - l->len);
    if(n < 0){
      l->interrupted = zl_source_stopped(l->src);
      return lines_fail(l, zl_source_error(l->src));
    }
    if(n == 0){ l->eof = 1; drop_half_written_line(l); }
    l->len += (size_t)n;
  }
  return 0;
}

void zl_lines_drop(ZlLines *l, size_t n){
  l->start += n;
  l->len -= n;
  if(l->len == 0) l->start = 0;
}

/* Drops bytes up to and including the next "\n" (the rest of a long line). */
static int skip_rest_of_line(ZlLines *l){
  for(;;){
    const char *d = zl_lines_data(l), *nl = memchr(d, '\n', l->len);
    if(nl){
      zl_lines_drop(l, (size_t)(nl - d) + 1);
      l->skipping = 0;
      return 0;
    }
    zl_lines_drop(l, l->len);
    if(l->eof){ l->skipping = 0; return 0; }
    if(stopped(l) || fill(l, ZL_READ_BLOCK)) return -1;
  }
}

int zl_lines_first_end(ZlLines *l, size_t *end){
  if(l->skipping) return skip_rest_of_line(l) ? ZL_ERROR : ZL_TOO_LONG;
  /* Read more only when the bytes held have no whole line: reading (and
  ** moving the rest to the front) once a line would copy a block a line. */
  if((l->len == 0 || !memchr(zl_lines_data(l), '\n', l->len)) && fill(l, ZL_READ_BLOCK)) return ZL_ERROR;
  if(l->len == 0 && l->eof) return ZL_EOF;
  size_t max = l->max_line, looked = 0;
  for(;;){
    const char *d = zl_lines_data(l), *nl = memchr(d + looked, '\n', l->len - looked);
    if(nl || l->eof){
      *end = nl ? (size_t)(nl - d) + 1 : l->len;
      if(*end - (nl != NULL) <= max) return ZL_LINE;
      zl_lines_drop(l, *end);
      return ZL_TOO_LONG;
    }
    if(l->len > max){                        /* over max_line, end unseen */
      zl_lines_drop(l, l->len);
      l->skipping = 1;
      return skip_rest_of_line(l) ? ZL_ERROR : ZL_TOO_LONG;
    }
    looked = l->len;
    size_t want = l->len * 2 > max + 2 ? max + 2 : l->len * 2;
    if(want < ZL_READ_BLOCK) want = ZL_READ_BLOCK;
    if(stopped(l) || fill(l, want)) return ZL_ERROR;
  }
}

/* Chunks are cut by lines with content: a blank line makes no row, so a run
** of them (a file of a billion "\n") costs one chunk per block, not one per
** chunk_lines bytes. A line has content when the byte before its "\n" is not
** another "\n" (d[0] is taken to end one: the bound is then one line high). */
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
/* 32 bytes a step, on CPUs that have AVX2 (nearly all x86-64 now). */
__attribute__((target("avx2,popcnt")))
static size_t count_newlines_avx2(const char *d, size_t n){
  const __m256i nl = _mm256_set1_epi8('\n');
  size_t i = 0, count = 0;
  for(; i + 32 <= n; i += 32){
    __m256i v = _mm256_loadu_si256((const __m256i *)(d + i));
    count += (size_t)__builtin_popcount((unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(v, nl)));
  }
  for(; i < n; i++) count += d[i] == '\n';
  return count;
}

__attribute__((target("avx2,popcnt")))
static size_t count_content_lines_avx2(const char *d, size_t n){
  const __m256i nl = _mm256_set1_epi8('\n');
  size_t count = n && d[0] == '\n', i = 1;
  for(; i + 32 <= n; i += 32){
    unsigned at = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(d + i)), nl));
    unsigned before = (unsigned)_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)(d + i - 1)), nl));
    count += (size_t)__builtin_popcount(at & ~before);
  }
  for(; i < n; i++) count += d[i] == '\n' && d[i - 1] != '\n';
  return count;
}

static int has_avx2(void){
  static int known = -1;            /* a benign race: every thread stores the same */
  if(known < 0){
    __builtin_cpu_init();
    known = __builtin_cpu_supports("avx2") && __builtin_cpu_supports("popcnt");
  }
  return known;
}
#endif

/* How many "\n" d[0, n) holds: 8 bytes a step (a zero byte of w ^ "\n\n..."
** is a newline; the test below flags exactly the zero bytes). */
static size_t count_newlines(const char *d, size_t n){
#if defined(__x86_64__) && defined(__GNUC__)
  if(has_avx2()) return count_newlines_avx2(d, n);
#endif
  const uint64_t nl = 0x0a0a0a0a0a0a0a0aull, low7 = 0x7f7f7f7f7f7f7f7full;
  size_t i = 0, count = 0;
  for(; i + 8 <= n; i += 8){
    uint64_t w;
    memcpy(&w, d + i, 8);
    uint64_t x = w ^ nl;
    uint64_t nonzero = ((((x & low7) + low7) | x) & ~low7) >> 7;    /* 1 per byte */
    count += 8 - (size_t)((nonzero * 0x0101010101010101ull) >> 56);
  }
  for(; i < n; i++) count += d[i] == '\n';
  return count;
}

/* How many lines with content end in d[0, n). */
static size_t count_content_lines(const char *d, size_t n){
#if defined(__x86_64__) && defined(__GNUC__)
  if(has_avx2()) return count_content_lines_avx2(d, n);
#endif
  size_t count = n && d[0] == '\n';
  for(size_t i = 1; i < n; i++) count += d[i] == '\n' && d[i - 1] != '\n';
  return count;
}

/* The end of the max_lines-th line with content in d[0, n) when it has that many. */
static size_t after_lines(const char *d, size_t n, size_t max_lines){
  if(count_newlines(d, n) <= max_lines || count_content_lines(d, n) <= max_lines) return n;
  const char *p = d, *end = d + n;
  for(size_t k = 0; k < max_lines; ){
    p = memchr(p, '\n', (size_t)(end - p));
    if(!p) return n;
    if(p == d || p[-1] != '\n') k++;
    p++;
  }
  return (size_t)(p - d);
}

int zl_lines_whole_end(ZlLines *l, size_t most, size_t max_lines, size_t *end){
  if(fill(l, most)) return ZL_ERROR;
  const char *d = zl_lines_data(l);
  size_t limit = l->len < most ? l->len : most;
  const char *nl = memrchr(d, '\n', limit);
  *end = nl ? (size_t)(nl - d) + 1 : 0;
  if(!nl && l->eof && l->len <= most) *end = l->len;     /* a last line without "\n" */
  if(*end && max_lines < *end) *end = after_lines(d, *end, max_lines);
  for(const char *h = d + 1; *end && (h = memchr(h, '#', *end - (size_t)(h - d))); h++){
    if(h[-1] == '\n'){ *end = (size_t)(h - d); break; }
  }
  return 0;
}

int zl_lines_take(ZlLines *l, size_t n, char **buf, size_t *cap){
  if(l->start){                    /* the run must begin the buffer handed out */
    memmove(l->buf, l->buf + l->start, l->len);
    l->start = 0;
  }
  size_t rest = l->len - n;
  if(*cap < rest || *cap < ZL_READ_BLOCK){
    size_t want = rest > ZL_READ_BLOCK ? rest : ZL_READ_BLOCK;
    char *p = realloc(*buf, want);
    if(!p) return lines_fail(l, "out of memory");
    *buf = p;
    *cap = want;
  }
  memcpy(*buf, l->buf + n, rest);
  char *mine = l->buf;
  size_t mine_cap = l->cap;
  l->buf = *buf;
  l->cap = *cap;
  l->len = rest;
  *buf = mine;
  *cap = mine_cap;
  return 0;
}

/* Length of the run of "\n" / "\r\n" line ends at p[0, n), counting them. */
static size_t blank_run(const char *p, size_t n, uint64_t *count){
  static const uint64_t newlines = 0x0a0a0a0a0a0a0a0aull;
  size_t i = 0;
  for(;;){
    uint64_t w;
    while(i + 8 <= n && (memcpy(&w, p + i, 8), w == newlines)){ i += 8; *count += 8; }
    if(i < n && p[i] == '\n'){ i++; ++*count; continue; }
    if(i + 1 < n && p[i] == '\r' && p[i + 1] == '\n'){ i += 2; ++*count; continue; }
    return i;
  }
}

int zl_lines_skip_blank(ZlLines *l, uint64_t *count){
  if(l->pending){ zl_lines_drop(l, l->pending); l->pending = 0; }
  for(;;){
    if(stopped(l) || fill(l, ZL_READ_BLOCK)) return ZL_ERROR;
    const char *d = zl_lines_data(l);
    size_t run = blank_run(d, l->len, count);
    int more = run == l->len && !l->eof;
    if(run + 1 == l->len && d[run] == '\r' && !l->eof) more = 1;   /* "\r" | "\n" */
    zl_lines_drop(l, run);
    if(!more) return 0;
  }
}

int zl_lines_next(ZlLines *l, const char **line, size_t *len){
  size_t end;
  if(l->pending){ zl_lines_drop(l, l->pending); l->pending = 0; }
  int rc = zl_lines_first_end(l, &end);
  if(rc != ZL_LINE) return rc;
  const char *d = zl_lines_data(l);
  size_t n = end;
  if(n && d[n - 1] == '\n') n--;
  if(n && d[n - 1] == '\r') n--;
  *line = d;
  *len = n;
  l->pending = end;
  return ZL_LINE;
}
