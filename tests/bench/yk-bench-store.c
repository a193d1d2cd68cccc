/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-bench"

/* Benchmark of the encrypted store against plain SQLite and SQLCipher.
 *
 *   build/tests/bench/yk-bench-store [--runs N] [--sqlcipher PATH | --no-sqlcipher]
 *   build/tests/bench/yk-bench-store --only yukang --no-sqlcipher   (to profile one engine)
 *
 * Each run, on a fresh file: (1) insert rows of 200 bytes in
 * transactions, (2) random point reads by key on a new connection with a
 * small page cache, (3) one aggregate over the whole table, and, apart,
 * (4) the time to open the database up to its first read (for Yukang
 * that includes unlocking: Argon2id at the INTERACTIVE level). Prints the
 * median of each step in milliseconds, and the ratios against plain
 * SQLite and SQLCipher.
 *
 * SQLCipher runs in yk-bench-sqlcipher, built next to this program when
 * libsqlcipher-dev is installed; it is found there, or given with
 * --sqlcipher. Not part of `meson test`. */

#include "bench-common.h"
#include "yk-crypto-error.h"
#include "yk-sqlite-memory.h"
#include "yk-store.h"

#include <locale.h>
#include <stdlib.h>

#define SQLCIPHER_PROGRAM "yk-bench-sqlcipher"
#define ACCOUNT "bench"
#define PASSWORD "correct horse battery staple"

/* What the project asks of the encrypted store, per step. */
#define BAR_VS_PLAIN 1.30
#define GOAL_VS_PLAIN 1.15

static gpointer
plain_create (const char *path,
              GError    **error)
{
  return bench_open_connection (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                BENCH_COMMON_PRAGMAS
                                "PRAGMA page_size=4096;"
                                "SELECT count(*) FROM sqlite_master;",
                                error);
}

static gpointer
plain_open (const char *path,
            GError    **error)
{
  return bench_open_connection (path, SQLITE_OPEN_READWRITE,
                                BENCH_COMMON_PRAGMAS "SELECT count(*) FROM sqlite_master;", error);
}

static sqlite3 *
plain_get_connection (gpointer handle)
{
  return handle;
}

static void
plain_close (gpointer handle)
{
  sqlite3_close_v2 (handle);
}

/* The store's connection comes configured: journal_mode=DELETE,
 * synchronous=FULL, temp_store=MEMORY, page size 4096. */
static gpointer
yukang_create (const char *path,
               GError    **error)
{
  g_autofree char *recovery_key = NULL;

  return yk_store_create (path, ACCOUNT, PASSWORD, YK_KDF_INTERACTIVE, &recovery_key, error);
}

static gpointer
yukang_open (const char *path,
             GError    **error)
{
  return yk_store_unlock (path, ACCOUNT, PASSWORD, error);
}

static sqlite3 *
yukang_get_connection (gpointer handle)
{
  return yk_store_get_connection (handle);
}

static void
yukang_close (gpointer handle)
{
  yk_store_close (handle);
}

static const BenchEngine plain_engine = {
  .name = "plain",
  .create = plain_create,
  .open = plain_open,
  .get_connection = plain_get_connection,
  .close = plain_close,
};

static const BenchEngine yukang_engine = {
  .name = "yukang",
  .create = yukang_create,
  .open = yukang_open,
  .get_connection = yukang_get_connection,
  .close = yukang_close,
};

static const BenchEngine *const all_engines[] = { &plain_engine, &yukang_engine };

/* Both engines, or the one --only names. */
static gboolean
select_engines (const char         *only,
                const BenchEngine **selected,
                guint              *n_selected,
                GError            **error)
{
  *n_selected = 0;
  for (guint e = 0; e < G_N_ELEMENTS (all_engines); e++)
    if (only == NULL || g_str_equal (only, all_engines[e]->name))
      selected[(*n_selected)++] = all_engines[e];
  if (*n_selected == 0)
    {
      g_set_error (error, G_OPTION_ERROR, G_OPTION_ERROR_BAD_VALUE, "--only takes “%s” or “%s”",
                   plain_engine.name, yukang_engine.name);
      return FALSE;
    }
  return TRUE;
}

