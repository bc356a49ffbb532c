/*
** tuples.h — the distinct tuples of a scan's columns, counted, so that the
** virtual table can hand SQLite its rows already grouped (when the query
** only needs GROUP BY or DISTINCT groups, sqlite3_vtab_distinct() in
** xBestIndex) instead of SQLite sorting every row.
**
**   ZlTuples *g = zl_tuples_new(32 << 20);
**   ZlPart row[2] = { {.type = ZL_PART_INT, .i = 404}, {.type = ZL_PART_TEXT, .p = "10.0.0.1", .n = 8} };
**   zl_tuples_add(g, row, 2, ts);        // 1: over the memory budget
**   zl_tuples_sort(g, 1, NULL);          // by the first part, ascending
**   while(zl_tuples_next(g, &count)) zl_tuples_part(g, 0, &v);
**
** Memory grows with the number of distinct tuples, up to the budget; past
** it the caller keeps the smallest groups (zl_tuples_shrink) and reads the
** files again for the rest (grouped_scan.c).
** No SQLite in here.
*/
#ifndef ZL_TUPLES_H
#define ZL_TUPLES_H

#include <stddef.h>
#include <stdint.h>
#include "base/values.h"


typedef struct ZlTuples ZlTuples;

ZlTuples *zl_tuples_new(size_t budget_bytes);    /* NULL when out of memory */
void zl_tuples_free(ZlTuples *g);
void zl_tuples_clear(ZlTuples *g);               /* empty (memory freed), for a new pass */

/* Counts one tuple, widening its range of times by t (NaN: no time). 0, 1
** when the budget is exceeded (the tuple is not counted), -1 when out of
** memory. */
int zl_tuples_add(ZlTuples *g, const ZlPart *parts, int nparts, double t);
/* Sorts the groups by their first nleading parts in SQLite's order (NULL <
** numbers < TEXT by bytes), part k descending where desc[k] (desc may be
** NULL), and starts the iteration. Always 0. */
int zl_tuples_sort(ZlTuples *g, int nleading, const int *desc);
/* Compares two tuples' first nleading parts in the order zl_tuples_sort()
** uses. <0, 0, >0. */
int zl_tuples_compare(const ZlPart *a, const ZlPart *b, int nleading, const int *desc);
/* Keeps about the first half of the groups in that order (never splitting
** tuples with equal leading parts) and drops the rest; the first dropped
** tuple becomes the bound (zl_tuples_bound_part). 0, or -1 when every
** group shares its leading parts (or memory runs out). */
int zl_tuples_shrink(ZlTuples *g, int nleading, const int *desc);
void zl_tuples_bound_part(const ZlTuples *g, int k, ZlPart *out);
/* The next group and how many times it was added; 0 after the last. */
int zl_tuples_next(ZlTuples *g, uint64_t *count);
/* The current group's earliest and latest time: 1, or 0 when it had none. */
int zl_tuples_range(const ZlTuples *g, double *first, double *last);
/* Part k of the current group (TEXT bytes live until zl_tuples_clear). */
void zl_tuples_part(const ZlTuples *g, int k, ZlPart *out);
size_t zl_tuples_count(const ZlTuples *g);

#endif
