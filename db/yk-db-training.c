/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-training.h"
#include "yk-db-error.h"

#include <glib/gi18n.h>

static sqlite3_stmt *
prepare (sqlite3 *db, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      yk_db_set_sqlite_error (error, db, rc, _("Reading the training sessions"));
      return NULL;
    }
  return stmt;
}

static gboolean
finish (sqlite3 *db, sqlite3_stmt *stmt, int rc, const char *doing, GError **error)
{
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), doing);
  return FALSE;
}

static char *
text_at (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

static char *
now_utc (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

void
yk_training_session_free (YkTrainingSession *session)
{
  if (session == NULL)
    return;
  g_free (session->date);
  g_free (session->title);
  g_free (session->provider);
  g_clear_pointer (&session->attendee_ids, g_array_unref);
  g_clear_pointer (&session->attendees, g_ptr_array_unref);
  g_free (session);
}

gboolean
yk_db_training_insert (sqlite3      *db,
                       const char   *date,
                       const char   *title,
                       int           hours_tenths,
                       const char   *provider,
                       gint64        created_by,
                       const gint64 *staff_ids,
                       guint         n_staff,
                       gint64       *id,
                       GError      **error)
{
  g_autofree char *now = now_utc ();
  sqlite3_stmt *stmt;
  gint64 session_id;
  int rc;

  stmt = prepare (db, "INSERT INTO training_sessions (session_date, title, hours_tenths, provider, created_by, "
                      "created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6)", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 3, hours_tenths);
  if (provider != NULL && *provider != '\0')
    sqlite3_bind_text (stmt, 4, provider, -1, SQLITE_TRANSIENT);
  if (created_by > 0)
    sqlite3_bind_int64 (stmt, 5, created_by);
  sqlite3_bind_text (stmt, 6, now, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (!finish (db, stmt, rc, _("Saving a training session"), error))
    return FALSE;
  session_id = sqlite3_last_insert_rowid (db);
  for (guint i = 0; i < n_staff; i++)
    {
      stmt = prepare (db, "INSERT INTO training_attendees (session_id, staff_id) VALUES (?1, ?2)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, session_id);
      sqlite3_bind_int64 (stmt, 2, staff_ids[i]);
      rc = sqlite3_step (stmt);
      if (!finish (db, stmt, rc, _("Saving a training session"), error))
        return FALSE;
    }
  if (id != NULL)
    *id = session_id;
  return TRUE;
}

GPtrArray *
yk_db_training_list (sqlite3    *db,
                     const char *from,
                     const char *to,
                     GError    **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_training_session_free);
  g_autoptr (GHashTable) by_id = g_hash_table_new (g_int64_hash, g_int64_equal);
  sqlite3_stmt *stmt;
  int rc;

  stmt = prepare (db, "SELECT id, session_date, title, hours_tenths, provider FROM training_sessions "
                      "WHERE voided_at IS NULL AND (?1 IS NULL OR session_date >= ?1) "
                      "AND (?2 IS NULL OR session_date <= ?2) ORDER BY session_date, id", error);
  if (stmt == NULL)
    return NULL;
  if (from != NULL)
    sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  if (to != NULL)
    sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkTrainingSession *row = g_new0 (YkTrainingSession, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->date = text_at (stmt, 1);
      row->title = text_at (stmt, 2);
      row->hours_tenths = sqlite3_column_int (stmt, 3);
      row->provider = text_at (stmt, 4);
      row->attendee_ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      row->attendees = g_ptr_array_new_with_free_func (g_free);
      g_ptr_array_add (rows, row);
      g_hash_table_insert (by_id, &row->id, row);
    }
  if (!finish (db, stmt, rc, _("Reading the training sessions"), error))
    return NULL;

  stmt = prepare (db, "SELECT a.session_id, st.id, st.display_name FROM training_attendees a "
                      "JOIN training_sessions t ON t.id = a.session_id JOIN staff st ON st.id = a.staff_id "
                      "WHERE t.voided_at IS NULL AND (?1 IS NULL OR t.session_date >= ?1) "
                      "AND (?2 IS NULL OR t.session_date <= ?2) ORDER BY a.session_id, st.display_name, st.id",
                  error);
  if (stmt == NULL)
    return NULL;
  if (from != NULL)
    sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  if (to != NULL)
    sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 session_id = sqlite3_column_int64 (stmt, 0);
      gint64 staff_id = sqlite3_column_int64 (stmt, 1);
      YkTrainingSession *row = g_hash_table_lookup (by_id, &session_id);

      if (row == NULL)
        continue;
      g_array_append_val (row->attendee_ids, staff_id);
      g_ptr_array_add (row->attendees, text_at (stmt, 2));
    }
  if (!finish (db, stmt, rc, _("Reading the training sessions"), error))
    return NULL;
  return g_steal_pointer (&rows);
}

gboolean
yk_db_training_day_tenths (sqlite3    *db,
                           gint64      staff_id,
                           const char *date,
                           gint64     *tenths,
                           GError    **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT COALESCE (sum (t.hours_tenths), 0) FROM training_sessions t "
                                    "JOIN training_attendees a ON a.session_id = t.id "
                                    "WHERE t.voided_at IS NULL AND a.staff_id = ?1 AND t.session_date = ?2",
                                error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, staff_id);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      *tenths = sqlite3_column_int64 (stmt, 0);
      rc = SQLITE_DONE;
    }
  return finish (db, stmt, rc, _("Reading the training sessions"), error);
}

gboolean
yk_db_training_void (sqlite3    *db,
                     gint64      id,
                     gint64      staff_id,
                     const char *reason,
                     gboolean   *voided,
                     GError    **error)
{
  g_autofree char *now = now_utc ();
  sqlite3_stmt *stmt = prepare (db, "UPDATE training_sessions SET voided_at = ?1, voided_by = ?2, void_reason = ?3 "
                                    "WHERE id = ?4 AND voided_at IS NULL", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  if (staff_id > 0)
    sqlite3_bind_int64 (stmt, 2, staff_id);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, id);
  rc = sqlite3_step (stmt);
  *voided = rc == SQLITE_DONE && sqlite3_changes (db) > 0;
  return finish (db, stmt, rc, _("Voiding a training session"), error);
}
