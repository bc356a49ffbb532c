/*
** message.h — malloc'd, printf-formatted messages for the cores' errors
** (the SQL layer turns them into SQLite errors). No SQLite in here.
**
**   char *err = zl_message("cannot open '%s': %s", path, strerror(errno));
*/
#ifndef ZL_MESSAGE_H
#define ZL_MESSAGE_H

#include <stdarg.h>

/* NULL only when memory runs out. */
char *zl_message(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
char *zl_vmessage(const char *fmt, va_list ap);

#endif
