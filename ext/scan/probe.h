/*
** probe.h — a table's fields, read from the start of its files before any
** scan: each file's first header block, names line or JSON object. No SQLite.
**
**   ZlSchema s;  char *err;
**   zl_scan_probe("logs/http.*.log.gz", max_line, max_fields, &s, &err);
*/
#ifndef ZL_PROBE_H
#define ZL_PROBE_H

#include <stddef.h>
#include "parser/schema.h"

/* The union of the fields of every file pattern matches, by column name, in
** first-seen order, a field whose type differs taking the wider type
** (zl_schema_merge): each file's first header block (or tsv=T line of
** names, or JSON object). 0, or -1 with a malloc'd *err. */
int zl_scan_probe(const char *pattern, size_t max_line, int max_fields, ZlSchema *out, char **err);

#endif