/* The sibling program, in the directory this one runs from. */
static char *
find_sqlcipher_program (void)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = NULL;
  g_autofree char *path = NULL;

  if (self == NULL)
    return NULL;
  dir = g_path_get_dirname (self);
  path = g_build_filename (dir, SQLCIPHER_PROGRAM, NULL);
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR | G_FILE_TEST_IS_EXECUTABLE))
    return NULL;
  return g_steal_pointer (&path);
}

static void
add_int_option (GStrvBuilder *builder,
                const char   *name,
                int           value)
{
  g_autofree char *option = g_strdup_printf ("--%s=%d", name, value);

  g_strv_builder_add (builder, option);
}

/* Runs the SQLCipher program with the same settings (and $TMPDIR); its
 * progress goes straight to our stderr. */
static gboolean
run_sqlcipher (const char        *program,
               const BenchConfig *config,
               BenchReport       *report,
               GError           **error)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_auto (GStrv) child_argv = NULL;
  g_autofree char *output = NULL;
  int status = 0;

  g_strv_builder_add (builder, program);
  add_int_option (builder, "runs", config->runs);
  add_int_option (builder, "rows", config->rows);
  add_int_option (builder, "rows-per-transaction", config->rows_per_transaction);
  add_int_option (builder, "reads", config->reads);
  add_int_option (builder, "cache-size", config->cache_size);
  child_argv = g_strv_builder_end (builder);

  if (!g_spawn_sync (NULL, child_argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &output, NULL, &status,
                     error) ||
      !g_spawn_check_wait_status (status, error))
    {
      g_prefix_error (error, "%s: ", program);
      return FALSE;
    }
  return bench_report_parse_machine (report, output, "sqlcipher", error);
}

static const char *
verdict (double   vs_plain,
         gboolean have_sqlcipher,
         double   vs_sqlcipher)
{
  if (vs_plain > BAR_VS_PLAIN)
    return "MISSES the bar";
  if (vs_plain <= GOAL_VS_PLAIN && (!have_sqlcipher || vs_sqlcipher < 1.0))
    return "meets the goal";
  return "bar met, goal missed";
}

static void
print_table (const BenchConfig *config,
             const BenchReport *plain,
             const BenchReport *yukang,
             const BenchReport *sqlcipher)
{
  const BenchReport *reports[] = { plain, yukang, sqlcipher };

  g_print ("\nMedians of %d runs, in milliseconds. %s", config->runs, plain->version);
  if (sqlcipher != NULL)
    g_print ("; %s, %d runs", sqlcipher->version, sqlcipher->runs);
  g_print (".\nPage cache for steps 2 and 3: PRAGMA cache_size=%d. Files under %s.\n"
           "Bar: yukang/plain <= %.2f on every step; goal: <= %.2f and faster than SQLCipher.\n\n",
           config->cache_size, g_get_tmp_dir (), BAR_VS_PLAIN, GOAL_VS_PLAIN);

  g_print ("%-28s %10s %10s %10s %9s %9s  %s\n", "step", "plain", "yukang", "sqlcipher",
           "yk/plain", "yk/sqlc", "verdict");
  for (int s = 0; s < BENCH_N_STEPS; s++)
    {
      g_autofree char *label = bench_step_label (s, config);
      double p = plain->steps[s].median;
      double y = yukang->steps[s].median;

      g_print ("%-28s %10.2f %10.2f ", label, p, y);
      if (sqlcipher != NULL)
        g_print ("%10.2f %9.3f %9.3f  %s\n", sqlcipher->steps[s].median, y / p,
                 y / sqlcipher->steps[s].median,
                 verdict (y / p, TRUE, y / sqlcipher->steps[s].median));
      else
        g_print ("%10s %9.3f %9s  %s\n", "-", y / p, "-", verdict (y / p, FALSE, 0.0));
    }
  g_print ("(Opening: Yukang derives its key with Argon2id at the INTERACTIVE level, "
           "SQLCipher with PBKDF2; plain SQLite has no key to derive.)\n");

  g_print ("\nSpread, min-max:\n%-28s", "step");
  for (guint e = 0; e < G_N_ELEMENTS (reports) && reports[e] != NULL; e++)
    g_print (" %20s", reports[e]->engine);
  g_print ("\n");
  for (int s = 0; s < BENCH_N_STEPS; s++)
    {
      g_autofree char *label = bench_step_label (s, config);

      g_print ("%-28s", label);
      for (guint e = 0; e < G_N_ELEMENTS (reports) && reports[e] != NULL; e++)
        {
          g_autofree char *range = g_strdup_printf ("%.2f-%.2f", reports[e]->steps[s].min,
                                                    reports[e]->steps[s].max);

          g_print (" %20s", range);
        }
      g_print ("\n");
    }
}

