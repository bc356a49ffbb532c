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
#include "func/signatures/syntax.h"

#include <string.h>

#define REPEAT_MAX  8   /* copies of a repeated part spelt out */
/* A need beyond the first is kept only when its grams are rarer than this
** (by the statistics, about one value in six of 18 bytes holds one). */
#define SECOND_NEED_COST_MAX 0.01

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
static int is_single_byte(const ZlPatternPart *x){
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
static void parse_sequence(ZlPatternReader *r, ZlPatternPart *out, Best *best){
  ZlStrSet exact, run;
  zl_strset_only_empty(&exact);
  zl_strset_only_empty(&run);
  best->count = 0;
  for(;;){
    zl_pattern_skip_quotes(r);
    if(r->failed || r->p >= r->end) break;
    if(!r->quoting && (*r->p == '|' || *r->p == ')')) break;
    ZlPatternPart item;
    long min, max;
    zl_pattern_item(r, &item);
    if(r->failed) return;
    zl_pattern_skip_quotes(r);
    zl_pattern_quantifier(r, &min, &max);
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
  zl_part_no_needs(out);
  zl_part_settle(out);
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
void zl_needs_alternation(ZlPatternReader *r, ZlPatternPart *out){
  Best best;
  parse_sequence(r, out, &best);
  while(!r->failed && !r->quoting && zl_pattern_at(r, 0, '|')){
    r->p++;
    ZlPatternPart branch;
    parse_sequence(r, &branch, &best);
    if(r->failed) return;
    zl_strset_union(&out->exact, &branch.exact);
    zl_need_union(&out->need, &branch.need);
    zl_need_union(&out->need2, &branch.need2);
    if(!out->need.known) zl_need_none(&out->need2);
    zl_part_settle(out);
  }
}

/* The pattern's own branches become clauses; when there are more than
** ZL_NEEDS_CLAUSES, one clause holds the union of their cheapest needs. */
static void parse_top(ZlPatternReader *r, ZlNeeds *needs){
  ZlPatternPart branch;
  Best best;
  ZlNeed all;
  int unknown = 0;
  needs->count = 0;
  for(int first = 1; first || (!r->quoting && zl_pattern_at(r, 0, '|')); first = 0){
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
  ZlPatternReader r = { (const unsigned char *)pattern, (const unsigned char *)pattern + len, 0, 0, 0 };
  needs->known = 0;
  needs->count = 0;
  if(pattern == NULL || len == 0) return;
  parse_top(&r, needs);
  if(r.failed || r.p != r.end){
    needs->known = 0;
    needs->count = 0;
  }
}
