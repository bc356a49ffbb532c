/*
** needs.h — what a signature's pattern needs to find in a value before it
** can match, as short byte strings ("grams", 1-3 bytes, ASCII letters
** folded to lower case). The prefilter (prefilter.h) looks for the grams; a
** value that does not meet a signature's needs is not matched against it.
** No SQLite in here.
**
** The needs are a choice of clauses, each a list of needs that must all be
** met, each need a set of grams one of which must occur:
**
**   \bNikto\b            one clause: { "nik" }
**   ;\s*+(?:cat|ls)\b    one clause: { ";" } and { "cat", "ls" }
**   <script|\bjavascript:    two clauses: { "<sc" } or { "jav" }
**
**   ZlNeeds n;
**   zl_needs_of("\\bNikto\\b", 9, &n);   // n.known, n.count == 1
**   zl_needs_of("a*|b", 4, &n);          // !n.known: it matches ""
**
** The reading is conservative: it understands the PCRE2 syntax signatures
** use (literals, classes, groups, alternation, quantifiers, anchors,
** lookarounds, \Q..\E); anything else, such as (?x), (*VERB)s, conditionals
** or POSIX classes, gives no needs, and the signature is then matched
** against every value. Of what a part of the pattern can match, it keeps
** the grams that byte statistics of URIs and user agents make rarest.
*/
#ifndef ZL_NEEDS_H
#define ZL_NEEDS_H

#include <stddef.h>

#define ZL_GRAM_MAX      3   /* bytes in a gram */
#define ZL_NEED_GRAMS   32   /* grams in one need */
#define ZL_CLAUSE_NEEDS  3   /* needs in a clause */
#define ZL_NEEDS_CLAUSES 16  /* clauses (a pattern's top-level branches) */

typedef struct ZlGram {
  unsigned char len;               /* 1..ZL_GRAM_MAX */
  unsigned char b[ZL_GRAM_MAX];    /* ASCII letters in lower case */
} ZlGram;

/* One of these grams occurs. */
typedef struct ZlNeed {
  int known;                       /* 0: nothing known is needed */
  size_t count;
  ZlGram gram[ZL_NEED_GRAMS];
  double cost;                     /* how often one may occur (statistics) */
} ZlNeed;

/* All of these needs are met. */
typedef struct ZlClause {
  size_t count;
  ZlNeed need[ZL_CLAUSE_NEEDS];
} ZlClause;

/* One of these clauses holds in every value the pattern matches. */
typedef struct ZlNeeds {
  int known;                       /* 0: the pattern may match anything */
  size_t count;
  ZlClause clause[ZL_NEEDS_CLAUSES];
} ZlNeeds;

/* Reads pattern[0..len) (PCRE2 syntax, already compiled successfully) into
** *needs. Never fails: a pattern it cannot read needs nothing. */
void zl_needs_of(const char *pattern, size_t len, ZlNeeds *needs);

/* The folding the grams use: ASCII upper case to lower case. */
static inline unsigned char zl_needs_fold(unsigned char c){
  return c >= 'A' && c <= 'Z' ? (unsigned char)(c + ('a' - 'A')) : c;
}

#endif
