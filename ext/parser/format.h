/*
** format.h — the separators and markers a TSV header block sets for its
** lines (#separator, #set_separator, #empty_field, #unset_field): what the
** splitter, the value parsers and the set writer all read by. No SQLite.
*/
#ifndef ZL_FORMAT_H
#define ZL_FORMAT_H

#include <stddef.h>
#include <string.h>
#include "base/limits.h"
#include "base/values.h"

typedef struct ZlTsvFormat {
  char sep[ZL_MARKER_MAX];     size_t sep_len;     /* "\t" */
  char set_sep[ZL_MARKER_MAX]; size_t set_sep_len; /* "," */
  char empty[ZL_MARKER_MAX];   size_t empty_len;   /* "(empty)" */
  char unset[ZL_MARKER_MAX];   size_t unset_len;   /* "-" */
} ZlTsvFormat;

/* Is a field's raw text the marker m (#unset_field, #empty_field)? Markers
** are compared before unescaping: "\x2d" is the text "-". */
static inline int zl_is_marker(const ZlSpan *v, const char *m, size_t n){
  return v->n == n && v->p[0] == m[0] && (n == 1 || memcmp(v->p, m, n) == 0);
}

#endif
