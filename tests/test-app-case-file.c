/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The case file (app/yk-case-file.c): everything recorded about one
 * person, newest first; voided records as the roles allow; opening it
 * audited; the profile saved with the field at fault named. */
#include "app-test-util.h"
#include "yk-accounts.h"
#include "yk-app-error.h"
#include "yk-case-file.h"
#include "yk-reader.h"
#include "yk-casework.h"
#include "yk-validate.h"

#include <glib/gstdio.h>
#include <string.h>

#define COORDINATOR_PW APP_TEST_COORDINATOR_PASSWORD
#define WORKER_PW APP_TEST_WORKER_PASSWORD

typedef struct
{
  AppTestDb db; /* db.worker: li, of site SPQ */
  gint64 spq_client;
  gint64 jl_client;
  gint64 coordinator_void;  /* a contact the coordinator voided */
  gint64 worker_void;       /* a contact the worker voided */
  gint64 worker_contact;    /* a live contact by the worker */
} Fixture;

static YkClientRecord
valid_client (const char *case_no, gint64 site_id)
{
  YkClientRecord r = { 0 };

  r.case_no = (char *) case_no;
  r.name = (char *) "陈建华";
  r.gender = (char *) "男";
  r.birth_date = (char *) "1980-02-29";
  r.site_id = site_id;
  r.intake_date = (char *) "2021-01-04";
  r.consent_date = (char *) "2021-01-04";
  r.stable_at_intake = TRUE;
  r.risk_level = 1;
  r.status = (char *) "active";
  return r;
}

