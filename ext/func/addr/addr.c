/*
** addr.c — strict address parsing, networks, the private ranges, sort keys
** and RFC 5952 text (see addr.h). In SQL (sql_addr.c):
**
**   SELECT ip_in('10.1.2.3', '10.0.0.0/8');          -- 1
**   SELECT ip_network('2001:DB8::1', 32);            -- '2001:db8::/32'
**
** Our own parser rather than inet_pton(): it works on (pointer, length) text
** as SQLite hands it over (no NUL-terminated copy), takes a zone id, and is
** as strict as glibc's inet_pton about the address itself.
*/
#include "func/addr/addr.h"

#include <string.h>

#define V4_PARTS       4
#define V4_PART_DIGITS 3
#define V4_PART_MAX    255
#define V6_GROUPS      8
#define V6_GROUP_DIGITS 4
#define PREFIX_DIGITS  3
#define MAPPED_OFFSET  12    /* the IPv4 bytes of ::ffff:a.b.c.d */
#define MAPPED_FF_AT   10    /* the two 0xff bytes before them */
#define NO_GAP         (-1)

static const uint8_t mapped_prefix[MAPPED_OFFSET] = {
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff
};

static int is_digit(char c){ return c >= '0' && c <= '9'; }

/* Hex digit values plus one (0: not a hex digit). A table, not comparisons:
** random hex digits mispredict branches (measured: IPv6 parsing 2x faster). */
static const uint8_t hex_plus_one[256] = {
  ['0'] = 1, ['1'] = 2, ['2'] = 3, ['3'] = 4, ['4'] = 5,
  ['5'] = 6, ['6'] = 7, ['7'] = 8, ['8'] = 9, ['9'] = 10,
  ['a'] = 11, ['b'] = 12, ['c'] = 13, ['d'] = 14, ['e'] = 15, ['f'] = 16,
  ['A'] = 11, ['B'] = 12, ['C'] = 13, ['D'] = 14, ['E'] = 15, ['F'] = 16,
};

static int hex_value(char c){ return hex_plus_one[(unsigned char)c] - 1; }

/* ---- parsing ---------------------------------------------------------- */

/* Four dotted decimal parts, each 0..255 with no leading zero. */
static int parse_v4(const char *s, size_t len, uint8_t out[V4_PARTS]){
  size_t i = 0;
  for(int part = 0; part < V4_PARTS; part++){
    if(part > 0){
      if(i >= len || s[i] != '.') return -1;
      i++;
    }
    if(i >= len || !is_digit(s[i])) return -1;
    if(s[i] == '0' && i + 1 < len && is_digit(s[i + 1])) return -1;
    unsigned value = 0;
    for(int digits = 0; digits < V4_PART_DIGITS && i < len && is_digit(s[i]); digits++){
      value = value * 10 + (unsigned)(s[i++] - '0');
    }
    if(value > V4_PART_MAX) return -1;
    out[part] = (uint8_t)value;
  }
  return i == len ? 0 : -1;
}

static void set_v4(ZlAddr *a, const uint8_t v4[V4_PARTS]){
  memcpy(a->b, mapped_prefix, MAPPED_OFFSET);
  memcpy(a->b + MAPPED_OFFSET, v4, V4_PARTS);
}

/* Reads the groups of RFC 4291 text into g[], noting where "::" stood.
** Returns the group count, or -1. */
static int read_v6_groups(const char *s, size_t len, uint16_t g[V6_GROUPS], int *gap){
  size_t i = 0;
  int n = 0;
  *gap = NO_GAP;
  if(len >= 2 && s[0] == ':' && s[1] == ':'){
    *gap = 0;
    i = 2;
  }else if(len > 0 && s[0] == ':'){
    return -1;
  }
  while(i < len){
    size_t start = i;
    unsigned value = 0;
    int digits = 0;
    while(i < len && hex_value(s[i]) >= 0 && digits <= V6_GROUP_DIGITS){
      value = value * 16 + (unsigned)hex_value(s[i++]);
      digits++;
    }
    if(i < len && s[i] == '.'){            /* dotted IPv4: the last 32 bits */
      uint8_t v4[V4_PARTS];
      if(n > V6_GROUPS - 2 || parse_v4(s + start, len - start, v4) != 0) return -1;
      g[n++] = (uint16_t)(v4[0] << 8 | v4[1]);
      g[n++] = (uint16_t)(v4[2] << 8 | v4[3]);
      return n;
    }
    if(digits == 0 || digits > V6_GROUP_DIGITS || n == V6_GROUPS) return -1;
    g[n++] = (uint16_t)value;
    if(i == len) break;
    if(s[i++] != ':' || i == len) return -1;   /* a trailing single ':' */
    if(s[i] == ':'){
      if(*gap != NO_GAP) return -1;
      *gap = n;
      i++;
    }
  }
  return n;
}

