/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-due.h"
#include "yk-app-error.h"
#include "yk-caseload-private.h"
#include "yk-followup-private.h"
#include "yk-reader-private.h"
#include "yk-casework.h"
#include "yk-db-staff.h"

#include <glib/gi18n.h>

void
yk_due_list_free (YkDueList *list)
{
  if (list == NULL)
    return;
  g_clear_pointer (&list->people, g_ptr_array_unref);
  g_clear_pointer (&list->worker_names, g_hash_table_unref);
  g_free (list);
}

/* The caseload carries the name of whoever is assigned, even someone who
 * has since left or a coordinator holding cases; yk_today_workers() lists
 * active social workers only, and would leave those people nameless. */
static GHashTable *
worker_names (YkReader    *reader,
              gint64       site_id,
              const GDate *as_of,
              GError     **error)
{
  g_autoptr (GPtrArray) caseload = _yk_caseload_load_site (reader, site_id, as_of, NULL, error);
  g_autoptr (GHashTable) names = NULL;

  if (caseload == NULL)
    return NULL;
  names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < caseload->len; i++)
    {
      YkCaseloadEntry *entry = caseload->pdata[i];

      if (entry->worker_id != 0 && entry->worker_name != NULL &&
          !g_hash_table_contains (names, &entry->worker_id))
        g_hash_table_insert (names, g_memdup2 (&entry->worker_id, sizeof entry->worker_id),
                             g_strdup (entry->worker_name));
    }
  return g_steal_pointer (&names);
}

/* For exactly `worker_id` (0: all) and `site_id` as far as the reader
 * may see it. */
static YkDueList *
due_list_load (YkReader    *reader,
               gint64       site_id,
               gint64       worker_id,
               const GDate *as_of,
               guint        within,
               GError     **error)
{
  g_autoptr (YkDueList) list = g_new0 (YkDueList, 1);
  GDate horizon;

  site_id = yk_reader_clamp_site (reader, site_id);
  list->as_of = *as_of;
  horizon = *as_of;
  g_date_add_days (&horizon, within);
  list->people = _yk_followup_list_on (_yk_reader_get_db (reader), site_id, worker_id, as_of, &horizon, error);
  if (list->people == NULL)
    return NULL;
  list->worker_names = worker_names (reader, site_id, as_of, error);
  if (list->worker_names == NULL)
    return NULL;
  return g_steal_pointer (&list);
}

YkDueList *
yk_due_list_for_session (YkSession   *session,
                         const char  *site_code,
                         const GDate *as_of,
                         guint        within,
                         GError     **error)
{
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (session));
  g_autoptr (YkReader) reader = yk_reader_new_for_session (session);
  gint64 scope = yk_reader_site_scope (reader);
  gint64 site_id = 0;
  GError *local_error = NULL;

  /* As `yukang report --site` does: unknown is not found, another
   * site is refused to a social worker. */
  if (site_code != NULL)
    {
      site_id = yk_db_site_find (db, site_code, &local_error);
      if (local_error != NULL)
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      if (site_id == 0)
        {
          g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no site “%1$s”"), site_code);
          return NULL;
        }
      if (scope != 0 && site_id != scope)
        {
          g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN,
                               _("A social worker sees the follow-ups of their own site only"));
          return NULL;
        }
    }

  /* The whole site's people, also for a social worker. */
  return due_list_load (reader, site_id, 0, as_of, within, error);
}

YkDueList *
yk_due_list_for_today (YkReader    *reader,
                       gint64       site_id,
                       gint64       worker_id,
                       const GDate *as_of,
                       guint        within,
                       GError     **error)
{
  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (as_of != NULL, NULL);

  return due_list_load (reader, site_id, yk_reader_clamp_worker (reader, worker_id), as_of, within, error);
}

const char *
yk_due_list_worker (const YkDueList  *list,
                    const YkFollowup *person)
{
  if (person->worker_id == 0)
    return NULL;
  return g_hash_table_lookup (list->worker_names, &person->worker_id);
}

int
yk_due_list_overdue_days (const YkDueList  *list,
                          const YkFollowup *person)
{
  int days = g_date_days_between (&person->due, &list->as_of);

  return days > 0 ? days : 0;
}
