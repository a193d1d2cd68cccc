/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workload engine (docs/design/workload.md) against a fixture whose
 * every count is worked out by hand below, and its formats against the
 * engine to the digit. Period 2021Q4: 2021-10-01..2021-12-31.
 *
 * Staff      王协调 coordinator (no site);  李社工 SPQ (account li);
 *            张社工 SPQ;  赵社工 JL
 * Clients    A, B at SPQ;  C at JL;  V at SPQ, VOIDED (nothing through V counts)
 *
 * Contacts (worker, person, type, date, reached, minutes)
 *   李  A home  10-05 ✓ 60      李  A phone 11-01 ✓ 15     李  B home 12-31 ✓ 45
 *   李  B phone 11-10 ✗ 5 (unreached: no minutes)          李  A home 11-20 ✓ 30 VOIDED
 *   李  A home  09-30 ✓ 50 (before the period)             李  V phone 10-10 ✓ 20 (V voided)
 *   张  A phone 10-15 ✓ 10      张  A home 12-01 ✗
 *   赵  C home  10-20 ✓ 40      赵  C phone 2022-01-05 ✓ (after)
 *   王  C phone 11-11 ✓ (no duration)
 *   —   B phone 10-25 ✓ 25 (no worker, as a ledger may have it: counts in no row)
 * Assessments (recorder): 李 A 10-08, 李 B 11-11, 李 A 12-12 VOIDED; 赵 C 10-20
 * Activities (负责人 → credited to)
 *   ACT1 SPQ 11-05 “李社工、张社工” → 李, 张; 3 residents; A, B, FA (A's family) attend
 *        → 3 rows + 3 = 6 attendances
 *   ACT2 SPQ 12-10 “李社工” → 李; A, V attend (V's row counts nowhere) → 1
 *   ACT3 JL  10-30 no 负责人 → its recorder 王; 2 residents; C attends → 3
 *   ACT4 SPQ 11-15 “李社工”, VOIDED → nowhere
 *   ACT5 JL  11-20 “赵社工” → 赵; 5 residents; C's row voided → 5
 *
 *             home phone unreached assess. activities attend. minutes people
 *   李社工      2     1      1        2        2        7      120     2 (A, B)
 *   张社工      0     1      1        0        1        6       10     1 (A)
 *   赵社工      1     0      0        1        1        5       40     1 (C)
 *   王协调      0     1      0        0        1        3        0     1 (C)
 *   SPQ合计     2     2      2        2        2 (ACT1 once)  7  130  2 (A, B)
 *   JL合计      1     0      0        1        1        5       40     1
 *   合计        3     3      2        3        4       15      170     3 (A, B, C)
 *
 * Training (docs/design/training.md; hours in tenths: 2.5 h is 25)
 *   T1 2021-03-10  6.0 h  李, 张      (the year, not the period)
 *   T2 2021-10-12  2.5 h  李, 赵, 王
 *   T3 2021-11-20 12.0 h  李
 *   T4 2021-12-01  3.0 h  张          VOIDED: nowhere
 *   T5 2022-01-08  1.0 h  赵          (another year: nowhere)
 *
 *             period        year (2021)             below 20 h
 *   李社工    2.5+12 = 14.5  6+2.5+12 = 20.5          no
 *   张社工    0              6.0                       yes
 *   赵社工    2.5            2.5                       yes
 *   王协调    2.5            2.5                       no (a coordinator)
 *   SPQ合计   14.5           20.5+6 = 26.5
 *   JL合计    2.5            2.5
 *   合计      14.5+2.5+2.5 = 19.5   20.5+6+2.5+2.5 = 31.5 (王, without a site, too)
 */
#include "app-test-util.h"
#include "yk-app-error.h"
#include "yk-casework.h"
#include "yk-training.h"
#include "yk-workload.h"

#include <glib/gstdio.h>
#include <string.h>

static AppTestDb db;
static YkSession *session; /* the coordinator's */
static gint64 li, zhang, zhao, wang;

typedef struct
{
  const char *name;
  gint64 values[YK_N_WORKLOAD];
  gint64 training, training_year; /* tenths of an hour */
  gboolean below_goal;
} Expected;

static const Expected expected_workers[] = {
  { "李社工", { 2, 1, 1, 2, 2, 7, 120, 2 }, 145, 205, FALSE },
  { "张社工", { 0, 1, 1, 0, 1, 6, 10, 1 }, 0, 60, TRUE },
  { "赵社工", { 1, 0, 0, 1, 1, 5, 40, 1 }, 25, 25, TRUE },
  { "王协调", { 0, 1, 0, 0, 1, 3, 0, 1 }, 25, 25, FALSE },
};
static const Expected expected_sites[] = {
  { "SPQ", { 2, 2, 2, 2, 2, 7, 130, 2 }, 145, 265, FALSE },
  { "JL", { 1, 0, 0, 1, 1, 5, 40, 1 }, 25, 25, FALSE },
};
static const Expected expected_total_training = { "total", { 0 }, 195, 315, FALSE };
static const gint64 expected_total[YK_N_WORKLOAD] = { 3, 3, 2, 3, 4, 15, 170, 3 };

static gint64
client (const char *case_no, gint64 site)
{
  g_autoptr (GError) error = NULL;
  YkClientRecord r = { .case_no = (char *) case_no, .name = (char *) "测试", .site_id = site,
                       .intake_date = (char *) "2021-01-10", .consent_date = (char *) "2021-01-10",
                       .stable_at_intake = TRUE, .risk_level = -1 };
  gint64 id = 0;

  g_assert_true (yk_casework_add_client (session, &r, &id, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
contact (gint64 worker, gint64 client_id, const char *type, const char *date, gboolean reached, int minutes)
{
  g_autoptr (GError) error = NULL;
  YkContactRecord c = { .client_id = client_id, .type = (char *) type, .date = (char *) date,
                        .worker_id = worker, .reached = reached, .duration_min = minutes, .risk_level = -1 };
  gint64 id = 0;

  if (!reached)
    c.unreached_reason = (char *) "无人接听";
  g_assert_true (yk_casework_add_contact (session, &c, &id, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
activity (gint64 site, const char *date, const char *facilitator, int residents)
{
  g_autoptr (GError) error = NULL;
  YkActivityRecord a = { .site_id = site, .date = (char *) date, .title = (char *) "小组活动",
                         .facilitator = (char *) facilitator, .resident_count = residents };
  gint64 id = 0;

  g_assert_true (yk_casework_add_activity (session, &a, &id, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
attend (gint64 activity_id, gint64 client_id, gint64 family_id)
{
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  g_assert_true (yk_casework_add_attendance (session, activity_id, client_id, family_id, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* Recorded by the coordinator, then credited to `recorder` as if they
 * had recorded it (the recorder is who did an assessment). */
static gint64
assessment (gint64 recorder, gint64 client_id, const char *date)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *sql = NULL;
  YkAssessmentRecord a = { .client_id = client_id, .date = (char *) date, .items = { 1, 1, 1, 1, 1, 0, 0, 0, 0, 0 } };
  gint64 id = 0;

  g_assert_true (yk_casework_add_assessment (session, &a, &id, &error));
  g_assert_no_error (error);
  sql = g_strdup_printf ("UPDATE assessments SET created_by = %" G_GINT64_FORMAT " WHERE id = %" G_GINT64_FORMAT,
                         recorder, id);
  app_test_exec (session, sql);
  return id;
}

static gint64
training (const char *date, int tenths, gint64 a, gint64 b, gint64 c)
{
  g_autoptr (GError) error = NULL;
  gint64 staff[3] = { a, b, c };
  YkTrainingRecord r = { .date = date, .title = "培训", .hours_tenths = tenths, .staff_ids = staff,
                         .n_staff = c != 0 ? 3 : b != 0 ? 2 : 1 };
  gint64 id = 0;

  g_assert_true (yk_training_record (session, &r, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
void_record (const char *table, gint64 id)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (yk_casework_void (session, table, id, "test fixture", &error));
  g_assert_no_error (error);
}

static gint64
staff_named (const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM staff WHERE display_name = '%s'", name);

  return app_test_query_int (session, sql);
}

static void
build_fixture (void)
{
  g_autoptr (GError) error = NULL;
  gint64 a, b, c, v, fa, act1, act2, act3, act4, act5;

  app_test_db_init (&db, "workload.ykdb");
  app_test_db_create (&db, APP_TEST_COORDINATOR, APP_TEST_COORDINATOR_NAME, APP_TEST_COORDINATOR_PASSWORD);
  app_test_db_add_worker (&db, APP_TEST_WORKER, APP_TEST_WORKER_PASSWORD, "SPQ", APP_TEST_WORKER_NAME);
  app_test_db_add_worker (&db, "zhang", "zhang's own passphrase", "SPQ", "张社工");
  app_test_db_add_worker (&db, "zhao", "zhao's own passphrase", "JL", "赵社工");
  session = db.coordinator;
  li = staff_named ("李社工");
  zhang = staff_named ("张社工");
  zhao = staff_named ("赵社工");
  wang = staff_named ("王协调");
  g_assert_cmpint (li * zhang * zhao * wang, >, 0);

  a = client ("A", 1);
  b = client ("B", 1);
  c = client ("C", 2);
  v = client ("V", 1);
  {
    YkFamilyRecord f = { .client_id = a, .name = (char *) "家属" };

    g_assert_true (yk_casework_add_family (session, &f, &fa, &error));
    g_assert_no_error (error);
  }

  contact (li, a, "home_visit", "2021-10-05", TRUE, 60);
  contact (li, a, "phone", "2021-11-01", TRUE, 15);
  contact (li, b, "home_visit", "2021-12-31", TRUE, 45);
  contact (li, b, "phone", "2021-11-10", FALSE, 5);
  void_record ("contacts", contact (li, a, "home_visit", "2021-11-20", TRUE, 30));
  contact (li, a, "home_visit", "2021-09-30", TRUE, 50);
  contact (li, v, "phone", "2021-10-10", TRUE, 20);
  contact (zhang, a, "phone", "2021-10-15", TRUE, 10);
  contact (zhang, a, "home_visit", "2021-12-01", FALSE, -1);
  contact (zhao, c, "home_visit", "2021-10-20", TRUE, 40);
  contact (zhao, c, "phone", "2022-01-05", TRUE, 30);
  contact (wang, c, "phone", "2021-11-11", TRUE, -1);
  {
    /* A ledger row without a 社工 (the window names the recorder when no
     * worker is chosen, so this comes from elsewhere). */
    g_autofree char *sql = g_strdup_printf ("UPDATE contacts SET worker_id = NULL WHERE id = %" G_GINT64_FORMAT,
                                            contact (0, b, "phone", "2021-10-25", TRUE, 25));

    app_test_exec (session, sql);
  }

  assessment (li, a, "2021-10-08");
  assessment (li, b, "2021-11-11");
  void_record ("assessments", assessment (li, a, "2021-12-12"));
  assessment (zhao, c, "2021-10-20");

  act1 = activity (1, "2021-11-05", "李社工、张社工", 3);
  attend (act1, a, 0);
  attend (act1, b, 0);
  attend (act1, 0, fa);
  act2 = activity (1, "2021-12-10", "李社工", 0);
  attend (act2, a, 0);
  attend (act2, v, 0);
  act3 = activity (2, "2021-10-30", NULL, 2);
  attend (act3, c, 0);
  act4 = activity (1, "2021-11-15", "李社工", 4);
  attend (act4, a, 0);
  void_record ("activities", act4);
  act5 = activity (2, "2021-11-20", "赵社工", 5);
  void_record ("attendances", attend (act5, c, 0));

  training ("2021-03-10", 60, li, zhang, 0);
  training ("2021-10-12", 25, li, zhao, wang);
  training ("2021-11-20", 120, li, 0, 0);
  {
    gint64 t4 = training ("2021-12-01", 30, zhang, 0, 0);

    g_assert_true (yk_training_void (session, t4, "test fixture", &error));
    g_assert_no_error (error);
  }
  training ("2022-01-08", 10, zhao, 0, 0);

  /* V last: voiding a person leaves their records, which then count nowhere. */
  void_record ("clients", v);
}

static const YkWorkloadRow *
worker_row (const YkWorkload *w, const char *name)
{
  for (guint i = 0; i < w->workers->len; i++)
    if (g_str_equal (((YkWorkloadRow *) w->workers->pdata[i])->name, name))
      return w->workers->pdata[i];
  return NULL;
}

static const YkWorkloadRow *
site_row (const YkWorkload *w, const char *code)
{
  for (guint i = 0; i < w->sites->len; i++)
    if (g_str_equal (((YkWorkloadRow *) w->sites->pdata[i])->site_code, code))
      return w->sites->pdata[i];
  return NULL;
}

static void
assert_values (const gint64 *actual, const gint64 *expected, const char *what)
{
  for (int k = 0; k < YK_N_WORKLOAD; k++)
    if (actual[k] != expected[k])
      g_error ("%s: %s is %" G_GINT64_FORMAT ", expected %" G_GINT64_FORMAT, what,
               yk_workload_key ((YkWorkloadFigure) k), actual[k], expected[k]);
}

static void
assert_training (const YkWorkloadRow *row, const Expected *expected)
{
  if (row->training_tenths != expected->training || row->training_year_tenths != expected->training_year ||
      row->training_below_goal != expected->below_goal)
    g_error ("%s: training %" G_GINT64_FORMAT "/%" G_GINT64_FORMAT " below %d, expected %" G_GINT64_FORMAT
             "/%" G_GINT64_FORMAT " below %d",
             expected->name, row->training_tenths, row->training_year_tenths, row->training_below_goal,
             expected->training, expected->training_year, expected->below_goal);
}

static const Expected *
expected_of (const YkWorkloadRow *row)
{
  if (row->staff_id != 0)
    {
      for (guint i = 0; i < G_N_ELEMENTS (expected_workers); i++)
        if (g_str_equal (expected_workers[i].name, row->name))
          return &expected_workers[i];
    }
  else if (row->site_code != NULL)
    {
      for (guint i = 0; i < G_N_ELEMENTS (expected_sites); i++)
        if (g_str_equal (expected_sites[i].name, row->site_code))
          return &expected_sites[i];
    }
  return &expected_total_training;
}

static void
test_coordinator_sees_all (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkWorkload) w = yk_workload_for_session (session, "2021Q4", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (w->from, ==, "2021-10-01");
  g_assert_cmpstr (w->to, ==, "2021-12-31");
  g_assert_cmpuint (w->workers->len, ==, G_N_ELEMENTS (expected_workers));
  for (guint i = 0; i < G_N_ELEMENTS (expected_workers); i++)
    {
      const YkWorkloadRow *row = worker_row (w, expected_workers[i].name);

      g_assert_nonnull (row);
      assert_values (row->values, expected_workers[i].values, expected_workers[i].name);
      assert_training (row, &expected_workers[i]);
    }
  g_assert_cmpstr (worker_row (w, "李社工")->site_code, ==, "SPQ");
  g_assert_null (worker_row (w, "王协调")->site_code);
  g_assert_cmpuint (w->sites->len, ==, 2);
  for (guint i = 0; i < G_N_ELEMENTS (expected_sites); i++)
    {
      assert_values (site_row (w, expected_sites[i].name)->values, expected_sites[i].values, expected_sites[i].name);
      assert_training (site_row (w, expected_sites[i].name), &expected_sites[i]);
    }
  assert_values (w->total->values, expected_total, "total");
  assert_training (w->total, &expected_total_training);
}

/* The same records in a month and a cumulative period. */
static void
test_periods (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkWorkload) november = yk_workload_for_session (session, "2021-11", NULL, &error);
  g_autoptr (YkWorkload) range = NULL;
  /* November: 李 phone A 11-01, unreached B 11-10, assessment B 11-11, ACT1; 张 ACT1; 赵 ACT5; 王 phone C. */
  const gint64 li_november[YK_N_WORKLOAD] = { 0, 1, 1, 1, 1, 6, 15, 1 };
  /* 09-30..10-05: 李's two home visits of A (50 + 60 minutes). */
  const gint64 li_range[YK_N_WORKLOAD] = { 2, 0, 0, 0, 0, 0, 110, 1 };

  g_assert_no_error (error);
  assert_values (worker_row (november, "李社工")->values, li_november, "李社工 2021-11");
  /* November: T3 alone (12.0 h); the year is still 2021's. */
  g_assert_cmpint (worker_row (november, "李社工")->training_tenths, ==, 120);
  g_assert_cmpint (worker_row (november, "李社工")->training_year_tenths, ==, 205);
  range = yk_workload_for_session (session, "2021-09-30..2021-10-05", NULL, &error);
  g_assert_no_error (error);
  assert_values (worker_row (range, "李社工")->values, li_range, "李社工 range");
  g_assert_cmpint (range->total->values[YK_WORKLOAD_HOME_VISITS], ==, 2);
}

/* A social worker sees their own row and their site's total; another
 * site is refused. */
static void
test_worker_scope (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkWorkload) w = NULL;
  YkWorkload *refused;

  app_test_db_open_worker (&db);
  w = yk_workload_for_session (db.worker, "2021Q4", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (w->workers->len, ==, 1);
  g_assert_cmpstr (((YkWorkloadRow *) w->workers->pdata[0])->name, ==, "李社工");
  assert_values (((YkWorkloadRow *) w->workers->pdata[0])->values, expected_workers[0].values, "own row");
  g_assert_cmpuint (w->sites->len, ==, 1);
  g_assert_cmpstr (((YkWorkloadRow *) w->sites->pdata[0])->site_code, ==, "SPQ");
  assert_values (((YkWorkloadRow *) w->sites->pdata[0])->values, expected_sites[0].values, "own site");
  assert_values (w->total->values, expected_sites[0].values, "a worker's total");

  refused = yk_workload_for_session (db.worker, "2021Q4", "JL", &error);
  g_assert_null (refused);
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
}

/* A coordinator's --site: that site's workers and its total. */
static void
test_one_site (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkWorkload) w = yk_workload_for_session (session, "2021Q4", "JL", &error);

  g_assert_no_error (error);
  g_assert_cmpuint (w->workers->len, ==, 1);
  g_assert_cmpstr (((YkWorkloadRow *) w->workers->pdata[0])->name, ==, "赵社工");
  g_assert_cmpuint (w->sites->len, ==, 1);
  assert_values (w->total->values, expected_sites[1].values, "JL total");
  g_assert_null (yk_workload_for_session (session, "2021Q4", "NOPE", &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
}

/* Every row of the engine, in the formats' order: workers, sites, total. */
static GPtrArray *
engine_rows (const YkWorkload *w)
{
  GPtrArray *rows = g_ptr_array_new ();

  for (guint i = 0; i < w->workers->len; i++)
    g_ptr_array_add (rows, w->workers->pdata[i]);
  for (guint i = 0; i < w->sites->len; i++)
    g_ptr_array_add (rows, w->sites->pdata[i]);
  g_ptr_array_add (rows, w->total);
  return rows;
}

static void
test_csv_agrees (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkWorkload) w = yk_workload_for_session (session, "2021Q4", NULL, &error);
  g_autoptr (GPtrArray) rows = engine_rows (w);
  g_autofree char *csv = yk_workload_to_csv (w);
  g_auto (GStrv) lines = g_strsplit (csv, "\r\n", -1);

  g_assert_true (g_str_has_prefix (lines[0], "社工,站点,上门服务（人次）,电话随访（人次）"));
  for (guint i = 0; i < rows->len; i++)
    {
      const YkWorkloadRow *row = rows->pdata[i];
      g_auto (GStrv) cells = g_strsplit (lines[i + 1], ",", -1);

      g_autofree char *hours = yk_training_hours_format (row->training_tenths);
      g_autofree char *year = yk_training_hours_format (row->training_year_tenths);

      g_assert_cmpuint (g_strv_length (cells), ==, 2 + YK_N_WORKLOAD + 3);
      if (row->staff_id != 0)
        g_assert_cmpstr (cells[0], ==, row->name);
      for (int k = 0; k < YK_N_WORKLOAD; k++)
        g_assert_cmpint (g_ascii_strtoll (cells[2 + k], NULL, 10), ==, row->values[k]);
      g_assert_cmpstr (cells[2 + YK_N_WORKLOAD], ==, hours);
      g_assert_cmpstr (cells[3 + YK_N_WORKLOAD], ==, year);
      g_assert_cmpstr (cells[4 + YK_N_WORKLOAD], ==, expected_of (row)->below_goal ? "不足20小时" : "");
    }
  g_assert_true (g_str_has_suffix (lines[0], ",培训学时（小时）,年度培训学时（小时）,培训提示"));
  g_assert_cmpstr (lines[rows->len], ==, "合计,,3,3,2,3,4,15,170,3,19.5,31.5,");
  g_assert_cmpstr (lines[rows->len + 1], ==, "");
}

static void
append_figures (GString *out, const gint64 *values)
{
  for (int k = 0; k < YK_N_WORKLOAD; k++)
    g_string_append_printf (out, "%s\"%s\": %" G_GINT64_FORMAT, k ? ", " : "", yk_workload_key ((YkWorkloadFigure) k),
                            values[k]);
}

/* Hours as every format writes them; freed at the test's end. */
static GPtrArray *formatted;

static const char *
g_autofree_hours (gint64 tenths)
{
  char *text = yk_training_hours_format (tenths);

  if (formatted == NULL)
    formatted = g_ptr_array_new_with_free_func (g_free);
  g_ptr_array_add (formatted, text);
  return text;
}

/* PRODUCT.md's keys, every worker's figures as the engine has them. */
static void
test_json_agrees (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkWorkload) w = yk_workload_for_session (session, "2021Q4", NULL, &error);
  g_autofree char *json = yk_workload_to_json (w);

  g_assert_true (g_str_has_prefix (json, "{\n  \"from\": \"2021-10-01\",\n  \"to\": \"2021-12-31\",\n  \"workers\": ["));
  for (guint i = 0; i < w->workers->len; i++)
    {
      const YkWorkloadRow *row = w->workers->pdata[i];
      g_autoptr (GString) want = g_string_new ("{\"name\": \"");

      g_string_append_printf (want, "%s\", \"site\": ", row->name);
      if (row->site_code != NULL)
        g_string_append_printf (want, "\"%s\", ", row->site_code);
      else
        g_string_append (want, "null, ");
      append_figures (want, row->values);
      g_string_append_printf (want, ", \"training_hours\": %s, \"training_hours_year\": %s, "
                              "\"training_below_goal\": %s",
                              g_autofree_hours (row->training_tenths), g_autofree_hours (row->training_year_tenths),
                              expected_of (row)->below_goal ? "true" : "false");
      if (strstr (json, want->str) == NULL)
        g_error ("the JSON has no “%s” in: %s", want->str, json);
    }
  {
    g_autoptr (GString) want = g_string_new ("\"total\": {");

    append_figures (want, expected_total);
    g_string_append (want, ", \"training_hours\": 19.5, \"training_hours_year\": 31.5}");
    g_assert_nonnull (strstr (json, want->str));
  }
  g_assert_nonnull (strstr (json, "\"training_hours\": 14.5, \"training_hours_year\": 26.5}"));
  g_assert_nonnull (strstr (json, "{\"code\": \"SPQ\", \"name\": "));
}

static void
test_text (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkWorkload) w = yk_workload_for_session (session, "2021Q4", NULL, &error);
  g_autofree char *text = yk_workload_to_text (w);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);
  gboolean seen_total = FALSE;

  g_assert_true (g_str_has_prefix (text, "渝康家园社工工作量 2021年10月1日—2021年12月31日\n"));
  for (guint i = 0; lines[i] != NULL; i++)
    if (g_str_has_prefix (lines[i], "合计 "))
      {
        g_auto (GStrv) words = g_strsplit_set (lines[i], " ", -1);
        GString *numbers = g_string_new (NULL);

        for (guint j = 1; words[j] != NULL; j++)
          if (*words[j] != '\0')
            g_string_append_printf (numbers, "%s ", words[j]);
        g_assert_cmpstr (numbers->str, ==, "3 3 2 3 4 15 170 3 19.5 31.5 ");
        g_string_free (numbers, TRUE);
        seen_total = TRUE;
      }
  g_assert_true (seen_total);
  /* The mark on 张社工's and 赵社工's lines only, and the note. */
  for (guint i = 0; lines[i] != NULL; i++)
    {
      gboolean marked = strstr (lines[i], "不足20小时") != NULL && !g_str_has_prefix (lines[i], "培训学时：");

      if (g_str_has_prefix (lines[i], "张社工") || g_str_has_prefix (lines[i], "赵社工"))
        g_assert_true (marked);
      else
        g_assert_false (marked);
    }
  g_assert_nonnull (strstr (text, "全国规划要求直接服务的社工每年培训不少于20小时"));
}

static char *
run_tool (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The numeric cells of the sheet, row by row, are the engine's rows. */
static void
test_xlsx_agrees (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkWorkload) w = yk_workload_for_session (session, "2021Q4", NULL, &error);
  g_autoptr (GPtrArray) rows = engine_rows (w);
  g_autofree char *path = g_build_filename (db.dir, "workload.xlsx", NULL);
  const char *argv[] = { "unzip", "-p", path, "xl/worksheets/sheet1.xml", NULL };
  g_autofree char *sheet = NULL;
  g_autoptr (GRegex) row_re = g_regex_new ("<row [^>]*>(.*?)</row>", 0, 0, NULL);
  g_autoptr (GRegex) number_re = g_regex_new ("<c r=\"[A-Z]+[0-9]+\"(?: s=\"[0-9]+\")?><v>([0-9.]+)</v></c>", 0, 0, NULL);
  g_autoptr (GMatchInfo) rows_match = NULL;
  guint seen = 0;

  g_assert_true (yk_workload_write_xlsx (w, path, &error));
  g_assert_no_error (error);
  sheet = run_tool (argv);
  g_regex_match (row_re, sheet, 0, &rows_match);
  while (g_match_info_matches (rows_match))
    {
      g_autofree char *cells = g_match_info_fetch (rows_match, 1);
      g_autoptr (GMatchInfo) numbers = NULL;
      GString *got = g_string_new (NULL), *want = g_string_new (NULL);

      g_regex_match (number_re, cells, 0, &numbers);
      while (g_match_info_matches (numbers))
        {
          g_autofree char *n = g_match_info_fetch (numbers, 1);

          g_string_append_printf (got, "%s ", n);
          g_match_info_next (numbers, NULL);
        }
      if (got->len > 0)
        {
          const YkWorkloadRow *row;

          g_assert_cmpuint (seen, <, rows->len);
          row = rows->pdata[seen++];
          for (int k = 0; k < YK_N_WORKLOAD; k++)
            g_string_append_printf (want, "%" G_GINT64_FORMAT " ", row->values[k]);
          /* The hours as numbers: 14.5, and 0 or 20 without a decimal. */
          g_string_append_printf (want, "%g %g ", row->training_tenths / 10.0, row->training_year_tenths / 10.0);
          g_assert_cmpstr (got->str, ==, want->str);
        }
      g_string_free (got, TRUE);
      g_string_free (want, TRUE);
      g_match_info_next (rows_match, NULL);
    }
  g_assert_cmpuint (seen, ==, rows->len);
  {
    /* The mark is a string: in the shared strings, not the sheet. */
    const char *strings_argv[] = { "unzip", "-p", path, "xl/sharedStrings.xml", NULL };
    g_autofree char *strings = run_tool (strings_argv);

    g_assert_nonnull (strstr (strings, "不足20小时"));
    g_assert_nonnull (strstr (strings, "培训学时（小时）"));
  }
}

/* The PDF: written, and its text (pdftotext) holds each row's figures. */
static void
test_pdf_agrees (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkWorkload) w = yk_workload_for_session (session, "2021Q4", NULL, &error);
  g_autoptr (GPtrArray) rows = engine_rows (w);
  g_autofree char *path = g_build_filename (db.dir, "workload.pdf", NULL);
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autofree char *text = NULL;
  g_autoptr (GRegex) spaces = g_regex_new ("\\s+", 0, 0, NULL);
  g_autofree char *flat = NULL;

  g_assert_true (yk_workload_write_pdf (w, path, &error));
  g_assert_no_error (error);
  text = run_tool (argv);
  flat = g_regex_replace_literal (spaces, text, -1, 0, " ", 0, NULL);
  g_assert_nonnull (strstr (flat, "渝康家园社工工作量"));
  for (guint i = 0; i < rows->len; i++)
    {
      const YkWorkloadRow *row = rows->pdata[i];
      GString *want = g_string_new (NULL);

      for (int k = 0; k < YK_N_WORKLOAD; k++)
        g_string_append_printf (want, " %" G_GINT64_FORMAT, row->values[k]);
      g_string_append_printf (want, " %s %s%s", g_autofree_hours (row->training_tenths),
                              g_autofree_hours (row->training_year_tenths),
                              expected_of (row)->below_goal ? " 不足20小时" : "");
      if (row->staff_id != 0)
        g_string_prepend (want, row->site_name != NULL ? row->site_name : row->name);
      if (strstr (flat, want->str) == NULL)
        g_error ("the PDF has no “%s” in: %s", want->str, flat);
      g_string_free (want, TRUE);
    }
}

int
main (int argc, char **argv)
{
  int status;

  g_test_init (&argc, &argv, NULL);
  build_fixture ();
  g_test_add_func ("/workload/coordinator", test_coordinator_sees_all);
  g_test_add_func ("/workload/periods", test_periods);
  g_test_add_func ("/workload/one-site", test_one_site);
  g_test_add_func ("/workload/csv", test_csv_agrees);
  g_test_add_func ("/workload/json", test_json_agrees);
  g_test_add_func ("/workload/text", test_text);
  g_test_add_func ("/workload/xlsx", test_xlsx_agrees);
  g_test_add_func ("/workload/pdf", test_pdf_agrees);
  g_test_add_func ("/workload/worker-scope", test_worker_scope);
  status = g_test_run ();
  g_clear_pointer (&formatted, g_ptr_array_unref);
  app_test_db_clear (&db);
  return status;
}