static int parse_v6(const char *s, size_t len, ZlAddr *out){
  uint16_t g[V6_GROUPS];
  int gap;
  int n = read_v6_groups(s, len, g, &gap);
  if(n < 0) return -1;
  if(gap == NO_GAP ? n != V6_GROUPS : n >= V6_GROUPS) return -1;
  int zeros = V6_GROUPS - n, at = 0;   /* the groups "::" stands for */
  memset(out->b, 0, ZL_ADDR_BYTES);
  for(int k = 0; k < n; k++, at++){
    if(k == gap) at += zeros;
    out->b[2 * at] = (uint8_t)(g[k] >> 8);
    out->b[2 * at + 1] = (uint8_t)g[k];
  }
  return 0;
}

/* A zone id (RFC 4007 "%eth0"): one or more printable bytes, no '%' or '/'. */
static int zone_ok(const char *z, size_t len){
  if(len == 0) return 0;
  for(size_t i = 0; i < len; i++){
    unsigned char c = (unsigned char)z[i];
    if(c <= ' ' || c == 0x7f || c == '%' || c == '/') return 0;
  }
  return 1;
}

int zl_addr_parse(const char *text, size_t len, ZlAddr *out){
  uint8_t v4[V4_PARTS];
  if(parse_v4(text, len, v4) == 0){      /* the common case first, no scans */
    set_v4(out, v4);
    return 0;
  }
  const char *pct = memchr(text, '%', len);
  size_t addr_len = pct ? (size_t)(pct - text) : len;
  if(!memchr(text, ':', addr_len)) return -1;
  if(pct && !zone_ok(pct + 1, len - addr_len - 1)) return -1;
  return parse_v6(text, addr_len, out);
}

/* ---- families and keys ------------------------------------------------ */

int zl_addr_family(const ZlAddr *a){
  return memcmp(a->b, mapped_prefix, MAPPED_OFFSET) == 0 ? 4 : 6;
}

unsigned zl_addr_max_prefix(const ZlAddr *a){
  return zl_addr_family(a) == 4 ? ZL_ADDR_V4_BITS : ZL_ADDR_V6_BITS;
}

size_t zl_addr_key(const ZlAddr *a, uint8_t key[ZL_ADDR_KEY_MAX]){
  if(zl_addr_family(a) == 4){
    key[0] = ZL_ADDR_KEY_V4;
    memcpy(key + 1, a->b + MAPPED_OFFSET, V4_PARTS);
    return 1 + V4_PARTS;
  }
  key[0] = ZL_ADDR_KEY_V6;
  memcpy(key + 1, a->b, ZL_ADDR_BYTES);
  return 1 + ZL_ADDR_BYTES;
}

/* ---- networks ---------------------------------------------------------- */

static void clear_host_bits(ZlAddr *a, unsigned bits){
  unsigned whole = bits / 8, rest = bits % 8;
  if(whole >= ZL_ADDR_BYTES) return;
  a->b[whole] &= (uint8_t)(0xff << (8 - rest));    /* rest 0: the byte goes */
  memset(a->b + whole + 1, 0, ZL_ADDR_BYTES - whole - 1);
}

static void make_net(const ZlAddr *a, unsigned bits, ZlNet *out){
  out->base = *a;
  out->bits = bits;
  clear_host_bits(&out->base, bits);
}

