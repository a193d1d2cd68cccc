/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-transfer.h"
#include "yk-app-error.h"
#include "yk-casework.h"
#include "yk-db-indicators.h"
#include "yk-db-records.h"
#include "yk-db-recording.h"
#include "yk-db-staff.h"
#include "yk-db-transfer.h"
#include "yk-validate.h"

#include <glib/gi18n.h>
#include <string.h>

static sqlite3 *
db_of (YkSession *session)
{
  return yk_store_get_connection (yk_session_get_store (session));
}

static gboolean
refuse (GError **error, const char **field, const char *key, const char *message)
{
  if (field != NULL)
    *field = key;
  g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, message);
  return FALSE;
}

static YkSiteRow *
find_site (GPtrArray *sites, gint64 id)
{
  for (guint i = 0; sites != NULL && i < sites->len; i++)
    if (((YkSiteRow *) sites->pdata[i])->id == id)
      return sites->pdata[i];
  return NULL;
}

/* A worker of the new site: one of its active staff. */
static gboolean
check_worker (sqlite3 *db, gint64 site_id, gint64 worker_id, GError **error)
{
  g_autoptr (GPtrArray) staff = NULL;

  if (worker_id <= 0)
    return TRUE;
  staff = yk_db_recording_staff (db, site_id, 0, error);
  if (staff == NULL)
    return FALSE;
  for (guint i = 0; i < staff->len; i++)
    if (((YkStaffRow *) staff->pdata[i])->id == worker_id)
      return TRUE;
  g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                       _("The responsible social worker must be one of the new site’s staff"));
  return FALSE;
}

gboolean
yk_transfer_case (YkSession   *session,
                  gint64       client_id,
                  gint64       to_site_id,
                  const char  *date,
                  gint64       worker_id,
                  gint64      *new_id,
                  char       **new_case_no,
                  const char **field,
                  GError     **error)
{
  sqlite3 *db = db_of (session);
  g_autoptr (YkClientRecord) client = NULL;
  g_autoptr (GPtrArray) sites = NULL;
  g_autoptr (GError) date_error = NULL;
  g_autofree char *iso = NULL, *latest = NULL, *case_no = NULL, *reason = NULL, *detail = NULL;
  g_autofree char *message = NULL;
  YkSiteRow *from_site, *to_site;
  GDate today, when;
  gint64 id = 0;

  g_return_val_if_fail (session != NULL, FALSE);

  if (field != NULL)
    *field = NULL;
  if (yk_session_get_role (session) != YK_ROLE_COORDINATOR)
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN,
                           _("Only a coordinator can transfer a person to another site"));
      return FALSE;
    }
  client = yk_db_client_get (db, client_id, 0, NULL);
  if (client == NULL || client->voided_at != NULL)
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no such service user"));
      return FALSE;
    }
  if (!yk_casework_check_consent (client, error))
    return FALSE;
  if (g_strcmp0 (client->status, "active") != 0)
    {
      message = g_strdup_printf (_("%1$s is not an active case: only an active case can be transferred"),
                                 client->case_no);
      return refuse (error, field, NULL, message);
    }

  sites = yk_db_sites_list (db, error);
  if (sites == NULL)
    return FALSE;
  from_site = find_site (sites, client->site_id);
  to_site = find_site (sites, to_site_id);
  if (to_site == NULL)
    return refuse (error, field, "transfer_site", _("Choose the site the person moves to"));
  if (to_site == from_site)
    return refuse (error, field, "transfer_site", _("The person is already at this site: choose another site"));

  if (date == NULL || *date == '\0')
    return refuse (error, field, "transfer_date", _("The transfer date is required"));
  if (!yk_date_parse (date, &when, &date_error))
    {
      message = g_strdup_printf (_("Transfer date: %1$s"), date_error->message);
      return refuse (error, field, "transfer_date", message);
    }
  iso = yk_date_format_iso (&when);
  yk_date_today (&today);
  if (g_date_compare (&when, &today) > 0)
    {
      message = g_strdup_printf (_("Transfer date: %1$s is in the future"), iso);
      return refuse (error, field, "transfer_date", message);
    }
  if (strcmp (iso, client->intake_date) < 0)
    {
      message = g_strdup_printf (_("Transfer date: %1$s is before the case file was opened (%2$s)"), iso,
                                 client->intake_date);
      return refuse (error, field, "transfer_date", message);
    }
  /* What is on file stays the old site's: nothing of the old case file
   * may be dated after the day it leaves. */
  latest = yk_db_transfer_latest_date (db, client_id, error);
  if (latest == NULL)
    return FALSE;
  if (strcmp (iso, latest) < 0)
    {
      message = g_strdup_printf (_("Transfer date: a record of the case is dated %1$s, after %2$s"), latest, iso);
      return refuse (error, field, "transfer_date", message);
    }
  if (!check_worker (db, to_site->id, worker_id, error))
    {
      if (field != NULL)
        *field = "transfer_worker";
      return FALSE;
    }

  case_no = yk_db_transfer_next_case_no (db, to_site->code, error);
  if (case_no == NULL)
    return FALSE;
  reason = g_strconcat (YK_TRANSFER_REASON_PREFIX, to_site->name, NULL);
  /* Case numbers and sites only: no one's name in the trail. */
  detail = g_strdup_printf ("from: %s (%s); to: %s (%s); date: %s", client->case_no,
                            from_site != NULL ? from_site->code : "", case_no, to_site->code, iso);
  if (!yk_db_begin (db, error))
    return FALSE;
  if (!yk_db_transfer (db, client_id, to_site->id, case_no, iso, worker_id, reason,
                       yk_session_get_staff_id (session), &id, error) ||
      !yk_session_audit (session, "transfer", "clients", id, detail, error) ||
      !yk_db_commit (db, error))
    {
      yk_db_rollback (db);
      return FALSE;
    }
  if (new_id != NULL)
    *new_id = id;
  if (new_case_no != NULL)
    *new_case_no = g_steal_pointer (&case_no);
  return TRUE;
}

