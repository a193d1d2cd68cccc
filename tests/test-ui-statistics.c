/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Statistics page (统计报表) on the demo data (seed 1): the figures it
 * shows are the engine's to the digit, its exports are the engine's
 * formats, every figure opens the records it counts, the window keeps
 * running while it computes, a social worker sees their own site, and
 * a new record moves the figures. The 工作量 tab shows the workload
 * engine's figures for the same period and opens their records. */
#include "yk-config.h"
#include "ui-test-util.h"
#include "yk-report-private.h"
#include "yk-date-entry.h"
#include "yk-case-file-view.h"
#include "yk-casework.h"
#include "yk-demo.h"
#include "yk-figure-record-item.h"
#include "yk-figure-records-dialog.h"
#include "yk-main-view.h"
#include "yk-reader.h"
#include "yk-monthly-chart.h"
#include "yk-report-format.h"
#include "yk-statistics-page.h"
#include "yk-workload-view.h"
#include "yk-db-workload.h"
#include "yk-training.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

static UiTestDatabase db;

typedef struct
{
  YkApplication *app;
  YkWindow *window;
  YkStatisticsPage *page;
  YkUnlockedSession *session;
} Fixture;

static YkStatistics *
shown (Fixture *f)
{
  return yk_statistics_page_get_statistics (f->page);
}

static void
wait_loaded (Fixture *f)
{
  ui_test_spin_until (shown (f) != NULL && !yk_statistics_page_get_loading (f->page));
}

/* Unlocks as `user`, shows the Statistics page and waits for its figures. */
static void
fixture_open (Fixture *f, const char *user, const char *password)
{
  GtkStack *shell;
  GtkWidget *main_view;
  GtkStack *stack;

  f->app = ui_test_application ();
  f->window = ui_test_window (f->app);
  gtk_window_set_default_size (GTK_WINDOW (f->window), 1200, 900);
  shell = GTK_STACK (gtk_window_get_child (GTK_WINDOW (f->window)));
  ui_test_unlock (f->window, db.path, user, password);
  ui_test_spin_until (yk_window_get_session (f->window) != NULL);
  f->session = yk_window_get_session (f->window);
  main_view = gtk_stack_get_child_by_name (shell, "main");
  stack = GTK_STACK (ui_test_child (main_view, YK_TYPE_MAIN_VIEW, "stack"));
  f->page = YK_STATISTICS_PAGE (gtk_stack_get_child_by_name (stack, "statistics"));
  /* Nothing is computed for a page nobody looks at. */
  g_assert_null (shown (f));
  g_assert_false (yk_statistics_page_get_loading (f->page));
  gtk_stack_set_visible_child_name (stack, "statistics");
  wait_loaded (f);
}

static void
fixture_close (Fixture *f)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  /* Any drill-down dialog first, as a lock would. */
  for (guint i = g_list_model_get_n_items (toplevels); i > 0; i--)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i - 1);

      if (YK_IS_FIGURE_RECORDS_DIALOG (window))
        gtk_window_destroy (window);
    }
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->app);
}

static sqlite3 *
connection (Fixture *f)
{
  return yk_store_get_connection (yk_session_get_store (yk_unlocked_session_get_session (f->session)));
}

static GtkGrid *
table (Fixture *f)
{
  return GTK_GRID (ui_test_child (f->page, YK_TYPE_STATISTICS_PAGE, "table_grid"));
}

/* The figure shown for indicator k in column c (sites, 合计, 累计). */
static GtkWidget *
cell (Fixture *f, int k, int c)
{
  GtkWidget *widget = gtk_grid_get_child_at (table (f), c + 2, k + 1);

  g_assert_true (GTK_IS_BUTTON (widget));
  return widget;
}

static gint64
shown_value (Fixture *f, int k, int c)
{
  const char *text = gtk_button_get_label (GTK_BUTTON (cell (f, k, c)));
  char *end = NULL;
  gint64 value = g_ascii_strtoll (text, &end, 10);

  g_assert_true (end != text && *end == '\0');
  return value;
}

static const char *
header (Fixture *f, int c)
{
  GtkWidget *label = gtk_grid_get_child_at (table (f), c + 2, 0);

  return label != NULL ? gtk_label_get_text (GTK_LABEL (label)) : NULL;
}

static void
choose_quarter (Fixture *f, const char *code)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (ui_test_child (f->page, YK_TYPE_STATISTICS_PAGE, "quarter_dropdown"));
  GListModel *quarters = gtk_drop_down_get_model (dropdown);
  guint position = GTK_INVALID_LIST_POSITION;

  for (guint i = 0; i < g_list_model_get_n_items (quarters); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (quarters), i), code) == 0)
      position = i;
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  gtk_drop_down_set_selected (dropdown, position);
}

/* Every cell equals the engine's figure for its site, total or cumulative. */
static void
assert_table_is (Fixture *f, const YkReport *expected)
{
  guint n = expected->sites->len;

  for (guint c = 0; c < n; c++)
    g_assert_cmpstr (header (f, (int) c), ==, ((YkReportSite *) expected->sites->pdata[c])->name);
  g_assert_nonnull (header (f, (int) n));
  g_assert_nonnull (header (f, (int) n + 1));
  g_assert_null (header (f, (int) n + 2)); /* no other column */
  for (int k = 0; k < YK_N_INDICATORS; k++)
    {
      GtkWidget *label = gtk_grid_get_child_at (table (f), 0, k + 1);

      g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (label)), ==, yk_indicator_label ((YkIndicator) k));
      for (guint c = 0; c < n; c++)
        g_assert_cmpint (shown_value (f, k, (int) c), ==, ((YkReportSite *) expected->sites->pdata[c])->values[k]);
      g_assert_cmpint (shown_value (f, k, (int) n), ==, expected->total[k]);
      g_assert_cmpint (shown_value (f, k, (int) n + 1), ==, expected->cumulative[k]);
    }
}

/* What the page shows at the moment it says it has finished loading. */
static void
loading_notify_cb (YkStatisticsPage *page,
                   GParamSpec       *pspec,
                   char            **period_when_loaded)
{
  YkStatistics *statistics = yk_statistics_page_get_statistics (page);

  if (!yk_statistics_page_get_loading (page) && statistics != NULL)
    {
      g_free (*period_when_loaded);
      *period_when_loaded = g_strdup (statistics->period);
    }
}

