/*
** timebucket.h — the arithmetic behind time_bucket(TS, WIDTH), no SQLite.
**
**   double w;
**   tb_parse_width("5 minutes", 9, &w);                 // w = 300
**   tb_bucket_real(1331901234.5, w, &start);            // 1331901000.0
**   tb_bucket_int(-1, w, &istart);                      // -300
**   tb_bucket_iso("2012-03-16T12:30:00.009999Z", 27, 3600, buf, &n);
**                                       // "2012-03-16T12:00:00.000000Z"
**
** Buckets are aligned to the Unix epoch (1970-01-01T00:00:00Z), UTC.
*/
#ifndef ZEEKLOG_TIMEBUCKET_H
#define ZEEKLOG_TIMEBUCKET_H

#include <stddef.h>
#include <stdint.h>

typedef enum TbStatus {
  TB_OK = 0,
  TB_BAD_WIDTH,       /* not a positive width, or an unknown unit */
  TB_WIDTH_UNDER_US,  /* finer than ISO text's microsecond resolution */
  TB_BAD_TIME,        /* text that is not an ISO-8601 date/time */
  TB_OUT_OF_RANGE     /* the bucket start cannot be represented */
} TbStatus;

/* Big enough for any output of tb_bucket_iso, with its NUL. */
#define TB_ISO_MAX 48

/* How an ISO-8601 text was written, so the answer can be written alike. */
typedef struct TbIsoLayout {
  char separator;        /* 'T' or ' ' before the time; 0: date only */
  int time_fields;       /* 0: date only, 2: HH:MM, 3: HH:MM:SS */
  int fraction_digits;   /* digits after the seconds' '.'; 0: no '.' */
  int offset_minutes;    /* the written zone, east of UTC */
  char zone[8];          /* the zone as written: "", "Z", "z", "+02:00" */
} TbIsoLayout;

/* Text width -> seconds: an optional decimal count and an optional unit
** ('1 hour', 'hour', '15 min', '30s', '1.5h', '3600'). */
TbStatus tb_parse_width(const char *text, size_t len, double *seconds);
int tb_width_ok(double seconds);     /* finite and > 0 */
int tb_width_is_whole(double seconds);

/* floor(ts / width) * width, exact for whole widths and INTEGER times. */
TbStatus tb_bucket_real(double ts, double width, double *start);
TbStatus tb_bucket_int(int64_t ts, double whole_width, int64_t *start);

/* ISO-8601 text: 'YYYY-MM-DD', then optionally 'T' or ' ' and HH:MM,
** :SS, .fraction (1-9 digits), and 'Z' or +HH:MM / -HH:MM. */
TbStatus tb_parse_iso(const char *text, size_t len, int64_t *epoch_us,
                      TbIsoLayout *layout);
/* Writes epoch_us in layout (adding time fields it needs); returns the
** length, or 0 when the year falls outside 0000-9999. */
size_t tb_format_iso(int64_t epoch_us, const TbIsoLayout *layout,
                     char out[TB_ISO_MAX]);
TbStatus tb_bucket_iso(const char *text, size_t len, double width,
                       char out[TB_ISO_MAX], size_t *out_len);

/* Proleptic Gregorian calendar <-> days since 1970-01-01. */
int64_t tb_days_from_civil(int64_t year, int month, int day);
void tb_civil_from_days(int64_t days, int64_t *year, int *month, int *day);

#endif
