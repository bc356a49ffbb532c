/*
** zeeklog — a SQLite extension for Zeek (Bro) logs.
**
**   .load ./build/zeeklog
**   CREATE VIRTUAL TABLE temp.http USING zeek('http.log');
**   SELECT status_code, count(*) FROM http GROUP BY 1;
**
** This file is only the entry point: it registers each family of the
** extension (see zeeklog.h) and zeeklog_version().
*/
#include <stddef.h>

#include "families.h"
SQLITE_EXTENSION_INIT1

static void versionFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  (void)argc; (void)argv;
  sqlite3_result_text(ctx, ZEEKLOG_VERSION, -1, SQLITE_STATIC);
}

#ifdef _WIN32
__declspec(dllexport)
#endif
int sqlite3_zeeklog_init(sqlite3 *db, char **pzErr,
                         const sqlite3_api_routines *pApi){
  static int (*const families[])(sqlite3 *, char **) = {
    zeeklog_register_vtab,
    zeeklog_register_mode,
    zeeklog_register_time,
    zeeklog_register_regexp,
    zeeklog_register_signatures,
    zeeklog_register_uri,
    zeeklog_register_addr,
    zeeklog_register_stats,
    zeeklog_register_dns,
    zeeklog_register_beacon,
  };
  SQLITE_EXTENSION_INIT2(pApi);
  int rc = sqlite3_create_function(db, "zeeklog_version", 0,
               SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
               0, versionFunc, 0, 0);
  for(size_t i = 0; rc == SQLITE_OK && i < sizeof(families)/sizeof(families[0]); i++){
    rc = families[i](db, pzErr);
  }
  return rc;
}
