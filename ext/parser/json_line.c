/*
** json_line.c — one JSON log line scanned in place (see json_line.h).
**
** Zeek writes one flat object per line: scalars and arrays of scalars. So
** instead of building a tree, the scanner walks the line once, looks each
** key up in a hash index of the names the query wants and records where the
** value lies; everything else is validated and forgotten. What makes it fast
** (bench/json_parsers measures it against cJSON, json-c and simdjson):
**   - a line with no backslash and no control byte (nearly every Zeek line)
**     has all its quotes found first, 32 or 16 bytes a step: each string is
**     then two quotes taken from a bitmap, with no search and no dependency
**     on the bytes before it; other lines look for each string's end 16
**     bytes at a time;
**   - numbers are measured 32 bytes at a time, without a loop;
**   - Zeek writes the keys in one order, so the key that followed the last
**     one on the previous line is tried before the hash;
**   - wide loads may read past the line into the caller's buffer
**     (zl_json_line_scan_ahead), so they need no care near its end.
** The fast paths only ever accept what the byte-by-byte reference functions
** (*_exact) accept; anything else is handed to those, which alone decide
** what is wrong and where.
**
** Where this is stricter than cJSON (today's parser), by RFC 8259:
**   - leading zeros (01, -01), a '.' without digits on a side (1., 1.e5,
**     -.5);
**   - control characters (< 0x20) inside strings, and as whitespace (cJSON
**     skips every byte <= ' ' between tokens);
**   - \u escapes whose four characters are not hex digits (cJSON reads
**     them as U+0000).
** And where it accepts what zeeklog refused with cJSON: a '\n' after the
** object (RFC whitespace; the caller of cJSON allowed only ' ', '\t', '\r'
** there; a line never holds one anyway).
** The same in both: invalid UTF-8 accepted as bytes, lone surrogates
** rejected, a byte order mark before the object ignored, nesting up to
** ZL_JSON_MAX_DEPTH.
*/
#include "parser/json_line.h"
#include "parser/escapes.h"
#include "parser/numbers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
/* SSE2 (every x86-64) for the fast paths, AVX2 when the CPU has it;
** -DZL_JSON_NO_SIMD builds the portable byte-by-byte scanner alone. */
#if defined(__SSE2__) && !defined(ZL_JSON_NO_SIMD)
#define JSON_SIMD 1
#include <emmintrin.h>
#if defined(__x86_64__) && defined(__GNUC__)
#include <immintrin.h>
#define HAVE_AVX2_PATH 1
#endif
#endif

/* The per-byte and per-member steps, inlined into the line's loop (GCC
** otherwise keeps some as calls, a third of the time on Zeek's lines). */
#define HOT static inline __attribute__((always_inline))

/* ---- the key index ------------------------------------------------------ */

HOT uint64_t load64(const char *p){ uint64_t v; memcpy(&v, p, 8); return v; }
HOT uint64_t load32(const char *p){ uint32_t v; memcpy(&v, p, 4); return v; }

/* A hash of a key's bytes that reads only inside them: the first 16 and the
** last 8 bytes and the length (the index holds a schema's names, which differ
** there; equal hashes are told apart by their bytes). */
HOT uint64_t key_hash(const char *s, size_t n){
  uint64_t a = 0, b = 0;
  if(n >= 8){
    a = load64(s);
    b = load64(s + n - 8);
    if(n > 16) a ^= load64(s + 8) * 0x9e3779b97f4a7c15ull;
  }else if(n >= 4){
    a = load32(s);
    b = load32(s + n - 4);
  }else if(n > 0){
    a = (uint64_t)(unsigned char)s[0] | (uint64_t)(unsigned char)s[n / 2] << 8
      | (uint64_t)(unsigned char)s[n - 1] << 16;
  }
  uint64_t h = (a ^ 0x2545f4914f6cdd1dull) * 0xff51afd7ed558ccdull;
  h ^= (b + n) * 0xc4ceb9fe1a85ec53ull;
  h ^= h >> 32;                    /* the index uses the low bits */
  h *= 0x9e3779b97f4a7c15ull;
  return h ^ (h >> 29);
}

