/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-bench"

#include "bench-common.h"

#include <glib/gstdio.h>
#include <string.h>

#define DEFAULT_RUNS 5
#define DEFAULT_ROWS 200000
#define DEFAULT_ROWS_PER_TRANSACTION 1000
#define DEFAULT_READS 20000
#define DEFAULT_CACHE_SIZE (-512) /* KiB: 128 pages, a fraction of the table */

/* Payloads are windows into one pool of pseudo-random text; a prime
 * stride puts neighbouring rows far apart in it. */
#define POOL_SIZE 65536
#define POOL_STRIDE 7919
#define POOL_SEED 0x796b
#define READ_SEED 20240601

G_DEFINE_QUARK (yk-bench-error-quark, bench_error)

static const char *const step_ids[BENCH_N_STEPS] = {
  "insert",
  "point-reads",
  "aggregate",
  "open",
};

static double
elapsed_ms (gint64 start)
{
  return (double) (g_get_monotonic_time () - start) / 1000.0;
}

static const char *
payload_for (gint64 id)
{
  static const char alphabet[] =
    "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 .";
  static char *pool = NULL;

  if (pool == NULL)
    {
      GRand *rand = g_rand_new_with_seed (POOL_SEED);

      pool = g_malloc (POOL_SIZE);
      for (gsize i = 0; i < POOL_SIZE; i++)
        pool[i] = alphabet[g_rand_int_range (rand, 0, (gint32) sizeof alphabet - 1)];
      g_rand_free (rand);
    }
  return pool + ((guint64) id * POOL_STRIDE) % (POOL_SIZE - BENCH_PAYLOAD_SIZE);
}

static gboolean
parse_positive (const char *text,
                const char *what,
                int        *out,
                GError    **error)
{
  guint64 value = 0;

  if (!g_ascii_string_to_unsigned (text, 10, 1, G_MAXINT, &value, error))
    {
      g_prefix_error (error, "%s: ", what);
      return FALSE;
    }
  *out = (int) value;
  return TRUE;
}

gboolean
bench_config_init (BenchConfig   *config,
                   const char    *summary,
                   GOptionEntry  *extra_entries,
                   int           *argc,
                   char        ***argv,
                   GError       **error)
{
  const char *env_runs = g_getenv ("YK_BENCH_RUNS");
  GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &config->runs,
      "Runs per engine; the default is $YK_BENCH_RUNS or 5", "N" },
    { "rows", 0, 0, G_OPTION_ARG_INT, &config->rows,
      "Rows to insert (default 200000)", "N" },
    { "rows-per-transaction", 0, 0, G_OPTION_ARG_INT, &config->rows_per_transaction,
      "Rows per insert transaction (default 1000)", "N" },
    { "reads", 0, 0, G_OPTION_ARG_INT, &config->reads,
      "Random point reads (default 20000)", "N" },
    { "cache-size", 0, 0, G_OPTION_ARG_INT, &config->cache_size,
      "PRAGMA cache_size for the read steps (default -512, in KiB)", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);

  *config = (BenchConfig) {
    .runs = DEFAULT_RUNS,
    .rows = DEFAULT_ROWS,
    .rows_per_transaction = DEFAULT_ROWS_PER_TRANSACTION,
    .reads = DEFAULT_READS,
    .cache_size = DEFAULT_CACHE_SIZE,
  };
  if (env_runs != NULL && !parse_positive (env_runs, "YK_BENCH_RUNS", &config->runs, error))
    return FALSE;

  g_option_context_set_summary (context, summary);
  g_option_context_set_description (context,
                                    "Databases are written to a new directory under $TMPDIR "
                                    "(or /tmp) and removed afterwards.");
  g_option_context_add_main_entries (context, entries, NULL);
  if (extra_entries != NULL)
    g_option_context_add_main_entries (context, extra_entries, NULL);
  if (!g_option_context_parse (context, argc, argv, error))
    return FALSE;
  if (config->runs < 1 || config->rows < 1 || config->rows_per_transaction < 1 ||
      config->reads < 0 || config->cache_size == 0)
    {
      g_set_error_literal (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE,
                           "--runs, --rows and --rows-per-transaction must be positive, "
                           "--reads must not be negative and --cache-size not zero");
      return FALSE;
    }

  config->dir = g_dir_make_tmp ("yk-bench-XXXXXX", error);
  return config->dir != NULL;
}

