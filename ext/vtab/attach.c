/*
** attach.c — a sensor's log directory as tables, in one call:
**
**   SELECT * FROM zeek_attach('logs/2012-03-16');        -- a directory
**   SELECT * FROM zeek_attach('logs/2012-03-*');         -- a glob of directories
**   SELECT * FROM zeek_attach('logs/current', 'replace'); -- replace tables of those names
**
** Every file whose name names a standard Zeek log (parser/zeek_logs.h:
** conn.log, conn.09:00:00-10:00:00.log.gz, dns_2024-01-01.log, ...) is
** grouped by its log type; each type gets one temp table of that name over
** all its files (plain, gzip, zstd; TSV or JSON; versions joined by the union
** of their fields): CREATE VIRTUAL TABLE temp.conn USING zeek('DIR/conn.*').
** The rows say what was made: table, log_type, files, pattern. A table of
** that name that exists already is an error unless 'replace' is given.
*/
#include <dirent.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "vtab/table.h"
#include "parser/zeek_logs.h"
#include "reader/paths.h"
SQLITE_EXTENSION_INIT3

#define MAX_TYPES 128

typedef struct LogType {
  const char *type;          /* static, from zeek_logs.c */
  int files;
  int dotted, underscored;   /* files named TYPE.xxx / TYPE_xxx */
} LogType;

typedef struct Made { char *table, *type, *pattern; int files; } Made;

typedef struct AttachTable { sqlite3_vtab base; sqlite3 *db; } AttachTable;

typedef struct AttachCursor {
  sqlite3_vtab_cursor base;
  Made *made;
  int nmade, at;
} AttachCursor;

enum { COL_TABLE, COL_TYPE, COL_FILES, COL_PATTERN, COL_DIR, COL_REPLACE };

static int attachConnect(sqlite3 *db, void *aux, int argc, const char *const *argv,
                         sqlite3_vtab **ppVtab, char **pzErr){
  int rc = sqlite3_declare_vtab(db, "CREATE TABLE x(\"table\" TEXT, log_type TEXT, files INTEGER,"
                                    " pattern TEXT, dir TEXT HIDDEN, replace HIDDEN)");
  if(rc != SQLITE_OK) return rc;
  AttachTable *t = sqlite3_malloc64(sizeof *t);
  if(!t) return SQLITE_NOMEM;
  memset(t, 0, sizeof *t);
  t->db = db;
  /* It creates tables over files named in its argument: never from a schema
  ** an attacker wrote. */
  sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  *ppVtab = &t->base;
  return SQLITE_OK;
}

static int attachDisconnect(sqlite3_vtab *vt){ sqlite3_free(vt); return SQLITE_OK; }

/* dir is required (argv[0]); replace optional (argv[1]). */
static int attachBestIndex(sqlite3_vtab *vt, sqlite3_index_info *info){
  int have[2] = { -1, -1 };
  for(int i = 0; i < info->nConstraint; i++){
    const struct sqlite3_index_constraint *c = &info->aConstraint[i];
    if(c->iColumn < COL_DIR || c->op != SQLITE_INDEX_CONSTRAINT_EQ) continue;
    if(!c->usable) return SQLITE_CONSTRAINT;
    have[c->iColumn - COL_DIR] = i;
  }
  if(have[0] < 0) return SQLITE_CONSTRAINT;
  info->aConstraintUsage[have[0]].argvIndex = 1;
  info->aConstraintUsage[have[0]].omit = 1;
  if(have[1] >= 0){
    info->aConstraintUsage[have[1]].argvIndex = 2;
    info->aConstraintUsage[have[1]].omit = 1;
  }
  info->idxNum = have[1] >= 0;
  info->estimatedCost = 1e6;
  return SQLITE_OK;
}

static int attachOpen(sqlite3_vtab *vt, sqlite3_vtab_cursor **ppCur){
  AttachCursor *c = sqlite3_malloc64(sizeof *c);
  if(!c) return SQLITE_NOMEM;
  memset(c, 0, sizeof *c);
  *ppCur = &c->base;
  return SQLITE_OK;
}

static void free_made(AttachCursor *c){
  for(int i = 0; i < c->nmade; i++){
    sqlite3_free(c->made[i].table);
    sqlite3_free(c->made[i].type);
    sqlite3_free(c->made[i].pattern);
  }
  sqlite3_free(c->made);
  c->made = NULL;
  c->nmade = c->at = 0;
}

static int attachClose(sqlite3_vtab_cursor *cur){
  free_made((AttachCursor *)cur);
  sqlite3_free(cur);
  return SQLITE_OK;
}

