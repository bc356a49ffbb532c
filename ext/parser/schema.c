/*
** schema.c — field lists and the built-in http layouts (see schema.h).
*/
#include "parser/schema.h"
#include "base/message.h"
#include "parser/zeek_logs.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static char *dup_n(const char *s, size_t n){
  char *p = malloc(n + 1);
  if(p){ memcpy(p, s, n); p[n] = 0; }
  return p;
}

int zl_schema_add(ZlSchema *s, const char *name, size_t nlen, const char *type, size_t tlen){
  if(s->n == s->cap){
    int cap = s->cap ? s->cap * 2 : 32;
    ZlField *f = realloc(s->f, (size_t)cap * sizeof *f);
    if(!f) return -1;
    s->f = f;
    s->cap = cap;
  }
  ZlField *f = &s->f[s->n];
  f->name = dup_n(name, nlen);
  f->type = dup_n(type, tlen);
  if(!f->name || !f->type){ free(f->name); free(f->type); return -1; }
  f->kind = zl_kind_of(type, tlen, &f->elem);
  f->inferred = 0;
  s->n++;
  return 0;
}

int zl_schema_add_inferred(ZlSchema *s, const char *name, size_t nlen, const char *type, size_t tlen){
  if(zl_schema_add(s, name, nlen, type, tlen)) return -1;
  s->f[s->n - 1].inferred = 1;
  return 0;
}

void zl_schema_free(ZlSchema *s){
  for(int i = 0; i < s->n; i++){ free(s->f[i].name); free(s->f[i].type); }
  free(s->f);
  memset(s, 0, sizeof *s);
}

int zl_schema_copy(ZlSchema *dst, const ZlSchema *src){
  memset(dst, 0, sizeof *dst);
  for(int i = 0; i < src->n; i++){
    const ZlField *f = &src->f[i];
    if(zl_schema_add(dst, f->name, strlen(f->name), f->type, strlen(f->type))){
      zl_schema_free(dst);
      return -1;
    }
    dst->f[i].inferred = f->inferred;
  }
  return 0;
}

int zl_schema_find(const ZlSchema *s, const char *name){
  for(int i = 0; i < s->n; i++) if(strcmp(s->f[i].name, name) == 0) return i;
  return -1;
}

static int same_column_name(const char *a, const char *b){
  for(; *a && *b; a++, b++){
    if(*a != *b && !((*a == '.' || *a == '_') && (*b == '.' || *b == '_'))) return 0;
  }
  return *a == *b;
}

int zl_schema_find_column(const ZlSchema *s, const char *name){
  for(int i = 0; i < s->n; i++) if(same_column_name(s->f[i].name, name)) return i;
  return -1;
}

/* Where a scalar type stands in the widening order; -1: not a number. */
static int number_rank(ZlKind k){
  return k == ZL_INT ? 0 : k == ZL_REAL || k == ZL_TIME ? 1 : -1;
}

/* The container prefix of a type ("set[", "vector[" ...), or NULL. */
static const char *container_of(const char *t, size_t *len){
  static const char *const prefixes[] = { "set[", "table[", "vector[" };
  for(size_t i = 0; i < sizeof prefixes / sizeof *prefixes; i++){
    *len = strlen(prefixes[i]);
    if(strncmp(t, prefixes[i], *len) == 0 && t[strlen(t) - 1] == ']') return prefixes[i];
  }
  return NULL;
}

static void widen_scalar(const char *a, const char *b, char out[64]){
  ZlKind ka = zl_kind_of(a, strlen(a), NULL), kb = zl_kind_of(b, strlen(b), NULL);
  int ra = number_rank(ka), rb = number_rank(kb);
  if(strcmp(a, b) == 0 || strcmp(b, "null") == 0) snprintf(out, 64, "%s", a);
  else if(strcmp(a, "null") == 0) snprintf(out, 64, "%s", b);   /* JSON: only nulls so far */
  else if(ra < 0 || rb < 0) snprintf(out, 64, "string");
  else if(ra != rb) snprintf(out, 64, "%s", ra > rb ? a : b);      /* count < double */
  else snprintf(out, 64, "%s", ra == 0 ? "int" : "double");        /* count/int, time/interval */
}

