/*
** tsv.c — Zeek TSV header directives and field splitting (see tsv.h).
*/
#include "parser/tsv.h"
#include "base/message.h"
#include "parser/escapes.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#elif defined(__SSE2__)
#include <emmintrin.h>
#endif

void zl_tsv_default_format(ZlTsvFormat *fmt){
  memset(fmt, 0, sizeof *fmt);
  fmt->sep[0] = '\t'; fmt->sep_len = 1;
  fmt->set_sep[0] = ','; fmt->set_sep_len = 1;
  memcpy(fmt->empty, "(empty)", 7); fmt->empty_len = 7;
  fmt->unset[0] = '-'; fmt->unset_len = 1;
}

static void free_types(ZlTsvHeader *h){
  for(int i = 0; i < h->ntypes; i++) free(h->types[i]);
  free(h->types);
  h->types = NULL;
  h->ntypes = 0;
}

void zl_tsv_header_free(ZlTsvHeader *h){
  zl_schema_free(&h->schema);
  free_types(h);
  h->have_fields = h->have_types = 0;
}

void zl_tsv_header_reset(ZlTsvHeader *h){
  int max = h->max_fields;
  zl_tsv_header_free(h);
  zl_tsv_default_format(&h->fmt);
  h->max_fields = max;
  h->path[0] = 0;
  h->path_len = 0;
}

int zl_tsv_is_separator_line(const char *line, size_t len){
  return len > 11 && memcmp(line, "#separator ", 11) == 0;
}

/* "what: 'the line'" with the line cut at 60 bytes. */
static char *directive_error(const char *what, const char *line, size_t len){
  return zl_message("%s: '%.*s'", what, (int)(len > 60 ? 60 : len), line);
}

/* Does every backslash in v start \xHH or \\ (a #separator like "\t" is
** a mistake: Zeek escapes the separator's bytes as \xHH)? */
static int only_byte_escapes(const char *v, size_t n){
  for(size_t i = 0; i < n; i++){
    if(v[i] != '\\') continue;
    if(i + 1 < n && v[i + 1] == '\\'){ i++; continue; }
    if(i + 3 < n && v[i + 1] == 'x' && isxdigit((unsigned char)v[i + 2])
       && isxdigit((unsigned char)v[i + 3])){ i += 3; continue; }
    return 0;
  }
  return 1;
}

/* A directive's value, escapes decoded, into dst (ZL_MARKER_MAX bytes). */
static int set_marker(char *dst, size_t *dst_len, const char *v, size_t n){
  if(n == 0 || n >= ZL_MARKER_MAX) return -1;
  *dst_len = zl_unescape(v, n, dst);
  return 0;
}

/* Records a field ending at `at` (a separator there or the line's end). */
#define PUSH_FIELD(at) do{                                         \
    if(count < max){ out[count].p = start; out[count].n = (size_t)((at) - start); } \
    count++;                                                       \
  }while(0)

/* Pushes the fields that end at each set bit of mask (bit i: base + i). */
#define PUSH_MASK(mask, base) do{                                   \
    if(count >= max){ count += __builtin_popcount(mask); break; }   \
    while(mask){                                                    \
      const char *at_ = (base) + __builtin_ctz(mask);               \
      PUSH_FIELD(at_);                                              \
      start = at_ + 1;                                              \
      mask &= mask - 1;                                             \
    }                                                               \
  }while(0)

/* The hot path: a one-byte separator, found 16 or 32 bytes at a time. */
static int split_on_byte(char sep, const char *line, size_t len, ZlSpan *out, int max){
  const char *start = line, *p = line, *end = line + len;
  int count = 0;
#ifdef __SSE2__
  const __m128i needle = _mm_set1_epi8(sep);
  for(; end - p >= 16; p += 16){
    unsigned mask = (unsigned)_mm_movemask_epi8(
        _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)p), needle));
    PUSH_MASK(mask, p);
  }
#endif
  for(; p < end; p++){
    if(*p == sep){ PUSH_FIELD(p); start = p + 1; }
  }
  PUSH_FIELD(end);
  return count;
}