static int fail(AttachCursor *c, char *msg){
  sqlite3_free(c->base.pVtab->zErrMsg);
  c->base.pVtab->zErrMsg = msg ? msg : sqlite3_mprintf("out of memory");
  return SQLITE_ERROR;
}

/* Counts one file under its log type. */
static void note_file(LogType *types, int *ntypes, const char *name){
  const char *type = zl_log_type_of_file(name);
  if(!type) return;
  int i = 0;
  while(i < *ntypes && strcmp(types[i].type, type)) i++;
  if(i == *ntypes){
    if(*ntypes == MAX_TYPES) return;
    types[(*ntypes)++] = (LogType){ type, 0, 0, 0 };
  }
  types[i].files++;
  size_t n = strlen(type);
  if(name[n] == '.') types[i].dotted++;
  else types[i].underscored++;
}

/* Every regular file of a directory. */
static void scan_directory(const char *dir, LogType *types, int *ntypes){
  DIR *d = opendir(dir);
  if(!d) return;
  for(struct dirent *e; (e = readdir(d)); ){
    char *path = sqlite3_mprintf("%s/%s", dir, e->d_name);
    struct stat st;
    if(path && stat(path, &st) == 0 && S_ISREG(st.st_mode)) note_file(types, ntypes, e->d_name);
    sqlite3_free(path);
  }
  closedir(d);
}

static int by_type(const void *a, const void *b){
  return strcmp(((const LogType *)a)->type, ((const LogType *)b)->type);
}

/* The pattern for a type's files: TYPE.* (conn.log, conn.HH:MM:SS-...log.gz)
** or TYPE_* (conn_2024-01-01.log); NULL when its files are named both ways
** (a glob cannot say "either"). */
static char *pattern_of(const char *dirs, const LogType *t){
  if(t->underscored == 0) return sqlite3_mprintf("%s/%s.*", dirs, t->type);
  if(t->dotted == 0) return sqlite3_mprintf("%s/%s_*", dirs, t->type);
  return NULL;
}

/* Does the pattern match only files of this type (TYPE.* also matches
** TYPE.summary.log-like names of no known type)? */
static int pattern_is_exact(const char *pattern, const char *type){
  ZlPaths paths;
  char *err = NULL;
  if(zl_paths_expand(pattern, &paths, &err)){ free(err); return 0; }
  int ok = 1;
  for(int i = 0; i < paths.n && ok; i++){
    const char *base = strrchr(paths.v[i], '/');
    const char *lt = zl_log_type_of_file(base ? base + 1 : paths.v[i]);
    ok = lt && strcmp(lt, type) == 0;
  }
  zl_paths_free(&paths);
  return ok;
}

static int table_exists(sqlite3 *db, const char *name){
  sqlite3_stmt *st;
  int found = 0;
  if(sqlite3_prepare_v2(db, "SELECT 1 FROM temp.sqlite_master WHERE name = ?1 COLLATE NOCASE",
                        -1, &st, NULL) != SQLITE_OK) return 0;
  sqlite3_bind_text(st, 1, name, -1, SQLITE_STATIC);
  found = sqlite3_step(st) == SQLITE_ROW;
  sqlite3_finalize(st);
  return found;
}

/* Makes one type's table. */
static int make_table(AttachCursor *c, sqlite3 *db, const char *dirs, const LogType *t, int replace){
  char *pattern = pattern_of(dirs, t), *err = NULL, *sql;
  if(!pattern || !pattern_is_exact(pattern, t->type)){
    sqlite3_free(pattern);
    return fail(c, sqlite3_mprintf("zeek_attach: the %s files in '%s' are named in ways no one"
                                   " glob covers; create that table yourself", t->type, dirs));
  }
  if(table_exists(db, t->type)){
    if(!replace){
      sqlite3_free(pattern);
      return fail(c, sqlite3_mprintf("zeek_attach: a table named '%s' exists already:"
                                     " zeek_attach(dir, 'replace') replaces it", t->type));
    }
    sql = sqlite3_mprintf("DROP TABLE temp.\"%w\"", t->type);
    int rc = sql ? sqlite3_exec(db, sql, NULL, NULL, &err) : SQLITE_NOMEM;
    sqlite3_free(sql);
    if(rc != SQLITE_OK){ sqlite3_free(pattern); return fail(c, err); }
  }
  sql = sqlite3_mprintf("CREATE VIRTUAL TABLE temp.\"%w\" USING zeek(%Q)", t->type, pattern);
  int rc = sql ? sqlite3_exec(db, sql, NULL, NULL, &err) : SQLITE_NOMEM;
  sqlite3_free(sql);
  if(rc != SQLITE_OK){
    sqlite3_free(pattern);
    return fail(c, sqlite3_mprintf("zeek_attach: %s: %s", t->type, err ? err : "out of memory"));
  }
  Made *m = &c->made[c->nmade++];
  m->table = sqlite3_mprintf("%s", t->type);
  m->type = sqlite3_mprintf("%s", t->type);
  m->pattern = pattern;
  m->files = t->files;
  return SQLITE_OK;
}

