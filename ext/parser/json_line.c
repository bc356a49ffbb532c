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

/* The fast paths this CPU can take. */
static int cpu_simd(void){
#if defined(HAVE_AVX2_PATH)
  __builtin_cpu_init();
  return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("bmi") && __builtin_cpu_supports("bmi2")
         && __builtin_cpu_supports("popcnt") ? ZL_JSON_SIMD_AVX2 : ZL_JSON_SIMD_SSE2;
#elif defined(JSON_SIMD)
  return ZL_JSON_SIMD_SSE2;
#else
  return ZL_JSON_SIMD_NONE;
#endif
}

/* ---- the key index ------------------------------------------------------ */

HOT uint64_t load64(const char *p){ uint64_t v; memcpy(&v, p, 8); return v; }
HOT unsigned load16(const char *p){ uint16_t v; memcpy(&v, p, 2); return v; }
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

/* A key expected at some place in a line, to be compared without hashing:
** its first 16 bytes, and the rest through name. A key not in the index can
** be expected too (column -1) when it is 16 bytes or fewer. */
typedef struct ZlJsonGuess {
  char head[16];               /* the first bytes, then the closing quote, then zeros */
  uint32_t want;               /* bit i: head[i] is to be compared */
  uint32_t len;                /* the length, and GUESS_WHOLE; NO_GUESS: nothing expected */
  int32_t column;              /* the key's id: its column, or negative (see GUESS_COLUMN) */
  uint32_t unused;
} ZlJsonGuess;                 /* 32 bytes: an index is a shift */

#define GUESS_WHOLE 0x80000000u /* the head (with its quote) is not the whole comparison */
#define GUESS_LEN(g) ((g)->len & ~GUESS_WHOLE)
#define NO_GUESS UINT32_MAX
#define GUESS_HEAD 16

/* A key's id: its column; -1 for an unknown key, or -2 - u for the unknown
** key remembered as number u. ZlJsonLine.guess is indexed by the id of the
** key before, plus UNKNOWN_KEYS + 1 (GUESS_COLUMN), and GUESS_START at the
** line's start; cells[id] is a spare for a negative id. */
#define UNKNOWN_KEYS 32        /* unknown keys remembered, each line of its own */
#define NOT_A_COLUMN (-1)
#define UNKNOWN_ID(u) (-2 - (int)(u))
#define GUESS_COLUMN(id) (UNKNOWN_KEYS + 1 + (id))
#define GUESS_START(keys) GUESS_COLUMN((keys)->n)
#define GUESSES(keys) ((size_t)GUESS_START(keys) + 1)

/* A key shorter than the head is compared with its closing quote: as a key
** without a backslash holds no quote, equal bytes then mean equal lengths
** too, unless the name itself holds a quote. */
static void guess_set(ZlJsonGuess *g, const char *name, size_t len, int id){
  memset(g, 0, sizeof *g);
  memcpy(g->head, name, len < GUESS_HEAD ? len : GUESS_HEAD);
  if(len < GUESS_HEAD) g->head[len] = '"';
  g->want = len + 1 >= GUESS_HEAD ? 0xFFFFu : (1u << (len + 1)) - 1;
  g->len = len < GUESS_WHOLE ? (uint32_t)len : NO_GUESS;
  if(len >= GUESS_HEAD || memchr(name, '"', len) != NULL) g->len |= GUESS_WHOLE;
  g->column = id;
}

/* Nothing expected: no key matches 16 NUL bytes (a control byte keeps a
** line from the walks that compare without a length). */
static void guess_none(ZlJsonGuess *g){
  memset(g, 0, sizeof *g);
  g->want = 0xFFFFu;
  g->len = NO_GUESS;
  g->column = NOT_A_COLUMN;
}

/* The rest of a key longer than a guess's head. */
static __attribute__((noinline))
int guess_tail_matches(const ZlJsonKeys *keys, const ZlJsonGuess *g, const char *k, size_t n){
  if(GUESS_LEN(g) != n) return 0;
  if(n <= GUESS_HEAD) return 1;
  return g->column >= 0 && same_bytes(keys->slot_of[g->column]->name + GUESS_HEAD, k + GUESS_HEAD, n - GUESS_HEAD);
}

/* Whether the key k[0..n) (no backslash in it; 16 bytes readable at k) is
** the one g expects. */
HOT int guess_hits(const ZlJsonKeys *keys, const ZlJsonGuess *g, const char *k, size_t n){
#if defined(JSON_SIMD)
  __m128i eq = _mm_cmpeq_epi8(_mm_loadu_si128((const __m128i *)(const void *)k),
                              _mm_loadu_si128((const __m128i *)(const void *)g->head));
  if(((unsigned)_mm_movemask_epi8(eq) & g->want) != g->want) return 0;
  if(!(g->len & GUESS_WHOLE)) return 1;
  if(GUESS_LEN(g) != n) return 0;
  if(n <= GUESS_HEAD + 8 && g->column >= 0)     /* the rest in one compare (it overlaps the head) */
    return load64(k + n - 8) == keys->tail8[g->column];
  return guess_tail_matches(keys, g, k, n);
#else
  if(g->len == NO_GUESS || GUESS_LEN(g) != n || !same_bytes(g->head, k, n + 1 < GUESS_HEAD ? n + 1 : GUESS_HEAD))
    return 0;
#endif
  return !(g->len & GUESS_WHOLE) || guess_tail_matches(keys, g, k, n);
}

