/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-records.h"
#include "yk-db-error.h"
#include "yk-db-statements.h"

#include <glib/gi18n.h>
#include <string.h>

/* Every table whose rows are voided, never deleted, and how a row finds
 * its site. Table names come from this list only, never from callers. */
static const struct
{
  const char *table;
  const char *site_sql; /* selects site_id, created_by, voided, created_at for ?1 */
} record_tables[] = {
  { "clients", "SELECT site_id, created_by, voided_at IS NOT NULL, created_at FROM clients WHERE id = ?1" },
  { "family_members", "SELECT c.site_id, f.created_by, f.voided_at IS NOT NULL, f.created_at FROM family_members f "
                      "JOIN clients c ON c.id = f.client_id WHERE f.id = ?1" },
  { "contacts", "SELECT c.site_id, r.created_by, r.voided_at IS NOT NULL, r.created_at FROM contacts r "
                "JOIN clients c ON c.id = r.client_id WHERE r.id = ?1" },
  { "activities", "SELECT site_id, created_by, voided_at IS NOT NULL, created_at FROM activities WHERE id = ?1" },
  { "attendances", "SELECT a.site_id, t.created_by, t.voided_at IS NOT NULL, t.created_at FROM attendances t "
                   "JOIN activities a ON a.id = t.activity_id WHERE t.id = ?1" },
  { "questionnaires", "SELECT site_id, created_by, voided_at IS NOT NULL, created_at FROM questionnaires WHERE id = ?1" },
  { "assessments", "SELECT c.site_id, r.created_by, r.voided_at IS NOT NULL, r.created_at FROM assessments r "
                   "JOIN clients c ON c.id = r.client_id WHERE r.id = ?1" },
  { "plan_goals", "SELECT c.site_id, r.created_by, r.voided_at IS NOT NULL, r.created_at FROM plan_goals r "
                  "JOIN clients c ON c.id = r.client_id WHERE r.id = ?1" },
  { "referrals", "SELECT c.site_id, r.created_by, r.voided_at IS NOT NULL, r.created_at FROM referrals r "
                 "JOIN clients c ON c.id = r.client_id WHERE r.id = ?1" },
  { "attachments", "SELECT COALESCE (c.site_id, v.site_id), t.created_by, t.voided_at IS NOT NULL, t.created_at "
                   "FROM attachments t LEFT JOIN clients c ON c.id = t.client_id "
                   "LEFT JOIN activities v ON v.id = t.activity_id WHERE t.id = ?1" },
};

static char *
now_utc (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static void
bind_text (sqlite3_stmt *stmt, int index, const char *text)
{
  if (text != NULL && *text != '\0')
    sqlite3_bind_text (stmt, index, text, -1, SQLITE_TRANSIENT);
  else
    sqlite3_bind_null (stmt, index);
}

/* Optional numbers: `missing` marks "not recorded". */
static void
bind_int (sqlite3_stmt *stmt, int index, gint64 value, gint64 missing)
{
  if (value != missing)
    sqlite3_bind_int64 (stmt, index, value);
  else
    sqlite3_bind_null (stmt, index);
}

static char *
column_text (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static sqlite3_stmt *
prepare (sqlite3 *db, const char *sql, GError **error)
{
  return yk_db_statement (db, sql, _("Preparing a query"), error);
}

static gboolean
finish_insert (sqlite3 *db, sqlite3_stmt *stmt, gint64 *id, GError **error)
{
  int rc = sqlite3_step (stmt);

  yk_db_statement_release (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Saving a record"));
      return FALSE;
    }
  if (id != NULL)
    *id = sqlite3_last_insert_rowid (db);
  return TRUE;
}

void
yk_client_record_clear (YkClientRecord *r)
{
  char **fields[] = { &r->case_no, &r->name, &r->gender, &r->birth_date, &r->id_number, &r->phone,
                      &r->address, &r->community, &r->diagnosis, &r->guardian_name,
                      &r->guardian_relation, &r->guardian_phone, &r->intake_date, &r->consent_date,
                      &r->status, &r->status_date, &r->status_reason, &r->voided_at,
                      &r->consent_signer, &r->consent_guardian, &r->consent_form,
                      &r->consent_withdrawn_date, &r->consent_withdrawal_reason, &r->referral_source,
                      &r->transferred_from_case_no, &r->transferred_from_site, &r->transferred_to_case_no,
                      &r->transferred_to_site };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_clear_pointer (fields[i], g_free);
}

void
yk_client_record_free (YkClientRecord *record)
{
  if (record == NULL)
    return;
  yk_client_record_clear (record);
  g_free (record);
}

void
yk_contact_record_clear (YkContactRecord *r)
{
  char **fields[] = { &r->type, &r->date, &r->unreached_reason, &r->seen, &r->insight, &r->sleep,
                      &r->diet, &r->dangerous_behaviour, &r->hospital_stays, &r->medication,
                      &r->adverse_reactions, &r->condition, &r->measures, &r->notes, &r->next_date,
                      &r->voided_at };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    g_clear_pointer (fields[i], g_free);
  for (guint i = 0; i < 5; i++)
    g_clear_pointer (&r->social[i], g_free);
}

void
yk_contact_record_free (YkContactRecord *record)
{
  if (record == NULL)
    return;
  yk_contact_record_clear (record);
  g_free (record);
}

void
yk_plan_goal_record_free (YkPlanGoalRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->goal);
  g_free (r->target_date);
  g_free (r->review_date);
  g_free (r->progress);
  g_free (r);
}

void
yk_assessment_record_free (YkAssessmentRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->date);
  g_free (r);
}

