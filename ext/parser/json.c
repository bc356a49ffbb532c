/*
** json.c — Zeek JSON log lines -> per-column members (see json.h).
*/
#include "parser/json.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "base/civil.h"
#include "parser/escapes.h"
#include "parser/numbers.h"

int zl_json_is_object_line(const char *line, size_t len){
  size_t i = 0;
  while(i < len && (line[i] == ' ' || line[i] == '\t')) i++;
  return i < len && line[i] == '{';
}

void zl_json_row_free(ZlJsonRow *row){
  cJSON_Delete(row->doc);
  free(row->cells);
  free(row->index);
  memset(row, 0, sizeof *row);
}

static uint32_t name_hash(const char *s){
  uint32_t h = 2166136261u;
  while(*s){ h ^= (unsigned char)*s++; h *= 16777619u; }
  return h;
}

/* An open-addressing index of column names, so that a line with very many
** keys costs a hash per key, not a scan of every column. */
static int build_index(ZlJsonRow *row, const ZlSchema *cols){
  int n = 16;
  while(n < 2 * cols->n) n *= 2;
  free(row->index);
  row->index = malloc((size_t)n * sizeof *row->index);
  if(!row->index) return -1;
  for(int i = 0; i < n; i++) row->index[i] = -1;
  row->index_mask = n - 1;
  for(int c = cols->n - 1; c >= 0; c--){          /* the first of equal names wins */
    uint32_t k = name_hash(cols->f[c].name) & (uint32_t)row->index_mask;
    while(row->index[k] >= 0 && strcmp(cols->f[row->index[k]].name, cols->f[c].name)){
      k = (k + 1) & (uint32_t)row->index_mask;
    }
    row->index[k] = c;
  }
  return 0;
}

static int find_column(const ZlJsonRow *row, const ZlSchema *cols, const char *key){
  uint32_t k = name_hash(key) & (uint32_t)row->index_mask;
  for(int c; (c = row->index[k]) >= 0; k = (k + 1) & (uint32_t)row->index_mask){
    if(strcmp(cols->f[c].name, key) == 0) return c;
  }
  return -1;
}

int zl_json_row_parse(ZlJsonRow *row, const ZlSchema *cols, const char *line, size_t len){
  const char *end = NULL;
  cJSON_Delete(row->doc);
  row->doc = cJSON_ParseWithLengthOpts(line, len, &end, 0);
  if(!row->doc || !cJSON_IsObject(row->doc)) return -1;
  for(const char *p = end; p && p < line + len; p++){      /* only blanks after */
    if(*p != ' ' && *p != '\t' && *p != '\r') return -1;
  }
  if(row->ncols != cols->n || row->columns != cols){
    free(row->cells);
    row->cells = calloc((size_t)cols->n + 1, sizeof *row->cells);
    if(!row->cells || build_index(row, cols)){ row->ncols = 0; return -1; }
    row->ncols = cols->n;
    row->columns = cols;
  }else{
    memset(row->cells, 0, (size_t)cols->n * sizeof *row->cells);
  }
  const cJSON *m;
  cJSON_ArrayForEach(m, row->doc){
    int c = m->string ? find_column(row, cols, m->string) : -1;
    if(c >= 0 && !cJSON_IsNull(m)) row->cells[c] = (cJSON *)m;
  }
  return 0;
}

static int is_integral(double d){ return d == floor(d) && fabs(d) < 9.2e18; }

static int time_from_string(const char *s, double *out){
  int64_t us;
  ZlIsoLayout layout;
  if(zl_iso_parse(s, strlen(s), &us, &layout) == 0){ *out = (double)us / 1e6; return 0; }
  return zl_parse_double(s, strlen(s), out);
}

int zl_json_value(const cJSON *node, ZlKind kind, ZlValue *out){
  int is_big, b;
  out->state = ZL_V_NULL;
  if(!node || cJSON_IsNull(node)) return 0;
  const char *s = cJSON_IsString(node) ? node->valuestring : NULL;
  double d = node->valuedouble;
  if(cJSON_IsNumber(node) && !isfinite(d)) return -1;   /* 1e999: not a value */
  switch(kind){
    case ZL_INT:
      if(s){
        if(zl_parse_int(s, strlen(s), &out->i, &is_big, &out->d)) return -1;
        out->state = is_big ? ZL_V_REAL : ZL_V_INT;
        return 0;
      }
      if(!cJSON_IsNumber(node) || d != floor(d)) return -1;
      if(is_integral(d)){ out->i = (int64_t)d; out->state = ZL_V_INT; }
      else{ out->d = d; out->state = ZL_V_REAL; }
      return 0;
    case ZL_BOOL:
      if(cJSON_IsBool(node)){ out->i = cJSON_IsTrue(node); out->state = ZL_V_INT; return 0; }
      if(s && zl_parse_bool(s, strlen(s), &b) == 0){ out->i = b; out->state = ZL_V_INT; return 0; }
      return -1;
    case ZL_TIME:
      if(s){
        if(time_from_string(s, &out->d)) return -1;
      }else if(cJSON_IsNumber(node)){
        /* JSON::TS_MILLIS writes whole milliseconds: no epoch in seconds is
        ** that large before the year 5000. */
        out->d = is_integral(d) && fabs(d) >= 1e11 ? d / 1000.0 : d;
      }else return -1;
      out->state = ZL_V_REAL;
      return 0;
    default:
      if(s){ if(zl_parse_double(s, strlen(s), &out->d)) return -1; }
      else if(cJSON_IsNumber(node)) out->d = d;
      else return -1;
      out->state = ZL_V_REAL;
      return 0;
  }
}

