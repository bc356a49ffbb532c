/*
** numbers.c — Zeek's number, time and bool text -> values (see numbers.h).
**
** Written for the per-field hot path: no allocation, no locale, no strtod
** unless the text has an unusual shape.
*/
#include "parser/numbers.h"
#include "base/civil.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int zl_parse_int(const char *s, size_t n, int64_t *out, int *is_big, double *big){
  size_t i = 0;
  int neg = 0;
  uint64_t v = 0;
  *is_big = 0;
  if(n > 0 && (s[0] == '-' || s[0] == '+')){ neg = s[0] == '-'; i = 1; }
  if(i == n || n - i > 20) return -1;
  /* 19 digits cannot pass 2^64-1: only a 20th needs the overflow check. */
  size_t safe = n - i > 19 ? i + 19 : n;
  for(; i < safe; i++){
    unsigned d = (unsigned char)s[i] - '0';
    if(d > 9) return -1;
    v = v * 10 + d;
  }
  if(i < n){
    unsigned d = (unsigned char)s[i] - '0';
    if(d > 9 || v > (UINT64_MAX - d) / 10) return -1;   /* beyond 2^64-1 */
    v = v * 10 + d;
  }
  if(neg){
    if(v > (uint64_t)INT64_MAX + 1) return -1;
    *out = v == (uint64_t)INT64_MAX + 1 ? INT64_MIN : -(int64_t)v;
  }else if(v > (uint64_t)INT64_MAX){
    *is_big = 1;                                   /* a count past int64 */
    *big = (double)v;
  }else{
    *out = (int64_t)v;
  }
  return 0;
}

/* Digits of s[*i..n) into *v (at most max digits); returns how many. */
static inline size_t take_digits(const char *s, size_t n, size_t *i, uint64_t *v, size_t max){
  size_t k = 0;
  while(*i < n && k < max && (unsigned)(s[*i] - '0') <= 9){
    *v = *v * 10 + (uint64_t)(s[*i] - '0');
    (*i)++; k++;
  }
  return k;
}

/* Eight ASCII digits at p as a number, or -1 if any byte is not a digit.
** SWAR: after subtracting '0' from every byte, a byte below '0' or above
** '9' shows as a high bit in one of the two tests; then digit pairs, then
** pairs of pairs are combined with three multiplications. */
static inline int64_t eight_digits(const char *p){
  uint64_t v, d;
  memcpy(&v, p, 8);
  d = v - 0x3030303030303030ull;
  if(((v + 0x4646464646464646ull) | d) & 0x8080808080808080ull) return -1;
  d = d * 10 + (d >> 8);                       /* byte 2k: 10*d[2k] + d[2k+1] */
  d = (((d & 0x000000FF000000FFull) * (100 + (1000000ull << 32)))
     + (((d >> 16) & 0x000000FF000000FFull) * (1 + (10000ull << 32)))) >> 32;
  return (int64_t)d;
}

/* Zeek's usual time text, "dddddddddd.dddddd" (2001 to 2286), at SWAR speed. */
static inline int split_common_time(const char *s, uint64_t *secs, uint64_t *micros){
  char frac[8] = {'0', '0'};
  memcpy(frac + 2, s + 11, 6);
  int64_t hi = eight_digits(s), lo = eight_digits(frac);
  unsigned d8 = (unsigned)(unsigned char)s[8] - '0', d9 = (unsigned)(unsigned char)s[9] - '0';
  if(hi < 0 || lo < 0 || d8 > 9 || d9 > 9 || s[10] != '.') return -1;
  *secs = (uint64_t)hi * 100 + d8 * 10 + d9;
  *micros = (uint64_t)lo;
  return 0;
}

/* The exact "secs.ffffff" shape: integer seconds and microseconds. */
static inline int split_plain_time(const char *s, size_t n, uint64_t *secs, uint64_t *micros){
  if(n == 17 && split_common_time(s, secs, micros) == 0) return 0;
  size_t i = 0;
  uint64_t whole = 0, frac = 0;
  if(take_digits(s, n, &i, &whole, 15) == 0) return -1;
  size_t places = 0;
  if(i < n && s[i] == '.'){
    i++;
    places = take_digits(s, n, &i, &frac, 6);
  }
  if(i != n) return -1;
  for(; places < 6; places++) frac *= 10;
  *secs = whole;
  *micros = frac;
  return 0;
}

/* The words Zeek writes for the doubles that are not finite. */
static int special_double(const char *s, size_t n, double *out){
  static const struct { const char *text; double value; } words[] = {
    { "inf", INFINITY }, { "-inf", -INFINITY }, { "+inf", INFINITY },
    { "nan", NAN }, { "-nan", NAN },
  };
  for(size_t i = 0; i < sizeof words / sizeof *words; i++){
    if(strlen(words[i].text) == n && memcmp(s, words[i].text, n) == 0){ *out = words[i].value; return 0; }
  }
  return -1;
}

int zl_parse_double(const char *s, size_t n, double *out){
  uint64_t secs, micros;
  if(n > 0 && split_plain_time(s, n, &secs, &micros) == 0 && secs < 9000000000u){
    /* One correctly rounded division: equal to strtod for these shapes. */
    *out = (double)(secs * 1000000 + micros) / 1e6;
    return 0;
  }
  if(n == 0 || n > ZL_DOUBLE_TEXT_MAX) return -1;
  if(special_double(s, n, out) == 0) return 0;
  for(size_t i = 0; i < n; i++){          /* no hex, spaces, other words */
    if(!strchr("0123456789.-+eE", s[i])) return -1;
  }
  char tmp[ZL_DOUBLE_TEXT_MAX + 1];
  memcpy(tmp, s, n);
  tmp[n] = 0;
  char *end;
  *out = strtod(tmp, &end);
  return end == tmp + n && isfinite(*out) ? 0 : -1;     /* 1e999 is not a value Zeek writes */
}

int zl_parse_bool(const char *s, size_t n, int *out){
  if(n != 1 || (s[0] != 'T' && s[0] != 'F')) return -1;
  *out = s[0] == 'T';
  return 0;
}

size_t zl_format_iso(const char *text, size_t n, double secs, char out[32]){
  uint64_t whole, micros;
  int64_t s;
  if(text && split_plain_time(text, n, &whole, &micros) == 0 && whole < (1ull << 40)){
    s = (int64_t)whole;
  }else{
    if(!(secs > -62167219200.0 && secs < 253402300800.0)) return 0;
    double r = floor(secs * 1e6 + 0.5);
    s = (int64_t)floor(r / 1e6);
    micros = (uint64_t)(r - (double)s * 1e6);
  }
  int64_t days = s >= 0 ? s / 86400 : -((-s + 86399) / 86400);
  int64_t rem = s - days * 86400, y;
  int m, d;
  zl_civil_from_days(days, &y, &m, &d);
  if(y < 0 || y > 9999) return 0;
  int len = snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d.%06uZ", (int)y, m, d,
                     (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60),
                     (unsigned)micros);
  return len > 0 ? (size_t)len : 0;
}