void zl_type_widen(const char *a, const char *b, char out[64]){
  size_t la, lb;
  const char *ca = container_of(a, &la), *cb = container_of(b, &lb);
  if(!ca && !cb){ widen_scalar(a, b, out); return; }
  if(!ca || !cb){ snprintf(out, 64, "string"); return; }
  char ea[64], eb[64], e[64];
  snprintf(ea, sizeof ea, "%.*s", (int)(strlen(a) - la - 1), a + la);
  snprintf(eb, sizeof eb, "%.*s", (int)(strlen(b) - lb - 1), b + lb);
  widen_scalar(ea, eb, e);
  /* set and table are one thing (Bro <= 2.2 wrote table); set vs vector: vector */
  const char *kind = strcmp(ca, cb) == 0 ? ca : strcmp(ca, "vector[") && strcmp(cb, "vector[") ? "set[" : "vector[";
  snprintf(out, 64, "%s%.48s]", kind, e);
}

int zl_schema_settle(ZlSchema *s){
  for(int i = 0; i < s->n; i++){
    if(strcmp(s->f[i].type, "null")) continue;
    char *type = strdup("string");
    if(!type) return -1;
    free(s->f[i].type);
    s->f[i].type = type;
  }
  return 0;
}

int zl_schema_merge(ZlSchema *into, const ZlSchema *from){
  for(int i = 0; i < from->n; i++){
    const ZlField *f = &from->f[i];
    int at = zl_schema_find_column(into, f->name);
    if(at < 0){
      if(zl_schema_add(into, f->name, strlen(f->name), f->type, strlen(f->type))) return -1;
      into->f[into->n - 1].inferred = f->inferred;
      continue;
    }
    ZlField *g = &into->f[at];
    char wide[64];
    if(g->inferred != f->inferred){           /* the declared type stands */
      if(f->inferred) continue;                 /* into's is declared */
      snprintf(wide, sizeof wide, "%s", f->type);
    }else zl_type_widen(g->type, f->type, wide);
    g->inferred = g->inferred && f->inferred;
    if(strcmp(wide, g->type) == 0) continue;
    char *type = strdup(wide);
    if(!type) return -1;
    free(g->type);
    g->type = type;
    g->kind = zl_kind_of(type, strlen(type), &g->elem);
  }
  return 0;
}

/* Every http.log field from Bro 2.0 to current Zeek, in modern order. */
static const char *const http_all[][2] = {
  {"ts","time"}, {"uid","string"}, {"id.orig_h","addr"}, {"id.orig_p","port"},
  {"id.resp_h","addr"}, {"id.resp_p","port"}, {"trans_depth","count"},
  {"method","string"}, {"host","string"}, {"uri","string"}, {"referrer","string"},
  {"version","string"}, {"user_agent","string"}, {"origin","string"},
  {"request_body_len","count"}, {"response_body_len","count"},
  {"status_code","count"}, {"status_msg","string"}, {"info_code","count"},
  {"info_msg","string"}, {"filename","string"}, {"tags","set[enum]"},
  {"username","string"}, {"password","string"}, {"proxied","set[string]"},
  {"orig_fuids","vector[string]"}, {"orig_filenames","vector[string]"},
  {"orig_mime_types","vector[string]"}, {"resp_fuids","vector[string]"},
  {"resp_filenames","vector[string]"}, {"resp_mime_types","vector[string]"},
  {"mime_type","string"}, {"md5","string"},
};

static int add_table(ZlSchema *out, const char *const (*t)[2], size_t n){
  for(size_t i = 0; i < n; i++){
    if(zl_schema_add(out, t[i][0], strlen(t[i][0]), t[i][1], strlen(t[i][1]))) return -1;
  }
  return 0;
}

int zl_schema_from_layout(const ZlLogLayout *layout, ZlSchema *out){
  memset(out, 0, sizeof *out);
  for(int i = 0; i < layout->nfields; i++){
    const ZlLogField *f = &layout->fields[i];
    if(zl_schema_add(out, f->name, strlen(f->name), f->type, strlen(f->type))){
      zl_schema_free(out);
      return -1;
    }
  }
  return 0;
}

