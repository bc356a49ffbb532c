/*
** mode.h — counting table behind the mode() aggregate (no SQLite here).
**
**   ModeTable *t = mode_table_new(alloc);   // alloc: NULL for malloc
**   ModeValue v = mode_integer(404);
**   mode_table_add(t, &v);            // one more occurrence
**   mode_table_remove(t, &v);         // one fewer (window frames)
**   if(mode_table_best(t, &v)) ...    // most frequent; ties -> smallest
**   mode_table_free(t);
**
** Values are SQLite's four non-NULL kinds. INTEGER 404 and REAL 404.0 count
** as one value (as in GROUP BY); TEXT and BLOB compare by bytes. Every
** allocation goes through the table's allocator (sql_mode.c gives it
** SQLite's, so that PRAGMA hard_heap_limit bounds a mode() over many
** distinct values).
*/
#ifndef ZL_MODE_H
#define ZL_MODE_H

#include <stddef.h>
#include <stdint.h>

#include "base/alloc.h"

typedef enum ModeType {
  MODE_INTEGER = 1,
  MODE_REAL,
  MODE_TEXT,
  MODE_BLOB
} ModeType;

/* One value, borrowed: TEXT/BLOB bytes belong to the caller (or, for a
** result of mode_table_best, to the table until its next change). */
typedef struct ModeValue {
  ModeType type;
  int64_t i;          /* MODE_INTEGER */
  double r;           /* MODE_REAL */
  const void *bytes;  /* MODE_TEXT, MODE_BLOB; may be NULL when len is 0 */
  size_t len;
} ModeValue;

typedef struct ModeTable ModeTable;

ModeValue mode_integer(int64_t i);
ModeValue mode_real(double r);
ModeValue mode_text(const char *text, size_t len);
ModeValue mode_blob(const void *bytes, size_t len);

/* SQLite's order: numbers (numerically, exact across INTEGER/REAL) < TEXT
** < BLOB; TEXT and BLOB by memcmp, a prefix first. Returns <0, 0, >0. */
int mode_value_compare(const ModeValue *a, const ModeValue *b);

ModeTable *mode_table_new(const ZlAlloc *alloc);   /* NULL when out of memory */
void mode_table_free(ModeTable *t);

int mode_table_add(ModeTable *t, const ModeValue *v);    /* 0, or -1: OOM */
/* 0 when removed, 1 when v was not counted (nothing changes). */
int mode_table_remove(ModeTable *t, const ModeValue *v);

/* The most frequent value into *out; 1 if there is one, 0 if the table is
** empty. A number counted both as INTEGER and REAL comes back as INTEGER. */
int mode_table_best(ModeTable *t, ModeValue *out);

uint64_t mode_table_count(const ModeTable *t, const ModeValue *v);
size_t mode_table_distinct(const ModeTable *t);

#endif
