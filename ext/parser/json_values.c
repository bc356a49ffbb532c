/*
** json_values.c — a scanned value's text turned into what a column holds:
** strings with their escapes decoded, numbers checked and converted (any
** length, correctly rounded), arrays and objects written as compact JSON.
*/
#include "parser/json_line_internal.h"
#include "parser/escapes.h"
#include "parser/numbers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static inline size_t put_utf8(char *w, unsigned u){
  if(u < 0x80){ w[0] = (char)u; return 1; }
  if(u < 0x800){ w[0] = (char)(0xC0 | u >> 6); w[1] = (char)(0x80 | (u & 0x3F)); return 2; }
  if(u < 0x10000){
    w[0] = (char)(0xE0 | u >> 12); w[1] = (char)(0x80 | (u >> 6 & 0x3F));
    w[2] = (char)(0x80 | (u & 0x3F));
    return 3;
  }
  w[0] = (char)(0xF0 | u >> 18); w[1] = (char)(0x80 | (u >> 12 & 0x3F));
  w[2] = (char)(0x80 | (u >> 6 & 0x3F)); w[3] = (char)(0x80 | (u & 0x3F));
  return 4;
}

/* The code point of the \u escape at s (6 or, for a pair, 12 bytes), and
** its length in *used; -1 when it is not a valid escape or pair. */
static long unicode_escape(const char *s, const char *end, size_t *used){
  int u = end - s >= 6 ? hex4(s + 2) : -1;
  if(u < 0 || is_low_surrogate(u)) return -1;
  *used = 6;
  if(!is_high_surrogate(u)) return u;
  int lo = end - s >= 12 && s[6] == '\\' && s[7] == 'u' ? hex4(s + 8) : -1;
  if(!is_low_surrogate(lo)) return -1;
  *used = 12;
  return 0x10000 + ((long)(u - 0xD800) << 10) + (lo - 0xDC00);
}

/* Decodes s[0..n) into dst, writing at most cap bytes. */
size_t zl_json_decode_string(const char *s, size_t n, char *dst, size_t cap){
  const char *end = s + n;
  size_t o = 0;
  while(s < end){
    const char *bs = memchr(s, '\\', (size_t)(end - s));
    size_t plain = (size_t)((bs ? bs : end) - s);
    if(plain > cap - o) return DECODE_LONG;
    memcpy(dst + o, s, plain);
    o += plain;
    if(!bs) break;
    s = bs;
    if(end - s < 2) return DECODE_BAD;
    char c = s[1], one;
    switch(c){
      case '"': case '\\': case '/': one = c; break;
      case 'b': one = '\b'; break;
      case 'f': one = '\f'; break;
      case 'n': one = '\n'; break;
      case 'r': one = '\r'; break;
      case 't': one = '\t'; break;
      case 'u': {
        size_t used;
        char tmp[4];
        long u = unicode_escape(s, end, &used);
        if(u < 0) return DECODE_BAD;
        size_t k = put_utf8(tmp, (unsigned)u);
        if(k > cap - o) return DECODE_LONG;
        memcpy(dst + o, tmp, k);
        o += k;
        s += used;
        continue;
      }
      default: return DECODE_BAD;
    }
    if(o == cap) return DECODE_LONG;
    dst[o++] = one;
    s += 2;
  }
  return o;
}

int zl_json_unescape(const char *s, size_t n, char *dst, size_t *out_n){
  size_t m = zl_json_decode_string(s, n, dst, n);
  if(m == DECODE_BAD || m == DECODE_LONG) return -1;
  *out_n = m;
  return 0;
}

/* ---- numbers ------------------------------------------------------------ */

/* 1 when s[0..n) is exactly one JSON number; *flags as for a scan. */
static int is_number(const char *s, size_t n, uint8_t *flags){
  Scan sc = {s + n, s + n, NULL, NULL};
  *flags = 0;
  return n > 0 && zl_json_scan_number(&sc, s, flags) == s + n;
}

/* Significant digits kept for strtod: a decimal that decides a rounding
** between two doubles has at most 767, so with a non-zero digit standing for
** everything dropped the rounding is the same as the whole number's. */
#define LONG_SIG_DIGITS 800
/* Beyond this the value is 0 or infinite, however many digits there are. */
#define LONG_EXP_LIMIT 100000

