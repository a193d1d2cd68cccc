/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-followup.h"
#include "yk-db-error.h"
#include "yk-db-last-contact.h"

#include <glib/gi18n.h>

void
yk_followup_row_free (YkFollowupRow *row)
{
  if (row == NULL)
    return;
  g_free (row->case_no);
  g_free (row->name);
  g_free (row->intake_date);
  g_free (row->last_date);
  g_free (row->last_condition);
  g_free (row->last_next_date);
  g_free (row);
}

/* The last reached contact comes from contacts_last_reached walked
 * backwards, per person: 5,000 people, not a million contacts. */
GPtrArray *
yk_db_followup_rows (sqlite3    *db,
                     gint64      site_scope,
                     gint64      worker_id,
                     const char *as_of,
                     GError    **error)
{
  /* Four seeks into the same leaf of contacts_last_reached, which covers
   * them: no row of the contacts table is read. As of ?3: the contacts
   * until that day, the people in care on it (docs/design/followup.md's 在册). */
#define AS_OF " AND x.contact_date <= ?3"
  static const char sql[] =
    "SELECT c.id, c.case_no, c.name, c.site_id, c.worker_id, c.intake_date, c.risk_level, "
    YK_DB_LAST_REACHED_UNTIL ("contact_date", AS_OF) ", " YK_DB_LAST_RECORDED_UNTIL ("condition", AS_OF) ", "
    YK_DB_LAST_REACHED_UNTIL ("next_date", AS_OF) ", " YK_DB_LAST_RECORDED_UNTIL ("risk_level", AS_OF) " "
    "FROM clients c "
    "WHERE c.voided_at IS NULL AND c.intake_date <= ?3 "
    "  AND (c.status = 'active' OR c.status_date > ?3) "
    "  AND (?1 = 0 OR c.site_id = ?1) AND (?2 = 0 OR c.worker_id = ?2) "
    "ORDER BY c.case_no";
#undef AS_OF
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_followup_row_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, site_scope);
  sqlite3_bind_int64 (stmt, 2, worker_id);
  sqlite3_bind_text (stmt, 3, as_of, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkFollowupRow *row = g_new0 (YkFollowupRow, 1);

      row->client_id = sqlite3_column_int64 (stmt, 0);
      row->case_no = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->site_id = sqlite3_column_int64 (stmt, 3);
      row->worker_id = sqlite3_column_int64 (stmt, 4);
      row->intake_date = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      row->client_risk = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 6);
      row->last_date = g_strdup ((const char *) sqlite3_column_text (stmt, 7));
      row->last_condition = g_strdup ((const char *) sqlite3_column_text (stmt, 8));
      row->last_next_date = g_strdup ((const char *) sqlite3_column_text (stmt, 9));
      row->last_risk = sqlite3_column_type (stmt, 10) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 10);
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return g_steal_pointer (&rows);
  stmt = NULL;
fail:
  sqlite3_finalize (stmt);
  yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Finding who is due for follow-up"));
  return NULL;
}
