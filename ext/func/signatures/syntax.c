/*
** syntax.c — the PCRE2 syntax that needs.c reads, one item at a time: what
** a literal, a class, an escape or a group can match (see syntax.h). Groups
** come back to needs.c for their alternations.
*/
#include "func/signatures/syntax.h"

#include <string.h>

#define CLASS_MAX  16   /* bytes a class may hold and still be a set */
#define DEPTH_MAX  16   /* groups inside groups (each costs ~2 KiB of stack) */
#define BYTE_VALUES 256

void zl_part_no_needs(ZlPatternPart *x){
  zl_need_none(&x->need);
  zl_need_none(&x->need2);
}

/* A part's needs also consider the grams of its exact strings. */
void zl_part_settle(ZlPatternPart *x){
  ZlNeed first, second;
  zl_need_pair_from_strset(&x->exact, &first, &second);
  if(first.known && (!x->need.known || first.cost < x->need.cost)){
    x->need = first;
    x->need2 = second;
  }
}


/* ---- items --------------------------------------------------------------- */

static void item_unknown(ZlPatternPart *x){
  x->exact.known = 0;
  zl_part_no_needs(x);
}

static void item_empty(ZlPatternPart *x){           /* anchors, lookarounds: no text */
  zl_strset_only_empty(&x->exact);
  zl_part_no_needs(x);
}

static void item_byte(ZlPatternPart *x, unsigned char b){
  unsigned char folded = zl_needs_fold(b);
  zl_strset_none(&x->exact);
  zl_strset_add(&x->exact, &folded, 1);
  zl_part_no_needs(x);
  zl_part_settle(x);
}

/* A set of bytes (a class, \d, \s): exact when it is small once folded. */
static void item_bytes(ZlPatternPart *x, const unsigned char bits[BYTE_VALUES / 8]){
  unsigned char folded[BYTE_VALUES];
  memset(folded, 0, sizeof folded);
  int count = 0;
  for(int b = 0; b < BYTE_VALUES; b++){
    if(!(bits[b / 8] & (1u << (b % 8)))) continue;
    unsigned char f = zl_needs_fold((unsigned char)b);
    if(!folded[f]){ folded[f] = 1; count++; }
  }
  if(count > CLASS_MAX || count == 0){ item_unknown(x); return; }
  zl_strset_none(&x->exact);
  for(int b = 0; b < BYTE_VALUES; b++){
    unsigned char c = (unsigned char)b;
    if(folded[b]) zl_strset_add(&x->exact, &c, 1);
  }
  zl_part_no_needs(x);
  zl_part_settle(x);
}

static void bits_add(unsigned char bits[BYTE_VALUES / 8], unsigned lo, unsigned hi){
  for(unsigned b = lo; b <= hi; b++) bits[b / 8] |= (unsigned char)(1u << (b % 8));
}

static void bits_all(unsigned char bits[BYTE_VALUES / 8]){
  memset(bits, 0xff, BYTE_VALUES / 8);
}

static void bits_space(unsigned char bits[BYTE_VALUES / 8]){
  bits_add(bits, '\t', '\r');    /* \t \n \v \f \r: PCRE2's \s without UCP */
  bits_add(bits, ' ', ' ');
}

/* ---- the reader ---------------------------------------------------------- */

int zl_pattern_at(const ZlPatternReader *r, size_t ahead, unsigned char c){
  return (size_t)(r->end - r->p) > ahead && r->p[ahead] == c;
}

