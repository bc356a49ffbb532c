/*
** zstd.c — Zstandard decompressed with libzstd's streaming decoder (see
** zstd.h). It runs on the ring's thread (ring.h); state here is that
** thread's.
*/
#include "reader/zstd.h"
#include "base/message.h"

#include <errno.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zstd.h>
#include <zstd_errors.h>

#define ZSTD_MAGIC_BYTES 4
#define FRAME_MAGIC 0xFD2FB528u
#define SKIPPABLE_MAGIC 0x184D2A50u     /* .. 0x184D2A5F: the low 4 bits are free */
#define SKIPPABLE_MASK 0xFFFFFFF0u

typedef struct Zstd {
  int fd;
  char *path;
  ZSTD_DCtx *dctx;
  unsigned char *in;
  ZSTD_inBuffer ib;        /* in[pos, size) not yet given to the decoder */
  int in_eof;
  off_t in_total;          /* compressed bytes read so far */
  int between_frames;      /* the last frame ended, flushed (or none began) */
} Zstd;

static ssize_t zs_fail(char **err, const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  *err = zl_vmessage(fmt, ap);
  va_end(ap);
  return -1;
}

static ssize_t truncated(Zstd *z, char **err){
  return zs_fail(err, "'%s': zstd stream is truncated (the file ends mid-frame)", z->path);
}

static ssize_t decoder_error(Zstd *z, size_t rc, char **err){
  if(ZSTD_getErrorCode(rc) == ZSTD_error_frameParameter_windowTooLarge){
    return zs_fail(err, "'%s': a zstd frame needs a window over %u MiB (written with --long=%d"
                   " or more?): zeeklog decodes windows up to %u MiB", z->path,
                   (1u << ZL_ZSTD_WINDOW_LOG_MAX) >> 20, ZL_ZSTD_WINDOW_LOG_MAX + 1,
                   (1u << ZL_ZSTD_WINDOW_LOG_MAX) >> 20);
  }
  return zs_fail(err, "'%s': corrupt zstd stream (%s)", z->path, ZSTD_getErrorName(rc));
}

