/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-workload.h"
#include "yk-db-error.h"

/* The queries of the workload figures (docs/design/workload.md). Every
 * one leaves out voided records and anything counted through a voided
 * person, as the indicators do (yk-db-indicators.c). */

static sqlite3_stmt *
prepare (sqlite3 *db, const char *sql, const char *from, const char *to, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      yk_db_set_sqlite_error (error, db, rc, "workload");
      return NULL;
    }
  if (from != NULL)
    {
      sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
      sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
    }
  return stmt;
}

static gboolean
finish (sqlite3 *db, sqlite3_stmt *stmt, int rc, GError **error)
{
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  yk_db_set_sqlite_error (error, db, rc, "workload");
  return FALSE;
}

static char *
text_at (sqlite3_stmt *stmt, int column)
{
  const unsigned char *text = sqlite3_column_text (stmt, column);

  return text != NULL ? g_strdup ((const char *) text) : NULL;
}

void
yk_workload_staff_free (YkWorkloadStaff *row)
{
  if (row == NULL)
    return;
  g_free (row->name);
  g_free (row->role);
  g_free (row->site_code);
  g_free (row->site_name);
  g_free (row);
}

void
yk_workload_activity_free (YkWorkloadActivity *row)
{
  if (row == NULL)
    return;
  g_free (row->facilitator);
  g_free (row);
}

GPtrArray *
yk_db_workload_staff (sqlite3 *db, GError **error)
{
  sqlite3_stmt *stmt = prepare (db,
                                "SELECT st.id, st.display_name, st.role, COALESCE (st.site_id, 0), s.code, s.name, st.active "
                                "FROM staff st LEFT JOIN sites s ON s.id = st.site_id "
                                "ORDER BY s.code IS NULL, s.code, st.display_name, st.id",
                                NULL, NULL, error);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_workload_staff_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkWorkloadStaff *row = g_new0 (YkWorkloadStaff, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->name = text_at (stmt, 1);
      row->role = text_at (stmt, 2);
      row->site_id = sqlite3_column_int64 (stmt, 3);
      row->site_code = text_at (stmt, 4);
      row->site_name = text_at (stmt, 5);
      row->active = sqlite3_column_int (stmt, 6) != 0;
      g_ptr_array_add (rows, row);
    }
  return finish (db, stmt, rc, error) ? g_steal_pointer (&rows) : NULL;
}

/* contacts_date covers the range; each contact's person is looked up to
 * leave out a voided one's. */
GArray *
yk_db_workload_contacts (sqlite3 *db, const char *from, const char *to, GError **error)
{
  sqlite3_stmt *stmt = prepare (db,
                                "SELECT c.worker_id, "
                                "  SUM (c.reached = 1 AND c.type = 'home_visit'), "
                                "  SUM (c.reached = 1 AND c.type = 'phone'), "
                                "  SUM (c.reached = 0), "
                                "  SUM (CASE WHEN c.reached = 1 THEN COALESCE (c.duration_min, 0) ELSE 0 END) "
                                "FROM contacts c CROSS JOIN clients p ON p.id = c.client_id "
                                "WHERE c.voided_at IS NULL AND p.voided_at IS NULL "
                                "  AND c.contact_date BETWEEN ?1 AND ?2 AND c.worker_id IS NOT NULL "
                                "GROUP BY c.worker_id ORDER BY c.worker_id",
                                from, to, error);
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (YkWorkloadContacts));
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkWorkloadContacts row = {
        .worker_id = sqlite3_column_int64 (stmt, 0),
        .home_visits = sqlite3_column_int64 (stmt, 1),
        .phone_followups = sqlite3_column_int64 (stmt, 2),
        .unreached = sqlite3_column_int64 (stmt, 3),
        .minutes = sqlite3_column_int64 (stmt, 4),
      };

      g_array_append_val (rows, row);
    }
  return finish (db, stmt, rc, error) ? g_steal_pointer (&rows) : NULL;
}

static GArray *
pairs (sqlite3 *db, const char *sql, const char *from, const char *to, GError **error)
{
  sqlite3_stmt *stmt = prepare (db, sql, from, to, error);
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (YkWorkloadPair));
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkWorkloadPair row = { sqlite3_column_int64 (stmt, 0), sqlite3_column_int64 (stmt, 1) };

      g_array_append_val (rows, row);
    }
  return finish (db, stmt, rc, error) ? g_steal_pointer (&rows) : NULL;
}

GArray *
yk_db_workload_reached_pairs (sqlite3 *db, const char *from, const char *to, GError **error)
{
  return pairs (db,
                "SELECT DISTINCT c.worker_id, c.client_id "
                "FROM contacts c CROSS JOIN clients p ON p.id = c.client_id "
                "WHERE c.voided_at IS NULL AND p.voided_at IS NULL AND c.reached = 1 "
                "  AND c.contact_date BETWEEN ?1 AND ?2 AND c.worker_id IS NOT NULL "
                "ORDER BY 1, 2",
                from, to, error);
}

