/*
** fuzz_json_line.c — libFuzzer target for the JSON line scanner
** (ext/parser/json_*.c) and its decoders.
**
** Build and run by hand, from the repository's top (clang 14 or later):
**   mkdir -p build-fuzz/json_line/corpus
**   clang -O1 -g -fno-omit-frame-pointer -std=c11 -D_GNU_SOURCE -Iext \
**     -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
**     -o build-fuzz/fuzz_json_line tests/fuzz/fuzz_json_line.c \
**     ext/parser/json_*.c ext/parser/escapes.c ext/parser/numbers.c \
**     ext/base/buf.c ext/base/civil.c -lcjson -lm
**   build-fuzz/fuzz_json_line -max_total_time=600 -max_len=4096 \
**     -dict=tests/fuzz/zeek.dict build-fuzz/json_line/corpus tests/fuzz/corpus
** The same file with -DZL_FUZZ_STANDALONE (and no -fsanitize=fuzzer) is a
** plain program that replays the files given to it.
**
** Each input is one line. It is scanned with a fixed set of names, alone in
** a buffer of exactly its size (so that ASan sees any read past it) and
** again with more bytes after it that the scanner may read ahead into, with
** the CPU's fast paths, with the SSE2 ones and with none (the generic walk);
** all must agree in every cell, count and error. A line cJSON (today's
** parser) judges differently must be one of the differences json_line.c
** documents. For a good line: every span lies inside the line, every
** string decodes to no more bytes than it had, every number is a JSON
** number, every array or object compacts to whitespace-free JSON that
** scans again and compacts to itself, and the member enumeration sees as
** many members as the scan counted. The decoders also get the raw input.
** A broken check aborts, like a crash.
*/
#include <cjson/cJSON.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/buf.h"
#include "parser/json_line.h"

#define CHECK(cond) do{ if(!(cond)){ fprintf(stderr, "invariant failed: %s (%s:%d)\n", #cond, \
                                             __FILE__, __LINE__); abort(); } }while(0)

/* Read ahead: bytes after the line that must never change the answer. */
#define AHEAD 96

static const char *const NAMES[] = {"ts", "uid", "id.orig_h", "id.orig_p", "status_code", "tags",
                                    "a", "b", "", "k\xc3\xa9y", "ts"};
#define NNAMES ((int)(sizeof NAMES / sizeof NAMES[0]))

static ZlJsonKeys keys, keys_sse2, keys_generic;
static ZlJsonLine alone, ahead, sse2_alone, sse2_ahead, generic;
static ZlBuf buf, again, scratch;

int LLVMFuzzerInitialize(int *argc, char ***argv){
  if(zl_json_keys_init(&keys, NAMES, NNAMES) || zl_json_line_init(&alone, &keys)
     || zl_json_line_init(&ahead, &keys) || zl_json_keys_init(&keys_sse2, NAMES, NNAMES)
     || zl_json_line_init(&sse2_alone, &keys_sse2) || zl_json_line_init(&sse2_ahead, &keys_sse2)
     || zl_json_keys_init(&keys_generic, NAMES, NNAMES) || zl_json_line_init(&generic, &keys_generic)) abort();
  if(keys_sse2.simd > ZL_JSON_SIMD_SSE2) keys_sse2.simd = ZL_JSON_SIMD_SSE2;
  keys_generic.simd = ZL_JSON_SIMD_NONE;
  return 0;
}

/* b (its line at lb) answered as a (its line at la) did. */
static void same_answer(const ZlJsonLine *a, const char *la, int rca, const ZlJsonLine *b, const char *lb, int rcb){
  CHECK(rca == rcb);
  if(rca){
    CHECK(a->error && b->error && strcmp(a->error, b->error) == 0 && a->error_at == b->error_at);
    return;
  }
  CHECK(a->members == b->members && a->unknown_keys == b->unknown_keys && a->nset == b->nset);
  for(int c = 0; c < keys.n; c++){
    const ZlJsonValue *x = &a->cells[c], *y = &b->cells[c];
    CHECK(x->type == y->type);
    if(x->type) CHECK(x->flags == y->flags && x->text.n == y->text.n && x->text.p - la == y->text.p - lb);
  }
}

