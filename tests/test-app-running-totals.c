/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The running totals of schema v2 (db/yk-schema-v2.sql) against a count
 * of the records. The figures come from the totals; the drill-down lists
 * the records with the queries of docs/design/indicators.md, written independently.
 * Both must agree for every figure, site and period — on the demo data,
 * and again after each kind of change a record can undergo. */
#include "app-test-util.h"
#include "yk-report-private.h"
#include "yk-casework.h"
#include "yk-demo.h"
#include "yk-reader.h"
#include "yk-report.h"
#include "yk-verify.h"

#include <glib/gstdio.h>

#define PW "coordinator pass 1"

static AppTestDb test_db;
static YkSession *session; /* the coordinator's */

static sqlite3 *
db (void)
{
  return yk_store_get_connection (yk_session_get_store (session));
}

static void
exec (const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db (), sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
  g_assert_cmpint (sqlite3_changes (db ()), >, 0);
}

/* Periods of every shape: whole quarters and months, ranges that start
 * and end inside a month, one day, the pilot so far, and a period with
 * no records at all. */
static const char *const periods[][2] = {
  { "2021-10-01", "2021-12-31" }, { "2020-10-01", "2021-12-31" }, { "2021-02-01", "2021-02-28" },
  { "2021-01-15", "2021-03-02" }, { "2021-05-31", "2021-06-01" }, { "2021-07-07", "2021-07-07" },
  { "2020-12-31", "2022-01-01" }, { "2021-03-01", "2021-03-31" }, { "2030-01-01", "2030-12-31" },
};

static void
assert_totals_match_records (const char *after)
{
  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (YkReport) report = _yk_report_compute_on (db (), periods[p][0], periods[p][1], 0, &error);

      g_assert_no_error (error);
      for (int k = 0; k < YK_N_INDICATORS; k++)
        for (guint s = 0; s < report->sites->len; s++)
          {
            YkReportSite *site = report->sites->pdata[s];
            g_autoptr (GArray) rows = yk_db_indicator_records (db (), (YkIndicator) k, site->site_id, report->from,
                                                               report->to, report->improvement_threshold, &error);
            gint64 sum = 0;

            g_assert_no_error (error);
            for (guint i = 0; i < rows->len; i++)
              sum += g_array_index (rows, YkCountedRecord, i).weight;
            if (sum != site->values[k])
              g_error ("after %s: %s of site %s, %s..%s: running totals say %lld, the records %lld", after,
                       yk_indicator_key ((YkIndicator) k), site->code, periods[p][0], periods[p][1],
                       (long long) site->values[k], (long long) sum);
          }
    }
}

static void
test_demo_data (void)
{
  assert_totals_match_records ("the demo");
}

static gboolean
is_flow (YkIndicator k)
{
  return k != YK_INDICATOR_CASE_FILES_TOTAL && k != YK_INDICATOR_CASELOAD_ACTIVE && k != YK_INDICATOR_IMPROVED;
}

/* The monthly series counts each month's flow figures alone: each equals
 * a report of that month, whole or cut by the period; the additive ones
 * add up to the period's; the stock ones are left at 0, as documented. */
