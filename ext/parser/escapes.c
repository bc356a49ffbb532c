/*
** escapes.c — Zeek's escapes decoded, and text written as JSON (see escapes.h).
*/
#include "parser/escapes.h"
#include "parser/numbers.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

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
/* Is s[0, n) a number as JSON writes one: -?(0|[1-9][0-9]*)(.[0-9]+)?([eE][-+]?[0-9]+)? */
static int is_json_number(const char *s, size_t n){
  size_t i = 0;
  if(i < n && s[i] == '-') i++;
  if(i < n && s[i] == '0') i++;
  else if(i < n && s[i] >= '1' && s[i] <= '9') while(i < n && s[i] >= '0' && s[i] <= '9') i++;
  else return 0;
  if(i < n && s[i] == '.'){
    size_t d = ++i;
    while(i < n && s[i] >= '0' && s[i] <= '9') i++;
    if(i == d) return 0;
  }
  if(i < n && (s[i] == 'e' || s[i] == 'E')){
    i++;
    if(i < n && (s[i] == '+' || s[i] == '-')) i++;
    size_t d = i;
    while(i < n && s[i] >= '0' && s[i] <= '9') i++;
    if(i == d) return 0;
  }
  return i == n;
}

/* A numeric element, checked, written with the digits the log wrote (so
** nothing is rounded: 1582646597.838527 stays that); text JSON would not
** accept as it stands is rewritten exactly. inf is 1e999 (JSON has no inf;
** json_each() reads it back as Inf), nan null. */
static int append_json_number(ZlBuf *out, const char *s, size_t n, ZlKind elem){
  char tmp[40];
  int len;
  if(elem == ZL_INT){
    int64_t v; int is_big; double big;
    if(zl_parse_int(s, n, &v, &is_big, &big)) return -1;
    if(is_json_number(s, n)) return zl_buf_append(out, s, n);
    len = is_big ? snprintf(tmp, sizeof tmp, "%.17g", big)
                 : snprintf(tmp, sizeof tmp, "%lld", (long long)v);
  }else if(elem == ZL_BOOL){
    int b;
    if(zl_parse_bool(s, n, &b)) return -1;
    len = snprintf(tmp, sizeof tmp, "%s", b ? "true" : "false");
  }else{
    double d;
    if(zl_parse_double(s, n, &d)) return -1;
    if(is_json_number(s, n)) return zl_buf_append(out, s, n);
    len = isnan(d) ? snprintf(tmp, sizeof tmp, "null")
        : isinf(d) ? snprintf(tmp, sizeof tmp, "%s", d > 0 ? "1e999" : "-1e999")
        : snprintf(tmp, sizeof tmp, "%.17g", d);
  }
  return zl_buf_append(out, tmp, (size_t)len);
}

static const char *find_sep(const char *s, const char *end, const char *sep, size_t k){
  if(k == 1) return memchr(s, sep[0], (size_t)(end - s));
  return k ? memmem(s, (size_t)(end - s), sep, k) : NULL;
}

/* An element: the unset marker is null, the empty marker "" (or null for a
** number), anything else a string or a number. */
static int append_element(ZlBuf *out, const char *s, size_t n, const ZlTsvFormat *fmt, ZlKind elem){
  ZlSpan v = { s, n };
  if(zl_is_marker(&v, fmt->unset, fmt->unset_len)) return zl_buf_append(out, "null", 4);
  if(zl_is_marker(&v, fmt->empty, fmt->empty_len)){
    return elem == ZL_TEXT ? zl_buf_append(out, "\"\"", 2) : zl_buf_append(out, "null", 4);
  }
  return elem == ZL_TEXT ? append_json_string(out, s, n) : append_json_number(out, s, n, elem);
}

int zl_set_to_json(ZlBuf *out, const char *s, size_t n, const ZlTsvFormat *fmt, ZlKind elem){
  const char *end = s + n, *set_sep = fmt->set_sep;
  size_t set_sep_len = fmt->set_sep_len;
  if(zl_buf_reserve(out, 1)) return -1;
  out->p[out->n++] = '[';
  for(int first = 1;; first = 0){
    const char *sep = find_sep(s, end, set_sep, set_sep_len);
    const char *stop = sep ? sep : end;
    if(!first){
      if(zl_buf_reserve(out, 1)) return -1;
      out->p[out->n++] = ',';
    }
    if(append_element(out, s, (size_t)(stop - s), fmt, elem)) return -1;
    if(!sep) break;
    s = sep + set_sep_len;
  }
  if(zl_buf_reserve(out, 1)) return -1;
  out->p[out->n++] = ']';
  return 0;
}
