/*
** test_beacon.c — the beacon scoring (ext/func/beacon/beacon.c) on series
** small enough to work out by hand; the comments show the working.
** Larger series are checked against a second implementation in Python
** (tests/logs/hunt/hunts.py) by tests/scripts/test_hunts.sh.
*/
#include <check.h>

#include "func/beacon/beacon.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define EQ(a, b) ck_assert_msg(fabs((a) - (b)) < 1e-12, "%s = %.17g, want %.17g", #a, (double)(a), (double)(b))

static ZlBeacon series;
static ZlBeaconResult r;

static void setup(void){ memset(&series, 0, sizeof series); }
static void teardown(void){ zl_beacon_free(&series); }

static void add(double ts){ ck_assert_int_eq(zl_beacon_add(&series, ts, 0, 0), 0); }
static void add_sized(double ts, double bytes){ ck_assert_int_eq(zl_beacon_add(&series, ts, 1, bytes), 0); }

static void compute(const ZlBeaconSpan *span){
  char *err = 0;
  ck_assert_int_eq(zl_beacon_compute(&series, span, &r, &err), 0);
  ck_assert_ptr_null(err);
}

/* 0 60 120 180 240 in any order: intervals all 60 -> skew 0, MAD 0, ts 1.
** Own span 0..240, slices of 10 s: bins 0, 6, 12, 18, 23 -> 5 bars: too few
** for the duration (6) and the bimodal fit (11); CV of five 1s and
** nineteen 0s is 1.95 > 1 -> 0. No sizes: three parts of 1/3 -> 0.333. */
START_TEST(perfect_series_without_sizes){
  add(180.9); add(0.2); add(240); add(60.5); add(120);
  compute(NULL);
  ck_assert_int_eq(r.scored, 1);
  ck_assert_int_eq(r.sized, 0);
  ck_assert_uint_eq(r.count, 5);
  ck_assert_uint_eq(r.unique, 5);
  ck_assert_int_eq(r.first, 0);
  ck_assert_int_eq(r.last, 240);
  ck_assert_uint_eq(r.ts.n, 4);
  EQ(r.ts.median, 60); EQ(r.ts.q1, 60); EQ(r.ts.q3, 60);
  EQ(r.ts.skew, 0); EQ(r.ts.mad, 0); EQ(r.ts.score, 1);
  ck_assert_int_eq(r.bars, 5);
  const int at[] = {0, 6, 12, 18, 23};
  for(int i = 0, k = 0; i < ZL_BEACON_BINS; i++){
    int want = k < 5 && at[k] == i;
    ck_assert_uint_eq(r.bins[i], (unsigned)want);
    k += want;
  }
  EQ(r.cv_score, 0); EQ(r.bimodal_score, 0); EQ(r.hist_score, 0);
  EQ(r.dur_score, 0);
  EQ(r.score, 0.333);
}
END_TEST

/* ts 0 10 30 60 160 240: intervals 10 20 30 80 100. Tukey: Q1 = med(10,20)
** = 15, Q2 = 30, Q3 = med(80,100) = 90; IQR 75 >= 10 -> Bowley (15+90-60)/75
** = 0.6, skew score 0.4. |x-30| = 20 10 0 50 70 -> MAD 20 -> (30-20)/30.
** ts = round3((0.4 + 1/3)/2) = 0.367.
** Sizes 100 100 100 100 1000 (one row without): Q1 = 100 = Q2 -> skew 0;
** MAD 0 -> 1; ds = 1.
** Own span 0..240, slices of 10: bins 0 1 3 6 16 23 -> 6 bars: coverage
** 240/240 = 1, longest run 23-0-1 = 3 -> consistency 0.25; dur = 1. CV of
** six 1s in 24 = 1.73 -> 0; bars < 11 -> no bimodal fit; hist 0.
** score = round3(0.25*0.367 + 0.25*1 + 0.25*1 + 0.25*0) = 0.592. */
START_TEST(skewed_series_with_sizes){
  add_sized(60, 100); add_sized(0, 100); add_sized(160, 1000);
  add(240); add_sized(10, 100); add_sized(30, 100);
  compute(NULL);
  ck_assert_int_eq(r.scored, 1);
  EQ(r.ts.q1, 15); EQ(r.ts.median, 30); EQ(r.ts.q3, 90);
  EQ(r.ts.skew, 0.6); EQ(r.ts.skew_score, 0.4);
  EQ(r.ts.mad, 20); EQ(r.ts.mad_score, 1.0 / 3.0);
  EQ(r.ts.score, 0.367);
  ck_assert_int_eq(r.sized, 1);
  ck_assert_uint_eq(r.ds.n, 5);
  EQ(r.ds.q1, 100); EQ(r.ds.median, 100); EQ(r.ds.q3, 550);
  EQ(r.ds.skew, 0); EQ(r.ds.mad, 0); EQ(r.ds.score, 1);
  ck_assert_int_eq(r.bars, 6);
  ck_assert_int_eq(r.longest_run, 3);
  ck_assert_uint_eq(r.bins[3], 1);
  ck_assert_uint_eq(r.bins[16], 1);
  EQ(r.coverage, 1); EQ(r.consistency, 0.25); EQ(r.dur_score, 1);
  EQ(r.hist_score, 0);
  EQ(r.score, 0.592);
}
END_TEST

