/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the statistics page asks of app/: the periods it offers, the role
 * rule for sites, a report with its monthly series on a connection of
 * its own, and the records behind every figure (yk-figure-records.h),
 * which must add up to the figure. On the demo data (seed 1). */
#include "app-test-util.h"
#include "yk-accounts.h"
#include "yk-text.h"
#include "yk-demo.h"
#include "yk-figure-records.h"
#include "yk-statistics.h"
#include "yk-reader-private.h"
#include "yk-validate.h"

#include <glib/gstdio.h>
#include <string.h>

#define PW "coordinator pass 1"
#define WORKER_PW "worker pass 1"

static AppTestDb test_db;
static YkSession *session; /* the coordinator's */

static GDate
date (const char *iso)
{
  GDate d;

  g_assert_true (yk_date_parse (iso, &d, NULL));
  return d;
}

static YkStatistics *
compute (YkSession *who, const char *period, gint64 requested_site)
{
  g_autoptr (GError) error = NULL;
  YkStore *store = yk_session_get_store (who);
  sqlite3 *db = yk_store_open_connection (store, &error);
  YkReader *reader;
  YkStatistics *statistics;

  g_assert_no_error (error);
  /* The reader keeps a social worker to their site, as the page's does. */
  reader = _yk_reader_new (who, db);
  statistics = yk_statistics_compute (reader, period, requested_site, NULL, &error);
  g_assert_no_error (error);
  yk_reader_free (reader);
  yk_store_close_connection (store, db);
  return statistics;
}