void
yk_referral_record_free (YkReferralRecord *r)
{
  if (r == NULL)
    return;
  g_free (r->date);
  g_free (r->to_kind);
  g_free (r->to_whom);
  g_free (r->reason);
  g_free (r->outcome);
  g_free (r);
}

#define CLIENT_COLUMNS "case_no, name, gender, birth_date, id_number, phone, address, community, " \
  "diagnosis, guardian_name, guardian_relation, guardian_phone, site_id, worker_id, intake_date, " \
  "consent_date, stable_at_intake, risk_level, status, status_date, status_reason, referral_source"

static void
bind_client (sqlite3_stmt *stmt, const YkClientRecord *r)
{
  bind_text (stmt, 1, r->case_no);
  bind_text (stmt, 2, r->name);
  bind_text (stmt, 3, r->gender);
  bind_text (stmt, 4, r->birth_date);
  bind_text (stmt, 5, r->id_number);
  bind_text (stmt, 6, r->phone);
  bind_text (stmt, 7, r->address);
  bind_text (stmt, 8, r->community);
  bind_text (stmt, 9, r->diagnosis);
  bind_text (stmt, 10, r->guardian_name);
  bind_text (stmt, 11, r->guardian_relation);
  bind_text (stmt, 12, r->guardian_phone);
  sqlite3_bind_int64 (stmt, 13, r->site_id);
  bind_int (stmt, 14, r->worker_id, 0);
  bind_text (stmt, 15, r->intake_date);
  bind_text (stmt, 16, r->consent_date);
  sqlite3_bind_int (stmt, 17, r->stable_at_intake ? 1 : 0);
  bind_int (stmt, 18, r->risk_level, -1);
  bind_text (stmt, 19, r->status ? r->status : "active");
  bind_text (stmt, 20, r->status_date);
  bind_text (stmt, 21, r->status_reason);
  bind_text (stmt, 22, r->referral_source != NULL && *r->referral_source != '\0' ? r->referral_source : NULL);
}

/* The consent's own fields (docs/design/file-format.md, "Consent"); its
 * date is the case file's, copied by the schema's trigger. */
static void
bind_consent (sqlite3_stmt *stmt, const YkClientRecord *r)
{
  bind_text (stmt, 1, r->consent_signer);
  bind_text (stmt, 2, g_strcmp0 (r->consent_signer, "guardian") == 0 ? r->consent_guardian : NULL);
  bind_text (stmt, 3, r->consent_form != NULL && *r->consent_form != '\0' ? r->consent_form : "unknown");
  bind_int (stmt, 4, r->consent_scope, 0);
}

gboolean
yk_db_client_insert (sqlite3              *db,
                     const YkClientRecord *record,
                     gint64                staff_id,
                     gint64               *id,
                     GError              **error)
{
  g_autofree char *now = now_utc ();
  sqlite3_stmt *stmt = prepare (db, "INSERT INTO clients (" CLIENT_COLUMNS ", created_by, created_at) "
                                    "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, "
                                    "?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24)", error);
  gint64 client_id = 0;

  if (stmt == NULL)
    return FALSE;
  bind_client (stmt, record);
  bind_int (stmt, 23, staff_id, 0);
  sqlite3_bind_text (stmt, 24, now, -1, SQLITE_TRANSIENT);
  if (!finish_insert (db, stmt, &client_id, error))
    return FALSE;
  /* Every case file has its consent: the intake rule's. */
  stmt = prepare (db, "INSERT INTO consents (signer, guardian_name, form, scope, client_id, consent_date, "
                      "created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)", error);
  if (stmt == NULL)
    return FALSE;
  bind_consent (stmt, record);
  sqlite3_bind_int64 (stmt, 5, client_id);
  bind_text (stmt, 6, record->consent_date);
  bind_int (stmt, 7, staff_id, 0);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  if (!finish_insert (db, stmt, NULL, error))
    return FALSE;
  if (id != NULL)
    *id = client_id;
  return TRUE;
}

