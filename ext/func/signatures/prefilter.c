/*
** prefilter.c — the byte-level prefilter (see prefilter.h).
**
** Every need of every clause gets a number, a bit in the scan's set of met
** needs; each gram lists the needs it meets. A value is scanned once, one
** table look-up per byte: the pair of bytes that ends there indexes a
** 65536-entry table naming its record, or none when no wanted gram ends
** there (most bytes). A record holds what ends with that pair: the second
** byte alone as a wanted gram, the pair as one, and the wanted triples that
** end with it (a 256-bit map of their first bytes, then a short list). Then
** only the clauses whose first need was met are checked, each a few bits.
** A value's bytes are looked at once, nothing is hashed, nothing is cleared
** but the few words of met needs.
*/
#include "func/signatures/prefilter.h"

#include <string.h>

#define PAIRS 65536u             /* every pair of bytes */
#define RECORDS_MAX 65535u       /* record numbers fit the pair table; 0: none */
#define BUILD_SLOTS_MIN 16u      /* the build's gram table, at the least */

typedef struct Refs {
  uint32_t first, count;         /* needs met: refs[first..first+count) */
} Refs;

/* A wanted triple, in its pair's record's list. */
typedef struct Triple {
  unsigned char first;           /* its first byte */
  Refs refs;
} Triple;

/* What ends with one pair of bytes. */
typedef struct Record {
  Refs own;                      /* the needs its second byte and the pair meet */
  uint32_t triple_first, triple_count;   /* triples[..] ending with the pair, */
  uint64_t firsts[4];            /* ... in the order of their first bytes */
} Record;

/* A gram while building: open addressing by key. */
typedef struct Slot {
  uint32_t key;                  /* (length << 24) | bytes; 0: empty */
  Refs refs;
} Slot;

typedef struct Clause {
  uint32_t first, count;         /* its needs are numbered first.. */
  uint32_t signature;
} Clause;

