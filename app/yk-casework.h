/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-session.h"
#include "yk-db-records.h"
#include "yk-db-duplicates.h"

G_BEGIN_DECLS

/* Recording casework as the session's person: every record validated
 * (yk-record-rules.c), kept to the sites their role allows, written with
 * its audit row in one transaction. The window, the import and the
 * command line all come through here. */
gint64 yk_casework_site_scope (YkSession *session);

/* A new case file. Refused (YK_APP_ERROR_DUPLICATE, naming the case or
 * cases) when the person may already have one: see
 * yk_casework_find_duplicates(). */
gboolean yk_casework_add_client (YkSession      *session,
                                 YkClientRecord *record,
                                 gint64         *id,
                                 GError        **error);
/* The same, going on past a name-and-birth-date match because the person
 * is a true namesake (同名同姓): `reason` (required, not blank) is kept
 * in the audit row of the insert, "namesake: REASON". A resident ID
 * number on file is never gone past: the same number is the same person. */
gboolean yk_casework_add_client_namesake (YkSession      *session,
                                          YkClientRecord *record,
                                          const char     *reason,
                                          gint64         *id,
                                          GError        **error);
/* The same for a ledger's row transferred from another site's case file
 * (clients.csv's 迁自, docs/design/transfer.md): the intake check passes
 * the person's earlier case files of that transfer (`from_id` and the
 * ones it came from), and the two are linked both ways, in the one
 * transaction of the insert. The window and the command line transfer
 * with yk_transfer_case() instead. */
gboolean yk_casework_add_client_transferred (YkSession      *session,
                                             YkClientRecord *record,
                                             gint64          from_id,
                                             gint64         *id,
                                             GError        **error);

/* The intake check (docs/design/file-format.md, "Intake checks"): the
 * live case files (any status, not voided) of every site with the same
 * resident ID number (trimmed, x upper-cased), or the same name and
 * birth date, as `candidate` (its own id excluded). A row the session
 * may not see (another site's, for a social worker) says only that:
 * visible FALSE, with its id, case number, name and site cleared, so a
 * worker learns that a case exists at another site, never whose.
 * Empty: none. */
GPtrArray *yk_casework_find_duplicates (YkSession            *session,
                                        const YkClientRecord *candidate,
                                        GError              **error);
/* Whether any of them is a resident ID number match (never overridden). */
gboolean yk_casework_duplicates_by_id (GPtrArray *duplicates);
/* One line for a person: "SPQ-0001 张三 (阳光站, Active): the same
 * resident ID number", or for an unseen one "A case at another site has
 * the same name and birth date". */
char *yk_casework_describe_duplicate (const YkDbDuplicate *duplicate);
gboolean yk_casework_update_client (YkSession            *session,
                                    const YkClientRecord *record,
                                    GError              **error);
YkClientRecord *yk_casework_open_client (YkSession *session,
                                         gint64     id,
                                         GError   **error);
/* Informed consent (docs/design/file-format.md, "Consent"). FALSE with
 * YK_APP_ERROR_CONSENT_WITHDRAWN, naming the date, once the person has
 * withdrawn it: every new record for them (and their family members) is
 * refused. */
gboolean yk_casework_check_consent (const YkClientRecord *client,
                                    GError              **error);
/* The reason a withdrawal closes the case with (结案). */
#define YK_CONSENT_WITHDRAWN_REASON "撤回同意"
/* Records that the person withdrew their consent on `date`, because of
 * `reason`, and closes the case (status closed from that date, reason
 * 撤回同意; a case already closed or referred out keeps its status and
 * date), in one transaction with its audit. The person's responsible
 * social worker or a coordinator; the date not in the future, not
 * before the consent or the intake, and not before a record of theirs
 * already on file. On a rule broken, `field` names the field at fault
 * (consent_withdrawn_date, consent_withdrawal_reason). */
gboolean yk_casework_withdraw_consent (YkSession   *session,
                                       gint64       client_id,
                                       const char  *date,
                                       const char  *reason,
                                       const char **field,
                                       GError     **error);
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
/* Correcting a record in place instead of voiding and retyping it: for
 * contacts, SDSS assessments, plan goals and referrals. Its author may within
 * YK_CORRECTION_DAYS of writing it down, a coordinator at any time; a
 * voided record never. The pure rule, for lists read in a worker thread: */
#define YK_CORRECTION_DAYS 7
gboolean yk_casework_correction_allowed (gboolean    coordinator,
                                         gint64      staff_id,
                                         gint64      created_by,
                                         const char *created_at,
                                         GDateTime  *now);
/* Whether `table` is one whose records are corrected (not voided and
 * typed again): "contacts", "assessments", "plan_goals", "referrals". */
gboolean yk_casework_is_correctable (const char *table);
/* The rule for this session and record; another site's is "not found". */
gboolean yk_casework_may_correct (YkSession  *session,
                                  const char *table,
                                  gint64      id,
                                  GError    **error);
/* The record to fill a correction form with, if the session may correct it. */
YkContactRecord *yk_casework_get_contact (YkSession *session,
                                          gint64     id,
                                          GError   **error);
YkAssessmentRecord *yk_casework_get_assessment (YkSession *session,
                                                gint64     id,
                                                GError   **error);
YkPlanGoalRecord *yk_casework_get_plan_goal (YkSession *session,
                                             gint64     id,
                                             GError   **error);
YkReferralRecord *yk_casework_get_referral (YkSession *session,
                                            gint64     id,
                                            GError   **error);
/* Saves a correction (record->id; its person stays): validated as a new
 * one, in one transaction with the risk level rule of a new contact and
 * an audit row "update" listing "field: old → new" (free text only as
 * "notes: changed"). Nothing changed: TRUE, nothing written. */
gboolean yk_casework_update_contact (YkSession             *session,
                                     const YkContactRecord *record,
                                     GError               **error);
gboolean yk_casework_update_assessment (YkSession                *session,
                                        const YkAssessmentRecord *record,
                                        GError                  **error);
gboolean yk_casework_update_plan_goal (YkSession              *session,
                                       const YkPlanGoalRecord *record,
                                       GError                **error);
gboolean yk_casework_update_referral (YkSession              *session,
                                      const YkReferralRecord *record,
                                      GError                **error);
/* A record in a few words, for a person to recognise it without its
 * number: "2021-12-03 电话随访 · SPQ-0007" (date, kind, case number or
 * activity number; never a name). NULL if not in the session's scope. */
char *yk_casework_describe (YkSession  *session,
                            const char *table,
                            gint64      id,
                            GError    **error);
gboolean yk_casework_void (YkSession  *session,
                           const char *table,
                           gint64      id,
                           const char *reason,
                           GError    **error);

G_END_DECLS
