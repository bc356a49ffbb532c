/* Unit tests for paths.c: a glob keeps regular files and symlinks to them,
** in sorted order, and skips (and names) FIFOs, devices, sockets and
** directories; a glob of nothing but those is an error; a path that exists
** is taken as it is, whatever it is (opening it says what is wrong). */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>
#include "reader/paths.h"

static char dir[] = "/tmp/zl-paths-XXXXXX";

static const char *path_of(const char *name){
  static char p[8][256];
  static int next;
  char *s = p[next++ % 8];
  snprintf(s, sizeof p[0], "%s/%s", dir, name);
  return s;
}

static void touch(const char *name){
  FILE *f = fopen(path_of(name), "w");
  ck_assert_ptr_nonnull(f);
  fputs("x\n", f);
  fclose(f);
}

/* The names (after dir/) of a list, joined with ' '. */
static const char *names(char **v, int n){
  static char out[1024];
  size_t o = 0, skip = strlen(dir) + 1;
  out[0] = 0;
  for(int i = 0; i < n; i++){
    o += (size_t)snprintf(out + o, sizeof out - o, "%s%s", i ? " " : "", v[i] + skip);
  }
  return out;
}

static void setup(void){ ck_assert_ptr_nonnull(mkdtemp(dir)); }
static void teardown(void){
  char cmd[300];
  snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
  ck_assert_int_eq(system(cmd), 0);
  strcpy(dir, "/tmp/zl-paths-XXXXXX");
}

START_TEST(glob_skips_what_is_not_a_file){
  touch("http.a.log");
  touch("http.c.log.gz");
  ck_assert_int_eq(mkfifo(path_of("http.b.log"), 0644), 0);
  ck_assert_int_eq(mkdir(path_of("http.d.log"), 0755), 0);
  ck_assert_int_eq(symlink("/dev/zero", path_of("http.e.log")), 0);
  ck_assert_int_eq(symlink(path_of("http.a.log"), path_of("http.f.log")), 0);
  ck_assert_int_eq(symlink(path_of("nowhere"), path_of("http.g.log")), 0);
  int fd = socket(AF_UNIX, SOCK_STREAM, 0);
  struct sockaddr_un sa = { .sun_family = AF_UNIX };
  snprintf(sa.sun_path, sizeof sa.sun_path, "%s", path_of("http.h.log"));
  ck_assert_int_eq(bind(fd, (struct sockaddr *)&sa, sizeof sa), 0);

  ZlPaths p;
  char *err = NULL;
  ck_assert_int_eq(zl_paths_expand(path_of("http.*"), &p, &err), 0);
  /* a dangling symlink stays: opening it says it is missing */
  ck_assert_str_eq(names(p.v, p.n), "http.a.log http.c.log.gz http.f.log http.g.log");
  ck_assert_str_eq(names(p.skipped, p.nskipped), "http.b.log http.d.log http.e.log http.h.log");
  zl_paths_free(&p);
  ck_assert_int_eq(p.n + p.nskipped, 0);

  /* nothing but skipped matches */
  ck_assert_int_eq(zl_paths_expand(path_of("http.[bde].log"), &p, &err), -1);
  char want[600];
  snprintf(want, sizeof want, "no regular file matches '%s' (skipped 3: %s, ...)",
           path_of("http.[bde].log"), path_of("http.b.log"));
  ck_assert_str_eq(err, want);
  free(err);
  ck_assert_int_eq(zl_paths_expand(path_of("http.[d].log"), &p, &err), -1);
  snprintf(want, sizeof want, "no regular file matches '%s' (skipped 1: %s)",
           path_of("http.[d].log"), path_of("http.d.log"));
  ck_assert_str_eq(err, want);
  free(err);
  /* a glob of directories (zeek_attach) keeps every match */
  ck_assert_int_eq(zl_paths_expand_any(path_of("http.[bdf].log"), &p, &err), 0);
  ck_assert_str_eq(names(p.v, p.n), "http.b.log http.d.log http.f.log");
  ck_assert_int_eq(p.nskipped, 0);
  zl_paths_free(&p);
  close(fd);
}
END_TEST

START_TEST(explicit_paths_and_no_match){
  ZlPaths p;
  char *err = NULL;
  ck_assert_int_eq(mkfifo(path_of("fifo"), 0644), 0);
  ck_assert_int_eq(zl_paths_expand(path_of("fifo"), &p, &err), 0);    /* refused when opened */
  ck_assert_int_eq(p.n, 1);
  ck_assert_int_eq(p.nskipped, 0);
  zl_paths_free(&p);
  touch("odd[1].log");                                  /* exists: not a glob */
  ck_assert_int_eq(zl_paths_expand(path_of("odd[1].log"), &p, &err), 0);
  ck_assert_str_eq(names(p.v, p.n), "odd[1].log");
  zl_paths_free(&p);
  ck_assert_int_eq(zl_paths_expand(path_of("none.*.log"), &p, &err), -1);
  char want[600];
  snprintf(want, sizeof want, "no file matches '%s'", path_of("none.*.log"));
  ck_assert_str_eq(err, want);
  free(err);
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("paths");
  TCase *tc = tcase_create("core");
  tcase_add_checked_fixture(tc, setup, teardown);
  tcase_add_test(tc, glob_skips_what_is_not_a_file);
  tcase_add_test(tc, explicit_paths_and_no_match);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"
