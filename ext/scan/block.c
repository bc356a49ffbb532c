/*
** block.c — the layout of a file's data lines (see scan_parts.h): which of
** the table's columns each field of the current header block fills, which
** are validated, and which a row keeps — for TSV blocks, JSON logs and
** headerless files.
*/
#include "scan/scan_parts.h"
#include "base/limits.h"
#include "base/message.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int zl_scan_grow_spans(ZlScan *s, int need){
  if(need <= s->own_spans_cap) return 0;
  ZlSpan *p = realloc(s->own_spans, (size_t)need * sizeof *p);
  if(!p) return -1;
  s->own_spans = p;
  s->own_spans_cap = need;
  return 0;
}

/* Lines per chunk: as many as keep its rows' spans and values (JSON: kept
** members) to about ZL_CHUNK_ROW_BYTES however short the lines. */
static size_t chunk_lines(const ZlScan *s){
  size_t per_row = s->json ? (size_t)s->njson * sizeof(ZlJsonValue) : (size_t)s->nstored * sizeof(ZlSpan);
  per_row += (size_t)s->ntyped * sizeof(ZlValue) + sizeof(ZlSpan) + sizeof(uint32_t);
  return ZL_CHUNK_ROW_BYTES / per_row;
}

/* After any change to the header state: what workers read lines by. */
void zl_scan_update_layout(ZlScan *s){
  s->layout = (ZlLayout){
    .fmt = &s->hdr.fmt, .columns = &s->cfg->columns, .map = s->map, .kind = s->kind,
    .block = &s->hdr.schema, .keys = &s->keys, .jcol = s->jcol, .njson = s->njson,
    .declared = s->declared,
    .nfields = s->nfields, .nstored = s->nstored, .typed = s->typed,
    .ntyped = s->ntyped, .json = s->json, .strict = s->cfg->strict,
    .max_line = s->cfg->max_line, .chunk_lines = chunk_lines(s),
  };
}


/* A later header block (a concatenated log, or a file the glob matched after
** the table was made) may name fields the table has no column for: their
** values would be lost, so that is an error. */
static int check_block_fields(ZlScan *s){
  const ZlSchema *cols = &s->cfg->columns, *file = &s->hdr.schema;
  char missing[160];
  size_t n = 0;
  int count = 0;
  for(int f = 0; f < file->n; f++){
    if(zl_schema_find_column(cols, file->f[f].name) >= 0) continue;
    if(count++ < 4) n += (size_t)snprintf(missing + n, n < sizeof missing ? sizeof missing - n : 0,
                                          "%s%.40s", count > 1 ? ", " : "", file->f[f].name);
  }
  if(count == 0) return 0;
  return zl_scan_fail(s, "%s:%llu: this header block has %d field%s the table has no column for"
                   " (%s%s): the columns come from the first header of each file when the table"
                   " was created; create it again, or give fields='name:type ...'",
                   zl_scan_path(s), (unsigned long long)s->line_no, count, count > 1 ? "s" : "",
                   missing, count > 4 ? ", ..." : "");
}

/* The current block's fields are known: map the table's columns onto them
** by name. A column keeps the block's own type for its lines: they are
** validated as their header declares, and converted to the column's
** (wider) type only when SQL reads them (columns.c). */
int zl_scan_use_block(ZlScan *s){
  const ZlSchema *cols = &s->cfg->columns, *file = &s->hdr.schema;
  int max = s->cfg->max_fields;
  if(file->n > max){
    return zl_scan_fail(s, "%s:%llu: header has %d fields, more than max_fields=%d",
                     zl_scan_path(s), (unsigned long long)s->line_no, file->n, max);
  }
  if(!s->cfg->nheaderless && check_block_fields(s)) return -1;
  s->nfields = file->n;
  s->nstored = 0;
  s->ntyped = 0;
  memset(s->vals, 0, (size_t)cols->n * sizeof *s->vals);     /* ZL_V_NULL until typed */
  for(int c = 0; c < cols->n; c++){
    int f = s->map[c] = zl_schema_find_column(file, cols->f[c].name);
    s->kind[c] = f >= 0 ? file->f[f].kind : ZL_TEXT;
    s->elem[c] = f >= 0 ? file->f[f].elem : ZL_TEXT;
    if(f >= 0 && zl_is_typed(s->kind[c])) s->typed[s->ntyped++] = c;
    int keep = !s->cfg->wanted || s->cfg->wanted[c] || zl_is_typed(s->kind[c]);
    if(keep && f >= s->nstored) s->nstored = f + 1;
  }
  s->file_has_schema = 1;
  zl_scan_update_layout(s);
  return zl_scan_grow_spans(s, s->nstored + 1) ? zl_scan_fail(s, "out of memory") : 0;
}

/* A JSON log: its members are typed by the table's columns. */
void zl_scan_use_json(ZlScan *s){
  const ZlSchema *cols = &s->cfg->columns;
  s->json = 1;
  s->ntyped = s->njson = 0;
  memset(s->vals, 0, (size_t)cols->n * sizeof *s->vals);
  for(int c = 0; c < cols->n; c++){
    s->kind[c] = cols->f[c].kind;
    s->elem[c] = cols->f[c].elem;
    s->declared[c] = !cols->f[c].inferred;
    if(zl_is_typed(s->kind[c])) s->typed[s->ntyped++] = c;
    int keep = !s->cfg->wanted || s->cfg->wanted[c] || zl_is_typed(s->kind[c]);
    s->jslot[c] = keep ? s->njson : -1;
    if(keep) s->jcol[s->njson++] = c;
  }
  s->file_has_schema = 1;
  zl_scan_update_layout(s);
}

/* A file without a header: the first configured layout with as many fields
** as its first data line, else the first one; the default markers. */
int zl_scan_use_configured(ZlScan *s, const char *line, size_t len){
  const ZlSchema *pick = &s->cfg->headerless[0];
  zl_tsv_header_reset(&s->hdr);
  int count = zl_tsv_split(&s->hdr.fmt, line, len, NULL, 0);
  for(int i = s->cfg->nheaderless - 1; i >= 0; i--){
    if(s->cfg->headerless[i].n == count) pick = &s->cfg->headerless[i];
  }
  s->file_headerless = 1;
  if(zl_schema_copy(&s->hdr.schema, pick)) return zl_scan_fail(s, "out of memory");
  return zl_scan_use_block(s);
}


int zl_scan_json_keys(ZlScan *s){
  const ZlSchema *cols = &s->cfg->columns;
  const char **names = malloc(((size_t)cols->n + 1) * sizeof *names);
  if(!names) return -1;
  for(int c = 0; c < cols->n; c++) names[c] = cols->f[c].name;
  int rc = zl_json_keys_init(&s->keys, names, cols->n);
  free(names);
  if(rc) return -1;
  if(zl_json_line_init(&s->jline, &s->keys)){ zl_json_keys_free(&s->keys); return -1; }
  s->keys_ready = 1;
  return 0;
}

