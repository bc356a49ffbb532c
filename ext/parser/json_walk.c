/*
** json_walk.c — the indexed walk: a line as Zeek writes it (no whitespace,
** no control byte, 4 KiB or less), once indexed (json_index.c), walked member
** by member with each string two quotes taken from the index, numbers
** measured without a loop and each value written straight to its cell. One
** body, compiled for SSE2 and again for AVX2/BMI2 CPUs (chosen at run time,
** ZlJsonKeys.simd). Anything else it returns to the generic walk.
*/
#include "parser/json_line_internal.h"

#include <string.h>

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
  return zl_json_string_exact(s, open, open + 1, &escaped) == close;
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
** is not that short shape (zl_json_number_exact then decides). A byte that
** is not part of a number must come before the line's end (the walks have
** its last '}'), and SHORT_NUMBER_READS bytes must be readable at q - 1. */
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

/* Bytes a line must have readable after it for the plain walk. */
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
    if(key_flags) c = zl_json_find_escaped_key(keys, row->key_buf, key, klen);
    else if(plain ? guess_hits(keys, g, key, klen) : guess_matches(keys, g, key, klen, (size_t)(s->readable - key)))
      c = g->column;
    else c = zl_json_learn_key(row, keys, key, klen, prev);
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
    }else if((unsigned char)*p <= '9'){         /* a number, or nothing valid: the reference says */
      uint8_t flags;
      if(!(q = plain || s->readable - p >= SHORT_NUMBER_READS ? short_number(p + (*p == '-'), &flags, k) : NULL)){
        uint8_t f;
        if(!(q = zl_json_number_exact(s, p, &f))) break;
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
        if(!(q = zl_json_container_exact(s, p, 1)) || q == end) break;   /* end: it took the last '}' */
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
#if defined(HAVE_AVX2_PATH)
  if(avx2 ? zl_json_index_line_avx2(line, tlen, readable, &ix, &qi) : zl_json_index_line(line, tlen, readable, &ix, &qi))
    return -1;
#else
  if(zl_json_index_line(line, tlen, readable, &ix, &qi)) return -1;
#endif
  Scan s = {line + tlen, line + readable, NULL, NULL};
  if(!qi.backslash && readable - tlen >= PLAIN_ROOM) return walk_body(&s, &qi, line, row, keys, 1);
  return walk_body(&s, &qi, line, row, keys, 0);
}

/* Compiled for the CPU's best: AVX2 CPUs all have BMI1, BMI2 and POPCNT
** (cpu_simd in json_keys.c checks), which shorten the bit steps. */
#if defined(HAVE_AVX2_PATH)
__attribute__((noinline)) __attribute__((target("avx2,bmi,bmi2,popcnt")))
int zl_json_indexed_scan_avx2(ZlJsonLine *row, const ZlJsonKeys *keys, const char *line, size_t tlen, size_t readable){
  return indexed_scan(row, keys, line, tlen, readable, 1);
}
#endif

__attribute__((noinline))
int zl_json_indexed_scan_sse2(ZlJsonLine *row, const ZlJsonKeys *keys, const char *line, size_t tlen, size_t readable){
  return indexed_scan(row, keys, line, tlen, readable, 0);
}
#endif
