/*
** state.c — the scan's small shared answers (scan.h, scan_parts.h): its
** error, and where the current row is.
*/
#include "scan/scan_parts.h"
#include "base/message.h"

#include <stdarg.h>
#include <stdlib.h>

int zl_scan_fail(ZlScan *s, const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  free(s->err);
  s->err = zl_vmessage(fmt, ap);
  va_end(ap);
  return -1;
}

const char *zl_scan_path(const ZlScan *s){ return s->path ? s->path : ""; }
uint64_t zl_scan_line(const ZlScan *s){ return s->line_no; }
const ZlTsvFormat *zl_scan_format(const ZlScan *s){ return &s->hdr.fmt; }
