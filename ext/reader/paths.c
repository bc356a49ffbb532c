/*
** paths.c — expanding a table's path argument (see paths.h).
*/
#include "reader/paths.h"
#include "reader/source.h"
#include "base/message.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int push(char ***v, int *n, const char *path){
  char **grown = realloc(*v, (size_t)(*n + 1) * sizeof *grown);
  if(!grown) return -1;
  *v = grown;
  if(!(grown[*n] = strdup(path))) return -1;
  ++*n;
  return 0;
}

/* A match is read unless it is there and not a regular file: one that
** vanished since the glob (or a dangling symlink) fails when opened, with
** the reason. */
static int is_skipped(const char *path){
  struct stat st;
  return stat(path, &st) == 0 && zl_file_kind(&st) != NULL;
}

static int out_of_memory(ZlPaths *out, char **err){
  zl_paths_free(out);
  *err = zl_message("out of memory");
  return -1;
}

static int expand(const char *pattern, int files_only, ZlPaths *out, char **err){
  struct stat st;
  memset(out, 0, sizeof *out);
  if(strpbrk(pattern, "*?[") == NULL || stat(pattern, &st) == 0){
    if(push(&out->v, &out->n, pattern)) return out_of_memory(out, err);
    return 0;                 /* a missing plain path fails when opened */
  }
  glob_t g;
  int rc = glob(pattern, 0, NULL, &g);   /* sorted, as ls would list them */
  if(rc == GLOB_NOMATCH){
    *err = zl_message("no file matches '%s'", pattern);
    return -1;
  }
  if(rc != 0){
    *err = zl_message("cannot expand '%s'", pattern);
    return -1;
  }
  for(size_t i = 0; i < g.gl_pathc; i++){
    const char *path = g.gl_pathv[i];
    int failed = files_only && is_skipped(path) ? push(&out->skipped, &out->nskipped, path)
                                                : push(&out->v, &out->n, path);
    if(failed){ globfree(&g); return out_of_memory(out, err); }
  }
  globfree(&g);
  if(out->n == 0){
    *err = zl_message("no regular file matches '%s' (skipped %d: %s%s)", pattern,
                      out->nskipped, out->skipped[0], out->nskipped > 1 ? ", ..." : "");
    zl_paths_free(out);
    return -1;
  }
  return 0;
}

int zl_paths_expand(const char *pattern, ZlPaths *out, char **err){
  return expand(pattern, 1, out, err);
}

int zl_paths_expand_any(const char *pattern, ZlPaths *out, char **err){
  return expand(pattern, 0, out, err);
}

void zl_paths_free(ZlPaths *p){
  for(int i = 0; i < p->n; i++) free(p->v[i]);
  for(int i = 0; i < p->nskipped; i++) free(p->skipped[i]);
  free(p->v);
  free(p->skipped);
  memset(p, 0, sizeof *p);
}