/* The same, with no promise of room after k. */
HOT int guess_matches(const ZlJsonKeys *keys, const ZlJsonGuess *g, const char *k, size_t n, size_t room){
  if(GUESS_LEN(g) != n || g->len == NO_GUESS) return 0;
  if(room >= GUESS_HEAD) return guess_hits(keys, g, k, n);
  if(!same_bytes(g->head, k, n < GUESS_HEAD ? n : GUESS_HEAD)) return 0;
  return n <= GUESS_HEAD || guess_tail_matches(keys, g, k, n);
}

void zl_json_keys_free(ZlJsonKeys *keys){
  free(keys->tail8);
  free(keys->guess_of);
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
  keys->guess_of = calloc(n > 0 ? (size_t)n : 1, sizeof *keys->guess_of);
  keys->tail8 = calloc(n > 0 ? (size_t)n : 1, sizeof *keys->tail8);
  if(!keys->slots || !keys->names || !keys->slot_of || !keys->guess_of || !keys->tail8){
    zl_json_keys_free(keys);
    return -1;
  }
  keys->n = n;
  keys->mask = slots - 1;
  keys->simd = cpu_simd();
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
    const ZlJsonKeySlot *slot = keys->slot_of[c];
    guess_set(&keys->guess_of[c], slot->name, slot->len, slot->column);
    if(slot->len >= 8) keys->tail8[c] = load64(slot->name + slot->len - 8);
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

/* Lines of up to 4 KiB with no control byte (Zeek's, nearly all) are first
** indexed (index_line): every quote that is not escaped, and every
** backslash when there are any. Each string is then two quotes taken in
** turn from the bitmap, with no search and no dependency on the bytes
** before it. */
#define INDEX_MAX_WORDS 64                      /* of 64 bytes */

typedef struct LineIndex {
  uint64_t quote[INDEX_MAX_WORDS + 1];          /* bit i of word w: line[64w + i] is a quote; then a sentinel */
  uint64_t backslash[INDEX_MAX_WORDS];          /* the same for backslashes, when the line has any */
} LineIndex;

typedef struct QuoteIter {                      /* small, so that it lives in registers */
  const char *at;                               /* the line's byte at bit 0 of *word */
  const uint64_t *word;                         /* the word being taken */
  uint64_t bits;                                /* its quotes not yet taken */
  const char *base;                             /* the line */
  const uint64_t *words;                        /* LineIndex.quote */
  size_t nwords;                                /* the line's words (the sentinel follows) */
  const uint64_t *backslash;                    /* LineIndex.backslash, or NULL: the line has none */
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
  /* + 0x46 takes '0'..'9' to the ten largest signed bytes, and nothing else there */
  __m128i d = _mm_add_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), _mm_set1_epi8(0x46));
  return ~(unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(d, _mm_set1_epi8(0x75))) & 0xFFFFu;
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

/* The next quote of an indexed line: past its end, the sentinel word's,
** which no string ends at (so the caller stops). */
HOT const char *quote_next(QuoteIter *qi){
  while(!qi->bits){
    qi->bits = *++qi->word;
    qi->at += 64;
  }
  const char *q = qi->at + __builtin_ctzll(qi->bits);
  qi->bits &= qi->bits - 1;
  return q;
}

/* Forgets the quotes before p (after a reference function passed them). */
HOT void quote_skip_to(QuoteIter *qi, const char *p){
  size_t at = (size_t)(p - qi->base), w = at / 64;
  if(w > qi->nwords){ w = qi->nwords; at = 64 * w; }
  qi->word = qi->words + w;
  qi->at = qi->base + 64 * w;
  qi->bits = qi->words[w] & (~0ull << (at % 64));
}

/* Whether line[from, to) holds a backslash. */
HOT int backslash_between(const QuoteIter *qi, const char *from, const char *to){
  size_t a = (size_t)(from - qi->base), b = (size_t)(to - qi->base), w = a / 64;
  uint64_t bits = qi->backslash[w] & (~0ull << (a % 64));
  for(; w < b / 64; bits = qi->backslash[++w]) if(bits) return 1;
  return (bits & ((1ull << (b % 64)) - 1)) != 0;
}

