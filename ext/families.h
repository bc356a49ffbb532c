/*
** families.h — one registration function per family of the extension, each
** called once per connection by sqlite3_zeeklog_init() (zeeklog.c).
** Each returns an SQLite result code and leaves an error message in *pzErr
** (sqlite3_mprintf'd) when it fails.
*/
#ifndef ZL_FAMILIES_H
#define ZL_FAMILIES_H

#include "sqlite3ext.h"

#define ZEEKLOG_VERSION "0.1.0"

int zeeklog_register_vtab(sqlite3 *db, char **pzErr);       /* vtab/module.c */
int zeeklog_register_mode(sqlite3 *db, char **pzErr);       /* func/mode/ */
int zeeklog_register_time(sqlite3 *db, char **pzErr);       /* func/time/ */
int zeeklog_register_regexp(sqlite3 *db, char **pzErr);     /* func/regexp/ */
int zeeklog_register_signatures(sqlite3 *db, char **pzErr); /* func/signatures/ */
int zeeklog_register_uri(sqlite3 *db, char **pzErr);        /* func/uri/ */
int zeeklog_register_addr(sqlite3 *db, char **pzErr);       /* func/addr/ */
int zeeklog_register_stats(sqlite3 *db, char **pzErr);      /* func/stats/ */
int zeeklog_register_dns(sqlite3 *db, char **pzErr);        /* func/dns/ */
int zeeklog_register_beacon(sqlite3 *db, char **pzErr);     /* func/beacon/ */

#endif
