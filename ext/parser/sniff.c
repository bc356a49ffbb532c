/*
** sniff.c — the first-line rules (see sniff.h).
*/
#include "parser/sniff.h"
#include "base/message.h"

#include <stdlib.h>
#include <string.h>

int zl_sniff_is_json(const char *line, size_t len){
  size_t i = 0;
  while(i < len && (line[i] == ' ' || line[i] == '\t')) i++;
  return i < len && line[i] == '{';
}

static int is_name_char(char c, int first){
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_'
      || (!first && ((c >= '0' && c <= '9') || c == '.' || c == '-'));
}

/* A tsv=T header: two or more field names on a one-byte separator. */
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

ZlFirstLine zl_sniff_first_line(const ZlTsvFormat *fmt, const char *line, size_t len,
                                uint64_t line_no, int in_block){
  if(!in_block && zl_sniff_is_json(line, len)) return ZL_FIRST_JSON;
  if(line_no == 1 && is_names_line(fmt, line, len)) return ZL_FIRST_NAMES;
  return ZL_FIRST_DATA;
}

int zl_schema_from_names(ZlSchema *out, const ZlTsvFormat *fmt, const char *line, size_t len){
  int count = zl_tsv_split(fmt, line, len, NULL, 0);
  ZlSpan *spans = malloc((size_t)count * sizeof *spans);
  if(!spans) return -1;
  zl_tsv_split(fmt, line, len, spans, count);
  memset(out, 0, sizeof *out);
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
  if(rc) zl_schema_free(out);
  return rc;
}

char *zl_no_header_message(const char *path){
  return zl_message("'%s' has no Zeek header (#fields and #types): for a headerless"
                    " log add schema='http' or fields='name:type ...'", path);
}
