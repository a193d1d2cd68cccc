/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The statistics page (统计报表) on an existing database. Times
 *  - the page first shown, as the main view shows it (its session given
 *    while another screen is up, then switched to): to its first frame
 *    painted, to the figures and the monthly charts in place (computed by
 *    a worker thread), and to the next frame painted;
 *  - choosing another quarter, as a person's choice in the period chooser
 *    arrives (the quarter drop-down's `selected`), alternating between two
 *    or more quarters so that every choice changes the figures: until the
 *    page has the worker's result in place (the table, the summary and
 *    both charts holding the new months: the page's `loading` turns FALSE
 *    after that), and until the next frame is painted; with
 *    the CPU time of the main thread and of the other threads (the worker)
 *    over the same time;
 *  - yk_statistics_compute () alone, what the worker does, in this thread.
 * Medians, minima and maxima over --runs, in milliseconds. Needs a display.
 * Opening the session records an unlock in the audit trail: run it on a
 * copy of a database made by `yukang demo --size district`:
 *   xvfb-run -a build/tests/bench/yk-bench-statistics --db F --user U --password-file P
 *                                                    [--quarters 2021Q3,2021Q4] [--runs 5] [--page-only]
 * By default it alternates between the quarter the page opens on and the
 * one before it. YK_BENCH_VERBOSE=1 prints every choice's times as well. */
#define G_LOG_DOMAIN "yukang-bench"

#include "yk-config.h"
#include "yk-monthly-chart.h"
#include "yk-password.h"
#include "yk-session.h"
#include "yk-statistics-page.h"
#include "yk-statistics.h"
#include "yk-unlocked-session.h"

#include <gtk/gtk.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

/* No frame for this long means the page never showed what it was asked. */
#define TIMEOUT_S 300

static char *db_path;
static char *account;
static char *password_file;
static char *quarters_option;
static int runs = 5;
static gboolean page_only;

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_stat (const char *label,
            GArray     *samples)
{
  g_array_sort (samples, compare_doubles);
  printf ("%-46s %9.1f %9.1f %9.1f\n", label, g_array_index (samples, double, samples->len / 2),
          g_array_index (samples, double, 0), g_array_index (samples, double, samples->len - 1));
}

static void
print_once (const char *label,
            double      ms)
{
  printf ("%-46s %9.1f\n", label, ms);
}

