/*
** values.c — Zeek type names and text -> value conversions (see values.h).
**
** Written for the per-field hot path: no allocation, no locale, no strtod
** unless the text has an unusual shape.
*/
#include "parser/values.h"
#include "func/time/bucket.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int type_is(const char *t, size_t n, const char *name){
  return strlen(name) == n && memcmp(t, name, n) == 0;
}

static ZlKind scalar_kind(const char *t, size_t n){
  if(type_is(t, n, "time")) return ZL_TIME;
  if(type_is(t, n, "interval") || type_is(t, n, "double")) return ZL_REAL;
  if(type_is(t, n, "count") || type_is(t, n, "int") || type_is(t, n, "port")
     || type_is(t, n, "counter")) return ZL_INT;
  if(type_is(t, n, "bool")) return ZL_BOOL;
  return ZL_TEXT;   /* addr, subnet, string, enum, pattern, func, file, ... */
}

ZlKind zl_kind_of(const char *t, size_t n, ZlKind *elem){
  static const char *const containers[] = { "set[", "table[", "vector[" };
  for(size_t i = 0; i < sizeof containers / sizeof *containers; i++){
    size_t k = strlen(containers[i]);
    if(n > k && memcmp(t, containers[i], k) == 0 && t[n - 1] == ']'){
      ZlKind e = scalar_kind(t + k, n - k - 1);
      if(elem) *elem = e == ZL_TIME ? ZL_REAL : e;
      return ZL_SET;
    }
  }
  if(elem) *elem = ZL_TEXT;
  return scalar_kind(t, n);
}

const char *zl_sql_type(ZlKind kind){
  switch(kind){
    case ZL_TIME: case ZL_REAL: return "REAL";
    case ZL_INT: case ZL_BOOL: return "INTEGER";
    default: return "TEXT";
  }
}

