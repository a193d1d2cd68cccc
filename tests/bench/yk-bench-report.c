/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The pilot's figures on an existing database, as `yukang report` computes
 * them but without the unlock: a quarter (with its cumulative column), the
 * cumulative figures alone, the monthly series, and each indicator on its
 * own. Medians, minima and maxima over --runs, in milliseconds. Run by hand
 * on a database made by `yukang demo --size district`:
 *   build/tests/bench/yk-bench-report --db F --user U --password-file P
 *                                     [--period 2021Q4] [--runs 9] */
#define G_LOG_DOMAIN "yukang-bench"

#include "yk-report-private.h"
#include "yk-password.h"
#include "yk-report.h"
#include "yk-session.h"

#include <stdio.h>
#include <stdlib.h>

static char *db_path;
static char *account;
static char *password_file;
static char *period = NULL;
static int runs = 9;

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
  printf ("%-34s %9.1f %9.1f %9.1f\n", label, g_array_index (samples, double, samples->len / 2),
          g_array_index (samples, double, 0), g_array_index (samples, double, samples->len - 1));
}

typedef void (*Workload) (sqlite3 *db, gconstpointer data);

static void
time_workload (const char   *label,
               sqlite3      *db,
               Workload      workload,
               gconstpointer data)
{
  g_autoptr (GArray) samples = g_array_new (FALSE, FALSE, sizeof (double));

  for (int run = 0; run < runs; run++)
    {
      gint64 start = g_get_monotonic_time ();
      double ms;

      workload (db, data);
      ms = (g_get_monotonic_time () - start) / 1000.0;
      g_array_append_val (samples, ms);
    }
  print_stat (label, samples);
}

typedef struct
{
  const char *from;
  const char *to;
} Period;

static void
report_workload (sqlite3      *db,
                 gconstpointer data)
{
  const Period *p = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReport) report = _yk_report_compute_on (db, p->from, p->to, 0, &error);

  if (report == NULL)
    g_error ("report: %s", error->message);
}

static void
monthly_workload (sqlite3      *db,
                  gconstpointer data)
{
  const Period *p = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReport) report = _yk_report_compute_on (db, p->from, p->to, 0, &error);
  g_autoptr (GPtrArray) months = report ? _yk_report_monthly_on (db, report, &error) : NULL;

  if (months == NULL)
    g_error ("monthly: %s", error->message);
}

typedef struct
{
  Period period;
  YkIndicator indicator;
} OneIndicator;

static void
indicator_workload (sqlite3      *db,
                    gconstpointer data)
{
  const OneIndicator *one = data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GHashTable) values = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);

  for (gint64 site = 1; site <= 16; site++)
    g_hash_table_insert (values, g_memdup2 (&site, sizeof site), g_new0 (gint64, YK_N_INDICATORS));
  if (!yk_db_indicator_count (db, one->indicator, one->period.from, one->period.to, 2, values, &error))
    g_error ("%s: %s", yk_indicator_key (one->indicator), error->message);
}

int
main (int   argc,
      char *argv[])
{
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Database", "FILE" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &account, "Account", "NAME" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, "Password file", "FILE" },
    { "period", 0, 0, G_OPTION_ARG_STRING, &period, "Quarter to report (default 2021Q4)", "PERIOD" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Runs per measurement (default 9)", "N" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- time the pilot's figures");
  g_autoptr (GError) error = NULL;
  g_autoptr (YkPassword) password = NULL;
  g_autoptr (YkSession) session = NULL;
  g_autofree char *from = NULL, *to = NULL, *cumulative_from = NULL, *cumulative_to = NULL;
  g_autofree char *cumulative_period = NULL;
  gboolean cumulative;
  sqlite3 *db;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || db_path == NULL || account == NULL || runs < 1)
    {
      fprintf (stderr, "%s\n", error ? error->message : "--db and --user are required");
      return EXIT_FAILURE;
    }
  password = yk_password_read (password_file, "Password: ", FALSE, &error);
  if (password == NULL || (session = yk_session_open (db_path, account, password, &error)) == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return EXIT_FAILURE;
    }
  db = yk_store_get_connection (yk_session_get_store (session));
  if (period == NULL)
    period = g_strdup ("2021Q4");

  {
    g_autoptr (YkReport) probe = _yk_report_compute_on (db, "2000-01-01", "2000-01-01", 0, &error);

    if (probe == NULL ||
        !yk_period_parse (period, probe->pilot_start, &from, &to, &cumulative, &error))
      g_error ("%s", error->message);
    cumulative_period = g_strconcat ("cumulative:", period, NULL);
    if (!yk_period_parse (cumulative_period, probe->pilot_start, &cumulative_from, &cumulative_to, &cumulative,
                          &error))
      g_error ("%s", error->message);
  }

  printf ("%s (%s..%s), %d runs, milliseconds\n", period, from, to, runs);
  printf ("%-34s %9s %9s %9s\n", "", "median", "min", "max");
  {
    Period quarter = { from, to }, since_start = { cumulative_from, cumulative_to };

    time_workload ("report (with cumulative column)", db, report_workload, &quarter);
    time_workload ("cumulative report", db, report_workload, &since_start);
    time_workload ("report + monthly series", db, monthly_workload, &quarter);
    for (int i = 0; i < YK_N_INDICATORS; i++)
      {
        OneIndicator one = { quarter, (YkIndicator) i };
        g_autofree char *label = g_strdup_printf ("  %s", yk_indicator_key ((YkIndicator) i));

        time_workload (label, db, indicator_workload, &one);
      }
    /* What the cumulative column adds: the flow figures since the pilot
     * started (the stock ones are the quarter's). */
    printf ("cumulative (%s..%s), each figure:\n", cumulative_from, cumulative_to);
    for (int i = 0; i < YK_N_INDICATORS; i++)
      {
        OneIndicator one = { since_start, (YkIndicator) i };
        g_autofree char *label = g_strdup_printf ("  %s", yk_indicator_key ((YkIndicator) i));

        time_workload (label, db, indicator_workload, &one);
      }
  }
  return EXIT_SUCCESS;
}
