/*
** columns.h — what an SQL column of a zeek table holds in the scan's current
** row, as a plain value: the one conversion both the table's xColumn and
** its grouped scans use. No SQLite in here.
**
**   ZlColumn ts_iso = { ZL_COL_TS_ISO, 0 };
**   ZlPart v;  zl_column_value(&scan, &ts_iso, &buf, &v);   // TEXT in buf
*/
#ifndef ZL_COLUMNS_H
#define ZL_COLUMNS_H

#include "base/values.h"
#include "scan/scan.h"

typedef enum {
  ZL_COL_FIELD,    /* a field of the log (field: its column in the scan) */
  ZL_COL_TS_ISO,   /* ts as ISO-8601 text (field: the ts column) */
  ZL_COL_FILE,     /* hidden _file */
  ZL_COL_LINE,     /* hidden _line */
  ZL_COL_ARG,      /* zeek_http()'s path argument: the caller fills it */
  ZL_COL_BUCKET,   /* the start of ts's bucket of `width` seconds, INTEGER
                   ** (field: the ts column): ts_minute, ts_hour, ts_day */
  ZL_COL_ROWS,     /* a summary's group: how many rows (plain scan: 1) */
  ZL_COL_FIRST_TS, /* ... its earliest ts (plain scan: ts) */
  ZL_COL_LAST_TS   /* ... its latest ts (plain scan: ts) */
} ZlColKind;

typedef struct ZlColumn { ZlColKind kind; int field; int64_t width; } ZlColumn;

/* The column's value: numbers as they were parsed; text with markers
** resolved and escapes decoded; sets as JSON array text (NULL when an
** element does not parse); ts_iso from the log's digits when it has them;
** a bucket's start from ts (floor(ts / width) * width, INTEGER).
** Text may point into buf or into the scan's current row. 0, or -1 when
** out of memory. */
int zl_column_value(ZlScan *s, const ZlColumn *col, ZlBuf *buf, ZlPart *out);

#endif
