/*
** scan.c — files -> header blocks -> validated rows (see scan.h).
*/
#include "scan.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *vformat(const char *fmt, va_list ap){
  va_list ap2;
  va_copy(ap2, ap);
  int n = vsnprintf(NULL, 0, fmt, ap2);
  va_end(ap2);
  char *m = malloc((size_t)n + 1);
  if(m) vsnprintf(m, (size_t)n + 1, fmt, ap);
  return m;
}

static int scan_fail(ZlScan *s, const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  free(s->err);
  s->err = vformat(fmt, ap);
  va_end(ap);
  return -1;
}

const char *zl_scan_path(const ZlScan *s){ return s->rd_open ? s->rd.path : ""; }
uint64_t zl_scan_line(const ZlScan *s){ return s->rd.line_no; }
const ZlTsvFormat *zl_scan_format(const ZlScan *s){ return &s->hdr.fmt; }

static int is_name_char(char c, int first){
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
      || (!first && ((c >= '0' && c <= '9') || c == '.' || c == '-'));
}

/* A tsv=T header: a first line of two or more field names, no types. */
static int is_names_line(const ZlTsvFormat *fmt, const char *line, size_t len){
  int fields = 1, first = 1;
  for(size_t i = 0; i < len; i++){
    if(fmt->sep_len == 1 && line[i] == fmt->sep[0]){
      if(first) return 0;          /* an empty name */
      fields++; first = 1;
    }else if(!is_name_char(line[i], first)) return 0;
    else first = 0;
  }
  return fields >= 2 && !first;
}

/* The fields of a names line, with the types well-known names usually have. */
static int schema_from_names(ZlSchema *out, const ZlTsvFormat *fmt, const char *line, size_t len){
  int count = zl_tsv_split(fmt, line, len, NULL, 0);
  ZlSpan *spans = malloc((size_t)count * sizeof *spans);
  if(!spans) return -1;
  zl_tsv_split(fmt, line, len, spans, count);
  int rc = 0;
  for(int i = 0; i < count && rc == 0; i++){
    char name[256];
    size_t n = spans[i].n < sizeof name ? spans[i].n : sizeof name - 1;
    memcpy(name, spans[i].p, n);
    name[n] = 0;
    const char *type = zl_schema_guess_type(name);
    rc = zl_schema_add(out, name, n, type, strlen(type));
  }
  free(spans);
  return rc;
}

static int grow_spans(ZlScan *s, int need){
  if(need <= s->spans_cap) return 0;
  ZlSpan *p = realloc(s->spans, (size_t)need * sizeof *p);
  if(!p) return -1;
  s->spans = p;
  s->spans_cap = need;
  return 0;
}

/* The current block's fields are known: map the table's columns onto them. */
static int use_block_schema(ZlScan *s, int by_name){
  const ZlSchema *cols = &s->cfg->columns, *file = &s->hdr.schema;
  int max = s->cfg->max_fields ? s->cfg->max_fields : ZL_DEFAULT_MAX_FIELDS;
  if(file->n > max){
    return scan_fail(s, "%s:%llu: header has %d fields, more than max_fields=%d",
                     zl_scan_path(s), (unsigned long long)zl_scan_line(s), file->n, max);
  }
  if(!by_name && !zl_schema_equal(cols, file)){
    return scan_fail(s, "%s:%llu: this header's fields differ from the first header's;"
                     " give such files their own table", zl_scan_path(s),
                     (unsigned long long)zl_scan_line(s));
  }
  for(int c = 0; c < cols->n; c++){
    s->map[c] = by_name ? zl_schema_find(file, cols->f[c].name) : c;
  }
  s->nfields = file->n;
  s->nstored = 0;
  for(int c = 0; c < cols->n; c++){
    int keep = !s->cfg->wanted || s->cfg->wanted[c]
            || (cols->f[c].kind != ZL_TEXT && cols->f[c].kind != ZL_SET);
    if(keep && s->map[c] >= s->nstored) s->nstored = s->map[c] + 1;
  }
  s->file_has_schema = 1;
  return grow_spans(s, s->nfields) ? scan_fail(s, "out of memory") : 0;
}

/* A file without a header: the configured layout, default markers. */
static int use_configured_schema(ZlScan *s){
  zl_tsv_header_reset(&s->hdr);
  if(zl_schema_copy(&s->hdr.schema, s->cfg->headerless)) return scan_fail(s, "out of memory");
  return use_block_schema(s, 1);
}

