/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Records and rules (docs/design/followup.md): validation, follow-up due dates, roles,
 * voids and the audit trail around them. */
#include "app-test-util.h"
#include "yk-report-private.h"
#include "yk-accounts.h"
#include "yk-app-error.h"
#include "yk-casework.h"
#include "yk-crypto-error.h"
#include "yk-followup.h"
#include "yk-db-records.h"
#include "yk-record-rules.h"
#include "yk-report.h"
#include "yk-validate.h"

#include <glib/gstdio.h>
#include <string.h>

/* --- validation --- */

/* GB 11643's check digit, written out here independently of the code under test. */
static char
check_digit (const char *first17)
{
  const int weights[17] = { 7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2 };
  int sum = 0;

  for (int i = 0; i < 17; i++)
    sum += (first17[i] - '0') * weights[i];
  return "10X98765432"[sum % 11];
}

static char *
make_id (const char *area, const char *birth, const char *sequence)
{
  g_autofree char *first17 = g_strconcat (area, birth, sequence, NULL);

  return g_strdup_printf ("%s%c", first17, check_digit (first17));
}

static void
test_id_number (void)
{
  g_autofree char *valid = make_id ("500107", "19800229", "123");
  g_autofree char *typo = g_strdup (valid);
  g_autoptr (GError) error = NULL;
  GDate birth;

  /* The example printed in GB 11643-1999 itself. */
  g_assert_true (yk_id_number_check ("11010519491231002X", &birth, &error));
  g_assert_no_error (error);
  g_assert_cmpint (g_date_get_year (&birth), ==, 1949);
  g_assert_true (yk_id_number_check ("11010519491231002x", NULL, &error));

  g_assert_true (yk_id_number_check (valid, &birth, &error));
  g_assert_cmpint (g_date_get_day (&birth), ==, 29);

  typo[9] = typo[9] == '0' ? '1' : '0';
  g_assert_false (yk_id_number_check (typo, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, "check digit"));
  g_clear_error (&error);

  g_assert_false (yk_id_number_check ("5001071980022912", NULL, &error));
  g_clear_error (&error);
  g_assert_false (yk_id_number_check ("50010719800229123Y", NULL, &error));
  g_clear_error (&error);
  {
    /* A check digit that fits, around a birth date that does not exist. */
    g_autofree char *no_such_day = make_id ("500107", "19810229", "123");
    g_assert_false (yk_id_number_check (no_such_day, NULL, &error));
    g_assert_nonnull (strstr (error->message, "birth date"));
  }
  g_clear_error (&error);

  /* What the number says of its holder: the 17th digit, odd for men. */
  {
    g_autofree char *man = make_id ("500107", "19800229", "123");
    const char *gender = NULL;

    g_assert_true (yk_id_number_facts ("11010519491231002X", &birth, &gender));
    g_assert_cmpstr (gender, ==, "女");
    g_assert_cmpint (g_date_get_month (&birth), ==, 12);
    g_assert_true (yk_id_number_facts (man, &birth, &gender));
    g_assert_cmpstr (gender, ==, "男");
    gender = NULL;
    g_assert_false (yk_id_number_facts (typo, &birth, &gender));
    g_assert_null (gender);
  }
}

static void
test_dates (void)
{
  g_autoptr (GError) error = NULL;
  const char *valid[] = { "2021-03-05", "2021/3/5", "2021年3月5日", " 2021-03-05 ", "2020-02-29" };
  const char *invalid[] = { "2021-02-30", "2021-13-01", "2021-3-5x", "21/3/5", "2021.03.05", "", "2021年3月5" };

  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      GDate date;
      g_autofree char *iso = NULL;

      g_assert_true (yk_date_parse (valid[i], &date, &error));
      g_assert_no_error (error);
      iso = yk_date_format_iso (&date);
      g_assert_cmpstr (iso, ==, i == 4 ? "2020-02-29" : "2021-03-05");
    }
  for (guint i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      GDate date;

      g_assert_false (yk_date_parse (invalid[i], &date, &error));
      g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
      g_clear_error (&error);
    }
}

/* The window takes more than the ledger: short forms, relative to a
 * fixed "today" so the test does not depend on the clock. */
