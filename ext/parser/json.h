/*
** json.h — Zeek JSON logs (LogAscii::use_json=T): one object per line, flat
** dotted keys, sets and vectors as arrays, unset fields omitted or null.
**
**   ZlJsonRow row = {0};
**   if(zl_json_row_parse(&row, &columns, line, len) == 0){
**     row.cells[c]             // the column's node, NULL when absent/null
**     zl_json_value(row.cells[c], kind, &v)    // numbers, times, bools
**   }
**   zl_json_row_free(&row);
**
** Parsing is cJSON's (Debian's libcjson): a small, well-kept C parser that
** handles a flat Zeek object per line quickly. No SQLite in here.
*/
#ifndef ZL_JSON_H
#define ZL_JSON_H

#include <cjson/cJSON.h>
#include "parser/schema.h"
#include "base/buf.h"
#include "base/values.h"

typedef struct ZlJsonRow {
  cJSON *doc;        /* the parsed line */
  cJSON **cells;     /* per column */
  int ncols;
  const ZlSchema *columns;  /* what cells and index were built for */
  int *index;        /* column names, hashed: see json.c */
  int index_mask;
} ZlJsonRow;

/* 1 if the line looks like a JSON log line (first non-blank byte '{'). */
int zl_json_is_object_line(const char *line, size_t len);
/* Parses a line and finds each column's member by name. Returns 0, or -1
** when the line is not a JSON object (or memory runs out). */
int zl_json_row_parse(ZlJsonRow *row, const ZlSchema *cols, const char *line, size_t len);
void zl_json_row_free(ZlJsonRow *row);

/* A number, time or bool column's value. Times may be epoch seconds, integer
** milliseconds (json_timestamps=JSON::TS_MILLIS) or ISO-8601 text. Returns
** 0, or -1 when the member has the wrong JSON type. */
int zl_json_value(const cJSON *node, ZlKind kind, ZlValue *out);
/* Text for a TEXT column: a string's bytes, or a scalar written as JSON. */
int zl_json_text(ZlBuf *out, const cJSON *node);
/* An array as compact JSON text, as SQLite's json_array() writes it;
** numbers are REAL when elem is a real kind (3600.0), else integers. */
int zl_json_array_text(ZlBuf *out, const cJSON *node, ZlKind elem);

/* Fields from the keys of a first object: names in order, types from the
** names Zeek gives them (zl_schema_guess_type), else from the values.
** Returns 0; -1 when the line is not an object; -2 when it has more keys
** than max_fields (0: 4096). */
int zl_json_schema(const char *line, size_t len, int max_fields, ZlSchema *out);

#endif
