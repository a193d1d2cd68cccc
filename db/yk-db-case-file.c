/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-case-file.h"
#include "yk-db-error.h"

#include <glib/gi18n.h>

/* Which rows a query returns: the live ones, and the voided ones the
 * reader may see. Written twice, live then voided, so the live half can
 * use the partial per-person indexes. */
#define VISIBLE_VOIDED "(?2 = -1 OR r.created_by = ?2)"
#define VOID_COLUMNS "r.created_by, r.created_at, r.voided_at, r.void_reason"

typedef void (*RowFunc) (sqlite3_stmt *stmt, GPtrArray *rows);

static char *
text (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static int
optional_int (sqlite3_stmt *stmt, int column)
{
  return sqlite3_column_type (stmt, column) == SQLITE_NULL ? -1 : sqlite3_column_int (stmt, column);
}

static void
read_void (sqlite3_stmt *stmt, int column, YkDbVoid *v)
{
  v->created_by = sqlite3_column_int64 (stmt, column);
  v->created_at = text (stmt, column + 1);
  v->voided_at = text (stmt, column + 2);
  v->void_reason = text (stmt, column + 3);
}

void
yk_db_void_clear (YkDbVoid *v)
{
  g_clear_pointer (&v->created_at, g_free);
  g_clear_pointer (&v->voided_at, g_free);
  g_clear_pointer (&v->void_reason, g_free);
}

static GPtrArray *
query (sqlite3        *db,
       const char     *sql,
       gint64          client_id,
       gint64          voided_of,
       RowFunc         read_row,
       GDestroyNotify  free_row,
       GError        **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func (free_row);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      yk_db_set_sqlite_error (error, db, rc, _("Reading a case file"));
      return NULL;
    }
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    {
      sqlite3_bind_int64 (stmt, 1, client_id);
      sqlite3_bind_int64 (stmt, 2, voided_of);
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    read_row (stmt, rows);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, rc, _("Reading a case file"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* --- contacts --- */

#define CONTACT_COLUMNS "r.id, r.type, r.contact_date, r.worker_id, r.reached, r.unreached_reason, " \
  "r.duration_min, r.seen, r.risk_level, r.condition, r.medication, r.notes, r.next_date, s.display_name, " \
  VOID_COLUMNS ", r.insight, r.sleep, r.diet, r.sf_self_care, r.sf_housework, r.sf_work, r.sf_learning, " \
  "r.sf_social, r.dangerous_behaviour, r.hospital_stays, r.adverse_reactions, r.measures " \
  "FROM contacts r LEFT JOIN staff s ON s.id = r.worker_id "

static void
contact_free (YkDbCaseContact *c)
{
  yk_contact_record_clear (&c->record);
  g_free (c->worker_name);
  yk_db_void_clear (&c->v);
  g_free (c);
}

static void
read_contact (sqlite3_stmt *stmt, GPtrArray *rows)
{
  YkDbCaseContact *c = g_new0 (YkDbCaseContact, 1);
  YkContactRecord *r = &c->record;

  r->id = sqlite3_column_int64 (stmt, 0);
  r->type = text (stmt, 1);
  r->date = text (stmt, 2);
  r->worker_id = sqlite3_column_int64 (stmt, 3);
  r->reached = sqlite3_column_int (stmt, 4) != 0;
  r->unreached_reason = text (stmt, 5);
  r->duration_min = optional_int (stmt, 6);
  r->seen = text (stmt, 7);
  r->risk_level = optional_int (stmt, 8);
  r->condition = text (stmt, 9);
  r->medication = text (stmt, 10);
  r->notes = text (stmt, 11);
  r->next_date = text (stmt, 12);
  c->worker_name = text (stmt, 13);
  read_void (stmt, 14, &c->v);
  r->voided_at = g_strdup (c->v.voided_at);
  /* The rest of the follow-up form (随访服务记录表), for the dossier. */
  r->insight = text (stmt, 18);
  r->sleep = text (stmt, 19);
  r->diet = text (stmt, 20);
  for (int i = 0; i < 5; i++)
    r->social[i] = text (stmt, 21 + i);
  r->dangerous_behaviour = text (stmt, 26);
  r->hospital_stays = text (stmt, 27);
  r->adverse_reactions = text (stmt, 28);
  r->measures = text (stmt, 29);
  g_ptr_array_add (rows, c);
}

GPtrArray *
yk_db_case_contacts (sqlite3 *db,
                     gint64   client_id,
                     gint64   voided_of,
                     GError **error)
{
  static const char sql[] =
    "SELECT " CONTACT_COLUMNS "WHERE r.client_id = ?1 AND r.voided_at IS NULL "
    "UNION ALL "
    "SELECT " CONTACT_COLUMNS "WHERE r.client_id = ?1 AND r.voided_at IS NOT NULL AND " VISIBLE_VOIDED;

  return query (db, sql, client_id, voided_of, read_contact, (GDestroyNotify) contact_free, error);
}

/* --- attendances --- */

static void
attendance_free (YkDbCaseAttendance *a)
{
  g_free (a->activity.activity_no);
  g_free (a->activity.date);
  g_free (a->activity.title);
  g_free (a->activity.category);
  g_free (a->activity.facilitator);
  yk_db_void_clear (&a->v);
  g_free (a);
}

static void
read_attendance (sqlite3_stmt *stmt, GPtrArray *rows)
{
  YkDbCaseAttendance *a = g_new0 (YkDbCaseAttendance, 1);

  a->id = sqlite3_column_int64 (stmt, 0);
  a->activity.id = sqlite3_column_int64 (stmt, 1);
  a->activity.activity_no = text (stmt, 2);
  a->activity.site_id = sqlite3_column_int64 (stmt, 3);
  a->activity.date = text (stmt, 4);
  a->activity.title = text (stmt, 5);
  a->activity.category = text (stmt, 6);
  a->activity.facilitator = text (stmt, 7);
  a->activity.resident_count = sqlite3_column_int (stmt, 8);
  read_void (stmt, 9, &a->v);
  g_ptr_array_add (rows, a);
}

GPtrArray *
yk_db_case_attendances (sqlite3 *db,
                        gint64   client_id,
                        gint64   voided_of,
                        GError **error)
{
  /* attendances_client_of holds voided rows too: one seek either way. */
  static const char sql[] =
    "SELECT r.id, a.id, a.activity_no, a.site_id, a.activity_date, a.title, a.category, a.facilitator, "
    "  a.resident_count, r.created_by, r.created_at, coalesce (r.voided_at, a.voided_at), coalesce (r.void_reason, a.void_reason) "
    "FROM attendances r JOIN activities a ON a.id = r.activity_id "
    "WHERE r.client_id = ?1 AND ((r.voided_at IS NULL AND a.voided_at IS NULL) OR " VISIBLE_VOIDED ")";

  return query (db, sql, client_id, voided_of, read_attendance, (GDestroyNotify) attendance_free, error);
}

/* --- assessments --- */

#define ASSESSMENT_COLUMNS "r.id, r.a_date, r.sdss_1, r.sdss_2, r.sdss_3, r.sdss_4, r.sdss_5, r.sdss_6, " \
  "r.sdss_7, r.sdss_8, r.sdss_9, r.sdss_10, " VOID_COLUMNS " FROM assessments r "

static void
assessment_free (YkDbCaseAssessment *a)
{
  g_free (a->record.date);
  yk_db_void_clear (&a->v);
  g_free (a);
}

static void
read_assessment (sqlite3_stmt *stmt, GPtrArray *rows)
{
  YkDbCaseAssessment *a = g_new0 (YkDbCaseAssessment, 1);

  a->record.id = sqlite3_column_int64 (stmt, 0);
  a->record.date = text (stmt, 1);
  for (int i = 0; i < YK_SDSS_ITEMS; i++)
    a->record.items[i] = sqlite3_column_int (stmt, 2 + i);
  read_void (stmt, 12, &a->v);
  g_ptr_array_add (rows, a);
}

GPtrArray *
yk_db_case_assessments (sqlite3 *db,
                        gint64   client_id,
                        gint64   voided_of,
                        GError **error)
{
  static const char sql[] =
    "SELECT " ASSESSMENT_COLUMNS "WHERE r.client_id = ?1 AND r.voided_at IS NULL "
    "UNION ALL "
    "SELECT " ASSESSMENT_COLUMNS "WHERE r.client_id = ?1 AND r.voided_at IS NOT NULL AND " VISIBLE_VOIDED;

  return query (db, sql, client_id, voided_of, read_assessment, (GDestroyNotify) assessment_free, error);
}

/* --- family members --- */

static void
family_free (YkDbCaseFamily *f)
{
  g_free (f->record.family_no);
  g_free (f->record.name);
  g_free (f->record.relation);
  g_free (f->record.phone);
  yk_db_void_clear (&f->v);
  g_free (f);
}

static void
read_family (sqlite3_stmt *stmt, GPtrArray *rows)
{
  YkDbCaseFamily *f = g_new0 (YkDbCaseFamily, 1);

  f->record.id = sqlite3_column_int64 (stmt, 0);
  f->record.family_no = text (stmt, 1);
  f->record.name = text (stmt, 2);
  f->record.relation = text (stmt, 3);
  f->record.phone = text (stmt, 4);
  read_void (stmt, 5, &f->v);
  g_ptr_array_add (rows, f);
}

GPtrArray *
yk_db_case_family (sqlite3 *db,
                   gint64   client_id,
                   gint64   voided_of,
                   GError **error)
{
  static const char sql[] =
    "SELECT r.id, r.family_no, r.name, r.relation, r.phone, " VOID_COLUMNS " FROM family_members r "
    "WHERE r.client_id = ?1 AND (r.voided_at IS NULL OR " VISIBLE_VOIDED ") ORDER BY r.id";

  return query (db, sql, client_id, voided_of, read_family, (GDestroyNotify) family_free, error);
}

/* --- plan goals --- */

static void
plan_goal_free (YkDbCasePlanGoal *g)
{
  g_free (g->record.goal);
  g_free (g->record.target_date);
  g_free (g->record.review_date);
  g_free (g->record.progress);
  g_free (g->created_on);
  yk_db_void_clear (&g->v);
  g_free (g);
}

static void
read_plan_goal (sqlite3_stmt *stmt, GPtrArray *rows)
{
  YkDbCasePlanGoal *g = g_new0 (YkDbCasePlanGoal, 1);

  g->record.id = sqlite3_column_int64 (stmt, 0);
  g->record.goal = text (stmt, 1);
  g->record.target_date = text (stmt, 2);
  g->record.review_date = text (stmt, 3);
  g->record.progress = text (stmt, 4);
  g->created_on = text (stmt, 5);
  read_void (stmt, 6, &g->v);
  g_ptr_array_add (rows, g);
}

GPtrArray *
yk_db_case_plan_goals (sqlite3 *db,
                       gint64   client_id,
                       gint64   voided_of,
                       GError **error)
{
  /* created_at is UTC; the day it was written is the local one. */
  static const char sql[] =
    "SELECT r.id, r.goal, r.target_date, r.review_date, r.progress, date (r.created_at, 'localtime'), "
    VOID_COLUMNS " FROM plan_goals r "
    "WHERE r.client_id = ?1 AND (r.voided_at IS NULL OR " VISIBLE_VOIDED ") ORDER BY r.id";

  return query (db, sql, client_id, voided_of, read_plan_goal, (GDestroyNotify) plan_goal_free, error);
}

/* --- referrals --- */

static void
referral_free (YkDbCaseReferral *r)
{
  g_free (r->record.date);
  g_free (r->record.to_kind);
  g_free (r->record.to_whom);
  g_free (r->record.reason);
  g_free (r->record.outcome);
  yk_db_void_clear (&r->v);
  g_free (r);
}

static void
read_referral (sqlite3_stmt *stmt, GPtrArray *rows)
{
  YkDbCaseReferral *r = g_new0 (YkDbCaseReferral, 1);

  r->record.id = sqlite3_column_int64 (stmt, 0);
  r->record.date = text (stmt, 1);
  r->record.to_kind = text (stmt, 2);
  r->record.to_whom = text (stmt, 3);
  r->record.reason = text (stmt, 4);
  r->record.outcome = text (stmt, 5);
  read_void (stmt, 6, &r->v);
  g_ptr_array_add (rows, r);
}

GPtrArray *
yk_db_case_referrals (sqlite3 *db,
                      gint64   client_id,
                      gint64   voided_of,
                      GError **error)
{
  static const char sql[] =
    "SELECT r.id, r.referral_date, r.to_kind, r.to_whom, r.reason, r.outcome, " VOID_COLUMNS
    " FROM referrals r WHERE r.client_id = ?1 AND (r.voided_at IS NULL OR " VISIBLE_VOIDED ") ORDER BY r.id";

  return query (db, sql, client_id, voided_of, read_referral, (GDestroyNotify) referral_free, error);
}

/* --- the profile's choices --- */

static void
choice_free (YkDbCaseChoice *c)
{
  g_free (c->name);
  g_free (c);
}

static void
read_choice (sqlite3_stmt *stmt, GPtrArray *rows)
{
  YkDbCaseChoice *c = g_new0 (YkDbCaseChoice, 1);

  c->id = sqlite3_column_int64 (stmt, 0);
  c->name = text (stmt, 1);
  c->site_id = sqlite3_column_int64 (stmt, 2);
  c->active = sqlite3_column_int (stmt, 3) != 0;
  g_ptr_array_add (rows, c);
}

GPtrArray *
yk_db_case_sites (sqlite3 *db,
                  GError **error)
{
  return query (db, "SELECT id, name, 0, 1 FROM sites ORDER BY id", 0, 0,
                read_choice, (GDestroyNotify) choice_free, error);
}

GPtrArray *
yk_db_case_staff (sqlite3 *db,
                  GError **error)
{
  return query (db, "SELECT id, display_name, coalesce (site_id, 0), active FROM staff "
                    "WHERE role = 'worker' ORDER BY site_id, id", 0, 0,
                read_choice, (GDestroyNotify) choice_free, error);
}

/* The condition the last reached contact that recorded one gave: what the
 * follow-up rules go by (yk-db-last-contact.h), from the same covering index. */
char *
yk_db_case_last_condition (sqlite3 *db,
                           gint64   client_id,
                           GError **error)
{
  static const char sql[] =
    "SELECT condition FROM contacts WHERE client_id = ?1 AND voided_at IS NULL AND reached = 1 "
    "AND condition IS NOT NULL ORDER BY contact_date DESC, id DESC LIMIT 1";
  sqlite3_stmt *stmt = NULL;
  char *condition = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc != SQLITE_OK)
    {
      yk_db_set_sqlite_error (error, db, rc, _("Reading a case file"));
      return NULL;
    }
  sqlite3_bind_int64 (stmt, 1, client_id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    condition = text (stmt, 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    yk_db_set_sqlite_error (error, db, rc, _("Reading a case file"));
  return condition;
}