static double
cpu_ms (clockid_t clock)
{
  struct timespec now;

  clock_gettime (clock, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static double
ms_between (gint64 start,
            gint64 end)
{
  return (end - start) / 1000.0;
}

/* --- what the page does, as the main loop sees it --- */

typedef struct
{
  gint64 first_paint; /* the first frame painted once armed */
  gint64 applied;     /* `loading` back to FALSE: the new figures are in place */
  gint64 painted;     /* the first frame painted after that */
  gboolean armed;
} Timing;

static Timing timing;

static void
timing_arm (void)
{
  timing = (Timing) { 0, 0, 0, TRUE };
}

static void
after_paint_cb (GdkFrameClock *clock)
{
  gint64 now = g_get_monotonic_time ();

  if (!timing.armed)
    return;
  if (timing.first_paint == 0)
    timing.first_paint = now;
  if (timing.applied != 0 && timing.painted == 0)
    timing.painted = now;
}

static void
loading_cb (YkStatisticsPage *page)
{
  if (!timing.armed || yk_statistics_page_get_loading (page) || timing.applied != 0)
    return;
  timing.applied = g_get_monotonic_time ();
}

static gboolean
timeout_cb (gpointer user_data)
{
  g_error ("Nothing painted with the figures after %d s", TIMEOUT_S);
  return G_SOURCE_REMOVE;
}

static void
spin_until_painted (void)
{
  guint timeout = g_timeout_add_seconds (TIMEOUT_S, timeout_cb, NULL);

  while (timing.painted == 0)
    g_main_context_iteration (NULL, TRUE);
  g_source_remove (timeout);
  timing.armed = FALSE;
}

/* The page shows `quarter`: its figures, and both charts its months. */
static void
check_shown (GtkWidget  *page,
             const char *quarter)
{
  YkStatistics *statistics = yk_statistics_page_get_statistics (YK_STATISTICS_PAGE (page));
  g_autofree char *first_month = g_strdup_printf ("%.4s-%02d", quarter, (atoi (quarter + 5) - 1) * 3 + 1);
  const char *charts[] = { "contacts_chart", "activities_chart" };
  guint bars;

  if (statistics == NULL || g_strcmp0 (statistics->period, quarter) != 0)
    g_error ("The page shows %s, not %s", statistics ? statistics->period : "nothing", quarter);
  if (statistics->months == NULL || statistics->months->len == 0 ||
      !g_str_has_prefix (((YkReport *) statistics->months->pdata[0])->from, first_month))
    g_error ("The months of %s do not start with %s", quarter, first_month);
  bars = 2 * statistics->report->sites->len * statistics->months->len;
  for (guint i = 0; i < G_N_ELEMENTS (charts); i++)
    {
      GObject *chart = gtk_widget_get_template_child (page, YK_TYPE_STATISTICS_PAGE, charts[i]);

      if (yk_monthly_chart_get_n_bars (YK_MONTHLY_CHART (chart)) != bars)
        g_error ("The %s has %u bars, not %s's %u", charts[i], yk_monthly_chart_get_n_bars (YK_MONTHLY_CHART (chart)),
                 quarter, bars);
    }
}

static const char *
shown_quarter (GtkWidget *page)
{
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_widget_get_template_child (page, YK_TYPE_STATISTICS_PAGE,
                                                                        "quarter_dropdown"));
  GtkStringObject *item = gtk_drop_down_get_selected_item (dropdown);

  return item != NULL ? gtk_string_object_get_string (item) : NULL;
}

static guint
quarter_position (GtkWidget  *page,
                  const char *quarter)
{
  GListModel *quarters = G_LIST_MODEL (gtk_widget_get_template_child (page, YK_TYPE_STATISTICS_PAGE, "quarters"));

  for (guint i = 0; i < g_list_model_get_n_items (quarters); i++)
    if (g_strcmp0 (gtk_string_list_get_string (GTK_STRING_LIST (quarters), i), quarter) == 0)
      return i;
  g_error ("The period chooser offers no %s", quarter);
  return 0;
}

/* The quarters to alternate between: --quarters, else the one the page
 * opened on and the one before (after, if it is the first). */
static GStrv
quarters_to_choose (GtkWidget *page)
{
  GListModel *quarters = G_LIST_MODEL (gtk_widget_get_template_child (page, YK_TYPE_STATISTICS_PAGE, "quarters"));
  const char *shown = shown_quarter (page);
  guint position, other;
  GStrv chosen;

  if (quarters_option != NULL)
    {
      chosen = g_strsplit (quarters_option, ",", -1);
      if (g_strv_length (chosen) < 2)
        g_error ("--quarters needs two quarters or more");
      for (guint i = 0; chosen[i] != NULL; i++)
        {
          quarter_position (page, chosen[i]);
          if (chosen[i + 1] != NULL && g_str_equal (chosen[i], chosen[i + 1]))
            g_error ("--quarters: %s twice in a row", chosen[i]);
        }
      return chosen;
    }
  position = quarter_position (page, shown);
  /* Newest first: the one before is the next in the list. */
  other = position + 1 < g_list_model_get_n_items (quarters) ? position + 1 : position - 1;
  if (other == position || other >= g_list_model_get_n_items (quarters))
    g_error ("The period chooser offers one quarter only");
  chosen = g_new0 (char *, 3);
  chosen[0] = g_strdup (gtk_string_list_get_string (GTK_STRING_LIST (quarters), other));
  chosen[1] = g_strdup (shown);
  return chosen;
}

static GStrv
bench_page (YkUnlockedSession *unlocked)
{
  GtkWidget *window = gtk_window_new ();
  GtkWidget *stack = gtk_stack_new ();
  GtkWidget *page = g_object_new (YK_TYPE_STATISTICS_PAGE, NULL);
  GtkDropDown *dropdown = GTK_DROP_DOWN (gtk_widget_get_template_child (page, YK_TYPE_STATISTICS_PAGE,
                                                                        "quarter_dropdown"));
  g_autoptr (GArray) applied = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) painted = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) laid_out = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) main_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GArray) other_cpu = g_array_new (FALSE, FALSE, sizeof (double));
  GStrv quarters;
  guint n_quarters, next = 0;
  double main_start, process_start;
  gint64 start;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  /* The main view's screens: another one up while the session is given. */
  gtk_stack_add_named (GTK_STACK (stack), gtk_label_new ("caseload"), "caseload");
  gtk_stack_add_named (GTK_STACK (stack), page, "statistics");
  gtk_stack_set_visible_child_name (GTK_STACK (stack), "caseload");
  gtk_window_set_child (GTK_WINDOW (window), stack);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint", G_CALLBACK (after_paint_cb), NULL);
  g_signal_connect (page, "notify::loading", G_CALLBACK (loading_cb), NULL);

  printf ("%-46s %9s %9s %9s\n", "", "median", "min", "max");

  /* What the page does on the main thread when the session is given
   * (at unlock): the sites, the periods, the default quarter. */
  start = g_get_monotonic_time ();
  g_object_set (page, "session", unlocked, NULL);
  print_once ("session given, page hidden (main thread)", ms_between (start, g_get_monotonic_time ()));

  /* First shown: a new connection for the worker. */
  timing_arm ();
  main_start = cpu_ms (CLOCK_THREAD_CPUTIME_ID);
  process_start = cpu_ms (CLOCK_PROCESS_CPUTIME_ID);
  start = g_get_monotonic_time ();
  gtk_stack_set_visible_child (GTK_STACK (stack), page);
  if (!yk_statistics_page_get_loading (YK_STATISTICS_PAGE (page)))
    g_error ("Showing the page did not start computing its figures");
  spin_until_painted ();
  {
    double main_ms = cpu_ms (CLOCK_THREAD_CPUTIME_ID) - main_start;
    double other_ms = cpu_ms (CLOCK_PROCESS_CPUTIME_ID) - process_start - main_ms;

    check_shown (page, shown_quarter (page));
    printf ("First shown (%s, %u sites):\n", shown_quarter (page),
            yk_statistics_page_get_statistics (YK_STATISTICS_PAGE (page))->report->sites->len);
    print_once ("  to the first frame painted", ms_between (start, timing.first_paint));
    print_once ("  to the figures and charts applied", ms_between (start, timing.applied));
    print_once ("  to the next frame painted", ms_between (start, timing.painted));
    print_once ("  CPU, main thread", main_ms);
    print_once ("  CPU, other threads (the worker)", other_ms);
  }

  quarters = quarters_to_choose (page);
  n_quarters = g_strv_length (quarters);
  /* The first choice changes what is shown. */
  while (g_str_equal (quarters[next], shown_quarter (page)))
    next = (next + 1) % n_quarters;

  for (int run = 0; run < runs; run++, next = (next + 1) % n_quarters)
    {
      const char *quarter = quarters[next];
      guint position = quarter_position (page, quarter);
      double ms, main_ms, other_ms;

      timing_arm ();
      main_start = cpu_ms (CLOCK_THREAD_CPUTIME_ID);
      process_start = cpu_ms (CLOCK_PROCESS_CPUTIME_ID);
      start = g_get_monotonic_time ();
      /* What the drop-down does when a person picks the quarter. */
      gtk_drop_down_set_selected (dropdown, position);
      if (!yk_statistics_page_get_loading (YK_STATISTICS_PAGE (page)))
        g_error ("Choosing %s did not start computing its figures", quarter);
      spin_until_painted ();
      main_ms = cpu_ms (CLOCK_THREAD_CPUTIME_ID) - main_start;
      other_ms = cpu_ms (CLOCK_PROCESS_CPUTIME_ID) - process_start - main_ms;
      check_shown (page, quarter);

      ms = ms_between (start, timing.applied);
      g_array_append_val (applied, ms);
      ms = ms_between (timing.applied, timing.painted);
      g_array_append_val (laid_out, ms);
      ms = ms_between (start, timing.painted);
      g_array_append_val (painted, ms);
      g_array_append_val (main_cpu, main_ms);
      g_array_append_val (other_cpu, other_ms);
      if (g_getenv ("YK_BENCH_VERBOSE"))
        printf ("    %s: applied %.1f ms, painted %.1f; CPU main %.1f, other %.1f\n", quarter,
                ms_between (start, timing.applied), ms, main_ms, other_ms);
    }

  {
    g_autofree char *list = g_strjoinv (", ", quarters);

    printf ("Choosing another quarter (%s), %d runs:\n", list, runs);
  }
  print_stat ("  to the figures and charts applied", applied);
  print_stat ("  to the next frame painted", painted);
  print_stat ("    of which applied to painted", laid_out);
  print_stat ("  CPU, main thread", main_cpu);
  print_stat ("  CPU, other threads (the worker)", other_cpu);

  gtk_window_destroy (GTK_WINDOW (window));
  return quarters;
}

