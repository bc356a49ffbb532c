/*
** numbers.h — Zeek's text for numbers, times and bools -> values.
** The parsers take (pointer, length) of raw field text that is NOT
** NUL-terminated and return 0 on success, -1 when the text is not a value
** of the type. No SQLite in here.
*/
#ifndef ZL_NUMBERS_H
#define ZL_NUMBERS_H

#include <stddef.h>
#include <stdint.h>

/* Integers: an optional '-', then digits. A count beyond INT64_MAX (Zeek's
** count is unsigned 64-bit) sets *is_big and returns the value as *big. */
int zl_parse_int(const char *s, size_t n, int64_t *out, int *is_big, double *big);
/* Decimal numbers as Zeek writes them ("1331901000.009999", "-3.5e-3", the
** full 309 digits of 1.79e308, "inf", "-inf"); "nan" gives NaN, which
** callers turn into NULL (SQLite has no NaN). */
#define ZL_DOUBLE_TEXT_MAX 400
int zl_parse_double(const char *s, size_t n, double *out);
int zl_parse_bool(const char *s, size_t n, int *out);

/* Epoch seconds to "YYYY-MM-DDTHH:MM:SS.ffffffZ" (28 bytes incl. NUL):
** from the field's text when it has the plain "secs.micros" shape (exact),
** else from the double rounded to microseconds. Returns the length, or 0 if
** the time is outside years 0..9999. */
size_t zl_format_iso(const char *text, size_t n, double secs, char out[32]);

#endif