void
bench_config_clear (BenchConfig *config)
{
  g_autoptr (GDir) handle = NULL;
  const char *name;

  if (config->dir == NULL)
    return;
  handle = g_dir_open (config->dir, 0, NULL);
  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *path = g_build_filename (config->dir, name, NULL);

      g_unlink (path);
    }
  g_rmdir (config->dir);
  g_clear_pointer (&config->dir, g_free);
}

const char *
bench_step_id (BenchStep step)
{
  g_return_val_if_fail (step < BENCH_N_STEPS, NULL);
  return step_ids[step];
}

char *
bench_step_label (BenchStep          step,
                  const BenchConfig *config)
{
  switch (step)
    {
    case BENCH_STEP_INSERT:
      return g_strdup_printf ("insert %d rows, %d/txn", config->rows,
                              config->rows_per_transaction);
    case BENCH_STEP_POINT_READS:
      return g_strdup_printf ("%d random point reads", config->reads);
    case BENCH_STEP_AGGREGATE:
      return g_strdup ("full-table aggregate");
    case BENCH_STEP_OPEN:
      return g_strdup ("open + unlock + 1st read");
    case BENCH_N_STEPS:
    default:
      g_return_val_if_reached (NULL);
    }
}

void
bench_set_sqlite_error (GError    **error,
                        sqlite3    *db,
                        int         rc,
                        const char *doing)
{
  g_set_error (error, BENCH_ERROR, rc, "%s: %s", doing,
               db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc));
}

gboolean
bench_exec (sqlite3    *db,
            const char *sql,
            const char *doing,
            GError    **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      bench_set_sqlite_error (error, db, rc, doing);
      return FALSE;
    }
  return TRUE;
}

/* Opens path on the default VFS and runs setup_sql, which should end
 * with a first read. */
sqlite3 *
bench_open_connection (const char *path,
                       int         flags,
                       const char *setup_sql,
                       GError    **error)
{
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (path, &db, flags, NULL);

  if (rc != SQLITE_OK)
    {
      bench_set_sqlite_error (error, db, rc, "Opening the database");
      sqlite3_close_v2 (db);
      return NULL;
    }
  if (!bench_exec (db, setup_sql, "Setting up the connection", error))
    {
      sqlite3_close_v2 (db);
      return NULL;
    }
  return db;
}

static gboolean
prepare (sqlite3       *db,
         const char    *sql,
         sqlite3_stmt **statement,
         GError       **error)
{
  int rc = sqlite3_prepare_v2 (db, sql, -1, statement, NULL);

  if (rc != SQLITE_OK)
    {
      bench_set_sqlite_error (error, db, rc, "Preparing a statement");
      return FALSE;
    }
  return TRUE;
}

