/*
** gzip.c — gzip inflated with ISA-L (see gzip.h).
**
** ISA-L's igzip inflates several times faster than zlib on the same stream.
** It runs on the ring's thread (ring.h); state here is that thread's.
*/
#include "reader/gzip.h"
#include "base/message.h"

#include <errno.h>
#include <isa-l/igzip_lib.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#define GZIP_MAGIC0 0x1f
#define GZIP_MAGIC1 0x8b

typedef struct Gzip {
  int fd;
  char *path;
  struct inflate_state z;
  unsigned char *in;
  int in_eof;
  off_t in_total;          /* compressed bytes read so far */
} Gzip;

static ssize_t gz_fail(char **err, const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  *err = zl_vmessage(fmt, ap);
  va_end(ap);
  return -1;
}

static ssize_t truncated(Gzip *g, char **err){
  return gz_fail(err, "'%s': gzip stream is truncated (the file ends mid-stream)", g->path);
}

/* ISA-L's inflate errors, said in words. */
static const char *isal_error_name(int rc){
  switch(rc){
    case ISAL_INVALID_BLOCK: return "invalid deflate block";
    case ISAL_INVALID_SYMBOL: return "invalid deflate symbol";
    case ISAL_INVALID_LOOKBACK: return "invalid distance";
    case ISAL_INVALID_WRAPPER: return "bad gzip header";
    case ISAL_UNSUPPORTED_METHOD: return "unsupported compression method";
    case ISAL_INCORRECT_CHECKSUM: return "checksum mismatch";
    case ISAL_NEED_DICT: return "needs a preset dictionary";
    default: return NULL;
  }
}

static ssize_t corrupt(Gzip *g, int rc, char **err){
  const char *why = isal_error_name(rc);
  if(why) return gz_fail(err, "'%s': corrupt gzip stream (%s)", g->path, why);
  return gz_fail(err, "'%s': corrupt gzip stream (ISA-L inflate error %d)", g->path, rc);
}

/* Reads until at least `want` compressed bytes are buffered or the file
** ends; what is buffered moves to the buffer's start first. */
static int refill(ZlRing *r, Gzip *g, uint32_t want, char **err){
  struct inflate_state *z = &g->z;
  while(z->avail_in < want && !g->in_eof){
    if(zl_ring_cancelled(r)){ *err = zl_message("cancelled"); return -1; }
    memmove(g->in, z->next_in, z->avail_in);
    z->next_in = g->in;
    ssize_t n;
    do n = read(g->fd, g->in + z->avail_in, ZL_GZIP_IN_SIZE - z->avail_in);
    while(n < 0 && errno == EINTR);
    if(n < 0){ gz_fail(err, "cannot read '%s': %s", g->path, strerror(errno)); return -1; }
    g->in_eof = n == 0;
    g->in_total += n;
    z->avail_in += (uint32_t)n;
  }
  return 0;
}

/* What follows a member that ended, when it is not another member. */
static ssize_t not_a_member(Gzip *g, char **err){
  struct stat st;
  off_t at = g->in_total - g->z.avail_in;
  if(fstat(g->fd, &st) != 0 || st.st_size <= at){
    return gz_fail(err, "'%s': the bytes after the end of the gzip stream are not a gzip member", g->path);
  }
  long long extra = (long long)(st.st_size - at);
  return gz_fail(err, "'%s': %lld byte%s after the end of the gzip stream %s not a gzip member",
                 g->path, extra, extra == 1 ? "" : "s", extra == 1 ? "is" : "are");
}

/* At the end of a member: the next one starts (cat a.gz b.gz), or the
** stream ends. 1: another member; 0: the clean end; -1: an error. */
static int next_member(ZlRing *r, Gzip *g, char **err){
  struct inflate_state *z = &g->z;
  if(refill(r, g, 2, err)) return -1;
  if(z->avail_in == 0) return 0;
  if(z->avail_in == 1 && z->next_in[0] == GZIP_MAGIC0){ truncated(g, err); return -1; }
  if(z->avail_in < 2 || z->next_in[0] != GZIP_MAGIC0 || z->next_in[1] != GZIP_MAGIC1){
    not_a_member(g, err);
    return -1;
  }
  uint8_t *in = z->next_in;
  uint32_t avail = z->avail_in;
  isal_inflate_reset(z);
  z->crc_flag = ISAL_GZIP;
  z->next_in = in;
  z->avail_in = avail;
  return 1;
}

/* The ring's fill: inflates up to cap bytes into out. */
static ssize_t gzip_fill(ZlRing *r, void *state, char *out, size_t cap, char **err){
  Gzip *g = state;
  struct inflate_state *z = &g->z;
  z->next_out = (uint8_t *)out;
  z->avail_out = (uint32_t)cap;
  while(z->avail_out > 0){
    if(z->block_state == ISAL_BLOCK_FINISH){
      int more = next_member(r, g, err);
      if(more < 0) return -1;
      if(more == 0) break;
    }
    if(z->avail_in == 0 && refill(r, g, 1, err)) return -1;
    if(z->avail_in == 0) return truncated(g, err);
    uint32_t in_before = z->avail_in, out_before = z->avail_out;
    int rc = isal_inflate(z);
    if(rc < 0 || rc == ISAL_NEED_DICT) return corrupt(g, rc, err);
    if(z->avail_in == in_before && z->avail_out == out_before
       && z->block_state != ISAL_BLOCK_FINISH && g->in_eof){
      return truncated(g, err);
    }
  }
  return (ssize_t)(cap - z->avail_out);
}

static int gzip_sniff(const unsigned char *head, size_t n){
  return n >= 2 && head[0] == GZIP_MAGIC0 && head[1] == GZIP_MAGIC1;
}

static void gzip_close(void *state){
  Gzip *g = state;
  if(!g) return;
  free(g->in);
  free(g->path);
  free(g);
}

static void *gzip_open(int fd, const char *path, char **err){
  Gzip *g = calloc(1, sizeof *g);
  if(!g || !(g->in = malloc(ZL_GZIP_IN_SIZE)) || !(g->path = strdup(path))){
    gzip_close(g);
    *err = zl_message("out of memory");
    return NULL;
  }
  g->fd = fd;
  isal_inflate_init(&g->z);
  g->z.crc_flag = ISAL_GZIP;
  g->z.next_in = g->in;
  g->z.avail_in = 0;
  return g;
}

const ZlCodec zl_gzip_codec = { "gzip", gzip_sniff, gzip_open, gzip_fill, gzip_close };
