/* Unit tests for parser/tsv.c + scan/scan.c + scan/probe.c: header blocks, custom separators and
** markers, repeated and mismatched blocks, tsv=T names, headerless layouts,
** bad lines (skipped and counted, or strict errors), glob order. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include "scan/probe.h"
#include "scan/scan.h"

static char dir[] = "/tmp/zl-scan-XXXXXX";

static const char *write_file(const char *name, const char *text){
  static char p[8][256];
  static int k;
  char *path = p[k++ % 8];
  snprintf(path, 256, "%s/%s", dir, name);
  FILE *f = fopen(path, "wb");
  ck_assert_ptr_nonnull(f);
  fputs(text, f);
  fclose(f);
  return path;
}

static void setup(void){ ck_assert_ptr_nonnull(mkdtemp(dir)); }
static void teardown(void){
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  ck_assert_int_eq(system(cmd), 0);
  strcpy(dir, "/tmp/zl-scan-XXXXXX");
}

#define HEAD "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n" \
             "#unset_field\t-\n#path\ttest\n#open\t2012-03-16-12-30-00\n"
#define FIELDS "#fields\tts\tcode\thost\ttags\n#types\ttime\tcount\tstring\tset[string]\n"

/* Runs a scan over cfg and writes "code,host;" per row into out. */
static int scan_all(ZlScanConfig *cfg, char *out, size_t cap, ZlScan *s){
  int rc;
  size_t o = 0;
  out[0] = 0;
  ck_assert_int_eq(zl_scan_open(s, cfg), 0);
  while((rc = zl_scan_next(s)) == 1){
    ZlCell host;
    ck_assert_int_eq(zl_scan_cell(s, 2, &host), 0);
    o += (size_t)snprintf(out + o, cap - o, "%lld,%.*s;",
                          s->vals[1].state == ZL_V_INT ? (long long)s->vals[1].i : -1LL,
                          (int)host.n, host.p);
  }
  return rc;
}

static void config_from_header(ZlScanConfig *cfg, const char *pattern){
  char *err = NULL;
  zl_scan_config_init(cfg);
  cfg->pattern = pattern;
  ZlProbe probe = { .pattern = pattern, .max_line = cfg->max_line, .max_fields = cfg->max_fields };
  ck_assert_int_eq(zl_scan_probe(&probe, &cfg->columns, &err), 0);
}

START_TEST(header_and_rows){
  const char *p = write_file("a.log", HEAD FIELDS
    "1.0\t200\ta.com\tx,y\n2.5\t-\tb.com\t(empty)\n#close\t2012-03-16-13-00-00\n");
  ZlScanConfig cfg;
  ZlScan s;
  char out[256];
  config_from_header(&cfg, p);
  ck_assert_int_eq(cfg.columns.n, 4);
  ck_assert_str_eq(cfg.columns.f[3].type, "set[string]");
  ck_assert_int_eq(scan_all(&cfg, out, sizeof out, &s), 0);
  ck_assert_str_eq(out, "200,a.com;-1,b.com;");
  ck_assert_int_eq(s.vals[0].state, ZL_V_REAL);
  ck_assert(s.vals[0].d == 2.5);
  ck_assert_uint_eq(s.stats.rows, 2);
  ck_assert_uint_eq(s.stats.skipped, 0);
  zl_scan_close(&s);
  zl_schema_free(&cfg.columns);
}
END_TEST

