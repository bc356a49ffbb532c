/*
** facts.c — per-file ts ranges, hashed by path (see facts.h).
*/
#include "scan/facts.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

typedef struct Fact {
  char *path;               /* NULL: an empty slot */
  ZlFileId id;
  int has_ts;
  double min_ts, max_ts;
} Fact;

struct ZlFacts {
  Fact *slots;
  size_t nslots, used;      /* nslots: a power of two, kept over twice used */
};

int zl_file_id(const char *path, ZlFileId *out){
  struct stat st;
  if(stat(path, &st) != 0) return -1;
  out->dev = st.st_dev;
  out->ino = st.st_ino;
  out->size = st.st_size;
  out->mtime = st.st_mtim;
  out->ctime = st.st_ctim;
  return 0;
}

int zl_file_id_equal(const ZlFileId *a, const ZlFileId *b){
  return a->dev == b->dev && a->ino == b->ino && a->size == b->size
      && a->mtime.tv_sec == b->mtime.tv_sec && a->mtime.tv_nsec == b->mtime.tv_nsec
      && a->ctime.tv_sec == b->ctime.tv_sec && a->ctime.tv_nsec == b->ctime.tv_nsec;
}

static uint64_t path_hash(const char *s){
  uint64_t h = 14695981039346656037ull;
  while(*s){ h ^= (unsigned char)*s++; h *= 1099511628211ull; }
  return h;
}

/* The slot holding path, or the empty slot where it would go. */
static Fact *slot_for(const ZlFacts *f, const char *path){
  size_t i = (size_t)path_hash(path) & (f->nslots - 1);
  while(f->slots[i].path && strcmp(f->slots[i].path, path) != 0) i = (i + 1) & (f->nslots - 1);
  return &f->slots[i];
}

static void forget_all(ZlFacts *f){
  for(size_t i = 0; i < f->nslots; i++) free(f->slots[i].path);
  memset(f->slots, 0, f->nslots * sizeof *f->slots);
  f->used = 0;
}

static int grow(ZlFacts *f){
  ZlFacts bigger = { calloc(f->nslots * 2, sizeof(Fact)), f->nslots * 2, f->used };
  if(!bigger.slots) return -1;
  for(size_t i = 0; i < f->nslots; i++){
    if(f->slots[i].path) *slot_for(&bigger, f->slots[i].path) = f->slots[i];
  }
  free(f->slots);
  *f = bigger;
  return 0;
}

ZlFacts *zl_facts_new(void){
  ZlFacts *f = calloc(1, sizeof *f);
  if(f && !(f->slots = calloc(64, sizeof(Fact)))){ free(f); return NULL; }
  if(f) f->nslots = 64;
  return f;
}

void zl_facts_free(ZlFacts *f){
  if(!f) return;
  forget_all(f);
  free(f->slots);
  free(f);
}

int zl_facts_rules_out(const ZlFacts *f, const char *path, const ZlFileId *id, double lo, double hi){
  const Fact *fact = slot_for(f, path);
  if(!fact->path || !zl_file_id_equal(&fact->id, id)) return 0;
  return !fact->has_ts || fact->max_ts < lo || fact->min_ts > hi;
}

void zl_facts_learn(ZlFacts *f, const char *path, const ZlFileId *id,
                    int has_ts, double min_ts, double max_ts){
  Fact *fact = slot_for(f, path);
  if(!fact->path){
    if(f->used >= ZL_MAX_FACTS) forget_all(f);
    if(2 * (f->used + 1) > f->nslots && grow(f)) return;
    fact = slot_for(f, path);
    if(!(fact->path = strdup(path))) return;
    f->used++;
  }
  fact->id = *id;
  fact->has_ts = has_ts;
  fact->min_ts = min_ts;
  fact->max_ts = max_ts;
}
