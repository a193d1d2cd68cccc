/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-admin.h"
#include "yk-app-error.h"
#include "yk-audit.h"
#include "yk-audit-words.h"
#include "yk-db-admin.h"
#include "yk-db-check.h"
#include "yk-db-records.h"
#include "yk-db-staff.h"
#include "yk-followup.h"
#include "yk-reader-private.h"
#include "yk-secret.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

gboolean
yk_admin_backup (YkSession  *session,
                 const char *destination,
                 GError    **error)
{
  g_autofree char *head = NULL;

  return yk_admin_backup_with_head (session, destination, &head, error);
}

/* The head is read before the copy is taken, so the copy's trail always
 * extends it (another program may add entries in between); the backup's
 * own entry comes after. */
gboolean
yk_admin_backup_with_head (YkSession  *session,
                           const char *destination,
                           char      **head,
                           GError    **error)
{
  *head = NULL;
  return yk_session_require_coordinator (session, error) &&
         yk_session_audit_head (session, head, error) &&
         yk_store_backup (yk_session_get_store (session), destination, error) &&
         yk_session_audit (session, "backup", NULL, 0, NULL, error);
}

gboolean
yk_admin_verify_store (YkSession      *session,
                       YkVerifyReport *report,
                       GError        **error)
{
  memset (report, 0, sizeof *report);
  report->integrity = g_ptr_array_new_with_free_func (g_free);
  report->foreign_keys = g_ptr_array_new_with_free_func (g_free);
  report->running_totals = g_ptr_array_new_with_free_func (g_free);
  return yk_session_require_coordinator (session, error) &&
         yk_store_check (yk_session_get_store (session), &report->store, error);
}

/* The trail and the checks are a coordinator's, as yk_verify_store(). */
static gboolean
require_coordinator (const YkReader *reader,
                     GError        **error)
{
  if (yk_reader_is_coordinator (reader))
    return TRUE;
  g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN, _("Only a coordinator can do this"));
  return FALSE;
}

gboolean
yk_admin_verify_reader (YkReader       *reader,
                        YkVerifyReport *report,
                        GError        **error)
{
  g_autoptr (YkSecret) audit_key = NULL;
  sqlite3 *db;

  g_return_val_if_fail (reader != NULL, FALSE);
  g_return_val_if_fail (report != NULL, FALSE);

  if (!require_coordinator (reader, error))
    return FALSE;
  db = _yk_reader_get_db (reader);
  audit_key = yk_store_derive_audit_key (_yk_reader_get_store (reader));
  return yk_db_integrity_check (db, report->integrity, error) &&
         yk_db_foreign_key_check (db, report->foreign_keys, error) &&
         yk_db_running_totals_check (db, report->running_totals, error) &&
         yk_audit_verify (db, audit_key, yk_store_get_database_id (_yk_reader_get_store (reader)), NULL,
                          &report->audit, error);
}

static const char *const interval_keys[] = {
  "followup_stable", "followup_basically_stable", "followup_unstable",
};

static gboolean
is_interval_key (const char *key)
{
  for (guint i = 0; i < G_N_ELEMENTS (interval_keys); i++)
    if (g_strcmp0 (key, interval_keys[i]) == 0)
      return TRUE;
  return FALSE;
}

char *
yk_admin_setting_get (YkSession  *session,
                      const char *key,
                      GError    **error)
{
  return yk_db_setting_get (yk_store_get_connection (yk_session_get_store (session)), key, error);
}

/* "14 days", "2 weeks", "3 months", "14 天", "2 周", "3 个月": the number
 * and the unit. */
static char *
normalize_interval (const char *value)
{
  g_autofree char *text = g_strstrip (g_strdup (value));
  char *end = NULL;
  gint64 n = g_ascii_strtoll (text, &end, 10);
  gboolean months;
  int amount;
  g_autofree char *normal = NULL;

  if (end == text || !g_ascii_isdigit (*text))
    return NULL;
  while (*end == ' ')
    end++;
  if (g_str_equal (end, "day") || g_str_equal (end, "days") || g_str_equal (end, "天"))
    normal = g_strdup_printf ("%lld days", (long long) n);
  else if (g_str_equal (end, "week") || g_str_equal (end, "weeks") || g_str_equal (end, "周"))
    normal = g_strdup_printf ("%lld weeks", (long long) n);
  else if (g_str_equal (end, "month") || g_str_equal (end, "months") ||
           g_str_equal (end, "个月") || g_str_equal (end, "月"))
    normal = g_strdup_printf ("%lld months", (long long) n);
  else
    return NULL;
  /* The follow-up rules read it back with their own parser. */
  if (!yk_followup_interval_parse (normal, &amount, &months))
    return NULL;
  return g_steal_pointer (&normal);
}

