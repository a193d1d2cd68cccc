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

void
yk_audit_row_free (YkAuditRow *row)
{
  if (row == NULL)
    return;
  g_free (row->at);
  g_free (row->account);
  g_free (row->action);
  g_free (row->record_table);
  g_free (row->detail);
  g_free (row);
}

static char *
text_at (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

GPtrArray *
yk_db_audit_list (sqlite3    *db,
                  const char *account,
                  const char *record_table,
                  gint64      record_id,
                  const char *from,
                  const char *to,
                  guint       limit,
                  GError    **error)
{
  const char *doing = _("Reading the audit trail");
  sqlite3_stmt *stmt = yk_db_statement (db,
    "SELECT id, at, account, action, record_table, record_id, detail FROM audit "
    "WHERE (?1 IS NULL OR account = ?1) AND (?2 IS NULL OR record_table = ?2) "
    "AND (?3 = 0 OR record_id = ?3) AND (?4 IS NULL OR at >= ?4) "
    "AND (?5 IS NULL OR at < date (?5, '+1 day')) ORDER BY id DESC LIMIT ?6",
    doing, error);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_audit_row_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record_table, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, record_id);
  sqlite3_bind_text (stmt, 4, from, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, to, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkAuditRow *row = g_new0 (YkAuditRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->at = text_at (stmt, 1);
      row->account = text_at (stmt, 2);
      row->action = text_at (stmt, 3);
      row->record_table = text_at (stmt, 4);
      row->record_id = sqlite3_column_int64 (stmt, 5);
      row->detail = text_at (stmt, 6);
      g_ptr_array_add (rows, row);
    }
  yk_db_statement_release (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, rc, doing);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
