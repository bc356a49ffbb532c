/*
** json_scan.c — the generic walk: a line's object read byte by byte by the
** reference functions (*_exact, RFC 8259 to the letter, the only ones that
** say what is wrong and where), with the shapes Zeek writes taken 16 bytes
** at a time in front of them; each member's key looked up and its value
** recorded in its cell (or handed to a callback). It takes every line the
** indexed walk (json_walk.c) does not, and judges every bad one.
*/
#include "parser/json_line_internal.h"

#include <string.h>

static const char *fail(Scan *s, const char *why, const char *at){
  s->error = why;
  s->error_at = at;
  return NULL;
}

/* One escape at p (a backslash); returns the byte after it. */
static const char *escape_exact(Scan *s, const char *p){
  const char *end = s->end;
  if(end - p < 2) return fail(s, "unterminated string", p);
  switch(p[1]){
    case '"': case '\\': case '/': case 'b': case 'f': case 'n': case 'r': case 't':
      return p + 2;
    case 'u': break;
    default: return fail(s, "bad escape", p);
  }
  int u = end - p >= 6 ? hex4(p + 2) : -1;
  if(u < 0) return fail(s, "bad \\u escape", p);
  if(is_low_surrogate(u)) return fail(s, "lone surrogate", p);
  if(!is_high_surrogate(u)) return p + 6;
  int lo = end - p >= 12 && p[6] == '\\' && p[7] == 'u' ? hex4(p + 8) : -1;
  if(!is_low_surrogate(lo)) return fail(s, "lone surrogate", p);
  return p + 12;
}

#if defined(JSON_SIMD)
/* Bit i: p[i] is '"', '\\' or a control byte. */
HOT unsigned string_specials16(const char *p){
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
  __m128i hit = _mm_or_si128(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')),
                                          _mm_cmpeq_epi8(v, _mm_set1_epi8('\\'))),
                             _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v));
  return (unsigned)_mm_movemask_epi8(hit);
}

/* Bit i: p[i] is not a digit. */
HOT uint64_t non_digits16(const char *p){
  /* + 0x46 takes '0'..'9' to the ten largest signed bytes, and nothing else there */
  __m128i d = _mm_add_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), _mm_set1_epi8(0x46));
  return ~(unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(d, _mm_set1_epi8(0x75))) & 0xFFFFu;
}
#endif

/* The rest of a string from p (the one at open, bytes before p plain);
** returns its closing quote. *escaped: whether it holds a backslash. */
__attribute__((noinline))
const char *zl_json_string_exact(Scan *s, const char *open, const char *p, uint8_t *escaped){
  const char *end = s->end;
  if(p > end) p = end;                          /* a fast path looked past the line */
  for(;;){
    while(p < end && *p != '"' && *p != '\\' && (unsigned char)*p >= 0x20) p++;
    if(p == end) return fail(s, "unterminated string", open);
    if(*p == '"') return p;
    if(*p != '\\') return fail(s, "control character in string", p);
    *escaped = ZL_JSON_ESCAPED;
    if(!(p = escape_exact(s, p))) return NULL;
  }
}

/* The string whose opening quote is at open; returns its closing quote.
** qi: the line's index, when it has one (then a string is two quotes). */
HOT const char *scan_string(Scan *s, QuoteIter *qi, const char *open, uint8_t *escaped){
  if(qi){
    const char *close = quote_next(qi) == open ? quote_next(qi) : NULL;
    if(!close || close >= s->end) return fail(s, "unterminated string", open);   /* the reference says why */
    if(!qi->backslash || !backslash_between(qi, open + 1, close)) return close;
    /* Its escapes are checked by the reference, which must end where the index does. */
    const char *exact = zl_json_string_exact(s, open, open + 1, escaped);
    return exact == close ? close : exact ? fail(s, "unterminated string", open) : NULL;
  }
  const char *p = open + 1;
#if defined(JSON_SIMD)
  for(; p < s->end && s->readable - p >= 16; p += 16){
    unsigned hits = string_specials16(p);
    if(hits){
      p += __builtin_ctz(hits);
      if(p < s->end && *p == '"') return p;
      break;                                    /* an escape, a control byte, the end */
    }
  }
#endif
  return zl_json_string_exact(s, open, p, escaped);
}

static inline const char *skip_digits(const char *p, const char *end){
  while(p < end && is_digit(*p)) p++;
  return p;
}

