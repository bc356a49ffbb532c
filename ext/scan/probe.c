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

/* Where a file's fields came from. */
enum { FROM_NOTHING, FROM_HEADER, FROM_LAYOUT };

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
    case ZL_FIRST_JSON: {
      int got = zl_json_schema(line, len, p->max_fields, out);
      if(got == 0) return FROM_HEADER;
      if(got == -2){
        *err = zl_message("%s:%llu: the first JSON object has more keys than max_fields=%d",
                          path, (unsigned long long)line_no, p->max_fields);
        return -1;
      }
      break;                        /* '{' but not an object: no header */
    }
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
