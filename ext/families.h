/*
** zeeklog.h — what the SQL layer files share: one registration function per
** family, each called once per connection by sqlite3_zeeklog_init().
** Each returns an SQLite result code and leaves an error message in *pzErr
** (sqlite3_mprintf'd) when it fails.
*/
#ifndef ZEEKLOG_H
#define ZEEKLOG_H

#include "sqlite3ext.h"

#define ZEEKLOG_VERSION "0.1.0"

int zeeklog_register_vtab(sqlite3 *db, char **pzErr);       /* sql_vtab.c */
int zeeklog_register_mode(sqlite3 *db, char **pzErr);       /* sql_mode.c */
int zeeklog_register_time(sqlite3 *db, char **pzErr);       /* sql_time.c */
int zeeklog_register_regexp(sqlite3 *db, char **pzErr);     /* sql_regexp.c */
int zeeklog_register_signatures(sqlite3 *db, char **pzErr); /* sql_signatures.c */

#endif
