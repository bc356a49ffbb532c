/*
** uri.h — percent-decoding of URIs, the core of uri_decode() and of the
** normalisation attack_class() applies before matching (no SQLite here).
**
**   %XX      -> the byte 0xXX (any case of hex digit; %00 gives a NUL byte)
**   %uXXXX   -> the code point U+XXXX encoded as UTF-8 (IIS-style escapes;
**               a UTF-16 surrogate pair %uD83D%uDE00 becomes one character)
**   +        -> a space, only when asked (form encoding in query strings)
**   anything else, including malformed escapes ("%", "%4", "%zz", a lone
**   surrogate %uD800), is copied unchanged.
**
** Decoding never makes text longer, so it can run in place.
*/
#ifndef ZL_URI_H
#define ZL_URI_H

#include <stddef.h>

#define ZL_URI_PLUS_AS_SPACE 0x1u

/* Decodes src[0..len) into dst, which must have room for len bytes and may be
** src itself. Returns the decoded length. */
size_t zl_uri_decode(const char *src, size_t len, char *dst, unsigned flags);

/* Decodes buf[0..len) in place again and again until it stops changing or
** max_rounds decodings were done (undoing double and triple encoding, the
** usual evasion). Returns the final length. */
size_t zl_uri_decode_until_stable(char *buf, size_t len, unsigned flags,
                                  int max_rounds);

#endif
