/*
** fuzz_scan.c — libFuzzer target for zeeklog's reader and parser core.
**
**   sh tests/fuzz/run.sh 600          (builds build-fuzz/fuzz_scan and runs it)
**   build-fuzz/fuzz_scan FILE...      (replays inputs, e.g. a crash artifact)
**
** Each input is written to one file (in /dev/shm when there is one, so no
** disk I/O) and read back through the same core the virtual table uses —
** zl_scan_probe/zl_scan_open/zl_scan_next over the sources, the chunked
** TSV parser and the JSON reader (plain or gzip by the magic bytes, TSV or
** JSON by the first line) — under the configurations a user can ask for:
**   1. the schema from the file's own header (CREATE ... USING zeek('x.log'));
**   2. the same reading only some columns (cfg.wanted), with two parsing
**      threads (cfg.threads), and with strict=1, max_fields=8 and a small
**      max_line (the error paths, and over-long lines without megabytes);
**   3. schema='http': the built-in http layouts for headerless files (by field count),
**      headers matched by name;
**   4. zeek_http(): the union http layout, by name;
**   5. fields='...' taken from the input's first line, when it parses.
** On every row, every column is converted as xColumn would convert it
** (zl_scan_cell, then zl_unescape / zl_set_to_json / zl_format_iso), and the
** results are checked against what the SQL layer relies on: decoded text
** never longer than the raw text, set text a well-formed JSON array, no NaN
** or NaN in a REAL, ts_iso exactly 27 bytes of YYYY-MM-DDTHH:MM:SS.ffffffZ.
** A broken check aborts, like a crash.
**
** Built with clang -fsanitize=fuzzer,address,undefined against the core
** objects of ext/ (no SQLite). The same file, compiled with
** -DZL_FUZZ_STANDALONE, is a plain program that replays files (the
** regression test tests/scripts/test_fuzz_regressions.sh uses it).
*/
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "scan/probe.h"
#include "scan/scan.h"
#include "base/buf.h"
#include "parser/escapes.h"
#include "parser/numbers.h"
#include "parser/types.h"

static char fuzz_dir[4096];
static char fuzz_path[4200];
static int own_dir;                /* made here, so removed here */

static void fuzz_cleanup(void){
  if(fuzz_path[0]) unlink(fuzz_path);
  if(own_dir) rmdir(fuzz_dir);
}

/* The input file: in $ZL_FUZZ_DIR when set (run.sh and the regression test
** make one and remove it, so a crash or a killed fork-mode worker leaves
** nothing behind), else in a directory of our own in /dev/shm or /tmp. */
static void make_workdir(void){
  struct stat st;
  const char *given = getenv("ZL_FUZZ_DIR");
  if(given && given[0] && strlen(given) < sizeof fuzz_dir){
    snprintf(fuzz_dir, sizeof fuzz_dir, "%s", given);
  }else{
    const char *base = stat("/dev/shm", &st) == 0 && S_ISDIR(st.st_mode) ? "/dev/shm" : "/tmp";
    snprintf(fuzz_dir, sizeof fuzz_dir, "%s/zl-fuzz-XXXXXX", base);
    if(!mkdtemp(fuzz_dir)){
      snprintf(fuzz_dir, sizeof fuzz_dir, "/tmp/zl-fuzz-XXXXXX");
      if(!mkdtemp(fuzz_dir)){ perror("mkdtemp"); abort(); }
    }
    own_dir = 1;
  }
  /* A name without glob characters (paths.c takes it as it is), one per
  ** process: fork-mode workers share the directory. */
  snprintf(fuzz_path, sizeof fuzz_path, "%s/in.%ld.log", fuzz_dir, (long)getpid());
  atexit(fuzz_cleanup);
}

static void write_input(const uint8_t *data, size_t size){
  FILE *f = fopen(fuzz_path, "wb");
  if(!f){ perror(fuzz_path); abort(); }
  if(size && fwrite(data, 1, size, f) != size){ perror("fwrite"); abort(); }
  if(fclose(f)){ perror("fclose"); abort(); }
}