/* The profile and the consent's own fields; a withdrawal is never
 * written or taken back here (yk_db_consent_withdraw()). */
gboolean
yk_db_client_update (sqlite3              *db,
                     const YkClientRecord *record,
                     GError              **error)
{
  sqlite3_stmt *stmt = prepare (db, "UPDATE clients SET (" CLIENT_COLUMNS ") = (?1, ?2, ?3, ?4, ?5, ?6, "
                                    "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22) "
                                    "WHERE id = ?23 AND voided_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  bind_client (stmt, record);
  sqlite3_bind_int64 (stmt, 23, record->id);
  if (!finish_insert (db, stmt, NULL, error))
    return FALSE;
  stmt = prepare (db, "UPDATE consents SET (signer, guardian_name, form, scope) = (?1, ?2, ?3, ?4) "
                      "WHERE client_id = ?5", error);
  if (stmt == NULL)
    return FALSE;
  bind_consent (stmt, record);
  sqlite3_bind_int64 (stmt, 5, record->id);
  return finish_insert (db, stmt, NULL, error);
}

gboolean
yk_db_consent_withdraw (sqlite3    *db,
                        gint64      client_id,
                        const char *date,
                        const char *reason,
                        GError    **error)
{
  sqlite3_stmt *stmt = prepare (db, "UPDATE consents SET (withdrawn_date, withdrawal_reason) = (?1, ?2) "
                                    "WHERE client_id = ?3 AND withdrawn_date IS NULL", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, date);
  bind_text (stmt, 2, reason);
  sqlite3_bind_int64 (stmt, 3, client_id);
  rc = sqlite3_step (stmt);
  yk_db_statement_release (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Saving a record"));
      return FALSE;
    }
  if (sqlite3_changes (db) != 1)
    {
      g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_FAILED, _("There is no consent to withdraw"));
      return FALSE;
    }
  return TRUE;
}

/* The latest date of a live record of the person's own: a contact, an
 * SDSS assessment, a referral, an activity attended, a questionnaire
 * linked to them or to a family member of theirs (NULL: none). */
char *
yk_db_client_last_record_date (sqlite3 *db,
                               gint64   client_id,
                               GError **error)
{
  sqlite3_stmt *stmt = prepare (db,
    "SELECT max (d) FROM ("
    " SELECT max (contact_date) AS d FROM contacts WHERE client_id = ?1 AND voided_at IS NULL"
    " UNION ALL SELECT max (a_date) FROM assessments WHERE client_id = ?1 AND voided_at IS NULL"
    " UNION ALL SELECT max (referral_date) FROM referrals WHERE client_id = ?1 AND voided_at IS NULL"
    " UNION ALL SELECT max (a.activity_date) FROM attendances t JOIN activities a ON a.id = t.activity_id"
    "   WHERE t.voided_at IS NULL AND a.voided_at IS NULL AND (t.client_id = ?1 OR t.family_id IN"
    "   (SELECT id FROM family_members WHERE client_id = ?1 AND voided_at IS NULL))"
    " UNION ALL SELECT max (q_date) FROM questionnaires WHERE voided_at IS NULL AND (client_id = ?1 OR family_id IN"
    "   (SELECT id FROM family_members WHERE client_id = ?1 AND voided_at IS NULL)))", error);
  char *date = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    date = column_text (stmt, 0);
  yk_db_statement_release (stmt);
  return date;
}

