/*
** syntax.h — what needs.c and syntax.c share while they read a pattern
** (not for other files): a part of the pattern as sets of strings and needs,
** and the reader's place. No SQLite in here.
*/
#ifndef ZL_SYNTAX_H
#define ZL_SYNTAX_H

#include <stddef.h>

#include "func/signatures/needs.h"
#include "func/signatures/strset.h"

/* What a part of a pattern can match. */
typedef struct ZlPatternPart {
  ZlStrSet exact;
  ZlNeed need, need2;      /* two needs that both hold (need2 may be unknown) */
} ZlPatternPart;

typedef struct ZlPatternReader {
  const unsigned char *p, *end;
  int depth;
  int failed;      /* met syntax it does not read: no needs at all */
  int quoting;     /* inside \Q...\E */
} ZlPatternReader;

/* Is the byte `ahead` places on c? */
int zl_pattern_at(const ZlPatternReader *r, size_t ahead, unsigned char c);
/* Reads one item (a literal, class, escape, anchor or group) into *x. */
void zl_pattern_item(ZlPatternReader *r, ZlPatternPart *x);
/* The quantifier after an item, if any: (1, 1) when there is none; max -1
** for no upper bound. */
void zl_pattern_quantifier(ZlPatternReader *r, long *min, long *max);
/* \Q starts quoting, \E ends it (and is ignored elsewhere). */
void zl_pattern_skip_quotes(ZlPatternReader *r);

void zl_part_no_needs(ZlPatternPart *x);
/* A part's needs also consider the grams of its exact strings. */
void zl_part_settle(ZlPatternPart *x);

/* An alternation up to the group's ')' or the pattern's end (needs.c). */
void zl_needs_alternation(ZlPatternReader *r, ZlPatternPart *out);

#endif
