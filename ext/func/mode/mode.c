/*
** mode.c — the counting table behind mode(X); see mode.h for the API.
**
** An open-addressing hash table (linear probing, backward-shift deletion, so
** no tombstones) keyed by (kind, value) with an occurrence count per slot.
** Memory follows the number of distinct values, never the number of rows: a
** repeated value only bumps a count, and TEXT/BLOB keys up to INLINE_BYTES
** (an IPv4 address, a status text) live inside the slot without an
** allocation. The current mode is kept up to date on every add; a remove
** that touches it only marks it stale, and the next mode_table_best()
** rescans once.
*/
#include "func/mode/mode.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define INLINE_BYTES 16
#define FIRST_CAPACITY 16
#define NO_SLOT ((size_t)-1)

/* How a value is keyed: a REAL that holds an exact int64 (404.0) is keyed
** as that integer, so it meets INTEGER 404 in the same slot. */
typedef enum KeyKind { KEY_INT = 1, KEY_REAL, KEY_TEXT, KEY_BLOB } KeyKind;

typedef struct Key {
  KeyKind kind;
  int64_t i;
  double r;
  const unsigned char *bytes;
  size_t len;
  uint64_t hash;
} Key;

typedef struct ModeEntry {
  uint64_t count;      /* occurrences; 0 marks an empty slot */
  uint64_t n_integer;  /* of which arrived as INTEGER (KEY_INT only) */
  uint64_t hash;
  size_t len;          /* TEXT/BLOB length */
  KeyKind kind;
  union {
    int64_t i;
    double r;
    unsigned char small[INLINE_BYTES];  /* len <= INLINE_BYTES */
    unsigned char *heap;                /* len > INLINE_BYTES */
  } key;
} ModeEntry;

struct ModeTable {
  const ZlAlloc *alloc;
  ModeEntry *slots;
  size_t capacity;  /* a power of two; 0 until the first add */
  size_t used;
  size_t best;      /* slot of the mode (NO_SLOT: empty) when best_known */
  int best_known;
};

/* ---- values ----------------------------------------------------------- */

ModeValue mode_integer(int64_t i){
  ModeValue v = { .type = MODE_INTEGER, .i = i };
  return v;
}

ModeValue mode_real(double r){
  ModeValue v = { .type = MODE_REAL, .r = r };
  return v;
}

ModeValue mode_text(const char *text, size_t len){
  ModeValue v = { .type = MODE_TEXT, .bytes = text, .len = len };
  return v;
}

ModeValue mode_blob(const void *bytes, size_t len){
  ModeValue v = { .type = MODE_BLOB, .bytes = bytes, .len = len };
  return v;
}

/* ---- hashing ---------------------------------------------------------- */