/* Ends the current file; file_done() hears its ts range if it was read whole. */
static void close_file(ZlScan *s, int read_whole){
  if(!s->rd_open) return;
  if(read_whole && s->cfg->file_done){
    s->cfg->file_done(s->cfg->hook_ctx, s->rd.path, s->file_has_ts, s->file_min_ts, s->file_max_ts);
  }
  zl_reader_close(&s->rd);
  s->rd_open = 0;
}

/* Opens the next file not pruned; 1 when one is open, 0 when none is left,
** -1 on error. */
static int open_next_file(ZlScan *s){
  char *err = NULL;
  close_file(s, 1);
  for(;;){
    if(s->next_path >= s->paths.n) return 0;
    const char *path = s->paths.v[s->next_path++];
    if(s->cfg->skip_file && s->cfg->skip_file(s->cfg->hook_ctx, path)){
      s->files_pruned++;
      continue;
    }
    if(zl_reader_open(&s->rd, path, s->cfg->max_line, &err)){
      scan_fail(s, "%s", err ? err : "out of memory");
      free(err);
      return -1;
    }
    break;
  }
  s->rd_open = 1;
  s->files_read++;
  s->file_has_ts = 0;
  zl_tsv_header_reset(&s->hdr);
  s->file_has_schema = 0;
  s->json = 0;
  return 1;
}

/* A row was taken: widen the file's ts range. */
static int row_taken(ZlScan *s){
  s->rows++;
  int c = s->cfg->ts_col;
  if(s->cfg->file_done && c >= 0 && s->vals[c].state == ZL_V_REAL){
    double t = s->vals[c].d;
    if(!s->file_has_ts){ s->file_min_ts = s->file_max_ts = t; s->file_has_ts = 1; }
    else if(t < s->file_min_ts) s->file_min_ts = t;
    else if(t > s->file_max_ts) s->file_max_ts = t;
  }
  return 1;
}

/* A skipped line: counted, or in strict mode the error. */
static int bad_line(ZlScan *s, const char *fmt, ...){
  s->skipped++;
  if(!s->cfg->strict) return 0;
  va_list ap;
  va_start(ap, fmt);
  char *why = vformat(fmt, ap);
  va_end(ap);
  scan_fail(s, "%s:%llu: %s (strict=1)", zl_scan_path(s),
            (unsigned long long)zl_scan_line(s), why ? why : "bad line");
  free(why);
  return -1;
}

static inline int is_marker(const ZlSpan *v, const char *m, size_t n){
  return v->n == n && v->p[0] == m[0] && (n == 1 || memcmp(v->p, m, n) == 0);
}

/* Typed columns of a JSON line: -1 (and a bad line) when one is mistyped. */
static int take_json_line(ZlScan *s, const char *line, size_t len){
  const ZlSchema *cols = &s->cfg->columns;
  if(zl_json_row_parse(&s->jrow, cols, line, len)) return bad_line(s, "not a JSON object");
  for(int k = 0; k < s->ntyped; k++){
    int c = s->typed[k];
    if(zl_json_value(s->jrow.cells[c], cols->f[c].kind, &s->vals[c])){
      return bad_line(s, "%s is not a %s", cols->f[c].name, cols->f[c].type);
    }
  }
  return row_taken(s);
}

/* The first line of a JSON log: every column is looked up by name. */
static int start_json_file(ZlScan *s){
  s->json = 1;
  s->file_has_schema = 1;
  return 0;
}

/* Digits only, short enough not to overflow: the usual port, count, code. */
static inline int parse_small_count(const char *p, size_t n, int64_t *out){
  int64_t v = 0;
  if(n == 0 || n > 18) return -1;
  for(size_t i = 0; i < n; i++){
    unsigned d = (unsigned)(unsigned char)p[i] - '0';
    if(d > 9) return -1;
    v = v * 10 + d;
  }
  *out = v;
  return 0;
}

/* Parses one numeric/bool column of the row; -1 when it does not parse. */
static int parse_value(ZlScan *s, int c, const ZlSpan *v){
  ZlValue *out = &s->vals[c];
  const ZlTsvFormat *f = &s->hdr.fmt;
  int is_big, b;
  if(v->n == 0 || is_marker(v, f->unset, f->unset_len) || is_marker(v, f->empty, f->empty_len)){
    out->state = ZL_V_NULL;
    return 0;
  }
  switch(s->cfg->columns.f[c].kind){
    case ZL_INT:
      out->state = ZL_V_INT;
      if(parse_small_count(v->p, v->n, &out->i) == 0) return 0;
      if(zl_parse_int(v->p, v->n, &out->i, &is_big, &out->d)) return -1;
      if(is_big) out->state = ZL_V_REAL;
      return 0;
    case ZL_BOOL:
      if(zl_parse_bool(v->p, v->n, &b)) return -1;
      out->i = b; out->state = ZL_V_INT;
      return 0;
    default:
      if(zl_parse_double(v->p, v->n, &out->d)) return -1;
      out->state = ZL_V_REAL;
      return 0;
  }
}

