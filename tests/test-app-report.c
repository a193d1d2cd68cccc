/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The indicator engine against a small fixture whose every figure is
 * worked out by hand below (docs/design/indicators.md). Sites: SPQ (1) and JL (2).
 * The period under test is 2021Q2, 2021-04-01..2021-06-30.
 *
 * Service users      site intake      status
 *   A                SPQ  2021-01-10  active
 *   B                SPQ  2021-04-01  active        (first day of the period)
 *   C                SPQ  2021-05-10  closed 2021-06-20
 *   D                SPQ  2021-07-01  active        (after the period)
 *   E                JL   2021-03-01  referred 2021-07-10 (after the period)
 *   V                SPQ  2021-04-15  VOIDED: counts nowhere, nor does anything through V
 *
 * Contacts           A: home 03-31 ✓, home 04-01 ✓, phone 05-05 unreached, home 05-01 ✓ voided,
 *                       phone 06-30 ✓, phone 07-01 ✓;  C: phone 06-01 ✓;  E: home 04-20 ✓;
 *                    V: phone 04-20 ✓.
 *   home_visits      SPQ 1 (A 04-01)           JL 1 (E)     cumulative: SPQ 2, JL 1
 *   phone_followups  SPQ 2 (A 06-30, C 06-01)  JL 0
 *
 * Family             FA of A (SPQ), FE of E (JL), FV of V (voided through V)
 * Activities         ACT1 SPQ 05-15, 5 residents: A, B, FA, E attend; C's row voided
 *                    ACT2 SPQ 06-30, 0 residents: V, FV attend (both void through V)
 *                    ACT3 SPQ 04-10, 10 residents, A attends, VOIDED
 *                    ACT4 JL 07-01, 3 residents (after the period)
 *   activities            SPQ 2, JL 0
 *   activity_attendances  SPQ 4 rows + 5 residents = 9, JL 0  (E counts at ACT1's site)
 * Questionnaires     Q1 SPQ 04-05 anonymous; Q2 SPQ 05-05 → B; Q3 JL 06-01 → FE;
 *                    Q4 SPQ 06-10 voided; Q5 SPQ 03-20 anonymous (before)
 *   questionnaires   SPQ 2, JL 1
 * SDSS totals        A: 01-15 10, 06-30 8, 07-15 2 (after)        → improved (10 → 8)
 *                    B: 04-02 6, 05-02 4 (two items 9, left out), 06-20 10 voided → improved (6 → 4)
 *                    C: 05-15 6, 06-01 3, then 06-01 5 recorded later (the later one) → 1 point: no
 *                    E: 04-10 5 only one → no
 *   improved         SPQ 2, JL 0
 * Case files         new: SPQ 2 (B, C), JL 0;  total: SPQ 3 (A, B, C), JL 1;
 *                    active at 06-30: SPQ 2 (A, B), JL 1 (E)
 * Beneficiaries      S: SPQ {A, B, C} 3, JL {E} 1;  F: SPQ {FA} 1, JL {FE} 1;
 *                    R: SPQ 5, JL 0;  Q: SPQ 1 (Q1), JL 0  →  SPQ 10, JL 2, total 12
 */
#include "yk-reader.h"
#include "yk-report-private.h"
#include "yk-accounts.h"
#include "yk-casework.h"
#include "yk-demo.h"
#include "yk-report-export.h"
#include "yk-report-format.h"

#include <glib/gstdio.h>
#include <string.h>

#define PW "coordinator pass 1"

static char *dir;
static char *path;
static YkSession *session;

static gint64
client (const char *case_no, gint64 site, const char *intake)
{
  g_autoptr (GError) error = NULL;
  YkClientRecord r = { .case_no = (char *) case_no, .name = (char *) "测试", .site_id = site,
                       .intake_date = (char *) intake, .consent_date = (char *) intake,
                       .stable_at_intake = TRUE, .risk_level = -1 };
  gint64 id = 0;

  g_assert_true (yk_casework_add_client (session, &r, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
set_status (gint64 id, const char *status, const char *date)
{
  g_autoptr (GError) error = NULL;
  YkClientRecord *r = yk_casework_open_client (session, id, &error);

  g_free (r->status);
  r->status = g_strdup (status);
  r->status_date = g_strdup (date);
  g_assert_true (yk_casework_update_client (session, r, &error));
  g_assert_no_error (error);
  yk_client_record_clear (r);
  g_free (r);
}

static gint64
contact (gint64 client_id, const char *type, const char *date, gboolean reached)
{
  g_autoptr (GError) error = NULL;
  YkContactRecord c = { .client_id = client_id, .type = (char *) type, .date = (char *) date,
                        .reached = reached, .duration_min = -1, .risk_level = -1 };
  gint64 id = 0;

  g_assert_true (yk_casework_add_contact (session, &c, &id, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
family (gint64 client_id)
{
  g_autoptr (GError) error = NULL;
  YkFamilyRecord f = { .client_id = client_id, .name = (char *) "家属" };
  gint64 id = 0;

  g_assert_true (yk_casework_add_family (session, &f, &id, &error));
  return id;
}

static gint64
activity (gint64 site, const char *date, int residents)
{
  g_autoptr (GError) error = NULL;
  YkActivityRecord a = { .site_id = site, .date = (char *) date, .title = (char *) "小组活动",
                         .resident_count = residents };
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

static gint64
questionnaire (gint64 site, const char *date, gint64 client_id, gint64 family_id)
{
  g_autoptr (GError) error = NULL;
  YkQuestionnaireRecord q = { .site_id = site, .date = (char *) date, .client_id = client_id, .family_id = family_id };
  gint64 id = 0;

  g_assert_true (yk_casework_add_questionnaire (session, &q, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* Ten items adding up to `total`, or the given items. */
static gint64
sdss (gint64 client_id, const char *date, int total, const int *items)
{
  g_autoptr (GError) error = NULL;
  YkAssessmentRecord a = { .client_id = client_id, .date = (char *) date };
  gint64 id = 0;

  if (items != NULL)
    memcpy (a.items, items, sizeof a.items);
  else
    for (int i = 0; i < 10; i++)
      a.items[i] = MIN (2, MAX (0, total - 2 * i));
  g_assert_true (yk_casework_add_assessment (session, &a, &id, &error));
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

static void
build_fixture (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *recovery = NULL;
  const int b_items[10] = { 2, 9, 9, 1, 0, 0, 0, 0, 0, 1 };
  gint64 a, b, c, d, e, v, fa, fe, fv, act1, act2, act3;

  dir = g_dir_make_tmp ("yukang-report-XXXXXX", NULL);
  path = g_build_filename (dir, "report.ykdb", NULL);
  session = yk_session_create (path, "admin", NULL, PW, YK_KDF_INTERACTIVE, &recovery, &error);
  g_assert_no_error (error);

  a = client ("A", 1, "2021-01-10");
  b = client ("B", 1, "2021-04-01");
  c = client ("C", 1, "2021-05-10");
  d = client ("D", 1, "2021-07-01");
  e = client ("E", 2, "2021-03-01");
  v = client ("V", 1, "2021-04-15");
  (void) d;

  contact (a, "home_visit", "2021-03-31", TRUE);
  contact (a, "home_visit", "2021-04-01", TRUE);
  contact (a, "phone", "2021-05-05", FALSE);
  void_record ("contacts", contact (a, "home_visit", "2021-05-01", TRUE));
  contact (a, "phone", "2021-06-30", TRUE);
  contact (a, "phone", "2021-07-01", TRUE);
  contact (c, "phone", "2021-06-01", TRUE);
  contact (e, "home_visit", "2021-04-20", TRUE);
  contact (v, "phone", "2021-04-20", TRUE);

  fa = family (a);
  fe = family (e);
  fv = family (v);

  act1 = activity (1, "2021-05-15", 5);
  attend (act1, a, 0);
  attend (act1, b, 0);
  attend (act1, 0, fa);
  attend (act1, e, 0);
  void_record ("attendances", attend (act1, c, 0));
  act2 = activity (1, "2021-06-30", 0);
  attend (act2, v, 0);
  attend (act2, 0, fv);
  act3 = activity (1, "2021-04-10", 10);
  attend (act3, a, 0);
  void_record ("activities", act3);
  activity (2, "2021-07-01", 3);

  questionnaire (1, "2021-04-05", 0, 0);
  questionnaire (1, "2021-05-05", b, 0);
  questionnaire (2, "2021-06-01", 0, fe);
  void_record ("questionnaires", questionnaire (1, "2021-06-10", 0, 0));
  questionnaire (1, "2021-03-20", 0, 0);

  sdss (a, "2021-01-15", 10, NULL);
  sdss (a, "2021-06-30", 8, NULL);
  sdss (a, "2021-07-15", 2, NULL);
  sdss (b, "2021-04-02", 6, NULL);
  sdss (b, "2021-05-02", 0, b_items);
  void_record ("assessments", sdss (b, "2021-06-20", 10, NULL));
  sdss (c, "2021-05-15", 6, NULL);
  sdss (c, "2021-06-01", 3, NULL);
  sdss (c, "2021-06-01", 5, NULL);
  sdss (e, "2021-04-10", 5, NULL);

  set_status (c, "closed", "2021-06-20");
  set_status (e, "referred", "2021-07-10");
  void_record ("clients", v);
}

static YkReport *
report (const char *from, const char *to)
{
  g_autoptr (GError) error = NULL;
  YkReport *r = _yk_report_compute_on (yk_store_get_connection (yk_session_get_store (session)), from, to, 0, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (r->sites->len, ==, 2);
  return r;
}

static gint64
spq (YkReport *r, YkIndicator k)
{
  return ((YkReportSite *) r->sites->pdata[0])->values[k];
}

static gint64
jl (YkReport *r, YkIndicator k)
{
  return ((YkReportSite *) r->sites->pdata[1])->values[k];
}

static void
test_quarter (void)
{
  g_autoptr (YkReport) r = report ("2021-04-01", "2021-06-30");
  const gint64 expected_spq[YK_N_INDICATORS] = { 2, 2, 3, 2, 2, 9, 1, 2, 2, 10 };
  const gint64 expected_jl[YK_N_INDICATORS] = { 1, 0, 1, 1, 0, 0, 1, 0, 0, 2 };

  for (int k = 0; k < YK_N_INDICATORS; k++)
    {
      g_test_message ("%s", yk_indicator_key ((YkIndicator) k));
      g_assert_cmpint (spq (r, (YkIndicator) k), ==, expected_spq[k]);
      g_assert_cmpint (jl (r, (YkIndicator) k), ==, expected_jl[k]);
      g_assert_cmpint (r->total[k], ==, expected_spq[k] + expected_jl[k]);
    }
  /* Cumulative from the pilot's start (no opening date: everything) to 06-30. */
  g_assert_cmpint (r->cumulative[YK_INDICATOR_HOME_VISITS], ==, 3);
  g_assert_cmpint (r->cumulative[YK_INDICATOR_QUESTIONNAIRES], ==, 4);
  g_assert_cmpint (r->cumulative[YK_INDICATOR_CASE_FILES_NEW], ==, 4);
  g_assert_cmpint (r->cumulative[YK_INDICATOR_IMPROVED], ==, 2);
  /* Stock figures are the same whatever the start. */
  g_assert_cmpint (r->cumulative[YK_INDICATOR_CASE_FILES_TOTAL], ==, 4);
  g_assert_cmpint (r->cumulative[YK_INDICATOR_CASELOAD_ACTIVE], ==, 3);
}

static void
test_boundaries_and_empty_period (void)
{
  g_autoptr (YkReport) first_day = report ("2021-04-01", "2021-04-01");
  g_autoptr (YkReport) empty = report ("2020-01-01", "2020-03-31");
  g_autoptr (YkReport) later = report ("2021-07-01", "2021-09-30");

  g_assert_cmpint (spq (first_day, YK_INDICATOR_HOME_VISITS), ==, 1);
  g_assert_cmpint (spq (first_day, YK_INDICATOR_CASE_FILES_NEW), ==, 1);
  g_assert_cmpint (spq (first_day, YK_INDICATOR_PHONE_FOLLOWUPS), ==, 0);
  for (int k = 0; k < YK_N_INDICATORS; k++)
    g_assert_cmpint (empty->total[k], ==, 0);
  /* After the period: C is closed, E referred (07-10); A improved 10 → 2. */
  g_assert_cmpint (spq (later, YK_INDICATOR_CASELOAD_ACTIVE), ==, 3); /* A, B, D */
  g_assert_cmpint (jl (later, YK_INDICATOR_CASELOAD_ACTIVE), ==, 0);
  g_assert_cmpint (spq (later, YK_INDICATOR_PHONE_FOLLOWUPS), ==, 1);
  g_assert_cmpint (jl (later, YK_INDICATOR_ACTIVITIES), ==, 1);
  g_assert_cmpint (jl (later, YK_INDICATOR_BENEFICIARIES), ==, 3); /* ACT4's residents */
}

static void
test_drill_down_matches_figures (void)
{
  g_autoptr (YkReport) r = report ("2021-04-01", "2021-06-30");
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (session));

  for (int k = 0; k < YK_N_INDICATORS; k++)
    for (guint s = 0; s < 2; s++)
      {
        YkReportSite *site = r->sites->pdata[s];
        g_autoptr (GError) error = NULL;
        g_autoptr (GArray) rows = yk_db_indicator_records (db, (YkIndicator) k, site->site_id, r->from, r->to,
                                                           r->improvement_threshold, &error);
        gint64 sum = 0;

        g_assert_no_error (error);
        for (guint i = 0; i < rows->len; i++)
          {
            YkCountedRecord *record = &g_array_index (rows, YkCountedRecord, i);
            g_assert_cmpint (record->site_id, ==, site->site_id);
            g_assert_nonnull (record->record_table);
            sum += record->weight;
          }
        g_assert_cmpint (sum, ==, site->values[k]);
      }
}

static void
test_periods (void)
{
  struct { const char *text; const char *from; const char *to; } cases[] = {
    { "2021Q3", "2021-07-01", "2021-09-30" }, { "2021q1", "2021-01-01", "2021-03-31" },
    { "2021", "2021-01-01", "2021-12-31" }, { "2021-02", "2021-02-01", "2021-02-28" },
    { "2020-02", "2020-02-01", "2020-02-29" }, { "2021-07-01..2021-09-30", "2021-07-01", "2021-09-30" },
    { "cumulative:2021Q3", "2020-10-15", "2021-09-30" },
  };
  const char *bad[] = { "2021Q5", "2021-13", "21Q3", "2021-09-30..2021-07-01", "2021-07-01..", "cumulative:", "" };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *from = NULL, *to = NULL;
      g_autoptr (GError) error = NULL;
      gboolean cumulative;

      g_assert_true (yk_period_parse (cases[i].text, "2020-10-15", &from, &to, &cumulative, &error));
      g_assert_cmpstr (from, ==, cases[i].from);
      g_assert_cmpstr (to, ==, cases[i].to);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autofree char *from = NULL, *to = NULL;
      g_autoptr (GError) error = NULL;
      gboolean cumulative;

      g_assert_false (yk_period_parse (bad[i], NULL, &from, &to, &cumulative, &error));
      g_assert_nonnull (error);
    }
}

static void
test_formats_agree (void)
{
  g_autoptr (YkReport) r = report ("2021-04-01", "2021-06-30");
  g_autofree char *csv = yk_report_to_csv (r);
  g_autofree char *json = yk_report_to_json (r);
  g_autofree char *text = yk_report_to_text (r);
  g_autofree char *summary = yk_report_summary (r);
  g_auto (GStrv) lines = g_strsplit (csv, "\r\n", -1);

  g_assert_cmpstr (lines[0], ==, "指标,石坪桥街道渝康家园,九龙街道渝康家园,合计,累计");
  g_assert_cmpstr (lines[7], ==, "上门服务（人次）,1,1,2,3");
  g_assert_cmpstr (lines[10], ==, "总受益人数（人）,10,2,12,13");
  g_assert_nonnull (strstr (json, "\"beneficiaries\": 12"));
  g_assert_nonnull (strstr (json, "\"from\": \"2021-04-01\""));
  g_assert_nonnull (strstr (text, summary));
  g_assert_cmpstr (summary, ==,
                   "2021年4月1日至2021年6月30日，服务机构开展问卷调查3份，共为2名病情稳定且愿意接受社区康复服务的"
                   "服务对象新建了个案档案，开展各类服务活动2次，上门服务2人次，电话随访2人次。截至2021年6月30日，"
                   "通过康复服务生活状态得到改善的2人，总受益人数12人（含患者家属和其他居民）。");
}

/* A site name a coordinator typed like a formula gets a leading ' in the
 * CSV (docs/design/security.md, "Exports that a spreadsheet opens"); the
 * indicator labels and every figure are as they were. */
static void
test_csv_formula_site_name (void)
{
  g_autoptr (YkReport) r = report ("2021-04-01", "2021-06-30");
  YkReportSite *spq = r->sites->pdata[0];
  YkReportSite *jl = r->sites->pdata[1];
  g_autofree char *csv = NULL;
  g_auto (GStrv) lines = NULL;

  g_free (spq->name);
  spq->name = g_strdup ("=HYPERLINK(\"http://x\",\"点击\")");
  g_free (jl->name);
  jl->name = g_strdup ("-九龙");
  csv = yk_report_to_csv (r);
  lines = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpstr (lines[0], ==, "指标,\"'=HYPERLINK(\"\"http://x\"\",\"\"点击\"\")\",'-九龙,合计,累计");
  g_assert_cmpstr (lines[7], ==, "上门服务（人次）,1,1,2,3");
  g_assert_cmpstr (lines[10], ==, "总受益人数（人）,10,2,12,13");
}

static char *
run_tool (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_assert_true (g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL,
                               NULL, NULL, &out, NULL, &status, &error));
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The saved reports hold the engine's figures: the XLSX's first sheet,
 * unzipped, has every total and cumulative figure in its cells; the
 * PDF's text has every label and total. */
static void
test_xlsx_and_pdf (void)
{
  g_autoptr (YkReport) r = report ("2021-04-01", "2021-06-30");
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReader) reader = yk_reader_new_for_session (session);
  g_autoptr (GPtrArray) months = yk_report_monthly (reader, r, &error);
  g_autofree char *xlsx = g_build_filename (dir, "report.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (dir, "report.pdf", NULL);
  g_autofree char *sheet = NULL, *months_sheet = NULL, *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 3);
  g_assert_true (yk_report_write_xlsx (r, months, xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (yk_report_write_pdf (r, months, pdf, &error));
  g_assert_no_error (error);

  sheet = run_tool ((const char *const[]){ "unzip", "-p", xlsx, "xl/worksheets/sheet1.xml", NULL });
  months_sheet = run_tool ((const char *const[]){ "unzip", "-p", xlsx, "xl/worksheets/sheet2.xml", NULL });
  text = run_tool ((const char *const[]){ "pdftotext", "-layout", pdf, "-", NULL });
  for (int k = 0; k < YK_N_INDICATORS; k++)
    {
      /* Row 4 onwards; columns B, C the sites, D 合计, E 累计. */
      g_autofree char *total_cell = g_strdup_printf ("<c r=\"D%d\" s=\"[0-9]+\"><v>%" G_GINT64_FORMAT "</v>", 4 + k, r->total[k]);
      g_autofree char *cumulative_cell = g_strdup_printf ("<c r=\"E%d\" s=\"[0-9]+\"><v>%" G_GINT64_FORMAT "</v>", 4 + k,
                                                          r->cumulative[k]);
      g_autofree char *pdf_row = g_strdup_printf ("%s\\s+%" G_GINT64_FORMAT "\\s+%" G_GINT64_FORMAT "\\s+%" G_GINT64_FORMAT
                                                  "\\s+%" G_GINT64_FORMAT, yk_indicator_label ((YkIndicator) k),
                                                  spq (r, (YkIndicator) k), jl (r, (YkIndicator) k), r->total[k],
                                                  r->cumulative[k]);

      g_assert_true (g_regex_match_simple (total_cell, sheet, 0, 0));
      g_assert_true (g_regex_match_simple (cumulative_cell, sheet, 0, 0));
      if (!g_regex_match_simple (pdf_row, text, 0, 0))
        g_error ("no “%s” in the PDF:\n%s", pdf_row, text);
    }
  /* Three months, a row each after the header. */
  g_assert_true (g_regex_match_simple ("<row r=\"4\"", months_sheet, 0, 0));
  g_assert_false (g_regex_match_simple ("<row r=\"5\"", months_sheet, 0, 0));
  g_assert_nonnull (strstr (text, "第 2 页，共 2 页"));
  /* Both monthly charts, titled in Chinese whatever the locale. */
  g_assert_nonnull (strstr (text, "每月上门服务与电话随访（人次）"));
  g_assert_nonnull (strstr (text, "每月服务活动（次）与受益人数（人）"));
}

/* Sites without an opening date (as `yukang init` leaves them): 累计
 * starts with the first record, and every format can be written — the
 * monthly series once asked for the year 1 and refused it. */
static void
test_cumulative_without_opening_date (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReport) r = yk_report_for_session (session, "cumulative:2021Q2", NULL, &error);
  g_autoptr (YkReader) reader = yk_reader_new_for_session (session);
  g_autoptr (GPtrArray) months = NULL;
  g_autofree char *xlsx = g_build_filename (dir, "cumulative.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (dir, "cumulative.pdf", NULL);
  g_autofree char *text = NULL;

  g_assert_no_error (error);
  g_assert_cmpstr (r->pilot_start, ==, "2021-01-10"); /* A's intake, the first record */
  g_assert_cmpstr (r->from, ==, "2021-01-10");
  g_assert_true (r->from_pilot_start);
  months = yk_report_monthly (reader, r, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (months->len, ==, 6); /* January to June */
  g_assert_cmpstr (((YkReport *) months->pdata[0])->from, ==, "2021-01-10");
  g_assert_true (yk_report_write_xlsx (r, months, xlsx, &error));
  g_assert_no_error (error);
  g_assert_true (yk_report_write_pdf (r, months, pdf, &error));
  g_assert_no_error (error);
  text = yk_report_to_text (r);
  g_assert_null (strstr (text, "0001"));
  g_assert_nonnull (strstr (text, "2021年1月10日"));
}

static YkReport *
demo_report (guint32 seed)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *demo_path = g_build_filename (dir, "demo.ykdb", NULL);
  g_autofree char *recovery = NULL;
  YkSession *demo = yk_session_create (demo_path, "demo", NULL, PW, YK_KDF_INTERACTIVE, &recovery, &error);
  YkReport *r;

  g_assert_no_error (error);
  g_assert_true (yk_demo_fill (demo, seed, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);
  r = yk_report_for_session (demo, "cumulative:2021Q4", NULL, &error);
  g_assert_no_error (error);
  yk_session_close (demo);
  g_unlink (demo_path);
  return r;
}

static void
test_demo_is_pilot_sized_and_deterministic (void)
{
  g_autoptr (YkReport) first = demo_report (7);
  g_autoptr (YkReport) again = demo_report (7);
  g_autoptr (YkReport) other = demo_report (8);
  gboolean differs = FALSE;

  for (int k = 0; k < YK_N_INDICATORS; k++)
    {
      g_assert_cmpint (first->total[k], ==, again->total[k]);
      differs |= first->total[k] != other->total[k];
    }
  g_assert_true (differs);
  /* About docs/design/indicators.md's table. */
  g_assert_cmpint (first->total[YK_INDICATOR_QUESTIONNAIRES], >=, 1800);
  g_assert_cmpint (first->total[YK_INDICATOR_CASE_FILES_TOTAL], >=, 140);
  g_assert_cmpint (first->total[YK_INDICATOR_ACTIVITIES], >=, 100);
  g_assert_cmpint (first->total[YK_INDICATOR_HOME_VISITS], >=, 280);
  g_assert_cmpint (first->total[YK_INDICATOR_PHONE_FOLLOWUPS], >=, 950);
  g_assert_cmpint (first->total[YK_INDICATOR_IMPROVED], >=, 10);
  g_assert_cmpint (first->total[YK_INDICATOR_BENEFICIARIES], >=, 2000);
  g_assert_cmpstr (first->pilot_start, ==, "2020-10-01");
  g_assert_true (first->from_pilot_start);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  build_fixture ();
  g_test_add_func ("/app/report/quarter", test_quarter);
  g_test_add_func ("/app/report/boundaries-and-empty", test_boundaries_and_empty_period);
  g_test_add_func ("/app/report/drill-down", test_drill_down_matches_figures);
  g_test_add_func ("/app/report/periods", test_periods);
  g_test_add_func ("/app/report/formats", test_formats_agree);
  g_test_add_func ("/app/report/csv-formula-site-name", test_csv_formula_site_name);
  g_test_add_func ("/app/report/demo", test_demo_is_pilot_sized_and_deterministic);
  g_test_add_func ("/app/report/xlsx-and-pdf", test_xlsx_and_pdf);
  g_test_add_func ("/app/report/cumulative-without-opening-date", test_cumulative_without_opening_date);
  status = g_test_run ();
  yk_session_close (session);
  /* The database and the reports the tests wrote beside it. */
  {
    g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
    const char *name;

    while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
      {
        g_autofree char *file = g_build_filename (dir, name, NULL);
        g_unlink (file);
      }
  }
  g_rmdir (dir);
  g_free (path);
  g_free (dir);
  return status;
}
