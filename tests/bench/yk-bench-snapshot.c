/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Snapshots of a site file (docs/design/file-format.md): the time of
 * yk_session_snapshot() on a file of about 100 MB (median of --runs),
 * then, after one home visit is recorded, how many 4096-byte blocks of
 * the next snapshot differ from the one before: what a sync engine sends.
 * The goal is a few pages, not the file.
 *   build/tests/bench/yk-bench-snapshot                  (makes the file with
 *       the demo's "site" size, about a minute, in a temporary folder)
 *   build/tests/bench/yk-bench-snapshot --db COPY --user NAME --password-file FILE
 * Either way it records a home visit in the file: give it a copy. */
#define G_LOG_DOMAIN "yukang-bench"

#include "yk-casework.h"
#include "yk-demo.h"
#include "yk-snapshot.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>

#define PASSWORD "bench password 1"

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static int
fail (GError *error)
{
  fprintf (stderr, "yk-bench-snapshot: %s\n", error != NULL ? error->message : g_strerror (errno));
  g_clear_error (&error);
  return 1;
}

/* Blocks of 4096 bytes that differ, the longer file's extra blocks
 * counting as different. */
static guint64
differing_blocks (const char *a,
                  const char *b,
                  guint64    *blocks)
{
  g_autofree char *x = NULL;
  g_autofree char *y = NULL;
  gsize lx = 0, ly = 0;
  guint64 n = 0;

  g_file_get_contents (a, &x, &lx, NULL);
  g_file_get_contents (b, &y, &ly, NULL);
  *blocks = (MAX (lx, ly) + 4095) / 4096;
  for (gsize off = 0; off < MAX (lx, ly); off += 4096)
    {
      gsize len = MIN ((gsize) 4096, MAX (lx, ly) - off);

      if (off + len > lx || off + len > ly || memcmp (x + off, y + off, len) != 0)
        n++;
    }
  return n;
}

static YkSession *
make_site_file (const char *path,
                GError    **error)
{
  g_autofree char *recovery_key = NULL;
  g_autoptr (YkSession) session = NULL;
  gint64 start = g_get_monotonic_time ();

  session = yk_session_create (path, "bench", NULL, PASSWORD, YK_KDF_INTERACTIVE, &recovery_key, error);
  if (session == NULL || !yk_demo_fill (session, 1, YK_DEMO_SITE, error))
    return NULL;
  printf ("made the site file with the demo (size \"site\") in %.0f s\n",
          (g_get_monotonic_time () - start) / 1e6);
  return g_steal_pointer (&session);
}

/* One home visit by the coordinator to the first active person. */
static gboolean
record_home_visit (YkSession *session,
                   GError   **error)
{
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (session));
  sqlite3_stmt *stmt = NULL;
  YkContactRecord visit = { .type = (char *) "home_visit", .date = (char *) "2021-12-30", .reached = TRUE,
                            .duration_min = 40, .risk_level = 0, .condition = (char *) "stable" };

  if (sqlite3_prepare_v2 (db, "SELECT id FROM clients WHERE status = 'active' AND voided_at IS NULL "
                              "ORDER BY id LIMIT 1", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    visit.client_id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  if (visit.client_id == 0)
    {
      g_set_error_literal (error, G_FILE_ERROR, G_FILE_ERROR_NOENT, "no active person to visit");
      return FALSE;
    }
  return yk_casework_add_contact (session, &visit, NULL, error);
}

int
main (int argc, char *argv[])
{
  g_autofree char *path = NULL, *user = NULL, *password_file = NULL, *password = NULL;
  int runs = 5;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &path, "A copy of a site file (a visit is recorded in it)", "FILE" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, "Account (a coordinator)", "NAME" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, "First line: the password", "FILE" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Snapshots timed (default 5)", "N" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = NULL;
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autofree char *dir = NULL;
  g_autofree char *folder = NULL;
  g_autofree char *written = NULL;
  g_autofree char *before = NULL;
  g_autofree char *made = NULL;
  YkSnapshotInfo info;
  GStatBuf st;
  guint64 blocks, differing;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || runs < 1 ||
      (path != NULL && (user == NULL || password_file == NULL)))
    {
      fprintf (stderr, "%s\n", error ? error->message : "--db needs --user and --password-file; --runs at least 1");
      return 2;
    }
  dir = g_dir_make_tmp ("yk-bench-snapshot-XXXXXX", &error);
  if (dir == NULL)
    return fail (g_steal_pointer (&error));
  folder = g_build_filename (dir, "snapshots", NULL);
  g_mkdir (folder, 0700);
  if (path == NULL)
    {
      made = g_build_filename (dir, "site.ykdb", NULL);
      session = make_site_file (made, &error);
    }
  else if (g_file_get_contents (password_file, &password, NULL, &error))
    session = yk_session_open (path, user, g_strchomp (password), &error);
  if (session == NULL)
    return fail (g_steal_pointer (&error));
  g_stat (yk_store_get_path (yk_session_get_store (session)), &st);

  for (int i = 0; i < runs; i++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      g_clear_pointer (&written, g_free);
      if (!yk_session_snapshot_info (session, folder, &written, &info, &error))
        return fail (g_steal_pointer (&error));
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_doubles);

  /* The last one stays as "before"; a visit; the next one. */
  before = g_build_filename (dir, "before.ykdb", NULL);
  if (g_rename (written, before) != 0 || !record_home_visit (session, &error) ||
      !yk_session_snapshot_info (session, folder, &written, &info, &error))
    return fail (g_steal_pointer (&error));
  differing = differing_blocks (before, written, &blocks);

  printf ("site file: %.1f MB (%llu pages)\n", st.st_size / 1e6,
          (unsigned long long) ((st.st_size - 65536) / 4096));
  printf ("snapshot: median %.0f ms, min %.0f ms, max %.0f ms of %d (%.0f MB/s)\n",
          g_array_index (times, double, times->len / 2), g_array_index (times, double, 0),
          g_array_index (times, double, times->len - 1), runs,
          st.st_size / 1e6 / (g_array_index (times, double, times->len / 2) / 1000.0));
  printf ("after one home visit: %llu of %llu blocks of 4096 bytes differ (%.4f%%, %llu bytes)\n",
          (unsigned long long) differing, (unsigned long long) blocks, 100.0 * differing / MAX (blocks, 1),
          (unsigned long long) differing * 4096);

  g_clear_pointer (&session, yk_session_close);
  g_unlink (written);
  g_unlink (before);
  g_rmdir (folder);
  if (made != NULL)
    {
      g_autofree char *log = g_strconcat (made, ".failed-unlocks", NULL);

      g_unlink (made);
      g_unlink (log);
    }
  g_rmdir (dir);
  return 0;
}