/* The steps stay out of line, so that a profile shows each on its own. */
static G_GNUC_NO_INLINE gboolean
insert_rows (sqlite3           *db,
             const BenchConfig *config,
             GError           **error)
{
  sqlite3_stmt *insert = NULL;
  gboolean ok;
  int rc;

  if (!prepare (db, "INSERT INTO bench (id, payload) VALUES (?1, ?2)", &insert, error))
    return FALSE;
  ok = TRUE;
  for (int i = 0; ok && i < config->rows; i++)
    {
      gint64 id = (gint64) i + 1;

      if (i % config->rows_per_transaction == 0)
        ok = bench_exec (db, "BEGIN", "Beginning a transaction", error);
      if (!ok)
        break;
      sqlite3_bind_int64 (insert, 1, id);
      sqlite3_bind_text (insert, 2, payload_for (id), BENCH_PAYLOAD_SIZE, SQLITE_STATIC);
      rc = sqlite3_step (insert);
      sqlite3_reset (insert);
      if (rc != SQLITE_DONE)
        {
          bench_set_sqlite_error (error, db, rc, "Inserting a row");
          ok = FALSE;
        }
      else if ((i + 1) % config->rows_per_transaction == 0 || i + 1 == config->rows)
        ok = bench_exec (db, "COMMIT", "Committing", error);
    }
  sqlite3_finalize (insert);
  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

/* The same keys, in the same order, for every engine and every run. */
static G_GNUC_NO_INLINE gboolean
point_reads (sqlite3           *db,
             const BenchConfig *config,
             GError           **error)
{
  sqlite3_stmt *select = NULL;
  GRand *rand;
  gboolean ok = TRUE;
  int rc;

  if (!prepare (db, "SELECT payload FROM bench WHERE id = ?1", &select, error))
    return FALSE;
  rand = g_rand_new_with_seed (READ_SEED);
  for (int i = 0; ok && i < config->reads; i++)
    {
      gint64 id = g_rand_int_range (rand, 1, config->rows + 1);

      sqlite3_bind_int64 (select, 1, id);
      rc = sqlite3_step (select);
      if (rc != SQLITE_ROW)
        {
          bench_set_sqlite_error (error, db, rc == SQLITE_DONE ? SQLITE_NOTFOUND : rc,
                                  "Reading a row");
          ok = FALSE;
        }
      else if (sqlite3_column_bytes (select, 0) != BENCH_PAYLOAD_SIZE ||
               memcmp (sqlite3_column_text (select, 0), payload_for (id), BENCH_PAYLOAD_SIZE) != 0)
        {
          g_set_error (error, BENCH_ERROR, SQLITE_CORRUPT, "Row %" G_GINT64_FORMAT
                       " does not hold what was inserted", id);
          ok = FALSE;
        }
      sqlite3_reset (select);
    }
  g_rand_free (rand);
  sqlite3_finalize (select);
  return ok;
}

static G_GNUC_NO_INLINE gboolean
aggregate (sqlite3           *db,
           const BenchConfig *config,
           GError           **error)
{
  sqlite3_stmt *select = NULL;
  gboolean ok = TRUE;
  int rc;

  if (!prepare (db, "SELECT count(*), sum(length(payload)) FROM bench", &select, error))
    return FALSE;
  rc = sqlite3_step (select);
  if (rc != SQLITE_ROW)
    {
      bench_set_sqlite_error (error, db, rc, "Aggregating the table");
      ok = FALSE;
    }
  else if (sqlite3_column_int64 (select, 0) != config->rows ||
           sqlite3_column_int64 (select, 1) != (gint64) config->rows * BENCH_PAYLOAD_SIZE)
    {
      g_set_error (error, BENCH_ERROR, SQLITE_CORRUPT,
                   "The table holds %lld rows and %lld bytes, not what was inserted",
                   (long long) sqlite3_column_int64 (select, 0),
                   (long long) sqlite3_column_int64 (select, 1));
      ok = FALSE;
    }
  sqlite3_finalize (select);
  return ok;
}

/* One run on a fresh file: steps 1 to 3 on the same database, then the
 * time to open it once more. */
static gboolean
run_once (const BenchEngine *engine,
          const BenchConfig *config,
          const char        *path,
          double             ms[BENCH_N_STEPS],
          GError           **error)
{
  g_autofree char *cache_pragma = g_strdup_printf ("PRAGMA cache_size=%d", config->cache_size);
  gpointer handle;
  sqlite3 *db;
  gint64 start;
  gboolean ok;

  handle = engine->create (path, error);
  if (handle == NULL)
    return FALSE;
  db = engine->get_connection (handle);
  ok = bench_exec (db, "CREATE TABLE bench (id INTEGER PRIMARY KEY, payload TEXT NOT NULL)",
                   "Creating the table", error);
  if (ok)
    {
      start = g_get_monotonic_time ();
      ok = insert_rows (db, config, error);
      ms[BENCH_STEP_INSERT] = elapsed_ms (start);
    }
  engine->close (handle);
  if (!ok)
    return FALSE;

  /* A new connection, so the page cache starts cold, and a cache too
   * small for the table, so that most reads go to the file. */
  handle = engine->open (path, error);
  if (handle == NULL)
    return FALSE;
  db = engine->get_connection (handle);
  ok = bench_exec (db, cache_pragma, "Setting the cache size", error);
  if (ok)
    {
      start = g_get_monotonic_time ();
      ok = point_reads (db, config, error);
      ms[BENCH_STEP_POINT_READS] = elapsed_ms (start);
    }
  if (ok)
    {
      start = g_get_monotonic_time ();
      ok = aggregate (db, config, error);
      ms[BENCH_STEP_AGGREGATE] = elapsed_ms (start);
    }
  engine->close (handle);
  if (!ok)
    return FALSE;

  start = g_get_monotonic_time ();
  handle = engine->open (path, error);
  ms[BENCH_STEP_OPEN] = elapsed_ms (start);
  if (handle == NULL)
    return FALSE;
  engine->close (handle);
  return TRUE;
}

static void
remove_database (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (journal);
}

/* Runs alternate between engines, so that a slow patch of the machine
 * does not fall on one engine only. */
gboolean
bench_run (const BenchEngine *const *engines,
           guint                     n_engines,
           const BenchConfig        *config,
           BenchResults             *results,
           GError                  **error)
{
  for (guint e = 0; e < n_engines; e++)
    {
      results[e].engine = engines[e];
      for (int s = 0; s < BENCH_N_STEPS; s++)
        results[e].samples[s] = g_array_sized_new (FALSE, FALSE, sizeof (double),
                                                   (guint) config->runs);
    }

  for (int run = 1; run <= config->runs; run++)
    for (guint e = 0; e < n_engines; e++)
      {
        g_autofree char *name = g_strdup_printf ("%s-%d.db", engines[e]->name, run);
        g_autofree char *path = g_build_filename (config->dir, name, NULL);
        double ms[BENCH_N_STEPS] = { 0 };
        gboolean ok = run_once (engines[e], config, path, ms, error);

        remove_database (path);
        if (!ok)
          {
            g_prefix_error (error, "%s, run %d: ", engines[e]->name, run);
            return FALSE;
          }
        for (int s = 0; s < BENCH_N_STEPS; s++)
          g_array_append_val (results[e].samples[s], ms[s]);
        g_printerr ("%-10s run %d/%d: insert %.1f, reads %.1f, aggregate %.1f, open %.2f ms\n",
                    engines[e]->name, run, config->runs, ms[BENCH_STEP_INSERT],
                    ms[BENCH_STEP_POINT_READS], ms[BENCH_STEP_AGGREGATE], ms[BENCH_STEP_OPEN]);
      }
  return TRUE;
}

static gint
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a;
  double y = *(const double *) b;

  return (x > y) - (x < y);
}