static void
test_quarter_matches_engine (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReport) expected = NULL;
  g_autoptr (YkReport) cli = NULL;
  g_autofree char *summary = NULL, *notes = NULL, *period_when_loaded = NULL;
  gulong handler;

  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  /* The latest quarter with records comes first. */
  g_assert_cmpstr (shown (&f)->period, ==, "2021Q4");
  handler = g_signal_connect (f.page, "notify::loading", G_CALLBACK (loading_notify_cb), &period_when_loaded);
  choose_quarter (&f, "2021Q3");
  ui_test_spin_until (!yk_statistics_page_get_loading (f.page) && g_str_equal (shown (&f)->period, "2021Q3"));
  /* Loading ends with the new figures in place, not before them. */
  g_assert_cmpstr (period_when_loaded, ==, "2021Q3");
  g_signal_handler_disconnect (f.page, handler);
  choose_quarter (&f, "2021Q4");
  ui_test_spin_until (!yk_statistics_page_get_loading (f.page) && g_str_equal (shown (&f)->period, "2021Q4"));

  expected = _yk_report_compute_on (connection (&f), "2021-10-01", "2021-12-31", 0, &error);
  g_assert_no_error (error);
  /* What `yukang report --period 2021Q4` prints. */
  cli = yk_report_for_session (yk_unlocked_session_get_session (f.session), "2021Q4", NULL, &error);
  g_assert_no_error (error);
  for (int k = 0; k < YK_N_INDICATORS; k++)
    g_assert_cmpint (cli->total[k], ==, expected->total[k]);
  g_assert_cmpuint (expected->sites->len, ==, 2);
  assert_table_is (&f, expected);
  g_assert_cmpint (shown_value (&f, YK_INDICATOR_HOME_VISITS, 2), >, 0);

  summary = yk_report_summary (expected);
  notes = yk_report_notes (expected);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ui_test_child (f.page, YK_TYPE_STATISTICS_PAGE, "summary_label"))),
                   ==, summary);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ui_test_child (f.page, YK_TYPE_STATISTICS_PAGE, "notes_label"))),
                   ==, notes);
  g_assert_true (gtk_label_get_selectable (GTK_LABEL (ui_test_child (f.page, YK_TYPE_STATISTICS_PAGE, "summary_label"))));
  /* Three months, two sites, two series each. */
  g_assert_cmpuint (yk_monthly_chart_get_n_bars (YK_MONTHLY_CHART (ui_test_child (f.page, YK_TYPE_STATISTICS_PAGE,
                                                                                  "contacts_chart"))), ==, 12);
  g_assert_cmpuint (yk_monthly_chart_get_n_bars (YK_MONTHLY_CHART (ui_test_child (f.page, YK_TYPE_STATISTICS_PAGE,
                                                                                  "activities_chart"))), ==, 12);

  /* One site chosen: its column alone, and 合计 is that site's. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_child (f.page, YK_TYPE_STATISTICS_PAGE, "site_dropdown")), 2);
  ui_test_spin_until (!yk_statistics_page_get_loading (f.page) && shown (&f)->report->sites->len == 1);
  g_clear_pointer (&expected, yk_report_free);
  expected = _yk_report_compute_on (connection (&f), "2021-10-01", "2021-12-31",
                                ((YkReportSite *) shown (&f)->report->sites->pdata[0])->site_id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (((YkReportSite *) expected->sites->pdata[0])->code, ==, "JL");
  assert_table_is (&f, expected);
  fixture_close (&f);
}

static char *
run_tool (const char *const *argv)
{
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* The value of cell `ref` ("B4") in a sheet's XML, or NULL. */
static char *
sheet_cell (const char *sheet, const char *ref)
{
  g_autofree char *attribute = g_strdup_printf ("<c r=\"%s\"", ref);
  const char *cell = strstr (sheet, attribute);
  const char *value, *end;

  if (cell == NULL || (value = strstr (cell, "<v>")) == NULL || (end = strstr (value, "</v>")) == NULL)
    return NULL;
  return g_strndup (value + 3, end - value - 3);
}

/* Every row of the table (the report's CSV: label, sites, 合计, 累计) as
 * a person reads it in the PDF, laid out (pdftotext -layout): a line
 * with the label, then exactly those numbers. */
static void
assert_pdf_table (const char *text, const char *csv)
{
  g_auto (GStrv) rows = g_strsplit (csv, "\r\n", -1);
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  /* The indicator rows; the CSV's last row is the audit head. */
  for (guint r = 1; rows[r] != NULL && rows[r][0] != '\0' && !g_str_has_prefix (rows[r], "审计记录链头,"); r++)
    {
      g_auto (GStrv) cells = g_strsplit (rows[r], ",", -1);
      gboolean found = FALSE;

      for (guint l = 0; lines[l] != NULL && !found; l++)
        {
          g_autofree char *line = g_strstrip (g_strdup (lines[l]));
          g_auto (GStrv) words = NULL;
          guint n = 0;

          if (!g_str_has_prefix (line, cells[0]))
            continue;
          words = g_strsplit_set (line + strlen (cells[0]), " ", -1);
          found = TRUE;
          for (guint w = 0; words[w] != NULL; w++)
            if (words[w][0] != '\0')
              {
                g_assert_nonnull (cells[1 + n]);
                g_assert_cmpstr (words[w], ==, cells[1 + n]);
                n++;
              }
          g_assert_cmpuint (n, ==, g_strv_length (cells) - 1);
        }
      g_assert_true (found);
    }
}

/* The same rows in the XLSX sheet: labels in column A from row 4 (through
 * the shared strings), the numbers beside them. */
static void
assert_xlsx_table (const char *sheet, const char *strings, const char *csv)
{
  g_auto (GStrv) rows = g_strsplit (csv, "\r\n", -1);

  /* The indicator rows; the CSV's last row is the audit head. */
  for (guint r = 1; rows[r] != NULL && rows[r][0] != '\0' && !g_str_has_prefix (rows[r], "审计记录链头,"); r++)
    {
      g_auto (GStrv) cells = g_strsplit (rows[r], ",", -1);
      g_autofree char *label_ref = g_strdup_printf ("A%u", r + 3);
      g_autofree char *label_index = sheet_cell (sheet, label_ref);
      g_autofree char *label_xml = g_strdup_printf ("<t>%s</t>", cells[0]);
      const char *label_at = strstr (strings, label_xml);
      guint index = 0;

      /* The label's place among the shared strings is the cell's value. */
      g_assert_nonnull (label_index);
      g_assert_nonnull (label_at);
      for (const char *p = strstr (strings, "<si>"); p != NULL && p < label_at; p = strstr (p + 4, "<si>"))
        index++;
      g_assert_cmpuint (index - 1, ==, g_ascii_strtoull (label_index, NULL, 10));
      for (guint c = 1; cells[c] != NULL; c++)
        {
          g_autofree char *ref = g_strdup_printf ("%c%u", 'A' + c, r + 3);
          g_autofree char *value = sheet_cell (sheet, ref);

          g_assert_cmpstr (value, ==, cells[c]);
        }
    }
}

