/*
** test_uri.c — percent-decoding (ext/uri.c). Expected bytes are written out
** by hand from the escape rules: %XX is one byte, %uXXXX is the UTF-8 of
** U+XXXX (worked by hand: U+00E9 -> C3 A9, U+4E2D -> E4 B8 AD, the pair
** D83D DE00 -> U+1F600 -> F0 9F 98 80), anything malformed stays.
*/
#include <check.h>

#include "func/uri/uri.h"

#include <string.h>

/* Decodes text (once) and compares with expected[0..expected_len). */
static void check_decode(const char *text, unsigned flags, const char *expected,
                         size_t expected_len){
  char out[256];
  size_t len = strlen(text);
  ck_assert_uint_lt(len, sizeof out);
  size_t n = zl_uri_decode(text, len, out, flags);
  ck_assert_msg(n == expected_len && memcmp(out, expected, n) == 0,
                "decoding \"%s\" gave %zu bytes \"%.*s\"", text, n, (int)n, out);
}

#define DECODES(text, expected) \
  check_decode(text, 0, expected, sizeof(expected) - 1)
#define DECODES_PLUS(text, expected) \
  check_decode(text, ZL_URI_PLUS_AS_SPACE, expected, sizeof(expected) - 1)

START_TEST(plain_text_is_unchanged){
  DECODES("", "");
  DECODES("/index.html", "/index.html");
  DECODES("/a/b?c=d&e=f", "/a/b?c=d&e=f");
}
END_TEST

START_TEST(percent_hex_pairs_decode_in_either_case){
  DECODES("%41", "A");
  DECODES("%4a%4A", "JJ");
  DECODES("/a%20b", "/a b");
  DECODES("%2e%2E%2f", "../");
  DECODES("%3Cscript%3E", "<script>");
}
END_TEST

START_TEST(malformed_escapes_stay_as_they_are){
  DECODES("%", "%");
  DECODES("a%", "a%");
  DECODES("%4", "%4");
  DECODES("%zz", "%zz");
  DECODES("%4z", "%4z");
  DECODES("%g0", "%g0");
  DECODES("100%", "100%");
  /* "%%41": the first % is malformed, the second starts %41. */
  DECODES("%%41", "%A");
  DECODES("%u", "%u");
  DECODES("%u00", "%u00");
  DECODES("%u00e", "%u00e");
  DECODES("%u00eZ", "%u00eZ");
}
END_TEST

START_TEST(nul_and_high_bytes_decode_to_raw_bytes){
  DECODES("%00", "\0");
  DECODES("a%00b", "a\0b");
  DECODES("%e9", "\xe9");          /* not UTF-8: fine, it is what was sent */
  DECODES("%c0%ae", "\xc0\xae");
  DECODES("%ff", "\xff");
}
END_TEST

START_TEST(percent_u_decodes_to_utf8){
  DECODES("%u0041", "A");
  DECODES("%U0041", "A");
  DECODES("%u002e%u002e%u002f", "../");
  DECODES("%u00e9", "\xc3\xa9");
  DECODES("%u00E9", "\xc3\xa9");
  DECODES("%u07ff", "\xdf\xbf");
  DECODES("%u0800", "\xe0\xa0\x80");
  DECODES("%u4e2d", "\xe4\xb8\xad");
  DECODES("%uffff", "\xef\xbf\xbf");
  DECODES("%u0000", "\0");
}
END_TEST

START_TEST(surrogate_pairs_join_and_lone_surrogates_stay){
  DECODES("%uD83D%uDE00", "\xf0\x9f\x98\x80");
  DECODES("%ud800%udc00", "\xf0\x90\x80\x80");    /* U+10000 */
  DECODES("%uDBFF%uDFFF", "\xf4\x8f\xbf\xbf");    /* U+10FFFF */
  DECODES("%uD800", "%uD800");
  DECODES("%uD800x", "%uD800x");
  DECODES("%uDC00", "%uDC00");
  DECODES("%uD800%u0041", "%uD800A");
}
END_TEST

START_TEST(plus_is_a_space_only_when_asked){
  DECODES("a+b", "a+b");
  DECODES_PLUS("a+b", "a b");
  DECODES_PLUS("union+select", "union select");
  DECODES_PLUS("%2b", "+");        /* an encoded plus is a plus */
}
END_TEST

START_TEST(one_decoding_is_one_level){
  DECODES("%252e", "%2e");
  DECODES("%25", "%");
  DECODES("%2541", "%41");
}
END_TEST

START_TEST(decoding_can_run_in_place){
  char buf[] = "%2e%2e%2f%u00e9x";
  size_t n = zl_uri_decode(buf, strlen(buf), buf, 0);
  ck_assert_uint_eq(n, 6);
  ck_assert(memcmp(buf, "../\xc3\xa9x", 6) == 0);
}
END_TEST

static size_t until_stable(char *buf, unsigned flags, int rounds){
  return zl_uri_decode_until_stable(buf, strlen(buf), flags, rounds);
}

START_TEST(until_stable_undoes_multiple_encoding){
  char twice[] = "..%252f..%252fetc";
  size_t n = until_stable(twice, 0, 4);
  ck_assert_uint_eq(n, 9);
  ck_assert(memcmp(twice, "../../etc", 9) == 0);
}
END_TEST

START_TEST(until_stable_stops_when_nothing_changes){
  char plain[] = "/a/b";
  ck_assert_uint_eq(until_stable(plain, 0, 4), 4);
  ck_assert(memcmp(plain, "/a/b", 4) == 0);
  char plus[] = "a+b";
  ck_assert_uint_eq(until_stable(plus, ZL_URI_PLUS_AS_SPACE, 4), 3);
  ck_assert(memcmp(plus, "a b", 3) == 0);
}
END_TEST

START_TEST(until_stable_is_bounded){
  /* %25 five levels deep: "%2525252541" -> %25252541 -> %252541 -> %2541
  ** -> %41 -> A. Three rounds leave "%2541". */
  char deep[] = "%2525252541";
  size_t n = until_stable(deep, 0, 3);
  ck_assert_uint_eq(n, 5);
  ck_assert(memcmp(deep, "%2541", 5) == 0);
  char deeper[] = "%2525252541";
  n = until_stable(deeper, 0, 5);
  ck_assert_uint_eq(n, 1);
  ck_assert(deeper[0] == 'A');
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("uri");
  TCase *tc = tcase_create("decode");
  tcase_add_test(tc, plain_text_is_unchanged);
  tcase_add_test(tc, percent_hex_pairs_decode_in_either_case);
  tcase_add_test(tc, malformed_escapes_stay_as_they_are);
  tcase_add_test(tc, nul_and_high_bytes_decode_to_raw_bytes);
  tcase_add_test(tc, percent_u_decodes_to_utf8);
  tcase_add_test(tc, surrogate_pairs_join_and_lone_surrogates_stay);
  tcase_add_test(tc, plus_is_a_space_only_when_asked);
  tcase_add_test(tc, one_decoding_is_one_level);
  tcase_add_test(tc, decoding_can_run_in_place);
  tcase_add_test(tc, until_stable_undoes_multiple_encoding);
  tcase_add_test(tc, until_stable_stops_when_nothing_changes);
  tcase_add_test(tc, until_stable_is_bounded);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"
