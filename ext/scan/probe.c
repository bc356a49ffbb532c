/*
** probe.c — a table's fields from the start of its files (see probe.h).
*/
#include "scan/probe.h"

#include "base/message.h"
#include "parser/json.h"
#include "parser/sniff.h"
#include "parser/zeek_logs.h"
#include "parser/tsv.h"
#include "reader/lines.h"
#include "reader/paths.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* Where a file's fields came from. */
enum { FROM_NOTHING, FROM_HEADER, FROM_LAYOUT, FROM_JSON };

/* A JSON log's columns come from at least this much of each file. */
#define JSON_SAMPLE_LINES 1000
#define JSON_SAMPLE_BYTES (1u << 20)

/* The columns of a JSON log: the built-in layout of its log type (from the
** _path key, else the file name) with the sampled keys it lacks appended;
** else the sampled keys alone. 0, or -1 when out of memory. */
static int json_columns(const char *path, const char *log_path, ZlSchema *sample, ZlSchema *out){
  const char *type = log_path[0] ? log_path : NULL;
  const char *base = strrchr(path, '/');
  const ZlLogLayout *layout = type ? zl_zeek_log(type) : NULL;
  if(!layout && (type = zl_log_type_of_file(base ? base + 1 : path))) layout = zl_zeek_log(type);
  memset(out, 0, sizeof *out);
  if(layout && zl_schema_from_layout(layout, out)) return -1;
  if(zl_schema_settle(sample) || zl_schema_merge(out, sample)){ zl_schema_free(out); return -1; }
  return 0;
}

/* Samples a JSON log's lines from the one in *line on (sniff.h said JSON):
** FROM_HEADER with *out, or -1 with *err. */
static int sample_json(const ZlProbe *p, ZlLines *lines, const char *path, const char *line,
                       size_t len, uint64_t line_no, ZlSchema *out, char **err){
  ZlSchema sample = {0};
  ZlBuf scratch = {0};
  char log_path[64] = "", one_path[64];
  size_t bytes = 0;
  int good = 0, rc = ZL_LINE;
  for(uint64_t seen = 0; rc != ZL_EOF; rc = zl_lines_next(lines, &line, &len)){
    if(rc == ZL_ERROR){ *err = zl_message("%s", zl_lines_error(lines)); good = -1; break; }
    if(seen) line_no++;
    if(rc != ZL_LINE || len == 0 || line[0] == '#') continue;
    int got = zl_json_sample(&sample, line, len, p->max_fields, &scratch, one_path);
    if(got == -2){
      *err = zl_message("%s:%llu: the JSON objects have more keys than max_fields=%d",
                        path, (unsigned long long)line_no, p->max_fields);
      good = -1;
      break;
    }
    if(got == -3){ *err = zl_message("out of memory"); good = -1; break; }
    if(got == 0){ good++; if(!log_path[0]) memcpy(log_path, one_path, sizeof log_path); }
    bytes += len;
    if(++seen >= JSON_SAMPLE_LINES && bytes >= JSON_SAMPLE_BYTES) break;
  }
  zl_buf_free(&scratch);
  if(good > 0 && json_columns(path, log_path, &sample, out)){ *err = zl_message("out of memory"); good = -1; }
  if(good > 0 && out->n == 0){             /* only {} lines: nothing to make columns of */
    *err = zl_message("'%s': its JSON objects have no keys to make columns of", path);
    good = -1;
  }
  if(good == 0) *err = zl_no_header_message(path);
  zl_schema_free(&sample);
  return good > 0 ? FROM_HEADER : -1;
}

/* The first configured headerless layout with as many fields as the line,
** else the first one: the rule the scan applies (scan.c). */
static const ZlSchema *pick_layout(const ZlProbe *p, const ZlTsvHeader *h, const char *line, size_t len){
  const ZlSchema *pick = &p->headerless[0];
  int count = zl_tsv_split(&h->fmt, line, len, NULL, 0);
  for(int i = p->nheaderless - 1; i >= 0; i--) if(p->headerless[i].n == count) pick = &p->headerless[i];
  return pick;
}

