/*
** beacon.c — RITA's beacon scoring over one series of connections (see
** beacon.h; the formula, its constants and where we deviate are written
** out in docs/hunts.md). The constants carry RITA's names and defaults.
*/
#include "func/beacon/beacon.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "base/message.h"
#include "func/stats/stats.h"

#define FIRST_CAPACITY 4       /* most groups of a conn.log hold a few rows */
#define SKEW_MIN_IQR 10.0                 /* Bowley skew counts only from here */
#define TS_MAD_DEFAULT 1.0                /* MAD score when the median is < 1 */
#define DS_MAD_DEFAULT 0.0
#define MIN_SIZES 3                       /* RITA's getDataSizeScore minimum */
#define HIST_MODE_SENSITIVITY 0.05        /* histogram_mode_sensitivity */
#define HIST_BIMODAL_OUTLIER_REMOVAL 1    /* histogram_bimodal_outlier_removal */
#define HIST_BIMODAL_MIN_HOURS 11         /* histogram_bimodal_min_hours_seen */
#define DUR_MIN_HOURS 6                   /* duration_min_hours_seen */
#define DUR_IDEAL_HOURS 12                /* duration_consistency_ideal_hours_seen */
#define PART_WEIGHT_WITH_SIZES 0.25       /* the four *_score_weight */
#define PART_WEIGHT_NO_SIZES (1.0 / 3.0)  /* our three parts without sizes */
#define JSON_MIN_DIGITS 15
#define JSON_MAX_DIGITS 17

/* ---- keeping the earliest points -------------------------------------- */

/* (ts, bytes) order, a missing size after every size. */
static int point_less(const ZlBeaconPoint *a, const ZlBeaconPoint *b){
  if(a->ts != b->ts) return a->ts < b->ts;
  if(isnan(a->bytes)) return 0;
  return isnan(b->bytes) || a->bytes < b->bytes;
}

static void swap_points(ZlBeaconPoint *a, ZlBeaconPoint *b){
  ZlBeaconPoint t = *a; *a = *b; *b = t;
}

static void sift_down(ZlBeaconPoint *h, size_t n, size_t i){
  for(;;){
    size_t big = i, l = 2 * i + 1, r = l + 1;
    if(l < n && point_less(&h[big], &h[l])) big = l;
    if(r < n && point_less(&h[big], &h[r])) big = r;
    if(big == i) return;
    swap_points(&h[i], &h[big]);
    i = big;
  }
}

static void make_heap(ZlBeaconPoint *h, size_t n){
  for(size_t i = n / 2; i-- > 0;) sift_down(h, n, i);
}

static int grow(ZlBeacon *b, size_t keep){
  size_t cap = b->cap ? b->cap + b->cap / 2 : FIRST_CAPACITY;
  if(cap > keep) cap = keep;
  ZlBeaconPoint *p = realloc(b->pts, cap * sizeof *p);
  if(!p) return -1;
  b->pts = p;
  b->cap = cap;
  return 0;
}

int zl_beacon_add(ZlBeacon *b, double ts, int has_bytes, double bytes){
  if(!isfinite(ts) || ts >= 9.2e18 || ts <= -9.2e18) return -1;
  ZlBeaconPoint p = { (int64_t)floor(ts), has_bytes && !isnan(bytes) ? bytes : NAN };
  size_t keep = b->keep ? b->keep : ZL_BEACON_KEEP;
  b->count++;
  if(b->n < keep){
    if(b->n == b->cap && grow(b, keep)) return -1;
    b->pts[b->n++] = p;
    return 0;
  }
  if(!b->heap){
    make_heap(b->pts, b->n);
    b->heap = 1;
  }
  if(point_less(&p, &b->pts[0])){      /* earlier than the latest kept */
    b->pts[0] = p;
    sift_down(b->pts, b->n, 0);
  }
  return 0;
}

void zl_beacon_free(ZlBeacon *b){
  free(b->pts);
  memset(b, 0, sizeof *b);
}

/* ---- statistics ---------------------------------------------------------- */

/* Go's math.Round (half away from zero) to 3 decimals, as RITA rounds. */
static double round3(double x){ return round(x * 1000) / 1000; }
static double ceil3(double x){ return ceil(x * 1000) / 1000; }

/* Tukey's hinges, as RITA's stats library computes quartiles: the medians
** of the lower and upper halves, the middle value left out when n is odd. */
static void quartiles(const double *a, size_t n, double *q1, double *q2, double *q3){
  size_t c1 = n / 2, c2 = n % 2 ? n / 2 + 1 : n / 2;
  *q1 = zl_median_sorted(a, c1);
  *q2 = zl_median_sorted(a, n);
  *q3 = zl_median_sorted(a + c2, n - c2);
}