static void
test_periods (void)
{
  GDate today = date ("2021-11-15"), early = date ("2021-08-01");
  g_auto (GStrv) quarters = yk_statistics_quarters ("2020-10-01", &today);
  g_auto (GStrv) months = yk_statistics_months ("2020-11-15", &today);
  g_auto (GStrv) no_start = yk_statistics_quarters (NULL, &today);
  const char *const expected[] = { "2021Q4", "2021Q3", "2021Q2", "2021Q1", "2020Q4", NULL };
  g_autoptr (GError) error = NULL;
  g_autofree char *latest = NULL, *capped = NULL;

  g_assert_cmpstrv (quarters, expected);
  g_assert_cmpuint (g_strv_length (months), ==, 13);
  g_assert_cmpstr (months[0], ==, "2021-11");
  g_assert_cmpstr (months[12], ==, "2020-11");
  g_assert_cmpuint (g_strv_length (no_start), ==, 1);
  g_assert_cmpstr (no_start[0], ==, "2021Q4");

  /* The demo's last records are in 2021Q4; a day before them, the
   * quarter of that day. */
  today = date ("2030-01-01");
  latest = yk_statistics_default_quarter (session, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (latest, ==, "2021Q4");
  capped = yk_statistics_default_quarter (session, &early, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (capped, ==, "2021Q3");
}

static void
test_file_names (void)
{
  g_autoptr (YkStatistics) both = compute (session, "2021Q4", 0);
  g_autoptr (YkStatistics) spq = compute (session, "2021Q4", 1);
  g_autoptr (YkStatistics) range = compute (session, "2021-07-01..2021-09-30", 0);
  g_autofree char *xlsx = yk_statistics_file_name (both, "xlsx");
  g_autofree char *pdf = yk_statistics_file_name (spq, "pdf");
  g_autofree char *csv = yk_statistics_file_name (range, "csv");

  g_assert_cmpstr (xlsx, ==, "渝康家园统计_2021Q4.xlsx");
  g_assert_cmpstr (pdf, ==, "渝康家园统计_2021Q4_SPQ.pdf");
  g_assert_cmpstr (csv, ==, "渝康家园统计_2021-07-01至2021-09-30.csv");
}

static void
test_compute_matches_engine (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkStatistics) statistics = compute (session, "2021Q4", 0);
  g_autoptr (YkReport) cli = yk_report_for_session (session, "2021Q4", NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (statistics->report->from, ==, "2021-10-01");
  g_assert_cmpstr (statistics->report->to, ==, "2021-12-31");
  g_assert_cmpuint (statistics->months->len, ==, 3);
  for (int k = 0; k < YK_N_INDICATORS; k++)
    {
      g_assert_cmpint (statistics->report->total[k], ==, cli->total[k]);
      g_assert_cmpint (statistics->report->cumulative[k], ==, cli->cumulative[k]);
    }
  /* The flow figures of the months add up to the quarter's. */
  for (int k = 0; k < YK_N_INDICATORS; k++)
    {
      gint64 sum = 0;

      if (k == YK_INDICATOR_CASE_FILES_TOTAL || k == YK_INDICATOR_CASELOAD_ACTIVE ||
          k == YK_INDICATOR_IMPROVED || k == YK_INDICATOR_BENEFICIARIES)
        continue;
      for (guint m = 0; m < statistics->months->len; m++)
        sum += ((YkReport *) statistics->months->pdata[m])->total[k];
      g_assert_cmpint (sum, ==, statistics->report->total[k]);
    }
}

static void
test_cancelled (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  YkStore *store = yk_session_get_store (session);
  sqlite3 *db = yk_store_open_connection (store, &error);
  g_autoptr (YkReader) reader = _yk_reader_new (session, db);
  g_autoptr (YkStatistics) statistics = NULL;
  g_autoptr (GPtrArray) records = NULL;

  g_assert_no_error (error);
  g_cancellable_cancel (cancellable);
  statistics = yk_statistics_compute (reader, "2021Q4", 0, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (statistics);
  g_clear_error (&error);
  statistics = yk_statistics_compute (reader, "2021Q4", 0, NULL, &error);
  g_assert_no_error (error);
  records = yk_figure_records_list (reader, statistics->report, YK_INDICATOR_HOME_VISITS, 0, FALSE, cancellable, &error);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_null (records);
  /* A bad period is the caller's mistake, said as such. */
  g_clear_error (&error);
  g_assert_null (yk_statistics_compute (reader, "2021Q5", 0, NULL, &error));
  g_assert_nonnull (error);
  g_clear_pointer (&reader, yk_reader_free);
  yk_store_close_connection (store, db);
}

/* Every figure of 2021Q4, per site, in total and cumulative: its records
 * add up to it. */
static void
test_records_add_up (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkStatistics) statistics = compute (session, "2021Q4", 0);
  const YkReport *r = statistics->report;
  YkStore *store = yk_session_get_store (session);
  sqlite3 *db = yk_store_open_connection (store, &error);
  g_autoptr (YkReader) reader = _yk_reader_new (session, db);

  g_assert_no_error (error);
  g_assert_cmpuint (r->sites->len, ==, 2);
  for (int k = 0; k < YK_N_INDICATORS; k++)
    for (guint column = 0; column <= r->sites->len; column++)
      for (int cumulative = 0; cumulative < 2; cumulative++)
        {
          gint64 site_id = column < r->sites->len ? ((YkReportSite *) r->sites->pdata[column])->site_id : 0;
          gint64 figure = column < r->sites->len ? ((YkReportSite *) r->sites->pdata[column])->values[k] : r->total[k];
          g_autoptr (GPtrArray) records = NULL;

          if (cumulative && column < r->sites->len)
            continue; /* the report keeps the cumulative column in total only */
          if (cumulative)
            figure = r->cumulative[k];
          records = yk_figure_records_list (reader, r, (YkIndicator) k, site_id, cumulative, NULL, &error);
          g_assert_no_error (error);
          if (yk_figure_records_sum (records) != figure)
            g_error ("%s, column %u%s: records add up to %" G_GINT64_FORMAT ", the figure is %" G_GINT64_FORMAT,
                     yk_indicator_key ((YkIndicator) k), column, cumulative ? " (cumulative)" : "",
                     yk_figure_records_sum (records), figure);
          for (guint i = 0; i < records->len; i++)
            {
              YkFigureRecord *record = records->pdata[i];
              g_autofree char *line = yk_figure_record_line (record);

              g_assert_nonnull (record->kind);
              g_assert_true (site_id == 0 || record->site_id == site_id);
              /* Flow records are dated in the period. */
              if (!cumulative && (k == YK_INDICATOR_HOME_VISITS || k == YK_INDICATOR_PHONE_FOLLOWUPS ||
                                  k == YK_INDICATOR_ACTIVITIES || k == YK_INDICATOR_QUESTIONNAIRES))
                {
                  g_assert_cmpstr (record->date, >=, r->from);
                  g_assert_cmpstr (record->date, <=, r->to);
                }
              if (k == YK_INDICATOR_HOME_VISITS)
                {
                  g_assert_cmpstr (record->kind, ==, "Home visit");
                  g_assert_nonnull (record->case_no);
                  g_assert_cmpint (record->client_id, >, 0);
                  g_assert_nonnull (strstr (line, record->case_no));
                }
              /* Names are masked: one character, then stars; the full
               * name beside is what they mask (the UI may show it). */
              if (record->name != NULL)
                {
                  g_autofree char *masked = yk_text_mask_name (record->full_name);

                  g_assert_cmpstr (masked, ==, record->name);
                }
              else
                g_assert_null (record->full_name);
              if (record->name != NULL && *record->name != '\0')
                {
                  const char *rest = g_utf8_next_char (record->name);

                  g_assert_cmpuint (strspn (rest, "*"), ==, strlen (rest));
                  g_assert_cmpuint (strlen (rest), >=, 1);
                }
              if (k == YK_INDICATOR_IMPROVED)
                {
                  g_assert_true (record->has_sdss);
                  g_assert_cmpint (record->latest_total, <=, record->baseline_total - r->improvement_threshold);
                  g_assert_cmpstr (record->baseline_date, <, record->latest_date);
                  g_assert_cmpstr (record->latest_date, <=, r->to);
                  g_assert_nonnull (strstr (line, "SDSS"));
                }
              else
                g_assert_false (record->has_sdss);
            }
        }
  yk_store_close_connection (store, db);
}

static void
test_mask (void)
{
  g_autofree char *three = yk_text_mask_name ("王小明");
  g_autofree char *two = yk_text_mask_name ("李四");
  g_autofree char *one = yk_text_mask_name ("张");
  g_autofree char *none = yk_text_mask_name (NULL);

  g_assert_cmpstr (three, ==, "王**");
  g_assert_cmpstr (two, ==, "李*");
  g_assert_cmpstr (one, ==, "张");
  g_assert_cmpstr (none, ==, "");
}

/* A social worker's figures are their site's, whatever is asked. */
static void
test_worker_sees_own_site (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) worker = NULL;
  g_autoptr (GPtrArray) sites = NULL;
  g_autoptr (YkStatistics) statistics = NULL;
  gint64 spq;

  g_assert_true (yk_accounts_add (session, "li", WORKER_PW, YK_ROLE_WORKER, "SPQ", "李社工", YK_KDF_INTERACTIVE, &error));
  g_assert_no_error (error);
  worker = yk_session_open (test_db.path, "li", WORKER_PW, &error);
  g_assert_no_error (error);
  sites = yk_statistics_sites (worker, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, 1);
  g_assert_cmpstr (((YkSiteRow *) sites->pdata[0])->code, ==, "SPQ");
  spq = ((YkSiteRow *) sites->pdata[0])->id;
  g_assert_cmpint (yk_statistics_site_for (worker, 0), ==, spq);
  g_assert_cmpint (yk_statistics_site_for (worker, spq + 1), ==, spq);
  g_assert_cmpint (yk_statistics_site_for (session, spq + 1), ==, spq + 1);
  g_assert_cmpint (yk_statistics_site_for (session, 0), ==, 0);
  statistics = compute (worker, "2021Q4", 0);
  g_assert_cmpuint (statistics->report->sites->len, ==, 1);
  g_assert_cmpstr (((YkReportSite *) statistics->report->sites->pdata[0])->code, ==, "SPQ");
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  app_test_db_init (&test_db, "demo.ykdb");
  app_test_db_create (&test_db, "admin", NULL, PW);
  session = g_steal_pointer (&test_db.coordinator);
  g_assert_true (yk_demo_fill (session, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);

  g_test_add_func ("/app/statistics/periods", test_periods);
  g_test_add_func ("/app/statistics/file-names", test_file_names);
  g_test_add_func ("/app/statistics/compute", test_compute_matches_engine);
  g_test_add_func ("/app/statistics/cancelled", test_cancelled);
  g_test_add_func ("/app/statistics/records-add-up", test_records_add_up);
  g_test_add_func ("/app/statistics/mask", test_mask);
  g_test_add_func ("/app/statistics/worker", test_worker_sees_own_site);
  status = g_test_run ();
  g_clear_pointer (&session, yk_session_close);
  app_test_db_clear (&test_db);
  return status;
}
