/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-record-rules.h"
#include "yk-app-error.h"
#include "yk-validate.h"

#include <glib/gi18n.h>
#include <string.h>

/* The six severe mental disorders of the national programme, or 其他. */
static const char *const diagnoses[] = { "精神分裂症", "分裂情感性障碍", "偏执性精神病", "双相情感障碍",
                                         "癫痫所致精神障碍", "精神发育迟滞伴发精神障碍", "其他", NULL };
static const char *const social_levels[] = { "良好", "一般", "较差", NULL };
static const char *const conditions[] = { "stable", "basically_stable", "unstable", NULL };
static const char *const medications[] = { "regular", "intermittent", "none", "not_required", NULL };
static const char *const categories[] = { "生活技能", "社交技能", "职业康复", "心理健康教育",
                                          "家属支持", "文体娱乐", "社区融入", "其他", NULL };
static const char *const questionnaire_kinds[] = { "需求评估", "满意度", "筛查", "其他", NULL };
static const char *const respondents[] = { "服务对象", "家属", "居民", NULL };
static const char *const referral_kinds[] = { "hospital", "employment", "other", NULL };
static const char *const referral_sources[] = { "psychiatric_doctor", "hospital", "community", "family",
                                                "self", "platform", NULL };
static const char *const social_fields[] = { "sf_self_care", "sf_housework", "sf_work", "sf_learning", "sf_social" };

static const char *const sdss_items[10] = {
  "职业和工作", "婚姻职能", "父母职能", "社会性退缩", "家庭外的社会活动",
  "家庭内活动过少", "家庭职能", "个人生活自理", "对外界的兴趣和关心", "责任心和计划性",
};

static gboolean
empty (const char *text)
{
  return text == NULL || *text == '\0';
}

static gboolean
fail (const char **field, const char *name, GError **error, const char *format, ...) G_GNUC_PRINTF (4, 5);

static gboolean
fail (const char **field, const char *name, GError **error, const char *format, ...)
{
  g_autofree char *message = NULL;
  va_list args;

  if (field)
    *field = name;
  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, message);
  return FALSE;
}

static gboolean
required (const char *value, const char **field, const char *name, GError **error)
{
  if (!empty (value))
    return TRUE;
  return fail (field, name, error, "%s", _("This is required"));
}

static gboolean
one_of (const char *value, const char *const *allowed, const char **field, const char *name, GError **error)
{
  g_autofree char *list = NULL;

  if (empty (value) || g_strv_contains (allowed, value))
    return TRUE;
  list = g_strjoinv ("、", (char **) allowed);
  return fail (field, name, error, _("“%1$s” is not one of: %2$s"), value, list);
}

/* An optional date: valid, not after today, not before `not_before`. */
static gboolean
check_date (const char *value, const GDate *today, const char *not_before,
            const char **field, const char *name, GError **error)
{
  GError *local_error = NULL;
  GDate date;

  if (empty (value))
    return TRUE;
  if (!yk_date_parse (value, &date, &local_error))
    {
      fail (field, name, error, "%s", local_error->message);
      g_error_free (local_error);
      return FALSE;
    }
  if (today != NULL && g_date_compare (&date, today) > 0)
    return fail (field, name, error, _("%1$s is in the future"), value);
  if (!empty (not_before) && strcmp (value, not_before) < 0)
    return fail (field, name, error, _("%1$s is before the intake date (%2$s)"), value, not_before);
  return TRUE;
}

static gboolean
in_range (int value, int low, int high, const char **field, const char *name, GError **error)
{
  if (value == -1 || (value >= low && value <= high))
    return TRUE;
  return fail (field, name, error, _("%1$d is outside %2$d–%3$d"), value, low, high);
}

/* The consent's own fields (docs/design/file-format.md, "Consent"): each
 * may be not recorded, but what is recorded must hold together. */
