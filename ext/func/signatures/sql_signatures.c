/*
** sql_signatures.c — scanner user agents and URI attack classes in SQL (the
** core is signatures.c).
**
**   scanner_ua(UA)        the scanning tool named by a User-Agent, or NULL
**   is_scanner_ua(UA)     1 if scanner_ua(UA) is not NULL, else 0; NULL for NULL
**   attack_class(URI)     'sqli', 'xss', 'cmd_injection', 'rfi', 'lfi',
**                         'traversal' (or a name you added), or NULL
**
**   SELECT * FROM scanner_signatures;     -- name, pattern, category, reference
**   SELECT * FROM attack_signatures;      -- the same columns
**   SELECT name, undetermined FROM attack_signatures WHERE undetermined > 0;
**   INSERT INTO scanner_signatures(name, pattern) VALUES ('Acme', '\bAcmeScan/');
**   DELETE FROM attack_signatures WHERE category = 'script URL';
**
**   SELECT scanner_ua(user_agent) AS tool, count(*) FROM http GROUP BY 1;
**   SELECT attack_class(uri) AS class, uri FROM http WHERE class IS NOT NULL;
**
** The functions never fail on a value. A value on which some signature ran
** out of match effort, and that no other signature matched, gets the answer
** 'undetermined' (is_scanner_ua: 1), so that it shows among the leads rather
** than hiding as NULL; the hidden column `undetermined` counts, for each
** signature, the values it could not decide. The built-in signatures never
** run out (they run in time linear in the value); a pattern of one's own
** can. A long value stops within milliseconds of sqlite3_interrupt() on
** SQLite 3.41 and later (before 3.41, at the next row).
**
** The two tables are eponymous virtual tables over this connection's own
** copy of the built-in lists: INSERT, UPDATE and DELETE change what the
** functions answer on this connection at once, no recompiling; a new
** connection starts again from the built-in lists. The first row in rowid
** order whose pattern matches wins (an explicit rowid puts a new signature
** ahead of the built-in ones). Changes take effect immediately and are not
** undone by ROLLBACK.
**
** The tables are SQLITE_VTAB_DIRECTONLY: they read no files, but they are
** writable detection rules, and a trigger or view in a database someone
** else wrote must not be able to read or quietly rewrite them. TEMP views
** and triggers, and top-level SQL, can use them.
*/
#include "families.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

#include "func/signatures/signatures.h"
#include "host.h"

/* The first SQLite with sqlite3_value_encoding(). */
#define HOST_WITH_VALUE_ENCODING 3040000

/* One signature set of a connection, shared by its table and its functions;
** each registration holds a reference and its destructor drops it. */
typedef struct SigShared {
  ZlSigSet *set;
  const char *table;          /* "scanner_signatures" or "attack_signatures" */
  int refs;
  int can_ask_encoding;       /* the host has sqlite3_value_encoding() (3.40) */
} SigShared;

/* The stop callback of a set: the statement was interrupted. */
static int statement_interrupted(void *db){
  return zl_host_is_interrupted(db);
}

static SigShared *shared_new(sqlite3 *db, const char *table, unsigned flags,
                             const ZlSignatureSpec *specs, size_t n){
  SigShared *shared = sqlite3_malloc(sizeof *shared);
  if(shared == NULL) return NULL;
  shared->table = table;
  shared->refs = 1;
  shared->can_ask_encoding = sqlite3_libversion_number() >= HOST_WITH_VALUE_ENCODING;
  shared->set = zl_sigset_new(flags, zl_host_alloc());
  if(shared->set){
    ZlRegexStop stop = { statement_interrupted, db };
    zl_sigset_set_stop(shared->set, &stop);
  }
  if(shared->set == NULL || zl_sigset_load(shared->set, specs, n) != ZL_SIG_OK){
    zl_sigset_free(shared->set);
    sqlite3_free(shared);
    return NULL;
  }
  return shared;
}

static SigShared *shared_ref(SigShared *shared){
  shared->refs++;
  return shared;
}

static void shared_release(void *p){
  SigShared *shared = p;
  if(--shared->refs > 0) return;
  zl_sigset_free(shared->set);
  sqlite3_free(shared);
}

/* ------------------------------------------------------------------------ */
/* The scanner_signatures / attack_signatures virtual tables.               */
/* ------------------------------------------------------------------------ */

enum { SIG_COL_NAME, SIG_COL_PATTERN, SIG_COL_CATEGORY, SIG_COL_REFERENCE,
       SIG_COL_UNDETERMINED };

typedef struct SigTable {
  sqlite3_vtab base;
  SigShared *shared;
} SigTable;