/* The string whose opening quote is at open; returns its closing quote.
** qi: the line's index, when it has one (then a string is two quotes). */
HOT const char *scan_string(Scan *s, QuoteIter *qi, const char *open, uint8_t *escaped){
  if(qi){
    const char *close = quote_next(qi) == open ? quote_next(qi) : NULL;
    if(!close || close >= s->end) return fail(s, "unterminated string", open);   /* the reference says why */
    if(!qi->backslash || !backslash_between(qi, open + 1, close)) return close;
    /* Its escapes are checked by the reference, which must end where the index does. */
    const char *exact = string_exact(s, open, open + 1, escaped);
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

/* The key's id found by hashing, which is then expected after the key
** whose guess is prev next time. An unknown key short enough is
** remembered, so that what follows it is guessed as well. */
static __attribute__((noinline))
int learn_key(ZlJsonLine *row, const ZlJsonKeys *keys, const char *k, size_t n, unsigned prev){
  int c = keys_lookup(keys, k, n);
  ZlJsonGuess *g = &row->guess[prev];
  if(c >= 0){
    *g = keys->guess_of[c];
    return c;
  }
  if(n > GUESS_HEAD){                           /* too long to remember */
    guess_none(g);
    return NOT_A_COLUMN;
  }
  int u = 0;
  while(u < row->nunknown && !guess_matches(keys, &row->unknown[u], k, n, 0)) u++;
  if(u == row->nunknown){
    if(u == UNKNOWN_KEYS){
      guess_none(g);
      return NOT_A_COLUMN;
    }
    guess_set(&row->unknown[row->nunknown++], k, n, UNKNOWN_ID(u));
  }
  guess_set(g, k, n, UNKNOWN_ID(u));
  return UNKNOWN_ID(u);
}

/* Zeek writes the keys of every line in one order: the key that followed
** this one on the last line is tried first, which spares the hash. *prev:
** the guess's index, updated. Returns the key's id. */
HOT int find_key(ZlJsonLine *row, const ZlJsonKeys *keys, const char *k, size_t n, size_t room, unsigned *prev){
  const ZlJsonGuess *g = &row->guess[*prev];
  int id = guess_matches(keys, g, k, n, room) ? g->column : learn_key(row, keys, k, n, *prev);
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
  int c = key_escaped ? find_escaped_key(keys, row->key_buf, k, n) : find_key(row, keys, k, n, room, prev);
  row->members++;
  if(c < 0){ row->unknown_keys++; return; }
  fill_cell(row, (unsigned)c, v->text.p, v->text.n, v->type, v->flags);
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

/* ---- the line's index ---------------------------------------------------- */

enum { HAS_BACKSLASH = 1, HAS_CONTROL = 2 };

#if defined(JSON_SIMD)
/* Per 64-byte word of a line: its quote bits stored, its backslashes and
** control bytes only told apart from the rest (a line with backslashes has
** their bits found again, by backslash_words_*). The last, partial word is
** read from a copy when the caller's buffer ends within 64 bytes, and the
** bytes past the line are masked off. Returns HAS_*. */
static unsigned quote_words_sse2(const char *line, size_t len, size_t readable, uint64_t *words){
  __m128i backslash = _mm_setzero_si128(), control = _mm_setzero_si128();
  const __m128i quote = _mm_set1_epi8('"'), backslash_byte = _mm_set1_epi8('\\');
  const __m128i space = _mm_set1_epi8(0x20);
  size_t nfull = len / 64;
  for(size_t w = 0; w < nfull; w++){
    uint64_t q = 0;
    for(int i = 0; i < 64; i += 16){
      __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(line + 64 * w + i));
      q |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)) << i;
      backslash = _mm_or_si128(backslash, _mm_cmpeq_epi8(v, backslash_byte));
      control = _mm_or_si128(control, _mm_subs_epu8(space, v));   /* non-zero below ' ' */
    }
    words[w] = q;
  }
  unsigned has = (_mm_movemask_epi8(backslash) ? HAS_BACKSLASH : 0)
               | (_mm_movemask_epi8(_mm_cmpeq_epi8(control, _mm_setzero_si128())) != 0xFFFF ? HAS_CONTROL : 0);
  size_t n = len - 64 * nfull;
  if(n){                                        /* the last, partial word */
    char pad[64];
    const char *src = line + 64 * nfull;
    if(readable - 64 * nfull < 64){
      memset(pad, ' ', sizeof pad);
      memcpy(pad, src, n);
      src = pad;
    }
    uint64_t q = 0, b = 0, c = 0, valid = (1ull << n) - 1;
    for(int i = 0; i < 64; i += 16){
      __m128i v = _mm_loadu_si128((const __m128i *)(const void *)(src + i));
      q |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, quote)) << i;
      b |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(v, backslash_byte)) << i;
      c |= (uint64_t)(unsigned)_mm_movemask_epi8(_mm_cmpeq_epi8(_mm_subs_epu8(space, v), _mm_setzero_si128())) << i;
    }
    words[nfull] = q & valid;
    has |= (b & valid ? HAS_BACKSLASH : 0) | (~c & valid ? HAS_CONTROL : 0);
  }
  return has;
}

/* The backslash bits of every word of a line that has some. */
static void backslash_words_sse2(const char *line, size_t len, uint64_t *words){
  for(size_t w = 0; w < (len + 63) / 64; w++){
    uint64_t b = 0;
    for(size_t i = 0; i < 64 && 64 * w + i < len; i++) b |= (uint64_t)(line[64 * w + i] == '\\') << i;
    words[w] = b;
  }
}

