/*
** prefilter.c — the byte-level prefilter (see prefilter.h).
**
** Every need of every clause gets a number; each gram lists the needs it
** meets. A value is scanned once: at each byte, the 1-, 2- and 3-byte grams
** that end there are looked up, and the needs of those that some signature
** wants are stamped as met (a stamp per need, compared with the scan's
** number, so nothing is cleared between values) and their signatures noted.
** Then only the noted signatures' clauses are checked. Look-ups are cheap
** because most grams are wanted by nobody: a byte that ends no gram is
** passed at once; single bytes index a 256-entry table; a pair indexes a
** 65536-entry table that says whether it is a wanted gram and whether a
** wanted triple ends with it; only then is the triple's hash tested in a
** bit map, and only a set bit leads to the exact gram in a small hash table.
*/
#include "func/signatures/prefilter.h"

#include <string.h>

#define PAIRS 65536u             /* every pair of bytes */
#define TRIPLE_BITS 65536u       /* triples, by hash */
#define END_SINGLE 1u            /* ends[]: a byte ends a wanted single, */
#define END_PAIR   2u            /* ... pair, */
#define END_TRIPLE 4u            /* ... or triple */
#define PAIR_WANTED 1u           /* pairs[]: the pair is a wanted gram */
#define PAIR_ENDS_TRIPLE 2u      /* ... a wanted triple ends with it */

typedef struct Refs {
  uint32_t first, count;         /* needs met: refs[first..first+count) */
} Refs;

typedef struct Slot {
  uint32_t key;                  /* (length << 24) | bytes; 0: empty */
  Refs refs;
} Slot;

typedef struct Clause {
  uint32_t first, count;         /* its needs are numbered first.. */
} Clause;

struct ZlPrefilter {
  const ZlAlloc *alloc;
  size_t signatures, words;
  uint64_t *always;              /* signatures with no needs */
  uint64_t *noted;               /* signatures with a need met, this scan */
  uint32_t *need_signature;      /* need -> its signature */
  uint32_t *stamp;               /* need -> the scan that last met it */
  size_t need_count;
  uint32_t scan;
  Clause *clauses;               /* by signature */
  uint32_t *first_clause;        /* signature -> its clauses (signatures + 1) */
  uint32_t *refs;                /* needs met by each gram, in a row */
  size_t ref_count;
  Slot *slots;                   /* open addressing, a power of two */
  size_t slot_mask;
  Refs single[256];
  unsigned char ends[256];       /* END_* bits: the grams a byte can end */
  unsigned char pairs[PAIRS];    /* PAIR_* bits */
  unsigned char triple_map[TRIPLE_BITS / 8];
  unsigned char fold[256];
};

/* ---- building ------------------------------------------------------------ */

static uint32_t gram_key(const ZlGram *g){
  uint32_t key = 0;
  for(int i = 0; i < g->len; i++) key = key << 8 | g->b[i];
  return (uint32_t)g->len << 24 | key;
}

static uint32_t key_hash(uint32_t key){
  key *= 0x9e3779b1u;
  return key ^ (key >> 15);
}

static unsigned triple_bit(uint32_t bytes){
  return key_hash(3u << 24 | bytes) & (TRIPLE_BITS - 1);
}

static void map_set(unsigned char *map, unsigned bit){
  map[bit / 8] |= (unsigned char)(1u << (bit % 8));
}

static int map_has(const unsigned char *map, unsigned bit){
  return map[bit / 8] >> (bit % 8) & 1;
}

/* The slot for key: its own, or the empty one where it belongs. */
static Slot *slot_for(const ZlPrefilter *p, uint32_t key){
  size_t i = key_hash(key) & p->slot_mask;
  while(p->slots[i].key != 0 && p->slots[i].key != key) i = (i + 1) & p->slot_mask;
  return &p->slots[i];
}

/* The list of needs gram g meets, made on first use. */
static Refs *refs_of(ZlPrefilter *p, const ZlGram *g){
  static const unsigned char end_bit[ZL_GRAM_MAX + 1] = { 0, END_SINGLE, END_PAIR, END_TRIPLE };
  p->ends[g->b[g->len - 1]] |= end_bit[g->len];
  if(g->len == 1) return &p->single[g->b[0]];
  uint32_t key = gram_key(g);
  Slot *slot = slot_for(p, key);
  if(slot->key == 0){
    slot->key = key;
    if(g->len == 2){
      p->pairs[key & 0xffff] |= PAIR_WANTED;
    }else{
      map_set(p->triple_map, triple_bit(key & 0xffffff));
      p->pairs[key & 0xffff] |= PAIR_ENDS_TRIPLE;
    }
  }
  return &slot->refs;
}

