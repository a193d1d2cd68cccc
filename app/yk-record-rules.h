/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-db-records.h"

G_BEGIN_DECLS

/* One validation function per record kind. On failure, `field` names the
 * field at fault (its docs/design/followup.md key, e.g. "id_number") and the error
 * says why, in words a person can act on. `today` bounds dates ("not in
 * the future"); `intake_date` is the service user's, for records that
 * cannot come before it. Nothing invalid reaches the database: every
 * path (window, import, command line) calls these. */
gboolean yk_client_validate (const YkClientRecord *record,
                             const GDate          *today,
                             const char          **field,
                             GError              **error);
gboolean yk_consent_validate (const YkClientRecord *record,
                              const char          **field,
                              GError              **error);
gboolean yk_contact_validate (const YkContactRecord *record,
                              const char            *intake_date,
                              const GDate           *today,
                              const char           **field,
                              GError               **error);
gboolean yk_contact_validate_typed (const YkContactRecord *record,
                                    const char           **field,
                                    GError               **error);
gboolean yk_family_validate (const YkFamilyRecord *record,
                             const char          **field,
                             GError              **error);
gboolean yk_activity_validate (const YkActivityRecord *record,
                               const GDate            *today,
                               const char            **field,
                               GError                **error);
gboolean yk_questionnaire_validate (const YkQuestionnaireRecord *record,
                                    const GDate                 *today,
                                    const char                 **field,
                                    GError                     **error);
gboolean yk_assessment_validate (const YkAssessmentRecord *record,
                                 const char               *intake_date,
                                 const GDate              *today,
                                 const char              **field,
                                 GError                  **error);
gboolean yk_plan_goal_validate (const YkPlanGoalRecord *record,
                                const char            **field,
                                GError                **error);
gboolean yk_referral_validate (const YkReferralRecord *record,
                               const char             *intake_date,
                               const GDate            *today,
                               const char            **field,
                               GError                **error);

int yk_sdss_total (const int items[10]);
const char *yk_sdss_item_name (guint index);
const char *yk_record_field_label (const char *field);
const char *const *yk_referral_source_codes (void);
const char *yk_referral_source_label (const char *code);

G_END_DECLS
