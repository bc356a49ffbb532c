/*
** bench_json.c — which JSON parser should read Zeek JSON logs (issue 10)?
** Single-thread throughput of zeeklog's own scanner (ext/parser/json_*.c)
** against the parsers Debian ships: cJSON (today's), json-c and simdjson.
**
**   sh bench/json_parsers/build.sh          (builds build/bench_json)
**   build/bench_json [-r ROUNDS] FILE.json.log
**
** The file is read into memory first (no I/O is timed), then every parser
** makes one pass over all its lines per round, the parsers taking turns;
** the table gives each one's median over the rounds, in MB/s of line bytes.
**   two: validate the whole line and find status_code and id.orig_h (the
**        status as an integer, the address's decoded length);
**   all: validate the whole line and visit every member (counted by type).
** Each parser's answers (lines accepted and rejected, the sum of status
** codes, the address lengths, the members by type) are printed and must be
** equal, or the program says so and exits 1. simdjson On-Demand is timed
** for comparison only: it does not validate what it skips, so it cannot
** reject a bad line as the others do.
** A second table says which parsers read the numbers Zeek writes at the
** extremes (the full 309 digits of +-DBL_MAX, the largest count, a time
** with microseconds, the least subnormal) to exactly the double they name.
*/
#include <cjson/cJSON.h>
#include <float.h>
#include <json-c/json.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "parser/json_line.h"
#include "simdjson_c.h"

#define DEFAULT_ROUNDS 5
#define PADDING 64            /* simdjson reads up to this far past a line */
#define MAX_PARSERS 8

typedef struct Answers {
  uint64_t ok, bad;
  uint64_t status_sum, status_n;
  uint64_t orig_len, orig_n;
  uint64_t types[7];          /* null false true number string array object */
} Answers;

typedef struct Lines { const char *data; size_t bytes; size_t n; size_t *start, *len; } Lines;

/* The end of the loaded file: the scanner may read ahead up to it. */
static const char *buffer_end;

/* ---- the parsers: one state each, a 'two' and an 'all' ---- */

typedef struct Parser {
  const char *name;
  int (*two)(void *st, const char *line, size_t len, int64_t *status, size_t *orig_len);
  int (*all)(void *st, const char *line, size_t len, uint64_t types[7]);
  void *st;
  int validates;              /* rejects every malformed line */
} Parser;

/* zeeklog's scanner: one index for 'two', one of every key for 'all'. */
typedef struct Mine {
  ZlJsonKeys two_keys, all_keys;
  ZlJsonLine two_row, all_row;
  char *decoded;              /* an escaped address, decoded */
  size_t decoded_cap;
} Mine;

static const char *const HTTP_KEYS[] = {
  "ts", "uid", "id.orig_h", "id.orig_p", "id.resp_h", "id.resp_p", "trans_depth", "method",
  "host", "uri", "referrer", "user_agent", "request_body_len", "response_body_len",
  "status_code", "status_msg", "info_code", "info_msg", "filename", "tags", "username",
  "password", "proxied", "orig_fuids", "orig_mime_types", "resp_fuids", "resp_mime_types"};
#define HTTP_NKEYS ((int)(sizeof HTTP_KEYS / sizeof HTTP_KEYS[0]))

static int mine_two(void *st, const char *line, size_t len, int64_t *status, size_t *orig_len){
  Mine *m = st;
  if(zl_json_line_scan_ahead(&m->two_row, &m->two_keys, line, len, (size_t)(buffer_end - line))) return -1;
  const ZlJsonValue *s = &m->two_row.cells[0], *h = &m->two_row.cells[1];
  ZlValue v;
  *status = s->type == ZL_JSON_NUMBER && zl_json_number_value(s->text.p, s->text.n, &v) == 0
            && v.state == ZL_V_INT ? v.i : -1;
  *orig_len = (size_t)-1;
  if(h->type == ZL_JSON_STRING){
    if(!(h->flags & ZL_JSON_ESCAPED)) *orig_len = h->text.n;
    else if(h->text.n <= m->decoded_cap) zl_json_unescape(h->text.p, h->text.n, m->decoded, orig_len);
  }
  return 0;
}

