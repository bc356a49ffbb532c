/*
** test_timebucket.c — time_bucket()'s arithmetic (ext/timebucket.c).
** Epochs are worked out by hand and cross-checked with `date -u -d @N`:
**   1331901000 = 2012-03-16 12:30:00 Fri    1331899200 = 2012-03-16 12:00:00
**   1331856000 = 2012-03-16 00:00:00        1331845200 = 2012-03-15 21:00:00
**   1331769600 = 2012-03-15 00:00:00 Thu    951868800 = 2000-03-01 00:00:00
**   -62162035200 = 0000-03-01 00:00:00 (day -719468)
*/
#include <check.h>

#include "func/time/bucket.h"

#include <math.h>
#include <string.h>

/* ---- widths ----------------------------------------------------------- */

static double width_of(const char *text){
  double seconds = -1;
  ck_assert_msg(tb_parse_width(text, strlen(text), &seconds) == TB_OK,
                "width '%s' rejected", text);
  return seconds;
}

START_TEST(widths_in_every_unit){
  struct { const char *text; double seconds; } cases[] = {
    {"1 hour", 3600}, {"hour", 3600}, {"HOUR", 3600}, {"2 hours", 7200},
    {"1h", 3600}, {"3 hrs", 10800}, {"1 hr", 3600},
    {"5 minutes", 300}, {"15 min", 900}, {"1 minute", 60}, {"10 mins", 600},
    {"1m", 60}, {"30s", 30}, {"1 sec", 1}, {"45 secs", 45}, {"second", 1},
    {"2 seconds", 2}, {"1 day", 86400}, {"day", 86400}, {"2 days", 172800},
    {"1d", 86400}, {"1 week", 604800}, {"2 weeks", 1209600}, {"1w", 604800},
    {"250ms", 0.25}, {"1 msec", 0.001}, {"5 milliseconds", 0.005},
    {"1 millisecond", 0.001}, {"2 msecs", 0.002},
    {"10us", 0.00001}, {"1 usec", 0.000001}, {"3 usecs", 0.000003},
    {"1 microsecond", 0.000001}, {"4 microseconds", 0.000004},
    {"1.5h", 5400}, {"0.5 day", 43200}, {".25 min", 15}, {"3600", 3600},
    {"0.1", 0.1}, {"  2 hours  ", 7200}, {"2\thours", 7200},
  };
  for(size_t i = 0; i < sizeof cases / sizeof cases[0]; i++){
    ck_assert_msg(width_of(cases[i].text) == cases[i].seconds,
                  "'%s' -> %.17g", cases[i].text, width_of(cases[i].text));
  }
}
END_TEST

START_TEST(bad_widths){
  const char *bad[] = {
    "", "   ", "0", "0 hours", "-1 hour", "+1 hour", "1 fortnight", "1 month",
    "1 year", "1..5h", "1.2.3", "h1", "1 hour 5", ".", "1e3", "1 hour,",
    "1234567890123456 s",  /* more digits than a double holds exactly */
    "hours hours", "nan", "inf",
  };
  for(size_t i = 0; i < sizeof bad / sizeof bad[0]; i++){
    double seconds;
    ck_assert_msg(tb_parse_width(bad[i], strlen(bad[i]), &seconds) == TB_BAD_WIDTH,
                  "'%s' accepted", bad[i]);
  }
  ck_assert(!tb_width_ok(0));
  ck_assert(!tb_width_ok(-1));
  ck_assert(!tb_width_ok(INFINITY));
  ck_assert(!tb_width_ok(NAN));
  ck_assert(tb_width_is_whole(3600.0));
  ck_assert(!tb_width_is_whole(2.5));
}
END_TEST

/* ---- epoch numbers ---------------------------------------------------- */

START_TEST(real_times){
  struct { double ts, width, start; } cases[] = {
    {1331901234.5, 300, 1331901000},
    {1331901000.0, 3600, 1331899200},
    {1331901000.009999, 86400, 1331856000},
    {1331901000.0, 604800, 1331769600},  /* epoch weeks start on Thursday */
    {1331901000.75, 0.5, 1331901000.5},
    {-0.5, 1, -1}, {-1.5, 1, -2}, {-10, 10, -10}, {-10.5, 10, -20},
    {0, 3600, 0}, {7, 2.5, 5}, {8, 2.5, 7.5},
    {3599.9999999999995, 3600, 0},       /* ts / width rounds up to 1.0 */
  };
  for(size_t i = 0; i < sizeof cases / sizeof cases[0]; i++){
    double start = NAN;
    ck_assert_int_eq(tb_bucket_real(cases[i].ts, cases[i].width, &start), TB_OK);
    ck_assert_msg(start == cases[i].start, "case %zu: %.17g", i, start);
  }
  double start;
  ck_assert_int_eq(tb_bucket_real(INFINITY, 1, &start), TB_OUT_OF_RANGE);
  ck_assert_int_eq(tb_bucket_real(NAN, 1, &start), TB_OUT_OF_RANGE);
  ck_assert_int_eq(tb_bucket_real(1, 0, &start), TB_BAD_WIDTH);
}
END_TEST