static void
test_typed_dates (void)
{
  static const struct
  {
    const char *text;
    const char *iso;
  } valid[] = {
    { "2021-03-05", "2021-03-05" }, { "2021/3/5", "2021-03-05" }, { "2021年3月5日", "2021-03-05" },
    { "12.3", "2021-12-03" },       { " 12-3 ", "2021-12-03" },   { "3-5", "2021-03-05" },
    { "3/5", "2021-03-05" },        { "12月3日", "2021-12-03" },  { "20211203", "2021-12-03" },
    { "今天", "2021-06-01" },       { "昨天", "2021-05-31" },     { "前天", "2021-05-30" },
    { "today", "2021-06-01" },      { "Yesterday", "2021-05-31" }, { "2.29", NULL },
  };
  const char *impossible[] = { "2.30", "20210230", "13.1", "2021-02-30", "20211301", "18991231" };
  const char *not_dates[] = { "", "12", "12.", ".3", "12.3.4", "2021123", "202112031", "明天", "12.3x", "1.2.2021" };
  g_autoptr (GError) error = NULL;
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, G_DATE_JUNE, 2021);
  for (guint i = 0; i < G_N_ELEMENTS (valid); i++)
    {
      GDate date;
      g_autofree char *iso = NULL;

      if (valid[i].iso == NULL)
        continue;
      g_assert_true (yk_date_parse_typed (valid[i].text, &today, &date, &error));
      g_assert_no_error (error);
      iso = yk_date_format_iso (&date);
      g_assert_cmpstr (iso, ==, valid[i].iso);
    }
  /* 2.29 is a day only in a leap year: today's year decides. */
  {
    GDate date, leap_today;

    g_date_clear (&leap_today, 1);
    g_date_set_dmy (&leap_today, 1, G_DATE_JUNE, 2020);
    g_assert_true (yk_date_parse_typed ("2.29", &leap_today, &date, &error));
    g_assert_false (yk_date_parse_typed ("2.29", &today, &date, &error));
    g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
    g_clear_error (&error);
  }
  for (guint i = 0; i < G_N_ELEMENTS (impossible); i++)
    {
      GDate date;

      g_assert_false (yk_date_parse_typed (impossible[i], &today, &date, &error));
      g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
      /* The message names what was typed, and never offers a nearby day. */
      g_assert_nonnull (strstr (error->message, impossible[i]));
      g_assert_false (g_date_valid (&date));
      g_clear_error (&error);
    }
  for (guint i = 0; i < G_N_ELEMENTS (not_dates); i++)
    {
      GDate date;

      g_assert_false (yk_date_parse_typed (not_dates[i], &today, &date, &error));
      g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
      g_clear_error (&error);
    }
  /* The ledger's parser is unchanged: none of the short forms. */
  for (guint i = 3; i < G_N_ELEMENTS (valid); i++)
    {
      GDate date;

      g_assert_false (yk_date_parse (valid[i].text, &date, NULL));
    }
}

static YkClientRecord
valid_client (void)
{
  YkClientRecord r = { 0 };

  r.case_no = (char *) "SPQ-001";
  r.name = (char *) "测试甲";
  r.site_id = 1;
  r.intake_date = (char *) "2021-03-01";
  r.consent_date = (char *) "2021-02-25";
  r.stable_at_intake = TRUE;
  r.risk_level = -1;
  return r;
}

static void
expect_invalid (gboolean ok, const char *field, const char *expected_field, GError *error)
{
  g_assert_false (ok);
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_assert_cmpstr (field, ==, expected_field);
  g_error_free (error);
}

/* Sequenced: the call sets error before it is checked. */
#define EXPECT_INVALID(call, name)                  \
  do                                                \
    {                                               \
      gboolean ok_ = (call);                        \
      expect_invalid (ok_, field, name, error);     \
      error = NULL;                                 \
    }                                               \
  while (0)

static void
test_client_rules (void)
{
  GDate today;
  YkClientRecord r = valid_client ();
  g_autofree char *id = make_id ("500107", "19800229", "123");
  GError *error = NULL;
  const char *field = NULL;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 6, 2021);
  g_assert_true (yk_client_validate (&r, &today, &field, &error));
  g_assert_no_error (error);

  r.id_number = id;
  r.birth_date = (char *) "1980-02-29";
  g_assert_true (yk_client_validate (&r, &today, &field, &error));
  r.birth_date = (char *) "1980-03-01";
  EXPECT_INVALID (yk_client_validate (&r, &today, &field, &error), "id_number");
  r = valid_client ();

  r.consent_date = NULL;
  EXPECT_INVALID (yk_client_validate (&r, &today, &field, &error), "consent_date");
  r = valid_client ();
  r.stable_at_intake = FALSE;
  EXPECT_INVALID (yk_client_validate (&r, &today, &field, &error), "stable_at_intake");
  r = valid_client ();
  r.intake_date = (char *) "2021-07-01"; /* after today */
  EXPECT_INVALID (yk_client_validate (&r, &today, &field, &error), "intake_date");
  r = valid_client ();
  r.intake_date = (char *) "2021-02-30";
  EXPECT_INVALID (yk_client_validate (&r, &today, &field, &error), "intake_date");
  r = valid_client ();
  r.risk_level = 6;
  EXPECT_INVALID (yk_client_validate (&r, &today, &field, &error), "risk_level");
  r.risk_level = 5;
  g_assert_true (yk_client_validate (&r, &today, &field, &error));
  r = valid_client ();
  r.status = (char *) "closed";
  EXPECT_INVALID (yk_client_validate (&r, &today, &field, &error), "status_date");
  r.status_date = (char *) "2021-05-01";
  g_assert_true (yk_client_validate (&r, &today, &field, &error));
  r.status_date = (char *) "2021-02-01"; /* before intake */
  EXPECT_INVALID (yk_client_validate (&r, &today, &field, &error), "status_date");
  r = valid_client ();
  r.diagnosis = (char *) "抑郁症";
  EXPECT_INVALID (yk_client_validate (&r, &today, &field, &error), "diagnosis");
  r.diagnosis = (char *) "双相情感障碍";
  g_assert_true (yk_client_validate (&r, &today, &field, &error));
}