gboolean
yk_consent_validate (const YkClientRecord *r,
                     const char          **field,
                     GError              **error)
{
  if (!one_of (r->consent_signer, (const char *const[]){ "self", "guardian", NULL }, field, "consent_signer", error) ||
      !one_of (r->consent_form, (const char *const[]){ "written", "oral_recorded", "unknown", NULL }, field,
               "consent_form", error))
    return FALSE;
  if (g_strcmp0 (r->consent_signer, "guardian") == 0 && empty (r->consent_guardian))
    return fail (field, "consent_guardian", error, "%s",
                 _("A consent signed by a guardian needs the guardian’s name"));
  if (r->consent_scope > YK_CONSENT_SCOPE_ALL)
    return fail (field, "consent_scope", error, _("%1$u is not a consent scope"), r->consent_scope);
  /* No consent to a case file, no case file: the intake rule. */
  if (r->consent_scope != 0 && (r->consent_scope & YK_CONSENT_SCOPE_CASE_FILE) == 0)
    return fail (field, "consent_scope", error, "%s",
                 _("A case file needs the person’s consent to keeping a case file"));
  return TRUE;
}

gboolean
yk_client_validate (const YkClientRecord *r,
                    const GDate          *today,
                    const char          **field,
                    GError              **error)
{
  if (!required (r->case_no, field, "case_no", error) || !required (r->name, field, "name", error))
    return FALSE;
  if (r->site_id <= 0)
    return fail (field, "site", error, "%s", _("This is required"));
  if (!one_of (r->gender, (const char *const[]){ "男", "女", NULL }, field, "gender", error) ||
      !check_date (r->birth_date, today, NULL, field, "birth_date", error) ||
      !one_of (r->diagnosis, diagnoses, field, "diagnosis", error) ||
      !one_of (r->referral_source, referral_sources, field, "referral_source", error) ||
      !required (r->intake_date, field, "intake_date", error) ||
      !check_date (r->intake_date, today, NULL, field, "intake_date", error))
    return FALSE;

  /* The pilot's eligibility rule: "病情稳定且愿意接受社区康复服务". */
  if (empty (r->consent_date))
    return fail (field, "consent_date", error, "%s",
                 _("A case file needs the date the person gave informed consent"));
  if (!check_date (r->consent_date, today, NULL, field, "consent_date", error))
    return FALSE;
  if (!yk_consent_validate (r, field, error))
    return FALSE;
  if (!r->stable_at_intake)
    return fail (field, "stable_at_intake", error, "%s",
                 _("Only people whose condition is stable at intake can take part in the pilot"));

  if (!empty (r->id_number))
    {
      GError *local_error = NULL;
      GDate from_id;

      if (!yk_id_number_check (r->id_number, &from_id, &local_error))
        {
          fail (field, "id_number", error, "%s", local_error->message);
          g_error_free (local_error);
          return FALSE;
        }
      if (!empty (r->birth_date))
        {
          g_autofree char *iso = yk_date_format_iso (&from_id);
          GDate birth;

          if (yk_date_parse (r->birth_date, &birth, NULL) && g_date_compare (&birth, &from_id) != 0)
            return fail (field, "id_number", error,
                         _("The birth date in the resident ID number (%1$s) is not the birth date given (%2$s)"),
                         iso, r->birth_date);
        }
    }
  if (!in_range (r->risk_level, 0, 5, field, "risk_level", error) ||
      !one_of (r->status, (const char *const[]){ "active", "referred", "closed", NULL }, field, "status", error))
    return FALSE;
  if (!empty (r->status) && !g_str_equal (r->status, "active"))
    {
      if (empty (r->status_date))
        return fail (field, "status_date", error, "%s",
                     _("A referral out or a closure needs its date"));
      if (!check_date (r->status_date, today, r->intake_date, field, "status_date", error))
        return FALSE;
    }
  return TRUE;
}

gboolean
yk_contact_validate (const YkContactRecord *r,
                     const char            *intake_date,
                     const GDate           *today,
                     const char           **field,
                     GError              **error)
{
  if (!required (r->type, field, "type", error) ||
      !one_of (r->type, (const char *const[]){ "home_visit", "phone", NULL }, field, "type", error) ||
      !required (r->date, field, "date", error) ||
      !check_date (r->date, today, intake_date, field, "date", error))
    return FALSE;
  if (r->duration_min < -1)
    return fail (field, "duration_min", error, "%s", _("A duration cannot be negative"));
  if (!in_range (r->risk_level, 0, 5, field, "risk_level", error) ||
      !one_of (r->condition, conditions, field, "condition", error) ||
      !one_of (r->medication, medications, field, "medication", error))
    return FALSE;
  for (int i = 0; i < 5; i++)
    if (!one_of (r->social[i], social_levels, field, social_fields[i], error))
      return FALSE;
  if (!empty (r->next_date))
    {
      GDate next;
      GError *local_error = NULL;

      if (!yk_date_parse (r->next_date, &next, &local_error))
        {
          fail (field, "next_date", error, "%s", local_error->message);
          g_error_free (local_error);
          return FALSE;
        }
      if (strcmp (r->next_date, r->date) < 0)
        return fail (field, "next_date", error, _("The next follow-up (%1$s) is before this one (%2$s)"),
                     r->next_date, r->date);
    }
  return TRUE;
}