/* Splits and validates a data line: 1 row, 0 skipped, -1 error. */
static int take_data_line(ZlScan *s, const char *line, size_t len){
  int n = zl_tsv_split(&s->hdr.fmt, line, len, s->spans, s->nstored);
  if(n != s->nfields) return bad_line(s, "expected %d fields, found %d", s->nfields, n);
  const ZlSchema *cols = &s->cfg->columns;
  for(int k = 0; k < s->ntyped; k++){
    int c = s->typed[k];
    if(s->map[c] < 0){ s->vals[c].state = ZL_V_NULL; continue; }
    const ZlSpan *v = &s->spans[s->map[c]];
    if(parse_value(s, c, v)){
      return bad_line(s, "%s '%.*s' is not a %s", cols->f[c].name,
                      (int)(v->n > 40 ? 40 : v->n), v->p, cols->f[c].type);
    }
  }
  return row_taken(s);
}

static int no_header(ZlScan *s){
  return scan_fail(s, "'%s' has no Zeek header (#fields and #types): for a headerless"
                   " log add schema='http' or fields='name:type ...'", zl_scan_path(s));
}

/* A line that is not "#...": a names header, a row, or a skip. */
static int take_line(ZlScan *s, const char *line, size_t len){
  if(s->json) return take_json_line(s, line, len);
  if(!s->file_has_schema && !s->hdr.have_fields && zl_json_is_object_line(line, len)){
    start_json_file(s);
    return take_json_line(s, line, len);
  }
  if(zl_scan_line(s) == 1 && is_names_line(&s->hdr.fmt, line, len)){
    zl_tsv_header_reset(&s->hdr);
    if(schema_from_names(&s->hdr.schema, &s->hdr.fmt, line, len)) return scan_fail(s, "out of memory");
    /* Names without types: a configured schema is matched by name. */
    return use_block_schema(s, s->cfg->by_name || s->cfg->headerless);
  }
  if(!s->file_has_schema){
    if(s->hdr.have_fields || s->hdr.have_types) return bad_line(s, "data inside a header block");
    if(!s->cfg->headerless) return no_header(s);
    if(use_configured_schema(s)) return -1;
  }
  return take_data_line(s, line, len);
}

int zl_scan_next(ZlScan *s){
  for(;;){
    const char *line;
    size_t len;
    int rc = s->rd_open ? zl_reader_next(&s->rd, &line, &len) : ZL_EOF;
    if(rc == ZL_EOF){
      rc = open_next_file(s);
      if(rc <= 0) return rc;
      continue;
    }
    if(rc == ZL_ERROR) return scan_fail(s, "%s", zl_reader_error(&s->rd));
    if(rc == ZL_TOO_LONG){
      size_t max = s->cfg->max_line ? s->cfg->max_line : ZL_DEFAULT_MAX_LINE;
      if(bad_line(s, "line longer than max_line=%zu bytes", max)) return -1;
      continue;
    }
    if(len > 0 && line[0] == '#'){
      char *err = NULL;
      int dir = zl_tsv_directive(&s->hdr, line, len, &err);
      if(dir < 0){
        scan_fail(s, "%s:%llu: %s", zl_scan_path(s), (unsigned long long)zl_scan_line(s),
                  err ? err : "out of memory");
        free(err);
        return -1;
      }
      if(dir == ZL_DIR_SEPARATOR) s->file_has_schema = 0;
      if(dir == ZL_DIR_SCHEMA_DONE && use_block_schema(s, s->cfg->by_name)) return -1;
      continue;
    }
    if(len == 0 && !s->file_has_schema && !s->cfg->headerless) continue;
    rc = take_line(s, line, len);
    if(rc != 0) return rc;
  }
}

static int json_cell(ZlScan *s, int col, ZlCell *out){
  const cJSON *node = s->jrow.cells[col];
  const ZlField *f = &s->cfg->columns.f[col];
  if(!node) return 0;
  s->cell.n = 0;
  if(f->kind == ZL_SET){
    if(zl_json_array_text(&s->cell, node, f->elem)) return -1;
    out->kind = ZL_CELL_JSON;
  }else{
    if(zl_json_text(&s->cell, node)) return -1;
    out->kind = ZL_CELL_PLAIN;
  }
  out->p = s->cell.p ? s->cell.p : "";
  out->n = s->cell.n;
  return 0;
}

