/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-records.h"

#include <sqlite3.h>

G_BEGIN_DECLS

/* Storing and reading records. Reads take a site scope: 0 for every site
 * (a coordinator), or the one site a social worker may see. */
gboolean yk_db_client_insert (sqlite3              *db,
                              const YkClientRecord *record,
                              gint64                staff_id,
                              gint64               *id,
                              GError              **error);
gboolean yk_db_client_update (sqlite3              *db,
                              const YkClientRecord *record,
                              GError              **error);
YkClientRecord *yk_db_client_get (sqlite3 *db,
                                  gint64   id,
                                  gint64   site_scope,
                                  GError **error);
gint64 yk_db_client_find_case_no (sqlite3    *db,
                                  const char *case_no,
                                  GError    **error);
char *yk_db_client_first_contact_date (sqlite3 *db,
                                      gint64   client_id,
                                      GError **error);
/* Withdraws the consent of a case file (its date and reason): FALSE if
 * there is none, or it is already withdrawn. The case's status is the
 * caller's (yk_db_client_update()). */
gboolean yk_db_consent_withdraw (sqlite3    *db,
                                 gint64      client_id,
                                 const char *date,
                                 const char *reason,
                                 GError    **error);
char *yk_db_client_last_record_date (sqlite3 *db,
                                     gint64   client_id,
                                     GError **error);
gboolean yk_db_client_set_risk (sqlite3 *db,
                                gint64   client_id,
                                int      risk_level,
                                GError **error);

gboolean yk_db_contact_insert (sqlite3               *db,
                               const YkContactRecord *record,
                               gint64                 staff_id,
                               gint64                *id,
                               GError               **error);
gboolean yk_db_family_insert (sqlite3              *db,
                              const YkFamilyRecord *record,
                              gint64                staff_id,
                              gint64               *id,
                              GError              **error);
gboolean yk_db_activity_insert (sqlite3                *db,
                                const YkActivityRecord *record,
                                gint64                  staff_id,
                                gint64                 *id,
                                GError                **error);
gboolean yk_db_attendance_insert (sqlite3 *db,
                                  gint64   activity_id,
                                  gint64   client_id,
                                  gint64   family_id,
                                  gint64   staff_id,
                                  gint64  *id,
                                  GError **error);
gboolean yk_db_questionnaire_insert (sqlite3                     *db,
                                     const YkQuestionnaireRecord *record,
                                     gint64                       staff_id,
                                     gint64                      *id,
                                     GError                     **error);
gboolean yk_db_assessment_insert (sqlite3                  *db,
                                  const YkAssessmentRecord *record,
                                  gint64                    staff_id,
                                  gint64                   *id,
                                  GError                  **error);
gboolean yk_db_plan_goal_insert (sqlite3                *db,
                                 const YkPlanGoalRecord *record,
                                 gint64                  staff_id,
                                 gint64                 *id,
                                 GError                **error);
gboolean yk_db_referral_insert (sqlite3                *db,
                                const YkReferralRecord *record,
                                gint64                  staff_id,
                                gint64                 *id,
                                GError                **error);

/* One record as stored, for correcting it: NULL with YK_DB_ERROR_FAILED
 * if there is no such row. client_id and voided_at are filled in. */
YkContactRecord *yk_db_contact_get (sqlite3 *db,
                                    gint64   id,
                                    GError **error);
YkPlanGoalRecord *yk_db_plan_goal_get (sqlite3 *db,
                                       gint64   id,
                                       GError **error);
YkReferralRecord *yk_db_referral_get (sqlite3 *db,
                                      gint64   id,
                                      GError **error);
YkAssessmentRecord *yk_db_assessment_get (sqlite3 *db,
                                          gint64   id,
                                          GError **error);
/* Rewrites a live record's own fields in place (never its person, its
 * author or when it was written). FALSE if no live row has record->id:
 * the running totals follow through the schema's triggers. */
gboolean yk_db_contact_update (sqlite3               *db,
                               const YkContactRecord *record,
                               GError               **error);
gboolean yk_db_plan_goal_update (sqlite3                *db,
                                 const YkPlanGoalRecord *record,
                                 GError                **error);
gboolean yk_db_referral_update (sqlite3                *db,
                                const YkReferralRecord *record,
                                GError                **error);
gboolean yk_db_assessment_update (sqlite3                  *db,
                                  const YkAssessmentRecord *record,
                                  GError                  **error);

/* Where a record belongs, for role checks: its site, its author, whether
 * it is voided. FALSE with YK_DB_ERROR_FAILED if there is no such row. */
typedef struct
{
  gint64 site_id;
  gint64 created_by;
  gboolean voided;
  char created_at[32];  /* UTC, ISO 8601, as written: when it was recorded */
} YkRecordOwner;

gboolean yk_db_record_owner (sqlite3       *db,
                             const char    *table,
                             gint64         id,
                             YkRecordOwner *owner,
                             GError       **error);
gboolean yk_db_void (sqlite3    *db,
                     const char *table,
                     gint64      id,
                     gint64      staff_id,
                     const char *reason,
                     GError    **error);
gboolean yk_db_is_record_table (const char *table);

gint64 yk_db_activity_find_no (sqlite3    *db,
                               const char *activity_no);
gint64 yk_db_family_find_no (sqlite3    *db,
                             const char *family_no);
/* The service user a family member belongs to (0: no such row). */
gint64 yk_db_family_client (sqlite3 *db,
                            gint64   family_id);
gint64 yk_db_staff_find_name (sqlite3    *db,
                              const char *display_name);

char *yk_db_setting_get (sqlite3    *db,
                         const char *key,
                         GError    **error);

G_END_DECLS