void
bench_results_clear (BenchResults *results)
{
  for (int s = 0; s < BENCH_N_STEPS; s++)
    g_clear_pointer (&results->samples[s], g_array_unref);
}

static BenchStat
compute_stat (GArray *samples)
{
  g_autoptr (GArray) sorted = g_array_sized_new (FALSE, FALSE, sizeof (double), samples->len);
  guint n = samples->len;
  BenchStat stat = { 0.0, 0.0, 0.0 };

  if (n == 0)
    return stat;
  g_array_append_vals (sorted, samples->data, n);
  g_array_sort (sorted, compare_doubles);
  stat.min = g_array_index (sorted, double, 0);
  stat.max = g_array_index (sorted, double, n - 1);
  if (n % 2 == 1)
    stat.median = g_array_index (sorted, double, n / 2);
  else
    stat.median = (g_array_index (sorted, double, n / 2 - 1) +
                   g_array_index (sorted, double, n / 2)) / 2.0;
  return stat;
}

void
bench_report_init (BenchReport        *report,
                   const BenchResults *results,
                   const char         *version)
{
  *report = (BenchReport) {
    .engine = g_strdup (results->engine->name),
    .version = g_strdup (version),
    .runs = (int) results->samples[0]->len,
  };
  for (int s = 0; s < BENCH_N_STEPS; s++)
    report->steps[s] = compute_stat (results->samples[s]);
}

