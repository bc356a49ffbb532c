/*
** tuples.c — counting distinct tuples (see tuples.h).
**
** A tuple is encoded as bytes — per part a tag, then 8 bytes of integer or
** double, or a 4-byte length and the text — so equal tuples have equal
** encodings and the encoding of a first part is never a prefix of another
** one's. Encodings live in one arena; an open-addressing table maps them
** to entries. Groups are handed out sorted by their leading parts in
** SQLite's order, so they come grouped and, where SQLite wants it, ordered.
*/
#include "base/hash.h"
#include "group/tuples.h"

#include <stdlib.h>
#include <string.h>

/* A tuple: its encoding in the arena, how often it was added, and the range
** of the times added with it (first > last: none yet). */
typedef struct Entry { size_t at, len; uint64_t hash, count; double first, last; } Entry;

struct ZlTuples {
  size_t budget;
  char *arena;             /* the encodings */
  size_t arena_len, arena_cap;
  Entry *entries;
  size_t nentries, entries_cap;
  uint32_t *slots;         /* entry index + 1; 0: empty */
  size_t nslots;           /* a power of two, over twice nentries */
  size_t next;             /* iteration: the entry after the current one */
  char *scratch;           /* the encoding being looked up */
  size_t scratch_cap;
  char *bound;             /* the first tuple zl_tuples_shrink() dropped */
  size_t bound_len, bound_cap;
};

ZlTuples *zl_tuples_new(size_t budget_bytes){
  ZlTuples *g = calloc(1, sizeof *g);
  if(!g) return NULL;
  g->budget = budget_bytes;
  return g;
}

void zl_tuples_clear(ZlTuples *g){
  free(g->arena);
  free(g->entries);
  free(g->slots);
  g->arena = NULL;
  g->entries = NULL;
  g->slots = NULL;
  g->arena_len = g->arena_cap = g->nentries = g->entries_cap = g->nslots = g->next = 0;
}

void zl_tuples_free(ZlTuples *g){
  if(!g) return;
  zl_tuples_clear(g);
  free(g->scratch);
  free(g->bound);
  free(g);
}

size_t zl_tuples_count(const ZlTuples *g){ return g->nentries; }

static int reserve(char **p, size_t *cap, size_t need){
  if(need <= *cap) return 0;
  size_t n = *cap ? *cap : 256;
  while(n < need) n *= 2;
  char *q = realloc(*p, n);
  if(!q) return -1;
  *p = q;
  *cap = n;
  return 0;
}

/* The encoding of a tuple into g->scratch; its length, or 0 when out of memory. */
static size_t encode(ZlTuples *g, const ZlPart *parts, int nparts){
  size_t need = 0;
  for(int k = 0; k < nparts; k++) need += 1 + (parts[k].type == ZL_PART_TEXT ? 4 + parts[k].n : 8);
  if(reserve(&g->scratch, &g->scratch_cap, need + 1)) return 0;
  char *w = g->scratch;
  for(int k = 0; k < nparts; k++){
    *w++ = (char)parts[k].type;
    if(parts[k].type == ZL_PART_TEXT){
      uint32_t n = (uint32_t)parts[k].n;
      memcpy(w, &n, 4);
      memcpy(w + 4, parts[k].p, parts[k].n);
      w += 4 + parts[k].n;
    }else if(parts[k].type == ZL_PART_INT){ memcpy(w, &parts[k].i, 8); w += 8; }
    else if(parts[k].type == ZL_PART_REAL){ memcpy(w, &parts[k].r, 8); w += 8; }
    else{ memset(w, 0, 8); w += 8; }
  }
  return (size_t)(w - g->scratch);
}



static size_t memory_used(const ZlTuples *g){
  return g->arena_len + g->nentries * (sizeof(Entry) + 2 * sizeof(uint32_t));
}

