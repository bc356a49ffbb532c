/*
** probe.c — a table's fields from the start of its files (see probe.h).
*/
#include "scan/probe.h"

#include "base/message.h"
#include "parser/json.h"
#include "parser/sniff.h"
#include "parser/tsv.h"
#include "reader/lines.h"
#include "reader/paths.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

/* The first line that is not a directive or blank, read as sniff.h says:
** 1 with *out filled, -1 with *err. */
static int schema_of_first_line(const ZlTsvHeader *h, const char *path, const char *line,
                                size_t len, uint64_t line_no, int max_fields,
                                ZlSchema *out, char **err){
  switch(zl_sniff_first_line(&h->fmt, line, len, line_no, h->have_fields || h->have_types)){
    case ZL_FIRST_JSON: {
      int got = zl_json_schema(line, len, max_fields, out);
      if(got == 0) return 1;
      if(got == -2){
        *err = zl_message("%s:%llu: the first JSON object has more keys than max_fields=%d",
                          path, (unsigned long long)line_no, max_fields);
        return -1;
      }
      break;                        /* '{' but not an object: no header */
    }
    case ZL_FIRST_NAMES:
      if(zl_schema_from_names(out, &h->fmt, line, len) == 0) return 1;
      *err = zl_message("out of memory");
      return -1;
    case ZL_FIRST_DATA:
      break;
  }
  *err = zl_no_header_message(path);
  return -1;
}

/* Reads the start of one file for a schema: 1 found, 0 none (empty), -1 error. */
static int probe_file(const char *path, size_t max_line, int max_fields, ZlSchema *out, char **err){
  ZlLines lines;
  ZlTsvHeader h = {0};
  const char *line;
  size_t len;
  uint64_t line_no = 0;
  int rc, found = 0;
  if(zl_lines_open(&lines, path, max_line, err)) return -1;
  zl_tsv_default_format(&h.fmt);
  h.max_fields = max_fields;
  while(!found && (rc = zl_lines_next(&lines, &line, &len)) != ZL_EOF){
    line_no++;
    if(rc == ZL_ERROR){ *err = zl_message("%s", zl_lines_error(&lines)); found = -1; break; }
    if(rc == ZL_TOO_LONG) continue;
    if(len == 0){                        /* blank lines: skipped at memchr speed */
      if(zl_lines_skip_blank(&lines, &line_no)){ *err = zl_message("%s", zl_lines_error(&lines)); found = -1; }
      continue;
    }
    if(line[0] == '#'){
      int dir = zl_tsv_directive(&h, line, len, err);
      if(dir < 0) found = -1;
      else if(dir == ZL_DIR_SCHEMA_DONE) found = zl_schema_copy(out, &h.schema) ? -1 : 1;
      continue;
    }
    found = schema_of_first_line(&h, path, line, len, line_no, max_fields, out, err);
  }
  zl_tsv_header_free(&h);
  zl_lines_close(&lines);
  return found;
}

int zl_scan_probe(const char *pattern, size_t max_line, int max_fields, ZlSchema *out, char **err){
  ZlPaths paths;
  int found = 0, rc = 0;
  memset(out, 0, sizeof *out);
  if(zl_paths_expand(pattern, &paths, err)) return -1;
  for(int i = 0; i < paths.n && rc >= 0; i++){
    ZlSchema one;
    rc = probe_file(paths.v[i], max_line, max_fields, &one, err);
    if(rc == 1){
      found = 1;
      if(zl_schema_merge(out, &one)){ *err = zl_message("out of memory"); rc = -1; }
      zl_schema_free(&one);
    }
  }
  zl_paths_free(&paths);
  if(rc >= 0 && !found){
    *err = zl_message("'%s' holds no header to take the fields from:"
                      " add schema='http' or fields='name:type ...'", pattern);
    rc = -1;
  }
  if(rc < 0) zl_schema_free(out);
  return rc < 0 ? -1 : 0;
}
