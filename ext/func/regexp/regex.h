/*
** regex.h — zeeklog's PCRE2 core (no SQLite here; the SQL functions live in
** sql_regexp.c, the signature sets in func/signatures/).
**
** A ZlRegex is a compiled pattern plus everything one match needs, allocated
** once: match data, a match context carrying the effort limits, a bounded JIT
** stack, and a reusable output buffer for replacements. Matching never
** allocates (but for the rare retry on a larger JIT stack, below), so a
** pattern compiled once per statement costs nothing per row. Everything is
** allocated through the ZlAlloc given to zl_regex_compile (NULL: malloc),
** except what PCRE2's JIT maps itself: its machine code and JIT stacks.
**
** Patterns are compiled in UTF mode with PCRE2_MATCH_INVALID_UTF (unless
** ZL_REGEX_BYTES): subjects are Zeek's raw bytes and may be any byte
** sequence; invalid UTF-8 simply cannot match a pattern character, it never
** raises an error. A ZlRegex is not thread-safe (one statement, one thread).
*/
#ifndef ZL_REGEX_H
#define ZL_REGEX_H

#include <stddef.h>
#include <stdint.h>

#include "base/alloc.h"

/* Effort limits. A pattern such as `(a+)+$` against "aaaa...b" backtracks
** exponentially; the match limit makes such a match fail with a limit error
** in milliseconds instead of hanging the process. The limit grows with the
** subject, so that a pattern doing a fixed amount of work per byte never
** hits it, however long the value: the built-in signatures need at most 1
** unit per byte with the JIT and 4 in the interpreter (a lazy scan, the
** application-secrets one), so each gets twice that. With the JIT a unit is
** a few nanoseconds: one match over n MB lasts at most ~4 ms + ~8 ms per MB,
** which is how soon it can answer an interrupt. */
#define ZL_REGEX_MATCH_LIMIT               1000000u  /* pcre2_set_match_limit(), base */
#define ZL_REGEX_MATCH_PER_BYTE_JIT        2u        /* ... plus this per byte, */
#define ZL_REGEX_MATCH_PER_BYTE_INTERPRETER 8u       /* ... or this without JIT */
#define ZL_REGEX_DEPTH_LIMIT    100000u    /* pcre2_set_depth_limit(), base */
#define ZL_REGEX_HEAP_LIMIT_KIB 65536u     /* 64 MiB, interpreter only */
#define ZL_REGEX_JIT_STACK_MIN  (32u * 1024u)
#define ZL_REGEX_JIT_STACK_MAX  (1024u * 1024u)
/* A match that outgrows the JIT stack above (a long value through a group
** repeated once per byte) is run again once on a stack of up to this much,
** made the first time it is needed and kept with the pattern. */
#define ZL_REGEX_JIT_STACK_LARGE (64u * 1024u * 1024u)

/* Compile flags. */
#define ZL_REGEX_CASELESS 0x1u   /* PCRE2_CASELESS */
#define ZL_REGEX_NO_JIT   0x2u   /* validate only: skip the JIT compile */
#define ZL_REGEX_BYTES    0x4u   /* byte mode, no UTF: \xc0 matches the byte
                                    C0 (signature sets use it to see overlong
                                    UTF-8 and other raw bytes); (*UTF) is
                                    refused */

/* zeeklog's own error codes, beside PCRE2's (which are > -100). */
#define ZL_REGEX_ETOOBIG      (-1001)  /* a replacement result over max_out */
#define ZL_REGEX_EINTERRUPTED (-1002)  /* the stop callback said stop */

typedef struct ZlRegex ZlRegex;

/* Why a compile failed: PCRE2's error code, the offset in the pattern where it
** noticed, and its message. */
typedef struct ZlRegexError {
  int code;
  size_t offset;
  char message[160];
} ZlRegexError;

/* Asked now and then during a long operation; nonzero means stop (the SQL
** layer answers sqlite3_is_interrupted()). */
typedef struct ZlRegexStop {
  int (*stopped)(void *arg);
  void *arg;
} ZlRegexStop;

/* Compiles pattern[0..len). Returns NULL on failure with *err filled in
** (including out of memory, code 0). */
ZlRegex *zl_regex_compile(const char *pattern, size_t len, unsigned flags,
                          const ZlAlloc *alloc, ZlRegexError *err);
void zl_regex_free(ZlRegex *re);

/* Number of capture groups in the pattern. */
uint32_t zl_regex_group_count(const ZlRegex *re);
/* Number of the group called name, or a negative value when there is none. */
int zl_regex_group_number(const ZlRegex *re, const char *name);
/* Whether the JIT compile succeeded (for tests and the docs' claims). */
int zl_regex_is_jit(const ZlRegex *re);

/* Does subject[0..len) contain a match? 1 yes, 0 no, < 0 a PCRE2 error code
** (e.g. the match limit was hit). */
int zl_regex_match(ZlRegex *re, const char *subject, size_t len);

/* Finds the first match and reports group `group` (0 = the whole match) as
** [*start, *end). 1 found, 0 no match or the group did not take part, < 0 a
** PCRE2 error. group must be <= zl_regex_group_count(). */
int zl_regex_find(ZlRegex *re, const char *subject, size_t len,
                  uint32_t group, size_t *start, size_t *end);

/* Replaces every match in subject with replacement ($1, ${name}, $$ are
** expanded; groups that did not take part expand to ''), as PCRE2's global
** substitution does, in time linear in the subject: after an empty match the
** next try starts one character on. On success returns 0 and points *out and
** *out_len at a buffer owned by re, valid until the next call on re.
** ZL_REGEX_ETOOBIG when the result would be longer than max_out bytes,
** ZL_REGEX_EINTERRUPTED when stop (may be NULL) said stop, or another < 0
** PCRE2 error code. */
int zl_regex_replace(ZlRegex *re, const char *subject, size_t len,
                     const char *replacement, size_t replacement_len,
                     size_t max_out, const ZlRegexStop *stop,
                     const char **out, size_t *out_len);

/* PCRE2's message (or zeeklog's) for an error code, into buf (always
** terminated). */
void zl_regex_error_message(int code, char *buf, size_t size);

/* Did a match fail because an effort limit was hit (not because of bad
** input)? */
int zl_regex_is_limit_error(int code);
/* Did it fail for want of memory? */
int zl_regex_is_nomem(int code);

#endif
