/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The caseload screen at district scale (a whole district, as the README's "Performance" measures it): 5,000
 * service users and 1,000,000 contacts in an encrypted database. Times
 *  - unlocking (yk_session_open at the accounts' Argon2id cost), which
 *    with the page's time gives Enter-on-the-password to list shown;
 *  - the list itself (yk_caseload_list), cold and warm;
 *  - making the model's rows from it;
 *  - the page, from being given the session to showing the list;
 *  - typing into the search one character at a time, as a person does:
 *    each keystroke until the filter and sort are done, and until the
 *    next frame is painted; then erasing it again. Part of a phone
 *    number first with the list at the top, as it opens; then a name,
 *    a case number and the phone number again.
 * Needs a display; run by hand:
 *   xvfb-run -a build/tests/bench/yk-bench-caseload [--clients N] [--contacts N] [--runs N]
 * YK_BENCH_VERBOSE=1 prints every keystroke's times as well. */
#define G_LOG_DOMAIN "yukang-bench"

#include "yk-config.h"
#include "yk-accounts.h"
#include "yk-caseload-page.h"
#include "yk-caseload-row.h"
#include "yk-caseload.h"
#include "yk-reader-private.h"
#include "yk-unlocked-session.h"
#include "yk-validate.h"

#include <glib/gstdio.h>
#include <gtk/gtk.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#define PASSWORD "benchmark password"

static int clients = 5000;
static int contacts = 1000000;
static int runs = 7;

static void
exec_or_die (sqlite3    *db,
             const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Synthetic people and contacts generated inside SQLite, as in
 * yk-bench-followup.c, with Chinese names and phone numbers to search. */
static void
fill (YkSession *session)
{
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (session));
  const char *workers =
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) "
    "INSERT INTO staff (display_name, site_id, role) SELECT '社工' || i, 1 + i % 2, 'worker' FROM n";
  g_autofree char *people = g_strdup_printf (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
    "INSERT INTO clients (case_no, name, phone, site_id, worker_id, intake_date, consent_date, stable_at_intake, "
    "risk_level, status, status_date, created_at) "
    "SELECT printf('C%%05d', i), "
    "substr('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗', 1 + i %% 20, 1) || "
    "substr('伟芳娜秀英敏静丽强磊军洋勇艳杰娟涛明超兰霞平刚桂华', 1 + (i / 20) %% 25, 1) || "
    "substr('文建国志新海春晓玉金德成荣佳慧子俊红宇雪梅嘉鹏琳', 1 + (i / 500) %% 25, 1), "
    "printf('1%%02d%%08d', 30 + abs(random()) %% 60, abs(random()) %% 100000000), "
    "1 + i %% 2, 1 + ((i / 2) %% 25) * 2 + CASE i %% 2 WHEN 1 THEN 1 ELSE 2 END, "
    "date('2019-01-01', '+' || (i %% 365) || ' days'), '2019-01-01', 1, abs(random()) %% 5, "
    "CASE WHEN i %% 20 = 0 THEN 'closed' WHEN i %% 33 = 0 THEN 'referred' ELSE 'active' END, "
    "CASE WHEN i %% 20 = 0 OR i %% 33 = 0 THEN '2023-06-30' END, '2019-01-01T00:00:00Z' FROM n", clients);
  g_autofree char *visits = g_strdup_printf (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
    "INSERT INTO contacts (client_id, type, contact_date, reached, condition, risk_level, created_at) "
    "SELECT 1 + abs(random()) %% %d, CASE WHEN i %% 4 = 0 THEN 'home_visit' ELSE 'phone' END, "
    "date('2019-06-01', '+' || (abs(random()) %% 1640) || ' days'), i %% 10 <> 0, "
    "CASE abs(random()) %% 10 WHEN 0 THEN 'unstable' WHEN 1 THEN 'basically_stable' ELSE 'stable' END, "
    "abs(random()) %% 4, '2019-01-01T00:00:00Z' FROM n", contacts, clients);

  exec_or_die (db, "BEGIN");
  exec_or_die (db, workers);
  exec_or_die (db, people);
  exec_or_die (db, visits);
  exec_or_die (db, "COMMIT");
  exec_or_die (db, "ANALYZE");
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return x < y ? -1 : x > y;
}

static double
median (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
}

static double
maximum (GArray *times)
{
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len - 1);
}

/* CPU time of this thread: what the work costs, whatever else the
 * machine is doing (wall times on a shared machine vary a lot). */
static double
cpu_ms (void)
{
  struct timespec now;

  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec * 1e3 + now.tv_nsec / 1e6;
}

