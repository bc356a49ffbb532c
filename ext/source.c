/*
** source.c — plain and gzip byte sources for the reader (see source.h).
*/
#include "source.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#define GZ_IN_SIZE (256u << 10)

struct ZlSource {
  int fd;
  char *path;
  char *err;
  int gzip;               /* 0 plain, 1 gzip */
  int z_done;             /* inflate reached the end of the last member */
  int in_eof;             /* the compressed file has no more bytes */
  z_stream z;
  unsigned char *in;      /* compressed input buffer (gzip only) */
  unsigned char peek[2];  /* bytes sniffed from a pipe that cannot rewind */
  size_t peek_len;
};

static char *vformat(const char *fmt, va_list ap){
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  char *s = malloc((size_t)n + 1);
  if(s) vsnprintf(s, (size_t)n + 1, fmt, ap);
  return s;
}

static char *format(const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  char *s = vformat(fmt, ap);
  va_end(ap);
  return s;
}

static ssize_t fail(ZlSource *s, const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  free(s->err);
  s->err = vformat(fmt, ap);
  va_end(ap);
  return -1;
}

/* read(2) that retries on EINTR. */
static ssize_t read_fd(int fd, void *buf, size_t n){
  ssize_t got;
  do got = read(fd, buf, n); while(got < 0 && errno == EINTR);
  return got;
}

static int start_gzip(ZlSource *s, const unsigned char *head, size_t n){
  s->in = malloc(GZ_IN_SIZE);
  if(!s->in) return -1;
  memcpy(s->in, head, n);
  memset(&s->z, 0, sizeof s->z);
  if(inflateInit2(&s->z, 15 + 16) != Z_OK){ free(s->in); s->in = 0; return -1; }
  s->z.next_in = s->in;
  s->z.avail_in = (uInt)n;
  s->gzip = 1;
  return 0;
}

ZlSource *zl_source_open(const char *path, char **err){
  ZlSource *s = calloc(1, sizeof *s);
  struct stat st;
  unsigned char head[2];
  if(!s || !(s->path = strdup(path))){ free(s); *err = format("out of memory"); return NULL; }
  s->fd = -1;
  s->fd = open(path, O_RDONLY | O_CLOEXEC);
  if(s->fd < 0){
    *err = format("cannot open '%s': %s", path, strerror(errno));
    goto fail;
  }
  if(fstat(s->fd, &st) == 0 && S_ISDIR(st.st_mode)){
    *err = format("'%s' is a directory, not a log file", path);
    goto fail;
  }
  ssize_t n = read_fd(s->fd, head, sizeof head);
  if(n < 0){
    *err = format("cannot read '%s': %s", path, strerror(errno));
    goto fail;
  }
  if(n == 2 && head[0] == 0x1f && head[1] == 0x8b){
    if(start_gzip(s, head, 2)){ *err = format("out of memory"); goto fail; }
  }else if(lseek(s->fd, 0, SEEK_SET) != 0){
    memcpy(s->peek, head, (size_t)n);   /* a pipe cannot rewind */
    s->peek_len = (size_t)n;
  }
  return s;
fail:
  zl_source_close(s);
  return NULL;
}

/* Refills the compressed input; returns 0, or -1 on a read error. */
static int fill_input(ZlSource *s){
  if(s->z.avail_in > 0 || s->in_eof) return 0;
  ssize_t n = read_fd(s->fd, s->in, GZ_IN_SIZE);
  if(n < 0) return -1;
  if(n == 0) s->in_eof = 1;
  s->z.next_in = s->in;
  s->z.avail_in = (uInt)n;
  return 0;
}

static ssize_t read_gzip(ZlSource *s, char *buf, size_t cap){
  s->z.next_out = (unsigned char *)buf;
  s->z.avail_out = (uInt)(cap > (1u << 30) ? (1u << 30) : cap);
  uInt want = s->z.avail_out;
  while(s->z.avail_out == want && !s->z_done){
    if(fill_input(s)) return fail(s, "cannot read '%s': %s", s->path, strerror(errno));
    if(s->z.avail_in == 0 && s->in_eof){
      return fail(s, "'%s': gzip stream is truncated (the file ends mid-stream)", s->path);
    }
    int rc = inflate(&s->z, Z_NO_FLUSH);
    if(rc == Z_STREAM_END){
      /* Another member may follow (cat a.gz b.gz); anything else is junk. */
      if(fill_input(s)) return fail(s, "cannot read '%s': %s", s->path, strerror(errno));
      if(s->z.avail_in == 0 && s->in_eof) s->z_done = 1;
      else if(inflateReset(&s->z) != Z_OK) return fail(s, "'%s': gzip reset failed", s->path);
    }else if(rc != Z_OK && rc != Z_BUF_ERROR){
      return fail(s, "'%s': corrupt gzip stream (%s)", s->path,
                  s->z.msg ? s->z.msg : "inflate failed");
    }
  }
  return (ssize_t)(want - s->z.avail_out);
}

ssize_t zl_source_read(ZlSource *s, char *buf, size_t cap){
  if(s->gzip) return read_gzip(s, buf, cap);
  if(s->peek_len && cap >= s->peek_len){
    size_t n = s->peek_len;
    memcpy(buf, s->peek, n);
    s->peek_len = 0;
    return (ssize_t)n;
  }
  ssize_t n = read_fd(s->fd, buf, cap);
  if(n < 0) return fail(s, "cannot read '%s': %s", s->path, strerror(errno));
  return n;
}

const char *zl_source_error(const ZlSource *s){ return s->err ? s->err : "unknown error"; }
int zl_source_is_gzip(const ZlSource *s){ return s->gzip; }

void zl_source_close(ZlSource *s){
  if(!s) return;
  if(s->gzip) inflateEnd(&s->z);
  if(s->fd >= 0) close(s->fd);
  free(s->in);
  free(s->path);
  free(s->err);
  free(s);
}
