/*
** test_mode.c — the mode() counting table (ext/mode.c), checked against a
** brute-force count over a universe of values whose order is known by
** construction.
*/
#include <check.h>

#include "func/mode/mode.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#define LONG_TEXT "a text longer than sixteen bytes"

static ModeTable *table;

static void setup(void){ table = mode_table_new(NULL); ck_assert_ptr_nonnull(table); }
static void teardown(void){ mode_table_free(table); table = 0; }

static void add(ModeValue v){ ck_assert_int_eq(mode_table_add(table, &v), 0); }
static void add_n(ModeValue v, int n){ while(n-- > 0) add(v); }

static ModeValue best(void){
  ModeValue v;
  ck_assert_int_eq(mode_table_best(table, &v), 1);
  return v;
}

static void assert_best_integer(int64_t i){
  ModeValue v = best();
  ck_assert_int_eq(v.type, MODE_INTEGER);
  ck_assert_int_eq(v.i, i);
}

static void assert_best_bytes(ModeType type, const char *bytes, size_t len){
  ModeValue v = best();
  ck_assert_int_eq(v.type, type);
  ck_assert_uint_eq(v.len, len);
  ck_assert(len == 0 || memcmp(v.bytes, bytes, len) == 0);
}

START_TEST(empty_table_has_no_mode){
  ModeValue v, one = mode_integer(1);
  ck_assert_int_eq(mode_table_best(table, &v), 0);
  ck_assert_uint_eq(mode_table_distinct(table), 0);
  ck_assert_uint_eq(mode_table_count(table, &one), 0);
  ck_assert_int_eq(mode_table_remove(table, &one), 1);
}
END_TEST

START_TEST(most_frequent_wins){
  add_n(mode_integer(200), 5);
  add_n(mode_integer(404), 7);
  add_n(mode_text("OK", 2), 6);
  assert_best_integer(404);
  ck_assert_uint_eq(mode_table_distinct(table), 3);
  ModeValue ok = mode_text("OK", 2);
  ck_assert_uint_eq(mode_table_count(table, &ok), 6);
}
END_TEST

START_TEST(ties_go_to_smallest_number){
  add_n(mode_integer(404), 2);
  add_n(mode_real(2.5), 2);
  add_n(mode_integer(3), 2);
  ModeValue v = best();
  ck_assert_int_eq(v.type, MODE_REAL);
  ck_assert(v.r == 2.5);
  add(mode_integer(-7));
  add(mode_integer(-7));
  assert_best_integer(-7);
}
END_TEST

START_TEST(ties_order_numbers_text_blob){
  add_n(mode_blob("\x00", 1), 3);
  add_n(mode_text("zz", 2), 3);
  assert_best_bytes(MODE_TEXT, "zz", 2);
  add_n(mode_real(1e300), 3);
  ModeValue v = best();
  ck_assert_int_eq(v.type, MODE_REAL);
  ck_assert(v.r == 1e300);
}
END_TEST

START_TEST(ties_order_text_by_bytes){
  add_n(mode_text("b", 1), 2);
  add_n(mode_text("ab", 2), 2);
  add_n(mode_text("abc", 3), 2);
  add_n(mode_text("\xc3\xa9", 2), 2);  /* é: bytes above ASCII sort last */
  assert_best_bytes(MODE_TEXT, "ab", 2);
  add_n(mode_text("", 0), 2);          /* '' is the smallest text */
  assert_best_bytes(MODE_TEXT, "", 0);
}
END_TEST

START_TEST(integer_and_equal_real_are_one_value){
  add(mode_integer(404));
  add(mode_real(404.0));
  add_n(mode_integer(200), 1);
  ck_assert_uint_eq(mode_table_distinct(table), 2);
  ModeValue as_real = mode_real(404.0);
  ck_assert_uint_eq(mode_table_count(table, &as_real), 2);
  assert_best_integer(404);   /* an INTEGER occurrence was counted */
  ModeValue as_int = mode_integer(404);
  ck_assert_int_eq(mode_table_remove(table, &as_int), 0);
  add(mode_integer(200));     /* 404.0 x1 vs 200 x2 */
  assert_best_integer(200);
  ModeValue two_hundred = mode_integer(200);
  mode_table_remove(table, &two_hundred);
  ModeValue v = best();       /* tie 200 / 404.0 -> 200 */
  ck_assert_int_eq(v.type, MODE_INTEGER);
  mode_table_remove(table, &two_hundred);
  v = best();                 /* only the REAL occurrence is left */
  ck_assert_int_eq(v.type, MODE_REAL);
  ck_assert(v.r == 404.0);
}
END_TEST

