/*
** uri.c — percent-decoding (see uri.h). In SQL (sql_uri.c):
**
**   SELECT uri_decode('/a%20b+c');        -- '/a b+c'
**   SELECT uri_decode('/a%20b+c', 1);     -- '/a b c'
**   SELECT uri_decode('%u00e9');          -- 'é' (UTF-8)
**
** Zeek itself decodes %uXXXX to raw bytes (0x00E9 -> the single byte E9,
** 0x4E2D -> the two bytes 4E 2D); we give UTF-8 instead, which SQL and PCRE2
** can work with. For ASCII code points, the ones attacks use (%u002e%u002e),
** both give the same text.
*/
#include "func/uri/uri.h"

static int hex_digit(unsigned char c){
  if(c >= '0' && c <= '9') return c - '0';
  if(c >= 'a' && c <= 'f') return c - 'a' + 10;
  if(c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* The value of n hex digits at s, or -1 when one is not a hex digit. */
static long hex_value(const unsigned char *s, int n){
  long value = 0;
  for(int i = 0; i < n; i++){
    int d = hex_digit(s[i]);
    if(d < 0) return -1;
    value = value * 16 + d;
  }
  return value;
}

/* The code unit of a "%uXXXX" at s (left bytes available), or -1. */
static long percent_u(const unsigned char *s, size_t left){
  if(left < 6 || s[0] != '%' || (s[1] != 'u' && s[1] != 'U')) return -1;
  return hex_value(s + 2, 4);
}

static int is_high_surrogate(long u){ return u >= 0xD800 && u <= 0xDBFF; }
static int is_low_surrogate(long u){ return u >= 0xDC00 && u <= 0xDFFF; }

/* Writes code point cp as UTF-8 at out; returns the byte count. */
static size_t utf8_put(unsigned long cp, unsigned char *out){
  if(cp < 0x80){
    out[0] = (unsigned char)cp;
    return 1;
  }
  if(cp < 0x800){
    out[0] = (unsigned char)(0xC0 | (cp >> 6));
    out[1] = (unsigned char)(0x80 | (cp & 0x3F));
    return 2;
  }
  if(cp < 0x10000){
    out[0] = (unsigned char)(0xE0 | (cp >> 12));
    out[1] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
    out[2] = (unsigned char)(0x80 | (cp & 0x3F));
    return 3;
  }
  out[0] = (unsigned char)(0xF0 | (cp >> 18));
  out[1] = (unsigned char)(0x80 | ((cp >> 12) & 0x3F));
  out[2] = (unsigned char)(0x80 | ((cp >> 6) & 0x3F));
  out[3] = (unsigned char)(0x80 | (cp & 0x3F));
  return 4;
}

/* Decodes the %u escape (or surrogate pair of them) at s into out. Returns
** how many input bytes it used, 0 when s holds no valid one (a lone
** surrogate counts as malformed: its UTF-8 would not be valid). Reads all
** its input before writing, so out may trail s in the same buffer. */
static size_t decode_percent_u(const unsigned char *s, size_t left,
                               unsigned char *out, size_t *written){
  long unit = percent_u(s, left);
  if(unit < 0 || is_low_surrogate(unit)) return 0;
  if(!is_high_surrogate(unit)){
    *written = utf8_put((unsigned long)unit, out);
    return 6;
  }
  long low = percent_u(s + 6, left - 6);
  if(!is_low_surrogate(low)) return 0;
  unsigned long cp = 0x10000ul + (((unsigned long)unit - 0xD800) << 10)
                   + ((unsigned long)low - 0xDC00);
  *written = utf8_put(cp, out);
  return 12;
}

size_t zl_uri_decode(const char *src, size_t len, char *dst, unsigned flags){
  const unsigned char *in = (const unsigned char *)src;
  unsigned char *out = (unsigned char *)dst;
  size_t i = 0, j = 0;
  while(i < len){
    unsigned char c = in[i];
    if(c == '%'){
      long byte = len - i >= 3 ? hex_value(in + i + 1, 2) : -1;
      size_t written = 0, used;
      if(byte >= 0){
        out[j++] = (unsigned char)byte;
        i += 3;
        continue;
      }
      used = decode_percent_u(in + i, len - i, out + j, &written);
      if(used > 0){
        i += used;
        j += written;
        continue;
      }
    }else if(c == '+' && (flags & ZL_URI_PLUS_AS_SPACE)){
      c = ' ';
    }
    out[j++] = c;
    i++;
  }
  return j;
}

size_t zl_uri_decode_until_stable(char *buf, size_t len, unsigned flags,
                                  int max_rounds){
  /* Every decoded escape shortens the text, so an unchanged length means
  ** nothing was left to decode. */
  for(int round = 0; round < max_rounds; round++){
    size_t decoded = zl_uri_decode(buf, len, buf, flags);
    if(decoded == len) break;
    len = decoded;
  }
  return len;
}