gboolean
yk_transfer_case_named (YkSession   *session,
                        const char  *case_no,
                        const char  *site,
                        const char  *date,
                        const char  *worker,
                        char       **new_case_no,
                        GError     **error)
{
  sqlite3 *db = db_of (session);
  gint64 client_id, site_id, worker_id = 0;

  g_return_val_if_fail (case_no != NULL && site != NULL, FALSE);
  if (yk_session_get_role (session) != YK_ROLE_COORDINATOR)
    return yk_transfer_case (session, 0, 0, date, 0, NULL, NULL, NULL, error);
  client_id = yk_db_client_find_case_no (db, case_no, NULL);
  if (client_id == 0)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no case %1$s"), case_no);
      return FALSE;
    }
  site_id = yk_db_site_find (db, site, NULL);
  if (site_id == 0)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no site %1$s"), site);
      return FALSE;
    }
  if (worker != NULL && *worker != '\0')
    {
      worker_id = yk_db_staff_find_name (db, worker);
      if (worker_id == 0)
        {
          g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no social worker %1$s"), worker);
          return FALSE;
        }
    }
  return yk_transfer_case (session, client_id, site_id, date, worker_id, NULL, new_case_no, NULL, error);
}

gint64
yk_transfer_partner_on (sqlite3    *db,
                        gint64      site_scope,
                        const char *case_no)
{
  g_autoptr (YkClientRecord) other = NULL;
  gint64 id;

  if (case_no == NULL)
    return 0;
  /* By its number: in a district view the ids of two files' cases are
   * not the ones kept, and in a site file the row at a kept id may be
   * missing. */
  id = yk_db_client_find_case_no (db, case_no, NULL);
  if (id == 0)
    return 0;
  other = yk_db_client_get (db, id, site_scope, NULL);
  if (other == NULL || other->voided_at != NULL)
    return 0;
  return id;
}

gint64
yk_transfer_partner (YkSession            *session,
                     const YkClientRecord *client,
                     gboolean              to)
{
  g_return_val_if_fail (session != NULL && client != NULL, 0);
  return yk_transfer_partner_on (db_of (session), yk_casework_site_scope (session),
                                 to ? client->transferred_to_case_no : client->transferred_from_case_no);
}

char *
yk_transfer_describe (const YkClientRecord *client,
                      gboolean              to)
{
  g_return_val_if_fail (client != NULL, NULL);
  if (to && client->transferred_to_case_no != NULL)
    /* TRANSLATORS: 已迁至 %1$s; %1$s is a case number */
    return g_strdup_printf (_("Transferred to %1$s"), client->transferred_to_case_no);
  if (!to && client->transferred_from_case_no != NULL)
    /* TRANSLATORS: 迁自 %1$s; %1$s is a case number */
    return g_strdup_printf (_("Transferred from %1$s"), client->transferred_from_case_no);
  return NULL;
}
