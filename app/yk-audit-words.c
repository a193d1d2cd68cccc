/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-audit-words.h"

#include <glib/gi18n.h>
#include <string.h>

/* The one table of action codes: a code written anywhere in app/ or db/
 * without a row here shows as itself, and the test that scans the
 * sources for yk_session_audit() calls fails. */
static const struct
{
  const char *code;
  const char *label;
} actions[] = {
  { "create", NC_ ("audit action", "Created the database") },
  { "unlock", NC_ ("audit action", "Unlock") },
  { "unlock_recovery", NC_ ("audit action", "Unlock with the recovery key") },
  { "unlock_failed", NC_ ("audit action", "Failed unlock") },
  { "unlock_log_damaged", NC_ ("audit action", "Failed-unlock log damaged") },
  { "key_rotate", NC_ ("audit action", "Changed the key") },
  { "backup", NC_ ("audit action", "Backup") },
  { "snapshot", NC_ ("audit action", "Wrote a snapshot") },
  { "split", NC_ ("audit action", "Made by splitting a database") },
  { "demo", NC_ ("audit action", "Loaded demo data") },
  { "import", NC_ ("audit action", "Imported a ledger") },
  { "export", NC_ ("audit action", "Exported the ledger") },
  { "account_add", NC_ ("audit action", "Added an account") },
  { "account_remove", NC_ ("audit action", "Removed an account") },
  { "account_role", NC_ ("audit action", "Changed a role or site") },
  { "password_change", NC_ ("audit action", "Changed own password") },
  { "password_reset", NC_ ("audit action", "Reset a password") },
  { "password_recover", NC_ ("audit action", "Set a password with the recovery key") },
  { "names_unmask", NC_ ("audit action", "Showed full names") },
  { "names_mask", NC_ ("audit action", "Masked names") },
  { "setting_change", NC_ ("audit action", "Changed a setting") },
  { "site_update", NC_ ("audit action", "Edited a site") },
  { "open_case", NC_ ("audit action", "Opened a case file") },
  { "dossier_print", NC_ ("audit action", "Printed a dossier") },
  { "dossier_export", NC_ ("audit action", "Exported a dossier as PDF") },
  { "insert", NC_ ("audit action", "Added a record") },
  { "update", NC_ ("audit action", "Edited a record") },
  { "void", NC_ ("audit action", "Voided a record") },
  { "withdraw_consent", NC_ ("audit action", "Recorded a withdrawal of consent") },
  { "transfer", NC_ ("audit action", "Transferred a person to another site") },
  { "attach", NC_ ("audit action", "Added an attachment") },
  { "attachment_save", NC_ ("audit action", "Saved an attachment to a file") },
  { "training_add", NC_ ("audit action", "Recorded a training session") },
  { "training_void", NC_ ("audit action", "Voided a training session") },
};

static const struct
{
  const char *table;
  const char *label;
} tables[] = {
  { "clients", N_ ("Service user") },
  { "contacts", N_ ("Contact") },
  { "family_members", N_ ("Family member") },
  { "activities", N_ ("Activity") },
  { "attendances", N_ ("Attendance") },
  { "questionnaires", N_ ("Questionnaire") },
  { "assessments", N_ ("Assessment") },
  { "plan_goals", N_ ("Plan goal") },
  { "referrals", N_ ("Referral") },
  { "attachments", N_ ("Attachment") },
  { "training_sessions", N_ ("Training session") },
  { "staff", N_ ("Account") },
  { "sites", N_ ("Site") },
  { "settings", N_ ("Settings") },
};

const char *
yk_audit_action_label (const char *action)
{
  for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
    if (g_strcmp0 (actions[i].code, action) == 0)
      return g_dpgettext2 (NULL, "audit action", actions[i].label);
  return action;
}

const char *const *
yk_audit_action_codes (void)
{
  static const char *codes[G_N_ELEMENTS (actions) + 1];

  if (codes[0] == NULL)
    for (guint i = 0; i < G_N_ELEMENTS (actions); i++)
      codes[i] = actions[i].code;
  return codes;
}

const char *
yk_audit_table_label (const char *table)
{
  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    if (g_strcmp0 (tables[i].table, table) == 0)
      return _(tables[i].label);
  return table;
}

char *
yk_audit_local_time (const char *at)
{
  g_autoptr (GDateTime) utc = at != NULL ? g_date_time_new_from_iso8601 (at, NULL) : NULL;
  g_autoptr (GDateTime) local = NULL;

  if (utc == NULL)
    return g_strdup (at);
  local = g_date_time_to_local (utc);
  return g_date_time_format (local, "%Y-%m-%d %H:%M");
}

/* Local midnight starting the day `days` after `date`, in the stored
 * form, or NULL if `date` is not YYYY-MM-DD. */
static char *
local_midnight_utc (const char *date,
                    int         days)
{
  g_autoptr (GDateTime) start = NULL;
  g_autoptr (GDateTime) utc = NULL;
  GDate parsed;

  if (strlen (date) != 10 || date[4] != '-' || date[7] != '-')
    return NULL;
  g_date_clear (&parsed, 1);
  g_date_set_parse (&parsed, date);
  if (!g_date_valid (&parsed))
    return NULL;
  g_date_add_days (&parsed, days);
  start = g_date_time_new_local (g_date_get_year (&parsed), g_date_get_month (&parsed), g_date_get_day (&parsed),
                                 0, 0, 0);
  if (start == NULL)
    return NULL;
  utc = g_date_time_to_utc (start);
  return g_date_time_format (utc, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
yk_audit_local_days (const char *from,
                     const char *to,
                     char      **from_at,
                     char      **to_at)
{
  g_autofree char *first = from != NULL ? local_midnight_utc (from, 0) : NULL;
  g_autofree char *after = to != NULL ? local_midnight_utc (to, 1) : NULL;

  if ((from != NULL && first == NULL) || (to != NULL && after == NULL))
    return FALSE;
  *from_at = g_steal_pointer (&first);
  *to_at = g_steal_pointer (&after);
  return TRUE;
}
