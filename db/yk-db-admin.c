/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-admin.h"
#include "yk-db-error.h"
#include "yk-db-statements.h"

#include <glib/gi18n.h>

static char *
text_at (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

gboolean
yk_db_setting_set (sqlite3    *db,
                   const char *key,
                   const char *value,
                   GError    **error)
{
  const char *doing = _("Changing a setting");
  sqlite3_stmt *stmt = yk_db_statement (db, "UPDATE settings SET value = ? WHERE key = ?", doing, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, value, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, key, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  yk_db_statement_release (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), doing);
      return FALSE;
    }
  if (sqlite3_changes (db) != 1)
    {
      g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_FAILED, _("There is no such setting"));
      return FALSE;
    }
  return TRUE;
}

void
yk_audit_row_free (YkAuditRow *row)
{
  if (row == NULL)
    return;
  g_free (row->at);
  g_free (row->account);
  g_free (row->action);
  g_free (row->record_table);
  g_free (row->detail);
  g_free (row);
}

GPtrArray *
yk_db_audit_list (sqlite3    *db,
                  const char *account,
                  const char *record_table,
                  gint64      record_id,
                  const char *from_at,
                  const char *to_at,
                  guint       limit,
                  GError    **error)
{
  const char *doing = _("Reading the audit trail");
  sqlite3_stmt *stmt = yk_db_statement (db,
    "SELECT id, at, account, action, record_table, record_id, detail FROM audit "
    "WHERE (?1 IS NULL OR account = ?1) AND (?2 IS NULL OR record_table = ?2) "
    "AND (?3 = 0 OR record_id = ?3) AND (?4 IS NULL OR at >= ?4) "
    "AND (?5 IS NULL OR at < ?5) ORDER BY id DESC LIMIT ?6",
    doing, error);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_audit_row_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, record_table, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, record_id);
  sqlite3_bind_text (stmt, 4, from_at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, to_at, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 6, limit);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkAuditRow *row = g_new0 (YkAuditRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->at = text_at (stmt, 1);
      row->account = text_at (stmt, 2);
      row->action = text_at (stmt, 3);
      row->record_table = text_at (stmt, 4);
      row->record_id = sqlite3_column_int64 (stmt, 5);
      row->detail = text_at (stmt, 6);
      g_ptr_array_add (rows, row);
    }
  yk_db_statement_release (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, rc, doing);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

void
yk_audit_subject_free (YkAuditSubject *subject)
{
  if (subject == NULL)
    return;
  g_free (subject->person);
  g_free (subject->code);
  g_free (subject->kind);
  g_free (subject->date);
  g_free (subject);
}

/* Each query selects id, site_id, person, code, kind, date of the rows
 * whose id is in the JSON array ?1: one statement for a thousand entries
 * instead of a thousand lookups. */
#define IN_IDS " IN (SELECT value FROM json_each (?1))"
static const struct
{
  const char *table;
  const char *sql;
} subject_queries[] = {
  { "clients", "SELECT id, site_id, case_no, NULL, NULL, NULL FROM clients WHERE id" IN_IDS },
  { "contacts", "SELECT t.id, c.site_id, c.case_no, NULL, t.type, t.contact_date "
                "FROM contacts t JOIN clients c ON c.id = t.client_id WHERE t.id" IN_IDS },
  { "assessments", "SELECT t.id, c.site_id, c.case_no, NULL, NULL, t.a_date "
                   "FROM assessments t JOIN clients c ON c.id = t.client_id WHERE t.id" IN_IDS },
  { "referrals", "SELECT t.id, c.site_id, c.case_no, NULL, NULL, t.referral_date "
                 "FROM referrals t JOIN clients c ON c.id = t.client_id WHERE t.id" IN_IDS },
  { "plan_goals", "SELECT t.id, c.site_id, c.case_no, NULL, NULL, NULL "
                  "FROM plan_goals t JOIN clients c ON c.id = t.client_id WHERE t.id" IN_IDS },
  { "family_members", "SELECT t.id, c.site_id, c.case_no, t.family_no, NULL, NULL "
                      "FROM family_members t JOIN clients c ON c.id = t.client_id WHERE t.id" IN_IDS },
  { "activities", "SELECT id, site_id, NULL, activity_no, NULL, activity_date FROM activities WHERE id" IN_IDS },
  { "attendances", "SELECT t.id, a.site_id, COALESCE (c.case_no, f.family_no), a.activity_no, NULL, a.activity_date "
                   "FROM attendances t JOIN activities a ON a.id = t.activity_id "
                   "LEFT JOIN clients c ON c.id = t.client_id LEFT JOIN family_members f ON f.id = t.family_id "
                   "WHERE t.id" IN_IDS },
  { "questionnaires", "SELECT t.id, t.site_id, COALESCE (c.case_no, f.family_no), NULL, NULL, t.q_date "
                      "FROM questionnaires t LEFT JOIN clients c ON c.id = t.client_id "
                      "LEFT JOIN family_members f ON f.id = t.family_id WHERE t.id" IN_IDS },
  { "attachments", "SELECT t.id, COALESCE (c.site_id, v.site_id), c.case_no, v.activity_no, t.kind, "
                   "substr (t.created_at, 1, 10) FROM attachments t LEFT JOIN clients c ON c.id = t.client_id "
                   "LEFT JOIN activities v ON v.id = t.activity_id WHERE t.id" IN_IDS },
  { "staff", "SELECT id, site_id, NULL, account, NULL, NULL FROM staff WHERE account IS NOT NULL AND id" IN_IDS },
  { "sites", "SELECT id, id, NULL, code, NULL, NULL FROM sites WHERE id" IN_IDS },
};

