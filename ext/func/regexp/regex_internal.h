/*
** regex_internal.h — what regex.c and replace.c share: the inside of a
** ZlRegex. Not for other files (they use regex.h).
*/
#ifndef ZL_REGEX_INTERNAL_H
#define ZL_REGEX_INTERNAL_H

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "base/buf.h"
#include "func/regexp/regex.h"

/* A compile flag of the core's own: UTF without PCRE2_MATCH_INVALID_UTF,
** for subjects known to be valid. */
#define ZL_REGEX_VALID_UTF 0x100u

struct ZlRegex {
  const ZlAlloc *alloc;
  pcre2_code *code;
  pcre2_match_data *match;        /* ovector + interpreter frames, reused */
  pcre2_match_context *context;   /* effort limits + JIT stack */
  pcre2_jit_stack *jit_stack;     /* NULL: the default 32 KiB machine stack */
  pcre2_jit_stack *large_stack;   /* ZL_REGEX_JIT_STACK_LARGE, made on demand */
  pcre2_code *trusted;            /* interpreter only: the pattern without
                                     MATCH_INVALID_UTF, for valid subjects */
  int jit;                        /* JIT compile succeeded */
  ZlBuf out;                      /* replacement output, grown as needed */
};

/* An empty SQL string may arrive as a NULL pointer; PCRE2 wants a real one. */
const char *zl_regex_nonnull(const char *s);

/* One pcre2_match() of code (re->code, or re->trusted) from offset start,
** with re's match data and limits, the budget grown for the bytes left; a
** match that outgrows the JIT stack is tried once more on a large one. */
int zl_regex_run(ZlRegex *re, const pcre2_code *code, const char *subject,
                 size_t len, size_t start, uint32_t options);

#endif
