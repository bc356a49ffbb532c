/*
** regex.c — the PCRE2 core behind zeeklog's regexp functions and signature
** sets. See regex.h for the contract; the SQL is in sql_regexp.c:
**
**   SELECT 'GET /a' REGEXP '^GET ';                            -- 1
**   SELECT regexp_substr('id=42&x=1', '\d+');                  -- '42'
**   SELECT regexp_capture('id=42', 'id=(\d+)');                -- '42'
**   SELECT regexp_replace('a1b22', '\d+', '<$0>');             -- 'a<1>b<22>'
*/
#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "func/regexp/regex.h"

struct ZlRegex {
  pcre2_code *code;
  pcre2_match_data *match;        /* ovector + interpreter frames, reused */
  pcre2_match_context *context;   /* effort limits + JIT stack */
  pcre2_jit_stack *jit_stack;     /* NULL: the default 32 KiB machine stack */
  int jit;                        /* JIT compile succeeded */
  char *out;                      /* replacement output, grown as needed */
  size_t out_size;
};

/* An empty SQL string may arrive as a NULL pointer; PCRE2 wants a real one. */
static const char *nonnull(const char *s){
  return s ? s : "";
}

static void error_set(ZlRegexError *err, int code, size_t offset){
  err->code = code;
  err->offset = offset;
  if( code == 0 ){
    snprintf(err->message, sizeof err->message, "out of memory");
  }else{
    zl_regex_error_message(code, err->message, sizeof err->message);
  }
}

/* Limits for the interpreter and the JIT, and a JIT stack of bounded size so
** a pattern that recurses deeply fails with "JIT stack limit reached". */
static int context_init(ZlRegex *re){
  re->context = pcre2_match_context_create(NULL);
  if( re->context == NULL ) return 0;
  pcre2_set_match_limit(re->context, ZL_REGEX_MATCH_LIMIT);
  pcre2_set_depth_limit(re->context, ZL_REGEX_DEPTH_LIMIT);
  pcre2_set_heap_limit(re->context, ZL_REGEX_HEAP_LIMIT_KIB);
  if( re->jit ){
    re->jit_stack = pcre2_jit_stack_create(ZL_REGEX_JIT_STACK_MIN,
                                           ZL_REGEX_JIT_STACK_MAX, NULL);
    /* Without one, PCRE2 uses 32 KiB of machine stack: smaller, still bounded. */
    if( re->jit_stack ) pcre2_jit_stack_assign(re->context, NULL, re->jit_stack);
  }
  return 1;
}

/* ZEEKLOG_NO_JIT=1 in the environment turns the JIT off: its compiled code
** reads memory in 16-byte steps that valgrind reports as errors (harmless,
** within the allocation's page), so the valgrind run sets it. */
static int jit_wanted(void){
  const char *off = getenv("ZEEKLOG_NO_JIT");
  return off == NULL || off[0] == 0 || strcmp(off, "0") == 0;
}

ZlRegex *zl_regex_compile(const char *pattern, size_t len, unsigned flags,
                          ZlRegexError *err){
  uint32_t options = PCRE2_NEVER_BACKSLASH_C;
  if( !(flags & ZL_REGEX_BYTES) ) options |= PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
  if( flags & ZL_REGEX_CASELESS ) options |= PCRE2_CASELESS;
  if( flags & ZL_REGEX_DUPNAMES ) options |= PCRE2_DUPNAMES;
  ZlRegex *re = calloc(1, sizeof *re);
  if( re == NULL ){ error_set(err, 0, 0); return NULL; }
  int code = 0;
  PCRE2_SIZE offset = 0;
  re->code = pcre2_compile((PCRE2_SPTR)nonnull(pattern), len, options,
                           &code, &offset, NULL);
  if( re->code == NULL ){
    error_set(err, code, offset);
    free(re);
    return NULL;
  }
  /* No JIT on this platform, or no memory for it: the interpreter is slower
  ** but gives the same answers, so fall back without a word. */
  if( !(flags & ZL_REGEX_NO_JIT) && jit_wanted() ){
    re->jit = pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0;
  }
  re->match = pcre2_match_data_create_from_pattern(re->code, NULL);
  if( re->match == NULL || !context_init(re) ){
    zl_regex_free(re);
    error_set(err, 0, 0);
    return NULL;
  }
  return re;
}

void zl_regex_free(ZlRegex *re){
  if( re == NULL ) return;
  pcre2_match_data_free(re->match);
  pcre2_match_context_free(re->context);
  pcre2_jit_stack_free(re->jit_stack);
  pcre2_code_free(re->code);
  free(re->out);
  free(re);
}

uint32_t zl_regex_group_count(const ZlRegex *re){
  uint32_t n = 0;
  pcre2_pattern_info(re->code, PCRE2_INFO_CAPTURECOUNT, &n);
  return n;
}

int zl_regex_group_number(const ZlRegex *re, const char *name){
  return pcre2_substring_number_from_name(re->code, (PCRE2_SPTR)name);
}

