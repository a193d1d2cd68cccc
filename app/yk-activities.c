/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-activities.h"
#include "yk-app-error.h"
#include "yk-casework.h"
#include "yk-reader-private.h"
#include "yk-db-staff.h"

#include <glib/gi18n.h>

static sqlite3 *
db_of (YkSession *session)
{
  return yk_store_get_connection (yk_session_get_store (session));
}

gint64
yk_activities_site_for (YkSession *session,
                        gint64     requested)
{
  gint64 scope = yk_casework_site_scope (session);

  return scope != 0 ? scope : requested;
}

GPtrArray *
yk_activities_list (YkReader   *reader,
                    gint64      site_id,
                    const char *month,
                    GError    **error)
{
  g_return_val_if_fail (reader != NULL, NULL);
  return yk_db_activities_list (_yk_reader_get_db (reader), yk_reader_clamp_site (reader, site_id), month, error);
}

char **
yk_activities_months (YkSession *session,
                      gint64     site_id,
                      GError   **error)
{
  return yk_db_activity_months (db_of (session), yk_activities_site_for (session, site_id), error);
}

GPtrArray *
yk_activities_people (YkReader *reader,
                      gint64    site_id,
                      GError  **error)
{
  g_return_val_if_fail (reader != NULL, NULL);
  return yk_db_activity_people (_yk_reader_get_db (reader), yk_reader_clamp_site (reader, site_id), error);
}

YkActivityRow *
yk_activities_get (YkSession *session,
                   gint64     activity_id,
                   GError   **error)
{
  GError *local = NULL;
  YkActivityRow *row = yk_db_activity_get (db_of (session), activity_id, yk_casework_site_scope (session), &local);

  if (row == NULL && local == NULL)
    g_set_error_literal (&local, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no such activity"));
  if (local != NULL)
    g_propagate_error (error, local);
  return row;
}

GPtrArray *
yk_activities_attendees (YkSession *session,
                         gint64     activity_id,
                         GError   **error)
{
  g_autoptr (YkActivityRow) row = yk_activities_get (session, activity_id, error);

  if (row == NULL)
    return NULL;
  /* A social worker's own site's people only, even at their site's
   * activity: someone of another site who attended is not theirs to see
   * (nor, in yk_activities_change_attendance, to untick). */
  return yk_db_activity_attendees (db_of (session), activity_id, yk_casework_site_scope (session), error);
}

static gboolean
add_attendances (YkSession        *session,
                 gint64            activity_id,
                 const YkAttendee *attendees,
                 guint             n,
                 GError          **error)
{
  for (guint i = 0; i < n; i++)
    {
      gint64 client_id = attendees[i].family_id > 0 ? 0 : attendees[i].client_id;

      if (!yk_casework_add_attendance (session, activity_id, client_id, attendees[i].family_id, NULL, error))
        return FALSE;
    }
  return TRUE;
}

gboolean
yk_activities_record (YkSession        *session,
                      YkActivityRecord *record,
                      const YkAttendee *attendees,
                      guint             n_attendees,
                      gint64           *id,
                      GError          **error)
{
  sqlite3 *db = db_of (session);
  gint64 activity_id = 0;

  if (!yk_db_begin (db, error))
    return FALSE;
  if (!yk_casework_add_activity (session, record, &activity_id, error) ||
      !add_attendances (session, activity_id, attendees, n_attendees, error) ||
      !yk_db_commit (db, error))
    {
      yk_db_rollback (db);
      return FALSE;
    }
  if (id != NULL)
    *id = activity_id;
  return TRUE;
}

gboolean
yk_activities_change_attendance (YkSession        *session,
                                 gint64            activity_id,
                                 const YkAttendee *added,
                                 guint             n_added,
                                 const gint64     *removed,
                                 guint             n_removed,
                                 GError          **error)
{
  sqlite3 *db = db_of (session);
  g_autoptr (GPtrArray) attendees = yk_activities_attendees (session, activity_id, error);
  gboolean ok = TRUE;

  if (attendees == NULL || !yk_db_begin (db, error))
    return FALSE;
  for (guint i = 0; ok && i < n_removed; i++)
    {
      gboolean found = FALSE;

      /* Only this activity's live attendances. */
      for (guint j = 0; j < attendees->len; j++)
        found = found || ((YkActivityPerson *) attendees->pdata[j])->attendance_id == removed[i];
      if (!found)
        {
          g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no such record"));
          ok = FALSE;
        }
      else
        ok = yk_casework_void (session, "attendances", removed[i], YK_ACTIVITIES_UNTICK_REASON, error);
    }
  if (!ok || !add_attendances (session, activity_id, added, n_added, error) || !yk_db_commit (db, error))
    {
      yk_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

gboolean
yk_activities_edit (YkSession              *session,
                    const YkActivityRecord *record,
                    const YkAttendee       *added,
                    guint                   n_added,
                    const gint64           *removed,
                    guint                   n_removed,
                    GError                **error)
{
  sqlite3 *db = db_of (session);

  if (!yk_db_begin (db, error))
    return FALSE;
  if (!yk_casework_update_activity (session, record, error) ||
      !yk_activities_change_attendance (session, record->id, added, n_added, removed, n_removed, error) ||
      !yk_db_commit (db, error))
    {
      yk_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

GPtrArray *
yk_activities_questionnaires_of_day (YkSession  *session,
                                     gint64      site_id,
                                     const char *date,
                                     GError    **error)
{
  return yk_db_questionnaires_of_day (db_of (session), yk_activities_site_for (session, site_id),
                                      yk_casework_site_scope (session), date, error);
}
