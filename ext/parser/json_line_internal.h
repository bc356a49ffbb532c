/*
** json_line_internal.h — what the files of the JSON line scanner share
** (json_line.c says how they fit together): the scan's state, the line's
** quote index, the key guesses, and the small steps every walk inlines.
** Private to ext/parser/json_*.c; no SQLite.
*/
#ifndef ZL_JSON_LINE_INTERNAL_H
#define ZL_JSON_LINE_INTERNAL_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>
#include "parser/json_line.h"

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

/* ---- bytes --------------------------------------------------------------- */

HOT uint64_t load64(const char *p){ uint64_t v; memcpy(&v, p, 8); return v; }
HOT unsigned load16(const char *p){ uint16_t v; memcpy(&v, p, 2); return v; }
HOT uint64_t load32(const char *p){ uint32_t v; memcpy(&v, p, 4); return v; }

/* Keys are short: a few overlapping loads instead of a call to memcmp. */
HOT int same_bytes(const char *a, const char *b, size_t n){
  if(n >= 8){
    for(size_t i = 0; i + 8 < n; i += 8) if(load64(a + i) != load64(b + i)) return 0;
    return load64(a + n - 8) == load64(b + n - 8);
  }
  if(n >= 4) return load32(a) == load32(b) && load32(a + n - 4) == load32(b + n - 4);
  return n == 0 || (a[0] == b[0] && a[n / 2] == b[n / 2] && a[n - 1] == b[n - 1]);
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

/* ---- the key guesses (json_keys.c) ------------------------------------- */

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

void zl_json_guess_none(ZlJsonGuess *g);
int zl_json_guess_tail_matches(const ZlJsonKeys *keys, const ZlJsonGuess *g, const char *k, size_t n);

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
  return zl_json_guess_tail_matches(keys, g, k, n);
#else
  if(g->len == NO_GUESS || GUESS_LEN(g) != n || !same_bytes(g->head, k, n + 1 < GUESS_HEAD ? n + 1 : GUESS_HEAD))
    return 0;
#endif
  return !(g->len & GUESS_WHOLE) || zl_json_guess_tail_matches(keys, g, k, n);
}

/* The same, with no promise of room after k. */
HOT int guess_matches(const ZlJsonKeys *keys, const ZlJsonGuess *g, const char *k, size_t n, size_t room){
  if(GUESS_LEN(g) != n || g->len == NO_GUESS) return 0;
  if(room >= GUESS_HEAD) return guess_hits(keys, g, k, n);
  if(!same_bytes(g->head, k, n < GUESS_HEAD ? n : GUESS_HEAD)) return 0;
  return n <= GUESS_HEAD || zl_json_guess_tail_matches(keys, g, k, n);
}

/* The key's id found by hashing (see json_keys.c), then expected after the
** key whose guess is prev. */
int zl_json_learn_key(ZlJsonLine *row, const ZlJsonKeys *keys, const char *k, size_t n, unsigned prev);
/* A key, escaped or not, looked up; -1 when not in the index. */
int zl_json_find_escaped_key(const ZlJsonKeys *keys, char *buf, const char *k, size_t n);

/* ---- the scan ------------------------------------------------------------ */

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
** indexed (zl_json_index_line): every quote that is not escaped, and every
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

typedef enum { SINK_VALIDATE, SINK_KEYS, SINK_CALL } SinkMode;

typedef struct Sink {
  ZlJsonLine *row;             /* SINK_KEYS */
  const ZlJsonKeys *keys;
  ZlJsonMemberFn fn;           /* SINK_CALL */
  void *ctx;
  ZlBuf *scratch;
  int out_of_memory;           /* a key could not be decoded */
} Sink;

/* The generic walk and its reference functions (json_scan.c). */
const char *zl_json_string_exact(Scan *s, const char *open, const char *p, uint8_t *escaped);
const char *zl_json_number_exact(Scan *s, const char *p, uint8_t *flags);
const char *zl_json_container_exact(Scan *s, const char *p, int outer);
/* The line's object, each member handed to the sink as mode says; 0, -1,
** or what a SINK_CALL function returned. qi: the line's index, or NULL. */
int zl_json_scan_object(Scan *s, QuoteIter *qi, const char *line, SinkMode mode, Sink *sink);
/* One string (from its opening quote), number or value, without an index. */
const char *zl_json_scan_string(Scan *s, const char *open, uint8_t *escaped);
const char *zl_json_scan_number(Scan *s, const char *p, uint8_t *flags);
const char *zl_json_scan_value(Scan *s, const char *p, ZlJsonValue *v, int outer);

/* The line's index (json_index.c): 0, or -1 when the line is not to be
** indexed (a control byte, over INDEX_MAX_WORDS words, no SIMD). */
int zl_json_index_line(const char *line, size_t len, size_t readable, LineIndex *ix, QuoteIter *qi);
#if defined(HAVE_AVX2_PATH)
int zl_json_index_line_avx2(const char *line, size_t len, size_t readable, LineIndex *ix, QuoteIter *qi);
#endif

/* The indexed walk (json_walk.c): 0, or -1 when the generic walk must take
** the line (tlen: its length without trailing whitespace). */
#if defined(JSON_SIMD)
int zl_json_indexed_scan_sse2(ZlJsonLine *row, const ZlJsonKeys *keys, const char *line, size_t tlen, size_t readable);
#endif
#if defined(HAVE_AVX2_PATH)
int zl_json_indexed_scan_avx2(ZlJsonLine *row, const ZlJsonKeys *keys, const char *line, size_t tlen, size_t readable);
#endif

/* ---- values (json_values.c) ---------------------------------------------- */

#define DECODE_BAD ((size_t)-1)      /* a bad escape */
#define DECODE_LONG ((size_t)-2)     /* more than cap bytes */

/* Decodes s[0..n) into dst, writing at most cap bytes: their count, or DECODE_*. */
size_t zl_json_decode_string(const char *s, size_t n, char *dst, size_t cap);

/* ---- lines ----------------------------------------------------------------- */

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

#endif