/* Scores sorted a[0..n), n >= 2; scratch holds n doubles. */
static void score_distribution(const double *a, size_t n, double mad_default,
                               double *scratch, ZlBeaconDist *d){
  d->n = n;
  quartiles(a, n, &d->q1, &d->median, &d->q3);
  double den = d->q3 - d->q1;
  d->skew = 0;
  if(den >= SKEW_MIN_IQR && d->median != d->q1 && d->median != d->q3){
    d->skew = (d->q1 + d->q3 - 2 * d->median) / den;
  }
  d->skew_score = 1.0 - fabs(d->skew);
  for(size_t i = 0; i < n; i++) scratch[i] = fabs(a[i] - d->median);
  zl_sort_doubles(scratch, n);
  d->mad = zl_median_sorted(scratch, n);
  d->mad_score = d->median >= 1 ? (d->median - d->mad) / d->median : mad_default;
  if(d->mad_score < 0 || isnan(d->mad_score)) d->mad_score = 0;
  d->score = round3((d->skew_score + d->mad_score) / 2.0);
}

static int compare_points(const void *pa, const void *pb){
  const ZlBeaconPoint *a = pa, *b = pb;
  return point_less(b, a) - point_less(a, b);
}

/* The non-zero intervals between the sorted times, sorted, into out. */
static size_t nonzero_intervals(const ZlBeaconPoint *p, size_t n, double *out){
  size_t k = 0;
  for(size_t i = 1; i < n; i++){
    int64_t gap = p[i].ts - p[i - 1].ts;
    if(gap > 0) out[k++] = (double)gap;
  }
  zl_sort_doubles(out, k);
  return k;
}

static size_t sorted_sizes(const ZlBeaconPoint *p, size_t n, double *out){
  size_t k = 0;
  for(size_t i = 0; i < n; i++) if(!isnan(p[i].bytes)) out[k++] = p[i].bytes;
  zl_sort_doubles(out, k);
  return k;
}

/* ---- the histogram and duration parts ------------------------------------ */

/* RITA's createHistogram: 24 equal slices of the span; a time goes in the
** first slice whose upper edge lies above it (the last slice otherwise). */
static void fill_bins(const ZlBeaconPoint *p, size_t n, ZlBeaconResult *r){
  double start = (double)r->span_start, end = (double)r->span_end;
  double step = (end - start) / (double)ZL_BEACON_BINS;
  double edges[ZL_BEACON_BINS + 1];
  edges[0] = start;
  for(int i = 1; i < ZL_BEACON_BINS; i++) edges[i] = start + (double)i * step;
  edges[ZL_BEACON_BINS] = end;
  memset(r->bins, 0, sizeof r->bins);
  int bin = 0;
  for(size_t i = 0; i < n; i++){
    double t = (double)p[i].ts;
    while(bin < ZL_BEACON_BINS - 1 && t >= edges[bin + 1]) bin++;
    r->bins[bin]++;
  }
}

/* Non-empty bins, and the longest run of them with wrap-around. */
static void count_bars(ZlBeaconResult *r){
  int run = 0, longest = 0;
  r->bars = 0;
  for(int i = 0; i < 2 * ZL_BEACON_BINS; i++){
    if(r->bins[i % ZL_BEACON_BINS]){
      run++;
      if(i < ZL_BEACON_BINS) r->bars++;
    }else{
      if(run > longest) longest = run;
      run = 0;
    }
  }
  if(run > longest) longest = run;
  r->longest_run = longest > ZL_BEACON_BINS ? ZL_BEACON_BINS : longest;
}

/* 1 - coefficient of variation of the 24 bin counts (0 when it is > 1). */
static double cv_score(const uint32_t *bins){
  double total = 0, sq = 0;
  for(int i = 0; i < ZL_BEACON_BINS; i++) total += bins[i];
  double mean = total / ZL_BEACON_BINS;
  for(int i = 0; i < ZL_BEACON_BINS; i++) sq += pow((double)bins[i] - mean, 2);
  double cv = sqrt(sq / ZL_BEACON_BINS) / fabs(mean);
  if(cv > 1.0) return 0;
  double s = round3(1.0 - cv);
  return s > 1.0 ? 1.0 : s;
}