static void
test_exports (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yukang-statistics-export-XXXXXX", &error);
  g_autofree char *csv_path = g_build_filename (dir, "out.csv", NULL);
  g_autofree char *xlsx_path = g_build_filename (dir, "out.xlsx", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "out.pdf", NULL);
  g_autofree char *print_path = g_build_filename (dir, "print.pdf", NULL);
  g_autoptr (GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr (GFile) xlsx_file = g_file_new_for_path (xlsx_path);
  g_autoptr (GFile) pdf_file = g_file_new_for_path (pdf_path);
  g_autoptr (YkReport) expected = NULL;
  g_autofree char *csv = NULL, *expected_csv = NULL, *name = NULL, *bytes = NULL;
  gsize length;

  g_assert_no_error (error);
  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  expected = _yk_report_compute_on (connection (&f), "2021-10-01", "2021-12-31", 0, &error);
  g_assert_no_error (error);

  name = yk_statistics_page_suggest_file_name (f.page, "xlsx");
  g_assert_cmpstr (name, ==, "渝康家园统计_2021Q4.xlsx");
  g_free (name);
  name = yk_statistics_page_suggest_file_name (f.page, "csv");
  g_assert_cmpstr (name, ==, "渝康家园统计_2021Q4.csv");

  g_assert_true (yk_statistics_page_save (f.page, "csv", csv_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  expected_csv = yk_report_to_csv (expected);
  g_assert_cmpstr (csv, ==, expected_csv);

  g_assert_true (yk_statistics_page_save (f.page, "xlsx", xlsx_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (xlsx_path, &bytes, &length, &error));
  g_assert_true (length > 4 && memcmp (bytes, "PK", 2) == 0);
  g_clear_pointer (&bytes, g_free);
  g_assert_true (yk_statistics_page_save (f.page, "pdf", pdf_file, &error));
  g_assert_no_error (error);
  g_assert_true (yk_statistics_page_print_to_file (f.page, print_path, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 2; i++)
    {
      g_assert_true (g_file_get_contents (i ? print_path : pdf_path, &bytes, &length, &error));
      g_assert_true (length > 5 && memcmp (bytes, "%PDF-", 5) == 0);
      g_clear_pointer (&bytes, g_free);
    }

  /* What a person opening the files reads (build-aux/dev installs
   * poppler-utils and unzip). */
  for (int i = 0; i < 2; i++)
      {
        const char *argv[] = { "pdftotext", "-layout", i ? print_path : pdf_path, "-", NULL };
        g_autofree char *text = run_tool (argv);

        g_assert_nonnull (strstr (text, "石坪桥街道渝康家园"));
        assert_pdf_table (text, expected_csv);
        /* The summary paragraph begins with the period. */
        g_assert_nonnull (strstr (text, "2021年10月1日至2021年12月31日"));
      }
    {
      const char *strings_argv[] = { "unzip", "-p", xlsx_path, "xl/sharedStrings.xml", NULL };
      const char *sheet_argv[] = { "unzip", "-p", xlsx_path, "xl/worksheets/sheet1.xml", NULL };
      g_autofree char *strings = run_tool (strings_argv);
      g_autofree char *sheet = run_tool (sheet_argv);

      assert_xlsx_table (sheet, strings, expected_csv);
    }

  g_unlink (csv_path);
  g_unlink (xlsx_path);
  g_unlink (pdf_path);
  g_unlink (print_path);
  g_rmdir (dir);
  fixture_close (&f);
}

static YkFigureRecordsDialog *
open_records (Fixture *f, int k, int c)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  YkFigureRecordsDialog *dialog = NULL;

  /* A click (gtk_widget_activate() would press it only after a delay). */
  g_signal_emit_by_name (cell (f, k, c), "clicked");
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (YK_IS_FIGURE_RECORDS_DIALOG (window) &&
          yk_figure_records_dialog_get_indicator (YK_FIGURE_RECORDS_DIALOG (window)) == (YkIndicator) k)
        dialog = YK_FIGURE_RECORDS_DIALOG (window);
    }
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  ui_test_spin_until (!yk_figure_records_dialog_get_loading (dialog));
  return dialog;
}

static void
test_drill_down (void)
{
  Fixture f = { 0 };
  YkFigureRecordsDialog *dialog;
  GListModel *records;
  gint64 figure, threshold;
  GtkWidget *case_file;
  g_autoptr (YkFigureRecordItem) first = NULL;

  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);

  /* 上门服务 at SPQ: one row per visit, as many as the figure. */
  figure = shown_value (&f, YK_INDICATOR_HOME_VISITS, 0);
  dialog = open_records (&f, YK_INDICATOR_HOME_VISITS, 0);
  records = yk_figure_records_dialog_get_records (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (records), ==, figure);
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr (YkFigureRecordItem) item = g_list_model_get_item (records, i);
      g_autofree char *date = NULL, *name = NULL, *case_no = NULL;

      g_object_get (item, "date", &date, "name", &name, "case-no", &case_no, NULL);
      g_assert_cmpstr (date, >=, "2021-10-01");
      g_assert_cmpstr (date, <=, "2021-12-31");
      g_assert_true (g_str_has_prefix (case_no, "SPQ"));
      g_assert_nonnull (strchr (name, '*')); /* masked */
    }
  /* Activating a row opens that person's case file. */
  first = g_list_model_get_item (records, 0);
  g_signal_emit_by_name (ui_test_child (dialog, YK_TYPE_FIGURE_RECORDS_DIALOG, "column_view"), "activate", 0u);
  case_file = ui_test_child (gtk_widget_get_ancestor (GTK_WIDGET (f.page), YK_TYPE_MAIN_VIEW), YK_TYPE_MAIN_VIEW,
                             "case_file_view");
  g_assert_cmpint (yk_figure_record_item_get_record (first)->client_id, >, 0);
  g_assert_cmpint (yk_case_file_view_get_client_id (YK_CASE_FILE_VIEW (case_file)), ==,
                   yk_figure_record_item_get_record (first)->client_id);
  gtk_widget_activate_action (case_file, "case.back", NULL);
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* 生活状态改善 in total: each person with the baseline and latest SDSS
   * that qualified them. */
  threshold = shown (&f)->report->improvement_threshold;
  figure = shown_value (&f, YK_INDICATOR_IMPROVED, 2);
  g_assert_cmpint (figure, >, 0);
  dialog = open_records (&f, YK_INDICATOR_IMPROVED, 2);
  records = yk_figure_records_dialog_get_records (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (records), ==, figure);
  g_assert_true (gtk_column_view_column_get_visible (GTK_COLUMN_VIEW_COLUMN (
    gtk_widget_get_template_child (GTK_WIDGET (dialog), YK_TYPE_FIGURE_RECORDS_DIALOG, "baseline_column"))));
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr (YkFigureRecordItem) item = g_list_model_get_item (records, i);
      const YkFigureRecord *record = yk_figure_record_item_get_record (item);
      g_autofree char *baseline = NULL, *latest = NULL;

      g_object_get (item, "baseline", &baseline, "latest", &latest, NULL);
      g_assert_true (record->has_sdss);
      g_assert_cmpint (record->latest_total, <=, record->baseline_total - threshold);
      g_assert_nonnull (strstr (baseline, record->baseline_date));
      g_assert_nonnull (strstr (latest, record->latest_date));
      g_assert_cmpint (atoi (baseline), ==, record->baseline_total);
      g_assert_cmpint (atoi (latest), ==, record->latest_total);
    }
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* 活动参与: rows and residents' head counts add up to the figure. */
  figure = shown_value (&f, YK_INDICATOR_ACTIVITY_ATTENDANCES, 3);
  dialog = open_records (&f, YK_INDICATOR_ACTIVITY_ATTENDANCES, 3);
  records = yk_figure_records_dialog_get_records (dialog);
  {
    gint64 sum = 0;

    for (guint i = 0; i < g_list_model_get_n_items (records); i++)
      {
        g_autoptr (YkFigureRecordItem) item = g_list_model_get_item (records, i);

        sum += yk_figure_record_item_get_record (item)->weight;
      }
    g_assert_cmpint (sum, ==, figure);
  }
  fixture_close (&f);
}

