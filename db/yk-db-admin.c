/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-admin.h"
#include "yk-db-error.h"
#include "yk-db-statements.h"

#include <glib/gi18n.h>

static char *
text_at (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

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

void
yk_site_details_free (YkSiteDetails *site)
{
  if (site == NULL)
    return;
  g_free (site->code);
  g_free (site->name);
  g_free (site->host_facility);
  g_free (site->opening_date);
  g_free (site);
}

GPtrArray *
yk_db_site_details_list (sqlite3 *db,
                         GError **error)
{
  const char *doing = _("Reading the sites");
  sqlite3_stmt *stmt = yk_db_statement (db,
    "SELECT id, code, name, host_facility, opening_date, equipment_count FROM sites ORDER BY code",
    doing, error);
  g_autoptr (GPtrArray) sites = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_site_details_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkSiteDetails *site = g_new0 (YkSiteDetails, 1);

      site->id = sqlite3_column_int64 (stmt, 0);
      site->code = text_at (stmt, 1);
      site->name = text_at (stmt, 2);
      site->host_facility = text_at (stmt, 3);
      site->opening_date = text_at (stmt, 4);
      site->equipment_count = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (sites, site);
    }
  yk_db_statement_release (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, rc, doing);
      return NULL;
    }
  return g_steal_pointer (&sites);
}

gboolean
yk_db_site_set_names (sqlite3    *db,
                      gint64      id,
                      const char *name,
                      const char *host_facility,
                      GError    **error)
{
  const char *doing = _("Changing a site");
  sqlite3_stmt *stmt = yk_db_statement (db, "UPDATE sites SET name = ?, host_facility = ? WHERE id = ?", doing, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, host_facility, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, id);
  rc = sqlite3_step (stmt);
  yk_db_statement_release (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), doing);
      return FALSE;
    }
  return TRUE;
}
