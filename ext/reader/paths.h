/*
** paths.h — the files a table reads: one path, or a glob over many
** (zeekctl archives: logs/2024-01-01/http.*.log.gz), in glob (byte) order.
** No SQLite in here.
*/
#ifndef ZL_PATHS_H
#define ZL_PATHS_H

typedef struct ZlPaths { char **v; int n; } ZlPaths;

/* A path that exists is taken as it is, even with glob characters in its
** name; otherwise it is a glob. Returns 0, or -1 with a malloc'd *err
** ("no file matches ..."). */
int zl_paths_expand(const char *pattern, ZlPaths *out, char **err);
void zl_paths_free(ZlPaths *p);

#endif