static gboolean
tick_cb (gpointer user_data)
{
  YkStatisticsPage *page = ((gpointer *) user_data)[0];
  guint *ticks = ((gpointer *) user_data)[1];

  if (yk_statistics_page_get_loading (page))
    (*ticks)++;
  return G_SOURCE_CONTINUE;
}

/* The figures are computed in a worker: the window answers meanwhile. */
static void
test_main_loop_runs (void)
{
  Fixture f = { 0 };
  guint ticks = 0;
  gpointer data[2];
  guint source;

  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  data[0] = f.page;
  data[1] = &ticks;
  /* Ahead of the result's own dispatch, so a tick can see the load. */
  source = g_timeout_add_full (G_PRIORITY_HIGH, 1, tick_cb, data, NULL);
  choose_quarter (&f, "2021Q2");
  /* Asking returned before the answer. */
  g_assert_true (yk_statistics_page_get_loading (f.page));
  g_assert_cmpstr (shown (&f)->period, ==, "2021Q4");
  ui_test_spin_until (!yk_statistics_page_get_loading (f.page));
  g_source_remove (source);
  g_assert_cmpuint (ticks, >, 0);
  g_assert_cmpstr (shown (&f)->period, ==, "2021Q2");

  /* A new request replaces one under way: the last asked is shown. */
  choose_quarter (&f, "2021Q1");
  choose_quarter (&f, "2021Q3");
  ui_test_spin_until (!yk_statistics_page_get_loading (f.page));
  g_assert_cmpstr (shown (&f)->period, ==, "2021Q3");
  fixture_close (&f);
}

/* A range typed the short way (20211001) and the ledger's way
 * (2021/12/31): the fields show ISO, and the figures are Q4's. */
static void
test_range_typed (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReport) expected = NULL;
  GtkWidget *from, *to;

  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_child (f.page, YK_TYPE_STATISTICS_PAGE, "period_kind_dropdown")), 2);
  from = ui_test_child (f.page, YK_TYPE_STATISTICS_PAGE, "from_entry");
  to = ui_test_child (f.page, YK_TYPE_STATISTICS_PAGE, "to_entry");
  g_assert_true (YK_IS_DATE_ENTRY (from));
  /* No visible label: the entries inside are named. */
  gtk_test_accessible_assert_property (yk_date_entry_get_entry (YK_DATE_ENTRY (from)), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "From");
  gtk_test_accessible_assert_property (yk_date_entry_get_entry (YK_DATE_ENTRY (to)), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "To");
  gtk_editable_set_text (GTK_EDITABLE (from), "20211001");
  gtk_editable_set_text (GTK_EDITABLE (to), "2021/12/31");
  /* Enter in the field: the text becomes ISO before the range applies. */
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (yk_date_entry_get_entry (YK_DATE_ENTRY (to)))),
                         "activate");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (to)), ==, "2021-12-31");
  ui_test_spin_until (!yk_statistics_page_get_loading (f.page) && shown (&f) != NULL &&
                      g_str_equal (shown (&f)->period, "2021-10-01..2021-12-31"));
  expected = _yk_report_compute_on (connection (&f), "2021-10-01", "2021-12-31", 0, &error);
  g_assert_no_error (error);
  assert_table_is (&f, expected);
  fixture_close (&f);
}

/* Locking while the figures are computed: the worker lets go of its
 * connection before the keys are wiped (a fatal critical otherwise). */
static void
test_lock_while_loading (void)
{
  Fixture f = { 0 };
  GtkWidget *page;

  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  page = GTK_WIDGET (f.page);
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  g_signal_emit_by_name (cell (&f, YK_INDICATOR_PHONE_FOLLOWUPS, 2), "clicked");
  choose_quarter (&f, "2021Q1");
  g_assert_true (yk_statistics_page_get_loading (f.page));
  yk_window_lock (f.window);
  g_assert_null (page);
  g_assert_null (yk_window_get_session (f.window));
  fixture_close (&f);
}