START_TEST(custom_markers){
  const char *p = write_file("c.log",
    "#separator \\x7c\n#set_separator|;\n#empty_field|EMPTY\n#unset_field|NONE\n"
    "#fields|ts|code|host|tags\n#types|time|count|string|set[string]\n"
    "1|NONE|\\x7chost|EMPTY\n2|7|NONE|a;b\n3|8|\\x2d|-\n");
  ZlScanConfig cfg;
  ZlScan s;
  char out[256];
  config_from_header(&cfg, p);
  ck_assert_int_eq(zl_scan_open(&s, &cfg), 0);
  ZlCell v;
  ck_assert_int_eq(zl_scan_next(&s), 1);
  ck_assert_int_eq(s.vals[1].state, ZL_V_NULL);
  ck_assert_int_eq(zl_scan_cell(&s, 3, &v), 0);
  ck_assert_int_eq(v.kind, ZL_CELL_EMPTY);
  ck_assert_int_eq(zl_scan_next(&s), 1);
  ck_assert_int_eq(zl_scan_cell(&s, 2, &v), 0);
  ck_assert_int_eq(v.kind, ZL_CELL_NULL);
  ck_assert_int_eq(zl_scan_next(&s), 1);
  ck_assert_int_eq(zl_scan_cell(&s, 2, &v), 0);       /* escaped '-' is text */
  ck_assert(v.kind == ZL_CELL_ZEEK && v.n == 4 && memcmp(v.p, "\\x2d", 4) == 0);
  ck_assert_int_eq(zl_scan_cell(&s, 3, &v), 0);       /* '-' is not this file's unset */
  ck_assert(v.kind == ZL_CELL_ZEEK && v.n == 1);
  ck_assert_str_eq(zl_scan_format(&s)->set_sep, ";");
  ck_assert_int_eq(zl_scan_next(&s), 0);
  zl_scan_close(&s);
  (void)out;
  zl_schema_free(&cfg.columns);
}
END_TEST

START_TEST(repeated_blocks){
  const char *p = write_file("r.log", HEAD FIELDS "1\t1\ta\t-\n#close\tx\n"
                             HEAD FIELDS "2\t2\tb\t-\n");
  ZlScanConfig cfg;
  ZlScan s;
  char out[256];
  config_from_header(&cfg, p);
  ck_assert_int_eq(scan_all(&cfg, out, sizeof out, &s), 0);
  ck_assert_str_eq(out, "1,a;2,b;");
  zl_scan_close(&s);
  /* a block with fewer fields, in another order: matched by name, tags NULL */
  write_file("r.log", HEAD FIELDS "1\t1\ta\t-\n" HEAD
             "#fields\thost\tcode\tts\n#types\tstring\tcount\ttime\nc\t3\t3\n");
  ck_assert_int_eq(scan_all(&cfg, out, sizeof out, &s), 0);
  ck_assert_str_eq(out, "1,a;3,c;");
  zl_scan_close(&s);
  /* a later block with a field the table lacks: an error naming file, line, field */
  write_file("r.log", HEAD FIELDS "1\t1\ta\t-\n" HEAD
             "#fields\tts\tcode\tnew_one\n#types\ttime\tcount\tstring\n3\t3\tc\n");
  ck_assert_int_eq(scan_all(&cfg, out, sizeof out, &s), -1);
  ck_assert_ptr_nonnull(strstr(s.err, "r.log:17: this header block has 1 field the table has no column for (new_one)"));
  zl_scan_close(&s);
  zl_schema_free(&cfg.columns);
}
END_TEST

START_TEST(bad_lines){
  const char *p = write_file("b.log", HEAD FIELDS
    "1\t1\ta\t-\n2\t2\tb\n3\tx3\tc\t-\nXXXXXXXXXX.XXXXXX\t4\td\t-\n5\t5\te\t-\n");
  ZlScanConfig cfg;
  ZlScan s;
  char out[256];
  config_from_header(&cfg, p);
  ck_assert_int_eq(scan_all(&cfg, out, sizeof out, &s), 0);
  ck_assert_str_eq(out, "1,a;5,e;");
  ck_assert_uint_eq(s.stats.skipped, 3);
  zl_scan_close(&s);
  cfg.strict = 1;
  ck_assert_int_eq(scan_all(&cfg, out, sizeof out, &s), -1);
  ck_assert_ptr_nonnull(strstr(s.err, "b.log:10: expected 4 fields, found 3 (strict=1)"));
  zl_scan_close(&s);
  zl_schema_free(&cfg.columns);
}
END_TEST

