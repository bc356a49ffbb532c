/*
** scan.c — files -> header blocks -> validated rows (see scan.h).
*/
#include "scan/scan_parts.h"

#include "base/limits.h"
#include "base/message.h"
#include "parser/escapes.h"
#include "scan/workers.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>


/* ---- files -------------------------------------------------------------- */

/* Opens the next file not pruned; 1 when one is open, 0 when none is left,
** -1 on error. Nothing of the previous file is in flight. */
static int open_next_file(ZlScan *s){
  char *err = NULL;
  for(;;){
    if(s->next_path >= s->paths.n) return 0;
    const char *path = s->paths.v[s->next_path++];
    if(s->cfg->skip_file && s->cfg->skip_file(s->cfg->hook_ctx, path)){
      s->stats.files_pruned++;
      continue;
    }
    free(s->path);
    if(!(s->path = strdup(path))) return zl_scan_fail(s, "out of memory");
    if(zl_lines_open(&s->lines, path, s->cfg->max_line, &err)){
      zl_scan_fail(s, "%s", err ? err : "out of memory");
      free(err);
      return -1;
    }
    zl_lines_set_stop(&s->lines, s->cfg->interrupted, s->cfg->interrupt_ctx);
    s->file_open = 1;
    break;
  }
  s->stats.files_read++;
  s->file_rows = s->file_skipped = 0;
  s->file_headerless = 0;
  free(s->file_first_bad);
  s->file_first_bad = NULL;
  s->file_has_ts = 0;
  s->line_base = s->line_no = 0;
  zl_tsv_header_reset(&s->hdr);
  s->file_has_schema = 0;
  s->json = 0;
  zl_scan_update_layout(s);
  return 1;
}

/* Names a file in the stats' JSON list, while there is room. */
/* Names a file in one of the stats' JSON lists, while there is room (then
** "..."). 0, or -1 out of memory. */
static int list_file(char list[ZL_FILE_LIST_TEXT], const char *path){
  ZlBuf q = {0};
  size_t at = strlen(list);
  if(zl_json_quote(&q, path, strlen(path))) return -1;
  const char *item = q.p;
  size_t n = q.n;
  if(at + n + 8 > ZL_FILE_LIST_TEXT){ item = "\"...\""; n = 5; }
  if(at + n + 2 <= ZL_FILE_LIST_TEXT && !strstr(list, "\"...\"")){
    snprintf(list + at, ZL_FILE_LIST_TEXT - at, "%s%.*s", at ? "," : "", (int)n, item);
  }
  zl_buf_free(&q);
  return 0;
}

/* At a file's end: a file that had data lines, all of them bad, is named in
** the stats, and remembered for the all-bad error. 0, or -1 out of memory. */
static int file_all_bad(ZlScan *s){
  if(s->file_rows || !s->file_skipped) return 0;
  s->stats.bad_files++;
  if(list_file(s->stats.bad_files_json, s->path)) return zl_scan_fail(s, "out of memory");
  if(s->first_bad_file) return 0;
  const char *hint = s->file_headerless && s->cfg->headerless_name ? s->cfg->headerless_name : NULL;
  s->first_bad_file = zl_message("%s: all %llu data line%s bad (%s) \u2014 %s", s->path,
      (unsigned long long)s->file_skipped, s->file_skipped > 1 ? "s are" : " is",
      s->file_first_bad ? s->file_first_bad : "out of memory",
      hint ? hint : "do the lines match the file's header?");
  return s->first_bad_file ? 0 : zl_scan_fail(s, "out of memory");
}

/* Ends the current file; file_done() hears its ts range if it was read whole. */
static void close_file(ZlScan *s, int read_whole){
  if(!s->file_open) return;
  if(read_whole && s->cfg->file_done){
    s->cfg->file_done(s->cfg->hook_ctx, s->path, s->file_has_ts, s->file_min_ts, s->file_max_ts);
  }
  zl_lines_close(&s->lines);
  s->file_open = 0;
}

/* ---- cutting the file into chunks ----------------------------------------- */

static int lines_failed(ZlScan *s){
  s->was_interrupted |= s->lines.interrupted;
  return zl_scan_fail(s, "%s", zl_lines_error(&s->lines));
}

/* Cuts the next chunk: whole data lines for the workers, or one line for the
** scan to handle in order. Returns 1, 0 when every file is done, or -1. */
static int cut_chunk(ZlScan *s, ZlChunk *ch){
  if(!s->file_open){
    int rc = open_next_file(s);
    if(rc <= 0) return rc;
  }
  ZlLines *l = &s->lines;
  size_t end = 0;
  ch->blanks = 0;
  if(s->file_has_schema){
    if(zl_lines_whole_end(l, ZL_READ_BLOCK, s->layout.chunk_lines, &end)) return lines_failed(s);
    if(end > 0 && zl_lines_data(l)[0] != '#'){
      ch->kind = ZL_CHUNK_DATA;
      ch->layout = &s->layout;
      ch->len = end;
      return zl_lines_take(l, end, &ch->buf, &ch->cap) ? lines_failed(s) : 1;
    }
  }
  if(!s->file_has_schema && zl_lines_skip_blank(l, &ch->blanks)) return lines_failed(s);
  int rc = zl_lines_first_end(l, &end);        /* one line, handled in order */
  if(rc == ZL_ERROR) return lines_failed(s);
  if(rc == ZL_EOF){
    ch->kind = ZL_CHUNK_FILE_END;
    s->barrier = 1;                 /* the next file waits for this one's rows */
    return 1;
  }
  if(rc == ZL_TOO_LONG){ ch->kind = ZL_CHUNK_TOO_LONG; return 1; }
  ch->kind = ZL_CHUNK_LINE;
  ch->len = end;
  s->barrier = 1;                   /* it may change the layout */
  return zl_lines_take(l, end, &ch->buf, &ch->cap) ? lines_failed(s) : 1;
}