static void
test_worker_sees_own_site (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReport) expected = NULL;
  YkSession *session;

  fixture_open (&f, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  session = yk_unlocked_session_get_session (f.session);
  expected = _yk_report_compute_on (connection (&f), "2021-10-01", "2021-12-31", yk_casework_site_scope (session), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (expected->sites->len, ==, 1);
  g_assert_cmpstr (((YkReportSite *) expected->sites->pdata[0])->code, ==, "SPQ");
  assert_table_is (&f, expected);
  /* No site to choose: their own is named instead. */
  g_assert_false (gtk_widget_get_visible (ui_test_child (f.page, YK_TYPE_STATISTICS_PAGE, "site_dropdown")));
  g_assert_true (gtk_widget_get_visible (ui_test_child (f.page, YK_TYPE_STATISTICS_PAGE, "site_label")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ui_test_child (f.page, YK_TYPE_STATISTICS_PAGE, "site_label"))), ==,
                   ((YkReportSite *) expected->sites->pdata[0])->name);
  fixture_close (&f);
}

/* --- the 工作量 tab --- */

static YkWorkloadView *
workload_view (Fixture *f)
{
  return YK_WORKLOAD_VIEW (ui_test_child (f->page, YK_TYPE_STATISTICS_PAGE, "workload_view"));
}

static const YkWorkload *
show_workload_tab (Fixture *f, const char *from)
{
  GtkStack *views = GTK_STACK (ui_test_child (f->page, YK_TYPE_STATISTICS_PAGE, "view_stack"));

  gtk_stack_set_visible_child_name (views, "workload");
  ui_test_spin_until (!yk_workload_view_get_loading (workload_view (f)) &&
                      yk_workload_view_get_workload (workload_view (f)) != NULL &&
                      g_str_equal (yk_workload_view_get_workload (workload_view (f))->from, from));
  return yk_workload_view_get_workload (workload_view (f));
}

/* The button of `figure` in grid row `y` of the workload table. */
static GtkWidget *
workload_cell (Fixture *f, int y, YkWorkloadFigure figure)
{
  GtkGrid *grid = GTK_GRID (ui_test_child (workload_view (f), YK_TYPE_WORKLOAD_VIEW, "table_grid"));
  GtkWidget *widget = gtk_grid_get_child_at (grid, 2 + (int) figure, y);

  g_assert_true (GTK_IS_BUTTON (widget));
  return widget;
}

static gint64
workload_value (Fixture *f, int y, YkWorkloadFigure figure)
{
  return g_ascii_strtoll (gtk_button_get_label (GTK_BUTTON (workload_cell (f, y, figure))), NULL, 10);
}

/* Clicks a cell and waits for its records; their weights' sum. */
static gint64
workload_records_sum (Fixture *f, int y, YkWorkloadFigure figure, YkFigureRecordsDialog **dialog_out)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  YkFigureRecordsDialog *dialog = NULL;
  GListModel *records;
  gint64 sum = 0;

  g_signal_emit_by_name (workload_cell (f, y, figure), "clicked");
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (YK_IS_FIGURE_RECORDS_DIALOG (window))
        dialog = YK_FIGURE_RECORDS_DIALOG (window);
    }
  g_assert_nonnull (dialog);
  g_assert_cmpint (yk_figure_records_dialog_get_indicator (dialog), ==, YK_N_INDICATORS);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (f->window));
  ui_test_spin_until (!yk_figure_records_dialog_get_loading (dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, yk_workload_label (figure));
  records = yk_figure_records_dialog_get_records (dialog);
  for (guint i = 0; i < g_list_model_get_n_items (records); i++)
    {
      g_autoptr (YkFigureRecordItem) item = g_list_model_get_item (records, i);

      sum += yk_figure_record_item_get_record (item)->weight;
    }
  if (dialog_out != NULL)
    *dialog_out = dialog;
  else
    gtk_window_destroy (GTK_WINDOW (dialog));
  return sum;
}