char *
yk_admin_setting_normalize (const char *key,
                            const char *value,
                            GError    **error)
{
  if (is_interval_key (key))
    {
      char *normal = value != NULL ? normalize_interval (value) : NULL;

      if (normal == NULL)
        g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                             _("Write an interval as a number of days, weeks or months, such as “14 days”, “2 weeks” or “3 months”"));
      return normal;
    }
  if (g_strcmp0 (key, YK_ADMIN_SETTING_IMPROVEMENT_THRESHOLD) == 0)
    {
      g_autofree char *text = g_strstrip (g_strdup (value != NULL ? value : ""));
      char *end = NULL;
      gint64 n = g_ascii_strtoll (text, &end, 10);

      if (*text == '\0' || !g_ascii_isdigit (*text) || *end != '\0' || n <= 0 || n > 1000)
        {
          g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                               _("The improvement threshold is a whole number of points, 1 or more"));
          return NULL;
        }
      return g_strdup_printf ("%lld", (long long) n);
    }
  g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, _("There is no such setting"));
  return NULL;
}

gboolean
yk_admin_setting_set (YkSession  *session,
                      const char *key,
                      const char *value,
                      GError    **error)
{
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (session));
  g_autofree char *normal = NULL;
  g_autofree char *detail = NULL;

  if (!yk_session_require_coordinator (session, error) ||
      (normal = yk_admin_setting_normalize (key, value, error)) == NULL ||
      !yk_db_begin (db, error))
    return FALSE;
  detail = g_strdup_printf ("%s=%s", key, normal);
  if (!yk_db_setting_set (db, key, normal, error) ||
      !yk_session_audit (session, "setting_change", "settings", 0, detail, error))
    {
      yk_db_rollback (db);
      return FALSE;
    }
  return yk_db_commit (db, error);
}

void
yk_admin_audit_filter_free (YkAdminAuditFilter *filter)
{
  if (filter == NULL)
    return;
  g_free (filter->account);
  g_free (filter->record_table);
  g_free (filter->from);
  g_free (filter->to);
  g_free (filter);
}

void
yk_admin_audit_free (YkAdminAudit *audit)
{
  if (audit == NULL)
    return;
  g_clear_pointer (&audit->rows, g_ptr_array_unref);
  g_clear_pointer (&audit->records, g_ptr_array_unref);
  g_free (audit);
}

static gboolean
valid_date (const char *text)
{
  GDate date;

  if (text == NULL)
    return TRUE;
  if (strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return FALSE;
  g_date_clear (&date, 1);
  g_date_set_parse (&date, text);
  return g_date_valid (&date);
}

gboolean
yk_admin_audit_filter_check (const YkAdminAuditFilter *filter,
                             GError                  **error)
{
  if (!valid_date (filter->from) || !valid_date (filter->to))
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("Write dates as YYYY-MM-DD, such as 2021-10-01"));
      return FALSE;
    }
  return TRUE;
}

YkAdminAudit *
yk_admin_audit_read (YkReader                 *reader,
                     const YkAdminAuditFilter *filter,
                     GError                  **error)
{
  g_autoptr (YkSecret) audit_key = NULL;
  g_autofree char *from_at = NULL;
  g_autofree char *to_at = NULL;
  YkAdminAudit *audit;
  sqlite3 *db;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (filter != NULL, NULL);

  if (!require_coordinator (reader, error) || !yk_admin_audit_filter_check (filter, error))
    return NULL;
  db = _yk_reader_get_db (reader);
  audit_key = yk_store_derive_audit_key (_yk_reader_get_store (reader));
  /* Stored times are UTC; a coordinator's "3 December" is the local day,
   * which in Chongqing began at 16:00 UTC the day before. */
  if (!yk_audit_local_days (filter->from, filter->to, &from_at, &to_at))
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("Write dates as YYYY-MM-DD, such as 2021-10-01"));
      return NULL;
    }
  audit = g_new0 (YkAdminAudit, 1);
  audit->rows = yk_db_audit_list (db, filter->account, filter->record_table, filter->record_id,
                                  from_at, to_at, filter->limit, error);
  if (audit->rows == NULL ||
      !yk_audit_verify (db, audit_key, yk_store_get_database_id (_yk_reader_get_store (reader)), NULL,
                        &audit->check, error) ||
      (audit->records = yk_admin_audit_describe (reader, audit->rows, error)) == NULL)
    {
      yk_admin_audit_free (audit);
      return NULL;
    }
  return audit;
}

static char *
describe_subject (const char           *table,
                  const YkAuditSubject *subject)
{
  const char *label = yk_audit_table_label (table);
  const char *head = subject->code != NULL ? subject->code : subject->date;

  if (g_strcmp0 (table, "contacts") == 0 && subject->date != NULL && subject->person != NULL)
    /* TRANSLATORS: a contact in the audit trail: "Contact", its type
     * ("Phone call"), its date and the service user's case number */
    return g_strdup_printf (_("%1$s (%2$s %3$s · %4$s)"), label,
                            g_strcmp0 (subject->kind, "phone") == 0 ? _("Phone call") : _("Home visit"),
                            subject->date, subject->person);
  if (head != NULL && subject->person != NULL)
    /* TRANSLATORS: a record in the audit trail: its kind ("Assessment"),
     * its number or date, and the case number it is about */
    return g_strdup_printf (_("%1$s %2$s · %3$s"), label, head, subject->person);
  if (head != NULL || subject->person != NULL)
    /* TRANSLATORS: a record in the audit trail: its kind ("Service
     * user") and its number ("SPQ-0007") or date */
    return g_strdup_printf (C_("audit record", "%1$s %2$s"), label, head != NULL ? head : subject->person);
  return NULL;
}

