/*
** table.h — what the files of the zeek module share: the per-connection
** state, the table, and each file's entry points. SQL layer.
**
**   options.c   zeek(...)'s arguments, defaults resolved once
**   declare.c   the table's fields (options or headers) and its SQL columns
**   plan.c      xBestIndex's plan, and its idxStr text both ways
**   prune.c     skipping archives a `ts` bound rules out (file facts)
**   rows.c      the row sources: plain and grouped scans
**   module.c    the zeek and zeek_http modules' methods
**   stats.c     zeek_skipped(), zeek_stats()
**   attach.c    zeek_attach(): a log directory as one table per log type
*/
#ifndef ZL_TABLE_H
#define ZL_TABLE_H

#include "sqlite3ext.h"
#include "scan/columns.h"
#include "scan/facts.h"
#include "scan/scan.h"
#include "group/grouped_scan.h"

/* Columns a table has beyond the log's fields: ts_iso, path, _file, _line,
** ts_minute, ts_hour, ts_day (a summary: bucket, rows, first_ts, last_ts). */
#define ZL_EXTRA_COLUMNS 8

typedef struct ZeekTable ZeekTable;

/* Per connection: the live tables (for zeek_stats()) and the facts learnt
** about files. Every module and function holds a reference: SQLite destroys
** them one by one at close, in no set order. */
typedef struct ZeekState { ZeekTable *tables; ZlFacts *facts; int refs; } ZeekState;

struct ZeekTable {
  sqlite3_vtab base;
  sqlite3 *db;
  ZeekState *state;
  ZeekTable *next;            /* in state->tables */
  char *name;
  ZlScanConfig cfg;
  ZlSchema *headerless;       /* cfg.headerless: the layouts of headerless files */
  int nheaderless;
  char *headerless_name;      /* cfg.headerless_name: how the user asked for it */
  ZlColumn *cols;             /* what each SQL column shows */
  int ncols;
  int is_function;            /* zeek_http(): the path is an argument */
  int ts_col;                 /* SQL column of a `ts` of type time, or -1 */
  size_t group_memory;        /* bytes per pass of a grouped scan */
  int ts_field;               /* the field of a `ts` of type time, or -1 */
  ZlColumn group[ZL_GROUPED_MAX_COLS];  /* a summary table (group=): its groups */
  int ngroup;                 /* 0: a table of log rows */
  ZlScanStats last;           /* the last scan that reached the end */
  char *unreadable;           /* a stored table whose files cannot be read: why */
};

/* options.c */
typedef struct ZeekOptions {
  char *path, *schema, *fields, *names, *group, *bucket;
  sqlite3_int64 strict, max_line, max_fields, threads, group_memory;
} ZeekOptions;
/* Reads zeek(...)'s arguments (argv[3..]); NULL, or an sqlite3_mprintf'd message. */
char *zl_options_parse(int argc, const char *const *argv, ZeekOptions *o);
void zl_options_free(ZeekOptions *o);
int zl_default_threads(void);

/* declare.c */
/* The table's fields: a built-in layout, fields=, or the files' headers.
** NULL, or an sqlite3_mprintf'd message. */
char *zl_table_fields(ZeekTable *t, const ZeekOptions *o);
/* group= and bucket=: the summary's groups, from the table's fields. NULL,
** or an sqlite3_mprintf'd message. */
char *zl_table_groups(ZeekTable *t, const ZeekOptions *o);
/* Lays out the SQL columns and declares them; an SQLite rc (*pzErr set). */
int zl_table_declare(sqlite3 *db, ZeekTable *t, int dotted, char **pzErr);

/* stats.c */
int zl_register_stats(sqlite3 *db, ZeekState *st);

/* attach.c: zeek_attach('dir') */
int zl_register_attach(sqlite3 *db);

#endif
