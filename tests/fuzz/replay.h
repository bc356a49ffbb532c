/*
** replay.h — the standalone build of a fuzz target (-DZL_FUZZ_STANDALONE):
** a main() that feeds each file named on the command line to
** LLVMFuzzerTestOneInput() whole, as libFuzzer would, and prints "ok FILE".
** Included last by fuzz_scan.c and fuzz_funcs.c, which define
** fuzz_replay_done() to free what they keep between inputs.
*/
#ifndef ZL_FUZZ_REPLAY_H
#define ZL_FUZZ_REPLAY_H
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

static void fuzz_replay_done(void);

/* The whole of a file, malloc'd (*n bytes), or NULL with a message. */
static uint8_t *fuzz_read_file(const char *path, size_t *n){
  FILE *f = fopen(path, "rb");
  if(!f){ perror(path); return NULL; }
  size_t cap = 1 << 16, got;
  uint8_t *buf = malloc(cap);
  *n = 0;
  while(buf && (got = fread(buf + *n, 1, cap - *n, f)) > 0){
    *n += got;
    if(*n == cap){ uint8_t *b = realloc(buf, cap *= 2); if(!b){ free(buf); buf = NULL; } else buf = b; }
  }
  fclose(f);
  if(!buf) fprintf(stderr, "%s: out of memory\n", path);
  return buf;
}

/* Replays files given as arguments: exit 0 when none crashes. */
int main(int argc, char **argv){
  LLVMFuzzerInitialize(&argc, &argv);
  for(int i = 1; i < argc; i++){
    size_t n;
    uint8_t *buf = fuzz_read_file(argv[i], &n);
    if(!buf) return 2;
    LLVMFuzzerTestOneInput(buf, n);
    free(buf);
    printf("ok %s\n", argv[i]);
  }
  fuzz_replay_done();
  return 0;
}
#endif
