/*
** paths.h — the files a table reads: one path, or a glob over many
** (zeekctl archives: logs/2024-01-01/http.*.log.gz), in glob (byte) order.
**
** A glob reads regular files only (and symlinks to them): what else it
** matches — a FIFO, a device, a socket, a directory — is skipped, never
** opened (a FIFO or /dev/zero would block or never end), and named in
** `skipped`. A path that names one of them directly is kept, and opening
** it is the error (source.h). No SQLite in here.
*/
#ifndef ZL_PATHS_H
#define ZL_PATHS_H

typedef struct ZlPaths {
  char **v; int n;                /* the files to read, in glob order */
  char **skipped; int nskipped;   /* glob matches that are not regular files, in glob order */
} ZlPaths;

/* A path that exists is taken as it is, even with glob characters in its
** name; otherwise it is a glob. Returns 0, or -1 with a malloc'd *err
** ("no file matches ...", or, when every match was skipped, "no regular
** file matches ..."). */
int zl_paths_expand(const char *pattern, ZlPaths *out, char **err);
/* The same, keeping every match whatever it is (nothing skipped): for a
** glob of directories (zeek_attach). */
int zl_paths_expand_any(const char *pattern, ZlPaths *out, char **err);
void zl_paths_free(ZlPaths *p);

#endif