/* Given span 0..2400 (slices of 100): even slices hold 2 times, odd ones
** 6 -> 24 bars, run 24; heights 2 and 6, classes 1 wide (ceil(6*0.05)):
** two classes of 12 -> (12+12)/(24-1) > 1 -> 1. CV: mean 4, sd 2 -> 0.5.
** Coverage ceil3((2360-10)/2400) = ceil3(0.97916..) = 0.98. */
START_TEST(histogram_parts_over_a_given_span){
  for(int i = 0; i < 24; i++){
    int per = i % 2 ? 6 : 2;
    for(int k = 1; k <= per; k++) add(i * 100 + (per == 2 ? 40 * k - 30 : 10 * k));
  }
  ZlBeaconSpan span = {0, 2400};
  compute(&span);
  ck_assert_int_eq(r.span_start, 0);
  ck_assert_int_eq(r.span_end, 2400);
  ck_assert_int_eq(r.bars, 24);
  ck_assert_int_eq(r.longest_run, 24);
  for(int i = 0; i < 24; i++) ck_assert_uint_eq(r.bins[i], i % 2 ? 6u : 2u);
  EQ(r.cv_score, 0.5);
  EQ(r.bimodal_score, 1);
  EQ(r.hist_score, 1);
  EQ(r.coverage, 0.98);
  EQ(r.consistency, 1);
  EQ(r.dur_score, 1);
}
END_TEST

/* Fractions are cut to the second: 5.1 5.9 6 7 are 3 distinct seconds. */
START_TEST(too_few_distinct_seconds){
  add(5.1); add(5.9); add(6); add(7.99);
  compute(NULL);
  ck_assert_int_eq(r.scored, 0);
  ck_assert_uint_eq(r.unique, 3);
  ck_assert_uint_eq(r.count, 4);
  ZlBuf json = {0};
  ck_assert_int_eq(zl_beacon_json(&r, &json), 0);
  ck_assert_int_eq(zl_buf_append(&json, "", 1), 0);
  ck_assert_str_eq(json.p, "{\"count\":4,\"kept\":4,\"unique\":3,\"first\":5,\"last\":7,\"span\":2,"
                           "\"score\":null,\"ts\":null,\"ds\":null,\"hist\":null,\"dur\":null}");
  zl_buf_free(&json);
}
END_TEST

/* Only the earliest `keep` points stay, whatever the order they came in. */
START_TEST(keeps_the_earliest){
  series.keep = 5;
  const double ts[] = {900, 100, 700, 300, 0, 800, 200, 600, 400, 500};
  for(int i = 0; i < 10; i++) add_sized(ts[i], ts[i]);
  compute(NULL);
  ck_assert_uint_eq(r.count, 10);
  ck_assert_uint_eq(r.kept, 5);
  ck_assert_int_eq(r.first, 0);
  ck_assert_int_eq(r.last, 400);
  for(int i = 0; i < 5; i++) ck_assert_int_eq(series.pts[i].ts, i * 100);
  EQ(r.ts.median, 100); EQ(r.ds.median, 200);
}
END_TEST

/* A series of 0s and equal times: the MAD defaults (ts 1 when the median
** interval is under a second cannot happen: intervals are whole seconds;
** sizes all 0 -> median 0 < 1 -> ds MAD score 0). */
START_TEST(zero_sizes_score_zero_mad){
  for(int i = 0; i < 6; i++) add_sized(i * 30, 0);
  compute(NULL);
  EQ(r.ds.median, 0); EQ(r.ds.mad, 0); EQ(r.ds.mad_score, 0);
  EQ(r.ds.skew_score, 1); EQ(r.ds.score, 0.5);
}
END_TEST

START_TEST(refuses_bad_input){
  ck_assert_int_eq(zl_beacon_add(&series, INFINITY, 0, 0), -1);
  ck_assert_int_eq(zl_beacon_add(&series, NAN, 0, 0), -1);
  add(1); add(2); add(3); add(4);
  ZlBeaconSpan backwards = {10, 10.5};
  char *err = 0;
  ck_assert_int_eq(zl_beacon_compute(&series, &backwards, &r, &err), -1);
  ck_assert_ptr_nonnull(err);
  free(err);
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("beacon");
  TCase *tc = tcase_create("core");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, perfect_series_without_sizes);
  tcase_add_test(tc, skewed_series_with_sizes);
  tcase_add_test(tc, histogram_parts_over_a_given_span);
  tcase_add_test(tc, too_few_distinct_seconds);
  tcase_add_test(tc, keeps_the_earliest);
  tcase_add_test(tc, zero_sizes_score_zero_mad);
  tcase_add_test(tc, refuses_bad_input);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"