/* The share of non-empty bins whose heights fall in the two most common
** height classes (classes 5% of the tallest bar wide), one outlier spared. */
static double bimodal_score(const uint32_t *bins, int bars){
  if(bars < HIST_BIMODAL_MIN_HOURS) return 0;
  uint32_t largest_bar = 0;
  for(int i = 0; i < ZL_BEACON_BINS; i++) if(bins[i] > largest_bar) largest_bar = bins[i];
  double width = ceil((double)largest_bar * HIST_MODE_SENSITIVITY);
  double class_of[ZL_BEACON_BINS];
  int members[ZL_BEACON_BINS], classes = 0;
  for(int i = 0; i < ZL_BEACON_BINS; i++){
    if(!bins[i]) continue;
    double c = floor((double)bins[i] / width) * width;
    int k = 0;
    while(k < classes && class_of[k] != c) k++;
    if(k == classes){ class_of[classes] = c; members[classes++] = 0; }
    members[k]++;
  }
  int top = 0, second = 0;
  for(int k = 0; k < classes; k++){
    if(members[k] > top){ second = top; top = members[k]; }
    else if(members[k] > second) second = members[k];
  }
  int denominator = bars - HIST_BIMODAL_OUTLIER_REMOVAL;
  double fit = (double)(top + second) / (double)(denominator > 1 ? denominator : 1);
  double s = round3(fit);
  return s > 1.0 ? 1.0 : s;
}

static void score_histogram_and_duration(ZlBeaconResult *r){
  count_bars(r);
  r->cv_score = cv_score(r->bins);
  r->bimodal_score = bimodal_score(r->bins, r->bars);
  r->hist_score = fmax(r->cv_score, r->bimodal_score);
  r->coverage = r->consistency = r->dur_score = 0;
  if(r->bars >= DUR_MIN_HOURS){
    r->coverage = ceil3((double)(r->last - r->first) / (double)(r->span_end - r->span_start));
    if(r->coverage > 1.0) r->coverage = 1.0;
    r->consistency = ceil3((double)r->longest_run / DUR_IDEAL_HOURS);
    if(r->consistency > 1.0) r->consistency = 1.0;
    r->dur_score = fmax(r->coverage, r->consistency);
  }
}

/* ---- the whole score ------------------------------------------------------ */

static size_t count_unique(const ZlBeaconPoint *p, size_t n){
  size_t u = n > 0;
  for(size_t i = 1; i < n; i++) u += p[i].ts != p[i - 1].ts;
  return u;
}

static int set_span(const ZlBeaconSpan *span, ZlBeaconResult *r, char **err){
  r->span_start = r->first;
  r->span_end = r->last;
  if(!span) return 0;
  if(!isfinite(span->start) || !isfinite(span->end) || floor(span->end) <= floor(span->start)){
    *err = zl_message("the span's end must be at least a second after its start");
    return -1;
  }
  r->span_start = (int64_t)floor(span->start);
  r->span_end = (int64_t)floor(span->end);
  return 0;
}

static void score_parts(const ZlBeaconPoint *p, size_t n, double *sorted, double *scratch,
                        ZlBeaconResult *r){
  size_t k = nonzero_intervals(p, n, sorted);
  score_distribution(sorted, k, TS_MAD_DEFAULT, scratch, &r->ts);
  k = sorted_sizes(p, n, sorted);
  r->sized = k > 0;
  if(k >= MIN_SIZES) score_distribution(sorted, k, DS_MAD_DEFAULT, scratch, &r->ds);
  else r->ds.n = k;
  fill_bins(p, n, r);
  score_histogram_and_duration(r);
  double w = r->sized ? PART_WEIGHT_WITH_SIZES : PART_WEIGHT_NO_SIZES;
  double sum = r->ts.score * w;
  if(r->sized) sum += r->ds.score * w;
  sum += r->dur_score * w;
  sum += r->hist_score * w;
  r->score = round3(sum);
}

int zl_beacon_compute(ZlBeacon *b, const ZlBeaconSpan *span, ZlBeaconResult *r, char **err){
  memset(r, 0, sizeof *r);
  *err = 0;
  r->count = b->count;
  r->kept = b->n;
  if(b->n == 0) return 0;
  qsort(b->pts, b->n, sizeof *b->pts, compare_points);
  b->heap = 0;   /* sorted ascending: no longer a max-heap */
  r->first = b->pts[0].ts;
  r->last = b->pts[b->n - 1].ts;
  r->unique = count_unique(b->pts, b->n);
  if(set_span(span, r, err)) return -1;
  if(r->unique < ZL_BEACON_MIN_UNIQUE) return 0;
  double *work = malloc(2 * b->n * sizeof *work);
  if(!work){
    *err = zl_message("out of memory");
    return -1;
  }
  r->scored = 1;
  score_parts(b->pts, b->n, work, work + b->n, r);
  free(work);
  return 0;
}

/* ---- JSON ------------------------------------------------------------------ */