/* A contact typed in the window, beside yk_contact_validate(): someone who
 * reached the person says what their condition and risk level are now
 * (the form fills both in from the last contact). A call saved without
 * them once turned 不稳定 into "not recorded" and the next follow-up into
 * three months. Imported ledgers keep both optional, as docs/design/followup.md says;
 * the follow-up rules then keep the last ones recorded. */
gboolean
yk_contact_validate_typed (const YkContactRecord *r,
                           const char           **field,
                           GError               **error)
{
  if (!r->reached)
    return TRUE;
  if (empty (r->condition))
    return fail (field, "condition", error, "%s",
                 _("Choose the condition you found: the next follow-up depends on it"));
  if (r->risk_level < 0)
    return fail (field, "risk_level", error, "%s", _("Choose the risk level you found"));
  return TRUE;
}

gboolean
yk_family_validate (const YkFamilyRecord *r,
                    const char          **field,
                    GError              **error)
{
  if (r->client_id <= 0)
    return fail (field, "case_no", error, "%s", _("This is required"));
  return required (r->name, field, "name", error);
}

gboolean
yk_activity_validate (const YkActivityRecord *r,
                      const GDate            *today,
                      const char            **field,
                      GError                **error)
{
  if (r->site_id <= 0)
    return fail (field, "site", error, "%s", _("This is required"));
  if (!required (r->date, field, "date", error) || !check_date (r->date, today, NULL, field, "date", error) ||
      !required (r->title, field, "title", error) ||
      !one_of (r->category, categories, field, "category", error))
    return FALSE;
  if (r->resident_count < 0)
    return fail (field, "resident_count", error, "%s", _("A head count cannot be negative"));
  return TRUE;
}

gboolean
yk_questionnaire_validate (const YkQuestionnaireRecord *r,
                           const GDate                 *today,
                           const char                 **field,
                           GError                     **error)
{
  if (r->site_id <= 0)
    return fail (field, "site", error, "%s", _("This is required"));
  if (r->client_id > 0 && r->family_id > 0)
    return fail (field, "family_id", error, "%s",
                 _("A questionnaire is linked to a service user or to a family member, not both"));
  return required (r->date, field, "date", error) && check_date (r->date, today, NULL, field, "date", error) &&
         one_of (r->kind, questionnaire_kinds, field, "kind", error) &&
         one_of (r->respondent, respondents, field, "respondent", error);
}

gboolean
yk_assessment_validate (const YkAssessmentRecord *r,
                        const char               *intake_date,
                        const GDate              *today,
                        const char              **field,
                        GError                  **error)
{
  static const char *const item_fields[10] = { "sdss_1", "sdss_2", "sdss_3", "sdss_4", "sdss_5",
                                               "sdss_6", "sdss_7", "sdss_8", "sdss_9", "sdss_10" };

  if (!required (r->date, field, "date", error) || !check_date (r->date, today, intake_date, field, "date", error))
    return FALSE;
  for (int i = 0; i < YK_SDSS_ITEMS; i++)
    if (r->items[i] != 0 && r->items[i] != 1 && r->items[i] != 2 && r->items[i] != 9)
      return fail (field, item_fields[i], error,
                   _("%1$s is scored 0, 1 or 2, or 9 when it does not apply, not %2$d"),
                   sdss_items[i], r->items[i]);
  return TRUE;
}

gboolean
yk_plan_goal_validate (const YkPlanGoalRecord *r,
                       const char            **field,
                       GError                **error)
{
  return required (r->goal, field, "goal", error) &&
         check_date (r->target_date, NULL, NULL, field, "target_date", error) &&
         check_date (r->review_date, NULL, NULL, field, "review_date", error);
}

gboolean
yk_referral_validate (const YkReferralRecord *r,
                      const char             *intake_date,
                      const GDate            *today,
                      const char            **field,
                      GError                **error)
{
  return required (r->date, field, "date", error) &&
         check_date (r->date, today, intake_date, field, "date", error) &&
         required (r->to_kind, field, "to_kind", error) &&
         one_of (r->to_kind, referral_kinds, field, "to_kind", error);
}

