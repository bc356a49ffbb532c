/*
** reader.h — one log file as a sequence of lines, plain or gzip.
**
**   ZlReader r;
**   if(zl_reader_open(&r, "http.log.gz", ZL_DEFAULT_MAX_LINE, &err)) ...
**   while((rc = zl_reader_next(&r, &line, &len)) == ZL_LINE){ ... }
**   zl_reader_close(&r);
**
** Lines are handed out as pointers into the reader's buffer, without the
** "\n" (and without a "\r" before it), valid until the next call. The file is
** read in large blocks with read(2), never mmap'd: a log truncated under us
** must end the scan, not raise SIGBUS. Gzip (detected by its magic bytes, any
** number of concatenated members) is inflated as it streams, so memory stays
** constant whatever the file size. No SQLite in here.
*/
#ifndef ZL_READER_H
#define ZL_READER_H

#include <stddef.h>
#include <stdint.h>

#ifndef ZL_DEFAULT_MAX_LINE
#define ZL_DEFAULT_MAX_LINE (16u << 20)   /* 16 MiB; per-table max_line= */
#endif

enum {
  ZL_LINE = 1,      /* the next line is in line and len */
  ZL_EOF = 0,       /* no more lines */
  ZL_TOO_LONG = 2,  /* a line longer than max_line was consumed unread */
  ZL_ERROR = -1     /* I/O or gzip error: zl_reader_error() says what */
};

#include "reader/source.h"

typedef struct ZlReader {
  char *path;          /* owned copy, for messages */
  ZlSource *src;
  char *buf;           /* unread bytes are buf[start..end) */
  size_t cap, start, end;
  size_t max_line;
  int at_eof;          /* the source has no more bytes */
  int skipping;        /* discarding the rest of an over-long line */
  uint64_t line_no;    /* 1-based number of the line last returned */
  char *err;           /* malloc'd message after ZL_ERROR */
} ZlReader;

/* Opens path. Returns 0, or -1 with a malloc'd message in *err. */
int zl_reader_open(ZlReader *r, const char *path, size_t max_line, char **err);
int zl_reader_next(ZlReader *r, const char **line, size_t *len);
const char *zl_reader_error(const ZlReader *r);
void zl_reader_close(ZlReader *r);

#endif
