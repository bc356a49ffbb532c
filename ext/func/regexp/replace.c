/*
** replace.c — regexp_replace()'s core: every match of a ZlRegex replaced,
** in time linear in the subject (see zl_regex_replace in regex.h).
**
**   SELECT regexp_replace('a1b22', '\d+', '<$0>');    -- 'a<1>b<22>'
**   SELECT regexp_replace('ab', '', '-');              -- '-a-b-'
*/
#include <string.h>

#include "func/regexp/regex_internal.h"

/* How many replacements between two questions to the stop callback. */
#define STOP_EVERY 1024u

/* Appends n bytes to the output, unless that would pass max_out. */
static int out_append(ZlRegex *re, const char *s, size_t n, size_t max_out){
  if(n > max_out || re->out.n > max_out - n) return ZL_REGEX_ETOOBIG;
  return zl_buf_append(&re->out, s, n) ? PCRE2_ERROR_NOMEMORY : 0;
}

/* Appends the replacement for the match in re->match. Without a '$' it is
** the replacement itself; otherwise pcre2_substitute() expands it for this
** one match only (SUBSTITUTE_MATCHED: no new match; REPLACEMENT_ONLY: no
** copy of the subject), writing straight into the output buffer. */
static int append_expansion(ZlRegex *re, const pcre2_code *code,
                            const char *subject, size_t len,
                            const char *replacement, size_t replacement_len,
                            int literal, uint32_t check, size_t max_out){
  if(literal) return out_append(re, replacement, replacement_len, max_out);
  uint32_t options = PCRE2_SUBSTITUTE_MATCHED | PCRE2_SUBSTITUTE_REPLACEMENT_ONLY
                   | PCRE2_SUBSTITUTE_UNSET_EMPTY | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH
                   | check;
  if(zl_buf_reserve(&re->out, replacement_len + 1)) return PCRE2_ERROR_NOMEMORY;
  for(int attempt = 0; attempt < 2; attempt++){
    PCRE2_SIZE room = re->out.cap - re->out.n;
    int rc = pcre2_substitute(code, (PCRE2_SPTR)zl_regex_nonnull(subject), len, 0,
                              options, re->match, re->context,
                              (PCRE2_SPTR)zl_regex_nonnull(replacement), replacement_len,
                              (PCRE2_UCHAR *)re->out.p + re->out.n, &room);
    if(rc >= 0){
      if(room > max_out || re->out.n > max_out - room) return ZL_REGEX_ETOOBIG;
      re->out.n += room;
      return 0;
    }
    if(rc != PCRE2_ERROR_NOMEMORY) return rc;
    /* room now says how much the expansion needs (with its terminator);
    ** PCRE2_UNSET, or no more than we had, means that PCRE2 itself ran out
    ** of memory (it copies the match data for SUBSTITUTE_MATCHED) */
    if(room == PCRE2_UNSET || room <= re->out.cap - re->out.n) return PCRE2_ERROR_NOMEMORY;
    if(room - 1 > max_out || re->out.n > max_out - (room - 1)) return ZL_REGEX_ETOOBIG;
    if(zl_buf_reserve(&re->out, room)) return PCRE2_ERROR_NOMEMORY;
  }
  return PCRE2_ERROR_NOMEMORY;
}

/* Is s[0..len) valid UTF-8 (RFC 3629: shortest forms only, no surrogates,
** nothing past U+10FFFF)? */
static int is_valid_utf8(const unsigned char *s, size_t len){
  size_t i = 0;
  while(i < len){
    unsigned c = s[i];
    if(c < 0x80){ i++; continue; }
    size_t n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
    if(c < 0xc2 || c > 0xf4 || len - i <= n) return 0;
    unsigned lo = 0x80, hi = 0xbf;      /* the second byte's range */
    if(c == 0xe0) lo = 0xa0;            /* overlong */
    if(c == 0xed) hi = 0x9f;            /* surrogates */
    if(c == 0xf0) lo = 0x90;            /* overlong */
    if(c == 0xf4) hi = 0x8f;            /* past U+10FFFF */
    if(s[i + 1] < lo || s[i + 1] > hi) return 0;
    for(size_t k = 2; k <= n; k++){
      if((s[i + k] & 0xc0) != 0x80) return 0;
    }
    i += n + 1;
  }
  return 1;
}

/* The code to match with: the interpreter's twin without MATCH_INVALID_UTF
** for a valid subject (*options gains NO_UTF_CHECK), else the pattern. */
static const pcre2_code *code_for(const ZlRegex *re, const char *subject,
                                  size_t len, uint32_t *options){
  *options = 0;
  if(re->trusted && is_valid_utf8((const unsigned char *)zl_regex_nonnull(subject), len)){
    *options = PCRE2_NO_UTF_CHECK;
    return re->trusted;
  }
  return re->code;
}

static int stopped(const ZlRegexStop *stop){
  return stop && stop->stopped && stop->stopped(stop->arg);
}

/* PCRE2's global substitution, with every match found by one pcre2_match()
** from where the last one ended. After an empty match, PCRE2's own loop
** tries the same place ANCHORED for a non-empty match and then steps one
** character; ANCHORED at match time is not in the JIT's repertoire, and the
** interpreter re-checks the UTF-8 of the rest of the subject on each call,
** which made the loop quadratic. An unanchored search with
** NOTEMPTY_ATSTART finds the same next match (a non-empty one where the
** empty one was, else the first one further on) in one JIT call. Without
** the JIT, a valid UTF-8 subject is matched with the pattern's twin that
** does not re-check it. */
static int replace_all(ZlRegex *re, const char *subject, size_t len,
                       const char *replacement, size_t replacement_len,
                       size_t max_out, const ZlRegexStop *stop){
  int literal = memchr(zl_regex_nonnull(replacement), '$', replacement_len) == NULL;
  size_t start = 0, copied = 0;
  uint32_t options = 0, check = 0, always;
  const pcre2_code *code = code_for(re, subject, len, &always);
  for(unsigned long round = 1; start <= len; round++){
    if(round % STOP_EVERY == 0 && stopped(stop)) return ZL_REGEX_EINTERRUPTED;
    int rc = zl_regex_run(re, code, subject, len, start, options | always);
    if(rc == PCRE2_ERROR_NOMATCH) break;
    if(rc < 0) return rc;
    PCRE2_SIZE *ovector = pcre2_get_ovector_pointer(re->match);
    size_t from = ovector[0], to = ovector[1];
    if(to < from || from < start) return PCRE2_ERROR_BADSUBSPATTERN;  /* \K */
    rc = out_append(re, subject + copied, from - copied, max_out);
    if(rc == 0){
      rc = append_expansion(re, code, subject, len, replacement, replacement_len,
                            literal, check, max_out);
    }
    if(rc) return rc;
    check = PCRE2_NO_UTF_CHECK;   /* the replacement was checked once */
    copied = start = to;
    options = to == from ? PCRE2_NOTEMPTY_ATSTART : 0;
  }
  return out_append(re, subject + copied, len - copied, max_out);
}

int zl_regex_replace(ZlRegex *re, const char *subject, size_t len,
                     const char *replacement, size_t replacement_len,
                     size_t max_out, const ZlRegexStop *stop,
                     const char **out, size_t *out_len){
  re->out.n = 0;
  int rc = replace_all(re, subject, len, replacement, replacement_len,
                       max_out, stop);
  if(rc) return rc;
  /* an empty result still needs a real pointer */
  if(re->out.p == NULL && zl_buf_reserve(&re->out, 1)) return PCRE2_ERROR_NOMEMORY;
  *out = re->out.p;
  *out_len = re->out.n;
  return 0;
}