static void
test_workload_tab (void)
{
  Fixture f = { 0 };
  const YkWorkload *w;
  YkFigureRecordsDialog *dialog;
  GListModel *records;
  GtkWidget *case_file;
  GtkGrid *bars;
  int total_y;

  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  w = show_workload_tab (&f, "2021-10-01");
  /* Header, workers, a rule, each site's total, the total. */
  total_y = 1 + (int) w->workers->len + 1 + (int) w->sites->len;
  g_assert_cmpuint (w->sites->len, ==, 2);
  g_assert_cmpint (workload_value (&f, total_y, YK_WORKLOAD_HOME_VISITS), ==, 136);
  g_assert_cmpint (workload_value (&f, total_y, YK_WORKLOAD_PHONE_FOLLOWUPS), ==, 337);
  g_assert_cmpint (workload_value (&f, total_y, YK_WORKLOAD_ACTIVITIES), ==, 26);
  g_assert_cmpint (workload_value (&f, total_y, YK_WORKLOAD_ATTENDANCES), ==, 456);
  for (int k = 0; k < YK_N_WORKLOAD; k++)
    {
      g_assert_cmpint (workload_value (&f, total_y, (YkWorkloadFigure) k), ==, w->total->values[k]);
      g_assert_cmpint (workload_value (&f, 1, (YkWorkloadFigure) k), ==,
                       ((YkWorkloadRow *) w->workers->pdata[0])->values[k]);
      /* Each cell says to a screen reader what it is. */
      {
        g_autofree char *said = g_strdup_printf ("%s, Total: %" G_GINT64_FORMAT,
                                                 yk_workload_label ((YkWorkloadFigure) k), w->total->values[k]);

        gtk_test_accessible_assert_property (workload_cell (&f, total_y, (YkWorkloadFigure) k),
                                             GTK_ACCESSIBLE_PROPERTY_LABEL, said);
      }
    }
  /* The training hours after the figures: the period's and the year's,
   * a social worker below the year's 20 hours marked in words. */
  {
    GtkGrid *grid = GTK_GRID (ui_test_child (workload_view (&f), YK_TYPE_WORKLOAD_VIEW, "table_grid"));
    int training_x = 2 + YK_N_WORKLOAD;

    g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, training_x + 1, 0))), ==,
                     "年度培训学时\n（小时）");
    for (guint i = 0; i < w->workers->len; i++)
      {
        const YkWorkloadRow *row = w->workers->pdata[i];
        GtkWidget *button = gtk_grid_get_child_at (grid, training_x + 1, 1 + (int) i);
        const char *year = gtk_button_get_label (GTK_BUTTON (button));
        g_autofree char *hours = yk_training_hours_format (row->training_year_tenths);

        g_assert_true (g_str_has_prefix (year, hours));
        g_assert_true ((strstr (year, yk_workload_below_goal_mark ()) != NULL) == row->training_below_goal);
        g_assert_true (gtk_widget_has_css_class (gtk_button_get_child (GTK_BUTTON (button)), "yk-overdue") ==
                       row->training_below_goal);
      }
    /* The demo records no training: every social worker is below. */
    g_assert_true (((YkWorkloadRow *) w->workers->pdata[0])->training_below_goal);
  }
  /* A bar per worker, scaled to the largest. */
  bars = GTK_GRID (ui_test_child (workload_view (&f), YK_TYPE_WORKLOAD_VIEW, "bars_grid"));
  for (guint i = 0; i < w->workers->len; i++)
    {
      const YkWorkloadRow *row = w->workers->pdata[i];
      GtkWidget *bar = gtk_grid_get_child_at (bars, 1, (int) i);

      g_assert_true (GTK_IS_LEVEL_BAR (bar));
      g_assert_cmpfloat (gtk_level_bar_get_value (GTK_LEVEL_BAR (bar)), ==,
                         (double) (row->values[YK_WORKLOAD_HOME_VISITS] + row->values[YK_WORKLOAD_PHONE_FOLLOWUPS]));
    }

  /* The total's 活动参与: activities weighted by their attendances, no
   * empty columns for a person. */
  g_assert_cmpint (workload_records_sum (&f, total_y, YK_WORKLOAD_ATTENDANCES, &dialog), ==, 456);
  g_assert_false (gtk_column_view_column_get_visible (GTK_COLUMN_VIEW_COLUMN (
    gtk_widget_get_template_child (GTK_WIDGET (dialog), YK_TYPE_FIGURE_RECORDS_DIALOG, "case_no_column"))));
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpint (workload_records_sum (&f, total_y, YK_WORKLOAD_ACTIVITIES, NULL), ==, 26);
  /* A site's total and a worker's row. */
  g_assert_cmpint (workload_records_sum (&f, total_y - 1, YK_WORKLOAD_PEOPLE, NULL), ==,
                   workload_value (&f, total_y - 1, YK_WORKLOAD_PEOPLE));
  g_assert_cmpint (workload_records_sum (&f, 1, YK_WORKLOAD_MINUTES, NULL), ==,
                   workload_value (&f, 1, YK_WORKLOAD_MINUTES));
  /* A worker's home visits: one row each; activating one opens the case file. */
  g_assert_cmpint (workload_records_sum (&f, 1, YK_WORKLOAD_HOME_VISITS, &dialog), ==,
                   workload_value (&f, 1, YK_WORKLOAD_HOME_VISITS));
  records = yk_figure_records_dialog_get_records (dialog);
  g_assert_cmpuint (g_list_model_get_n_items (records), ==, workload_value (&f, 1, YK_WORKLOAD_HOME_VISITS));
  g_assert_true (gtk_column_view_column_get_visible (GTK_COLUMN_VIEW_COLUMN (
    gtk_widget_get_template_child (GTK_WIDGET (dialog), YK_TYPE_FIGURE_RECORDS_DIALOG, "case_no_column"))));
  {
    g_autoptr (YkFigureRecordItem) first = g_list_model_get_item (records, 0);
    g_autofree char *name = NULL;

    g_object_get (first, "name", &name, NULL);
    g_assert_nonnull (strchr (name, '*')); /* masked */
    g_signal_emit_by_name (ui_test_child (dialog, YK_TYPE_FIGURE_RECORDS_DIALOG, "column_view"), "activate", 0u);
    case_file = ui_test_child (gtk_widget_get_ancestor (GTK_WIDGET (f.page), YK_TYPE_MAIN_VIEW), YK_TYPE_MAIN_VIEW,
                               "case_file_view");
    g_assert_cmpint (yk_case_file_view_get_client_id (YK_CASE_FILE_VIEW (case_file)), ==,
                     yk_figure_record_item_get_record (first)->client_id);
    gtk_widget_activate_action (case_file, "case.back", NULL);
  }
  gtk_window_destroy (GTK_WINDOW (dialog));

  /* The period chooser is shared: another quarter moves the tab too. */
  choose_quarter (&f, "2021Q3");
  w = show_workload_tab (&f, "2021-07-01");
  g_assert_cmpstr (w->to, ==, "2021-09-30");
  ui_test_spin_until (!yk_statistics_page_get_loading (f.page) && g_str_equal (shown (&f)->period, "2021Q3"));
  fixture_close (&f);
}

/* The training button of grid row `y`: the period's hours, or the year's. */
static GtkWidget *
training_cell (Fixture *f, int y, gboolean year)
{
  GtkGrid *grid = GTK_GRID (ui_test_child (workload_view (f), YK_TYPE_WORKLOAD_VIEW, "table_grid"));
  GtkWidget *widget = gtk_grid_get_child_at (grid, 2 + YK_N_WORKLOAD + (year ? 1 : 0), y);

  g_assert_true (GTK_IS_BUTTON (widget));
  return widget;
}

/* Clicks a training cell and waits for its sessions: how many lines,
 * and in *tenths their hours, which the cell's label must begin with. */
static guint
training_records (Fixture *f, int y, gboolean year, gint64 *tenths, YkFigureRecordsDialog **dialog_out)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  YkFigureRecordsDialog *dialog = NULL;
  GListModel *records;
  g_autofree char *hours = NULL;
  guint n;

  *tenths = 0;
  g_signal_emit_by_name (training_cell (f, y, year), "clicked");
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (YK_IS_FIGURE_RECORDS_DIALOG (window))
        dialog = YK_FIGURE_RECORDS_DIALOG (window);
    }
  g_assert_nonnull (dialog);
  ui_test_spin_until (!yk_figure_records_dialog_get_loading (dialog));
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, yk_workload_training_label (year));
  records = yk_figure_records_dialog_get_records (dialog);
  n = g_list_model_get_n_items (records);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (YkFigureRecordItem) item = g_list_model_get_item (records, i);
      const YkFigureRecord *record = yk_figure_record_item_get_record (item);
      g_autofree char *weight = NULL, *shown_hours = yk_training_hours_format (record->weight);

      /* Hours as the cells write them. */
      g_object_get (item, "weight", &weight, NULL);
      g_assert_cmpstr (weight, ==, shown_hours);
      *tenths += record->weight;
    }
  hours = yk_training_hours_format (*tenths);
  g_assert_true (g_str_has_prefix (gtk_button_get_label (GTK_BUTTON (training_cell (f, y, year))), hours));
  g_assert_true (gtk_column_view_column_get_visible (GTK_COLUMN_VIEW_COLUMN (
    gtk_widget_get_template_child (GTK_WIDGET (dialog), YK_TYPE_FIGURE_RECORDS_DIALOG, "weight_column"))));
  g_assert_false (gtk_column_view_column_get_visible (GTK_COLUMN_VIEW_COLUMN (
    gtk_widget_get_template_child (GTK_WIDGET (dialog), YK_TYPE_FIGURE_RECORDS_DIALOG, "case_no_column"))));
  if (dialog_out != NULL)
    *dialog_out = dialog;
  else
    gtk_window_destroy (GTK_WINDOW (dialog));
  return n;
}

