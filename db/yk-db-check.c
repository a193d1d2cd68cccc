/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-check.h"
#include "yk-db-error.h"

#include <glib/gi18n.h>

gboolean
yk_db_integrity_check (sqlite3   *db,
                       GPtrArray *problems,
                       GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (problems, g_strdup (line));
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
fail:
  sqlite3_finalize (stmt);
  yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Checking the database"));
  return FALSE;
}

gboolean
yk_db_foreign_key_check (sqlite3   *db,
                         GPtrArray *problems,
                         GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    /* TRANSLATORS: %1$s is a table, %2$lld a row number, %3$s another table */
    g_ptr_array_add (problems, g_strdup_printf (_("%1$s row %2$lld refers to a missing %3$s row"),
                                                (const char *) sqlite3_column_text (stmt, 0),
                                                (long long) sqlite3_column_int64 (stmt, 1),
                                                (const char *) sqlite3_column_text (stmt, 2)));
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
fail:
  sqlite3_finalize (stmt);
  yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Checking the database"));
  return FALSE;
}