/* Keys are short: a few overlapping loads instead of a call to memcmp. */
HOT int same_bytes(const char *a, const char *b, size_t n){
  if(n >= 8){
    for(size_t i = 0; i + 8 < n; i += 8) if(load64(a + i) != load64(b + i)) return 0;
    return load64(a + n - 8) == load64(b + n - 8);
  }
  if(n >= 4) return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
  return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
}

HOT uint64_t length_bit(size_t n){ return 1ull << (n < 63 ? n : 63); }

HOT int keys_lookup(const ZlJsonKeys *keys, const char *s, size_t n){
  if(!(keys->lengths & length_bit(n))) return -1;   /* most keys, for a query of few columns */
  uint64_t h = key_hash(s, n);
  for(size_t i = h & keys->mask;; i = (i + 1) & keys->mask){
    const ZlJsonKeySlot *slot = &keys->slots[i];
    if(!slot->name) return -1;
    if(slot->hash == h && slot->len == n && same_bytes(slot->name, s, n)) return slot->column;
  }
}

int zl_json_keys_find(const ZlJsonKeys *keys, const char *key, size_t n){
  return keys_lookup(keys, key, n);
}

void zl_json_keys_free(ZlJsonKeys *keys){
  free(keys->slot_of);
  free(keys->slots);
  free(keys->names);
  memset(keys, 0, sizeof *keys);
}

/* Load at most one half: an absent key usually stops at the first slot. */
#define KEYS_MIN_SLOTS 16

int zl_json_keys_init(ZlJsonKeys *keys, const char *const *names, int n){
  size_t slots = KEYS_MIN_SLOTS, bytes = 0;
  memset(keys, 0, sizeof *keys);
  while(slots < 2 * (size_t)n) slots *= 2;
  for(int c = 0; c < n; c++) bytes += strlen(names[c]) + 1;
  keys->slots = calloc(slots, sizeof *keys->slots);
  keys->names = malloc(bytes ? bytes : 1);
  keys->slot_of = calloc(n > 0 ? (size_t)n : 1, sizeof *keys->slot_of);
  if(!keys->slots || !keys->names || !keys->slot_of){ zl_json_keys_free(keys); return -1; }
  keys->n = n;
  keys->mask = slots - 1;
#if defined(HAVE_AVX2_PATH)
  keys->avx2 = __builtin_cpu_supports("avx2");   /* the CPU's, read once */
#endif
  char *w = keys->names;
  for(int c = 0; c < n; c++){
    size_t len = strlen(names[c]);
    memcpy(w, names[c], len + 1);
    if(len > keys->max_len) keys->max_len = len;
    keys->lengths |= length_bit(len);
    int first = keys_lookup(keys, w, len);       /* of equal names the first wins */
    if(first < 0){
      uint64_t h = key_hash(w, len);
      size_t i = h & keys->mask;
      while(keys->slots[i].name) i = (i + 1) & keys->mask;
      keys->slots[i] = (ZlJsonKeySlot){h, w, len, c};
      keys->slot_of[c] = &keys->slots[i];
    }else{
      keys->slot_of[c] = keys->slot_of[first];
    }
    w += len + 1;
  }
  return 0;
}

/* ---- the scanner -------------------------------------------------------- */

/* Two layers. The reference functions (*_exact) follow RFC 8259 byte by byte
** and are the only ones that report errors. The fast paths in front of them
** take the shapes Zeek writes (plain strings, short numbers, flat arrays) 16
** bytes at a time and hand anything else, from where they stopped, to the
** reference, so they never decide what is valid. They may read ahead past
** the line, up to `readable` (the rest of the caller's buffer), but only
** bytes before `end` count. */
typedef struct Scan {
  const char *end;         /* the line's end */
  const char *readable;    /* the end of what may be read (>= end) */
  const char *error;       /* the reason, once something failed */
  const char *error_at;
} Scan;

/* Clean lines, those with no backslash and no control byte (Zeek's, nearly
** all), have their quotes found at once: every string then ends at the next
** quote, taken from the bitmap instead of looked for. */
#define CLEAN_MAX_WORDS 64                      /* lines up to 4 KiB */

