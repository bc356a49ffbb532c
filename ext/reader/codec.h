/*
** codec.h — what source.c asks of a compressed format: whether a file's
** first bytes are its magic, and a decoder that fills the ring (ring.h)
** from the file's descriptor. One file per format: gzip.c, zstd.c.
** No SQLite in here.
*/
#ifndef ZL_CODEC_H
#define ZL_CODEC_H

#include <stddef.h>
#include "reader/ring.h"

#define ZL_MAGIC_MAX 4     /* bytes a codec may look at to recognise its stream */

typedef struct ZlCodec {
  const char *name;
  /* 1 when head[0, n) (n <= ZL_MAGIC_MAX, fewer for a short file) opens such a stream */
  int (*sniff)(const unsigned char *head, size_t n);
  /* A decoder reading fd from its current offset (the file's start); NULL
  ** with a malloc'd *err. path is for messages. */
  void *(*open)(int fd, const char *path, char **err);
  ZlRingFill fill;
  void (*close)(void *decoder);
} ZlCodec;

extern const ZlCodec zl_gzip_codec;
extern const ZlCodec zl_zstd_codec;

#endif