static void parse_job(void *ctx, void *job){
  ZlChunk *ch = job;
  (void)ctx;
  if(ch->kind == ZL_CHUNK_DATA) zl_chunk_parse(ch);
}

/* Cuts and hands out chunks until the queue is full or a barrier stands. */
static int keep_queue_full(ZlScan *s){
  while(!s->barrier && s->cut - s->used < ZL_SCAN_QUEUE){
    ZlChunk *ch = &s->chunks[s->cut % ZL_SCAN_QUEUE];
    int rc = cut_chunk(s, ch);
    if(rc <= 0) return rc;
    s->tickets[s->cut % ZL_SCAN_QUEUE] = zl_workers_submit(s->pool, ch);
    s->cut++;
  }
  return 0;
}

static int next_row_in_chunk(ZlScan *s, ZlChunk *it){
  size_t ntyped = (size_t)it->layout->ntyped, nstored = (size_t)it->layout->nstored;
  while(s->cur_row < it->nrows || (it->err_row == s->cur_row && (it->err || it->oom))){
    if(s->cur_row == it->err_row && (it->err || it->oom)){
      s->line_no = s->line_base + it->err_line + 1;
      if(it->oom) return zl_scan_fail(s, "out of memory");
      return zl_scan_fail(s, "%s:%llu: %s (strict=1)", zl_scan_path(s),
                       (unsigned long long)s->line_no, it->err);
    }
    int r = s->cur_row++;
    s->line_no = s->line_base + it->row_line[r] + 1;
    if(it->layout->json) s->row_jcells = it->jcells + (size_t)r * (size_t)it->layout->njson;
    else s->row_spans = it->spans + (size_t)r * nstored;
    zl_scan_spread(s, it->vals + (size_t)r * ntyped);
    return zl_scan_row_taken(s);
  }
  return 0;
}

/* The consumer is done with the head chunk: its lines are counted. */
static void release_chunk(ZlScan *s){
  ZlChunk *ch = s->cur;
  if(ch->kind == ZL_CHUNK_DATA){
    s->stats.unknown_keys += ch->unknown_keys;
    if(ch->skipped){
      zl_scan_note_bad(s, s->line_base + ch->first_bad_line + 1, ch->first_bad);
      s->file_skipped += ch->skipped - 1;
    }
    s->line_base += ch->nlines;
    s->stats.skipped += ch->skipped;
  }
  s->cur = NULL;
  s->used++;
}

/* Starts on the head chunk: waits for its parse, handles the in-order kinds.
** Returns 1 with a row, 0 to go on, -1 on error. */
static int start_chunk(ZlScan *s){
  int slot = (int)(s->used % ZL_SCAN_QUEUE);
  ZlChunk *ch = &s->chunks[slot];
  zl_workers_wait(s->pool, s->tickets[slot]);
  s->cur = ch;
  s->cur_row = 0;
  s->line_base += ch->blanks;
  switch(ch->kind){
    case ZL_CHUNK_DATA: return 0;
    case ZL_CHUNK_LINE: return zl_scan_take_line_chunk(s, ch);
    case ZL_CHUNK_TOO_LONG: {
      char why[64];
      s->line_no = ++s->line_base;
      snprintf(why, sizeof why, "line longer than max_line=%zu bytes", s->cfg->max_line);
      return zl_scan_bad_line(s, why) < 0 ? -1 : 0;
    }
    case ZL_CHUNK_FILE_END:
      if(file_all_bad(s)) return -1;
      close_file(s, 1);
      s->barrier = 0;
      return 0;
  }
  return 0;
}

/* A scan that skipped every data line it met and returned no row: an
** error saying so, not an empty answer. */
static int all_bad(ZlScan *s){
  return zl_scan_fail(s, "%s%s", s->first_bad_file,
                   s->stats.bad_files > 1 ? " (and in other files)" : "");
}

/* Polled once a chunk (at most ZL_READ_BLOCK bytes of lines): a long run
** that hands out no row (bad lines, a grouped scan's counting, pruned files)
** still stops soon after the user interrupts. */
static int interrupted(ZlScan *s){
  if(!s->cfg->interrupted || !s->cfg->interrupted(s->cfg->interrupt_ctx)) return 0;
  s->was_interrupted = 1;
  return zl_scan_fail(s, "interrupted");
}

