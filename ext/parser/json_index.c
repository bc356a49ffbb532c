/*
** json_index.c — a line's quote index: every quote that is not escaped, as
** bits in 64-bit words, found 16 bytes a step (SSE2) or 32 (AVX2, compiled
** for that target and chosen at run time); backslashes found again, and the
** quotes they escape taken out, only for a line that has any. A line with
** a control byte or over 4 KiB is not indexed (the generic walk takes it).
*/
#include "parser/json_line_internal.h"

#include <string.h>

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

int zl_json_index_line(const char *line, size_t len, size_t readable, LineIndex *ix, QuoteIter *qi){
  return index_line_body(line, len, readable, ix, qi, 0);
}

#if defined(HAVE_AVX2_PATH)
__attribute__((target("avx2,bmi,bmi2,popcnt")))
int zl_json_index_line_avx2(const char *line, size_t len, size_t readable, LineIndex *ix, QuoteIter *qi){
  return index_line_body(line, len, readable, ix, qi, 1);
}
#endif
