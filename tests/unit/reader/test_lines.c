/* Unit tests for source.c + lines.c: lines out of plain and gzip files,
** CRLF, a last line without "\n", over-long lines, buffer growth, and the
** errors for missing, directory, truncated and corrupt inputs. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <zlib.h>
#include "reader/lines.h"

static char dir[] = "/tmp/zl-reader-XXXXXX";

static const char *path_of(const char *name){
  static char p[256];
  snprintf(p, sizeof p, "%s/%s", dir, name);
  return p;
}

static const char *write_file(const char *name, const char *data, size_t n){
  const char *p = path_of(name);
  FILE *f = fopen(p, "wb");
  ck_assert_ptr_nonnull(f);
  ck_assert_uint_eq(fwrite(data, 1, n, f), n);
  fclose(f);
  return p;
}

static const char *write_gzip(const char *name, const char *data, size_t n, const char *mode){
  const char *p = path_of(name);
  gzFile g = gzopen(p, mode);
  ck_assert_ptr_nonnull(g);
  ck_assert_int_eq(gzwrite(g, data, (unsigned)n), (int)n);
  gzclose(g);
  return p;
}

/* All lines of a file joined with '|', and the last return code. */
static int read_all(const char *path, size_t max_line, char *out, size_t cap){
  ZlLines r;
  char *err = NULL;
  const char *line;
  size_t len, o = 0;
  int rc;
  ck_assert_int_eq(zl_lines_open(&r, path, max_line ? max_line : 16u << 20, &err), 0);
  while((rc = zl_lines_next(&r, &line, &len)) == ZL_LINE || rc == ZL_TOO_LONG){
    const char *text = rc == ZL_LINE ? line : "<long>";
    size_t n = rc == ZL_LINE ? len : 6;
    ck_assert_uint_lt(o + n + 2, cap);
    memcpy(out + o, text, n);
    o += n;
    out[o++] = '|';
  }
  out[o] = 0;
  if(rc == ZL_ERROR) snprintf(out, cap, "ERROR %s", zl_lines_error(&r));
  zl_lines_close(&r);
  return rc;
}

static void setup(void){ ck_assert_ptr_nonnull(mkdtemp(dir)); }
static void teardown(void){
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  ck_assert_int_eq(system(cmd), 0);
  strcpy(dir, "/tmp/zl-reader-XXXXXX");
}

START_TEST(plain_lines){
  char out[256];
  const char *p = write_file("a.log", "one\ntwo\r\n\nthree", 15);
  ck_assert_int_eq(read_all(p, 0, out, sizeof out), ZL_EOF);
  ck_assert_str_eq(out, "one|two||three|");
  p = write_file("empty.log", "", 0);
  ck_assert_int_eq(read_all(p, 0, out, sizeof out), ZL_EOF);
  ck_assert_str_eq(out, "");
}
END_TEST

/* The scan's calls: runs of whole lines stop before a '#' line; blank
** lines at the front are dropped and counted; take() hands the run out. */
START_TEST(whole_lines_and_blanks){
  ZlLines r;
  char *err = NULL, *buf = NULL;
  size_t end, cap = 0;
  uint64_t blanks = 0;
  static const char text[] = "\n\r\n\n\na\tb\nc\td\n#close\nlast";
  const char *p = write_file("w.log", text, sizeof text - 1);
  ck_assert_int_eq(zl_lines_open(&r, p, 1000, &err), 0);
  ck_assert_int_eq(zl_lines_skip_blank(&r, &blanks), 0);
  ck_assert_uint_eq(blanks, 4);
  ck_assert_int_eq(zl_lines_whole_end(&r, 1 << 20, 1, &end), 0);
  ck_assert_uint_eq(end, 4);                       /* one line at most: "a\tb\n" */
  ck_assert_int_eq(zl_lines_whole_end(&r, 1 << 20, 1000, &end), 0);
  ck_assert_uint_eq(end, 8);                       /* "a\tb\nc\td\n" */
  ck_assert_int_eq(zl_lines_take(&r, end, &buf, &cap), 0);
  ck_assert(memcmp(buf, "a\tb\nc\td\n", 8) == 0);
  ck_assert_int_eq(zl_lines_first_end(&r, &end), ZL_LINE);
  ck_assert_uint_eq(end, 7);                       /* "#close\n", in order */
  zl_lines_drop(&r, end);
  ck_assert_int_eq(zl_lines_whole_end(&r, 1 << 20, 1000, &end), 0);
  ck_assert_uint_eq(end, 4);                       /* a last line without "\n" */
  zl_lines_drop(&r, end);
  ck_assert_int_eq(zl_lines_first_end(&r, &end), ZL_EOF);
  zl_lines_close(&r);
  free(buf);
}
END_TEST

