/*
** inorder.c — the lines the scan handles itself, in file order (see
** scan_parts.h): header directives, a file's first line (JSON? names?
** headerless?), the log type a table reads, and each row's and bad line's
** accounting.
*/
#include "scan/scan_parts.h"
#include "base/message.h"
#include "parser/sniff.h"
#include "parser/zeek_logs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* A skipped line: counted, or in strict mode the error. */
/* The first bad line of a file is remembered: if the file has no good one,
** that is what the user is told. */
void zl_scan_note_bad(ZlScan *s, uint64_t line, const char *why){
  if(s->file_skipped++ == 0 && !s->file_first_bad){
    s->file_first_bad = zl_message("line %llu: %s", (unsigned long long)line, why ? why : "bad line");
  }
}

int zl_scan_bad_line(ZlScan *s, const char *why){
  s->stats.skipped++;
  zl_scan_note_bad(s, s->line_no, why);
  if(!s->cfg->strict) return 0;
  return zl_scan_fail(s, "%s:%llu: %s (strict=1)", zl_scan_path(s),
                   (unsigned long long)s->line_no, why ? why : "out of memory");
}

/* A row was taken: widen the file's ts range. */
int zl_scan_row_taken(ZlScan *s){
  s->stats.rows++;
  s->file_rows++;
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
/* The row's values, kept in typed order, into s->vals by column. */
void zl_scan_spread(ZlScan *s, const ZlValue *typed_vals){
  for(int k = 0; k < s->ntyped; k++) s->vals[s->typed[k]] = typed_vals[k];
}

/* A JSON line the scan parses itself (a file's first): 1 row, 0 skipped, -1. */
static int take_json_line(ZlScan *s, const char *line, size_t len){
  char *why = NULL;
  s->row_jcells = s->own_jcells;
  int ok = zl_layout_take_json(&s->layout, &s->jline, line, len, len, s->own_jcells,
                               s->typed_vals, &why);
  s->stats.unknown_keys += (uint64_t)s->jline.unknown_keys;
  if(ok){
    zl_scan_spread(s, s->typed_vals);
    return zl_scan_row_taken(s);
  }
  int rc = zl_scan_bad_line(s, why);
  free(why);
  return rc;
}


/* A TSV data line the scan parses itself: 1 row, 0 skipped, -1 error. */
static int take_data_line(ZlScan *s, const char *line, size_t len){
  char *why = NULL;
  s->row_spans = s->own_spans;
  if(zl_layout_take_line(&s->layout, line, len, s->own_spans, s->typed_vals, &why)){
    zl_scan_spread(s, s->typed_vals);
    return zl_scan_row_taken(s);
  }
  int rc = zl_scan_bad_line(s, why);
  free(why);
  return rc;
}

static int no_header(ZlScan *s){
  char *msg = zl_no_header_message(zl_scan_path(s));
  zl_scan_fail(s, "%s", msg ? msg : "out of memory");
  free(msg);
  return -1;
}

static int json_other_log(ZlScan *s, const char *line, size_t len);

/* A line that is not "#..." and came before the layout was known: a JSON
** log's first line, a names header, a headerless log's first row, or junk. */
static int take_first_line(ZlScan *s, const char *line, size_t len){
  int in_block = s->hdr.have_fields || s->hdr.have_types;
  switch(zl_sniff_first_line(&s->hdr.fmt, line, len, s->line_no, in_block)){
    case ZL_FIRST_JSON:
      if(s->cfg->log_type && json_other_log(s, line, len)) return -1;
      zl_scan_use_json(s);
      return take_json_line(s, line, len);
    case ZL_FIRST_NAMES:
      zl_tsv_header_reset(&s->hdr);
      if(zl_schema_from_names(&s->hdr.schema, &s->hdr.fmt, line, len)) return zl_scan_fail(s, "out of memory");
      return zl_scan_use_block(s);
    case ZL_FIRST_DATA:
      break;
  }
  if(in_block) return zl_scan_bad_line(s, "data inside a header block");
  if(!s->cfg->nheaderless) return no_header(s);
  if(zl_scan_use_configured(s, line, len)) return -1;
  return take_data_line(s, line, len);
}

/* A table of one log type (zeek_http()) over a file whose #path names
** another standard log is an error naming both: its rows would be NULLs. */
static int other_log(ZlScan *s, const char *path, const char *how){
  const char *want = s->cfg->log_type;
  if(!want || !path[0] || strcmp(path, want) == 0 || !zl_zeek_log(path)) return 0;
  return zl_scan_fail(s, "'%s' is a %s log (%s %s), not %s: %s reads %s logs only",
                   zl_scan_path(s), path, how, path, want,
                   s->cfg->log_reader ? s->cfg->log_reader : "this table", want);
}

/* A JSON log's _path (its first line's), for other_log(). */
static int path_member(void *ctx, const char *key, size_t n, const ZlJsonValue *v){
  char *path = ctx;
  if(n != 5 || memcmp(key, "_path", 5) || v->type != ZL_JSON_STRING || v->text.n >= 64) return 0;
  memcpy(path, v->text.p, v->text.n);
  path[v->text.n] = 0;
  return 1;
}

/* JSON has no header: the _path key says the log type, else the file name. */
static int json_other_log(ZlScan *s, const char *line, size_t len){
  char path[64] = "";
  ZlBuf scratch = {0};
  zl_json_line_members(line, len, path_member, path, &scratch, NULL, NULL);
  zl_buf_free(&scratch);
  if(!path[0]){
    const char *base = strrchr(zl_scan_path(s), '/');
    const char *type = zl_log_type_of_file(base ? base + 1 : zl_scan_path(s));
    if(type) snprintf(path, sizeof path, "%s", type);
  }
  return other_log(s, path, "_path or file name:");
}

static int take_header_line(ZlScan *s, const char *line, size_t len){
  char *err = NULL;
  int dir = zl_tsv_directive(&s->hdr, line, len, &err);
  if(dir < 0){
    zl_scan_fail(s, "%s:%llu: %s", zl_scan_path(s), (unsigned long long)s->line_no,
              err ? err : "out of memory");
    free(err);
    return -1;
  }
  /* A new block, or half of a new schema: the old layout no longer holds. */
  if(dir == ZL_DIR_SEPARATOR || dir == ZL_DIR_SCHEMA_PART){ s->file_has_schema = 0; s->json = 0; }
  if(dir == ZL_DIR_PATH && other_log(s, s->hdr.path, "#path")) return -1;
  if(dir == ZL_DIR_SCHEMA_DONE && zl_scan_use_block(s)) return -1;
  zl_scan_update_layout(s);
  return 0;
}

/* A ZL_CHUNK_LINE: 1 row, 0 none, -1 error. */
int zl_scan_take_line_chunk(ZlScan *s, ZlChunk *ch){
  size_t len = ch->len;
  if(len && ch->buf[len - 1] == '\n') len--;
  if(len && ch->buf[len - 1] == '\r') len--;
  s->line_no = ++s->line_base;
  s->barrier = 0;
  if(len == 0) return 0;                       /* a blank line: neither row nor bad */
  if(ch->buf[0] == '#') return take_header_line(s, ch->buf, len);
  if(s->json) return take_json_line(s, ch->buf, len);
  if(s->file_has_schema) return take_data_line(s, ch->buf, len);
  return take_first_line(s, ch->buf, len);
}

/* The next row of the current data chunk: 1, 0 when it has none left, -1. */
