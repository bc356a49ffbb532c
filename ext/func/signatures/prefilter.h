/*
** prefilter.h — which signatures a value might match, from its bytes alone:
** a value that meets none of a signature's clauses of needs (needs.h)
** cannot match it. One pass over the value, a table look-up per byte and
** gram length; what it rules out never reaches PCRE2. No SQLite in here.
**
**   ZlPrefilter *p = zl_prefilter_build(needs, n, alloc);  // needs[i] per signature
**   uint64_t cand[zl_prefilter_words(p)];
**   zl_prefilter_scan(p, value, len, cand);   // bit i: signature i may match
**   zl_prefilter_free(p);
**
** Not thread-safe: a scan marks the needs it meets in the prefilter itself.
*/
#ifndef ZL_PREFILTER_H
#define ZL_PREFILTER_H

#include <stddef.h>
#include <stdint.h>

#include "base/alloc.h"
#include "func/signatures/needs.h"

typedef struct ZlPrefilter ZlPrefilter;

/* A prefilter over n signatures; a signature whose needs are not known
** (needs[i] NULL, or !needs[i]->known) is a candidate for every value.
** NULL when out of memory. */
ZlPrefilter *zl_prefilter_build(const ZlNeeds *const *needs, size_t n,
                                const ZlAlloc *alloc);
void zl_prefilter_free(ZlPrefilter *p);

/* 64-bit words in a candidate set: one bit per signature. */
size_t zl_prefilter_words(const ZlPrefilter *p);

/* Sets cand[0..words) to the signatures value[0..len) may match. */
void zl_prefilter_scan(ZlPrefilter *p, const unsigned char *value, size_t len,
                       uint64_t *cand);

#endif