/* A cursor remembers the id of its row, not an index, so rows inserted or
** deleted during a scan (INSERT ... SELECT FROM the same table) cannot make
** it skip or repeat a row. */
typedef struct SigCursor {
  sqlite3_vtab_cursor base;
  long long id;
  int eof;
} SigCursor;

static ZlSigSet *table_set(sqlite3_vtab *vtab){
  return ((SigTable *)vtab)->shared->set;
}

static int sigConnect(sqlite3 *db, void *pAux, int argc,
                      const char *const *argv, sqlite3_vtab **ppVtab,
                      char **pzErr){
  (void)argc; (void)argv; (void)pzErr;
  /* undetermined: a read-only counter (writes to it are ignored) */
  int rc = sqlite3_declare_vtab(db, "CREATE TABLE x(name TEXT, pattern TEXT, "
                                    "category TEXT, reference TEXT, "
                                    "undetermined INTEGER HIDDEN)");
  if(rc != SQLITE_OK) return rc;
  /* Detection rules: not reachable from an untrusted schema (see the top). */
  sqlite3_vtab_config(db, SQLITE_VTAB_DIRECTONLY);
  SigTable *table = sqlite3_malloc(sizeof *table);
  if(table == NULL) return SQLITE_NOMEM;
  memset(table, 0, sizeof *table);
  table->shared = shared_ref(pAux);
  *ppVtab = &table->base;
  return SQLITE_OK;
}

static int sigDisconnect(sqlite3_vtab *vtab){
  SigTable *table = (SigTable *)vtab;
  shared_release(table->shared);
  sqlite3_free(table);
  return SQLITE_OK;
}

/* Always a full scan: the lists are a few dozen rows. */
static int sigBestIndex(sqlite3_vtab *vtab, sqlite3_index_info *info){
  double rows = (double)zl_sigset_count(table_set(vtab));
  info->estimatedCost = rows + 1;
  info->estimatedRows = (sqlite3_int64)rows + 1;
  return SQLITE_OK;
}

static int sigOpen(sqlite3_vtab *vtab, sqlite3_vtab_cursor **ppCursor){
  (void)vtab;
  SigCursor *cursor = sqlite3_malloc(sizeof *cursor);
  if(cursor == NULL) return SQLITE_NOMEM;
  memset(cursor, 0, sizeof *cursor);
  *ppCursor = &cursor->base;
  return SQLITE_OK;
}

static int sigClose(sqlite3_vtab_cursor *cur){
  sqlite3_free(cur);
  return SQLITE_OK;
}

/* Points the cursor at the signature at index at, or at EOF. */
static void cursor_move(SigCursor *cursor, size_t at){
  const ZlSignature *sig = zl_sigset_at(table_set(cursor->base.pVtab), at);
  cursor->eof = sig == NULL;
  if(sig) cursor->id = sig->id;
}

static int sigFilter(sqlite3_vtab_cursor *cur, int idxNum, const char *idxStr,
                     int argc, sqlite3_value **argv){
  (void)idxNum; (void)idxStr; (void)argc; (void)argv;
  cursor_move((SigCursor *)cur, 0);
  return SQLITE_OK;
}

static int sigNext(sqlite3_vtab_cursor *cur){
  SigCursor *cursor = (SigCursor *)cur;
  ZlSigSet *set = table_set(cur->pVtab);
  size_t at = zl_sigset_seek(set, cursor->id);
  const ZlSignature *sig = zl_sigset_at(set, at);
  /* Step past the current row, unless it was deleted meanwhile. */
  if(sig && sig->id == cursor->id) at++;
  cursor_move(cursor, at);
  return SQLITE_OK;
}

static int sigEof(sqlite3_vtab_cursor *cur){
  return ((SigCursor *)cur)->eof;
}

static int sigColumn(sqlite3_vtab_cursor *cur, sqlite3_context *ctx, int col){
  SigCursor *cursor = (SigCursor *)cur;
  ZlSigSet *set = table_set(cur->pVtab);
  const ZlSignature *sig = zl_sigset_at(set, zl_sigset_seek(set, cursor->id));
  const char *value = NULL;
  if(sig == NULL || sig->id != cursor->id) return SQLITE_OK;  /* deleted */
  if(col == SIG_COL_UNDETERMINED){
    sqlite3_result_int64(ctx, (sqlite3_int64)sig->undetermined);
    return SQLITE_OK;
  }
  switch(col){
    case SIG_COL_NAME:      value = sig->name; break;
    case SIG_COL_PATTERN:   value = sig->pattern; break;
    case SIG_COL_CATEGORY:  value = sig->category; break;
    case SIG_COL_REFERENCE: value = sig->reference; break;
  }
  if(value) sqlite3_result_text(ctx, value, -1, SQLITE_TRANSIENT);
  return SQLITE_OK;
}

