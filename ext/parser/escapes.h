/*
** escapes.h — Zeek's escapes decoded, and values written as the JSON text
** SQLite's own JSON functions write (set and vector columns). No SQLite here.
*/
#ifndef ZL_ESCAPES_H
#define ZL_ESCAPES_H

#include <stddef.h>
#include "base/buf.h"
#include "parser/format.h"
#include "parser/types.h"

/* Decodes Zeek's escapes (\xNN and \\) from src into dst (room for n bytes
** suffices: decoding never grows). Returns the decoded length. */
size_t zl_unescape(const char *src, size_t n, char *dst);

/* Appends s (plain bytes) as a JSON string, escaped as SQLite's JSON does. */
int zl_json_quote(ZlBuf *out, const char *s, size_t n);
/* A REAL as SQLite's JSON writes it ("%!.15g": 1000.0, 1.0e-06). */
int zl_format_real(char *out, size_t cap, double d);

/* Appends the JSON array for a set/vector field (not the unset/empty marker
** itself) split on fmt's set separator: an element equal to the unset marker
** is null, one equal to the empty marker "" (null for numbers); numeric
** element kinds are validated and written with the log's own digits, the
** rest as JSON strings with escapes decoded. Returns 0, or -1 if an element
** does not parse or memory runs out. */
int zl_set_to_json(ZlBuf *out, const char *s, size_t n, const ZlTsvFormat *fmt, ZlKind elem);

#endif
