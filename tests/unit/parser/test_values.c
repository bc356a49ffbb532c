/* Unit tests for parser/types.c, numbers.c and escapes.c: type kinds,
** number/time/bool parsing, ISO time,
** unescaping and set -> JSON. Expected values are worked out by hand (epochs
** checked with `date -u -d @...`). */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include "base/buf.h"
#include "parser/escapes.h"
#include "parser/numbers.h"
#include "parser/types.h"

#define S(x) x, strlen(x)

START_TEST(kinds){
  ZlKind e;
  ck_assert_int_eq(zl_kind_of(S("time"), &e), ZL_TIME);
  ck_assert_int_eq(zl_kind_of(S("interval"), &e), ZL_REAL);
  ck_assert_int_eq(zl_kind_of(S("double"), &e), ZL_REAL);
  ck_assert_int_eq(zl_kind_of(S("count"), &e), ZL_INT);
  ck_assert_int_eq(zl_kind_of(S("int"), &e), ZL_INT);
  ck_assert_int_eq(zl_kind_of(S("port"), &e), ZL_INT);
  ck_assert_int_eq(zl_kind_of(S("bool"), &e), ZL_BOOL);
  ck_assert_int_eq(zl_kind_of(S("addr"), &e), ZL_TEXT);
  ck_assert_int_eq(zl_kind_of(S("subnet"), &e), ZL_TEXT);
  ck_assert_int_eq(zl_kind_of(S("enum"), &e), ZL_TEXT);
  ck_assert_int_eq(zl_kind_of(S("func"), &e), ZL_TEXT);
  ck_assert_int_eq(zl_kind_of(S("set[count]"), &e), ZL_SET);
  ck_assert_int_eq(e, ZL_INT);
  ck_assert_int_eq(zl_kind_of(S("table[enum]"), &e), ZL_SET);   /* Bro 2.0-2.2 */
  ck_assert_int_eq(e, ZL_TEXT);
  ck_assert_int_eq(zl_kind_of(S("vector[interval]"), &e), ZL_SET);
  ck_assert_int_eq(e, ZL_REAL);
  ck_assert_str_eq(zl_sql_type(ZL_TIME), "REAL");
  ck_assert_str_eq(zl_sql_type(ZL_BOOL), "INTEGER");
  ck_assert_str_eq(zl_sql_type(ZL_SET), "TEXT");
}
END_TEST

START_TEST(integers){
  int64_t v; int big; double d;
  ck_assert_int_eq(zl_parse_int(S("404"), &v, &big, &d), 0);
  ck_assert_int_eq(v, 404); ck_assert_int_eq(big, 0);
  ck_assert_int_eq(zl_parse_int(S("-42"), &v, &big, &d), 0);
  ck_assert_int_eq(v, -42);
  ck_assert_int_eq(zl_parse_int(S("9223372036854775807"), &v, &big, &d), 0);
  ck_assert(v == INT64_MAX && !big);
  ck_assert_int_eq(zl_parse_int(S("-9223372036854775808"), &v, &big, &d), 0);
  ck_assert(v == INT64_MIN);
  /* a count past int64 is still a count: returned as REAL */
  ck_assert_int_eq(zl_parse_int(S("18446744073709551615"), &v, &big, &d), 0);
  ck_assert(big && d == 18446744073709551615.0);
  ck_assert_int_eq(zl_parse_int(S("18446744073709551616"), &v, &big, &d), -1);
  ck_assert_int_eq(zl_parse_int(S("99999999999999999999999"), &v, &big, &d), -1);
  ck_assert_int_eq(zl_parse_int(S(""), &v, &big, &d), -1);
  ck_assert_int_eq(zl_parse_int(S("-"), &v, &big, &d), -1);
  ck_assert_int_eq(zl_parse_int(S("12a"), &v, &big, &d), -1);
  ck_assert_int_eq(zl_parse_int(S(" 1"), &v, &big, &d), -1);
}
END_TEST