static int attachFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr,
                        int argc, sqlite3_value **argv){
  AttachCursor *c = (AttachCursor *)cur;
  sqlite3 *db = ((AttachTable *)cur->pVtab)->db;
  free_made(c);
  const char *dirs = argc > 0 ? (const char *)sqlite3_value_text(argv[0]) : NULL;
  const char *opt = argc > 1 ? (const char *)sqlite3_value_text(argv[1]) : NULL;
  if(!dirs) return fail(c, sqlite3_mprintf("zeek_attach() needs a directory"));
  if(opt && strcmp(opt, "replace")) return fail(c, sqlite3_mprintf("zeek_attach: the second argument is 'replace', not '%s'", opt));
  ZlPaths paths;
  char *err = NULL;
  if(zl_paths_expand_any(dirs, &paths, &err)){
    int rc = fail(c, sqlite3_mprintf("zeek_attach: %s", err ? err : "out of memory"));
    free(err);
    return rc;
  }
  LogType types[MAX_TYPES];
  int ntypes = 0, ndirs = 0;
  for(int i = 0; i < paths.n; i++){
    struct stat st;
    if(stat(paths.v[i], &st) != 0 || !S_ISDIR(st.st_mode)) continue;
    ndirs++;
    scan_directory(paths.v[i], types, &ntypes);
  }
  zl_paths_free(&paths);
  if(ndirs == 0) return fail(c, sqlite3_mprintf("zeek_attach: '%s' is not a directory", dirs));
  if(ntypes == 0) return fail(c, sqlite3_mprintf("zeek_attach: no Zeek log in '%s'", dirs));
  qsort(types, (size_t)ntypes, sizeof *types, by_type);
  if(!(c->made = sqlite3_malloc64(sizeof *c->made * (size_t)ntypes))) return SQLITE_NOMEM;
  for(int i = 0; i < ntypes; i++){
    int rc = make_table(c, db, dirs, &types[i], opt != NULL);
    if(rc != SQLITE_OK) return rc;
  }
  return SQLITE_OK;
}

static int attachNext(sqlite3_vtab_cursor *cur){ ((AttachCursor *)cur)->at++; return SQLITE_OK; }

static int attachEof(sqlite3_vtab_cursor *cur){
  AttachCursor *c = (AttachCursor *)cur;
  return c->at >= c->nmade;
}

static int attachColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col){
  const Made *m = &((AttachCursor *)cur)->made[((AttachCursor *)cur)->at];
  switch(col){
    case COL_TABLE: sqlite3_result_text(ctx, m->table, -1, SQLITE_TRANSIENT); break;
    case COL_TYPE: sqlite3_result_text(ctx, m->type, -1, SQLITE_TRANSIENT); break;
    case COL_FILES: sqlite3_result_int(ctx, m->files); break;
    case COL_PATTERN: sqlite3_result_text(ctx, m->pattern, -1, SQLITE_TRANSIENT); break;
    default: sqlite3_result_null(ctx); break;
  }
  return SQLITE_OK;
}

static int attachRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *rowid){
  *rowid = ((AttachCursor *)cur)->at;
  return SQLITE_OK;
}

static sqlite3_module attachModule = {
  /* iVersion    */ 0,
  /* xCreate     */ 0,               /* eponymous only: zeek_attach('dir') */
  /* xConnect    */ attachConnect,
  /* xBestIndex  */ attachBestIndex,
  /* xDisconnect */ attachDisconnect,
  /* xDestroy    */ attachDisconnect,
  /* xOpen       */ attachOpen,
  /* xClose      */ attachClose,
  /* xFilter     */ attachFilter,
  /* xNext       */ attachNext,
  /* xEof        */ attachEof,
  /* xColumn     */ attachColumn,
  /* xRowid      */ attachRowid,
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0
};

int zl_register_attach(sqlite3 *db){
  return sqlite3_create_module(db, "zeek_attach", &attachModule, NULL);
}
