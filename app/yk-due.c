/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-due.h"
#include "yk-app-error.h"
#include "yk-caseload.h"
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
worker_names (sqlite3     *db,
              gint64       site_scope,
              const GDate *as_of,
              GError     **error)
{
  g_autoptr (GPtrArray) caseload = yk_caseload_load (db, site_scope, as_of, NULL, error);
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

YkDueList *
yk_due_list_for_session (YkSession   *session,
                         const char  *site_code,
                         const GDate *as_of,
                         guint        within,
                         GError     **error)
{
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (session));
  gint64 scope = yk_casework_site_scope (session);
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

  return yk_due_list_load (db, scope != 0 ? scope : site_id, 0, as_of, within, error);
}

/* The same on any connection (a worker thread's), for a site already
 * within the reader's scope (0: all) and one worker's people (0: all):
 * what the Today screen shows, printed. */
YkDueList *
yk_due_list_load (sqlite3     *db,
                  gint64       site_id,
                  gint64       worker_id,
                  const GDate *as_of,
                  guint        within,
                  GError     **error)
{
  g_autoptr (YkDueList) list = g_new0 (YkDueList, 1);
  GDate horizon;

  list->as_of = *as_of;
  horizon = *as_of;
  g_date_add_days (&horizon, within);
  list->people = yk_followup_list_on (db, site_id, worker_id, as_of, &horizon, error);
  if (list->people == NULL)
    return NULL;
  list->worker_names = worker_names (db, site_id, as_of, error);
  if (list->worker_names == NULL)
    return NULL;
  return g_steal_pointer (&list);
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