static void
test_monthly_series (void)
{
  static const char *const cases[][3] = {
    /* from, to, the months' bounds */
    { "2021-10-01", "2021-12-31", "2021-10-01 2021-10-31 2021-11-01 2021-11-30 2021-12-01 2021-12-31" },
    { "2021-01-15", "2021-03-02", "2021-01-15 2021-01-31 2021-02-01 2021-02-28 2021-03-01 2021-03-02" },
  };
  g_autoptr (YkReader) reader = yk_reader_new_for_session (session);

  for (guint c = 0; c < G_N_ELEMENTS (cases); c++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (YkReport) period = _yk_report_compute_on (db (), cases[c][0], cases[c][1], 0, &error);
      g_autoptr (GPtrArray) months = yk_report_monthly (reader, period, &error);
      g_auto (GStrv) bounds = g_strsplit (cases[c][2], " ", -1);
      gint64 added[YK_N_INDICATORS] = { 0 };

      g_assert_no_error (error);
      g_assert_cmpuint (months->len, ==, 3);
      for (guint m = 0; m < months->len; m++)
        {
          YkReport *month = months->pdata[m];
          g_autoptr (YkReport) alone = NULL;

          g_assert_cmpstr (month->from, ==, bounds[2 * m]);
          g_assert_cmpstr (month->to, ==, bounds[2 * m + 1]);
          g_assert_true (month->flows_only);
          alone = _yk_report_compute_on (db (), month->from, month->to, 0, &error);
          g_assert_no_error (error);
          g_assert_cmpuint (month->sites->len, ==, alone->sites->len);
          for (guint s = 0; s < month->sites->len; s++)
            for (int k = 0; k < YK_N_INDICATORS; k++)
              {
                gint64 value = ((YkReportSite *) month->sites->pdata[s])->values[k];

                g_assert_cmpint (value, ==, is_flow ((YkIndicator) k) ? ((YkReportSite *) alone->sites->pdata[s])->values[k] : 0);
                added[k] += value;
              }
        }
      for (int k = 0; k < YK_N_INDICATORS; k++)
        if (is_flow ((YkIndicator) k) && k != YK_INDICATOR_BENEFICIARIES)
          g_assert_cmpint (added[k], ==, period->total[k]);
      /* Someone served in two months is one beneficiary of the period. */
      g_assert_cmpint (added[YK_INDICATOR_BENEFICIARIES], >=, period->total[YK_INDICATOR_BENEFICIARIES]);
      g_assert_cmpint (period->total[YK_INDICATOR_HOME_VISITS], >, 0);
    }
}

/* Each change touches records the figures count; the statements pick
 * rows that exist in any demo database (the first live one of a kind). */