static int sigRowid(sqlite3_vtab_cursor *cur, sqlite_int64 *pRowid){
  *pRowid = ((SigCursor *)cur)->id;
  return SQLITE_OK;
}

static const char *text_or_null(sqlite3_value *value){
  return sqlite3_value_type(value) == SQLITE_NULL
           ? NULL : (const char *)sqlite3_value_text(value);
}

/* Reports a failed edit through the vtab's error message. */
static int update_error(sqlite3_vtab *vtab, int rc, const char *err){
  const char *table = ((SigTable *)vtab)->shared->table;
  if(rc == ZL_SIG_NOMEM) return SQLITE_NOMEM;
  sqlite3_free(vtab->zErrMsg);
  vtab->zErrMsg = sqlite3_mprintf("%s: %s", table, err);
  return rc == ZL_SIG_CONSTRAINT ? SQLITE_CONSTRAINT : SQLITE_ERROR;
}

/* xUpdate: argc 1 is DELETE of argv[0]; otherwise argv[0] is the old rowid
** (NULL for INSERT), argv[1] the new one (NULL: choose), argv[2..] columns. */
static int sigUpdate(sqlite3_vtab *vtab, int argc, sqlite3_value **argv,
                     sqlite_int64 *pRowid){
  ZlSigSet *set = table_set(vtab);
  char err[512] = "";
  int rc;
  if(argc == 1){
    zl_sigset_delete(set, sqlite3_value_int64(argv[0]));
    return SQLITE_OK;
  }
  ZlSignatureSpec spec = {
    text_or_null(argv[2 + SIG_COL_NAME]),
    text_or_null(argv[2 + SIG_COL_PATTERN]),
    text_or_null(argv[2 + SIG_COL_CATEGORY]),
    text_or_null(argv[2 + SIG_COL_REFERENCE]),
  };
  long long id = sqlite3_value_type(argv[1]) == SQLITE_NULL
                   ? zl_sigset_next_id(set) : sqlite3_value_int64(argv[1]);
  if(sqlite3_value_type(argv[0]) == SQLITE_NULL){
    rc = zl_sigset_insert(set, id, &spec, err, sizeof err);
    *pRowid = id;
  }else{
    rc = zl_sigset_update(set, sqlite3_value_int64(argv[0]), id, &spec,
                          err, sizeof err);
  }
  return rc == ZL_SIG_OK ? SQLITE_OK : update_error(vtab, rc, err);
}

static sqlite3_module sigModule = {
  /* iVersion    */ 0,
  /* xCreate     */ 0,              /* eponymous only: no CREATE VIRTUAL TABLE */
  /* xConnect    */ sigConnect,
  /* xBestIndex  */ sigBestIndex,
  /* xDisconnect */ sigDisconnect,
  /* xDestroy    */ 0,
  /* xOpen       */ sigOpen,
  /* xClose      */ sigClose,
  /* xFilter     */ sigFilter,
  /* xNext       */ sigNext,
  /* xEof        */ sigEof,
  /* xColumn     */ sigColumn,
  /* xRowid      */ sigRowid,
  /* xUpdate     */ sigUpdate,
  /* xBegin      */ 0,              /* not transactional: edits are immediate */
  /* xSync       */ 0,
  /* xCommit     */ 0,
  /* xRollback   */ 0,
  /* xFindMethod */ 0,
  /* xRename     */ 0,
  /* xSavepoint  */ 0,
  /* xRelease    */ 0,
  /* xRollbackTo */ 0,
  /* xShadowName */ 0,
};

/* ------------------------------------------------------------------------ */
/* scanner_ua, is_scanner_ua, attack_class.                                 */
/* ------------------------------------------------------------------------ */

/* Classifies argv[0] with the function's set. Returns ZL_SIG_MATCH (with
** *found), ZL_SIG_OK or ZL_SIG_UNDETERMINED, or -1 after setting the result
** (SQL NULL for a NULL value, out of memory, interrupted). */
/* A UTF-8 TEXT value's bytes as they are, or NULL. sqlite3_value_text()
** would first NUL-terminate them: for the zeek table's columns (text with a
** length, no terminator) that is a realloc per row, more than the
** prefilter's whole scan costs. Only UTF-8 text: sqlite3_value_blob() hands
** over the bytes in the value's own encoding. */
static const char *utf8_bytes(const SigShared *shared, sqlite3_value *value){
#ifdef sqlite3_value_encoding
  if(shared->can_ask_encoding && sqlite3_value_type(value) == SQLITE_TEXT
     && sqlite3_value_encoding(value) == SQLITE_UTF8){
    const char *bytes = sqlite3_value_blob(value);
    return bytes ? bytes : "";             /* NULL: empty (or out of memory) */
  }
#endif
  (void)shared;
  return NULL;
}