#if defined(HAVE_AVX2_PATH)
/* The last, partial word's bytes, from a copy when the caller's buffer ends
** within 64 bytes. */
static __attribute__((noinline))
const char *tail_copy(const char *src, size_t n, char pad[64]){
  memset(pad, ' ', 64);
  memcpy(pad, src, n);
  return pad;
}

/* Bytes repeated 32 times, loaded rather than built. */
static const uint8_t QUOTE32[32] __attribute__((aligned(32))) = {
  '"','"','"','"','"','"','"','"','"','"','"','"','"','"','"','"',
  '"','"','"','"','"','"','"','"','"','"','"','"','"','"','"','"'};
static const uint8_t BACKSLASH32[32] __attribute__((aligned(32))) = {
  '\\','\\','\\','\\','\\','\\','\\','\\','\\','\\','\\','\\','\\','\\','\\','\\',
  '\\','\\','\\','\\','\\','\\','\\','\\','\\','\\','\\','\\','\\','\\','\\','\\'};
static const uint8_t BELOW_SPACE32[32] __attribute__((aligned(32))) = {
  0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,
  0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f,0x1f};

#define LOAD32(p) _mm256_loadu_si256((const __m256i *)(const void *)(p))
#define CONST32(k) _mm256_load_si256((const __m256i *)(const void *)(k))

static const int8_t IOTA32[32] __attribute__((aligned(32))) = {
  0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,
  16, 17, 18, 19, 20, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30, 31};

typedef struct QuoteAcc { __m256i low, low_xor; } QuoteAcc;

/* One 64-byte word's quote bits; its bytes' minimums into acc. */
static inline __attribute__((target("avx2"), always_inline))
uint64_t quote_word_avx2(__m256i a, __m256i b, __m256i quote, __m256i backslash, QuoteAcc *acc){
  acc->low = _mm256_min_epu8(acc->low, _mm256_min_epu8(a, b));
  acc->low_xor = _mm256_min_epu8(acc->low_xor, _mm256_min_epu8(_mm256_xor_si256(a, backslash),
                                                               _mm256_xor_si256(b, backslash)));
  return (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, quote))
       | (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, quote)) << 32;
}

/* The same 32 bytes at a time. Backslashes and control bytes are looked
** for as running minimums: of the bytes (below ' ': a control byte) and of
** the bytes XOR '\\' (zero: a backslash); the last word's bytes past the
** line count as spaces. */
static inline __attribute__((target("avx2")))
unsigned quote_words_avx2(const char *line, size_t len, size_t readable, uint64_t *words){
  __m256i quote = CONST32(QUOTE32), backslash = CONST32(BACKSLASH32);
  __asm__("" : "+x"(quote), "+x"(backslash));  /* opaque: held in registers, not rebuilt at each use */
  QuoteAcc acc = {_mm256_set1_epi8(-1), _mm256_set1_epi8(-1)};
  size_t nfull = len / 64, w = 0;
  for(; w < nfull; w++){
    const char *p = line + 64 * w;
    words[w] = quote_word_avx2(LOAD32(p), LOAD32(p + 32), quote, backslash, &acc);
  }
  size_t n = len - 64 * nfull;
  if(n){                                        /* the last, partial word */
    char pad[64];
    const char *src = line + 64 * nfull;
    if(readable - 64 * nfull < 64) src = tail_copy(src, n, pad);
    const __m256i iota = CONST32(IOTA32), count = _mm256_set1_epi8((char)n), space = _mm256_set1_epi8(' ');
    __m256i in_a = _mm256_cmpgt_epi8(count, iota);
    __m256i in_b = _mm256_cmpgt_epi8(count, _mm256_add_epi8(iota, _mm256_set1_epi8(32)));
    __m256i a = _mm256_blendv_epi8(space, LOAD32(src), in_a), b = _mm256_blendv_epi8(space, LOAD32(src + 32), in_b);
    words[nfull] = quote_word_avx2(a, b, quote, backslash, &acc);
  }
  const __m256i below_space = CONST32(BELOW_SPACE32);
  return (_mm256_movemask_epi8(_mm256_cmpeq_epi8(acc.low_xor, _mm256_setzero_si256())) ? HAS_BACKSLASH : 0)
       | (_mm256_movemask_epi8(_mm256_cmpeq_epi8(_mm256_min_epu8(acc.low, below_space), acc.low)) ? HAS_CONTROL : 0);
}