typedef struct QuoteIter {                      /* small, so that it lives in registers */
  const char *base;                             /* the line */
  const uint64_t *words;                        /* bit i of word w: base[64w + i] is '"' */
  size_t word, nwords;
  uint64_t bits;                                /* the quotes not yet taken in words[word] */
} QuoteIter;

static const char *fail(Scan *s, const char *why, const char *at){
  s->error = why;
  s->error_at = at;
  return NULL;
}

HOT int is_ws(char c){ return c == ' ' || c == '\t' || c == '\n' || c == '\r'; }
HOT int is_digit(char c){ return (unsigned)(c - '0') <= 9; }

HOT const char *skip_ws(const char *p, const char *end){
  while(p < end && is_ws(*p)) p++;          /* Zeek writes none: one test */
  return p;
}

static inline int hex_digit(char c){
  if(c >= '0' && c <= '9') return c - '0';
  c |= 0x20;
  if(c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

/* Four hex digits at p (the caller made sure they are there), or -1. */
static inline int hex4(const char *p){
  int v = 0;
  for(int i = 0; i < 4; i++){
    int h = hex_digit(p[i]);
    if(h < 0) return -1;
    v = v << 4 | h;
  }
  return v;
}

static inline int is_high_surrogate(int u){ return u >= 0xD800 && u <= 0xDBFF; }
static inline int is_low_surrogate(int u){ return u >= 0xDC00 && u <= 0xDFFF; }

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
  __m128i d = _mm_sub_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), _mm_set1_epi8('0'));
  return ~(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_min_epu8(d, _mm_set1_epi8(9)), d)) & 0xFFFFu;
}
#endif

