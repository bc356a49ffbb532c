/*
** chunk.c — validating and splitting data lines (see chunk.h).
*/
#include "parser/chunk.h"
#include "base/message.h"
#include "parser/json.h"
#include "parser/numbers.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>

/* Digits only, short enough not to overflow: the usual port, count, code. */
static inline int parse_small_count(const char *p, size_t n, int64_t *out){
  int64_t v = 0;
  if(n == 0 || n > 18) return -1;
  for(size_t i = 0; i < n; i++){
    unsigned d = (unsigned)(unsigned char)p[i] - '0';
    if(d > 9) return -1;
    v = v * 10 + d;
  }
  *out = v;
  return 0;
}

/* One number, time or bool field; -1 when it does not parse. Markers and
** empty text are NULL. */
static int parse_value(const ZlLayout *p, ZlKind kind, const ZlSpan *v, ZlValue *out){
  const ZlTsvFormat *f = p->fmt;
  int is_big, b;
  if(v->n == 0 || zl_is_marker(v, f->unset, f->unset_len) || zl_is_marker(v, f->empty, f->empty_len)){
    out->state = ZL_V_NULL;
    return 0;
  }
  switch(kind){
    case ZL_INT:
      out->state = ZL_V_INT;
      if(parse_small_count(v->p, v->n, &out->i) == 0) return 0;
      if(zl_parse_int(v->p, v->n, &out->i, &is_big, &out->d)) return -1;
      if(is_big) out->state = ZL_V_REAL;
      return 0;
    case ZL_BOOL:
      if(zl_parse_bool(v->p, v->n, &b)) return -1;
      out->i = b;
      out->state = ZL_V_INT;
      return 0;
    default:
      if(zl_parse_double(v->p, v->n, &out->d)) return -1;
      out->state = isnan(out->d) ? ZL_V_NULL : ZL_V_REAL;
      return 0;
  }
}

int zl_layout_take_line(const ZlLayout *p, const char *line, size_t len,
                      ZlSpan *spans, ZlValue *vals, char **why){
  int n = zl_tsv_split(p->fmt, line, len, spans, p->nstored);
  if(n != p->nfields){
    *why = zl_message("expected %d fields, found %d", p->nfields, n);
    return 0;
  }
  const ZlSchema *cols = p->columns;
  for(int k = 0; k < p->ntyped; k++){
    int c = p->typed[k];
    const ZlSpan *v = &spans[p->map[c]];
    if(parse_value(p, p->kind[c], v, &vals[k])){
      *why = zl_message("%s '%.*s' is not a %s", cols->f[c].name, (int)(v->n > 40 ? 40 : v->n),
                    v->p, p->block->f[p->map[c]].type);
      return 0;
    }
  }
  return 1;
}

/* A JSON line's first key that no column has, for a strict error. */
static int first_unknown(void *ctx, const char *key, size_t n, const ZlJsonValue *v){
  char **out = ((void **)ctx)[0];
  const ZlJsonKeys *keys = ((void **)ctx)[1];
  (void)v;
  if(zl_json_keys_find(keys, key, n) >= 0) return 0;
  *out = zl_message("key '%.*s' is not a column (it was not in the sampled lines)", (int)(n > 60 ? 60 : n), key);
  return 1;
}

int zl_layout_take_json(const ZlLayout *p, ZlJsonLine *jl, const char *line, size_t len,
                        size_t readable, ZlJsonValue *cells, ZlValue *vals, char **why){
  if(zl_json_line_scan_ahead(jl, p->keys, line, len, readable)){
    *why = zl_message("not a JSON object: %s at byte %zu", jl->error, jl->error_at + 1);
    return 0;
  }
  for(int k = 0; k < p->njson; k++) cells[k] = jl->cells[p->jcol[k]];
  for(int k = 0; k < p->ntyped; k++){
    int c = p->typed[k];
    if(zl_json_value(&jl->cells[c], p->kind[c], p->declared[c], &vals[k])){
      *why = zl_message("%s is not a %s", p->columns->f[c].name, p->columns->f[c].type);
      return 0;
    }
  }
  if(p->strict && jl->unknown_keys){
    void *ctx[2] = { why, (void *)p->keys };
    ZlBuf scratch = {0};
    zl_json_line_members(line, len, first_unknown, ctx, &scratch, NULL, NULL);
    zl_buf_free(&scratch);
    return 0;
  }
  return 1;
}