/* Items marked 9 (does not apply) are left out of the total. */
int
yk_sdss_total (const int items[10])
{
  int total = 0;

  for (int i = 0; i < YK_SDSS_ITEMS; i++)
    if (items[i] != 9)
      total += items[i];
  return total;
}

const char *
yk_sdss_item_name (guint index)
{
  g_return_val_if_fail (index < YK_SDSS_ITEMS, NULL);
  return sdss_items[index];
}

/* The label a person sees for a field key (docs/design/formats.md's Chinese labels are
 * the translations, except where docs/glossary.md names the field
 * otherwise: risk_level is 风险等级, condition 病情分类). */
const char *
yk_record_field_label (const char *field)
{
  static const struct
  {
    const char *key;
    const char *label;
  } labels[] = {
    { "case_no", N_("Case number") }, { "name", N_("Name") }, { "gender", N_("Gender") },
    { "birth_date", N_("Birth date") }, { "id_number", N_("Resident ID number") },
    { "phone", N_("Phone") }, { "address", N_("Address") }, { "site", N_("Site") },
    { "worker", N_("Responsible social worker") }, { "diagnosis", N_("Diagnosis") },
    { "intake_date", N_("Intake date") }, { "consent_date", N_("Informed consent date") },
    { "stable_at_intake", N_("Stable at intake") }, { "risk_level", N_("Risk level") },
    { "status", N_("Status") }, { "status_date", N_("Status date") }, { "status_reason", N_("Status reason") },
    { "family_id", N_("Family member number") }, { "relation", N_("Relation") },
    { "type", N_("Type") }, { "date", N_("Date") }, { "reached", N_("Reached") },
    { "duration_min", N_("Duration (minutes)") }, { "condition", N_("Condition") },
    { "medication", N_("Medication") }, { "notes", N_("Notes") }, { "next_date", N_("Next follow-up date") },
    { "sf_self_care", N_("Self-care") }, { "sf_housework", N_("Housework") },
    { "sf_work", N_("Productive work") }, { "sf_learning", N_("Learning") },
    { "sf_social", N_("Social contact") }, { "activity_id", N_("Activity number") },
    { "title", N_("Activity title") }, { "category", N_("Category") }, { "facilitator", N_("Facilitator") },
    { "resident_count", N_("Other residents") }, { "kind", N_("Kind") }, { "respondent", N_("Respondent") },
    { "goal", N_("Goal") }, { "target_date", N_("Target date") }, { "review_date", N_("Review date") },
    { "to_kind", N_("Referred to") }, { "void_reason", N_("Reason for voiding") },
    { "consent_signer", N_("Consent signed by") }, { "consent_guardian", N_("Guardian who signed") },
    { "consent_form", N_("Consent form") }, { "consent_scope", N_("Consent scope") },
    { "consent_withdrawn_date", N_("Consent withdrawn on") },
    { "consent_withdrawal_reason", N_("Reason for withdrawing consent") },
    { "referral_source", N_("Referral source") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].key, field) == 0)
      return _(labels[i].label);
  if (field != NULL && g_str_has_prefix (field, "sdss_"))
    {
      guint64 n = g_ascii_strtoull (field + 5, NULL, 10);
      if (n >= 1 && n <= YK_SDSS_ITEMS)
        return sdss_items[n - 1];
    }
  return field;
}

/* The referral sources (转介来源), in the order the window offers them. */
const char *const *
yk_referral_source_codes (void)
{
  return referral_sources;
}

/* The words for a stored referral source; NULL for none or an unknown code. */
const char *
yk_referral_source_label (const char *code)
{
  static const struct
  {
    const char *code;
    const char *label;
  } labels[] = {
    { "psychiatric_doctor", N_("Psychiatric prevention doctor") }, { "hospital", N_("Hospital") },
    { "community", N_("Subdistrict or community") }, { "family", N_("Family") },
    { "self", N_("Own application") }, { "platform", N_("Referral platform") },
  };

  for (guint i = 0; i < G_N_ELEMENTS (labels); i++)
    if (g_strcmp0 (labels[i].code, code) == 0)
      return _(labels[i].label);
  return NULL;
}
