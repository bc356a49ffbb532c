/* Unit tests for json_line.c: the JSON line scanner (every RFC 8259 rule on
** small hand-written lines, with the reason and the byte it names), the
** members it records (spans, types, duplicates, unknown keys, escaped
** keys), the decoders (strings, numbers, arrays), and a differential test
** against cJSON (today's parser) over every JSON log of the tests and
** randomly mutated copies of their lines: accept/reject must agree except
** where json_line.c documents a difference, and the values must agree.
** Expected values are worked out by hand (UTF-8 bytes from the Unicode
** tables, doubles from their IEEE bits) or come from cJSON and glibc's
** strtod, never from the code under test. */
#include <check.h>
#include <cjson/cJSON.h>
#include <dirent.h>
#include <float.h>
#include <math.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/buf.h"
#include "parser/escapes.h"
#include "parser/json_line.h"

#define S(x) x, strlen(x)

/* ---- helpers ---- */

static const char *const NAMES[] = {"a", "b", "status_code", "id.orig_h", "tags", "n", "x"};
#define NNAMES ((int)(sizeof NAMES / sizeof NAMES[0]))
enum { C_A, C_B, C_STATUS, C_ORIG_H, C_TAGS, C_N, C_X };

typedef struct Fixture { ZlJsonKeys keys; ZlJsonLine row; } Fixture;

static void fixture_init(Fixture *f, const char *const *names, int n){
  ck_assert_int_eq(zl_json_keys_init(&f->keys, names, n), 0);
  ck_assert_int_eq(zl_json_line_init(&f->row, &f->keys), 0);
}

static void fixture_free(Fixture *f){
  zl_json_line_free(&f->row);
  zl_json_keys_free(&f->keys);
}

/* Scans s (its strlen, or n bytes when n > 0) with the test's names. */
static int scan_n(Fixture *f, const char *s, size_t n){
  return zl_json_line_scan(&f->row, &f->keys, s, n ? n : strlen(s));
}

static int accepts(const char *line, size_t n){
  Fixture f;
  fixture_init(&f, NAMES, NNAMES);
  int rc = scan_n(&f, line, n);
  fixture_free(&f);
  return rc == 0;
}

/* The line is rejected for `why`, found at byte `at`. */
static void rejects_at(const char *line, size_t n, const char *why, size_t at){
  Fixture f;
  fixture_init(&f, NAMES, NNAMES);
  int rc = scan_n(&f, line, n);
  ck_assert_msg(rc == -1, "accepted: %s", line);
  ck_assert_msg(strcmp(f.row.error, why) == 0, "%s: '%s', wanted '%s'", line, f.row.error, why);
  ck_assert_msg(f.row.error_at == at, "%s: at %zu, wanted %zu", line, f.row.error_at, at);
  fixture_free(&f);
}

#define ACCEPTS(s) ck_assert_msg(accepts(s, strlen(s)), "rejected: %s", s)
#define REJECTS(s, why, at) rejects_at(s, strlen(s), why, at)

/* A cell's text as a NUL-terminated copy (static buffer). */
static const char *cell_text(const ZlJsonValue *v){
  static char buf[256];
  snprintf(buf, sizeof buf, "%.*s", (int)v->text.n, v->text.p);
  return buf;
}

/* ---- the grammar ---- */

START_TEST(objects){
  ACCEPTS("{}");
  ACCEPTS(" \t{ }\r");
  ACCEPTS("{}\r");
  ACCEPTS("{} \r\n");
  ACCEPTS("\xEF\xBB\xBF{\"a\":1}");                /* a byte order mark, RFC 8259 8.1 */
  ACCEPTS("{ \"a\" :\t1 ,\n\"b\"\r: [ 1 , 2 ] }");
  REJECTS("", "not a JSON object", 0);
  REJECTS("   ", "not a JSON object", 3);
  REJECTS("[1]", "not a JSON object", 0);
  REJECTS("\"a\"", "not a JSON object", 0);
  REJECTS("{", "expected a key", 1);
  REJECTS("{\"a\":1", "expected ',' or '}'", 6);
  REJECTS("{\"a\":1}}", "text after the object", 7);
  REJECTS("{\"a\":1} x", "text after the object", 8);
  REJECTS("{}{}", "text after the object", 2);
  REJECTS("{\"a\" 1}", "expected ':'", 5);
  REJECTS("{\"a\":}", "expected a value", 5);
  REJECTS("{\"a\":", "expected a value", 5);
  REJECTS("{,}", "expected a key", 1);
  REJECTS("{\"a\":1,}", "expected a key", 7);      /* a trailing comma */
  REJECTS("{\"a\":1,,\"b\":2}", "expected a key", 7);
  REJECTS("{a:1}", "expected a key", 1);
  REJECTS("{'a':1}", "expected a key", 1);
  REJECTS("{\"a\":1 \"b\":2}", "expected ',' or '}'", 7);
  REJECTS("\xEF\xBB{}", "not a JSON object", 0);   /* half a byte order mark */
  /* whitespace is space, tab, CR and LF only (cJSON skips every byte <= ' ') */
  REJECTS("{\x0b\"a\":1}", "expected a key", 1);
  REJECTS("{\"a\":1\x0c}", "expected ',' or '}'", 6);
  rejects_at("{\"a\":1}\0", 8, "text after the object", 7);
  rejects_at("{\"a\":\0 1}", 9, "expected a value", 5);
}
END_TEST

START_TEST(strings){
  ACCEPTS("{\"a\":\"\"}");
  ACCEPTS("{\"a\":\"\\\" \\\\ \\/ \\b \\f \\n \\r \\t \\u0041 \\u00e9 \\uFFFF\"}");
  ACCEPTS("{\"a\":\"\\ud83d\\ude00\"}");         /* a surrogate pair */
  ACCEPTS("{\"a\":\"\\u0000\"}");
  ACCEPTS("{\"a\":\"caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x98\x80\"}");
  /* invalid UTF-8 is accepted as bytes (json_line.h says why) */
  ACCEPTS("{\"a\":\"\xff\xfe \xc0\xae \x80 \xe2\x82 \xed\xa0\x80\"}");
  ACCEPTS("{\"\xff\":\"x\"}");
  ACCEPTS("{\"a\":\"\x7f\"}");                     /* DEL is not a control character */
  REJECTS("{\"a\":\"x}", "unterminated string", 5);
  REJECTS("{\"a", "unterminated string", 1);
  REJECTS("{\"a\":\"x\\\"}", "unterminated string", 5);
  REJECTS("{\"a\":\"x\\", "unterminated string", 7);
  REJECTS("{\"a\":\"x\ty\"}", "control character in string", 7);
  REJECTS("{\"a\":\"\x1f\"}", "control character in string", 6);
  REJECTS("{\"a\x0a\":1}", "control character in string", 3);
  rejects_at("{\"a\":\"x\0y\"}", 11, "control character in string", 7);
  REJECTS("{\"a\":\"\\x41\"}", "bad escape", 6);
  REJECTS("{\"a\":\"\\U0041\"}", "bad escape", 6);
  REJECTS("{\"a\":\"\\'\"}", "bad escape", 6);
  REJECTS("{\"a\":\"\\u12\"}", "bad \\u escape", 6);
  REJECTS("{\"a\":\"\\u12G4\"}", "bad \\u escape", 6);
  REJECTS("{\"a\":\"\\u00zz\"}", "bad \\u escape", 6);   /* cJSON reads it as U+0000 */
  REJECTS("{\"a\":\"\\ud800\"}", "lone surrogate", 6);
  REJECTS("{\"a\":\"\\ud800x\"}", "lone surrogate", 6);
  REJECTS("{\"a\":\"\\ud800\\u0041\"}", "lone surrogate", 6);
  REJECTS("{\"a\":\"\\ud800\\ud800\"}", "lone surrogate", 6);
  REJECTS("{\"a\":\"\\udc00\"}", "lone surrogate", 6);
  REJECTS("{\"a\":\"\\udfff\\ud800\"}", "lone surrogate", 6);
  REJECTS("{\"a\":\"x\\ud83d\\ude00\\udc00\"}", "lone surrogate", 19);
}
END_TEST

START_TEST(numbers){
  const char *good[] = {"0", "-0", "1", "-1", "10", "1.5", "-0.25", "0.0", "1e5", "1E+5", "1e-5",
                        "-1.5E-3", "0e0", "123456789012345678901234567890", "1e999", "1e-999",
                        "1582646597.838527", "18446744073709551616"};
  for(size_t i = 0; i < sizeof good / sizeof good[0]; i++){
    char line[128];
    snprintf(line, sizeof line, "{\"n\":%s}", good[i]);
    ACCEPTS(line);
    snprintf(line, sizeof line, "{\"n\":[%s,%s]}", good[i], good[i]);
    ACCEPTS(line);
  }
  REJECTS("{\"n\":01}", "leading zero", 5);
  REJECTS("{\"n\":-01}", "leading zero", 6);
  REJECTS("{\"n\":00}", "leading zero", 5);
  REJECTS("{\"n\":[1,02]}", "leading zero", 8);
  REJECTS("{\"n\":1.}", "digit expected", 7);
  REJECTS("{\"n\":1.e5}", "digit expected", 7);
  REJECTS("{\"n\":.5}", "expected a value", 5);
  REJECTS("{\"n\":-.5}", "digit expected", 6);                /* cJSON takes it */
  REJECTS("{\"n\":+1}", "expected a value", 5);
  REJECTS("{\"n\":-}", "digit expected", 6);
  REJECTS("{\"n\":-a}", "digit expected", 6);
  REJECTS("{\"n\":1e}", "digit expected", 7);
  REJECTS("{\"n\":1e+}", "digit expected", 8);
  REJECTS("{\"n\":0x1}", "expected ',' or '}'", 6);
  REJECTS("{\"n\":1.5.2}", "expected ',' or '}'", 8);
  REJECTS("{\"n\":--1}", "digit expected", 6);
  REJECTS("{\"n\":1-2}", "expected ',' or '}'", 6);
  REJECTS("{\"n\":NaN}", "expected a value", 5);
  REJECTS("{\"n\":Infinity}", "expected a value", 5);
  REJECTS("{\"n\":-Infinity}", "digit expected", 6);
  REJECTS("{\"n\":inf}", "expected a value", 5);
  REJECTS("{\"n\":1", "expected ',' or '}'", 6);
}
END_TEST

