/*
** json_line.h — one Zeek JSON log line scanned in place: the members a query
** wants found, the rest validated and skipped, nothing built, nothing
** allocated per line. No SQLite in here; thread-safe (the key index is
** read-only once built; each thread has its own ZlJsonLine).
**
**   ZlJsonKeys keys;                            // once, from the column names
**   zl_json_keys_init(&keys, names, ncols);
**   ZlJsonLine row;                             // once per thread
**   zl_json_line_init(&row, &keys);
**   if(zl_json_line_scan(&row, &keys, line, len) == 0){
**     const ZlJsonValue *v = &row.cells[c];     // type ZL_JSON_ABSENT if missing
**     zl_json_number_value(v->text.p, v->text.n, &value);     // numbers
**     zl_json_unescape(v->text.p, v->text.n, dst, &n);        // strings
**     zl_json_compact(&buf, v->text.p, v->text.n);            // arrays
**   }else{
**     row.error, row.error_at                   // "unterminated string", byte 41
**   }
**
** The grammar is RFC 8259's, strictly (see json_line.c for the few places
** where that differs from cJSON, today's parser). Three choices of ours:
**  - Duplicate keys: the last non-null value wins (null only when every
**    value is null), which is what zeeklog did over cJSON's member list.
**  - Bytes that are not valid UTF-8 are accepted as bytes, as cJSON does:
**    Zeek's writer never emits them (it writes the text \\xNN), but other
**    producers may, and rejecting them would drop rows that read today.
**    SQLite TEXT holds any bytes.
**  - An escaped lone surrogate (\ud800 without its pair) makes the line bad,
**    as cJSON does and as I-JSON (RFC 7493) requires: it has no UTF-8 form,
**    and Zeek never writes one.
*/
#ifndef ZL_JSON_LINE_H
#define ZL_JSON_LINE_H

#include <stddef.h>
#include <stdint.h>
#include "base/buf.h"
#include "base/values.h"

/* Nesting allowed, the line's own object included: cJSON's limit. */
#define ZL_JSON_MAX_DEPTH 1000

typedef enum ZlJsonType {
  ZL_JSON_ABSENT = 0,      /* the line has no such member */
  ZL_JSON_NULL,
  ZL_JSON_FALSE,
  ZL_JSON_TRUE,
  ZL_JSON_NUMBER,
  ZL_JSON_STRING,
  ZL_JSON_ARRAY,
  ZL_JSON_OBJECT
} ZlJsonType;

/* ZlJsonValue.flags */
enum {
  ZL_JSON_ESCAPED = 1,     /* a string with a backslash: decode it (zl_json_unescape) */
  ZL_JSON_FRACTION = 2     /* a number with a '.' or an exponent: a double in Zeek's JSON */
};

/* A member's value where it lies in the line. text: a string's bytes
** between the quotes, escapes not decoded; a number's characters as written;
** an array or object whole, brackets included; true/false/null as written. */
typedef struct ZlJsonValue {
  ZlSpan text;
  uint8_t type;            /* ZlJsonType */
  uint8_t flags;
} ZlJsonValue;

/* The names a query wants, hashed once. A name's column is its position in
** the list given to zl_json_keys_init; of equal names the first wins. */
typedef struct ZlJsonKeySlot {
  uint64_t hash;
  const char *name;        /* NULL: an empty slot */
  size_t len;
  int column;
} ZlJsonKeySlot;

/* ZlJsonKeys.simd: the fast paths a scan takes. */
enum {
  ZL_JSON_SIMD_NONE = 0,   /* none: the generic walk alone (strings found 16 bytes at a time) */
  ZL_JSON_SIMD_SSE2,       /* the line's index built 16 bytes at a time */
  ZL_JSON_SIMD_AVX2        /* ... 32 bytes at a time */
};

struct ZlJsonGuess;        /* a key expected next (json_line_internal.h) */

typedef struct ZlJsonKeys {
  int n;                   /* names given (cells per line) */
  size_t mask;             /* slots - 1 */
  size_t max_len;          /* the longest name */
  uint64_t lengths;        /* bit n (63: 63 or more): some name is n bytes long */
  int simd;                /* ZL_JSON_SIMD_*: the CPU's best (a test may lower it) */
  ZlJsonKeySlot *slots;
  ZlJsonKeySlot **slot_of; /* [n]: each column's name */
  struct ZlJsonGuess *guess_of;  /* [n]: each column's name, ready to compare */
  uint64_t *tail8;         /* [n]: the last 8 bytes of each name of 8 or more */
  char *names;             /* the names' bytes, owned */
} ZlJsonKeys;

