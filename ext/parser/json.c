/*
** json.c — JSON members as column values (see json.h).
*/
#include "parser/json.h"
#include "base/civil.h"
#include "parser/escapes.h"
#include "parser/numbers.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

/* A string member's text, escapes decoded into buf when it has any. */
static int string_text(const ZlJsonValue *v, ZlBuf *buf, const char **p, size_t *n){
  if(!(v->flags & ZL_JSON_ESCAPED)){ *p = v->text.p; *n = v->text.n; return 0; }
  buf->n = 0;
  if(zl_buf_reserve(buf, v->text.n + 1)) return -1;
  if(zl_json_unescape(v->text.p, v->text.n, buf->p, n)) *n = 0;   /* a scan accepted it */
  *p = buf->p;
  return 0;
}

/* ISO-8601 text or an epoch number written as text: seconds. */
static int time_from_text(const char *s, size_t n, double *out){
  int64_t us;
  ZlIsoLayout layout;
  if(zl_iso_parse(s, n, &us, &layout) == 0){ *out = (double)us / 1e6; return 0; }
  return zl_parse_double(s, n, out);
}

/* JSON::TS_MILLIS writes whole milliseconds: no epoch in seconds is that
** large before the year 5000. */
static double seconds_of(double t, int integral){
  return integral && fabs(t) >= 1e11 ? t / 1000.0 : t;
}

/* A member the scanner found to be a JSON number: its digits are valid, so
** TSV's fast parsers read it; only a double longer than they take (a JSON
** number of 400 digits and more) goes the slow, exact way. */
static int number_text(const ZlJsonValue *v, ZlValue *out){
  int is_big;
  if(!(v->flags & ZL_JSON_FRACTION) && zl_parse_int(v->text.p, v->text.n, &out->i, &is_big, &out->d) == 0){
    out->state = is_big ? ZL_V_REAL : ZL_V_INT;
    return 0;
  }
  out->state = ZL_V_REAL;
  if(zl_parse_double(v->text.p, v->text.n, &out->d) == 0) return 0;
  return zl_json_number_double(v->text.p, v->text.n, &out->d);
}

static int number_member(const ZlJsonValue *v, ZlKind kind, int declared, ZlValue *out){
  if(number_text(v, out)) return declared ? -1 : (out->state = ZL_V_TEXT, 0);
  int fraction = (v->flags & ZL_JSON_FRACTION) != 0;
  switch(kind){
    case ZL_INT:
      if(!fraction) return 0;                       /* INT, or REAL past int64 */
      if(declared) return -1;                       /* a count with a fraction */
      return 0;                                     /* inferred: REAL */
    case ZL_BOOL:
      if(declared) return -1;
      return 0;
    case ZL_TIME: {
      double t = out->state == ZL_V_INT ? (double)out->i : out->d;
      out->d = seconds_of(t, !fraction);
      out->state = ZL_V_REAL;
      return 0;
    }
    default:
      if(out->state == ZL_V_INT){ out->d = (double)out->i; out->state = ZL_V_REAL; }
      return 0;
  }
}

static int string_member(const ZlJsonValue *v, ZlKind kind, int declared, ZlValue *out){
  char tmp[ZL_DOUBLE_TEXT_MAX + 1];
  const char *s = v->text.p;
  size_t n = v->text.n;
  if(v->flags & ZL_JSON_ESCAPED){              /* a number written with escapes: rare */
    if(n >= sizeof tmp || zl_json_unescape(s, n, tmp, &n)) goto not_a_value;
    s = tmp;
  }
  int is_big, b;
  switch(kind){
    case ZL_INT:
      if(zl_parse_int(s, n, &out->i, &is_big, &out->d)) goto not_a_value;
      out->state = is_big ? ZL_V_REAL : ZL_V_INT;
      return 0;
    case ZL_BOOL:
      if(zl_parse_bool(s, n, &b)) goto not_a_value;
      out->i = b;
      out->state = ZL_V_INT;
      return 0;
    case ZL_TIME:
      if(time_from_text(s, n, &out->d)) goto not_a_value;
      break;
    default:
      if(zl_parse_double(s, n, &out->d)) goto not_a_value;
      break;
  }
  out->state = isnan(out->d) ? ZL_V_NULL : ZL_V_REAL;
  return 0;
not_a_value:
  if(declared) return -1;
  out->state = ZL_V_TEXT;
  return 0;
}

int zl_json_value(const ZlJsonValue *v, ZlKind kind, int declared, ZlValue *out){
  out->state = ZL_V_NULL;
  switch(v->type){
    case ZL_JSON_ABSENT: case ZL_JSON_NULL: return 0;
    case ZL_JSON_NUMBER: return number_member(v, kind, declared, out);
    case ZL_JSON_STRING: return string_member(v, kind, declared, out);
    case ZL_JSON_TRUE: case ZL_JSON_FALSE:
      if(kind == ZL_BOOL){ out->i = v->type == ZL_JSON_TRUE; out->state = ZL_V_INT; return 0; }
      break;
    default:
      break;
  }
  if(declared) return -1;
  out->state = ZL_V_TEXT;
  return 0;
}