/* What the worker does for a choice, here in this thread. */
static void
bench_compute (YkUnlockedSession *unlocked,
               GStrv              quarters)
{
  g_autoptr (GError) error = NULL;
  YkReader *reader = yk_unlocked_session_open_reader (unlocked, &error);

  if (reader == NULL)
    g_error ("%s", error->message);
  printf ("yk_statistics_compute alone (report and months):\n");
  for (guint q = 0; quarters[q] != NULL; q++)
    {
      g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));
      g_autofree char *label = g_strdup_printf ("  %s", quarters[q]);

      for (int run = 0; run < runs; run++)
        {
          gint64 start = g_get_monotonic_time ();
          g_autoptr (YkStatistics) statistics = yk_statistics_compute (reader, quarters[q], 0, NULL, &error);
          double ms = ms_between (start, g_get_monotonic_time ());

          if (statistics == NULL)
            g_error ("%s: %s", quarters[q], error->message);
          g_array_append_val (samples, ms);
        }
      print_stat (label, samples);
    }
  yk_unlocked_session_close_reader (unlocked, reader);
}

int
main (int   argc,
      char *argv[])
{
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Database (a copy: opening it is audited)", "FILE" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &account, "Account", "NAME" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, "Password file", "FILE" },
    { "quarters", 0, 0, G_OPTION_ARG_STRING, &quarters_option,
      "Quarters to alternate between (default: the one shown first and the one before)", "2021Q3,2021Q4" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs per measurement (default 5)", "N" },
    { "page-only", 0, 0, G_OPTION_ARG_NONE, &page_only, "Leave out yk_statistics_compute alone (to profile the page)",
      NULL },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- time the statistics page");
  g_autoptr (GError) error = NULL;
  g_autoptr (YkPassword) password = NULL;
  g_auto (GStrv) quarters = NULL;
  YkUnlockedSession *unlocked;
  YkSession *session;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || db_path == NULL || account == NULL || runs < 1)
    {
      fprintf (stderr, "%s\n", error ? error->message : "--db and --user are required");
      return EXIT_FAILURE;
    }
  /* Like the tests (tests/meson.build): the cairo renderer, no GL driver,
   * so timings do not depend on which Mesa a machine has. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  password = yk_password_read (password_file, "Password: ", FALSE, &error);
  if (password == NULL || (session = yk_session_open (db_path, account, password, &error)) == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAILURE;
    }
  unlocked = yk_unlocked_session_new (session, db_path);
  printf ("%s as %s, milliseconds\n", db_path, account);

  quarters = bench_page (unlocked);
  if (!page_only)
    bench_compute (unlocked, quarters);

  yk_unlocked_session_close (unlocked);
  g_object_unref (unlocked);
  return EXIT_SUCCESS;
}
