/*
** prune.c — file facts for `ts`-bounded queries (see prune.h).
*/
#include "vtab/prune.h"

#include <math.h>
#include <string.h>
SQLITE_EXTENSION_INIT3

void zl_prune_init(ZlPrune *p, ZlFacts *facts){
  memset(p, 0, sizeof *p);
  p->facts = facts;
  p->lo = -INFINITY;
  p->hi = INFINITY;
}

void zl_prune_bound(ZlPrune *p, char op, sqlite3_value *arg){
  int type = sqlite3_value_numeric_type(arg);
  if(type != SQLITE_INTEGER && type != SQLITE_FLOAT) return;
  double v = sqlite3_value_double(arg);
  if(strchr("egG", op) && v > p->lo) p->lo = v;
  if(strchr("elL", op) && v < p->hi) p->hi = v;
}

/* skip_file(): 1 when an earlier full read of this very file found no row
** with lo <= ts <= hi. Also notes the file's identity for file_done(). */
static int skip_file(void *ctx, const char *path){
  ZlPrune *p = ctx;
  p->opened_ok = zl_file_id(path, &p->opened) == 0;
  if(!p->opened_ok || (p->lo == -INFINITY && p->hi == INFINITY)) return 0;
  return zl_facts_rules_out(p->facts, path, &p->opened, p->lo, p->hi);
}

/* file_done(): keeps what a whole read showed, if the file did not change
** while it was read (same identity before opening and after the end). */
static void file_done(void *ctx, const char *path, int has_ts, double lo, double hi){
  ZlPrune *p = ctx;
  ZlFileId now;
  if(!p->opened_ok || zl_file_id(path, &now) != 0 || !zl_file_id_equal(&now, &p->opened)) return;
  zl_facts_learn(p->facts, path, &now, has_ts, lo, hi);
}

void zl_prune_hook(ZlPrune *p, ZlScanConfig *cfg, int ts_col){
  cfg->ts_col = ts_col;
  if(ts_col < 0) return;
  cfg->skip_file = skip_file;
  cfg->file_done = file_done;
  cfg->hook_ctx = p;
}
