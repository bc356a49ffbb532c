/*
** gzip.h — gzip (RFC 1952) inflated as it streams, for source.c.
**
** Recognised by its magic bytes (1f 8b), whatever the file's name;
** concatenated members are read one after the other, as gzip -d does.
** Every way a stream can be wrong is an error naming the file and what is
** wrong: cut short ("gzip stream is truncated"), corrupt ("corrupt gzip
** stream (checksum mismatch)", ...), or followed by bytes that are not a
** member ("5 bytes after the end of the gzip stream are not a gzip
** member": gzip -d warns and ignores them). No SQLite in here.
*/
#ifndef ZL_GZIP_H
#define ZL_GZIP_H

#include "reader/codec.h"

#define ZL_GZIP_IN_SIZE (256u << 10)   /* compressed bytes read at a time */

/* zl_gzip_codec (codec.h) is the format's entry for source.c. */

#endif