START_TEST(literals_and_arrays){
  ACCEPTS("{\"a\":true,\"b\":false,\"n\":null}");
  ACCEPTS("{\"a\":[],\"b\":[ ],\"n\":[1,\"x\",true,false,null,[],{}]}");
  ACCEPTS("{\"a\":[[1],[2,[3]]],\"b\":[{\"a\":1,\"b\":[{}]}]}");
  ACCEPTS("{\"a\":{},\"b\":{\"c\":{\"d\":[1,{\"e\":null}]}}}");
  REJECTS("{\"a\":tru}", "expected a value", 5);
  REJECTS("{\"a\":nul}", "expected a value", 5);
  REJECTS("{\"a\":True}", "expected a value", 5);
  REJECTS("{\"a\":truex}", "expected ',' or '}'", 9);
  REJECTS("{\"a\":nulll}", "expected ',' or '}'", 9);
  REJECTS("{\"a\":[1,]}", "expected a value", 8);
  REJECTS("{\"a\":[,1]}", "expected a value", 6);
  REJECTS("{\"a\":[1 2]}", "expected ',' or ']'", 8);
  REJECTS("{\"a\":[\"x\" \"y\"]}", "expected ',' or ']'", 10);
  REJECTS("{\"a\":[1}", "expected ',' or ']'", 7);
  REJECTS("{\"a\":[", "expected a value", 6);
  REJECTS("{\"a\":{\"b\":1]}", "expected ',' or '}'", 11);
  REJECTS("{\"a\":{\"b\"}}", "expected ':'", 9);
  REJECTS("{\"a\":{1:2}}", "expected a key", 6);
  REJECTS("{\"a\":{\"b\":1,}}", "expected a key", 12);
  REJECTS("{\"a\":[\"x\\q\"]}", "bad escape", 8);
  REJECTS("{\"a\":[\"x]}", "unterminated string", 6);
}
END_TEST

/* Nesting: the line's object and up to 999 levels inside it, as cJSON. */
START_TEST(depth){
  static char line[8192];
  for(int inner = 998; inner <= 1001; inner++){
    size_t k = (size_t)snprintf(line, sizeof line, "{\"a\":");
    for(int i = 0; i < inner; i++) line[k++] = '[';
    for(int i = 0; i < inner; i++) line[k++] = ']';
    line[k++] = '}';
    line[k] = 0;
    if(inner <= 999) ck_assert_msg(accepts(line, k), "depth %d", inner);
    else rejects_at(line, k, "nested too deeply", 5 + ZL_JSON_MAX_DEPTH - 1);
  }
  /* objects count as levels too */
  for(int inner = 999; inner <= 1000; inner++){
    size_t k = (size_t)snprintf(line, sizeof line, "{\"a\":");
    for(int i = 0; i < inner; i++) k += (size_t)snprintf(line + k, sizeof line - k, "{\"k\":");
    k += (size_t)snprintf(line + k, sizeof line - k, "1");
    for(int i = 0; i < inner; i++) line[k++] = '}';
    line[k++] = '}';
    ck_assert(k < sizeof line);
    ck_assert_int_eq(accepts(line, k), inner == 999);
  }
}
END_TEST

/* ---- what a scan records ---- */

START_TEST(members_recorded){
  Fixture f;
  fixture_init(&f, NAMES, NNAMES);
  const char *line = "{\"a\":\"x\\ny\",\"b\":-1.5e3,\"status_code\":404,\"tags\":[ \"A\" , \"B\" ],"
                     "\"n\":{\"k\":[1]},\"x\":true,\"id.orig_h\":\"10.0.0.1\",\"other\":null,\"more\":1}";
  ck_assert_int_eq(scan_n(&f, line, 0), 0);
  const ZlJsonValue *c = f.row.cells;
  ck_assert_int_eq(c[C_A].type, ZL_JSON_STRING);
  ck_assert_str_eq(cell_text(&c[C_A]), "x\\ny");
  ck_assert_int_eq(c[C_A].flags, ZL_JSON_ESCAPED);
  ck_assert_int_eq(c[C_B].type, ZL_JSON_NUMBER);
  ck_assert_str_eq(cell_text(&c[C_B]), "-1.5e3");
  ck_assert_int_eq(c[C_B].flags, ZL_JSON_FRACTION);
  ck_assert_str_eq(cell_text(&c[C_STATUS]), "404");
  ck_assert_int_eq(c[C_STATUS].flags, 0);
  ck_assert_int_eq(c[C_TAGS].type, ZL_JSON_ARRAY);
  ck_assert_str_eq(cell_text(&c[C_TAGS]), "[ \"A\" , \"B\" ]");
  ck_assert_int_eq(c[C_N].type, ZL_JSON_OBJECT);
  ck_assert_str_eq(cell_text(&c[C_N]), "{\"k\":[1]}");
  ck_assert_int_eq(c[C_X].type, ZL_JSON_TRUE);
  ck_assert_str_eq(cell_text(&c[C_X]), "true");
  ck_assert_str_eq(cell_text(&c[C_ORIG_H]), "10.0.0.1");
  ck_assert_int_eq(c[C_ORIG_H].flags, 0);
  ck_assert(c[C_ORIG_H].text.p == line + strlen("{\"a\":\"x\\ny\",\"b\":-1.5e3,\"status_code\":404,"
            "\"tags\":[ \"A\" , \"B\" ],\"n\":{\"k\":[1]},\"x\":true,\"id.orig_h\":\""));   /* in place */
  ck_assert_int_eq(f.row.members, 9);
  ck_assert_int_eq(f.row.unknown_keys, 2);
  /* the next line: what it lacks is absent again */
  ck_assert_int_eq(scan_n(&f, "{\"x\":false,\"q\":1}", 0), 0);
  ck_assert_int_eq(c[C_X].type, ZL_JSON_FALSE);
  for(int i = 0; i < NNAMES; i++) if(i != C_X) ck_assert_int_eq(c[i].type, ZL_JSON_ABSENT);
  ck_assert_int_eq(f.row.members, 2);
  ck_assert_int_eq(f.row.unknown_keys, 1);
  ck_assert_int_eq(scan_n(&f, "{}", 0), 0);
  for(int i = 0; i < NNAMES; i++) ck_assert_int_eq(c[i].type, ZL_JSON_ABSENT);
  ck_assert_int_eq(f.row.members, 0);
  /* a bad line reports, and the next good one is whole */
  ck_assert_int_eq(scan_n(&f, "{\"a\":1,\"b\":", 0), -1);
  ck_assert_int_eq(scan_n(&f, "{\"b\":2}", 0), 0);
  ck_assert_int_eq(c[C_A].type, ZL_JSON_ABSENT);
  ck_assert_str_eq(cell_text(&c[C_B]), "2");
  fixture_free(&f);
}
END_TEST

/* Duplicate keys: the last non-null value wins; null only when all are. */
START_TEST(duplicates){
  Fixture f;
  fixture_init(&f, NAMES, NNAMES);
  const ZlJsonValue *a = &f.row.cells[C_A];
  ck_assert_int_eq(scan_n(&f, "{\"a\":1,\"a\":2}", 0), 0);
  ck_assert_str_eq(cell_text(a), "2");
  ck_assert_int_eq(scan_n(&f, "{\"a\":1,\"a\":null}", 0), 0);
  ck_assert_str_eq(cell_text(a), "1");
  ck_assert_int_eq(scan_n(&f, "{\"a\":null,\"a\":\"s\",\"a\":null}", 0), 0);
  ck_assert_int_eq(a->type, ZL_JSON_STRING);
  ck_assert_int_eq(scan_n(&f, "{\"a\":null,\"a\":null}", 0), 0);
  ck_assert_int_eq(a->type, ZL_JSON_NULL);
  ck_assert_int_eq(scan_n(&f, "{\"a\":1,\"\\u0061\":3}", 0), 0);   /* the same key, escaped */
  ck_assert_str_eq(cell_text(a), "3");
  ck_assert_int_eq(f.row.members, 2);
  ck_assert_int_eq(f.row.nset, 1);
  fixture_free(&f);
}
END_TEST

START_TEST(escaped_keys){
  Fixture f;
  fixture_init(&f, NAMES, NNAMES);
  ck_assert_int_eq(scan_n(&f, "{\"st\\u0061tus_code\":1,\"id\\u002eorig\\u005fh\":\"h\",\"\\/x\":2}", 0), 0);
  ck_assert_str_eq(cell_text(&f.row.cells[C_STATUS]), "1");
  ck_assert_str_eq(cell_text(&f.row.cells[C_ORIG_H]), "h");
  ck_assert_int_eq(f.row.unknown_keys, 1);                      /* "/x" is not "x" */
  /* a NUL inside a key is part of it (cJSON would cut the key there) */
  ck_assert_int_eq(scan_n(&f, "{\"a\\u0000\":1}", 0), 0);
  ck_assert_int_eq(f.row.cells[C_A].type, ZL_JSON_ABSENT);
  ck_assert_int_eq(f.row.unknown_keys, 1);
  /* longer than every name once decoded, or before: not a column */
  ck_assert_int_eq(scan_n(&f, "{\"status_code\\u0041\":1,\"\\u0061\\u0061\\u0061\\u0061"
                             "\\u0061\\u0061\\u0061\\u0061\\u0061\\u0061\\u0061\\u0061\":2}", 0), 0);
  ck_assert_int_eq(f.row.unknown_keys, 2);
  fixture_free(&f);
}
END_TEST