START_TEST(real_start_never_passes_the_time){
  const double widths[] = {0.1, 0.3, 1e-3, 7, 3600, 1.7};
  for(size_t w = 0; w < sizeof widths / sizeof widths[0]; w++){
    for(double ts = -50; ts < 50; ts += 0.0137){
      double start;
      ck_assert_int_eq(tb_bucket_real(ts, widths[w], &start), TB_OK);
      ck_assert_msg(start <= ts && ts < start + widths[w],
                    "ts %.17g width %g start %.17g", ts, widths[w], start);
    }
  }
}
END_TEST

START_TEST(integer_times){
  struct { int64_t ts; double width; int64_t start; } cases[] = {
    {1331901234, 3600, 1331899200}, {1331901000, 300, 1331901000},
    {-1, 300, -300}, {-300, 300, -300}, {-301, 300, -600}, {0, 1, 0},
    {INT64_MAX, 10, 9223372036854775800LL}, {INT64_MIN, 1, INT64_MIN},
    {INT64_MIN, 8, INT64_MIN},  /* -2^63 is a multiple of 8 */
    {5, 9223372036854775808.0, 0},
  };
  for(size_t i = 0; i < sizeof cases / sizeof cases[0]; i++){
    int64_t start = 42;
    ck_assert_int_eq(tb_bucket_int(cases[i].ts, cases[i].width, &start), TB_OK);
    ck_assert_msg(start == cases[i].start, "case %zu: %lld", i, (long long)start);
  }
  int64_t start;
  ck_assert_int_eq(tb_bucket_int(INT64_MIN + 1, 10, &start), TB_OUT_OF_RANGE);
  ck_assert_int_eq(tb_bucket_int(-5, 9223372036854775808.0, &start), TB_OUT_OF_RANGE);
  ck_assert_int_eq(tb_bucket_int(5, 2.5, &start), TB_BAD_WIDTH);
}
END_TEST

/* ---- the calendar ----------------------------------------------------- */

START_TEST(known_days){
  ck_assert_int_eq(zl_days_from_civil(1970, 1, 1), 0);
  ck_assert_int_eq(zl_days_from_civil(1969, 12, 31), -1);
  ck_assert_int_eq(zl_days_from_civil(2012, 3, 16), 15415);  /* 1331856000 / 86400 */
  ck_assert_int_eq(zl_days_from_civil(2000, 3, 1), 11017);   /* 951868800 / 86400 */
  ck_assert_int_eq(zl_days_from_civil(2000, 2, 29), 11016);
  ck_assert_int_eq(zl_days_from_civil(0, 3, 1), -719468);
  ck_assert_int_eq(zl_days_from_civil(9999, 12, 31), 2932896); /* 253402214400 / 86400 */
}
END_TEST

static int leap_year(int64_t year){
  return year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
}

