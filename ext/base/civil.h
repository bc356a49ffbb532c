/*
** civil.h — the proleptic Gregorian calendar and ISO-8601 text, in UTC
** microseconds: what ts_iso, JSON's TS_ISO8601 times and time_bucket() on
** text all stand on. No SQLite in here.
**
**   int64_t us;  ZlIsoLayout how;
**   zl_iso_parse("2012-03-16T12:30:00.5Z", 22, &us, &how);   // 0
**   zl_iso_format(us, &how, out);            // the same text back
*/
#ifndef ZL_CIVIL_H
#define ZL_CIVIL_H

#include <stddef.h>
#include <stdint.h>

/* Big enough for any output of zl_iso_format, with its NUL. */
#define ZL_ISO_MAX 48

/* How an ISO-8601 text was written, so an answer can be written alike. */
typedef struct ZlIsoLayout {
  char separator;        /* 'T' or ' ' before the time; 0: date only */
  int time_fields;       /* 0: date only, 2: HH:MM, 3: HH:MM:SS */
  int fraction_digits;   /* digits after the seconds' '.'; 0: no '.' */
  int offset_minutes;    /* the written zone, east of UTC */
  char zone[8];          /* the zone as written: "", "Z", "z", "+02:00" */
} ZlIsoLayout;

/* Days since 1970-01-01 <-> year, month (1-12), day (1-31). */
int64_t zl_days_from_civil(int64_t year, int month, int day);
void zl_civil_from_days(int64_t days, int64_t *year, int *month, int *day);

/* 'YYYY-MM-DD', then optionally 'T' or ' ' and HH:MM, :SS, .fraction (1-9
** digits), and 'Z' or +HH:MM / -HH:MM. 0, or -1 when it is not such a text. */
int zl_iso_parse(const char *text, size_t len, int64_t *epoch_us, ZlIsoLayout *layout);
/* Writes epoch_us in layout (adding the time fields it needs); returns the
** length, or 0 when the year falls outside 0000-9999. */
size_t zl_iso_format(int64_t epoch_us, const ZlIsoLayout *layout, char out[ZL_ISO_MAX]);

#endif