static double
ms_since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static void
spin_until_false (gboolean *flag)
{
  while (*flag)
    g_main_context_iteration (NULL, TRUE);
}

/* --- the page --- */

static gboolean search_pending;
static const char *search_target;
static gint64 keystroke_filtered;
static gboolean paint_pending;

static void
search_changed_cb (GtkEditable *entry)
{
  if (search_target != NULL && g_str_equal (gtk_editable_get_text (entry), search_target))
    {
      keystroke_filtered = g_get_monotonic_time ();
      search_pending = FALSE;
    }
}

static void
after_paint_cb (GdkFrameClock *clock)
{
  paint_pending = FALSE;
}

static void
loading_cb (GObject    *page,
            GParamSpec *pspec,
            gboolean   *loading)
{
  g_object_get (page, "loading", loading, NULL);
}

typedef struct
{
  GArray *filtered; /* ms from the keystroke to the list filtered and sorted */
  GArray *cpu;      /* the main thread's CPU ms for it */
  GArray *painted;  /* ms to the next frame painted */
} Keystrokes;

/* One keystroke: the text becomes `text`, by typing at the end or
 * deleting the last character, as a person would. */
static void
keystroke (GtkWidget  *window,
           GtkEditable *entry,
           const char  *text,
           Keystrokes  *times)
{
  const char *now = gtk_editable_get_text (entry);
  int length = (int) g_utf8_strlen (now, -1);
  gint64 start;
  double filtered, cpu;

  search_target = text;
  search_pending = TRUE;
  paint_pending = TRUE;
  cpu = cpu_ms ();
  start = g_get_monotonic_time ();
  if (g_str_has_prefix (text, now))
    {
      int position = length;
      gtk_editable_insert_text (entry, text + strlen (now), -1, &position);
    }
  else
    gtk_editable_delete_text (entry, length - 1, length);
  spin_until_false (&search_pending);
  filtered = (keystroke_filtered - start) / 1000.0;
  cpu = cpu_ms () - cpu;
  g_array_append_val (times->filtered, filtered);
  g_array_append_val (times->cpu, cpu);
  gtk_widget_queue_draw (window);
  spin_until_false (&paint_pending);
  filtered = ms_since (start);
  g_array_append_val (times->painted, filtered);
  if (g_getenv ("YK_BENCH_VERBOSE"))
    printf ("      '%s': filtered %.1f ms cpu %.1f painted %.1f\n", text, g_array_index (times->filtered, double, times->filtered->len - 1), cpu, filtered);
}

static void
type_and_erase (GtkWidget   *window,
                GtkEditable *entry,
                GListModel  *shown,
                const char  *what,
                const char  *word)
{
  Keystrokes typing = { g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
                        g_array_new (FALSE, FALSE, sizeof (double)) };
  Keystrokes erasing = { g_array_new (FALSE, FALSE, sizeof (double)), g_array_new (FALSE, FALSE, sizeof (double)),
                         g_array_new (FALSE, FALSE, sizeof (double)) };
  glong n = g_utf8_strlen (word, -1);
  GString *shown_counts = g_string_new (NULL);

  for (int run = 0; run < runs; run++)
    {
      for (glong i = 1; i <= n; i++)
        {
          g_autofree char *prefix = g_utf8_substring (word, 0, i);

          keystroke (window, entry, prefix, &typing);
          if (run == 0)
            g_string_append_printf (shown_counts, "%s%u", i > 1 ? " → " : "", g_list_model_get_n_items (shown));
        }
      for (glong i = n - 1; i >= 0; i--)
        {
          g_autofree char *prefix = g_utf8_substring (word, 0, i);

          keystroke (window, entry, prefix, &erasing);
        }
    }
  printf ("  %s, %ld keystrokes × %d (rows shown: %s)\n", what, n, runs, shown_counts->str);
  printf ("    typing:  filtered and sorted median %6.1f ms, max %6.1f ms (CPU median %6.1f, max %6.1f); "
          "painted median %6.1f ms, max %6.1f ms\n",
          median (typing.filtered), maximum (typing.filtered), median (typing.cpu), maximum (typing.cpu),
          median (typing.painted), maximum (typing.painted));
  printf ("    erasing: filtered and sorted median %6.1f ms, max %6.1f ms (CPU median %6.1f, max %6.1f); "
          "painted median %6.1f ms, max %6.1f ms\n",
          median (erasing.filtered), maximum (erasing.filtered), median (erasing.cpu), maximum (erasing.cpu),
          median (erasing.painted), maximum (erasing.painted));
  g_string_free (shown_counts, TRUE);
  g_array_unref (typing.filtered);
  g_array_unref (typing.cpu);
  g_array_unref (typing.painted);
  g_array_unref (erasing.filtered);
  g_array_unref (erasing.cpu);
  g_array_unref (erasing.painted);
}

