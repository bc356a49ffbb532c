/*
** strset.c — the string sets and needs that needs.c computes with (see
** strset.h): exact sets and runs (sets cut to shorter suffixes rather than
** grown without bound), and the choice of each string's rarest gram by the
** byte statistics of URIs and user agents.
*/
#include "func/signatures/strset.h"

#include <string.h>

/* Bytes a run keeps of each string, at most: longer suffixes give the
** rarest windows and second needs more room (fewer kept: fewer values ruled
** out on the benchmark log). */
#define RUN_KEEP ZL_STRSET_LEN

/* ---- byte statistics --------------------------------------------------- */

/* Roughly how often a byte occurs in a URI or a user agent (letters after
** folding): letters by their English frequency, then the URI punctuation,
** digits, and everything else rare. Only the order matters: it decides
** which grams a need keeps. */
static double byte_share(unsigned char b){
  static const double letter[26] = {
    8.2, 1.5, 2.8, 4.3, 12.7, 2.2, 2.0, 6.1, 7.0, 0.15, 0.8, 4.0, 2.4,
    6.7, 7.5, 1.9, 0.1, 6.0, 6.3, 9.1, 2.8, 1.0, 2.4, 0.15, 2.0, 0.07 };
  if(b >= 'a' && b <= 'z') return letter[b - 'a'] * 0.006;
  if(b >= '0' && b <= '9') return 0.02;
  switch(b){
    case '/': return 0.06;
    case '.': return 0.03;
    case '-': case '_': return 0.015;
    case '=': case '&': case '?': return 0.012;
    case ' ': return 0.01;
    case '%': case '+': return 0.005;
    case ',': case ';': case ':': return 0.003;
    case '(': case ')': return 0.002;
    default: break;
  }
  if(b >= 0x21 && b < 0x7f) return 0.0005;
  if(b == '\t' || b == '\n' || b == '\r') return 0.0002;
  return 0.0001;
}

static double gram_cost(const ZlGram *g){
  double cost = 1;
  for(int i = 0; i < g->len; i++) cost *= byte_share(g->b[i]);
  return cost;
}

/* ---- string sets --------------------------------------------------------- */

void zl_strset_only_empty(ZlStrSet *s){
  s->known = 1;
  s->n = 1;
  s->len[0] = 0;
}

void zl_strset_none(ZlStrSet *s){
  s->known = 1;
  s->n = 0;
}

static int set_has(const ZlStrSet *s, const unsigned char *str, size_t len){
  for(int i = 0; i < s->n; i++){
    if(s->len[i] == len && (len == 0 || (s->s[i][0] == str[0]
                            && memcmp(s->s[i], str, len) == 0))) return 1;
  }
  return 0;
}

/* Adds a string; 0 when it does not fit (the set is then not exact). */
int zl_strset_add(ZlStrSet *s, const unsigned char *str, size_t len){
  if(len > ZL_STRSET_LEN) return 0;
  if(set_has(s, str, len)) return 1;
  if(s->n == ZL_STRSET_MAX) return 0;
  memcpy(s->s[s->n], str, len);
  s->len[s->n++] = (unsigned char)len;
  return 1;
}

/* Strings waiting to become a run: up to ZL_STRSET_MAX^2, each two strings long. */
typedef struct Pool {
  int n;
  unsigned char len[ZL_STRSET_MAX * ZL_STRSET_MAX];
  unsigned char s[ZL_STRSET_MAX * ZL_STRSET_MAX][2 * ZL_STRSET_LEN];
} Pool;

/* A run from the pool: each string cut to its last `keep` bytes, shorter
** and shorter until the distinct suffixes fit; the empty string (which says
** nothing) when even single bytes do not. */
/* The pool's strings cut to their last `keep` bytes, into run; 0 when they
** do not fit. */
static int cut_to(const Pool *pool, size_t keep, ZlStrSet *run){
  zl_strset_none(run);
  for(int i = 0; i < pool->n; i++){
    size_t len = pool->len[i] < keep ? pool->len[i] : keep;
    if(!zl_strset_add(run, pool->s[i] + pool->len[i] - len, len)) return 0;
  }
  return 1;
}

static void run_from_pool(const Pool *pool, ZlStrSet *run){
  if(cut_to(pool, RUN_KEEP, run)) return;
  /* shorter suffixes are never more distinct: the longest that fits, by
  ** halving */
  size_t fits = 0, fails = RUN_KEEP;
  while(fails - fits > 1){
    size_t keep = (fits + fails) / 2;
    if(cut_to(pool, keep, run)) fits = keep;
    else fails = keep;
  }
  if(fits == 0 || !cut_to(pool, fits, run)) zl_strset_only_empty(run);
}

static void pool_add(Pool *pool, const unsigned char *a, size_t alen,
                     const unsigned char *b, size_t blen){
  memcpy(pool->s[pool->n], a, alen);
  if(blen) memcpy(pool->s[pool->n] + alen, b, blen);
  pool->len[pool->n++] = (unsigned char)(alen + blen);
}

/* run = run · x: what ends the text once x follows. */
void zl_strset_run_concat(ZlStrSet *run, const ZlStrSet *x){
  if(!x->known || !run->known){ zl_strset_only_empty(run); return; }
  Pool pool;
  pool.n = 0;
  for(int i = 0; i < run->n; i++){
    for(int j = 0; j < x->n; j++){
      pool_add(&pool, run->s[i], run->len[i], x->s[j], x->len[j]);
    }
  }
  run_from_pool(&pool, run);
}