int zl_json_text(const ZlJsonValue *v, ZlKind kind, ZlBuf *buf, const char **p, size_t *n){
  if(kind == ZL_SET && v->type != ZL_JSON_ARRAY){      /* a lone value: a 1-array */
    buf->n = 0;
    if(zl_buf_append(buf, "[", 1) || zl_json_compact(buf, v->text.p, v->text.n)
       || zl_buf_append(buf, "]", 1)) return -1;
    *p = buf->p; *n = buf->n;
    return 0;
  }
  switch(v->type){
    case ZL_JSON_STRING: return string_text(v, buf, p, n);
    case ZL_JSON_TRUE: *p = "T"; *n = 1; return 0;
    case ZL_JSON_FALSE: *p = "F"; *n = 1; return 0;
    case ZL_JSON_ARRAY: case ZL_JSON_OBJECT:
      buf->n = 0;
      if(zl_json_compact(buf, v->text.p, v->text.n)) return -1;
      *p = buf->p ? buf->p : ""; *n = buf->n;
      return 0;
    default:                                           /* a number as written */
      *p = v->text.p; *n = v->text.n;
      return 0;
  }
}

/* ---- sampling a line's keys ------------------------------------------------ */

typedef struct Sample {
  ZlSchema *schema;
  int max_fields;
  char *path;
  int rc;
} Sample;

/* An array's type, from its first element that is not null. */
static const char *array_type(const ZlJsonValue *v){
  const char *s = v->text.p + 1, *end = v->text.p + v->text.n;
  while(s < end && (*s == ' ' || *s == '\t' || *s == ',' || (*s == 'n' && end - s >= 4 && !memcmp(s, "null", 4)))){
    s += *s == 'n' ? 4 : 1;
  }
  if(s >= end || *s == ']') return "vector[string]";
  if(*s == '"') return "vector[string]";
  if(*s == 't' || *s == 'f') return "vector[bool]";
  for(const char *q = s; q < end && *q != ',' && *q != ']'; q++){
    if(*q == '.' || *q == 'e' || *q == 'E') return "vector[double]";
  }
  return (*s == '-' || (*s >= '0' && *s <= '9')) ? "vector[count]" : "vector[string]";
}

static const char *type_of(const char *key, size_t n, const ZlJsonValue *v){
  int is_time = (n == 2 && !memcmp(key, "ts", 2)) || (n == 9 && !memcmp(key, "_write_ts", 9));
  switch(v->type){
    case ZL_JSON_NUMBER: return is_time ? "time" : (v->flags & ZL_JSON_FRACTION) ? "double" : "count";
    case ZL_JSON_TRUE: case ZL_JSON_FALSE: return "bool";
    case ZL_JSON_ARRAY: return array_type(v);
    case ZL_JSON_STRING: return is_time ? "time" : "string";
    case ZL_JSON_OBJECT: return "string";
    default: return "null";                  /* no type yet: the next value's */
  }
}

static int sample_member(void *ctx, const char *key, size_t n, const ZlJsonValue *v){
  Sample *s = ctx;
  if(n == 5 && !memcmp(key, "_path", 5) && v->type == ZL_JSON_STRING && v->text.n < 64){
    memcpy(s->path, v->text.p, v->text.n);
    s->path[v->text.n] = 0;
  }
  const char *type = type_of(key, n, v);
  ZlSchema one = {0};
  if(zl_schema_add_inferred(&one, key, n, type, strlen(type))){
    s->rc = -3;
    return 1;
  }
  int at = zl_schema_find(s->schema, one.f[0].name);
  if(at < 0 && s->schema->n >= s->max_fields){ zl_schema_free(&one); s->rc = -2; return 1; }
  if(at >= 0 && !s->schema->f[at].inferred){ zl_schema_free(&one); return 0; }
  int rc = zl_schema_merge(s->schema, &one);
  zl_schema_free(&one);
  if(rc){ s->rc = -3; return 1; }
  return 0;
}

int zl_json_sample(ZlSchema *schema, const char *line, size_t len, int max_fields,
                   ZlBuf *scratch, char path[64]){
  Sample s = { schema, max_fields, path, 0 };
  path[0] = 0;
  const char *error = NULL;
  int rc = zl_json_line_members(line, len, sample_member, &s, scratch, &error, NULL);
  if(s.rc) return s.rc;
  if(rc < 0) return error && !strcmp(error, "out of memory") ? -3 : -1;
  return 0;
}
