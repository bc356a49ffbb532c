/*
** source.c — plain and gzip byte sources for the reader (see source.h).
**
** Gzip is inflated with ISA-L (igzip: several times faster than zlib on the
** same stream) on a thread of its own, which fills a small ring of 1 MiB
** blocks ahead of the reader: on two cores, inflating and parsing overlap.
** Memory stays at the ring's size whatever the file's.
*/
#include "reader/source.h"
#include "base/message.h"

#include <errno.h>
#include <fcntl.h>
#include <isa-l/igzip_lib.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define GZ_IN_SIZE (256u << 10)
#define RING_BLOCKS 4
#define RING_BLOCK (1u << 20)

/* Inflated blocks passed from the inflating thread to the reader. */
typedef struct Ring {
  pthread_t thread;
  pthread_mutex_t mu;
  pthread_cond_t changed;
  char *block[RING_BLOCKS];
  size_t len[RING_BLOCKS];
  int head, count;         /* blocks ready: head .. head+count-1 */
  size_t offset;           /* bytes of block[head] already handed out */
  int done, failed, stop;
} Ring;

struct ZlSource {
  int fd;
  char *path;
  char *err;
  int gzip;
  Ring ring;               /* gzip only */
  struct inflate_state *z; /* owned by the inflating thread while it runs */
  unsigned char *in;
  int in_eof;
  unsigned char peek[2];   /* bytes sniffed from a pipe that cannot rewind */
  size_t peek_len;
  off_t plain_read;        /* bytes of a plain file handed out so far */
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

/* ---- the inflating thread ----------------------------------------------- */

static const char *isal_error_name(int rc){
  switch(rc){
    case ISAL_INVALID_BLOCK: return "invalid deflate block";
    case ISAL_INVALID_SYMBOL: return "invalid deflate symbol";
    case ISAL_INVALID_LOOKBACK: return "invalid distance";
    case ISAL_INVALID_WRAPPER: return "not a gzip header";
    case ISAL_UNSUPPORTED_METHOD: return "unsupported compression method";
    case ISAL_INCORRECT_CHECKSUM: return "checksum mismatch";
    default: return "inflate failed";
  }
}

/* Starts the next gzip member on the same input. */
static void next_member(struct inflate_state *z){
  uint8_t *in = z->next_in;
  uint32_t avail = z->avail_in;
  isal_inflate_reset(z);
  z->crc_flag = ISAL_GZIP;
  z->next_in = in;
  z->avail_in = avail;
}

/* Inflates up to cap bytes into out. Returns bytes made (0: the stream
** ended cleanly) or -1 with s->err set. */
static ssize_t inflate_block(ZlSource *s, char *out, size_t cap){
  struct inflate_state *z = s->z;
  z->next_out = (uint8_t *)out;
  z->avail_out = (uint32_t)cap;
  while(z->avail_out > 0){
    if(z->avail_in == 0 && !s->in_eof){
      ssize_t n = read_fd(s->fd, s->in, GZ_IN_SIZE);
      if(n < 0) return fail(s, "cannot read '%s': %s", s->path, strerror(errno));
      s->in_eof = n == 0;
      z->next_in = s->in;
      z->avail_in = (uint32_t)n;
    }
    if(z->block_state == ISAL_BLOCK_FINISH){
      if(z->avail_in == 0 && s->in_eof) break;       /* the last member ended */
      next_member(z);                                /* cat a.gz b.gz */
    }
    if(z->avail_in == 0 && s->in_eof){
      return fail(s, "'%s': gzip stream is truncated (the file ends mid-stream)", s->path);
    }
    uint32_t in_before = z->avail_in, out_before = z->avail_out;
    int rc = isal_inflate(z);
    if(rc < 0) return fail(s, "'%s': corrupt gzip stream (%s)", s->path, isal_error_name(rc));
    if(z->avail_in == in_before && z->avail_out == out_before
       && z->block_state != ISAL_BLOCK_FINISH && s->in_eof){
      return fail(s, "'%s': gzip stream is truncated (the file ends mid-stream)", s->path);
    }
  }
  return (ssize_t)(cap - z->avail_out);
}

static void *inflate_thread(void *arg){
  ZlSource *s = arg;
  Ring *r = &s->ring;
  for(int slot = 0;; slot = (slot + 1) % RING_BLOCKS){
    pthread_mutex_lock(&r->mu);
    while(r->count == RING_BLOCKS && !r->stop) pthread_cond_wait(&r->changed, &r->mu);
    int stop = r->stop;
    pthread_mutex_unlock(&r->mu);
    if(stop) return NULL;
    ssize_t n = inflate_block(s, r->block[slot], RING_BLOCK);
    pthread_mutex_lock(&r->mu);
    if(n > 0){ r->len[slot] = (size_t)n; r->count++; }
    else if(n < 0) r->failed = 1;
    else r->done = 1;
    pthread_cond_broadcast(&r->changed);
    pthread_mutex_unlock(&r->mu);
    if(n <= 0) return NULL;
  }
}

static int start_gzip(ZlSource *s, const unsigned char *head, size_t n){
  Ring *r = &s->ring;
  s->in = malloc(GZ_IN_SIZE);
  s->z = malloc(sizeof *s->z);
  for(int i = 0; i < RING_BLOCKS; i++) r->block[i] = malloc(RING_BLOCK);
  for(int i = 0; i < RING_BLOCKS; i++) if(!r->block[i]) return -1;
  if(!s->in || !s->z) return -1;
  isal_inflate_init(s->z);
  s->z->crc_flag = ISAL_GZIP;
  memcpy(s->in, head, n);
  s->z->next_in = s->in;
  s->z->avail_in = (uint32_t)n;
  pthread_mutex_init(&r->mu, NULL);
  pthread_cond_init(&r->changed, NULL);
  s->gzip = 1;
  if(pthread_create(&r->thread, NULL, inflate_thread, s) != 0){ s->gzip = 2; return -1; }
  return 0;
}

/* Hands out inflated bytes from the ring, waiting for the thread if need be. */
static ssize_t read_ring(ZlSource *s, char *buf, size_t cap){
  Ring *r = &s->ring;
  pthread_mutex_lock(&r->mu);
  while(r->count == 0 && !r->done && !r->failed) pthread_cond_wait(&r->changed, &r->mu);
  ssize_t got = 0;
  if(r->count > 0){
    size_t left = r->len[r->head] - r->offset;
    size_t n = left < cap ? left : cap;
    memcpy(buf, r->block[r->head] + r->offset, n);
    r->offset += n;
    if(r->offset == r->len[r->head]){
      r->head = (r->head + 1) % RING_BLOCKS;
      r->count--;
      r->offset = 0;
      pthread_cond_broadcast(&r->changed);
    }
    got = (ssize_t)n;
  }else if(r->failed){
    got = -1;                       /* s->err was set by the thread */
  }
  pthread_mutex_unlock(&r->mu);
  return got;
}

static void stop_gzip(ZlSource *s){
  Ring *r = &s->ring;
  if(s->gzip == 1){
    pthread_mutex_lock(&r->mu);
    r->stop = 1;
    pthread_cond_broadcast(&r->changed);
    pthread_mutex_unlock(&r->mu);
    pthread_join(r->thread, NULL);
  }
  if(s->gzip){
    pthread_mutex_destroy(&r->mu);
    pthread_cond_destroy(&r->changed);
  }
  for(int i = 0; i < RING_BLOCKS; i++) free(r->block[i]);
  free(s->z);
  free(s->in);
}

/* ---- the source --------------------------------------------------------- */

ZlSource *zl_source_open(const char *path, char **err){
  ZlSource *s = calloc(1, sizeof *s);
  struct stat st;
  unsigned char head[2];
  if(!s || !(s->path = strdup(path))){ free(s); *err = zl_message("out of memory"); return NULL; }
  s->fd = open(path, O_RDONLY | O_CLOEXEC);
  if(s->fd < 0){
    *err = zl_message("cannot open '%s': %s", path, strerror(errno));
    goto fail;
  }
  if(fstat(s->fd, &st) == 0 && S_ISDIR(st.st_mode)){
    *err = zl_message("'%s' is a directory, not a log file", path);
    goto fail;
  }
  ssize_t n = read_fd(s->fd, head, sizeof head);
  if(n < 0){
    *err = zl_message("cannot read '%s': %s", path, strerror(errno));
    goto fail;
  }
  if(n == 2 && head[0] == 0x1f && head[1] == 0x8b){
    if(start_gzip(s, head, 2)){ *err = zl_message("cannot start inflating '%s'", path); goto fail; }
  }else if(lseek(s->fd, 0, SEEK_SET) != 0){
    memcpy(s->peek, head, (size_t)n);   /* a pipe cannot rewind */
    s->peek_len = (size_t)n;
  }
  return s;
fail:
  zl_source_close(s);
  return NULL;
}

ssize_t zl_source_read(ZlSource *s, char *buf, size_t cap){
  if(s->gzip) return read_ring(s, buf, cap);
  if(s->peek_len && cap >= s->peek_len){
    size_t n = s->peek_len;
    memcpy(buf, s->peek, n);
    s->peek_len = 0;
    return (ssize_t)n;
  }
  ssize_t n = read_fd(s->fd, buf, cap);
  if(n < 0) return fail(s, "cannot read '%s': %s", s->path, strerror(errno));
  s->plain_read += n;
  return n;
}

int zl_source_grew(const ZlSource *s){
  struct stat st;
  if(s->gzip || fstat(s->fd, &st) != 0 || !S_ISREG(st.st_mode)) return 0;
  return st.st_size > s->plain_read;
}

const char *zl_source_error(const ZlSource *s){ return s->err ? s->err : "unknown error"; }

void zl_source_close(ZlSource *s){
  if(!s) return;
  stop_gzip(s);
  if(s->fd >= 0) close(s->fd);
  free(s->path);
  free(s->err);
  free(s);
}