static int mine_all(void *st, const char *line, size_t len, uint64_t types[7]){
  Mine *m = st;
  ZlJsonLine *row = &m->all_row;
  if(zl_json_line_scan_ahead(row, &m->all_keys, line, len, (size_t)(buffer_end - line))) return -1;
  for(int c = 0; c < m->all_keys.n; c++) if(row->cells[c].type) types[row->cells[c].type - ZL_JSON_NULL]++;
  return row->unknown_keys ? -1 : 0;        /* the twin has no other keys */
}

static int count_member(void *ctx, const char *key, size_t key_len, const ZlJsonValue *v){
  ((uint64_t *)ctx)[v->type - ZL_JSON_NULL]++;
  return 0;
}

static int mine_members(void *st, const char *line, size_t len, uint64_t types[7]){
  return zl_json_line_members(line, len, count_member, types, st, NULL, NULL);
}

/* cJSON, as ext/parser/json.c calls it. */
static cJSON *cjson_parse(const char *line, size_t len){
  const char *end = NULL;
  cJSON *doc = cJSON_ParseWithLengthOpts(line, len, &end, 0);
  if(!doc || !cJSON_IsObject(doc)){ cJSON_Delete(doc); return NULL; }
  for(const char *p = end; p < line + len; p++){
    if(*p != ' ' && *p != '\t' && *p != '\r'){ cJSON_Delete(doc); return NULL; }
  }
  return doc;
}

static int cjson_two(void *st, const char *line, size_t len, int64_t *status, size_t *orig_len){
  cJSON *doc = cjson_parse(line, len);
  if(!doc) return -1;
  const cJSON *s = cJSON_GetObjectItemCaseSensitive(doc, "status_code");
  const cJSON *h = cJSON_GetObjectItemCaseSensitive(doc, "id.orig_h");
  *status = cJSON_IsNumber(s) ? (int64_t)s->valuedouble : -1;
  *orig_len = cJSON_IsString(h) ? strlen(h->valuestring) : (size_t)-1;
  cJSON_Delete(doc);
  return 0;
}

static int cjson_type(const cJSON *v){
  if(cJSON_IsNull(v)) return 0;
  if(cJSON_IsFalse(v)) return 1;
  if(cJSON_IsTrue(v)) return 2;
  if(cJSON_IsNumber(v)) return 3;
  if(cJSON_IsString(v)) return 4;
  return cJSON_IsArray(v) ? 5 : 6;
}

static int cjson_all(void *st, const char *line, size_t len, uint64_t types[7]){
  cJSON *doc = cjson_parse(line, len);
  if(!doc) return -1;
  const cJSON *m;
  cJSON_ArrayForEach(m, doc) types[cjson_type(m)]++;
  cJSON_Delete(doc);
  return 0;
}

/* json-c, strict (RFC 8259), one tokener reused. */
static json_object *jsonc_parse(json_tokener *tok, const char *line, size_t len){
  json_tokener_reset(tok);
  json_object *doc = json_tokener_parse_ex(tok, line, (int)len);
  if(!doc || json_tokener_get_error(tok) != json_tokener_success
     || json_tokener_get_parse_end(tok) != len || !json_object_is_type(doc, json_type_object)){
    json_object_put(doc);
    return NULL;
  }
  return doc;
}

static int jsonc_two(void *st, const char *line, size_t len, int64_t *status, size_t *orig_len){
  json_object *doc = jsonc_parse(st, line, len), *v;
  if(!doc) return -1;
  *status = json_object_object_get_ex(doc, "status_code", &v) && json_object_is_type(v, json_type_int)
            ? json_object_get_int64(v) : -1;
  *orig_len = json_object_object_get_ex(doc, "id.orig_h", &v) && json_object_is_type(v, json_type_string)
              ? (size_t)json_object_get_string_len(v) : (size_t)-1;
  json_object_put(doc);
  return 0;
}