static void
test_contact_and_sdss_rules (void)
{
  GDate today;
  YkContactRecord c = { .client_id = 1, .type = (char *) "phone", .date = (char *) "2021-04-01",
                        .reached = TRUE, .duration_min = -1, .risk_level = -1 };
  YkAssessmentRecord a = { .client_id = 1, .date = (char *) "2021-04-01",
                           .items = { 0, 9, 9, 1, 2, 1, 0, 0, 1, 2 } };
  GError *error = NULL;
  const char *field = NULL;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 6, 2021);
  g_assert_true (yk_contact_validate (&c, "2021-03-01", &today, &field, &error));
  c.date = (char *) "2021-02-28"; /* before intake */
  EXPECT_INVALID (yk_contact_validate (&c, "2021-03-01", &today, &field, &error), "date");
  c.date = (char *) "2021-04-01";
  c.duration_min = -5;
  EXPECT_INVALID (yk_contact_validate (&c, "2021-03-01", &today, &field, &error), "duration_min");
  c.duration_min = 0;
  g_assert_true (yk_contact_validate (&c, "2021-03-01", &today, &field, &error));
  c.condition = (char *) "great";
  EXPECT_INVALID (yk_contact_validate (&c, "2021-03-01", &today, &field, &error), "condition");
  c.condition = (char *) "unstable";
  c.next_date = (char *) "2021-03-20";
  EXPECT_INVALID (yk_contact_validate (&c, "2021-03-01", &today, &field, &error), "next_date");
  c.next_date = NULL;
  c.type = (char *) "email";
  EXPECT_INVALID (yk_contact_validate (&c, "2021-03-01", &today, &field, &error), "type");

  g_assert_true (yk_assessment_validate (&a, "2021-03-01", &today, &field, &error));
  g_assert_cmpint (yk_sdss_total (a.items), ==, 7); /* the two 9s are left out */
  a.items[4] = 3;
  EXPECT_INVALID (yk_assessment_validate (&a, "2021-03-01", &today, &field, &error), "sdss_5");
}

static void
test_other_record_rules (void)
{
  GDate today;
  GError *error = NULL;
  const char *field = NULL;
  YkClientRecord client = valid_client ();
  YkFamilyRecord family = { .client_id = 1, .name = (char *) "测试家属" };
  YkActivityRecord activity = { .site_id = 1, .date = (char *) "2021-04-01", .title = (char *) "手工小组",
                                .category = (char *) "生活技能" };
  YkQuestionnaireRecord questionnaire = { .site_id = 1, .date = (char *) "2021-04-01", .kind = (char *) "满意度",
                                          .respondent = (char *) "居民" };
  YkReferralRecord referral = { .client_id = 1, .date = (char *) "2021-04-01", .to_kind = (char *) "hospital" };
  YkPlanGoalRecord goal = { .client_id = 1, .goal = (char *) "每周参加一次小组活动", .target_date = (char *) "2021-12-31" };

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 6, 2021);

  client.gender = (char *) "M";
  EXPECT_INVALID (yk_client_validate (&client, &today, &field, &error), "gender");
  client.gender = (char *) "女";
  g_assert_true (yk_client_validate (&client, &today, &field, &error));

  g_assert_true (yk_family_validate (&family, &field, &error));
  family.name = (char *) "";
  EXPECT_INVALID (yk_family_validate (&family, &field, &error), "name");

  g_assert_true (yk_activity_validate (&activity, &today, &field, &error));
  activity.resident_count = -1;
  EXPECT_INVALID (yk_activity_validate (&activity, &today, &field, &error), "resident_count");
  activity.resident_count = 12;
  activity.category = (char *) "聚餐";
  EXPECT_INVALID (yk_activity_validate (&activity, &today, &field, &error), "category");
  activity.category = NULL; /* optional */
  activity.title = NULL;
  EXPECT_INVALID (yk_activity_validate (&activity, &today, &field, &error), "title");

  g_assert_true (yk_questionnaire_validate (&questionnaire, &today, &field, &error));
  questionnaire.client_id = 1;
  questionnaire.family_id = 2;
  EXPECT_INVALID (yk_questionnaire_validate (&questionnaire, &today, &field, &error), "family_id");
  questionnaire.family_id = 0;
  questionnaire.kind = (char *) "调查";
  EXPECT_INVALID (yk_questionnaire_validate (&questionnaire, &today, &field, &error), "kind");
  questionnaire.kind = NULL;
  questionnaire.date = (char *) "2021-06-02";
  EXPECT_INVALID (yk_questionnaire_validate (&questionnaire, &today, &field, &error), "date");

  g_assert_true (yk_referral_validate (&referral, "2021-03-01", &today, &field, &error));
  referral.to_kind = (char *) "friend";
  EXPECT_INVALID (yk_referral_validate (&referral, "2021-03-01", &today, &field, &error), "to_kind");

  g_assert_true (yk_plan_goal_validate (&goal, &field, &error));
  goal.target_date = (char *) "2021-12-32";
  EXPECT_INVALID (yk_plan_goal_validate (&goal, &field, &error), "target_date");
}

/* --- follow-up due dates --- */

static char *
due (const char *intake, const char *last, const char *condition, const char *next)
{
  YkFollowupIntervals intervals = { (char *) "3 months", (char *) "14 days", (char *) "14 days" };
  g_autoptr (GError) error = NULL;
  GDate date;

  g_assert_true (yk_followup_due_date (&intervals, intake, last, condition, next, &date, &error));
  g_assert_no_error (error);
  return yk_date_format_iso (&date);
}

