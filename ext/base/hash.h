/*
** hash.h — the byte-string hash the cores share (group tuples, the
** signature memo): 8 bytes a step, because it runs once per row and a
** byte-at-a-time hash over an 80-byte user agent showed in profiles.
*/
#ifndef ZL_HASH_H
#define ZL_HASH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

static inline uint64_t zl_hash_bytes(const char *s, size_t n){
  uint64_t h = 0x9e3779b97f4a7c15ull ^ n;
  size_t i = 0;
  for(; i + 8 <= n; i += 8){
    uint64_t w;
    memcpy(&w, s + i, 8);
    h = (h ^ w) * 0xff51afd7ed558ccdull;
    h ^= h >> 32;
  }
  uint64_t tail = 0;
  memcpy(&tail, s + i, n - i);
  h = (h ^ tail) * 0xc4ceb9fe1a85ec53ull;
  return h ^ (h >> 29);
}

#endif