static int is_ws(unsigned char c){ return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }

/* What json_line.c documents cJSON accepting and the scanner not. */
static int cjson_lenient(const char *line, size_t len, const char *why, size_t at){
  unsigned char c = at < len ? (unsigned char)line[at] : 0;
  if(at < len && c <= ' ' && !is_ws(c)) return 1;
  if(strcmp(why, "control character in string") == 0) return c < 0x20;
  if(strcmp(why, "leading zero") == 0) return c == '0' && at + 1 < len && line[at + 1] >= '0' && line[at + 1] <= '9';
  if(strcmp(why, "digit expected") == 0) return at > 0 && (line[at - 1] == '.' || (c == '.' && line[at - 1] == '-'));
  if(strcmp(why, "bad \\u escape") == 0) return c == '\\';
  return 0;
}

/* ... and the other way round: a newline after the object. */
static int cjson_strict(const char *line, size_t len){
  while(len > 0 && is_ws((unsigned char)line[len - 1])) if(line[--len] == '\n') return 1;
  return 0;
}

static int cjson_accepts(const char *line, size_t len){
  const char *end = NULL;
  cJSON *doc = cJSON_ParseWithLengthOpts(line, len, &end, 0);
  int ok = doc && cJSON_IsObject(doc);
  for(const char *p = end; ok && p < line + len; p++) ok = *p == ' ' || *p == '\t' || *p == '\r';
  cJSON_Delete(doc);
  return ok;
}

static int is_compact(const char *s, size_t n){
  for(size_t i = 0; i < n; i++){
    if(s[i] == '"'){
      for(i++; i < n && s[i] != '"'; i++) if(s[i] == '\\') i++;
    }else if(is_ws((unsigned char)s[i])){
      return 0;
    }
  }
  return 1;
}

/* An array or object: compact, and compact again gives the same. */
static void check_container(const ZlJsonValue *v){
  buf.n = 0;
  CHECK(zl_json_compact(&buf, v->text.p, v->text.n) == 0);
  CHECK(is_compact(buf.p, buf.n));
  again.n = 0;
  CHECK(zl_json_compact(&again, buf.p, buf.n) == 0);
  CHECK(again.n == buf.n && memcmp(again.p, buf.p, buf.n) == 0);
  /* as a member's value it scans again, whole */
  again.n = 0;
  zl_buf_append(&again, "{\"a\":", 5);
  zl_buf_append(&again, buf.p, buf.n);
  zl_buf_append(&again, "}", 1);
  CHECK(zl_json_line_scan(&ahead, &keys, again.p, again.n) == 0);
  CHECK(ahead.cells[6].type == v->type && ahead.cells[6].text.n == buf.n);
}

static void check_cell(const ZlJsonValue *v, const char *line, size_t len){
  CHECK(v->text.p >= line && v->text.p + v->text.n <= line + len);
  if(v->type == ZL_JSON_STRING){
    char *dec = malloc(v->text.n + 1);
    size_t n = 0;
    CHECK(zl_json_unescape(v->text.p, v->text.n, dec, &n) == 0);
    CHECK(n <= v->text.n);
    CHECK(!(v->flags & ZL_JSON_ESCAPED) == !memchr(v->text.p, '\\', v->text.n));
    CHECK((v->flags & ZL_JSON_ESCAPED) || (n == v->text.n && memcmp(dec, v->text.p, n) == 0));
    free(dec);
  }else if(v->type == ZL_JSON_NUMBER){
    double d;
    ZlValue val;
    int rc = zl_json_number_double(v->text.p, v->text.n, &d);
    CHECK(rc == 0 ? isfinite(d) : isinf(d));
    CHECK(zl_json_number_value(v->text.p, v->text.n, &val) == rc);
    CHECK(!(v->flags & ZL_JSON_FRACTION) == !memchr(v->text.p, '.', v->text.n)
          || memchr(v->text.p, 'e', v->text.n) || memchr(v->text.p, 'E', v->text.n));
  }else if(v->type == ZL_JSON_ARRAY || v->type == ZL_JSON_OBJECT){
    check_container(v);
  }else{
    CHECK(v->type >= ZL_JSON_NULL && v->type <= ZL_JSON_TRUE);
  }
}

