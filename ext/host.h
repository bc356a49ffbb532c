/*
** host.h — what the host SQLite offers beyond the 3.40 headers zeeklog is
** built against (Debian 12's), found at run time. The SQL layer's files
** (vtab/ and every func/<family>/sql_*.c) use it; cores reach it through callbacks.
*/
#ifndef ZL_HOST_H
#define ZL_HOST_H

#include "sqlite3ext.h"

#include "base/alloc.h"

/* 1 when sqlite3_interrupt() was called on db and the statement it stopped
** is still running. Hosts before 3.41 cannot tell: always 0 there, so a
** long scan answers an interrupt only when it hands SQLite its next row. */
int zl_host_is_interrupted(sqlite3 *db);
/* 1 when the host can tell (SQLite 3.41 or later). */
int zl_host_can_interrupt(void);

/* SQLite's allocator (sqlite3_realloc64 / sqlite3_free) for the cores, so
** that PRAGMA hard_heap_limit and sqlite3_hard_heap_limit64() bound them. */
const ZlAlloc *zl_host_alloc(void);

#endif
