/*
** types.h — Zeek's field types and the conversion kind each maps to
** (SPEC, "Column types"):
**   time, interval, double     -> ZL_TIME / ZL_REAL  (REAL seconds)
**   count, int, port           -> ZL_INT             (INTEGER)
**   bool                       -> ZL_BOOL            (INTEGER 1/0)
**   addr, subnet, string, enum, and anything unknown -> ZL_TEXT
**   set[T], table[T], vector[T] -> ZL_SET            (JSON array text)
** No SQLite in here.
*/
#ifndef ZL_TYPES_H
#define ZL_TYPES_H

#include <stddef.h>

typedef enum { ZL_TEXT, ZL_TIME, ZL_REAL, ZL_INT, ZL_BOOL, ZL_SET } ZlKind;

/* Kind of a Zeek type name; for containers *elem gets the element's kind. */
ZlKind zl_kind_of(const char *type, size_t len, ZlKind *elem);
/* The declared SQL type of a kind: "REAL", "INTEGER" or "TEXT". */
const char *zl_sql_type(ZlKind kind);

#endif