static int grow_slots(ZlTuples *g){
  size_t n = g->nslots ? g->nslots * 2 : 1024;
  uint32_t *s = calloc(n, sizeof *s);
  if(!s) return -1;
  for(size_t e = 0; e < g->nentries; e++){
    size_t i = g->entries[e].hash & (n - 1);
    while(s[i]) i = (i + 1) & (n - 1);
    s[i] = (uint32_t)e + 1;
  }
  free(g->slots);
  g->slots = s;
  g->nslots = n;
  return 0;
}

static void widen_range(Entry *e, double t){
  if(t != t) return;                      /* no time (NaN) */
  if(e->first > e->last){ e->first = e->last = t; return; }
  if(t < e->first) e->first = t;
  if(t > e->last) e->last = t;
}

int zl_tuples_add(ZlTuples *g, const ZlPart *parts, int nparts, double t){
  size_t len = encode(g, parts, nparts);
  if(!len) return -1;
  uint64_t h = zl_hash_bytes(g->scratch, len);
  if(2 * (g->nentries + 1) > g->nslots && grow_slots(g)) return -1;
  size_t i = h & (g->nslots - 1);
  for(uint32_t e; (e = g->slots[i]) != 0; i = (i + 1) & (g->nslots - 1)){
    Entry *en = &g->entries[e - 1];
    if(en->hash == h && en->len == len && memcmp(g->arena + en->at, g->scratch, len) == 0){
      en->count++;
      widen_range(en, t);
      return 0;
    }
  }
  if(g->nentries >= UINT32_MAX - 1) return 1;
  if(g->nentries == g->entries_cap){
    size_t cap = g->entries_cap ? g->entries_cap * 2 : 256;
    Entry *e = realloc(g->entries, cap * sizeof *e);
    if(!e) return -1;
    g->entries = e;
    g->entries_cap = cap;
  }
  if(reserve(&g->arena, &g->arena_cap, g->arena_len + len)) return -1;
  if(memory_used(g) > g->budget) return 1;
  memcpy(g->arena + g->arena_len, g->scratch, len);
  g->entries[g->nentries] = (Entry){ g->arena_len, len, h, 1, 1, 0 };
  widen_range(&g->entries[g->nentries], t);
  g->arena_len += len;
  g->slots[i] = (uint32_t)++g->nentries;
  return 0;
}

/* Part k of the encoding at r. */
static void decode_part(const char *r, int k, ZlPart *out){
  for(int i = 0;; i++){
    ZlPartType t = (ZlPartType)*r++;
    uint32_t n = 0;
    if(t == ZL_PART_TEXT) memcpy(&n, r, 4);
    if(i == k){
      memset(out, 0, sizeof *out);
      out->type = t;
      if(t == ZL_PART_TEXT){ out->p = r + 4; out->n = n; }
      else if(t == ZL_PART_INT) memcpy(&out->i, r, 8);
      else if(t == ZL_PART_REAL) memcpy(&out->r, r, 8);
      return;
    }
    r += t == ZL_PART_TEXT ? 4 + n : 8;
  }
}

/* SQLite's order for values of one column: NULL < numbers < TEXT; numbers
** by value, TEXT by bytes (BINARY). */
static int compare_parts(const ZlPart *a, const ZlPart *b){
  int ra = a->type == ZL_PART_NULL ? 0 : a->type == ZL_PART_TEXT ? 2 : 1;
  int rb = b->type == ZL_PART_NULL ? 0 : b->type == ZL_PART_TEXT ? 2 : 1;
  if(ra != rb || ra == 0) return (ra > rb) - (ra < rb);
  if(ra == 2){
    size_t n = a->n < b->n ? a->n : b->n;
    int c = memcmp(a->p, b->p, n);
    return c ? c : (a->n > b->n) - (a->n < b->n);
  }
  if(a->type == ZL_PART_INT && b->type == ZL_PART_INT) return (a->i > b->i) - (a->i < b->i);
  double x = a->type == ZL_PART_INT ? (double)a->i : a->r;
  double y = b->type == ZL_PART_INT ? (double)b->i : b->r;
  return (x > y) - (x < y);
}

