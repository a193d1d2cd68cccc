/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-caseload.h"
#include "yk-db-error.h"
#include "yk-db-last-contact.h"

#include <glib/gi18n.h>

void
yk_db_caseload_row_free (YkDbCaseloadRow *row)
{
  if (row == NULL)
    return;
  g_free (row->case_no);
  g_free (row->name);
  g_free (row->phone);
  g_free (row->site_code);
  g_free (row->site_name);
  g_free (row->worker_name);
  g_free (row->intake_date);
  g_free (row->status);
  g_free (row->last_date);
  g_free (row->last_condition);
  g_free (row->last_next_date);
  g_free (row->referral_source);
  g_free (row);
}

/* SQLite calls this every few thousand instructions; non-zero stops the
 * statement with SQLITE_INTERRUPT, so a load nobody wants any more (a
 * newer one started, the page went away, the app is locking) ends within
 * a millisecond instead of finishing its 5,000 seeks. */
typedef struct
{
  YkDbStopFunc stop;
  gpointer data;
} Stop;

static int
progress_cb (void *data)
{
  Stop *stop = data;

  return stop->stop (stop->data);
}

static char *
column_text (sqlite3_stmt *stmt,
             int           column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static int
column_int_or (sqlite3_stmt *stmt,
               int           column,
               int           missing)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? missing : sqlite3_column_int (stmt, column);
}

/* The last reached contact, as for the follow-up list (yk-db-followup.c):
 * four seeks per person into the same leaf of contacts_last_reached,
 * which covers them, so no row of the contacts table is read. */
GPtrArray *
yk_db_caseload_rows (sqlite3     *db,
                     gint64       site_scope,
                     YkDbStopFunc stop,
                     gpointer     stop_data,
                     GError     **error)
{
  static const char sql[] =
    "SELECT c.id, c.case_no, c.name, c.phone, c.site_id, s.code, s.name, c.worker_id, w.display_name, "
    "c.intake_date, c.risk_level, c.status, "
    YK_DB_LAST_REACHED ("contact_date") ", " YK_DB_LAST_RECORDED ("condition") ", "
    YK_DB_LAST_REACHED ("next_date") ", " YK_DB_LAST_RECORDED ("risk_level") ", c.referral_source "
    "FROM clients c JOIN sites s ON s.id = c.site_id LEFT JOIN staff w ON w.id = c.worker_id "
    "WHERE c.voided_at IS NULL AND (?1 = 0 OR c.site_id = ?1) "
    "ORDER BY c.case_no";
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_db_caseload_row_free);
  Stop handler = { stop, stop_data };
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  if (stop != NULL)
    sqlite3_progress_handler (db, 4000, progress_cb, &handler);
  sqlite3_bind_int64 (stmt, 1, site_scope);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkDbCaseloadRow *row = g_new0 (YkDbCaseloadRow, 1);

      row->client_id = sqlite3_column_int64 (stmt, 0);
      row->case_no = column_text (stmt, 1);
      row->name = column_text (stmt, 2);
      row->phone = column_text (stmt, 3);
      row->site_id = sqlite3_column_int64 (stmt, 4);
      row->site_code = column_text (stmt, 5);
      row->site_name = column_text (stmt, 6);
      row->worker_id = sqlite3_column_int64 (stmt, 7);
      row->worker_name = column_text (stmt, 8);
      row->intake_date = column_text (stmt, 9);
      row->client_risk = column_int_or (stmt, 10, -1);
      row->status = column_text (stmt, 11);
      row->last_date = column_text (stmt, 12);
      row->last_condition = column_text (stmt, 13);
      row->last_next_date = column_text (stmt, 14);
      row->last_risk = column_int_or (stmt, 15, -1);
      row->referral_source = column_text (stmt, 16);
      g_ptr_array_add (rows, row);
    }
  if (stop != NULL)
    sqlite3_progress_handler (db, 0, NULL, NULL);
  if (rc == SQLITE_DONE)
    {
      sqlite3_finalize (stmt);
      return g_steal_pointer (&rows);
    }
fail:
  yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Listing the service users"));
  sqlite3_finalize (stmt);
  return NULL;
}