typedef struct Counts {
  size_t clauses, needs, grams;
} Counts;

static Counts count_all(const ZlNeeds *const *needs, size_t n){
  Counts c = {0, 0, 0};
  for(size_t i = 0; i < n; i++){
    if(needs[i] == NULL || !needs[i]->known) continue;
    c.clauses += needs[i]->count;
    for(size_t k = 0; k < needs[i]->count; k++){
      const ZlClause *clause = &needs[i]->clause[k];
      c.needs += clause->count;
      for(size_t j = 0; j < clause->count; j++) c.grams += clause->need[j].count;
    }
  }
  return c;
}

static int allocate(ZlPrefilter *p, Counts c){
  const ZlAlloc *a = p->alloc;
  size_t slots = 16;
  while(slots < 2 * c.grams) slots *= 2;
  p->slot_mask = slots - 1;
  p->slots = zl_alloc_zeroed(a, slots, sizeof *p->slots);
  p->always = zl_alloc_zeroed(a, p->words, sizeof *p->always);
  p->noted = zl_alloc_zeroed(a, p->words, sizeof *p->noted);
  p->need_signature = zl_alloc_zeroed(a, c.needs + 1, sizeof *p->need_signature);
  p->stamp = zl_alloc_zeroed(a, c.needs + 1, sizeof *p->stamp);
  p->clauses = zl_alloc_zeroed(a, c.clauses + 1, sizeof *p->clauses);
  p->first_clause = zl_alloc_zeroed(a, p->signatures + 1, sizeof *p->first_clause);
  p->refs = zl_alloc_zeroed(a, c.grams + 1, sizeof *p->refs);
  return p->slots && p->always && p->noted && p->need_signature && p->stamp
      && p->clauses && p->first_clause && p->refs;
}

/* Two passes over the grams: the first counts the needs each gram meets,
** the second, after each list's start is known, fills the lists. */
static void index_grams(ZlPrefilter *p, const ZlNeeds *const *needs, int fill){
  uint32_t need_no = 0;
  for(size_t i = 0; i < p->signatures; i++){
    if(needs[i] == NULL || !needs[i]->known) continue;
    for(size_t k = 0; k < needs[i]->count; k++){
      const ZlClause *clause = &needs[i]->clause[k];
      for(size_t j = 0; j < clause->count; j++, need_no++){
        for(size_t g = 0; g < clause->need[j].count; g++){
          Refs *refs = refs_of(p, &clause->need[j].gram[g]);
          if(fill) p->refs[refs->first + refs->count] = need_no;
          refs->count++;
        }
      }
    }
  }
}

/* After the counting pass: each list's start, and the counts set back. */
static void place_lists(ZlPrefilter *p){
  uint32_t next = 0;
  for(int b = 0; b < 256; b++){
    p->single[b].first = next;
    next += p->single[b].count;
    p->single[b].count = 0;
  }
  for(size_t i = 0; i <= p->slot_mask; i++){
    if(p->slots[i].key == 0) continue;
    p->slots[i].refs.first = next;
    next += p->slots[i].refs.count;
    p->slots[i].refs.count = 0;
  }
}

static void set_bit(uint64_t *bits, size_t i){
  bits[i / 64] |= (uint64_t)1 << (i % 64);
}

static void index_clauses(ZlPrefilter *p, const ZlNeeds *const *needs){
  uint32_t clause_no = 0, need_no = 0;
  for(size_t i = 0; i < p->signatures; i++){
    p->first_clause[i] = clause_no;
    if(needs[i] == NULL || !needs[i]->known){ set_bit(p->always, i); continue; }
    for(size_t k = 0; k < needs[i]->count; k++, clause_no++){
      Clause *clause = &p->clauses[clause_no];
      clause->first = need_no;
      clause->count = (uint32_t)needs[i]->clause[k].count;
      for(size_t j = 0; j < clause->count; j++, need_no++){
        p->need_signature[need_no] = (uint32_t)i;
      }
    }
  }
  p->first_clause[p->signatures] = clause_no;
  p->need_count = need_no;
}

