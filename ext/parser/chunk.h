/*
** chunk.h — data lines of a TSV or JSON log, a chunk at a time: the part of
** parsing that needs no order, so worker threads can do it side by side.
**
** A ZlLayout says how the current header block's lines look (separator,
** markers, which fields to keep, which columns to validate). It does not
** change while chunks are being parsed: header lines are applied in order
** by the scan, with no chunk in flight (scan.c).
**
**   chunk.layout = &layout;  zl_chunk_parse(&chunk);   // rows, their fields and values
**   zl_layout_take_line(&layout, line, len, spans, vals, &why);  // one line
**
** No SQLite in here.
*/
#ifndef ZL_CHUNK_H
#define ZL_CHUNK_H

#include <stdint.h>
#include <string.h>
#include "base/values.h"
#include "parser/json_line.h"
#include "parser/schema.h"
#include "parser/tsv.h"

typedef struct ZlLayout {
  const ZlTsvFormat *fmt;
  const ZlSchema *columns;  /* the table's */
  const ZlSchema *block;    /* the header block's fields */
  const int *map;          /* column -> field of a line, or -1 */
  const ZlKind *kind;      /* per column: its type in this block */
  int nfields;             /* fields a line must have */
  int nstored;             /* fields whose spans are kept */
  const int *typed;        /* columns to parse, by kind[]: numbers, times, bools */
  int ntyped;
  int json;                /* lines are JSON objects (the rest is TSV's) */
  const ZlJsonKeys *keys;  /* JSON: every column's name, hashed */
  const int *jcol;         /* JSON: the columns whose members a row keeps */
  int njson;
  const unsigned char *declared; /* JSON, per column: its type was declared (a
                           ** wrong member makes the line bad), not inferred */
  int strict;              /* stop at the first bad line */
  size_t max_line;         /* longer lines are bad */
  size_t chunk_lines;      /* cut chunks of at most this many lines with content: rows'
                           ** memory stays bounded however short the lines */
} ZlLayout;

typedef enum {
  ZL_CHUNK_DATA,           /* whole data lines, parsed by zl_chunk_parse() */
  ZL_CHUNK_LINE,           /* one line the scan handles itself, in order */
  ZL_CHUNK_TOO_LONG,       /* a line over max_line, dropped unread */
  ZL_CHUNK_FILE_END        /* the current file has no more lines */
} ZlChunkKind;

typedef struct ZlChunk {
  ZlChunkKind kind;
  char *buf;               /* the lines (no partial line at the end) */
  size_t len, cap;
  const ZlLayout *layout;
  /* results */
  int nrows, rows_cap;
  int cap_stored, cap_typed, cap_json;  /* per row, what rows_cap rows were sized for */
  uint32_t *row_line;      /* 0-based line of each row within the chunk */
  ZlSpan *row_text;        /* each row's whole line */
  ZlSpan *spans;           /* TSV: nrows x layout->nstored */
  ZlJsonValue *jcells;     /* JSON: nrows x layout->njson */
  ZlJsonLine jline;        /* JSON: the scanner's state, for layout->keys */
  const ZlJsonKeys *jline_keys;
  uint64_t unknown_keys;   /* JSON: members no column has */
  ZlValue *vals;           /* nrows x layout->ntyped, in layout->typed order */
  uint32_t nlines;
  uint64_t blanks;         /* ZL_CHUNK_LINE: blank lines dropped before it */
  uint64_t skipped;
  char *first_bad;         /* malloc'd reason for the first skipped line (NULL: oom) */
  uint32_t first_bad_line;
  int err_row;             /* strict: the bad line comes after this many rows */
  uint32_t err_line;
  char *err;               /* malloc'd reason for the first bad line (strict) */
  int oom;                 /* parsing stopped at err_row: out of memory */
} ZlChunk;

/* Parses a ZL_CHUNK_DATA chunk. */
void zl_chunk_parse(ZlChunk *c);
void zl_chunk_free(ZlChunk *c);

/* One TSV data line: 1 and the row's spans and values (vals[k] for column
** p->typed[k]), or 0 with a malloc'd reason in *why (NULL when out of
** memory). */
int zl_layout_take_line(const ZlLayout *p, const char *line, size_t len,
                        ZlSpan *spans, ZlValue *vals, char **why);
/* One JSON data line, the same way: the members of p->jcol into cells, the
** typed columns' values into vals; readable: bytes after line that may be
** read (not used). jl must have been made for p->keys. */
int zl_layout_take_json(const ZlLayout *p, ZlJsonLine *jl, const char *line, size_t len,
                        size_t readable, ZlJsonValue *cells, ZlValue *vals, char **why);


#endif