static void
test_every_kind_of_change (void)
{
  static const struct
  {
    const char *what;
    const char *sql;
  } changes[] = {
    { "voiding a reached contact",
      "UPDATE contacts SET voided_at = 't', void_reason = 'x' WHERE id = "
      "(SELECT min(id) FROM contacts WHERE reached = 1 AND voided_at IS NULL)" },
    { "moving a contact to another month",
      "UPDATE contacts SET contact_date = '2021-03-09' WHERE id = "
      "(SELECT max(id) FROM contacts WHERE reached = 1 AND voided_at IS NULL AND contact_date > '2021-06-01')" },
    { "a phone call recorded as a home visit",
      "UPDATE contacts SET type = 'home_visit' WHERE id = "
      "(SELECT min(id) FROM contacts WHERE type = 'phone' AND reached = 1 AND voided_at IS NULL)" },
    { "marking a contact unreached",
      "UPDATE contacts SET reached = 0 WHERE id = "
      "(SELECT max(id) FROM contacts WHERE reached = 1 AND voided_at IS NULL)" },
    { "a new contact",
      "INSERT INTO contacts (client_id, type, contact_date, reached, created_at) "
      "SELECT min(id), 'phone', '2021-07-07', 1, 't' FROM clients WHERE voided_at IS NULL" },
    { "voiding an attendance",
      "UPDATE attendances SET voided_at = 't', void_reason = 'x' WHERE id = "
      "(SELECT min(id) FROM attendances WHERE voided_at IS NULL)" },
    { "an attendance given to another person",
      "UPDATE attendances SET client_id = (SELECT max(id) FROM clients WHERE voided_at IS NULL) WHERE id = "
      "(SELECT max(t.id) FROM attendances t WHERE t.client_id IS NOT NULL AND t.voided_at IS NULL "
      "  AND NOT EXISTS (SELECT 1 FROM attendances u WHERE u.activity_id = t.activity_id "
      "    AND u.client_id = (SELECT max(id) FROM clients WHERE voided_at IS NULL)))" },
    { "moving an activity to another day and site",
      "UPDATE activities SET activity_date = '2021-05-31', site_id = 3 - site_id, resident_count = resident_count + 4 "
      "WHERE id = (SELECT min(a.id) FROM activities a JOIN attendances t ON t.activity_id = a.id "
      "  WHERE a.voided_at IS NULL AND t.voided_at IS NULL)" },
    /* As the activity dialog corrects one: its date moves to another
     * month and quarter at its own site; its attendances go with it. */
    { "moving an activity with a family member's attendance to another month and quarter",
      "UPDATE activities SET activity_date = '2021-02-14', title = title || '（改期）', resident_count = resident_count + 1 "
      "WHERE id = (SELECT max(a.id) FROM activities a JOIN attendances t ON t.activity_id = a.id "
      "  WHERE a.voided_at IS NULL AND t.voided_at IS NULL AND t.family_id IS NOT NULL AND a.activity_date > '2021-06-01')" },
    { "moving an activity to another day of its month",
      "UPDATE activities SET activity_date = substr (activity_date, 1, 8) || iif (substr (activity_date, 9) = '01', '02', '01') "
      "WHERE id = (SELECT min(a.id) FROM activities a JOIN attendances t ON t.activity_id = a.id "
      "  WHERE a.voided_at IS NULL AND t.voided_at IS NULL AND a.activity_date > '2021-06-01')" },
    { "voiding an activity with attendances",
      "UPDATE activities SET voided_at = 't', void_reason = 'x' WHERE id = "
      "(SELECT max(a.id) FROM activities a JOIN attendances t ON t.activity_id = a.id "
      "  WHERE a.voided_at IS NULL AND t.voided_at IS NULL)" },
    { "voiding a family member who attended",
      "UPDATE family_members SET voided_at = 't', void_reason = 'x' WHERE id = "
      "(SELECT min(family_id) FROM attendances WHERE family_id IS NOT NULL AND voided_at IS NULL)" },
    { "voiding a person with records",
      "UPDATE clients SET voided_at = 't', void_reason = 'x' WHERE id = "
      "(SELECT min(k.client_id) FROM contacts k JOIN family_members f ON f.client_id = k.client_id "
      "  JOIN attendances t ON t.family_id = f.id WHERE k.voided_at IS NULL AND t.voided_at IS NULL)" },
    { "moving a person to the other site",
      "UPDATE clients SET site_id = 3 - site_id WHERE id = "
      "(SELECT max(client_id) FROM contacts WHERE reached = 1 AND voided_at IS NULL)" },
    { "a questionnaire made anonymous",
      "UPDATE questionnaires SET client_id = NULL, family_id = NULL WHERE id = "
      "(SELECT min(id) FROM questionnaires WHERE client_id IS NOT NULL AND voided_at IS NULL)" },
    { "voiding a questionnaire",
      "UPDATE questionnaires SET voided_at = 't', void_reason = 'x' WHERE id = "
      "(SELECT max(id) FROM questionnaires WHERE voided_at IS NULL)" },
    { "moving an assessment to another month",
      "UPDATE assessments SET a_date = '2021-02-14' WHERE id = "
      "(SELECT max(id) FROM assessments WHERE voided_at IS NULL AND a_date > '2021-06-01')" },
    { "voiding an assessment",
      "UPDATE assessments SET voided_at = 't', void_reason = 'x' WHERE id = "
      "(SELECT min(id) FROM assessments WHERE voided_at IS NULL)" },
    { "deleting a contact (a rolled-back import's undo)",
      "DELETE FROM contacts WHERE id = (SELECT max(id) FROM contacts WHERE reached = 1 AND voided_at IS NULL)" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (changes); i++)
    {
      sqlite3_stmt *stmt = NULL;

      exec (changes[i].sql);
      assert_totals_match_records (changes[i].what);
      /* The recount requests are consumed inside the trigger. */
      g_assert_cmpint (sqlite3_prepare_v2 (db (), "SELECT count(*) FROM served_months_recount", -1, &stmt, NULL), ==,
                       SQLITE_OK);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
      g_assert_cmpint (sqlite3_column_int (stmt, 0), ==, 0);
      sqlite3_finalize (stmt);
    }
}

/* One indicator summed over the sites, for a period. */
static gint64
figure (const char *from, const char *to, YkIndicator indicator)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReport) report = _yk_report_compute_on (db (), from, to, 0, &error);
  gint64 sum = 0;

  g_assert_no_error (error);
  for (guint s = 0; s < report->sites->len; s++)
    sum += ((YkReportSite *) report->sites->pdata[s])->values[indicator];
  return sum;
}

/* A correction through the casework, as the window saves it: a phone
 * call of the third quarter was a home visit in the second. Both
 * quarters' figures move, and the totals still match the records. */