/* A number at p: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
__attribute__((noinline))
const char *zl_json_number_exact(Scan *s, const char *p, uint8_t *flags){
  const char *end = s->end;
  *flags = 0;
  if(*p == '-') p++;
  if(p == end || !is_digit(*p)) return fail(s, "digit expected", p);
  if(*p == '0'){
    if(++p < end && is_digit(*p)) return fail(s, "leading zero", p - 1);
  }else{
    p = skip_digits(p + 1, end);
  }
  if(p < end && *p == '.'){
    if(++p == end || !is_digit(*p)) return fail(s, "digit expected", p);
    p = skip_digits(p + 1, end);
    *flags = ZL_JSON_FRACTION;
  }
  if(p < end && (*p == 'e' || *p == 'E')){
    if(++p < end && (*p == '+' || *p == '-')) p++;
    if(p == end || !is_digit(*p)) return fail(s, "digit expected", p);
    p = skip_digits(p + 1, end);
    *flags = ZL_JSON_FRACTION;
  }
  return p;
}

/* Numbers as Zeek writes them (digits, maybe a '.' and digits, no exponent,
** in 32 bytes) without a loop; the rest by zl_json_number_exact. */
HOT const char *scan_number(Scan *s, const char *p, uint8_t *flags){
#if defined(JSON_SIMD)
  const char *q = p + (*p == '-');
  if(s->readable - q >= 32){
    uint64_t non_digit = non_digits16(q) | non_digits16(q + 16) << 16 | 1ull << 32;
    unsigned whole = (unsigned)__builtin_ctzll(non_digit);
    if(whole == 0 || whole == 32 || (q[0] == '0' && whole > 1)) return zl_json_number_exact(s, p, flags);
    const char *r = q + whole;
    *flags = 0;
    if(*r == '.'){
      unsigned frac = (unsigned)__builtin_ctzll(non_digit >> (whole + 1));   /* the sentinel stops it */
      if(frac == 0 || whole + 1 + frac >= 32) return zl_json_number_exact(s, p, flags);
      r += 1 + frac;
      *flags = ZL_JSON_FRACTION;
    }
    if(r < s->end && *r != 'e' && *r != 'E') return r;
  }
#endif
  return zl_json_number_exact(s, p, flags);
}

static inline const char *scan_literal(Scan *s, const char *p, const char *word, size_t n){
  if((size_t)(s->end - p) < n || memcmp(p, word, n) != 0) return fail(s, "expected a value", p);
  return p + n;
}

/* A string, number, true, false or null at p (not at the end) into *v. */
HOT const char *scan_scalar(Scan *s, QuoteIter *qi, const char *p, ZlJsonValue *v){
  const char *q;
  v->flags = 0;
  if(*p == '"'){                                /* the common cases first, no jump table */
    v->type = ZL_JSON_STRING;
    if(!(q = scan_string(s, qi, p, &v->flags))) return NULL;
    v->text.p = p + 1;
    v->text.n = (size_t)(q - p - 1);
    return q + 1;
  }
  if(is_digit(*p) || *p == '-'){
    v->type = ZL_JSON_NUMBER;
    q = scan_number(s, p, &v->flags);
  }else if(*p == 't'){
    v->type = ZL_JSON_TRUE;
    q = scan_literal(s, p, "true", 4);
  }else if(*p == 'f'){
    v->type = ZL_JSON_FALSE;
    q = scan_literal(s, p, "false", 5);
  }else if(*p == 'n'){
    v->type = ZL_JSON_NULL;
    q = scan_literal(s, p, "null", 4);
  }else{
    return fail(s, "expected a value", p);
  }
  if(!q) return NULL;
  v->text.p = p;
  v->text.n = (size_t)(q - p);
  return q;
}

/* In an object, a member's key and ':' (p after '{' or ','); returns where
** its value starts. In an array, just checks that a value follows. */
static const char *element_start(Scan *s, const char *p, int in_object){
  const char *end = s->end;
  if(in_object){
    uint8_t escaped = 0;
    if(p == end || *p != '"') return fail(s, "expected a key", p);
    if(!(p = scan_string(s, NULL, p, &escaped))) return NULL;
    p = skip_ws(p + 1, end);
    if(p == end || *p != ':') return fail(s, "expected ':'", p);
    p = skip_ws(p + 1, end);
  }
  if(p == end) return fail(s, "expected a value", p);
  return p;
}

#define DEPTH_WORDS ((ZL_JSON_MAX_DEPTH + 63) / 64)