static int append(ZlBuf *out, const char *s, size_t n){
  if(n == 0) return 0;                 /* out->p may still be NULL */
  if(zl_buf_reserve(out, n)) return -1;
  memcpy(out->p + out->n, s, n);
  out->n += n;
  return 0;
}

/* A scalar as JSON text; numbers as SQLite writes them (REAL for real kinds). */
static int append_scalar(ZlBuf *out, const cJSON *node, ZlKind kind){
  char tmp[40];
  if(cJSON_IsString(node)) return zl_json_quote(out, node->valuestring, strlen(node->valuestring));
  if(cJSON_IsTrue(node)) return append(out, "true", 4);
  if(cJSON_IsFalse(node)) return append(out, "false", 5);
  if(cJSON_IsNumber(node) && isfinite(node->valuedouble)){
    double d = node->valuedouble;
    int n = kind != ZL_REAL && kind != ZL_TIME && is_integral(d)
          ? snprintf(tmp, sizeof tmp, "%lld", (long long)d)
          : zl_format_real(tmp, sizeof tmp, d);
    return append(out, tmp, (size_t)n);
  }
  return append(out, "null", 4);  /* nested containers (Zeek logs none), 1e999 */
}

int zl_json_array_text(ZlBuf *out, const cJSON *node, ZlKind elem){
  if(!cJSON_IsArray(node)){                      /* a lone value: a 1-array */
    return append(out, "[", 1) || append_scalar(out, node, elem) || append(out, "]", 1);
  }
  if(append(out, "[", 1)) return -1;
  const cJSON *e;
  int first = 1;
  cJSON_ArrayForEach(e, node){
    if(!first && append(out, ",", 1)) return -1;
    if(append_scalar(out, e, elem)) return -1;
    first = 0;
  }
  return append(out, "]", 1);
}

int zl_json_text(ZlBuf *out, const cJSON *node){
  if(cJSON_IsString(node)) return append(out, node->valuestring, strlen(node->valuestring));
  if(cJSON_IsArray(node)) return zl_json_array_text(out, node, ZL_TEXT);
  if(cJSON_IsBool(node)) return append(out, cJSON_IsTrue(node) ? "T" : "F", 1);
  return append_scalar(out, node, ZL_TEXT);
}

static const char *type_of_value(const cJSON *v){
  if(cJSON_IsBool(v)) return "bool";
  if(cJSON_IsNumber(v)) return is_integral(v->valuedouble) ? "count" : "double";
  if(cJSON_IsArray(v)){
    const cJSON *e = v->child;
    if(e && cJSON_IsNumber(e)) return is_integral(e->valuedouble) ? "vector[count]" : "vector[double]";
    return "vector[string]";
  }
  return "string";
}

int zl_json_schema(const char *line, size_t len, int max_fields, ZlSchema *out){
  cJSON *doc = cJSON_ParseWithLength(line, len);
  memset(out, 0, sizeof *out);
  if(!doc || !cJSON_IsObject(doc)){ cJSON_Delete(doc); return -1; }
  if(cJSON_GetArraySize(doc) > (max_fields ? max_fields : 4096)){ cJSON_Delete(doc); return -2; }
  const cJSON *m;
  int rc = 0;
  cJSON_ArrayForEach(m, doc){
    if(!m->string || zl_schema_find(out, m->string) >= 0) continue;
    const char *type = zl_schema_guess_type(m->string);
    if(strcmp(type, "string") == 0) type = type_of_value(m);
    if((rc = zl_schema_add(out, m->string, strlen(m->string), type, strlen(type)))) break;
  }
  cJSON_Delete(doc);
  if(rc || out->n == 0){ zl_schema_free(out); return -1; }
  return 0;
}