static void
test_correction_moves_figures (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkContactRecord) contact = NULL;
  sqlite3_stmt *stmt = NULL;
  gint64 id, q2_home, q2_phone, q3_home, q3_phone;

  g_assert_cmpint (sqlite3_prepare_v2 (db (),
    "SELECT k.id FROM contacts k JOIN clients c ON c.id = k.client_id WHERE k.type = 'phone' AND k.reached = 1 "
    "AND k.voided_at IS NULL AND c.voided_at IS NULL AND k.contact_date BETWEEN '2021-07-01' AND '2021-09-30' "
    "AND c.intake_date <= '2021-04-01' ORDER BY k.id LIMIT 1", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  id = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);

  q2_home = figure ("2021-04-01", "2021-06-30", YK_INDICATOR_HOME_VISITS);
  q2_phone = figure ("2021-04-01", "2021-06-30", YK_INDICATOR_PHONE_FOLLOWUPS);
  q3_home = figure ("2021-07-01", "2021-09-30", YK_INDICATOR_HOME_VISITS);
  q3_phone = figure ("2021-07-01", "2021-09-30", YK_INDICATOR_PHONE_FOLLOWUPS);

  contact = yk_casework_get_contact (session, id, &error);
  g_assert_no_error (error);
  g_free (contact->type);
  contact->type = g_strdup ("home_visit");
  g_free (contact->date);
  contact->date = g_strdup ("2021-05-12");
  if (contact->condition == NULL)
    contact->condition = g_strdup ("stable");
  if (contact->risk_level < 0)
    contact->risk_level = 0;
  g_clear_pointer (&contact->next_date, g_free);
  g_assert_true (yk_casework_update_contact (session, contact, &error));
  g_assert_no_error (error);

  g_assert_cmpint (figure ("2021-04-01", "2021-06-30", YK_INDICATOR_HOME_VISITS), ==, q2_home + 1);
  g_assert_cmpint (figure ("2021-04-01", "2021-06-30", YK_INDICATOR_PHONE_FOLLOWUPS), ==, q2_phone);
  g_assert_cmpint (figure ("2021-07-01", "2021-09-30", YK_INDICATOR_HOME_VISITS), ==, q3_home);
  g_assert_cmpint (figure ("2021-07-01", "2021-09-30", YK_INDICATOR_PHONE_FOLLOWUPS), ==, q3_phone - 1);
  assert_totals_match_records ("correcting a contact's date and type");
}

static gsize
verify_running_total_problems (void)
{
  g_autoptr (GError) error = NULL;
  YkVerifyReport report;
  gsize problems;

  g_assert_true (yk_verify (session, &report, &error));
  g_assert_no_error (error);
  problems = report.running_totals->len;
  yk_verify_report_clear (&report);
  return problems;
}

/* `yukang verify` recounts the totals: it finds nothing after the
 * changes above, and finds a total changed behind the triggers' back. */
static void
test_verify_recounts (void)
{
  g_assert_cmpuint (verify_running_total_problems (), ==, 0);
  exec ("UPDATE figures_by_day SET home_visits = home_visits + 1 WHERE day = (SELECT max(day) FROM figures_by_day)");
  g_assert_cmpuint (verify_running_total_problems (), ==, 1);
  exec ("UPDATE figures_by_day SET home_visits = home_visits - 1 WHERE day = (SELECT max(day) FROM figures_by_day)");
  exec ("UPDATE served_months SET days = days | 2 WHERE month = (SELECT min(month) FROM served_months)");
  g_assert_cmpuint (verify_running_total_problems (), ==, 1);
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  app_test_db_init (&test_db, "totals.ykdb");
  app_test_db_create (&test_db, "admin", NULL, PW);
  session = g_steal_pointer (&test_db.coordinator);
  g_assert_true (yk_demo_fill (session, 7, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);

  g_test_add_func ("/app/running-totals/demo", test_demo_data);
  g_test_add_func ("/app/running-totals/monthly", test_monthly_series);
  g_test_add_func ("/app/running-totals/changes", test_every_kind_of_change);
  g_test_add_func ("/app/running-totals/correction", test_correction_moves_figures);
  g_test_add_func ("/app/running-totals/verify", test_verify_recounts);
  status = g_test_run ();

  g_clear_pointer (&session, yk_session_close);
  app_test_db_clear (&test_db);
  return status;
}
