/*
** paths.c — expanding a table's path argument (see paths.h).
*/
#include "reader/paths.h"
#include "base/message.h"

#include <glob.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

static int push(ZlPaths *p, const char *path){
  char **v = realloc(p->v, (size_t)(p->n + 1) * sizeof *v);
  if(!v) return -1;
  p->v = v;
  if(!(p->v[p->n] = strdup(path))) return -1;
  p->n++;
  return 0;
}

int zl_paths_expand(const char *pattern, ZlPaths *out, char **err){
  struct stat st;
  memset(out, 0, sizeof *out);
  if(strpbrk(pattern, "*?[") == NULL || stat(pattern, &st) == 0){
    if(push(out, pattern)){ zl_paths_free(out); *err = strdup("out of memory"); return -1; }
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
    if(push(out, g.gl_pathv[i])){
      globfree(&g); zl_paths_free(out);
      *err = strdup("out of memory");
      return -1;
    }
  }
  globfree(&g);
  return 0;
}

void zl_paths_free(ZlPaths *p){
  for(int i = 0; i < p->n; i++) free(p->v[i]);
  free(p->v);
  memset(p, 0, sizeof *p);
}
