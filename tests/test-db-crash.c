/* SPDX-License-Identifier: GPL-3.0-or-later */
/* docs/design/security.md promise 4: a crash or power cut at any moment loses at most
 * the transaction in flight, and the database always opens afterwards.
 *
 * A child process (this program with --child) writes numbered rows and
 * reports each commit on stdout; the parent SIGKILLs it at random moments.
 * In "spill" mode the child has a ten-page cache, so changed pages reach
 * the database file mid-transaction behind several journal headers, and it
 * also kills itself from inside the VFS right before a chosen write.
 * "spill-truncate" is "spill" with journal_mode=TRUNCATE: the journal
 * file stays and each transaction writes its headers, with their MACs,
 * over the same offsets again.
 * YK_CRASH_KILLS sets the number of kills per mode (default 200). */
#include "db-test-util.h"
#include "yk-crypto-error.h"
#include "yk-vfs.h"

#include <gio/gio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>

#define RECOVERY_ENV "YK_TEST_RECOVERY_KEY"

typedef struct
{
  char *dir;
  char *path;
  char *journal;
  char *recovery_key;
} Fixture;

/* --- the child --- */

static YkFileKind kill_kind;
static int kill_countdown;

static void
kill_before_write (YkFileKind kind, sqlite3_int64 offset, int length)
{
  if (kind == kill_kind && --kill_countdown == 0)
    raise (SIGKILL);
}

static void
child_exec (sqlite3 *db, const char *sql)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      fprintf (stderr, "child: %s: %s\n", sql, sqlite3_errmsg (db));
      exit (3);
    }
}

static int
run_child (const char *path, const char *mode, guint32 seed)
{
  g_autoptr (GError) error = NULL;
  gboolean spill = g_str_has_prefix (mode, "spill");
  YkStore *store;
  sqlite3 *db;
  gint64 next;
  GRand *rand = g_rand_new_with_seed (seed);

  yk_crypto_init (NULL);
  store = yk_store_unlock_with_recovery_key (path, g_getenv (RECOVERY_ENV), &error);
  if (store == NULL)
    {
      fprintf (stderr, "child: %s\n", error->message);
      return 3;
    }
  db = yk_store_get_connection (store);
  next = test_query_int (db, "SELECT coalesce(max(n), 0) + 1 FROM t");
  if (g_str_equal (mode, "spill-truncate"))
    child_exec (db, "PRAGMA journal_mode=TRUNCATE");
  if (spill)
    {
      child_exec (db, "PRAGMA cache_size=10");
      kill_kind = g_rand_boolean (rand) ? YK_FILE_KIND_DATABASE : YK_FILE_KIND_JOURNAL;
      kill_countdown = g_rand_int_range (rand, 1, 120);
    }
  printf ("ready\n");
  fflush (stdout);

  for (guint transaction = 0;; transaction++)
    {
      int rows = spill ? 100 : 1;
      g_autofree char *insert = g_strdup_printf (
        "WITH RECURSIVE k(i) AS (SELECT %" G_GINT64_FORMAT " UNION ALL SELECT i + 1 FROM k "
        "WHERE i < %" G_GINT64_FORMAT ") INSERT INTO t (n, pad) SELECT i, randomblob(%d) FROM k",
        next, next + rows - 1, spill ? 600 : 200);

      /* Armed after the first commit, so every run makes some progress
       * however slow the machine (a sanitizer build, say). */
      if (spill && transaction == 1)
        yk_vfs_set_write_hook (kill_before_write);

      child_exec (db, "BEGIN");
      child_exec (db, insert);
      if (spill)
        child_exec (db, "UPDATE t SET pad = randomblob(700) WHERE n IN "
                        "(SELECT n FROM t ORDER BY random() LIMIT 40)");
      child_exec (db, "COMMIT");
      next += rows;
      printf ("%" G_GINT64_FORMAT "\n", next - 1);
      fflush (stdout);
    }
}

/* --- the parent --- */

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  YkStore *store;

  f->dir = test_make_dir ();
  f->path = g_build_filename (f->dir, "crash.ykdb", NULL);
  f->journal = g_strconcat (f->path, "-journal", NULL);
  store = test_create_store (f->path, &f->recovery_key);
  test_exec (yk_store_get_connection (store), "CREATE TABLE t (n INTEGER PRIMARY KEY, pad BLOB)");
  yk_store_close (store);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->journal);
  g_free (f->recovery_key);
}

/* A journal SQLite would play back starts with its magic number. SQLite
 * writes the magic only once the journal is synced, so one killed earlier
 * starts with zeros, is not hot, and the database never depended on it. */
static gboolean
journal_is_hot (Fixture *f)
{
  g_autofree char *bytes = NULL;
  static const char zeros[8];
  gsize length = 0;

  if (!g_file_get_contents (f->journal, &bytes, &length, NULL) || length < 8)
    return FALSE;
  return memcmp (bytes, zeros, 8) != 0;
}

