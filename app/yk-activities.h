/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-app-types.h"
#include "yk-db-activities.h" /* YkActivityRow, YkActivityPerson */
#include "yk-records.h"
#include "yk-session.h"

G_BEGIN_DECLS

/* Group activities (服务活动) with their attendance, and the day's
 * questionnaires (问卷), for the Activities and Questionnaires screens.
 * Reads taking a YkReader run in a worker thread; the site they are
 * given is a coordinator's pick, and a social worker's reader reads
 * their own site whatever it says. Writes go through yk-casework. */

/* The site a list is for: a social worker's own whatever is asked. */
gint64 yk_activities_site_for (YkSession *session,
                               gint64     requested);

GPtrArray *yk_activities_list (YkReader   *reader,
                               gint64      site_id,
                               const char *month,
                               GError    **error);
char **yk_activities_months (YkSession *session,
                             gint64     site_id,
                             GError   **error);
/* The site's live service users and family members who may attend. */
GPtrArray *yk_activities_people (YkReader *reader,
                                 gint64    site_id,
                                 GError  **error);

/* A live activity the session may see; NULL with an error if none. */
YkActivityRow *yk_activities_get (YkSession *session,
                                  gint64     activity_id,
                                  GError   **error);
GPtrArray *yk_activities_attendees (YkSession *session,
                                    gint64     activity_id,
                                    GError   **error);

/* Stored as the void reason of an attendance unticked in an activity. */
#define YK_ACTIVITIES_UNTICK_REASON "撤销出席"

/* One who attends: a service user (family_id 0) or a family member. */
typedef struct
{
  gint64 client_id;
  gint64 family_id;
} YkAttendee;

/* Records an activity and one attendance per attendee, all or nothing. */
gboolean yk_activities_record (YkSession        *session,
                               YkActivityRecord *record,
                               const YkAttendee *attendees,
                               guint             n_attendees,
                               gint64           *id,
                               GError          **error);
/* Adds attendances and voids others (attendance ids, reason 撤销出席),
 * all or nothing. */
gboolean yk_activities_change_attendance (YkSession        *session,
                                          gint64            activity_id,
                                          const YkAttendee *added,
                                          guint             n_added,
                                          const gint64     *removed,
                                          guint             n_removed,
                                          GError          **error);
/* Corrects a recorded activity's own fields (record->id; its site stays
 * as it is, see yk_casework_update_activity) and changes who attended, as
 * yk_activities_change_attendance, all or nothing. The attendances are
 * dated by their activity, so they move with its date. */
gboolean yk_activities_edit (YkSession              *session,
                             const YkActivityRecord *record,
                             const YkAttendee       *added,
                             guint                   n_added,
                             const gint64           *removed,
                             guint                   n_removed,
                             GError                **error);

GPtrArray *yk_activities_questionnaires_of_day (YkSession  *session,
                                                gint64      site_id,
                                                const char *date,
                                                GError    **error);

G_END_DECLS
