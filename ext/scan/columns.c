/*
** columns.c — a column's value in the current row (see columns.h).
*/
#include "scan/columns.h"
#include "parser/escapes.h"
#include "parser/numbers.h"

#include <string.h>

static void set_text(ZlPart *out, const char *p, size_t n){
  out->type = ZL_PART_TEXT;
  out->p = p;
  out->n = n;
}

static int text_value(const ZlCell *v, ZlBuf *buf, ZlPart *out){
  if(v->kind == ZL_CELL_EMPTY){ set_text(out, "", 0); return 0; }
  if(v->kind != ZL_CELL_ZEEK || !memchr(v->p, '\\', v->n)){ set_text(out, v->p, v->n); return 0; }
  buf->n = 0;
  if(zl_buf_reserve(buf, v->n + 1)) return -1;
  set_text(out, buf->p, zl_unescape(v->p, v->n, buf->p));
  return 0;
}

static int set_value(ZlScan *s, const ZlCell *v, ZlKind elem, ZlBuf *buf, ZlPart *out){
  if(v->kind == ZL_CELL_EMPTY){ set_text(out, "[]", 2); return 0; }
  if(v->kind != ZL_CELL_ZEEK){ set_text(out, v->p, v->n); return 0; }
  const ZlTsvFormat *f = zl_scan_format(s);
  buf->n = 0;
  if(zl_set_to_json(buf, v->p, v->n, f->set_sep, f->set_sep_len, elem)) return 0;  /* NULL */
  set_text(out, buf->p, buf->n);
  return 0;
}

static void number_value(const ZlValue *v, ZlPart *out){
  if(v->state == ZL_V_INT){ out->type = ZL_PART_INT; out->i = v->i; }
  else if(v->state == ZL_V_REAL){ out->type = ZL_PART_REAL; out->r = v->d; }
}

static int field_value(ZlScan *s, int field, ZlBuf *buf, ZlPart *out){
  const ZlField *f = &s->cfg->columns.f[field];
  ZlCell v;
  if(f->kind != ZL_TEXT && f->kind != ZL_SET){ number_value(&s->vals[field], out); return 0; }
  if(zl_scan_cell(s, field, &v)) return -1;
  if(v.kind == ZL_CELL_NULL) return 0;
  return f->kind == ZL_TEXT ? text_value(&v, buf, out) : set_value(s, &v, f->elem, buf, out);
}

static int ts_iso_value(ZlScan *s, int field, ZlBuf *buf, ZlPart *out){
  const ZlValue *v = &s->vals[field];
  ZlCell raw;
  if(v->state != ZL_V_REAL) return 0;
  if(zl_scan_cell(s, field, &raw) || raw.kind != ZL_CELL_ZEEK){ raw.p = NULL; raw.n = 0; }
  buf->n = 0;
  if(zl_buf_reserve(buf, 32)) return -1;
  size_t n = zl_format_iso(raw.p, raw.n, v->d, buf->p);
  if(n) set_text(out, buf->p, n);
  return 0;
}

int zl_column_value(ZlScan *s, const ZlColumn *col, ZlBuf *buf, ZlPart *out){
  memset(out, 0, sizeof *out);                   /* ZL_PART_NULL */
  switch(col->kind){
    case ZL_COL_FIELD: return field_value(s, col->field, buf, out);
    case ZL_COL_TS_ISO: return ts_iso_value(s, col->field, buf, out);
    case ZL_COL_FILE: {
      const char *path = zl_scan_path(s);
      set_text(out, path, strlen(path));
      return 0;
    }
    case ZL_COL_LINE: out->type = ZL_PART_INT; out->i = (int64_t)zl_scan_line(s); return 0;
    case ZL_COL_ARG: return 0;
  }
  return 0;
}