#if defined(__x86_64__) && defined(__GNUC__)
__attribute__((target("avx2")))
static int split_on_byte_avx2(char sep, const char *line, size_t len, ZlSpan *out, int max){
  const char *start = line, *p = line, *end = line + len;
  int count = 0;
  const __m256i needle = _mm256_set1_epi8(sep);
  for(; end - p >= 32; p += 32){
    unsigned mask = (unsigned)_mm256_movemask_epi8(
        _mm256_cmpeq_epi8(_mm256_loadu_si256((const __m256i *)p), needle));
    PUSH_MASK(mask, p);
  }
  for(; p < end; p++){
    if(*p == sep){ PUSH_FIELD(p); start = p + 1; }
  }
  PUSH_FIELD(end);
  return count;
}

static int cpu_has_avx2(void){
  static int known = -1;            /* a benign race: every thread stores the same */
  if(known < 0){ __builtin_cpu_init(); known = __builtin_cpu_supports("avx2") ? 1 : 0; }
  return known;
}
#endif

int zl_tsv_split(const ZlTsvFormat *fmt, const char *line, size_t len, ZlSpan *out, int max){
  if(fmt->sep_len == 1){
#if defined(__x86_64__) && defined(__GNUC__)
    if(cpu_has_avx2()) return split_on_byte_avx2(fmt->sep[0], line, len, out, max);
#endif
    return split_on_byte(fmt->sep[0], line, len, out, max);
  }
  const char *start = line, *end = line + len;
  int count = 0;
  for(;;){
    const char *sep = memmem(start, (size_t)(end - start), fmt->sep, fmt->sep_len);
    if(!sep){ PUSH_FIELD(end); return count; }
    PUSH_FIELD(sep);
    start = sep + fmt->sep_len;
  }
}

/* Every field of a directive's value, escapes decoded, as NUL-terminated
** strings in *out (an array of count pointers). Returns count, or -1. */
static int split_values(const ZlTsvFormat *fmt, const char *v, size_t n, char ***out){
  int count = zl_tsv_split(fmt, v, n, NULL, 0);
  *out = NULL;
  ZlSpan *spans = malloc((size_t)count * sizeof *spans);
  char **items = calloc((size_t)count, sizeof *items);
  if(!spans || !items){ free(spans); free(items); return -1; }
  zl_tsv_split(fmt, v, n, spans, count);
  for(int i = 0; i < count; i++){
    items[i] = malloc(spans[i].n + 1);
    if(!items[i]){
      while(i-- > 0) free(items[i]);
      free(items); free(spans);
      return -1;
    }
    items[i][zl_unescape(spans[i].p, spans[i].n, items[i])] = 0;
  }
  free(spans);
  *out = items;
  return count;
}

static void free_values(char **items, int count){
  for(int i = 0; i < count; i++) free(items[i]);
  free(items);
}

/* Once #fields and #types are both in, the schema gets its types. */
static int finish_schema(ZlTsvHeader *h, char **err){
  if(h->ntypes != h->schema.n){
    char m[96];
    snprintf(m, sizeof m, "#fields has %d names but #types has %d types", h->schema.n, h->ntypes);
    *err = strdup(m);
    return -1;
  }
  ZlSchema typed = {0};
  for(int i = 0; i < h->schema.n; i++){
    const char *name = h->schema.f[i].name, *type = h->types[i];
    if(zl_schema_add(&typed, name, strlen(name), type, strlen(type))){
      zl_schema_free(&typed);
      *err = strdup("out of memory");
      return -1;
    }
  }
  zl_schema_free(&h->schema);
  h->schema = typed;
  return ZL_DIR_SCHEMA_DONE;
}

/* Refuses a list longer than max_fields before anything is allocated for it. */
static int too_many(const ZlTsvHeader *h, const char *v, size_t n, char **err){
  int max = h->max_fields;
  int count = zl_tsv_split(&h->fmt, v, n, NULL, 0);
  if(count <= max) return 0;
  char m[128];
  snprintf(m, sizeof m, "header has %d fields, more than max_fields=%d", count, max);
  *err = strdup(m);
  return 1;
}

