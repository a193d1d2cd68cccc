/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-session.h"
#include "yk-db-records.h"

G_BEGIN_DECLS

/* Recording casework as the session's person: every record validated
 * (yk-record-rules.c), kept to the sites their role allows, written with
 * its audit row in one transaction. The window, the import and the
 * command line all come through here. */
gint64 yk_casework_site_scope (YkSession *session);

gboolean yk_casework_add_client (YkSession      *session,
                                 YkClientRecord *record,
                                 gint64         *id,
                                 GError        **error);
gboolean yk_casework_update_client (YkSession            *session,
                                    const YkClientRecord *record,
                                    GError              **error);
YkClientRecord *yk_casework_open_client (YkSession *session,
                                         gint64     id,
                                         GError   **error);
gboolean yk_casework_add_contact (YkSession       *session,
                                  YkContactRecord *record,
                                  gint64          *id,
                                  GError         **error);
gboolean yk_casework_add_family (YkSession      *session,
                                 YkFamilyRecord *record,
                                 gint64         *id,
                                 GError        **error);
gboolean yk_casework_add_assessment (YkSession          *session,
                                     YkAssessmentRecord *record,
                                     gint64             *id,
                                     GError            **error);
gboolean yk_casework_add_activity (YkSession        *session,
                                   YkActivityRecord *record,
                                   gint64           *id,
                                   GError          **error);
/* Corrects a live activity's own fields (record->id; record->site_id is
 * its site or 0): validated as a new one, audited with what changed. */
gboolean yk_casework_update_activity (YkSession              *session,
                                      const YkActivityRecord *record,
                                      GError                **error);
gboolean yk_casework_add_attendance (YkSession *session,
                                     gint64     activity_id,
                                     gint64     client_id,
                                     gint64     family_id,
                                     gint64    *id,
                                     GError   **error);
gboolean yk_casework_add_questionnaire (YkSession             *session,
                                        YkQuestionnaireRecord *record,
                                        gint64                *id,
                                        GError               **error);
gboolean yk_casework_add_plan_goal (YkSession        *session,
                                    YkPlanGoalRecord *record,
                                    gint64           *id,
                                    GError          **error);
gboolean yk_casework_add_referral (YkSession        *session,
                                   YkReferralRecord *record,
                                   gint64           *id,
                                   GError          **error);
gboolean yk_casework_void (YkSession  *session,
                           const char *table,
                           gint64      id,
                           const char *reason,
                           GError    **error);

G_END_DECLS
