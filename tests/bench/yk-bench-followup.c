/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The follow-up queries at district scale (a whole district, as the README's "Performance" measures it): 5,000
 * service users in two sites, 50 social workers, 1,000,000 contacts over
 * five years, in an encrypted database. Times who is due or overdue for
 * everyone, for one site and for one worker, cold (new connection) and
 * warm. Run by hand:
 *   build/tests/bench/yk-bench-followup [--clients N] [--contacts N] [--runs N] */
#define G_LOG_DOMAIN "yukang-bench"

#include "yk-accounts.h"
#include "yk-followup.h"
#include "yk-validate.h"

#include <glib/gstdio.h>
#include <stdio.h>

#define PASSWORD "benchmark password"

static int clients = 5000;
static int contacts = 1000000;
static int runs = 7;

static void
exec_or_die (sqlite3 *db, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Synthetic people and contacts, generated inside SQLite so the setup
 * takes seconds, not minutes. Dates spread over 2019-2023. */
static void
fill (YkSession *session)
{
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (session));
  /* Staff 1 and 2 are the accounts; worker w (1-50) is staff 2 + w, at
   * site 1 + w % 2, and looks after people of the same parity. */
  const char *workers =
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 50) "
    "INSERT INTO staff (display_name, site_id, role) SELECT 'worker ' || i, 1 + i % 2, 'worker' FROM n";
  g_autofree char *people = g_strdup_printf (
    "WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d) "
    "INSERT INTO clients (case_no, name, site_id, worker_id, intake_date, consent_date, stable_at_intake, "
    "status, status_date, created_at) "
    "SELECT printf('C%%05d', i), 'person ' || i, 1 + i %% 2, "
    "2 + ((i / 2) %% 25) * 2 + CASE i %% 2 WHEN 1 THEN 1 ELSE 2 END, date('2019-01-01', '+' || (i %% 365) || ' days'), "
    "'2019-01-01', 1, CASE WHEN i %% 20 = 0 THEN 'closed' ELSE 'active' END, "
    "CASE WHEN i %% 20 = 0 THEN '2023-06-30' END, '2019-01-01T00:00:00Z' FROM n", clients);
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
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return x < y ? -1 : x > y;
}

/* Median milliseconds of `runs` calls; *count gets the list's length. */
static double
time_list (YkSession *session, gint64 site_id, gint64 worker_id, guint *count)
{
  g_autoptr (GArray) times = g_array_new (FALSE, FALSE, sizeof (double));
  GDate today, horizon;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 1, 2024);
  horizon = today;
  g_date_add_days (&horizon, 7);
  for (int i = 0; i < runs; i++)
    {
      g_autoptr (GError) error = NULL;
      gint64 start = g_get_monotonic_time ();
      g_autoptr (GPtrArray) list = yk_followup_list (session, site_id, worker_id, &today, &horizon, &error);
      double ms = (g_get_monotonic_time () - start) / 1000.0;

      if (list == NULL)
        g_error ("%s", error->message);
      *count = list->len;
      g_array_append_val (times, ms);
    }
  g_array_sort (times, compare_doubles);
  return g_array_index (times, double, times->len / 2);
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
  g_autoptr (GOptionContext) context = g_option_context_new ("- follow-up queries at district scale");
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("yukang-bench-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "district.ykdb", NULL);
  g_autofree char *recovery = NULL;
  YkSession *coordinator, *worker;
  gint64 start;
  guint count = 0;
  double ms;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);

  coordinator = yk_session_create (path, "admin", NULL, PASSWORD, YK_KDF_INTERACTIVE, &recovery, &error);
  if (coordinator == NULL)
    g_error ("%s", error->message);
  if (!yk_accounts_add (coordinator, "worker", PASSWORD, YK_ROLE_WORKER, "SPQ", NULL, YK_KDF_INTERACTIVE, &error))
    g_error ("%s", error->message);
  start = g_get_monotonic_time ();
  fill (coordinator);
  {
    GStatBuf st;

    g_stat (path, &st);
    printf ("Filled %d service users and %d contacts in %.1f s (file: %.0f MB).\n", clients, contacts,
            (g_get_monotonic_time () - start) / 1e6, st.st_size / 1e6);
  }
  yk_session_close (coordinator);

  /* A fresh unlock: the page cache starts cold for the first run. */
  coordinator = yk_session_open (path, "admin", PASSWORD, &error);
  worker = yk_session_open (path, "worker", PASSWORD, &error);
  if (coordinator == NULL || worker == NULL)
    g_error ("%s", error->message);

  printf ("Due within a week or overdue, or at risk, as of 2024-01-01 (median of %d runs):\n", runs);
  ms = time_list (coordinator, 0, 0, &count);
  printf ("  %-36s %8.1f ms  %6u people\n", "coordinator, all sites", ms, count);
  ms = time_list (coordinator, 2, 0, &count);
  printf ("  %-36s %8.1f ms  %6u people\n", "coordinator, one site", ms, count);
  ms = time_list (worker, 0, 0, &count);
  printf ("  %-36s %8.1f ms  %6u people\n", "social worker's session, own site", ms, count);
  ms = time_list (coordinator, 0, 3, &count);
  printf ("  %-36s %8.1f ms  %6u people\n", "one worker's caseload", ms, count);

  yk_session_close (worker);
  yk_session_close (coordinator);
  g_unlink (path);
  g_rmdir (dir);
  return 0;
}