GPtrArray *
yk_admin_audit_describe (YkReader  *reader,
                         GPtrArray *rows,
                         GError   **error)
{
  g_autoptr (GHashTable) ids = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) g_array_unref);
  g_autoptr (GHashTable) subjects = g_hash_table_new_full (g_str_hash, g_str_equal, NULL,
                                                           (GDestroyNotify) g_hash_table_unref);
  g_autoptr (GPtrArray) records = g_ptr_array_new_full (rows->len, g_free);
  GHashTableIter iter;
  gpointer table, table_ids;
  sqlite3 *db;
  gint64 site_scope;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (rows != NULL, NULL);
  db = _yk_reader_get_db (reader);
  site_scope = yk_reader_site_scope (reader);
  for (guint i = 0; i < rows->len; i++)
    {
      const YkAuditRow *row = rows->pdata[i];
      GArray *list;

      if (row->record_table == NULL || row->record_id <= 0)
        continue;
      list = g_hash_table_lookup (ids, row->record_table);
      if (list == NULL)
        {
          list = g_array_new (FALSE, FALSE, sizeof (gint64));
          g_hash_table_insert (ids, row->record_table, list);
        }
      g_array_append_val (list, row->record_id);
    }
  g_hash_table_iter_init (&iter, ids);
  while (g_hash_table_iter_next (&iter, &table, &table_ids))
    {
      GHashTable *found = yk_db_audit_subjects (db, table, table_ids, error);

      if (found == NULL)
        return NULL;
      g_hash_table_insert (subjects, table, found);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      const YkAuditRow *row = rows->pdata[i];
      GHashTable *found = row->record_table != NULL ? g_hash_table_lookup (subjects, row->record_table) : NULL;
      const YkAuditSubject *subject = found != NULL ? g_hash_table_lookup (found, &row->record_id) : NULL;
      char *words = NULL;

      if (subject != NULL && (site_scope == 0 || subject->site_id == 0 || subject->site_id == site_scope))
        words = describe_subject (row->record_table, subject);
      if (words == NULL && row->record_table != NULL && row->record_id > 0)
        /* TRANSLATORS: a record the audit trail can no longer describe:
         * its kind ("Contact") and its number in the database */
        words = g_strdup_printf (_("%1$s #%2$lld"), yk_audit_table_label (row->record_table),
                                 (long long) row->record_id);
      else if (words == NULL)
        words = g_strdup (row->record_table != NULL ? yk_audit_table_label (row->record_table) : "");
      g_ptr_array_add (records, words);
    }
  return g_steal_pointer (&records);
}

GPtrArray *
yk_admin_sites_list (YkSession *session,
                     GError   **error)
{
  return yk_db_site_details_list (yk_store_get_connection (yk_session_get_store (session)), error);
}

static char *
stripped_or_null (const char *text)
{
  char *copy = g_strstrip (g_strdup (text != NULL ? text : ""));

  if (*copy == '\0')
    g_clear_pointer (&copy, g_free);
  return copy;
}

static gboolean
invalid (const char **field, const char *name, GError **error, const char *message)
{
  if (field != NULL)
    *field = name;
  g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, message);
  return FALSE;
}

gboolean
yk_admin_site_update (YkSession   *session,
                      gint64       site_id,
                      const char  *name,
                      const char  *host_facility,
                      const char  *opening_date,
                      const char  *equipment_count,
                      const char **field,
                      GError     **error)
{
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (session));
  g_autofree char *new_name = stripped_or_null (name);
  g_autofree char *host = stripped_or_null (host_facility);
  g_autofree char *opened = stripped_or_null (opening_date);
  g_autofree char *count_text = stripped_or_null (equipment_count);
  gint64 count = 0;
  char *end = NULL;

  if (field != NULL)
    *field = NULL;
  if (!yk_session_require_coordinator (session, error))
    return FALSE;
  if (new_name == NULL)
    return invalid (field, "name", error, _("A site needs a name"));
  if (!valid_date (opened))
    return invalid (field, "opening_date", error, _("Write dates as YYYY-MM-DD, such as 2021-10-01"));
  if (count_text != NULL)
    count = g_ascii_strtoll (count_text, &end, 10);
  if (count_text != NULL && (!g_ascii_isdigit (*count_text) || *end != '\0' || count > 100000))
    return invalid (field, "equipment_count", error, _("The equipment count is a whole number, 0 or more"));
  if (!yk_db_begin (db, error))
    return FALSE;
  if (!yk_db_site_set_names (db, site_id, new_name, host, error) ||
      !yk_db_site_set_details (db, site_id, opened, (int) count, error) ||
      !yk_session_audit (session, "site_update", "sites", site_id, NULL, error))
    {
      yk_db_rollback (db);
      return FALSE;
    }
  return yk_db_commit (db, error);
}