START_TEST(zero_and_negative_zero_are_one_value){
  add(mode_real(-0.0));
  add(mode_integer(0));
  ck_assert_uint_eq(mode_table_distinct(table), 1);
  assert_best_integer(0);
}
END_TEST

START_TEST(reals_beyond_double_precision_stay_apart){
  /* 2^53 + 1 has no double; SQLite's GROUP BY keeps these two apart */
  add(mode_integer(9007199254740993LL));
  add(mode_real(9007199254740992.0));
  add(mode_integer(INT64_MAX));
  add(mode_real(9223372036854775808.0));  /* 2^63, above INT64_MAX */
  ck_assert_uint_eq(mode_table_distinct(table), 4);
  ModeValue v = best();                   /* four ties: the smallest */
  ck_assert_int_eq(v.type, MODE_REAL);
  ck_assert(v.r == 9007199254740992.0);
}
END_TEST

START_TEST(compare_is_exact_across_integer_and_real){
  struct { ModeValue a, b; int sign; } cases[] = {
    { mode_integer(2), mode_real(2.5), -1 },
    { mode_integer(3), mode_real(2.5), 1 },
    { mode_integer(-3), mode_real(-2.5), -1 },
    { mode_integer(-2), mode_real(-2.5), 1 },
    { mode_integer(404), mode_real(404.0), 0 },
    { mode_integer(INT64_MAX), mode_real(9223372036854775808.0), -1 },
    { mode_integer(INT64_MIN), mode_real(-9223372036854775808.0), 0 },
    { mode_integer(INT64_MIN), mode_real(-INFINITY), 1 },
    { mode_integer(9007199254740993LL), mode_real(9007199254740992.0), 1 },
    { mode_real(1e300), mode_text("", 0), -1 },
    { mode_text("\xff", 1), mode_blob("", 0), -1 },
    { mode_blob("ab", 2), mode_blob("abc", 3), -1 },
    { mode_blob("\x80", 1), mode_blob("\x7f", 1), 1 },
  };
  for(size_t i = 0; i < sizeof cases / sizeof cases[0]; i++){
    int c = mode_value_compare(&cases[i].a, &cases[i].b);
    int r = mode_value_compare(&cases[i].b, &cases[i].a);
    ck_assert_msg((c > 0) - (c < 0) == cases[i].sign, "case %zu: %d", i, c);
    ck_assert_msg((r > 0) - (r < 0) == -cases[i].sign, "case %zu reversed", i);
  }
}
END_TEST

START_TEST(remove_decrements_then_forgets){
  ModeValue long_text = mode_text(LONG_TEXT, strlen(LONG_TEXT));
  add_n(long_text, 3);
  add_n(mode_integer(5), 2);
  assert_best_bytes(MODE_TEXT, LONG_TEXT, strlen(LONG_TEXT));
  ck_assert_int_eq(mode_table_remove(table, &long_text), 0);
  assert_best_integer(5);  /* tie 2:2, numbers first */
  mode_table_remove(table, &long_text);
  mode_table_remove(table, &long_text);
  ck_assert_uint_eq(mode_table_count(table, &long_text), 0);
  ck_assert_uint_eq(mode_table_distinct(table), 1);
  ck_assert_int_eq(mode_table_remove(table, &long_text), 1);
  ModeValue five = mode_integer(5);
  mode_table_remove(table, &five);
  mode_table_remove(table, &five);
  ModeValue none;
  ck_assert_int_eq(mode_table_best(table, &none), 0);
}
END_TEST

START_TEST(best_bytes_survive_other_changes){
  /* the mode's bytes are copied into the table, not borrowed from rows */
  char row[40];
  snprintf(row, sizeof row, "%s", LONG_TEXT);
  add_n(mode_text(row, strlen(row)), 2);
  memset(row, 'x', sizeof row - 1);
  add(mode_text(row, 20));
  assert_best_bytes(MODE_TEXT, LONG_TEXT, strlen(LONG_TEXT));
}
END_TEST