static uint32_t le32(const unsigned char *p){
  return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int is_frame_magic(const unsigned char *p, size_t n){
  if(n < ZSTD_MAGIC_BYTES) return 0;
  uint32_t m = le32(p);
  return m == FRAME_MAGIC || (m & SKIPPABLE_MASK) == SKIPPABLE_MAGIC;
}

/* 1 when p[0, n), n < 4, could be the start of a frame's magic. */
static int is_magic_prefix(const unsigned char *p, size_t n){
  unsigned char frame[ZSTD_MAGIC_BYTES], skip[ZSTD_MAGIC_BYTES];
  for(int i = 0; i < ZSTD_MAGIC_BYTES; i++){
    frame[i] = (unsigned char)(FRAME_MAGIC >> (8 * i));
    skip[i] = (unsigned char)(SKIPPABLE_MAGIC >> (8 * i));
  }
  int is_frame = 1, is_skip = 1;
  for(size_t i = 0; i < n; i++){
    is_frame &= p[i] == frame[i];
    is_skip &= i == 0 ? (p[i] & 0xF0) == skip[0] : p[i] == skip[i];
  }
  return is_frame || is_skip;
}

/* Reads until at least `want` compressed bytes are buffered or the file
** ends; what is buffered moves to the buffer's start first. */
static int refill(ZlRing *r, Zstd *z, size_t want, char **err){
  while(z->ib.size - z->ib.pos < want && !z->in_eof){
    if(zl_ring_cancelled(r)){ *err = zl_message("cancelled"); return -1; }
    size_t held = z->ib.size - z->ib.pos;
    memmove(z->in, z->in + z->ib.pos, held);
    z->ib.pos = 0;
    z->ib.size = held;
    ssize_t n;
    do n = read(z->fd, z->in + held, ZL_ZSTD_IN_SIZE - held); while(n < 0 && errno == EINTR);
    if(n < 0){ zs_fail(err, "cannot read '%s': %s", z->path, strerror(errno)); return -1; }
    z->in_eof = n == 0;
    z->in_total += n;
    z->ib.size += (size_t)n;
  }
  return 0;
}

/* What follows a frame that ended, when it is not another frame. */
static ssize_t not_a_frame(Zstd *z, char **err){
  struct stat st;
  off_t at = z->in_total - (off_t)(z->ib.size - z->ib.pos);
  if(fstat(z->fd, &st) != 0 || st.st_size <= at){
    return zs_fail(err, "'%s': the bytes after the end of the zstd stream are not a zstd frame", z->path);
  }
  long long extra = (long long)(st.st_size - at);
  return zs_fail(err, "'%s': %lld byte%s after the end of the zstd stream %s not a zstd frame",
                 z->path, extra, extra == 1 ? "" : "s", extra == 1 ? "is" : "are");
}

/* Between frames: 1 when another frame follows, 0 at the clean end, -1. */
static int next_frame(ZlRing *r, Zstd *z, char **err){
  if(refill(r, z, ZSTD_MAGIC_BYTES, err)) return -1;
  size_t held = z->ib.size - z->ib.pos;
  if(held == 0) return 0;
  const unsigned char *at = z->in + z->ib.pos;
  if(held < ZSTD_MAGIC_BYTES && is_magic_prefix(at, held)){ truncated(z, err); return -1; }
  if(!is_frame_magic(at, held)){ not_a_frame(z, err); return -1; }
  z->between_frames = 0;
  return 1;
}

/* The ring's fill: decompresses up to cap bytes into out. */
static ssize_t zstd_fill(ZlRing *r, void *state, char *out, size_t cap, char **err){
  Zstd *z = state;
  ZSTD_outBuffer ob = { out, cap, 0 };
  while(ob.pos < ob.size){
    if(z->between_frames){
      int more = next_frame(r, z, err);
      if(more < 0) return -1;
      if(more == 0) break;
    }
    if(z->ib.pos == z->ib.size && refill(r, z, 1, err)) return -1;
    size_t in_before = z->ib.pos, out_before = ob.pos;
    size_t rc = ZSTD_decompressStream(z->dctx, &ob, &z->ib);
    if(ZSTD_isError(rc)) return decoder_error(z, rc, err);
    if(rc == 0){ z->between_frames = 1; continue; }
    if(z->ib.pos == in_before && ob.pos == out_before && z->in_eof) return truncated(z, err);
  }
  return (ssize_t)ob.pos;
}

static int zstd_sniff(const unsigned char *head, size_t n){ return is_frame_magic(head, n); }

static void zstd_close(void *state){
  Zstd *z = state;
  if(!z) return;
  ZSTD_freeDCtx(z->dctx);
  free(z->in);
  free(z->path);
  free(z);
}

static void *zstd_open(int fd, const char *path, char **err){
  Zstd *z = calloc(1, sizeof *z);
  if(!z || !(z->in = malloc(ZL_ZSTD_IN_SIZE)) || !(z->path = strdup(path))
     || !(z->dctx = ZSTD_createDCtx())){
    zstd_close(z);
    *err = zl_message("out of memory");
    return NULL;
  }
  size_t rc = ZSTD_DCtx_setParameter(z->dctx, ZSTD_d_windowLogMax, ZL_ZSTD_WINDOW_LOG_MAX);
  if(ZSTD_isError(rc)){
    zstd_close(z);
    *err = zl_message("cannot set up zstd for '%s': %s", path, ZSTD_getErrorName(rc));
    return NULL;
  }
  z->fd = fd;
  z->ib.src = z->in;
  z->between_frames = 1;
  return z;
}

const ZlCodec zl_zstd_codec = { "zstd", zstd_sniff, zstd_open, zstd_fill, zstd_close };
