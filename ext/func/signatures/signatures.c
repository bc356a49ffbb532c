/*
** signatures.c — signature sets (see signatures.h). In SQL
** (sql_signatures.c):
**
**   SELECT scanner_ua('Mozilla/5.0 SF/2.03b');            -- 'Skipfish'
**   SELECT attack_class('/p.php?id=1 UNION SELECT 1,2');  -- 'sqli'
**   SELECT * FROM scanner_signatures;      -- name, pattern, category, reference
**   INSERT INTO attack_signatures(name, pattern) VALUES ('ssrf', '169\.254\.169\.254');
**
** Classifying a value: the memo, or else the subject (the value, or for URI
** sets the value percent-decoded), the prefilter's candidates, and each
** candidate's own pattern in id order until one matches. Patterns are
** compiled with JIT the first time a value gets that far; the prefilter is
** rebuilt when the list has changed.
*/
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "base/buf.h"
#include "func/signatures/memo.h"
#include "func/signatures/needs.h"
#include "func/signatures/prefilter.h"
#include "func/signatures/signatures.h"
#include "func/uri/uri.h"

/* Compile flags for every pattern of a set. */
#define SET_REGEX_FLAGS (ZL_REGEX_BYTES | ZL_REGEX_CASELESS)
/* Values shorter than this are classified without asking the stop callback:
** they take microseconds. */
#define STOP_CHECK_BYTES 16384u
/* Memo answers beside a winner's index. */
#define ANSWER_NONE (-1)
#define ANSWER_UNDETERMINED (-2)

typedef struct Entry {
  ZlSignature sig;            /* what the tables show */
  ZlRegex *re;                /* NULL until first needed */
  ZlNeeds *needs;             /* for the prefilter; NULL until first needed */
} Entry;

struct ZlSigSet {
  unsigned flags;
  const ZlAlloc *alloc;
  Entry *entries;             /* sorted by id */
  size_t count, capacity;
  unsigned long generation;   /* bumped by every change */
  ZlPrefilter *prefilter;     /* for prefilter_generation */
  unsigned long prefilter_generation;
  uint64_t *candidates;       /* the prefilter's answer */
  ZlSigMemo *memo;            /* made on first use */
  ZlBuf scratch;              /* the decoded value (ZL_SIGSET_DECODE_URI) */
  ZlRegexStop stop;
  ZlSigStats stats;
};

ZlSigSet *zl_sigset_new(unsigned flags, const ZlAlloc *alloc){
  ZlSigSet *set = zl_alloc_zeroed(alloc, 1, sizeof *set);
  if(set == NULL) return NULL;
  set->flags = flags;
  set->alloc = alloc;
  set->scratch.alloc = alloc;
  set->generation = 1;
  return set;
}

void zl_sigset_set_stop(ZlSigSet *set, const ZlRegexStop *stop){
  set->stop = *stop;
}

static void entry_clear(const ZlAlloc *alloc, Entry *e){
  zl_alloc_free(alloc, e->sig.name);
  zl_alloc_free(alloc, e->sig.pattern);
  zl_alloc_free(alloc, e->sig.category);
  zl_alloc_free(alloc, e->sig.reference);
  zl_regex_free(e->re);
  zl_alloc_free(alloc, e->needs);
  memset(e, 0, sizeof *e);
}

static void forget_prefilter(ZlSigSet *set){
  zl_prefilter_free(set->prefilter);
  zl_alloc_free(set->alloc, set->candidates);
  set->prefilter = NULL;
  set->candidates = NULL;
}

void zl_sigset_free(ZlSigSet *set){
  if(set == NULL) return;
  for(size_t i = 0; i < set->count; i++) entry_clear(set->alloc, &set->entries[i]);
  zl_alloc_free(set->alloc, set->entries);
  forget_prefilter(set);
  zl_sigmemo_free(set->memo);
  zl_buf_free(&set->scratch);
  zl_alloc_free(set->alloc, set);
}

size_t zl_sigset_count(const ZlSigSet *set){
  return set->count;
}

const ZlSignature *zl_sigset_at(const ZlSigSet *set, size_t i){
  return i < set->count ? &set->entries[i].sig : NULL;
}