static int is_digit(unsigned char c){ return c >= '0' && c <= '9'; }
static int is_alnum(unsigned char c){
  return is_digit(c) || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

static int hex_value(unsigned char c){
  if(is_digit(c)) return c - '0';
  if(c >= 'a' && c <= 'f') return c - 'a' + 10;
  if(c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

/* Skips to just after the next `close`; fails when there is none. */
static void skip_past(ZlPatternReader *r, unsigned char close){
  while(r->p < r->end && *r->p != close) r->p++;
  if(r->p == r->end){ r->failed = 1; return; }
  r->p++;
}

/* Reads digits in `base` (at most max_digits; 0: any number) into *value. */
static int read_number(ZlPatternReader *r, int base, int max_digits, unsigned long *value){
  int digits = 0;
  *value = 0;
  while(r->p < r->end && (max_digits == 0 || digits < max_digits)){
    int d = base == 16 ? hex_value(*r->p) : (is_digit(*r->p) && *r->p - '0' < base ? *r->p - '0' : -1);
    if(d < 0) break;
    if(*value < 0x1000000ul) *value = *value * (unsigned long)base + (unsigned long)d;
    r->p++;
    digits++;
  }
  return digits;
}

/* \x.., \o{..}, \0.. and the one-letter escapes: the byte, or -1. */
static long escaped_byte(ZlPatternReader *r, unsigned char c){
  unsigned long value;
  switch(c){
    case 'a': return 7;
    case 'e': return 27;
    case 'f': return 12;
    case 'n': return 10;
    case 'r': return 13;
    case 't': return 9;
    case 'x':
      if(zl_pattern_at(r, 0, '{')){
        r->p++;
        read_number(r, 16, 0, &value);
        if(!zl_pattern_at(r, 0, '}')) return -1;
        r->p++;
      }else{
        read_number(r, 16, 2, &value);
      }
      return value <= 0xff ? (long)value : -1;
    case 'o':
      if(!zl_pattern_at(r, 0, '{')) return -1;
      r->p++;
      read_number(r, 8, 0, &value);
      if(!zl_pattern_at(r, 0, '}')) return -1;
      r->p++;
      return value <= 0xff ? (long)value : -1;
    case '0':
      read_number(r, 8, 2, &value);
      return (long)value;
    default:
      return is_alnum(c) ? -1 : c;
  }
}

/* Skips the name or number of \g, \k, \p, \P: {..}, <..>, '..', or digits. */
static void skip_reference(ZlPatternReader *r){
  if(zl_pattern_at(r, 0, '{')) skip_past(r, '}');
  else if(zl_pattern_at(r, 0, '<')) skip_past(r, '>');
  else if(zl_pattern_at(r, 0, '\'')){ r->p++; skip_past(r, '\''); }
  else{
    if(r->p < r->end && (*r->p == '+' || *r->p == '-')) r->p++;
    while(r->p < r->end && is_digit(*r->p)) r->p++;
  }
}

static void parse_escape(ZlPatternReader *r, ZlPatternPart *x){
  r->p++;                                   /* the backslash */
  if(r->p >= r->end){ r->failed = 1; return; }
  unsigned char c = *r->p++;
  unsigned char bits[BYTE_VALUES / 8] = {0};
  switch(c){
    case 'd': bits_add(bits, '0', '9'); item_bytes(x, bits); return;
    case 's': bits_space(bits); item_bytes(x, bits); return;
    case 'b': case 'B': case 'A': case 'z': case 'Z': case 'G': case 'K':
      item_empty(x);
      return;
    case 'w': case 'D': case 'S': case 'W': case 'h': case 'H': case 'v':
    case 'V': case 'R': case 'X':
      item_unknown(x);
      return;
    case 'N':
      if(zl_pattern_at(r, 0, '{')){ r->failed = 1; return; }
      item_unknown(x);
      return;
    case 'p': case 'P':
      if(zl_pattern_at(r, 0, '{')) skip_past(r, '}');
      else if(r->p < r->end) r->p++;
      item_unknown(x);
      return;
    case 'g': case 'k':
      skip_reference(r);
      item_unknown(x);
      return;
    case 'c':
      if(r->p >= r->end){ r->failed = 1; return; }
      r->p++;
      item_unknown(x);
      return;
    default:
      break;
  }
  if(c >= '1' && c <= '9'){                 /* a back reference (or octal) */
    while(r->p < r->end && is_digit(*r->p)) r->p++;
    item_unknown(x);
    return;
  }
  long b = escaped_byte(r, c);
  if(b < 0){ r->failed = 1; return; }
  item_byte(x, (unsigned char)b);
}

/* One member of a class after a backslash: a byte (*single = 1) or a set
** added to bits. */
static void class_escape(ZlPatternReader *r, unsigned char bits[BYTE_VALUES / 8],
                         int *single, unsigned char *byte){
  r->p++;
  if(r->p >= r->end){ r->failed = 1; return; }
  unsigned char c = *r->p++;
  *single = 0;
  switch(c){
    case 'd': bits_add(bits, '0', '9'); return;
    case 's': bits_space(bits); return;
    case 'w': case 'D': case 'S': case 'W': case 'h': case 'H': case 'v': case 'V':
      bits_all(bits);
      return;
    case 'p': case 'P':
      if(zl_pattern_at(r, 0, '{')) skip_past(r, '}');
      else if(r->p < r->end) r->p++;
      bits_all(bits);
      return;
    case 'b': *single = 1; *byte = 8; return;
    case 'c':
      if(r->p >= r->end){ r->failed = 1; return; }
      r->p++;
      bits_all(bits);
      return;
    default: break;
  }
  if(c >= '1' && c <= '7'){                 /* octal in a class */
    unsigned long value = (unsigned long)(c - '0'), more;
    int digits = read_number(r, 8, 2, &more);
    for(int i = 0; i < digits; i++) value *= 8;
    value += more;
    if(value > 0xff){ r->failed = 1; return; }
    *single = 1;
    *byte = (unsigned char)value;
    return;
  }
  long b = escaped_byte(r, c);
  if(b < 0){ r->failed = 1; return; }
  *single = 1;
  *byte = (unsigned char)b;
}

static void parse_class(ZlPatternReader *r, ZlPatternPart *x){
  unsigned char bits[BYTE_VALUES / 8] = {0};
  r->p++;                                   /* '[' */
  int negated = zl_pattern_at(r, 0, '^');
  if(negated) r->p++;
  for(int first = 1; ; first = 0){
    if(r->p >= r->end){ r->failed = 1; return; }
    unsigned char c = *r->p;
    if(c == ']' && !first){ r->p++; break; }
    if(c == '[' && (zl_pattern_at(r, 1, ':') || zl_pattern_at(r, 1, '.') || zl_pattern_at(r, 1, '='))){ r->failed = 1; return; }
    int single = 1;
    unsigned char lo = c;
    if(c == '\\'){
      class_escape(r, bits, &single, &lo);
      if(r->failed) return;
    }else{
      r->p++;
    }
    if(!single) continue;
    if(zl_pattern_at(r, 0, '-') && r->p + 1 < r->end && r->p[1] != ']'){
      r->p++;
      unsigned char hi = *r->p;
      if(hi == '\\'){
        class_escape(r, bits, &single, &hi);
        if(r->failed || !single){ r->failed = 1; return; }
      }else{
        r->p++;
      }
      if(hi < lo){ r->failed = 1; return; }
      bits_add(bits, lo, hi);
    }else{
      bits_add(bits, lo, lo);
    }
  }
  if(negated){ item_unknown(x); return; }   /* a negated class is large */
  item_bytes(x, bits);
}

/* The inside of a group, up to and past its ')'. */
static void group_body(ZlPatternReader *r, ZlPatternPart *x){
  if(r->depth >= DEPTH_MAX){ r->failed = 1; return; }
  r->depth++;
  zl_needs_alternation(r, x);
  r->depth--;
  if(r->failed) return;
  if(!zl_pattern_at(r, 0, ')') || r->quoting){ r->failed = 1; return; }
  r->p++;
}

/* A lookaround: read (to get past it) but it matches no text. */
static void lookaround_body(ZlPatternReader *r, ZlPatternPart *x){
  ZlPatternPart inside;
  group_body(r, &inside);
  item_empty(x);
}

/* (?i), (?-s), (?m:...): options, except the ones that change how the
** pattern reads (x). */
static void option_group(ZlPatternReader *r, ZlPatternPart *x){
  while(r->p < r->end && (is_alnum(*r->p) || *r->p == '-' || *r->p == '^')){
    if(*r->p == 'x' || is_digit(*r->p)){ r->failed = 1; return; }
    r->p++;
  }
  if(zl_pattern_at(r, 0, ')')){ r->p++; item_empty(x); return; }
  if(zl_pattern_at(r, 0, ':')){ r->p++; group_body(r, x); return; }
  r->failed = 1;
}

static void parse_group(ZlPatternReader *r, ZlPatternPart *x){
  r->p++;                                   /* '(' */
  if(r->p >= r->end || *r->p == '*'){ r->failed = 1; return; }   /* (*VERB) */
  if(*r->p != '?'){ group_body(r, x); return; }
  r->p++;
  if(r->p >= r->end){ r->failed = 1; return; }
  unsigned char c = *r->p;
  switch(c){
    case '#': skip_past(r, ')'); item_empty(x); return;
    case ':': case '>': case '|': r->p++; group_body(r, x); return;
    case '=': case '!': case '*': r->p++; lookaround_body(r, x); return;
    case '<':
      r->p++;
      if(zl_pattern_at(r, 0, '=') || zl_pattern_at(r, 0, '!') || zl_pattern_at(r, 0, '*')){ r->p++; lookaround_body(r, x); return; }
      skip_past(r, '>');
      if(!r->failed) group_body(r, x);
      return;
    case '\'':
      r->p++;
      skip_past(r, '\'');
      if(!r->failed) group_body(r, x);
      return;
    case 'P':
      r->p++;
      if(zl_pattern_at(r, 0, '<')){ skip_past(r, '>'); if(!r->failed) group_body(r, x); return; }
      if(zl_pattern_at(r, 0, '=') || zl_pattern_at(r, 0, '>')){ skip_past(r, ')'); item_unknown(x); return; }
      r->failed = 1;
      return;
    case '&': case 'R':
      skip_past(r, ')');
      item_unknown(x);
      return;
    case '(': case 'C':
      r->failed = 1;                        /* conditions, callouts */
      return;
    default:
      break;
  }
  if(is_digit(c) || ((c == '+' || c == '-') && r->p + 1 < r->end && is_digit(r->p[1]))){
    skip_past(r, ')');                      /* (?1), (?-1): a subroutine call */
    item_unknown(x);
    return;
  }
  option_group(r, x);
}

/* {n}, {n,}, {n,m} exactly; anything else after '{' is a literal brace. */
static int parse_braces(ZlPatternReader *r, long *min, long *max){
  const unsigned char *save = r->p;
  unsigned long lo, hi;
  r->p++;
  if(read_number(r, 10, 0, &lo) == 0){ r->p = save; return 0; }
  *min = (long)lo;
  *max = (long)lo;
  if(zl_pattern_at(r, 0, ',')){
    r->p++;
    *max = read_number(r, 10, 0, &hi) ? (long)hi : -1;
  }
  if(!zl_pattern_at(r, 0, '}')){ r->p = save; return 0; }
  r->p++;
  return 1;
}

/* The quantifier after an item, if any: (1, 1) when there is none; max -1
** for no upper bound. */
void zl_pattern_quantifier(ZlPatternReader *r, long *min, long *max){
  *min = *max = 1;
  if(r->quoting || r->p >= r->end) return;
  switch(*r->p){
    case '*': *min = 0; *max = -1; r->p++; break;
    case '+': *min = 1; *max = -1; r->p++; break;
    case '?': *min = 0; *max = 1; r->p++; break;
    case '{': if(!parse_braces(r, min, max)) return; break;
    default: return;
  }
  if(r->p < r->end && (*r->p == '+' || *r->p == '?')) r->p++;   /* possessive, lazy */
}

/* \Q starts quoting, \E ends it (and is ignored elsewhere). */
void zl_pattern_skip_quotes(ZlPatternReader *r){
  for(;;){
    if(zl_pattern_at(r, 0, '\\') && zl_pattern_at(r, 1, 'E')){ r->p += 2; r->quoting = 0; continue; }
    if(!r->quoting && zl_pattern_at(r, 0, '\\') && zl_pattern_at(r, 1, 'Q')){ r->p += 2; r->quoting = 1; continue; }
    return;
  }
}

void zl_pattern_item(ZlPatternReader *r, ZlPatternPart *x){
  unsigned char c = *r->p;
  if(r->quoting){ r->p++; item_byte(x, c); return; }
  switch(c){
    case '(': parse_group(r, x); return;
    case '[': parse_class(r, x); return;
    case '\\': parse_escape(r, x); return;
    case '.': r->p++; item_unknown(x); return;
    case '^': case '$': r->p++; item_empty(x); return;
    default: r->p++; item_byte(x, c); return;
  }
}
