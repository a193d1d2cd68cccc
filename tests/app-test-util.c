/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "app-test-util.h"

#include "yk-accounts.h"

#include <glib/gstdio.h>

char *
app_test_make_dir (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *program = g_path_get_basename (g_get_prgname ());
  g_autofree char *template = g_strdup_printf ("yukang-%s-XXXXXX", program);
  char *dir = g_dir_make_tmp (template, &error);

  g_assert_no_error (error);
  return dir;
}

void
app_test_db_init (AppTestDb  *db,
                  const char *file)
{
  *db = (AppTestDb) { 0 };
  db->dir = app_test_make_dir ();
  db->path = g_build_filename (db->dir, file, NULL);
}

void
app_test_db_create (AppTestDb  *db,
                    const char *account,
                    const char *display_name,
                    const char *password)
{
  g_autoptr (GError) error = NULL;

  g_assert_null (db->coordinator);
  g_clear_pointer (&db->recovery_key, g_free);
  db->coordinator = yk_session_create (db->path, account, display_name, password, YK_KDF_INTERACTIVE,
                                       &db->recovery_key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (db->coordinator);
}

void
app_test_db_add_worker (AppTestDb  *db,
                        const char *account,
                        const char *password,
                        const char *site,
                        const char *display_name)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (yk_accounts_add (db->coordinator, account, password, YK_ROLE_WORKER, site, display_name,
                                  YK_KDF_INTERACTIVE, &error));
  g_assert_no_error (error);
}

YkSession *
app_test_db_open (AppTestDb  *db,
                  const char *account,
                  const char *password)
{
  g_autoptr (GError) error = NULL;
  YkSession *session = yk_session_open (db->path, account, password, &error);

  g_assert_no_error (error);
  g_assert_nonnull (session);
  return session;
}

void
app_test_db_make (AppTestDb *db)
{
  app_test_db_init (db, "pilot.ykdb");
  app_test_db_create (db, APP_TEST_COORDINATOR, APP_TEST_COORDINATOR_NAME, APP_TEST_COORDINATOR_PASSWORD);
  app_test_db_add_worker (db, APP_TEST_WORKER, APP_TEST_WORKER_PASSWORD, "SPQ", APP_TEST_WORKER_NAME);
}

void
app_test_db_open_worker (AppTestDb *db)
{
  g_assert_null (db->worker);
  db->worker = app_test_db_open (db, APP_TEST_WORKER, APP_TEST_WORKER_PASSWORD);
}

void
app_test_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR))
        app_test_remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
app_test_db_clear (AppTestDb *db)
{
  g_clear_pointer (&db->worker, yk_session_close);
  g_clear_pointer (&db->coordinator, yk_session_close);
  if (db->dir != NULL)
    app_test_remove_tree (db->dir);
  g_clear_pointer (&db->path, g_free);
  g_clear_pointer (&db->dir, g_free);
  g_clear_pointer (&db->recovery_key, g_free);
}

sqlite3 *
app_test_connection (YkSession *session)
{
  return yk_store_get_connection (yk_session_get_store (session));
}

void
app_test_exec (YkSession  *session,
               const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (app_test_connection (session), sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

gint64
app_test_query_int (YkSession  *session,
                    const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (app_test_connection (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}
