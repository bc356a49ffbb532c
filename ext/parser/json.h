/*
** json.h — Zeek JSON logs (LogAscii::use_json=T): what a member means for
** a column, on top of the line scanner (json_line.h), and the columns a JSON
** log has. No SQLite in here.
**
**   zl_json_value(&cell, ZL_INT, declared, &v);       // numbers, times, bools
**   zl_json_text(&cell, ZL_SET, &buf, &p, &n);        // text and arrays
**   zl_json_sample(&schema, line, len, &scratch);     // the keys of a line
**
** Zeek's JSON writer leaves unset fields out, writes a double always with a
** '.' or an exponent (60.0, 2153226000.0), a count as digits, sets and
** vectors as arrays of scalars, and ts as epoch seconds, integer
** milliseconds (JSON::TS_MILLIS) or ISO-8601 text (JSON::TS_ISO8601).
*/
#ifndef ZL_JSON_H
#define ZL_JSON_H

#include "base/buf.h"
#include "base/values.h"
#include "parser/json_line.h"
#include "parser/schema.h"

/* A number, time or bool column's value from a member (NULL when absent or
** null). declared (a header, the user or a built-in layout gave the type):
** a member of another kind makes the line bad (-1). Inferred from values: it
** never does; a fraction in a count column is REAL, and a member that is no
** number at all is ZL_V_TEXT (the caller reads it as text). */
int zl_json_value(const ZlJsonValue *v, ZlKind kind, int declared, ZlValue *out);

/* A text or set column's text from a member: a string decoded, an array as
** compact JSON (numbers as written), a lone scalar in a set column as a
** one-element array, a number as written, true/false as T/F (Zeek's TSV).
** *p, *n point into the line or into buf. 0, or -1 when out of memory. */
int zl_json_text(const ZlJsonValue *v, ZlKind kind, ZlBuf *buf, const char **p, size_t *n);

/* Adds the keys of one JSON line to a schema, in first-seen order, typed by
** their values (a number with '.' or an exponent a double, else a count;
** true/false bool; an array a vector of its first element's type; ts and
** _write_ts a time; anything else a string; "null" while only nulls were
** seen: zl_schema_settle() makes that a string), widening where lines differ;
** every such field is marked inferred. Returns 0; -1 when the line is not a
** JSON object; -2 when the schema would pass max_fields; -3 out of memory.
** *path gets the line's _path value (empty when none; 64 bytes). */
int zl_json_sample(ZlSchema *schema, const char *line, size_t len, int max_fields,
                   ZlBuf *scratch, char path[64]);

#endif
