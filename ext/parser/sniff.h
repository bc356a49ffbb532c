/*
** sniff.h — what a file's first data line says about its layout: the one
** rule set the scan and the schema probe share. No SQLite in here.
**
** A file's lines are read in order. '#' lines are header directives (tsv.h).
** The first other line that is not blank is, in this order:
**   a JSON object ('{' first)        -> a JSON log (unless inside a header block)
**   line 1 of field names (tsv=T)    -> the header, types from the names
**   anything else                    -> data: the header block's layout, or the
**                                       configured headerless layout, or an error
*/
#ifndef ZL_SNIFF_H
#define ZL_SNIFF_H

#include <stddef.h>
#include <stdint.h>
#include "parser/schema.h"
#include "parser/tsv.h"

typedef enum { ZL_FIRST_JSON, ZL_FIRST_NAMES, ZL_FIRST_DATA } ZlFirstLine;

/* in_block: a #fields or #types line came before (a TSV header block). */
ZlFirstLine zl_sniff_first_line(const ZlTsvFormat *fmt, const char *line, size_t len,
                                uint64_t line_no, int in_block);
/* 1 if the line looks like a JSON log line (first non-blank byte '{'). */
int zl_sniff_is_json(const char *line, size_t len);
/* The fields of a names line, typed as Zeek types those names. 0, or -1. */
int zl_schema_from_names(ZlSchema *out, const ZlTsvFormat *fmt, const char *line, size_t len);
/* "'PATH' has no Zeek header ..." with what to add (malloc'd; NULL when out of memory). */
char *zl_no_header_message(const char *path);

#endif
