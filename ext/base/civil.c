/*
** civil.c — the civil calendar and ISO-8601 text (see civil.h).
*/
#include "base/civil.h"

#include <string.h>

#define US_PER_SECOND 1000000LL
#define US_PER_DAY (86400LL * US_PER_SECOND)

static int is_decimal(char c){ return c >= '0' && c <= '9'; }

/* ---- the calendar ----------------------------------------------------- */

static int64_t floor_div(int64_t a, int64_t b){
  int64_t q = a / b;
  return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q;
}

/* Years are counted from March, so the leap day ends a year; 400-year
** eras repeat exactly (146097 days). 719468: 0000-03-01 to 1970-01-01. */
int64_t zl_days_from_civil(int64_t year, int month, int day){
  year -= month <= 2;
  int64_t era = floor_div(year, 400);
  int64_t year_of_era = year - era * 400;
  int64_t month_from_march = (month + 9) % 12;
  int64_t day_of_year = (153 * month_from_march + 2) / 5 + day - 1;
  int64_t day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100
                       + day_of_year;
  return era * 146097 + day_of_era - 719468;
}

void zl_civil_from_days(int64_t days, int64_t *year, int *month, int *day){
  days += 719468;
  int64_t era = floor_div(days, 146097);
  int64_t day_of_era = days - era * 146097;
  int64_t year_of_era = (day_of_era - day_of_era / 1460 + day_of_era / 36524
                         - day_of_era / 146096) / 365;
  int64_t day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4
                                      - year_of_era / 100);
  int64_t month_from_march = (5 * day_of_year + 2) / 153;
  *day = (int)(day_of_year - (153 * month_from_march + 2) / 5 + 1);
  *month = (int)(month_from_march < 10 ? month_from_march + 3 : month_from_march - 9);
  *year = year_of_era + era * 400 + (*month <= 2);
}