size_t zl_sigset_seek(const ZlSigSet *set, long long id){
  size_t lo = 0, hi = set->count;
  while(lo < hi){
    size_t mid = lo + (hi - lo) / 2;
    if(set->entries[mid].sig.id < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

long long zl_sigset_next_id(const ZlSigSet *set){
  if(set->count == 0) return 1;
  long long last = set->entries[set->count - 1].sig.id;
  /* At the very top, answer the taken id: the insert is refused as a
  ** duplicate rather than wrapping around. */
  return last == LLONG_MAX ? last : last + 1;
}

void zl_sigset_stats(const ZlSigSet *set, ZlSigStats *stats){
  *stats = set->stats;
}

/* ---- the list ----------------------------------------------------------- */

/* Fills e with copies of spec's strings; 0 when out of memory. */
static int entry_init(const ZlAlloc *alloc, Entry *e, long long id,
                      const ZlSignatureSpec *spec){
  memset(e, 0, sizeof *e);
  e->sig.id = id;
  e->sig.name = zl_alloc_strdup(alloc, spec->name);
  e->sig.pattern = zl_alloc_strdup(alloc, spec->pattern);
  e->sig.category = zl_alloc_strdup(alloc, spec->category);
  e->sig.reference = zl_alloc_strdup(alloc, spec->reference);
  if(e->sig.name && e->sig.pattern && (e->sig.category || !spec->category)
     && (e->sig.reference || !spec->reference)) return 1;
  entry_clear(alloc, e);
  return 0;
}

static int reserve(ZlSigSet *set, size_t n){
  if(n <= set->capacity) return 1;
  size_t capacity = set->capacity ? set->capacity * 2 : 64;
  while(capacity < n) capacity *= 2;
  Entry *grown = zl_alloc_resize(set->alloc, set->entries, capacity * sizeof *grown);
  if(grown == NULL) return 0;
  set->entries = grown;
  set->capacity = capacity;
  return 1;
}

/* Puts e (by value) at its sorted place; the caller has reserved room and
** checked that its id is free. */
static void place(ZlSigSet *set, const Entry *e){
  size_t at = zl_sigset_seek(set, e->sig.id);
  memmove(&set->entries[at + 1], &set->entries[at],
          (set->count - at) * sizeof *e);
  set->entries[at] = *e;
  set->count++;
}

/* Takes the entry at index at out of the list (the caller owns it now). */
static Entry detach(ZlSigSet *set, size_t at){
  Entry e = set->entries[at];
  memmove(&set->entries[at], &set->entries[at + 1],
          (set->count - at - 1) * sizeof e);
  set->count--;
  return e;
}

/* Index of the signature with this id, or -1. */
static long find(const ZlSigSet *set, long long id){
  size_t at = zl_sigset_seek(set, id);
  return at < set->count && set->entries[at].sig.id == id ? (long)at : -1;
}

static void changed(ZlSigSet *set){
  set->generation++;
}

int zl_sigset_load(ZlSigSet *set, const ZlSignatureSpec *specs, size_t n){
  if(!reserve(set, set->count + n)) return ZL_SIG_NOMEM;
  for(size_t i = 0; i < n; i++){
    Entry e;
    if(!entry_init(set->alloc, &e, zl_sigset_next_id(set), &specs[i])) return ZL_SIG_NOMEM;
    place(set, &e);
  }
  changed(set);
  return ZL_SIG_OK;
}

/* ---- editing ------------------------------------------------------------ */

/* Formats the error message and returns rc. */
static int fail(char *err, size_t err_size, int rc, const char *fmt, ...)
  __attribute__((format(printf, 4, 5)));
static int fail(char *err, size_t err_size, int rc, const char *fmt, ...){
  va_list ap;
  va_start(ap, fmt);
  vsnprintf(err, err_size, fmt, ap);
  va_end(ap);
  return rc;
}

/* A pattern must compile as the set compiles it. */
static int check_pattern(const ZlSigSet *set, const char *pattern, char *err,
                         size_t err_size){
  ZlRegexError rx;
  ZlRegex *re = zl_regex_compile(pattern, strlen(pattern),
                                 SET_REGEX_FLAGS | ZL_REGEX_NO_JIT, set->alloc, &rx);
  if(re == NULL){
    if(rx.code == 0) return ZL_SIG_NOMEM;
    return fail(err, err_size, ZL_SIG_ERROR,
                "bad pattern '%.200s' at offset %zu: %s", pattern, rx.offset,
                rx.message);
  }
  zl_regex_free(re);
  return ZL_SIG_OK;
}

static int check_spec(const ZlSigSet *set, const ZlSignatureSpec *spec,
                      char *err, size_t err_size){
  if(spec->name == NULL || spec->name[0] == 0){
    return fail(err, err_size, ZL_SIG_CONSTRAINT,
                "name must be a non-empty string");
  }
  if(spec->pattern == NULL || spec->pattern[0] == 0){
    return fail(err, err_size, ZL_SIG_CONSTRAINT,
                "pattern must be a non-empty string (signature '%.100s')",
                spec->name);
  }
  return check_pattern(set, spec->pattern, err, err_size);
}

int zl_sigset_update(ZlSigSet *set, long long old_id, long long new_id,
                     const ZlSignatureSpec *spec, char *err, size_t err_size){
  long old_at = find(set, old_id);
  int rc = check_spec(set, spec, err, err_size);
  if(rc != ZL_SIG_OK) return rc;
  if(old_at < 0) return ZL_SIG_OK;   /* nothing to update: it was deleted */
  if(new_id != old_id && find(set, new_id) >= 0){
    return fail(err, err_size, ZL_SIG_CONSTRAINT,
                "a signature with rowid %lld already exists", new_id);
  }
  Entry fresh, old;
  if(!entry_init(set->alloc, &fresh, new_id, spec)) return ZL_SIG_NOMEM;
  old = detach(set, (size_t)old_at);
  place(set, &fresh);
  entry_clear(set->alloc, &old);
  changed(set);
  return ZL_SIG_OK;
}

int zl_sigset_insert(ZlSigSet *set, long long id, const ZlSignatureSpec *spec,
                     char *err, size_t err_size){
  int rc = check_spec(set, spec, err, err_size);
  if(rc != ZL_SIG_OK) return rc;
  if(find(set, id) >= 0){
    return fail(err, err_size, ZL_SIG_CONSTRAINT,
                "a signature with rowid %lld already exists", id);
  }
  Entry fresh;
  if(!reserve(set, set->count + 1)) return ZL_SIG_NOMEM;
  if(!entry_init(set->alloc, &fresh, id, spec)) return ZL_SIG_NOMEM;
  place(set, &fresh);
  changed(set);
  return ZL_SIG_OK;
}

void zl_sigset_delete(ZlSigSet *set, long long id){
  long at = find(set, id);
  if(at < 0) return;
  Entry e = detach(set, (size_t)at);
  entry_clear(set->alloc, &e);
  changed(set);
}

/* ---- classifying -------------------------------------------------------- */

static int stopped(const ZlSigSet *set, size_t len){
  return len >= STOP_CHECK_BYTES && set->stop.stopped
      && set->stop.stopped(set->stop.arg);
}

/* The prefilter over the list as it stands, from each pattern's needs
** (read once per signature, when first needed). */
static ZlPrefilter *build_prefilter(ZlSigSet *set){
  const ZlNeeds **each = zl_alloc_zeroed(set->alloc, set->count + 1, sizeof *each);
  if(each == NULL) return NULL;
  for(size_t i = 0; i < set->count; i++){
    Entry *e = &set->entries[i];
    if(e->needs == NULL){
      e->needs = zl_alloc(set->alloc, sizeof *e->needs);
      if(e->needs == NULL){ zl_alloc_free(set->alloc, each); return NULL; }
      zl_needs_of(e->sig.pattern, strlen(e->sig.pattern), e->needs);
    }
    each[i] = e->needs;
  }
  ZlPrefilter *p = zl_prefilter_build(each, set->count, set->alloc);
  zl_alloc_free(set->alloc, each);
  return p;
}

/* Rebuilds the prefilter when the list changed since. */
static int ensure_prefilter(ZlSigSet *set){
  if(set->prefilter && set->prefilter_generation == set->generation) return ZL_SIG_OK;
  forget_prefilter(set);
  set->prefilter = build_prefilter(set);
  if(set->prefilter == NULL) return ZL_SIG_NOMEM;
  set->candidates = zl_alloc_zeroed(set->alloc, zl_prefilter_words(set->prefilter),
                                    sizeof *set->candidates);
  if(set->candidates == NULL){ forget_prefilter(set); return ZL_SIG_NOMEM; }
  set->prefilter_generation = set->generation;
  return ZL_SIG_OK;
}

/* Can a decoding round change s[0..len)? Only an escape or a '+' can. */
static int decodable(const char *s, size_t len){
  return memchr(s, '%', len) != NULL || memchr(s, '+', len) != NULL;
}

/* The text the patterns see: the value itself, or for URI sets the value
** percent-decoded until stable with '+' as a space (most URIs have nothing
** to decode: the value itself). NULL when out of memory or stopped (*rc
** says which). */
static const char *subject_of(ZlSigSet *set, const char *value, size_t *len, int *rc){
  if(!(set->flags & ZL_SIGSET_DECODE_URI)) return value;
  if(stopped(set, *len)){ *rc = ZL_SIG_INTERRUPTED; return NULL; }
  if(!decodable(value, *len)) return value;
  set->scratch.n = 0;
  if(zl_buf_reserve(&set->scratch, *len + 1)){ *rc = ZL_SIG_NOMEM; return NULL; }
  memcpy(set->scratch.p, value, *len);
  for(int round = 0; round < ZL_SIG_DECODE_ROUNDS; round++){
    if(round > 0 && stopped(set, *len)){ *rc = ZL_SIG_INTERRUPTED; return NULL; }
    size_t decoded = zl_uri_decode(set->scratch.p, *len, set->scratch.p,
                                   ZL_URI_PLUS_AS_SPACE);
    /* every decoded escape shortens the text: the same length, nothing left */
    if(decoded == *len) break;
    *len = decoded;
    if(!decodable(set->scratch.p, *len)) break;
  }
  return set->scratch.p;
}

/* What one pattern said about a value. */
enum { RUN_NO_MATCH, RUN_MATCH, RUN_UNDETERMINED, RUN_NOMEM };

/* Runs entry e's own pattern: RUN_UNDETERMINED when it ran out of effort
** (or could not run at all). */
static int run_entry(ZlSigSet *set, Entry *e, const char *subject, size_t len){
  if(e->re == NULL){
    ZlRegexError rx;
    e->re = zl_regex_compile(e->sig.pattern, strlen(e->sig.pattern),
                             SET_REGEX_FLAGS, set->alloc, &rx);
    if(e->re == NULL && rx.code == 0) return RUN_NOMEM;
    if(e->re == NULL){ e->sig.undetermined++; return RUN_UNDETERMINED; }
  }
  set->stats.pattern_runs++;
  int rc = zl_regex_match(e->re, subject, len);
  if(rc >= 0) return rc ? RUN_MATCH : RUN_NO_MATCH;
  if(zl_regex_is_nomem(rc)) return RUN_NOMEM;
  e->sig.undetermined++;   /* a limit, or another error this value caused */
  return RUN_UNDETERMINED;
}

/* Runs the candidates' patterns in id order, until one matches. */
/* Signature i on subject: its index when it matches, ANSWER_NONE to go on to
** the next (an undetermined run noted), or ANSWER_STOP with *rc set. */
#define ANSWER_STOP (-3)
static int try_signature(ZlSigSet *set, size_t i, const char *subject, size_t len,
                         int *undetermined, int *rc){
  if(stopped(set, len)){ *rc = ZL_SIG_INTERRUPTED; return ANSWER_STOP; }
  int said = run_entry(set, &set->entries[i], subject, len);
  if(said == RUN_NOMEM){ *rc = ZL_SIG_NOMEM; return ANSWER_STOP; }
  if(said == RUN_MATCH) return (int)i;
  if(said == RUN_UNDETERMINED) *undetermined = 1;
  return ANSWER_NONE;
}

static int run_candidates(ZlSigSet *set, const char *subject, size_t len,
                          int *undetermined, int *rc){
  size_t words = zl_prefilter_words(set->prefilter);
  for(size_t w = 0; w < words; w++){
    for(uint64_t bits = set->candidates[w]; bits; bits &= bits - 1){
      int got = try_signature(set, w * 64 + (size_t)__builtin_ctzll(bits), subject, len, undetermined, rc);
      if(got != ANSWER_NONE) return got == ANSWER_STOP ? ANSWER_NONE : got;
    }
  }
  return ANSWER_NONE;
}

/* Every signature in id order, no prefilter: what the prefilter must agree
** with. */
static int run_every_signature(ZlSigSet *set, const char *subject, size_t len,
                               int *undetermined, int *rc){
  for(size_t i = 0; i < set->count; i++){
    int got = try_signature(set, i, subject, len, undetermined, rc);
    if(got != ANSWER_NONE) return got == ANSWER_STOP ? ANSWER_NONE : got;
  }
  return ANSWER_NONE;
}

static int no_candidates(const ZlSigSet *set){
  for(size_t w = 0; w < zl_prefilter_words(set->prefilter); w++){
    if(set->candidates[w]) return 0;
  }
  return 1;
}

/* The answer for subject: a winner's index, ANSWER_NONE or
** ANSWER_UNDETERMINED; *rc set when it could not finish. */
static int answer_for(ZlSigSet *set, const char *subject, size_t len,
                      unsigned options, int *rc){
  int undetermined = 0, winner;
  if(options & ZL_SIG_NO_PREFILTER){
    winner = run_every_signature(set, subject, len, &undetermined, rc);
  }else{
    zl_prefilter_scan(set->prefilter, (const unsigned char *)subject, len, set->candidates);
    if(no_candidates(set)){
      set->stats.prefiltered++;
      return ANSWER_NONE;
    }
    winner = run_candidates(set, subject, len, &undetermined, rc);
  }
  if(winner != ANSWER_NONE) return winner;
  return undetermined ? ANSWER_UNDETERMINED : ANSWER_NONE;
}

static int remembered(ZlSigSet *set, unsigned options, const char *value,
                      size_t len, uint64_t hash, int *answer){
  if(options & ZL_SIG_NO_MEMO) return 0;
  if(set->memo == NULL) set->memo = zl_sigmemo_new(set->alloc);   /* NULL: no memo */
  return set->memo && zl_sigmemo_get(set->memo, set->generation, value, len, hash, answer);
}

static int result_of(ZlSigSet *set, int answer, const ZlSignature **found){
  if(answer >= 0){
    *found = &set->entries[answer].sig;
    return ZL_SIG_MATCH;
  }
  if(answer == ANSWER_UNDETERMINED){
    set->stats.undetermined++;
    return ZL_SIG_UNDETERMINED;
  }
  return ZL_SIG_OK;
}

int zl_sigset_match(ZlSigSet *set, const char *value, size_t len,
                    unsigned options, const ZlSignature **found){
  int answer, rc = ZL_SIG_OK;
  *found = NULL;
  if(value == NULL){ value = ""; len = 0; }
  if(set->count == 0) return ZL_SIG_OK;
  set->stats.values++;
  uint64_t hash = options & ZL_SIG_NO_MEMO ? 0 : zl_sigmemo_hash(value, len);
  if(remembered(set, options, value, len, hash, &answer)){
    set->stats.memo_hits++;
    return result_of(set, answer, found);
  }
  if(!(options & ZL_SIG_NO_PREFILTER) && (rc = ensure_prefilter(set)) != ZL_SIG_OK) return rc;
  size_t subject_len = len;
  const char *subject = subject_of(set, value, &subject_len, &rc);
  if(subject == NULL) return rc;
  answer = answer_for(set, subject, subject_len, options, &rc);
  if(rc != ZL_SIG_OK) return rc;
  if(set->memo && !(options & ZL_SIG_NO_MEMO)){
    zl_sigmemo_put(set->memo, set->generation, value, len, hash, answer);
  }
  return result_of(set, answer, found);
}

int zl_sigset_classify(ZlSigSet *set, const char *value, size_t len,
                       const ZlSignature **found){
  return zl_sigset_match(set, value, len, 0, found);
}
