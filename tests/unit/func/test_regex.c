/*
** test_regex.c — the PCRE2 core (ext/func/regexp/regex.c): compile errors,
** matching and groups, invalid UTF-8 subjects, effort limits that grow with
** the value, the large JIT stack, replacement (checked against PCRE2's own
** global substitution, linear with empty matches, bounded in length,
** interruptible), and allocation through a caller's allocator.
*/
#include <check.h>

#include "func/regexp/regex.h"

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static ZlRegex *compile_flags(const char *pattern, unsigned flags){
  ZlRegexError err;
  ZlRegex *re = zl_regex_compile(pattern, strlen(pattern), flags, NULL, &err);
  ck_assert_msg(re != NULL, "'%s' does not compile: %s", pattern, err.message);
  return re;
}

static ZlRegex *compile(const char *pattern){
  return compile_flags(pattern, 0);
}

static int matches(const char *pattern, const char *subject, size_t len){
  ZlRegex *re = compile(pattern);
  int rc = zl_regex_match(re, subject, len);
  zl_regex_free(re);
  return rc;
}

#define MATCHES(pattern, subject) matches(pattern, subject, sizeof(subject) - 1)

START_TEST(bad_pattern_reports_message_and_offset){
  ZlRegexError err;
  ck_assert_ptr_null(zl_regex_compile("a(", 2, 0, NULL, &err));
  ck_assert_uint_eq(err.offset, 2);
  ck_assert_str_eq(err.message, "missing closing parenthesis");
  ck_assert_ptr_null(zl_regex_compile("x[b-a]", 6, 0, NULL, &err));
  ck_assert_str_eq(err.message, "range out of order in character class");
  ck_assert_uint_eq(err.offset, 4);
  /* A pattern must itself be valid UTF-8 (subjects need not be). */
  ck_assert_ptr_null(zl_regex_compile("\xff", 1, 0, NULL, &err));
  ck_assert_uint_eq(err.offset, 0);
}
END_TEST

START_TEST(match_finds_anywhere_in_the_subject){
  ck_assert_int_eq(MATCHES("^GET ", "GET /a"), 1);
  ck_assert_int_eq(MATCHES("^GET ", "POST /a"), 0);
  ck_assert_int_eq(MATCHES("b", "abc"), 1);
  ck_assert_int_eq(MATCHES("", ""), 1);
  ck_assert_int_eq(MATCHES("x", ""), 0);
  ck_assert_int_eq(MATCHES("(?i)nikto", "NIKTO"), 1);
  ck_assert_int_eq(MATCHES("nikto", "NIKTO"), 0);
  ck_assert_int_eq(MATCHES("a\\x00b", "a\0b"), 1);   /* NUL inside a subject */
}
END_TEST

START_TEST(invalid_utf8_subjects_never_error){
  /* Raw bytes from a log: E9 alone, FF, a truncated sequence. */
  ck_assert_int_eq(MATCHES("caf", "caf\xe9"), 1);
  ck_assert_int_eq(MATCHES("caf.$", "caf\xe9"), 0);   /* E9 matches nothing */
  ck_assert_int_eq(MATCHES("caf.", "caf\xc3\xa9"), 1);
  ck_assert_int_eq(MATCHES("b", "\xff\xfe" "b"), 1);
  ck_assert_int_eq(MATCHES("x", "\xe4\xb8"), 0);
  ck_assert_int_eq(MATCHES("\\w+", "\xc3(abc"), 1);
}
END_TEST

START_TEST(byte_mode_sees_raw_bytes){
  ZlRegex *re = compile_flags("\\xc0\\xae", ZL_REGEX_BYTES);
  ck_assert_int_eq(zl_regex_match(re, "..\xc0\xae/", 5), 1);
  ck_assert_int_eq(zl_regex_match(re, "../", 3), 0);
  zl_regex_free(re);
}
END_TEST