typedef struct SortSpec { const char *arena; int nleading; const int *desc; } SortSpec;

static int by_leading_parts(const void *a, const void *b, void *ctx){
  const Entry *x = a, *y = b;
  const SortSpec *s = ctx;
  for(int k = 0; k < s->nleading; k++){
    ZlPart pa, pb;
    decode_part(s->arena + x->at, k, &pa);
    decode_part(s->arena + y->at, k, &pb);
    int c = compare_parts(&pa, &pb);
    if(c) return s->desc && s->desc[k] ? -c : c;
  }
  size_t n = x->len < y->len ? x->len : y->len;          /* then any fixed order */
  int c = memcmp(s->arena + x->at, s->arena + y->at, n);
  return c ? c : (x->len > y->len) - (x->len < y->len);
}

int zl_tuples_sort(ZlTuples *g, int nleading, const int *desc){
  SortSpec spec = { g->arena, nleading, desc };
  if(g->nentries > 0)   /* an empty table's entries may be NULL, which qsort_r may not take */
    qsort_r(g->entries, g->nentries, sizeof *g->entries, by_leading_parts, &spec);
  g->next = 0;
  return 0;
}

int zl_tuples_compare(const ZlPart *a, const ZlPart *b, int nleading, const int *desc){
  for(int k = 0; k < nleading; k++){
    int c = compare_parts(&a[k], &b[k]);
    if(c) return desc && desc[k] ? -c : c;
  }
  return 0;
}

static int same_leading(const ZlTuples *g, const Entry *x, const Entry *y, int nleading){
  for(int k = 0; k < nleading; k++){
    ZlPart a, b;
    decode_part(g->arena + x->at, k, &a);
    decode_part(g->arena + y->at, k, &b);
    if(compare_parts(&a, &b)) return 0;
  }
  return 1;
}

int zl_tuples_shrink(ZlTuples *g, int nleading, const int *desc){
  zl_tuples_sort(g, nleading, desc);
  size_t keep = g->nentries / 2;
  while(keep > 0 && same_leading(g, &g->entries[keep - 1], &g->entries[keep], nleading)) keep--;
  if(keep == 0) return -1;
  const Entry *first_out = &g->entries[keep];
  if(reserve(&g->bound, &g->bound_cap, first_out->len)) return -1;
  memcpy(g->bound, g->arena + first_out->at, first_out->len);
  g->bound_len = first_out->len;
  char *arena = malloc(g->arena_cap ? g->arena_cap : 1);   /* keep only the kept encodings */
  if(!arena) return -1;
  size_t len = 0;
  for(size_t e = 0; e < keep; e++){
    memcpy(arena + len, g->arena + g->entries[e].at, g->entries[e].len);
    g->entries[e].at = len;
    len += g->entries[e].len;
  }
  free(g->arena);
  g->arena = arena;
  g->arena_len = len;
  g->nentries = keep;
  memset(g->slots, 0, g->nslots * sizeof *g->slots);
  for(size_t e = 0; e < keep; e++){
    size_t i = g->entries[e].hash & (g->nslots - 1);
    while(g->slots[i]) i = (i + 1) & (g->nslots - 1);
    g->slots[i] = (uint32_t)e + 1;
  }
  return 0;
}

void zl_tuples_bound_part(const ZlTuples *g, int k, ZlPart *out){
  decode_part(g->bound, k, out);
}

int zl_tuples_next(ZlTuples *g, uint64_t *count){
  if(g->next >= g->nentries) return 0;
  *count = g->entries[g->next++].count;
  return 1;
}

int zl_tuples_range(const ZlTuples *g, double *first, double *last){
  const Entry *e = &g->entries[g->next - 1];
  *first = e->first;
  *last = e->last;
  return e->first <= e->last;
}

void zl_tuples_part(const ZlTuples *g, int k, ZlPart *out){
  decode_part(g->arena + g->entries[g->next - 1].at, k, out);
}