static void
assert_due (const char *expected, char *actual)
{
  g_assert_cmpstr (actual, ==, expected);
  g_free (actual);
}

static void
test_followup_rule (void)
{
  assert_due ("2021-07-10", due ("2021-01-01", "2021-04-10", "stable", NULL));
  assert_due ("2021-04-24", due ("2021-01-01", "2021-04-10", "basically_stable", NULL));
  assert_due ("2021-04-24", due ("2021-01-01", "2021-04-10", "unstable", NULL));
  /* No condition recorded: the stable interval. */
  assert_due ("2021-07-10", due ("2021-01-01", "2021-04-10", NULL, NULL));
  /* Month ends and quarter boundaries. */
  assert_due ("2021-04-30", due ("2021-01-01", "2021-01-31", "stable", NULL));
  assert_due ("2021-06-30", due ("2021-01-01", "2021-03-31", "stable", NULL));
  assert_due ("2022-01-13", due ("2021-01-01", "2021-12-30", "unstable", NULL));
  /* A next date on the form counts when sooner, never when later. */
  assert_due ("2021-05-01", due ("2021-01-01", "2021-04-10", "stable", "2021-05-01"));
  assert_due ("2021-07-10", due ("2021-01-01", "2021-04-10", "stable", "2021-09-01"));
  /* Never reached: the end of the intake quarter, but not within 14 days of intake. */
  assert_due ("2021-03-31", due ("2021-02-01", NULL, NULL, NULL));
  assert_due ("2021-04-13", due ("2021-03-30", NULL, NULL, NULL));
}

static void
test_interval_setting (void)
{
  int amount;
  gboolean months;

  g_assert_true (yk_followup_interval_parse ("3 months", &amount, &months));
  g_assert_true (months);
  g_assert_cmpint (amount, ==, 3);
  g_assert_true (yk_followup_interval_parse ("2 weeks", &amount, &months));
  g_assert_false (months);
  g_assert_cmpint (amount, ==, 14);
  g_assert_false (yk_followup_interval_parse ("soon", &amount, &months));
  g_assert_false (yk_followup_interval_parse ("-3 days", &amount, &months));

  /* Split for the form, in the unit it was set in, and back. */
  {
    static const struct
    {
      const char *text;
      int amount;
      YkIntervalUnit unit;
    } cases[] = {
      { "14 days", 14, YK_INTERVAL_DAYS }, { "2 weeks", 2, YK_INTERVAL_WEEKS }, { "3 months", 3, YK_INTERVAL_MONTHS },
      { "1 week", 1, YK_INTERVAL_WEEKS },  { "1 month", 1, YK_INTERVAL_MONTHS },
    };
    YkIntervalUnit unit;

    for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
      {
        g_autofree char *text = NULL;

        g_assert_true (yk_followup_interval_split (cases[i].text, &amount, &unit));
        g_assert_cmpint (amount, ==, cases[i].amount);
        g_assert_cmpint (unit, ==, cases[i].unit);
        text = yk_followup_interval_format (amount, unit);
        g_assert_true (yk_followup_interval_parse (text, &amount, &months));
        g_assert_cmpint (months, ==, cases[i].unit == YK_INTERVAL_MONTHS);
      }
    g_assert_false (yk_followup_interval_split ("soon", &amount, &unit));
    {
      g_autofree char *weeks = yk_followup_interval_format (2, YK_INTERVAL_WEEKS);
      g_assert_cmpstr (weeks, ==, "2 weeks");
    }
  }
}

/* --- a database: roles, voids, audit --- */

#define COORDINATOR_PW APP_TEST_COORDINATOR_PASSWORD
#define WORKER_PW APP_TEST_WORKER_PASSWORD

typedef struct
{
  AppTestDb db; /* db.worker: li, of site SPQ */
  gint64 spq_client;
  gint64 jl_client;
} Fixture;

