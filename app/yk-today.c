/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-today.h"
#include "yk-cancel.h"
#include "yk-followup-private.h"
#include "yk-reader-private.h"
#include "yk-report-private.h"
#include "yk-text.h"
#include "yk-casework.h"
#include "yk-db-indicators.h"
#include "yk-db-records.h"
#include "yk-db-staff.h"
#include "yk-db-today.h"

#include <glib/gi18n.h>

char *
yk_today_quarter (const GDate *date,
                  int          offset)
{
  int index = (int) g_date_get_year (date) * 4 + ((int) g_date_get_month (date) - 1) / 3 + offset;

  return g_strdup_printf ("%dQ%d", index / 4, index % 4 + 1);
}

GPtrArray *
yk_today_followups (YkReader     *reader,
                    gint64        site_id,
                    gint64        worker_id,
                    const GDate  *today,
                    const GDate  *horizon,
                    GCancellable *cancellable,
                    GError      **error)
{
  g_autoptr (GPtrArray) list = NULL;
  sqlite3 *db;

  g_return_val_if_fail (reader != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  db = _yk_reader_get_db (reader);
  yk_cancel_watch (db, cancellable);
  list = _yk_followup_list_on (db, yk_reader_clamp_site (reader, site_id), yk_reader_clamp_worker (reader, worker_id),
                               today, horizon, error);
  if (!yk_cancel_unwatch (db, cancellable, list != NULL, error))
    return NULL;
  return g_steal_pointer (&list);
}

void
yk_today_figures_free (YkTodayFigures *figures)
{
  if (figures == NULL)
    return;
  for (int i = 0; i < 2; i++)
    {
      g_free (figures->period[i]);
      yk_report_free (figures->report[i]);
    }
  g_free (figures);
}

YkTodayFigures *
yk_today_figures (YkReader     *reader,
                  const GDate  *today,
                  GCancellable *cancellable,
                  GError      **error)
{
  g_autoptr (YkTodayFigures) figures = g_new0 (YkTodayFigures, 1);
  gint64 only_site;
  gboolean ok = TRUE;
  sqlite3 *db;

  g_return_val_if_fail (reader != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  db = _yk_reader_get_db (reader);
  only_site = yk_reader_site_scope (reader);
  yk_cancel_watch (db, cancellable);
  for (int i = 0; i < 2 && ok; i++)
    {
      g_autofree char *from = NULL, *to = NULL;
      gboolean cumulative;

      figures->period[i] = yk_today_quarter (today, -i);
      ok = yk_period_parse (figures->period[i], NULL, &from, &to, &cumulative, error);
      if (ok)
        {
          figures->report[i] = _yk_report_compute_on (db, from, to, only_site, error);
          ok = figures->report[i] != NULL;
        }
    }
  if (!yk_cancel_unwatch (db, cancellable, ok, error))
    return NULL;
  return g_steal_pointer (&figures);
}

GPtrArray *
yk_today_sites (YkSession *session,
                GError   **error)
{
  g_autoptr (GPtrArray) sites = yk_db_sites_list (yk_store_get_connection (yk_session_get_store (session)), error);
  gint64 scope = yk_casework_site_scope (session);

  if (sites == NULL)
    return NULL;
  for (guint i = sites->len; i > 0; i--)
    if (scope != 0 && ((YkSiteRow *) sites->pdata[i - 1])->id != scope)
      g_ptr_array_remove_index (sites, i - 1);
  return g_steal_pointer (&sites);
}

GPtrArray *
yk_today_workers (YkSession *session,
                  gint64     site_id,
                  GError   **error)
{
  gint64 scope = yk_casework_site_scope (session);

  return yk_db_today_workers (yk_store_get_connection (yk_session_get_store (session)),
                              scope != 0 ? scope : site_id, error);
}