START_TEST(names_line_and_headerless){
  const char *p = write_file("t.log", "ts\tstatus_code\thost\n1.5\t404\tx\n");
  ZlScanConfig cfg;
  ZlScan s;
  config_from_header(&cfg, p);
  ck_assert_int_eq(cfg.columns.n, 3);
  ck_assert_str_eq(cfg.columns.f[0].type, "time");          /* guessed */
  ck_assert_str_eq(cfg.columns.f[1].type, "count");
  ck_assert_int_eq(zl_scan_open(&s, &cfg), 0);
  ck_assert_int_eq(zl_scan_next(&s), 1);
  ck_assert(s.vals[1].state == ZL_V_INT && s.vals[1].i == 404);
  ck_assert_int_eq(zl_scan_next(&s), 0);
  zl_scan_close(&s);
  zl_schema_free(&cfg.columns);

  char *err = NULL;
  p = write_file("h.log", "1.5\t404\tx\n");
  ZlSchema cols;
  ZlProbe probe = { .pattern = p, .max_line = 1u << 20, .max_fields = 4096 };
  ck_assert_int_eq(zl_scan_probe(&probe, &cols, &err), -1);
  ck_assert_ptr_nonnull(strstr(err, "has no Zeek header (#fields and #types): for a headerless log add schema='http'"));
  free(err);
  zl_scan_config_init(&cfg);
  cfg.pattern = p;
  ck_assert_int_eq(zl_schema_parse("ts:time code:count,host:string", &cfg.columns, &err), 0);
  cfg.headerless = &cfg.columns;
  cfg.nheaderless = 1;
  ck_assert_int_eq(zl_scan_open(&s, &cfg), 0);
  ck_assert_int_eq(zl_scan_next(&s), 1);
  ck_assert(s.vals[1].i == 404 && s.vals[0].d == 1.5);
  zl_scan_close(&s);
  zl_schema_free(&cfg.columns);
}
END_TEST

START_TEST(glob_order_and_errors){
  write_file("http.2.log", HEAD FIELDS "2\t2\tb\t-\n");
  write_file("http.1.log", HEAD FIELDS "1\t1\ta\t-\n");
  char pattern[300];
  snprintf(pattern, sizeof pattern, "%s/http.*.log", dir);
  ZlScanConfig cfg;
  ZlScan s;
  char out[256];
  config_from_header(&cfg, pattern);
  ck_assert_int_eq(scan_all(&cfg, out, sizeof out, &s), 0);
  ck_assert_str_eq(out, "1,a;2,b;");
  zl_scan_close(&s);
  snprintf(pattern, sizeof pattern, "%s/nothing.*.log", dir);
  cfg.pattern = pattern;
  ck_assert_int_eq(zl_scan_open(&s, &cfg), -1);
  ck_assert_ptr_nonnull(strstr(s.err, "no file matches '"));
  zl_scan_close(&s);
  zl_schema_free(&cfg.columns);
}
END_TEST

