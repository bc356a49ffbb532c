/*
** workers.c — the thread pool behind parallel parsing (see workers.h).
**
** Slot t % capacity holds ticket t; a ticket is free for reuse once waited
** for, which the submitter guarantees by never having more than capacity
** tickets outstanding.
*/
#include "scan/workers.h"

#include <pthread.h>
#include <stdlib.h>

enum { SLOT_QUEUED = 1, SLOT_DONE = 2 };

struct ZlWorkers {
  pthread_mutex_t mu;
  pthread_cond_t work, done;
  pthread_t *threads;
  int nthreads, capacity;
  ZlJob job;
  void *ctx;
  void **items;
  int *state;
  long submitted, taken;     /* tickets handed out / picked up by a thread */
  int stop;
};

static void *worker_main(void *arg){
  ZlWorkers *w = arg;
  pthread_mutex_lock(&w->mu);
  for(;;){
    while(!w->stop && w->taken == w->submitted) pthread_cond_wait(&w->work, &w->mu);
    if(w->stop) break;
    int slot = (int)(w->taken++ % w->capacity);
    void *item = w->items[slot];
    pthread_mutex_unlock(&w->mu);
    w->job(w->ctx, item);
    pthread_mutex_lock(&w->mu);
    w->state[slot] = SLOT_DONE;
    pthread_cond_broadcast(&w->done);
  }
  pthread_mutex_unlock(&w->mu);
  return NULL;
}

ZlWorkers *zl_workers_new(int threads, int capacity, ZlJob job, void *ctx){
  ZlWorkers *w = calloc(1, sizeof *w);
  if(!w) return NULL;
  w->capacity = capacity;
  w->job = job;
  w->ctx = ctx;
  w->items = calloc((size_t)capacity, sizeof *w->items);
  w->state = calloc((size_t)capacity, sizeof *w->state);
  w->threads = calloc((size_t)threads + 1, sizeof *w->threads);
  if(!w->items || !w->state || !w->threads){ zl_workers_free(w); return NULL; }
  pthread_mutex_init(&w->mu, NULL);
  pthread_cond_init(&w->work, NULL);
  pthread_cond_init(&w->done, NULL);
  for(int i = 0; i < threads; i++){
    if(pthread_create(&w->threads[i], NULL, worker_main, w) != 0){ zl_workers_free(w); return NULL; }
    w->nthreads++;
  }
  return w;
}

int zl_workers_submit(ZlWorkers *w, void *item){
  int ticket = (int)(w->submitted % w->capacity);
  if(w->nthreads == 0){                     /* inline: run it now */
    w->items[ticket] = item;
    w->job(w->ctx, item);
    w->state[ticket] = SLOT_DONE;
    w->submitted++;
    w->taken++;
    return ticket;
  }
  pthread_mutex_lock(&w->mu);
  w->items[ticket] = item;
  w->state[ticket] = SLOT_QUEUED;
  w->submitted++;
  pthread_cond_signal(&w->work);
  pthread_mutex_unlock(&w->mu);
  return ticket;
}

void zl_workers_wait(ZlWorkers *w, int ticket){
  if(w->nthreads == 0) return;
  pthread_mutex_lock(&w->mu);
  while(w->state[ticket] != SLOT_DONE) pthread_cond_wait(&w->done, &w->mu);
  w->state[ticket] = 0;
  pthread_mutex_unlock(&w->mu);
}

void zl_workers_free(ZlWorkers *w){
  if(!w) return;
  if(w->nthreads){
    pthread_mutex_lock(&w->mu);
    w->stop = 1;
    pthread_cond_broadcast(&w->work);
    pthread_mutex_unlock(&w->mu);
    for(int i = 0; i < w->nthreads; i++) pthread_join(w->threads[i], NULL);
  }
  if(w->items && w->state && w->threads){
    pthread_mutex_destroy(&w->mu);
    pthread_cond_destroy(&w->work);
    pthread_cond_destroy(&w->done);
  }
  free(w->threads);
  free(w->items);
  free(w->state);
  free(w);
}
