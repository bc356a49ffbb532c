/*
** memo.c — the signature sets' memo of recent answers (see memo.h): slots
** direct-mapped by the value's hash, each holding its key's bytes; a slot is
** valid for the generation it was written in. Key buffers only grow.
*/
#include "func/signatures/memo.h"

#include <stdint.h>
#include <string.h>

#include "base/hash.h"

#define KEY_MIN 64   /* the first key buffer of a slot */

typedef struct Slot {
  unsigned long generation;   /* 0: never used */
  uint64_t hash;
  size_t len;
  int answer;
  char *key;
  size_t key_size;
} Slot;

struct ZlSigMemo {
  const ZlAlloc *alloc;
  Slot slots[ZL_SIGMEMO_SLOTS];
};

ZlSigMemo *zl_sigmemo_new(const ZlAlloc *alloc){
  ZlSigMemo *memo = zl_alloc_zeroed(alloc, 1, sizeof *memo);
  if(memo) memo->alloc = alloc;
  return memo;
}

void zl_sigmemo_free(ZlSigMemo *memo){
  if(memo == NULL) return;
  for(size_t i = 0; i < ZL_SIGMEMO_SLOTS; i++) zl_alloc_free(memo->alloc, memo->slots[i].key);
  zl_alloc_free(memo->alloc, memo);
}

uint64_t zl_sigmemo_hash(const char *value, size_t len){
  return len > ZL_SIGMEMO_KEY_MAX ? 0 : zl_hash_bytes(value, len);   /* too long: never kept */
}

int zl_sigmemo_get(const ZlSigMemo *memo, unsigned long generation,
                   const char *value, size_t len, uint64_t hash, int *answer){
  if(len > ZL_SIGMEMO_KEY_MAX) return 0;
  const Slot *slot = &memo->slots[hash & (ZL_SIGMEMO_SLOTS - 1)];
  if(slot->generation != generation || slot->hash != hash || slot->len != len
     || (len && memcmp(slot->key, value, len) != 0)) return 0;
  *answer = slot->answer;
  return 1;
}

void zl_sigmemo_put(ZlSigMemo *memo, unsigned long generation,
                    const char *value, size_t len, uint64_t hash, int answer){
  if(len > ZL_SIGMEMO_KEY_MAX) return;
  Slot *slot = &memo->slots[hash & (ZL_SIGMEMO_SLOTS - 1)];
  if(slot->key == NULL || slot->key_size < len){
    size_t size = len < KEY_MIN ? KEY_MIN : len;
    char *grown = zl_alloc_resize(memo->alloc, slot->key, size);
    if(grown == NULL){ slot->generation = 0; return; }
    slot->key = grown;
    slot->key_size = size;
  }
  if(len) memcpy(slot->key, value, len);
  slot->len = len;
  slot->hash = hash;
  slot->answer = answer;
  slot->generation = generation;
}
