/*
** columns.c — a column's value in the current row (see columns.h).
*/
#include "scan/columns.h"
#include "parser/escapes.h"
#include "parser/numbers.h"

#include <math.h>
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
  if(zl_set_to_json(buf, v->p, v->n, f, elem)) return 0;  /* NULL */
  set_text(out, buf->p, buf->n);
  return 0;
}

static int is_typed(ZlKind k){ return k != ZL_TEXT && k != ZL_SET; }

/* A number as its column holds it: a count in a column widened to double is
** REAL. */
static void number_value(const ZlValue *v, ZlKind column, ZlPart *out){
  if(v->state == ZL_V_INT && (column == ZL_REAL || column == ZL_TIME)){
    out->type = ZL_PART_REAL;
    out->r = (double)v->i;
  }else if(v->state == ZL_V_INT){ out->type = ZL_PART_INT; out->i = v->i; }
  else if(v->state == ZL_V_REAL){ out->type = ZL_PART_REAL; out->r = v->d; }
}

/* The element type a set is written with: the wider of the column's and
** the block's (count < double < string), so no element is refused. */
static ZlKind wider_elem(ZlKind column, ZlKind block){
  if(column == block) return column;
  if(column == ZL_TEXT || block == ZL_TEXT || column == ZL_BOOL || block == ZL_BOOL) return ZL_TEXT;
  return ZL_REAL;
}

/* A field as its column holds it. The line was validated by its header
** block's types (s->kind); a column that is wider than the block's type
** (the union of files that differ) gets the value widened. */
static int field_value(ZlScan *s, int c, ZlBuf *buf, ZlPart *out){
  const ZlField *f = &s->cfg->columns.f[c];
  ZlKind block = s->kind[c];
  ZlCell v;
  if(is_typed(block) && is_typed(f->kind)){ number_value(&s->vals[c], f->kind, out); return 0; }
  if(zl_scan_cell(s, c, &v)) return -1;
  if(v.kind == ZL_CELL_NULL) return 0;
  if(block == ZL_SET) return set_value(s, &v, wider_elem(f->elem, s->elem[c]), buf, out);
  return text_value(&v, buf, out);       /* text, or a number in a column widened to text */
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

static void bucket_value(const ZlScan *s, const ZlColumn *col, ZlPart *out){
  const ZlValue *v = &s->vals[col->field];
  if(v->state != ZL_V_REAL || !(v->d > -9e15 && v->d < 9e15)) return;   /* NULL, inf */
  int64_t secs = (int64_t)floor(v->d);
  int64_t start = secs - ((secs % col->width) + col->width) % col->width;
  out->type = ZL_PART_INT;
  out->i = start;
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
    case ZL_COL_BUCKET: bucket_value(s, col, out); return 0;
    case ZL_COL_ROWS: out->type = ZL_PART_INT; out->i = 1; return 0;
    case ZL_COL_FIRST_TS: case ZL_COL_LAST_TS:
      number_value(&s->vals[col->field], ZL_TIME, out);
      return 0;
  }
  return 0;
}