YkClientRecord *
yk_db_client_get (sqlite3 *db,
                  gint64   id,
                  gint64   site_scope,
                  GError **error)
{
  /* The consent's columns renamed: some have the same names as the case file's. */
  sqlite3_stmt *stmt = prepare (db, "SELECT " CLIENT_COLUMNS ", id, voided_at, k_signer, k_guardian, k_form, k_scope, "
                                    "k_withdrawn, k_reason, transferred_from_id, transferred_from_case_no, transferred_from_site, "
                                    "transferred_to_id, transferred_to_case_no, transferred_to_site FROM clients LEFT JOIN (SELECT client_id AS k_client, "
                                    "signer AS k_signer, guardian_name AS k_guardian, form AS k_form, scope AS k_scope, "
                                    "withdrawn_date AS k_withdrawn, withdrawal_reason AS k_reason FROM consents) "
                                    "ON k_client = id WHERE id = ?1 AND (?2 = 0 OR site_id = ?2)", error);
  YkClientRecord *r;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, site_scope);
  rc = sqlite3_step (stmt);
  if (rc != SQLITE_ROW)
    {
      if (rc == SQLITE_DONE)
        g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_FAILED, _("There is no such service user"));
      else
        yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Reading a case file"));
      yk_db_statement_release (stmt);
      return NULL;
    }
  r = g_new0 (YkClientRecord, 1);
  r->case_no = column_text (stmt, 0);
  r->name = column_text (stmt, 1);
  r->gender = column_text (stmt, 2);
  r->birth_date = column_text (stmt, 3);
  r->id_number = column_text (stmt, 4);
  r->phone = column_text (stmt, 5);
  r->address = column_text (stmt, 6);
  r->community = column_text (stmt, 7);
  r->diagnosis = column_text (stmt, 8);
  r->guardian_name = column_text (stmt, 9);
  r->guardian_relation = column_text (stmt, 10);
  r->guardian_phone = column_text (stmt, 11);
  r->site_id = sqlite3_column_int64 (stmt, 12);
  r->worker_id = sqlite3_column_int64 (stmt, 13);
  r->intake_date = column_text (stmt, 14);
  r->consent_date = column_text (stmt, 15);
  r->stable_at_intake = sqlite3_column_int (stmt, 16) != 0;
  r->risk_level = sqlite3_column_type (stmt, 17) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, 17);
  r->status = column_text (stmt, 18);
  r->status_date = column_text (stmt, 19);
  r->status_reason = column_text (stmt, 20);
  r->referral_source = column_text (stmt, 21);
  r->id = sqlite3_column_int64 (stmt, 22);
  r->voided_at = column_text (stmt, 23);
  r->consent_signer = column_text (stmt, 24);
  r->consent_guardian = column_text (stmt, 25);
  r->consent_form = column_text (stmt, 26);
  r->consent_scope = (guint) sqlite3_column_int (stmt, 27);
  r->consent_withdrawn_date = column_text (stmt, 28);
  r->consent_withdrawal_reason = column_text (stmt, 29);
  r->transferred_from_id = sqlite3_column_int64 (stmt, 30);
  r->transferred_from_case_no = column_text (stmt, 31);
  r->transferred_from_site = column_text (stmt, 32);
  r->transferred_to_id = sqlite3_column_int64 (stmt, 33);
  r->transferred_to_case_no = column_text (stmt, 34);
  r->transferred_to_site = column_text (stmt, 35);
  yk_db_statement_release (stmt);
  return r;
}

gint64
yk_db_client_find_case_no (sqlite3    *db,
                           const char *case_no,
                           GError    **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT id FROM clients WHERE case_no = ?", error);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, case_no, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  yk_db_statement_release (stmt);
  return id;
}

/* The earliest contact of any kind, reached or not: an intake date may
 * not be moved past it. */
char *
yk_db_client_first_contact_date (sqlite3 *db,
                                gint64   client_id,
                                GError **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT min(contact_date) FROM contacts WHERE client_id = ? AND voided_at IS NULL", error);
  char *date = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    date = column_text (stmt, 0);
  yk_db_statement_release (stmt);
  return date;
}