#define CHECK(cond) do{ if(!(cond)){                                      \
    fprintf(stderr, "fuzz_scan: invariant failed: %s (%s:%d)\n", #cond,   \
            __FILE__, __LINE__);                                          \
    abort(); } }while(0)

/* ---- a strict checker for the JSON array text zl_set_to_json writes ---- */

static size_t json_string(const char *s, size_t n, size_t i){
  CHECK(i < n && s[i] == '"');
  for(i++; i < n; i++){
    unsigned char c = (unsigned char)s[i];
    CHECK(c >= 0x20);                        /* control bytes must be escaped */
    if(c == '"') return i + 1;
    if(c == '\\'){
      CHECK(i + 1 < n);
      char e = s[++i];
      if(e == 'u'){
        CHECK(i + 4 < n);
        for(int k = 1; k <= 4; k++){
          char h = s[i + k];
          CHECK((h >= '0' && h <= '9') || (h >= 'a' && h <= 'f') || (h >= 'A' && h <= 'F'));
        }
        i += 4;
      }else CHECK(strchr("\"\\/bfnrt", e) && e);
    }
  }
  CHECK(!"unterminated JSON string");
  return n;
}

/* JSON's number grammar: -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)? */
static size_t json_number(const char *s, size_t n, size_t i){
  if(i < n && s[i] == '-') i++;
  CHECK(i < n && s[i] >= '0' && s[i] <= '9');
  if(s[i] == '0') i++;
  else while(i < n && s[i] >= '0' && s[i] <= '9') i++;
  if(i < n && s[i] == '.'){
    i++;
    CHECK(i < n && s[i] >= '0' && s[i] <= '9');
    while(i < n && s[i] >= '0' && s[i] <= '9') i++;
  }
  if(i < n && (s[i] == 'e' || s[i] == 'E')){
    i++;
    if(i < n && (s[i] == '+' || s[i] == '-')) i++;
    CHECK(i < n && s[i] >= '0' && s[i] <= '9');
    while(i < n && s[i] >= '0' && s[i] <= '9') i++;
  }
  return i;
}

static void check_json_array(const char *s, size_t n, ZlKind elem){
  size_t i = 0;
  CHECK(n >= 2 && s[0] == '[' && s[n - 1] == ']');
  i = 1;
  for(;;){
    if(n - i >= 4 && memcmp(s + i, "null", 4) == 0) i += 4;    /* an unset element, or nan */
    else if(elem == ZL_TEXT) i = json_string(s, n, i);
    else if(elem == ZL_BOOL){
      if(n - i >= 4 && memcmp(s + i, "true", 4) == 0) i += 4;
      else{ CHECK(n - i >= 5 && memcmp(s + i, "false", 5) == 0); i += 5; }
    }else i = json_number(s, n, i);
    CHECK(i < n);
    if(s[i] == ']') break;
    CHECK(s[i] == ',');
    i++;
  }
  CHECK(i == n - 1);
}

/* Any JSON value (for arrays taken from a JSON log, whose elements can be
** anything): returns the index after it. */
static size_t json_value(const char *s, size_t n, size_t i, int depth){
  CHECK(depth < 64);
  CHECK(i < n);
  if(s[i] == '"') return json_string(s, n, i);
  if(s[i] == '[' || s[i] == '{'){
    char close = s[i] == '[' ? ']' : '}';
    i++;
    CHECK(i < n);
    if(s[i] == close) return i + 1;
    for(;;){
      if(close == '}'){
        i = json_string(s, n, i);
        CHECK(i < n && s[i] == ':');
        i++;
      }
      i = json_value(s, n, i, depth + 1);
      CHECK(i < n);
      if(s[i] == close) return i + 1;
      CHECK(s[i] == ',');
      i++;
    }
  }
  if(n - i >= 4 && memcmp(s + i, "true", 4) == 0) return i + 4;
  if(n - i >= 5 && memcmp(s + i, "false", 5) == 0) return i + 5;
  if(n - i >= 4 && memcmp(s + i, "null", 4) == 0) return i + 4;
  return json_number(s, n, i);
}

static void check_any_json_array(const char *s, size_t n){
  CHECK(n >= 2 && s[0] == '[');
  CHECK(json_value(s, n, 0, 0) == n);
}

