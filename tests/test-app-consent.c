/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Informed consent (docs/design/file-format.md, "Consent"): recorded at
 * intake, carried over from schema version 4, and withdrawn — which
 * closes the case, refuses new records for the person and leaves what
 * was recorded before counted. */
#include "app-test-util.h"
#include "yk-app-error.h"
#include "yk-casework.h"
#include "yk-db-records.h"
#include "yk-record-rules.h"
#include "yk-recording.h"
#include "yk-report.h"
#include "yk-schema.h"

#include <string.h>

typedef struct
{
  AppTestDb db; /* db.worker: li, of site SPQ */
  gint64 li;    /* li's staff id */
} Fixture;

static YkClientRecord
valid_client (const char *case_no)
{
  YkClientRecord r = { 0 };

  r.case_no = (char *) case_no;
  r.name = (char *) "测试甲";
  r.site_id = 1;
  r.intake_date = (char *) "2021-01-05";
  r.consent_date = (char *) "2021-01-04";
  r.stable_at_intake = TRUE;
  r.risk_level = -1;
  return r;
}

static gint64
add_client (YkSession *session, YkClientRecord *r)
{
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  g_assert_true (yk_casework_add_client (session, r, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
add_contact (YkSession *session, gint64 client_id, const char *type, const char *date)
{
  g_autoptr (GError) error = NULL;
  YkContactRecord c = { 0 };

  c.client_id = client_id;
  c.type = (char *) type;
  c.date = (char *) date;
  c.reached = TRUE;
  c.duration_min = -1;
  c.risk_level = -1;
  g_assert_true (yk_casework_add_contact (session, &c, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  app_test_db_make (&f->db);
  app_test_db_open_worker (&f->db);
  f->li = app_test_query_int (f->db.coordinator, "SELECT id FROM staff WHERE account = 'li'");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  app_test_db_clear (&f->db);
}

/* Who signed, the form and the scope are kept with the case file; its
 * date is the case file's consent date, wherever that is changed. */
static void
test_intake (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkClientRecord) read = NULL;
  YkClientRecord r = valid_client ("SPQ-001");
  const char *field = NULL;
  gint64 id;

  r.consent_signer = (char *) "guardian";
  r.consent_form = (char *) "written";
  r.consent_scope = YK_CONSENT_SCOPE_ALL;
  /* A guardian's signature names the guardian. */
  g_assert_false (yk_consent_validate (&r, &field, &error));
  g_assert_cmpstr (field, ==, "consent_guardian");
  g_clear_error (&error);
  g_assert_false (yk_casework_add_client (f->db.worker, &r, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);

  /* No consent to a case file, no case file. */
  r.consent_guardian = (char *) "测试父";
  r.consent_scope = YK_CONSENT_SCOPE_SERVICES | YK_CONSENT_SCOPE_REPORTING;
  g_assert_false (yk_consent_validate (&r, &field, &error));
  g_assert_cmpstr (field, ==, "consent_scope");
  g_clear_error (&error);
  r.consent_form = (char *) "by carrier pigeon";
  r.consent_scope = YK_CONSENT_SCOPE_ALL;
  g_assert_false (yk_consent_validate (&r, &field, &error));
  g_assert_cmpstr (field, ==, "consent_form");
  g_clear_error (&error);
  r.consent_form = (char *) "oral_recorded";

  id = add_client (f->db.worker, &r);
  read = yk_recording_client (f->db.worker, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->consent_signer, ==, "guardian");
  g_assert_cmpstr (read->consent_guardian, ==, "测试父");
  g_assert_cmpstr (read->consent_form, ==, "oral_recorded");
  g_assert_cmpuint (read->consent_scope, ==, YK_CONSENT_SCOPE_ALL);
  g_assert_null (read->consent_withdrawn_date);

  /* A new consent date on the profile is the consent's. */
  g_free (read->consent_date);
  read->consent_date = g_strdup ("2021-01-05");
  g_free (read->consent_form);
  read->consent_form = g_strdup ("written");
  g_assert_true (yk_casework_update_client (f->db.worker, read, &error));
  g_assert_no_error (error);
  g_assert_cmpint (app_test_query_int (f->db.coordinator, "SELECT count (*) FROM consents WHERE consent_date = "
                                                          "'2021-01-05' AND form = 'written'"), ==, 1);

  /* Nothing recorded about the consent: a form not recorded. */
  {
    YkClientRecord bare = valid_client ("SPQ-002");
    gint64 bare_id = add_client (f->db.worker, &bare);
    g_autofree char *sql = g_strdup_printf ("SELECT count (*) FROM consents WHERE client_id = %" G_GINT64_FORMAT
                                            " AND form = 'unknown' AND signer IS NULL AND scope IS NULL", bare_id);
    g_assert_cmpint (app_test_query_int (f->db.coordinator, sql), ==, 1);
  }
  /* The consent's date is written on the case file only. */
  g_assert_cmpint (sqlite3_exec (app_test_connection (f->db.coordinator),
                                 "UPDATE consents SET consent_date = '2020-01-01'", NULL, NULL, NULL), !=, SQLITE_OK);
}

/* A database of schema version 4: each case file gets its consent from
 * its consent date, in a form not recorded. */
static void
test_migration (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkClientRecord) read = NULL;
  YkClientRecord a = valid_client ("SPQ-001"), b = valid_client ("SPQ-002");
  gint64 a_id, b_id;
  YkSession *session;

  a_id = add_client (f->db.coordinator, &a);
  b.consent_date = (char *) "2020-12-30";
  b_id = add_client (f->db.coordinator, &b);
  /* A file of schema 4: no consents, nor the attachments of schema 6,
   * nor the referral source of schema 7, nor the transfer links of 8,
   * nor the training of 9. */
  app_test_exec (f->db.coordinator, "DROP TABLE training_attendees; DROP TABLE training_sessions; "
                                    "ALTER TABLE clients DROP COLUMN transferred_from_id; ALTER TABLE clients DROP COLUMN transferred_from_case_no; "
                                    "ALTER TABLE clients DROP COLUMN transferred_from_site; ALTER TABLE clients DROP COLUMN transferred_to_id; "
                                    "ALTER TABLE clients DROP COLUMN transferred_to_case_no; ALTER TABLE clients DROP COLUMN transferred_to_site; "
                                    "ALTER TABLE clients DROP COLUMN referral_source; "
                                    "DROP TABLE attachment_chunks; DROP TABLE attachments; "
                                    "DROP TRIGGER consents_date_of_client; DROP TABLE consents; "
                                    "PRAGMA user_version = 4");
  g_clear_pointer (&f->db.worker, yk_session_close);
  g_clear_pointer (&f->db.coordinator, yk_session_close);

  session = app_test_db_open (&f->db, APP_TEST_COORDINATOR, APP_TEST_COORDINATOR_PASSWORD);
  f->db.coordinator = session;
  g_assert_cmpint (app_test_query_int (session, "PRAGMA user_version"), ==, YK_SCHEMA_VERSION);
  g_assert_cmpint (app_test_query_int (session, "SELECT count (*) FROM consents"), ==, 2);
  g_assert_cmpint (app_test_query_int (session, "SELECT count (*) FROM consents k JOIN clients c ON c.id = k.client_id "
                                                "WHERE k.consent_date = c.consent_date AND k.form = 'unknown' "
                                                "AND k.signer IS NULL AND k.scope IS NULL"), ==, 2);
  read = yk_recording_client (session, b_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (read->consent_form, ==, "unknown");
  g_assert_cmpuint (read->consent_scope, ==, 0);
  g_assert_null (read->referral_source);
  g_assert_cmpint (a_id, <, b_id);
}

static void
expect_withdrawn (gboolean ok, GError *error)
{
  g_assert_false (ok);
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_CONSENT_WITHDRAWN);
  if (strstr (error->message, "2021-04-01") == NULL)
    g_error ("the message does not name the withdrawal date: %s", error->message);
  g_error_free (error);
}

/* Arguments are evaluated in any order: the call first, then its error. */
#define EXPECT_WITHDRAWN(call) \
  G_STMT_START { gboolean ok_ = (call); expect_withdrawn (ok_, error); error = NULL; } G_STMT_END

/* The withdrawal closes the case (结案, 撤回同意, from its date) and
 * refuses every new record for the person and their family. */
static void
test_withdrawal (Fixture *f, gconstpointer data)
{
  YkClientRecord r = valid_client ("SPQ-001");
  g_autoptr (YkClientRecord) read = NULL;
  GError *error = NULL;
  const char *field = NULL;
  gint64 id, other, family_id = 0, activity_id = 0;

  r.worker_id = f->li;
  id = add_client (f->db.coordinator, &r);
  r.case_no = (char *) "SPQ-002";
  r.worker_id = 0;
  other = add_client (f->db.coordinator, &r);
  add_contact (f->db.worker, id, "phone", "2021-03-10");
  {
    YkFamilyRecord family = { .client_id = id, .name = (char *) "测试母" };
    YkActivityRecord activity = { .site_id = 1, .date = (char *) "2021-03-01", .title = (char *) "小组" };
    g_assert_true (yk_casework_add_family (f->db.worker, &family, &family_id, &error));
    g_assert_true (yk_casework_add_activity (f->db.worker, &activity, &activity_id, &error));
    g_assert_no_error (error);
  }

  /* The rules of the act itself. */
  g_assert_false (yk_casework_withdraw_consent (f->db.worker, id, "2021-03-09", "不愿继续", &field, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_assert_cmpstr (field, ==, "consent_withdrawn_date");
  g_assert_nonnull (strstr (error->message, "2021-03-10"));
  g_clear_error (&error);
  g_assert_false (yk_casework_withdraw_consent (f->db.worker, id, "2021-01-01", "不愿继续", &field, &error));
  g_assert_cmpstr (field, ==, "consent_withdrawn_date");
  g_clear_error (&error);
  g_assert_false (yk_casework_withdraw_consent (f->db.worker, id, "2099-01-01", "不愿继续", &field, &error));
  g_assert_cmpstr (field, ==, "consent_withdrawn_date");
  g_clear_error (&error);
  g_assert_false (yk_casework_withdraw_consent (f->db.worker, id, "2021-04-01", "  ", &field, &error));
  g_assert_cmpstr (field, ==, "consent_withdrawal_reason");
  g_clear_error (&error);
  /* The person's responsible worker or a coordinator: li is not SPQ-003's. */
  {
    g_autofree char *sql = g_strdup_printf ("INSERT INTO staff (display_name, site_id, role) VALUES ('张社工', 1, "
                                            "'worker')");
    YkClientRecord third = valid_client ("SPQ-003");
    gint64 third_id;

    app_test_exec (f->db.coordinator, sql);
    third.worker_id = app_test_query_int (f->db.coordinator, "SELECT id FROM staff WHERE display_name = '张社工'");
    third_id = add_client (f->db.coordinator, &third);
    g_assert_false (yk_casework_withdraw_consent (f->db.worker, third_id, "2021-04-01", "不愿继续", NULL, &error));
    g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
    g_clear_error (&error);
  }
  g_assert_cmpint (app_test_query_int (f->db.coordinator, "SELECT count (*) FROM consents WHERE withdrawn_date "
                                                          "IS NOT NULL"), ==, 0);

  g_assert_true (yk_casework_withdraw_consent (f->db.worker, id, "2021/4/1", " 不愿继续接受服务 ", &field, &error));
  g_assert_no_error (error);
  read = yk_recording_client (f->db.worker, id, &error);
  g_assert_cmpstr (read->status, ==, "closed");
  g_assert_cmpstr (read->status_date, ==, "2021-04-01");
  g_assert_cmpstr (read->status_reason, ==, "撤回同意");
  g_assert_cmpstr (read->consent_withdrawn_date, ==, "2021-04-01");
  g_assert_cmpstr (read->consent_withdrawal_reason, ==, "不愿继续接受服务");
  g_assert_cmpint (app_test_query_int (f->db.coordinator, "SELECT count (*) FROM audit WHERE action = "
                                                          "'withdraw_consent' AND record_table = 'clients'"), ==, 1);

  /* Nothing new for them, whatever its date. */
  {
    YkContactRecord c = { .client_id = id, .type = (char *) "home_visit", .date = (char *) "2021-03-20",
                          .reached = TRUE, .duration_min = -1, .risk_level = -1 };
    YkAssessmentRecord a = { .client_id = id, .date = (char *) "2021-05-01" };
    YkPlanGoalRecord g = { .client_id = id, .goal = (char *) "独立购物" };
    YkReferralRecord ref = { .client_id = id, .date = (char *) "2021-05-01", .to_kind = (char *) "hospital" };
    YkFamilyRecord fam = { .client_id = id, .name = (char *) "测试父" };
    YkQuestionnaireRecord q = { .site_id = 1, .date = (char *) "2021-05-01", .client_id = id };
    YkQuestionnaireRecord fq = { .site_id = 1, .date = (char *) "2021-05-01", .family_id = family_id };

    EXPECT_WITHDRAWN (yk_casework_add_contact (f->db.worker, &c, NULL, &error));
    EXPECT_WITHDRAWN (yk_casework_add_contact (f->db.coordinator, &c, NULL, &error));
    EXPECT_WITHDRAWN (yk_casework_add_assessment (f->db.worker, &a, NULL, &error));
    EXPECT_WITHDRAWN (yk_casework_add_plan_goal (f->db.worker, &g, NULL, &error));
    EXPECT_WITHDRAWN (yk_casework_add_referral (f->db.worker, &ref, NULL, &error));
    EXPECT_WITHDRAWN (yk_casework_add_family (f->db.worker, &fam, NULL, &error));
    EXPECT_WITHDRAWN (yk_casework_add_questionnaire (f->db.worker, &q, NULL, &error));
    EXPECT_WITHDRAWN (yk_casework_add_questionnaire (f->db.worker, &fq, NULL, &error));
    EXPECT_WITHDRAWN (yk_casework_add_attendance (f->db.worker, activity_id, id, 0, NULL, &error));
    EXPECT_WITHDRAWN (yk_casework_add_attendance (f->db.worker, activity_id, 0, family_id, NULL, &error));
    /* The case stays closed. */
    EXPECT_WITHDRAWN (yk_recording_set_status (f->db.coordinator, id, "active", NULL, NULL, &field, &error));
    EXPECT_WITHDRAWN (yk_casework_withdraw_consent (f->db.coordinator, id, "2021-04-02", "再次", NULL, &error));
    /* Someone else is recorded for as before. */
    c.client_id = other;
    g_assert_true (yk_casework_add_contact (f->db.worker, &c, NULL, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (app_test_query_int (f->db.coordinator, "SELECT count (*) FROM contacts"), ==, 2);

  /* A case already referred out keeps the date it left the programme. */
  g_assert_true (yk_recording_set_status (f->db.coordinator, other, "referred", "2021-04-10", "转至精神专科医院", &field,
                                          &error));
  g_assert_true (yk_casework_withdraw_consent (f->db.coordinator, other, "2021-06-01", "不愿继续", &field, &error));
  g_assert_no_error (error);
  {
    g_autoptr (YkClientRecord) referred = yk_recording_client (f->db.coordinator, other, &error);
    g_assert_cmpstr (referred->status, ==, "referred");
    g_assert_cmpstr (referred->status_date, ==, "2021-04-10");
    g_assert_cmpstr (referred->consent_withdrawn_date, ==, "2021-06-01");
  }
}

static YkReport *
report (YkSession *session, const char *period)
{
  g_autoptr (GError) error = NULL;
  YkReport *r = yk_report_for_session (session, period, NULL, &error);

  g_assert_no_error (error);
  return r;
}

static void
assert_same_figures (const YkReport *a, const YkReport *b)
{
  for (int k = 0; k < YK_N_INDICATORS; k++)
    {
      g_assert_cmpint (a->total[k], ==, b->total[k]);
      g_assert_cmpint (a->cumulative[k], ==, b->cumulative[k]);
    }
}

/* docs/design/indicators.md: what was recorded before the withdrawal
 * counts as it did; the closure is a stock change from its date. */
static void
test_figures (Fixture *f, gconstpointer data)
{
  static const char *const before_periods[] = { "2021Q1", "2021-04", "2021-01-01..2021-05-09", "cumulative:2021-04" };
  YkClientRecord r = valid_client ("SPQ-001");
  g_autoptr (YkReport) q2_before = NULL, q2_after = NULL;
  g_autoptr (GError) error = NULL;
  YkReport *before[G_N_ELEMENTS (before_periods)];
  gint64 id;

  r.worker_id = f->li;
  id = add_client (f->db.coordinator, &r);
  add_contact (f->db.worker, id, "home_visit", "2021-02-01");
  add_contact (f->db.worker, id, "phone", "2021-03-01");
  add_contact (f->db.worker, id, "phone", "2021-05-10");
  {
    YkAssessmentRecord a = { .client_id = id, .date = (char *) "2021-02-02", .items = { 2, 2, 2, 2, 2, 2, 0, 0, 0, 0 } };
    YkAssessmentRecord b = { .client_id = id, .date = (char *) "2021-05-10", .items = { 0 } };
    g_assert_true (yk_casework_add_assessment (f->db.worker, &a, NULL, &error));
    g_assert_true (yk_casework_add_assessment (f->db.worker, &b, NULL, &error));
    g_assert_no_error (error);
  }
  for (guint i = 0; i < G_N_ELEMENTS (before_periods); i++)
    before[i] = report (f->db.coordinator, before_periods[i]);
  q2_before = report (f->db.coordinator, "2021Q2");
  g_assert_cmpint (q2_before->total[YK_INDICATOR_CASELOAD_ACTIVE], ==, 1);
  g_assert_cmpint (q2_before->total[YK_INDICATOR_IMPROVED], ==, 1);

  g_assert_true (yk_casework_withdraw_consent (f->db.worker, id, "2021-05-10", "搬离本市", NULL, &error));
  g_assert_no_error (error);

  /* Periods before the withdrawal: every figure as it was. */
  for (guint i = 0; i < G_N_ELEMENTS (before_periods); i++)
    {
      g_autoptr (YkReport) after = report (f->db.coordinator, before_periods[i]);
      assert_same_figures (before[i], after);
      yk_report_free (before[i]);
    }
  /* Its own period: the case is closed on the 10th, so no longer in the
   * caseload at the period's end; the file, the day's call and the
   * improvement it showed still count. */
  q2_after = report (f->db.coordinator, "2021Q2");
  for (int k = 0; k < YK_N_INDICATORS; k++)
    if (k == YK_INDICATOR_CASELOAD_ACTIVE)
      {
        g_assert_cmpint (q2_after->total[k], ==, q2_before->total[k] - 1);
        g_assert_cmpint (q2_after->cumulative[k], ==, q2_before->cumulative[k] - 1);
      }
    else
      {
        g_assert_cmpint (q2_after->total[k], ==, q2_before->total[k]);
        g_assert_cmpint (q2_after->cumulative[k], ==, q2_before->cumulative[k]);
      }
  g_assert_cmpint (q2_after->total[YK_INDICATOR_PHONE_FOLLOWUPS], ==, 1);
  g_assert_cmpint (q2_after->total[YK_INDICATOR_CASE_FILES_TOTAL], ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/app/consent/intake", test_intake);
  ADD ("/app/consent/migration", test_migration);
  ADD ("/app/consent/withdrawal", test_withdrawal);
  ADD ("/app/consent/figures", test_figures);
  return g_test_run ();
}