int
main (int   argc,
      char *argv[])
{
  const BenchEngine *selected[G_N_ELEMENTS (all_engines)] = { NULL };
  guint n_selected = 0;
  BenchResults results[G_N_ELEMENTS (all_engines)] = { 0 };
  BenchReport reports[G_N_ELEMENTS (all_engines)] = { 0 };
  BenchReport sqlcipher = { 0 };
  BenchConfig config = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *sqlcipher_program = NULL;
  g_autofree char *only = NULL;
  g_autofree char *sqlite_version = g_strdup_printf ("SQLite %s", sqlite3_libversion ());
  gboolean no_sqlcipher = FALSE;
  gboolean have_sqlcipher = FALSE;
  GOptionEntry entries[] = {
    { "sqlcipher", 0, 0, G_OPTION_ARG_FILENAME, &sqlcipher_program,
      "The " SQLCIPHER_PROGRAM " program (default: the one next to this program, if built)",
      "PATH" },
    { "no-sqlcipher", 0, 0, G_OPTION_ARG_NONE, &no_sqlcipher, "Leave SQLCipher out", NULL },
    { "only", 0, 0, G_OPTION_ARG_STRING, &only,
      "Run one engine, plain or yukang, and print its samples only (for profiling)", "ENGINE" },
    G_OPTION_ENTRY_NULL
  };
  gboolean ok;

  setlocale (LC_ALL, "");
  /* As in Yukang, SQLite wipes what it frees, for both engines: plain
   * SQLite runs first and would otherwise set SQLite up without it. */
  yk_sqlite_memory_install ();
  ok = yk_crypto_init (&error) &&
       bench_config_init (&config, "Times the encrypted store against plain SQLite and "
                                   "SQLCipher; prints medians and ratios.",
                          entries, &argc, &argv, &error) &&
       select_engines (only, selected, &n_selected, &error);
  if (ok && only == NULL && !no_sqlcipher)
    {
      if (sqlcipher_program == NULL)
        sqlcipher_program = find_sqlcipher_program ();
      if (sqlcipher_program == NULL)
        g_printerr ("No %s next to this program (libsqlcipher-dev was not installed when it "
                    "was built): SQLCipher is left out.\n", SQLCIPHER_PROGRAM);
    }
  else
    g_clear_pointer (&sqlcipher_program, g_free);

  ok = ok && bench_run (selected, n_selected, &config, results, &error);
  if (ok && sqlcipher_program != NULL)
    ok = have_sqlcipher = run_sqlcipher (sqlcipher_program, &config, &sqlcipher, &error);
  if (ok && only == NULL)
    {
      for (guint e = 0; e < G_N_ELEMENTS (all_engines); e++)
        bench_report_init (&reports[e], &results[e], sqlite_version);
      print_table (&config, &reports[0], &reports[1], have_sqlcipher ? &sqlcipher : NULL);
    }
  if (!ok)
    g_printerr ("yk-bench-store: %s\n", error->message);

  for (guint e = 0; e < G_N_ELEMENTS (all_engines); e++)
    {
      bench_results_clear (&results[e]);
      bench_report_clear (&reports[e]);
    }
  bench_report_clear (&sqlcipher);
  bench_config_clear (&config);
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