static guint
kills_per_mode (void)
{
  const char *value = g_getenv ("YK_CRASH_KILLS");

  return value ? (guint) g_ascii_strtoull (value, NULL, 10) : 200;
}

/* Runs one child until it is killed; returns the last commit it reported. */
static gint64
run_and_kill (Fixture *f, const char *mode, guint32 seed)
{
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_autoptr (GSubprocess) child = NULL;
  g_autoptr (GDataInputStream) lines = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *seed_text = g_strdup_printf ("%u", seed);
  g_autofree char *ready = NULL;
  gint64 last = -1;
  char *line;

  g_subprocess_launcher_setenv (launcher, RECOVERY_ENV, f->recovery_key, TRUE);
  child = g_subprocess_launcher_spawn (launcher, &error, exe, "--child", f->path, mode, seed_text, NULL);
  g_assert_no_error (error);
  lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child));

  ready = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (ready, ==, "ready");
  /* The random moment is counted from the first commit: a slow machine
   * still gets kills in every phase of the following transactions. */
  line = g_data_input_stream_read_line (lines, NULL, NULL, &error);
  g_assert_no_error (error);
  if (line != NULL)
    {
      last = g_ascii_strtoll (line, NULL, 10);
      g_free (line);
      g_usleep (g_random_int_range (0, 30000));
    }
  g_subprocess_send_signal (child, SIGKILL);

  while ((line = g_data_input_stream_read_line (lines, NULL, NULL, &error)) != NULL)
    {
      last = g_ascii_strtoll (line, NULL, 10);
      g_free (line);
    }
  g_assert_no_error (error);
  g_subprocess_wait (child, NULL, &error);
  g_assert_no_error (error);
  /* Killed, by us or by itself; never an error exit of its own. */
  g_assert_true (g_subprocess_get_if_signaled (child));
  g_assert_cmpint (g_subprocess_get_term_sig (child), ==, SIGKILL);
  return last;
}

static void
assert_intact (YkStore *store, gint64 committed)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *integrity = NULL;
  sqlite3 *db = yk_store_get_connection (store);
  YkStoreCheck check;

  integrity = test_query_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (integrity, ==, "ok");
  g_assert_true (yk_store_check (store, &check, &error));
  g_assert_no_error (error);
  if (committed > 0)
    {
      g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM t WHERE n <= %" G_GINT64_FORMAT, committed);
      g_assert_cmpint (test_query_int (db, sql), ==, committed);
    }
}

static void
crash_many_times (Fixture *f, const char *mode)
{
  guint kills = kills_per_mode ();
  guint hot_journals = 0;
  gint64 committed = 0;
  YkStore *store = NULL;
  g_autoptr (GError) error = NULL;

  for (guint i = 0; i < kills; i++)
    {
      gint64 last = run_and_kill (f, mode, g_random_int ());

      committed = MAX (committed, last);
      if (journal_is_hot (f))
        hot_journals++;

      /* Mostly one long-lived reader; every 20th time a fresh unlock. */
      if (store == NULL || i % 20 == 0)
        {
          g_clear_pointer (&store, yk_store_close);
          store = yk_store_unlock_with_recovery_key (f->path, f->recovery_key, &error);
          g_assert_no_error (error);
        }
      assert_intact (store, committed);
      g_assert_false (journal_is_hot (f)); /* it was rolled back */
    }
  yk_store_close (store);
  g_test_message ("%s: %u kills, %u left a hot journal, %" G_GINT64_FORMAT " rows committed",
                  mode, kills, hot_journals, committed);
  g_assert_cmpuint (hot_journals, >, 0);
  g_assert_cmpint (committed, >, 0);
}

static void
test_small_transactions (Fixture *f, gconstpointer data)
{
  crash_many_times (f, "small");
}

static void
test_spilling_transactions (Fixture *f, gconstpointer data)
{
  crash_many_times (f, "spill");
}

static void
test_spilling_truncate_journal (Fixture *f, gconstpointer data)
{
  crash_many_times (f, "spill-truncate");
}

int
main (int argc, char *argv[])
{
  if (argc == 5 && g_str_equal (argv[1], "--child"))
    return run_child (argv[2], argv[3], (guint32) g_ascii_strtoull (argv[4], NULL, 10));

  g_test_init (&argc, &argv, NULL);
  g_assert_true (yk_crypto_init (NULL));
  g_test_add ("/db/crash/small-transactions", Fixture, NULL, fixture_set_up, test_small_transactions, fixture_tear_down);
  g_test_add ("/db/crash/spilling-transactions", Fixture, NULL, fixture_set_up, test_spilling_transactions, fixture_tear_down);
  g_test_add ("/db/crash/spilling-truncate-journal", Fixture, NULL, fixture_set_up, test_spilling_truncate_journal, fixture_tear_down);
  return g_test_run ();
}