/* ---- one row, every column, as the vtab's xColumn converts it ---------- */

static ZlBuf text_buf, json_buf;

static void check_iso(const char *iso, size_t n){
  static const char shape[] = "dddd-dd-ddTdd:dd:dd.ddddddZ";
  CHECK(n == sizeof shape - 1);
  for(size_t i = 0; i < n; i++){
    if(shape[i] == 'd') CHECK(iso[i] >= '0' && iso[i] <= '9');
    else CHECK(iso[i] == shape[i]);
  }
}

static void convert_row(ZlScan *s, const ZlScanConfig *cfg){
  const ZlTsvFormat *fmt = zl_scan_format(s);
  CHECK(fmt->sep_len > 0 && fmt->set_sep_len > 0);
  CHECK(zl_scan_line(s) >= 1);
  CHECK(zl_scan_path(s)[0] != 0);
  for(int c = 0; c < cfg->columns.n; c++){
    const ZlField *f = &cfg->columns.f[c];
    ZlCell cell;
    if(f->kind != ZL_TEXT && f->kind != ZL_SET){
      const ZlValue *v = &s->vals[c];
      CHECK(v->state == ZL_V_NULL || v->state == ZL_V_INT || v->state == ZL_V_REAL
            || (v->state == ZL_V_TEXT && s->json && f->inferred));
      if(v->state == ZL_V_TEXT){           /* an inferred column's member that is no number */
        CHECK(zl_scan_cell(s, c, &cell) == 0);
        CHECK(cell.kind == ZL_CELL_PLAIN && cell.p != NULL);
        continue;
      }
      if(f->kind == ZL_BOOL && v->state == ZL_V_INT) CHECK(v->i == 0 || v->i == 1);
      if(v->state == ZL_V_REAL) CHECK(!isnan(v->d));     /* nan is NULL: SQLite has no NaN */
      if(f->kind == ZL_TIME && v->state == ZL_V_REAL){    /* ts_iso */
        char iso[32];
        CHECK(zl_scan_cell(s, c, &cell) == 0);
        const char *p = cell.kind == ZL_CELL_ZEEK ? cell.p : NULL;
        size_t n = zl_format_iso(p, p ? cell.n : 0, v->d, iso);
        if(n) check_iso(iso, n);
      }
      continue;
    }
    if(cfg->wanted && !cfg->wanted[c]) continue;
    CHECK(zl_scan_cell(s, c, &cell) == 0);
    switch(cell.kind){
      case ZL_CELL_NULL: case ZL_CELL_EMPTY: break;
      case ZL_CELL_PLAIN:
        CHECK(cell.p != NULL);
        break;
      case ZL_CELL_JSON:
        CHECK(f->kind == ZL_SET);
        check_any_json_array(cell.p, cell.n);
        break;
      case ZL_CELL_ZEEK:
        CHECK(cell.p != NULL);
        if(f->kind == ZL_TEXT){
          text_buf.n = 0;
          CHECK(zl_buf_reserve(&text_buf, cell.n + 1) == 0);
          size_t n = zl_unescape(cell.p, cell.n, text_buf.p);
          CHECK(n <= cell.n);
          if(!memchr(cell.p, '\\', cell.n)) CHECK(n == cell.n && memcmp(text_buf.p, cell.p, n) == 0);
        }else{
          json_buf.n = 0;
          if(zl_set_to_json(&json_buf, cell.p, cell.n, fmt, f->elem) == 0){
            check_json_array(json_buf.p, json_buf.n, f->elem);
          }else{
            CHECK(f->elem != ZL_TEXT);       /* only numbers can fail to convert */
          }
        }
        break;
      default:
        CHECK(!"unknown cell kind");
    }
  }
}

