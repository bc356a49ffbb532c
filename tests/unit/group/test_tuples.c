/* Unit tests for group/tuples.c: counts per distinct tuple against a brute-force
** count, adjacency of equal first parts after sorting, the budget. */
#include <check.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "group/tuples.h"

static ZlPart text(const char *s){ ZlPart p = { .type = ZL_PART_TEXT, .p = s, .n = strlen(s) }; return p; }
static ZlPart integer(int64_t i){ ZlPart p = { .type = ZL_PART_INT, .i = i }; return p; }

START_TEST(counts_and_parts){
  ZlTuples *g = zl_tuples_new(1 << 20);
  ZlPart null = { .type = ZL_PART_NULL };
  ZlPart rows[][2] = {
    { integer(404), text("a") }, { integer(200), text("b") }, { integer(404), text("a") },
    { null, text("a") }, { integer(404), text("b") }, { null, text("a") }, { integer(404), text("a") },
  };
  for(size_t i = 0; i < sizeof rows / sizeof *rows; i++) ck_assert_int_eq(zl_tuples_add(g, rows[i], 2, NAN), 0);
  ck_assert_uint_eq(zl_tuples_count(g), 4);
  zl_tuples_sort(g, 1, NULL);
  uint64_t n, total = 0, seen = 0;
  int64_t last_code = -1;
  while(zl_tuples_next(g, &n)){
    ZlPart code, host;
    zl_tuples_part(g, 0, &code);
    zl_tuples_part(g, 1, &host);
    total += n;
    seen++;
    if(code.type == ZL_PART_NULL) ck_assert(n == 2 && host.n == 1 && host.p[0] == 'a');
    else if(code.i == 200) ck_assert(n == 1 && host.p[0] == 'b');
    else if(host.p[0] == 'a') ck_assert_uint_eq(n, 3);
    else ck_assert_uint_eq(n, 1);
    if(code.type == ZL_PART_INT){ ck_assert_int_ge(code.i, last_code); last_code = code.i; }
    else ck_assert_int_eq(last_code, -1);          /* NULL sorts first */
  }
  ck_assert(total == 7 && seen == 4 && last_code == 404);
  zl_tuples_sort(g, 1, (const int[]){1});           /* descending */
  ck_assert(zl_tuples_next(g, &n));
  ZlPart first;
  zl_tuples_part(g, 0, &first);
  ck_assert(first.type == ZL_PART_INT && first.i == 404);
  zl_tuples_free(g);
}
END_TEST

/* 20k random (a, b) pairs: every count equals a brute-force count, and the
** groups of each `a` come out next to each other. */
START_TEST(random_against_brute_force){
  enum { N = 20000, A = 50, B = 40 };
  static unsigned counts[A][B];
  memset(counts, 0, sizeof counts);
  ZlTuples *g = zl_tuples_new(16 << 20);
  char names[B][16];
  for(int b = 0; b < B; b++) snprintf(names[b], sizeof names[b], "host-%d", b * 7919);
  unsigned long long x = 12345;
  for(int i = 0; i < N; i++){
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    int a = (int)(x % A), b = (int)((x >> 20) % B);
    counts[a][b]++;
    ZlPart row[2] = { integer(a * 1000003LL), text(names[b]) };
    ck_assert_int_eq(zl_tuples_add(g, row, 2, NAN), 0);
  }
  zl_tuples_sort(g, 1, NULL);
  int current = -1;
  uint64_t n;
  while(zl_tuples_next(g, &n)){
    ZlPart pa, pb;
    zl_tuples_part(g, 0, &pa);
    zl_tuples_part(g, 1, &pb);
    int a = (int)(pa.i / 1000003LL), b = atoi(pb.p + 5) / 7919;
    ck_assert_uint_eq(n, counts[a][b]);
    counts[a][b] = 0;
    ck_assert_int_ge(a, current);                  /* sorted by the first part */
    current = a;
  }
  for(int a = 0; a < A; a++) for(int b = 0; b < B; b++) ck_assert_uint_eq(counts[a][b], 0);
  zl_tuples_free(g);
}
END_TEST

START_TEST(budget_and_clear){
  ZlTuples *g = zl_tuples_new(64 << 10);
  char s[32];
  int rc = 0, i;
  for(i = 0; i < 100000 && rc == 0; i++){
    snprintf(s, sizeof s, "value-%d", i);
    ZlPart p = text(s);
    rc = zl_tuples_add(g, &p, 1, NAN);
  }
  ck_assert_int_eq(rc, 1);
  ck_assert_uint_lt(zl_tuples_count(g), 5000);
  ZlPart a = text("a");
  zl_tuples_clear(g);
  ck_assert_uint_eq(zl_tuples_count(g), 0);
  ck_assert_int_eq(zl_tuples_add(g, &a, 1, NAN), 0);
  ck_assert_uint_eq(zl_tuples_count(g), 1);
  zl_tuples_free(g);
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("groups");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, counts_and_parts);
  tcase_add_test(tc, random_against_brute_force);
  tcase_add_test(tc, budget_and_clear);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"
