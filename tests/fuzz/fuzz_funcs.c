/*
** fuzz_funcs.c — libFuzzer target for zeeklog's SQL functions, through
** SQLite itself (libsqlite3 and the whole extension, registered with
** sqlite3_auto_extension on a fresh in-memory connection per input).
**
**   sh tests/fuzz/run.sh 600          (builds build-fuzz/fuzz_funcs too, runs both)
**   build-fuzz/fuzz_funcs FILE...     (replays inputs, e.g. a crash artifact)
**
** An input is an operation byte (its value mod 8; '8' or 0xF0 and up: op 8), then up to three arguments A, B, C
** separated by the byte 0x01 (bound as TEXT, any bytes). All share one
** connection, which keeps only caches from input to input (the signatures'
** memo, compiled patterns): operation 4 deletes the rows it inserted.
**   0 regexp family    A REGEXP B, regexp_like, regexp_substr, regexp_capture(A, B, 0)
**   1 regexp_capture   (A, B, C) with C a group name or number
**   2 regexp_replace   (A, B, C), checked against PCRE2's own global
**                      substitution when A and C are valid UTF-8 and short
**   3 signatures       attack_class(A), scanner_ua(A), is_scanner_ua(A)
**   4 user signature   B inserted first in both tables, then as op 3; and in
**                      the core, A classified with and without the prefilter
**                      over B and a few built-ins: the answers must agree
**                      (but for an undetermined one the prefilter decides)
**   5 uri_decode       (A) and (A, 1): never longer than A
**   6 time_bucket      (A, B) as text, as REAL and as INTEGER
**   7 mode             over A split at ',' (each item typed by its first
**                      byte: i INTEGER, r REAL, b BLOB, else TEXT), against
**                      GROUP BY x ORDER BY count(*) DESC, x LIMIT 1
**   8 table options    zeek(LOG, A): A is the rest of the module's arguments
**                      (schema=, fields=, group=, bucket=, strict=, max_line=,
**                      threads=, ...), LOG a small TSV, JSON or headerless
**                      log chosen by B's first byte; the table is read, its
**                      stats taken, and dropped. Inputs that could name
**                      another file (a '/', a glob byte, "path") are skipped:
**                      the target reads only its own logs
** SQL errors are fine (a bad pattern, a limit); a crash, a sanitizer report
** or a broken check (abort) is not.
**
** Built with clang -fsanitize=fuzzer,address,undefined. Compiled with
** -DZL_FUZZ_STANDALONE it is a plain program that replays files (the
** regression test tests/scripts/test_fuzz_funcs.sh uses it).
*/
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <sqlite3.h>

#define PCRE2_CODE_UNIT_WIDTH 8
#include <pcre2.h>

#include "func/signatures/signatures.h"

/* The extension's entry point (ext/zeeklog.c), linked in. */
int sqlite3_zeeklog_init(sqlite3 *db, char **pzErr, const sqlite3_api_routines *pApi);

#define SEPARATOR 0x01
#define ARGS 3
#define ORACLE_MAX 512         /* PCRE2's own loop is quadratic: keep it short */
#define ORACLE_OUT (64 * 1024)

typedef struct Args {
  const char *p[ARGS];
  int n[ARGS];
} Args;

static void check(int ok, const char *what){
  if(!ok){
    fprintf(stderr, "fuzz_funcs: check failed: %s\n", what);
    abort();
  }
}

static void split(const uint8_t *data, size_t size, Args *a){
  static const char empty[1] = "";
  size_t at = 0;
  for(int i = 0; i < ARGS; i++){
    a->p[i] = empty;
    a->n[i] = 0;
    if(at > size) continue;
    size_t end = at;
    while(end < size && data[end] != SEPARATOR) end++;
    a->p[i] = (const char *)data + at;
    a->n[i] = (int)(end - at);
    at = end + 1;
  }
}

/* Prepares sql, binds A B C as ?1 ?2 ?3 (TEXT), steps it to its end. Calls
** row() for each row. Returns the final result code. */
static int run(sqlite3 *db, const char *sql, const Args *a,
               void (*row)(sqlite3_stmt *, void *), void *arg){
  sqlite3_stmt *stmt;
  if(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK) return SQLITE_ERROR;
  int params = sqlite3_bind_parameter_count(stmt);
  for(int i = 0; i < ARGS && i < params; i++){
    sqlite3_bind_text(stmt, i + 1, a->p[i], a->n[i], SQLITE_STATIC);
  }
  int rc;
  while((rc = sqlite3_step(stmt)) == SQLITE_ROW){
    if(row) row(stmt, arg);
  }
  sqlite3_finalize(stmt);
  return rc;
}