/* A (valid) number too long for zl_parse_double, rewritten as at most
** LONG_SIG_DIGITS digits and an exponent, then given to strtod. */
static double long_number(const char *s, size_t n){
  char buf[LONG_SIG_DIGITS + 32];
  const char *p = s, *end = s + n;
  int neg = *p == '-', nonzero = 0, sticky = 0;
  size_t nsig = 0;
  long long exp10 = 0;                       /* value = 0.DIGITS x 10^exp10 */
  if(neg) p++;
  for(int frac = 0; p < end && (is_digit(*p) || (*p == '.' && !frac)); p++){
    if(*p == '.'){ frac = 1; continue; }
    if(!nonzero && *p == '0'){ if(frac) exp10--; continue; }
    nonzero = 1;
    if(!frac) exp10++;
    if(nsig < LONG_SIG_DIGITS) buf[3 + nsig++] = *p;
    else if(*p != '0') sticky = 1;
  }
  if(p < end){                                 /* the exponent */
    int eneg = 0;
    long long e = 0;
    if(*++p == '+' || *p == '-') eneg = *p++ == '-';
    for(; p < end; p++) if(e < LONG_EXP_LIMIT) e = e * 10 + (*p - '0');
    exp10 += eneg ? -e : e;
  }
  if(!nonzero) return neg ? -0.0 : 0.0;
  if(sticky) buf[3 + nsig++] = '1';
  if(exp10 > LONG_EXP_LIMIT) exp10 = LONG_EXP_LIMIT;
  if(exp10 < -LONG_EXP_LIMIT) exp10 = -LONG_EXP_LIMIT;
  memcpy(buf, neg ? "-0." : "+0.", 3);
  snprintf(buf + 3 + nsig, sizeof buf - 3 - nsig, "e%lld", exp10);
  return strtod(buf, NULL);
}

int zl_json_number_double(const char *s, size_t n, double *out){
  uint8_t flags;
  if(!is_number(s, n, &flags)) return -1;
  if(zl_parse_double(s, n, out) == 0) return 0;
  *out = long_number(s, n);         /* too long for zl_parse_double, or out of range */
  return isfinite(*out) ? 0 : -1;
}

int zl_json_number_value(const char *s, size_t n, ZlValue *out){
  uint8_t flags;
  int is_big;
  out->state = ZL_V_NULL;
  if(!is_number(s, n, &flags)) return -1;
  if(!(flags & ZL_JSON_FRACTION) && zl_parse_int(s, n, &out->i, &is_big, &out->d) == 0){
    out->state = is_big ? ZL_V_REAL : ZL_V_INT;
    return 0;
  }
  if(zl_json_number_double(s, n, &out->d)) return -1;
  out->state = ZL_V_REAL;
  return 0;
}

/* ---- compact arrays ----------------------------------------------------- */

/* A string's body (the bytes between the quotes) quoted as json_quote()
** would quote its decoded bytes. */
static int append_quoted(ZlBuf *out, const char *s, size_t n, int escaped){
  if(!escaped){
    /* No '"', '\\' or control byte inside: json_quote() would copy it as is. */
    if(zl_buf_reserve(out, n + 2)) return -1;
    out->p[out->n++] = '"';
    memcpy(out->p + out->n, s, n);
    out->n += n;
    out->p[out->n++] = '"';
    return 0;
  }
  /* Decoded into the buffer's tail, then quoted forward into place: the
  ** room reserved here is all zl_json_quote asks for (no realloc moves the
  ** decoded bytes), and 6 bytes written a byte never overtake the reading. */
  if(zl_buf_reserve(out, n * 7 + 2)) return -1;
  char *dec = out->p + out->n + n * 6 + 2;
  size_t m = zl_json_decode_string(s, n, dec, n);
  if(m == DECODE_BAD || m == DECODE_LONG) return -1;
  return zl_json_quote(out, dec, m);
}

int zl_json_compact(ZlBuf *out, const char *s, size_t n){
  Scan sc = {s + n, s + n, NULL, NULL};
  const char *end = s + n, *p = skip_ws(s, end);
  ZlJsonValue v;
  if(p == end) return -1;
  const char *q = zl_json_scan_value(&sc, p, &v, 0);
  if(!q || skip_ws(q, end) != end) return -1;
  size_t start = out->n;
  while(p < end){
    if(is_ws(*p)){ p++; continue; }
    if(*p != '"'){                              /* punctuation, numbers, literals */
      const char *run = p;
      while(p < end && *p != '"' && !is_ws(*p)) p++;
      if(zl_buf_append(out, run, (size_t)(p - run))) goto oom;
      continue;
    }
    uint8_t escaped = 0;
    q = zl_json_scan_string(&sc, p, &escaped);
    if(append_quoted(out, p + 1, (size_t)(q - p - 1), escaped)) goto oom;
    p = q + 1;
  }
  return 0;
oom:
  out->n = start;
  return -1;
}