/* Room for one more row's results. */
static int grow_rows(ZlChunk *c){
  if(c->nrows < c->rows_cap) return 0;
  int cap = c->rows_cap ? c->rows_cap * 2 : 1024;
  size_t ntyped = (size_t)c->layout->ntyped, nstored = (size_t)c->layout->nstored;
  size_t njson = (size_t)c->layout->njson;
  if(c->layout->json){
    ZlJsonValue *cells = realloc(c->jcells, (size_t)cap * (njson ? njson : 1) * sizeof *cells);
    if(!cells) return -1;
    c->jcells = cells;
    nstored = 0;
  }
  uint32_t *line = realloc(c->row_line, (size_t)cap * sizeof *line);
  if(line) c->row_line = line;
  ZlSpan *text = realloc(c->row_text, (size_t)cap * sizeof *text);
  if(text) c->row_text = text;
  ZlSpan *spans = realloc(c->spans, (size_t)cap * (nstored ? nstored : 1) * sizeof *spans);
  if(spans) c->spans = spans;
  ZlValue *vals = realloc(c->vals, (size_t)cap * (ntyped ? ntyped : 1) * sizeof *vals);
  if(vals) c->vals = vals;
  if(!line || !text || !spans || !vals) return -1;
  c->rows_cap = cap;
  c->cap_stored = (int)nstored;
  c->cap_typed = (int)ntyped;
  c->cap_json = c->layout->json ? (int)njson : 0;
  return 0;
}

void zl_chunk_parse(ZlChunk *c){
  const ZlLayout *p = c->layout;
  const char *at = c->buf, *end = c->buf + c->len;
  size_t ntyped = (size_t)p->ntyped, nstored = (size_t)p->nstored;
  c->nrows = 0;
  c->nlines = 0;
  c->skipped = 0;
  c->oom = 0;
  free(c->err);
  c->err = NULL;
  free(c->first_bad);
  c->first_bad = NULL;
  c->unknown_keys = 0;
  /* A chunk sized for another block's rows (fewer fields) grows afresh. */
  if(c->cap_stored < (p->json ? 0 : p->nstored) || c->cap_typed < p->ntyped
     || c->cap_json < (p->json ? p->njson : 0)) c->rows_cap = 0;
  if(p->json && c->jline_keys != p->keys){       /* the scanner's state, made once */
    zl_json_line_free(&c->jline);
    c->jline_keys = NULL;
    if(zl_json_line_init(&c->jline, p->keys)){ c->oom = 1; c->err_row = 0; c->err_line = 0; return; }
    c->jline_keys = p->keys;
  }
  while(at < end){
    if(*at == '\n'){ c->nlines++; at++; continue; }  /* a blank line: neither row nor bad */
    const char *nl = memchr(at, '\n', (size_t)(end - at));
    const char *stop = nl ? nl : end;
    size_t len = (size_t)(stop - at);
    if(len && at[len - 1] == '\r') len--;
    uint32_t line = c->nlines++;
    if(len == 0){ at = stop + 1; continue; }          /* a blank line: neither row nor bad */
    if(grow_rows(c)){ c->oom = 1; c->err_row = c->nrows; c->err_line = line; return; }
    char *why = NULL;
    int ok;
    if(len > p->max_line){
      why = zl_message("line longer than max_line=%zu bytes", p->max_line);
      ok = 0;
    }else if(p->json){
      ok = zl_layout_take_json(p, &c->jline, at, len, (size_t)(end - at),
                               c->jcells + (size_t)c->nrows * (size_t)p->njson,
                               c->vals + (size_t)c->nrows * ntyped, &why);
      c->unknown_keys += (uint64_t)c->jline.unknown_keys;
    }else{
      ok = zl_layout_take_line(p, at, len, c->spans + (size_t)c->nrows * nstored,
                               c->vals + (size_t)c->nrows * ntyped, &why);
    }
    if(ok){
      c->row_line[c->nrows] = line;
      c->row_text[c->nrows] = (ZlSpan){ at, len };
      c->nrows++;
    }else if(p->strict){
      c->err = why ? why : zl_message("bad line");
      c->err_row = c->nrows;
      c->err_line = line;
      return;
    }else{
      if(c->skipped++ == 0){ c->first_bad = why; c->first_bad_line = line; }
      else free(why);
    }
    at = stop + 1;
  }
}

void zl_chunk_free(ZlChunk *c){
  free(c->buf);
  free(c->row_line);
  free(c->row_text);
  free(c->spans);
  free(c->vals);
  free(c->err);
  free(c->first_bad);
  free(c->jcells);
  if(c->jline_keys) zl_json_line_free(&c->jline);
  memset(c, 0, sizeof *c);
}