START_TEST(growth_keeps_every_count){
  enum { N = 100000 };
  for(int64_t i = 0; i < N; i++) add_n(mode_integer(i * 7919), 1 + (int)(i % 3));
  ck_assert_uint_eq(mode_table_distinct(table), N);
  for(int64_t i = 0; i < N; i++){
    ModeValue v = mode_integer(i * 7919);
    ck_assert_uint_eq(mode_table_count(table, &v), 1 + (uint64_t)(i % 3));
  }
  assert_best_integer(2 * 7919);  /* count 3 first reached at i = 2 */
}
END_TEST

START_TEST(many_distinct_texts){
  enum { N = 50000 };
  char text[64];
  for(int i = 0; i < N; i++){
    int len = snprintf(text, sizeof text, "http://host-%d.example/%s", i,
                       i % 2 ? "long/enough/to/live/on/the/heap" : "s");
    add(mode_text(text, (size_t)len));
  }
  add(mode_text("http://host-777.example/long/enough/to/live/on/the/heap", 55));
  ck_assert_uint_eq(mode_table_distinct(table), N);
  assert_best_bytes(MODE_TEXT, "http://host-777.example/long/enough/to/live/on/the/heap", 55);
  for(int i = 0; i < N; i++){
    int len = snprintf(text, sizeof text, "http://host-%d.example/%s", i,
                       i % 2 ? "long/enough/to/live/on/the/heap" : "s");
    ModeValue v = mode_text(text, (size_t)len);
    ck_assert_int_eq(mode_table_remove(table, &v), 0);
  }
  ck_assert_uint_eq(mode_table_distinct(table), 1);
}
END_TEST

/* ---- random operations against a brute-force count --------------------- */

/* Every value below, in ascending SQLite order; entries with the same class
** are the same value (404 and 404.0). */
typedef struct Known { ModeValue value; int cls; } Known;

static Known known[] = {
  { {MODE_REAL, 0, -INFINITY, 0, 0}, 0 },
  { {MODE_INTEGER, INT64_MIN, 0, 0, 0}, 1 },
  { {MODE_REAL, 0, -2.5, 0, 0}, 2 },
  { {MODE_INTEGER, -2, 0, 0, 0}, 3 },
  { {MODE_INTEGER, 0, 0, 0, 0}, 4 },
  { {MODE_REAL, 0, 0.5, 0, 0}, 5 },
  { {MODE_INTEGER, 1, 0, 0, 0}, 6 },
  { {MODE_REAL, 0, 1.0, 0, 0}, 6 },
  { {MODE_INTEGER, 404, 0, 0, 0}, 7 },
  { {MODE_REAL, 0, 404.0, 0, 0}, 7 },
  { {MODE_INTEGER, INT64_MAX, 0, 0, 0}, 8 },
  { {MODE_REAL, 0, 1e300, 0, 0}, 9 },
  { {MODE_TEXT, 0, 0, "", 0}, 10 },
  { {MODE_TEXT, 0, 0, "200", 3}, 11 },
  { {MODE_TEXT, 0, 0, "a", 1}, 12 },
  { {MODE_TEXT, 0, 0, LONG_TEXT, sizeof LONG_TEXT - 1}, 13 },
  { {MODE_TEXT, 0, 0, "b", 1}, 14 },
  { {MODE_BLOB, 0, 0, "", 0}, 15 },
  { {MODE_BLOB, 0, 0, "\x00", 1}, 16 },
  { {MODE_BLOB, 0, 0, "a", 1}, 17 },
  { {MODE_BLOB, 0, 0, LONG_TEXT "!", sizeof LONG_TEXT}, 18 },
};
#define N_KNOWN (sizeof known / sizeof known[0])
#define N_CLASSES 19

static uint64_t rng_state = 88172645463325252ULL;
static uint64_t rng(void){
  rng_state ^= rng_state << 13;
  rng_state ^= rng_state >> 7;
  rng_state ^= rng_state << 17;
  return rng_state;
}