/* The rest of a string from p (the one at open, bytes before p plain);
** returns its closing quote. *escaped: whether it holds a backslash. */
static __attribute__((noinline))
const char *string_exact(Scan *s, const char *open, const char *p, uint8_t *escaped){
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

/* The next quote of a clean line, or NULL. */
HOT const char *quote_next(QuoteIter *qi){
  while(!qi->bits){
    if(++qi->word >= qi->nwords) return NULL;
    qi->bits = qi->words[qi->word];
  }
  unsigned bit = (unsigned)__builtin_ctzll(qi->bits);
  qi->bits &= qi->bits - 1;
  return qi->base + qi->word * 64 + bit;
}

/* Forgets the quotes before p (after a reference function passed them). */
HOT void quote_skip_to(QuoteIter *qi, const char *p){
  size_t at = (size_t)(p - qi->base), w = at / 64;
  qi->word = w < qi->nwords ? w : qi->nwords;
  qi->bits = w < qi->nwords ? qi->words[w] & (~0ull << (at % 64)) : 0;
}

/* The string whose opening quote is at open; returns its closing quote.
** qi: the line's quotes when it is clean (then a string is two quotes). */
HOT const char *scan_string(Scan *s, QuoteIter *qi, const char *open, uint8_t *escaped){
  if(qi){
    const char *close = quote_next(qi) == open ? quote_next(qi) : NULL;
    return close ? close : fail(s, "unterminated string", open);   /* the reference says why */
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
  return string_exact(s, open, p, escaped);
}

static inline const char *skip_digits(const char *p, const char *end){
  while(p < end && is_digit(*p)) p++;
  return p;
}

/* A number at p: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][+-]?[0-9]+)? */
static __attribute__((noinline))
const char *number_exact(Scan *s, const char *p, uint8_t *flags){
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
** in 32 bytes) without a loop; the rest by number_exact. */
HOT const char *scan_number(Scan *s, const char *p, uint8_t *flags){
#if defined(JSON_SIMD)
  const char *q = p + (*p == '-');
  if(s->readable - q >= 32){
    uint64_t non_digit = non_digits16(q) | non_digits16(q + 16) << 16 | 1ull << 32;
    unsigned whole = (unsigned)__builtin_ctzll(non_digit);
    if(whole == 0 || whole == 32 || (q[0] == '0' && whole > 1)) return number_exact(s, p, flags);
    const char *r = q + whole;
    *flags = 0;
    if(*r == '.'){
      unsigned frac = (unsigned)__builtin_ctzll(non_digit >> (whole + 1));   /* the sentinel stops it */
      if(frac == 0 || whole + 1 + frac >= 32) return number_exact(s, p, flags);
      r += 1 + frac;
      *flags = ZL_JSON_FRACTION;
    }
    if(r < s->end && *r != 'e' && *r != 'E') return r;
  }
#endif
  return number_exact(s, p, flags);
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
static __attribute__((noinline))
const char *container_exact(Scan *s, const char *p, int outer){
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
** container_exact. */
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
  q = container_exact(s, p, outer);
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

/* ---- string decoding ---------------------------------------------------- */

static inline size_t put_utf8(char *w, unsigned u){
  if(u < 0x80){ w[0] = (char)u; return 1; }
  if(u < 0x800){ w[0] = (char)(0xC0 | u >> 6); w[1] = (char)(0x80 | (u & 0x3F)); return 2; }
  if(u < 0x10000){
    w[0] = (char)(0xE0 | u >> 12); w[1] = (char)(0x80 | (u >> 6 & 0x3F));
    w[2] = (char)(0x80 | (u & 0x3F));
    return 3;
  }
  w[0] = (char)(0xF0 | u >> 18); w[1] = (char)(0x80 | (u >> 12 & 0x3F));
  w[2] = (char)(0x80 | (u >> 6 & 0x3F)); w[3] = (char)(0x80 | (u & 0x3F));
  return 4;
}

#define DECODE_BAD ((size_t)-1)      /* a bad escape */
#define DECODE_LONG ((size_t)-2)     /* more than cap bytes */

/* The code point of the \u escape at s (6 or, for a pair, 12 bytes), and
** its length in *used; -1 when it is not a valid escape or pair. */
static long unicode_escape(const char *s, const char *end, size_t *used){
  int u = end - s >= 6 ? hex4(s + 2) : -1;
  if(u < 0 || is_low_surrogate(u)) return -1;
  *used = 6;
  if(!is_high_surrogate(u)) return u;
  int lo = end - s >= 12 && s[6] == '\\' && s[7] == 'u' ? hex4(s + 8) : -1;
  if(!is_low_surrogate(lo)) return -1;
  *used = 12;
  return 0x10000 + ((long)(u - 0xD800) << 10) + (lo - 0xDC00);
}

/* Decodes s[0..n) into dst, writing at most cap bytes. */
static size_t decode_string(const char *s, size_t n, char *dst, size_t cap){
  const char *end = s + n;
  size_t o = 0;
  while(s < end){
    const char *bs = memchr(s, '\\', (size_t)(end - s));
    size_t plain = (size_t)((bs ? bs : end) - s);
    if(plain > cap - o) return DECODE_LONG;
    memcpy(dst + o, s, plain);
    o += plain;
    if(!bs) break;
    s = bs;
    if(end - s < 2) return DECODE_BAD;
    char c = s[1], one;
    switch(c){
      case '"': case '\\': case '/': one = c; break;
      case 'b': one = '\b'; break;
      case 'f': one = '\f'; break;
      case 'n': one = '\n'; break;
      case 'r': one = '\r'; break;
      case 't': one = '\t'; break;
      case 'u': {
        size_t used;
        char tmp[4];
        long u = unicode_escape(s, end, &used);
        if(u < 0) return DECODE_BAD;
        size_t k = put_utf8(tmp, (unsigned)u);
        if(k > cap - o) return DECODE_LONG;
        memcpy(dst + o, tmp, k);
        o += k;
        s += used;
        continue;
      }
      default: return DECODE_BAD;
    }
    if(o == cap) return DECODE_LONG;
    dst[o++] = one;
    s += 2;
  }
  return o;
}

int zl_json_unescape(const char *s, size_t n, char *dst, size_t *out_n){
  size_t m = decode_string(s, n, dst, n);
  if(m == DECODE_BAD || m == DECODE_LONG) return -1;
  *out_n = m;
  return 0;
}

/* ---- lines -------------------------------------------------------------- */

typedef enum { SINK_VALIDATE, SINK_KEYS, SINK_CALL } SinkMode;

typedef struct Sink {
  ZlJsonLine *row;             /* SINK_KEYS */
  const ZlJsonKeys *keys;
  ZlJsonMemberFn fn;           /* SINK_CALL */
  void *ctx;
  ZlBuf *scratch;
  int out_of_memory;           /* a key could not be decoded */
} Sink;

/* A key, escaped or not, looked up; -1 when not in the index. */
static int find_escaped_key(const ZlJsonKeys *keys, char *buf, const char *k, size_t n){
  size_t m = decode_string(k, n, buf, keys->max_len);
  return m == DECODE_BAD || m == DECODE_LONG ? -1 : keys_lookup(keys, buf, m);
}

/* Zeek writes the keys of every line in one order: the column that followed
** this one on the last line is tried first, which spares the hash. */
HOT int find_key(ZlJsonLine *row, const ZlJsonKeys *keys, const char *k, size_t n, int *prev){
  const ZlJsonKeySlot *guess = row->next_key[*prev];
  int c;
  if(guess && guess->len == n && same_bytes(guess->name, k, n)){
    c = guess->column;
  }else{
    c = keys_lookup(keys, k, n);
    row->next_key[*prev] = c >= 0 ? keys->slot_of[c] : NULL;
  }
  *prev = c >= 0 ? c : keys->n;                   /* keys->n: after an unknown key */
  return c;
}

HOT void record_member(ZlJsonLine *row, const ZlJsonKeys *keys, const char *k, size_t n,
                       uint8_t key_escaped, const ZlJsonValue *v, int *prev){
  int c = key_escaped ? find_escaped_key(keys, row->key_buf, k, n) : find_key(row, keys, k, n, prev);
  row->members++;
  if(c < 0){ row->unknown_keys++; return; }
  ZlJsonValue *cell = &row->cells[c];
  if(cell->type == ZL_JSON_ABSENT) row->set[row->nset++] = c;
  else if(v->type == ZL_JSON_NULL) return;       /* the last non-null value wins */
  *cell = *v;
}

static int call_member(Sink *sink, const char *k, size_t n, uint8_t key_escaped, const ZlJsonValue *v){
  if(!key_escaped) return sink->fn(sink->ctx, k, n, v);
  sink->scratch->n = 0;
  if(zl_buf_reserve(sink->scratch, n + 1)){ sink->out_of_memory = 1; return -1; }
  size_t m = decode_string(k, n, sink->scratch->p, n);
  sink->scratch->n = m;
  sink->scratch->p[m] = 0;
  return sink->fn(sink->ctx, sink->scratch->p, m, v);
}

#if defined(JSON_SIMD)
/* The quote bits of 16 bytes at p; *special gets the backslash and control
** bits. */
HOT unsigned quotes16(const char *p, unsigned *special){
  __m128i v = _mm_loadu_si128((const __m128i *)(const void *)p);
  *special |= (unsigned)_mm_movemask_epi8(_mm_or_si128(_mm_cmpeq_epi8(v, _mm_set1_epi8('\\')),
                               _mm_cmpeq_epi8(_mm_min_epu8(v, _mm_set1_epi8(0x1f)), v)));
  return (unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, _mm_set1_epi8('"')));
}
#endif

#if defined(JSON_SIMD)
/* The quote bits of the whole 64-byte words of a line; returns whether any
** of those bytes is a backslash or a control byte. */
static int quote_words_sse2(const char *line, size_t nfull, uint64_t *words){
  unsigned special = 0;
  for(size_t w = 0; w < nfull; w++){
    const char *p = line + 64 * w;
    words[w] = quotes16(p, &special) | (uint64_t)quotes16(p + 16, &special) << 16
             | (uint64_t)quotes16(p + 32, &special) << 32 | (uint64_t)quotes16(p + 48, &special) << 48;
  }
  return special != 0;
}

#if defined(HAVE_AVX2_PATH)
__attribute__((target("avx2")))
static int quote_words_avx2(const char *line, size_t nfull, uint64_t *words){
  const __m256i quote = _mm256_set1_epi8('"'), backslash = _mm256_set1_epi8('\\');
  const __m256i below_space = _mm256_set1_epi8(0x1f);
  __m256i special = _mm256_setzero_si256();
  for(size_t w = 0; w < nfull; w++){
    __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(line + 64 * w));
    __m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(line + 64 * w + 32));
    uint64_t qa = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, quote));
    uint64_t qb = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, quote));
    words[w] = qa | qb << 32;
    special = _mm256_or_si256(special, _mm256_or_si256(
        _mm256_or_si256(_mm256_cmpeq_epi8(a, backslash), _mm256_cmpeq_epi8(b, backslash)),
        _mm256_or_si256(_mm256_cmpeq_epi8(_mm256_min_epu8(a, below_space), a),
                        _mm256_cmpeq_epi8(_mm256_min_epu8(b, below_space), b))));
  }
  return _mm256_movemask_epi8(special) != 0;
}
#endif
#endif