/* 0, or -1 when memory runs out. Names are NUL-terminated. */
int zl_json_keys_init(ZlJsonKeys *keys, const char *const *names, int n);
void zl_json_keys_free(ZlJsonKeys *keys);
/* The column of a key (its bytes as decoded), or -1. */
int zl_json_keys_find(const ZlJsonKeys *keys, const char *key, size_t n);

/* ZlJsonLine.walk */
enum {
  ZL_JSON_WALK_GENERIC = 0,   /* byte by byte (whitespace, control bytes, a line over 4 KiB, SIMD off) */
  ZL_JSON_WALK_INDEXED,       /* its quotes indexed first */
  ZL_JSON_WALK_PLAIN          /* the same, no backslash and room to read ahead: no tests of either */
};

/* One thread's scan state, reused line after line. */
typedef struct ZlJsonLine {
  ZlJsonValue *cells;      /* [keys->n]: valid after a scan that returned 0 (an
                              absent cell's text is left over, not cleared) */
  uint64_t *filled;        /* [(keys->n + 63) / 64]: bit c, the last scan filled cells[c] */
  int nset;                /* the cells the last scan filled */
  int members;             /* the line's members */
  int unknown_keys;        /* members whose key is not in the index */
  const char *error;       /* after -1: a short static reason */
  size_t error_at;         /* after -1: the byte offset it was found at */
  int walk;                /* how the last good line was read: ZL_JSON_WALK_* (tests check it) */
  /* The rest is the scanner's own. */
  uint64_t *live;          /* cells that may not be ABSENT (cleared lazily) */
  int words;               /* of filled and live */
  char *key_buf;           /* an escaped key decoded for lookup */
  struct ZlJsonGuess *guess;  /* the key that followed each key last time (json_keys.c) */
  struct ZlJsonGuess *unknown;    /* unknown keys remembered */
  int nunknown;
} ZlJsonLine;

/* 0, or -1 when memory runs out. */
int zl_json_line_init(ZlJsonLine *row, const ZlJsonKeys *keys);
void zl_json_line_free(ZlJsonLine *row);
/* Scans one line (no newline; whitespace, a final '\r' and a leading UTF-8
** byte order mark are allowed around the object). Returns 0, or -1 when the
** line is not exactly one JSON object (row->error says why). */
int zl_json_line_scan(ZlJsonLine *row, const ZlJsonKeys *keys, const char *line, size_t len);
/* The same, allowed to read (never to use) bytes after the line up to
** line + readable (the rest of the chunk it lies in): wide loads then need
** no care near the line's end. readable >= len. */
int zl_json_line_scan_ahead(ZlJsonLine *row, const ZlJsonKeys *keys, const char *line, size_t len,
                            size_t readable);

/* Every member of a valid line in order, for schema sampling: fn gets the
** key (escapes decoded; into *scratch when it had any) and the value. The
** line is validated first, so a bad line calls fn never. Returns 0; -1 for a
** bad line (*error and *error_at, either may be NULL) or when memory runs out
** (*error "out of memory"); else the first non-zero value fn returned. */
typedef int (*ZlJsonMemberFn)(void *ctx, const char *key, size_t key_len, const ZlJsonValue *value);
int zl_json_line_members(const char *line, size_t len, ZlJsonMemberFn fn, void *ctx,
                         ZlBuf *scratch, const char **error, size_t *error_at);

/* A string's text with every escape decoded (\uXXXX and surrogate pairs to
** UTF-8, \u0000 to a NUL byte that stays in the value) into dst, which needs
** room for n bytes (decoding never grows). 0 and *out_n, or -1 for a bad
** escape (never for text a scan accepted). */
int zl_json_unescape(const char *s, size_t n, char *dst, size_t *out_n);

/* A number's text -> the nearest double (correctly rounded, any length:
** Zeek's full-digit 1.79e308 included; -0 is -0.0). 0, or -1 when the text
** is not a JSON number or its magnitude overflows (*out then +-inf). */
int zl_json_number_double(const char *s, size_t n, double *out);
/* A number's text -> ZL_V_INT when it has no '.' or exponent and fits int64,
** else ZL_V_REAL (counts past int64, fractions, exponents). 0, or -1 as
** above. */
int zl_json_number_value(const char *s, size_t n, ZlValue *out);

/* Appends a value's raw text (a scanned array, usually) as compact JSON:
** whitespace removed, strings re-quoted as SQLite's json_quote() writes them
** (zl_json_quote), numbers with exactly the characters the log wrote, null,
** true and false kept. 0, or -1 for text that is not JSON or out of memory. */
int zl_json_compact(ZlBuf *out, const char *s, size_t n);

#endif
