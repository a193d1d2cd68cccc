/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "db-test-util.h"

#include <glib/gstdio.h>
#include <string.h>

char *
test_make_dir (void)
{
  g_autoptr (GError) error = NULL;
  char *dir = g_dir_make_tmp ("yukang-test-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

void
test_remove_dir (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;

  while (handle && (name = g_dir_read_name (handle)))
    {
      g_autofree char *path = g_build_filename (dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (dir);
}

YkStore *
test_create_store (const char *path,
                   char      **recovery_key)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *unused = NULL;
  YkStore *store = yk_store_create (path, TEST_ACCOUNT, TEST_PASSWORD, YK_KDF_INTERACTIVE,
                                    recovery_key ? recovery_key : &unused, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

YkStore *
test_unlock (const char *path)
{
  g_autoptr (GError) error = NULL;
  YkStore *store = yk_store_unlock (path, TEST_ACCOUNT, TEST_PASSWORD, &error);

  g_assert_no_error (error);
  return store;
}

void
test_exec (sqlite3    *db,
           const char *sql)
{
  char *message = NULL;
  int rc = sqlite3_exec (db, sql, NULL, NULL, &message);

  if (rc != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

gint64
test_query_int (sqlite3    *db,
                const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

char *
test_query_text (sqlite3    *db,
                 const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *value;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  value = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return value;
}

void
test_assert_query_text (sqlite3    *db,
                        const char *sql,
                        const char *expected)
{
  g_autofree char *value = test_query_text (db, sql);

  g_assert_cmpstr (value, ==, expected);
}

GBytes *
test_read_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_file_get_contents (path, &contents, &length, &error);
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

gboolean
test_bytes_contain (GBytes     *haystack,
                    const char *needle)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (haystack, &length);

  return memmem (data, length, needle, strlen (needle)) != NULL;
}