GHashTable *
yk_db_audit_subjects (sqlite3    *db,
                      const char *table,
                      GArray     *ids,
                      GError    **error)
{
  const char *doing = _("Reading the audit trail");
  g_autoptr (GHashTable) subjects = g_hash_table_new_full (g_int64_hash, g_int64_equal, NULL,
                                                           (GDestroyNotify) yk_audit_subject_free);
  g_autoptr (GString) json = g_string_new ("[");
  const char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (subject_queries); i++)
    if (g_strcmp0 (subject_queries[i].table, table) == 0)
      sql = subject_queries[i].sql;
  if (sql == NULL || ids->len == 0)
    return g_steal_pointer (&subjects);
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (json, "%s%" G_GINT64_FORMAT, i > 0 ? "," : "", g_array_index (ids, gint64, i));
  g_string_append_c (json, ']');
  stmt = yk_db_statement (db, sql, doing, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, json->str, (int) json->len, SQLITE_STATIC);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkAuditSubject *subject = g_new0 (YkAuditSubject, 1);

      subject->id = sqlite3_column_int64 (stmt, 0);
      subject->site_id = sqlite3_column_int64 (stmt, 1);
      subject->person = text_at (stmt, 2);
      subject->code = text_at (stmt, 3);
      subject->kind = text_at (stmt, 4);
      subject->date = text_at (stmt, 5);
      g_hash_table_replace (subjects, &subject->id, subject);
    }
  yk_db_statement_release (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, rc, doing);
      return NULL;
    }
  return g_steal_pointer (&subjects);
}

void
yk_site_details_free (YkSiteDetails *site)
{
  if (site == NULL)
    return;
  g_free (site->code);
  g_free (site->name);
  g_free (site->host_facility);
  g_free (site->opening_date);
  g_free (site);
}

GPtrArray *
yk_db_site_details_list (sqlite3 *db,
                         GError **error)
{
  const char *doing = _("Reading the sites");
  sqlite3_stmt *stmt = yk_db_statement (db,
    "SELECT id, code, name, host_facility, opening_date, equipment_count FROM sites ORDER BY code",
    doing, error);
  g_autoptr (GPtrArray) sites = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_site_details_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkSiteDetails *site = g_new0 (YkSiteDetails, 1);

      site->id = sqlite3_column_int64 (stmt, 0);
      site->code = text_at (stmt, 1);
      site->name = text_at (stmt, 2);
      site->host_facility = text_at (stmt, 3);
      site->opening_date = text_at (stmt, 4);
      site->equipment_count = sqlite3_column_int (stmt, 5);
      g_ptr_array_add (sites, site);
    }
  yk_db_statement_release (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, rc, doing);
      return NULL;
    }
  return g_steal_pointer (&sites);
}

gboolean
yk_db_site_set_names (sqlite3    *db,
                      gint64      id,
                      const char *name,
                      const char *host_facility,
                      GError    **error)
{
  const char *doing = _("Changing a site");
  sqlite3_stmt *stmt = yk_db_statement (db, "UPDATE sites SET name = ?, host_facility = ? WHERE id = ?", doing, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, host_facility, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, id);
  rc = sqlite3_step (stmt);
  yk_db_statement_release (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), doing);
      return FALSE;
    }
  return TRUE;
}
