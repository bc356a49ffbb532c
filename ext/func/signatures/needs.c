/*
** needs.c — the grams a pattern needs (see needs.h).
**
** A recursive-descent reader of PCRE2 syntax computes, for each part of the
** pattern, two sets of strings (ASCII letters folded, as the signatures
** match case-insensitively):
**   exact  the strings the part can match, when they are few and short;
**   run    for a sequence, strings one of which ends the text matched so far
**          (a suffix of each is enough to stay true, so a run never grows
**          without bound: it is cut to shorter suffixes instead);
** and the cheapest need found so far: a set of grams, one of which occurs in
** every match. A sequence's need is the best of its items' needs (for items
** that must occur at least once) and of the grams of its runs; an
** alternation's need is the union of its branches' needs. Each string
** contributes the window of up to 3 bytes that the byte statistics of
** strset.c make rarest. Lookarounds and anchors match no text and need nothing; so
** does anything this reader does not understand, which ends the reading
** with "no needs" when it cannot go on safely.
*/
#include "func/signatures/needs.h"
#include "func/signatures/strset.h"

#include <string.h>

#define CLASS_MAX  16   /* bytes a class may hold and still be a set */
#define REPEAT_MAX  8   /* copies of a repeated part spelt out */
/* A need beyond the first is kept only when its grams are rarer than this
** (by the statistics, about one value in six of 18 bytes holds one). */
#define SECOND_NEED_COST_MAX 0.01
#define DEPTH_MAX  16   /* groups inside groups (each costs ~2 KiB of stack) */
#define BYTE_VALUES 256

typedef struct Info {
  ZlStrSet exact;
  ZlNeed need, need2;      /* two needs that both hold (need2 may be unknown) */
} Info;

typedef struct Reader {
  const unsigned char *p, *end;
  int depth;
  int failed;      /* met syntax it does not read: no needs at all */
  int quoting;     /* inside \Q...\E */
} Reader;

static void info_no_needs(Info *x){
  zl_need_none(&x->need);
  zl_need_none(&x->need2);
}

/* A part's needs also consider the grams of its exact strings. */
static void info_settle(Info *x){
  ZlNeed first, second;
  zl_need_pair_from_strset(&x->exact, &first, &second);
  if(first.known && (!x->need.known || first.cost < x->need.cost)){
    x->need = first;
    x->need2 = second;
  }
}

/* ---- items --------------------------------------------------------------- */

static void item_unknown(Info *x){
  x->exact.known = 0;
  info_no_needs(x);
}

static void item_empty(Info *x){           /* anchors, lookarounds: no text */
  zl_strset_only_empty(&x->exact);
  info_no_needs(x);
}

static void item_byte(Info *x, unsigned char b){
  unsigned char folded = zl_needs_fold(b);
  zl_strset_none(&x->exact);
  zl_strset_add(&x->exact, &folded, 1);
  info_no_needs(x);
  info_settle(x);
}