static int jsonc_all(void *st, const char *line, size_t len, uint64_t types[7]){
  json_object *doc = jsonc_parse(st, line, len);
  if(!doc) return -1;
  json_object_object_foreach(doc, key, v){
    (void)key;
    switch(json_object_get_type(v)){
      case json_type_null: types[0]++; break;
      case json_type_boolean: types[json_object_get_boolean(v) ? 2 : 1]++; break;
      case json_type_int: case json_type_double: types[3]++; break;
      case json_type_string: types[4]++; break;
      case json_type_array: types[5]++; break;
      default: types[6]++; break;
    }
  }
  json_object_put(doc);
  return 0;
}

static int sjdom_two(void *st, const char *line, size_t len, int64_t *status, size_t *orig_len){
  return sj_dom_two(st, line, len, status, orig_len);
}
static int sjdom_all(void *st, const char *line, size_t len, uint64_t types[7]){
  return sj_dom_all(st, line, len, types);
}
static int sjod_two(void *st, const char *line, size_t len, int64_t *status, size_t *orig_len){
  return sj_ondemand_two(st, line, len, status, orig_len);
}

/* ---- exactness: the member "v" of each line, read as a double ---- */

#define DBL_MAX_DIGITS "17976931348623157081452742373170435679807056752584499659891747680315726078002853876058955" \
  "86327668781715404589535143824642343213268894641827684675467035375169860499105765512820762" \
  "45490090389328944075868508455133942304583236903222948165808559332123348274797826204144723" \
  "168738177180919299881250404026184124858368"

static const struct { const char *line; double want; } EXTREMES[] = {
  {"{\"v\":" DBL_MAX_DIGITS ".0}", DBL_MAX},
  {"{\"v\":-" DBL_MAX_DIGITS ".0}", -DBL_MAX},
  {"{\"v\":18446744073709551615}", 18446744073709551615.0},
  {"{\"v\":1582646597.838527}", 1582646597.838527},
  {"{\"v\":5e-324}", 0x1p-1074},
};
#define NEXTREMES ((int)(sizeof EXTREMES / sizeof EXTREMES[0]))

static int mine_number(void *st, const char *line, size_t len, double *out){
  static const char *const v[] = {"v"};
  ZlJsonKeys keys;
  ZlJsonLine row;
  int rc = -1;
  if(zl_json_keys_init(&keys, v, 1) || zl_json_line_init(&row, &keys)) return -1;
  if(zl_json_line_scan(&row, &keys, line, len) == 0 && row.cells[0].type == ZL_JSON_NUMBER)
    rc = zl_json_number_double(row.cells[0].text.p, row.cells[0].text.n, out);
  zl_json_line_free(&row);
  zl_json_keys_free(&keys);
  return rc;
}

static int cjson_number(void *st, const char *line, size_t len, double *out){
  cJSON *doc = cjson_parse(line, len);
  const cJSON *v = cJSON_GetObjectItemCaseSensitive(doc, "v");
  int rc = cJSON_IsNumber(v) ? (*out = v->valuedouble, 0) : -1;
  cJSON_Delete(doc);
  return rc;
}

static int jsonc_number(void *st, const char *line, size_t len, double *out){
  json_object *doc = jsonc_parse(st, line, len), *v;
  int rc = doc && json_object_object_get_ex(doc, "v", &v) ? (*out = json_object_get_double(v), 0) : -1;
  json_object_put(doc);
  return rc;
}

static int sjdom_number(void *st, const char *line, size_t len, double *out){
  return sj_dom_number(st, line, len, out);
}

/* How many of EXTREMES the parser reads to the exact double. */
static int exact_extremes(int (*number)(void *, const char *, size_t, double *), void *st){
  int ok = 0;
  for(int i = 0; i < NEXTREMES; i++){
    size_t len = strlen(EXTREMES[i].line);
    char *padded = calloc(len + PADDING, 1);
    double d = 0;
    memcpy(padded, EXTREMES[i].line, len);
    ok += number(st, padded, len, &d) == 0 && d == EXTREMES[i].want;
    free(padded);
  }
  return ok;
}