static int is_valid_utf8(const unsigned char *s, size_t len){
  size_t i = 0;
  while(i < len){
    unsigned c = s[i];
    if(c < 0x80){ i++; continue; }
    size_t n = c >= 0xf0 ? 3 : c >= 0xe0 ? 2 : 1;
    if(c < 0xc2 || c > 0xf4 || len - i <= n) return 0;
    unsigned lo = c == 0xe0 ? 0xa0 : c == 0xf0 ? 0x90 : 0x80;
    unsigned hi = c == 0xed ? 0x9f : c == 0xf4 ? 0x8f : 0xbf;
    if(s[i + 1] < lo || s[i + 1] > hi) return 0;
    for(size_t k = 2; k <= n; k++) if((s[i + k] & 0xc0) != 0x80) return 0;
    i += n + 1;
  }
  return 1;
}

/* ---- 2: regexp_replace against PCRE2 ------------------------------------ */

typedef struct Text { int set; char *p; int n; } Text;

static void keep_text(sqlite3_stmt *stmt, void *arg){
  Text *t = arg;
  if(sqlite3_column_type(stmt, 0) == SQLITE_NULL) return;
  t->n = sqlite3_column_bytes(stmt, 0);
  t->p = malloc((size_t)t->n + 1);
  memcpy(t->p, sqlite3_column_text(stmt, 0), (size_t)t->n);
  t->set = 1;
}

static void replace_against_pcre2(sqlite3 *db, const Args *a){
  Text ours = {0, NULL, 0};
  int rc = run(db, "SELECT regexp_replace(?1, ?2, ?3)", a, keep_text, &ours);
  if(rc != SQLITE_DONE || !ours.set || a->n[0] > ORACLE_MAX
     || !is_valid_utf8((const unsigned char *)a->p[0], (size_t)a->n[0])
     || !is_valid_utf8((const unsigned char *)a->p[2], (size_t)a->n[2])){
    free(ours.p);
    return;
  }
  int code;
  PCRE2_SIZE offset, size = ORACLE_OUT;
  pcre2_code *re = pcre2_compile((PCRE2_SPTR)a->p[1], (size_t)a->n[1],
                                 PCRE2_UTF | PCRE2_MATCH_INVALID_UTF | PCRE2_NEVER_BACKSLASH_C,
                                 &code, &offset, NULL);
  check(re != NULL, "a pattern regexp_replace took does not compile");
  pcre2_match_data *md = pcre2_match_data_create_from_pattern(re, NULL);
  char *want = malloc(ORACLE_OUT);
  rc = pcre2_substitute(re, (PCRE2_SPTR)a->p[0], (size_t)a->n[0], 0,
                        PCRE2_SUBSTITUTE_GLOBAL | PCRE2_SUBSTITUTE_UNSET_EMPTY, md, NULL,
                        (PCRE2_SPTR)a->p[2], (size_t)a->n[2], (PCRE2_UCHAR *)want, &size);
  if(rc >= 0){
    check((int)size == ours.n && memcmp(want, ours.p, size) == 0,
          "regexp_replace differs from PCRE2's global substitution");
  }
  free(want);
  pcre2_match_data_free(md);
  pcre2_code_free(re);
  free(ours.p);
}

/* ---- 4: a user signature, and the prefilter in the core ----------------- */

/* A few built-ins beside the user's pattern: enough for two words of
** candidates would be 64; what matters here is the user's pattern's needs. */
#define BUILTINS_BESIDE 4

static void prefilter_agrees(const Args *a, unsigned flags, const ZlSignatureSpec *specs){
  ZlSigSet *set = zl_sigset_new(flags, NULL);
  check(set != NULL && zl_sigset_load(set, specs, BUILTINS_BESIDE) == ZL_SIG_OK, "load a set");
  char err[256];
  ZlSignatureSpec user = { "user", NULL, NULL, NULL };
  char *pattern = malloc((size_t)a->n[1] + 1);
  memcpy(pattern, a->p[1], (size_t)a->n[1]);
  pattern[a->n[1]] = 0;
  user.pattern = pattern;
  if(strlen(pattern) == (size_t)a->n[1]
     && zl_sigset_insert(set, 0, &user, err, sizeof err) == ZL_SIG_OK){
    const ZlSignature *with, *without;
    int x = zl_sigset_match(set, a->p[0], (size_t)a->n[0], ZL_SIG_NO_MEMO, &with);
    int y = zl_sigset_match(set, a->p[0], (size_t)a->n[0],
                            ZL_SIG_NO_MEMO | ZL_SIG_NO_PREFILTER, &without);
    /* The same answer; except that a pattern which runs out of effort on a
    ** value its needs rule out is not run with the prefilter: undetermined
    ** without it, decided (nothing matches) with it. */
    int same = x == y && with == without;
    int decided = y == ZL_SIG_UNDETERMINED && x == ZL_SIG_OK;
    check(same || decided, "the prefilter changed a signature's answer");
  }
  free(pattern);
  zl_sigset_free(set);
}