/* A whole array or object at p, at any depth (outer: the levels around it),
** validated and skipped without recursion; returns the byte after it. */
__attribute__((noinline))
const char *zl_json_container_exact(Scan *s, const char *p, int outer){
  uint64_t is_object[DEPTH_WORDS];              /* bit d: level d is an object */
  const char *end = s->end;
  int depth = 0;
  for(;;){
    if(*p == '[' || *p == '{'){
      if(outer + depth >= ZL_JSON_MAX_DEPTH) return fail(s, "nested too deeply", p);
      int obj = *p == '{';
      uint64_t bit = 1ull << (depth % 64);
      is_object[depth / 64] = obj ? is_object[depth / 64] | bit : is_object[depth / 64] & ~bit;
      depth++;
      p = skip_ws(p + 1, end);
      if(p < end && *p == (obj ? '}' : ']')){
        p++;
        depth--;
      }else{
        if(!(p = element_start(s, p, obj))) return NULL;
        continue;                               /* p: the first element */
      }
    }else{
      ZlJsonValue v;
      if(!(p = scan_scalar(s, NULL, p, &v))) return NULL;
    }
    for(;;){                                    /* a value has ended */
      if(depth == 0) return p;
      int obj = (int)(is_object[(depth - 1) / 64] >> ((depth - 1) % 64) & 1);
      p = skip_ws(p, end);
      if(p < end && *p == ','){
        if(!(p = element_start(s, skip_ws(p + 1, end), obj))) return NULL;
        break;
      }
      if(p < end && *p == (obj ? '}' : ']')){
        p++;
        depth--;
        continue;
      }
      return fail(s, obj ? "expected ',' or '}'" : "expected ',' or ']'", p);
    }
  }
}

/* An array of strings and numbers, as Zeek writes sets and vectors, at p;
** anything else (nesting, whitespace, literals, errors) from the start by
** zl_json_container_exact. */
HOT const char *scan_container(Scan *s, QuoteIter *qi, const char *p, int outer){
  const char *q = p + 1, *end = s->end;
  if(*p != '[') goto exact;
  if(q < end && *q == ']') return q + 1;
  while(q < end){
    uint8_t flags = 0;
    if(*q == '"'){
      if(!(q = scan_string(s, qi, q, &flags))) return NULL;
      q++;
    }else if(*q == '-' || is_digit(*q)){
      if(!(q = scan_number(s, q, &flags))) return NULL;
    }else{
      break;
    }
    if(q < end && *q == ','){ q++; continue; }
    if(q < end && *q == ']') return q + 1;
    break;
  }
exact:
  q = zl_json_container_exact(s, p, outer);
  if(q && qi) quote_skip_to(qi, q);
  return q;
}

/* Any value at p (not at the end) inside the line's object. */
HOT const char *scan_value(Scan *s, QuoteIter *qi, const char *p, ZlJsonValue *v, int outer){
  if(*p != '[' && *p != '{') return scan_scalar(s, qi, p, v);
  const char *q = scan_container(s, qi, p, outer);
  if(!q) return NULL;
  v->type = *p == '[' ? ZL_JSON_ARRAY : ZL_JSON_OBJECT;
  v->flags = 0;
  v->text.p = p;
  v->text.n = (size_t)(q - p);
  return q;
}

/* Zeek writes the keys of every line in one order: the key that followed
** this one on the last line is tried first, which spares the hash. *prev:
** the guess's index, updated. Returns the key's id. */
HOT int find_key(ZlJsonLine *row, const ZlJsonKeys *keys, const char *k, size_t n, size_t room, unsigned *prev){
  const ZlJsonGuess *g = &row->guess[*prev];
  int id = guess_matches(keys, g, k, n, room) ? g->column : zl_json_learn_key(row, keys, k, n, *prev);
  *prev = (unsigned)GUESS_COLUMN(id);
  return id;
}

/* A member's value into its cell: the last non-null value wins. */
HOT void fill_cell(ZlJsonLine *row, unsigned c, const char *p, size_t n, uint8_t type, uint8_t flags){
  uint64_t bit = 1ull << (c % 64), *word = &row->filled[c / 64];
  if(!(*word & bit)){
    *word |= bit;
  }else if(type == ZL_JSON_NULL){
    return;
  }
  ZlJsonValue *cell = &row->cells[c];
  cell->text.p = p;
  cell->text.n = n;
  cell->type = type;
  cell->flags = flags;
}