START_TEST(key_index){
  const char *names[] = {"ts", "uid", "ts", "", "a.b.c.d.e.f.g.h.i.j.k.l.m.n", "x\xff"};
  ZlJsonKeys keys;
  ck_assert_int_eq(zl_json_keys_init(&keys, names, 6), 0);
  ck_assert_int_eq(zl_json_keys_find(&keys, S("ts")), 0);        /* of equal names, the first */
  ck_assert_int_eq(zl_json_keys_find(&keys, S("uid")), 1);
  ck_assert_int_eq(zl_json_keys_find(&keys, S("")), 3);
  ck_assert_int_eq(zl_json_keys_find(&keys, S("a.b.c.d.e.f.g.h.i.j.k.l.m.n")), 4);
  ck_assert_int_eq(zl_json_keys_find(&keys, S("a.b.c.d.e.f.g.h.i.j.k.l.m.N")), -1);
  ck_assert_int_eq(zl_json_keys_find(&keys, S("a.b.c.d.e.f.g.X.i.j.k.l.m.n")), -1);
  ck_assert_int_eq(zl_json_keys_find(&keys, S("x\xff")), 5);
  ck_assert_int_eq(zl_json_keys_find(&keys, S("t")), -1);
  ck_assert_int_eq(zl_json_keys_find(&keys, S("tss")), -1);
  ZlJsonLine row;
  ck_assert_int_eq(zl_json_line_init(&row, &keys), 0);
  ck_assert_int_eq(zl_json_line_scan(&row, &keys, S("{\"ts\":1,\"\":2}")), 0);
  ck_assert_str_eq(cell_text(&row.cells[0]), "1");
  ck_assert_int_eq(row.cells[2].type, ZL_JSON_ABSENT);          /* the second "ts" never fills */
  ck_assert_str_eq(cell_text(&row.cells[3]), "2");
  zl_json_line_free(&row);
  zl_json_keys_free(&keys);
  /* no names at all: every key is unknown */
  ck_assert_int_eq(zl_json_keys_init(&keys, NULL, 0), 0);
  ck_assert_int_eq(zl_json_line_init(&row, &keys), 0);
  ck_assert_int_eq(zl_json_line_scan(&row, &keys, S("{\"a\":1,\"b\":[2]}")), 0);
  ck_assert_int_eq(row.unknown_keys, 2);
  zl_json_line_free(&row);
  zl_json_keys_free(&keys);
}
END_TEST

/* 3000 names (wide logs exist): every one found, in order and shuffled. */
START_TEST(many_keys){
  enum { N = 3000 };
  static char storage[N][16];
  static const char *names[N];
  for(int i = 0; i < N; i++){ snprintf(storage[i], sizeof storage[i], "field_%d", i); names[i] = storage[i]; }
  Fixture f;
  fixture_init(&f, names, N);
  ZlBuf line = {0};
  for(int pass = 0; pass < 2; pass++){
    line.n = 0;
    zl_buf_append(&line, "{", 1);
    for(int k = 0; k < N; k++){
      int i = pass ? (k * 7919) % N : k;
      char member[48];
      int m = snprintf(member, sizeof member, "%s\"field_%d\":%d", k ? "," : "", i, i);
      zl_buf_append(&line, member, (size_t)m);
    }
    zl_buf_append(&line, ",\"field_x\":0}", 13);
    ck_assert_int_eq(zl_json_line_scan(&f.row, &f.keys, line.p, line.n), 0);
    for(int i = 0; i < N; i++){
      char want[16];
      snprintf(want, sizeof want, "%d", i);
      ck_assert_str_eq(cell_text(&f.row.cells[i]), want);
    }
    ck_assert_int_eq(f.row.unknown_keys, 1);
  }
  zl_buf_free(&line);
  fixture_free(&f);
}
END_TEST

/* Every way through the scanner gives the same answer: a line in a buffer
** with more after it (read ahead, never used), alone, with escapes (no
** quote bitmap), and longer than the bitmap holds. */
static void same_as_alone(const char *line, size_t n){
  Fixture alone, ahead;
  fixture_init(&alone, NAMES, NNAMES);
  fixture_init(&ahead, NAMES, NNAMES);
  char *buf = malloc(n + 200);
  memcpy(buf, line, n);
  for(size_t i = n; i < n + 200; i++) buf[i] = "\"\\\x01]}0123456789,:"[i % 17];
  int rc1 = zl_json_line_scan(&alone.row, &alone.keys, line, n);
  int rc2 = zl_json_line_scan_ahead(&ahead.row, &ahead.keys, buf, n, n + 200);
  ck_assert_int_eq(rc1, rc2);
  if(rc1 == 0){
    for(int i = 0; i < NNAMES; i++){
      const ZlJsonValue *x = &alone.row.cells[i], *y = &ahead.row.cells[i];
      ck_assert_int_eq(x->type, y->type);
      if(!x->type) continue;                    /* an absent cell's text is left over */
      ck_assert_int_eq(x->flags, y->flags);
      ck_assert_int_eq(x->text.n, y->text.n);
      ck_assert(x->text.p - line == y->text.p - buf);
    }
    ck_assert_int_eq(alone.row.unknown_keys, ahead.row.unknown_keys);
  }else{
    ck_assert_str_eq(alone.row.error, ahead.row.error);
    ck_assert_int_eq(alone.row.error_at, ahead.row.error_at);
  }
  free(buf);
  fixture_free(&alone);
  fixture_free(&ahead);
}

START_TEST(read_ahead_and_long_lines){
  const char *lines[] = {
    "{\"a\":\"x\",\"b\":12345678901234567890.5,\"n\":[\"p\",\"q\"],\"x\":1}",
    "{\"a\":\"x\",\"b\":1",           /* cut inside a number */
    "{\"a\":\"x",                     /* inside a string */
    "{\"a\":12",
    "{\"a\":\"\\n\",\"b\":[1,2,\"\\u0041\"],\"x\":\"t\"}",
    "{\"a\":\"1234567890123456789012345678901234567890\",\"b\":-0.000001}",
    "{\"b\":[1582646597.838527,1582646597.838528],\"a\":\"x\"}  ",
  };
  for(size_t i = 0; i < sizeof lines / sizeof lines[0]; i++){
    same_as_alone(lines[i], strlen(lines[i]));
    for(size_t cut = 1; cut < strlen(lines[i]); cut++) same_as_alone(lines[i], cut);
  }
  /* 20 KiB lines: past the quote bitmap, read the slow way */
  ZlBuf big = {0};
  zl_buf_append(&big, S("{\"a\":\""));
  for(int i = 0; i < 20000; i++) zl_buf_append(&big, "x", 1);
  zl_buf_append(&big, S("\",\"b\":[\"y\",2],\"x\":\"z\"}"));
  same_as_alone(big.p, big.n);
  Fixture f;
  fixture_init(&f, NAMES, NNAMES);
  ck_assert_int_eq(zl_json_line_scan(&f.row, &f.keys, big.p, big.n), 0);
  ck_assert_int_eq(f.row.cells[C_A].text.n, 20000);
  ck_assert_str_eq(cell_text(&f.row.cells[C_X]), "z");
  big.p[3000] = '\t';
  ck_assert_int_eq(zl_json_line_scan(&f.row, &f.keys, big.p, big.n), -1);
  ck_assert_int_eq(f.row.error_at, 3000);
  fixture_free(&f);
  zl_buf_free(&big);
}
END_TEST

/* ---- enumerating a line ---- */

typedef struct Seen { char text[512]; int calls, stop_at; } Seen;

static int note_member(void *ctx, const char *key, size_t key_len, const ZlJsonValue *v){
  Seen *seen = ctx;
  size_t n = strlen(seen->text);
  snprintf(seen->text + n, sizeof seen->text - n, "%.*s=%d:%.*s;", (int)key_len, key, v->type,
           (int)v->text.n, v->text.p);
  return ++seen->calls == seen->stop_at ? 7 : 0;
}

START_TEST(enumerate){
  ZlBuf scratch = {0};
  Seen seen = {"", 0, 0};
  const char *error = NULL;
  size_t at = 0;
  const char *line = "{\"a\":1,\"k\\u00e9y\":\"v\",\"a\":[true],\"\":null}";
  ck_assert_int_eq(zl_json_line_members(S(line), note_member, &seen, &scratch, &error, &at), 0);
  ck_assert_str_eq(seen.text, "a=4:1;k\xc3\xa9y=5:v;a=6:[true];=1:null;");
  /* a bad line: no call at all */
  memset(&seen, 0, sizeof seen);
  ck_assert_int_eq(zl_json_line_members(S("{\"a\":1,\"b\":2,}"), note_member, &seen, &scratch,
                                        &error, &at), -1);
  ck_assert_int_eq(seen.calls, 0);
  ck_assert_str_eq(error, "expected a key");
  ck_assert_int_eq(at, 13);
  ck_assert_int_eq(zl_json_line_members(S("{\"a\":\"\\q\"}"), note_member, &seen, &scratch,
                                        NULL, NULL), -1);
  ck_assert_int_eq(seen.calls, 0);
  /* the callback stops it */
  memset(&seen, 0, sizeof seen);
  seen.stop_at = 2;
  ck_assert_int_eq(zl_json_line_members(S(line), note_member, &seen, &scratch, NULL, NULL), 7);
  ck_assert_int_eq(seen.calls, 2);
  zl_buf_free(&scratch);
}
END_TEST

/* ---- decoding ---- */

/* A string span decoded: its bytes and length (static buffer). */
static const char *unescaped(const char *s, size_t *n){
  static char out[256];
  ck_assert_int_eq(zl_json_unescape(s, strlen(s), out, n), 0);
  return out;
}

