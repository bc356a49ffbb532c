/*
** scan.c — files -> header blocks -> validated rows (see scan.h).
*/
#include "scan/scan.h"

#include "base/message.h"
#include "reader/reader.h"
#include "scan/workers.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int scan_fail(ZlScan *s, const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  free(s->err);
  s->err = zl_vmessage(fmt, ap);
  va_end(ap);
  return -1;
}

#define CHUNK_BYTES (256u << 10)

const char *zl_scan_path(const ZlScan *s){ return s->path ? s->path : ""; }
uint64_t zl_scan_line(const ZlScan *s){ return s->line_no; }
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

/* ---- the plan for data lines ------------------------------------------ */

static int grow_own_spans(ZlScan *s, int need){
  if(need <= s->own_spans_cap) return 0;
  ZlSpan *p = realloc(s->own_spans, (size_t)need * sizeof *p);
  if(!p) return -1;
  s->own_spans = p;
  s->own_spans_cap = need;
  return 0;
}

/* Bytes per chunk: up to 256 KiB, less when lines can be so short that
** their rows' spans and values would take more than ~4 MiB. */
static size_t chunk_bytes(const ZlScan *s){
  size_t per_row = (size_t)s->nstored * sizeof(ZlSpan) + (size_t)s->ntyped * sizeof(ZlValue)
                 + sizeof(ZlSpan) + sizeof(uint32_t);
  size_t min_line = s->json ? 3 : (size_t)(s->nfields > 0 ? s->nfields : 1);
  size_t bytes = (4u << 20) / per_row * min_line;
  return bytes < (16u << 10) ? (16u << 10) : bytes > CHUNK_BYTES ? CHUNK_BYTES : bytes;
}

/* After any change to the header state: what workers read lines by. */
static void update_plan(ZlScan *s){
  s->plan = (ZlPlan){
    .fmt = &s->hdr.fmt, .columns = &s->cfg->columns, .map = s->map,
    .nfields = s->nfields, .nstored = s->nstored, .typed = s->typed,
    .ntyped = s->ntyped, .json = s->json, .strict = s->cfg->strict,
    .max_line = s->cfg->max_line ? s->cfg->max_line : ZL_DEFAULT_MAX_LINE,
    .chunk_bytes = chunk_bytes(s),
  };
}

