/*
** signatures.h — named regular-expression signatures: the core behind
** scanner_ua()/attack_class() and the scanner_signatures / attack_signatures
** tables (sql_signatures.c). No SQLite here.
**
** A ZlSigSet is an ordered list of signatures (ordered by id, the table's
** rowid). Classifying a value answers with the first signature in id order
** whose pattern matches anywhere in the value. Each signature is matched on
** its own (its own PCRE2 pattern, JIT-compiled when first needed), so a
** backtracking verb or a pattern that runs out of effort affects that
** signature only. A byte-level prefilter (prefilter.h) built from what each
** pattern needs (needs.h) leaves out the signatures a value cannot match;
** most values reach no pattern at all. A bounded memo remembers recent
** answers, because a log repeats the same user agent millions of times.
**
** Patterns are PCRE2 syntax, matched case-insensitively in byte mode (no
** UTF: `\xc0` is the byte C0, which is how overlong-UTF-8 evasions are seen).
**
** A value on which a signature ran out of match effort, and that no other
** signature matched, is undetermined: ZL_SIG_UNDETERMINED (the SQL functions
** answer 'undetermined'), and the signature's undetermined count goes up.
*/
#ifndef ZL_SIGNATURES_H
#define ZL_SIGNATURES_H

#include <stddef.h>

#include "base/alloc.h"
#include "func/regexp/regex.h"

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
  /* Matches of this pattern that ran out of effort before they could say
  ** yes or no, since it was inserted or last updated. */
  unsigned long long undetermined;
} ZlSignature;

typedef struct ZlSigSet ZlSigSet;

/* Set flags. */
#define ZL_SIGSET_DECODE_URI 0x1u  /* percent-decode values until stable,
                                      '+' as space, before matching */

/* Return codes. */
#define ZL_SIG_OK            0
#define ZL_SIG_MATCH         1
#define ZL_SIG_UNDETERMINED  2     /* no match, but a signature could not tell */
#define ZL_SIG_ERROR        (-1)   /* message in err */
#define ZL_SIG_NOMEM        (-2)
#define ZL_SIG_CONSTRAINT   (-3)   /* message in err: NULL field, duplicate id */
#define ZL_SIG_INTERRUPTED  (-4)   /* the set's stop callback said stop */

/* The class the SQL functions give an undetermined value. */
#define ZL_SIG_UNDETERMINED_NAME "undetermined"

/* How many times attack matching decodes a URI (Zeek decoded it once). */
#define ZL_SIG_DECODE_ROUNDS 4

/* zl_sigset_match() options, for tests and checks. */
#define ZL_SIG_NO_MEMO      0x1u   /* neither read nor write the memo */
#define ZL_SIG_NO_PREFILTER 0x2u   /* match every signature, in id order */

/* The built-in lists (signature_lists.c), in priority order. */
extern const ZlSignatureSpec zl_scanner_signatures[];
extern const size_t zl_scanner_signature_count;
extern const ZlSignatureSpec zl_attack_signatures[];
extern const size_t zl_attack_signature_count;

/* A set that allocates through alloc (NULL: malloc). */
ZlSigSet *zl_sigset_new(unsigned flags, const ZlAlloc *alloc);
void zl_sigset_free(ZlSigSet *set);

/* Asked between two patterns and between two decoding rounds: nonzero ends
** the classification with ZL_SIG_INTERRUPTED. */
void zl_sigset_set_stop(ZlSigSet *set, const ZlRegexStop *stop);

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

/* Editing. Each validates the pattern, and leaves the set unchanged when it
** fails (message in err). */
int zl_sigset_insert(ZlSigSet *set, long long id, const ZlSignatureSpec *spec,
                     char *err, size_t err_size);
int zl_sigset_update(ZlSigSet *set, long long old_id, long long new_id,
                     const ZlSignatureSpec *spec, char *err, size_t err_size);
/* Removes the signature with this id, if there is one. */
void zl_sigset_delete(ZlSigSet *set, long long id);

/* Matches value[0..len). ZL_SIG_MATCH with *found set to the winning
** signature (valid until the set changes), ZL_SIG_OK when none matches,
** ZL_SIG_UNDETERMINED (*found NULL) when none matched but one or more ran
** out of effort, or ZL_SIG_NOMEM / ZL_SIG_INTERRUPTED. */
int zl_sigset_classify(ZlSigSet *set, const char *value, size_t len,
                       const ZlSignature **found);
/* The same, with ZL_SIG_NO_MEMO / ZL_SIG_NO_PREFILTER options. */
int zl_sigset_match(ZlSigSet *set, const char *value, size_t len,
                    unsigned options, const ZlSignature **found);

/* What classifying has cost so far (for tests and the docs' figures). */
typedef struct ZlSigStats {
  unsigned long long values;        /* classified */
  unsigned long long memo_hits;     /* answered from the memo */
  unsigned long long prefiltered;   /* of the others, ruled out before PCRE2 */
  unsigned long long pattern_runs;  /* pcre2_match() calls */
  unsigned long long undetermined;  /* answers ZL_SIG_UNDETERMINED */
} ZlSigStats;
void zl_sigset_stats(const ZlSigSet *set, ZlSigStats *stats);

#endif