gboolean
yk_db_client_set_risk (sqlite3 *db,
                       gint64   client_id,
                       int      risk_level,
                       GError **error)
{
  sqlite3_stmt *stmt = prepare (db, "UPDATE clients SET risk_level = ? WHERE id = ?", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int (stmt, 1, risk_level);
  sqlite3_bind_int64 (stmt, 2, client_id);
  return finish_insert (db, stmt, NULL, error);
}

gboolean
yk_db_contact_insert (sqlite3               *db,
                      const YkContactRecord *r,
                      gint64                 staff_id,
                      gint64                *id,
                      GError               **error)
{
  g_autofree char *now = now_utc ();
  sqlite3_stmt *stmt = prepare (db,
    "INSERT INTO contacts (client_id, type, contact_date, worker_id, reached, unreached_reason, "
    "duration_min, seen, risk_level, insight, sleep, diet, sf_self_care, sf_housework, sf_work, "
    "sf_learning, sf_social, dangerous_behaviour, hospital_stays, medication, adverse_reactions, "
    "condition, measures, notes, next_date, created_by, created_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, "
    "?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, ?24, ?25, ?26, ?27)",
    error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->client_id);
  bind_text (stmt, 2, r->type);
  bind_text (stmt, 3, r->date);
  bind_int (stmt, 4, r->worker_id, 0);
  sqlite3_bind_int (stmt, 5, r->reached ? 1 : 0);
  bind_text (stmt, 6, r->unreached_reason);
  bind_int (stmt, 7, r->duration_min, -1);
  bind_text (stmt, 8, r->seen);
  bind_int (stmt, 9, r->risk_level, -1);
  bind_text (stmt, 10, r->insight);
  bind_text (stmt, 11, r->sleep);
  bind_text (stmt, 12, r->diet);
  for (int i = 0; i < 5; i++)
    bind_text (stmt, 13 + i, r->social[i]);
  bind_text (stmt, 18, r->dangerous_behaviour);
  bind_text (stmt, 19, r->hospital_stays);
  bind_text (stmt, 20, r->medication);
  bind_text (stmt, 21, r->adverse_reactions);
  bind_text (stmt, 22, r->condition);
  bind_text (stmt, 23, r->measures);
  bind_text (stmt, 24, r->notes);
  bind_text (stmt, 25, r->next_date);
  bind_int (stmt, 26, staff_id, 0);
  sqlite3_bind_text (stmt, 27, now, -1, SQLITE_TRANSIENT);
  return finish_insert (db, stmt, id, error);
}

gboolean
yk_db_family_insert (sqlite3              *db,
                     const YkFamilyRecord *r,
                     gint64                staff_id,
                     gint64               *id,
                     GError              **error)
{
  g_autofree char *now = now_utc ();
  sqlite3_stmt *stmt = prepare (db, "INSERT INTO family_members (family_no, client_id, name, relation, phone, "
                                    "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, r->family_no);
  sqlite3_bind_int64 (stmt, 2, r->client_id);
  bind_text (stmt, 3, r->name);
  bind_text (stmt, 4, r->relation);
  bind_text (stmt, 5, r->phone);
  bind_int (stmt, 6, staff_id, 0);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  return finish_insert (db, stmt, id, error);
}

gboolean
yk_db_activity_insert (sqlite3                *db,
                       const YkActivityRecord *r,
                       gint64                  staff_id,
                       gint64                 *id,
                       GError                **error)
{
  g_autofree char *now = now_utc ();
  sqlite3_stmt *stmt = prepare (db, "INSERT INTO activities (activity_no, site_id, activity_date, title, "
                                    "category, facilitator, resident_count, created_by, created_at) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, r->activity_no);
  sqlite3_bind_int64 (stmt, 2, r->site_id);
  bind_text (stmt, 3, r->date);
  bind_text (stmt, 4, r->title);
  bind_text (stmt, 5, r->category);
  bind_text (stmt, 6, r->facilitator);
  sqlite3_bind_int (stmt, 7, MAX (r->resident_count, 0));
  bind_int (stmt, 8, staff_id, 0);
  sqlite3_bind_text (stmt, 9, now, -1, SQLITE_TRANSIENT);
  return finish_insert (db, stmt, id, error);
}

gboolean
yk_db_attendance_insert (sqlite3 *db,
                         gint64   activity_id,
                         gint64   client_id,
                         gint64   family_id,
                         gint64   staff_id,
                         gint64  *id,
                         GError **error)
{
  g_autofree char *now = now_utc ();
  sqlite3_stmt *stmt = prepare (db, "INSERT INTO attendances (activity_id, client_id, family_id, created_by, "
                                    "created_at) VALUES (?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, activity_id);
  bind_int (stmt, 2, client_id, 0);
  bind_int (stmt, 3, family_id, 0);
  bind_int (stmt, 4, staff_id, 0);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  return finish_insert (db, stmt, id, error);
}

gboolean
yk_db_questionnaire_insert (sqlite3                     *db,
                            const YkQuestionnaireRecord *r,
                            gint64                       staff_id,
                            gint64                      *id,
                            GError                     **error)
{
  g_autofree char *now = now_utc ();
  sqlite3_stmt *stmt = prepare (db, "INSERT INTO questionnaires (site_id, q_date, kind, respondent, client_id, "
                                    "family_id, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->site_id);
  bind_text (stmt, 2, r->date);
  bind_text (stmt, 3, r->kind);
  bind_text (stmt, 4, r->respondent);
  bind_int (stmt, 5, r->client_id, 0);
  bind_int (stmt, 6, r->family_id, 0);
  bind_int (stmt, 7, staff_id, 0);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  return finish_insert (db, stmt, id, error);
}

gboolean
yk_db_assessment_insert (sqlite3                  *db,
                         const YkAssessmentRecord *r,
                         gint64                    staff_id,
                         gint64                   *id,
                         GError                  **error)
{
  g_autofree char *now = now_utc ();
  sqlite3_stmt *stmt = prepare (db, "INSERT INTO assessments (client_id, a_date, sdss_1, sdss_2, sdss_3, sdss_4, "
                                    "sdss_5, sdss_6, sdss_7, sdss_8, sdss_9, sdss_10, created_by, created_at) "
                                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->client_id);
  bind_text (stmt, 2, r->date);
  for (int i = 0; i < YK_SDSS_ITEMS; i++)
    sqlite3_bind_int (stmt, 3 + i, r->items[i]);
  bind_int (stmt, 13, staff_id, 0);
  sqlite3_bind_text (stmt, 14, now, -1, SQLITE_TRANSIENT);
  return finish_insert (db, stmt, id, error);
}

gboolean
yk_db_plan_goal_insert (sqlite3                *db,
                        const YkPlanGoalRecord *r,
                        gint64                  staff_id,
                        gint64                 *id,
                        GError                **error)
{
  g_autofree char *now = now_utc ();
  sqlite3_stmt *stmt = prepare (db, "INSERT INTO plan_goals (client_id, goal, target_date, review_date, progress, "
                                    "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->client_id);
  bind_text (stmt, 2, r->goal);
  bind_text (stmt, 3, r->target_date);
  bind_text (stmt, 4, r->review_date);
  bind_text (stmt, 5, r->progress);
  bind_int (stmt, 6, staff_id, 0);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  return finish_insert (db, stmt, id, error);
}

gboolean
yk_db_referral_insert (sqlite3                *db,
                       const YkReferralRecord *r,
                       gint64                  staff_id,
                       gint64                 *id,
                       GError                **error)
{
  g_autofree char *now = now_utc ();
  sqlite3_stmt *stmt = prepare (db, "INSERT INTO referrals (client_id, referral_date, to_kind, to_whom, reason, "
                                    "outcome, created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, r->client_id);
  bind_text (stmt, 2, r->date);
  bind_text (stmt, 3, r->to_kind);
  bind_text (stmt, 4, r->to_whom);
  bind_text (stmt, 5, r->reason);
  bind_text (stmt, 6, r->outcome);
  bind_int (stmt, 7, staff_id, 0);
  sqlite3_bind_text (stmt, 8, now, -1, SQLITE_TRANSIENT);
  return finish_insert (db, stmt, id, error);
}

static int
record_table_index (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (record_tables); i++)
    if (g_strcmp0 (record_tables[i].table, table) == 0)
      return (int) i;
  return -1;
}

gboolean
yk_db_is_record_table (const char *table)
{
  return record_table_index (table) >= 0;
}

gboolean
yk_db_record_owner (sqlite3       *db,
                    const char    *table,
                    gint64         id,
                    YkRecordOwner *owner,
                    GError       **error)
{
  int index = record_table_index (table);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail (index >= 0, FALSE);
  stmt = prepare (db, record_tables[index].site_sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      owner->site_id = sqlite3_column_int64 (stmt, 0);
      owner->created_by = sqlite3_column_int64 (stmt, 1);
      owner->voided = sqlite3_column_int (stmt, 2) != 0;
      g_strlcpy (owner->created_at, sqlite3_column_text (stmt, 3) ? (const char *) sqlite3_column_text (stmt, 3) : "",
                 sizeof owner->created_at);
    }
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_FAILED, _("There is no such record"));
  else
    yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Reading a record"));
  yk_db_statement_release (stmt);
  return rc == SQLITE_ROW;
}

gboolean
yk_db_void (sqlite3    *db,
            const char *table,
            gint64      id,
            gint64      staff_id,
            const char *reason,
            GError    **error)
{
  g_autofree char *now = now_utc ();
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt;

  g_return_val_if_fail (record_table_index (table) >= 0, FALSE);
  sql = g_strdup_printf ("UPDATE %s SET voided_at = ?, voided_by = ?, void_reason = ? "
                         "WHERE id = ? AND voided_at IS NULL", table);
  stmt = prepare (db, sql, error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, now, -1, SQLITE_TRANSIENT);
  bind_int (stmt, 2, staff_id, 0);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, id);
  return finish_insert (db, stmt, NULL, error);
}

char *
yk_db_setting_get (sqlite3    *db,
                   const char *key,
                   GError    **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT value FROM settings WHERE key = ?", error);
  char *value = NULL;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = column_text (stmt, 0);
  yk_db_statement_release (stmt);
  return value;
}

/* Ledger references: the numbers people write (activity_no, family_no)
 * and staff by display name. 0 when there is none. */
static gint64
find_id (sqlite3 *db, const char *sql, const char *value)
{
  sqlite3_stmt *stmt = prepare (db, sql, NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  yk_db_statement_release (stmt);
  return id;
}

gint64
yk_db_activity_find_no (sqlite3 *db, const char *activity_no)
{
  return find_id (db, "SELECT id FROM activities WHERE activity_no = ? AND voided_at IS NULL", activity_no);
}

gint64
yk_db_family_find_no (sqlite3 *db, const char *family_no)
{
  return find_id (db, "SELECT id FROM family_members WHERE family_no = ? AND voided_at IS NULL", family_no);
}

gint64
yk_db_family_client (sqlite3 *db, gint64 family_id)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT client_id FROM family_members WHERE id = ?", NULL);
  gint64 id = 0;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_int64 (stmt, 1, family_id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  yk_db_statement_release (stmt);
  return id;
}

gint64
yk_db_staff_find_name (sqlite3 *db, const char *display_name)
{
  return find_id (db, "SELECT id FROM staff WHERE display_name = ? ORDER BY active DESC, id LIMIT 1", display_name);
}

/* --- correcting a record --- */

#define CONTACT_FIELDS "type, contact_date, worker_id, reached, unreached_reason, duration_min, seen, " \
  "risk_level, insight, sleep, diet, sf_self_care, sf_housework, sf_work, sf_learning, sf_social, " \
  "dangerous_behaviour, hospital_stays, medication, adverse_reactions, condition, measures, notes, next_date"

static int
optional_int (sqlite3_stmt *stmt, int column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, column);
}

/* Steps a one-row read: FALSE, with the error set, if there is no row. */
static gboolean
step_one (sqlite3 *db, sqlite3_stmt *stmt, gint64 id, GError **error)
{
  int rc;

  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    return TRUE;
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_FAILED, _("There is no such record"));
  else
    yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Reading a record"));
  yk_db_statement_release (stmt);
  return FALSE;
}

YkContactRecord *
yk_db_contact_get (sqlite3 *db,
                   gint64   id,
                   GError **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT " CONTACT_FIELDS ", client_id, voided_at FROM contacts WHERE id = ?1",
                                error);
  YkContactRecord *r;

  if (stmt == NULL || !step_one (db, stmt, id, error))
    return NULL;
  r = g_new0 (YkContactRecord, 1);
  r->id = id;
  r->type = column_text (stmt, 0);
  r->date = column_text (stmt, 1);
  r->worker_id = sqlite3_column_int64 (stmt, 2);
  r->reached = sqlite3_column_int (stmt, 3) != 0;
  r->unreached_reason = column_text (stmt, 4);
  r->duration_min = optional_int (stmt, 5);
  r->seen = column_text (stmt, 6);
  r->risk_level = optional_int (stmt, 7);
  r->insight = column_text (stmt, 8);
  r->sleep = column_text (stmt, 9);
  r->diet = column_text (stmt, 10);
  for (int i = 0; i < 5; i++)
    r->social[i] = column_text (stmt, 11 + i);
  r->dangerous_behaviour = column_text (stmt, 16);
  r->hospital_stays = column_text (stmt, 17);
  r->medication = column_text (stmt, 18);
  r->adverse_reactions = column_text (stmt, 19);
  r->condition = column_text (stmt, 20);
  r->measures = column_text (stmt, 21);
  r->notes = column_text (stmt, 22);
  r->next_date = column_text (stmt, 23);
  r->client_id = sqlite3_column_int64 (stmt, 24);
  r->voided_at = column_text (stmt, 25);
  yk_db_statement_release (stmt);
  return r;
}

YkPlanGoalRecord *
yk_db_plan_goal_get (sqlite3 *db,
                     gint64   id,
                     GError **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT client_id, goal, target_date, review_date, progress FROM plan_goals "
                                    "WHERE id = ?1", error);
  YkPlanGoalRecord *r;

  if (stmt == NULL || !step_one (db, stmt, id, error))
    return NULL;
  r = g_new0 (YkPlanGoalRecord, 1);
  r->id = id;
  r->client_id = sqlite3_column_int64 (stmt, 0);
  r->goal = column_text (stmt, 1);
  r->target_date = column_text (stmt, 2);
  r->review_date = column_text (stmt, 3);
  r->progress = column_text (stmt, 4);
  yk_db_statement_release (stmt);
  return r;
}

YkReferralRecord *
yk_db_referral_get (sqlite3 *db,
                    gint64   id,
                    GError **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT client_id, referral_date, to_kind, to_whom, reason, outcome "
                                    "FROM referrals WHERE id = ?1", error);
  YkReferralRecord *r;

  if (stmt == NULL || !step_one (db, stmt, id, error))
    return NULL;
  r = g_new0 (YkReferralRecord, 1);
  r->id = id;
  r->client_id = sqlite3_column_int64 (stmt, 0);
  r->date = column_text (stmt, 1);
  r->to_kind = column_text (stmt, 2);
  r->to_whom = column_text (stmt, 3);
  r->reason = column_text (stmt, 4);
  r->outcome = column_text (stmt, 5);
  yk_db_statement_release (stmt);
  return r;
}

