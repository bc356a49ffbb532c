/* Unit tests for ring.c: blocks come out in order and whole, whatever the
** reader's read size; a fill's error comes after the blocks before it; a
** reader waiting on an empty ring is stopped by its stop function; closing
** ends a thread that is waiting for room or still filling. */
#include <check.h>
#include <stdatomic.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>
#include "base/message.h"
#include "reader/ring.h"

typedef struct Counter {
  int blocks;              /* blocks to make, then the end */
  int fail_at;             /* 0, or the block that fails */
  int made;
  atomic_int waited;       /* 1 once the fill has seen a cancel */
} Counter;

/* Block i is ZL_RING_BLOCK bytes of 'a' + i (the last one half as long). */
static ssize_t count_fill(ZlRing *r, void *state, char *out, size_t cap, char **err){
  Counter *c = state;
  if(c->fail_at && c->made + 1 == c->fail_at){ *err = zl_message("block %d is bad", c->fail_at); return -1; }
  if(c->made == c->blocks) return 0;
  size_t n = c->made + 1 == c->blocks ? cap / 2 : cap;
  memset(out, 'a' + c->made, n);
  c->made++;
  return (ssize_t)n;
}

/* Never makes a byte until it is cancelled. */
static ssize_t idle_fill(ZlRing *r, void *state, char *out, size_t cap, char **err){
  Counter *c = state;
  while(!zl_ring_cancelled(r)) usleep(1000);
  atomic_store(&c->waited, 1);
  *err = zl_message("cancelled");
  return -1;
}

static size_t drain(ZlRing *r, size_t step, char *last_byte, ssize_t *end){
  char *buf = malloc(step);
  size_t total = 0;
  ssize_t n;
  char expect = 'a';
  size_t in_block = 0, wrong = 0;
  while((n = zl_ring_read(r, buf, step, NULL)) > 0){
    for(ssize_t i = 0; i < n; i++){
      wrong += buf[i] != expect;
      if(++in_block == ZL_RING_BLOCK){ in_block = 0; expect++; }
    }
    ck_assert_uint_eq(wrong, 0);
    total += (size_t)n;
    *last_byte = buf[n - 1];
  }
  *end = n;
  free(buf);
  return total;
}

START_TEST(blocks_in_order){
  size_t steps[] = { 1000, 4093, ZL_RING_BLOCK, 3 * ZL_RING_BLOCK };
  for(int i = 0; i < 4; i++){
    Counter c = { .blocks = 10 };
    char *err = NULL, last = 0;
    ZlRing *r = zl_ring_start(count_fill, &c, &err);
    ck_assert_ptr_nonnull(r);
    ssize_t end;
    size_t steps_total = drain(r, steps[i], &last, &end);
    ck_assert_int_eq(end, 0);
    ck_assert_uint_eq(steps_total, 9 * ZL_RING_BLOCK + ZL_RING_BLOCK / 2);
    ck_assert_int_eq(last, 'a' + 9);
    ck_assert_int_eq(zl_ring_read(r, &last, 1, NULL), 0);     /* the end stays the end */
    zl_ring_close(r);
  }
}
END_TEST

START_TEST(error_after_blocks){
  Counter c = { .blocks = 10, .fail_at = 3 };
  char *err = NULL, last = 0;
  ZlRing *r = zl_ring_start(count_fill, &c, &err);
  ssize_t end;
  ck_assert_uint_eq(drain(r, 100000, &last, &end), 2 * ZL_RING_BLOCK);
  ck_assert_int_eq(end, ZL_RING_ERROR);
  ck_assert_str_eq(zl_ring_error(r), "block 3 is bad");
  zl_ring_close(r);
}
END_TEST

typedef struct Asked { int calls; } Asked;
static int third_time(void *ctx){ return ++((Asked *)ctx)->calls >= 3; }

static double now(void){
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec + t.tv_nsec / 1e9;
}

START_TEST(stop_while_waiting){
  Counter c = { 0 };
  char *err = NULL, buf[16];
  ZlRing *r = zl_ring_start(idle_fill, &c, &err);
  Asked a = { 0 };
  ZlStop stop = { third_time, &a };
  double t0 = now();
  ck_assert_int_eq(zl_ring_read(r, buf, sizeof buf, &stop), ZL_RING_STOPPED);
  double waited = now() - t0;
  ck_assert_int_eq(a.calls, 3);                    /* asked every ZL_STOP_POLL_MS */
  ck_assert_msg(waited >= 2.5 * ZL_STOP_POLL_MS / 1000.0 && waited < 1.0, "waited %.3f s", waited);
  zl_ring_close(r);
  ck_assert_int_eq(atomic_load(&c.waited), 1);
}
END_TEST

/* A full ring nobody reads: the thread waits for room; closing wakes it. */
START_TEST(close_unread){
  Counter c = { .blocks = 1000 };
  char *err = NULL, b;
  ZlRing *r = zl_ring_start(count_fill, &c, &err);
  ck_assert_int_eq(zl_ring_read(r, &b, 1, NULL), 1);
  usleep(20000);
  zl_ring_close(r);
  ck_assert_int_le(c.made, ZL_RING_BLOCKS + 1);
}
END_TEST

Suite *unit_suite(void){
  Suite *s = suite_create("ring");
  TCase *tc = tcase_create("core");
  tcase_add_test(tc, blocks_in_order);
  tcase_add_test(tc, error_after_blocks);
  tcase_add_test(tc, stop_while_waiting);
  tcase_add_test(tc, close_unread);
  suite_add_tcase(s, tc);
  return s;
}

#include "unit.h"