int zl_regex_is_jit(const ZlRegex *re){
  return re->jit;
}

static void set_bit(unsigned char start[32], unsigned byte){
  start[byte / 8] |= (unsigned char)(1u << (byte % 8));
}

int zl_regex_start_bytes(const ZlRegex *re, unsigned char start[32]){
  uint32_t type = 0, unit = 0;
  const uint8_t *bitmap = NULL;
  memset(start, 0, 32);
  pcre2_pattern_info(re->code, PCRE2_INFO_FIRSTCODETYPE, &type);
  if( type == 1 ){
    /* A first code unit; PCRE2 does not say whether it is caseless, so take
    ** both cases (a larger set only costs speed). */
    pcre2_pattern_info(re->code, PCRE2_INFO_FIRSTCODEUNIT, &unit);
    if( unit > 0xff ) return 0;
    set_bit(start, unit);
    if( unit < 0x80 ){
      set_bit(start, (unsigned)tolower((int)unit));
      set_bit(start, (unsigned)toupper((int)unit));
    }
    return 1;
  }
  if( type == 0
      && pcre2_pattern_info(re->code, PCRE2_INFO_FIRSTBITMAP, &bitmap) == 0
      && bitmap != NULL ){
    memcpy(start, bitmap, 32);
    return 1;
  }
  return 0;
}

/* One pcre2_match() with the regex's own match data and limits. */
static int run(ZlRegex *re, const char *subject, size_t len){
  return pcre2_match(re->code, (PCRE2_SPTR)nonnull(subject), len, 0, 0,
                     re->match, re->context);
}

int zl_regex_match(ZlRegex *re, const char *subject, size_t len){
  int rc = run(re, subject, len);
  if( rc == PCRE2_ERROR_NOMATCH ) return 0;
  return rc < 0 ? rc : 1;
}

int zl_regex_find(ZlRegex *re, const char *subject, size_t len,
                  uint32_t group, size_t *start, size_t *end){
  int rc = run(re, subject, len);
  if( rc == PCRE2_ERROR_NOMATCH ) return 0;
  if( rc < 0 ) return rc;
  /* rc counts the pairs set; groups past it, and groups in a branch that
  ** did not match, are PCRE2_UNSET. */
  PCRE2_SIZE *ovector = pcre2_get_ovector_pointer(re->match);
  if( group >= (uint32_t)rc || ovector[2*group] == PCRE2_UNSET ) return 0;
  *start = ovector[2*group];
  *end = ovector[2*group + 1];
  return 1;
}

const char *zl_regex_mark(const ZlRegex *re){
  return (const char *)pcre2_get_mark(re->match);
}

static int out_reserve(ZlRegex *re, size_t size){
  if( size <= re->out_size ) return 1;
  char *grown = realloc(re->out, size);
  if( grown == NULL ) return 0;
  re->out = grown;
  re->out_size = size;
  return 1;
}

/* pcre2_substitute() into the reusable buffer; when it is too small PCRE2
** says how much it needs (SUBSTITUTE_OVERFLOW_LENGTH) and we try once more. */
int zl_regex_replace(ZlRegex *re, const char *subject, size_t len,
                     const char *replacement, size_t replacement_len,
                     const char **out, size_t *out_len){
  uint32_t options = PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_UNSET_EMPTY
                   | PCRE2_SUBSTITUTE_OVERFLOW_LENGTH;
  if( !out_reserve(re, len + len/2 + 64) ) return PCRE2_ERROR_NOMEMORY;
  for(int attempt = 0; attempt < 2; attempt++){
    PCRE2_SIZE size = re->out_size;
    int rc = pcre2_substitute(re->code, (PCRE2_SPTR)nonnull(subject), len, 0,
                              options, re->match, re->context,
                              (PCRE2_SPTR)nonnull(replacement), replacement_len,
                              (PCRE2_UCHAR *)re->out, &size);
    if( rc >= 0 ){
      *out = re->out;
      *out_len = size;
      return 0;
    }
    if( rc != PCRE2_ERROR_NOMEMORY || !out_reserve(re, size) ) return rc;
  }
  return PCRE2_ERROR_NOMEMORY;
}

void zl_regex_error_message(int code, char *buf, size_t size){
  if( size == 0 ) return;
  if( pcre2_get_error_message(code, (PCRE2_UCHAR *)buf, size)
      == PCRE2_ERROR_BADDATA ){
    snprintf(buf, size, "PCRE2 error %d", code);
  }
}

int zl_regex_is_limit_error(int code){
  return code == PCRE2_ERROR_MATCHLIMIT || code == PCRE2_ERROR_DEPTHLIMIT
      || code == PCRE2_ERROR_HEAPLIMIT || code == PCRE2_ERROR_JIT_STACKLIMIT;
}

int zl_regex_is_nomem(int code){
  return code == PCRE2_ERROR_NOMEMORY;
}