static gint64
add_client (YkSession *session, const char *case_no, gint64 site_id)
{
  g_autoptr (GError) error = NULL;
  YkClientRecord r = valid_client ();
  gint64 id = 0;

  r.case_no = (char *) case_no;
  r.site_id = site_id;
  g_assert_true (yk_casework_add_client (session, &r, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  app_test_db_make (&f->db);
  f->spq_client = add_client (f->db.coordinator, "SPQ-001", 1);
  f->jl_client = add_client (f->db.coordinator, "JL-001", 2);
  app_test_db_open_worker (&f->db);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  app_test_db_clear (&f->db);
}

static gint64
add_contact (YkSession *session, gint64 client, const char *date, const char *condition, GError **error)
{
  YkContactRecord c = { .client_id = client, .type = (char *) "phone", .date = (char *) date,
                        .reached = TRUE, .duration_min = -1, .risk_level = -1, .condition = (char *) condition };
  gint64 id = 0;

  return yk_casework_add_contact (session, &c, &id, error) ? id : 0;
}

static void
test_worker_sees_own_site_only (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkClientRecord *client;
  YkClientRecord other_site = valid_client ();
  g_autoptr (GPtrArray) due_list = NULL;
  GDate today, horizon;

  client = yk_casework_open_client (f->db.worker, f->spq_client, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (client->case_no, ==, "SPQ-001");
  yk_client_record_clear (client);
  g_free (client);

  /* Asking for the other site's person, in every way there is (the due
   * list is asked for site 2, JL, below). */
  g_assert_null (yk_casework_open_client (f->db.worker, f->jl_client, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (add_contact (f->db.worker, f->jl_client, "2021-04-01", NULL, &error), ==, 0);
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (yk_casework_void (f->db.worker, "clients", f->jl_client, "wrong", &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  {
    /* A questionnaire of the worker's own site linked to the other
     * site's family member. */
    YkFamilyRecord relative = { .client_id = f->jl_client, .name = (char *) "家属", .relation = (char *) "母亲" };
    YkQuestionnaireRecord questionnaire = { .site_id = 1, .date = (char *) "2021-04-01", .kind = (char *) "满意度",
                                            .respondent = (char *) "家属" };
    gint64 relative_id = 0;

    g_assert_true (yk_casework_add_family (f->db.coordinator, &relative, &relative_id, &error));
    g_assert_no_error (error);
    questionnaire.family_id = relative_id;
    g_assert_false (yk_casework_add_questionnaire (f->db.worker, &questionnaire, NULL, &error));
    g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
    g_clear_error (&error);
  }
  other_site.case_no = (char *) "JL-002";
  other_site.site_id = 2;
  g_assert_false (yk_casework_add_client (f->db.worker, &other_site, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_clear_error (&error);

  yk_date_today (&today);
  horizon = today;
  g_date_add_years (&horizon, 5);
  due_list = yk_followup_list (f->db.worker, 2, 0, &today, &horizon, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (due_list->len, ==, 1);
  g_assert_cmpstr (((YkFollowup *) due_list->pdata[0])->case_no, ==, "SPQ-001");
  g_clear_pointer (&due_list, g_ptr_array_unref);

  due_list = yk_followup_list (f->db.coordinator, 0, 0, &today, &horizon, &error);
  g_assert_cmpuint (due_list->len, ==, 2);
  g_clear_pointer (&due_list, g_ptr_array_unref);
  due_list = yk_followup_list (f->db.coordinator, 2, 0, &today, &horizon, &error);
  g_assert_cmpuint (due_list->len, ==, 1);
  g_assert_cmpstr (((YkFollowup *) due_list->pdata[0])->case_no, ==, "JL-001");
}

static void
test_coordinator_only_actions (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_false (yk_accounts_add (f->db.worker, "zhao", WORKER_PW, YK_ROLE_WORKER, "SPQ", NULL,
                                   YK_KDF_INTERACTIVE, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (yk_accounts_set_password (f->db.worker, "admin", "hijacked password", YK_KDF_INTERACTIVE, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (yk_accounts_remove (f->db.worker, "admin", &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
}

static void
test_voids (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) due_list = NULL;
  gint64 by_worker = add_contact (f->db.worker, f->spq_client, "2021-04-01", "stable", &error);
  gint64 by_coordinator = add_contact (f->db.coordinator, f->spq_client, "2021-05-01", "unstable", &error);
  GDate today, horizon;

  g_assert_no_error (error);
  /* The coordinator's later contact sets the due date. */
  yk_date_today (&today);
  horizon = today;
  g_date_add_years (&horizon, 10);
  due_list = yk_followup_list (f->db.coordinator, 0, 0, &today, &horizon, &error);
  for (guint i = 0; i < due_list->len; i++)
    {
      YkFollowup *item = due_list->pdata[i];
      if (item->client_id == f->spq_client)
        {
          g_assert_cmpstr (item->last_contact, ==, "2021-05-01");
          g_assert_true (item->at_risk);
        }
    }
  g_clear_pointer (&due_list, g_ptr_array_unref);

  /* A worker voids their own record, not someone else's; a reason is needed. */
  g_assert_false (yk_casework_void (f->db.worker, "contacts", by_coordinator, "wrong person", &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (yk_casework_void (f->db.worker, "contacts", by_worker, "  ", &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (yk_casework_void (f->db.worker, "contacts", by_worker, "wrong date", &error));
  g_assert_no_error (error);
  g_assert_false (yk_casework_void (f->db.coordinator, "contacts", by_worker, "again", &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (yk_casework_void (f->db.coordinator, "contacts", by_coordinator, "recorded twice", &error));

  /* Both voided: the person is back to "never reached". */
  due_list = yk_followup_list (f->db.coordinator, 0, 0, &today, &horizon, &error);
  for (guint i = 0; i < due_list->len; i++)
    {
      YkFollowup *item = due_list->pdata[i];
      if (item->client_id == f->spq_client)
        {
          g_assert_null (item->last_contact);
          g_assert_false (item->at_risk);
        }
    }
}

static void
test_every_write_audited (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkAuditCheck before, after;
  YkClientRecord *client;

  g_assert_true (yk_session_check_audit (f->db.coordinator, &before, &error));
  add_contact (f->db.worker, f->spq_client, "2021-04-01", NULL, &error);
  client = yk_casework_open_client (f->db.worker, f->spq_client, &error);
  yk_client_record_clear (client);
  g_free (client);
  /* A refused write leaves no audit row either. */
  g_assert_cmpint (add_contact (f->db.worker, f->spq_client, "2021-02-01", NULL, &error), ==, 0);
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (yk_session_check_audit (f->db.coordinator, &after, &error));
  g_assert_cmpint (after.first_bad_id, ==, 0);
  g_assert_cmpuint (after.rows, ==, before.rows + 2);
}

/* --- corrections --- */

/* The audit detail of the last "update" of a record, or NULL. */
static char *
last_update_detail (Fixture *f, const char *table, gint64 id)
{
  sqlite3_stmt *stmt = NULL;
  char *detail = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (app_test_connection (f->db.coordinator),
                                       "SELECT detail FROM audit WHERE action = 'update' AND record_table = ? "
                                       "AND record_id = ? ORDER BY id DESC LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, id);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    detail = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return detail;
}

/* Written down `days` ago, as if the clock had moved on since. */
static void
backdate (Fixture *f, const char *table, gint64 id, int days)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autoptr (GDateTime) then = g_date_time_add_days (now, -days);
  g_autofree char *at = g_date_time_format (then, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *sql = g_strdup_printf ("UPDATE %s SET created_at = '%s' WHERE id = %" G_GINT64_FORMAT, table, at, id);

  g_assert_cmpint (sqlite3_exec (app_test_connection (f->db.coordinator), sql, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_changes (app_test_connection (f->db.coordinator)), ==, 1);
}

static YkContactRecord
corrected_contact (gint64 id, const char *date)
{
  YkContactRecord c = { .id = id, .type = (char *) "home_visit", .date = (char *) date, .reached = TRUE,
                        .duration_min = 30, .risk_level = 4, .condition = (char *) "unstable",
                        .notes = (char *) "他说邻居张三昨晚来过" };
  return c;
}

static void
test_correct_contact (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkClientRecord) client = NULL;
  g_autoptr (YkContactRecord) stored = NULL;
  g_autofree char *detail = NULL;
  gint64 id = add_contact (f->db.worker, f->spq_client, "2021-04-01", "stable", &error);
  YkContactRecord c = corrected_contact (id, "2021-04-02");

  g_assert_no_error (error);
  /* The author, the same day: saved, and the risk level seen is the person's. */
  g_assert_true (yk_casework_may_correct (f->db.worker, "contacts", id, &error));
  g_assert_true (yk_casework_update_contact (f->db.worker, &c, &error));
  g_assert_no_error (error);
  stored = yk_casework_get_contact (f->db.coordinator, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->type, ==, "home_visit");
  g_assert_cmpstr (stored->date, ==, "2021-04-02");
  g_assert_cmpint (stored->client_id, ==, f->spq_client);
  g_assert_cmpint (stored->duration_min, ==, 30);
  client = yk_db_client_get (app_test_connection (f->db.coordinator), f->spq_client, 0, &error);
  g_assert_cmpint (client->risk_level, ==, 4);

  /* The trail says what changed, old → new, and never copies the notes. */
  detail = last_update_detail (f, "contacts", id);
  g_assert_nonnull (detail);
  g_assert_nonnull (strstr (detail, "type: phone → home_visit"));
  g_assert_nonnull (strstr (detail, "date: 2021-04-01 → 2021-04-02"));
  g_assert_nonnull (strstr (detail, "condition: stable → unstable"));
  g_assert_nonnull (strstr (detail, "risk_level: — → 4"));
  g_assert_nonnull (strstr (detail, "notes: changed"));
  g_assert_null (strstr (detail, "张三"));

  /* Saving the same again changes nothing and writes nothing. */
  {
    gint64 audit_rows = app_test_query_int (f->db.coordinator, "SELECT count(*) FROM audit");
    g_assert_true (yk_casework_update_contact (f->db.worker, &c, &error));
    g_assert_cmpint (app_test_query_int (f->db.coordinator, "SELECT count(*) FROM audit"), ==, audit_rows);
  }
}

static void
test_correction_rules (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkContactRecord) stored = NULL;
  g_autofree char *recovery = NULL;
  YkSession *other;
  gint64 recent = add_contact (f->db.worker, f->spq_client, "2021-04-01", "stable", &error);
  gint64 old = add_contact (f->db.worker, f->spq_client, "2021-05-01", "stable", &error);
  gint64 other_site = add_contact (f->db.coordinator, f->jl_client, "2021-05-01", "stable", &error);
  YkContactRecord c;
  gint64 audit_rows;

  g_assert_no_error (error);
  /* Six days on, the author still may; eight days on, only a coordinator. */
  backdate (f, "contacts", recent, 6);
  backdate (f, "contacts", old, 8);
  c = corrected_contact (recent, "2021-04-03");
  g_assert_true (yk_casework_update_contact (f->db.worker, &c, &error));
  g_assert_no_error (error);
  c = corrected_contact (old, "2021-05-03");
  g_assert_false (yk_casework_update_contact (f->db.worker, &c, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_assert_nonnull (strstr (error->message, "7 days"));
  g_assert_nonnull (strstr (error->message, "coordinator"));
  g_clear_error (&error);
  g_assert_true (yk_casework_update_contact (f->db.coordinator, &c, &error));
  g_assert_no_error (error);

  /* Another social worker of the same site may not, even on the day. */
  g_assert_true (yk_accounts_add (f->db.coordinator, "zhang", WORKER_PW, YK_ROLE_WORKER, "SPQ", "张社工",
                                  YK_KDF_INTERACTIVE, &error));
  other = yk_session_open (f->db.path, "zhang", WORKER_PW, &error);
  g_assert_no_error (error);
  recent = add_contact (f->db.worker, f->spq_client, "2021-04-05", "stable", &error);
  c = corrected_contact (recent, "2021-04-06");
  g_assert_false (yk_casework_may_correct (other, "contacts", recent, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (yk_casework_update_contact (other, &c, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_clear_error (&error);
  yk_session_close (other);

  /* Another site's record does not exist for a social worker. */
  c = corrected_contact (other_site, "2021-05-02");
  g_assert_false (yk_casework_update_contact (f->db.worker, &c, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_null (yk_casework_describe (f->db.worker, "contacts", other_site, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);

  /* An invalid value is refused and nothing is written. */
  audit_rows = app_test_query_int (f->db.coordinator, "SELECT count(*) FROM audit");
  c = corrected_contact (recent, "2021-02-01"); /* before intake */
  g_assert_false (yk_casework_update_contact (f->db.worker, &c, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);
  c = corrected_contact (recent, "2021-04-06");
  c.condition = NULL; /* reached, and no condition found */
  g_assert_false (yk_casework_update_contact (f->db.worker, &c, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (app_test_query_int (f->db.coordinator, "SELECT count(*) FROM audit"), ==, audit_rows);
  stored = yk_casework_get_contact (f->db.worker, recent, &error);
  g_assert_cmpstr (stored->date, ==, "2021-04-05");
  g_assert_cmpstr (stored->type, ==, "phone");

  /* A voided record is never corrected, not even by a coordinator. */
  g_assert_true (yk_casework_void (f->db.worker, "contacts", recent, "recorded twice", &error));
  c = corrected_contact (recent, "2021-04-06");
  g_assert_false (yk_casework_update_contact (f->db.coordinator, &c, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (yk_casework_may_correct (f->db.worker, "contacts", recent, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);

  /* A family member is voided and entered again, never corrected. */
  g_assert_false (yk_casework_may_correct (f->db.coordinator, "family_members", 1, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
}

static gint64
improved_people (Fixture *f, const char *to)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReport) report = _yk_report_compute_on (app_test_connection (f->db.coordinator), "2021-01-01", to,
                                                       0, &error);

  g_assert_no_error (error);
  return report->total[YK_INDICATOR_IMPROVED];
}

/* An SDSS item read off the paper wrongly, corrected: the figure of
 * people whose life improved follows, and the trail names each item. */
static void
test_correct_assessment (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkAssessmentRecord) stored = NULL;
  g_autofree char *detail = NULL;
  YkAssessmentRecord baseline = { .client_id = f->spq_client, .date = (char *) "2021-04-01",
                                  .items = { 1, 1, 1, 1, 1, 1, 1, 1, 9, 9 } };
  YkAssessmentRecord latest = { .client_id = f->spq_client, .date = (char *) "2021-06-01",
                                .items = { 1, 1, 1, 1, 1, 1, 1, 1, 9, 9 } };
  gint64 baseline_id = 0, latest_id = 0;

  g_assert_true (yk_casework_add_assessment (f->db.worker, &baseline, &baseline_id, &error));
  g_assert_true (yk_casework_add_assessment (f->db.worker, &latest, &latest_id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (improved_people (f, "2021-06-30"), ==, 0);

  /* Two items were 0 on the paper, not 1: 8 → 6 points, an improvement. */
  latest.id = latest_id;
  latest.client_id = f->jl_client; /* ignored: an assessment stays with its person */
  latest.items[0] = 0;
  latest.items[3] = 0;
  g_assert_true (yk_casework_may_correct (f->db.worker, "assessments", latest_id, &error));
  g_assert_true (yk_casework_update_assessment (f->db.worker, &latest, &error));
  g_assert_no_error (error);
  g_assert_cmpint (improved_people (f, "2021-06-30"), ==, 1);
  detail = last_update_detail (f, "assessments", latest_id);
  g_assert_cmpstr (detail, ==, "sdss_1: 1 → 0; sdss_4: 1 → 0");
  stored = yk_casework_get_assessment (f->db.coordinator, latest_id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->client_id, ==, f->spq_client);
  g_assert_cmpint (stored->items[0], ==, 0);
  g_assert_cmpint (stored->items[9], ==, 9);

  /* Its date moved after the quarter: at the quarter's end one assessment
   * remains, so nobody has improved yet. */
  latest.date = (char *) "2021-07-02";
  g_assert_true (yk_casework_update_assessment (f->db.worker, &latest, &error));
  g_assert_cmpint (improved_people (f, "2021-06-30"), ==, 0);
  g_assert_cmpint (improved_people (f, "2021-09-30"), ==, 1);

  /* A score the scale has not is refused, and nothing changes. */
  latest.items[2] = 3;
  g_assert_false (yk_casework_update_assessment (f->db.worker, &latest, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_clear_pointer (&stored, yk_assessment_record_free);
  stored = yk_casework_get_assessment (f->db.coordinator, latest_id, &error);
  g_assert_cmpint (stored->items[2], ==, 1);

  /* Eight days on, only a coordinator may. */
  backdate (f, "assessments", baseline_id, 8);
  baseline.id = baseline_id;
  baseline.items[1] = 2;
  g_assert_false (yk_casework_update_assessment (f->db.worker, &baseline, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_true (yk_casework_update_assessment (f->db.coordinator, &baseline, &error));
  g_assert_no_error (error);
}

static void
test_correct_plan_goal_and_referral (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *words = NULL;
  YkPlanGoalRecord goal = { .client_id = f->spq_client, .goal = (char *) "每周参加一次活动",
                            .target_date = (char *) "2021-06-30" };
  YkReferralRecord referral = { .client_id = f->spq_client, .date = (char *) "2021-04-10",
                                .to_kind = (char *) "hospital", .to_whom = (char *) "区精神卫生中心" };
  gint64 goal_id = 0, referral_id = 0;

  g_assert_true (yk_casework_add_plan_goal (f->db.worker, &goal, &goal_id, &error));
  g_assert_true (yk_casework_add_referral (f->db.worker, &referral, &referral_id, &error));
  g_assert_no_error (error);

  goal.id = goal_id;
  goal.client_id = f->jl_client; /* ignored: a goal stays with its person */
  goal.target_date = (char *) "2021-09-30";
  goal.progress = (char *) "已参加两次";
  g_assert_true (yk_casework_update_plan_goal (f->db.worker, &goal, &error));
  g_assert_no_error (error);
  detail = last_update_detail (f, "plan_goals", goal_id);
  g_assert_cmpstr (detail, ==, "target_date: 2021-06-30 → 2021-09-30; progress: changed");
  g_assert_cmpint (app_test_query_int (f->db.coordinator, "SELECT count(*) FROM plan_goals "
                                                         "WHERE client_id = 1 AND target_date = '2021-09-30'"),
                   ==, 1);
  goal.goal = (char *) "";
  g_assert_false (yk_casework_update_plan_goal (f->db.worker, &goal, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);

  referral.id = referral_id;
  referral.to_kind = (char *) "employment";
  referral.date = (char *) "2021-04-11";
  g_assert_true (yk_casework_update_referral (f->db.worker, &referral, &error));
  g_clear_pointer (&detail, g_free);
  detail = last_update_detail (f, "referrals", referral_id);
  g_assert_cmpstr (detail, ==, "date: 2021-04-10 → 2021-04-11; to_kind: hospital → employment");
  referral.to_kind = (char *) "zoo";
  g_assert_false (yk_casework_update_referral (f->db.worker, &referral, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);

  /* The words a void dialog names a record by: no name, no number of its own. */
  words = yk_casework_describe (f->db.worker, "referrals", referral_id, &error);
  g_assert_no_error (error);
  g_assert_nonnull (strstr (words, "2021-04-11"));
  g_assert_nonnull (strstr (words, "SPQ-001"));
  g_clear_pointer (&words, g_free);
  words = yk_casework_describe (f->db.worker, "contacts",
                                add_contact (f->db.worker, f->spq_client, "2021-12-03", "stable", &error), &error);
  g_assert_cmpstr (words, ==, "2021-12-03 Phone follow-up · SPQ-001");
}

static void
test_failed_unlocks_reach_the_audit_trail (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sidecar = g_strconcat (f->db.path, ".failed-unlocks", NULL);
  YkAuditCheck before, after;
  YkSession *again;

  g_assert_true (yk_session_check_audit (f->db.coordinator, &before, &error));
  for (int i = 0; i < 2; i++)
    {
      g_assert_null (yk_session_open (f->db.path, "li", "not the password", &error));
      g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
      g_clear_error (&error);
    }
  g_assert_true (g_file_test (sidecar, G_FILE_TEST_EXISTS));

  again = yk_session_open (f->db.path, "li", WORKER_PW, &error);
  g_assert_no_error (error);
  yk_session_close (again);
  g_assert_false (g_file_test (sidecar, G_FILE_TEST_EXISTS));
  g_assert_true (yk_session_check_audit (f->db.coordinator, &after, &error));
  /* Two failed attempts and the unlock itself. */
  g_assert_cmpuint (after.rows, ==, before.rows + 3);
  g_assert_cmpint (after.first_bad_id, ==, 0);
}

static void
test_duplicate_case_number (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkClientRecord r = valid_client ();

  g_assert_false (yk_casework_add_client (f->db.coordinator, &r, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/rules/id-number", test_id_number);
  g_test_add_func ("/app/rules/dates", test_dates);
  g_test_add_func ("/app/rules/typed-dates", test_typed_dates);
  g_test_add_func ("/app/rules/client", test_client_rules);
  g_test_add_func ("/app/rules/contact-and-sdss", test_contact_and_sdss_rules);
  g_test_add_func ("/app/rules/other-records", test_other_record_rules);
  g_test_add_func ("/app/followup/rule", test_followup_rule);
  g_test_add_func ("/app/followup/interval-setting", test_interval_setting);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/app/roles/own-site-only", test_worker_sees_own_site_only);
  ADD ("/app/roles/coordinator-only", test_coordinator_only_actions);
  ADD ("/app/records/voids", test_voids);
  ADD ("/app/records/audited", test_every_write_audited);
  ADD ("/app/records/correct-contact", test_correct_contact);
  ADD ("/app/records/correction-rules", test_correction_rules);
  ADD ("/app/records/correct-plan-goal-and-referral", test_correct_plan_goal_and_referral);
  ADD ("/app/records/correct-assessment", test_correct_assessment);
  ADD ("/app/records/duplicate-case-number", test_duplicate_case_number);
  ADD ("/app/audit/failed-unlocks", test_failed_unlocks_reach_the_audit_trail);
#undef ADD
  return g_test_run ();
}
