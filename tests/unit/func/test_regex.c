/*
** test_regex.c — the PCRE2 core (ext/regex.c): compile errors, matching and
** groups, invalid UTF-8 subjects, effort limits, replacement.
*/
#include <check.h>

#include "func/regexp/regex.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

static ZlRegex *compile_flags(const char *pattern, unsigned flags){
  ZlRegexError err;
  ZlRegex *re = zl_regex_compile(pattern, strlen(pattern), flags, &err);
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
  ck_assert_ptr_null(zl_regex_compile("a(", 2, 0, &err));
  ck_assert_uint_eq(err.offset, 2);
  ck_assert_str_eq(err.message, "missing closing parenthesis");
  ck_assert_ptr_null(zl_regex_compile("x[b-a]", 6, 0, &err));
  ck_assert_str_eq(err.message, "range out of order in character class");
  ck_assert_uint_eq(err.offset, 4);
  /* A pattern must itself be valid UTF-8 (subjects need not be). */
  ck_assert_ptr_null(zl_regex_compile("\xff", 1, 0, &err));
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
  clock_gettime(CLOCK_MONOTONIC, &t);
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
                            strlen(replacement), &out, &len);
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
  ck_assert_int_eq(zl_regex_replace(re, subject, n, "bbbb", 4, &out, &len), 0);
  ck_assert_uint_eq(len, 4 * n);
  ck_assert(out[0] == 'b' && out[len - 1] == 'b');
  /* and again, reusing the grown buffer */
  ck_assert_int_eq(zl_regex_replace(re, subject, 3, "c", 1, &out, &len), 0);
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
  int rc = zl_regex_replace(re, "a", 1, "$2", 2, &out, &len);
  ck_assert_int_lt(rc, 0);
  ck_assert(!zl_regex_is_limit_error(rc));
  char message[128];
  zl_regex_error_message(rc, message, sizeof message);
  ck_assert_str_eq(message, "unknown substring");
  zl_regex_free(re);
}
END_TEST

START_TEST(start_bytes_come_from_pcre2){
  unsigned char start[32];
  ZlRegex *re = compile_flags("abc", ZL_REGEX_BYTES | ZL_REGEX_CASELESS);
  ck_assert_int_eq(zl_regex_start_bytes(re, start), 1);
  ck_assert(start['a' / 8] & (1u << ('a' % 8)));
  ck_assert(start['A' / 8] & (1u << ('A' % 8)));
  ck_assert(!(start['b' / 8] & (1u << ('b' % 8))));
  zl_regex_free(re);
  re = compile_flags("<x|\\d", ZL_REGEX_BYTES);
  ck_assert_int_eq(zl_regex_start_bytes(re, start), 1);
  ck_assert(start['<' / 8] & (1u << ('<' % 8)));
  ck_assert(start['7' / 8] & (1u << ('7' % 8)));
  ck_assert(!(start['x' / 8] & (1u << ('x' % 8))));
  zl_regex_free(re);
  re = compile_flags("a|$", ZL_REGEX_BYTES);    /* may match empty */
  ck_assert_int_eq(zl_regex_start_bytes(re, start), 0);
  zl_regex_free(re);
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
  tcase_add_test(tc, start_bytes_come_from_pcre2);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"
