/*
** stats.c — the value list of median()/percentile() (see stats.h): an array
** of doubles, sorted once when first asked, then kept sorted for windows.
*/
#include "func/stats/stats.h"

#include <math.h>
#include <stdlib.h>
#include <string.h>

#define FIRST_CAPACITY 64

static int compare_doubles(const void *pa, const void *pb){
  double a = *(const double *)pa, b = *(const double *)pb;
  return (a > b) - (a < b);
}

void zl_sort_doubles(double *a, size_t n){
  if(n > 1) qsort(a, n, sizeof *a, compare_doubles);
}

/* The first index whose value is >= x, in sorted a[0..n). */
static size_t lower_bound(const double *a, size_t n, double x){
  size_t lo = 0, hi = n;
  while(lo < hi){
    size_t mid = lo + (hi - lo) / 2;
    if(a[mid] < x) lo = mid + 1; else hi = mid;
  }
  return lo;
}

static int grow(ZlValues *v){
  if(v->n < v->cap) return 0;
  if(v->n >= ZL_VALUES_MAX) return -1;
  size_t cap = v->cap ? v->cap + v->cap / 2 : FIRST_CAPACITY;
  if(cap > ZL_VALUES_MAX) cap = ZL_VALUES_MAX;
  double *a = realloc(v->a, cap * sizeof *a);
  if(!a) return -1;
  v->a = a;
  v->cap = cap;
  return 0;
}

static void ensure_sorted(ZlValues *v){
  if(!v->sorted) zl_sort_doubles(v->a, v->n);
  v->sorted = 1;
  v->keep_sorted = 1;
}

int zl_values_add(ZlValues *v, double x){
  if(grow(v)) return -1;
  if(v->keep_sorted && v->sorted){
    size_t at = lower_bound(v->a, v->n, x);
    memmove(v->a + at + 1, v->a + at, (v->n - at) * sizeof *v->a);
    v->a[at] = x;
  }else{
    if(v->n == 0) v->sorted = 1;
    else if(x < v->a[v->n - 1]) v->sorted = 0;
    v->a[v->n] = x;
  }
  v->n++;
  return 0;
}

int zl_values_remove(ZlValues *v, double x){
  if(v->n == 0) return 1;
  ensure_sorted(v);
  size_t at = lower_bound(v->a, v->n, x);
  if(at == v->n || v->a[at] != x) return 1;
  memmove(v->a + at, v->a + at + 1, (v->n - at - 1) * sizeof *v->a);
  v->n--;
  return 0;
}

/* a + (b - a) * f for 0 < f < 1, where a <= b may be infinite. */
static double interpolate(double a, double b, double f){
  if(a == b) return a;
  if(isinf(a) && isinf(b)) return NAN;   /* -inf .. +inf */
  if(isinf(a)) return a;
  if(isinf(b)) return b;
  return a + (b - a) * f;
}

double zl_percentile_sorted(const double *a, size_t n, double p){
  double ix = p * (double)(n - 1) * 0.01;   /* sqlean's order of operations */
  size_t i = (size_t)ix;
  if(i >= n - 1) return a[n - 1];
  double f = ix - (double)i;
  return f == 0 ? a[i] : interpolate(a[i], a[i + 1], f);
}

double zl_median_sorted(const double *a, size_t n){
  if(n % 2) return a[n / 2];
  double lo = a[n / 2 - 1], hi = a[n / 2];
  if(lo == hi) return lo;
  if(isinf(lo) && isinf(hi)) return NAN;
  return (lo + hi) / 2;
}

int zl_values_percentile(ZlValues *v, double p, double *out){
  if(v->n == 0) return 0;
  ensure_sorted(v);
  *out = zl_percentile_sorted(v->a, v->n, p);
  return 1;
}

void zl_values_free(ZlValues *v){
  free(v->a);
  memset(v, 0, sizeof *v);
}