START_TEST(doubles){
  double d;
  ck_assert_int_eq(zl_parse_double(S("1331901000.010000"), &d), 0);
  ck_assert(d == 1331901000.01);
  ck_assert_int_eq(zl_parse_double(S("1342775668.072475"), &d), 0);
  ck_assert(d == 1342775668.072475);
  ck_assert_int_eq(zl_parse_double(S("3.14"), &d), 0);
  ck_assert(d == 3.14);
  ck_assert_int_eq(zl_parse_double(S("-0.5e-3"), &d), 0);
  ck_assert(d == -0.0005);
  ck_assert_int_eq(zl_parse_double(S("100"), &d), 0);
  ck_assert(d == 100.0);
  ck_assert_int_eq(zl_parse_double(S("XXXXXXXXXX.XXXXXX"), &d), -1);
  /* What Zeek writes at the extremes (its logging/ascii-double baseline):
  ** inf, -inf, nan (NULL to the caller) and the full 309 digits of 1.79e308. */
  ck_assert_int_eq(zl_parse_double(S("nan"), &d), 0);
  ck_assert(isnan(d));
  ck_assert_int_eq(zl_parse_double(S("inf"), &d), 0);
  ck_assert(isinf(d) && d > 0);
  ck_assert_int_eq(zl_parse_double(S("-inf"), &d), 0);
  ck_assert(isinf(d) && d < 0);
  ck_assert_int_eq(zl_parse_double(S("infinity"), &d), -1);
  ck_assert_int_eq(zl_parse_double(S("-0.0"), &d), 0);
  ck_assert(d == 0 && signbit(d));
  char big[400];
  snprintf(big, sizeof big, "-%.1f", 1.79e308);       /* -1789999...744.0 */
  ck_assert_uint_eq(strlen(big), 312);
  ck_assert_int_eq(zl_parse_double(big, strlen(big), &d), 0);
  ck_assert(d == -1.79e308);
  char huge[460];
  memset(huge, '9', sizeof huge - 1);
  ck_assert_int_eq(zl_parse_double(huge, sizeof huge - 1, &d), -1);   /* over ZL_DOUBLE_TEXT_MAX */
  ck_assert_int_eq(zl_parse_double(S("0x10"), &d), -1);
  ck_assert_int_eq(zl_parse_double(S("1e999"), &d), -1);
  ck_assert_int_eq(zl_parse_double(S(""), &d), -1);
  ck_assert_int_eq(zl_parse_double(S("1.2.3"), &d), -1);
}
END_TEST

/* The SWAR path for "dddddddddd.dddddd" against a digit-by-digit reading. */
START_TEST(common_time_shape){
  char text[32];
  unsigned long long seed = 88172645463325252ull;
  for(int i = 0; i < 100000; i++){
    seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17;
    unsigned long long secs = 1000000000ull + seed % 7999999999ull, us = (seed >> 20) % 1000000;
    snprintf(text, sizeof text, "%llu.%06llu", secs, us);
    double d;
    ck_assert_int_eq(zl_parse_double(text, strlen(text), &d), 0);
    ck_assert(d == (double)(secs * 1000000 + us) / 1e6);
    char iso[32], want[40];
    time_t s = (time_t)secs;
    struct tm tm;
    gmtime_r(&s, &tm);
    size_t w = strftime(want, sizeof want, "%Y-%m-%dT%H:%M:%S", &tm);
    snprintf(want + w, sizeof want - w, ".%06lluZ", us);
    ck_assert_uint_eq(zl_format_iso(text, strlen(text), d, iso), 27);
    ck_assert_str_eq(iso, want);
  }
  double d;
  static const char *const bad[] = {
    "133190100a.000000", "1331901000.00000a", "1331901000x000000", "13319010/0.000000",
    "1331901000.0000:0", " 331901000.000000", "1331901000.#00000",
  };
  for(size_t i = 0; i < sizeof bad / sizeof *bad; i++){
    ck_assert_int_eq(zl_parse_double(bad[i], strlen(bad[i]), &d), -1);
  }
}
END_TEST

START_TEST(bools){
  int b;
  ck_assert_int_eq(zl_parse_bool(S("T"), &b), 0); ck_assert_int_eq(b, 1);
  ck_assert_int_eq(zl_parse_bool(S("F"), &b), 0); ck_assert_int_eq(b, 0);
  ck_assert_int_eq(zl_parse_bool(S("true"), &b), -1);
  ck_assert_int_eq(zl_parse_bool(S(""), &b), -1);
}
END_TEST

START_TEST(iso_times){
  char out[32];
  /* date -u -d @1331901000 -> 2012-03-16 12:30:00 */
  ck_assert_uint_eq(zl_format_iso(S("1331901000.010000"), 0, out), 27);
  ck_assert_str_eq(out, "2012-03-16T12:30:00.010000Z");
  ck_assert_uint_eq(zl_format_iso(S("1342775668.072475"), 0, out), 27);
  ck_assert_str_eq(out, "2012-07-20T09:14:28.072475Z");
  ck_assert_uint_eq(zl_format_iso(S("0"), 0, out), 27);
  ck_assert_str_eq(out, "1970-01-01T00:00:00.000000Z");
  /* 951782400 = 2000-02-29 00:00:00 (a leap day) */
  ck_assert_uint_eq(zl_format_iso(S("951782400.5"), 0, out), 27);
  ck_assert_str_eq(out, "2000-02-29T00:00:00.500000Z");
  /* from the double when the text has another shape */
  ck_assert_uint_eq(zl_format_iso(S("1.3319010005e9"), 1331901000.5, out), 27);
  ck_assert_str_eq(out, "2012-03-16T12:30:00.500000Z");
  ck_assert_uint_eq(zl_format_iso(NULL, 0, -1.25, out), 27);
  ck_assert_str_eq(out, "1969-12-31T23:59:58.750000Z");
  ck_assert_uint_eq(zl_format_iso(NULL, 0, 1e15, out), 0);
}
END_TEST