int zl_net_contains(const ZlNet *n, const ZlAddr *a){
  unsigned whole = n->bits / 8, rest = n->bits % 8;
  if(memcmp(n->base.b, a->b, whole) != 0) return 0;
  if(rest == 0) return 1;
  uint8_t mask = (uint8_t)(0xff << (8 - rest));
  return (a->b[whole] & mask) == n->base.b[whole];
}

ZlNetStatus zl_net_of(const ZlAddr *a, long long prefix, ZlNet *out){
  int v4 = zl_addr_family(a) == 4;
  if(prefix < 0 || prefix > (long long)zl_addr_max_prefix(a)){
    return v4 ? ZL_NET_BAD_PREFIX_V4 : ZL_NET_BAD_PREFIX_V6;
  }
  make_net(a, (unsigned)prefix + (v4 ? ZL_ADDR_MAPPED_BITS : 0), out);
  return ZL_NET_OK;
}

/* 1..3 decimal digits, no leading zero, at most max; -1 otherwise. */
static long parse_prefix(const char *s, size_t len, unsigned max){
  if(len == 0 || len > PREFIX_DIGITS || (s[0] == '0' && len > 1)) return -1;
  long value = 0;
  for(size_t i = 0; i < len; i++){
    if(!is_digit(s[i])) return -1;
    value = value * 10 + (s[i] - '0');
  }
  return value <= (long)max ? value : -1;
}

ZlNetStatus zl_net_parse(const char *text, size_t len, ZlNet *out){
  const char *slash = memchr(text, '/', len);
  size_t addr_len = slash ? (size_t)(slash - text) : len;
  ZlAddr a;
  if(zl_addr_parse(text, addr_len, &a) != 0) return ZL_NET_BAD_ADDRESS;
  /* The prefix counts bits of the text's own family: "::ffff:10.0.0.0/104"
  ** is written as IPv6 and counts 128 bits, "10.0.0.0/8" counts 32. */
  int written_v4 = memchr(text, ':', addr_len) == 0;
  unsigned max = written_v4 ? ZL_ADDR_V4_BITS : ZL_ADDR_V6_BITS;
  long prefix = max;
  if(slash){
    prefix = parse_prefix(slash + 1, len - addr_len - 1, max);
    if(prefix < 0) return written_v4 ? ZL_NET_BAD_PREFIX_V4 : ZL_NET_BAD_PREFIX_V6;
  }
  make_net(&a, (unsigned)prefix + (written_v4 ? ZL_ADDR_MAPPED_BITS : 0), out);
  return ZL_NET_OK;
}

const char *zl_net_status_text(ZlNetStatus status){
  switch(status){
    case ZL_NET_OK:            return "ok";
    case ZL_NET_BAD_ADDRESS:   return "not an IPv4 or IPv6 address or network";
    case ZL_NET_BAD_PREFIX_V4: return "the prefix length of an IPv4 network must be 0..32";
    case ZL_NET_BAD_PREFIX_V6: return "the prefix length of an IPv6 network must be 0..128";
  }
  return "unknown status";
}

/* ---- the private ranges ----------------------------------------------- */

typedef struct V4Range { uint32_t base; unsigned bits; } V4Range;

/* Kept in step with docs/addresses.md. Not private: multicast 224.0.0.0/4,
** the documentation nets (RFC 5737), benchmarking 198.18.0.0/15, 240.0.0.0/4. */
static const V4Range private_v4[] = {
  { 0x00000000u,  8 },   /* 0.0.0.0/8       "this network", RFC 1122 3.2.1.3 */
  { 0x0a000000u,  8 },   /* 10.0.0.0/8      RFC 1918 */
  { 0x64400000u, 10 },   /* 100.64.0.0/10   shared (CGNAT), RFC 6598 */
  { 0x7f000000u,  8 },   /* 127.0.0.0/8     loopback, RFC 1122 3.2.1.3 */
  { 0xa9fe0000u, 16 },   /* 169.254.0.0/16  link-local, RFC 3927 */
  { 0xac100000u, 12 },   /* 172.16.0.0/12   RFC 1918 */
  { 0xc0a80000u, 16 },   /* 192.168.0.0/16  RFC 1918 */
  { 0xffffffffu, 32 },   /* 255.255.255.255 limited broadcast, RFC 919 */
};

