/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-statistics.h"
#include "yk-cancel.h"
#include "yk-reader-private.h"
#include "yk-report-private.h"
#include "yk-casework.h"
#include "yk-db-figure-records.h"
#include "yk-validate.h"

#include <string.h>

static void
statistics_clear (YkStatistics *statistics)
{
  g_free (statistics->period);
  g_clear_pointer (&statistics->report, yk_report_free);
  g_clear_pointer (&statistics->months, g_ptr_array_unref);
}

YkStatistics *
yk_statistics_ref (YkStatistics *statistics)
{
  return g_atomic_rc_box_acquire (statistics);
}

void
yk_statistics_unref (YkStatistics *statistics)
{
  if (statistics != NULL)
    g_atomic_rc_box_release_full (statistics, (GDestroyNotify) statistics_clear);
}

GPtrArray *
yk_statistics_sites (YkSession *session,
                     GError   **error)
{
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (session));
  GPtrArray *sites = yk_db_sites_list (db, error);
  gint64 scope = yk_casework_site_scope (session);

  if (sites == NULL)
    return NULL;
  for (guint i = sites->len; i > 0; i--)
    if (scope != 0 && ((YkSiteRow *) sites->pdata[i - 1])->id != scope)
      g_ptr_array_remove_index (sites, i - 1);
  return sites;
}

char *
yk_statistics_pilot_start (GPtrArray *sites)
{
  const char *earliest = NULL;

  for (guint i = 0; i < sites->len; i++)
    {
      const char *opening = ((YkSiteRow *) sites->pdata[i])->opening_date;

      if (opening != NULL && (earliest == NULL || strcmp (opening, earliest) < 0))
        earliest = opening;
    }
  return g_strdup (earliest);
}

gint64
yk_statistics_site_for (YkSession *session,
                        gint64     requested)
{
  gint64 scope = yk_casework_site_scope (session);

  return scope != 0 ? scope : requested;
}

char *
yk_statistics_quarter_of (const GDate *date)
{
  return g_strdup_printf ("%uQ%u", g_date_get_year (date), (g_date_get_month (date) - 1) / 3 + 1);
}

char *
yk_statistics_month_of (const GDate *date)
{
  return g_strdup_printf ("%04u-%02u", g_date_get_year (date), g_date_get_month (date));
}

/* Every `months`-month step from the pilot's start to today, newest first. */
static GStrv
periods (const char *pilot_start, const GDate *today, guint months, char *(*name) (const GDate *))
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  GDate start, step;

  if (pilot_start == NULL || !yk_date_parse (pilot_start, &start, NULL) || g_date_compare (&start, today) > 0)
    start = *today;
  g_date_clear (&step, 1);
  g_date_set_dmy (&step, 1, (GDateMonth) ((g_date_get_month (&start) - 1) / months * months + 1),
                  g_date_get_year (&start));
  while (g_date_compare (&step, today) <= 0)
    {
      g_ptr_array_add (names, name (&step));
      g_date_add_months (&step, months);
    }
  for (guint i = names->len; i > 0; i--)
    g_strv_builder_add (builder, names->pdata[i - 1]);
  return g_strv_builder_end (builder);
}

GStrv
yk_statistics_quarters (const char  *pilot_start,
                        const GDate *today)
{
  return periods (pilot_start, today, 3, yk_statistics_quarter_of);
}

GStrv
yk_statistics_months (const char  *pilot_start,
                      const GDate *today)
{
  return periods (pilot_start, today, 1, yk_statistics_month_of);
}

char *
yk_statistics_default_quarter (YkSession   *session,
                               const GDate *today,
                               GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (session));
  g_autofree char *latest = yk_db_figure_latest_date (db, &local_error);
  GDate date;

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (latest == NULL || !yk_date_parse (latest, &date, NULL) || g_date_compare (&date, today) > 0)
    date = *today;
  return yk_statistics_quarter_of (&date);
}

YkStatistics *
yk_statistics_compute (YkReader     *reader,
                       const char   *period,
                       gint64        site_id,
                       GCancellable *cancellable,
                       GError      **error)
{
  g_autoptr (YkStatistics) statistics = g_atomic_rc_box_new0 (YkStatistics);
  g_autoptr (GPtrArray) sites = NULL;
  g_autofree char *pilot_start = NULL, *from = NULL, *to = NULL;
  gboolean cumulative, ok;
  gint64 only_site;
  sqlite3 *db;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (period != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  db = _yk_reader_get_db (reader);
  only_site = yk_reader_clamp_site (reader, site_id);
  sites = yk_db_sites_list (db, error);
  if (sites == NULL)
    return NULL;
  pilot_start = yk_statistics_pilot_start (sites);
  if (!yk_period_parse (period, pilot_start, &from, &to, &cumulative, error))
    return NULL;
  statistics->period = g_strdup (period);
  yk_cancel_watch (db, cancellable);
  statistics->report = _yk_report_compute_on (db, from, to, only_site, error);
  ok = statistics->report != NULL && (statistics->months = yk_report_monthly (reader, statistics->report, error)) != NULL;
  if (!yk_cancel_unwatch (db, cancellable, ok, error))
    return NULL;
  return g_steal_pointer (&statistics);
}

static char *
file_name (const char         *prefix,
           const YkStatistics *statistics,
           const char         *extension)
{
  g_autoptr (GString) name = g_string_new (prefix);
  const char *dots = strstr (statistics->period, "..");

  if (dots != NULL)
    {
      g_string_append_len (name, statistics->period, dots - statistics->period);
      g_string_append (name, "至");
      g_string_append (name, dots + 2);
    }
  else
    g_string_append (name, statistics->period);
  if (statistics->report->sites->len == 1)
    g_string_append_printf (name, "_%s", ((YkReportSite *) statistics->report->sites->pdata[0])->code);
  g_string_append_printf (name, ".%s", extension);
  /* Nothing a file system refuses. */
  g_strdelimit (name->str, "/\\:", '-');
  return g_string_free (g_steal_pointer (&name), FALSE);
}

char *
yk_statistics_file_name (const YkStatistics *statistics,
                         const char         *extension)
{
  return file_name ("渝康家园统计_", statistics, extension);
}

char *
yk_statistics_workload_file_name (const YkStatistics *statistics,
                                  const char         *extension)
{
  return file_name ("渝康家园工作量_", statistics, extension);
}
