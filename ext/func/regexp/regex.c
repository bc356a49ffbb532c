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
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "func/regexp/regex_internal.h"


const char *zl_regex_nonnull(const char *s){
  return s ? s : "";
}

/* PCRE2's memory functions over a ZlAlloc. */
static void *pcre2_alloc(PCRE2_SIZE size, void *data){
  return zl_alloc(data, size);
}

static void pcre2_release(void *p, void *data){
  zl_alloc_free(data, p);
}

static void error_set(ZlRegexError *err, int code, size_t offset){
  err->code = code;
  err->offset = offset;
  if(code == 0){
    snprintf(err->message, sizeof err->message, "out of memory");
  }else{
    zl_regex_error_message(code, err->message, sizeof err->message);
  }
}

/* Limits for the interpreter and the JIT, and a JIT stack of bounded size so
** a pattern that recurses deeply fails with "JIT stack limit reached". */
static int context_init(ZlRegex *re, pcre2_general_context *general){
  re->context = pcre2_match_context_create(general);
  if(re->context == NULL) return 0;
  pcre2_set_match_limit(re->context, ZL_REGEX_MATCH_LIMIT);
  pcre2_set_depth_limit(re->context, ZL_REGEX_DEPTH_LIMIT);
  pcre2_set_heap_limit(re->context, ZL_REGEX_HEAP_LIMIT_KIB);
  if(re->jit){
    re->jit_stack = pcre2_jit_stack_create(ZL_REGEX_JIT_STACK_MIN,
                                           ZL_REGEX_JIT_STACK_MAX, general);
    /* Without one, PCRE2 uses 32 KiB of machine stack: smaller, still bounded. */
    if(re->jit_stack) pcre2_jit_stack_assign(re->context, NULL, re->jit_stack);
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

static uint32_t compile_options(unsigned flags){
  uint32_t options = PCRE2_NEVER_BACKSLASH_C;
  if(flags & ZL_REGEX_BYTES) options |= PCRE2_NEVER_UTF;
  else if(flags & ZL_REGEX_VALID_UTF) options |= PCRE2_UTF;
  else options |= PCRE2_UTF | PCRE2_MATCH_INVALID_UTF;
  if(flags & ZL_REGEX_CASELESS) options |= PCRE2_CASELESS;
  return options;
}

static pcre2_code *compile_code(const char *pattern, size_t len, unsigned flags,
                                pcre2_general_context *general, ZlRegexError *err){
  pcre2_compile_context *cc = pcre2_compile_context_create(general);
  if(cc == NULL){ error_set(err, 0, 0); return NULL; }
  int code = 0;
  PCRE2_SIZE offset = 0;
  pcre2_code *compiled = pcre2_compile((PCRE2_SPTR)zl_regex_nonnull(pattern), len,
                                       compile_options(flags), &code, &offset, cc);
  pcre2_compile_context_free(cc);
  if(compiled == NULL) error_set(err, code == PCRE2_ERROR_HEAP_FAILED ? 0 : code, offset);
  return compiled;
}

ZlRegex *zl_regex_compile(const char *pattern, size_t len, unsigned flags,
                          const ZlAlloc *alloc, ZlRegexError *err){
  ZlRegex *re = zl_alloc_zeroed(alloc, 1, sizeof *re);
  if(re == NULL){ error_set(err, 0, 0); return NULL; }
  re->alloc = alloc;
  re->out.alloc = alloc;
  pcre2_general_context *general = NULL;
  if(alloc){
    general = pcre2_general_context_create(pcre2_alloc, pcre2_release, (void *)alloc);
    if(general == NULL){ zl_alloc_free(alloc, re); error_set(err, 0, 0); return NULL; }
  }
  re->code = compile_code(pattern, len, flags, general, err);
  if(re->code == NULL){
    pcre2_general_context_free(general);
    zl_alloc_free(alloc, re);
    return NULL;
  }
  /* No JIT on this platform, or no memory for it: the interpreter is slower
  ** but gives the same answers, so fall back without a word. */
  if(!(flags & ZL_REGEX_NO_JIT) && jit_wanted()){
    re->jit = pcre2_jit_compile(re->code, PCRE2_JIT_COMPLETE) == 0;
  }
  /* The interpreter re-checks the UTF-8 of the rest of the subject on every
  ** call when MATCH_INVALID_UTF is on: the replacement loop takes this twin
  ** for subjects it has found valid. */
  if(!re->jit && !(flags & ZL_REGEX_BYTES)){
    ZlRegexError ignored;
    re->trusted = compile_code(pattern, len, flags | ZL_REGEX_VALID_UTF, general, &ignored);
  }
  re->match = pcre2_match_data_create_from_pattern(re->code, general);
  int ok = re->match != NULL && context_init(re, general);
  pcre2_general_context_free(general);   /* each object keeps its own copy */
  if(!ok){
    zl_regex_free(re);
    error_set(err, 0, 0);
    return NULL;
  }
  return re;
}

void zl_regex_free(ZlRegex *re){
  if(re == NULL) return;
  pcre2_match_data_free(re->match);
  pcre2_match_context_free(re->context);
  pcre2_jit_stack_free(re->jit_stack);
  pcre2_jit_stack_free(re->large_stack);
  pcre2_code_free(re->code);
  pcre2_code_free(re->trusted);
  zl_buf_free(&re->out);
  zl_alloc_free(re->alloc, re);
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

/* The effort a match over `left` bytes may take: the base limits plus a
** share per byte, so that work linear in the value never runs out. */
static void set_budget(ZlRegex *re, size_t left){
  uint64_t per_byte = re->jit ? ZL_REGEX_MATCH_PER_BYTE_JIT : ZL_REGEX_MATCH_PER_BYTE_INTERPRETER;
  uint64_t match = ZL_REGEX_MATCH_LIMIT + (uint64_t)left * per_byte;
  uint64_t depth = ZL_REGEX_DEPTH_LIMIT + (uint64_t)left;
  pcre2_set_match_limit(re->context, match > UINT32_MAX ? UINT32_MAX : (uint32_t)match);
  pcre2_set_depth_limit(re->context, depth > UINT32_MAX ? UINT32_MAX : (uint32_t)depth);
}

/* Moves the pattern onto the large JIT stack for good; 0 if it cannot. */
static int use_large_stack(ZlRegex *re){
  if(re->large_stack) return 0;   /* already on it: nothing larger to try */
  pcre2_general_context *general = NULL;
  if(re->alloc){
    general = pcre2_general_context_create(pcre2_alloc, pcre2_release, (void *)re->alloc);
    if(general == NULL) return 0;
  }
  re->large_stack = pcre2_jit_stack_create(ZL_REGEX_JIT_STACK_MAX,
                                           ZL_REGEX_JIT_STACK_LARGE, general);
  pcre2_general_context_free(general);
  if(re->large_stack == NULL) return 0;
  pcre2_jit_stack_assign(re->context, NULL, re->large_stack);
  return 1;
}

int zl_regex_run(ZlRegex *re, const pcre2_code *code, const char *subject,
                 size_t len, size_t start, uint32_t options){
  set_budget(re, len - start);
  int rc = pcre2_match(code, (PCRE2_SPTR)zl_regex_nonnull(subject), len, start,
                       options, re->match, re->context);
  if(rc == PCRE2_ERROR_JIT_STACKLIMIT && use_large_stack(re)){
    rc = pcre2_match(code, (PCRE2_SPTR)zl_regex_nonnull(subject), len, start,
                     options, re->match, re->context);
  }
  return rc;
}

int zl_regex_match(ZlRegex *re, const char *subject, size_t len){
  int rc = zl_regex_run(re, re->code, subject, len, 0, 0);
  if(rc == PCRE2_ERROR_NOMATCH) return 0;
  return rc < 0 ? rc : 1;
}

int zl_regex_find(ZlRegex *re, const char *subject, size_t len,
                  uint32_t group, size_t *start, size_t *end){
  int rc = zl_regex_run(re, re->code, subject, len, 0, 0);
  if(rc == PCRE2_ERROR_NOMATCH) return 0;
  if(rc < 0) return rc;
  /* rc counts the pairs set; groups past it, and groups in a branch that
  ** did not match, are PCRE2_UNSET. */
  PCRE2_SIZE *ovector = pcre2_get_ovector_pointer(re->match);
  if(group >= (uint32_t)rc || ovector[2*group] == PCRE2_UNSET) return 0;
  *start = ovector[2*group];
  *end = ovector[2*group + 1];
  return 1;
}

void zl_regex_error_message(int code, char *buf, size_t size){
  if(size == 0) return;
  if(code == ZL_REGEX_ETOOBIG){
    snprintf(buf, size, "the result is too long");
  }else if(code == ZL_REGEX_EINTERRUPTED){
    snprintf(buf, size, "interrupted");
  }else if(pcre2_get_error_message(code, (PCRE2_UCHAR *)buf, size)
            == PCRE2_ERROR_BADDATA){
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
