/*
** message.c — formatted error messages (see message.h).
*/
#include "base/message.h"

#include <stdio.h>
#include <stdlib.h>

char *zl_vmessage(const char *fmt, va_list ap){
  va_list again;
  va_copy(again, ap);
  int n = vsnprintf(NULL, 0, fmt, again);
  va_end(again);
  if(n < 0) return NULL;
  char *m = malloc((size_t)n + 1);
  if(m) vsnprintf(m, (size_t)n + 1, fmt, ap);
  return m;
}

char *zl_message(const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  char *m = zl_vmessage(fmt, ap);
  va_end(ap);
  return m;
}
