/*
** bucket.h — the arithmetic behind time_bucket(TS, WIDTH), no SQLite.
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
#ifndef ZL_BUCKET_H
#define ZL_BUCKET_H

#include <stddef.h>
#include <stdint.h>
#include "base/civil.h"

typedef enum TbStatus {
  TB_OK = 0,
  TB_BAD_WIDTH,       /* not a positive width, or an unknown unit */
  TB_WIDTH_UNDER_US,  /* finer than ISO text's microsecond resolution */
  TB_BAD_TIME,        /* text that is not an ISO-8601 date/time */
  TB_OUT_OF_RANGE     /* the bucket start cannot be represented */
} TbStatus;

/* Text width -> seconds: an optional decimal count and an optional unit
** ('1 hour', 'hour', '15 min', '30s', '1.5h', '3600'). */
TbStatus tb_parse_width(const char *text, size_t len, double *seconds);
int tb_width_ok(double seconds);     /* finite and > 0 */
int tb_width_is_whole(double seconds);

/* floor(ts / width) * width, exact for whole widths and INTEGER times. */
TbStatus tb_bucket_real(double ts, double width, double *start);
TbStatus tb_bucket_int(int64_t ts, double whole_width, int64_t *start);

/* ISO text (see civil.h) bucketed, written back in the layout it came in. */
TbStatus tb_bucket_iso(const char *text, size_t len, double width,
                       char out[ZL_ISO_MAX], size_t *out_len);

#endif