/* Runs one configuration to the end (or a bounded number of rows). */
static void run_scan(const ZlScanConfig *cfg){
  ZlScan s;
  if(zl_scan_open(&s, cfg) == 0){
    int rc;
    uint64_t rows = 0, last_line = 0;
    while((rc = zl_scan_next(&s)) == 1){
      CHECK(zl_scan_line(&s) > last_line);   /* one file: lines only go forward */
      last_line = zl_scan_line(&s);
      convert_row(&s, cfg);
      rows++;
    }
    CHECK(rc == 0 || rc == -1);
    if(rc < 0) CHECK(s.err != NULL);
    CHECK(s.stats.rows == rows);
    if(cfg->strict && rc == 0) CHECK(s.stats.skipped == 0);
  }else{
    CHECK(s.err != NULL);
  }
  zl_scan_close(&s);
}

/* fields='...' from the input's first line, when it is a valid spec. */
static void run_fields_spec(const uint8_t *data, size_t size){
  size_t n = 0;
  while(n < size && n < 512 && data[n] != '\n' && data[n] != 0) n++;
  char spec[513];
  memcpy(spec, data, n);
  spec[n] = 0;
  ZlScanConfig cfg;
  zl_scan_config_init(&cfg);
  char *err = NULL;
  if(zl_schema_parse(spec, &cfg.columns, &err)){
    CHECK(err != NULL);
    free(err);
    zl_schema_free(&cfg.columns);
    return;
  }
  ZlSchema headerless;
  CHECK(zl_schema_copy(&headerless, &cfg.columns) == 0);
  cfg.pattern = fuzz_path;
  cfg.headerless = &headerless;
  cfg.nheaderless = 1;
  run_scan(&cfg);
  zl_schema_free(&headerless);
  zl_schema_free(&cfg.columns);
}

static void run_builtin(const char *columns, const char *layout, int strict){
  ZlScanConfig cfg;
  zl_scan_config_init(&cfg);
  ZlSchema *layouts;
  int n;
  CHECK(zl_schema_builtin(columns, &cfg.columns) == 0);
  CHECK(zl_schema_headerless(layout, &layouts, &n) == 0);
  cfg.pattern = fuzz_path;
  cfg.headerless = layouts;
  cfg.nheaderless = n;
  cfg.strict = strict;
  run_scan(&cfg);
  zl_schema_free_all(layouts, n);
  zl_schema_free(&cfg.columns);
}

int LLVMFuzzerInitialize(int *argc, char ***argv){
  (void)argc; (void)argv;
  make_workdir();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size){
  if(!fuzz_path[0]) make_workdir();
  write_input(data, size);

  /* 1 and 2: the schema the file's header declares. */
  ZlScanConfig cfg;
  zl_scan_config_init(&cfg);
  char *err = NULL;
  ZlProbe probe = { .pattern = fuzz_path, .max_line = cfg.max_line, .max_fields = cfg.max_fields };
  if(zl_scan_probe(&probe, &cfg.columns, &err) == 0){
    CHECK(cfg.columns.n > 0);
    cfg.pattern = fuzz_path;
    run_scan(&cfg);
    /* A query that reads some columns: every third, from a byte of the input. */
    unsigned char *wanted = calloc((size_t)cfg.columns.n + 1, 1);
    CHECK(wanted != NULL);
    for(int c = 0; c < cfg.columns.n; c++) wanted[c] = (c + (size ? data[size / 2] : 0)) % 3 == 0;
    cfg.wanted = wanted;
    run_scan(&cfg);
    cfg.wanted = NULL;
    free(wanted);
    /* The same with parsing threads (chunks are cut at every '#' line, so
    ** concatenated blocks go to different workers), for half the inputs. */
    if(size & 2){
      cfg.threads = 2;
      run_scan(&cfg);
      cfg.threads = 0;
    }
    cfg.strict = 1;
    cfg.max_line = 64;
    cfg.max_fields = 8;
    run_scan(&cfg);
  }else{
    CHECK(err != NULL);
  }
  free(err);
  zl_schema_free(&cfg.columns);

  /* 3 and 4: built-in layouts, headers matched by name. */
  run_builtin("http", "http", 0);
  run_builtin("http_all", "http", size & 1);

  /* 5: a fields= spec. */
  run_fields_spec(data, size);
  return 0;
}

#ifdef ZL_FUZZ_STANDALONE
static void fuzz_replay_done(void){
  zl_buf_free(&text_buf);
  zl_buf_free(&json_buf);
}
#include "replay.h"
#endif