START_TEST(sequence_orders_known_values){
  for(size_t i = 0; i + 1 < N_KNOWN; i++){
    int c = mode_value_compare(&known[i].value, &known[i + 1].value);
    ck_assert_msg(known[i].cls == known[i + 1].cls ? c == 0 : c < 0, "at %zu", i);
  }
}
END_TEST

START_TEST(random_adds_and_removes_match_brute_force){
  uint64_t count[N_KNOWN] = {0};   /* per entry of known[] */
  for(int step = 0; step < 200000; step++){
    size_t k = rng() % N_KNOWN;
    if(rng() % 5 < 2 && count[k] > 0){
      ck_assert_int_eq(mode_table_remove(table, &known[k].value), 0);
      count[k]--;
    }else{
      add(known[k].value);
      count[k]++;
    }
    uint64_t per_class[N_CLASSES] = {0}, integers[N_CLASSES] = {0};
    for(size_t i = 0; i < N_KNOWN; i++){
      per_class[known[i].cls] += count[i];
      if(known[i].value.type == MODE_INTEGER) integers[known[i].cls] += count[i];
    }
    int top = -1;   /* first class with the highest count: the smallest */
    for(int c = 0; c < N_CLASSES; c++){
      if(per_class[c] && (top < 0 || per_class[c] > per_class[top])) top = c;
    }
    ModeValue got;
    if(top < 0){
      ck_assert_int_eq(mode_table_best(table, &got), 0);
      continue;
    }
    ck_assert_int_eq(mode_table_best(table, &got), 1);
    size_t expect = 0;
    while(known[expect].cls != top) expect++;
    ck_assert_msg(mode_value_compare(&got, &known[expect].value) == 0,
                  "step %d: class %d", step, top);
    ck_assert_int_eq(got.type == MODE_INTEGER, integers[top] > 0);
  }
}
END_TEST

START_TEST(sliding_window_over_many_integers){
  enum { UNIVERSE = 3000, WINDOW = 1000, ROWS = 60000 };
  static int64_t rows[ROWS];
  static uint64_t count[UNIVERSE];
  memset(count, 0, sizeof count);
  for(int r = 0; r < ROWS; r++){
    /* skewed, so the mode changes hands now and then */
    rows[r] = (int64_t)(rng() % 2 ? rng() % 40 : rng() % UNIVERSE);
    add(mode_integer(rows[r]));
    count[rows[r]]++;
    if(r >= WINDOW){
      ModeValue old = mode_integer(rows[r - WINDOW]);
      ck_assert_int_eq(mode_table_remove(table, &old), 0);
      count[rows[r - WINDOW]]--;
    }
    if(r % 37) continue;
    int64_t top = 0;
    for(int64_t v = 1; v < UNIVERSE; v++) if(count[v] > count[top]) top = v;
    assert_best_integer(top);
    ModeValue probe = mode_integer(r % UNIVERSE);
    ck_assert_uint_eq(mode_table_count(table, &probe), count[r % UNIVERSE]);
  }
  ck_assert_uint_le(mode_table_distinct(table), WINDOW);
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("mode");
  TCase *tc = tcase_create("table");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_set_timeout(tc, 60);
  tcase_add_test(tc, empty_table_has_no_mode);
  tcase_add_test(tc, most_frequent_wins);
  tcase_add_test(tc, ties_go_to_smallest_number);
  tcase_add_test(tc, ties_order_numbers_text_blob);
  tcase_add_test(tc, ties_order_text_by_bytes);
  tcase_add_test(tc, integer_and_equal_real_are_one_value);
  tcase_add_test(tc, zero_and_negative_zero_are_one_value);
  tcase_add_test(tc, reals_beyond_double_precision_stay_apart);
  tcase_add_test(tc, compare_is_exact_across_integer_and_real);
  tcase_add_test(tc, remove_decrements_then_forgets);
  tcase_add_test(tc, best_bytes_survive_other_changes);
  tcase_add_test(tc, growth_keeps_every_count);
  tcase_add_test(tc, many_distinct_texts);
  tcase_add_test(tc, sequence_orders_known_values);
  tcase_add_test(tc, random_adds_and_removes_match_brute_force);
  tcase_add_test(tc, sliding_window_over_many_integers);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"
