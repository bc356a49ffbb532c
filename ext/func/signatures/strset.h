/*
** strset.h — small sets of byte strings, and the needs (needs.h) they give:
** the algebra behind needs.c. No SQLite in here.
**
**   ZlStrSet run;  zl_strset_only_empty(&run);
**   zl_strset_run_concat(&run, &letter);     // what now ends the text
**   ZlNeed n;     zl_need_from_strset(&run, &n);
**
** An exact set holds every string a part can match, or is not known (too
** many, too long). A run holds strings one of which ends the text matched
** so far: cutting each to a suffix keeps that true, so a run that would
** overflow is cut to shorter suffixes instead (down to the empty string,
** which says nothing).
*/
#ifndef ZL_STRSET_H
#define ZL_STRSET_H

#include <stddef.h>

#include "func/signatures/needs.h"

#define ZL_STRSET_MAX 16   /* strings in a set */
#define ZL_STRSET_LEN 24   /* bytes in each */

/* Strings a part of a pattern can match (ASCII letters folded). */
typedef struct ZlStrSet {
  int known;                                 /* 0: too many, or unknown */
  int n;
  unsigned char len[ZL_STRSET_MAX];
  unsigned char s[ZL_STRSET_MAX][ZL_STRSET_LEN];
} ZlStrSet;

void zl_strset_only_empty(ZlStrSet *s);        /* { "" } */
void zl_strset_none(ZlStrSet *s);              /* {} (known) */
/* Adds a string; 0 when it does not fit (the set is then not exact). */
int zl_strset_add(ZlStrSet *s, const unsigned char *str, size_t len);
/* exact sets: a = a . b, a = a | b; not known when they do not fit */
void zl_strset_concat(ZlStrSet *a, const ZlStrSet *b);
void zl_strset_union(ZlStrSet *a, const ZlStrSet *b);
/* runs: what ends the text once x follows; run = run | other */
void zl_strset_run_concat(ZlStrSet *run, const ZlStrSet *x);
void zl_strset_run_union(ZlStrSet *run, const ZlStrSet *other);

void zl_need_none(ZlNeed *n);
/* Every match contains one of set's strings: one gram from each (not known
** when the set holds "" or is not known). */
void zl_need_from_strset(const ZlStrSet *set, ZlNeed *out);
/* The same, and a second need, another gram from each string that does not
** overlap the first (not known when a string is too short for one). */
void zl_need_pair_from_strset(const ZlStrSet *set, ZlNeed *first, ZlNeed *second);
/* best = candidate when it is known and cheaper. */
void zl_need_better(ZlNeed *best, const ZlNeed *candidate);
/* a = a | b: a match of either contains a gram of one of them. */
void zl_need_union(ZlNeed *a, const ZlNeed *b);

#endif
