/*
** workers.h — a small pool of threads that runs one job over submitted
** items, oldest first; the submitter waits for each item by its ticket.
**
**   ZlWorkers *w = zl_workers_new(2, 8, parse_job, ctx);
**   int t = zl_workers_submit(w, item);   // at most `capacity` not yet waited
**   zl_workers_wait(w, t);                // item is done: its results are safe
**   zl_workers_free(w);                   // stops and joins the threads
**
** With 0 threads the job runs inside zl_workers_submit(). No SQLite here.
*/
#ifndef ZL_WORKERS_H
#define ZL_WORKERS_H

typedef struct ZlWorkers ZlWorkers;
typedef void (*ZlJob)(void *ctx, void *item);

/* NULL when out of memory or a thread cannot start. */
ZlWorkers *zl_workers_new(int threads, int capacity, ZlJob job, void *ctx);
int zl_workers_submit(ZlWorkers *w, void *item);
void zl_workers_wait(ZlWorkers *w, int ticket);
void zl_workers_free(ZlWorkers *w);

#endif
