/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The records of docs/design/file-format.md as they are stored. Dates are ISO 8601
 * ("2021-03-05"); NULL or 0 means "not recorded" where a field is
 * optional (-1 for optional numbers where 0 is a value). The rules that
 * make a record valid live in app/ (yk-records.c); these are plain data. */

typedef struct
{
  gint64 id;
  char *case_no;
  char *name;
  char *gender;           /* 男 / 女 */
  char *birth_date;
  char *id_number;
  char *phone;
  char *address;
  char *community;
  char *diagnosis;
  char *guardian_name;
  char *guardian_relation;
  char *guardian_phone;
  gint64 site_id;
  gint64 worker_id;       /* 0: none */
  char *intake_date;
  char *consent_date;
  gboolean stable_at_intake;
  int risk_level;         /* -1: not recorded */
  char *status;           /* active, referred, closed */
  char *status_date;
  char *status_reason;
  char *voided_at;
  /* The consent behind the case file (its date is consent_date): who
   * signed, its form and scope; NULL or 0 where not recorded (a case
   * file of before schema version 5, or a ledger without these columns). */
  char *consent_signer;   /* self, guardian */
  char *consent_guardian; /* the guardian who signed */
  char *consent_form;     /* written, oral_recorded, unknown (NULL: unknown) */
  guint consent_scope;    /* YK_CONSENT_SCOPE_* bits */
  /* Its withdrawal, read only here: yk_casework_withdraw_consent() writes it. */
  char *consent_withdrawn_date;
  char *consent_withdrawal_reason;
  /* Who sent the person (转介来源, schema version 7): psychiatric_doctor,
   * hospital, community, family, self, platform; NULL: not recorded. */
  char *referral_source;
  /* A transfer between sites (迁移, schema version 8), read only here:
   * yk_transfer_case() writes it. The other case file's id in this file
   * (0: none, or not in this file), its case number and its site's code
   * (NULL: not transferred that way). */
  gint64 transferred_from_id;
  char *transferred_from_case_no;
  char *transferred_from_site;
  gint64 transferred_to_id;
  char *transferred_to_case_no;
  char *transferred_to_site;
} YkClientRecord;

/* What a consent covers: 建档, 服务记录, 统计上报 (docs/design/file-format.md, "Consent"). */
typedef enum
{
  YK_CONSENT_SCOPE_CASE_FILE = 1 << 0,  /* 建档 */
  YK_CONSENT_SCOPE_SERVICES = 1 << 1,   /* 服务记录 */
  YK_CONSENT_SCOPE_REPORTING = 1 << 2,  /* 统计上报 */
} YkConsentScope;
#define YK_CONSENT_SCOPE_ALL (YK_CONSENT_SCOPE_CASE_FILE | YK_CONSENT_SCOPE_SERVICES | YK_CONSENT_SCOPE_REPORTING)

typedef struct
{
  gint64 id;
  gint64 client_id;
  char *type;             /* home_visit, phone */
  char *date;
  gint64 worker_id;
  gboolean reached;       /* set it: a contact is reached unless said otherwise */
  char *unreached_reason;
  int duration_min;       /* -1: not recorded */
  char *seen;
  int risk_level;         /* -1 */
  char *insight;
  char *sleep;
  char *diet;
  char *social[5];        /* self care, housework, work, learning, social: 良好/一般/较差 */
  char *dangerous_behaviour;
  char *hospital_stays;
  char *medication;       /* regular, intermittent, none, not_required */
  char *adverse_reactions;
  char *condition;        /* stable, basically_stable, unstable */
  char *measures;
  char *notes;
  char *next_date;
  char *voided_at;
} YkContactRecord;

typedef struct
{
  gint64 id;
  char *family_no;
  gint64 client_id;
  char *name;
  char *relation;
  char *phone;
} YkFamilyRecord;

typedef struct
{
  gint64 id;
  char *activity_no;
  gint64 site_id;
  char *date;
  char *title;
  char *category;
  char *facilitator;
  int resident_count;
} YkActivityRecord;

typedef struct
{
  gint64 id;
  gint64 site_id;
  char *date;
  char *kind;
  char *respondent;
  gint64 client_id;       /* 0: none */
  gint64 family_id;       /* 0: none */
} YkQuestionnaireRecord;

#define YK_SDSS_ITEMS 10

typedef struct
{
  gint64 id;
  gint64 client_id;
  char *date;
  int items[YK_SDSS_ITEMS]; /* 0, 1, 2, or 9 (does not apply) */
} YkAssessmentRecord;

typedef struct
{
  gint64 id;
  gint64 client_id;
  char *goal;
  char *target_date;
  char *review_date;
  char *progress;
} YkPlanGoalRecord;

typedef struct
{
  gint64 id;
  gint64 client_id;
  char *date;
  char *to_kind;          /* hospital, employment, other */
  char *to_whom;
  char *reason;
  char *outcome;
} YkReferralRecord;

void yk_client_record_clear (YkClientRecord *record);
void yk_client_record_free (YkClientRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkClientRecord, yk_client_record_free)
void yk_contact_record_clear (YkContactRecord *record);
void yk_contact_record_free (YkContactRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkContactRecord, yk_contact_record_free)
void yk_plan_goal_record_free (YkPlanGoalRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkPlanGoalRecord, yk_plan_goal_record_free)
void yk_referral_record_free (YkReferralRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkReferralRecord, yk_referral_record_free)
void yk_assessment_record_free (YkAssessmentRecord *record);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkAssessmentRecord, yk_assessment_record_free)

G_END_DECLS
