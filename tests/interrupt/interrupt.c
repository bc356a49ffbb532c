/*
** interrupt.c — how soon a statement stops after sqlite3_interrupt(), on a
** current SQLite: built against the amalgamation that the npm package
** better-sqlite3 ships (3.41 or later, where sqlite3_is_interrupted() lets
** an extension see the interrupt), not against the host's library.
**
**   interrupt [-a AFTER_MS] [-w WITHIN_MS] [-s SETUP_SQL]... EXTENSION SQL
**
** Opens an in-memory database, loads EXTENSION (build/zeeklog), runs each
** SETUP_SQL to its end, then steps SQL in this thread while a second thread
** calls sqlite3_interrupt() AFTER_MS (default 50) after the first step began.
** Prints one line: how long the statement ran after the interrupt, and
** exits 0 when it stopped (SQLITE_INTERRUPT) within WITHIN_MS (default 100),
** 1 when it stopped later or ended some other way after the interrupt, 3 when
** it finished before the interrupt came (the case is too short to say), and
** 2 on a usage or setup error. tests/scripts/test_interrupt.sh builds it and
** runs the function cases; any slow statement (a table scan) can be given.
*/
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "sqlite3.h"

#define DEFAULT_AFTER_MS 50
#define DEFAULT_WITHIN_MS 100
#define SETUP_MAX 16

typedef struct Interrupter {
  sqlite3 *db;
  int after_ms;
  double at;          /* when sqlite3_interrupt() was called; 0: not yet */
} Interrupter;

static double now_ms(void){
  struct timespec t;
  clock_gettime(CLOCK_MONOTONIC, &t);
  return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void *interrupt_later(void *arg){
  Interrupter *in = arg;
  struct timespec pause = { in->after_ms / 1000, (long)(in->after_ms % 1000) * 1000000L };
  nanosleep(&pause, NULL);
  in->at = now_ms();
  sqlite3_interrupt(in->db);
  return NULL;
}

static int usage(void){
  fprintf(stderr, "usage: interrupt [-a AFTER_MS] [-w WITHIN_MS] [-s SETUP_SQL]... "
                  "EXTENSION SQL\n");
  return 2;
}

static int setup(sqlite3 *db, const char *extension, char **setups, int n){
  char *err = NULL;
  sqlite3_enable_load_extension(db, 1);
  if(sqlite3_load_extension(db, extension, NULL, &err) != SQLITE_OK){
    fprintf(stderr, "interrupt: cannot load %s: %s\n", extension, err ? err : "?");
    sqlite3_free(err);
    return 0;
  }
  for(int i = 0; i < n; i++){
    if(sqlite3_exec(db, setups[i], NULL, NULL, &err) != SQLITE_OK){
      fprintf(stderr, "interrupt: setup '%s': %s\n", setups[i], err ? err : "?");
      sqlite3_free(err);
      return 0;
    }
  }
  return 1;
}

int main(int argc, char **argv){
  int after_ms = DEFAULT_AFTER_MS, within_ms = DEFAULT_WITHIN_MS, n_setup = 0, opt;
  char *setups[SETUP_MAX];
  while((opt = getopt(argc, argv, "a:w:s:")) != -1){
    if(opt == 'a') after_ms = atoi(optarg);
    else if(opt == 'w') within_ms = atoi(optarg);
    else if(opt == 's' && n_setup < SETUP_MAX) setups[n_setup++] = optarg;
    else return usage();
  }
  if(argc - optind != 2 || after_ms < 0 || within_ms <= 0) return usage();
  const char *extension = argv[optind], *sql = argv[optind + 1];
  sqlite3 *db;
  if(sqlite3_open(":memory:", &db) != SQLITE_OK) return 2;
  if(!setup(db, extension, setups, n_setup)){ sqlite3_close(db); return 2; }
  sqlite3_stmt *stmt;
  if(sqlite3_prepare_v2(db, sql, -1, &stmt, NULL) != SQLITE_OK){
    fprintf(stderr, "interrupt: %s\n", sqlite3_errmsg(db));
    sqlite3_close(db);
    return 2;
  }
  Interrupter in = { db, after_ms, 0 };
  pthread_t thread;
  double start = now_ms();
  pthread_create(&thread, NULL, interrupt_later, &in);
  int rc;
  while((rc = sqlite3_step(stmt)) == SQLITE_ROW){}
  double end = now_ms();
  pthread_join(thread, NULL);
  int status;
  if(end < in.at){
    printf("finished (%s) after %.0f ms, before the interrupt at %d ms: too short to say\n",
           sqlite3_errstr(rc), end - start, after_ms);
    status = 3;
  }else{
    double late = end - in.at;
    printf("interrupted at %.0f ms: %s %.1f ms later (bound %d ms; SQLite %s)\n",
           in.at - start, rc == SQLITE_INTERRUPT ? "stopped" : sqlite3_errstr(rc), late,
           within_ms, sqlite3_libversion());
    status = rc == SQLITE_INTERRUPT && late <= within_ms ? 0 : 1;
  }
  sqlite3_finalize(stmt);
  sqlite3_close(db);
  return status;
}