static void
bench_page (YkSession  *session,
            const char *path,
            const char *name,
            const char *case_no)
{
  YkUnlockedSession *unlocked = yk_unlocked_session_new (session, path);
  GtkWidget *window = gtk_window_new ();
  GtkWidget *page = g_object_new (YK_TYPE_CASELOAD_PAGE, NULL);
  GtkEditable *entry = GTK_EDITABLE (gtk_widget_get_template_child (page, YK_TYPE_CASELOAD_PAGE, "search_entry"));
  GtkColumnView *view = GTK_COLUMN_VIEW (gtk_widget_get_template_child (page, YK_TYPE_CASELOAD_PAGE, "column_view"));
  GListModel *shown = G_LIST_MODEL (gtk_column_view_get_model (view));
  GtkDropDown *status = GTK_DROP_DOWN (gtk_widget_get_template_child (page, YK_TYPE_CASELOAD_PAGE,
                                                                      "status_drop_down"));
  GdkFrameClock *clock;
  gboolean loading = TRUE;
  g_autoptr (GArray) loads = g_array_new (FALSE, FALSE, sizeof (double));
  gint64 start;
  double ms;

  gtk_window_set_default_size (GTK_WINDOW (window), 1280, 800);
  gtk_window_set_child (GTK_WINDOW (window), page);
  gtk_window_present (GTK_WINDOW (window));
  while (!gtk_widget_get_mapped (window))
    g_main_context_iteration (NULL, TRUE);
  clock = gtk_widget_get_frame_clock (window);
  g_signal_connect (clock, "after-paint", G_CALLBACK (after_paint_cb), NULL);
  g_signal_connect (page, "notify::loading", G_CALLBACK (loading_cb), &loading);
  g_signal_connect_after (entry, "search-changed", G_CALLBACK (search_changed_cb), NULL);
  gtk_search_entry_set_search_delay (GTK_SEARCH_ENTRY (entry), 0);

  /* First load: a new connection, its page cache cold. */
  start = g_get_monotonic_time ();
  g_object_set (page, "session", unlocked, NULL);
  spin_until_false (&loading);
  ms = ms_since (start);
  paint_pending = TRUE;
  gtk_widget_queue_draw (window);
  spin_until_false (&paint_pending);
  printf ("Page, from the session to the list shown (%u rows, %u of them 在册):\n",
          g_list_model_get_n_items (G_LIST_MODEL (gtk_widget_get_template_child (page, YK_TYPE_CASELOAD_PAGE, "store"))),
          g_list_model_get_n_items (shown));
  printf ("  %-44s %8.1f ms (painted after %.1f ms)\n", "first load (cold connection)", ms, ms_since (start));

  /* Reloads, as after each saved record. */
  for (int i = 0; i < runs; i++)
    {
      loading = TRUE;
      start = g_get_monotonic_time ();
      yk_unlocked_session_records_changed (unlocked, 0);
      spin_until_false (&loading);
      ms = ms_since (start);
      g_array_append_val (loads, ms);
    }
  printf ("  %-44s %8.1f ms median, %.1f ms max\n", "reload on records-changed", median (loads), maximum (loads));

  printf ("Search as you type, every status shown (all rows searched):\n");
  gtk_drop_down_set_selected (status, 0);
  /* First with the list as it opens (at the top, the first row
   * selected), then as the searches before leave it: scrolled to the
   * person found by name, selected, as GTK keeps the view on an item. */
  type_and_erase (window, entry, shown, "part of a phone number, the list at the top", "1391");
  type_and_erase (window, entry, shown, "a full name", name);
  type_and_erase (window, entry, shown, "a case number", case_no);
  type_and_erase (window, entry, shown, "part of a phone number", "1391");

  gtk_window_destroy (GTK_WINDOW (window));
  yk_unlocked_session_close (unlocked);
  g_object_unref (unlocked);
}

/* --- the list and the rows --- */

