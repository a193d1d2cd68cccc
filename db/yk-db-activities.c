/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-activities.h"
#include "yk-db-error.h"

#include <glib/gi18n.h>

static char *
text_at (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

void
yk_activity_row_free (YkActivityRow *row)
{
  if (row == NULL)
    return;
  g_free (row->date);
  g_free (row->title);
  g_free (row->category);
  g_free (row->facilitator);
  g_free (row);
}

void
yk_activity_person_free (YkActivityPerson *person)
{
  if (person == NULL)
    return;
  g_free (person->name);
  g_free (person->case_no);
  g_free (person->client_name);
  g_free (person);
}

void
yk_questionnaire_row_free (YkQuestionnaireRow *row)
{
  if (row == NULL)
    return;
  g_free (row->kind);
  g_free (row->respondent);
  g_free (row->name);
  g_free (row);
}

typedef gpointer (*RowFunc) (sqlite3_stmt *stmt);

/* Runs `sql` with its int64 and text parameters (NULL-terminated text
 * after `n_ints` integers) and collects one row per result. */
static GPtrArray *
collect (sqlite3        *db,
         const char     *sql,
         const gint64   *ints,
         int             n_ints,
         const char     *text,
         RowFunc         row_func,
         GDestroyNotify  free_func,
         const char     *what,
         GError        **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (free_func);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  for (int i = 0; i < n_ints; i++)
    sqlite3_bind_int64 (stmt, i + 1, ints[i]);
  if (text != NULL)
    sqlite3_bind_text (stmt, n_ints + 1, text, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_func (stmt));
  if (rc != SQLITE_DONE)
    goto fail;
  sqlite3_finalize (stmt);
  return g_steal_pointer (&rows);
fail:
  yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), what);
  sqlite3_finalize (stmt);
  return NULL;
}

#define ACTIVITY_COLUMNS                                                                            \
  "SELECT a.id, a.site_id, a.activity_date, a.title, a.category, a.facilitator, a.resident_count, " \
  "(SELECT count(*) FROM attendances t WHERE t.activity_id = a.id AND t.voided_at IS NULL) "        \
  "FROM activities a "

static gpointer
activity_row (sqlite3_stmt *stmt)
{
  YkActivityRow *row = g_new0 (YkActivityRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->site_id = sqlite3_column_int64 (stmt, 1);
  row->date = text_at (stmt, 2);
  row->title = text_at (stmt, 3);
  row->category = text_at (stmt, 4);
  row->facilitator = text_at (stmt, 5);
  row->resident_count = sqlite3_column_int (stmt, 6);
  row->attendance_count = sqlite3_column_int (stmt, 7);
  return row;
}

GPtrArray *
yk_db_activities_list (sqlite3     *db,
                       gint64       site_id,
                       const char  *month,
                       GError     **error)
{
  static const char sql[] =
    ACTIVITY_COLUMNS
    "WHERE a.voided_at IS NULL AND (?1 = 0 OR a.site_id = ?1) "
    "AND a.activity_date >= ?2 || '-01' AND a.activity_date <= ?2 || '-31' "
    "ORDER BY a.activity_date, a.id";

  return collect (db, sql, &site_id, 1, month, activity_row, (GDestroyNotify) yk_activity_row_free,
                  _("Listing the activities"), error);
}

YkActivityRow *
yk_db_activity_get (sqlite3 *db,
                    gint64   id,
                    gint64   site_scope,
                    GError **error)
{
  static const char sql[] =
    ACTIVITY_COLUMNS "WHERE a.id = ?1 AND a.voided_at IS NULL AND (?2 = 0 OR a.site_id = ?2)";
  const gint64 ints[] = { id, site_scope };
  g_autoptr (GPtrArray) rows = collect (db, sql, ints, 2, NULL, activity_row,
                                        (GDestroyNotify) yk_activity_row_free, _("Reading the activity"), error);

  if (rows == NULL || rows->len == 0)
    return NULL;
  return g_ptr_array_steal_index (rows, 0);
}

gboolean
yk_db_activity_update (sqlite3                *db,
                       const YkActivityRecord *record,
                       GError                **error)
{
  static const char sql[] =
    "UPDATE activities SET activity_date = ?1, title = ?2, category = ?3, facilitator = ?4, resident_count = ?5 "
    "WHERE id = ?6 AND voided_at IS NULL";
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_bind_text (stmt, 1, record->date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 2, record->title, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, record->category, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 4, record->facilitator, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int (stmt, 5, MAX (record->resident_count, 0));
  sqlite3_bind_int64 (stmt, 6, record->id);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_DONE)
    goto fail;
  sqlite3_finalize (stmt);
  if (sqlite3_changes (db) != 1)
    {
      g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_FAILED, _("There is no such activity"));
      return FALSE;
    }
  return TRUE;
fail:
  yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Changing the activity"));
  sqlite3_finalize (stmt);
  return FALSE;
}

static gpointer
month_row (sqlite3_stmt *stmt)
{
  return text_at (stmt, 0);
}