ZlPrefilter *zl_prefilter_build(const ZlNeeds *const *needs, size_t n,
                                const ZlAlloc *alloc){
  ZlPrefilter *p = zl_alloc_zeroed(alloc, 1, sizeof *p);
  if(p == NULL) return NULL;
  p->alloc = alloc;
  p->signatures = n;
  p->words = n / 64 + 1;
  if(!allocate(p, count_all(needs, n))){
    zl_prefilter_free(p);
    return NULL;
  }
  for(int b = 0; b < 256; b++) p->fold[b] = zl_needs_fold((unsigned char)b);
  index_grams(p, needs, 0);
  place_lists(p);
  index_grams(p, needs, 1);
  index_clauses(p, needs);
  return p;
}

void zl_prefilter_free(ZlPrefilter *p){
  if(p == NULL) return;
  const ZlAlloc *a = p->alloc;
  zl_alloc_free(a, p->slots);
  zl_alloc_free(a, p->always);
  zl_alloc_free(a, p->noted);
  zl_alloc_free(a, p->need_signature);
  zl_alloc_free(a, p->stamp);
  zl_alloc_free(a, p->clauses);
  zl_alloc_free(a, p->first_clause);
  zl_alloc_free(a, p->refs);
  zl_alloc_free(a, p);
}

size_t zl_prefilter_words(const ZlPrefilter *p){
  return p->words;
}

/* ---- scanning ------------------------------------------------------------ */

static void meet(ZlPrefilter *p, const Refs *refs){
  for(uint32_t i = 0; i < refs->count; i++){
    uint32_t need = p->refs[refs->first + i];
    if(p->stamp[need] == p->scan) continue;
    p->stamp[need] = p->scan;
    set_bit(p->noted, p->need_signature[need]);
  }
}

static void meet_gram(ZlPrefilter *p, uint32_t key){
  const Slot *slot = slot_for(p, key);
  if(slot->key == key) meet(p, &slot->refs);
}

static void scan_grams(ZlPrefilter *p, const unsigned char *value, size_t len){
  uint32_t window = 0;                     /* the last three folded bytes */
  for(size_t i = 0; i < len; i++){
    unsigned char b = p->fold[value[i]];
    window = (window << 8 | b) & 0xffffff;
    unsigned ends = p->ends[b];
    if(ends == 0) continue;                /* no gram ends with this byte */
    if(ends & END_SINGLE) meet(p, &p->single[b]);
    if(i == 0) continue;
    unsigned pair = p->pairs[window & 0xffff];
    if(pair & PAIR_WANTED) meet_gram(p, 2u << 24 | (window & 0xffff));
    if((pair & PAIR_ENDS_TRIPLE) && i >= 2 && map_has(p->triple_map, triple_bit(window))){
      meet_gram(p, 3u << 24 | window);
    }
  }
}

/* Does signature s have a clause whose needs were all met? */
static int clause_met(const ZlPrefilter *p, size_t s){
  for(uint32_t c = p->first_clause[s]; c < p->first_clause[s + 1]; c++){
    const Clause *clause = &p->clauses[c];
    uint32_t j = 0;
    while(j < clause->count && p->stamp[clause->first + j] == p->scan) j++;
    if(j == clause->count) return 1;
  }
  return 0;
}

void zl_prefilter_scan(ZlPrefilter *p, const unsigned char *value, size_t len,
                       uint64_t *cand){
  if(++p->scan == 0){                      /* wrapped: forget every stamp */
    memset(p->stamp, 0, p->need_count * sizeof *p->stamp);
    p->scan = 1;
  }
  memset(p->noted, 0, p->words * sizeof *p->noted);
  scan_grams(p, value, len);
  memcpy(cand, p->always, p->words * sizeof *cand);
  for(size_t w = 0; w < p->words; w++){
    for(uint64_t bits = p->noted[w]; bits; bits &= bits - 1){
      size_t s = w * 64 + (size_t)__builtin_ctzll(bits);
      if(clause_met(p, s)) set_bit(cand, s);
    }
  }
}