GArray *
yk_db_workload_assessments (sqlite3 *db, const char *from, const char *to, GError **error)
{
  return pairs (db,
                "SELECT a.created_by, COUNT (*) "
                "FROM assessments a CROSS JOIN clients p ON p.id = a.client_id "
                "WHERE a.voided_at IS NULL AND p.voided_at IS NULL "
                "  AND a.a_date BETWEEN ?1 AND ?2 AND a.created_by IS NOT NULL "
                "GROUP BY a.created_by ORDER BY a.created_by",
                from, to, error);
}

/* An activity's attendances as docs/design/indicators.md counts them: its live
 * rows, leaving out those of a voided person or family member (or of a
 * family member of a voided person), plus the residents' head count. */
GPtrArray *
yk_db_workload_activities (sqlite3 *db, const char *from, const char *to, GError **error)
{
  sqlite3_stmt *stmt = prepare (db,
                                "SELECT a.id, a.site_id, a.facilitator, COALESCE (a.created_by, 0), a.resident_count + "
                                "  (SELECT COUNT (*) FROM attendances t "
                                "   LEFT JOIN clients c ON c.id = t.client_id "
                                "   LEFT JOIN family_members f ON f.id = t.family_id "
                                "   LEFT JOIN clients fc ON fc.id = f.client_id "
                                "   WHERE t.activity_id = a.id AND t.voided_at IS NULL "
                                "     AND (t.client_id IS NULL OR c.voided_at IS NULL) "
                                "     AND (t.family_id IS NULL OR (f.voided_at IS NULL AND fc.voided_at IS NULL))) "
                                "FROM activities a "
                                "WHERE a.voided_at IS NULL AND a.activity_date BETWEEN ?1 AND ?2 "
                                "ORDER BY a.activity_date, a.id",
                                from, to, error);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_workload_activity_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkWorkloadActivity *row = g_new0 (YkWorkloadActivity, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->site_id = sqlite3_column_int64 (stmt, 1);
      row->facilitator = text_at (stmt, 2);
      row->created_by = sqlite3_column_int64 (stmt, 3);
      row->attendances = sqlite3_column_int64 (stmt, 4);
      g_ptr_array_add (rows, row);
    }
  return finish (db, stmt, rc, error) ? g_steal_pointer (&rows) : NULL;
}

GArray *
yk_db_workload_contact_list (sqlite3 *db, const char *from, const char *to, GError **error)
{
  sqlite3_stmt *stmt = prepare (db,
                                "SELECT c.id, c.worker_id, c.client_id, c.type = 'home_visit', c.reached = 1, "
                                "  COALESCE (c.duration_min, 0) "
                                "FROM contacts c CROSS JOIN clients p ON p.id = c.client_id "
                                "WHERE c.voided_at IS NULL AND p.voided_at IS NULL "
                                "  AND c.contact_date BETWEEN ?1 AND ?2 AND c.worker_id IS NOT NULL "
                                "ORDER BY c.contact_date, c.id",
                                from, to, error);
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (YkWorkloadContact));
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkWorkloadContact row = {
        .id = sqlite3_column_int64 (stmt, 0),
        .worker_id = sqlite3_column_int64 (stmt, 1),
        .client_id = sqlite3_column_int64 (stmt, 2),
        .home_visit = sqlite3_column_int (stmt, 3) != 0,
        .reached = sqlite3_column_int (stmt, 4) != 0,
        .minutes = sqlite3_column_int64 (stmt, 5),
      };

      g_array_append_val (rows, row);
    }
  return finish (db, stmt, rc, error) ? g_steal_pointer (&rows) : NULL;
}

GArray *
yk_db_workload_assessment_list (sqlite3 *db, const char *from, const char *to, GError **error)
{
  return pairs (db,
                "SELECT a.created_by, a.id "
                "FROM assessments a CROSS JOIN clients p ON p.id = a.client_id "
                "WHERE a.voided_at IS NULL AND p.voided_at IS NULL "
                "  AND a.a_date BETWEEN ?1 AND ?2 AND a.created_by IS NOT NULL "
                "ORDER BY a.a_date, a.id",
                from, to, error);
}

GArray *
yk_db_workload_training (sqlite3 *db, const char *from, const char *to, GError **error)
{
  return pairs (db,
                "SELECT a.staff_id, SUM (t.hours_tenths) "
                "FROM training_attendees a CROSS JOIN training_sessions t ON t.id = a.session_id "
                "WHERE t.voided_at IS NULL AND t.session_date BETWEEN ?1 AND ?2 "
                "GROUP BY a.staff_id ORDER BY a.staff_id",
                from, to, error);
}