struct ZlPrefilter {
  const ZlAlloc *alloc;
  size_t signatures, words;
  uint64_t *always;              /* signatures with no needs */
  size_t need_words;
  uint64_t *met;                 /* needs met, this scan */
  uint64_t *anchors;             /* the first need of each clause */
  uint32_t *need_clause;         /* need -> its clause */
  Clause *clauses;
  uint32_t *refs;                /* needs met by each gram, in a row */
  size_t ref_count;
  Refs single[256];              /* a value's first byte, as a gram */
  Record *records;               /* [0] unused */
  size_t record_count;
  Triple *triples;
  uint16_t pair_record[PAIRS];   /* pair -> its record, 0: none */
  unsigned char fold[256];
  /* building only */
  Slot *slots;                   /* open addressing, a power of two */
  size_t slot_mask;
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

static void set_bit(uint64_t *bits, size_t i){
  bits[i / 64] |= (uint64_t)1 << (i % 64);
}

static int has_bit(const uint64_t *bits, size_t i){
  return bits[i / 64] >> (i % 64) & 1;
}

/* The slot for key: its own, or the empty one where it belongs. */
static Slot *slot_for(const ZlPrefilter *p, uint32_t key){
  size_t i = key_hash(key) & p->slot_mask;
  while(p->slots[i].key != 0 && p->slots[i].key != key) i = (i + 1) & p->slot_mask;
  return &p->slots[i];
}

/* The list of needs gram g meets, made on first use. */
static Refs *refs_of(ZlPrefilter *p, const ZlGram *g){
  if(g->len == 1) return &p->single[g->b[0]];
  uint32_t key = gram_key(g);
  Slot *slot = slot_for(p, key);
  slot->key = key;
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
  size_t slots = BUILD_SLOTS_MIN;
  while(slots < 2 * c.grams) slots *= 2;
  p->slot_mask = slots - 1;
  p->need_words = c.needs / 64 + 1;
  p->slots = zl_alloc_zeroed(a, slots, sizeof *p->slots);
  p->always = zl_alloc_zeroed(a, p->words, sizeof *p->always);
  p->met = zl_alloc_zeroed(a, p->need_words, sizeof *p->met);
  p->anchors = zl_alloc_zeroed(a, p->need_words, sizeof *p->anchors);
  p->need_clause = zl_alloc_zeroed(a, c.needs + 1, sizeof *p->need_clause);
  p->clauses = zl_alloc_zeroed(a, c.clauses + 1, sizeof *p->clauses);
  p->ref_count = c.grams;
  p->refs = zl_alloc_zeroed(a, c.grams + 1, sizeof *p->refs);
  return p->slots && p->always && p->met && p->anchors && p->need_clause
      && p->clauses && p->refs;
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

/* Numbers the clauses; a clause's first need is its anchor. */
static void index_clauses(ZlPrefilter *p, const ZlNeeds *const *needs){
  uint32_t clause_no = 0, need_no = 0;
  for(size_t i = 0; i < p->signatures; i++){
    if(needs[i] == NULL || !needs[i]->known){ set_bit(p->always, i); continue; }
    for(size_t k = 0; k < needs[i]->count; k++, clause_no++){
      Clause *clause = &p->clauses[clause_no];
      clause->first = need_no;
      clause->count = (uint32_t)needs[i]->clause[k].count;
      clause->signature = (uint32_t)i;
      if(clause->count > 0) set_bit(p->anchors, need_no);
      else set_bit(p->always, i);          /* a clause that needs nothing */
      for(size_t j = 0; j < clause->count; j++, need_no++) p->need_clause[need_no] = clause_no;
    }
  }
}

/* The record of a pair, numbered on first use; 0 when there are too many. */
static uint32_t record_of(ZlPrefilter *p, uint32_t pair){
  if(p->pair_record[pair] == 0 && p->record_count < RECORDS_MAX){
    p->pair_record[pair] = (uint16_t)++p->record_count;
  }
  return p->pair_record[pair];
}

/* Numbers a record for each pair that ends a wanted pair or triple, and
** one for each wanted single byte that ends no such pair (shared by every
** pair it ends). 0 when the record numbers run out. */
static int number_records(ZlPrefilter *p){
  for(size_t i = 0; i <= p->slot_mask; i++){
    if(p->slots[i].key != 0 && record_of(p, p->slots[i].key & 0xffff) == 0) return 0;
  }
  for(uint32_t b = 0; b < 256; b++){
    if(p->single[b].count == 0) continue;
    uint16_t shared = 0;
    for(uint32_t before = 0; before < 256; before++){
      uint32_t pair = before << 8 | b;
      if(p->pair_record[pair] != 0) continue;
      if(shared == 0){
        if(record_of(p, pair) == 0) return 0;
        shared = p->pair_record[pair];
      }
      p->pair_record[pair] = shared;
    }
  }
  return 1;
}

/* Orders a record's triples by their first bytes (a few: insertion). */
static void sort_triples(ZlPrefilter *p, const Record *r){
  Triple *t = &p->triples[r->triple_first];
  for(uint32_t i = 1; i < r->triple_count; i++){
    Triple x = t[i];
    uint32_t j = i;
    for(; j > 0 && t[j - 1].first > x.first; j--) t[j] = t[j - 1];
    t[j] = x;
  }
}

/* Each record's own list: the needs of its second byte as a gram, then
** those of its pair (which the fill put in own), appended to refs. */
static int join_own_refs(ZlPrefilter *p){
  uint32_t *second = zl_alloc_zeroed(p->alloc, p->record_count + 1, sizeof *second);
  if(second == NULL) return 0;
  for(uint32_t pair = 0; pair < PAIRS; pair++) second[p->pair_record[pair]] = pair & 0xff;
  size_t more = 0;
  for(size_t r = 1; r <= p->record_count; r++){
    more += p->single[second[r]].count + p->records[r].own.count;
  }
  uint32_t *refs = zl_alloc_resize(p->alloc, p->refs, (p->ref_count + more + 1) * sizeof *refs);
  if(refs == NULL){ zl_alloc_free(p->alloc, second); return 0; }
  p->refs = refs;
  for(size_t r = 1; r <= p->record_count; r++){
    Refs single = p->single[second[r]], pair = p->records[r].own;
    Refs own = { (uint32_t)p->ref_count, single.count + pair.count };
    memcpy(&refs[p->ref_count], &refs[single.first], single.count * sizeof *refs);
    memcpy(&refs[p->ref_count + single.count], &refs[pair.first], pair.count * sizeof *refs);
    p->ref_count += own.count;
    p->records[r].own = own;
  }
  zl_alloc_free(p->alloc, second);
  return 1;
}

/* Fills the records: singles, pairs, and each pair's triples in a row. */
static int fill_records(ZlPrefilter *p){
  const ZlAlloc *a = p->alloc;
  size_t triples = 0;
  p->records = zl_alloc_zeroed(a, p->record_count + 1, sizeof *p->records);
  if(p->records == NULL) return 0;
  for(size_t i = 0; i <= p->slot_mask; i++){
    const Slot *slot = &p->slots[i];
    if(slot->key >> 24 == 3){ p->records[p->pair_record[slot->key & 0xffff]].triple_count++; triples++; }
  }
  p->triples = zl_alloc_zeroed(a, triples + 1, sizeof *p->triples);
  if(p->triples == NULL) return 0;
  uint32_t next = 0;
  for(size_t r = 1; r <= p->record_count; r++){
    p->records[r].triple_first = next;
    next += p->records[r].triple_count;
    p->records[r].triple_count = 0;
  }
  for(size_t i = 0; i <= p->slot_mask; i++){
    const Slot *slot = &p->slots[i];
    if(slot->key == 0) continue;
    Record *r = &p->records[p->pair_record[slot->key & 0xffff]];
    if(slot->key >> 24 == 2){ r->own = slot->refs; continue; }
    unsigned char first = (unsigned char)(slot->key >> 16);
    p->triples[r->triple_first + r->triple_count++] = (Triple){ first, slot->refs };
    set_bit(r->firsts, first);
  }
  for(size_t r = 1; r <= p->record_count; r++) sort_triples(p, &p->records[r]);
  return join_own_refs(p);
}

/* Too many grams for the pair table: every signature is tried, as if its
** needs were not known. */
static void give_up_grams(ZlPrefilter *p){
  memset(p->pair_record, 0, sizeof p->pair_record);
  memset(p->single, 0, sizeof p->single);
  p->record_count = 0;
  for(size_t i = 0; i < p->signatures; i++) set_bit(p->always, i);
}

static void free_build_slots(ZlPrefilter *p){
  zl_alloc_free(p->alloc, p->slots);
  p->slots = NULL;
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
  if(!number_records(p)) give_up_grams(p);
  else if(!fill_records(p)){
    zl_prefilter_free(p);
    return NULL;
  }
  free_build_slots(p);
  return p;
}

void zl_prefilter_free(ZlPrefilter *p){
  if(p == NULL) return;
  const ZlAlloc *a = p->alloc;
  zl_alloc_free(a, p->slots);
  zl_alloc_free(a, p->always);
  zl_alloc_free(a, p->met);
  zl_alloc_free(a, p->anchors);
  zl_alloc_free(a, p->need_clause);
  zl_alloc_free(a, p->clauses);
  zl_alloc_free(a, p->refs);
  zl_alloc_free(a, p->records);
  zl_alloc_free(a, p->triples);
  zl_alloc_free(a, p);
}

size_t zl_prefilter_words(const ZlPrefilter *p){
  return p->words;
}

/* ---- scanning ------------------------------------------------------------ */

static void meet(ZlPrefilter *p, Refs refs){
  for(uint32_t i = 0; i < refs.count; i++) set_bit(p->met, p->refs[refs.first + i]);
}

/* The triple first·pair, which is one of r's. */
static void meet_triple(ZlPrefilter *p, const Record *r, unsigned first){
  const Triple *t = &p->triples[r->triple_first];
  while(t->first != first) t++;
  meet(p, t->refs);
}

static void scan_grams(ZlPrefilter *p, const unsigned char *value, size_t len){
  if(len == 0) return;
  uint32_t window = p->fold[value[0]];     /* the last three folded bytes */
  meet(p, p->single[window]);
  if(len == 1) return;
  window = window << 8 | p->fold[value[1]];
  if(p->pair_record[window] != 0) meet(p, p->records[p->pair_record[window]].own);
  for(size_t i = 2; i < len; i++){
    window = (window << 8 | p->fold[value[i]]) & 0xffffff;
    uint32_t r = p->pair_record[window & 0xffff];
    if(r == 0) continue;                   /* no wanted gram ends here */
    const Record *record = &p->records[r];
    unsigned first = window >> 16;
    if(record->own.count != 0) meet(p, record->own);
    if(has_bit(record->firsts, first)) meet_triple(p, record, first);
  }
}

static int clause_met(const ZlPrefilter *p, const Clause *clause){
  for(uint32_t j = 0; j < clause->count; j++){
    if(!has_bit(p->met, clause->first + j)) return 0;
  }
  return 1;
}

void zl_prefilter_scan(ZlPrefilter *p, const unsigned char *value, size_t len,
                       uint64_t *cand){
  memset(p->met, 0, p->need_words * sizeof *p->met);
  scan_grams(p, value, len);
  memcpy(cand, p->always, p->words * sizeof *cand);
  for(size_t w = 0; w < p->need_words; w++){
    for(uint64_t bits = p->met[w] & p->anchors[w]; bits; bits &= bits - 1){
      const Clause *clause = &p->clauses[p->need_clause[w * 64 + (size_t)__builtin_ctzll(bits)]];
      if(clause_met(p, clause)) set_bit(cand, clause->signature);
    }
  }
}