START_TEST(find_reports_groups){
  ZlRegex *re = compile("id=(\\d+)(x)?|(?<name>q)");
  size_t start = 99, end = 99;
  const char *s = "a&id=42&b";
  ck_assert_uint_eq(zl_regex_group_count(re), 3);
  ck_assert_int_eq(zl_regex_group_number(re, "name"), 3);
  ck_assert_int_lt(zl_regex_group_number(re, "nope"), 0);
  ck_assert_int_eq(zl_regex_find(re, s, strlen(s), 0, &start, &end), 1);
  ck_assert_uint_eq(start, 2);
  ck_assert_uint_eq(end, 7);
  ck_assert_int_eq(zl_regex_find(re, s, strlen(s), 1, &start, &end), 1);
  ck_assert_uint_eq(start, 5);
  ck_assert_uint_eq(end, 7);
  /* Groups that did not take part: unset, whether before or after rc. */
  ck_assert_int_eq(zl_regex_find(re, s, strlen(s), 2, &start, &end), 0);
  ck_assert_int_eq(zl_regex_find(re, s, strlen(s), 3, &start, &end), 0);
  ck_assert_int_eq(zl_regex_find(re, "zzz", 3, 0, &start, &end), 0);
  zl_regex_free(re);
}
END_TEST

START_TEST(one_compiled_pattern_serves_many_subjects){
  ZlRegex *re = compile("\\.php\\b");
  int hits = 0;
  char subject[32];
  for(int i = 0; i < 10000; i++){
    int n = snprintf(subject, sizeof subject, "/p%d.%s", i, i % 3 ? "php" : "html");
    hits += zl_regex_match(re, subject, (size_t)n);
  }
  ck_assert_int_eq(hits, 10000 - 3334);   /* i % 3 == 0 for 3334 of 0..9999 */
  zl_regex_free(re);
}
END_TEST

