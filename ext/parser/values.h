/*
** values.h — Zeek's field types and the text -> value conversions.
**
** Each Zeek type maps to one conversion kind (SPEC, "Column types"):
**   time, interval, double     -> ZL_TIME / ZL_REAL  (REAL seconds)
**   count, int, port           -> ZL_INT             (INTEGER)
**   bool                       -> ZL_BOOL            (INTEGER 1/0)
**   addr, subnet, string, enum, and anything unknown -> ZL_TEXT
**   set[T], table[T], vector[T] -> ZL_SET            (JSON array text)
** The parsers take (pointer, length) of raw field text that is NOT
** NUL-terminated and return 0 on success, -1 when the text is not a value
** of the type. No SQLite in here.
*/
#ifndef ZL_VALUES_H
#define ZL_VALUES_H

#include <stddef.h>
#include <stdint.h>

typedef enum { ZL_TEXT, ZL_TIME, ZL_REAL, ZL_INT, ZL_BOOL, ZL_SET } ZlKind;

/* A column's value in the current row, for the numeric kinds. */
typedef enum { ZL_V_NULL, ZL_V_INT, ZL_V_REAL } ZlVState;
typedef struct ZlValue { ZlVState state; int64_t i; double d; } ZlValue;

/* Kind of a Zeek type name; for containers *elem gets the element's kind. */
ZlKind zl_kind_of(const char *type, size_t len, ZlKind *elem);
/* The declared SQL type of a kind: "REAL", "INTEGER" or "TEXT". */
const char *zl_sql_type(ZlKind kind);

/* Integers: an optional '-', then digits. A count beyond INT64_MAX (Zeek's
** count is unsigned 64-bit) sets *is_big and returns the value as *big. */
int zl_parse_int(const char *s, size_t n, int64_t *out, int *is_big, double *big);
/* Decimal numbers as Zeek writes them ("1331901000.009999", "-3.5e-3"). */
int zl_parse_double(const char *s, size_t n, double *out);
int zl_parse_bool(const char *s, size_t n, int *out);

/* Epoch seconds to "YYYY-MM-DDTHH:MM:SS.ffffffZ" (28 bytes incl. NUL):
** from the field's text when it has the plain "secs.micros" shape (exact),
** else from the double rounded to microseconds. Returns the length, or 0 if
** the time is outside years 0..9999. */
size_t zl_format_iso(const char *text, size_t n, double secs, char out[32]);

/* Decodes Zeek's escapes (\xNN and \\) from src into dst (room for n bytes
** suffices: decoding never grows). Returns the decoded length. */
size_t zl_unescape(const char *src, size_t n, char *dst);

/* A growable byte buffer for building set/vector JSON text. */
typedef struct ZlBuf { char *p; size_t n, cap; } ZlBuf;
int zl_buf_reserve(ZlBuf *b, size_t more);
void zl_buf_free(ZlBuf *b);

/* Appends s (plain bytes) as a JSON string, escaped as SQLite's JSON does. */
int zl_json_quote(ZlBuf *out, const char *s, size_t n);
/* A REAL as SQLite's JSON writes it ("%!.15g": 1000.0, 1.0e-06). */
int zl_format_real(char *out, size_t cap, double d);

/* Appends the JSON array for a set/vector field (not the unset/empty marker)
** split on set_sep; numeric element kinds are validated and written as
** numbers, the rest as JSON strings with escapes decoded. Returns 0, or -1 if
** an element does not parse or memory runs out. */
int zl_set_to_json(ZlBuf *out, const char *s, size_t n, const char *set_sep,
                   size_t set_sep_len, ZlKind elem);

#endif