static int is_leap(int64_t year){
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

static int days_in_month(int64_t year, int month){
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

/* ---- ISO-8601 text ---------------------------------------------------- */

typedef struct Cursor {
  const char *p, *end;
} Cursor;

/* Exactly n digits, at most max. */
static int read_digits(Cursor *c, int n, int max, int *value){
  if(c->end - c->p < n) return 0;
  int v = 0;
  for(int i = 0; i < n; i++){
    if(!is_decimal(c->p[i])) return 0;
    v = v * 10 + (c->p[i] - '0');
  }
  if(v > max) return 0;
  c->p += n;
  *value = v;
  return 1;
}

static int read_char(Cursor *c, char want){
  if(c->p < c->end && *c->p == want){
    c->p++;
    return 1;
  }
  return 0;
}

static int at_end(const Cursor *c){ return c->p == c->end; }

/* '.' and 1-9 digits -> microseconds (digits past the sixth dropped). */
static int read_fraction(Cursor *c, int *digits, int64_t *us){
  int n = 0;
  int64_t v = 0;
  while(!at_end(c) && is_decimal(*c->p)){
    if(++n > 9) return 0;
    if(n <= 6) v = v * 10 + (*c->p - '0');
    c->p++;
  }
  if(n == 0) return 0;
  for(int i = n; i < 6; i++) v *= 10;
  *digits = n;
  *us = v;
  return 1;
}

/* 'Z', 'z', or +HH:MM / -HH:MM, remembered as written. */
static int read_zone(Cursor *c, ZlIsoLayout *layout){
  const char *start = c->p;
  if(read_char(c, 'Z') || read_char(c, 'z')){
    layout->offset_minutes = 0;
  }else{
    int sign = read_char(c, '+') ? 1 : read_char(c, '-') ? -1 : 0;
    int hh, mm;
    if(!sign || !read_digits(c, 2, 14, &hh) || !read_char(c, ':')
       || !read_digits(c, 2, 59, &mm)) return 0;
    layout->offset_minutes = sign * (hh * 60 + mm);
  }
  memcpy(layout->zone, start, (size_t)(c->p - start));
  return 1;
}

/* HH:MM[:SS[.f]][zone] after the separator; adds its microseconds. */
static int read_time(Cursor *c, ZlIsoLayout *layout, int64_t *us){
  int hh, mm, ss = 0;
  int64_t fraction = 0;
  if(!read_digits(c, 2, 23, &hh) || !read_char(c, ':')
     || !read_digits(c, 2, 59, &mm)) return 0;
  layout->time_fields = 2;
  if(read_char(c, ':')){
    if(!read_digits(c, 2, 59, &ss)) return 0;
    layout->time_fields = 3;
    if(read_char(c, '.') && !read_fraction(c, &layout->fraction_digits, &fraction)){
      return 0;
    }
  }
  if(!at_end(c) && !read_zone(c, layout)) return 0;
  *us += ((int64_t)hh * 3600 + mm * 60 + ss) * US_PER_SECOND + fraction
         - (int64_t)layout->offset_minutes * 60 * US_PER_SECOND;
  return 1;
}

int zl_iso_parse(const char *text, size_t len, int64_t *epoch_us,
                      ZlIsoLayout *layout){
  Cursor c = { text, text + len };
  int year, month, day;
  memset(layout, 0, sizeof *layout);
  if(!read_digits(&c, 4, 9999, &year) || !read_char(&c, '-')
     || !read_digits(&c, 2, 12, &month) || !read_char(&c, '-')
     || !read_digits(&c, 2, 31, &day)) return -1;
  if(month < 1 || day < 1 || day > days_in_month(year, month)) return -1;
  int64_t us = zl_days_from_civil(year, month, day) * US_PER_DAY;
  if(!at_end(&c)){
    if(*c.p != 'T' && *c.p != ' ') return -1;
    layout->separator = *c.p++;
    if(!read_time(&c, layout, &us)) return -1;
  }
  if(!at_end(&c)) return -1;
  *epoch_us = us;
  return 0;
}

/* Fraction digits needed to show us exactly (0 for a whole second). */
static int fraction_digits_needed(int64_t us){
  if(us == 0) return 0;
  int digits = 6;
  while(us % 10 == 0){ us /= 10; digits--; }
  return digits;
}

static char *put_number(char *out, int64_t value, int width){
  for(int i = width - 1; i >= 0; i--){
    out[i] = (char)('0' + value % 10);
    value /= 10;
  }
  return out + width;
}

size_t zl_iso_format(int64_t epoch_us, const ZlIsoLayout *layout,
                     char out[ZL_ISO_MAX]){
  int64_t local = epoch_us + (int64_t)layout->offset_minutes * 60 * US_PER_SECOND;
  int64_t days = floor_div(local, US_PER_DAY);
  int64_t in_day = local - days * US_PER_DAY;
  int64_t seconds = in_day / US_PER_SECOND, us = in_day % US_PER_SECOND;
  int64_t year;
  int month, day;
  zl_civil_from_days(days, &year, &month, &day);
  if(year < 0 || year > 9999) return 0;

  /* the layout of the input, widened when the start needs more */
  ZlIsoLayout shown = *layout;
  int needed_digits = fraction_digits_needed(us);
  int needed_fields = needed_digits || seconds % 60 ? 3 : seconds ? 2 : 0;
  if(needed_digits > shown.fraction_digits) shown.fraction_digits = needed_digits;
  if(needed_fields > shown.time_fields) shown.time_fields = needed_fields;
  if(shown.time_fields && !shown.separator) shown.separator = ' ';

  char *p = put_number(out, year, 4);
  *p++ = '-'; p = put_number(p, month, 2);
  *p++ = '-'; p = put_number(p, day, 2);
  if(shown.time_fields){
    *p++ = shown.separator;
    p = put_number(p, seconds / 3600, 2);
    *p++ = ':'; p = put_number(p, seconds / 60 % 60, 2);
  }
  if(shown.time_fields == 3){
    *p++ = ':'; p = put_number(p, seconds % 60, 2);
  }
  if(shown.fraction_digits){
    *p++ = '.';
    char six[6];
    put_number(six, us, 6);
    for(int i = 0; i < shown.fraction_digits; i++) *p++ = i < 6 ? six[i] : '0';
  }
  size_t zone_len = strlen(shown.zone);
  memcpy(p, shown.zone, zone_len);
  p += zone_len;
  *p = 0;
  return (size_t)(p - out);
}

