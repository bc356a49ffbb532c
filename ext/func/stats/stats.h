/*
** stats.h — the value list behind median(X) and percentile(X, P), and the
** order statistics the beacon scoring shares. No SQLite in here.
**
**   ZlValues v = {0};
**   zl_values_add(&v, 3.5);                  // one more value
**   zl_values_remove(&v, 3.5);               // one fewer (window frames)
**   double m;
**   if(zl_values_percentile(&v, 50, &m)) ... // 1 when there is a value
**   zl_values_free(&v);
**
** Percentiles interpolate linearly between the two nearest ranks, as
** sqlean's percentile() (SQLite's ext/misc/percentile.c) does: with the n
** values sorted into a[0..n-1], ix = P * (n-1) * 0.01, i = floor(ix), and the
** answer is a[i] + (a[i+1] - a[i]) * (ix - i) (a[i] when ix is whole).
** Infinities are values (sqlean refuses them): interpolating towards one
** gives that infinity, between -inf and +inf there is no answer (NaN).
**
** Memory: 8 bytes a value, the array growing by half again when full. The
** values stay unsorted until a percentile is asked for (one sort, as an
** aggregate needs); from then on (window frames) each add and remove keeps
** them sorted, a binary search and one memmove.
*/
#ifndef ZL_STATS_H
#define ZL_STATS_H

#include <stddef.h>

/* At most this many values (2 GiB of doubles): beyond, add fails. */
#define ZL_VALUES_MAX ((size_t)1 << 28)

typedef struct ZlValues {
  double *a;
  size_t n, cap;
  int sorted;        /* a[0..n) is in order */
  int keep_sorted;   /* a percentile was asked: keep the order from now on */
} ZlValues;

/* 0, or -1 when memory runs out or ZL_VALUES_MAX values are held. */
int zl_values_add(ZlValues *v, double x);
/* 0 when one copy of x was removed, 1 when x is not held. */
int zl_values_remove(ZlValues *v, double x);
/* The P-th percentile (0 <= P <= 100) into *out: 1, or 0 with no values. */
int zl_values_percentile(ZlValues *v, double p, double *out);
void zl_values_free(ZlValues *v);

/* Sorts doubles ascending (no NaN among them). */
void zl_sort_doubles(double *a, size_t n);
/* The interpolated P-th percentile of sorted a[0..n), n >= 1. */
double zl_percentile_sorted(const double *a, size_t n, double p);
/* The median of sorted a[0..n), n >= 1, as the beacon scoring (and RITA)
** takes it: the middle value, or (a + b) / 2 of the two middle ones. (SQL's
** median() is percentile 50, a + (b - a) * 0.5: it can differ in the last bit.) */
double zl_median_sorted(const double *a, size_t n);

#endif
