/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-recording.h"
#include "yk-text.h"
#include "yk-app-error.h"
#include "yk-casework.h"
#include "yk-db-case-file.h"
#include "yk-db-indicators.h"
#include "yk-db-records.h"
#include "yk-followup.h"
#include "yk-record-rules.h"
#include "yk-validate.h"

#include <glib/gi18n.h>

static sqlite3 *
db_of (YkSession *session)
{
  return yk_store_get_connection (yk_session_get_store (session));
}

/* The service user a record would be for, if this session may record
 * for them: another site's person is "not found", as in yk-casework.c.
 * Reading it is not opening the case file, so nothing is audited. */
YkClientRecord *
yk_recording_client (YkSession *session,
                     gint64     client_id,
                     GError   **error)
{
  YkClientRecord *client = yk_db_client_get (db_of (session), client_id, yk_casework_site_scope (session), NULL);

  if (client == NULL || client->voided_at != NULL)
    {
      yk_client_record_free (client);
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no such service user"));
      return NULL;
    }
  return client;
}

/* The same for a recording form that names the person in full and shows
 * their and their guardian's phone numbers: what the task needs, so it
 * is written to the audit trail as opening the case file is
 * ("open_case", detail "record"). */
YkClientRecord *
yk_recording_open_client (YkSession *session,
                          gint64     client_id,
                          GError   **error)
{
  g_autoptr (YkClientRecord) client = yk_recording_client (session, client_id, error);

  if (client == NULL || !yk_session_audit (session, "open_case", "clients", client_id, "record", error))
    return NULL;
  return g_steal_pointer (&client);
}

/* The date a contact on `date` with `condition` (NULL: not recorded)
 * makes the next one due, by the intervals in the database's settings. */
gboolean
yk_recording_propose_next (YkSession  *session,
                           const char *date,
                           const char *condition,
                           char      **next_date,
                           GError    **error)
{
  sqlite3 *db = db_of (session);
  YkFollowupIntervals intervals = {
    yk_db_setting_get (db, "followup_stable", NULL),
    yk_db_setting_get (db, "followup_basically_stable", NULL),
    yk_db_setting_get (db, "followup_unstable", NULL),
  };
  gboolean ok;
  GDate due;

  g_date_clear (&due, 1);
  ok = yk_followup_due_date (&intervals, date, date, condition, NULL, &due, error);
  g_free (intervals.stable);
  g_free (intervals.basically_stable);
  g_free (intervals.unstable);
  if (ok)
    *next_date = yk_date_format_iso (&due);
  return ok;
}

/* What a new contact's form starts from, so that saving a quick call
 * never loses the person's state: the condition the last reached contact
 * that recorded one gave (NULL: none yet), and the current risk level
 * (-1: not recorded), which reached contacts keep on the case file. */
gboolean
yk_recording_last_state (YkSession *session,
                         gint64     client_id,
                         char     **condition,
                         int       *risk_level,
                         GError   **error)
{
  g_autoptr (YkClientRecord) client = yk_recording_client (session, client_id, error);
  GError *local_error = NULL;
  char *last;

  if (client == NULL)
    return FALSE;
  last = yk_db_case_last_condition (db_of (session), client_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return FALSE;
    }
  *condition = last;
  *risk_level = client->risk_level;
  return TRUE;
}

/* Who can be named as a record's worker: the site's staff, and whoever
 * records (a coordinator records as themselves). A social worker asking
 * for another site gets what a site that does not exist gives: only
 * themselves, never that site's people. */
GPtrArray *
yk_recording_workers (YkSession *session,
                      gint64     site_id,
                      GError   **error)
{
  gint64 scope = yk_casework_site_scope (session);

  if (scope != 0 && site_id != scope)
    site_id = -1; /* no site has it */
  return yk_db_recording_staff (db_of (session), site_id, yk_session_get_staff_id (session), error);
}

/* The sites a new case file can be opened at: a social worker's own. */
GPtrArray *
yk_recording_sites (YkSession *session,
                    GError   **error)
{
  GPtrArray *sites = yk_db_sites_list (db_of (session), error);
  gint64 scope = yk_casework_site_scope (session);

  for (guint i = sites != NULL ? sites->len : 0; scope != 0 && i > 0; i--)
    if (((YkSiteRow *) sites->pdata[i - 1])->id != scope)
      g_ptr_array_remove_index (sites, i - 1);
  return sites;
}

/* 在册 (active), 转介 (referred) or 结案 (closed) from `date`, because
 * of `reason`. On a rule broken, `field` names the field at fault. */
gboolean
yk_recording_set_status (YkSession   *session,
                         gint64       client_id,
                         const char  *status,
                         const char  *date,
                         const char  *reason,
                         const char **field,
                         GError     **error)
{
  g_autoptr (YkClientRecord) client = yk_recording_client (session, client_id, error);
  GDate today;

  if (client == NULL)
    return FALSE;
  g_free (client->status);
  client->status = g_strdup (status);
  g_free (client->status_date);
  client->status_date = g_strdup (date);
  g_free (client->status_reason);
  client->status_reason = g_strdup (reason);

  yk_date_today (&today);
  if (!yk_client_validate (client, &today, field, error))
    return FALSE;
  return yk_casework_update_client (session, client, error);
}