static uint64_t mix64(uint64_t x){
  x ^= x >> 30; x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27; x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

static uint64_t hash_bytes(const unsigned char *p, size_t n, KeyKind kind){
  uint64_t h = 0x9e3779b97f4a7c15ULL ^ (uint64_t)n;
  uint64_t word;
  for(; n >= 8; p += 8, n -= 8){
    memcpy(&word, p, 8);
    h = (h ^ word) * 0xff51afd7ed558ccdULL;
    h ^= h >> 32;
  }
  word = 0;
  if(n > 0) memcpy(&word, p, n);
  h = (h ^ word) * 0xff51afd7ed558ccdULL;
  return mix64(h ^ (uint64_t)kind);
}

static uint64_t hash_key(const Key *k){
  uint64_t bits;
  switch(k->kind){
    case KEY_INT:  return mix64((uint64_t)k->i);
    case KEY_REAL: memcpy(&bits, &k->r, sizeof bits);
                   return mix64(bits ^ 0x5bd1e9955bd1e995ULL);
    default:       return hash_bytes(k->bytes, k->len, k->kind);
  }
}

/* ---- keys ------------------------------------------------------------- */

static int real_as_int64(double r, int64_t *out){
  /* 2^63 is exact in a double; NaN fails both comparisons. */
  if(!(r >= -9223372036854775808.0 && r < 9223372036854775808.0)) return 0;
  *out = (int64_t)r;
  return (double)*out == r;
}

static Key key_from_value(const ModeValue *v){
  Key k = { .kind = KEY_INT };
  switch(v->type){
    case MODE_INTEGER: k.i = v->i; break;
    case MODE_REAL:
      if(!real_as_int64(v->r, &k.i)){
        k.kind = KEY_REAL;
        k.r = isnan(v->r) ? NAN : v->r;  /* one NaN key, whatever its bits */
      }
      break;
    case MODE_TEXT: k.kind = KEY_TEXT; break;
    case MODE_BLOB: k.kind = KEY_BLOB; break;
  }
  if(k.kind == KEY_TEXT || k.kind == KEY_BLOB){
    k.bytes = v->bytes;
    k.len = v->len;
  }
  k.hash = hash_key(&k);
  return k;
}

static const unsigned char *entry_bytes(const ModeEntry *e){
  return e->len <= INLINE_BYTES ? e->key.small : e->key.heap;
}

static Key key_of_entry(const ModeEntry *e){
  Key k = { .kind = e->kind, .hash = e->hash };
  switch(e->kind){
    case KEY_INT:  k.i = e->key.i; break;
    case KEY_REAL: k.r = e->key.r; break;
    default:       k.bytes = entry_bytes(e); k.len = e->len; break;
  }
  return k;
}

/* Sign of i - r, exactly (no rounding of i to a double). NaN sorts first. */
static int compare_int_real(int64_t i, double r){
  if(isnan(r) || r < -9223372036854775808.0) return 1;
  if(r >= 9223372036854775808.0) return -1;
  int64_t whole = (int64_t)r;  /* truncated; in range */
  if(i != whole) return i < whole ? -1 : 1;
  /* r has a fraction only below 2^53, where (double)whole is exact */
  double fraction = r - (double)whole;
  return fraction > 0 ? -1 : fraction < 0 ? 1 : 0;
}

static int compare_reals(double a, double b){
  if(isnan(a) || isnan(b)) return isnan(b) - isnan(a);
  return a < b ? -1 : a > b ? 1 : 0;
}

static int compare_numbers(const Key *a, const Key *b){
  if(a->kind == KEY_INT && b->kind == KEY_INT){
    return a->i < b->i ? -1 : a->i > b->i ? 1 : 0;
  }
  if(a->kind == KEY_INT) return compare_int_real(a->i, b->r);
  if(b->kind == KEY_INT) return -compare_int_real(b->i, a->r);
  return compare_reals(a->r, b->r);
}

static int kind_rank(KeyKind kind){
  return kind == KEY_TEXT ? 1 : kind == KEY_BLOB ? 2 : 0;
}

static int compare_keys(const Key *a, const Key *b){
  int rank = kind_rank(a->kind) - kind_rank(b->kind);
  if(rank != 0) return rank;
  if(kind_rank(a->kind) == 0) return compare_numbers(a, b);
  size_t shorter = a->len < b->len ? a->len : b->len;
  int c = shorter ? memcmp(a->bytes, b->bytes, shorter) : 0;
  if(c != 0) return c;
  return a->len < b->len ? -1 : a->len > b->len ? 1 : 0;
}

int mode_value_compare(const ModeValue *a, const ModeValue *b){
  Key ka = key_from_value(a), kb = key_from_value(b);
  return compare_keys(&ka, &kb);
}

static int entry_matches(const ModeEntry *e, const Key *k){
  if(e->hash != k->hash || e->kind != k->kind) return 0;
  switch(k->kind){
    case KEY_INT:  return e->key.i == k->i;
    case KEY_REAL: return memcmp(&e->key.r, &k->r, sizeof k->r) == 0;
    default:       return e->len == k->len
                     && (k->len == 0 || memcmp(entry_bytes(e), k->bytes, k->len) == 0);
  }
}

/* Copies the key into an empty slot; -1 when a long key cannot be copied. */
static int entry_store_key(const ZlAlloc *alloc, ModeEntry *e, const Key *k){
  memset(e, 0, sizeof *e);
  e->kind = k->kind;
  e->hash = k->hash;
  switch(k->kind){
    case KEY_INT:  e->key.i = k->i; break;
    case KEY_REAL: e->key.r = k->r; break;
    default:
      e->len = k->len;
      if(k->len > INLINE_BYTES){
        e->key.heap = zl_alloc(alloc, k->len);
        if(!e->key.heap) return -1;
        memcpy(e->key.heap, k->bytes, k->len);
      }else if(k->len > 0){
        memcpy(e->key.small, k->bytes, k->len);
      }
      break;
  }
  return 0;
}

static void entry_clear(const ZlAlloc *alloc, ModeEntry *e){
  if((e->kind == KEY_TEXT || e->kind == KEY_BLOB) && e->len > INLINE_BYTES){
    zl_alloc_free(alloc, e->key.heap);
  }
  memset(e, 0, sizeof *e);
}

/* ---- the table -------------------------------------------------------- */

ModeTable *mode_table_new(const ZlAlloc *alloc){
  ModeTable *t = zl_alloc_zeroed(alloc, 1, sizeof *t);
  if(t){
    t->alloc = alloc;
    t->best = NO_SLOT;
    t->best_known = 1;
  }
  return t;
}

void mode_table_free(ModeTable *t){
  if(!t) return;
  for(size_t i = 0; i < t->capacity; i++){
    if(t->slots[i].count) entry_clear(t->alloc, &t->slots[i]);
  }
  zl_alloc_free(t->alloc, t->slots);
  zl_alloc_free(t->alloc, t);
}

/* The slot holding k, or the empty slot where it would go (*found = 0). */
static size_t find_slot(const ModeTable *t, const Key *k, int *found){
  size_t mask = t->capacity - 1;
  size_t i = (size_t)k->hash & mask;
  while(t->slots[i].count){
    if(entry_matches(&t->slots[i], k)){
      *found = 1;
      return i;
    }
    i = (i + 1) & mask;
  }
  *found = 0;
  return i;
}

/* Doubles the capacity, moving every entry (and the mode's slot number). */
static int grow(ModeTable *t){
  size_t capacity = t->capacity ? t->capacity * 2 : FIRST_CAPACITY;
  ModeEntry *slots = zl_alloc_zeroed(t->alloc, capacity, sizeof *slots);
  if(!slots) return -1;
  size_t best = NO_SLOT;
  for(size_t i = 0; i < t->capacity; i++){
    if(!t->slots[i].count) continue;
    size_t j = (size_t)t->slots[i].hash & (capacity - 1);
    while(slots[j].count) j = (j + 1) & (capacity - 1);
    slots[j] = t->slots[i];
    if(i == t->best) best = j;
  }
  zl_alloc_free(t->alloc, t->slots);
  t->slots = slots;
  t->capacity = capacity;
  t->best = best;
  return 0;
}

static int needs_growth(const ModeTable *t){
  return (t->used + 1) * 4 > t->capacity * 3;  /* keep the load <= 3/4 */
}

/* a outranks b as the mode: more frequent, or as frequent and smaller. */
static int entry_beats(const ModeEntry *a, const ModeEntry *b){
  if(a->count != b->count) return a->count > b->count;
  Key ka = key_of_entry(a), kb = key_of_entry(b);
  return compare_keys(&ka, &kb) < 0;
}

static void note_increment(ModeTable *t, size_t slot){
  if(!t->best_known || t->best == slot) return;
  if(t->best == NO_SLOT || entry_beats(&t->slots[slot], &t->slots[t->best])){
    t->best = slot;
  }
}

int mode_table_add(ModeTable *t, const ModeValue *v){
  Key k = key_from_value(v);
  int found = 0;
  size_t slot = t->capacity ? find_slot(t, &k, &found) : 0;
  if(!found){
    if(needs_growth(t)){
      if(grow(t)) return -1;
      slot = find_slot(t, &k, &found);
    }
    if(entry_store_key(t->alloc, &t->slots[slot], &k)){
      memset(&t->slots[slot], 0, sizeof t->slots[slot]);
      return -1;
    }
    t->used++;
  }
  ModeEntry *e = &t->slots[slot];
  e->count++;
  if(v->type == MODE_INTEGER) e->n_integer++;
  note_increment(t, slot);
  return 0;
}

/* Empties a slot and shifts later entries of its probe run back into the
** hole, so lookups never need tombstones. */
static void delete_slot(ModeTable *t, size_t hole){
  size_t mask = t->capacity - 1;
  entry_clear(t->alloc, &t->slots[hole]);
  for(size_t j = (hole + 1) & mask; t->slots[j].count; j = (j + 1) & mask){
    size_t home = (size_t)t->slots[j].hash & mask;
    /* it stays when its home lies cyclically in (hole, j] */
    if(((j - home) & mask) < ((j - hole) & mask)) continue;
    t->slots[hole] = t->slots[j];
    if(t->best == j) t->best = hole;
    memset(&t->slots[j], 0, sizeof t->slots[j]);
    hole = j;
  }
  t->used--;
}

int mode_table_remove(ModeTable *t, const ModeValue *v){
  if(t->used == 0) return 1;
  Key k = key_from_value(v);
  int found;
  size_t slot = find_slot(t, &k, &found);
  if(!found) return 1;
  ModeEntry *e = &t->slots[slot];
  if(v->type == MODE_INTEGER && e->n_integer > 0) e->n_integer--;
  if(t->best == slot) t->best_known = 0;  /* a rival may now lead */
  if(--e->count == 0) delete_slot(t, slot);
  return 0;
}

static void rescan_best(ModeTable *t){
  t->best = NO_SLOT;
  for(size_t i = 0; i < t->capacity; i++){
    if(!t->slots[i].count) continue;
    if(t->best == NO_SLOT || entry_beats(&t->slots[i], &t->slots[t->best])){
      t->best = i;
    }
  }
  t->best_known = 1;
}

int mode_table_best(ModeTable *t, ModeValue *out){
  if(!t->best_known) rescan_best(t);
  if(t->best == NO_SLOT) return 0;
  const ModeEntry *e = &t->slots[t->best];
  switch(e->kind){
    case KEY_INT:
      *out = e->n_integer ? mode_integer(e->key.i) : mode_real((double)e->key.i);
      break;
    case KEY_REAL: *out = mode_real(e->key.r); break;
    case KEY_TEXT: *out = mode_text((const char *)entry_bytes(e), e->len); break;
    case KEY_BLOB: *out = mode_blob(entry_bytes(e), e->len); break;
  }
  return 1;
}

uint64_t mode_table_count(const ModeTable *t, const ModeValue *v){
  if(t->used == 0) return 0;
  Key k = key_from_value(v);
  int found;
  size_t slot = find_slot(t, &k, &found);
  return found ? t->slots[slot].count : 0;
}

size_t mode_table_distinct(const ModeTable *t){
  return t->used;
}