static int count_member(void *ctx, const char *key, size_t key_len, const ZlJsonValue *v){
  (*(int *)ctx)++;
  return 0;
}

/* The decoders on the raw bytes: no crash, and sane answers. */
static void raw_decoders(const char *s, size_t n){
  char *dec = malloc(n + 1);
  size_t m;
  if(zl_json_unescape(s, n, dec, &m) == 0) CHECK(m <= n);
  free(dec);
  double d;
  ZlValue v;
  if(zl_json_number_double(s, n, &d) == 0) CHECK(isfinite(d));
  (void)zl_json_number_value(s, n, &v);
  buf.n = 0;
  if(zl_json_compact(&buf, s, n) == 0) CHECK(is_compact(buf.p, buf.n) && buf.n <= n);   /* never longer */
  else CHECK(buf.n == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size){
  char *line = malloc(size ? size : 1);          /* exactly the line: ASan guards its end */
  char *padded = malloc(size + AHEAD);
  memcpy(line, data, size);
  memcpy(padded, data, size);
  for(size_t i = 0; i < AHEAD; i++) padded[size + i] = "\"\\]}0,:\x01 9"[i % 10];
  int rc = zl_json_line_scan(&alone, &keys, line, size);
  same_answer(&alone, line, rc, &ahead, padded, zl_json_line_scan_ahead(&ahead, &keys, padded, size, size + AHEAD));
  same_answer(&alone, line, rc, &sse2_alone, line, zl_json_line_scan(&sse2_alone, &keys_sse2, line, size));
  same_answer(&alone, line, rc, &sse2_ahead, padded,
              zl_json_line_scan_ahead(&sse2_ahead, &keys_sse2, padded, size, size + AHEAD));
  same_answer(&alone, line, rc, &generic, line, zl_json_line_scan(&generic, &keys_generic, line, size));
  if(rc){
    CHECK(alone.error_at <= size);
    if(cjson_accepts(line, size)) CHECK(cjson_lenient(line, size, alone.error, alone.error_at));
  }else{
    CHECK(alone.unknown_keys <= alone.members && alone.nset <= keys.n);
    if(!cjson_accepts(line, size)) CHECK(cjson_strict(line, size));
    int members = 0;
    CHECK(zl_json_line_members(line, size, count_member, &members, &scratch, NULL, NULL) == 0);
    CHECK(members == alone.members);
    for(int c = 0; c < keys.n; c++) if(alone.cells[c].type) check_cell(&alone.cells[c], line, size);
  }
  raw_decoders(line, size);
  free(line);
  free(padded);
  return 0;
}

#ifdef ZL_FUZZ_STANDALONE
/* Replays the files given as arguments: exit 0 when none fails. */
int main(int argc, char **argv){
  LLVMFuzzerInitialize(&argc, &argv);
  for(int i = 1; i < argc; i++){
    FILE *f = fopen(argv[i], "rb");
    if(!f){ perror(argv[i]); return 2; }
    ZlBuf in = {0};
    char chunk[65536];
    size_t got;
    while((got = fread(chunk, 1, sizeof chunk, f)) > 0) zl_buf_append(&in, chunk, got);
    fclose(f);
    /* a file of lines: each line is an input, as the fuzzer's would be */
    for(size_t at = 0; at <= in.n;){
      const char *nl = in.n > at ? memchr(in.p + at, '\n', in.n - at) : NULL;
      size_t end = nl ? (size_t)(nl - in.p) : in.n;
      LLVMFuzzerTestOneInput((const uint8_t *)(in.p ? in.p + at : ""), end - at);
      at = end + 1;
    }
    zl_buf_free(&in);
    printf("ok %s\n", argv[i]);
  }
  zl_json_line_free(&alone);
  zl_json_line_free(&ahead);
  zl_json_line_free(&sse2_alone);
  zl_json_line_free(&sse2_ahead);
  zl_json_line_free(&generic);
  zl_json_keys_free(&keys);
  zl_json_keys_free(&keys_sse2);
  zl_json_keys_free(&keys_generic);
  zl_buf_free(&buf);
  zl_buf_free(&again);
  zl_buf_free(&scratch);
  return 0;
}
#endif
