/*
** zstd.h — Zstandard (RFC 8878) decompressed as it streams, for source.c.
**
** Recognised by the magic bytes of a frame (28 b5 2f fd) or of a skippable
** frame (5X 2a 4d 18), whatever the file's name; concatenated frames are
** read one after the other and skippable frames skipped, as zstd -d does.
** Memory is bounded: a frame whose window is over ZL_ZSTD_WINDOW_LOG_MAX
** (128 MiB: every level up to --ultra -22, and plain --long) is refused
** rather than allocated. Errors name the file and what is wrong: "zstd
** stream is truncated", "corrupt zstd stream (<zstd's reason>)", "N bytes
** after the end of the zstd stream are not a zstd frame". No SQLite in here.
*/
#ifndef ZL_ZSTD_H
#define ZL_ZSTD_H

#include "reader/codec.h"

#define ZL_ZSTD_IN_SIZE (256u << 10)   /* compressed bytes read at a time */
#define ZL_ZSTD_WINDOW_LOG_MAX 27      /* the largest window decoded: 1 << 27 = 128 MiB */

/* zl_zstd_codec (codec.h) is the format's entry for source.c. */

#endif
