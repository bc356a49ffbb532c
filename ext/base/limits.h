/*
** limits.h — the bounds and defaults every layer shares, named once. The
** table's options (vtab/options.c) start from these; cores take the values
** they are given. No SQLite in here.
*/
#ifndef ZL_LIMITS_H
#define ZL_LIMITS_H

#define ZL_DEFAULT_MAX_LINE   (16u << 20)  /* bytes: a longer line is a bad line */
#define ZL_MIN_MAX_LINE       64u
#define ZL_DEFAULT_MAX_FIELDS 4096         /* a header declaring more is refused */
#define ZL_MAX_MAX_FIELDS     1000000
#define ZL_MAX_THREADS        64
#define ZL_DEFAULT_GROUP_MEMORY (24u << 20) /* bytes of tuples per grouped pass */
#define ZL_MIN_GROUP_MEMORY   1024u
#define ZL_MARKER_MAX         64           /* bytes of a separator or marker */
#define ZL_READ_BLOCK         (256u << 10) /* bytes asked of read(2) at a time, and of a chunk */
#define ZL_CHUNK_ROW_BYTES    (4u << 20)   /* a chunk's parsed rows take about this much */

#endif