/* The first line that is not a directive or blank, read as sniff.h says:
** FROM_HEADER or FROM_LAYOUT with *out filled, or -1 with *err. */
static int schema_of_first_line(const ZlProbe *p, const ZlTsvHeader *h, const char *path,
                                const char *line, size_t len, uint64_t line_no,
                                ZlSchema *out, char **err){
  switch(zl_sniff_first_line(&h->fmt, line, len, line_no, h->have_fields || h->have_types)){
    case ZL_FIRST_JSON:
      return FROM_JSON;             /* the caller samples the lines */
    case ZL_FIRST_NAMES:
      if(zl_schema_from_names(out, &h->fmt, line, len) == 0) return FROM_HEADER;
      *err = zl_message("out of memory");
      return -1;
    case ZL_FIRST_DATA:
      break;
  }
  if(p->nheaderless){
    if(zl_schema_copy(out, pick_layout(p, h, line, len)) == 0) return FROM_LAYOUT;
    *err = zl_message("out of memory");
    return -1;
  }
  *err = zl_no_header_message(path);
  return -1;
}

/* Reads the start of one file for its fields: FROM_* (FROM_NOTHING: the
** file is empty), or -1 with *err. */
static int probe_file(const ZlProbe *p, const char *path, ZlSchema *out, char **err){
  ZlLines lines;
  ZlTsvHeader h = {0};
  const char *line;
  size_t len;
  uint64_t line_no = 0;
  int rc, found = FROM_NOTHING;
  if(zl_lines_open(&lines, path, p->max_line, err)) return -1;
  zl_tsv_default_format(&h.fmt);
  h.max_fields = p->max_fields;
  while(found == FROM_NOTHING && (rc = zl_lines_next(&lines, &line, &len)) != ZL_EOF){
    line_no++;
    if(rc == ZL_ERROR){ *err = zl_message("%s", zl_lines_error(&lines)); found = -1; break; }
    if(rc == ZL_TOO_LONG) continue;
    if(len == 0){                        /* blank lines: skipped at memchr speed */
      if(zl_lines_skip_blank(&lines, &line_no)){ *err = zl_message("%s", zl_lines_error(&lines)); found = -1; }
      continue;
    }
    if(line[0] == '#'){
      char *why = NULL;
      int dir = zl_tsv_directive(&h, line, len, &why);
      if(dir < 0){
        *err = zl_message("%s:%llu: %s", path, (unsigned long long)line_no, why ? why : "out of memory");
        free(why);
        found = -1;
      }
      else if(dir == ZL_DIR_SCHEMA_DONE) found = zl_schema_copy(out, &h.schema) ? -1 : FROM_HEADER;
      continue;
    }
    found = schema_of_first_line(p, &h, path, line, len, line_no, out, err);
    if(found == FROM_JSON) found = sample_json(p, &lines, path, line, len, line_no, out, err);
  }
  zl_tsv_header_free(&h);
  zl_lines_close(&lines);
  return found;
}

int zl_scan_probe(const ZlProbe *p, ZlSchema *out, char **err){
  ZlPaths paths;
  int found = 0, rc = 0;
  memset(out, 0, sizeof *out);
  if(zl_paths_expand(p->pattern, &paths, err)) return -1;
  /* With configured layouts, the columns are the layouts the headerless
  ** files need; files with a header are matched to them by name. */
  int wanted = p->nheaderless ? FROM_LAYOUT : FROM_HEADER;
  for(int i = 0; i < paths.n && rc >= 0; i++){
    ZlSchema one;
    rc = probe_file(p, paths.v[i], &one, err);
    if(rc == wanted){
      found = 1;
      if(zl_schema_merge(out, &one)){ *err = zl_message("out of memory"); rc = -1; }
    }
    if(rc > FROM_NOTHING) zl_schema_free(&one);
  }
  zl_paths_free(&paths);
  if(rc >= 0 && !found && p->nheaderless){
    if(zl_schema_copy(out, &p->headerless[0]) == 0) return 0;
    *err = zl_message("out of memory");
    rc = -1;
  }
  if(rc >= 0 && !found){
    *err = zl_message("'%s' holds no header to take the fields from:"
                      " add schema='http' or fields='name:type ...'", p->pattern);
    rc = -1;
  }
  if(rc < 0) zl_schema_free(out);
  return rc < 0 ? -1 : 0;
}
