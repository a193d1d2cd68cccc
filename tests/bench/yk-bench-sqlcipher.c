/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-bench"

/* The yk-bench-store workload against SQLCipher, in a program of its own:
 * SQLCipher exports the same symbols as SQLite. Prints its statistics as
 * machine-readable lines (bench-common.h) for yk-bench-store, which runs
 * it; progress goes to stderr.
 *
 * SQLCipher keeps its defaults (for Debian 12's 3.4: AES-256-CBC,
 * HMAC-SHA1, PBKDF2-HMAC-SHA1 with 64000 iterations), except for the page
 * size: page_size=4096, as for the other engines, has to be given to
 * SQLCipher as cipher_page_size, or the database cannot be read back. */

#include "bench-common.h"

#include <locale.h>
#include <stdlib.h>

#define PASSPHRASE "correct horse battery staple"

#define SQLCIPHER_SETUP \
  "PRAGMA key='" PASSPHRASE "';" \
  "PRAGMA cipher_page_size=4096;" \
  BENCH_COMMON_PRAGMAS

static gpointer
sqlcipher_create (const char *path,
                  GError    **error)
{
  return bench_open_connection (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE,
                                SQLCIPHER_SETUP
                                "PRAGMA page_size=4096;"
                                "SELECT count(*) FROM sqlite_master;",
                                error);
}

/* The key is derived at the first read, so that is part of opening. */
static gpointer
sqlcipher_open (const char *path,
                GError    **error)
{
  return bench_open_connection (path, SQLITE_OPEN_READWRITE,
                                SQLCIPHER_SETUP "SELECT count(*) FROM sqlite_master;", error);
}

static sqlite3 *
sqlcipher_get_connection (gpointer handle)
{
  return handle;
}

static void
sqlcipher_close (gpointer handle)
{
  sqlite3_close_v2 (handle);
}

static const BenchEngine sqlcipher_engine = {
  .name = "sqlcipher",
  .create = sqlcipher_create,
  .open = sqlcipher_open,
  .get_connection = sqlcipher_get_connection,
  .close = sqlcipher_close,
};

/* "SQLCipher 3.4.1 (SQLite 3.15.2)", from the library itself. */
static char *
sqlcipher_version (GError **error)
{
  sqlite3 *db = NULL;
  sqlite3_stmt *statement = NULL;
  char *version = NULL;
  int rc;

  rc = sqlite3_open_v2 (":memory:", &db, SQLITE_OPEN_READWRITE, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_prepare_v2 (db, "PRAGMA cipher_version", -1, &statement, NULL);
  if (rc == SQLITE_OK && sqlite3_step (statement) == SQLITE_ROW)
    version = g_strdup_printf ("SQLCipher %s (SQLite %s)", sqlite3_column_text (statement, 0),
                               sqlite3_libversion ());
  else
    g_set_error (error, BENCH_ERROR, SQLITE_ERROR,
                 "SQLite %s has no PRAGMA cipher_version: this is not SQLCipher",
                 sqlite3_libversion ());
  sqlite3_finalize (statement);
  sqlite3_close_v2 (db);
  return version;
}

int
main (int   argc,
      char *argv[])
{
  const BenchEngine *engines[] = { &sqlcipher_engine };
  BenchResults results = { 0 };
  BenchReport report = { 0 };
  BenchConfig config = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *version = NULL;
  gboolean ok;

  setlocale (LC_ALL, "");
  version = sqlcipher_version (&error);
  ok = version != NULL &&
       bench_config_init (&config, "Runs the yk-bench-store workload against SQLCipher and "
                                   "prints the medians as machine-readable lines.",
                          NULL, &argc, &argv, &error) &&
       bench_run (engines, G_N_ELEMENTS (engines), &config, &results, &error);
  if (ok)
    {
      bench_report_init (&report, &results, version);
      bench_report_print_machine (&report);
    }
  else
    g_printerr ("yk-bench-sqlcipher: %s\n", error->message);

  bench_report_clear (&report);
  bench_results_clear (&results);
  bench_config_clear (&config);
  return ok ? EXIT_SUCCESS : EXIT_FAILURE;
}