YkAssessmentRecord *
yk_db_assessment_get (sqlite3 *db,
                      gint64   id,
                      GError **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT client_id, a_date, sdss_1, sdss_2, sdss_3, sdss_4, sdss_5, sdss_6, "
                                    "sdss_7, sdss_8, sdss_9, sdss_10 FROM assessments WHERE id = ?1", error);
  YkAssessmentRecord *r;

  if (stmt == NULL || !step_one (db, stmt, id, error))
    return NULL;
  r = g_new0 (YkAssessmentRecord, 1);
  r->id = id;
  r->client_id = sqlite3_column_int64 (stmt, 0);
  r->date = column_text (stmt, 1);
  for (int i = 0; i < YK_SDSS_ITEMS; i++)
    r->items[i] = sqlite3_column_int (stmt, 2 + i);
  yk_db_statement_release (stmt);
  return r;
}

/* An UPDATE of one live row: a row voided meanwhile is not rewritten. */
static gboolean
finish_update (sqlite3 *db, sqlite3_stmt *stmt, GError **error)
{
  if (!finish_insert (db, stmt, NULL, error))
    return FALSE;
  if (sqlite3_changes (db) != 1)
    {
      g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_FAILED, _("There is no such record"));
      return FALSE;
    }
  return TRUE;
}

