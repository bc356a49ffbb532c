/*
** stop.h — how a long read learns that the user gave up on it. The caller
** (the scan, from SQLite's interrupt) hands the reader a function that
** returns 1 once the query is interrupted; the reader asks it every few MiB
** and while it waits for a decompressing thread, then fails with the message
** "interrupted". No SQLite in here.
*/
#ifndef ZL_STOP_H
#define ZL_STOP_H

typedef int (*ZlStopFn)(void *ctx);

typedef struct ZlStop {
  ZlStopFn fn;              /* NULL: never stop */
  void *ctx;
} ZlStop;

#define ZL_STOP_MESSAGE "interrupted"
#define ZL_STOP_POLL_BYTES (1u << 20)   /* bytes handed out between two questions */
#define ZL_STOP_POLL_MS 20              /* and while waiting for bytes */

static inline int zl_stop_now(const ZlStop *s){ return s && s->fn && s->fn(s->ctx); }

#endif
