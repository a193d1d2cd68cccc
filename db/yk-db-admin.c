/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-admin.h"
#include "yk-db-error.h"
#include "yk-db-statements.h"

#include <glib/gi18n.h>

gboolean
yk_db_setting_set (sqlite3    *db,
                   const char *key,
                   const char *value,
                   GError    **error)
{
  const char *doing = _("Changing a setting");
  sqlite3_stmt *stmt = yk_db_statement (db, "UPDATE settings SET value = ? WHERE key = ?", doing, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  yk_db_statement_release (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), doing);
      return FALSE;
    }
  if (sqlite3_changes (db) != 1)
    {
      g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_FAILED, _("There is no such setting"));
      return FALSE;
    }
  return TRUE;
}