static int v4_is_private(const uint8_t v4[V4_PARTS]){
  uint32_t x = (uint32_t)v4[0] << 24 | (uint32_t)v4[1] << 16
             | (uint32_t)v4[2] << 8 | v4[3];
  for(size_t i = 0; i < sizeof private_v4 / sizeof private_v4[0]; i++){
    uint32_t mask = 0xffffffffu << (ZL_ADDR_V4_BITS - private_v4[i].bits);
    if((x & mask) == private_v4[i].base) return 1;
  }
  return 0;
}

static int v6_is_unspecified_or_loopback(const ZlAddr *a){
  for(int i = 0; i < ZL_ADDR_BYTES - 1; i++){
    if(a->b[i] != 0) return 0;
  }
  return a->b[ZL_ADDR_BYTES - 1] <= 1;    /* ::  and  ::1 (RFC 4291 2.5.2/3) */
}

int zl_addr_is_private(const ZlAddr *a){
  if(zl_addr_family(a) == 4) return v4_is_private(a->b + MAPPED_OFFSET);
  if((a->b[0] & 0xfe) == 0xfc) return 1;                      /* fc00::/7 ULA, RFC 4193 */
  if(a->b[0] == 0xfe && (a->b[1] & 0xc0) == 0x80) return 1;   /* fe80::/10, RFC 4291 */
  return v6_is_unspecified_or_loopback(a);
}

/* ---- text --------------------------------------------------------------- */

/* v < 1000: the decimal digits, no leading zeros. */
static size_t put_decimal(char *out, unsigned v){
  size_t n = 0;
  if(v >= 100) out[n++] = (char)('0' + v / 100);
  if(v >= 10) out[n++] = (char)('0' + v / 10 % 10);
  out[n++] = (char)('0' + v % 10);
  return n;
}

static size_t put_hex_group(char *out, unsigned v){
  static const char hex[] = "0123456789abcdef";
  size_t n = 0;
  int shift = 12;
  while(shift > 0 && ((v >> shift) & 0xf) == 0) shift -= 4;  /* no leading zeros */
  for(; shift >= 0; shift -= 4) out[n++] = hex[(v >> shift) & 0xf];
  return n;
}

static size_t format_v4(const uint8_t v4[V4_PARTS], char *out){
  size_t n = 0;
  for(int i = 0; i < V4_PARTS; i++){
    if(i > 0) out[n++] = '.';
    n += put_decimal(out + n, v4[i]);
  }
  return n;
}

/* RFC 5952 4.2: "::" replaces the longest run of two or more zero groups,
** the first such run on a tie; hex in lower case without leading zeros. */
static size_t format_v6(const ZlAddr *a, char *out){
  unsigned g[V6_GROUPS];
  int best_at = NO_GAP, best_len = 1, run_at = 0, run_len = 0;
  for(int i = 0; i < V6_GROUPS; i++){
    g[i] = (unsigned)a->b[2 * i] << 8 | a->b[2 * i + 1];
    if(g[i] != 0){ run_len = 0; continue; }
    if(run_len++ == 0) run_at = i;
    if(run_len > best_len){ best_len = run_len; best_at = run_at; }
  }
  size_t n = 0;
  for(int i = 0; i < V6_GROUPS; i++){
    if(i == best_at){
      out[n++] = ':';
      out[n++] = ':';
      i += best_len - 1;
      continue;
    }
    if(i > 0 && i != best_at + best_len) out[n++] = ':';
    n += put_hex_group(out + n, g[i]);
  }
  return n;
}

size_t zl_net_format(const ZlNet *n, char out[ZL_NET_TEXT_MAX]){
  size_t len;
  unsigned bits = n->bits;
  if(zl_addr_family(&n->base) == 4 && bits >= ZL_ADDR_MAPPED_BITS){
    len = format_v4(n->base.b + MAPPED_OFFSET, out);
    bits -= ZL_ADDR_MAPPED_BITS;
  }else{
    len = format_v6(&n->base, out);
  }
  out[len++] = '/';
  len += put_decimal(out + len, bits);
  out[len] = 0;
  return len;
}
