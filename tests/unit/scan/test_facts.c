/* Unit tests for scan/facts.c: which files a ts bound rules out, and only while
** the file is unchanged. */
#include <check.h>
#include <stdio.h>
#include "scan/facts.h"

static ZlFileId id_of(long size, long mtime){
  ZlFileId id = { 1, 42, size, { mtime, 5 }, { mtime, 5 } };
  return id;
}

START_TEST(rules_out_by_range){
  ZlFacts *f = zl_facts_new();
  ZlFileId id = id_of(1000, 77);
  ck_assert_int_eq(zl_facts_rules_out(f, "a.log", &id, 0, 10), 0);     /* unknown: read it */
  zl_facts_learn(f, "a.log", &id, 1, 100.0, 200.0);
  ck_assert_int_eq(zl_facts_rules_out(f, "a.log", &id, 0, 99.5), 1);
  ck_assert_int_eq(zl_facts_rules_out(f, "a.log", &id, 200.5, 300), 1);
  ck_assert_int_eq(zl_facts_rules_out(f, "a.log", &id, 0, 100.0), 0);   /* bounds inclusive */
  ck_assert_int_eq(zl_facts_rules_out(f, "a.log", &id, 200.0, 300), 0);
  ck_assert_int_eq(zl_facts_rules_out(f, "a.log", &id, 150, 150), 0);
  ck_assert_int_eq(zl_facts_rules_out(f, "b.log", &id, 0, 10), 0);
  zl_facts_learn(f, "empty.log", &id, 0, 0, 0);                         /* no row had a ts */
  ck_assert_int_eq(zl_facts_rules_out(f, "empty.log", &id, -1e300, 1e300), 1);
  zl_facts_free(f);
}
END_TEST

START_TEST(changed_files_are_read){
  ZlFacts *f = zl_facts_new();
  ZlFileId id = id_of(1000, 77), grown = id_of(1200, 77), touched = id_of(1000, 78);
  ZlFileId other_inode = id, rewritten = id;
  other_inode.ino = 43;
  rewritten.ctime.tv_nsec++;          /* rewritten in place, size and mtime kept */
  zl_facts_learn(f, "a.log", &id, 1, 100.0, 200.0);
  ck_assert_int_eq(zl_facts_rules_out(f, "a.log", &id, 0, 10), 1);
  ck_assert_int_eq(zl_facts_rules_out(f, "a.log", &rewritten, 0, 10), 0);
  ck_assert_int_eq(zl_facts_rules_out(f, "a.log", &grown, 0, 10), 0);
  ck_assert_int_eq(zl_facts_rules_out(f, "a.log", &touched, 0, 10), 0);
  ck_assert_int_eq(zl_facts_rules_out(f, "a.log", &other_inode, 0, 10), 0);
  zl_facts_learn(f, "a.log", &grown, 1, 100.0, 500.0);                 /* re-learnt */
  ck_assert_int_eq(zl_facts_rules_out(f, "a.log", &grown, 300, 400), 0);
  ck_assert_int_eq(zl_facts_rules_out(f, "a.log", &grown, 600, 700), 1);
  zl_facts_free(f);
}
END_TEST

START_TEST(many_files){
  ZlFacts *f = zl_facts_new();
  char path[64];
  for(int i = 0; i < 5000; i++){
    ZlFileId id = id_of(i, i);
    snprintf(path, sizeof path, "logs/http.%05d.log.gz", i);
    zl_facts_learn(f, path, &id, 1, i * 3600.0, i * 3600.0 + 3599);
  }
  for(int i = 0; i < 5000; i++){
    ZlFileId id = id_of(i, i);
    snprintf(path, sizeof path, "logs/http.%05d.log.gz", i);
    ck_assert_int_eq(zl_facts_rules_out(f, path, &id, 7200.0, 10799.0), i != 2);
  }
  zl_facts_free(f);
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("facts");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, rules_out_by_range);
  tcase_add_test(tc, changed_files_are_read);
  tcase_add_test(tc, many_files);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"