/* Finds every quote of the line when it is clean (trailing whitespace, a
** final '\r' say, left out); 0, or -1 when it is not (or too long). */
static int find_quotes(const char *line, size_t len, size_t readable, int avx2, QuoteIter *qi,
                       uint64_t words[CLEAN_MAX_WORDS]){
#if defined(JSON_SIMD)
  while(len > 0 && is_ws(line[len - 1])) len--;
  if(len > CLEAN_MAX_WORDS * 64) return -1;
  size_t i = 64 * (len / 64), nwords = (len + 63) / 64;
#if defined(HAVE_AVX2_PATH)
  int special = avx2 ? quote_words_avx2(line, len / 64, words) : quote_words_sse2(line, len / 64, words);
#else
  int special = quote_words_sse2(line, len / 64, words);
#endif
  if(i < len){                                  /* the last, partial word */
    uint64_t bits = 0;
    unsigned tail_special = 0;
    for(size_t k = i; k < len; k += 16){
      char pad[16];
      const char *src = line + k;
      if(readable - k < 16){
        memset(pad, ' ', sizeof pad);
        memcpy(pad, src, len - k < 16 ? len - k : 16);
        src = pad;
      }
      unsigned sp = 0, q = quotes16(src, &sp);
      if(len - k < 16){
        unsigned valid = (1u << (len - k)) - 1;
        q &= valid;
        sp &= valid;
      }
      bits |= (uint64_t)q << (k - i);
      tail_special |= sp;
    }
    words[i / 64] = bits;
    special |= tail_special;
  }
  if(special) return -1;
  qi->base = line;
  qi->words = words;
  qi->nwords = nwords;
  qi->word = 0;
  qi->bits = nwords ? words[0] : 0;
  return 0;
#else
  return -1;
#endif
}

