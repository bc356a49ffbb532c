/*
** json_line.c — one JSON log line scanned in place (see json_line.h).
**
** Zeek writes one flat object per line: scalars and arrays of scalars. So
** instead of building a tree, the scanner walks the line once, looks each
** key up in a hash index of the names the query wants and records where the
** value lies; everything else is validated and forgotten. What makes it fast
** (bench/json_parsers measures it against cJSON, json-c and simdjson):
**   - a line with no backslash and no control byte (nearly every Zeek line)
**     has all its quotes found first, 32 or 16 bytes a step: each string is
**     then two quotes taken from a bitmap, with no search and no dependency
**     on the bytes before it; other lines look for each string's end 16
**     bytes at a time;
**   - numbers are measured 32 bytes at a time, without a loop;
**   - Zeek writes the keys in one order, so the key that followed the last
**     one on the previous line is tried before the hash;
**   - wide loads may read past the line into the caller's buffer
**     (zl_json_line_scan_ahead), so they need no care near its end.
** The fast paths only ever accept what the byte-by-byte reference functions
** (*_exact) accept; anything else is handed to those, which alone decide
** what is wrong and where.
**
** Where this is stricter than cJSON (today's parser), by RFC 8259:
**   - leading zeros (01, -01), a '.' without digits on a side (1., 1.e5,
**     -.5);
**   - control characters (< 0x20) inside strings, and as whitespace (cJSON
**     skips every byte <= ' ' between tokens);
**   - \u escapes whose four characters are not hex digits (cJSON reads
**     them as U+0000).
** And where it accepts what zeeklog refused with cJSON: a '\n' after the
** object (RFC whitespace; the caller of cJSON allowed only ' ', '\t', '\r'
** there; a line never holds one anyway).
** The same in both: invalid UTF-8 accepted as bytes, lone surrogates
** rejected, a byte order mark before the object ignored, nesting up to
** ZL_JSON_MAX_DEPTH.
**
** The files, by concern (json_line_internal.h is what they share):
**   json_keys.c    the key index and the key guesses; the CPU's fast paths
**   json_index.c   a line's quote index (SSE2, AVX2)
**   json_walk.c    the indexed walk, for SSE2 and for AVX2/BMI2
**   json_scan.c    the generic walk and the reference functions
**   json_values.c  strings decoded, numbers converted, arrays compacted
**   json_line.c    the entry points: a line's scan, its members
*/
#include "parser/json_line_internal.h"

#include <stdlib.h>
#include <string.h>

int zl_json_line_init(ZlJsonLine *row, const ZlJsonKeys *keys){
  memset(row, 0, sizeof *row);
  size_t n = keys->n > 0 ? (size_t)keys->n : 1;
  row->words = (int)((n + 63) / 64);
  /* Before cells[0], the spares the walks write unknown keys' values to. */
  row->cells = calloc(n + UNKNOWN_KEYS + 1, sizeof *row->cells);
  if(row->cells) row->cells += UNKNOWN_KEYS + 1;
  row->filled = calloc((size_t)row->words, sizeof *row->filled);
  row->live = calloc((size_t)row->words, sizeof *row->live);
  row->key_buf = malloc(keys->max_len + 1);
  row->guess = malloc(GUESSES(keys) * sizeof *row->guess);
  row->unknown = malloc(UNKNOWN_KEYS * sizeof *row->unknown);
  if(!row->cells || !row->filled || !row->live || !row->key_buf || !row->guess || !row->unknown){
    zl_json_line_free(row);
    return -1;
  }
  for(size_t i = 0; i < GUESSES(keys); i++) zl_json_guess_none(&row->guess[i]);
  return 0;
}

void zl_json_line_free(ZlJsonLine *row){
  free(row->cells ? row->cells - (UNKNOWN_KEYS + 1) : NULL);
  free(row->filled);
  free(row->live);
  free(row->key_buf);
  free(row->guess);
  free(row->unknown);
  memset(row, 0, sizeof *row);
}

/* A line's scan begins: the cells marked filled may be left over (live). */
static void begin_line(ZlJsonLine *row){
  for(int w = 0; w < row->words; w++){
    row->live[w] |= row->filled[w];
    row->filled[w] = 0;
  }
  row->nset = row->members = row->unknown_keys = 0;
}

static size_t trimmed(const char *line, size_t len){
  while(len > 0 && is_ws(line[len - 1])) len--;
  return len;
}

int zl_json_line_scan(ZlJsonLine *row, const ZlJsonKeys *keys, const char *line, size_t len){
  return zl_json_line_scan_ahead(row, keys, line, len, len);
}

int zl_json_line_scan_ahead(ZlJsonLine *row, const ZlJsonKeys *keys, const char *line, size_t len,
                            size_t readable){
  row->error = NULL;
  row->error_at = 0;
  if(readable < len) readable = len;
  begin_line(row);
  size_t tlen = trimmed(line, len);
#if defined(JSON_SIMD)
  if(keys->simd != ZL_JSON_SIMD_NONE){
#if defined(HAVE_AVX2_PATH)
    if(keys->simd == ZL_JSON_SIMD_AVX2 ? zl_json_indexed_scan_avx2(row, keys, line, tlen, readable) == 0
                                       : zl_json_indexed_scan_sse2(row, keys, line, tlen, readable) == 0) return 0;
#else
    if(zl_json_indexed_scan_sse2(row, keys, line, tlen, readable) == 0) return 0;
#endif
    begin_line(row);                            /* the generic walk says why */
  }
#else
  (void)tlen;
#endif
  Scan s = {line + len, line + readable, NULL, NULL};
  Sink sink = {.row = row, .keys = keys};
  row->walk = ZL_JSON_WALK_GENERIC;
  if(zl_json_scan_object(&s, NULL, line, SINK_KEYS, &sink) == 0) return end_line(row);
  begin_line(row);
  row->error = s.error;
  row->error_at = (size_t)(s.error_at - line);
  return -1;
}

int zl_json_line_members(const char *line, size_t len, ZlJsonMemberFn fn, void *ctx,
                         ZlBuf *scratch, const char **error, size_t *error_at){
  Sink sink = {.fn = fn, .ctx = ctx, .scratch = scratch};
  size_t tlen = trimmed(line, len);
  LineIndex ix;
  QuoteIter qi, again;
  Scan fast = {line + tlen, line + len, NULL, NULL}, s = {line + len, line + len, NULL, NULL};
  int indexed = zl_json_index_line(line, tlen, len, &ix, &qi) == 0;
  if(indexed){
    again = qi;
    indexed = zl_json_scan_object(&fast, &qi, line, SINK_VALIDATE, &sink) == 0;
  }
  if(!indexed && zl_json_scan_object(&s, NULL, line, SINK_VALIDATE, &sink) != 0){   /* the reference says why */
    if(error) *error = s.error;
    if(error_at) *error_at = (size_t)(s.error_at - line);
    return -1;
  }
  int rc = indexed ? zl_json_scan_object(&fast, &again, line, SINK_CALL, &sink)
                   : zl_json_scan_object(&s, NULL, line, SINK_CALL, &sink);
  if(sink.out_of_memory){
    if(error) *error = "out of memory";
    if(error_at) *error_at = 0;
    return -1;
  }
  return rc;
}