static void
record_training (YkSession *session, const char *date, const char *title, int tenths, const char *provider,
                 const gint64 *staff_ids, guint n_staff, gboolean voided)
{
  g_autoptr (GError) error = NULL;
  YkTrainingRecord record = { date, title, tenths, provider, staff_ids, n_staff };
  gint64 id = 0;

  g_assert_true (yk_training_record (session, &record, &id, &error));
  g_assert_no_error (error);
  if (voided)
    g_assert_true (yk_training_void (session, id, "记错了", &error));
  g_assert_no_error (error);
}

/* The training cells are buttons too: a worker's lists the sessions they
 * attended, a total each session once per attendee, their hours adding
 * up to the cell; a voided session is in neither. */
static void
test_workload_training (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) staff = NULL;
  YkSession *session;
  YkFigureRecordsDialog *dialog;
  const YkWorkload *w;
  gint64 ids[2] = { 0 }, tenths;
  int y = 0, total_y;

  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  session = yk_unlocked_session_get_session (f.session);
  staff = yk_training_staff (session, &error);
  g_assert_no_error (error);
  /* The first two social workers. */
  for (guint i = 0, n = 0; i < staff->len && n < 2; i++)
    if (g_strcmp0 (((YkWorkloadStaff *) staff->pdata[i])->role, "worker") == 0)
      ids[n++] = ((YkWorkloadStaff *) staff->pdata[i])->id;
  g_assert_cmpint (ids[1], >, 0);
  record_training (session, "2021-03-20", "社区精神康复个案管理", 60, "区精神卫生中心", ids, 2, FALSE);
  record_training (session, "2021-10-28", "家属支持小组带领", 35, "区民政局", ids, 2, FALSE);
  record_training (session, "2021-11-25", "个案督导", 40, NULL, ids, 1, FALSE);
  record_training (session, "2021-11-30", "作废的培训", 25, NULL, ids, 2, TRUE);

  w = show_workload_tab (&f, "2021-10-01");
  total_y = 1 + (int) w->workers->len + 1 + (int) w->sites->len;
  for (guint i = 0; i < w->workers->len; i++)
    if (((YkWorkloadRow *) w->workers->pdata[i])->staff_id == ids[0])
      y = 1 + (int) i;
  g_assert_cmpint (y, >, 0);

  /* The first worker: two sessions in the quarter, three in the year. */
  g_assert_cmpuint (training_records (&f, y, FALSE, &tenths, &dialog), ==, 2);
  g_assert_cmpint (tenths, ==, 35 + 40);
  g_assert_false (gtk_column_view_column_get_visible (GTK_COLUMN_VIEW_COLUMN (
    gtk_widget_get_template_child (GTK_WIDGET (dialog), YK_TYPE_FIGURE_RECORDS_DIALOG, "name_column"))));
  {
    g_autoptr (YkFigureRecordItem) first = g_list_model_get_item (yk_figure_records_dialog_get_records (dialog), 0);
    g_autofree char *date = NULL, *title = NULL, *provider = NULL;

    g_object_get (first, "date", &date, "kind", &title, "detail", &provider, NULL);
    g_assert_cmpstr (date, ==, "2021-10-28");
    g_assert_cmpstr (title, ==, "家属支持小组带领");
    g_assert_cmpstr (provider, ==, "区民政局");
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (training_records (&f, y, TRUE, &tenths, NULL), ==, 3);
  g_assert_cmpint (tenths, ==, 60 + 35 + 40);

  /* The total: a line per session and attendee, named. */
  g_assert_cmpuint (training_records (&f, total_y, FALSE, &tenths, &dialog), ==, 3);
  g_assert_cmpint (tenths, ==, w->total->training_tenths);
  g_assert_cmpint (tenths, ==, 35 * 2 + 40);
  g_assert_true (gtk_column_view_column_get_visible (GTK_COLUMN_VIEW_COLUMN (
    gtk_widget_get_template_child (GTK_WIDGET (dialog), YK_TYPE_FIGURE_RECORDS_DIALOG, "name_column"))));
  {
    g_autoptr (YkFigureRecordItem) first = g_list_model_get_item (yk_figure_records_dialog_get_records (dialog), 0);
    g_autofree char *name = NULL;

    g_object_get (first, "name", &name, NULL);
    g_assert_nonnull (name);
    g_assert_null (strchr (name, '*')); /* staff, not masked */
  }
  gtk_window_destroy (GTK_WINDOW (dialog));
  g_assert_cmpuint (training_records (&f, total_y, TRUE, &tenths, NULL), ==, 2 + 2 + 1);
  g_assert_cmpint (tenths, ==, w->total->training_year_tenths);
  /* Each site's total too. */
  for (guint i = 0; i < w->sites->len; i++)
    {
      const YkWorkloadRow *row = w->sites->pdata[i];

      training_records (&f, total_y - (int) w->sites->len + (int) i, TRUE, &tenths, NULL);
      g_assert_cmpint (tenths, ==, row->training_year_tenths);
    }
  fixture_close (&f);
}

