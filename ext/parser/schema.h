/*
** schema.h — a log's field list (names and Zeek types), from a header, from
** a built-in layout (schema='http') or from fields='name:type ...'.
** No SQLite in here.
*/
#ifndef ZL_SCHEMA_H
#define ZL_SCHEMA_H

#include <stddef.h>
#include "parser/types.h"

typedef struct ZlField {
  char *name;      /* Zeek's name, e.g. "id.orig_h" */
  char *type;      /* Zeek's type text, e.g. "addr", "set[string]" */
  ZlKind kind, elem;
} ZlField;

typedef struct ZlSchema {
  ZlField *f;
  int n, cap;
} ZlSchema;

int zl_schema_add(ZlSchema *s, const char *name, size_t nlen, const char *type, size_t tlen);
void zl_schema_free(ZlSchema *s);
int zl_schema_copy(ZlSchema *dst, const ZlSchema *src);
/* 1 when both have the same names and types in the same order. */
int zl_schema_equal(const ZlSchema *a, const ZlSchema *b);
/* Index of the field with that name, or -1. */
int zl_schema_find(const ZlSchema *s, const char *name);

/* Built-in layouts: "http" (Bro 2.x, 27 fields: the notebook's file) and
** "http_all" (every http.log field of Bro 2.0 to Zeek 8: zeek_http()).
** Returns 0, or -1 for an unknown name. */
int zl_schema_builtin(const char *name, ZlSchema *out);
/* The Zeek type usually logged under a well-known field name, used for a
** header that names fields without types (tsv=T); "string" if unknown. */
const char *zl_schema_guess_type(const char *name);
/* Parses "name:type name:type ..." (commas also separate). Returns 0, or -1
** with a malloc'd message in *err. */
int zl_schema_parse(const char *spec, ZlSchema *out, char **err);

#endif
