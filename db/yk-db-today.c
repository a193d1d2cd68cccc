/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-today.h"
#include "yk-db-error.h"
#include "yk-db-staff.h"

#include <glib/gi18n.h>

GPtrArray *
yk_db_today_workers (sqlite3 *db,
                     gint64   site_scope,
                     GError **error)
{
  static const char sql[] =
    "SELECT staff.id, staff.display_name, staff.site_id, sites.code, staff.role, staff.account, staff.active "
    "FROM staff LEFT JOIN sites ON sites.id = staff.site_id "
    "WHERE staff.role = 'worker' AND staff.active = 1 AND (?1 = 0 OR staff.site_id = ?1) "
    "ORDER BY staff.site_id, staff.display_name, staff.id";
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_staff_row_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, site_scope);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkStaffRow *row = g_new0 (YkStaffRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->display_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->site_id = sqlite3_column_int64 (stmt, 2);
      row->site_code = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      row->role = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      row->account = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      row->active = sqlite3_column_int (stmt, 6) != 0;
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return g_steal_pointer (&rows);
  stmt = NULL;
fail:
  sqlite3_finalize (stmt);
  yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Listing the social workers"));
  return NULL;
}