/* A social worker: their own row and their site's total, which is the total. */
static void
test_workload_worker (void)
{
  Fixture f = { 0 };
  const YkWorkload *w;
  GtkGrid *grid;

  fixture_open (&f, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  w = show_workload_tab (&f, "2021-10-01");
  g_assert_cmpuint (w->workers->len, ==, 1);
  g_assert_cmpint (((YkWorkloadRow *) w->workers->pdata[0])->staff_id, ==,
                   yk_session_get_staff_id (yk_unlocked_session_get_session (f.session)));
  g_assert_cmpuint (w->sites->len, ==, 1);
  grid = GTK_GRID (ui_test_child (workload_view (&f), YK_TYPE_WORKLOAD_VIEW, "table_grid"));
  /* Header, the worker, a rule, the site's total; no second total. */
  g_assert_true (GTK_IS_BUTTON (gtk_grid_get_child_at (grid, 2, 3)));
  g_assert_null (gtk_grid_get_child_at (grid, 2, 4));
  g_assert_cmpint (workload_value (&f, 3, YK_WORKLOAD_HOME_VISITS), ==, w->total->values[YK_WORKLOAD_HOME_VISITS]);
  g_assert_cmpint (workload_records_sum (&f, 3, YK_WORKLOAD_HOME_VISITS, NULL), ==,
                   w->total->values[YK_WORKLOAD_HOME_VISITS]);
  /* Their site's training, as the cell says (whatever the tests before recorded). */
  {
    gint64 tenths;

    training_records (&f, 3, TRUE, &tenths, NULL);
    g_assert_cmpint (tenths, ==, w->total->training_year_tenths);
  }
  fixture_close (&f);
}

/* On the 工作量 tab, export writes the workload, in the formats of
 * `yukang report --by worker`. */
static void
test_workload_export (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yukang-workload-export-XXXXXX", &error);
  g_autofree char *csv_path = g_build_filename (dir, "w.csv", NULL);
  g_autofree char *pdf_path = g_build_filename (dir, "w.pdf", NULL);
  g_autoptr (GFile) csv_file = g_file_new_for_path (csv_path);
  g_autoptr (GFile) pdf_file = g_file_new_for_path (pdf_path);
  g_autofree char *name = NULL, *csv = NULL, *expected_csv = NULL, *bytes = NULL;
  const YkWorkload *w;
  gsize length;

  g_assert_no_error (error);
  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  w = show_workload_tab (&f, "2021-10-01");
  name = yk_statistics_page_suggest_file_name (f.page, "xlsx");
  g_assert_cmpstr (name, ==, "渝康家园工作量_2021Q4.xlsx");
  g_assert_true (yk_statistics_page_save (f.page, "csv", csv_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (csv_path, &csv, NULL, &error));
  expected_csv = yk_workload_to_csv (w);
  g_assert_cmpstr (csv, ==, expected_csv);
  g_assert_true (yk_statistics_page_save (f.page, "pdf", pdf_file, &error));
  g_assert_no_error (error);
  g_assert_true (g_file_get_contents (pdf_path, &bytes, &length, &error));
  g_assert_true (length > 5 && memcmp (bytes, "%PDF-", 5) == 0);

  g_assert_cmpint (g_unlink (csv_path), ==, 0);
  g_assert_cmpint (g_unlink (pdf_path), ==, 0);
  g_assert_cmpint (g_rmdir (dir), ==, 0);
  fixture_close (&f);
}

/* A new activity with attendance, recorded elsewhere in the window. */
static void
test_refresh_on_records_changed (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) people = NULL;
  YkReader *reader;
  YkSession *session;
  YkStatistics *before;
  YkActivityRecord activity = { 0 };
  gint64 activity_id = 0, attendance_id = 0, spq;
  gint64 activities[3], attendances[3];

  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  session = yk_unlocked_session_get_session (f.session);
  spq = ((YkReportSite *) shown (&f)->report->sites->pdata[0])->site_id;
  for (int c = 0; c < 3; c++)
    {
      activities[c] = shown_value (&f, YK_INDICATOR_ACTIVITIES, c == 0 ? 0 : c + 1);
      attendances[c] = shown_value (&f, YK_INDICATOR_ACTIVITY_ATTENDANCES, c == 0 ? 0 : c + 1);
    }
  reader = yk_reader_new_for_session (session);
  people = yk_figure_records_list (reader, shown (&f)->report, YK_INDICATOR_CASELOAD_ACTIVE, spq, FALSE, NULL, &error);
  g_clear_pointer (&reader, yk_reader_free);
  g_assert_no_error (error);
  g_assert_cmpuint (people->len, >=, 2);

  activity.site_id = spq;
  activity.date = (char *) "2021-11-20";
  activity.title = (char *) "园艺小组";
  activity.category = (char *) "文体娱乐";
  activity.resident_count = 3;
  g_assert_true (yk_casework_add_activity (session, &activity, &activity_id, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 2; i++)
    {
      g_assert_true (yk_casework_add_attendance (session, activity_id, ((YkFigureRecord *) people->pdata[i])->client_id,
                                                 0, &attendance_id, &error));
      g_assert_no_error (error);
    }
  before = shown (&f);
  yk_unlocked_session_records_changed (f.session, 0);
  ui_test_spin_until (shown (&f) != before && !yk_statistics_page_get_loading (f.page));

  /* SPQ, 合计 and 累计 each gain the activity and its 2 + 3 person-times. */
  for (int c = 0; c < 3; c++)
    {
      g_assert_cmpint (shown_value (&f, YK_INDICATOR_ACTIVITIES, c == 0 ? 0 : c + 1), ==, activities[c] + 1);
      g_assert_cmpint (shown_value (&f, YK_INDICATOR_ACTIVITY_ATTENDANCES, c == 0 ? 0 : c + 1), ==, attendances[c] + 5);
    }
  fixture_close (&f);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  YkSession *session;
  int status;

  ui_test_init (&argc, &argv);
  ui_test_database_make (&db);
  session = yk_session_open (db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (yk_demo_fill (session, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);
  yk_session_close (session);

  g_test_add_func ("/ui/statistics/quarter", test_quarter_matches_engine);
  g_test_add_func ("/ui/statistics/exports", test_exports);
  g_test_add_func ("/ui/statistics/drill-down", test_drill_down);
  g_test_add_func ("/ui/statistics/main-loop", test_main_loop_runs);
  g_test_add_func ("/ui/statistics/range-typed", test_range_typed);
  g_test_add_func ("/ui/statistics/lock-while-loading", test_lock_while_loading);
  g_test_add_func ("/ui/statistics/worker", test_worker_sees_own_site);
  g_test_add_func ("/ui/statistics/workload-tab", test_workload_tab);
  /* After the tab's own test: it records training. */
  g_test_add_func ("/ui/statistics/workload-training", test_workload_training);
  g_test_add_func ("/ui/statistics/workload-export", test_workload_export);
  g_test_add_func ("/ui/statistics/workload-worker", test_workload_worker);
  /* Last: it adds records. */
  g_test_add_func ("/ui/statistics/records-changed", test_refresh_on_records_changed);
  status = g_test_run ();

  ui_test_database_remove (&db);
  return status;
}