static void user_signature(sqlite3 *db, const Args *a){
  run(db, "INSERT INTO attack_signatures(rowid, name, pattern) VALUES (0, 'user', ?2)", a, NULL, NULL);
  run(db, "INSERT INTO scanner_signatures(rowid, name, pattern) VALUES (0, 'user', ?2)", a, NULL, NULL);
  run(db, "SELECT attack_class(?1), scanner_ua(?1), is_scanner_ua(?1)", a, NULL, NULL);
  run(db, "SELECT count(*) FROM attack_signatures WHERE undetermined > 0", a, NULL, NULL);
  run(db, "DELETE FROM attack_signatures WHERE rowid = 0", a, NULL, NULL);
  run(db, "DELETE FROM scanner_signatures WHERE rowid = 0", a, NULL, NULL);
  prefilter_agrees(a, ZL_SIGSET_DECODE_URI, zl_attack_signatures);
  prefilter_agrees(a, 0, zl_scanner_signatures);
}

/* ---- 5: uri_decode ------------------------------------------------------ */

static void decoded_not_longer(sqlite3_stmt *stmt, void *arg){
  const Args *a = arg;
  for(int i = 0; i < 2; i++){
    if(sqlite3_column_type(stmt, i) == SQLITE_NULL) continue;
    check(sqlite3_column_bytes(stmt, i) <= a->n[0], "uri_decode made the text longer");
  }
}

/* ---- 7: mode against GROUP BY ------------------------------------------- */

static void same_answer(sqlite3_stmt *stmt, void *arg){
  (void)arg;
  check(sqlite3_column_int(stmt, 0) == 1, "mode() differs from GROUP BY");
}

static void mode_against_group_by(sqlite3 *db, const Args *a){
  static const char *const sql =
    "WITH RECURSIVE items(item, rest) AS ("
    "  SELECT NULL, ?1 || ','"
    "  UNION ALL SELECT substr(rest, 1, instr(rest, ',') - 1), substr(rest, instr(rest, ',') + 1)"
    "  FROM items WHERE rest <> '' LIMIT 400),"
    " v(x) AS (SELECT CASE substr(item, 1, 1)"
    "    WHEN 'i' THEN CAST(substr(item, 2) AS INTEGER)"
    "    WHEN 'r' THEN CAST(substr(item, 2) AS REAL)"
    "    WHEN 'b' THEN CAST(substr(item, 2) AS BLOB)"
    "    ELSE item END FROM items WHERE item IS NOT NULL)"
    " SELECT (SELECT mode(x) FROM v) IS (SELECT x FROM v WHERE x IS NOT NULL GROUP BY x"
    "   ORDER BY count(*) DESC, x LIMIT 1)";
  run(db, sql, a, same_answer, NULL);
}

/* ---- the target --------------------------------------------------------- */

/* ---- op 8: table options -------------------------------------------------- */
#define OPTIONS_MAX 1024
static const char *const LOGS[] = {
  "#separator \\x09\n#set_separator\t,\n#empty_field\t(empty)\n#unset_field\t-\n#path\thttp\n"
  "#fields\tts\tuid\tid.orig_h\tuser_agent\tstatus_code\ttags\n"
  "#types\ttime\tstring\taddr\tstring\tcount\tset[string]\n"
  "1331901000.000001\tCa\t10.0.0.1\tcurl/7\t200\tA,B\n"
  "1331901061.5\tCb\t10.0.0.2\t-\t404\t(empty)\n"
  "\n"
  "1331904700\tCc\t::1\tsqlmap/1.0\tbad\t-\n"
  "1331990000.25\tCd\t10.0.0.1\tcurl/7\t-\tA\n",
  "{\"ts\":1331901000.5,\"uid\":\"Ca\",\"id.orig_h\":\"10.0.0.1\",\"status_code\":200,\"tags\":[\"A\"]}\n"
  "{\"ts\":\"2012-03-16T12:31:01.5Z\",\"uid\":\"Cb\",\"user_agent\":\"x\",\"extra\":[1,2]}\n"
  "{\"ts\":1331904700,\"uid\":\"Cc\",\"status_code\":\"404\"}\n"
  "not json\n",
  "1331901000.000001\tCa\t10.0.0.1\t1\t10.0.0.9\t80\n"
  "1331901061.5\tCb\t10.0.0.2\t2\t10.0.0.9\t443\n",
};
#define NLOGS ((int)(sizeof LOGS / sizeof LOGS[0]))
static char log_paths[NLOGS][256];