static GPtrArray *
bench_list (YkSession *session)
{
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  g_autoptr (GError) error = NULL;
  YkStore *store = yk_session_get_store (session);
  GPtrArray *entries = NULL;
  YkReader *reader;
  sqlite3 *db;
  GDate today;
  gint64 start;
  double ms;

  yk_date_today (&today);
  db = yk_store_open_connection (store, &error);
  if (db == NULL)
    g_error ("%s", error->message);
  reader = _yk_reader_new (session, db);
  start = g_get_monotonic_time ();
  entries = yk_caseload_load (reader, &today, NULL, &error);
  ms = ms_since (start);
  if (entries == NULL)
    g_error ("%s", error->message);
  yk_reader_free (reader);
  yk_store_close_connection (store, db);
  printf ("The list (yk_caseload_list, %u people):\n", entries->len);
  printf ("  %-44s %8.1f ms\n", "first, on a new connection", ms);
  g_clear_pointer (&entries, g_ptr_array_unref);

  for (int i = 0; i < runs; i++)
    {
      g_clear_pointer (&entries, g_ptr_array_unref);
      start = g_get_monotonic_time ();
      entries = yk_caseload_list (session, &today, &error);
      ms = ms_since (start);
      if (entries == NULL)
        g_error ("%s", error->message);
      g_array_append_val (times, ms);
    }
  printf ("  %-44s %8.1f ms median, %.1f ms max\n", "warm", median (times), maximum (times));
  return entries;
}

static void
bench_rows (GPtrArray *entries)
{
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));

  for (int run = 0; run < runs; run++)
    {
      g_autoptr (GListStore) store = g_list_store_new (YK_TYPE_CASELOAD_ROW);
      g_autoptr (GPtrArray) rows = g_ptr_array_new_full (entries->len, g_object_unref);
      gint64 start = g_get_monotonic_time ();
      double ms;

      for (guint i = 0; i < entries->len; i++)
        g_ptr_array_add (rows, yk_caseload_row_new (entries->pdata[i], ((YkCaseloadEntry *) entries->pdata[i])->masked_name));
      g_list_store_splice (store, 0, 0, rows->pdata, rows->len);
      ms = ms_since (start);
      g_array_append_val (times, ms);
    }
  printf ("  %-44s %8.1f ms median, %.1f ms max\n", "model rows made from it (GListStore)", median (times),
          maximum (times));
}

int
main (int argc, char *argv[])
{
  GOptionEntry entries[] = {
    { "clients", 0, 0, G_OPTION_ARG_INT, &clients, "Service users", "N" },
    { "contacts", 0, 0, G_OPTION_ARG_INT, &contacts, "Contacts", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs per measurement", "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- the caseload screen at district scale");
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yukang-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "district.ykdb", NULL);
  g_autofree char *recovery = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *name = NULL;
  g_autofree char *case_no = NULL;
  YkSession *session;
  gint64 start;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  /* Like the tests (tests/meson.build): the cairo renderer, no GL driver,
   * so timings do not depend on which Mesa a machine has. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  gtk_init ();
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);

  /* "moderate": the cost every person's account has (yukang init,
   * user add, the first-run page), so the unlock below is a real one. */
  session = yk_session_create (path, "admin", NULL, PASSWORD, YK_KDF_MODERATE, &recovery, &error);
  if (session == NULL)
    g_error ("%s", error->message);
  start = g_get_monotonic_time ();
  fill (session);
  printf ("Filled %d service users and %d contacts in %.1f s.\n", clients, contacts,
          (g_get_monotonic_time () - start) / 1e6);
  yk_session_close (session);

  {
    g_autoptr (GArray) unlocks = g_array_new (FALSE, FALSE, sizeof (double));

    /* What the unlock page's worker thread does after Enter. */
    for (int run = 0; run < runs; run++)
      {
        double ms;

        start = g_get_monotonic_time ();
        session = yk_session_open (path, "admin", PASSWORD, &error);
        if (session == NULL)
          g_error ("%s", error->message);
        ms = (g_get_monotonic_time () - start) / 1000.0;
        g_array_append_val (unlocks, ms);
        if (run + 1 < runs)
          yk_session_close (session);
      }
    printf ("Unlock (yk_session_open, Argon2id moderate): median %.1f ms, max %.1f ms\n", median (unlocks),
            maximum (unlocks));
  }
  list = bench_list (session);
  bench_rows (list);
  /* Someone in the middle of the list, by full name and case number. */
  name = g_strdup (((YkCaseloadEntry *) list->pdata[list->len / 2 + 7])->name);
  case_no = g_strdup (((YkCaseloadEntry *) list->pdata[list->len / 2 + 7])->case_no);
  g_clear_pointer (&list, g_ptr_array_unref);

  bench_page (session, path, name, case_no);

  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