static double seconds_now(void){
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);   /* CPU time: a busy machine does not count */
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* Runs pattern on "aaa...ab" (n a's) and returns the rc, checking time. */
static int catastrophic(const char *pattern, unsigned flags, int n){
  char *subject = malloc((size_t)n + 2);
  memset(subject, 'a', (size_t)n);
  subject[n] = 'b';
  subject[n + 1] = 0;
  ZlRegex *re = compile_flags(pattern, flags);
  double start = seconds_now();
  int rc = zl_regex_match(re, subject, (size_t)n + 1);
  double took = seconds_now() - start;
  zl_regex_free(re);
  free(subject);
  ck_assert_msg(took < 2.0, "'%s' took %.2f s", pattern, took);
  return rc;
}

START_TEST(catastrophic_backtracking_fails_fast){
  /* Exponential in n without limits; 40 would take hours. */
  static const char *patterns[] = { "(a+)+$", "(a|aa)+$", "(.*a){20}$",
                                    "(?:a|a?)+$" };
  for(size_t i = 0; i < sizeof patterns / sizeof patterns[0]; i++){
    for(unsigned flags = 0; flags <= ZL_REGEX_NO_JIT; flags += ZL_REGEX_NO_JIT){
      int rc = catastrophic(patterns[i], flags, 40);
      ck_assert_msg(rc < 0 && zl_regex_is_limit_error(rc),
                    "'%s' (flags %u) gave %d", patterns[i], flags, rc);
    }
  }
  char message[128];
  zl_regex_error_message(catastrophic("(a+)+$", 0, 40), message, sizeof message);
  ck_assert_str_eq(message, "match limit exceeded");
}
END_TEST

START_TEST(jit_and_interpreter_agree){
  ZlRegex *jit = compile("(?i)union\\s+select");
  ZlRegex *interp = compile_flags("(?i)union\\s+select", ZL_REGEX_NO_JIT);
  ck_assert_int_eq(zl_regex_is_jit(interp), 0);
  const char *subjects[] = { "1 UNION  SELECT 2", "/labor-union/select", "" };
  for(int i = 0; i < 3; i++){
    size_t n = strlen(subjects[i]);
    ck_assert_int_eq(zl_regex_match(jit, subjects[i], n),
                     zl_regex_match(interp, subjects[i], n));
  }
  zl_regex_free(jit);
  zl_regex_free(interp);
}
END_TEST

/* Replaces with pattern/replacement and compares with expected. */
static void check_replace(const char *pattern, const char *subject,
                          const char *replacement, const char *expected){
  ZlRegex *re = compile(pattern);
  const char *out;
  size_t len;
  int rc = zl_regex_replace(re, subject, strlen(subject), replacement,
                            strlen(replacement), SIZE_MAX, NULL, &out, &len);
  ck_assert_int_eq(rc, 0);
  ck_assert_msg(len == strlen(expected) && memcmp(out, expected, len) == 0,
                "replace(%s, %s, %s) gave \"%.*s\"", subject, pattern,
                replacement, (int)len, out);
  zl_regex_free(re);
}

START_TEST(replace_expands_references_everywhere){
  check_replace("\\d+", "a1b22c", "<$0>", "a<1>b<22>c");
  check_replace("(\\w+)=(\\w+)", "a=1&b=2", "$2=$1", "1=a&2=b");
  check_replace("(?<k>\\w+)=", "a=1", "${k}:", "a:1");
  check_replace("x", "axbx", "$$", "a$b$");
  check_replace("(a)|(b)", "ab", "[$1$2]", "[a][b]");   /* unset -> '' */
  check_replace("", "ab", "-", "-a-b-");                /* empty matches */
  check_replace("z", "ab", "-", "ab");                  /* no match */
  check_replace("a", "", "-", "");
}
END_TEST

START_TEST(replace_grows_its_buffer){
  size_t n = 10000;
  char *subject = malloc(n + 1);
  memset(subject, 'a', n);
  subject[n] = 0;
  ZlRegex *re = compile("a");
  const char *out;
  size_t len;
  ck_assert_int_eq(zl_regex_replace(re, subject, n, "bbbb", 4, SIZE_MAX, NULL, &out, &len), 0);
  ck_assert_uint_eq(len, 4 * n);
  ck_assert(out[0] == 'b' && out[len - 1] == 'b');
  /* and again, reusing the grown buffer */
  ck_assert_int_eq(zl_regex_replace(re, subject, 3, "c", 1, SIZE_MAX, NULL, &out, &len), 0);
  ck_assert_uint_eq(len, 3);
  ck_assert(memcmp(out, "ccc", 3) == 0);
  zl_regex_free(re);
  free(subject);
}
END_TEST

START_TEST(replace_rejects_unknown_groups){
  ZlRegex *re = compile("(a)");
  const char *out;
  size_t len;
  int rc = zl_regex_replace(re, "a", 1, "$2", 2, SIZE_MAX, NULL, &out, &len);
  ck_assert_int_lt(rc, 0);
  ck_assert(!zl_regex_is_limit_error(rc));
  char message[128];
  zl_regex_error_message(rc, message, sizeof message);
  ck_assert_str_eq(message, "unknown substring");
  zl_regex_free(re);
}
END_TEST

/* PCRE2's own global substitution, the oracle for zl_regex_replace: the
** same compile options as the core's UTF mode. Returns its rc; *out is
** malloc'd. */
static int pcre2_global_replace(const char *pattern, const char *subject, size_t len,
                                const char *replacement, char **out, size_t *out_len){
  int code;
  PCRE2_SIZE offset;
  pcre2_code *re = pcre2_compile((PCRE2_SPTR)pattern, PCRE2_ZERO_TERMINATED,
                                 PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_NEVER_BACKSLASH_C,
                                 &code, &offset, NULL);
  ck_assert_ptr_nonnull(re);
  pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
  PCRE2_SIZE size = len * 8 + strlen(replacement) * (len + 1) + 64;
  *out = malloc(size);
  int rc = pcre2_substitute(re, (PCRE2_SPTR)subject, len, 0,
                            PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_UNSET_EMPTY,
                            md, NULL, (PCRE2_SPTR)replacement, PCRE2_ZERO_TERMINATED,
                            (PCRE2_UCHAR *)*out, &size);
  *out_len = size;
  pcre2_match_data_free(md);
  pcre2_code_free(re);
  return rc;
}

START_TEST(replace_agrees_with_pcre2_global_substitution){
  static const char *patterns[] = {
    "", "x*", "[0-9]*", "\\b", "\\B", "a|", "(?=a)", "a??", "$", "^", "(a)|b",
    "(?<=a)", "\\d+", "(?<n>\\w)", "(*CRLF)$", "(*CRLF)", "(*ANYCRLF)(?m)^",
    ".", "\\X", "é|", "a\\K",
  };
  /* Valid UTF-8 only: on invalid bytes PCRE2 10.42's own loop skips whole
  ** stretches of the subject (see the next test). */
  static const char *subjects[] = {
    "", "a", "abc", "a1b22c333", "ab ab", "\r\n\r\na\r\n", "caf\xc3\xa9 x",
    "aaab", ("ab\xf0\x9f\x98\x80" "cd"), "..\n\nz",
  };
  static const char *replacements[] = { "-", "", "<$0>", "[$1]", "$$" };
  for(size_t p = 0; p < sizeof patterns / sizeof patterns[0]; p++){
    ZlRegex *re = compile(patterns[p]);
    for(size_t s = 0; s < sizeof subjects / sizeof subjects[0]; s++){
      for(size_t r = 0; r < sizeof replacements / sizeof replacements[0]; r++){
        size_t len = strlen(subjects[s]), n, want_len;
        const char *got;
        char *want;
        int rc = zl_regex_replace(re, subjects[s], len, replacements[r],
                                  strlen(replacements[r]), SIZE_MAX, NULL, &got, &n);
        int want_rc = pcre2_global_replace(patterns[p], subjects[s], len,
                                           replacements[r], &want, &want_len);
        if(want_rc < 0){
          ck_assert_msg(rc == want_rc, "/%s/ on \"%s\": rc %d, PCRE2 %d",
                        patterns[p], subjects[s], rc, want_rc);
        }else{
          ck_assert_msg(rc == 0 && n == want_len && memcmp(got, want, n) == 0,
                        "/%s/ -> '%s' on \"%s\": \"%.*s\", PCRE2 \"%.*s\"",
                        patterns[p], replacements[r], subjects[s], (int)n, got,
                        (int)want_len, want);
        }
        free(want);
      }
    }
    zl_regex_free(re);
  }
}
END_TEST

/* Around invalid UTF-8 bytes matching goes on, and no byte is lost or
** doubled even by empty matches (where they fall among invalid bytes differs
** between PCRE2's JIT and its interpreter). */
START_TEST(replace_steps_over_invalid_bytes){
  check_replace("b", "\xff" "b\xfe", "c", "\xff" "c\xfe");
  check_replace("\\w+", "ab\xe9" "cd", "<$0>", "<ab>\xe9<cd>");
  static const char *subjects[] = { ("a\xe9" "b"), "caf\xc3\xa9 \xe9\xff z", "\xc3", "\xff\xff" };
  static const char *patterns[] = { "", "x*", "$", "\\b" };
  for(size_t p = 0; p < 4; p++){
    ZlRegex *re = compile(patterns[p]);
    for(size_t i = 0; i < 4; i++){
      const char *out;
      size_t len, kept = 0, n = strlen(subjects[i]);
      char back[64];
      ck_assert_int_eq(zl_regex_replace(re, subjects[i], n, "-", 1, SIZE_MAX,
                                        NULL, &out, &len), 0);
      for(size_t k = 0; k < len; k++) if(out[k] != '-') back[kept++] = out[k];
      ck_assert(kept == n && memcmp(back, subjects[i], n) == 0);
    }
    zl_regex_free(re);
  }
}
END_TEST


static double replace_once(ZlRegex *re, const char *subject, size_t n,
                           size_t *out_len){
  const char *out;
  double start = seconds_now();
  ck_assert_int_eq(zl_regex_replace(re, subject, n, "x", 1, SIZE_MAX, NULL,
                                    &out, out_len), 0);
  return seconds_now() - start;
}

/* The best of five runs of each size, taken in turns, in the thread's CPU
** time: load on a shared machine slows both sizes alike or neither. */
static void replace_best(ZlRegex *re, const char *subject, size_t small,
                         size_t large, double *t_small, double *t_large,
                         size_t *n_small, size_t *n_large){
  *t_small = *t_large = 1e9;
  for(int i = 0; i < 5; i++){
    double a = replace_once(re, subject, small, n_small);
    double b = replace_once(re, subject, large, n_large);
    if(a < *t_small) *t_small = a;
    if(b < *t_large) *t_large = b;
  }
}

/* Empty matches at every position of 80 KB and 1 MB: the result is what
** counting says, and the time per byte does not grow with the size (a
** quadratic loop would take 12.8 times longer per byte at 1 MB), with the
** JIT and without it (ZEEKLOG_NO_JIT=1). */
START_TEST(replace_with_empty_matches_is_linear){
  static const char *patterns[] = { "[0-9]*", "\\b" };
  size_t small = 80 * 1024, large = 1024 * 1024;
  char *subject = malloc(large);
  for(size_t i = 0; i < large; i++) subject[i] = i % 4 == 3 ? ' ' : 'a';
  for(size_t p = 0; p < 2; p++){
    ZlRegex *re = compile(patterns[p]);
    size_t n_small, n_large;
    double t_small, t_large;
    replace_best(re, subject, small, large, &t_small, &t_large, &n_small, &n_large);
    /* "[0-9]*": one empty match before each byte and one at the end.
    ** "\b": one at each end of each "aaa" word: two per 4 bytes. */
    if(p == 0){
      ck_assert_uint_eq(n_small, 2 * small + 1);
      ck_assert_uint_eq(n_large, 2 * large + 1);
    }else{
      ck_assert_uint_eq(n_small, small + small / 2);
      ck_assert_uint_eq(n_large, large + large / 2);
    }
    double per_small = t_small / (double)small, per_large = t_large / (double)large;
    ck_assert_msg(per_large < 4 * per_small + 20e-9,
                  "/%s/: %.1f ns/byte at 1 MB, %.1f at 80 KB", patterns[p],
                  per_large * 1e9, per_small * 1e9);
    zl_regex_free(re);
  }
  free(subject);
}
END_TEST

START_TEST(replace_refuses_results_over_max_out){
  ZlRegex *re = compile("a");
  const char *out;
  size_t len;
  /* exactly the limit is fine, one byte over is not */
  ck_assert_int_eq(zl_regex_replace(re, "aaa", 3, "bb", 2, 6, NULL, &out, &len), 0);
  ck_assert_uint_eq(len, 6);
  ck_assert_int_eq(zl_regex_replace(re, "aaa", 3, "bb", 2, 5, NULL, &out, &len),
                   ZL_REGEX_ETOOBIG);
  ck_assert_int_eq(zl_regex_replace(re, "xaaa", 4, "$0$0", 4, 6, NULL, &out, &len),
                   ZL_REGEX_ETOOBIG);
  ck_assert_int_eq(zl_regex_replace(re, "xyz", 3, "b", 1, 2, NULL, &out, &len),
                   ZL_REGEX_ETOOBIG);
  zl_regex_free(re);
  /* 1 MB with 4 KiB per empty match would be 4 GiB: refused after max_out
  ** bytes, not cut to what fits in 32 bits. */
  re = compile("");
  size_t n = 1024 * 1024;
  char *subject = calloc(n, 1);
  char *replacement = malloc(4096);
  memset(replacement, 'r', 4096);
  ck_assert_int_eq(zl_regex_replace(re, subject, n, replacement, 4096,
                                    1000000, NULL, &out, &len), ZL_REGEX_ETOOBIG);
  char message[64];
  zl_regex_error_message(ZL_REGEX_ETOOBIG, message, sizeof message);
  ck_assert_str_eq(message, "the result is too long");
  free(subject);
  free(replacement);
  zl_regex_free(re);
}
END_TEST

static int asked;
static int stop_after_two(void *arg){
  (void)arg;
  return ++asked >= 2;
}

START_TEST(replace_stops_when_asked){
  ZlRegex *re = compile("a");
  size_t n = 100000;
  char *subject = malloc(n);
  memset(subject, 'a', n);
  const char *out;
  size_t len;
  ZlRegexStop stop = { stop_after_two, NULL };
  asked = 0;
  ck_assert_int_eq(zl_regex_replace(re, subject, n, "b", 1, SIZE_MAX, &stop,
                                    &out, &len), ZL_REGEX_EINTERRUPTED);
  ck_assert_int_eq(asked, 2);
  /* a short replacement never needs to ask */
  asked = 0;
  ck_assert_int_eq(zl_regex_replace(re, subject, 10, "b", 1, SIZE_MAX, &stop,
                                    &out, &len), 0);
  ck_assert_int_eq(asked, 0);
  free(subject);
  zl_regex_free(re);
}
END_TEST

/* A group repeated once per byte over 1 MB: linear work, more than the base
** match limit and the 1 MiB JIT stack allow; the per-byte budget and the
** large stack let it finish, in JIT and interpreter alike. */
START_TEST(long_values_get_budget_and_stack){
  size_t n = 1024 * 1024;
  char *subject = malloc(n + 1);
  for(size_t i = 0; i < n; i++) subject[i] = i % 2 ? 'b' : 'a';
  subject[n] = 'c';
  static const char *patterns[] = { "(?:a|b)*c", "(?:a|b)*+c", "^(?:ab)*c" };
  for(size_t p = 0; p < 3; p++){
    for(unsigned flags = 0; flags <= ZL_REGEX_NO_JIT; flags += ZL_REGEX_NO_JIT){
      ZlRegex *re = compile_flags(patterns[p], flags | ZL_REGEX_BYTES);
      int rc = zl_regex_match(re, subject, n + 1);
      /* The interpreter's backtracking frames for a group repeat that
      ** can give back outgrow its heap limit; a possessive one does not. */
      if(p != 1 && !zl_regex_is_jit(re)) ck_assert(rc == 1 || zl_regex_is_limit_error(rc));
      else ck_assert_msg(rc == 1, "/%s/ flags %u: %d", patterns[p], flags, rc);
      zl_regex_free(re);
    }
  }
  free(subject);
}
END_TEST

/* A counting allocator, and one that fails after a given number of calls. */
static size_t alloc_calls, alloc_fail_at, live_blocks;
static void *counting_resize(void *p, size_t n){
  alloc_calls++;
  if(alloc_fail_at && alloc_calls >= alloc_fail_at) return NULL;
  if(p == NULL) live_blocks++;
  return realloc(p, n);
}
static void counting_release(void *p){
  if(p) live_blocks--;
  free(p);
}
static const ZlAlloc counting = { counting_resize, counting_release };

START_TEST(everything_is_allocated_through_the_allocator){
  ZlRegexError err;
  alloc_calls = alloc_fail_at = live_blocks = 0;
  ZlRegex *re = zl_regex_compile("(\\w+)=(\\d+)", 11, 0, &counting, &err);
  ck_assert_ptr_nonnull(re);
  ck_assert_uint_gt(alloc_calls, 3);      /* the regex, code, match data, context */
  const char *out;
  size_t len;
  ck_assert_int_eq(zl_regex_replace(re, "a=1&b=2", 7, "$2", 2, SIZE_MAX, NULL,
                                    &out, &len), 0);
  ck_assert(len == 3 && memcmp(out, "1&2", 3) == 0);
  zl_regex_free(re);
  ck_assert_uint_eq(live_blocks, 0);
  /* Out of memory at each step in turn: a clean failure, nothing left. */
  for(size_t fail = 1; fail < 12; fail++){
    alloc_calls = live_blocks = 0;
    alloc_fail_at = fail;
    re = zl_regex_compile("(\\w+)=(\\d+)", 11, 0, &counting, &err);
    if(re == NULL){
      ck_assert_int_eq(err.code, 0);
      ck_assert_str_eq(err.message, "out of memory");
    }else{
      int rc = zl_regex_replace(re, "a=1&b=2", 7, "$2", 2, SIZE_MAX, NULL, &out, &len);
      ck_assert_msg(rc == 0 || zl_regex_is_nomem(rc), "fail at %zu: rc %d", fail, rc);
      zl_regex_free(re);
    }
    ck_assert_uint_eq(live_blocks, 0);
  }
  alloc_fail_at = 0;
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("regex");
  TCase *tc = tcase_create("regex");
  tcase_set_timeout(tc, 30);
  tcase_add_test(tc, bad_pattern_reports_message_and_offset);
  tcase_add_test(tc, match_finds_anywhere_in_the_subject);
  tcase_add_test(tc, invalid_utf8_subjects_never_error);
  tcase_add_test(tc, byte_mode_sees_raw_bytes);
  tcase_add_test(tc, find_reports_groups);
  tcase_add_test(tc, one_compiled_pattern_serves_many_subjects);
  tcase_add_test(tc, catastrophic_backtracking_fails_fast);
  tcase_add_test(tc, jit_and_interpreter_agree);
  tcase_add_test(tc, replace_expands_references_everywhere);
  tcase_add_test(tc, replace_grows_its_buffer);
  tcase_add_test(tc, replace_rejects_unknown_groups);
  tcase_add_test(tc, replace_agrees_with_pcre2_global_substitution);
  tcase_add_test(tc, replace_steps_over_invalid_bytes);
  tcase_add_test(tc, replace_with_empty_matches_is_linear);
  tcase_add_test(tc, replace_refuses_results_over_max_out);
  tcase_add_test(tc, replace_stops_when_asked);
  tcase_add_test(tc, long_values_get_budget_and_stack);
  tcase_add_test(tc, everything_is_allocated_through_the_allocator);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"