/* The layout SPEC's schema='http' names: Bro 2.3-2.4's 27 fields (the
** notebook's file), the last of 27 in http.log's history. */
static const ZlLogLayout *bro2_http(void){
  int n;
  const ZlLogLayout *all = zl_http_layouts(&n), *found = NULL;
  for(int i = 0; i < n; i++) if(all[i].nfields == 27) found = &all[i];
  return found;
}

int zl_schema_builtin(const char *name, ZlSchema *out){
  memset(out, 0, sizeof *out);
  if(strcmp(name, "http") == 0) return zl_schema_from_layout(bro2_http(), out);
  if(strcmp(name, "http_all") == 0){
    int rc = add_table(out, http_all, sizeof http_all / sizeof *http_all);
    if(rc) zl_schema_free(out);
    return rc;
  }
  return -1;
}

int zl_schema_headerless(const char *name, ZlSchema **out, int *n){
  const ZlLogLayout *all = zl_http_layouts(n), *first = bro2_http();
  if(strcmp(name, "http") && strcmp(name, "http_all")) return -1;
  *out = calloc((size_t)*n, sizeof **out);
  if(!*out) return -1;
  const ZlLogLayout *order[16];
  int m = 0;
  order[m++] = first;                               /* SPEC's layout, then newest first */
  for(int k = *n - 1; k >= 0 && m < 16; k--) if(&all[k] != first) order[m++] = &all[k];
  *n = m;
  for(int i = 0; i < *n; i++){
    if(zl_schema_from_layout(order[i], &(*out)[i]) == 0) continue;
    zl_schema_free_all(*out, i);
    *out = NULL;
    return -1;
  }
  return 0;
}

void zl_schema_free_all(ZlSchema *s, int n){
  for(int i = 0; s && i < n; i++) zl_schema_free(&s[i]);
  free(s);
}

const char *zl_schema_guess_type(const char *name){
  const char *type = zl_zeek_field_type(name);
  if(type) return type;
  for(size_t i = 0; i < sizeof http_all / sizeof *http_all; i++){
    if(strcmp(http_all[i][0], name) == 0) return http_all[i][1];
  }
  return "string";
}

static char *parse_error(const char *what, const char *at, size_t n){
  return zl_message("fields=: %s in '%.*s'", what, (int)n, at);
}

/* A type a user may write in fields=: Zeek's loggable types. */
static int known_type(const char *t, size_t n){
  static const char *const scalars[] = {
    "time", "interval", "double", "count", "int", "port", "bool", "addr",
    "subnet", "string", "enum", "pattern", "func", "file",
  };
  static const char *const containers[] = { "set[", "table[", "vector[" };
  for(size_t i = 0; i < sizeof containers / sizeof *containers; i++){
    size_t k = strlen(containers[i]);
    if(n > k + 1 && memcmp(t, containers[i], k) == 0 && t[n - 1] == ']') return known_type(t + k, n - k - 1);
  }
  for(size_t i = 0; i < sizeof scalars / sizeof *scalars; i++){
    if(strlen(scalars[i]) == n && memcmp(t, scalars[i], n) == 0) return 1;
  }
  return 0;
}

int zl_schema_parse(const char *spec, ZlSchema *out, char **err){
  memset(out, 0, sizeof *out);
  const char *p = spec;
  for(;;){
    while(*p == ' ' || *p == ',' || *p == '\t' || *p == '\n') p++;
    if(!*p) break;
    size_t n = strcspn(p, " ,\t\n");
    const char *colon = memchr(p, ':', n);
    if(!colon || colon == p || colon == p + n - 1){
      *err = parse_error("expected name:type", p, n);
      zl_schema_free(out);
      return -1;
    }
    if(!known_type(colon + 1, (size_t)(p + n - colon - 1))){
      *err = parse_error("unknown Zeek type (time, interval, double, count, int, port, bool,"
                         " addr, subnet, string, enum, set[T], vector[T], ...)", p, n);
      zl_schema_free(out);
      return -1;
    }
    if(zl_schema_add(out, p, (size_t)(colon - p), colon + 1, (size_t)(p + n - colon - 1))){
      *err = strdup("out of memory");
      zl_schema_free(out);
      return -1;
    }
    p += n;
  }
  if(out->n == 0){ *err = strdup("fields=: no fields given"); return -1; }
  return 0;
}
