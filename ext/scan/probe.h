/*
** probe.h — a table's fields, read from the start of its files before any
** scan: each file's first header block, names line or JSON object. No SQLite.
**
**   ZlProbe p = { .pattern = "logs/http.*.log.gz", .max_line = ..., .max_fields = ... };
**   ZlSchema s;  char *err;
**   zl_scan_probe(&p, &s, &err);
*/
#ifndef ZL_PROBE_H
#define ZL_PROBE_H

#include <stddef.h>
#include "parser/schema.h"

typedef struct ZlProbe {
  const char *pattern;        /* path or glob */
  size_t max_line;
  int max_fields;
  const ZlSchema *headerless; /* configured layouts (schema=, fields=), or NULL */
  int nheaderless;
} ZlProbe;

/* The table's fields. Without configured layouts: the union of the fields
** of every file the pattern matches, by column name, in first-seen order, a
** field whose type differs taking the wider type (zl_schema_merge): each
** file's first header block (or tsv=T line of names, or JSON object). With
** them: the union of the layouts the headerless files need (chosen by the
** field count of their first data line, as the scan does), or the first
** layout when none is headerless. 0, or -1 with a malloc'd *err. */
int zl_scan_probe(const ZlProbe *p, ZlSchema *out, char **err);

#endif