START_TEST(json_lines){
  const char *p = write_file("j.log",
    "{\"ts\":1.5,\"code\":404,\"host\":\"a\\tb\",\"tags\":[\"x\",\"y\"]}\n"
    "{\"ts\":\"2012-03-16T12:30:00.5Z\",\"host\":null,\"extra\":1}\n"
    "{\"ts\":1331901000500,\"code\":\"oops\"}\n"
    "not json\n");
  ZlScanConfig cfg;
  ZlScan s;
  ZlCell v;
  config_from_header(&cfg, p);
  /* the union of the sampled lines' keys, typed by their values (no log
  ** type in the name j.log, no _path): a line's extra key is a column too */
  ck_assert_int_eq(cfg.columns.n, 5);               /* ts code host tags extra */
  ck_assert_str_eq(cfg.columns.f[0].type, "time");
  ck_assert_str_eq(cfg.columns.f[1].type, "string");   /* 404 and "oops": the wider */
  ck_assert_str_eq(cfg.columns.f[3].type, "vector[string]");
  ck_assert_str_eq(cfg.columns.f[4].name, "extra");
  ck_assert(cfg.columns.f[1].inferred);
  ck_assert_int_eq(zl_scan_open(&s, &cfg), 0);
  ck_assert_int_eq(zl_scan_next(&s), 1);
  ck_assert(s.vals[0].d == 1.5);
  ck_assert_int_eq(zl_scan_cell(&s, 1, &v), 0);
  ck_assert(v.kind == ZL_CELL_PLAIN && v.n == 3 && memcmp(v.p, "404", 3) == 0);
  ck_assert_int_eq(zl_scan_cell(&s, 2, &v), 0);
  ck_assert(v.kind == ZL_CELL_PLAIN && v.n == 3 && memcmp(v.p, "a\tb", 3) == 0);
  ck_assert_int_eq(zl_scan_cell(&s, 3, &v), 0);
  ck_assert(v.kind == ZL_CELL_JSON && v.n == 9 && memcmp(v.p, "[\"x\",\"y\"]", 9) == 0);
  ck_assert_int_eq(zl_scan_next(&s), 1);
  ck_assert(s.vals[0].d == 1331901000.5);            /* 2012-03-16 12:30:00.5 UTC */
  ck_assert_int_eq(zl_scan_cell(&s, 1, &v), 0);
  ck_assert_int_eq(v.kind, ZL_CELL_NULL);            /* no code */
  ck_assert_int_eq(zl_scan_cell(&s, 2, &v), 0);
  ck_assert_int_eq(v.kind, ZL_CELL_NULL);
  ck_assert_int_eq(zl_scan_next(&s), 1);             /* an inferred type never makes a line bad */
  ck_assert(s.vals[0].d == 1331901000.5);            /* JSON::TS_MILLIS */
  ck_assert_int_eq(zl_scan_cell(&s, 1, &v), 0);
  ck_assert(v.kind == ZL_CELL_PLAIN && v.n == 4 && memcmp(v.p, "oops", 4) == 0);
  ck_assert_int_eq(zl_scan_next(&s), 0);             /* "not json": bad */
  ck_assert_uint_eq(s.stats.skipped, 1);
  zl_scan_close(&s);
  zl_schema_free(&cfg.columns);
}
END_TEST

START_TEST(schema_parse_errors){
  ZlSchema s;
  char *err = NULL;
  ck_assert_int_eq(zl_schema_parse("ts:time host", &s, &err), -1);
  ck_assert_str_eq(err, "fields=: expected name:type in 'host'");
  free(err);
  ck_assert_int_eq(zl_schema_parse("n:cuont", &s, &err), -1);
  ck_assert_ptr_nonnull(strstr(err, "unknown Zeek type"));
  free(err);
  ck_assert_int_eq(zl_schema_parse("a:set[count] b:vector[interval] c:table[enum]", &s, &err), 0);
  ck_assert_int_eq(s.n, 3);
  zl_schema_free(&s);
  ck_assert_int_eq(zl_schema_builtin("http", &s), 0);
  ck_assert_int_eq(s.n, 27);
  ck_assert_str_eq(s.f[26].name, "resp_mime_types");
  zl_schema_free(&s);
  ck_assert_int_eq(zl_schema_builtin("nope", &s), -1);
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("scan");
  TCase *tc = tcase_create("core");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, header_and_rows);
  tcase_add_test(tc, custom_markers);
  tcase_add_test(tc, repeated_blocks);
  tcase_add_test(tc, bad_lines);
  tcase_add_test(tc, names_line_and_headerless);
  tcase_add_test(tc, glob_order_and_errors);
  tcase_add_test(tc, json_lines);
  tcase_add_test(tc, schema_parse_errors);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"
