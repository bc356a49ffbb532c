/*
** scan.h — the rows of a set of Zeek log files, validated, one at a time.
**
**   ZlScan s;
**   zl_scan_open(&s, &cfg);                // cfg.columns: the table's fields
**   while((rc = zl_scan_next(&s)) == 1){
**     ZlCell cell; zl_scan_cell(&s, col, &cell); // or s.vals[col] for numbers
**   }
**   zl_scan_close(&s);
**
** Files are read in order (paths.h); each may start with a header block, and
** blocks may repeat; a file whose lines are JSON objects is a JSON log. A line is a row when it has as many fields as its
** block's #fields and every number, time and bool in it parses; any other
** line is skipped and counted (cfg.strict: an error naming file and line).
** Numbers, times and bools are parsed while validating, into vals[]; text
** and sets are left raw for the caller to convert only when asked.
** No SQLite in here.
*/
#ifndef ZL_SCAN_H
#define ZL_SCAN_H

#include <stdint.h>
#include "paths.h"
#include "reader.h"
#include "schema.h"
#include "tsv.h"
#include "json.h"

#define ZL_DEFAULT_MAX_FIELDS 4096

typedef struct ZlScanConfig {
  const char *pattern;     /* path or glob */
  ZlSchema columns;        /* the table's fields */
  int by_name;             /* map a file's fields to columns by name (else: equal) */
  const ZlSchema *headerless; /* the layout of files without a header, or NULL */
  int strict;              /* a bad line is an error, not a skip */
  size_t max_line;         /* bytes, 0 = ZL_DEFAULT_MAX_LINE */
  int max_fields;          /* 0 = ZL_DEFAULT_MAX_FIELDS */
  const unsigned char *wanted; /* per column: 1 if zl_scan_raw() will be asked
                               ** for it; NULL: all. Fields past the last one
                               ** wanted or typed are counted, not stored. */
  /* File pruning (rotated archives): before a file is opened skip_file()
  ** may veto it; when a file has been read to its end file_done() gets the
  ** range of column ts_col (a time) over its rows. */
  int ts_col;                  /* -1: no range is kept */
  int (*skip_file)(void *ctx, const char *path);
  void (*file_done)(void *ctx, const char *path, int has_ts, double min_ts, double max_ts);
  void *hook_ctx;
} ZlScanConfig;


typedef struct ZlScan {
  const ZlScanConfig *cfg;
  ZlPaths paths;
  int next_path;           /* index of the next file to open */
  ZlReader rd;
  int rd_open;
  ZlTsvHeader hdr;         /* the current block */
  int file_has_schema;     /* the current file's block defines its fields */
  int *map;                /* column -> field of the current block, or -1 */
  int nfields;             /* fields a data line of the current block has */
  int nstored;             /* fields of a line whose spans are kept */
  int *typed;              /* columns that are numbers, times or bools */
  int ntyped;
  ZlSpan *spans;           /* fields of the current line */
  int spans_cap;
  ZlValue *vals;           /* per column */
  int json;                /* the current file is a JSON log */
  ZlJsonRow jrow;          /* the current JSON line's members */
  ZlBuf cell;              /* text built for a JSON cell */
  uint64_t rows, skipped;
  int files_read, files_pruned;
  int file_has_ts;         /* the current file's ts range so far */
  double file_min_ts, file_max_ts;
  char *err;               /* malloc'd, after a -1 */
} ZlScan;

/* A text or set column's value in the current row, markers resolved. */
typedef enum {
  ZL_CELL_NULL,     /* unset, absent, or not in this file */
  ZL_CELL_EMPTY,    /* the empty marker: '' for text, [] for sets */
  ZL_CELL_ZEEK,     /* TSV text with Zeek's escapes still in it */
  ZL_CELL_PLAIN,    /* text as it is (JSON strings, decoded by the parser) */
  ZL_CELL_JSON      /* a JSON array's text, ready for SQLite */
} ZlCellKind;
typedef struct ZlCell { ZlCellKind kind; const char *p; size_t n; } ZlCell;

int zl_scan_open(ZlScan *s, const ZlScanConfig *cfg);  /* 0 or -1 (s->err) */
int zl_scan_next(ZlScan *s);                            /* 1 row, 0 end, -1 error */
/* The current file's path and the current line's 1-based number. */
const char *zl_scan_path(const ZlScan *s);
uint64_t zl_scan_line(const ZlScan *s);
/* A column's cell in the current row (only for wanted or typed columns).
** Returns 0, or -1 when memory runs out. */
int zl_scan_cell(ZlScan *s, int col, ZlCell *out);
const ZlTsvFormat *zl_scan_format(const ZlScan *s);
void zl_scan_close(ZlScan *s);

/* The fields of the first file in cfg->pattern that has a header (or a
** tsv=T line of names). Returns 0, or -1 with a malloc'd *err. */
int zl_scan_probe(const char *pattern, size_t max_line, ZlSchema *out, char **err);

#endif
