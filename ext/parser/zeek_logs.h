/*
** zeek_logs.h — the standard Zeek log layouts: every field's name and Zeek
** type, in the order Zeek writes them, for the logs current Zeek (8.2) writes
** with its default scripts and the policy scripts commonly loaded, plus
** http.log through its history. Pure data and lookups: no SQLite, no
** allocation. Where the data comes from: docs/log-layouts.md.
*/
#ifndef ZL_ZEEK_LOGS_H
#define ZL_ZEEK_LOGS_H

typedef struct ZlLogField {
  const char *name;        /* "id.orig_h" */
  const char *type;        /* "addr", "set[string]" (as a #types line writes it) */
} ZlLogField;

typedef struct ZlLogLayout {
  const char *path;        /* the log's #path / JSON _path: "conn", "http", "smb_files", ... */
  const char *since;       /* which Zeek/Bro versions write exactly this layout, e.g. "Zeek 6.0-8.2" */
  const ZlLogField *fields;
  int nfields;
} ZlLogLayout;

/* Current Zeek's layout of the log with that #path, or NULL. A log Zeek 8
** stopped writing (dpd) keeps the last layout it had. */
const ZlLogLayout *zl_zeek_log(const char *path);
/* Every current layout, sorted by path; *n gets their number. */
const ZlLogLayout *zl_zeek_logs(int *n);
/* http.log through history, oldest first: Bro 2.0-2.1 (26 fields), Bro 2.2
** (27, sets written table[...]), Bro 2.3-2.4 (27), Bro 2.5-2.6 (29),
** Zeek 3.0 on (30). */
const ZlLogLayout *zl_http_layouts(int *n);
/* The Zeek type a field of that name has in the current layouts; when logs
** disagree, the type that holds them all (count < int < double, anything
** else: "string"). NULL for a name no layout has. */
const char *zl_zeek_field_type(const char *name);
/* The log type a file name names: "conn.log", "conn.09:00:00-10:00:00.log.gz",
** "ssl_2024-01-01.log", "http.2024-01-01-10-00-00.log", "dns.log.zst",
** "logs/2012-03-16/smb_files.10:00:00-11:00:00.log.gz" -> "conn", "ssl",
** "http", "dns", "smb_files". Only names of known layouts; NULL otherwise. */
const char *zl_log_type_of_file(const char *path);

#endif
