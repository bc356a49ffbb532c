/*
** options.c — zeek(...)'s arguments (see table.h):
**
**   zeek('logs/http.log')                 the path or glob (first, or path=)
**   schema='http'      headerless files have Bro 2.x's 27 http fields
**   fields='n:t ...'   headerless files have these fields
**   names=zeek         keep dotted names (id.orig_h) instead of id_orig_h
**   strict=1           a bad line is an error naming file and line
**   max_line=N         longest line in bytes (default 16 MiB; longer: bad line)
**   max_fields=N       most fields a header may declare (default 4096)
**   threads=N          parsing threads (default: the CPUs, at most 4; 0: none)
**   group_memory=N     bytes a grouped scan may hold per pass (default 24 MiB)
**   group='f1 f2 ...'  a summary table: one row per distinct (f1, f2, ...),
**                      with its `rows`, `first_ts` and `last_ts`, in one scan
**   bucket=W           ... and per bucket of ts W wide ('1 minute', 3600)
**
** Every default is resolved here, once; the cores take the values as given.
*/
#include "vtab/table.h"
#include "base/limits.h"

#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
SQLITE_EXTENSION_INIT3

/* A copy of an argument's value without its quotes. */
static char *dequote(const char *s){
  size_t n = strlen(s);
  while(n && (*s == ' ')){ s++; n--; }
  while(n && s[n - 1] == ' ') n--;
  char q = n >= 2 ? s[0] : 0;
  if((q == '\'' || q == '"') && s[n - 1] == q){
    char *out = sqlite3_malloc64(n), *w = out;
    if(!out) return NULL;
    for(size_t i = 1; i + 1 < n; i++){
      if(s[i] == q && s[i + 1] == q) i++;   /* '' inside '...' */
      *w++ = s[i];
    }
    *w = 0;
    return out;
  }
  return sqlite3_mprintf("%.*s", (int)n, s);
}

void zl_options_free(ZeekOptions *o){
  sqlite3_free(o->path); sqlite3_free(o->schema);
  sqlite3_free(o->fields); sqlite3_free(o->names);
  sqlite3_free(o->group); sqlite3_free(o->bucket);
}

static int parse_number_option(const char *v, sqlite3_int64 lo, sqlite3_int64 hi, sqlite3_int64 *out){
  char *end;
  long long n = strtoll(v, &end, 10);
  if(end == v || *end || n < lo || n > hi) return -1;
  *out = n;
  return 0;
}

/* One parsing thread per CPU, at most 4: past that SQLite's own work on the
** calling thread is the bottleneck. */
int zl_default_threads(void){
  long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n < 1 ? 1 : n > 4 ? 4 : (int)n;
}

/* Sets option key to val (both dequoted); NULL, or an sqlite3_mprintf'd
** message. A text value is taken over (*val set to NULL). */
static char *apply_option(ZeekOptions *o, const char *key, char **val){
  static const struct { const char *key; size_t at; } texts[] = {
    { "path", offsetof(ZeekOptions, path) }, { "schema", offsetof(ZeekOptions, schema) },
    { "fields", offsetof(ZeekOptions, fields) }, { "names", offsetof(ZeekOptions, names) },
    { "group", offsetof(ZeekOptions, group) }, { "bucket", offsetof(ZeekOptions, bucket) },
  };
  static const struct { const char *key; size_t at; sqlite3_int64 lo, hi; } numbers[] = {
    { "max_line", offsetof(ZeekOptions, max_line), ZL_MIN_MAX_LINE, (sqlite3_int64)1 << 31 },
    { "max_fields", offsetof(ZeekOptions, max_fields), 1, ZL_MAX_MAX_FIELDS },
    { "threads", offsetof(ZeekOptions, threads), 0, ZL_MAX_THREADS },
    { "strict", offsetof(ZeekOptions, strict), 0, 1 },
    { "group_memory", offsetof(ZeekOptions, group_memory), ZL_MIN_GROUP_MEMORY, (sqlite3_int64)1 << 40 },
  };
  for(size_t i = 0; i < sizeof texts / sizeof *texts; i++){
    if(strcmp(key, texts[i].key)) continue;
    char **slot = (char **)((char *)o + texts[i].at);
    if(*slot) return sqlite3_mprintf("%s given twice%s", key, strcmp(key, "path") ? ""
                                     : " (the first argument is the path too)");
    *slot = *val;
    *val = NULL;
    return NULL;
  }
  for(size_t i = 0; i < sizeof numbers / sizeof *numbers; i++){
    if(strcmp(key, numbers[i].key)) continue;
    if(parse_number_option(*val, numbers[i].lo, numbers[i].hi,
                           (sqlite3_int64 *)((char *)o + numbers[i].at)) == 0) return NULL;
    return sqlite3_mprintf("%s must be a whole number from %lld to %lld", key,
                           numbers[i].lo, numbers[i].hi);
  }
  return sqlite3_mprintf("unknown option '%s' (known: path, schema, fields, names, group,"
                         " bucket, strict, max_line, max_fields, threads, group_memory)", key);
}

char *zl_options_parse(int argc, const char *const *argv, ZeekOptions *o){
  memset(o, 0, sizeof *o);
  o->threads = zl_default_threads();
  o->max_line = ZL_DEFAULT_MAX_LINE;
  o->max_fields = ZL_DEFAULT_MAX_FIELDS;
  o->group_memory = ZL_DEFAULT_GROUP_MEMORY;
  for(int i = 3; i < argc; i++){
    const char *eq = strchr(argv[i], '=');
    const char *q = strpbrk(argv[i], "'\"");
    if(!eq || (q && q < eq)){                     /* positional: the path */
      if(o->path) return sqlite3_mprintf("more than one path given");
      if(!(o->path = dequote(argv[i]))) return sqlite3_mprintf("out of memory");
      continue;
    }
    char *raw_key = sqlite3_mprintf("%.*s", (int)(eq - argv[i]), argv[i]);
    char *key = raw_key ? dequote(raw_key) : NULL;
    char *val = dequote(eq + 1);
    char *msg = key && val ? apply_option(o, key, &val) : sqlite3_mprintf("out of memory");
    sqlite3_free(raw_key);
    sqlite3_free(key);
    sqlite3_free(val);
    if(msg) return msg;
  }
  if(!o->path) return sqlite3_mprintf("no log path given: zeek('path/to/http.log')");
  if(o->schema && o->fields) return sqlite3_mprintf("give schema= or fields=, not both");
  if(o->names && strcmp(o->names, "zeek") && strcmp(o->names, "sql"))
    return sqlite3_mprintf("names= is 'zeek' (dotted) or 'sql' (id_orig_h)");
  if(o->bucket && !o->group) return sqlite3_mprintf("bucket= goes with group=");
  return NULL;
}