/* The line's object, each member handed to the sink as mode says. The
** common case first at each step: Zeek writes no whitespace. */
static inline __attribute__((always_inline))
int scan_line(Scan *s, QuoteIter *qi, const char *line, SinkMode mode, Sink *sink){
  const char *p = line, *end = s->end;
  int prev = sink->keys ? sink->keys->n + 1 : 0;     /* keys->n + 1: the line's start */
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
      record_member(sink->row, sink->keys, key, (size_t)(q - key), key_escaped, &v, &prev);
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

int zl_json_line_init(ZlJsonLine *row, const ZlJsonKeys *keys){
  memset(row, 0, sizeof *row);
  size_t n = keys->n > 0 ? (size_t)keys->n : 1;
  row->cells = calloc(n, sizeof *row->cells);
  row->set = malloc(n * sizeof *row->set);
  row->key_buf = malloc(keys->max_len + 1);
  row->next_key = calloc(n + 2, sizeof *row->next_key);
  if(!row->cells || !row->set || !row->key_buf || !row->next_key){ zl_json_line_free(row); return -1; }
  return 0;
}

void zl_json_line_free(ZlJsonLine *row){
  free(row->cells);
  free(row->set);
  free(row->key_buf);
  free(row->next_key);
  memset(row, 0, sizeof *row);
}

static void clear_cells(ZlJsonLine *row){
  for(int i = 0; i < row->nset; i++) row->cells[row->set[i]].type = ZL_JSON_ABSENT;
  row->nset = row->members = row->unknown_keys = 0;
}

int zl_json_line_scan(ZlJsonLine *row, const ZlJsonKeys *keys, const char *line, size_t len){
  return zl_json_line_scan_ahead(row, keys, line, len, len);
}

int zl_json_line_scan_ahead(ZlJsonLine *row, const ZlJsonKeys *keys, const char *line, size_t len,
                            size_t readable){
  clear_cells(row);
  row->error = NULL;
  row->error_at = 0;
  if(readable < len) readable = len;
  Scan s = {line + len, line + readable, NULL, NULL};
  Sink sink = {.row = row, .keys = keys};
  QuoteIter qi;
  uint64_t quote_words[CLEAN_MAX_WORDS];
  if(find_quotes(line, len, readable, keys->avx2, &qi, quote_words) == 0){
    if(scan_line(&s, &qi, line, SINK_KEYS, &sink) == 0) return 0;
    clear_cells(row);                           /* the reference says why */
  }
  if(scan_line(&s, NULL, line, SINK_KEYS, &sink) == 0) return 0;
  row->error = s.error;
  row->error_at = (size_t)(s.error_at - line);
  return -1;
}

int zl_json_line_members(const char *line, size_t len, ZlJsonMemberFn fn, void *ctx,
                         ZlBuf *scratch, const char **error, size_t *error_at){
  Scan s = {line + len, line + len, NULL, NULL};
  Sink sink = {.fn = fn, .ctx = ctx, .scratch = scratch};
  QuoteIter qi, again;
  uint64_t quote_words[CLEAN_MAX_WORDS];
  int clean = find_quotes(line, len, len, 0, &qi, quote_words) == 0;
  if(clean){
    again = qi;
    clean = scan_line(&s, &qi, line, SINK_VALIDATE, &sink) == 0;
  }
  if(!clean && scan_line(&s, NULL, line, SINK_VALIDATE, &sink) != 0){   /* the reference says why */
    if(error) *error = s.error;
    if(error_at) *error_at = (size_t)(s.error_at - line);
    return -1;
  }
  int rc = scan_line(&s, clean ? &again : NULL, line, SINK_CALL, &sink);
  if(sink.out_of_memory){
    if(error) *error = "out of memory";
    if(error_at) *error_at = 0;
    return -1;
  }
  return rc;
}

/* ---- numbers ------------------------------------------------------------ */

/* 1 when s[0..n) is exactly one JSON number; *flags as for a scan. */
static int is_number(const char *s, size_t n, uint8_t *flags){
  Scan sc = {s + n, s + n, NULL, NULL};
  *flags = 0;
  return n > 0 && scan_number(&sc, s, flags) == s + n;
}

/* Significant digits kept for strtod: a decimal that decides a rounding
** between two doubles has at most 767, so with a non-zero digit standing for
** everything dropped the rounding is the same as the whole number's. */
#define LONG_SIG_DIGITS 800
/* Beyond this the value is 0 or infinite, however many digits there are. */
#define LONG_EXP_LIMIT 100000

/* A (valid) number too long for zl_parse_double, rewritten as at most
** LONG_SIG_DIGITS digits and an exponent, then given to strtod. */
static double long_number(const char *s, size_t n){
  char buf[LONG_SIG_DIGITS + 32];
  const char *p = s, *end = s + n;
  int neg = *p == '-', nonzero = 0, sticky = 0;
  size_t nsig = 0;
  long long exp10 = 0;                       /* value = 0.DIGITS x 10^exp10 */
  if(neg) p++;
  for(int frac = 0; p < end && (is_digit(*p) || (*p == '.' && !frac)); p++){
    if(*p == '.'){ frac = 1; continue; }
    if(!nonzero && *p == '0'){ if(frac) exp10--; continue; }
    nonzero = 1;
    if(!frac) exp10++;
    if(nsig < LONG_SIG_DIGITS) buf[3 + nsig++] = *p;
    else if(*p != '0') sticky = 1;
  }
  if(p < end){                                 /* the exponent */
    int eneg = 0;
    long long e = 0;
    if(*++p == '+' || *p == '-') eneg = *p++ == '-';
    for(; p < end; p++) if(e < LONG_EXP_LIMIT) e = e * 10 + (*p - '0');
    exp10 += eneg ? -e : e;
  }
  if(!nonzero) return neg ? -0.0 : 0.0;
  if(sticky) buf[3 + nsig++] = '1';
  if(exp10 > LONG_EXP_LIMIT) exp10 = LONG_EXP_LIMIT;
  if(exp10 < -LONG_EXP_LIMIT) exp10 = -LONG_EXP_LIMIT;
  memcpy(buf, neg ? "-0." : "+0.", 3);
  snprintf(buf + 3 + nsig, sizeof buf - 3 - nsig, "e%lld", exp10);
  return strtod(buf, NULL);
}

int zl_json_number_double(const char *s, size_t n, double *out){
  uint8_t flags;
  if(!is_number(s, n, &flags)) return -1;
  if(zl_parse_double(s, n, out) == 0) return 0;
  *out = long_number(s, n);         /* too long for zl_parse_double, or out of range */
  return isfinite(*out) ? 0 : -1;
}

int zl_json_number_value(const char *s, size_t n, ZlValue *out){
  uint8_t flags;
  int is_big;
  out->state = ZL_V_NULL;
  if(!is_number(s, n, &flags)) return -1;
  if(!(flags & ZL_JSON_FRACTION) && zl_parse_int(s, n, &out->i, &is_big, &out->d) == 0){
    out->state = is_big ? ZL_V_REAL : ZL_V_INT;
    return 0;
  }
  if(zl_json_number_double(s, n, &out->d)) return -1;
  out->state = ZL_V_REAL;
  return 0;
}

/* ---- compact arrays ----------------------------------------------------- */

/* A string's body (the bytes between the quotes) quoted as json_quote()
** would quote its decoded bytes. */
static int append_quoted(ZlBuf *out, const char *s, size_t n, int escaped){
  if(!escaped){
    /* No '"', '\\' or control byte inside: json_quote() would copy it as is. */
    if(zl_buf_reserve(out, n + 2)) return -1;
    out->p[out->n++] = '"';
    memcpy(out->p + out->n, s, n);
    out->n += n;
    out->p[out->n++] = '"';
    return 0;
  }
  /* Decoded into the buffer's tail, then quoted forward into place: the
  ** room reserved here is all zl_json_quote asks for (no realloc moves the
  ** decoded bytes), and 6 bytes written a byte never overtake the reading. */
  if(zl_buf_reserve(out, n * 7 + 2)) return -1;
  char *dec = out->p + out->n + n * 6 + 2;
  size_t m = decode_string(s, n, dec, n);
  if(m == DECODE_BAD || m == DECODE_LONG) return -1;
  return zl_json_quote(out, dec, m);
}

int zl_json_compact(ZlBuf *out, const char *s, size_t n){
  Scan sc = {s + n, s + n, NULL, NULL};
  const char *end = s + n, *p = skip_ws(s, end);
  ZlJsonValue v;
  if(p == end) return -1;
  const char *q = scan_value(&sc, NULL, p, &v, 0);
  if(!q || skip_ws(q, end) != end) return -1;
  size_t start = out->n;
  while(p < end){
    if(is_ws(*p)){ p++; continue; }
    if(*p != '"'){                              /* punctuation, numbers, literals */
      const char *run = p;
      while(p < end && *p != '"' && !is_ws(*p)) p++;
      if(zl_buf_append(out, run, (size_t)(p - run))) goto oom;
      continue;
    }
    uint8_t escaped = 0;
    q = scan_string(&sc, NULL, p, &escaped);
    if(append_quoted(out, p + 1, (size_t)(q - p - 1), escaped)) goto oom;
    p = q + 1;
  }
  return 0;
oom:
  out->n = start;
  return -1;
}
