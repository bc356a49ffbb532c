/*
** values.h — the small values every layer hands on: a span of raw text, a
** parsed number, and a value on its way to SQL. No SQLite in here.
*/
#ifndef ZL_VALUES_H
#define ZL_VALUES_H

#include <stddef.h>
#include <stdint.h>

/* Bytes inside a line (not NUL-terminated): a field's raw text. */
typedef struct ZlSpan { const char *p; size_t n; } ZlSpan;

/* A number, time or bool field once parsed. */
/* ZL_V_TEXT: a JSON member of a column whose type was only inferred, that is
** no number: the value is the member read as text (never a bad line). */
typedef enum { ZL_V_NULL, ZL_V_INT, ZL_V_REAL, ZL_V_TEXT } ZlVState;
typedef struct ZlValue { ZlVState state; int64_t i; double d; } ZlValue;

/* A column's value as SQL will see it (TEXT bytes are borrowed). */
typedef enum { ZL_PART_NULL, ZL_PART_INT, ZL_PART_REAL, ZL_PART_TEXT } ZlPartType;
typedef struct ZlPart {
  ZlPartType type;
  int64_t i;
  double r;
  const char *p;
  size_t n;
} ZlPart;

#endif