START_TEST(unescape){
  size_t n;
  const char *d = unescaped("a\\\"b\\\\c\\/d\\be\\ff\\ng\\rh\\ti", &n);
  ck_assert_int_eq(n, 17);
  ck_assert(memcmp(d, "a\"b\\c/d\be\ff\ng\rh\ti", 17) == 0);
  d = unescaped("\\u0041\\u00e9\\u20ac\\uFFFF", &n);           /* 1, 2, 3, 3 bytes */
  ck_assert_int_eq(n, 9);
  ck_assert(memcmp(d, "A\xc3\xa9\xe2\x82\xac\xef\xbf\xbf", 9) == 0);
  d = unescaped("\\ud83d\\ude00", &n);                             /* U+1F600 */
  ck_assert_int_eq(n, 4);
  ck_assert(memcmp(d, "\xf0\x9f\x98\x80", 4) == 0);
  d = unescaped("\\uD800\\uDC00|\\udbff\\udfff", &n);              /* U+10000, U+10FFFF */
  ck_assert_int_eq(n, 9);
  ck_assert(memcmp(d, "\xf0\x90\x80\x80|\xf4\x8f\xbf\xbf", 9) == 0);
  d = unescaped("x\\u0000y", &n);                                  /* the NUL is kept */
  ck_assert_int_eq(n, 3);
  ck_assert(memcmp(d, "x\0y", 3) == 0);
  d = unescaped("plain \xff bytes", &n);
  ck_assert_int_eq(n, 13);
  d = unescaped("", &n);
  ck_assert_int_eq(n, 0);
  char out[32];
  const char *bad[] = {"\\", "\\x", "\\u12", "\\u12g4", "\\ud800", "\\udc00", "\\ud800\\u0041", "a\\"};
  for(size_t i = 0; i < sizeof bad / sizeof bad[0]; i++){
    ck_assert_msg(zl_json_unescape(bad[i], strlen(bad[i]), out, &n) == -1, "%s", bad[i]);
  }
}
END_TEST

/* The 309-digit full form of DBL_MAX, as Zeek writes 1.79e308. */
static const char DBL_MAX_DIGITS[] =
  "17976931348623157081452742373170435679807056752584499659891747680315726078002853876058955"
  "86327668781715404589535143824642343213268894641827684675467035375169860499105765512820762"
  "45490090389328944075868508455133942304583236903222948165808559332123348274797826204144723"
  "168738177180919299881250404026184124858368";

static double to_double(const char *s){
  double d = 12345;
  ck_assert_msg(zl_json_number_double(s, strlen(s), &d) == 0, "%s", s);
  return d;
}

START_TEST(number_values){
  ck_assert_int_eq(strlen(DBL_MAX_DIGITS), 309);
  double d = to_double("-0");
  ck_assert(d == 0 && signbit(d));
  ck_assert(to_double("0") == 0 && !signbit(to_double("0")));
  ck_assert(to_double("1e308") == 1e308);
  ck_assert(to_double("1.7976931348623157e308") == DBL_MAX);
  ck_assert(to_double(DBL_MAX_DIGITS) == DBL_MAX);
  char buf[400];
  snprintf(buf, sizeof buf, "%s.0", DBL_MAX_DIGITS);
  ck_assert(to_double(buf) == DBL_MAX);
  snprintf(buf, sizeof buf, "-%s.000000", DBL_MAX_DIGITS);
  ck_assert(to_double(buf) == -DBL_MAX);
  ck_assert(to_double("5e-324") == 0x1p-1074);                  /* the least subnormal */
  ck_assert(to_double("2.2250738585072011e-308") == 0x0.fffffffffffffp-1022);
  ck_assert(to_double("1e-999") == 0);
  ck_assert(to_double("1582646597.838527") == 1582646597.838527);
  ck_assert(to_double("0.1") == 0.1);
  ck_assert(to_double("123456789012345678901234567890") == 123456789012345678901234567890.0);
  ck_assert(zl_json_number_double(S("1e999"), &d) == -1 && d == INFINITY);
  ck_assert(zl_json_number_double(S("-1e999"), &d) == -1 && d == -INFINITY);
  snprintf(buf, sizeof buf, "%s0", DBL_MAX_DIGITS);            /* ten times DBL_MAX */
  ck_assert(zl_json_number_double(S(buf), &d) == -1 && d == INFINITY);
  const char *bad[] = {"", "+1", "01", "1.", ".5", " 1", "1 ", "0x10", "nan", "inf", "1e", "--1", "1.5.2"};
  for(size_t i = 0; i < sizeof bad / sizeof bad[0]; i++){
    ck_assert_msg(zl_json_number_double(bad[i], strlen(bad[i]), &d) == -1, "%s", bad[i]);
  }
  ZlValue v;
  ck_assert_int_eq(zl_json_number_value(S("404"), &v), 0);
  ck_assert(v.state == ZL_V_INT && v.i == 404);
  ck_assert_int_eq(zl_json_number_value(S("-0"), &v), 0);
  ck_assert(v.state == ZL_V_INT && v.i == 0);
  ck_assert_int_eq(zl_json_number_value(S("9223372036854775807"), &v), 0);
  ck_assert(v.state == ZL_V_INT && v.i == INT64_MAX);
  ck_assert_int_eq(zl_json_number_value(S("-9223372036854775808"), &v), 0);
  ck_assert(v.state == ZL_V_INT && v.i == INT64_MIN);
  ck_assert_int_eq(zl_json_number_value(S("18446744073709551615"), &v), 0);   /* a count past int64 */
  ck_assert(v.state == ZL_V_REAL && v.d == 18446744073709551615.0);
  ck_assert_int_eq(zl_json_number_value(S("-9223372036854775809"), &v), 0);
  ck_assert(v.state == ZL_V_REAL && v.d == -9223372036854775809.0);
  ck_assert_int_eq(zl_json_number_value(S("60.0"), &v), 0);                   /* a double in Zeek's JSON */
  ck_assert(v.state == ZL_V_REAL && v.d == 60.0);
  ck_assert_int_eq(zl_json_number_value(S("1e2"), &v), 0);
  ck_assert(v.state == ZL_V_REAL && v.d == 100.0);
  ck_assert_int_eq(zl_json_number_value(S(DBL_MAX_DIGITS), &v), 0);
  ck_assert(v.state == ZL_V_REAL && v.d == DBL_MAX);
  ck_assert_int_eq(zl_json_number_value(S("1e999"), &v), -1);
  ck_assert_int_eq(zl_json_number_value(S("01"), &v), -1);
}
END_TEST

/* Numbers past the 800 digits given to strtod still round as the whole
** number does: 1 + 2^-53 is halfway between 1 and the next double (ties go
** to the even, 1); anything above it, however far down, goes up. */
START_TEST(long_numbers){
  const char *half = "1.00000000000000011102230246251565404236316680908203125";
  ck_assert(to_double(half) == 1.0);
  ZlBuf b = {0};
  zl_buf_append(&b, half, strlen(half));
  for(int i = 0; i < 2000; i++) zl_buf_append(&b, "0", 1);
  zl_buf_append(&b, "", 1);
  ck_assert(to_double(b.p) == 1.0);                             /* still exactly halfway */
  b.n--;
  zl_buf_append(&b, "1", 2);
  ck_assert(to_double(b.p) == 1.0 + 0x1p-52);                   /* just above it */
  /* thousands of digits before the point, and leading zeros after it */
  b.n = 0;
  zl_buf_append(&b, "1", 1);
  for(int i = 0; i < 300; i++) zl_buf_append(&b, "0", 1);
  zl_buf_append(&b, ".5e-10", 7);
  ck_assert(to_double(b.p) == 1e290);
  b.n = 0;
  zl_buf_append(&b, "0.", 2);
  for(int i = 0; i < 1000; i++) zl_buf_append(&b, "0", 1);
  zl_buf_append(&b, "123e1010", 9);
  ck_assert(to_double(b.p) == 1.23e9);
  b.n = 0;
  zl_buf_append(&b, "-0.", 3);
  for(int i = 0; i < 1000; i++) zl_buf_append(&b, "0", 1);
  zl_buf_append(&b, "", 1);
  double d = to_double(b.p);
  ck_assert(d == 0 && signbit(d));
  ck_assert(to_double("1e-99999999999999999999") == 0);
  ck_assert(zl_json_number_double(S("1e99999999999999999999"), &d) == -1 && d == INFINITY);
  zl_buf_free(&b);
  /* glibc's strtod as the second method, on random numbers of every shape */
  unsigned long long x = 88172645463325252ull;
  for(int i = 0; i < 20000; i++){
    char text[128];
    size_t k = 0;
    x ^= x << 13; x ^= x >> 7; x ^= x << 17;
    if(x & 1) text[k++] = '-';
    int whole = (int)(x >> 3 & 31) + 1, frac = (int)(x >> 8 & 31), exp = (int)(x >> 13 & 1023) - 512;
    for(int j = 0; j < whole; j++){
      x ^= x << 13; x ^= x >> 7; x ^= x << 17;
      text[k++] = (char)('0' + (j == 0 && whole > 1 ? 1 + x % 9 : x % 10));
    }
    if(frac){
      text[k++] = '.';
      for(int j = 0; j < frac; j++){ x ^= x << 13; x ^= x >> 7; x ^= x << 17; text[k++] = (char)('0' + x % 10); }
    }
    if(x >> 20 & 1) k += (size_t)snprintf(text + k, sizeof text - k, "e%d", exp);
    text[k] = 0;
    double want = strtod(text, NULL), got;
    int rc = zl_json_number_double(text, k, &got);
    ck_assert_msg(rc == (isfinite(want) ? 0 : -1), "%s", text);
    ck_assert_msg(got == want && signbit(got) == signbit(want), "%s: %.17g, strtod %.17g", text, got, want);
  }
}
END_TEST

/* An array's text made compact (static buffer, NULL when refused). */
static const char *compact(const char *s){
  static ZlBuf b;
  b.n = 0;
  zl_buf_append(&b, "prefix|", 7);                /* appended, not overwritten */
  if(zl_json_compact(&b, s, strlen(s))){ ck_assert_int_eq(b.n, 7); return NULL; }
  zl_buf_append(&b, "", 1);
  ck_assert(memcmp(b.p, "prefix|", 7) == 0);
  return b.p + 7;
}

