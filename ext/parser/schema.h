/*
** schema.h — a log's field list (names and Zeek types), from a header, from
** a built-in layout (schema='http') or from fields='name:type ...'.
** No SQLite in here.
*/
#ifndef ZL_SCHEMA_H
#define ZL_SCHEMA_H

#include <stddef.h>
#include "parser/types.h"
#include "parser/zeek_logs.h"

typedef struct ZlField {
  char *name;      /* Zeek's name, e.g. "id.orig_h" */
  char *type;      /* Zeek's type text, e.g. "addr", "set[string]" */
  ZlKind kind, elem;
  int inferred;    /* guessed from JSON values, not declared by a header, the
                   ** user or a built-in layout: it never makes a line bad */
} ZlField;

typedef struct ZlSchema {
  ZlField *f;
  int n, cap;
} ZlSchema;

int zl_schema_add(ZlSchema *s, const char *name, size_t nlen, const char *type, size_t tlen);
/* The same for a field whose type was inferred from JSON values. */
int zl_schema_add_inferred(ZlSchema *s, const char *name, size_t nlen, const char *type, size_t tlen);
void zl_schema_free(ZlSchema *s);
int zl_schema_copy(ZlSchema *dst, const ZlSchema *src);
/* Index of the field with that name, or -1. */
int zl_schema_find(const ZlSchema *s, const char *name);
/* Index of the field with that column name: names compare with '.' and '_'
** alike (`id.orig_h` is the column id_orig_h), or -1. */
int zl_schema_find_column(const ZlSchema *s, const char *name);

/* The wider of two Zeek types, for one column over files that differ:
** count/int/port < double (interval, time) < string; a set or vector of the
** wider element type; a container and a scalar, or any other pair, string.
** Writes the type's text into out (room for 64 bytes). */
void zl_type_widen(const char *a, const char *b, char out[64]);
/* The union of from's fields into into, by column name, first-seen order;
** a field in both gets the wider type (a declared type wins over an
** inferred one). 0, or -1 when out of memory. */
int zl_schema_merge(ZlSchema *into, const ZlSchema *from);
/* Fields whose type is still "null" (a JSON key only ever null) become
** strings. 0, or -1 when out of memory. */
int zl_schema_settle(ZlSchema *s);

/* Built-in layouts: "http" (Bro 2.3-2.4, 27 fields: the notebook's file)
** and "http_all" (every http.log field of Bro 2.0 to Zeek 8: zeek_http()).
** Returns 0, or -1 for an unknown name. */
int zl_schema_builtin(const char *name, ZlSchema *out);
/* The layouts a headerless file of a built-in schema may have, chosen by
** the number of fields of its lines (the first that fits; none: the first):
** every http.log layout in history, SPEC's 27-field Bro 2.x one first,
** then newest first (Zeek 3.0+ 30, Bro 2.5 29, Bro 2.2 27, Bro 2.0 26).
** *out: n schemas (zl_schema_free_all). 0, or -1. */
int zl_schema_headerless(const char *name, ZlSchema **out, int *n);
void zl_schema_free_all(ZlSchema *s, int n);
/* The fields of a standard Zeek log layout (zeek_logs.h). 0, or -1. */
int zl_schema_from_layout(const ZlLogLayout *layout, ZlSchema *out);
/* The Zeek type a field name has in the standard logs (zeek_logs.h), used for
** a header that names fields without types (tsv=T); "string" if unknown. */
const char *zl_schema_guess_type(const char *name);
/* Parses "name:type name:type ..." (commas also separate). Returns 0, or -1
** with a malloc'd message in *err. */
int zl_schema_parse(const char *spec, ZlSchema *out, char **err);

#endif