__attribute__((target("avx2")))
static void backslash_words_avx2(const char *line, size_t len, uint64_t *words){
  const __m256i backslash_byte = _mm256_set1_epi8('\\');
  size_t nfull = len / 64;
  for(size_t w = 0; w < nfull; w++){
    __m256i a = _mm256_loadu_si256((const __m256i *)(const void *)(line + 64 * w));
    __m256i b = _mm256_loadu_si256((const __m256i *)(const void *)(line + 64 * w + 32));
    words[w] = (uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(a, backslash_byte))
             | (uint64_t)(uint32_t)_mm256_movemask_epi8(_mm256_cmpeq_epi8(b, backslash_byte)) << 32;
  }
  if(len % 64){
    uint64_t b = 0;
    for(size_t i = 0; 64 * nfull + i < len; i++) b |= (uint64_t)(line[64 * nfull + i] == '\\') << i;
    words[nfull] = b;
  }
}
#endif

/* Takes out of the quote bits those a backslash escapes: a byte is escaped
** when the byte before it is a backslash that is not escaped itself. */
static void drop_escaped_quotes(uint64_t *quote, const uint64_t *backslash, size_t nwords){
  uint64_t carry = 0;                           /* the next word's first byte is escaped */
  for(size_t w = 0; w < nwords; w++){
    uint64_t escaped = carry, escapes = backslash[w] & ~carry;
    carry = 0;
    while(escapes){                             /* each, the first of the bits left, escapes the next byte */
      unsigned i = (unsigned)__builtin_ctzll(escapes);
      escaped |= 2ull << i;                     /* 0 for bit 63: the carry */
      carry = i == 63;
      escapes &= ~(3ull << i);
    }
    quote[w] &= ~escaped;
  }
}
#endif

#if defined(JSON_SIMD)
/* A line with backslashes: their bits, and the quotes they escape taken out. */
static __attribute__((noinline))
void index_backslashes(const char *line, size_t len, LineIndex *ix, int avx2){
#if defined(HAVE_AVX2_PATH)
  if(avx2) backslash_words_avx2(line, len, ix->backslash);
  else backslash_words_sse2(line, len, ix->backslash);
#else
  (void)avx2;
  backslash_words_sse2(line, len, ix->backslash);
#endif
  drop_escaped_quotes(ix->quote, ix->backslash, (len + 63) / 64);
}
#endif

