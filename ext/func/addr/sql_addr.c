/*
** sql_addr.c — IPv4/IPv6 address functions in SQL (the core is addr.c).
**
**   ip_in(ADDR, NET)             1 if ADDR is inside NET ('10.0.0.0/8', a Zeek
**                                subnet column, or a bare address), else 0
**   ip_family(ADDR)              4 or 6
**   ip_is_private(ADDR)          1 inside the private ranges of addr.c, else 0
**   ip_network(ADDR, PREFIX)     the network text: '192.168.202.0/24'
**   ip_network(ADDR, P4, P6)     P4 bits for IPv4 rows, P6 for IPv6 rows
**   ip_key(ADDR)                 a BLOB that sorts numerically, IPv4 first
**
**   SELECT id_orig_h FROM http WHERE NOT ip_is_private(id_orig_h);
**   SELECT ip_network(id_orig_h, 24, 64), count(*) FROM http GROUP BY 1;
**   SELECT DISTINCT id_orig_h FROM http ORDER BY ip_key(id_orig_h);
**
** NULL in any argument gives NULL. An ADDR that is not an address (log data)
** gives NULL, never an error; a bad NET or PREFIX (the query's own argument)
** is an error naming the function. A constant NET is parsed once per statement
** (cached with sqlite3_set_auxdata); a NET that is a column is parsed on each
** row, and SQLite drops the cached copy after each call (two small
** allocations a row). Nothing else allocates.
*/
#include "families.h"
SQLITE_EXTENSION_INIT3

#include <string.h>

#include "func/addr/addr.h"

#define NET_ARG 1

/* Each function is registered with its SQL name as user data, so every
** error message starts with the name the user typed. */
static const char *function_name(sqlite3_context *ctx){
  return (const char *)sqlite3_user_data(ctx);
}

static void error_with(sqlite3_context *ctx, char *msg){
  if(msg) sqlite3_result_error(ctx, msg, -1);
  else sqlite3_result_error_nomem(ctx);
  sqlite3_free(msg);
}

static int any_null(int argc, sqlite3_value **argv){
  for(int i = 0; i < argc; i++){
    if(sqlite3_value_type(argv[i]) == SQLITE_NULL) return 1;
  }
  return 0;
}

/* 1 with *out set when v is address text; 0 (the result left NULL) when it
** is not, or after reporting that memory ran out.
** sqlite3_value_blob() hands over a TEXT value's bytes as they are, where
** sqlite3_value_text() first NUL-terminates them: for the zeek table's
** columns (text with a length, no terminator) that is a realloc per row.
** Those bytes are in the database's encoding: UTF-16 text of an address has
** a zero byte in it and is read again as UTF-8 by sqlite3_value_text(). */
static int read_addr(sqlite3_context *ctx, sqlite3_value *v, ZlAddr *out){
  const char *bytes = (const char *)sqlite3_value_blob(v);
  size_t len = (size_t)sqlite3_value_bytes(v);
  if(bytes && zl_addr_parse(bytes, len, out) == 0) return 1;
  if(len == 0 || (bytes && !memchr(bytes, 0, len))) return 0;
  const char *text = (const char *)sqlite3_value_text(v);
  if(!text){
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  return zl_addr_parse(text, (size_t)sqlite3_value_bytes(v), out) == 0;
}

/* ---- ip_in ------------------------------------------------------------- */

/* NET parsed into *net; 0 after reporting why it is not a network. */
static int parse_net(sqlite3_context *ctx, sqlite3_value *v, ZlNet *net){
  const char *text = (const char *)sqlite3_value_text(v);
  int len = sqlite3_value_bytes(v);
  if(!text){
    sqlite3_result_error_nomem(ctx);
    return 0;
  }
  ZlNetStatus status = zl_net_parse(text, (size_t)len, net);
  if(status == ZL_NET_OK) return 1;
  error_with(ctx, sqlite3_mprintf("%s: bad network %Q: %s (e.g. '10.0.0.0/8',"
                                  " '2001:db8::/32' or one address)",
                                  function_name(ctx), text,
                                  zl_net_status_text(status)));
  return 0;
}

/* The network argument: SQLite's cached copy for this statement, or parsed
** now into *local and offered to the cache. 0 after an error. */
static int network_arg(sqlite3_context *ctx, sqlite3_value *v, ZlNet *local){
  const ZlNet *cached = sqlite3_get_auxdata(ctx, NET_ARG);
  if(cached){
    *local = *cached;
    return 1;
  }
  if(!parse_net(ctx, v, local)) return 0;
  ZlNet *copy = sqlite3_malloc(sizeof *copy);
  if(copy){              /* no memory for the cache: still answer */
    *copy = *local;
    sqlite3_set_auxdata(ctx, NET_ARG, copy, sqlite3_free);
  }
  return 1;
}

static void ipInFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  ZlNet net;
  ZlAddr a;
  if(any_null(argc, argv) || !network_arg(ctx, argv[NET_ARG], &net)) return;
  if(!read_addr(ctx, argv[0], &a)) return;
  sqlite3_result_int(ctx, zl_net_contains(&net, &a));
}