HOT void record_member(ZlJsonLine *row, const ZlJsonKeys *keys, const char *k, size_t n, size_t room,
                       uint8_t key_escaped, const ZlJsonValue *v, unsigned *prev){
  int c = key_escaped ? zl_json_find_escaped_key(keys, row->key_buf, k, n) : find_key(row, keys, k, n, room, prev);
  row->members++;
  if(c < 0){ row->unknown_keys++; return; }
  fill_cell(row, (unsigned)c, v->text.p, v->text.n, v->type, v->flags);
}

static int call_member(Sink *sink, const char *k, size_t n, uint8_t key_escaped, const ZlJsonValue *v){
  if(!key_escaped) return sink->fn(sink->ctx, k, n, v);
  sink->scratch->n = 0;
  if(zl_buf_reserve(sink->scratch, n + 1)){ sink->out_of_memory = 1; return -1; }
  size_t m = zl_json_decode_string(k, n, sink->scratch->p, n);
  sink->scratch->n = m;
  sink->scratch->p[m] = 0;
  return sink->fn(sink->ctx, sink->scratch->p, m, v);
}

/* The line's object, each member handed to the sink as mode says. The
** common case first at each step: Zeek writes no whitespace. */
static inline __attribute__((always_inline))
int scan_line(Scan *s, QuoteIter *qi, const char *line, SinkMode mode, Sink *sink){
  const char *p = line, *end = s->end;
  unsigned prev = sink->keys ? (unsigned)GUESS_START(sink->keys) : 0;
  if(end - p >= 3 && memcmp(p, "\xEF\xBB\xBF", 3) == 0) p += 3;   /* RFC 8259 8.1 */
  p = skip_ws(p, end);
  if(p == end || *p != '{'){ fail(s, "not a JSON object", p); return -1; }
  p = skip_ws(p + 1, end);
  if(p < end && *p == '}') goto closed;
  if(p == end || *p != '"'){ fail(s, "expected a key", p); return -1; }
  for(;;){                                      /* p: a key's opening quote */
    uint8_t key_escaped = 0;
    ZlJsonValue v;
    const char *key = p + 1, *q = scan_string(s, qi, p, &key_escaped);
    if(!q) return -1;
    p = q + 1;
    if(p < end && *p == ':') p++;
    else{
      p = skip_ws(p, end);
      if(p == end || *p != ':'){ fail(s, "expected ':'", p); return -1; }
      p++;
    }
    if(p == end || is_ws(*p)){
      p = skip_ws(p, end);
      if(p == end){ fail(s, "expected a value", p); return -1; }
    }
    if(!(p = scan_value(s, qi, p, &v, 1))) return -1;
    if(mode == SINK_KEYS){
      record_member(sink->row, sink->keys, key, (size_t)(q - key), (size_t)(s->readable - key), key_escaped,
                    &v, &prev);
    }else if(mode == SINK_CALL){
      int rc = call_member(sink, key, (size_t)(q - key), key_escaped, &v);
      if(rc) return rc;
    }
    if(end - p >= 2 && p[0] == ',' && p[1] == '"'){ p++; continue; }
    p = skip_ws(p, end);
    if(p < end && *p == '}') break;
    if(p == end || *p != ','){ fail(s, "expected ',' or '}'", p); return -1; }
    p = skip_ws(p + 1, end);
    if(p == end || *p != '"'){ fail(s, "expected a key", p); return -1; }
  }
closed:
  p = skip_ws(p + 1, end);
  if(p != end){ fail(s, "text after the object", p); return -1; }
  return 0;
}

/* The entry points other files call, each mode its own copy of the loop. */
int zl_json_scan_object(Scan *s, QuoteIter *qi, const char *line, SinkMode mode, Sink *sink){
  if(mode == SINK_KEYS) return scan_line(s, qi, line, SINK_KEYS, sink);
  if(mode == SINK_CALL) return scan_line(s, qi, line, SINK_CALL, sink);
  return scan_line(s, qi, line, SINK_VALIDATE, sink);
}

const char *zl_json_scan_string(Scan *s, const char *open, uint8_t *escaped){
  return scan_string(s, NULL, open, escaped);
}

const char *zl_json_scan_number(Scan *s, const char *p, uint8_t *flags){
  return scan_number(s, p, flags);
}

const char *zl_json_scan_value(Scan *s, const char *p, ZlJsonValue *v, int outer){
  return scan_value(s, NULL, p, v, outer);
}
