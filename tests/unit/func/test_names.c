/*
** test_names.c — registered domains and Shannon entropy
** (ext/func/dns/names.c), with answers worked out by hand.
*/
#include <check.h>

#include "func/dns/names.h"

#include <math.h>
#include <string.h>

/* The registered domain of s, or "" when there is none. */
static const char *rd(const char *s){
  static char out[512];
  size_t n = 0;
  if(!zl_registered_domain(s, strlen(s), out, &n)) return "";
  out[n] = 0;
  return out;
}

START_TEST(plain_tlds){
  ck_assert_str_eq(rd("www.example.com"), "example.com");
  ck_assert_str_eq(rd("example.com"), "example.com");
  ck_assert_str_eq(rd("a.b.c.d.example.org"), "example.org");
  ck_assert_str_eq(rd("x.y.example"), "y.example");
  ck_assert_str_eq(rd("host.local"), "host.local");
}
END_TEST

START_TEST(multi_label_suffixes){
  ck_assert_str_eq(rd("www.bbc.co.uk"), "bbc.co.uk");
  ck_assert_str_eq(rd("bbc.co.uk"), "bbc.co.uk");
  ck_assert_str_eq(rd("a.b.abc.com.au"), "abc.com.au");
  ck_assert_str_eq(rd("x.police.uk"), "x.police.uk");
  ck_assert_str_eq(rd("4.3.2.1.in-addr.arpa"), "1.in-addr.arpa");
  ck_assert_str_eq(rd("b.a.ip6.arpa"), "a.ip6.arpa");
  /* a two-label suffix that is not in the list: only the TLD counts */
  ck_assert_str_eq(rd("www.foo.example.uk"), "example.uk");
  ck_assert_str_eq(rd("d31qbv1cthcecs.cloudfront.net"), "cloudfront.net");
}
END_TEST

START_TEST(case_and_trailing_dot){
  ck_assert_str_eq(rd("WWW.BBC.Co.UK."), "bbc.co.uk");
  ck_assert_str_eq(rd("Mail.Example.COM"), "example.com");
  ck_assert_str_eq(rd("caf\xc3\xa9.Example.com"), "example.com");   /* UTF-8 left alone */
  ck_assert_str_eq(rd("x.CAF\xc3\x89.com"), "caf\xc3\x89.com");
}
END_TEST

START_TEST(no_registered_domain){
  ck_assert_str_eq(rd(""), "");
  ck_assert_str_eq(rd("."), "");
  ck_assert_str_eq(rd("com"), "");
  ck_assert_str_eq(rd("com."), "");
  ck_assert_str_eq(rd("co.uk"), "");
  ck_assert_str_eq(rd("in-addr.arpa"), "");
  ck_assert_str_eq(rd("wpad"), "");
  ck_assert_str_eq(rd("a..example.com"), "");
  ck_assert_str_eq(rd(".example.com"), "");
  ck_assert_str_eq(rd("example.com.."), "");
  ck_assert_str_eq(rd("10.1.2.3"), "");
  ck_assert_str_eq(rd("192.168.0.1."), "");
  /* digits but not four labels: names */
  ck_assert_str_eq(rd("1.2.3"), "2.3");
  ck_assert_str_eq(rd("1.2.3.4.5"), "4.5");
}
END_TEST

START_TEST(suffix_table_is_sorted_and_found){
  ck_assert_uint_eq(zl_public_suffix_count(), 161);
  for(size_t i = 0; i < zl_public_suffix_count(); i++){
    const char *sfx = zl_public_suffix(i);
    ck_assert(zl_is_multi_label_suffix(sfx, strlen(sfx)));
    if(i) ck_assert_int_lt(strcmp(zl_public_suffix(i - 1), sfx), 0);
    ck_assert_ptr_nonnull(strchr(sfx, '.'));
  }
  ck_assert_ptr_null(zl_public_suffix(zl_public_suffix_count()));
  ck_assert(zl_is_multi_label_suffix("co.uk", 5));
  ck_assert(zl_is_multi_label_suffix("ac.cn", 5));       /* first */
  ck_assert(zl_is_multi_label_suffix("web.za", 6));      /* last */
  ck_assert(!zl_is_multi_label_suffix("co.u", 4));
  ck_assert(!zl_is_multi_label_suffix("co.ukk", 6));
  ck_assert(!zl_is_multi_label_suffix("aa.aa", 5));
  ck_assert(!zl_is_multi_label_suffix("zz.zz", 5));
  ck_assert(!zl_is_multi_label_suffix("", 0));
}
END_TEST

/* By hand: "aabb" two symbols of 1/2 -> 1 bit; "abcd" -> 2; "aaab" ->
** -(3/4 log2 3/4 + 1/4 log2 1/4) = 0.811278...; all 256 bytes once -> 8. */
START_TEST(entropy_by_hand){
  ck_assert(zl_shannon_entropy("", 0) == 0);
  ck_assert(zl_shannon_entropy("aaaa", 4) == 0);
  ck_assert(fabs(zl_shannon_entropy("aabb", 4) - 1) < 1e-15);
  ck_assert(fabs(zl_shannon_entropy("abcd", 4) - 2) < 1e-15);
  ck_assert(fabs(zl_shannon_entropy("aaab", 4) - 0.8112781244591328) < 1e-15);
  unsigned char all[256];
  for(int i = 0; i < 256; i++) all[i] = (unsigned char)i;
  ck_assert(fabs(zl_shannon_entropy(all, 256) - 8) < 1e-12);
  ck_assert(fabs(zl_shannon_entropy("\0\0\xff\xff", 4) - 1) < 1e-15);
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("names");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, plain_tlds);
  tcase_add_test(tc, multi_label_suffixes);
  tcase_add_test(tc, case_and_trailing_dot);
  tcase_add_test(tc, no_registered_domain);
  tcase_add_test(tc, suffix_table_is_sorted_and_found);
  tcase_add_test(tc, entropy_by_hand);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"
