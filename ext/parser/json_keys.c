/*
** json_keys.c — the key index (the names a query wants, hashed once) and the
** key guesses: Zeek writes every line's keys in one order, so the key that
** followed a key on the last line is compared first, and the hash is only
** taken when that guess misses (zl_json_learn_key then remembers the new follower).
** The CPU's fast paths are chosen here, once per index.
*/
#include "parser/json_line_internal.h"

#include <stdlib.h>
#include <string.h>

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
void zl_json_guess_none(ZlJsonGuess *g){
  memset(g, 0, sizeof *g);
  g->want = 0xFFFFu;
  g->len = NO_GUESS;
  g->column = NOT_A_COLUMN;
}

/* The rest of a key longer than a guess's head. */
__attribute__((noinline))
int zl_json_guess_tail_matches(const ZlJsonKeys *keys, const ZlJsonGuess *g, const char *k, size_t n){
  if(GUESS_LEN(g) != n) return 0;
  if(n <= GUESS_HEAD) return 1;
  return g->column >= 0 && same_bytes(keys->slot_of[g->column]->name + GUESS_HEAD, k + GUESS_HEAD, n - GUESS_HEAD);
}

/* A key, escaped or not, looked up; -1 when not in the index. */
int zl_json_find_escaped_key(const ZlJsonKeys *keys, char *buf, const char *k, size_t n){
  size_t m = zl_json_decode_string(k, n, buf, keys->max_len);
  return m == DECODE_BAD || m == DECODE_LONG ? -1 : keys_lookup(keys, buf, m);
}

/* The key's id found by hashing, which is then expected after the key
** whose guess is prev next time. An unknown key short enough is
** remembered, so that what follows it is guessed as well. */
__attribute__((noinline))
int zl_json_learn_key(ZlJsonLine *row, const ZlJsonKeys *keys, const char *k, size_t n, unsigned prev){
  int c = keys_lookup(keys, k, n);
  ZlJsonGuess *g = &row->guess[prev];
  if(c >= 0){
    *g = keys->guess_of[c];
    return c;
  }
  if(n > GUESS_HEAD){                           /* too long to remember */
    zl_json_guess_none(g);
    return NOT_A_COLUMN;
  }
  int u = 0;
  while(u < row->nunknown && !guess_matches(keys, &row->unknown[u], k, n, 0)) u++;
  if(u == row->nunknown){
    if(u == UNKNOWN_KEYS){
      zl_json_guess_none(g);
      return NOT_A_COLUMN;
    }
    guess_set(&row->unknown[row->nunknown++], k, n, UNKNOWN_ID(u));
  }
  guess_set(g, k, n, UNKNOWN_ID(u));
  return UNKNOWN_ID(u);
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