START_TEST(compact_arrays){
  ck_assert_str_eq(compact(" [ 1582646597.838527 , 1582646597.838528 ] "),
                   "[1582646597.838527,1582646597.838528]");
  ck_assert_str_eq(compact("[60.0,1E+2,-0,0.50,1e999]"), "[60.0,1E+2,-0,0.50,1e999]");   /* as written */
  ck_assert_str_eq(compact("[\"a\",\"b c\"]"), "[\"a\",\"b c\"]");
  ck_assert_str_eq(compact("[]"), "[]");
  ck_assert_str_eq(compact("[ null , true,false ]"), "[null,true,false]");
  /* strings re-quoted as json_quote() writes them: short escapes where JSON
  ** has them, \u00XX for other controls, '/' and non-ASCII as themselves */
  ck_assert_str_eq(compact("[\"a\\/b\",\"\\u0041\\u00e9\",\"t\\u0009\\n\\u000d\",\"\\u0001\\u001f\"]"),
                   "[\"a/b\",\"A\xc3\xa9\",\"t\\t\\n\\r\",\"\\u0001\\u001f\"]");
  ck_assert_str_eq(compact("[\"q\\\"\\u0022\",\"b\\\\\\u005c\",\"\\b\\f\\u0008\"]"),
                   "[\"q\\\"\\\"\",\"b\\\\\\\\\",\"\\b\\f\\b\"]");
  ck_assert_str_eq(compact("[\"x\\u0000y\"]"), "[\"x\\u0000y\"]");
  ck_assert_str_eq(compact("[\"\\ud83d\\ude00\",\"\xff\"]"), "[\"\xf0\x9f\x98\x80\",\"\xff\"]");
  ck_assert_str_eq(compact("[[1, 2], {\"k\\u0041\" : [ ] }, [[]]]"), "[[1,2],{\"kA\":[]},[[]]]");
  ck_assert_str_eq(compact("\"lone \\t string\""), "\"lone \\t string\"");
  ck_assert_str_eq(compact("42"), "42");
  ck_assert_ptr_null(compact("[1,]"));
  ck_assert_ptr_null(compact("[\"a]"));
  ck_assert_ptr_null(compact("[1] x"));
  ck_assert_ptr_null(compact("[01]"));
  ck_assert_ptr_null(compact(""));
  ck_assert_ptr_null(compact("[\"\\ud800\"]"));
  /* a long escaped string: the buffer grows under it */
  ZlBuf in = {0};
  zl_buf_append(&in, "[\"", 2);
  for(int i = 0; i < 5000; i++) zl_buf_append(&in, "\\u0001\\\"", 8);
  zl_buf_append(&in, "\"]", 3);
  const char *out = compact(in.p);
  ck_assert_int_eq(strlen(out), 4 + 5000 * 8);
  ck_assert(strncmp(out, "[\"\\u0001\\\"\\u0001", 16) == 0);
  zl_buf_free(&in);
}
END_TEST

/* ---- the differential test against cJSON ---- */

/* cJSON as ext/parser/json.c calls it: a line is good when it parses to an
** object with nothing but ' ', '\t', '\r' after it. */
static cJSON *cjson_line(const char *line, size_t len){
  const char *end = NULL;
  cJSON *doc = cJSON_ParseWithLengthOpts(line, len, &end, 0);
  if(!doc || !cJSON_IsObject(doc)){ cJSON_Delete(doc); return NULL; }
  for(const char *p = end; p < line + len; p++){
    if(*p != ' ' && *p != '\t' && *p != '\r'){ cJSON_Delete(doc); return NULL; }
  }
  return doc;
}

