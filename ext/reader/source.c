/*
** source.c — one file's bytes for the reader (see source.h): plain reads,
** or the codec its first bytes name (gzip.c, zstd.c) on a ring (ring.c).
*/
#include "reader/source.h"
#include "reader/codec.h"
#include "base/message.h"

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define PLAIN_READ_MAX ZL_STOP_POLL_BYTES   /* one read(2) asks at most this much */

static const ZlCodec *const codecs[] = { &zl_gzip_codec, &zl_zstd_codec };

struct ZlSource {
  int fd;
  char *path;
  char *err;
  const ZlCodec *codec;    /* NULL: a plain file */
  void *decoder;           /* the codec's, used by the ring's thread */
  ZlRing *ring;
  off_t plain_read;        /* bytes of a plain file handed out so far */
  ZlStop stop;
  size_t since_poll;       /* bytes handed out since stop was last asked */
  int stopped;
};

static ssize_t fail(ZlSource *s, const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  char *msg = zl_vmessage(fmt, ap);
  va_end(ap);
  free(s->err);
  s->err = msg;
  return -1;
}

/* read(2) that retries on EINTR. */
static ssize_t read_fd(int fd, void *buf, size_t n){
  ssize_t got;
  do got = read(fd, buf, n); while(got < 0 && errno == EINTR);
  return got;
}

const char *zl_file_kind(const struct stat *st){
  if(S_ISREG(st->st_mode)) return NULL;
  if(S_ISDIR(st->st_mode)) return "a directory";
  if(S_ISFIFO(st->st_mode)) return "a FIFO";
  if(S_ISCHR(st->st_mode)) return "a character device";
  if(S_ISBLK(st->st_mode)) return "a block device";
  if(S_ISSOCK(st->st_mode)) return "a socket";
  return "not a regular file";
}

/* Opens path read-only without blocking (a FIFO with no writer would), and
** only when it is a regular file. -1 with *err. */
static int open_regular(const char *path, char **err){
  struct stat st;
  int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK | O_NOCTTY);
  if(fd < 0){
    int e = errno;          /* a socket cannot be opened: say what it is */
    const char *kind = stat(path, &st) == 0 ? zl_file_kind(&st) : NULL;
    if(kind) *err = zl_message("'%s' is %s, not a log file", path, kind);
    else *err = zl_message("cannot open '%s': %s", path, strerror(e));
    return -1;
  }
  const char *kind = fstat(fd, &st) == 0 ? zl_file_kind(&st) : "not a file that can be read";
  int flags = fcntl(fd, F_GETFL);
  if(!kind && (flags < 0 || fcntl(fd, F_SETFL, flags & ~O_NONBLOCK) < 0)){
    *err = zl_message("cannot read '%s': %s", path, strerror(errno));
    close(fd);
    return -1;
  }
  if(kind){
    *err = zl_message("'%s' is %s, not a log file", path, kind);
    close(fd);
    return -1;
  }
  return fd;
}

/* The codec whose magic the file starts with, or NULL (plain). */
static int sniff(ZlSource *s, const ZlCodec **codec, char **err){
  unsigned char head[ZL_MAGIC_MAX];
  size_t n = 0;
  while(n < sizeof head){
    ssize_t got = pread(s->fd, head + n, sizeof head - n, (off_t)n);
    if(got < 0 && errno == EINTR) continue;
    if(got < 0){ *err = zl_message("cannot read '%s': %s", s->path, strerror(errno)); return -1; }
    if(got == 0) break;
    n += (size_t)got;
  }
  *codec = NULL;
  for(size_t i = 0; i < sizeof codecs / sizeof *codecs; i++){
    if(codecs[i]->sniff(head, n)){ *codec = codecs[i]; break; }
  }
  return 0;
}

static int start_decoder(ZlSource *s, const ZlCodec *codec, char **err){
  char *why = NULL;
  s->codec = codec;
  if(!(s->decoder = codec->open(s->fd, s->path, &why))
     || !(s->ring = zl_ring_start(codec->fill, s->decoder, &why))){
    *err = zl_message("cannot start decompressing '%s' (%s): %s", s->path, codec->name,
                      why ? why : "out of memory");
    free(why);
    return -1;
  }
  return 0;
}

ZlSource *zl_source_open(const char *path, char **err){
  ZlSource *s = calloc(1, sizeof *s);
  if(!s || !(s->path = strdup(path))){ free(s); *err = zl_message("out of memory"); return NULL; }
  const ZlCodec *codec;
  if((s->fd = open_regular(path, err)) < 0 || sniff(s, &codec, err)
     || (codec && start_decoder(s, codec, err))){
    zl_source_close(s);
    return NULL;
  }
  return s;
}

void zl_source_set_stop(ZlSource *s, ZlStopFn stop, void *ctx){
  s->stop.fn = stop;
  s->stop.ctx = ctx;
}

static ssize_t interrupted(ZlSource *s){
  s->stopped = 1;
  return fail(s, "%s", ZL_STOP_MESSAGE);
}

ssize_t zl_source_read(ZlSource *s, char *buf, size_t cap){
  if(s->stopped) return -1;
  if(s->since_poll >= ZL_STOP_POLL_BYTES){
    s->since_poll = 0;
    if(zl_stop_now(&s->stop)) return interrupted(s);
  }
  ssize_t n;
  if(s->ring){
    n = zl_ring_read(s->ring, buf, cap, &s->stop);
    if(n == ZL_RING_STOPPED) return interrupted(s);
    if(n < 0) return fail(s, "%s", zl_ring_error(s->ring));
  }else{
    n = read_fd(s->fd, buf, cap < PLAIN_READ_MAX ? cap : PLAIN_READ_MAX);
    if(n < 0) return fail(s, "cannot read '%s': %s", s->path, strerror(errno));
    s->plain_read += n;
  }
  s->since_poll += (size_t)n;
  return n;
}

int zl_source_grew(const ZlSource *s){
  struct stat st;
  if(s->codec || fstat(s->fd, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
  return st.st_size > s->plain_read;
}

const char *zl_source_error(const ZlSource *s){ return s->err ? s->err : "unknown error"; }
int zl_source_stopped(const ZlSource *s){ return s->stopped; }
const char *zl_source_format(const ZlSource *s){ return s->codec ? s->codec->name : "plain"; }

void zl_source_close(ZlSource *s){
  if(!s) return;
  zl_ring_close(s->ring);             /* joins the thread before its decoder goes */
  if(s->codec) s->codec->close(s->decoder);
  if(s->fd >= 0) close(s->fd);
  free(s->path);
  free(s->err);
  free(s);
}