static int classify(sqlite3_context *ctx, sqlite3_value *value,
                    const ZlSignature **found){
  SigShared *shared = sqlite3_user_data(ctx);
  if(sqlite3_value_type(value) == SQLITE_NULL) return -1;
  const char *text = utf8_bytes(shared, value);
  if(text == NULL) text = (const char *)sqlite3_value_text(value);
  if(text == NULL){ sqlite3_result_error_nomem(ctx); return -1; }
  int rc = zl_sigset_classify(shared->set, text,
                              (size_t)sqlite3_value_bytes(value), found);
  if(rc >= 0) return rc;
  if(rc == ZL_SIG_INTERRUPTED) sqlite3_result_error_code(ctx, SQLITE_INTERRUPT);
  else sqlite3_result_error_nomem(ctx);
  return -1;
}

/* The name of the winner, 'undetermined', or NULL. */
static void result_name(sqlite3_context *ctx, int rc, const ZlSignature *found){
  if(rc == ZL_SIG_MATCH) sqlite3_result_text(ctx, found->name, -1, SQLITE_TRANSIENT);
  else if(rc == ZL_SIG_UNDETERMINED){
    sqlite3_result_text(ctx, ZL_SIG_UNDETERMINED_NAME, -1, SQLITE_STATIC);
  }
}

static void scannerUaFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  const ZlSignature *found = NULL;
  (void)argc;
  int rc = classify(ctx, argv[0], &found);
  result_name(ctx, rc, found);
}

/* 1 for a scanner, and for an undetermined value (which scanner_ua() does
** not answer NULL either). */
static void isScannerUaFunc(sqlite3_context *ctx, int argc,
                            sqlite3_value **argv){
  const ZlSignature *found;
  (void)argc;
  int rc = classify(ctx, argv[0], &found);
  if(rc >= 0) sqlite3_result_int(ctx, rc != ZL_SIG_OK);
}

static void attackClassFunc(sqlite3_context *ctx, int argc,
                            sqlite3_value **argv){
  const ZlSignature *found = NULL;
  (void)argc;
  int rc = classify(ctx, argv[0], &found);
  result_name(ctx, rc, found);
}

/* ------------------------------------------------------------------------ */
/* Registration.                                                            */
/* ------------------------------------------------------------------------ */

typedef void (*SqlFunc)(sqlite3_context *, int, sqlite3_value **);

/* Not SQLITE_DETERMINISTIC: the answer changes when the table is edited, so
** it must not be frozen into an index or a generated column. */
static int register_classifier(sqlite3 *db, SigShared *shared,
                               const char *name, SqlFunc func, char **pzErr){
  int rc = sqlite3_create_function_v2(db, name, 1,
                                      SQLITE_UTF8 | SQLITE_INNOCUOUS,
                                      shared_ref(shared), func, NULL, NULL,
                                      shared_release);
  if(rc != SQLITE_OK){
    *pzErr = sqlite3_mprintf("zeeklog: cannot register %s(): %s", name,
                             sqlite3_errmsg(db));
  }
  return rc;
}

/* The table and functions over one built-in list. */
static int register_set(sqlite3 *db, const char *table, unsigned flags,
                        const ZlSignatureSpec *specs, size_t n,
                        const char *const *names, const SqlFunc *funcs,
                        int nfunc, char **pzErr){
  SigShared *shared = shared_new(db, table, flags, specs, n);
  if(shared == NULL) return SQLITE_NOMEM;
  int rc = sqlite3_create_module_v2(db, table, &sigModule, shared_ref(shared),
                                    shared_release);
  if(rc != SQLITE_OK){
    *pzErr = sqlite3_mprintf("zeeklog: cannot register %s: %s", table,
                             sqlite3_errmsg(db));
  }
  for(int i = 0; rc == SQLITE_OK && i < nfunc; i++){
    rc = register_classifier(db, shared, names[i], funcs[i], pzErr);
  }
  shared_release(shared);
  return rc;
}

int zeeklog_register_signatures(sqlite3 *db, char **pzErr){
  static const char *const scanner_names[] = { "scanner_ua", "is_scanner_ua" };
  static const SqlFunc scanner_funcs[] = { scannerUaFunc, isScannerUaFunc };
  static const char *const attack_names[] = { "attack_class" };
  static const SqlFunc attack_funcs[] = { attackClassFunc };
  int rc = register_set(db, "scanner_signatures", 0, zl_scanner_signatures,
                        zl_scanner_signature_count, scanner_names,
                        scanner_funcs, 2, pzErr);
  if(rc == SQLITE_OK){
    rc = register_set(db, "attack_signatures", ZL_SIGSET_DECODE_URI,
                      zl_attack_signatures, zl_attack_signature_count,
                      attack_names, attack_funcs, 1, pzErr);
  }
  return rc;
}