static int is_rfc_ws(unsigned char c){ return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* The differences json_line.c documents, in the line or at the byte a
** rejection names. */
static int cjson_is_lenient_here(const char *line, size_t len, const char *why, size_t at){
  unsigned char c = at < len ? (unsigned char)line[at] : 0;
  if(at < len && c <= ' ' && !is_rfc_ws(c)) return 1;           /* cJSON's whitespace */
  if(strcmp(why, "control character in string") == 0) return c < 0x20;
  if(strcmp(why, "leading zero") == 0) return c == '0' && at + 1 < len && line[at + 1] >= '0' && line[at + 1] <= '9';
  if(strcmp(why, "digit expected") == 0)                      /* 1., 1.e5, -.5 */
    return at > 0 && (line[at - 1] == '.' || (c == '.' && line[at - 1] == '-'));
  if(strcmp(why, "bad \\u escape") == 0) return c == '\\';     /* cJSON reads U+0000 */
  return 0;
}

static int has_newline_after_object(const char *line, size_t len){
  while(len > 0 && is_rfc_ws((unsigned char)line[len - 1])){
    if(line[len - 1] == '\n') return 1;
    len--;
  }
  return 0;
}

static int cjson_type(const cJSON *v){
  if(cJSON_IsNull(v)) return ZL_JSON_NULL;
  if(cJSON_IsFalse(v)) return ZL_JSON_FALSE;
  if(cJSON_IsTrue(v)) return ZL_JSON_TRUE;
  if(cJSON_IsNumber(v)) return ZL_JSON_NUMBER;
  if(cJSON_IsString(v)) return ZL_JSON_STRING;
  return cJSON_IsArray(v) ? ZL_JSON_ARRAY : ZL_JSON_OBJECT;
}

/* Two cJSON trees equal, numbers exactly (cJSON_Compare says inf != inf). */
static int same_tree(const cJSON *a, const cJSON *b){
  if(cjson_type(a) != cjson_type(b)) return 0;
  if(cJSON_IsNumber(a)) return a->valuedouble == b->valuedouble;
  if(cJSON_IsString(a)) return strcmp(a->valuestring, b->valuestring) == 0;
  if(!cJSON_IsArray(a) && !cJSON_IsObject(a)) return 1;
  for(a = a->child, b = b->child; a && b; a = a->next, b = b->next){
    if((a->string || b->string) && (!a->string || !b->string || strcmp(a->string, b->string))) return 0;
    if(!same_tree(a, b)) return 0;
  }
  return !a && !b;
}

/* No whitespace outside the strings of a JSON text. */
static int is_compact(const char *s, size_t n){
  for(size_t i = 0; i < n; i++){
    if(s[i] == '"'){
      for(i++; i < n && s[i] != '"'; i++) if(s[i] == '\\') i++;
    }else if(is_rfc_ws((unsigned char)s[i])){
      return 0;
    }
  }
  return 1;
}

/* One value, ours against cJSON's. */
static void same_value(const ZlJsonValue *mine, const cJSON *theirs, const char *line){
  ck_assert_msg(mine->type == cjson_type(theirs), "%s: type %d, cJSON %d", line, mine->type, cjson_type(theirs));
  if(mine->type == ZL_JSON_STRING){
    char *dec = malloc(mine->text.n + 1);
    size_t n;
    ck_assert_int_eq(zl_json_unescape(mine->text.p, mine->text.n, dec, &n), 0);
    size_t want = strlen(theirs->valuestring);               /* cJSON stops at a \u0000 */
    ck_assert_msg(n == want || (n > want && dec[want] == 0), "%s: string length %zu, cJSON %zu", line, n, want);
    ck_assert_msg(memcmp(dec, theirs->valuestring, want) == 0, "%s: string differs", line);
    free(dec);
  }else if(mine->type == ZL_JSON_NUMBER){
    double d;
    zl_json_number_double(mine->text.p, mine->text.n, &d);
    ck_assert_msg(d == theirs->valuedouble, "%s: %.17g, cJSON %.17g", line, d, theirs->valuedouble);
  }else if(mine->type == ZL_JSON_ARRAY || mine->type == ZL_JSON_OBJECT){
    ZlBuf b = {0};
    ck_assert_int_eq(zl_json_compact(&b, mine->text.p, mine->text.n), 0);
    ck_assert_msg(is_compact(b.p, b.n), "%s: whitespace left in %.*s", line, (int)b.n, b.p);
    cJSON *again = cJSON_ParseWithLength(b.p, b.n);
    ck_assert_msg(again && same_tree(again, theirs), "%s: compact %.*s differs", line, (int)b.n, b.p);
    cJSON_Delete(again);
    zl_buf_free(&b);
  }
}

/* cJSON cuts a key at a \u0000: such lines' keys are not compared. */
static int key_has_nul(void *ctx, const char *key, size_t key_len, const ZlJsonValue *v){
  if(memchr(key, 0, key_len)) *(int *)ctx = 1;
  return 0;
}

/* ---- every way through the scanner ---- */

/* Bytes after a line when it is scanned with read-ahead: quotes, escapes,
** control bytes and digits, which must never change an answer. */
#define AHEAD 96
static const char AHEAD_BYTES[] = "\"\\\x01]}0123456789,:";

/* A line scanned with each fast path this CPU has (ZlJsonKeys.simd lowered
** to SSE2, then to none: the generic walk), alone in its buffer and with
** bytes after it to read ahead into. */
typedef struct Ways {
  Fixture f[3][2];             /* [level][0: alone, 1: read-ahead] */
  int n;                       /* levels */
  char *buf;
  size_t cap;
  long walked[3];              /* lines the CPU's best took by each ZL_JSON_WALK_* */
  int compact;                 /* see same_every_way */
} Ways;

static void ways_init(Ways *w, const char *const *names, int n){
  memset(w, 0, sizeof *w);
  Fixture probe;
  fixture_init(&probe, names, n);
  int best = probe.keys.simd;
  fixture_free(&probe);
  for(int level = best; level >= ZL_JSON_SIMD_NONE; level--){
    for(int k = 0; k < 2; k++){
      fixture_init(&w->f[w->n][k], names, n);
      w->f[w->n][k].keys.simd = level;
    }
    w->n++;
  }
}

static void ways_free(Ways *w){
  for(int i = 0; i < w->n; i++) for(int k = 0; k < 2; k++) fixture_free(&w->f[i][k]);
  free(w->buf);
}

/* b (its line at lb) answered as a (its line at la) did. */
static void same_answer(const ZlJsonLine *a, const char *la, int rca, const ZlJsonLine *b, const char *lb,
                        int rcb, int ncells, const char *line, size_t len, const char *how){
  ck_assert_msg(rca == rcb, "%s: %d, %d: '%.*s'", how, rca, rcb, (int)len, line);
  if(rca){
    ck_assert_msg(strcmp(a->error, b->error) == 0 && a->error_at == b->error_at, "%s: '%s' at %zu, '%s' at %zu: '%.*s'",
                  how, a->error, a->error_at, b->error, b->error_at, (int)len, line);
    return;
  }
  ck_assert_msg(a->members == b->members && a->unknown_keys == b->unknown_keys && a->nset == b->nset,
                "%s: members %d %d, unknown %d %d, set %d %d: '%.*s'", how, a->members, b->members,
                a->unknown_keys, b->unknown_keys, a->nset, b->nset, (int)len, line);
  for(int c = 0; c < ncells; c++){
    const ZlJsonValue *x = &a->cells[c], *y = &b->cells[c];
    ck_assert_msg(x->type == y->type, "%s: cell %d type %d, %d: '%.*s'", how, c, x->type, y->type, (int)len, line);
    if(!x->type) continue;                      /* an absent cell's text is left over */
    ck_assert_msg(x->flags == y->flags && x->text.n == y->text.n && x->text.p - la == y->text.p - lb,
                  "%s: cell %d differs: '%.*s'", how, c, (int)len, line);
  }
}

/* Every way gives what the generic walk alone gives; returns its answer.
** w->compact: the line, if good, is as Zeek writes them (no whitespace or
** control byte outside its strings, 4 KiB or less), so the fast paths must
** take it themselves: the generic walk would hide their mistakes. */
static int same_every_way(Ways *w, const char *line, size_t len){
  if(w->cap < len + AHEAD){
    w->cap = len + AHEAD;
    w->buf = realloc(w->buf, w->cap);
  }
  memcpy(w->buf, line, len);
  for(size_t i = 0; i < AHEAD; i++) w->buf[len + i] = AHEAD_BYTES[i % (sizeof AHEAD_BYTES - 1)];
  Fixture *ref = &w->f[w->n - 1][0];
  int rc_ref = zl_json_line_scan(&ref->row, &ref->keys, line, len);
  for(int i = 0; i < w->n; i++){
    for(int k = 0; k < 2; k++){
      Fixture *f = &w->f[i][k];
      if(f == ref) continue;
      const char *at = k ? w->buf : line;
      int rc = k ? zl_json_line_scan_ahead(&f->row, &f->keys, w->buf, len, len + AHEAD)
                 : zl_json_line_scan(&f->row, &f->keys, line, len);
      char how[64];
      snprintf(how, sizeof how, "simd %d%s", f->keys.simd, k ? " read-ahead" : "");
      same_answer(&ref->row, line, rc_ref, &f->row, at, rc, f->keys.n, line, len, how);
      if(i == 0 && k == 1 && rc == 0) w->walked[f->row.walk]++;
      if(w->compact && rc == 0 && f->keys.simd != ZL_JSON_SIMD_NONE)
        ck_assert_msg(f->row.walk != ZL_JSON_WALK_GENERIC, "%s: the generic walk took '%.*s'", how, (int)len, line);
    }
  }
  return rc_ref;
}

typedef struct DiffStats { long lines, both_good, both_bad, stricter, laxer; } DiffStats;

/* One line through both parsers. names: the index f was built from. */
static void differential(Fixture *f, Ways *w, const char *const *names, int n, const char *line, size_t len,
                         DiffStats *st){
  if(w) same_every_way(w, line, len);
  cJSON *doc = cjson_line(line, len);
  int rc = zl_json_line_scan(&f->row, &f->keys, line, len);
  st->lines++;
  if(!doc && rc){ st->both_bad++; return; }
  if(doc && rc){
    ck_assert_msg(cjson_is_lenient_here(line, len, f->row.error, f->row.error_at),
                  "cJSON accepts, we reject for an undocumented reason: %s at %zu in '%.*s'",
                  f->row.error, f->row.error_at, (int)len, line);
    st->stricter++;
    cJSON_Delete(doc);
    return;
  }
  if(!doc){
    ck_assert_msg(has_newline_after_object(line, len),
                  "we accept, cJSON rejects: '%.*s'", (int)len, line);
    st->laxer++;
    return;
  }
  st->both_good++;
  int unknown = 0, members = 0, key_with_nul = 0;
  ZlBuf scratch = {0};
  zl_json_line_members(line, len, key_has_nul, &key_with_nul, &scratch, NULL, NULL);
  zl_buf_free(&scratch);
  for(const cJSON *m = doc->child; m; m = m->next){
    members++;
    int known = 0;
    for(int c = 0; c < n && !known; c++) known = strcmp(names[c], m->string) == 0;
    unknown += !known;
  }
  ck_assert_int_eq(f->row.members, members);
  if(!key_with_nul) ck_assert_msg(f->row.unknown_keys == unknown, "%.*s: unknown keys %d, cJSON %d",
                                  (int)len, line, f->row.unknown_keys, unknown);
  for(int c = 0; c < n && !key_with_nul; c++){
    const cJSON *want = NULL;                 /* the last non-null, else the last */
    for(const cJSON *m = doc->child; m; m = m->next){
      if(strcmp(m->string, names[c]) == 0 && (!want || !cJSON_IsNull(m) || cJSON_IsNull(want))) want = m;
    }
    if(zl_json_keys_find(&f->keys, names[c], strlen(names[c])) != c) continue;   /* a repeated name */
    if(!want) ck_assert_int_eq(f->row.cells[c].type, ZL_JSON_ABSENT);
    else same_value(&f->row.cells[c], want, line);
  }
  cJSON_Delete(doc);
}

/* Every file under dir (recursively) with a line that starts with '{' in
** its first 4 KiB: the JSON logs (TSV logs begin with '#' or a value). */
static int list_json_logs(const char *dir, char paths[][512], int n, int max){
  DIR *d = opendir(dir);
  if(!d) return n;
  struct dirent *e;
  while((e = readdir(d)) && n < max){
    if(e->d_name[0] == '.') continue;
    char path[512];
    snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
    DIR *sub = opendir(path);
    if(sub){ closedir(sub); n = list_json_logs(path, paths, n, max); continue; }
    FILE *fp = fopen(path, "rb");
    if(!fp) continue;
    char head[4097];
    size_t got = fread(head, 1, sizeof head - 1, fp);
    fclose(fp);
    head[got] = 0;
    if(head[0] == '{' || strstr(head, "\n{")) snprintf(paths[n++], 512, "%s", path);
  }
  closedir(d);
  return n;
}

typedef struct Lines { char **p; size_t *len; int n, cap; } Lines;

static void read_lines(const char *path, Lines *L){
  FILE *fp = fopen(path, "rb");
  ck_assert_ptr_nonnull(fp);
  char *line = NULL;
  size_t cap = 0;
  ssize_t got;
  while((got = getline(&line, &cap, fp)) > 0){
    if(line[got - 1] == '\n') got--;
    if(L->n == L->cap){
      L->cap = L->cap ? 2 * L->cap : 256;
      L->p = realloc(L->p, (size_t)L->cap * sizeof *L->p);
      L->len = realloc(L->len, (size_t)L->cap * sizeof *L->len);
    }
    L->p[L->n] = malloc((size_t)got + 1);
    memcpy(L->p[L->n], line, (size_t)got);
    L->p[L->n][got] = 0;
    L->len[L->n++] = (size_t)got;
  }
  free(line);
  fclose(fp);
}

static uint64_t rng_state = 0x2545F4914F6CDD1Dull;
static uint64_t rng(void){ rng_state ^= rng_state << 13; rng_state ^= rng_state >> 7; rng_state ^= rng_state << 17; return rng_state; }

/* One random edit of line into out (room for len + 16). */
static size_t mutate(const char *line, size_t len, char *out){
  static const char interesting[] = "\"\\{}[],:0123456789-+.eEtfnu \t\r\n\x01\x1f\x7f\xff\xc3/";
  memcpy(out, line, len);
  size_t at = len ? rng() % len : 0;
  char c = rng() % 4 ? interesting[rng() % (sizeof interesting - 1)] : (char)rng();
  switch(rng() % 6){
    case 0: if(len) out[at] = c; return len;                                   /* replace */
    case 1: memmove(out + at + 1, out + at, len - at); out[at] = c; return len + 1;   /* insert */
    case 2: if(len){ memmove(out + at, out + at + 1, len - at - 1); return len - 1; } return len;
    case 3: return at;                                                         /* cut */
    case 4: {                                                                  /* an escape */
      const char *esc[] = {"\\u0000", "\\ud800", "\\udc00", "\\ud83d\\ude00", "\\u00zz", "\\x41", "\\/", "01", "1.", "1e5"};
      const char *e = esc[rng() % 10];
      size_t k = strlen(e);
      if(k > 16) k = 16;
      memmove(out + at + k, out + at, len - at);
      memcpy(out + at, e, k);
      return len + k;
    }
    default:                                                                   /* swap two bytes */
      if(len){ size_t b = rng() % len; char t = out[at]; out[at] = out[b]; out[b] = t; }
      return len;
  }
}

/* The names of a file's index: the keys of its first good line, a name no
** line has, and some keys left out (so that lines have unknown keys). */
static int names_of(const Lines *L, char names[][128], const char *ptrs[], int max){
  int n = 0;
  for(int i = 0; i < L->n && n == 0; i++){
    cJSON *doc = cjson_line(L->p[i], L->len[i]);
    if(!doc) continue;
    int k = 0;
    for(const cJSON *m = doc->child; m && n < max - 1; m = m->next, k++){
      if(k % 3 == 2 || strlen(m->string) >= 128) continue;
      snprintf(names[n], 128, "%s", m->string);
      ptrs[n] = names[n];
      n++;
    }
    cJSON_Delete(doc);
  }
  snprintf(names[n], 128, "no_such_key");
  ptrs[n] = names[n];
  return n + 1;
}

#define MUTANT_MAX (1 << 20)
#define MUTANTS_PER_LINE 400
#define MUTANTS_PER_FILE 8000    /* so that more logs in tests/data keep it to seconds */

/* A line, then `mutants` copies with one, two or three edits. */
static void differential_mutants(Fixture *f, Ways *w, const char *const *names, int n, const char *line,
                                 size_t len, int mutants, DiffStats *st, char *buf){
  differential(f, w, names, n, line, len, st);
  if(len + 64 > MUTANT_MAX) return;
  for(int m = 0; m < mutants; m++){
    size_t k = mutate(line, len, buf);
    for(int more = (int)(rng() % 3); more > 0 && k + 64 < MUTANT_MAX; more--){
      char *tmp = malloc(k + 1);
      memcpy(tmp, buf, k);
      k = mutate(tmp, k, buf);
      free(tmp);
    }
    differential(f, w, names, n, buf, k, st);
  }
}

START_TEST(against_cjson){
  static char paths[256][512];
  int np = list_json_logs("logs", paths, 0, 256);
  np = list_json_logs("data", paths, np, 256);
  np = list_json_logs("fuzz/corpus", paths, np, 256);
  np = list_json_logs("fuzz/regressions", paths, np, 256);
  ck_assert_msg(np >= 8, "only %d JSON logs found (run from tests/)", np);
  DiffStats st = {0};
  char *buf = malloc(MUTANT_MAX);
  /* the edge cases first: both parsers read them, with the same values */
  static char edges[6][1200];
  snprintf(edges[0], 1200, "{\"a\":%s.0,\"b\":-%s,\"x\":[%s.5]}", DBL_MAX_DIGITS, DBL_MAX_DIGITS, DBL_MAX_DIGITS);
  snprintf(edges[1], 1200, "{\"a\":[1e999,-1e999,5e-324,-0,1e308],\"b\":18446744073709551615}");
  snprintf(edges[2], 1200, "{\"a\":\"x\\u0000y\",\"b\":\"\\ud83d\\ude00\\/\\\\\",\"x\":[\"\\u0001\",\"\\\"\"]}");
  snprintf(edges[3], 1200, "{\"a\":1,\"a\":null,\"b\":null,\"b\":2,\"\\u0061\":3,\"x\":{\"k\":[{}]}}");
  snprintf(edges[4], 1200, " { \"a\" : [ 1 , \"s\" , true , null ] ,\t\"b\" : false } \r");
  snprintf(edges[5], 1200, "\xef\xbb\xbf{\"a\":\"\xff\xfe\",\"\xc3\xa9\":1}");
  static const char *const edge_names[] = {"a", "b", "x", "\xc3\xa9"};
  Fixture f;
  Ways w;
  fixture_init(&f, edge_names, 4);
  ways_init(&w, edge_names, 4);
  for(int k = 0; k < 6; k++){
    differential(&f, &w, edge_names, 4, edges[k], strlen(edges[k]), &st);
    ck_assert_msg(st.both_good == k + 1, "%s: %s", edges[k], f.row.error);
  }
  for(int k = 0; k < 6; k++){
    differential_mutants(&f, &w, edge_names, 4, edges[k], strlen(edges[k]), MUTANTS_PER_LINE, &st, buf);
  }
  fixture_free(&f);
  ways_free(&w);
  /* every JSON log of the tests, line by line */
  for(int i = 0; i < np; i++){
    Lines L = {0};
    read_lines(paths[i], &L);
    static char names[64][128];
    const char *ptrs[64];
    int n = names_of(&L, names, ptrs, 64);
    fixture_init(&f, ptrs, n);
    ways_init(&w, ptrs, n);
    int mutants = L.n ? MUTANTS_PER_FILE / L.n : 0;
    if(mutants > MUTANTS_PER_LINE) mutants = MUTANTS_PER_LINE;
    if(mutants < 20) mutants = 20;
    for(int k = 0; k < L.n; k++) differential_mutants(&f, &w, ptrs, n, L.p[k], L.len[k], mutants, &st, buf);
    fixture_free(&f);
    ways_free(&w);
    for(int k = 0; k < L.n; k++) free(L.p[k]);
    free(L.p);
    free(L.len);
  }
  free(buf);
  fprintf(stderr, "against cJSON: %ld lines from %d files and 6 edge cases: %ld good, %ld bad in both; "
          "%ld rejected only here, %ld only by cJSON (documented)\n",
          st.lines, np, st.both_good, st.both_bad, st.stricter, st.laxer);
  ck_assert(st.both_good > 1000 && st.both_bad > 1000);   /* the test saw both kinds */
  ck_assert(st.stricter > 0);
}
END_TEST

/* ---- the index's edges, every way ---- */

/* Names that meet the guesses' edges: 15, 16, 17, 24, 25 and 40 bytes, a
** quote and a backslash inside (columns from sampled keys are decoded),
** and more than 64 (the cells' first word of bits). */
#define EDGE_NAMES 80
static char edge_storage[EDGE_NAMES][48];
static const char *edge_names[EDGE_NAMES];

static void make_edge_names(void){
  static const char *const fixed[] = {"ts", "uid", "id.orig_h", "status_code", "tags", "a", "",
    "fifteen_bytes_x", "sixteen_bytes_xy", "seventeen_bytes_x", "twenty_four_bytes_long_x",
    "twenty_five_bytes_long_xy", "a_name_of_forty_bytes_for_the_long_path", "q\"uote", "b\\s", "\xc3\xa9t\xc3\xa9"};
  int n = (int)(sizeof fixed / sizeof fixed[0]);
  for(int i = 0; i < EDGE_NAMES; i++){
    if(i < n) snprintf(edge_storage[i], sizeof edge_storage[i], "%s", fixed[i]);
    else snprintf(edge_storage[i], sizeof edge_storage[i], "col_%d", i);
    edge_names[i] = edge_storage[i];
  }
}

/* A key for a generated line: a name of the index (sometimes escaped), or
** one it lacks (sometimes longer than a guess's head). */
static void gen_key(ZlBuf *b){
  unsigned r = (unsigned)(rng() % 100);
  char key[96];
  if(r < 70){
    const char *name = edge_names[rng() % EDGE_NAMES];
    size_t o = 0;
    for(const char *c = name; *c && o + 8 < sizeof key; c++){
      if(*c == '"' || *c == '\\'){ key[o++] = '\\'; key[o++] = *c; }
      else if(rng() % 400 == 0){ o += (size_t)snprintf(key + o, sizeof key - o, "\\u%04x", (unsigned char)*c); }
      else key[o++] = *c;
    }
    key[o] = 0;
  }else if(r < 90){
    snprintf(key, sizeof key, "unknown_%d", (int)(rng() % 48));         /* more than are remembered */
  }else{
    snprintf(key, sizeof key, "an_unknown_key_longer_than_sixteen_%d", (int)(rng() % 4));
  }
  zl_buf_append(b, "\"", 1);
  zl_buf_append(b, key, strlen(key));
  zl_buf_append(b, "\"", 1);
}

/* A name as a key, its quotes and backslashes escaped. */
static void append_key(ZlBuf *b, const char *name){
  zl_buf_append(b, "\"", 1);
  for(const char *c = name; *c; c++){
    if(*c == '"' || *c == '\\') zl_buf_append(b, "\\", 1);
    zl_buf_append(b, c, 1);
  }
  zl_buf_append(b, "\"", 1);
}

/* A string's body: plain bytes, escapes (runs of backslashes too), UTF-8. */
static void gen_string(ZlBuf *b){
  static const char *const parts[] = {"x", "abc", "0123456789abcdef", " ", "\\\"", "\\\\", "\\\\\\\"",
    "\\\\\\\\", "\\n", "\\/", "\\u00e9", "\\ud83d\\ude00", "\xc3\xa9", "{", "}", "[", "]", ":", ","};
  static const char *const plain[] = {"x", "abc", "0123456789abcdef", " ", "\xc3\xa9", "{", "]", ":", ","};
  int n = (int)(rng() % 24), escapes = rng() % 8 == 0;      /* Zeek's strings seldom have any */
  zl_buf_append(b, "\"", 1);
  for(int i = 0; i < n; i++){
    const char *part = escapes ? parts[rng() % (sizeof parts / sizeof parts[0])]
                               : plain[rng() % (sizeof plain / sizeof plain[0])];
    if(rng() % 1000 == 0) part = rng() % 2 ? "\\x41" : "\\ud800";   /* bad escapes, now and then */
    zl_buf_append(b, part, strlen(part));
  }
  zl_buf_append(b, "\"", 1);
}

static void gen_number(ZlBuf *b){
  static const char *const forms[] = {"0", "7", "-3", "80", "443", "1331901001.753909", "-0.5", "123456789012345",
    "1234567890123456", "12345678901234567890", "0.000000000000001", "1.2345678901234567", "1e5", "2E-3",
    "-1.5e300", "18446744073709551615", "00", "-", "1.", ".5", "1.5.5"};
  int n = (int)(sizeof forms / sizeof forms[0]), valid = 16;
  const char *f = forms[rng() % 4 ? rng() % 8 : rng() % 300 ? rng() % valid : rng() % n];
  zl_buf_append(b, f, strlen(f));
}

static void gen_value(ZlBuf *b, int level){
  unsigned r = (unsigned)(rng() % 100);
  if(r < 45) gen_string(b);
  else if(r < 75) gen_number(b);
  else if(r < 90 || level > 1){
    int n = (int)(rng() % 4);
    zl_buf_append(b, "[", 1);
    for(int i = 0; i < n; i++){
      if(i) zl_buf_append(b, ",", 1);
      if(rng() % 2) gen_string(b); else gen_number(b);
    }
    zl_buf_append(b, "]", 1);
  }else if(r < 94){
    zl_buf_append(b, "{", 1);
    gen_key(b);
    zl_buf_append(b, ":", 1);
    gen_value(b, level + 1);
    zl_buf_append(b, "}", 1);
  }else{
    static const char *const lits[] = {"true", "false", "null", "nul", "tru"};
    const char *l = lits[rng() % 100 ? rng() % 3 : 3 + rng() % 2];
    zl_buf_append(b, l, strlen(l));
  }
}

/* A line as Zeek writes them, of 0 to 40 members, now and then with a
** space or a bad byte somewhere; returns whether it has none. */
static int gen_line(ZlBuf *b){
  int compact = 1;
  b->n = 0;
  zl_buf_append(b, "{", 1);
  int n = (int)(rng() % 41);
  for(int i = 0; i < n; i++){
    if(i) zl_buf_append(b, ",", 1);
    gen_key(b);
    zl_buf_append(b, ":", 1);
    gen_value(b, 0);
  }
  zl_buf_append(b, "}", 1);
  if(rng() % 20 == 0 && b->n > 2){                   /* whitespace, a control byte, a cut */
    size_t at = rng() % b->n;
    b->p[at] = " \t\x01\x1f"[rng() % 4];
    compact = 0;
  }
  if(rng() % 30 == 0) b->n = rng() % b->n;
  return compact && b->n <= 4096;
}

START_TEST(index_edges){
  make_edge_names();
  Fixture f;
  Ways w;
  fixture_init(&f, edge_names, EDGE_NAMES);
  ways_init(&w, edge_names, EDGE_NAMES);
  DiffStats st = {0};
  ZlBuf line = {0};
  /* quotes and backslashes at the index's word edges: a key or a string
  ** whose quote, or whose escape's backslash, is byte 62, 63, 64 or 65 */
  for(int pad = 0; pad < 140; pad++){
    for(int shape = 0; shape < 6; shape++){
      line.n = 0;
      zl_buf_append(&line, "{\"a\":\"", 6);
      for(int i = 0; i < pad; i++) zl_buf_append(&line, "x", 1);
      static const char *const tails[] = {"\",\"uid\":1}", "\\\"\",\"uid\":1}", "\\\\\",\"uid\":1}",
        "\\\\\\\"\",\"uid\":[\"\\\\\",2]}", "\",\"sixteen_bytes_xy\":\"\\u0041\"}", "\",\"x\":null,\"a\":null}"};
      zl_buf_append(&line, tails[shape], strlen(tails[shape]));
      w.compact = 1;
      differential(&f, &w, edge_names, EDGE_NAMES, line.p, line.n, &st);
      ck_assert_msg(f.row.error == NULL, "%s", line.p);
    }
  }
  /* keys one byte off a name (at each of its bytes), each after the name
  ** itself took the same place on the line before: a guess must compare
  ** every byte (the head, the tail, the bytes between) */
  for(int i = 0; i < EDGE_NAMES; i++){
    size_t n = strlen(edge_names[i]);
    for(size_t at = 0; at < n; at++){
      char near[48];
      memcpy(near, edge_names[i], n + 1);
      near[at] ^= 1;                              /* never a quote, a backslash or a control byte here */
      const char *const pair[] = {edge_names[i], near};
      for(int k = 0; k < 2; k++){
        line.n = 0;
        zl_buf_append(&line, "{\"ts\":1,", 8);
        append_key(&line, pair[k]);
        zl_buf_append(&line, ":2,\"uid\":3}", 11);
        w.compact = 1;
        differential(&f, &w, edge_names, EDGE_NAMES, line.p, line.n, &st);
        ck_assert_msg(f.row.error == NULL, "%.*s", (int)line.n, line.p);
      }
    }
  }
  /* lines as Zeek writes them, of every length up to past the index */
  for(int i = 0; i < 6000; i++){
    w.compact = gen_line(&line);
    differential(&f, &w, edge_names, EDGE_NAMES, line.p, line.n, &st);
  }
  w.compact = 0;
  fprintf(stderr, "index edges: %ld lines, %ld good, %ld bad; walks %ld generic, %ld indexed, %ld plain\n",
          st.lines, st.both_good, st.both_bad + st.stricter, w.walked[0], w.walked[1], w.walked[2]);
  ck_assert(st.both_good > 3000 && st.both_bad > 100);
  if(w.f[0][0].keys.simd != ZL_JSON_SIMD_NONE)
    ck_assert(w.walked[ZL_JSON_WALK_PLAIN] > 1000 && w.walked[ZL_JSON_WALK_INDEXED] > 1000);
  else                                           /* a build without the fast paths */
    ck_assert(w.walked[ZL_JSON_WALK_PLAIN] == 0 && w.walked[ZL_JSON_WALK_INDEXED] == 0);
  zl_buf_free(&line);
  fixture_free(&f);
  ways_free(&w);
}
END_TEST

/* Zeek's own lines take the fast walks (not the generic one), with and
** without room to read ahead. */
START_TEST(walks_taken){
  static char paths[64][512];
  int np = list_json_logs("data/zat/json", paths, 0, 64);
  ck_assert(np >= 8);
  long lines = 0, plain = 0;
  for(int i = 0; i < np; i++){
    Lines L = {0};
    read_lines(paths[i], &L);
    Fixture f;
    fixture_init(&f, NAMES, NNAMES);
    for(int k = 0; k < L.n; k++){
      if(f.keys.simd == ZL_JSON_SIMD_NONE) break;   /* a build without the fast paths */
      char *buf = malloc(L.len[k] + AHEAD);
      memcpy(buf, L.p[k], L.len[k]);
      memset(buf + L.len[k], '\n', AHEAD);
      ck_assert_int_eq(zl_json_line_scan_ahead(&f.row, &f.keys, buf, L.len[k], L.len[k] + AHEAD), 0);
      int backslash = memchr(L.p[k], '\\', L.len[k]) != NULL;
      ck_assert_msg(f.row.walk == (backslash ? ZL_JSON_WALK_INDEXED : ZL_JSON_WALK_PLAIN), "%s:%d: walk %d",
                    paths[i], k + 1, f.row.walk);
      plain += f.row.walk == ZL_JSON_WALK_PLAIN;
      ck_assert_int_eq(zl_json_line_scan(&f.row, &f.keys, L.p[k], L.len[k]), 0);
      ck_assert_int_eq(f.row.walk, ZL_JSON_WALK_INDEXED);
      lines++;
      free(buf);
    }
    fixture_free(&f);
    for(int k = 0; k < L.n; k++) free(L.p[k]);
    free(L.p);
    free(L.len);
  }
  Fixture probe;
  fixture_init(&probe, NAMES, NNAMES);
  if(probe.keys.simd != ZL_JSON_SIMD_NONE) ck_assert(lines > 200 && plain > 200);
  fixture_free(&probe);
}
END_TEST

/* The real logs themselves, unmutated: every line of a JSON log is read
** as cJSON reads it (no line lost to the stricter grammar). */
START_TEST(real_logs_all_good){
  static char paths[64][512];
  int np = list_json_logs("data", paths, 0, 64);
  np = list_json_logs("logs", paths, np, 64);
  for(int i = 0; i < np; i++){
    Lines L = {0};
    read_lines(paths[i], &L);
    Fixture f;
    fixture_init(&f, NAMES, NNAMES);
    for(int k = 0; k < L.n; k++){
      cJSON *doc = cjson_line(L.p[k], L.len[k]);
      int rc = zl_json_line_scan(&f.row, &f.keys, L.p[k], L.len[k]);
      ck_assert_msg((doc != NULL) == (rc == 0), "%s:%d: cJSON %s, here %s", paths[i], k + 1,
                    doc ? "good" : "bad", rc ? f.row.error : "good");
      cJSON_Delete(doc);
    }
    fixture_free(&f);
    for(int k = 0; k < L.n; k++) free(L.p[k]);
    free(L.p);
    free(L.len);
  }
}
END_TEST

/* ---- threads: one index, a row per thread ---- */

typedef struct Worker { const ZlJsonKeys *keys; int id; long bad; } Worker;

static void *worker(void *arg){
  Worker *w = arg;
  ZlJsonLine row;
  if(zl_json_line_init(&row, w->keys)) return NULL;
  char line[128];
  for(int i = 0; i < 20000; i++){
    int v = i * 2 + w->id;
    int n = snprintf(line, sizeof line, "{\"status_code\":%d,\"other\":\"%d\",\"id.orig_h\":\"h%d\"}", v, v, v);
    char want[16];
    snprintf(want, sizeof want, "%d", v);
    if(zl_json_line_scan(&row, w->keys, line, (size_t)n) || row.cells[C_STATUS].text.n != strlen(want)
       || memcmp(row.cells[C_STATUS].text.p, want, strlen(want)) != 0) w->bad++;
  }
  zl_json_line_free(&row);
  return NULL;
}

START_TEST(threads){
  ZlJsonKeys keys;
  ck_assert_int_eq(zl_json_keys_init(&keys, NAMES, NNAMES), 0);
  pthread_t t[2];
  Worker w[2] = {{&keys, 0, 0}, {&keys, 1, 0}};
  for(int i = 0; i < 2; i++) ck_assert_int_eq(pthread_create(&t[i], NULL, worker, &w[i]), 0);
  for(int i = 0; i < 2; i++) pthread_join(t[i], NULL);
  ck_assert_int_eq(w[0].bad + w[1].bad, 0);
  zl_json_keys_free(&keys);
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("json_line");
  TCase *tc = tcase_create("core");
  tcase_set_timeout(tc, 120);
  tcase_add_test(tc, objects);
  tcase_add_test(tc, strings);
  tcase_add_test(tc, numbers);
  tcase_add_test(tc, literals_and_arrays);
  tcase_add_test(tc, depth);
  tcase_add_test(tc, members_recorded);
  tcase_add_test(tc, duplicates);
  tcase_add_test(tc, escaped_keys);
  tcase_add_test(tc, key_index);
  tcase_add_test(tc, many_keys);
  tcase_add_test(tc, read_ahead_and_long_lines);
  tcase_add_test(tc, enumerate);
  tcase_add_test(tc, unescape);
  tcase_add_test(tc, number_values);
  tcase_add_test(tc, long_numbers);
  tcase_add_test(tc, compact_arrays);
  tcase_add_test(tc, against_cjson);
  tcase_add_test(tc, index_edges);
  tcase_add_test(tc, walks_taken);
  tcase_add_test(tc, real_logs_all_good);
  tcase_add_test(tc, threads);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"