int zl_parse_int(const char *s, size_t n, int64_t *out, int *is_big, double *big){
  size_t i = 0;
  int neg = 0;
  uint64_t v = 0;
  *is_big = 0;
  if(n > 0 && (s[0] == '-' || s[0] == '+')){ neg = s[0] == '-'; i = 1; }
  if(i == n || n - i > 20) return -1;
  for(; i < n; i++){
    unsigned d = (unsigned char)s[i] - '0';
    if(d > 9) return -1;
    if(v > (UINT64_MAX - d) / 10) return -1;      /* beyond 2^64-1 */
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

int zl_parse_double(const char *s, size_t n, double *out){
  uint64_t secs, micros;
  if(n > 0 && split_plain_time(s, n, &secs, &micros) == 0 && secs < 9000000000u){
    /* One correctly rounded division: equal to strtod for these shapes. */
    *out = (double)(secs * 1000000 + micros) / 1e6;
    return 0;
  }
  char tmp[64];
  if(n == 0 || n >= sizeof tmp) return -1;
  for(size_t i = 0; i < n; i++){          /* no hex, inf, nan, spaces */
    if(!strchr("0123456789.-+eE", s[i])) return -1;
  }
  memcpy(tmp, s, n);
  tmp[n] = 0;
  char *end;
  *out = strtod(tmp, &end);
  return end == tmp + n && isfinite(*out) ? 0 : -1;
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
  tb_civil_from_days(days, &y, &m, &d);
  if(y < 0 || y > 9999) return 0;
  int len = snprintf(out, 32, "%04d-%02d-%02dT%02d:%02d:%02d.%06uZ", (int)y, m, d,
                     (int)(rem / 3600), (int)(rem / 60 % 60), (int)(rem % 60),
                     (unsigned)micros);
  return len > 0 ? (size_t)len : 0;
}

static int hex_value(char c){
  if(c >= '0' && c <= '9') return c - '0';
  if(c >= 'a' && c <= 'f') return c - 'a' + 10;
  if(c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

size_t zl_unescape(const char *src, size_t n, char *dst){
  size_t o = 0;
  for(size_t i = 0; i < n; i++){
    if(src[i] == '\\' && i + 1 < n){
      if(src[i + 1] == '\\'){ dst[o++] = '\\'; i++; continue; }
      if(src[i + 1] == 'x' && i + 3 < n){
        int hi = hex_value(src[i + 2]), lo = hex_value(src[i + 3]);
        if(hi >= 0 && lo >= 0){ dst[o++] = (char)(hi << 4 | lo); i += 3; continue; }
      }
    }
    dst[o++] = src[i];   /* a lone or unknown escape stays as written */
  }
  return o;
}

int zl_buf_reserve(ZlBuf *b, size_t more){
  if(b->cap - b->n >= more) return 0;
  size_t cap = b->cap ? b->cap : 256;
  while(cap - b->n < more) cap *= 2;
  char *p = realloc(b->p, cap);
  if(!p) return -1;
  b->p = p;
  b->cap = cap;
  return 0;
}

void zl_buf_free(ZlBuf *b){ free(b->p); memset(b, 0, sizeof *b); }

/* Writes src as a JSON string at w (room for 6 bytes a byte, plus 2), with
** the escapes SQLite's JSON writer uses; returns the end. */
static char *quote_into(char *w, const char *src, size_t m){
  static const char hex[] = "0123456789abcdef";
  *w++ = '"';
  for(size_t i = 0; i < m; i++){
    unsigned char c = (unsigned char)src[i];
    const char *short_escape = c && c < 0x20 ? strchr("\bb\ff\nn\rr\tt", c) : NULL;
    if(c == '"' || c == '\\'){ *w++ = '\\'; *w++ = (char)c; }
    else if(short_escape){ *w++ = '\\'; *w++ = short_escape[1]; }
    else if(c < 0x20){
      *w++ = '\\'; *w++ = 'u'; *w++ = '0'; *w++ = '0';
      *w++ = hex[c >> 4]; *w++ = hex[c & 15];
    }else *w++ = (char)c;
  }
  *w++ = '"';
  return w;
}

int zl_json_quote(ZlBuf *out, const char *s, size_t n){
  if(zl_buf_reserve(out, n * 6 + 2)) return -1;
  out->n = (size_t)(quote_into(out->p + out->n, s, n) - out->p);
  return 0;
}

/* A Zeek-escaped element as a JSON string: decoded into the buffer's tail,
** then quoted forward into place (the output never overtakes the input). */
static int append_json_string(ZlBuf *out, const char *s, size_t n){
  if(zl_buf_reserve(out, n * 7 + 2)) return -1;
  char *dec = out->p + out->n + n * 6 + 2;
  size_t m = zl_unescape(s, n, dec);
  out->n = (size_t)(quote_into(out->p + out->n, dec, m) - out->p);
  return 0;
}

/* A REAL as SQLite's JSON writes it ("%!.15g": always a decimal point). */
int zl_format_real(char *out, size_t cap, double d){
  int len = snprintf(out, cap, "%.15g", d);
  if(strchr(out, '.') || len + 2 >= (int)cap) return len;
  char *e = strchr(out, 'e');
  size_t at = e ? (size_t)(e - out) : (size_t)len;
  memmove(out + at + 2, out + at, (size_t)len - at + 1);
  memcpy(out + at, ".0", 2);
  return len + 2;
}

/* A numeric element, re-written in a form JSON accepts. */
static int append_json_number(ZlBuf *out, const char *s, size_t n, ZlKind elem){
  char tmp[40];
  int len;
  if(elem == ZL_INT){
    int64_t v; int is_big; double big;
    if(zl_parse_int(s, n, &v, &is_big, &big)) return -1;
    len = is_big ? snprintf(tmp, sizeof tmp, "%.17g", big)
                 : snprintf(tmp, sizeof tmp, "%lld", (long long)v);
  }else if(elem == ZL_BOOL){
    int b;
    if(zl_parse_bool(s, n, &b)) return -1;
    len = snprintf(tmp, sizeof tmp, "%s", b ? "true" : "false");
  }else{
    double d;
    if(zl_parse_double(s, n, &d)) return -1;
    len = zl_format_real(tmp, sizeof tmp, d);
  }
  if(zl_buf_reserve(out, (size_t)len)) return -1;
  memcpy(out->p + out->n, tmp, (size_t)len);
  out->n += (size_t)len;
  return 0;
}

static const char *find_sep(const char *s, const char *end, const char *sep, size_t k){
  if(k == 1) return memchr(s, sep[0], (size_t)(end - s));
  return k ? memmem(s, (size_t)(end - s), sep, k) : NULL;
}

int zl_set_to_json(ZlBuf *out, const char *s, size_t n, const char *set_sep,
                   size_t set_sep_len, ZlKind elem){
  const char *end = s + n;
  if(zl_buf_reserve(out, 1)) return -1;
  out->p[out->n++] = '[';
  for(int first = 1;; first = 0){
    const char *sep = find_sep(s, end, set_sep, set_sep_len);
    const char *stop = sep ? sep : end;
    if(!first){
      if(zl_buf_reserve(out, 1)) return -1;
      out->p[out->n++] = ',';
    }
    int rc = elem == ZL_TEXT ? append_json_string(out, s, (size_t)(stop - s))
                             : append_json_number(out, s, (size_t)(stop - s), elem);
    if(rc) return -1;
    if(!sep) break;
    s = sep + set_sep_len;
  }
  if(zl_buf_reserve(out, 1)) return -1;
  out->p[out->n++] = ']';
  return 0;
}
