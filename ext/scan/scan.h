/*
** scan.h — the rows of a set of Zeek log files, validated, one at a time.
**
**   ZlScanConfig cfg;  zl_scan_config_init(&cfg);  // then cfg.pattern, cfg.columns
**   ZlScan s;
**   zl_scan_open(&s, &cfg);
**   while((rc = zl_scan_next(&s)) == 1){
**     ZlCell cell; zl_scan_cell(&s, col, &cell); // or s.vals[col] for numbers
**   }
**   zl_scan_close(&s);
**
** Files are read in order (paths.h), cut into lines (lines.h); each may start
** with a header block, and blocks may repeat; a file whose lines are JSON
** objects is a JSON log (sniff.h). A line is a row when it has as many fields as its
** block's #fields and every number, time and bool in it parses; any other
** line is skipped and counted (cfg.strict: an error naming file and line).
** Numbers, times and bools are parsed while validating, into vals[]; text
** and sets are left raw for the caller to convert only when asked.
**
** The file is cut into chunks of whole lines that worker threads validate
** side by side (chunk.h) while rows are handed out in file order. Header
** lines, and the first line of a file whose layout is not known yet, are
** handled here in order, with no chunk in flight, so a chunk's plan never
** changes under it. Memory: ZL_SCAN_QUEUE chunks of at most ZL_READ_BLOCK bytes, each
** with at most ~4 MiB of rows however short its lines.
** No SQLite in here.
*/
#ifndef ZL_SCAN_H
#define ZL_SCAN_H

#include <stdint.h>
#include "base/buf.h"
#include "parser/chunk.h"
#include "parser/json.h"
#include "parser/schema.h"
#include "parser/tsv.h"
#include "reader/lines.h"
#include "reader/paths.h"

typedef struct ZlScanConfig {
  const char *pattern;     /* path or glob */
  ZlSchema columns;        /* the table's fields */
  const ZlSchema *headerless; /* the layouts a file without a header may have */
  int nheaderless;            /* (0: such a file is an error); one is chosen by
                              ** the number of fields of its first data line */
  const char *log_type;    /* the table reads only this log ("http"); a file
                           ** whose #path names another standard log is an error */
  const char *log_reader;  /* the table's name for that message: "zeek_http()" */
  const char *headerless_name; /* how the user asked for it, for messages:
                               ** "is schema='http' right for this file?" */
  int strict;              /* a bad line is an error, not a skip */
  size_t max_line;         /* bytes; a longer line is a bad line */
  int max_fields;          /* a header declaring more is an error */
  int threads;             /* parsing threads; 0: parse in the caller's */
  const unsigned char *wanted; /* per column: 1 if zl_scan_cell() will be asked
                               ** for it; NULL: all. Fields past the last one
                               ** wanted or typed are counted, not stored. */
  /* File pruning (rotated archives): before a file is opened skip_file()
  ** may veto it; when a file has been read to its end file_done() gets the
  ** range of column ts_col (a time) over its rows. */
  int ts_col;                  /* -1: no range is kept */
  int (*skip_file)(void *ctx, const char *path);
  void (*file_done)(void *ctx, const char *path, int has_ts, double min_ts, double max_ts);
  void *hook_ctx;
  /* 1 once the query was interrupted: the scan then stops soon, even in a
  ** stretch that hands out no row, with the error "interrupted". */
  int (*interrupted)(void *ctx);
  void *interrupt_ctx;
} ZlScanConfig;

/* An empty config with the defaults of base/limits.h. */
void zl_scan_config_init(ZlScanConfig *cfg);

/* What a scan saw, for zeek_stats(). */
#define ZL_FILE_LIST_TEXT 1024
typedef struct ZlScanStats {
  uint64_t rows, skipped;
  int files_read, files_pruned;
  int passes;              /* grouped scans: passes over the files */
  uint64_t unknown_keys;   /* JSON members no column has (keys not sampled) */
  int bad_files;           /* files read whose every data line was bad */
  char bad_files_json[ZL_FILE_LIST_TEXT];  /* their paths, a JSON list (the first few) */
  char skipped_files_json[ZL_FILE_LIST_TEXT];  /* glob matches that are not regular files */
} ZlScanStats;

#define ZL_SCAN_QUEUE 8          /* chunks in flight */

typedef struct ZlWorkers ZlWorkers;

typedef struct ZlScan {
  const ZlScanConfig *cfg;
  ZlPaths paths;
  int next_path;           /* index of the next file to open */
  /* the file being read */
  ZlLines lines;
  int file_open;
  char *path;              /* its path, until its last line is consumed */
  /* its current header block, and the layout of its data lines */
  ZlTsvHeader hdr;
  int file_has_schema;     /* data lines can be parsed without looking */
  int json;                /* the current file is a JSON log */
  int *map;                /* column -> field of the current block, or -1 */
  int nfields, nstored;    /* fields per line / fields whose spans are kept */
  ZlKind *kind, *elem;     /* per column: its type in the current block */
  int *typed;              /* columns whose block type is a number, time or bool */
  int ntyped;
  ZlLayout layout;
  /* chunks in flight, in file order */
  ZlChunk chunks[ZL_SCAN_QUEUE];
  int tickets[ZL_SCAN_QUEUE];
  long cut, used;          /* chunks cut so far / chunks consumed */
  int barrier;             /* cut nothing until the chunks cut are consumed */
  ZlWorkers *pool;
  /* the row being handed out */
  ZlChunk *cur;            /* the chunk it comes from */
  int cur_row;
  uint64_t line_base;      /* lines of the file before the current chunk */
  uint64_t line_no;        /* the current row's line */
  ZlValue *vals;           /* the current row's values, per column */
  const ZlSpan *row_spans; /* the current row's kept fields */
  ZlSpan *own_spans;       /* for rows the scan parses itself */
  int own_spans_cap;
  ZlValue *typed_vals;     /* a line's values in typed order, before spreading */
  /* JSON: the columns' names hashed, and which members a row keeps */
  ZlJsonKeys keys;
  int keys_ready;
  ZlJsonLine jline;        /* for the lines the scan parses itself */
  unsigned char *declared; /* per column: its type was declared, not inferred */
  int *jcol, *jslot;       /* kept members: slot -> column, column -> slot or -1 */
  int njson;
  ZlJsonValue *own_jcells; /* a JSON row the scan parses itself */
  const ZlJsonValue *row_jcells; /* the current row's kept members */
  ZlBuf *cells;            /* per column: text built for a JSON cell */
  /* what the scan saw */
  ZlScanStats stats;
  uint64_t file_rows, file_skipped;  /* the current file's */
  int file_headerless;     /* it is read by the configured headerless layout */
  char *file_first_bad;    /* "line N: why" for its first bad line (malloc'd) */
  char *first_bad_file;    /* the first file of only bad lines: its message */
  int file_has_ts;         /* the current file's ts range so far */
  double file_min_ts, file_max_ts;
  char *err;               /* malloc'd, after a -1 */
  int was_interrupted;     /* the -1 was cfg->interrupted() */
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

#endif
