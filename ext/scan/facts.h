/*
** facts.h — what full reads of files showed, so that a query bounded on
** `ts` can skip archives that hold no row in its range.
**
**   ZlFileId id;  zl_file_id("http.00:00:00-01:00:00.log.gz", &id);
**   zl_facts_learn(facts, path, &id, 1, min_ts, max_ts);   // after a full read
**   zl_facts_rules_out(facts, path, &id, lo, hi);          // 1: skip the file
**
** A fact holds while the file keeps the device, inode, size, mtime and ctime it had
** when it was read; any change and the file is read again. At most
** ZL_MAX_FACTS files are remembered (then all are forgotten). No SQLite here.
*/
#ifndef ZL_FACTS_H
#define ZL_FACTS_H

#include <sys/stat.h>
#include <time.h>

#define ZL_MAX_FACTS 100000

/* What makes a file the same file: a rewrite in place keeps dev, ino, size
** and even mtime (touch -r), but not ctime, which only the kernel sets. */
typedef struct ZlFileId { dev_t dev; ino_t ino; off_t size; struct timespec mtime, ctime; } ZlFileId;
typedef struct ZlFacts ZlFacts;

int zl_file_id(const char *path, ZlFileId *out);           /* 0, or -1 */
int zl_file_id_equal(const ZlFileId *a, const ZlFileId *b);

ZlFacts *zl_facts_new(void);
void zl_facts_free(ZlFacts *f);
/* 1 when an earlier full read of this very file found no row with
** lo <= ts <= hi (or no row with a ts at all). */
int zl_facts_rules_out(const ZlFacts *f, const char *path, const ZlFileId *id, double lo, double hi);
/* Records a full read; silently does nothing when memory runs out. */
void zl_facts_learn(ZlFacts *f, const char *path, const ZlFileId *id,
                    int has_ts, double min_ts, double max_ts);

#endif
