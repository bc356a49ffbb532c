/*
** lines.h — the one line cutter: a file's bytes (source.h) as lines, or as
** runs of whole lines for the parsing threads. No SQLite in here.
**
**   ZlLines l;
**   zl_lines_open(&l, "http.log.gz", max_line, &err);
**   while((rc = zl_lines_next(&l, &line, &len)) == ZL_LINE) ...   // one at a time
**   // or, for the scan: zl_lines_first_end / zl_lines_whole_end / zl_lines_take
**   zl_lines_close(&l);
**
** A line is handed out without its "\n" (and a "\r" before it). A line
** longer than max_line is dropped as it streams by (ZL_TOO_LONG): memory
** stays at about max_line whatever the file holds. At the end of a file that
** is still growing (a live log), a last line without "\n" is being written
** as we read: it is left for the next reader.
*/
#ifndef ZL_LINES_H
#define ZL_LINES_H

#include <stddef.h>
#include <stdint.h>
#include "reader/source.h"

enum {
  ZL_LINE = 1,      /* a line is in *line, *len */
  ZL_EOF = 0,       /* no more lines */
  ZL_TOO_LONG = 2,  /* a line longer than max_line was dropped unread */
  ZL_ERROR = -1     /* I/O or decompression error: zl_lines_error() */
};

typedef struct ZlLines {
  ZlSource *src;
  char *buf;           /* bytes read and not handed out: buf[start, start + len) */
  size_t start, len, cap;
  size_t max_line;
  size_t pending;      /* zl_lines_next: the line handed out, dropped at the next call */
  int eof;             /* the source has no more bytes */
  int skipping;        /* dropping the rest of an over-long line */
  char *err;           /* malloc'd, after ZL_ERROR */
  int (*stop)(void *ctx);  /* polled while dropping long lines: 1 = stop */
  void *stop_ctx;
  int interrupted;     /* the ZL_ERROR was stop() */
} ZlLines;

/* 0, or -1 with a malloc'd message in *err. */
int zl_lines_open(ZlLines *l, const char *path, size_t max_line, char **err);
void zl_lines_close(ZlLines *l);
/* A callback polled while a long stretch is read without a line to hand out
** (a line over max_line, a sparse file of NULs): when it says 1, the read
** fails with "interrupted". */
void zl_lines_set_stop(ZlLines *l, int (*stop)(void *ctx), void *ctx);
const char *zl_lines_error(const ZlLines *l);

/* One line at a time; the line stays valid until the next call. */
int zl_lines_next(ZlLines *l, const char **line, size_t *len);

/* For the scan, which hands runs of whole lines to other threads:
** Offsets are from zl_lines_data(), the first byte not handed out.
** zl_lines_first_end: ZL_LINE with *end just past the first line's "\n" (or
**   the file's last byte); ZL_TOO_LONG when that line was over max_line
**   (it has been dropped); ZL_EOF; ZL_ERROR.
** zl_lines_whole_end: the end of the last whole line within the first
**   `most` bytes and `max_lines` lines, reading more first; stops before any
**   line that starts with '#' (a header line is handled in order). 0 when no
**   whole line fits.
** zl_lines_take: moves buf[0, n) into *buf (its old buffer becomes ours),
**   copying only the rest.
** zl_lines_drop: forgets buf[0, n).
** zl_lines_skip_blank: drops the empty lines at the front; returns how many. */
static inline const char *zl_lines_data(const ZlLines *l){ return l->buf + l->start; }
int zl_lines_first_end(ZlLines *l, size_t *end);
int zl_lines_whole_end(ZlLines *l, size_t most, size_t max_lines, size_t *end);
int zl_lines_take(ZlLines *l, size_t n, char **buf, size_t *cap);
void zl_lines_drop(ZlLines *l, size_t n);
int zl_lines_skip_blank(ZlLines *l, uint64_t *count);

#endif
