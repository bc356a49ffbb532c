/*
** tsv.h — Zeek's TSV ("ASCII") format: header directives and field splitting.
**
** A header block starts at "#separator \x09" and sets the separators and
** markers for the lines after it; "#fields" and "#types" give the schema.
** Blocks may repeat mid-file (concatenated logs). Any other "#" line
** ("#open", "#close", "#path", comments) is metadata, never data: Zeek
** escapes a data line's leading "#" as "\x23". No SQLite in here.
*/
#ifndef ZL_TSV_H
#define ZL_TSV_H

#include <stddef.h>
#include <string.h>
#include "base/limits.h"
#include "base/values.h"
#include "parser/format.h"
#include "parser/schema.h"

/* A header block as read so far. */
typedef struct ZlTsvHeader {
  ZlTsvFormat fmt;
  ZlSchema schema;          /* names from #fields, types from #types */
  int have_fields, have_types;
  char **types;             /* #types text until both lines are in */
  int ntypes;
  int max_fields;           /* a longer #fields/#types is an error */
  char path[ZL_MARKER_MAX];  /* #path: the log's type ("http") */
  size_t path_len;
} ZlTsvHeader;

/* What a "#" line was. */
enum { ZL_DIR_OTHER, ZL_DIR_SEPARATOR, ZL_DIR_SCHEMA_DONE, ZL_DIR_PATH, ZL_DIR_SCHEMA_PART };

void zl_tsv_default_format(ZlTsvFormat *fmt);
void zl_tsv_header_reset(ZlTsvHeader *h);
void zl_tsv_header_free(ZlTsvHeader *h);
/* Applies one "#" line. Returns ZL_DIR_SEPARATOR when it began a new block
** (the old block's schema and markers are dropped), ZL_DIR_SCHEMA_DONE when
** #fields and #types are both known, ZL_DIR_SCHEMA_PART for one of them
** alone (the block's schema is not complete yet), ZL_DIR_PATH for #path (h->path),
** ZL_DIR_OTHER otherwise, or -1 with a malloc'd *err. */
int zl_tsv_directive(ZlTsvHeader *h, const char *line, size_t len, char **err);
/* 1 if the line starts a header block ("#separator "). */
int zl_tsv_is_separator_line(const char *line, size_t len);


/* Splits a line on fmt->sep into at most max spans; returns the number of
** fields the line has (which may exceed max: the extra are not stored). */
int zl_tsv_split(const ZlTsvFormat *fmt, const char *line, size_t len, ZlSpan *out, int max);

#endif