gboolean
yk_db_contact_update (sqlite3               *db,
                      const YkContactRecord *r,
                      GError               **error)
{
  sqlite3_stmt *stmt = prepare (db, "UPDATE contacts SET (" CONTACT_FIELDS ") = (?1, ?2, ?3, ?4, ?5, ?6, ?7, "
                                    "?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, ?20, ?21, ?22, ?23, "
                                    "?24) WHERE id = ?25 AND voided_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, r->type);
  bind_text (stmt, 2, r->date);
  bind_int (stmt, 3, r->worker_id, 0);
  sqlite3_bind_int (stmt, 4, r->reached ? 1 : 0);
  bind_text (stmt, 5, r->unreached_reason);
  bind_int (stmt, 6, r->duration_min, -1);
  bind_text (stmt, 7, r->seen);
  bind_int (stmt, 8, r->risk_level, -1);
  bind_text (stmt, 9, r->insight);
  bind_text (stmt, 10, r->sleep);
  bind_text (stmt, 11, r->diet);
  for (int i = 0; i < 5; i++)
    bind_text (stmt, 12 + i, r->social[i]);
  bind_text (stmt, 17, r->dangerous_behaviour);
  bind_text (stmt, 18, r->hospital_stays);
  bind_text (stmt, 19, r->medication);
  bind_text (stmt, 20, r->adverse_reactions);
  bind_text (stmt, 21, r->condition);
  bind_text (stmt, 22, r->measures);
  bind_text (stmt, 23, r->notes);
  bind_text (stmt, 24, r->next_date);
  sqlite3_bind_int64 (stmt, 25, r->id);
  return finish_update (db, stmt, error);
}

gboolean
yk_db_plan_goal_update (sqlite3                *db,
                        const YkPlanGoalRecord *r,
                        GError                **error)
{
  sqlite3_stmt *stmt = prepare (db, "UPDATE plan_goals SET (goal, target_date, review_date, progress) = "
                                    "(?1, ?2, ?3, ?4) WHERE id = ?5 AND voided_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, r->goal);
  bind_text (stmt, 2, r->target_date);
  bind_text (stmt, 3, r->review_date);
  bind_text (stmt, 4, r->progress);
  sqlite3_bind_int64 (stmt, 5, r->id);
  return finish_update (db, stmt, error);
}

gboolean
yk_db_referral_update (sqlite3                *db,
                       const YkReferralRecord *r,
                       GError                **error)
{
  sqlite3_stmt *stmt = prepare (db, "UPDATE referrals SET (referral_date, to_kind, to_whom, reason, outcome) = "
                                    "(?1, ?2, ?3, ?4, ?5) WHERE id = ?6 AND voided_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, r->date);
  bind_text (stmt, 2, r->to_kind);
  bind_text (stmt, 3, r->to_whom);
  bind_text (stmt, 4, r->reason);
  bind_text (stmt, 5, r->outcome);
  sqlite3_bind_int64 (stmt, 6, r->id);
  return finish_update (db, stmt, error);
}

gboolean
yk_db_assessment_update (sqlite3                  *db,
                         const YkAssessmentRecord *r,
                         GError                  **error)
{
  sqlite3_stmt *stmt = prepare (db, "UPDATE assessments SET (a_date, sdss_1, sdss_2, sdss_3, sdss_4, sdss_5, "
                                    "sdss_6, sdss_7, sdss_8, sdss_9, sdss_10) = (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, "
                                    "?9, ?10, ?11) WHERE id = ?12 AND voided_at IS NULL", error);

  if (stmt == NULL)
    return FALSE;
  bind_text (stmt, 1, r->date);
  for (int i = 0; i < YK_SDSS_ITEMS; i++)
    sqlite3_bind_int (stmt, 2 + i, r->items[i]);
  sqlite3_bind_int64 (stmt, 12, r->id);
  return finish_update (db, stmt, error);
}