static gint64
add_contact (YkSession *session, gint64 client, const char *type, const char *date, int risk, const char *condition)
{
  g_autoptr (GError) error = NULL;
  YkContactRecord c = { .client_id = client, .type = (char *) type, .date = (char *) date, .reached = TRUE,
                        .duration_min = -1, .risk_level = risk, .condition = (char *) condition };
  gint64 id = 0;

  g_assert_true (yk_casework_add_contact (session, &c, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
add_assessment (YkSession *session, gint64 client, const char *date, int first_item)
{
  g_autoptr (GError) error = NULL;
  YkAssessmentRecord a = { .client_id = client, .date = (char *) date,
                           .items = { first_item, 9, 1, 0, 0, 0, 0, 0, 0, 1 } };

  g_assert_true (yk_casework_add_assessment (session, &a, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkClientRecord spq = valid_client ("SPQ-001", 1), jl = valid_client ("JL-001", 2);
  YkActivityRecord activity = { .site_id = 1, .date = (char *) "2021-04-10", .title = (char *) "厨艺小课堂",
                                .category = (char *) "生活技能", .facilitator = (char *) "李社工" };
  YkFamilyRecord family = { .name = (char *) "陈母", .relation = (char *) "母亲", .phone = (char *) "13800000000" };
  YkPlanGoalRecord goal = { .goal = (char *) "每周参加一次小组活动", .target_date = (char *) "2021-12-31",
                            .review_date = (char *) "2021-05-20", .progress = (char *) "已参加三次" };
  YkPlanGoalRecord unreviewed = { .goal = (char *) "按时服药" };
  YkReferralRecord referral = { .date = (char *) "2021-05-02", .to_kind = (char *) "hospital",
                                .to_whom = (char *) "区精神卫生中心", .reason = (char *) "复诊" };
  gint64 activity_id = 0;

  app_test_db_make (&f->db);
  g_assert_true (yk_casework_add_client (f->db.coordinator, &spq, &f->spq_client, &error));
  /* The same name and birth date at JL: a true namesake (the intake check). */
  g_assert_true (yk_casework_add_client_namesake (f->db.coordinator, &jl, "同名同姓", &f->jl_client, &error));
  g_assert_no_error (error);
  app_test_db_open_worker (&f->db);

  add_contact (f->db.coordinator, f->spq_client, "phone", "2021-02-01", 1, "stable");
  f->coordinator_void = add_contact (f->db.coordinator, f->spq_client, "phone", "2021-02-02", -1, NULL);
  g_assert_true (yk_casework_void (f->db.coordinator, "contacts", f->coordinator_void, "录入重复", &error));
  f->worker_contact = add_contact (f->db.worker, f->spq_client, "home_visit", "2021-03-01", 1, "basically_stable");
  f->worker_void = add_contact (f->db.worker, f->spq_client, "home_visit", "2021-03-10", -1, NULL);
  g_assert_true (yk_casework_void (f->db.worker, "contacts", f->worker_void, "日期写错", &error));
  g_assert_no_error (error);

  g_assert_true (yk_casework_add_activity (f->db.coordinator, &activity, &activity_id, &error));
  g_assert_true (yk_casework_add_attendance (f->db.coordinator, activity_id, f->spq_client, 0, NULL, &error));
  g_assert_no_error (error);
  add_assessment (f->db.coordinator, f->spq_client, "2021-01-05", 2);
  add_assessment (f->db.worker, f->spq_client, "2021-06-01", 0);
  family.client_id = goal.client_id = unreviewed.client_id = referral.client_id = f->spq_client;
  g_assert_true (yk_casework_add_family (f->db.worker, &family, NULL, &error));
  g_assert_true (yk_casework_add_plan_goal (f->db.worker, &goal, NULL, &error));
  g_assert_true (yk_casework_add_plan_goal (f->db.worker, &unreviewed, NULL, &error));
  g_assert_true (yk_casework_add_referral (f->db.coordinator, &referral, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  app_test_db_clear (&f->db);
}

static const YkCaseEvent *
find_event (const YkCaseFile *file, const char *table, gint64 id)
{
  for (guint i = 0; i < file->timeline->len; i++)
    {
      const YkCaseEvent *event = file->timeline->pdata[i];
      if (g_strcmp0 (event->table, table) == 0 && event->id == id)
        return event;
    }
  return NULL;
}

static void
assert_newest_first (const YkCaseFile *file)
{
  for (guint i = 1; i < file->timeline->len; i++)
    {
      const YkCaseEvent *newer = file->timeline->pdata[i - 1], *older = file->timeline->pdata[i];
      g_assert_cmpstr (newer->date, >=, older->date);
    }
}

static void
test_coordinator_reads_everything (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkCaseFile) file = yk_case_file_open (f->db.coordinator, f->spq_client, &error);
  const YkCaseEvent *event;
  guint kinds[YK_CASE_EVENT_FAMILY + 1] = { 0 };
  g_autofree char *today = NULL;
  GDate date;

  yk_date_today (&date);
  today = yk_date_format_iso (&date);

  g_assert_no_error (error);
  g_assert_cmpstr (file->client->name, ==, "陈建华");
  g_assert_cmpstr (file->site_name, ==, "石坪桥街道渝康家园");
  g_assert_cmpstr (file->condition, ==, "basically_stable");
  g_assert_false (file->warning);

  /* Intake, four contacts (two voided), the activity, two assessments,
   * two plan goals, the referral: every one, newest first. */
  g_assert_cmpuint (file->timeline->len, ==, 11);
  assert_newest_first (file);
  for (guint i = 0; i < file->timeline->len; i++)
    kinds[((YkCaseEvent *) file->timeline->pdata[i])->kind]++;
  g_assert_cmpuint (kinds[YK_CASE_EVENT_INTAKE], ==, 1);
  g_assert_cmpuint (kinds[YK_CASE_EVENT_PHONE], ==, 2);
  g_assert_cmpuint (kinds[YK_CASE_EVENT_HOME_VISIT], ==, 2);
  g_assert_cmpuint (kinds[YK_CASE_EVENT_ACTIVITY], ==, 1);
  g_assert_cmpuint (kinds[YK_CASE_EVENT_ASSESSMENT], ==, 2);
  g_assert_cmpuint (kinds[YK_CASE_EVENT_PLAN_GOAL], ==, 2);
  g_assert_cmpuint (kinds[YK_CASE_EVENT_REFERRAL], ==, 1);
  g_assert_cmpuint (kinds[YK_CASE_EVENT_FAMILY], ==, 0);
  /* The goal never reviewed shows on the day it was set: today. */
  g_assert_cmpint (((YkCaseEvent *) file->timeline->pdata[0])->kind, ==, YK_CASE_EVENT_PLAN_GOAL);
  g_assert_cmpstr (((YkCaseEvent *) file->timeline->pdata[0])->date, ==, today);
  g_assert_cmpstr (((YkCaseEvent *) file->timeline->pdata[1])->date, ==, "2021-06-01");
  g_assert_cmpint (((YkCaseEvent *) file->timeline->pdata[file->timeline->len - 1])->kind, ==, YK_CASE_EVENT_INTAKE);

  /* A coordinator sees both voided contacts, with their reasons, and may
   * void every live record. */
  event = find_event (file, "contacts", f->coordinator_void);
  g_assert_nonnull (event);
  g_assert_true (event->voided);
  g_assert_cmpstr (event->void_reason, ==, "录入重复");
  g_assert_false (event->can_void);
  event = find_event (file, "contacts", f->worker_void);
  g_assert_nonnull (event);
  g_assert_cmpstr (event->void_reason, ==, "日期写错");
  event = find_event (file, "contacts", f->worker_contact);
  g_assert_false (event->voided);
  g_assert_true (event->can_void);
  g_assert_nonnull (strstr (event->summary, "基本稳定") ? event->summary : strstr (event->summary, "Basically stable"));

  /* The lists behind the tabs. */
  g_assert_cmpuint (file->family->len, ==, 1);
  g_assert_cmpstr (((YkCaseEvent *) file->family->pdata[0])->title, ==, "陈母");
  g_assert_cmpuint (file->plan_goals->len, ==, 2);
  g_assert_cmpuint (file->referrals->len, ==, 1);
  g_assert_cmpuint (file->assessments->len, ==, 2);
  /* Item 2 is 9 (does not apply) and left out of the total. */
  g_assert_cmpint (((YkCaseAssessment *) file->assessments->pdata[0])->total, ==, 4);
  g_assert_true (((YkCaseAssessment *) file->assessments->pdata[0])->baseline);
  g_assert_cmpint (((YkCaseAssessment *) file->assessments->pdata[1])->total, ==, 2);
  g_assert_false (((YkCaseAssessment *) file->assessments->pdata[1])->baseline);
  g_assert_cmpuint (file->sites->len, ==, 2);
}

static void
test_opening_is_audited (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkCaseFile) file = NULL;
  g_autoptr (YkCaseFile) loaded = NULL;
  g_autoptr (YkReader) reader = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 before = app_test_query_int (f->db.coordinator, "SELECT count(*) FROM audit");

  file = yk_case_file_open (f->db.coordinator, f->spq_client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (app_test_query_int (f->db.coordinator, "SELECT count(*) FROM audit"), ==, before + 1);
  g_assert_cmpint (sqlite3_prepare_v2 (app_test_connection (f->db.coordinator),
                                       "SELECT account, action, record_table, record_id, detail FROM audit "
                                       "ORDER BY id DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "admin");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "open_case");
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 2), ==, "clients");
  g_assert_cmpint (sqlite3_column_int64 (stmt, 3), ==, f->spq_client);
  /* No personal data in the trail: the record's id says who. */
  g_assert_cmpint (sqlite3_column_type (stmt, 4), ==, SQLITE_NULL);
  sqlite3_finalize (stmt);

  /* Reading again (a refresh) writes nothing. */
  reader = yk_reader_new_for_session (f->db.coordinator);
  loaded = yk_case_file_load (reader, f->spq_client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (loaded->timeline->len, ==, file->timeline->len);
  g_assert_cmpint (app_test_query_int (f->db.coordinator, "SELECT count(*) FROM audit"), ==, before + 1);
}

static void
test_worker_sees_own_voids (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkCaseFile) file = yk_case_file_open (f->db.worker, f->spq_client, &error);
  const YkCaseEvent *event;

  g_assert_no_error (error);
  /* The coordinator's voided contact is not there; the worker's own is. */
  g_assert_cmpuint (file->timeline->len, ==, 10);
  g_assert_null (find_event (file, "contacts", f->coordinator_void));
  event = find_event (file, "contacts", f->worker_void);
  g_assert_nonnull (event);
  g_assert_true (event->voided);
  g_assert_cmpstr (event->void_reason, ==, "日期写错");
  assert_newest_first (file);

  /* Only their own live records can be voided by them. */
  for (guint i = 0; i < file->timeline->len; i++)
    {
      event = file->timeline->pdata[i];
      if (event->table == NULL || event->voided)
        g_assert_false (event->can_void);
    }
  g_assert_true (find_event (file, "contacts", f->worker_contact)->can_void);
  g_assert_true (((YkCaseEvent *) file->family->pdata[0])->can_void);
  g_assert_false (((YkCaseEvent *) file->referrals->pdata[0])->can_void);
}

static void
test_worker_other_site_not_found (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReader) reader = NULL;
  gint64 before = app_test_query_int (f->db.worker, "SELECT count(*) FROM audit");

  g_assert_null (yk_case_file_open (f->db.worker, f->jl_client, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (app_test_query_int (f->db.worker, "SELECT count(*) FROM audit"), ==, before);

  reader = yk_reader_new_for_session (f->db.worker);
  g_assert_null (yk_case_file_load (reader, f->jl_client, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (yk_case_file_load (reader, 999999, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* A voided person: gone for a worker, marked for a coordinator. */
  g_assert_true (yk_casework_void (f->db.coordinator, "clients", f->spq_client, "重复建档", &error));
  g_assert_no_error (error);
  g_assert_null (yk_case_file_open (f->db.worker, f->spq_client, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    g_autoptr (YkCaseFile) file = yk_case_file_open (f->db.coordinator, f->spq_client, &error);
    g_assert_no_error (error);
    g_assert_nonnull (file->client->voided_at);
  }
}

static void
test_warning (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReader) reader = NULL;
  YkCaseFile *file;

  reader = yk_reader_new_for_session (f->db.coordinator);
  add_contact (f->db.coordinator, f->spq_client, "phone", "2021-07-01", 1, "unstable");
  file = yk_case_file_load (reader, f->spq_client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (file->condition, ==, "unstable");
  g_assert_true (file->warning);
  yk_case_file_free (file);

  add_contact (f->db.coordinator, f->spq_client, "phone", "2021-07-02", 3, "stable");
  file = yk_case_file_load (reader, f->spq_client, &error);
  g_assert_no_error (error);
  g_assert_cmpint (file->client->risk_level, ==, 3);
  g_assert_true (file->warning);
  yk_case_file_free (file);

  add_contact (f->db.coordinator, f->spq_client, "phone", "2021-07-03", 1, "stable");
  file = yk_case_file_load (reader, f->spq_client, &error);
  g_assert_false (file->warning);
  yk_case_file_free (file);
}

static void
assert_refused (YkSession *session, YkClientRecord *record, const char *expected_field)
{
  g_autoptr (GError) error = NULL;
  const char *field = NULL;

  g_assert_false (yk_case_file_save_profile (session, record, &field, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_assert_cmpstr (field, ==, expected_field);
}

static void
test_save_profile (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkClientRecord) record = yk_casework_open_client (f->db.worker, f->spq_client, &error);
  g_autoptr (YkClientRecord) after = NULL;
  g_autofree char *saved_birth = g_strdup (record->birth_date);
  char *kept;
  const char *field = NULL;

  /* Each broken field is named, and nothing is written. */
  kept = record->birth_date;
  record->birth_date = (char *) "1980-02-30";
  assert_refused (f->db.worker, record, "birth_date");
  record->birth_date = kept;

  kept = record->id_number;
  record->id_number = (char *) "500107198002291234";
  assert_refused (f->db.worker, record, "id_number");
  record->id_number = kept;

  /* The intake may not move past the first contact. */
  kept = record->intake_date;
  record->intake_date = (char *) "2021-02-15";
  assert_refused (f->db.worker, record, "intake_date");
  record->intake_date = kept;

  after = yk_casework_open_client (f->db.worker, f->spq_client, &error);
  g_assert_cmpstr (after->birth_date, ==, saved_birth);
  g_clear_pointer (&after, yk_client_record_free);

  /* Another site is refused for a worker, at the site field. */
  record->site_id = 2;
  g_assert_false (yk_case_file_save_profile (f->db.worker, record, &field, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_assert_cmpstr (field, ==, "site");
  g_clear_error (&error);
  record->site_id = 1;

  g_free (record->phone);
  record->phone = g_strdup ("13912345678");
  g_assert_true (yk_case_file_save_profile (f->db.worker, record, &field, &error));
  g_assert_no_error (error);
  g_assert_null (field);
  after = yk_casework_open_client (f->db.worker, f->spq_client, &error);
  g_assert_cmpstr (after->phone, ==, "13912345678");
}

/* A social worker's save of another site's case file answers exactly as
 * for a case that does not exist, before any rule is checked: the rules
 * would otherwise tell them that the case exists, and its first contact's
 * date. */
static void
assert_same_refusal (YkSession *session, YkClientRecord *record, gint64 other_site_id)
{
  g_autoptr (GError) elsewhere = NULL;
  g_autoptr (GError) nowhere = NULL;
  const char *field_elsewhere = "unset", *field_nowhere = "unset";

  record->id = other_site_id;
  g_assert_false (yk_case_file_save_profile (session, record, &field_elsewhere, &elsewhere));
  record->id = 999999;
  g_assert_false (yk_case_file_save_profile (session, record, &field_nowhere, &nowhere));
  g_assert_error (elsewhere, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_assert_error (nowhere, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_assert_cmpstr (elsewhere->message, ==, nowhere->message);
  g_assert_cmpstr (field_elsewhere, ==, field_nowhere);
}

static void
test_save_profile_other_site_not_found (Fixture *f, gconstpointer data)
{
  YkClientRecord record = valid_client ("JL-001", 2);

  add_contact (f->db.coordinator, f->jl_client, "phone", "2021-02-01", 1, "stable");
  /* Past the other site's first contact: the rule would name its date. */
  record.intake_date = (char *) "2021-03-01";
  record.consent_date = (char *) "2021-03-01";
  assert_same_refusal (f->db.worker, &record, f->jl_client);
  /* A broken field: the rules would answer before the site did. */
  record.birth_date = (char *) "1980-02-30";
  assert_same_refusal (f->db.worker, &record, f->jl_client);
  /* At the worker's own site too. */
  record.birth_date = (char *) "1980-02-29";
  record.site_id = 1;
  assert_same_refusal (f->db.worker, &record, f->jl_client);
}

/* The workers a social worker's case file offers are their own site's
 * (and whoever the person is assigned to): never another site's staff. */
static void
test_worker_choices_own_site (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkCaseFile) mine = NULL;
  g_autoptr (YkCaseFile) all = NULL;
  gboolean zhao_for_coordinator = FALSE;

  g_assert_true (yk_accounts_add (f->db.coordinator, "zhao", WORKER_PW, YK_ROLE_WORKER, "JL", "赵社工",
                                  YK_KDF_INTERACTIVE, &error));
  g_assert_no_error (error);
  mine = yk_case_file_open (f->db.worker, f->spq_client, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->workers->len, >, 0);
  for (guint i = 0; i < mine->workers->len; i++)
    {
      YkCaseChoice *choice = mine->workers->pdata[i];

      g_assert_cmpstr (choice->name, !=, "赵社工");
      g_assert_cmpint (choice->site_id, ==, 1);
    }
  all = yk_case_file_open (f->db.coordinator, f->spq_client, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < all->workers->len; i++)
    zhao_for_coordinator |= g_strcmp0 (((YkCaseChoice *) all->workers->pdata[i])->name, "赵社工") == 0;
  g_assert_true (zhao_for_coordinator);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/app/case-file/coordinator-reads-everything", test_coordinator_reads_everything);
  ADD ("/app/case-file/opening-is-audited", test_opening_is_audited);
  ADD ("/app/case-file/worker-sees-own-voids", test_worker_sees_own_voids);
  ADD ("/app/case-file/worker-other-site-not-found", test_worker_other_site_not_found);
  ADD ("/app/case-file/warning", test_warning);
  ADD ("/app/case-file/save-profile", test_save_profile);
  ADD ("/app/case-file/save-profile-other-site-not-found", test_save_profile_other_site_not_found);
  ADD ("/app/case-file/worker-choices-own-site", test_worker_choices_own_site);
#undef ADD
  return g_test_run ();
}
