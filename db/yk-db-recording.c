/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-recording.h"
#include "yk-db-error.h"
#include "yk-db-statements.h"

#include <glib/gi18n.h>

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

GPtrArray *
yk_db_recording_staff (sqlite3 *db,
                       gint64   site_id,
                       gint64   also_id,
                       GError **error)
{
  const char *doing = _("Listing staff");
  sqlite3_stmt *stmt = yk_db_statement (db,
                                        "SELECT staff.id, staff.display_name, staff.site_id, sites.code, staff.role, "
                                        "staff.account, staff.active FROM staff "
                                        "LEFT JOIN sites ON sites.id = staff.site_id "
                                        "WHERE (staff.active = 1 AND staff.site_id = ?) OR staff.id = ? "
                                        "ORDER BY staff.id",
                                        doing, error);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_staff_row_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, site_id);
  sqlite3_bind_int64 (stmt, 2, also_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkStaffRow *row = g_new0 (YkStaffRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->display_name = column_text (stmt, 1);
      row->site_id = sqlite3_column_int64 (stmt, 2);
      row->site_code = column_text (stmt, 3);
      row->role = column_text (stmt, 4);
      row->account = column_text (stmt, 5);
      row->active = sqlite3_column_int (stmt, 6) != 0;
      g_ptr_array_add (rows, row);
    }
  yk_db_statement_release (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), doing);
      return NULL;
    }
  return g_steal_pointer (&rows);
}