/* ---- the file, the passes, the table ---- */

static double now(void){
  struct timespec t;
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int load(const char *path, Lines *L){
  FILE *f = fopen(path, "rb");
  if(!f){ perror(path); return -1; }
  fseek(f, 0, SEEK_END);
  long size = ftell(f);
  fseek(f, 0, SEEK_SET);
  char *data = malloc((size_t)size + PADDING);
  if(!data || fread(data, 1, (size_t)size, f) != (size_t)size){ fclose(f); return -1; }
  fclose(f);
  memset(data + size, ' ', PADDING);
  size_t n = 0;
  for(long i = 0; i < size; i++) n += data[i] == '\n';
  L->start = malloc((n + 1) * sizeof *L->start);
  L->len = malloc((n + 1) * sizeof *L->len);
  L->n = 0;
  L->bytes = 0;
  for(size_t at = 0; at < (size_t)size;){
    const char *nl = memchr(data + at, '\n', (size_t)size - at);
    size_t end = nl ? (size_t)(nl - data) : (size_t)size;
    L->start[L->n] = at;
    L->len[L->n++] = end - at;
    L->bytes += end - at;
    at = end + 1;
  }
  L->data = data;
  buffer_end = data + size;
  return 0;
}

static double pass_two(const Parser *p, const Lines *L, Answers *a){
  memset(a, 0, sizeof *a);
  double t0 = now();
  for(size_t i = 0; i < L->n; i++){
    int64_t status;
    size_t orig_len;
    if(p->two(p->st, L->data + L->start[i], L->len[i], &status, &orig_len)){ a->bad++; continue; }
    a->ok++;
    if(status >= 0){ a->status_sum += (uint64_t)status; a->status_n++; }
    if(orig_len != (size_t)-1){ a->orig_len += orig_len; a->orig_n++; }
  }
  return now() - t0;
}

static double pass_all(const Parser *p, const Lines *L, Answers *a){
  memset(a, 0, sizeof *a);
  double t0 = now();
  for(size_t i = 0; i < L->n; i++){
    if(p->all(p->st, L->data + L->start[i], L->len[i], a->types)) a->bad++;
    else a->ok++;
  }
  return now() - t0;
}

static int cmp_double(const void *a, const void *b){
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

static void print_answers(const char *task, const char *name, const Answers *a){
  printf("  %-4s %-34s ok %llu bad %llu", task, name, (unsigned long long)a->ok,
         (unsigned long long)a->bad);
  if(task[0] == 't'){
    printf(" status %llu/%llu orig_h %llu/%llu\n", (unsigned long long)a->status_sum,
           (unsigned long long)a->status_n, (unsigned long long)a->orig_len,
           (unsigned long long)a->orig_n);
  }else{
    printf(" types");
    for(int t = 0; t < 7; t++) printf(" %llu", (unsigned long long)a->types[t]);
    printf("\n");
  }
}

int main(int argc, char **argv){
  int rounds = DEFAULT_ROUNDS;
  if(argc >= 3 && strcmp(argv[1], "-r") == 0){ rounds = atoi(argv[2]); argv += 2; argc -= 2; }
  if(argc != 2 || rounds < 1){
    fprintf(stderr, "usage: bench_json [-r ROUNDS] FILE.json.log\n");
    return 2;
  }
  Lines L;
  if(load(argv[1], &L)) return 1;

  Mine mine;
  const char *two_names[] = {"status_code", "id.orig_h"};
  if(zl_json_keys_init(&mine.two_keys, two_names, 2) || zl_json_keys_init(&mine.all_keys, HTTP_KEYS, HTTP_NKEYS)
     || zl_json_line_init(&mine.two_row, &mine.two_keys) || zl_json_line_init(&mine.all_row, &mine.all_keys)) return 1;
  mine.decoded_cap = 1 << 16;
  mine.decoded = malloc(mine.decoded_cap);
  ZlBuf scratch = {0};
  json_tokener *tok = json_tokener_new();
  json_tokener_set_flags(tok, JSON_TOKENER_STRICT);
  SjParser *sj = sj_new();

  Parser parsers[] = {
    {"zeeklog json_line (index)", mine_two, mine_all, &mine, 1},
    {"zeeklog json_line (members)", NULL, mine_members, &scratch, 1},
    {"cJSON 1.7.15 (today)", cjson_two, cjson_all, NULL, 1},
    {"json-c 0.16 (strict)", jsonc_two, jsonc_all, tok, 1},
    {"simdjson 3.0.1 DOM", sjdom_two, sjdom_all, sj, 1},
    {"simdjson 3.0.1 On-Demand", sjod_two, NULL, sj, 0},
  };
  int np = (int)(sizeof parsers / sizeof parsers[0]);
  double (*times)[2] = calloc((size_t)np * (size_t)rounds, sizeof *times);
  Answers first[2], ans[MAX_PARSERS][2];
  memset(ans, 0, sizeof ans);
  for(int r = 0; r < rounds; r++){
    for(int i = 0; i < np; i++){
      if(parsers[i].two) times[r * np + i][0] = pass_two(&parsers[i], &L, &ans[i][0]);
      if(parsers[i].all) times[r * np + i][1] = pass_all(&parsers[i], &L, &ans[i][1]);
    }
  }
  printf("file %s: %zu lines, %.1f MB; %d rounds; simdjson kernel %s\n", argv[1], L.n,
         (double)L.bytes / 1e6, rounds, sj_implementation());
  printf("\nMB/s of line bytes, one thread: median of the rounds (best)\n");
  printf("\n| parser | two members | all members | rejects every malformed line |\n|---|---|---|---|\n");
  for(int i = 0; i < np; i++){
    double med[2], best[2];
    for(int t = 0; t < 2; t++){
      double v[rounds];
      for(int r = 0; r < rounds; r++) v[r] = times[r * np + i][t];
      qsort(v, (size_t)rounds, sizeof v[0], cmp_double);
      med[t] = v[rounds / 2];
      best[t] = v[0];
    }
    printf("| %s | ", parsers[i].name);
    for(int t = 0; t < 2; t++){
      if(t == 0 ? parsers[i].two != NULL : parsers[i].all != NULL){
        printf("%.0f (%.0f) | ", (double)L.bytes / 1e6 / med[t], (double)L.bytes / 1e6 / best[t]);
      }else{
        printf("- | ");
      }
    }
    printf("%s |\n", parsers[i].validates ? "yes" : "no");
  }
  printf("\nanswers (must agree):\n");
  int bad = 0;
  first[0] = ans[0][0];
  first[1] = ans[0][1];
  for(int i = 0; i < np; i++){
    if(parsers[i].two){
      print_answers("two", parsers[i].name, &ans[i][0]);
      bad |= memcmp(&ans[i][0], &first[0], sizeof first[0]) != 0;
    }
    if(parsers[i].all){
      print_answers("all", parsers[i].name, &ans[i][1]);
      bad |= memcmp(&ans[i][1], &first[1], sizeof first[1]) != 0;
    }
  }
  if(bad) printf("ANSWERS DIFFER\n");
  printf("\nZeek's numbers at the extremes read to the exact double (of %d):\n\n", NEXTREMES);
  printf("| parser | exact |\n|---|---|\n");
  printf("| zeeklog json_line | %d |\n", exact_extremes(mine_number, NULL));
  printf("| cJSON | %d |\n", exact_extremes(cjson_number, NULL));
  printf("| json-c | %d |\n", exact_extremes(jsonc_number, tok));
  printf("| simdjson DOM | %d |\n", exact_extremes(sjdom_number, sj));
  sj_free(sj);
  json_tokener_free(tok);
  return bad;
}