static const char *
format_ms (char   buffer[G_ASCII_DTOSTR_BUF_SIZE],
           double ms)
{
  return g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, "%.3f", ms);
}

void
bench_report_print_machine (const BenchReport *report)
{
  char median[G_ASCII_DTOSTR_BUF_SIZE];
  char min[G_ASCII_DTOSTR_BUF_SIZE];
  char max[G_ASCII_DTOSTR_BUF_SIZE];

  g_print ("%s\t%s\t%d\t%s\n", BENCH_ENGINE_TAG, report->engine, report->runs,
           report->version);
  for (int s = 0; s < BENCH_N_STEPS; s++)
    g_print ("%s\t%s\t%s\t%s\t%s\t%s\n", BENCH_RESULT_TAG, report->engine, step_ids[s],
             format_ms (median, report->steps[s].median), format_ms (min, report->steps[s].min),
             format_ms (max, report->steps[s].max));
}

static int
step_from_id (const char *id)
{
  for (int s = 0; s < BENCH_N_STEPS; s++)
    if (g_strcmp0 (id, step_ids[s]) == 0)
      return s;
  return -1;
}

static gboolean
parse_ms (const char *text,
          double     *out)
{
  char *end = NULL;

  *out = g_ascii_strtod (text, &end);
  return end != text && *end == '\0' && *out >= 0.0;
}

/* Reads what bench_report_print_machine() printed for engine; every step
 * must be there. Other lines are ignored. */
gboolean
bench_report_parse_machine (BenchReport *report,
                            const char  *text,
                            const char  *engine,
                            GError     **error)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean seen[BENCH_N_STEPS] = { FALSE };
  gboolean seen_engine = FALSE;

  *report = (BenchReport) { .engine = g_strdup (engine) };
  for (guint i = 0; lines[i] != NULL; i++)
    {
      g_auto (GStrv) fields = g_strsplit (lines[i], "\t", -1);
      guint n = g_strv_length (fields);
      BenchStat stat;
      int step;

      if (n < 2 || !g_str_equal (fields[1], engine))
        continue;
      if (n == 4 && g_str_equal (fields[0], BENCH_ENGINE_TAG))
        {
          report->runs = (int) g_ascii_strtoll (fields[2], NULL, 10);
          g_free (report->version);
          report->version = g_strdup (fields[3]);
          seen_engine = report->runs > 0;
          continue;
        }
      if (n != 6 || !g_str_equal (fields[0], BENCH_RESULT_TAG))
        continue;
      step = step_from_id (fields[2]);
      if (step < 0 || !parse_ms (fields[3], &stat.median) || !parse_ms (fields[4], &stat.min) ||
          !parse_ms (fields[5], &stat.max))
        continue;
      report->steps[step] = stat;
      seen[step] = TRUE;
    }

  for (int s = 0; s < BENCH_N_STEPS; s++)
    seen_engine = seen_engine && seen[s];
  if (!seen_engine)
    {
      g_set_error (error, BENCH_ERROR, SQLITE_ERROR,
                   "The output does not hold every result for %s", engine);
      bench_report_clear (report);
      return FALSE;
    }
  return TRUE;
}

void
bench_report_clear (BenchReport *report)
{
  g_clear_pointer (&report->engine, g_free);
  g_clear_pointer (&report->version, g_free);
}
