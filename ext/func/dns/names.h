/*
** names.h — what the DNS hunts ask of a name, no SQLite: its registered
** domain (the label just left of its public suffix) and the Shannon entropy
** of a text.
**
**   char out[64];  size_t n;
**   zl_registered_domain("WWW.BBC.co.uk.", 14, out, &n);   // 1: "bbc.co.uk"
**   zl_shannon_entropy("aabb", 4);                          // 1.0 bit per byte
**
** The public-suffix rule is a compact built-in one, not the full Public
** Suffix List: every top-level label is a suffix, and so are the 161
** multi-label suffixes in names.c (co.uk, com.au, co.jp, com.br, ...,
** in-addr.arpa, ip6.arpa; each one checked to be in the ICANN section of
** the list). The list's wildcard and exception rules (*.ck, !www.ck) and
** its private section (cloudfront.net, blogspot.com, ...) are not applied.
*/
#ifndef ZL_NAMES_H
#define ZL_NAMES_H

#include <stddef.h>

/* How many multi-label suffixes names.c knows, and the i-th of them in
** strcmp order (NULL past the end): for the tests and the docs. */
size_t zl_public_suffix_count(void);
const char *zl_public_suffix(size_t i);
/* Is the lower-case text (no dot at either end) one of them? */
int zl_is_multi_label_suffix(const char *suffix, size_t len);

/* The registered domain of name[0..len) into out (room for len bytes),
** lower-cased (ASCII), without a trailing dot: 1 with *out_len set; 0 when
** there is none: an empty name, an empty label, a dotted-quad IPv4 address,
** or a name that is only a public suffix ("com", "co.uk"). */
int zl_registered_domain(const char *name, size_t len, char *out, size_t *out_len);

/* -sum p log2 p over the byte values of text[0..len): 0 for no bytes. */
double zl_shannon_entropy(const void *text, size_t len);

#endif
