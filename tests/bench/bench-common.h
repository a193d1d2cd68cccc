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

/* The machine-readable lines yk-bench-sqlcipher prints on stdout:
 *   yk-bench-info <TAB> KEY <TAB> VALUE
 *   yk-bench-result <TAB> ENGINE <TAB> STEP-ID <TAB> MEDIAN-MS <TAB> RUNS */
#define BENCH_INFO_TAG "yk-bench-info"
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

/* What a machine-readable report holds: medians for one engine. */
typedef struct
{
  double median[BENCH_N_STEPS];
  int runs;
  char *version;
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
double bench_results_median (const BenchResults *results,
                             BenchStep           step);
void bench_results_clear (BenchResults *results);

void bench_print_machine (const BenchResults *results,
                          int                 runs,
                          const char         *version);
gboolean bench_parse_machine (const char  *text,
                              const char  *engine,
                              BenchReport *report,
                              GError     **error);
void bench_report_clear (BenchReport *report);

G_END_DECLS