/* Indexes a line (trailing whitespace left out) when it has no control
** byte and at most INDEX_MAX_WORDS words; 0, else -1. `avx2`, a constant:
** the CPU has it. */
static inline __attribute__((always_inline))
int index_line_body(const char *line, size_t len, size_t readable, LineIndex *ix, QuoteIter *qi, const int avx2){
#if defined(JSON_SIMD)
  if(len > INDEX_MAX_WORDS * 64) return -1;
  size_t nwords = (len + 63) / 64;
#if defined(HAVE_AVX2_PATH)
  unsigned has = avx2 ? quote_words_avx2(line, len, readable, ix->quote) : quote_words_sse2(line, len, readable, ix->quote);
#else
  unsigned has = quote_words_sse2(line, len, readable, ix->quote);
#endif
  if(has & HAS_CONTROL) return -1;
  ix->quote[nwords] = ~0ull;                    /* the sentinel */
  qi->backslash = NULL;
  if(has & HAS_BACKSLASH){
    index_backslashes(line, len, ix, avx2);
    qi->backslash = ix->backslash;
  }
  qi->base = qi->at = line;
  qi->words = qi->word = ix->quote;
  qi->nwords = nwords;
  qi->bits = ix->quote[0];
  return 0;
#else
  (void)line; (void)len; (void)readable; (void)ix; (void)qi; (void)avx2;
  return -1;
#endif
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

/* Cells are not cleared line by line: those a line fills are marked, and
** at its end only those the line before had and this one lacks are. */
HOT int end_line(ZlJsonLine *row){
  int nset = 0;
  for(int w = 0; w < row->words; w++){
    for(uint64_t stale = row->live[w] & ~row->filled[w]; stale; stale &= stale - 1)
      row->cells[64 * w + __builtin_ctzll(stale)].type = ZL_JSON_ABSENT;
    row->live[w] = row->filled[w];
    nset += __builtin_popcountll(row->filled[w]);
  }
  row->nset = nset;
  return 0;
}

/* ---- the indexed walk ----------------------------------------------------- */

#if defined(JSON_SIMD)

/* The walks keep qi->bits non-zero (the sentinel word ends every line):
** after a quote is taken, the next word with one is found. */
HOT void quote_refill(QuoteIter *qi){
  while(!qi->bits){
    qi->bits = *++qi->word;
    qi->at += 64;
  }
}

/* The quote after the next one (a string's closing quote, the next being
** its opening one); both are taken. */
HOT const char *quote_close(QuoteIter *qi){
  qi->bits &= qi->bits - 1;
  quote_refill(qi);
  const char *q = qi->at + __builtin_ctzll(qi->bits);
  qi->bits &= qi->bits - 1;
  quote_refill(qi);
  return q;
}

/* A string with a backslash, open to close in the index: its escapes are
** checked by the reference, which must end where the index does. */
static __attribute__((noinline))
int escapes_ok(Scan *s, const char *open, const char *close){
  uint8_t escaped = 0;
  return string_exact(s, open, open + 1, &escaped) == close;
}

/* An indexed string from open (the next quote in the index) to close:
** its ZlJsonValue.flags, or -1 when it is not valid. */
HOT int indexed_string(Scan *s, const QuoteIter *qi, const char *open, const char *close){
  if(close >= s->end) return -1;                /* the sentinel: no closing quote */
  if(!qi->backslash || !backslash_between(qi, open + 1, close)) return 0;
  return escapes_ok(s, open, close) ? ZL_JSON_ESCAPED : -1;
}

/* The constants of leading_digits, kept in registers by the walks. */
typedef struct DigitConsts { __m128i add, top; } DigitConsts;

HOT DigitConsts digit_consts(void){
  /* + 0x46 takes '0'..'9' to the ten largest signed bytes, and nothing else there */
  DigitConsts k = {_mm_set1_epi8(0x46), _mm_set1_epi8(0x75)};
  __asm__("" : "+x"(k.add), "+x"(k.top));      /* opaque: held in registers, not rebuilt at each use */
  return k;
}

/* How many of the 16 bytes at p are digits before the first that is not. */
HOT unsigned leading_digits(const char *p, DigitConsts k){
  __m128i d = _mm_add_epi8(_mm_loadu_si128((const __m128i *)(const void *)p), k.add);
  return (unsigned)__builtin_ctz(~(unsigned)_mm_movemask_epi8(_mm_cmpgt_epi8(d, k.top)));
}

/* A number as Zeek writes them (digits, maybe '.' and digits, no exponent)
** whose digits start at q (after the '-' if any), *flags set; NULL when it
** is not that short shape (number_exact then decides). A byte that is not
** part of a number must come before the line's end (the walks have its
** last '}'), and SHORT_NUMBER_READS bytes must be readable at q - 1. */
HOT const char *short_number(const char *q, uint8_t *flags, DigitConsts k){
  unsigned whole = leading_digits(q, k);
  if(whole - 1 >= 15 || (q[0] == '0' && whole > 1)) return NULL;   /* none, or 16 or more */
  const char *r = q + whole;
  *flags = 0;
  if(*r == '.'){
    unsigned frac = leading_digits(r + 1, k);
    if(frac - 1 >= 15) return NULL;
    r += 1 + frac;
    *flags = ZL_JSON_FRACTION;
  }
  return (*r | 0x20) != 'e' ? r : NULL;
}
#define SHORT_NUMBER_READS 33                  /* a '-', 15 digits, a '.', 16 bytes */

HOT int is_literal(const char *p, const char *end, const char *word, size_t n){
  return (size_t)(end - p) >= n && memcmp(p, word, n) == 0;
}

/* Whether column c is filled, its word 0 being `low`. */
HOT int filled_bit(const ZlJsonLine *row, uint64_t low, int c){
  return (int)((c < 64 ? low : row->filled[c / 64]) >> (c % 64) & 1);
}

/* Bytes a line must have readable after it for walk_plain. */
#define PLAIN_ROOM 32
/* ',' then '"' read as a little-endian 16-bit word (x86-64 only has the fast paths). */
#define MEMBER_SEPARATOR (',' | '"' << 8)

/* An indexed line's object, when it is as Zeek writes it: no whitespace,
** no byte order mark. 0 with every member recorded; -1 for anything else,
** which the generic walk then takes from the start (and judges). s->end:
** the line's end, trailing whitespace left out. `plain`, a constant: the
** line has no backslash and PLAIN_ROOM bytes readable after it, so that
** nothing is read with a test of the room.
** The last byte is '}': a quote, ':' or ',' found before it has a byte after
** it inside the line, which is read without a test, and a number ends
** before it. Every quote before p has been taken from the index, so a
** string at p is the next two. */
static inline __attribute__((always_inline))
int walk_body(Scan *s, const QuoteIter *index, const char *line, ZlJsonLine *row, const ZlJsonKeys *keys,
              const int plain){
  QuoteIter it = *index, *qi = &it;             /* a copy: it stays in registers */
  const char *p = line, *end = s->end;
  const DigitConsts k = digit_consts();
  quote_refill(qi);
  if(end - p < 2 || *p != '{' || end[-1] != '}') return -1;
  if(*++p == '}'){
    row->walk = plain ? ZL_JSON_WALK_PLAIN : ZL_JSON_WALK_INDEXED;
    return p + 1 == end ? end_line(row) : -1;
  }
  if(*p != '"') return -1;
  uint64_t filled = 0;                          /* row->filled[0], in a register */
  unsigned prev = (unsigned)GUESS_START(keys);
  int members = 0, unknown = 0, rc = -1;
  for(;;){                                      /* p: a key's opening quote */
    const char *key = p + 1, *close = quote_close(qi), *q;
    if(close >= end) break;                     /* the sentinel */
    int key_flags = plain ? 0 : indexed_string(s, qi, p, close);
    if(key_flags < 0 || close[1] != ':') break;
    /* The key first, so that the value goes straight to its cell. */
    size_t klen = (size_t)(close - key);
    const ZlJsonGuess *g = &row->guess[prev];
    int c;
    if(key_flags) c = find_escaped_key(keys, row->key_buf, key, klen);
    else if(plain ? guess_hits(keys, g, key, klen) : guess_matches(keys, g, key, klen, (size_t)(s->readable - key)))
      c = g->column;
    else c = learn_key(row, keys, key, klen, prev);
    prev = (unsigned)GUESS_COLUMN(c);
    members++;
    ZlJsonValue *cell = &row->cells[c];         /* a spare for an unknown key */
    p = close + 2;                              /* before end - 1: close[1] is not the '}' */
    if(*p == '"'){
      q = quote_close(qi);
      if(q >= end) break;
      int flags = plain ? 0 : indexed_string(s, qi, p, q);
      if(flags < 0) break;
      cell->text.p = p + 1;
      cell->text.n = (size_t)(q - p - 1);
      cell->type = ZL_JSON_STRING;
      cell->flags = (uint8_t)flags;
      p = q + 1;
    }else if((unsigned char)*p <= '9'){         /* a number, or nothing valid: number_exact says */
      uint8_t flags;
      if(!(q = plain || s->readable - p >= SHORT_NUMBER_READS ? short_number(p + (*p == '-'), &flags, k) : NULL)){
        uint8_t f;
        if(!(q = number_exact(s, p, &f))) break;
        flags = f;
      }
      cell->text.p = p;
      cell->text.n = (size_t)(q - p);
      cell->type = ZL_JSON_NUMBER;
      cell->flags = flags;
      p = q;
    }else{
      uint8_t type;
      q = p + 1;
      if(*p == '['){                            /* Zeek's: strings or numbers */
        type = ZL_JSON_ARRAY;
        if(*q != ']'){
          for(;;){
            if(*q == '"'){
              const char *cq = quote_close(qi);
              if(cq >= end || (!plain && indexed_string(s, qi, q, cq) < 0)) goto container;
              q = cq + 1;
            }else{
              uint8_t f;
              if(!(is_digit(*q) || *q == '-') || !(plain || s->readable - q >= SHORT_NUMBER_READS)
                 || !(q = short_number(q + (*q == '-'), &f, k))) goto container;
            }
            if(*q == ']') break;
            if(*q++ != ',') goto container;
          }
        }
        q++;
      }else if(*p == '{'){
        type = ZL_JSON_OBJECT;
      container:
        if(!(q = container_exact(s, p, 1)) || q == end) break;   /* end: it took the last '}' */
        quote_skip_to(qi, q);                   /* the quotes inside */
        quote_refill(qi);
      }else{
        if(is_literal(p, end, "true", 4)) type = ZL_JSON_TRUE;
        else if(is_literal(p, end, "false", 5)) type = ZL_JSON_FALSE;
        else if(is_literal(p, end, "null", 4)) type = ZL_JSON_NULL;
        else break;
        q = p + (type == ZL_JSON_FALSE ? 5 : 4);
        if(type == ZL_JSON_NULL && c >= 0 && filled_bit(row, filled, c)) cell = &row->cells[NOT_A_COLUMN];   /* the last non-null wins */
      }
      cell->text.p = p;
      cell->text.n = (size_t)(q - p);
      cell->type = type;
      cell->flags = 0;
      p = q;
    }
    if((unsigned)c < 64) filled |= 1ull << c;
    else if(c < 0) unknown++;
    else row->filled[c / 64] |= 1ull << (c % 64);
    if(plain ? load16(p) == MEMBER_SEPARATOR : *p == ',' && p[1] == '"'){   /* a byte after p: PLAIN_ROOM */
      p++;
      continue;
    }
    if(*p == '}' && p + 1 == end) rc = 0;
    break;
  }
  row->filled[0] |= filled;                     /* on failure too: the cells written are live */
  row->members = members;
  row->unknown_keys = unknown;
  row->walk = plain ? ZL_JSON_WALK_PLAIN : ZL_JSON_WALK_INDEXED;
  if(rc == 0) end_line(row);
  return rc;
}

/* A line indexed and walked; 0, or -1 when the generic walk must take it
** (tlen: its length without trailing whitespace). */
static inline __attribute__((always_inline))
int indexed_scan(ZlJsonLine *row, const ZlJsonKeys *keys, const char *line, size_t tlen, size_t readable,
                 const int avx2){
  LineIndex ix;
  QuoteIter qi;
  if(index_line_body(line, tlen, readable, &ix, &qi, avx2)) return -1;
  Scan s = {line + tlen, line + readable, NULL, NULL};
  if(!qi.backslash && readable - tlen >= PLAIN_ROOM) return walk_body(&s, &qi, line, row, keys, 1);
  return walk_body(&s, &qi, line, row, keys, 0);
}

/* Compiled for the CPU's best: AVX2 CPUs all have BMI1, BMI2 and POPCNT
** (cpu_simd checks), which shorten the bit steps. */
#if defined(HAVE_AVX2_PATH)
static __attribute__((noinline)) __attribute__((target("avx2,bmi,bmi2,popcnt")))
int indexed_scan_avx2(ZlJsonLine *row, const ZlJsonKeys *keys, const char *line, size_t tlen, size_t readable){
  return indexed_scan(row, keys, line, tlen, readable, 1);
}
#endif

static __attribute__((noinline))
int indexed_scan_sse2(ZlJsonLine *row, const ZlJsonKeys *keys, const char *line, size_t tlen, size_t readable){
  return indexed_scan(row, keys, line, tlen, readable, 0);
}
#endif

int zl_json_line_init(ZlJsonLine *row, const ZlJsonKeys *keys){
  memset(row, 0, sizeof *row);
  size_t n = keys->n > 0 ? (size_t)keys->n : 1;
  row->words = (int)((n + 63) / 64);
  /* Before cells[0], the spares the walks write unknown keys' values to. */
  row->cells = calloc(n + UNKNOWN_KEYS + 1, sizeof *row->cells);
  if(row->cells) row->cells += UNKNOWN_KEYS + 1;
  row->filled = calloc((size_t)row->words, sizeof *row->filled);
  row->live = calloc((size_t)row->words, sizeof *row->live);
  row->key_buf = malloc(keys->max_len + 1);
  row->guess = malloc(GUESSES(keys) * sizeof *row->guess);
  row->unknown = malloc(UNKNOWN_KEYS * sizeof *row->unknown);
  if(!row->cells || !row->filled || !row->live || !row->key_buf || !row->guess || !row->unknown){
    zl_json_line_free(row);
    return -1;
  }
  for(size_t i = 0; i < GUESSES(keys); i++) guess_none(&row->guess[i]);
  return 0;
}

void zl_json_line_free(ZlJsonLine *row){
  free(row->cells ? row->cells - (UNKNOWN_KEYS + 1) : NULL);
  free(row->filled);
  free(row->live);
  free(row->key_buf);
  free(row->guess);
  free(row->unknown);
  memset(row, 0, sizeof *row);
}

/* A line's scan begins: the cells marked filled may be left over (live). */
static void begin_line(ZlJsonLine *row){
  for(int w = 0; w < row->words; w++){
    row->live[w] |= row->filled[w];
    row->filled[w] = 0;
  }
  row->nset = row->members = row->unknown_keys = 0;
}


static size_t trimmed(const char *line, size_t len){
  while(len > 0 && is_ws(line[len - 1])) len--;
  return len;
}

int zl_json_line_scan(ZlJsonLine *row, const ZlJsonKeys *keys, const char *line, size_t len){
  return zl_json_line_scan_ahead(row, keys, line, len, len);
}

int zl_json_line_scan_ahead(ZlJsonLine *row, const ZlJsonKeys *keys, const char *line, size_t len,
                            size_t readable){
  row->error = NULL;
  row->error_at = 0;
  if(readable < len) readable = len;
  begin_line(row);
  size_t tlen = trimmed(line, len);
#if defined(JSON_SIMD)
  if(keys->simd != ZL_JSON_SIMD_NONE){
#if defined(HAVE_AVX2_PATH)
    if(keys->simd == ZL_JSON_SIMD_AVX2 ? indexed_scan_avx2(row, keys, line, tlen, readable) == 0
                                       : indexed_scan_sse2(row, keys, line, tlen, readable) == 0) return 0;
#else
    if(indexed_scan_sse2(row, keys, line, tlen, readable) == 0) return 0;
#endif
    begin_line(row);                            /* the generic walk says why */
  }
#else
  (void)tlen;
#endif
  Scan s = {line + len, line + readable, NULL, NULL};
  Sink sink = {.row = row, .keys = keys};
  row->walk = ZL_JSON_WALK_GENERIC;
  if(scan_line(&s, NULL, line, SINK_KEYS, &sink) == 0) return end_line(row);
  begin_line(row);
  row->error = s.error;
  row->error_at = (size_t)(s.error_at - line);
  return -1;
}

int zl_json_line_members(const char *line, size_t len, ZlJsonMemberFn fn, void *ctx,
                         ZlBuf *scratch, const char **error, size_t *error_at){
  Sink sink = {.fn = fn, .ctx = ctx, .scratch = scratch};
  size_t tlen = trimmed(line, len);
  LineIndex ix;
  QuoteIter qi, again;
  Scan fast = {line + tlen, line + len, NULL, NULL}, s = {line + len, line + len, NULL, NULL};
  int indexed = index_line_body(line, tlen, len, &ix, &qi, 0) == 0;
  if(indexed){
    again = qi;
    indexed = scan_line(&fast, &qi, line, SINK_VALIDATE, &sink) == 0;
  }
  if(!indexed && scan_line(&s, NULL, line, SINK_VALIDATE, &sink) != 0){   /* the reference says why */
    if(error) *error = s.error;
    if(error_at) *error_at = (size_t)(s.error_at - line);
    return -1;
  }
  int rc = indexed ? scan_line(&fast, &again, line, SINK_CALL, &sink) : scan_line(&s, NULL, line, SINK_CALL, &sink);
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
