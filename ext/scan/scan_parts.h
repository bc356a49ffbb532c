/*
** scan_parts.h — what the files of the scan share (scan.h is the scan's
** public face):
**   scan.c     files, cutting them into chunks, the chunk queue, rows, cells
**   block.c    the layout of a file's data lines (TSV blocks, JSON, headerless)
**   inorder.c  the lines handled in order: directives, first lines, the log
**              type, and the accounting of rows and bad lines
**   state.c    the error, the current path and line
** No SQLite in here.
*/
#ifndef ZL_SCAN_PARTS_H
#define ZL_SCAN_PARTS_H

#include "scan/scan.h"

static inline int zl_is_typed(ZlKind k){ return k != ZL_TEXT && k != ZL_SET; }

/* state.c */
int zl_scan_fail(ZlScan *s, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* block.c: after each, s->layout is what the workers read lines by. */
int zl_scan_use_block(ZlScan *s);                  /* the header block's fields */
void zl_scan_use_json(ZlScan *s);                  /* a JSON log */
int zl_scan_use_configured(ZlScan *s, const char *line, size_t len);  /* headerless */
void zl_scan_update_layout(ZlScan *s);
int zl_scan_grow_spans(ZlScan *s, int need);
int zl_scan_json_keys(ZlScan *s);                  /* once per scan */

/* inorder.c */
int zl_scan_take_line_chunk(ZlScan *s, ZlChunk *ch);   /* 1 row, 0 none, -1 error */
int zl_scan_bad_line(ZlScan *s, const char *why);      /* counted, or the strict error */
void zl_scan_note_bad(ZlScan *s, uint64_t line, const char *why);
int zl_scan_row_taken(ZlScan *s);                      /* 1 */
void zl_scan_spread(ZlScan *s, const ZlValue *typed_vals);

#endif