/* The current block's fields are known: map the table's columns onto them. */
static int use_block_schema(ZlScan *s, int by_name){
  const ZlSchema *cols = &s->cfg->columns, *file = &s->hdr.schema;
  int max = s->cfg->max_fields ? s->cfg->max_fields : ZL_DEFAULT_MAX_FIELDS;
  if(file->n > max){
    return scan_fail(s, "%s:%llu: header has %d fields, more than max_fields=%d",
                     zl_scan_path(s), (unsigned long long)s->line_no, file->n, max);
  }
  if(!by_name && !zl_schema_equal(cols, file)){
    return scan_fail(s, "%s:%llu: this header's fields differ from the first header's;"
                     " give such files their own table", zl_scan_path(s),
                     (unsigned long long)s->line_no);
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
  update_plan(s);
  return grow_own_spans(s, s->nstored + 1) ? scan_fail(s, "out of memory") : 0;
}

/* A file without a header: the configured layout, default markers. */
static int use_configured_schema(ZlScan *s){
  zl_tsv_header_reset(&s->hdr);
  if(zl_schema_copy(&s->hdr.schema, s->cfg->headerless)) return scan_fail(s, "out of memory");
  return use_block_schema(s, 1);
}

/* ---- files -------------------------------------------------------------- */

/* Opens the next file not pruned; 1 when one is open, 0 when none is left,
** -1 on error. Nothing of the previous file is in flight. */
static int open_next_file(ZlScan *s){
  char *err = NULL;
  for(;;){
    if(s->next_path >= s->paths.n) return 0;
    const char *path = s->paths.v[s->next_path++];
    if(s->cfg->skip_file && s->cfg->skip_file(s->cfg->hook_ctx, path)){
      s->files_pruned++;
      continue;
    }
    free(s->path);
    if(!(s->path = strdup(path))) return scan_fail(s, "out of memory");
    if(!(s->src = zl_source_open(path, &err))){
      scan_fail(s, "%s", err ? err : "out of memory");
      free(err);
      return -1;
    }
    break;
  }
  s->files_read++;
  s->file_has_ts = 0;
  s->src_eof = s->skipping = 0;
  s->carry_len = 0;
  s->line_base = s->line_no = 0;
  zl_tsv_header_reset(&s->hdr);
  s->file_has_schema = 0;
  s->json = 0;
  update_plan(s);
  return 1;
}

/* Ends the current file; file_done() hears its ts range if it was read whole. */
static void close_file(ZlScan *s, int read_whole){
  if(!s->src) return;
  if(read_whole && s->cfg->file_done){
    s->cfg->file_done(s->cfg->hook_ctx, s->path, s->file_has_ts, s->file_min_ts, s->file_max_ts);
  }
  zl_source_close(s->src);
  s->src = NULL;
}

/* ---- cutting the file into items ---------------------------------------- */

/* At the end of a file that is still growing, a last line without "\n" is
** being written as we read: it is not part of this scan's snapshot (the next
** query reads it whole). A file that stopped growing keeps such a line. */
static void drop_half_written_line(ZlScan *s){
  if(s->carry_len == 0 || s->carry[s->carry_len - 1] == '\n' || !zl_source_grew(s->src)) return;
  char *nl = memrchr(s->carry, '\n', s->carry_len);
  s->carry_len = nl ? (size_t)(nl - s->carry) + 1 : 0;
}

/* Reads until carry holds `want` bytes or the file ends. */
static int fill(ZlScan *s, size_t want){
  if(want > s->carry_cap){
    char *p = realloc(s->carry, want);
    if(!p) return scan_fail(s, "out of memory");
    s->carry = p;
    s->carry_cap = want;
  }
  while(s->carry_len < want && !s->src_eof){
    ssize_t n = zl_source_read(s->src, s->carry + s->carry_len, want - s->carry_len);
    if(n < 0) return scan_fail(s, "%s", zl_source_error(s->src));
    if(n == 0){ s->src_eof = 1; drop_half_written_line(s); }
    s->carry_len += (size_t)n;
  }
  return 0;
}

/* Moves carry[0, n) into the item's buffer, keeping the rest in carry. The
** buffers are swapped so that only the (short) rest is copied. */
static int take_bytes(ZlScan *s, ZlChunk *it, size_t n){
  size_t rest = s->carry_len - n;
  if(it->cap < rest || it->cap < CHUNK_BYTES){
    size_t cap = rest > CHUNK_BYTES ? rest : CHUNK_BYTES;
    char *p = realloc(it->buf, cap);
    if(!p) return scan_fail(s, "out of memory");
    it->buf = p;
    it->cap = cap;
  }
  memcpy(it->buf, s->carry + n, rest);
  char *buf = s->carry;
  size_t cap = s->carry_cap;
  s->carry = it->buf;
  s->carry_cap = it->cap;
  s->carry_len = rest;
  it->buf = buf;
  it->cap = cap;
  it->len = n;
  return 0;
}

/* The end of the first line in carry (after its "\n"), reading more as
** needed. Returns 1; or 0 when the line is longer than max_line, with *end
** set if its end was seen (else the rest of it is still to be skipped). */
static int first_line_end(ZlScan *s, size_t *end){
  size_t max = s->cfg->max_line ? s->cfg->max_line : ZL_DEFAULT_MAX_LINE;
  size_t looked = 0;
  *end = 0;
  for(;;){
    char *nl = memchr(s->carry + looked, '\n', s->carry_len - looked);
    if(nl){ *end = (size_t)(nl - s->carry) + 1; return *end - 1 <= max; }
    if(s->src_eof){ *end = s->carry_len; return *end <= max; }
    if(s->carry_len > max) return 0;
    looked = s->carry_len;
    size_t want = s->carry_len * 2 > max + 2 ? max + 2 : s->carry_len * 2;
    if(want < CHUNK_BYTES) want = CHUNK_BYTES;
    if(fill(s, want)) return -1;
  }
}

/* Drops carry[0, n). */
static void drop_bytes(ZlScan *s, size_t n){
  memmove(s->carry, s->carry + n, s->carry_len - n);
  s->carry_len -= n;
}

/* Drops bytes up to and including the next "\n" (the rest of a long line). */
static int skip_rest_of_line(ZlScan *s){
  for(;;){
    char *nl = memchr(s->carry, '\n', s->carry_len);
    if(nl){
      drop_bytes(s, (size_t)(nl - s->carry) + 1);
      return 0;
    }
    s->carry_len = 0;
    if(s->src_eof) return 0;
    if(fill(s, CHUNK_BYTES)) return -1;
  }
}

/* Where a data chunk starting at carry[0] ends: after the last "\n" within
** CHUNK_BYTES, and before any line that starts with '#'. 0: no whole line. */
static size_t data_end(ZlScan *s){
  size_t most = s->plan.chunk_bytes;
  size_t limit = s->carry_len < most ? s->carry_len : most;
  char *nl = memrchr(s->carry, '\n', limit);
  size_t end = nl ? (size_t)(nl - s->carry) + 1 : 0;
  if(!nl && s->src_eof && s->carry_len <= most) end = s->carry_len;
  for(char *h = s->carry + 1; end && (h = memchr(h, '#', end - (size_t)(h - s->carry))); h++){
    if(h[-1] == '\n'){ end = (size_t)(h - s->carry); break; }
  }
  return end;
}

/* Cuts the next item. Returns 1, 0 when every file is done, or -1. */
static int cut_item(ZlScan *s, ZlChunk *it){
  if(!s->src){
    int rc = open_next_file(s);
    if(rc <= 0) return rc;
  }
  if(fill(s, CHUNK_BYTES)) return -1;
  if(s->skipping){
    if(skip_rest_of_line(s)) return -1;
    s->skipping = 0;
    it->kind = ZL_ITEM_TOO_LONG;
    return 1;
  }
  if(s->carry_len == 0 && s->src_eof){
    it->kind = ZL_ITEM_FILE_END;
    s->barrier = 1;                 /* the next file waits for this one's rows */
    return 1;
  }
  size_t end = 0;
  if(s->file_has_schema && s->carry[0] != '#' && (end = data_end(s)) > 0){
    it->kind = ZL_ITEM_DATA;
    it->plan = &s->plan;
    return take_bytes(s, it, end) ? -1 : 1;
  }
  int rc = first_line_end(s, &end);    /* one line, handled in order */
  if(rc < 0) return -1;
  if(rc == 0){                      /* over max_line: dropped unread */
    if(end) drop_bytes(s, end);
    else{ s->skipping = 1; s->carry_len = 0; }
    if(s->skipping) return cut_item(s, it);
    it->kind = ZL_ITEM_TOO_LONG;
    return 1;
  }
  it->kind = ZL_ITEM_LINE;
  s->barrier = 1;                   /* it may change the plan */
  return take_bytes(s, it, end) ? -1 : 1;
}

static void parse_job(void *ctx, void *item){
  ZlChunk *it = item;
  (void)ctx;
  if(it->kind == ZL_ITEM_DATA) zl_chunk_parse(it);
}

/* Cuts and hands out items until the queue is full or a barrier stands. */
static int keep_queue_full(ZlScan *s){
  while(!s->barrier && s->cut - s->used < ZL_SCAN_QUEUE){
    ZlChunk *it = &s->items[s->cut % ZL_SCAN_QUEUE];
    int rc = cut_item(s, it);
    if(rc <= 0) return rc;
    s->tickets[s->cut % ZL_SCAN_QUEUE] = zl_workers_submit(s->pool, it);
    s->cut++;
  }
  return 0;
}

/* ---- rows ----------------------------------------------------------------- */

/* A skipped line: counted, or in strict mode the error. */
static int bad_line(ZlScan *s, const char *why){
  s->skipped++;
  if(!s->cfg->strict) return 0;
  return scan_fail(s, "%s:%llu: %s (strict=1)", zl_scan_path(s),
                   (unsigned long long)s->line_no, why ? why : "out of memory");
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

/* A JSON line: 1 row, 0 skipped, -1 error. */
static int take_json_line(ZlScan *s, const char *line, size_t len){
  const ZlSchema *cols = &s->cfg->columns;
  if(zl_json_row_parse(&s->jrow, cols, line, len)) return bad_line(s, "not a JSON object");
  for(int k = 0; k < s->ntyped; k++){
    int c = s->typed[k];
    if(zl_json_value(s->jrow.cells[c], cols->f[c].kind, &s->vals[c])){
      char why[160];
      snprintf(why, sizeof why, "%.60s is not a %.60s", cols->f[c].name, cols->f[c].type);
      return bad_line(s, why);
    }
  }
  return row_taken(s);
}

/* The row's values, kept in typed order, into s->vals by column. */
static void spread_values(ZlScan *s, const ZlValue *typed_vals){
  for(int k = 0; k < s->ntyped; k++) s->own_vals[s->typed[k]] = typed_vals[k];
}

/* A TSV data line the scan parses itself: 1 row, 0 skipped, -1 error. */
static int take_data_line(ZlScan *s, const char *line, size_t len){
  char *why = NULL;
  s->row_spans = s->own_spans;
  if(zl_plan_take_line(&s->plan, line, len, s->own_spans, s->typed_vals, &why)){
    spread_values(s, s->typed_vals);
    return row_taken(s);
  }
  int rc = bad_line(s, why);
  free(why);
  return rc;
}

static int no_header(ZlScan *s){
  return scan_fail(s, "'%s' has no Zeek header (#fields and #types): for a headerless"
                   " log add schema='http' or fields='name:type ...'", zl_scan_path(s));
}

/* A line that is not "#..." and came before the plan was known: a JSON
** log's first line, a names header, a headerless log's first row, or junk. */
static int take_first_line(ZlScan *s, const char *line, size_t len){
  if(!s->hdr.have_fields && zl_json_is_object_line(line, len)){
    s->json = 1;
    s->file_has_schema = 1;
    update_plan(s);
    return take_json_line(s, line, len);
  }
  if(s->line_no == 1 && is_names_line(&s->hdr.fmt, line, len)){
    zl_tsv_header_reset(&s->hdr);
    if(schema_from_names(&s->hdr.schema, &s->hdr.fmt, line, len)) return scan_fail(s, "out of memory");
    /* Names without types: a configured schema is matched by name. */
    return use_block_schema(s, s->cfg->by_name || s->cfg->headerless);
  }
  if(len == 0 && !s->cfg->headerless) return 0;      /* blank lines before a header */
  if(s->hdr.have_fields || s->hdr.have_types) return bad_line(s, "data inside a header block");
  if(!s->cfg->headerless) return no_header(s);
  if(use_configured_schema(s)) return -1;
  return take_data_line(s, line, len);
}

static int take_header_line(ZlScan *s, const char *line, size_t len){
  char *err = NULL;
  int dir = zl_tsv_directive(&s->hdr, line, len, &err);
  if(dir < 0){
    scan_fail(s, "%s:%llu: %s", zl_scan_path(s), (unsigned long long)s->line_no,
              err ? err : "out of memory");
    free(err);
    return -1;
  }
  if(dir == ZL_DIR_SEPARATOR){ s->file_has_schema = 0; s->json = 0; }
  if(dir == ZL_DIR_SCHEMA_DONE && use_block_schema(s, s->cfg->by_name)) return -1;
  update_plan(s);
  return 0;
}

/* A ZL_ITEM_LINE: 1 row, 0 none, -1 error. */
static int take_item_line(ZlScan *s, ZlChunk *it){
  size_t len = it->len;
  if(len && it->buf[len - 1] == '\n') len--;
  if(len && it->buf[len - 1] == '\r') len--;
  s->line_no = ++s->line_base;
  s->barrier = 0;
  if(len > 0 && it->buf[0] == '#') return take_header_line(s, it->buf, len);
  if(s->json) return take_json_line(s, it->buf, len);
  if(s->file_has_schema) return take_data_line(s, it->buf, len);
  return take_first_line(s, it->buf, len);
}

/* The next row of the current data item: 1, 0 when it has none left, -1. */
static int next_row_in_chunk(ZlScan *s, ZlChunk *it){
  size_t ntyped = (size_t)it->plan->ntyped, nstored = (size_t)it->plan->nstored;
  while(s->cur_row < it->nrows || (it->err_row == s->cur_row && (it->err || it->oom))){
    if(s->cur_row == it->err_row && (it->err || it->oom)){
      s->line_no = s->line_base + it->err_line + 1;
      if(it->oom) return scan_fail(s, "out of memory");
      return scan_fail(s, "%s:%llu: %s (strict=1)", zl_scan_path(s),
                       (unsigned long long)s->line_no, it->err);
    }
    int r = s->cur_row++;
    s->line_no = s->line_base + it->row_line[r] + 1;
    if(it->plan->json){
      int rc = take_json_line(s, it->row_text[r].p, it->row_text[r].n);
      if(rc != 0) return rc;
      continue;
    }
    s->row_spans = it->spans + (size_t)r * nstored;
    spread_values(s, it->vals + (size_t)r * ntyped);
    return row_taken(s);
  }
  return 0;
}

/* The consumer is done with the head item: its lines are counted. */
static void release_item(ZlScan *s){
  ZlChunk *it = s->cur;
  if(it->kind == ZL_ITEM_DATA){
    s->line_base += it->nlines;
    s->skipped += it->skipped;
  }
  s->cur = NULL;
  s->used++;
}

/* Starts on the head item: waits for its parse, handles the in-order kinds.
** Returns 1 with a row, 0 to go on, -1 on error. */
static int start_item(ZlScan *s){
  int slot = (int)(s->used % ZL_SCAN_QUEUE);
  ZlChunk *it = &s->items[slot];
  zl_workers_wait(s->pool, s->tickets[slot]);
  s->cur = it;
  s->cur_row = 0;
  switch(it->kind){
    case ZL_ITEM_DATA: return 0;
    case ZL_ITEM_LINE: return take_item_line(s, it);
    case ZL_ITEM_TOO_LONG: {
      char why[64];
      size_t max = s->cfg->max_line ? s->cfg->max_line : ZL_DEFAULT_MAX_LINE;
      s->line_no = ++s->line_base;
      snprintf(why, sizeof why, "line longer than max_line=%zu bytes", max);
      return bad_line(s, why) < 0 ? -1 : 0;
    }
    case ZL_ITEM_FILE_END:
      close_file(s, 1);
      s->barrier = 0;
      return 0;
  }
  return 0;
}

int zl_scan_next(ZlScan *s){
  for(;;){
    if(s->cur){
      int rc = s->cur->kind == ZL_ITEM_DATA ? next_row_in_chunk(s, s->cur) : 0;
      if(rc != 0) return rc;
      release_item(s);
    }
    if(keep_queue_full(s) < 0) return -1;
    if(s->used == s->cut) return 0;            /* every file is done */
    int rc = start_item(s);
    if(rc != 0) return rc;
  }
}

/* ---- cells ---------------------------------------------------------------- */

/* A JSON member as text: a string as the parser decoded it; anything else
** written into the column's own buffer, so that the cells of several
** columns of a row are all valid at once. */
static int json_cell(ZlScan *s, int col, ZlCell *out){
  const cJSON *node = s->jrow.cells[col];
  const ZlField *f = &s->cfg->columns.f[col];
  if(!node) return 0;
  if(f->kind != ZL_SET && cJSON_IsString(node)){
    out->kind = ZL_CELL_PLAIN;
    out->p = node->valuestring;
    out->n = strlen(node->valuestring);
    return 0;
  }
  ZlBuf *b = &s->cells[col];
  b->n = 0;
  if(f->kind == ZL_SET){
    if(zl_json_array_text(b, node, f->elem)) return -1;
    out->kind = ZL_CELL_JSON;
  }else{
    if(zl_json_text(b, node)) return -1;
    out->kind = ZL_CELL_PLAIN;
  }
  out->p = b->p ? b->p : "";
  out->n = b->n;
  return 0;
}

int zl_scan_cell(ZlScan *s, int col, ZlCell *out){
  out->kind = ZL_CELL_NULL;
  if(s->json) return json_cell(s, col, out);
  int f = s->map[col];
  if(f < 0 || f >= s->nstored) return 0;
  const ZlSpan *v = &s->row_spans[f];
  const ZlTsvFormat *fmt = &s->hdr.fmt;
  if(zl_is_marker(v, fmt->unset, fmt->unset_len)) return 0;
  out->kind = zl_is_marker(v, fmt->empty, fmt->empty_len) ? ZL_CELL_EMPTY : ZL_CELL_ZEEK;
  out->p = v->p;
  out->n = v->n;
  return 0;
}

/* ---- open and close ------------------------------------------------------- */

int zl_scan_open(ZlScan *s, const ZlScanConfig *cfg){
  memset(s, 0, sizeof *s);
  s->cfg = cfg;
  zl_tsv_default_format(&s->hdr.fmt);
  s->hdr.max_fields = cfg->max_fields;
  int n = cfg->columns.n;
  s->map = calloc((size_t)n + 1, sizeof *s->map);
  s->own_vals = calloc((size_t)n + 1, sizeof *s->own_vals);
  s->typed_vals = calloc((size_t)n + 1, sizeof *s->typed_vals);
  s->cells = calloc((size_t)n + 1, sizeof *s->cells);
  s->typed = calloc((size_t)n + 1, sizeof *s->typed);
  s->vals = s->own_vals;
  if(!s->map || !s->own_vals || !s->typed_vals || !s->cells || !s->typed || grow_own_spans(s, 1)){
    return scan_fail(s, "out of memory");
  }
  s->row_spans = s->own_spans;
  for(int c = 0; c < n; c++){
    ZlKind k = cfg->columns.f[c].kind;
    if(k != ZL_TEXT && k != ZL_SET) s->typed[s->ntyped++] = c;
  }
  update_plan(s);
  s->pool = zl_workers_new(cfg->threads, ZL_SCAN_QUEUE, parse_job, s);
  if(!s->pool) return scan_fail(s, "cannot start parsing threads");
  char *err = NULL;
  if(zl_paths_expand(cfg->pattern, &s->paths, &err)){
    scan_fail(s, "%s", err ? err : "out of memory");
    free(err);
    return -1;
  }
  return 0;
}

void zl_scan_close(ZlScan *s){
  zl_workers_free(s->pool);          /* first: no thread may touch what follows */
  close_file(s, 0);
  for(int i = 0; i < ZL_SCAN_QUEUE; i++) zl_chunk_free(&s->items[i]);
  zl_tsv_header_free(&s->hdr);
  zl_paths_free(&s->paths);
  free(s->path);
  free(s->carry);
  free(s->map);
  free(s->own_vals);
  free(s->typed_vals);
  free(s->own_spans);
  free(s->typed);
  zl_json_row_free(&s->jrow);
  for(int c = 0; s->cells && c < s->cfg->columns.n; c++) zl_buf_free(&s->cells[c]);
  free(s->cells);
  free(s->err);
  memset(s, 0, sizeof *s);
}

/* Reads the start of one file for a schema: 1 found, 0 none (empty), -1 error. */
static int probe_file(const char *path, size_t max_line, int max_fields, ZlSchema *out, char **err){
  ZlReader rd;
  ZlTsvHeader h = {0};
  const char *line;
  size_t len;
  int rc, found = 0;
  if(zl_reader_open(&rd, path, max_line, err)) return -1;
  zl_tsv_default_format(&h.fmt);
  h.max_fields = max_fields;
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
      int got = zl_json_schema(line, len, max_fields, out);
      if(got == -2){
        *err = zl_message("%s:%llu: the first JSON object has more keys than max_fields=%d",
                          path, (unsigned long long)rd.line_no, max_fields ? max_fields : 4096);
        found = -1;
        break;
      }
      found = got == 0;
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

int zl_scan_probe(const char *pattern, size_t max_line, int max_fields, ZlSchema *out, char **err){
  ZlPaths paths;
  if(zl_paths_expand(pattern, &paths, err)) return -1;
  int rc = 0;
  for(int i = 0; i < paths.n && rc == 0; i++) rc = probe_file(paths.v[i], max_line, max_fields, out, err);
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