static void write_logs(void){
  const char *dir = getenv("ZL_FUZZ_DIR");
  static char made[] = "/tmp/zl-fuzz-funcs-XXXXXX";
  if(dir == NULL && (dir = mkdtemp(made)) == NULL) abort();
  for(int i = 0; i < NLOGS; i++){
    snprintf(log_paths[i], sizeof log_paths[i], "%s/options-%d.log", dir, i);
    FILE *f = fopen(log_paths[i], "wb");
    if(f == NULL || fputs(LOGS[i], f) < 0 || fclose(f) != 0) abort();
  }
}

static int could_name_a_file(const char *p, int n){
  for(int i = 0; i < n; i++){
    if(p[i] == '/' || p[i] == '*' || p[i] == '?' || p[i] == '[' || p[i] == '\0') return 1;
    if(i + 4 <= n && (p[i] | 0x20) == 'p' && (p[i + 1] | 0x20) == 'a' && (p[i + 2] | 0x20) == 't'
       && (p[i + 3] | 0x20) == 'h') return 1;
  }
  return 0;
}

static void valid_stats(sqlite3_stmt *stmt, void *arg){
  (void)arg;
  check(sqlite3_column_int(stmt, 0) == 1, "zeek_stats() is valid JSON");
}

static void table_options(sqlite3 *db, const Args *a){
  if(a->n[0] > OPTIONS_MAX || could_name_a_file(a->p[0], a->n[0])) return;
  int which = a->n[1] ? (unsigned char)a->p[1][0] % NLOGS : 0;
  char *sql = sqlite3_mprintf("CREATE VIRTUAL TABLE temp.fz USING zeek('%q'%s%.*s)", log_paths[which],
                              a->n[0] ? ", " : "", a->n[0], a->p[0]);
  check(sql != NULL, "sqlite3_mprintf");
  Args none = {{"", "", ""}, {0, 0, 0}};
  if(run(db, sql, &none, NULL, NULL) == SQLITE_DONE){
    run(db, "SELECT * FROM temp.fz", &none, NULL, NULL);
    run(db, "SELECT count(*), count(DISTINCT _line) FROM temp.fz", &none, NULL, NULL);
    run(db, "SELECT json_valid(zeek_stats('fz')), zeek_skipped('fz')", &none, valid_stats, NULL);
  }
  run(db, "DROP TABLE IF EXISTS temp.fz", &none, NULL, NULL);
  sqlite3_free(sql);
}

static sqlite3 *shared;

static void close_shared(void){
  sqlite3_close(shared);
}

int LLVMFuzzerInitialize(int *argc, char ***argv){
  (void)argc; (void)argv;
  sqlite3_auto_extension((void (*)(void))sqlite3_zeeklog_init);
  if(sqlite3_open(":memory:", &shared) != SQLITE_OK) abort();
  atexit(close_shared);
  write_logs();
  return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size){
  if(size == 0) return 0;
  Args a;
  split(data + 1, size - 1, &a);
  sqlite3 *db = shared;
  /* Ops 0-7 are the byte mod 8 (as the seeds and regressions were written);
  ** op 8 came later: '8' or a byte of 0xF0 and up, so that no old input changes op. */
  switch(data[0] == '8' || data[0] >= 0xF0 ? 8 : data[0] % 8){
    case 0: run(db, "SELECT ?1 REGEXP ?2, regexp_like(?1, ?2), regexp_substr(?1, ?2),"
                    " regexp_capture(?1, ?2, 0)", &a, NULL, NULL); break;
    case 1: run(db, "SELECT regexp_capture(?1, ?2, ?3), regexp_capture(?1, ?2, CAST(?3 AS INTEGER))",
                &a, NULL, NULL); break;
    case 2: replace_against_pcre2(db, &a); break;
    case 3: run(db, "SELECT attack_class(?1), scanner_ua(?1), is_scanner_ua(?1)", &a, NULL, NULL); break;
    case 4: user_signature(db, &a); break;
    case 5: run(db, "SELECT uri_decode(?1), uri_decode(?1, 1)", &a, decoded_not_longer, &a); break;
    case 6: run(db, "SELECT time_bucket(?1, ?2), time_bucket(CAST(?1 AS REAL), CAST(?2 AS REAL)),"
                    " time_bucket(CAST(?1 AS INTEGER), ?2)", &a, NULL, NULL); break;
    case 7: mode_against_group_by(db, &a); break;
    case 8: table_options(db, &a); break;
  }
  return 0;
}

#ifdef ZL_FUZZ_STANDALONE
static void fuzz_replay_done(void){}
#include "replay.h"
#endif
