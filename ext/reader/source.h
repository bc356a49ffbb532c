/*
** source.h — the bytes of one file: plain, or gzip or zstd decompressed as
** it streams.
**
**   ZlSource *s = zl_source_open("http.log.zst", &err);
**   zl_source_set_stop(s, is_interrupted, db);         // optional
**   while((n = zl_source_read(s, buf, sizeof buf)) > 0) ...
**   zl_source_close(s);
**
** The format is recognised by the file's first bytes (gzip.h, zstd.h),
** whatever its name; a compressed stream is decompressed on a thread of
** its own (ring.h). A stream cut short or corrupted is an error naming the
** file, not a short read. Only regular files (or symlinks to them) are
** opened: a FIFO, a device, a socket or a directory is an error at once
** ("'PATH' is a FIFO, not a log file"), never a read that blocks or never
** ends. No SQLite in here.
*/
#ifndef ZL_SOURCE_H
#define ZL_SOURCE_H

#include <stddef.h>
#include <sys/types.h>
#include "reader/stop.h"

typedef struct ZlSource ZlSource;

/* NULL with a malloc'd message in *err when the file cannot be read. */
ZlSource *zl_source_open(const char *path, char **err);
/* From now on reads ask stop(ctx) every ZL_STOP_POLL_BYTES handed out and
** every ZL_STOP_POLL_MS spent waiting for a decompressor; once it returns
** nonzero, this read and every later one fail with zl_source_error() =
** "interrupted" (ZL_STOP_MESSAGE). stop NULL: never stop (the default). */
void zl_source_set_stop(ZlSource *s, ZlStopFn stop, void *ctx);
/* Bytes read into buf (0 at the end), or -1 with zl_source_error() set. */
ssize_t zl_source_read(ZlSource *s, char *buf, size_t cap);
const char *zl_source_error(const ZlSource *s);
/* 1 after a read failed because stop said so. */
int zl_source_stopped(const ZlSource *s);
/* "plain", "gzip" or "zstd". */
const char *zl_source_format(const ZlSource *s);
/* 1 when a plain file is now longer than what was read of it: something is
** appending to it (a live log), so its last bytes may be half a line. */
int zl_source_grew(const ZlSource *s);
void zl_source_close(ZlSource *s);

/* What kind of file st describes, for messages: "a FIFO", "a directory",
** "a character device", ...; NULL for a regular file. */
struct stat;
const char *zl_file_kind(const struct stat *st);

#endif