START_TEST(unescape){
  char out[64];
  size_t n = zl_unescape(S("a\\x09b\\\\c\\x2d"), out);
  ck_assert_uint_eq(n, 6);
  ck_assert(memcmp(out, "a\tb\\c-", 6) == 0);
  n = zl_unescape(S("\\xfc\\xZZ\\"), out);           /* raw byte, bad escape, lone \ */
  ck_assert_uint_eq(n, 6);
  ck_assert(memcmp(out, "\xfc\\xZZ\\", 6) == 0);
  n = zl_unescape(S("\\\\x07"), out);                 /* literal backslash then x07 */
  ck_assert_uint_eq(n, 4);
  ck_assert(memcmp(out, "\\x07", 4) == 0);
}
END_TEST

static const char *to_json(ZlBuf *b, const char *s, ZlKind elem){
  b->n = 0;
  ZlTsvFormat fmt;
  zl_tsv_default_format(&fmt);
  if(zl_set_to_json(b, s, strlen(s), &fmt, elem)) return NULL;
  zl_buf_reserve(b, 1);
  b->p[b->n] = 0;
  return b->p;
}

START_TEST(sets_as_json){
  ZlBuf b = {0};
  ck_assert_str_eq(to_json(&b, "a,b", ZL_TEXT), "[\"a\",\"b\"]");
  ck_assert_str_eq(to_json(&b, "one", ZL_TEXT), "[\"one\"]");
  ck_assert_str_eq(to_json(&b, "x\\x2cy,q\"\\\\", ZL_TEXT), "[\"x,y\",\"q\\\"\\\\\"]");
  /* SQLite's JSON: short escapes where JSON has them, \u00XX otherwise */
  ck_assert_str_eq(to_json(&b, "tab\\x09\\x01", ZL_TEXT), "[\"tab\\t\\u0001\"]");
  ck_assert_str_eq(to_json(&b, "4,2,3,1", ZL_INT), "[4,2,3,1]");
  /* numbers keep the digits the log wrote: nothing is rounded */
  ck_assert_str_eq(to_json(&b, "3600.000000,1.5", ZL_REAL), "[3600.000000,1.5]");
  ck_assert_str_eq(to_json(&b, "1582646597.838527,1582646597.838528", ZL_REAL),
                   "[1582646597.838527,1582646597.838528]");
  ck_assert_str_eq(to_json(&b, "18446744073709551615,-5", ZL_INT), "[18446744073709551615,-5]");
  /* text JSON would refuse is rewritten exactly; inf as 1e999, nan as null */
  ck_assert_str_eq(to_json(&b, "+5,007", ZL_INT), "[5,7]");
  ck_assert_str_eq(to_json(&b, "inf,-inf,nan,.5", ZL_REAL), "[1e999,-1e999,null,0.5]");
  /* inside a set: the unset marker is null, the empty marker "" (null for numbers) */
  ck_assert_str_eq(to_json(&b, "-,2,-,-,5", ZL_INT), "[null,2,null,null,5]");
  ck_assert_str_eq(to_json(&b, "a,(empty),-,\\x2d", ZL_TEXT), "[\"a\",\"\",null,\"-\"]");  /* \x2d: the text "-" */
  ck_assert_str_eq(to_json(&b, "T,F", ZL_BOOL), "[true,false]");
  ck_assert_str_eq(to_json(&b, "0.000001,3.14", ZL_REAL), "[0.000001,3.14]");
  ck_assert_ptr_null(to_json(&b, "1,x", ZL_INT));
  ck_assert_str_eq(to_json(&b, ",", ZL_TEXT), "[\"\",\"\"]");
  zl_buf_free(&b);
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("values");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, kinds);
  tcase_add_test(tc, integers);
  tcase_add_test(tc, doubles);
  tcase_add_test(tc, common_time_shape);
  tcase_add_test(tc, bools);
  tcase_add_test(tc, iso_times);
  tcase_add_test(tc, unescape);
  tcase_add_test(tc, sets_as_json);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"