/* Walks every day of 0000-01-01 (day -719528: 0000-03-01 less January and
** a leap February) .. 9999-12-31, stepping the date by hand. */
START_TEST(days_round_trip){
  static const int length[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  int64_t year = 0;
  int month = 1, day = 1;
  for(int64_t d = -719528; d <= 2932896; d++){
    int64_t y;
    int m, dd;
    zl_civil_from_days(d, &y, &m, &dd);
    ck_assert_msg(y == year && m == month && dd == day, "day %lld", (long long)d);
    ck_assert_int_eq(zl_days_from_civil(year, month, day), d);
    int month_length = month == 2 && leap_year(year) ? 29 : length[month - 1];
    if(++day > month_length){ day = 1; if(++month > 12){ month = 1; year++; } }
  }
  ck_assert(year == 10000 && month == 1 && day == 1);
}
END_TEST

/* ---- ISO-8601 text ---------------------------------------------------- */

START_TEST(parse_zeek_layout){
  int64_t us;
  ZlIsoLayout layout;
  const char *text = "2012-03-16T12:30:00.009999Z";
  ck_assert_int_eq(zl_iso_parse(text, strlen(text), &us, &layout), 0);
  ck_assert_int_eq(us, 1331901000009999LL);
  ck_assert_int_eq(layout.separator, 'T');
  ck_assert_int_eq(layout.time_fields, 3);
  ck_assert_int_eq(layout.fraction_digits, 6);
  ck_assert_str_eq(layout.zone, "Z");
}
END_TEST

START_TEST(parse_other_layouts){
  struct { const char *text; int64_t seconds; int fields; char separator; } cases[] = {
    {"2012-03-16", 1331856000, 0, 0},
    {"2012-03-16 12:30", 1331901000, 2, ' '},
    {"2012-03-16T12:30:00", 1331901000, 3, 'T'},
    {"2012-03-16T14:30:00+02:00", 1331901000, 3, 'T'},
    {"2012-03-16T07:00-05:30", 1331901000, 2, 'T'},
    {"2012-03-16 12:30z", 1331901000, 2, ' '},
    {"1969-12-31 23:59:59", -1, 3, ' '},
    {"0000-03-01", -62162035200LL, 0, 0},
  };
  for(size_t i = 0; i < sizeof cases / sizeof cases[0]; i++){
    int64_t us;
    ZlIsoLayout layout;
    const char *t = cases[i].text;
    ck_assert_msg(zl_iso_parse(t, strlen(t), &us, &layout) == 0, "'%s'", t);
    ck_assert_msg(us == cases[i].seconds * 1000000, "'%s': %lld", t, (long long)us);
    ck_assert_int_eq(layout.time_fields, cases[i].fields);
    ck_assert_int_eq(layout.separator, cases[i].separator);
  }
}
END_TEST

START_TEST(fraction_digits_past_six_are_dropped){
  int64_t us;
  ZlIsoLayout layout;
  const char *text = "1970-01-01T00:00:01.123456789";
  ck_assert_int_eq(zl_iso_parse(text, strlen(text), &us, &layout), 0);
  ck_assert_int_eq(us, 1123456);
  ck_assert_int_eq(layout.fraction_digits, 9);
  text = "1970-01-01T00:00:01.5";
  ck_assert_int_eq(zl_iso_parse(text, strlen(text), &us, &layout), 0);
  ck_assert_int_eq(us, 1500000);
}
END_TEST

START_TEST(unparsable_times){
  const char *bad[] = {
    "", "yesterday", "now", "12:30", "12:30:00", "2012-3-16", "2012-03-16T",
    "2012-02-30", "2011-02-29", "2012-13-01", "2012-00-10", "2012-03-00",
    "2012-03-16T24:00", "2012-03-16T12:60", "2012-03-16T12:30:60",
    "2012-03-16T12:30:00.", "2012-03-16T12:30:00.1234567890",
    "2012-03-16Z", "2012-03-16T12:30Zjunk", "2012-03-16  12:30",
    "2012-03-16T12", "2012-03-16T12:30+2", "2012-03-16T12:30+15:00",
    " 2012-03-16", "2012-03-16 ", "1331901000", "2012/03/16",
  };
  for(size_t i = 0; i < sizeof bad / sizeof bad[0]; i++){
    int64_t us;
    ZlIsoLayout layout;
    ck_assert_msg(zl_iso_parse(bad[i], strlen(bad[i]), &us, &layout) == -1,
                  "'%s' accepted", bad[i]);
  }
}
END_TEST

static void assert_iso_bucket(const char *in, double width, const char *expect){
  char out[ZL_ISO_MAX];
  size_t len = 0;
  TbStatus status = tb_bucket_iso(in, strlen(in), width, out, &len);
  ck_assert_msg(status == TB_OK, "'%s' by %g: status %d", in, width, status);
  ck_assert_uint_eq(len, strlen(out));
  ck_assert_msg(strcmp(out, expect) == 0, "'%s' by %g: '%s', not '%s'",
                in, width, out, expect);
}

START_TEST(iso_buckets_keep_the_layout){
  assert_iso_bucket("2012-03-16T12:30:00.009999Z", 3600, "2012-03-16T12:00:00.000000Z");
  assert_iso_bucket("2012-03-16T12:34:56.789012Z", 300, "2012-03-16T12:30:00.000000Z");
  assert_iso_bucket("2012-03-16T12:34:56.789012Z", 1, "2012-03-16T12:34:56.000000Z");
  assert_iso_bucket("2012-03-16T12:34:56.789012Z", 0.001, "2012-03-16T12:34:56.789000Z");
  assert_iso_bucket("2012-03-16 12:34:56", 3600, "2012-03-16 12:00:00");
  assert_iso_bucket("2012-03-16T12:34", 900, "2012-03-16T12:30");
  assert_iso_bucket("2012-03-16T12:34:56.5", 1, "2012-03-16T12:34:56.0");
  assert_iso_bucket("2012-03-16T12:34:56.123456789z", 0.001, "2012-03-16T12:34:56.123000000z");
  assert_iso_bucket("2012-03-16 12:34:56", 86400, "2012-03-16 00:00:00");
  assert_iso_bucket("2012-03-16", 3600, "2012-03-16");
  assert_iso_bucket("2012-03-16", 604800, "2012-03-15");  /* a Thursday */
  assert_iso_bucket("2012-01-01T00:00:00Z", 604800, "2011-12-29T00:00:00Z");
}
END_TEST

START_TEST(iso_buckets_widen_the_layout_when_needed){
  assert_iso_bucket("2012-03-16", 7 * 3600, "2012-03-15 21:00");  /* 1331845200 */
  assert_iso_bucket("2012-03-16T12:34", 7, "2012-03-16T12:33:55"); /* 1331901240 % 7 = 5 */
  assert_iso_bucket("2012-03-16T12:34:56.3", 0.25, "2012-03-16T12:34:56.25");
  assert_iso_bucket("2012-03-16T12:34:56", 0.25, "2012-03-16T12:34:56");
}
END_TEST

START_TEST(iso_buckets_with_zone_offsets){
  /* aligned in UTC, written back in the input's zone */
  assert_iso_bucket("2012-03-16T14:30:00+02:00", 3600, "2012-03-16T14:00:00+02:00");
  assert_iso_bucket("2012-03-16T14:30:00+02:00", 86400, "2012-03-16T02:00:00+02:00");
  assert_iso_bucket("2012-03-16T07:00:00-05:30", 3600, "2012-03-16T06:30:00-05:30");
}
END_TEST

START_TEST(iso_buckets_before_the_epoch_and_at_the_ends){
  assert_iso_bucket("1969-12-31T23:59:59.5Z", 1, "1969-12-31T23:59:59.0Z");
  assert_iso_bucket("1969-12-31 23:59:59", 3600, "1969-12-31 23:00:00");
  assert_iso_bucket("0000-01-01T00:00:00Z", 3600, "0000-01-01T00:00:00Z");
  assert_iso_bucket("9999-12-31T23:59:59.999999Z", 3600, "9999-12-31T23:00:00.000000Z");
  assert_iso_bucket("2012-03-16T12:00:00Z", 1e30, "1970-01-01T00:00:00Z");
  char out[ZL_ISO_MAX];
  size_t len;
  const char *early = "0000-01-01T00:30:00+01:00";  /* its UTC day began in year -1 */
  ck_assert_int_eq(tb_bucket_iso(early, strlen(early), 86400, out, &len), TB_OUT_OF_RANGE);
  const char *text = "2012-03-16T12:00:00Z";
  ck_assert_int_eq(tb_bucket_iso(text, strlen(text), 1e-7, out, &len), TB_WIDTH_UNDER_US);
  ck_assert_int_eq(tb_bucket_iso(text, strlen(text), 0, out, &len), TB_BAD_WIDTH);
  ck_assert_int_eq(tb_bucket_iso("x", 1, 1, out, &len), TB_BAD_TIME);
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("timebucket");
  TCase *widths = tcase_create("widths");
  tcase_add_test(widths, widths_in_every_unit);
  tcase_add_test(widths, bad_widths);
  suite_add_tcase(s, widths);
  TCase *numbers = tcase_create("numbers");
  tcase_add_test(numbers, real_times);
  tcase_add_test(numbers, real_start_never_passes_the_time);
  tcase_add_test(numbers, integer_times);
  suite_add_tcase(s, numbers);
  TCase *calendar = tcase_create("calendar");
  tcase_set_timeout(calendar, 60);
  tcase_add_test(calendar, known_days);
  tcase_add_test(calendar, days_round_trip);
  suite_add_tcase(s, calendar);
  TCase *iso = tcase_create("iso");
  tcase_add_test(iso, parse_zeek_layout);
  tcase_add_test(iso, parse_other_layouts);
  tcase_add_test(iso, fraction_digits_past_six_are_dropped);
  tcase_add_test(iso, unparsable_times);
  tcase_add_test(iso, iso_buckets_keep_the_layout);
  tcase_add_test(iso, iso_buckets_widen_the_layout_when_needed);
  tcase_add_test(iso, iso_buckets_with_zone_offsets);
  tcase_add_test(iso, iso_buckets_before_the_epoch_and_at_the_ends);
  suite_add_tcase(s, iso);
  return s;
}

#include "unit.h"
