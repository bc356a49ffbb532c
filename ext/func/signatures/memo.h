/*
** memo.h — recent answers of a signature set, keyed by the value's bytes: a
** log repeats the same user agent millions of times, and a repeated value
** then costs a hash and a memcmp. No SQLite in here.
**
**   ZlSigMemo *m = zl_sigmemo_new(alloc);
**   uint64_t h = zl_sigmemo_hash(v, n);          // once per value, for both calls
**   if(!zl_sigmemo_get(m, generation, v, n, h, &answer)){ ...; zl_sigmemo_put(m, generation, v, n, h, answer); }
**   zl_sigmemo_free(m);
**
** An answer is remembered for one generation of the set: a set that changes
** bumps its generation, which forgets every answer at once.
*/
#ifndef ZL_MEMO_H
#define ZL_MEMO_H

#include <stddef.h>

#include "base/alloc.h"

#define ZL_SIGMEMO_SLOTS   2048u   /* direct-mapped; a power of two */
#define ZL_SIGMEMO_KEY_MAX 1024u   /* longer values are not remembered */

typedef struct ZlSigMemo ZlSigMemo;

ZlSigMemo *zl_sigmemo_new(const ZlAlloc *alloc);   /* NULL when out of memory */
void zl_sigmemo_free(ZlSigMemo *memo);

/* The key of value[0..len) that get and put take. */
uint64_t zl_sigmemo_hash(const char *value, size_t len);
/* 1 with *answer when value[0..len) (whose zl_sigmemo_hash is hash) was
** answered in this generation. */
int zl_sigmemo_get(const ZlSigMemo *memo, unsigned long generation,
                   const char *value, size_t len, uint64_t hash, int *answer);
/* Remembers an answer (quietly not, when out of memory or too long). */
void zl_sigmemo_put(ZlSigMemo *memo, unsigned long generation,
                    const char *value, size_t len, uint64_t hash, int answer);

#endif
