/*
** ring.h — a decompressor on a thread of its own, filling a small ring of
** blocks ahead of the reader: on two cores, decompressing and parsing
** overlap, and memory stays at the ring's size whatever the file's.
**
**   ZlRing *r = zl_ring_start(fill, state, &err);
**   while((n = zl_ring_read(r, buf, sizeof buf, &stop)) > 0) ...
**   zl_ring_close(r);               // stops the thread, joins it
**
** The thread calls fill(r, state, block, ZL_RING_BLOCK, &err) until it
** returns 0 (the stream ended cleanly) or -1 (an error: *err, malloc'd, is
** what zl_ring_error() says). A fill that can run long without producing a
** byte asks zl_ring_cancelled() now and then. No SQLite in here.
*/
#ifndef ZL_RING_H
#define ZL_RING_H

#include <stddef.h>
#include <sys/types.h>
#include "reader/stop.h"

#define ZL_RING_BLOCKS 4
#define ZL_RING_BLOCK (1u << 20)

typedef struct ZlRing ZlRing;
typedef ssize_t (*ZlRingFill)(ZlRing *r, void *state, char *out, size_t cap, char **err);

enum { ZL_RING_ERROR = -1, ZL_RING_STOPPED = -2 };

/* NULL with a malloc'd *err when memory or a thread cannot be had. */
ZlRing *zl_ring_start(ZlRingFill fill, void *state, char **err);
/* Bytes copied into buf (0: the stream ended), ZL_RING_ERROR (the fill's
** error: zl_ring_error()), or ZL_RING_STOPPED when stop said so while the
** ring was empty (it is asked every ZL_STOP_POLL_MS of waiting). */
ssize_t zl_ring_read(ZlRing *r, char *buf, size_t cap, const ZlStop *stop);
const char *zl_ring_error(const ZlRing *r);
/* For fill: 1 once zl_ring_close() is waiting for the thread to end. */
int zl_ring_cancelled(const ZlRing *r);
/* Stops the thread (it ends within one fill's next check), frees all. */
void zl_ring_close(ZlRing *r);

#endif