char **
yk_db_activity_months (sqlite3 *db,
                       gint64   site_id,
                       GError **error)
{
  static const char sql[] =
    "SELECT DISTINCT substr (activity_date, 1, 7) AS m FROM activities "
    "WHERE voided_at IS NULL AND (?1 = 0 OR site_id = ?1) ORDER BY m DESC";
  GPtrArray *rows = collect (db, sql, &site_id, 1, NULL, month_row, g_free, _("Listing the activities"), error);

  if (rows == NULL)
    return NULL;
  g_ptr_array_set_free_func (rows, NULL);
  g_ptr_array_add (rows, NULL);
  return (char **) g_ptr_array_free (rows, FALSE);
}

static gpointer
person_row (sqlite3_stmt *stmt)
{
  YkActivityPerson *person = g_new0 (YkActivityPerson, 1);

  person->client_id = sqlite3_column_int64 (stmt, 0);
  person->family_id = sqlite3_column_int64 (stmt, 1);
  person->name = text_at (stmt, 2);
  person->case_no = text_at (stmt, 3);
  person->client_name = text_at (stmt, 4);
  person->attendance_id = sqlite3_column_int64 (stmt, 5);
  return person;
}

GPtrArray *
yk_db_activity_people (sqlite3 *db,
                       gint64   site_id,
                       GError **error)
{
  static const char sql[] =
    "SELECT c.id, 0, c.name, c.case_no, NULL, 0, c.case_no AS k, 0 AS f FROM clients c "
    "WHERE c.site_id = ?1 AND c.voided_at IS NULL AND c.status = 'active' "
    "UNION ALL "
    "SELECT c.id, f.id, f.name, c.case_no, c.name, 0, c.case_no AS k, f.id AS f "
    "FROM family_members f JOIN clients c ON c.id = f.client_id "
    "WHERE c.site_id = ?1 AND c.voided_at IS NULL AND c.status = 'active' AND f.voided_at IS NULL "
    "ORDER BY k, f";

  return collect (db, sql, &site_id, 1, NULL, person_row, (GDestroyNotify) yk_activity_person_free,
                  _("Listing the service users"), error);
}

GPtrArray *
yk_db_activity_attendees (sqlite3 *db,
                          gint64   activity_id,
                          gint64   site_scope,
                          GError **error)
{
  static const char sql[] =
    "SELECT coalesce (t.client_id, f.client_id), coalesce (t.family_id, 0), coalesce (c.name, f.name), "
    "coalesce (c.case_no, fc.case_no), iif (t.family_id IS NULL, NULL, fc.name), t.id "
    "FROM attendances t LEFT JOIN clients c ON c.id = t.client_id "
    "LEFT JOIN family_members f ON f.id = t.family_id LEFT JOIN clients fc ON fc.id = f.client_id "
    "WHERE t.activity_id = ?1 AND t.voided_at IS NULL AND (?2 = 0 OR coalesce (c.site_id, fc.site_id) = ?2) "
    "ORDER BY t.id";
  gint64 params[] = { activity_id, site_scope };

  return collect (db, sql, params, 2, NULL, person_row, (GDestroyNotify) yk_activity_person_free,
                  _("Listing the attendance"), error);
}

static gpointer
questionnaire_row (sqlite3_stmt *stmt)
{
  YkQuestionnaireRow *row = g_new0 (YkQuestionnaireRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->kind = text_at (stmt, 1);
  row->respondent = text_at (stmt, 2);
  row->client_id = sqlite3_column_int64 (stmt, 3);
  row->family_id = sqlite3_column_int64 (stmt, 4);
  row->name = text_at (stmt, 5);
  return row;
}

GPtrArray *
yk_db_questionnaires_of_day (sqlite3    *db,
                             gint64      site_id,
                             gint64      site_scope,
                             const char *date,
                             GError    **error)
{
  /* The linked person (a family member by their service user) only when
   * of `site_scope`: the row itself is the site's, whoever it names. */
  static const char sql[] =
    "SELECT id, kind, respondent, iif (mine, client_id, 0), iif (mine, family_id, 0), iif (mine, name, NULL) "
    "FROM (SELECT q.id, q.kind, q.respondent, coalesce (q.client_id, 0) AS client_id, "
    "      coalesce (q.family_id, 0) AS family_id, coalesce (f.name, c.name) AS name, "
    "      (?2 = 0 OR coalesce (c.site_id, fc.site_id, ?2) = ?2) AS mine "
    "      FROM questionnaires q LEFT JOIN clients c ON c.id = q.client_id "
    "      LEFT JOIN family_members f ON f.id = q.family_id LEFT JOIN clients fc ON fc.id = f.client_id "
    "      WHERE q.site_id = ?1 AND q.q_date = ?3 AND q.voided_at IS NULL) "
    "ORDER BY id";
  gint64 params[] = { site_id, site_scope };

  return collect (db, sql, params, 2, date, questionnaire_row, (GDestroyNotify) yk_questionnaire_row_free,
                  _("Listing the questionnaires"), error);
}