/* run = run ∪ other, cut to fit as run_from_pool does. */
void zl_strset_run_union(ZlStrSet *run, const ZlStrSet *other){
  if(!run->known || !other->known){ zl_strset_only_empty(run); return; }
  Pool pool;
  pool.n = 0;
  for(int i = 0; i < run->n; i++) pool_add(&pool, run->s[i], run->len[i], NULL, 0);
  for(int i = 0; i < other->n; i++) pool_add(&pool, other->s[i], other->len[i], NULL, 0);
  run_from_pool(&pool, run);
}

/* exact = a · b, or not known when it does not fit. */
void zl_strset_concat(ZlStrSet *a, const ZlStrSet *b){
  if(!a->known || !b->known){ a->known = 0; return; }
  ZlStrSet out;
  zl_strset_none(&out);
  for(int i = 0; i < a->n; i++){
    for(int j = 0; j < b->n; j++){
      unsigned char joined[2 * ZL_STRSET_LEN];
      memcpy(joined, a->s[i], a->len[i]);
      memcpy(joined + a->len[i], b->s[j], b->len[j]);
      if(!zl_strset_add(&out, joined, (size_t)a->len[i] + b->len[j])){ a->known = 0; return; }
    }
  }
  *a = out;
}

void zl_strset_union(ZlStrSet *a, const ZlStrSet *b){
  if(!a->known || !b->known){ a->known = 0; return; }
  for(int i = 0; i < b->n; i++){
    if(!zl_strset_add(a, b->s[i], b->len[i])){ a->known = 0; return; }
  }
}

/* ---- needs --------------------------------------------------------------- */

void zl_need_none(ZlNeed *n){
  n->known = 0;
  n->count = 0;
  n->cost = 0;
}

static int need_has(const ZlNeed *n, const ZlGram *g){
  for(size_t i = 0; i < n->count; i++){
    if(n->gram[i].len == g->len && memcmp(n->gram[i].b, g->b, g->len) == 0) return 1;
  }
  return 0;
}

/* Adds a gram (once); 0 when there are too many to be worth it. */
static int need_add(ZlNeed *n, const ZlGram *g){
  if(need_has(n, g)) return 1;
  if(n->count == ZL_NEED_GRAMS) return 0;
  n->gram[n->count++] = *g;
  n->cost += gram_cost(g);
  return 1;
}

/* The rarest window of up to ZL_GRAM_MAX bytes in str[from..to), and where
** it starts; its cost, or NO_WINDOW when the stretch is empty. */
#define NO_WINDOW 2.0
static double rarest_window(const unsigned char *str, size_t from, size_t to,
                            ZlGram *best, size_t *best_at){
  double best_cost = NO_WINDOW;
  size_t width = to - from < ZL_GRAM_MAX ? to - from : ZL_GRAM_MAX;
  if(width == 0) return NO_WINDOW;
  for(size_t at = from; at + width <= to; at++){
    ZlGram g;
    g.len = (unsigned char)width;
    memcpy(g.b, str + at, width);
    double cost = gram_cost(&g);
    if(cost < best_cost){ *best = g; *best_at = at; best_cost = cost; }
  }
  return best_cost;
}

/* Does a contain b? */
static int contains(const unsigned char *a, size_t alen, const unsigned char *b,
                    size_t blen){
  if(blen == 0) return 1;
  for(size_t at = 0; at + blen <= alen; at++){
    if(a[at] == b[0] && memcmp(a + at, b, blen) == 0) return 1;
  }
  return 0;
}

/* A string that contains another string of the set adds nothing: a text
** holding it holds the other one too. */
static int is_redundant(const ZlStrSet *set, int i){
  for(int j = 0; j < set->n; j++){
    if(j == i || set->len[j] > set->len[i]) continue;
    if(set->len[j] == set->len[i] && j > i) continue;   /* keep one of equals */
    if(contains(set->s[i], set->len[i], set->s[j], set->len[j])) return 1;
  }
  return 0;
}

/* Every match contains one of set's strings: one gram from each. And, when
** every string is long enough, a second gram from each that does not
** overlap the first: both needs hold at once. */
void zl_need_pair_from_strset(const ZlStrSet *set, ZlNeed *first, ZlNeed *second){
  zl_need_none(first);
  zl_need_none(second);
  if(!set->known || set->n == 0) return;
  int has_second = 1;
  for(int i = 0; i < set->n; i++){
    size_t len = set->len[i], at = 0, other_at;
    if(len == 0){ zl_need_none(second); return; }   /* "" needs nothing */
    if(is_redundant(set, i)) continue;
    ZlGram g, before, after;
    rarest_window(set->s[i], 0, len, &g, &at);
    if(!need_add(first, &g)){ zl_need_none(first); zl_need_none(second); return; }
    double cost_before = rarest_window(set->s[i], 0, at, &before, &other_at);
    double cost_after = rarest_window(set->s[i], at + g.len, len, &after, &other_at);
    if(cost_before == NO_WINDOW && cost_after == NO_WINDOW) has_second = 0;
    else if(has_second && !need_add(second, cost_before < cost_after ? &before : &after)){
      has_second = 0;
    }
  }
  first->known = 1;
  if(has_second) second->known = 1;
  else zl_need_none(second);
}

void zl_need_from_strset(const ZlStrSet *set, ZlNeed *out){
  ZlNeed unused;
  zl_need_pair_from_strset(set, out, &unused);
}

void zl_need_better(ZlNeed *best, const ZlNeed *candidate){
  if(candidate->known && (!best->known || candidate->cost < best->cost)){
    *best = *candidate;
  }
}

/* A match of a|b contains a gram of a's needs or one of b's. */
void zl_need_union(ZlNeed *a, const ZlNeed *b){
  if(!a->known || !b->known){ zl_need_none(a); return; }
  for(size_t i = 0; i < b->count; i++){
    if(!need_add(a, &b->gram[i])){ zl_need_none(a); return; }
  }
}

