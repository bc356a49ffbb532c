/*
** source.h — the bytes of one file: plain, or gzip inflated as it streams.
**
**   ZlSource *s = zl_source_open("http.log.gz", &err);
**   while((n = zl_source_read(s, buf, sizeof buf)) > 0) ...
**   zl_source_close(s);
**
** Gzip is recognised by its magic bytes (1f 8b), whatever the file's name;
** concatenated gzip members are read one after the other, as gzip(1) does.
** A stream cut short or corrupted is an error naming the file, not a short
** read. No SQLite in here.
*/
#ifndef ZL_SOURCE_H
#define ZL_SOURCE_H

#include <stddef.h>
#include <sys/types.h>

typedef struct ZlSource ZlSource;

/* NULL with a malloc'd message in *err when the file cannot be read. */
ZlSource *zl_source_open(const char *path, char **err);
/* Bytes read into buf (0 at the end), or -1 with zl_source_error() set. */
ssize_t zl_source_read(ZlSource *s, char *buf, size_t cap);
const char *zl_source_error(const ZlSource *s);
/* 1 when a plain file is now longer than what was read of it: something is
** appending to it (a live log), so its last bytes may be half a line. */
int zl_source_grew(const ZlSource *s);
void zl_source_close(ZlSource *s);

#endif