/* A #fields or #types line after a complete block (a concatenated log
** whose next block has no #separator line) starts the next block's schema:
** the old block's other half must not be paired with it. */
static void start_next_schema(ZlTsvHeader *h){
  if(!h->have_fields || !h->have_types) return;
  free_types(h);
  zl_schema_free(&h->schema);
  h->have_fields = h->have_types = 0;
}

static int take_fields(ZlTsvHeader *h, const char *v, size_t n, char **err){
  char **names;
  if(too_many(h, v, n, err)) return -1;
  start_next_schema(h);
  int count = split_values(&h->fmt, v, n, &names);
  if(count < 0){ *err = strdup("out of memory"); return -1; }
  zl_schema_free(&h->schema);
  int rc = 0;
  for(int i = 0; i < count && rc == 0; i++){
    rc = zl_schema_add(&h->schema, names[i], strlen(names[i]), "string", 6);
  }
  free_values(names, count);
  if(rc){ *err = strdup("out of memory"); return -1; }
  h->have_fields = 1;
  return h->have_types ? finish_schema(h, err) : ZL_DIR_SCHEMA_PART;
}

static int take_types(ZlTsvHeader *h, const char *v, size_t n, char **err){
  if(too_many(h, v, n, err)) return -1;
  start_next_schema(h);
  free_types(h);
  h->ntypes = split_values(&h->fmt, v, n, &h->types);
  if(h->ntypes < 0){ h->ntypes = 0; *err = strdup("out of memory"); return -1; }
  h->have_types = 1;
  return h->have_fields ? finish_schema(h, err) : ZL_DIR_SCHEMA_PART;
}

/* "#key<sep>value": the value, or NULL when the line is not that key. */
static const char *directive_value(const ZlTsvHeader *h, const char *line, size_t len,
                                   const char *key, size_t *vlen){
  size_t k = strlen(key);
  if(len < k + h->fmt.sep_len || memcmp(line, key, k) != 0) return NULL;
  if(memcmp(line + k, h->fmt.sep, h->fmt.sep_len) != 0) return NULL;
  *vlen = len - k - h->fmt.sep_len;
  return line + k + h->fmt.sep_len;
}

int zl_tsv_directive(ZlTsvHeader *h, const char *line, size_t len, char **err){
  const char *v;
  size_t n;
  if(zl_tsv_is_separator_line(line, len)){
    zl_tsv_header_reset(h);
    ZlTsvFormat *f = &h->fmt;
    if(!only_byte_escapes(line + 11, len - 11)){
      *err = zl_message("#separator '%.*s' is not a byte escape (Zeek writes a tab as \\x09)",
                        (int)(len - 11 > 20 ? 20 : len - 11), line + 11);
      return -1;
    }
    if(set_marker(f->sep, &f->sep_len, line + 11, len - 11)){
      *err = directive_error("bad #separator", line, len);
      return -1;
    }
    return ZL_DIR_SEPARATOR;
  }
  if((v = directive_value(h, line, len, "#path", &n))){
    h->path_len = n < sizeof h->path ? n : sizeof h->path - 1;
    memcpy(h->path, v, h->path_len);
    h->path[h->path_len] = 0;
    return ZL_DIR_PATH;
  }
  if((v = directive_value(h, line, len, "#fields", &n))) return take_fields(h, v, n, err);
  if((v = directive_value(h, line, len, "#types", &n))) return take_types(h, v, n, err);
  struct { const char *key; char *dst; size_t *dst_len; } markers[] = {
    {"#set_separator", h->fmt.set_sep, &h->fmt.set_sep_len},
    {"#empty_field", h->fmt.empty, &h->fmt.empty_len},
    {"#unset_field", h->fmt.unset, &h->fmt.unset_len},
  };
  for(size_t i = 0; i < sizeof markers / sizeof *markers; i++){
    if((v = directive_value(h, line, len, markers[i].key, &n))){
      if(set_marker(markers[i].dst, markers[i].dst_len, v, n)){
        *err = directive_error("bad header directive", line, len);
        return -1;
      }
      return ZL_DIR_OTHER;
    }
  }
  return ZL_DIR_OTHER;   /* #open, #close, comments */
}
