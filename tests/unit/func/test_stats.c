/*
** test_stats.c — the value list behind median()/percentile()
** (ext/func/stats/stats.c): hand-worked percentiles, infinities, and window
** use (adds and removes in any order) checked against a fresh list built
** from the same multiset with a plain insertion sort.
*/
#include <check.h>

#include "func/stats/stats.h"

#include <math.h>
#include <stdlib.h>

static double pct(const double *xs, size_t n, double p){
  ZlValues v = {0};
  for(size_t i = 0; i < n; i++) ck_assert_int_eq(zl_values_add(&v, xs[i]), 0);
  double out = -12345;
  ck_assert_int_eq(zl_values_percentile(&v, p, &out), 1);
  zl_values_free(&v);
  return out;
}

START_TEST(empty_has_no_percentile){
  ZlValues v = {0};
  double out = 7;
  ck_assert_int_eq(zl_values_percentile(&v, 50, &out), 0);
  ck_assert(out == 7);
  ck_assert_int_eq(zl_values_remove(&v, 1), 1);
  zl_values_free(&v);
}
END_TEST

/* By hand: sorted 1 2 3 4 10, n-1 = 4. P=25 -> ix 1 -> 2; P=90 -> ix 3.6
** -> 4 + 6*0.6 = 7.6; P=50 -> 3; P=0 -> 1; P=100 -> 10. */
START_TEST(interpolates_between_ranks){
  const double xs[] = {10, 3, 1, 4, 2};
  ck_assert(pct(xs, 5, 0) == 1);
  ck_assert(pct(xs, 5, 25) == 2);
  ck_assert(pct(xs, 5, 50) == 3);
  ck_assert(fabs(pct(xs, 5, 90) - 7.6) < 1e-12);
  ck_assert(pct(xs, 5, 100) == 10);
  /* even count: 1..10, median 5.5, P=25 -> ix 2.25 -> 3.25 */
  const double ys[] = {7, 1, 9, 2, 10, 3, 8, 4, 6, 5};
  ck_assert(pct(ys, 10, 50) == 5.5);
  ck_assert(pct(ys, 10, 25) == 3.25);
  const double one[] = {42};
  ck_assert(pct(one, 1, 0) == 42 && pct(one, 1, 37.5) == 42 && pct(one, 1, 100) == 42);
}
END_TEST

START_TEST(duplicates_and_negatives){
  const double xs[] = {-5, 2, 2, 2, -5, 8};   /* -5 -5 2 2 2 8 */
  ck_assert(pct(xs, 6, 50) == 2);
  ck_assert(pct(xs, 6, 20) == -5);            /* ix 1.0 */
  ck_assert(pct(xs, 6, 30) == -1.5);          /* ix 1.5: -5 + 7*0.5 */
}
END_TEST

START_TEST(infinities_are_values){
  const double xs[] = {INFINITY, 1, 2, -INFINITY};  /* -inf 1 2 inf */
  ck_assert(pct(xs, 4, 0) == -INFINITY);
  ck_assert(pct(xs, 4, 100) == INFINITY);
  ck_assert(pct(xs, 4, 50) == 1.5);                 /* ix 1.5 */
  ck_assert(pct(xs, 4, 10) == -INFINITY);           /* ix 0.3, towards -inf */
  ck_assert(pct(xs, 4, 90) == INFINITY);            /* ix 2.7, towards +inf */
  const double ys[] = {-INFINITY, INFINITY};
  ck_assert(isnan(pct(ys, 2, 50)));                 /* no answer */
  const double zs[] = {INFINITY, INFINITY, 3};
  ck_assert(pct(zs, 3, 75) == INFINITY);            /* inf .. inf */
}
END_TEST

START_TEST(median_sorted_is_mean_of_middle){
  const double a[] = {1, 2, 4, 8};
  ck_assert(zl_median_sorted(a, 4) == 3);
  ck_assert(zl_median_sorted(a, 3) == 2);
  ck_assert(zl_median_sorted(a, 1) == 1);
  const double b[] = {-INFINITY, INFINITY};
  ck_assert(isnan(zl_median_sorted(b, 2)));
}
END_TEST

/* A second method: insertion sort of the multiset, then the formula. */
static double brute(const double *xs, size_t n, double p){
  double *s = malloc(n * sizeof *s);
  for(size_t i = 0; i < n; i++){
    size_t j = i;
    while(j > 0 && s[j - 1] > xs[i]){ s[j] = s[j - 1]; j--; }
    s[j] = xs[i];
  }
  double ix = p * (double)(n - 1) * 0.01;
  size_t lo = (size_t)ix;
  double r = lo + 1 < n ? s[lo] + (s[lo + 1] - s[lo]) * (ix - (double)lo) : s[n - 1];
  free(s);
  return r;
}

/* A sliding window of 7 over 500 pseudo-random small integers (many
** duplicates), asking after every change, as SQLite's window code does. */
START_TEST(window_matches_fresh_list){
  enum { N = 500, W = 7 };
  double xs[N];
  unsigned seed = 12345;
  for(int i = 0; i < N; i++){ seed = seed * 1103515245u + 12345u; xs[i] = (double)((seed >> 16) % 20) - 5; }
  ZlValues v = {0};
  double got;
  for(int i = 0; i < N; i++){
    ck_assert_int_eq(zl_values_add(&v, xs[i]), 0);
    if(i >= W) ck_assert_int_eq(zl_values_remove(&v, xs[i - W]), 0);
    int lo = i >= W ? i - W + 1 : 0;
    for(double p = 0; p <= 100; p += 12.5){
      ck_assert_int_eq(zl_values_percentile(&v, p, &got), 1);
      ck_assert(got == brute(xs + lo, (size_t)(i - lo + 1), p));
    }
  }
  ck_assert_int_eq(zl_values_remove(&v, 1000), 1);   /* never added */
  ck_assert_uint_eq(v.n, W);
  zl_values_free(&v);
}
END_TEST

START_TEST(aggregate_sorts_once_at_the_end){
  ZlValues v = {0};
  for(int i = 1000; i > 0; i--) ck_assert_int_eq(zl_values_add(&v, i), 0);
  ck_assert_int_eq(v.sorted, 0);
  double got;
  ck_assert_int_eq(zl_values_percentile(&v, 50, &got), 1);
  ck_assert(got == 500.5);
  ck_assert_int_eq(v.sorted, 1);
  for(size_t i = 1; i < v.n; i++) ck_assert(v.a[i - 1] <= v.a[i]);
  zl_values_free(&v);
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("stats");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, empty_has_no_percentile);
  tcase_add_test(tc, interpolates_between_ranks);
  tcase_add_test(tc, duplicates_and_negatives);
  tcase_add_test(tc, infinities_are_values);
  tcase_add_test(tc, median_sorted_is_mean_of_middle);
  tcase_add_test(tc, window_matches_fresh_list);
  tcase_add_test(tc, aggregate_sorts_once_at_the_end);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"
