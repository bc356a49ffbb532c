/*
** bucket.c — bucket arithmetic for time_bucket() (see bucket.h).
**
** Numbers are epoch seconds: REAL times use floating floor division, nudged
** so that start <= ts < start + width always holds; INTEGER times with a
** whole width use integer arithmetic, exact over the whole int64 range.
** ISO text is parsed to integer microseconds (exact; a zone offset is
** applied), bucketed, and written back in the layout it came in.
*/
#include "func/time/bucket.h"

#include <math.h>
#include <string.h>

#define US_PER_SECOND 1000000LL
#define US_PER_DAY (86400LL * US_PER_SECOND)
#define TWO_POW_63 9223372036854775808.0
/* Wider than every time text can be apart (years 0000-9999 span < 3.2e17
** microseconds), so clamping a width here never changes a bucket. */
#define WIDEST_US 1000000000000000000LL

/* ---- widths ----------------------------------------------------------- */

typedef struct WidthUnit {
  const char *name;
  double seconds;   /* per unit, as a product ... */
  double divisor;   /* ... or, exactly, as a quotient for sub-second units */
} WidthUnit;

static const WidthUnit width_units[] = {
  {"us", 1, 1e6}, {"usec", 1, 1e6}, {"usecs", 1, 1e6},
  {"microsecond", 1, 1e6}, {"microseconds", 1, 1e6},
  {"ms", 1, 1e3}, {"msec", 1, 1e3}, {"msecs", 1, 1e3},
  {"millisecond", 1, 1e3}, {"milliseconds", 1, 1e3},
  {"s", 1, 1}, {"sec", 1, 1}, {"secs", 1, 1},
  {"second", 1, 1}, {"seconds", 1, 1},
  {"m", 60, 1}, {"min", 60, 1}, {"mins", 60, 1},
  {"minute", 60, 1}, {"minutes", 60, 1},
  {"h", 3600, 1}, {"hr", 3600, 1}, {"hrs", 3600, 1},
  {"hour", 3600, 1}, {"hours", 3600, 1},
  {"d", 86400, 1}, {"day", 86400, 1}, {"days", 86400, 1},
  {"w", 604800, 1}, {"week", 604800, 1}, {"weeks", 604800, 1},
};

static int is_space(char c){ return c == ' ' || c == '\t'; }
static int is_digit(char c){ return c >= '0' && c <= '9'; }
static int is_letter(char c){ return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
static char lower(char c){ return (c >= 'A' && c <= 'Z') ? (char)(c - 'A' + 'a') : c; }

static const WidthUnit *find_unit(const char *word, size_t len){
  for(size_t u = 0; u < sizeof width_units / sizeof width_units[0]; u++){
    const char *name = width_units[u].name;
    size_t i = 0;
    while(i < len && name[i] && lower(word[i]) == name[i]) i++;
    if(i == len && name[i] == 0) return &width_units[u];
  }
  return 0;
}

/* Parses "123" or "1.25" at *p; the count is mantissa / 10^scale, exact
** in a double when it has at most 15 digits. Returns 0 when there is none. */
static int parse_count(const char **p, const char *end, double *count){
  uint64_t mantissa = 0;
  int digits = 0, scale = 0, seen_point = 0;
  for(; *p < end; (*p)++){
    char c = **p;
    if(c == '.' && !seen_point){ seen_point = 1; continue; }
    if(!is_digit(c)) break;
    if(++digits > 15) return 0;
    mantissa = mantissa * 10 + (uint64_t)(c - '0');
    scale += seen_point;
  }
  if(digits == 0) return 0;
  *count = (double)mantissa / pow(10, scale);
  return 1;
}

TbStatus tb_parse_width(const char *text, size_t len, double *seconds){
  const char *p = text, *end = text + len;
  double count = 1;
  while(p < end && is_space(*p)) p++;
  int has_count = p < end && (is_digit(*p) || *p == '.');
  if(has_count && !parse_count(&p, end, &count)) return TB_BAD_WIDTH;
  while(p < end && is_space(*p)) p++;
  const char *word = p;
  while(p < end && is_letter(*p)) p++;
  size_t word_len = (size_t)(p - word);
  while(p < end && is_space(*p)) p++;
  if(p != end || (!has_count && word_len == 0)) return TB_BAD_WIDTH;
  double value = count;
  if(word_len > 0){
    const WidthUnit *unit = find_unit(word, word_len);
    if(!unit) return TB_BAD_WIDTH;
    value = count * unit->seconds / unit->divisor;
  }
  if(!tb_width_ok(value)) return TB_BAD_WIDTH;
  *seconds = value;
  return TB_OK;
}

int tb_width_ok(double seconds){
  return isfinite(seconds) && seconds > 0;
}

int tb_width_is_whole(double seconds){
  return tb_width_ok(seconds) && seconds == floor(seconds);
}

/* ---- epoch numbers ---------------------------------------------------- */

TbStatus tb_bucket_real(double ts, double width, double *start){
  if(!tb_width_ok(width)) return TB_BAD_WIDTH;
  if(!isfinite(ts)) return TB_OUT_OF_RANGE;
  double q = floor(ts / width);
  double s = q * width;
  /* ts / width may round across a bucket edge; step back over it */
  if(s > ts) s = (q - 1) * width;
  else if((q + 1) * width <= ts) s = (q + 1) * width;
  if(!isfinite(s)) return TB_OUT_OF_RANGE;
  *start = s;
  return TB_OK;
}

TbStatus tb_bucket_int(int64_t ts, double whole_width, int64_t *start){
  if(!tb_width_is_whole(whole_width)) return TB_BAD_WIDTH;
  if(whole_width >= TWO_POW_63){  /* one bucket holds every ts >= 0 */
    if(ts < 0) return TB_OUT_OF_RANGE;
    *start = 0;
    return TB_OK;
  }
  int64_t width = (int64_t)whole_width;
  int64_t offset = ts % width;
  if(offset < 0) offset += width;
  if(ts < INT64_MIN + offset) return TB_OUT_OF_RANGE;
  *start = ts - offset;
  return TB_OK;
}

TbStatus tb_bucket_iso(const char *text, size_t len, double width,
                       char out[ZL_ISO_MAX], size_t *out_len){
  int64_t ts;
  ZlIsoLayout layout;
  if(!tb_width_ok(width)) return TB_BAD_WIDTH;
  if(zl_iso_parse(text, len, &ts, &layout)) return TB_BAD_TIME;
  double width_us = nearbyint(width * US_PER_SECOND);
  if(width_us < 1) return TB_WIDTH_UNDER_US;
  int64_t w = width_us >= (double)WIDEST_US ? WIDEST_US : (int64_t)width_us;
  int64_t offset = ts % w;
  if(offset < 0) offset += w;
  *out_len = zl_iso_format(ts - offset, &layout, out);
  return *out_len ? TB_OK : TB_OUT_OF_RANGE;
}