/* %.15g, or more digits when that does not read back as the same double. */
static int put_double(ZlBuf *out, double x){
  char tmp[40];
  if(!isfinite(x)) return zl_buf_append(out, "null", 4);
  for(int digits = JSON_MIN_DIGITS; digits <= JSON_MAX_DIGITS; digits++){
    int len = snprintf(tmp, sizeof tmp, "%.*g", digits, x);
    if(strtod(tmp, 0) == x || digits == JSON_MAX_DIGITS) return zl_buf_append(out, tmp, (size_t)len);
  }
  return -1;
}

static int put_text(ZlBuf *out, const char *s){ return zl_buf_append(out, s, strlen(s)); }

static int put_int(ZlBuf *out, long long v){
  char tmp[24];
  size_t i = sizeof tmp;
  unsigned long long u = v < 0 ? 0ULL - (unsigned long long)v : (unsigned long long)v;
  do { tmp[--i] = (char)('0' + u % 10); u /= 10; } while(u);
  if(v < 0) tmp[--i] = '-';
  return zl_buf_append(out, tmp + i, sizeof tmp - i);
}

static int put_key_double(ZlBuf *out, const char *key, double x){
  return put_text(out, key) || put_double(out, x);
}

static int put_key_int(ZlBuf *out, const char *key, long long v){
  return put_text(out, key) || put_int(out, v);
}

static int put_dist(ZlBuf *out, const char *count_key, const ZlBeaconDist *d){
  return put_text(out, "{") || put_key_int(out, count_key, (long long)d->n)
      || put_key_double(out, ",\"median\":", d->median) || put_key_double(out, ",\"q1\":", d->q1)
      || put_key_double(out, ",\"q3\":", d->q3) || put_key_double(out, ",\"skew\":", d->skew)
      || put_key_double(out, ",\"mad\":", d->mad)
      || put_key_double(out, ",\"skew_score\":", d->skew_score)
      || put_key_double(out, ",\"mad_score\":", d->mad_score)
      || put_key_double(out, ",\"score\":", d->score) || put_text(out, "}");
}

static int put_hist(ZlBuf *out, const ZlBeaconResult *r){
  if(put_text(out, "{\"bins\":[")) return -1;
  for(int i = 0; i < ZL_BEACON_BINS; i++){
    if((i && put_text(out, ",")) || put_int(out, r->bins[i])) return -1;
  }
  return put_key_int(out, "],\"bars\":", r->bars)
      || put_key_int(out, ",\"longest_run\":", r->longest_run)
      || put_key_double(out, ",\"cv_score\":", r->cv_score)
      || put_key_double(out, ",\"bimodal_score\":", r->bimodal_score)
      || put_key_double(out, ",\"score\":", r->hist_score) || put_text(out, "}");
}

static int put_dur(ZlBuf *out, const ZlBeaconResult *r){
  return put_key_int(out, "{\"span_start\":", r->span_start)
      || put_key_int(out, ",\"span_end\":", r->span_end)
      || put_key_double(out, ",\"coverage\":", r->coverage)
      || put_key_double(out, ",\"consistency\":", r->consistency)
      || put_key_double(out, ",\"score\":", r->dur_score) || put_text(out, "}");
}

static int put_parts(ZlBuf *out, const ZlBeaconResult *r){
  if(!r->scored) return put_text(out, ",\"score\":null,\"ts\":null,\"ds\":null,\"hist\":null,\"dur\":null");
  if(put_key_double(out, ",\"score\":", r->score) || put_text(out, ",\"ts\":")
     || put_dist(out, "\"intervals\":", &r->ts) || put_text(out, ",\"ds\":")) return -1;
  if(!r->sized){
    if(put_text(out, "null")) return -1;
  }else if(put_dist(out, "\"sizes\":", &r->ds)){
    return -1;
  }
  return put_text(out, ",\"hist\":") || put_hist(out, r) || put_text(out, ",\"dur\":") || put_dur(out, r);
}

int zl_beacon_json(const ZlBeaconResult *r, ZlBuf *out){
  if(put_key_int(out, "{\"count\":", (long long)r->count)
     || put_key_int(out, ",\"kept\":", (long long)r->kept)
     || put_key_int(out, ",\"unique\":", (long long)r->unique)) return -1;
  if(r->kept){
    if(put_key_int(out, ",\"first\":", r->first) || put_key_int(out, ",\"last\":", r->last)
       || put_key_int(out, ",\"span\":", r->last - r->first)) return -1;
  }else if(put_text(out, ",\"first\":null,\"last\":null,\"span\":null")){
    return -1;
  }
  return put_parts(out, r) || put_text(out, "}");
}
