/*
** ring.c — the decompressing thread and its ring of blocks (see ring.h).
**
** The thread fills block after block while fewer than ZL_RING_BLOCKS wait
** to be read; the reader copies out of the oldest and hands it back when it
** is empty. One mutex and one condition variable cover both directions.
*/
#include "reader/ring.h"
#include "base/message.h"

#include <errno.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

struct ZlRing {
  pthread_t thread;
  pthread_mutex_t mu;
  pthread_cond_t changed;  /* a block filled or emptied, the end, an error, a close */
  ZlRingFill fill;
  void *state;             /* the fill's, used by the thread only */
  char *block[ZL_RING_BLOCKS];
  size_t len[ZL_RING_BLOCKS];
  int head, count;         /* blocks ready: head .. head+count-1 */
  size_t offset;           /* bytes of block[head] already handed out */
  int done, failed;
  atomic_int cancelled;
  char *err;               /* the fill's message, once failed */
};

static void *fill_thread(void *arg){
  ZlRing *r = arg;
  for(int slot = 0;; slot = (slot + 1) % ZL_RING_BLOCKS){
    pthread_mutex_lock(&r->mu);
    while(r->count == ZL_RING_BLOCKS && !zl_ring_cancelled(r)) pthread_cond_wait(&r->changed, &r->mu);
    pthread_mutex_unlock(&r->mu);
    if(zl_ring_cancelled(r)) return NULL;
    char *err = NULL;
    ssize_t n = r->fill(r, r->state, r->block[slot], ZL_RING_BLOCK, &err);
    pthread_mutex_lock(&r->mu);
    if(n > 0){ r->len[slot] = (size_t)n; r->count++; }
    else if(n < 0){ r->failed = 1; r->err = err ? err : zl_message("decompression failed"); }
    else r->done = 1;
    pthread_cond_broadcast(&r->changed);
    pthread_mutex_unlock(&r->mu);
    if(n <= 0) return NULL;
  }
}

static void free_ring(ZlRing *r){
  for(int i = 0; i < ZL_RING_BLOCKS; i++) free(r->block[i]);
  free(r->err);
  free(r);
}

ZlRing *zl_ring_start(ZlRingFill fill, void *state, char **err){
  ZlRing *r = calloc(1, sizeof *r);
  int ok = r != NULL;
  for(int i = 0; ok && i < ZL_RING_BLOCKS; i++) ok = (r->block[i] = malloc(ZL_RING_BLOCK)) != NULL;
  if(!ok){
    if(r) free_ring(r);
    *err = zl_message("out of memory");
    return NULL;
  }
  r->fill = fill;
  r->state = state;
  atomic_init(&r->cancelled, 0);
  pthread_condattr_t attr;
  pthread_condattr_init(&attr);
  pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);   /* waits that a clock change cannot stretch */
  pthread_mutex_init(&r->mu, NULL);
  pthread_cond_init(&r->changed, &attr);
  pthread_condattr_destroy(&attr);
  if(pthread_create(&r->thread, NULL, fill_thread, r) != 0){
    pthread_mutex_destroy(&r->mu);
    pthread_cond_destroy(&r->changed);
    free_ring(r);
    *err = zl_message("cannot start a decompressing thread");
    return NULL;
  }
  return r;
}

static struct timespec poll_deadline(void){
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  t.tv_nsec += ZL_STOP_POLL_MS * 1000000L;
  if(t.tv_nsec >= 1000000000L){ t.tv_sec++; t.tv_nsec -= 1000000000L; }
  return t;
}

/* Waits, under r->mu, for a block, the end or an error; 1 when stop said so. */
static int wait_for_block(ZlRing *r, const ZlStop *stop){
  while(r->count == 0 && !r->done && !r->failed){
    if(!stop || !stop->fn){ pthread_cond_wait(&r->changed, &r->mu); continue; }
    struct timespec t = poll_deadline();
    if(pthread_cond_timedwait(&r->changed, &r->mu, &t) == ETIMEDOUT && zl_stop_now(stop)) return 1;
  }
  return 0;
}

ssize_t zl_ring_read(ZlRing *r, char *buf, size_t cap, const ZlStop *stop){
  pthread_mutex_lock(&r->mu);
  ssize_t got = 0;
  if(wait_for_block(r, stop)) got = ZL_RING_STOPPED;
  else if(r->count > 0){
    size_t left = r->len[r->head] - r->offset;
    size_t n = left < cap ? left : cap;
    memcpy(buf, r->block[r->head] + r->offset, n);
    r->offset += n;
    if(r->offset == r->len[r->head]){
      r->head = (r->head + 1) % ZL_RING_BLOCKS;
      r->count--;
      r->offset = 0;
      pthread_cond_broadcast(&r->changed);
    }
    got = (ssize_t)n;
  }else if(r->failed) got = ZL_RING_ERROR;
  pthread_mutex_unlock(&r->mu);
  return got;
}

const char *zl_ring_error(const ZlRing *r){ return r->err ? r->err : "unknown error"; }

int zl_ring_cancelled(const ZlRing *r){
  return r && atomic_load_explicit(&r->cancelled, memory_order_relaxed);
}

void zl_ring_close(ZlRing *r){
  if(!r) return;
  pthread_mutex_lock(&r->mu);
  atomic_store(&r->cancelled, 1);
  pthread_cond_broadcast(&r->changed);
  pthread_mutex_unlock(&r->mu);
  pthread_join(r->thread, NULL);
  pthread_mutex_destroy(&r->mu);
  pthread_cond_destroy(&r->changed);
  free_ring(r);
}