/* A set of bytes (a class, \d, \s): exact when it is small once folded. */
static void item_bytes(Info *x, const unsigned char bits[BYTE_VALUES / 8]){
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
  info_no_needs(x);
  info_settle(x);
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

static void parse_alternation(Reader *r, Info *out);

static int at(const Reader *r, size_t ahead, unsigned char c){
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
static void skip_past(Reader *r, unsigned char close){
  while(r->p < r->end && *r->p != close) r->p++;
  if(r->p == r->end){ r->failed = 1; return; }
  r->p++;
}

/* Reads digits in `base` (at most max_digits; 0: any number) into *value. */
static int read_number(Reader *r, int base, int max_digits, unsigned long *value){
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
static long escaped_byte(Reader *r, unsigned char c){
  unsigned long value;
  switch(c){
    case 'a': return 7;
    case 'e': return 27;
    case 'f': return 12;
    case 'n': return 10;
    case 'r': return 13;
    case 't': return 9;
    case 'x':
      if(at(r, 0, '{')){
        r->p++;
        read_number(r, 16, 0, &value);
        if(!at(r, 0, '}')) return -1;
        r->p++;
      }else{
        read_number(r, 16, 2, &value);
      }
      return value <= 0xff ? (long)value : -1;
    case 'o':
      if(!at(r, 0, '{')) return -1;
      r->p++;
      read_number(r, 8, 0, &value);
      if(!at(r, 0, '}')) return -1;
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
static void skip_reference(Reader *r){
  if(at(r, 0, '{')) skip_past(r, '}');
  else if(at(r, 0, '<')) skip_past(r, '>');
  else if(at(r, 0, '\'')){ r->p++; skip_past(r, '\''); }
  else{
    if(r->p < r->end && (*r->p == '+' || *r->p == '-')) r->p++;
    while(r->p < r->end && is_digit(*r->p)) r->p++;
  }
}

static void parse_escape(Reader *r, Info *x){
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
      if(at(r, 0, '{')){ r->failed = 1; return; }
      item_unknown(x);
      return;
    case 'p': case 'P':
      if(at(r, 0, '{')) skip_past(r, '}');
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
static void class_escape(Reader *r, unsigned char bits[BYTE_VALUES / 8],
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
      if(at(r, 0, '{')) skip_past(r, '}');
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

static void parse_class(Reader *r, Info *x){
  unsigned char bits[BYTE_VALUES / 8] = {0};
  r->p++;                                   /* '[' */
  int negated = at(r, 0, '^');
  if(negated) r->p++;
  for(int first = 1; ; first = 0){
    if(r->p >= r->end){ r->failed = 1; return; }
    unsigned char c = *r->p;
    if(c == ']' && !first){ r->p++; break; }
    if(c == '[' && (at(r, 1, ':') || at(r, 1, '.') || at(r, 1, '='))){ r->failed = 1; return; }
    int single = 1;
    unsigned char lo = c;
    if(c == '\\'){
      class_escape(r, bits, &single, &lo);
      if(r->failed) return;
    }else{
      r->p++;
    }
    if(!single) continue;
    if(at(r, 0, '-') && r->p + 1 < r->end && r->p[1] != ']'){
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
static void group_body(Reader *r, Info *x){
  if(r->depth >= DEPTH_MAX){ r->failed = 1; return; }
  r->depth++;
  parse_alternation(r, x);
  r->depth--;
  if(r->failed) return;
  if(!at(r, 0, ')') || r->quoting){ r->failed = 1; return; }
  r->p++;
}

/* A lookaround: read (to get past it) but it matches no text. */
static void lookaround_body(Reader *r, Info *x){
  Info inside;
  group_body(r, &inside);
  item_empty(x);
}

/* (?i), (?-s), (?m:...): options, except the ones that change how the
** pattern reads (x). */
static void option_group(Reader *r, Info *x){
  while(r->p < r->end && (is_alnum(*r->p) || *r->p == '-' || *r->p == '^')){
    if(*r->p == 'x' || is_digit(*r->p)){ r->failed = 1; return; }
    r->p++;
  }
  if(at(r, 0, ')')){ r->p++; item_empty(x); return; }
  if(at(r, 0, ':')){ r->p++; group_body(r, x); return; }
  r->failed = 1;
}

static void parse_group(Reader *r, Info *x){
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
      if(at(r, 0, '=') || at(r, 0, '!') || at(r, 0, '*')){ r->p++; lookaround_body(r, x); return; }
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
      if(at(r, 0, '<')){ skip_past(r, '>'); if(!r->failed) group_body(r, x); return; }
      if(at(r, 0, '=') || at(r, 0, '>')){ skip_past(r, ')'); item_unknown(x); return; }
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
static int parse_braces(Reader *r, long *min, long *max){
  const unsigned char *save = r->p;
  unsigned long lo, hi;
  r->p++;
  if(read_number(r, 10, 0, &lo) == 0){ r->p = save; return 0; }
  *min = (long)lo;
  *max = (long)lo;
  if(at(r, 0, ',')){
    r->p++;
    *max = read_number(r, 10, 0, &hi) ? (long)hi : -1;
  }
  if(!at(r, 0, '}')){ r->p = save; return 0; }
  r->p++;
  return 1;
}

/* The quantifier after an item, if any: (1, 1) when there is none; max -1
** for no upper bound. */
static void parse_quantifier(Reader *r, long *min, long *max){
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
static void skip_quote_marks(Reader *r){
  for(;;){
    if(at(r, 0, '\\') && at(r, 1, 'E')){ r->p += 2; r->quoting = 0; continue; }
    if(!r->quoting && at(r, 0, '\\') && at(r, 1, 'Q')){ r->p += 2; r->quoting = 1; continue; }
    return;
  }
}

static void parse_item(Reader *r, Info *x){
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

/* exact = exact · x{min,max}, spelt out for small counts. */
static void exact_repeat(ZlStrSet *exact, const ZlStrSet *x, long min, long max){
  if(!exact->known) return;
  if(max == 0) return;
  if(!x->known || max < 0 || max > REPEAT_MAX){ exact->known = 0; return; }
  ZlStrSet options, power;
  zl_strset_none(&options);
  zl_strset_only_empty(&power);
  for(long k = 0; k <= max && options.known && power.known; k++){
    if(k >= min) zl_strset_union(&options, &power);
    zl_strset_concat(&power, x);
  }
  if(!options.known){ exact->known = 0; return; }
  zl_strset_concat(exact, &options);
}

/* run = what ends the text after x{min,max}. */
static void run_repeat(ZlStrSet *run, const ZlStrSet *x, long min, long max){
  if(max == 0) return;
  if(!x->known){ zl_strset_only_empty(run); return; }
  if(max > 0 && max <= REPEAT_MAX){
    ZlStrSet options, power = *run;
    zl_strset_none(&options);
    for(long k = 0; k <= max; k++){
      if(k >= min) zl_strset_run_union(&options, &power);
      zl_strset_run_concat(&power, x);
    }
    *run = options;
  }else if(min == 0){
    zl_strset_run_union(run, x);                /* no copy: what came before; else x */
  }else{
    zl_strset_only_empty(run);              /* ends with min copies of x */
    for(long k = 0; k < min && k < REPEAT_MAX; k++) zl_strset_run_concat(run, x);
  }
}

/* The cheapest distinct needs of a sequence, cheapest first: all hold. */
typedef struct Best {
  size_t count;
  ZlNeed need[ZL_CLAUSE_NEEDS];
} Best;

static int same_need(const ZlNeed *a, const ZlNeed *b){
  if(a->count != b->count) return 0;
  for(size_t i = 0; i < a->count; i++){
    size_t j = 0;
    while(j < b->count && (b->gram[j].len != a->gram[i].len
                           || memcmp(b->gram[j].b, a->gram[i].b, a->gram[i].len) != 0)) j++;
    if(j == b->count) return 0;
  }
  return 1;
}

static void best_offer(Best *best, const ZlNeed *need){
  if(!need->known) return;
  /* a need most values meet only costs time: the first one must do */
  if(best->count > 0 && need->cost > SECOND_NEED_COST_MAX) return;
  for(size_t i = 0; i < best->count; i++){
    if(same_need(&best->need[i], need)) return;
  }
  size_t at = best->count;
  while(at > 0 && best->need[at - 1].cost > need->cost) at--;
  if(at == ZL_CLAUSE_NEEDS) return;
  if(best->count < ZL_CLAUSE_NEEDS) best->count++;
  memmove(&best->need[at + 1], &best->need[at],
          (best->count - 1 - at) * sizeof best->need[0]);
  best->need[at] = *need;
}

/* A single byte's need is also its run's: offering it would only repeat
** what the run already says. */
static int is_single_byte(const Info *x){
  return x->exact.known && x->exact.n == 1 && x->exact.len[0] == 1;
}

/* Offers the two needs of what now ends the text. */
static void offer_run(Best *best, const ZlStrSet *run){
  ZlNeed first, second;
  zl_need_pair_from_strset(run, &first, &second);
  best_offer(best, &first);
  best_offer(best, &second);
}

/* A sequence: the product of its items' exact sets, its runs (a run ends
** where an item of unknown text comes), and its cheapest needs, from its
** items that occur at least once and from its run at every step. Before a
** repeat of at least one copy, the run followed by that first copy is
** offered too: the text holds it, though not at its end. */
static void parse_sequence(Reader *r, Info *out, Best *best){
  ZlStrSet exact, run;
  zl_strset_only_empty(&exact);
  zl_strset_only_empty(&run);
  best->count = 0;
  for(;;){
    skip_quote_marks(r);
    if(r->failed || r->p >= r->end) break;
    if(!r->quoting && (*r->p == '|' || *r->p == ')')) break;
    Info item;
    long min, max;
    parse_item(r, &item);
    if(r->failed) return;
    skip_quote_marks(r);
    parse_quantifier(r, &min, &max);
    if(min >= 1 && !is_single_byte(&item)){
      best_offer(best, &item.need);
      best_offer(best, &item.need2);
    }
    if(min >= 1 && item.exact.known){
      ZlStrSet joined = run;
      zl_strset_run_concat(&joined, &item.exact);
      offer_run(best, &joined);
    }
    exact_repeat(&exact, &item.exact, min, max);
    run_repeat(&run, &item.exact, min, max);
    offer_run(best, &run);
  }
  out->exact = exact;
  info_no_needs(out);
  info_settle(out);
  best_offer(best, &out->need);
  best_offer(best, &out->need2);
  /* offered first, a common need may have stayed behind rarer ones */
  while(best->count > 1 && best->need[best->count - 1].cost > SECOND_NEED_COST_MAX) best->count--;
  if(best->count > 0) out->need = best->need[0];
  if(best->count > 1) out->need2 = best->need[1];
}

/* An alternation inside a pattern: its needs are the unions of its
** branches' two cheapest needs ((a1 and a2) or (b1 and b2) implies
** (a1 or b1) and (a2 or b2)). */
static void parse_alternation(Reader *r, Info *out){
  Best best;
  parse_sequence(r, out, &best);
  while(!r->failed && !r->quoting && at(r, 0, '|')){
    r->p++;
    Info branch;
    parse_sequence(r, &branch, &best);
    if(r->failed) return;
    zl_strset_union(&out->exact, &branch.exact);
    zl_need_union(&out->need, &branch.need);
    zl_need_union(&out->need2, &branch.need2);
    if(!out->need.known) zl_need_none(&out->need2);
    info_settle(out);
  }
}

/* The pattern's own branches become clauses; when there are more than
** ZL_NEEDS_CLAUSES, one clause holds the union of their cheapest needs. */
static void parse_top(Reader *r, ZlNeeds *needs){
  Info branch;
  Best best;
  ZlNeed all;
  int unknown = 0;
  needs->count = 0;
  for(int first = 1; first || (!r->quoting && at(r, 0, '|')); first = 0){
    if(!first) r->p++;
    parse_sequence(r, &branch, &best);
    if(r->failed) return;
    if(best.count == 0) unknown = 1;
    if(first) all = branch.need;
    else zl_need_union(&all, &branch.need);
    if(needs->count < ZL_NEEDS_CLAUSES){
      ZlClause *clause = &needs->clause[needs->count];
      clause->count = best.count;
      memcpy(clause->need, best.need, best.count * sizeof best.need[0]);
    }
    needs->count++;
  }
  if(unknown) return;
  if(needs->count > ZL_NEEDS_CLAUSES){
    if(!all.known) return;
    needs->count = 1;
    needs->clause[0].count = 1;
    needs->clause[0].need[0] = all;
  }
  needs->known = 1;
}

void zl_needs_of(const char *pattern, size_t len, ZlNeeds *needs){
  Reader r = { (const unsigned char *)pattern, (const unsigned char *)pattern + len, 0, 0, 0 };
  needs->known = 0;
  needs->count = 0;
  if(pattern == NULL || len == 0) return;
  parse_top(&r, needs);
  if(r.failed || r.p != r.end){
    needs->known = 0;
    needs->count = 0;
  }
}