/* ---- ip_family, ip_is_private, ip_key ---------------------------------- */

static void ipFamilyFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  ZlAddr a;
  if(any_null(argc, argv) || !read_addr(ctx, argv[0], &a)) return;
  sqlite3_result_int(ctx, zl_addr_family(&a));
}

static void ipIsPrivateFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  ZlAddr a;
  if(any_null(argc, argv) || !read_addr(ctx, argv[0], &a)) return;
  sqlite3_result_int(ctx, zl_addr_is_private(&a));
}

static void ipKeyFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  ZlAddr a;
  uint8_t key[ZL_ADDR_KEY_MAX];
  if(any_null(argc, argv) || !read_addr(ctx, argv[0], &a)) return;
  sqlite3_result_blob(ctx, key, (int)zl_addr_key(&a, key), SQLITE_TRANSIENT);
}

/* ---- ip_network -------------------------------------------------------- */

/* A value as an error message shows it: text quoted, numbers as SQL prints
** them. The caller frees it with sqlite3_free. */
static char *describe(sqlite3_value *v){
  const char *text = (const char *)sqlite3_value_text(v);
  if(sqlite3_value_type(v) == SQLITE_TEXT) return sqlite3_mprintf("%Q", text);
  return sqlite3_mprintf("%s", text ? text : "a value");
}

/* An integer PREFIX argument in 0..max, or -1 after reporting an error. */
static long long prefix_arg(sqlite3_context *ctx, sqlite3_value *v, unsigned max,
                            const char *which){
  sqlite3_int64 p = sqlite3_value_int64(v);
  int numeric = sqlite3_value_numeric_type(v);
  int whole = numeric == SQLITE_INTEGER
           || (numeric == SQLITE_FLOAT && sqlite3_value_double(v) == (double)p);
  if(whole && p >= 0 && p <= (sqlite3_int64)max) return p;
  char *shown = describe(v);
  error_with(ctx, shown ? sqlite3_mprintf("%s: bad %sprefix length %s: give a"
                                          " whole number 0..%u", function_name(ctx),
                                          which, shown, max) : 0);
  sqlite3_free(shown);
  return -1;
}

static void result_network(sqlite3_context *ctx, sqlite3_value *addr_arg,
                           const ZlAddr *a, long long prefix){
  ZlNet net;
  char text[ZL_NET_TEXT_MAX];
  if(zl_net_of(a, prefix, &net) != ZL_NET_OK){     /* 33..128 for an IPv4 row */
    error_with(ctx, sqlite3_mprintf("%s: prefix length %lld is too long for the"
                                    " IPv4 address %Q (0..32); for a column with"
                                    " both families give two: %s(addr, 24, 64)",
                                    function_name(ctx), prefix,
                                    (const char *)sqlite3_value_text(addr_arg),
                                    function_name(ctx)));
    return;
  }
  size_t len = zl_net_format(&net, text);
  sqlite3_result_text(ctx, text, (int)len, SQLITE_TRANSIENT);
}

static void ipNetworkFunc(sqlite3_context *ctx, int argc, sqlite3_value **argv){
  ZlAddr a;
  long long p4, p6;
  if(any_null(argc, argv)) return;
  if(argc == 2){
    p4 = p6 = prefix_arg(ctx, argv[1], ZL_ADDR_V6_BITS, "");
    if(p4 < 0) return;
  }else{
    p4 = prefix_arg(ctx, argv[1], ZL_ADDR_V4_BITS, "IPv4 ");
    if(p4 < 0) return;
    p6 = prefix_arg(ctx, argv[2], ZL_ADDR_V6_BITS, "IPv6 ");
    if(p6 < 0) return;
  }
  if(!read_addr(ctx, argv[0], &a)) return;
  result_network(ctx, argv[0], &a, zl_addr_family(&a) == 4 ? p4 : p6);
}

/* ---- registration ------------------------------------------------------ */

int zeeklog_register_addr(sqlite3 *db, char **pzErr){
  static const struct {
    const char *name;
    int nargs;
    void (*func)(sqlite3_context *, int, sqlite3_value **);
  } functions[] = {
    { "ip_in",         2, ipInFunc },
    { "ip_family",     1, ipFamilyFunc },
    { "ip_is_private", 1, ipIsPrivateFunc },
    { "ip_network",    2, ipNetworkFunc },
    { "ip_network",    3, ipNetworkFunc },
    { "ip_key",        1, ipKeyFunc },
  };
  for(size_t i = 0; i < sizeof functions / sizeof functions[0]; i++){
    int rc = sqlite3_create_function(db, functions[i].name, functions[i].nargs,
                 SQLITE_UTF8 | SQLITE_DETERMINISTIC | SQLITE_INNOCUOUS,
                 (void *)functions[i].name, functions[i].func, 0, 0);
    if(rc != SQLITE_OK){
      *pzErr = sqlite3_mprintf("zeeklog: cannot register %s(): %s",
                               functions[i].name, sqlite3_errmsg(db));
      return rc;
    }
  }
  return SQLITE_OK;
}