int zl_scan_cell(ZlScan *s, int col, ZlCell *out){
  out->kind = ZL_CELL_NULL;
  if(s->json) return json_cell(s, col, out);
  int f = s->map[col];
  if(f < 0 || f >= s->nstored) return 0;
  const ZlSpan *v = &s->spans[f];
  const ZlTsvFormat *fmt = &s->hdr.fmt;
  if(is_marker(v, fmt->unset, fmt->unset_len)) return 0;
  out->kind = is_marker(v, fmt->empty, fmt->empty_len) ? ZL_CELL_EMPTY : ZL_CELL_ZEEK;
  out->p = v->p;
  out->n = v->n;
  return 0;
}

int zl_scan_open(ZlScan *s, const ZlScanConfig *cfg){
  memset(s, 0, sizeof *s);
  s->cfg = cfg;
  zl_tsv_default_format(&s->hdr.fmt);
  int n = cfg->columns.n;
  s->map = calloc((size_t)n + 1, sizeof *s->map);
  s->vals = calloc((size_t)n + 1, sizeof *s->vals);
  s->typed = calloc((size_t)n + 1, sizeof *s->typed);
  if(!s->map || !s->vals || !s->typed) return scan_fail(s, "out of memory");
  for(int c = 0; c < n; c++){
    ZlKind k = cfg->columns.f[c].kind;
    if(k != ZL_TEXT && k != ZL_SET) s->typed[s->ntyped++] = c;
  }
  char *err = NULL;
  if(zl_paths_expand(cfg->pattern, &s->paths, &err)){
    scan_fail(s, "%s", err ? err : "out of memory");
    free(err);
    return -1;
  }
  return 0;
}

void zl_scan_close(ZlScan *s){
  close_file(s, 0);
  zl_tsv_header_free(&s->hdr);
  zl_paths_free(&s->paths);
  free(s->map);
  free(s->vals);
  free(s->typed);
  free(s->spans);
  zl_json_row_free(&s->jrow);
  zl_buf_free(&s->cell);
  free(s->err);
  memset(s, 0, sizeof *s);
}

/* Reads the start of one file for a schema: 1 found, 0 none (empty), -1 error. */
static int probe_file(const char *path, size_t max_line, ZlSchema *out, char **err){
  ZlReader rd;
  ZlTsvHeader h = {0};
  const char *line;
  size_t len;
  int rc, found = 0;
  if(zl_reader_open(&rd, path, max_line, err)) return -1;
  zl_tsv_default_format(&h.fmt);
  while(!found && (rc = zl_reader_next(&rd, &line, &len)) != ZL_EOF){
    if(rc == ZL_ERROR){ *err = strdup(zl_reader_error(&rd)); found = -1; break; }
    if(rc == ZL_TOO_LONG || len == 0) continue;
    if(line[0] == '#'){
      int dir = zl_tsv_directive(&h, line, len, err);
      if(dir < 0){ found = -1; break; }
      if(dir == ZL_DIR_SCHEMA_DONE){ found = zl_schema_copy(out, &h.schema) ? -1 : 1; }
      continue;
    }
    if(!h.have_fields && zl_json_is_object_line(line, len)){
      found = zl_json_schema(line, len, out) ? 0 : 1;
      if(found) break;
    }
    if(rd.line_no == 1 && is_names_line(&h.fmt, line, len)){
      memset(out, 0, sizeof *out);
      found = schema_from_names(out, &h.fmt, line, len) ? -1 : 1;
      break;
    }
    size_t room = strlen(path) + 160;
    if((*err = malloc(room))){
      snprintf(*err, room, "'%s' has no Zeek header (#fields and #types): for a headerless"
               " log add schema='http' or fields='name:type ...'", path);
    }
    found = -1;
  }
  zl_tsv_header_free(&h);
  zl_reader_close(&rd);
  return found;
}

int zl_scan_probe(const char *pattern, size_t max_line, ZlSchema *out, char **err){
  ZlPaths paths;
  if(zl_paths_expand(pattern, &paths, err)) return -1;
  int rc = 0;
  for(int i = 0; i < paths.n && rc == 0; i++) rc = probe_file(paths.v[i], max_line, out, err);
  if(rc == 0){
    size_t room = strlen(pattern) + 120;
    if((*err = malloc(room))){
      snprintf(*err, room, "'%s' holds no header to take the fields from:"
               " add schema='http' or fields='name:type ...'", pattern);
    }
  }
  zl_paths_free(&paths);
  return rc == 1 ? 0 : -1;
}
