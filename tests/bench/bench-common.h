/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The workload, timing and reporting shared by yk-bench-store and
 * yk-bench-sqlcipher. This header and bench-common.c use only the SQLite
 * API that SQLCipher also has: each executable compiles them against its
 * own sqlite3.h and links its own library. */

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

#define BENCH_ERROR (bench_error_quark ())
GQuark bench_error_quark (void);

#define BENCH_PAGE_SIZE 4096
#define BENCH_PAYLOAD_SIZE 200

/* Pragmas every engine's connections get, besides page_size at creation. */
#define BENCH_COMMON_PRAGMAS \
  "PRAGMA journal_mode=DELETE;" \
  "PRAGMA synchronous=FULL;" \
  "PRAGMA temp_store=MEMORY;"

/* The machine-readable lines yk-bench-sqlcipher prints on stdout, times
 * in milliseconds, fields separated by tabs:
 *   yk-bench-engine  ENGINE  RUNS  VERSION
 *   yk-bench-result  ENGINE  STEP-ID  MEDIAN  MIN  MAX */
#define BENCH_ENGINE_TAG "yk-bench-engine"
#define BENCH_RESULT_TAG "yk-bench-result"

typedef enum
{
  BENCH_STEP_INSERT,
  BENCH_STEP_POINT_READS,
  BENCH_STEP_AGGREGATE,
  BENCH_STEP_OPEN,
  BENCH_N_STEPS
} BenchStep;

typedef struct
{
  int runs;
  int rows;
  int rows_per_transaction;
  int reads;
  int cache_size; /* PRAGMA cache_size for the read steps */
  char *dir;      /* temporary directory, removed by bench_config_clear() */
} BenchConfig;

/* One engine under test. A handle is whatever the engine needs to keep a
 * database open; its connection is configured with BENCH_COMMON_PRAGMAS. */
typedef struct
{
  const char *name;
  /* A new database at path, which does not exist yet, ready for tables. */
  gpointer (*create) (const char *path,
                      GError    **error);
  /* An existing database, opened (and unlocked) up to its first read. */
  gpointer (*open) (const char *path,
                    GError    **error);
  sqlite3 *(*get_connection) (gpointer handle);
  void (*close) (gpointer handle);
} BenchEngine;

typedef struct
{
  const BenchEngine *engine;
  GArray *samples[BENCH_N_STEPS]; /* double, milliseconds, one per run */
} BenchResults;

typedef struct
{
  double median;
  double min;
  double max;
} BenchStat;

/* One engine's statistics: measured here, or read from the lines of
 * another program. */
typedef struct
{
  char *engine;
  char *version;
  int runs;
  BenchStat steps[BENCH_N_STEPS];
} BenchReport;

gboolean bench_config_init (BenchConfig   *config,
                            const char    *summary,
                            GOptionEntry  *extra_entries,
                            int           *argc,
                            char        ***argv,
                            GError       **error);
void bench_config_clear (BenchConfig *config);

const char *bench_step_id (BenchStep step);
char *bench_step_label (BenchStep          step,
                        const BenchConfig *config);

void bench_set_sqlite_error (GError    **error,
                             sqlite3    *db,
                             int         rc,
                             const char *doing);
gboolean bench_exec (sqlite3    *db,
                     const char *sql,
                     const char *doing,
                     GError    **error);
sqlite3 *bench_open_connection (const char *path,
                                int         flags,
                                const char *setup_sql,
                                GError    **error);

gboolean bench_run (const BenchEngine *const *engines,
                    guint                     n_engines,
                    const BenchConfig        *config,
                    BenchResults             *results,
                    GError                  **error);
void bench_results_clear (BenchResults *results);

void bench_report_init (BenchReport        *report,
                        const BenchResults *results,
                        const char         *version);
void bench_report_print_machine (const BenchReport *report);
gboolean bench_report_parse_machine (BenchReport *report,
                                     const char  *text,
                                     const char  *engine,
                                     GError     **error);
void bench_report_clear (BenchReport *report);

G_END_DECLS