/* A chunk's line bound counts lines with content only: blank lines in the
** middle of a run ride along, however many (they make no row). Worked by
** hand: "a\n" at 0, 3 blanks, "bb\n" at 5, 70 blanks, "c\n" at 78, "d\n" at 80. */
START_TEST(whole_lines_count_content_only){
  ZlLines r;
  char *err = NULL;
  size_t end;
  char text[128] = "a\n\n\n\nbb\n";
  size_t n = strlen(text);
  memset(text + n, '\n', 70);
  n += 70;
  memcpy(text + n, "c\nd\n", 4);
  n += 4;
  const char *p = write_file("b.log", text, n);
  ck_assert_int_eq(zl_lines_open(&r, p, 1000, &err), 0);
  ck_assert_int_eq(zl_lines_whole_end(&r, 1 << 20, 1, &end), 0);
  ck_assert_uint_eq(end, 2);                       /* "a\n" */
  ck_assert_int_eq(zl_lines_whole_end(&r, 1 << 20, 2, &end), 0);
  ck_assert_uint_eq(end, 8);                       /* "a\n", 3 blanks, "bb\n" */
  ck_assert_int_eq(zl_lines_whole_end(&r, 1 << 20, 3, &end), 0);
  ck_assert_uint_eq(end, 80);                      /* ... 70 blanks, "c\n" */
  ck_assert_int_eq(zl_lines_whole_end(&r, 1 << 20, 4, &end), 0);
  ck_assert_uint_eq(end, n);
  zl_lines_close(&r);
}
END_TEST

/* Lines longer than the 1 MiB first buffer grow it; past max_line they go. */
START_TEST(long_lines){
  size_t big = (3u << 20) + 17;
  char *data = malloc(big + 64);
  memset(data, 'x', big);
  memcpy(data + big, "\nshort\n", 7);
  const char *p = write_file("long.log", data, big + 7);
  ZlLines r;
  char *err = NULL;
  const char *line;
  size_t len;
  ck_assert_int_eq(zl_lines_open(&r, p, 4u << 20, &err), 0);
  ck_assert_int_eq(zl_lines_next(&r, &line, &len), ZL_LINE);
  ck_assert_uint_eq(len, big);
  ck_assert_int_eq(zl_lines_next(&r, &line, &len), ZL_LINE);
  ck_assert(len == 5 && memcmp(line, "short", 5) == 0);
  zl_lines_close(&r);
  char out[64];
  ck_assert_int_eq(read_all(p, 1u << 20, out, sizeof out), ZL_EOF);
  ck_assert_str_eq(out, "<long>|short|");
  /* an over-long last line without "\n" */
  p = write_file("tail.log", data, big);
  ck_assert_int_eq(read_all(p, 1000, out, sizeof out), ZL_EOF);
  ck_assert_str_eq(out, "<long>|");
  free(data);
}
END_TEST

START_TEST(gzip_members){
  char out[256];
  const char *p = write_gzip("a.log.gz", "one\ntwo\n", 8, "wb");
  ck_assert_int_eq(read_all(p, 0, out, sizeof out), ZL_EOF);
  ck_assert_str_eq(out, "one|two|");
  /* two members back to back, as `cat a.gz b.gz` makes */
  gzFile g = gzopen(p, "ab");
  gzwrite(g, "three\n", 6);
  gzclose(g);
  ck_assert_int_eq(read_all(p, 0, out, sizeof out), ZL_EOF);
  ck_assert_str_eq(out, "one|two|three|");
}
END_TEST

START_TEST(gzip_damage){
  char out[512], data[4096];
  for(size_t i = 0; i < sizeof data; i++) data[i] = (char)('a' + (i * 7) % 26);
  const char *p = write_gzip("d.log.gz", data, sizeof data, "wb1");
  FILE *f = fopen(p, "rb");
  unsigned char gz[8192];
  size_t n = fread(gz, 1, sizeof gz, f);
  fclose(f);
  p = write_file("cut.log.gz", (char *)gz, n / 2);
  ck_assert_int_eq(read_all(p, 0, out, sizeof out), ZL_ERROR);
  ck_assert_ptr_nonnull(strstr(out, "cut.log.gz': gzip stream is truncated"));
  gz[n / 2] ^= 0xff;
  gz[n / 2 + 1] ^= 0x55;
  p = write_file("bad.log.gz", (char *)gz, n);
  ck_assert_int_eq(read_all(p, 0, out, sizeof out), ZL_ERROR);
  ck_assert_ptr_nonnull(strstr(out, "bad.log.gz': corrupt gzip stream"));
}
END_TEST

START_TEST(open_errors){
  ZlLines r;
  char *err = NULL;
  ck_assert_int_eq(zl_lines_open(&r, path_of("missing.log"), 1000, &err), -1);
  ck_assert_ptr_nonnull(strstr(err, "cannot open '"));
  ck_assert_ptr_nonnull(strstr(err, "missing.log': No such file or directory"));
  free(err);
  err = NULL;
  ck_assert_int_eq(zl_lines_open(&r, dir, 1000, &err), -1);
  ck_assert_ptr_nonnull(strstr(err, "is a directory"));
  free(err);
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("lines");
  TCase *tc = tcase_create("core");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, plain_lines);
  tcase_add_test(tc, whole_lines_and_blanks);
  tcase_add_test(tc, whole_lines_count_content_only);
  tcase_add_test(tc, long_lines);
  tcase_add_test(tc, gzip_members);
  tcase_add_test(tc, gzip_damage);
  tcase_add_test(tc, open_errors);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"