int zl_scan_next(ZlScan *s){
  for(;;){
    if(s->cur){
      int rc = s->cur->kind == ZL_CHUNK_DATA ? next_row_in_chunk(s, s->cur) : 0;
      if(rc != 0) return rc;
      release_chunk(s);
      if(interrupted(s)) return -1;
    }
    if(keep_queue_full(s) < 0) return -1;
    if(s->used == s->cut){                     /* every file is done */
      return s->stats.rows == 0 && s->stats.skipped > 0 && s->first_bad_file ? all_bad(s) : 0;
    }
    int rc = start_chunk(s);
    if(rc != 0) return rc;
  }
}

/* ---- cells ---------------------------------------------------------------- */

/* A JSON member as text: a string or number as it stands in the line when
** it can be, else built into the column's own buffer, so that the cells of
** several columns of a row are all valid at once. */
static int json_cell(ZlScan *s, int col, ZlCell *out){
  int slot = s->jslot[col];
  if(slot < 0) return 0;
  const ZlJsonValue *v = &s->row_jcells[slot];
  if(v->type == ZL_JSON_ABSENT || v->type == ZL_JSON_NULL) return 0;
  ZlKind kind = s->cfg->columns.f[col].kind;
  if(zl_json_text(v, kind, &s->cells[col], &out->p, &out->n)) return -1;
  out->kind = kind == ZL_SET ? ZL_CELL_JSON : ZL_CELL_PLAIN;
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

/* The columns' names hashed, for JSON lines; made once per scan. */
void zl_scan_config_init(ZlScanConfig *cfg){
  memset(cfg, 0, sizeof *cfg);
  cfg->max_line = ZL_DEFAULT_MAX_LINE;
  cfg->max_fields = ZL_DEFAULT_MAX_FIELDS;
  cfg->ts_col = -1;
}

int zl_scan_open(ZlScan *s, const ZlScanConfig *cfg){
  memset(s, 0, sizeof *s);
  s->cfg = cfg;
  zl_tsv_default_format(&s->hdr.fmt);
  s->hdr.max_fields = cfg->max_fields;
  int n = cfg->columns.n;
  s->map = calloc((size_t)n + 1, sizeof *s->map);
  s->vals = calloc((size_t)n + 1, sizeof *s->vals);
  s->typed_vals = calloc((size_t)n + 1, sizeof *s->typed_vals);
  s->cells = calloc((size_t)n + 1, sizeof *s->cells);
  s->typed = calloc((size_t)n + 1, sizeof *s->typed);
  s->kind = calloc((size_t)n + 1, sizeof *s->kind);
  s->elem = calloc((size_t)n + 1, sizeof *s->elem);
  s->declared = calloc((size_t)n + 1, sizeof *s->declared);
  s->jcol = calloc((size_t)n + 1, sizeof *s->jcol);
  s->jslot = calloc((size_t)n + 1, sizeof *s->jslot);
  s->own_jcells = calloc((size_t)n + 1, sizeof *s->own_jcells);
  if(!s->map || !s->vals || !s->typed_vals || !s->cells || !s->typed || !s->kind || !s->elem
     || !s->declared || !s->jcol || !s->jslot || !s->own_jcells || zl_scan_grow_spans(s, 1)
     || zl_scan_json_keys(s)){
    return zl_scan_fail(s, "out of memory");
  }
  s->row_spans = s->own_spans;
  zl_scan_update_layout(s);
  s->pool = zl_workers_new(cfg->threads, ZL_SCAN_QUEUE, parse_job, s);
  if(!s->pool) return zl_scan_fail(s, "cannot start parsing threads");
  char *err = NULL;
  if(zl_paths_expand(cfg->pattern, &s->paths, &err)){
    zl_scan_fail(s, "%s", err ? err : "out of memory");
    free(err);
    return -1;
  }
  for(int i = 0; i < s->paths.nskipped; i++){        /* FIFOs, devices: never opened */
    if(list_file(s->stats.skipped_files_json, s->paths.skipped[i])) return zl_scan_fail(s, "out of memory");
  }
  return 0;
}

void zl_scan_close(ZlScan *s){
  zl_workers_free(s->pool);          /* first: no thread may touch what follows */
  close_file(s, 0);
  for(int i = 0; i < ZL_SCAN_QUEUE; i++) zl_chunk_free(&s->chunks[i]);
  zl_tsv_header_free(&s->hdr);
  zl_paths_free(&s->paths);
  free(s->path);
  free(s->file_first_bad);
  free(s->first_bad_file);
  free(s->map);
  free(s->vals);
  free(s->typed_vals);
  free(s->own_spans);
  free(s->typed);
  free(s->kind);
  free(s->elem);
  free(s->declared);
  free(s->jcol);
  free(s->jslot);
  free(s->own_jcells);
  if(s->keys_ready){ zl_json_line_free(&s->jline); zl_json_keys_free(&s->keys); }
  for(int c = 0; s->cells && c < s->cfg->columns.n; c++) zl_buf_free(&s->cells[c]);
  free(s->cells);
  free(s->err);
  memset(s, 0, sizeof *s);
}
