/*
** signatures.h — named regular-expression signatures matched as one set:
** the core behind scanner_ua()/attack_class() and the scanner_signatures /
** attack_signatures tables (sql_signatures.c). No SQLite here.
**
** A ZlSigSet is an ordered list of signatures (ordered by id, the table's
** rowid). Classifying a value runs ONE combined PCRE2 match over all of them
** and answers with the first signature in id order whose pattern matches
** anywhere in the value. The combined pattern is rebuilt (and JIT-compiled)
** lazily after the list changes; a bounded cache remembers recent answers,
** because a log repeats the same user agent millions of times.
**
** Patterns are PCRE2 syntax, matched case-insensitively in byte mode (no
** UTF: `\xc0` is the byte C0, which is how overlong-UTF-8 evasions are seen).
** Each must stand alone inside the combination: it may use groups and
** back-references of its own, but not (*VERB)s that only work at the start
** of a pattern, nor (?R)-style recursion into the combination.
*/
#ifndef ZL_SIGNATURES_H
#define ZL_SIGNATURES_H

#include <stddef.h>

/* What a signature is made of; category and reference may be NULL. */
typedef struct ZlSignatureSpec {
  const char *name;
  const char *pattern;
  const char *category;
  const char *reference;
} ZlSignatureSpec;

/* A signature in a set: its id (rowid) and its own copies of the strings. */
typedef struct ZlSignature {
  long long id;
  char *name;
  char *pattern;
  char *category;
  char *reference;
} ZlSignature;

typedef struct ZlSigSet ZlSigSet;

/* Set flags. */
#define ZL_SIGSET_DECODE_URI 0x1u  /* percent-decode values until stable,
                                      '+' as space, before matching */

/* Return codes. */
#define ZL_SIG_OK          0
#define ZL_SIG_MATCH       1
#define ZL_SIG_ERROR      (-1)  /* message in err */
#define ZL_SIG_NOMEM      (-2)
#define ZL_SIG_CONSTRAINT (-3)  /* message in err: NULL field, duplicate id */

/* How many times attack matching decodes a URI (Zeek decoded it once). */
#define ZL_SIG_DECODE_ROUNDS 4

/* The built-in lists (signatures.c), in priority order. */
extern const ZlSignatureSpec zl_scanner_signatures[];
extern const size_t zl_scanner_signature_count;
extern const ZlSignatureSpec zl_attack_signatures[];
extern const size_t zl_attack_signature_count;

ZlSigSet *zl_sigset_new(unsigned flags);
void zl_sigset_free(ZlSigSet *set);

/* Appends trusted signatures (the built-in lists) with ids 1, 2, ... after
** the last id, without per-entry validation. ZL_SIG_OK or ZL_SIG_NOMEM. */
int zl_sigset_load(ZlSigSet *set, const ZlSignatureSpec *specs, size_t n);

/* Reading the list, in id order. */
size_t zl_sigset_count(const ZlSigSet *set);
const ZlSignature *zl_sigset_at(const ZlSigSet *set, size_t i);
/* Index of the first signature whose id is >= id (count when none). */
size_t zl_sigset_seek(const ZlSigSet *set, long long id);
/* An id after every existing one. */
long long zl_sigset_next_id(const ZlSigSet *set);

/* Editing. Each validates the pattern alone and in the combination, and
** leaves the set unchanged when it fails (message in err). */
int zl_sigset_insert(ZlSigSet *set, long long id, const ZlSignatureSpec *spec,
                     char *err, size_t err_size);
int zl_sigset_update(ZlSigSet *set, long long old_id, long long new_id,
                     const ZlSignatureSpec *spec, char *err, size_t err_size);
/* Removes the signature with this id, if there is one. */
void zl_sigset_delete(ZlSigSet *set, long long id);

/* Matches value[0..len). ZL_SIG_MATCH with *found set to the winning
** signature (valid until the set changes), ZL_SIG_OK when none matches, or a
** negative code (e.g. a user's pattern hit the match limit). */
int zl_sigset_classify(ZlSigSet *set, const char *value, size_t len,
                       const ZlSignature **found, char *err, size_t err_size);

#endif
