/*
** addr.h — IPv4 and IPv6 addresses and networks as text, the core of
** ip_in(), ip_family(), ip_is_private(), ip_network() and ip_key() (no SQLite,
** no allocation).
**
**   ZlAddr a; ZlNet n; char text[ZL_NET_TEXT_MAX];
**   zl_addr_parse("192.168.202.79", 14, &a);           // 0
**   zl_net_parse("192.168.0.0/16", 14, &n);            // ZL_NET_OK
**   zl_net_contains(&n, &a);                           // 1
**   zl_net_of(&a, 24, &n); zl_net_format(&n, text);    // "192.168.202.0/24"
**
** One 128-bit space, as Zeek keeps addresses: the IPv4 address a.b.c.d is
** the IPv4-mapped ::ffff:a.b.c.d (RFC 4291 2.5.5.2), so both spellings are
** the same address (family 4, the same key, shown as a.b.c.d), and the IPv4
** network a.b.c.d/n is ::ffff:a.b.c.d/(96+n).
**
** Parsing is strict: IPv4 is four decimal parts 0..255 without leading zeros
** (no "1.2.3", "010.1.1.1" or hex); IPv6 is RFC 4291 text (1..4 hex digits a
** group, either case, at most one "::", an optional dotted IPv4 last) with an
** optional zone "%eth0" (RFC 4007), which is accepted and ignored.
*/
#ifndef ZL_ADDR_H
#define ZL_ADDR_H

#include <stddef.h>
#include <stdint.h>

#define ZL_ADDR_BYTES      16
#define ZL_ADDR_V4_BITS    32
#define ZL_ADDR_V6_BITS    128
#define ZL_ADDR_MAPPED_BITS 96   /* ::ffff:0:0/96, where IPv4 lives */

/* ip_key(): a family byte (4 sorts before 6), then the address bytes. */
#define ZL_ADDR_KEY_V4     4
#define ZL_ADDR_KEY_V6     6
#define ZL_ADDR_KEY_MAX    (1 + ZL_ADDR_BYTES)

/* "ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128" and its NUL. */
#define ZL_NET_TEXT_MAX    44

typedef struct ZlAddr { uint8_t b[ZL_ADDR_BYTES]; } ZlAddr;  /* network order */

/* A network: base has every bit past `bits` cleared; bits counts all 128. */
typedef struct ZlNet { ZlAddr base; unsigned bits; } ZlNet;

typedef enum ZlNetStatus {
  ZL_NET_OK = 0,
  ZL_NET_BAD_ADDRESS,    /* the part before '/' is not an address */
  ZL_NET_BAD_PREFIX_V4,  /* not a decimal 0..32 after an IPv4 address */
  ZL_NET_BAD_PREFIX_V6   /* not a decimal 0..128 after an IPv6 address */
} ZlNetStatus;

/* text[0..len) -> *out: 0, or -1 when it is not exactly an address. */
int zl_addr_parse(const char *text, size_t len, ZlAddr *out);

int zl_addr_family(const ZlAddr *a);             /* 4 or 6 */
unsigned zl_addr_max_prefix(const ZlAddr *a);    /* 32 or 128 */

/* 1 inside one of the ranges listed in addr.c (and docs/addresses.md). */
int zl_addr_is_private(const ZlAddr *a);

/* Writes the sort key, returns its length (5 for IPv4, 17 for IPv6). */
size_t zl_addr_key(const ZlAddr *a, uint8_t key[ZL_ADDR_KEY_MAX]);

/* "addr" or "addr/prefix" (a prefix counts bits of the address's own text:
** 0..32 after IPv4, 0..128 after IPv6); host bits past the prefix are
** cleared, so "10.1.2.3/8" is 10.0.0.0/8. A bare address is /32 or /128. */
ZlNetStatus zl_net_parse(const char *text, size_t len, ZlNet *out);

/* The network of `prefix` bits holding a, counted in a's family. */
ZlNetStatus zl_net_of(const ZlAddr *a, long long prefix, ZlNet *out);

int zl_net_contains(const ZlNet *n, const ZlAddr *a);

/* "a.b.c.d/n" for a network inside the IPv4 space, else RFC 5952 text
** ("2001:db8::/32"). NUL-terminated; returns the length. */
size_t zl_net_format(const ZlNet *n, char out[ZL_NET_TEXT_MAX]);

/* What went wrong, for an error message ("prefix length must be 0..32 ..."). */
const char *zl_net_status_text(ZlNetStatus status);

#endif
