/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-store-private.h"
#include "yk-db-split.h"
#include "yk-key-slot.h"
#include "yk-keys.h"
#include "yk-schema.h"
#include "yk-secret.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

/* yukang split (docs/design/district.md, "Splitting one file into site
 * files"): a new database per site, made of the source's rows as they
 * are (ids unchanged) and of its key slots as they are (no password, no
 * key derivation). Nothing is ever written to the source: it is read
 * through an ATTACH of the new file's connection, inside a read
 * transaction the source's own connection holds. */

/* What the source's records are copied by, parents before children:
 * each filter keeps the rows of the site row already copied, and the new
 * file's triggers, which count a record by its person's and site's rows,
 * find those already there. */
/* An attendance (training_attendees' staff_id) this site's file keeps:
 * one of its site's staff, or a coordinator's when the site is the
 * source's first. */
#define TRAINING_ATTENDEE_HERE                                                                              \
  "(staff_id IN (SELECT id FROM src.staff WHERE site_id = (SELECT id FROM main.sites)) OR "                 \
  "((SELECT id FROM main.sites) = (SELECT min (id) FROM src.sites) AND "                                    \
  "staff_id IN (SELECT id FROM src.staff WHERE role = 'coordinator' AND site_id IS NULL)))"

static const struct
{
  const char *table;
  const char *filter;
} record_tables[] = {
  { "clients", "site_id IN (SELECT id FROM main.sites)" },
  { "family_members", "client_id IN (SELECT id FROM main.clients)" },
  { "contacts", "client_id IN (SELECT id FROM main.clients)" },
  { "activities", "site_id IN (SELECT id FROM main.sites)" },
  { "attendances", "activity_id IN (SELECT id FROM main.activities)" },
  { "questionnaires", "site_id IN (SELECT id FROM main.sites)" },
  { "assessments", "client_id IN (SELECT id FROM main.clients)" },
  { "plan_goals", "client_id IN (SELECT id FROM main.clients)" },
  { "referrals", "client_id IN (SELECT id FROM main.clients)" },
  { "consents", "client_id IN (SELECT id FROM main.clients)" },
  { "attachments", "client_id IN (SELECT id FROM main.clients) OR activity_id IN (SELECT id FROM main.activities)" },
  { "attachment_chunks", "attachment_id IN (SELECT id FROM main.attachments)" },
  /* Training (docs/design/training.md, "Splitting"): a session goes to
   * each site file with one of its attendees, carrying only the
   * attendances that file's staff rows hold. Coordinators are in every
   * file; their attendance goes with the first site's file only, so that
   * the district's merged files count it once. */
  { "training_sessions", "id IN (SELECT session_id FROM src.training_attendees WHERE " TRAINING_ATTENDEE_HERE ")" },
  { "training_attendees", "session_id IN (SELECT id FROM main.training_sessions) AND " TRAINING_ATTENDEE_HERE },
};

/* Tables copied otherwise (settings, sites, staff), made by the new
 * file's triggers (the running totals), or the file's own (its trail). */
static const char *const other_tables[] = {
  "settings", "sites", "staff", "figures_by_day", "served_months", "served_months_recount", "audit",
  "audit_signers",
};

/* Counters of the file itself, never another file's. */
#define OWN_SETTINGS "'header_generation', 'snapshot_generation'"

static gboolean
exec (sqlite3    *db,
      const char *sql,
      GError    **error)
{
  return _yk_store_exec (db, sql, _("Splitting the database"), error);
}

static gboolean
set_sqlite_error (GError **error,
                  sqlite3 *db,
                  int      rc)
{
  yk_db_set_sqlite_error (error, db, rc, _("Splitting the database"));
  return FALSE;
}

/* The first column of every row, as text. */
static char **
column_texts (sqlite3     *db,
              const char  *sql,
              const char  *parameter,
              GError     **error)
{
  g_autoptr (GPtrArray) texts = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK && parameter != NULL)
    sqlite3_bind_text (stmt, 1, parameter, -1, SQLITE_STATIC);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      g_ptr_array_add (texts, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_sqlite_error (error, db, rc);
      return NULL;
    }
  g_ptr_array_add (texts, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&texts), FALSE);
}

static gboolean
query_count (sqlite3    *db,
             const char *sql,
             guint64    *count,
             GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    *count = (guint64) MAX (sqlite3_column_int64 (stmt, 0), 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    return set_sqlite_error (error, db, rc);
  return TRUE;
}

gboolean
yk_db_split_begin_source (sqlite3 *source,
                          GError **error)
{
  if (!sqlite3_get_autocommit (source))
    {
      g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_BUSY,
                           _("A database is split between changes, not during one"));
      return FALSE;
    }
  /* The SELECT takes the shared lock now, not at the first copy. */
  if (!exec (source, "BEGIN; SELECT count(*) FROM sqlite_schema;", error))
    {
      sqlite3_exec (source, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

void
yk_db_split_end_source (sqlite3 *source)
{
  /* Nothing was written: ending a read transaction writes nothing. */
  sqlite3_exec (source, "COMMIT", NULL, NULL, NULL);
}

/* As a snapshot is named: the code is the file's name. */
static gboolean
code_names_a_file (const char *code)
{
  if (code == NULL || *code == '\0')
    return FALSE;
  for (const char *p = code; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

char **
yk_db_split_site_codes (sqlite3 *source,
                        GError **error)
{
  g_auto (GStrv) codes = column_texts (source, "SELECT code FROM sites ORDER BY id", NULL, error);

  if (codes == NULL)
    return NULL;
  for (guint i = 0; codes[i] != NULL; i++)
    if (!code_names_a_file (codes[i]))
      {
        g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                     _("The site code “%1$s” cannot name a site file (letters, digits, - and _ only)"), codes[i]);
        return NULL;
      }
  if (codes[0] == NULL)
    {
      g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                           _("The database has no site to split it by"));
      return NULL;
    }
  return g_steal_pointer (&codes);
}

char **
yk_db_split_accounts (sqlite3    *source,
                      const char *code,
                      GError    **error)
{
  return column_texts (source,
                       "SELECT account FROM staff WHERE account IS NOT NULL AND "
                       "(role = 'coordinator' OR site_id = (SELECT id FROM sites WHERE code = ?1)) ORDER BY id",
                       code, error);
}

gboolean
yk_db_split_attach (sqlite3    *db,
                    const char *source_path,
                    GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "ATTACH ?1 AS src", -1, &stmt, NULL);

  /* The connection's own VFS opens it, with the key the source's store
   * registered for its path. */
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_text (stmt, 1, source_path, -1, SQLITE_STATIC);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, db, rc);
  return TRUE;
}

void
yk_db_split_detach (sqlite3 *db)
{
  sqlite3_exec (db, "DETACH src", NULL, NULL, NULL);
}

gboolean
yk_db_split_begin (sqlite3 *db,
                   GError **error)
{
  return exec (db, "BEGIN", error);
}

gboolean
yk_db_split_commit (sqlite3 *db,
                    GError **error)
{
  if (exec (db, "COMMIT", error))
    return TRUE;
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
  return FALSE;
}

void
yk_db_split_rollback (sqlite3 *db)
{
  sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
}

/* "a", "b", …: the new file's columns of `table`, named, so that the copy
 * never depends on the order in which migrations added them. */
static char *
column_list (sqlite3    *db,
             const char *table,
             GError    **error)
{
  g_autofree char *sql = g_strdup_printf ("SELECT '\"' || name || '\"' FROM pragma_table_info ('%s', 'main')",
                                          table);
  g_auto (GStrv) names = column_texts (db, sql, NULL, error);

  if (names == NULL)
    return NULL;
  return g_strjoinv (", ", names);
}

static gboolean
copy_rows (sqlite3    *db,
           const char *table,
           const char *filter,
           const char *code,
           guint64    *copied,
           GError    **error)
{
  g_autofree char *columns = column_list (db, table, error);
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (columns == NULL)
    return FALSE;
  sql = g_strdup_printf ("INSERT INTO main.%1$s (%2$s) SELECT %2$s FROM src.%1$s WHERE %3$s ORDER BY rowid", table,
                         columns, filter);
  rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);
  if (rc == SQLITE_OK && sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    return set_sqlite_error (error, db, rc);
  if (copied != NULL)
    *copied = (guint64) sqlite3_changes64 (db);
  return TRUE;
}

/* A table this version does not know how to split would be left out
 * without a word: refused instead. */
static gboolean
check_tables_known (sqlite3 *db,
                    GError **error)
{
  g_auto (GStrv) tables = column_texts (db,
                                        "SELECT name FROM main.sqlite_schema WHERE type = 'table' AND "
                                        "name NOT LIKE 'sqlite_%' ORDER BY name",
                                        NULL, error);

  if (tables == NULL)
    return FALSE;
  for (guint i = 0; tables[i] != NULL; i++)
    {
      gboolean known = g_strv_contains (other_tables, tables[i]);

      for (guint k = 0; !known && k < G_N_ELEMENTS (record_tables); k++)
        known = g_str_equal (record_tables[k].table, tables[i]);
      if (!known)
        {
          g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                       _("This version of Yukang does not know how to split the table “%1$s”"), tables[i]);
          return FALSE;
        }
    }
  return TRUE;
}

/* The staff rows the copied records name that did not come with the
 * site: whoever a record names stays named, as a former member of this
 * site's staff (inactive, no account, so no key and no sign-in here),
 * never with another site's row, which would make the file look as if it
 * held that site too. Every column declared REFERENCES staff counts. */
static gboolean
copy_other_staff (sqlite3 *db,
                  guint64 *copied,
                  GError **error)
{
  g_auto (GStrv) references = column_texts (db,
                                            "SELECT 'SELECT \"' || f.\"from\" || '\" FROM main.\"' || m.name || '\"' "
                                            "FROM main.sqlite_schema m, pragma_foreign_key_list (m.name, 'main') f "
                                            "WHERE m.type = 'table' AND f.\"table\" = 'staff' ORDER BY m.name, f.id",
                                            NULL, error);
  g_autofree char *named = NULL;
  g_autofree char *sql = NULL;

  if (references == NULL)
    return FALSE;
  named = g_strjoinv (" UNION ", references);
  sql = g_strdup_printf ("INSERT INTO main.staff (id, display_name, site_id, role, account, active) "
                         "SELECT id, display_name, (SELECT id FROM main.sites), 'worker', NULL, 0 FROM src.staff "
                         "WHERE id IN (%s) AND id NOT IN (SELECT id FROM main.staff) ORDER BY id",
                         named);
  if (!exec (db, sql, error))
    return FALSE;
  *copied = (guint64) sqlite3_changes64 (db);
  return TRUE;
}

/* Attendances and questionnaires of this site naming someone whose
 * record is another site's: the file cannot hold them. */
static gboolean
check_people_of_other_sites (sqlite3    *db,
                             const char *code,
                             GError    **error)
{
  guint64 attendances = 0, questionnaires = 0;

  if (!query_count (db,
                    "SELECT count(*) FROM main.attendances WHERE "
                    "client_id NOT IN (SELECT id FROM main.clients) OR "
                    "family_id NOT IN (SELECT id FROM main.family_members)",
                    &attendances, error) ||
      !query_count (db,
                    "SELECT count(*) FROM main.questionnaires WHERE "
                    "client_id NOT IN (SELECT id FROM main.clients) OR "
                    "family_id NOT IN (SELECT id FROM main.family_members)",
                    &questionnaires, error))
    return FALSE;
  if (attendances + questionnaires == 0)
    return TRUE;
  g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
               _("Site %1$s’s activities and questionnaires name people whose records are another site’s "
                 "(attendances: %2$llu, questionnaires: %3$llu): a site file cannot hold another site’s people, "
                 "so the database is not split"),
               code, (unsigned long long) attendances, (unsigned long long) questionnaires);
  return FALSE;
}

gboolean
yk_db_split_copy (sqlite3       *db,
                  const char    *code,
                  YkSplitCounts *counts,
                  GError       **error)
{
  guint64 sites = 0;

  memset (counts, 0, sizeof *counts);
  /* Staff that the records name are added after them: the references
   * are checked at the commit. */
  if (!check_tables_known (db, error) || !exec (db, "PRAGMA defer_foreign_keys = ON", error) ||
      !exec (db,
             "INSERT OR REPLACE INTO main.settings (key, value) SELECT key, value FROM src.settings "
             "WHERE key NOT IN (" OWN_SETTINGS ")",
             error) ||
      !copy_rows (db, "sites", "code = ?1", code, &sites, error))
    return FALSE;
  if (sites != 1)
    {
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED, _("The database has no site %1$s"), code);
      return FALSE;
    }
  if (!copy_rows (db, "staff", "role = 'coordinator' OR site_id IN (SELECT id FROM main.sites)", code, NULL, error))
    return FALSE;
  for (guint i = 0; i < G_N_ELEMENTS (record_tables); i++)
    {
      guint64 copied = 0;

      if (!copy_rows (db, record_tables[i].table, record_tables[i].filter, code, &copied, error))
        return FALSE;
      counts->records += copied;
      if (i == 0)
        counts->service_users = copied;
    }
  return check_people_of_other_sites (db, code, error) && copy_other_staff (db, &counts->other_staff, error);
}

/* The slots of `accounts` as the source's header has them (an account
 * without a slot there, a staff row whose key was removed, gets none
 * here either), in the source's slot order. */
static gboolean
copy_slots (YkHeader           *header,
            const YkHeader     *source,
            const char *const  *accounts,
            const YkSecret     *database_key,
            guint              *copied,
            GError            **error)
{
  guint next = 0;

  *copied = 0;
  for (guint i = 0; i < YK_HEADER_MAX_SLOTS; i++)
    {
      if (source->slots[i].kind != YK_SLOT_ACCOUNT || !g_strv_contains (accounts, source->slots[i].name))
        continue;
      if (!yk_key_slot_copy (&header->slots[next], &source->slots[i], i, source->database_id, database_key, error))
        return FALSE;
      next++;
    }
  *copied = next;
  return TRUE;
}

YkStore *
yk_store_create_split (const char         *path,
                       YkStore            *source,
                       const char *const  *accounts,
                       guint              *copied,
                       char              **recovery_key,
                       GError            **error)
{
  g_autofree char *full_path = NULL;
  g_autofree guint8 *area = g_malloc0 (YK_HEADER_AREA_SIZE);
  g_autofree YkHeader *header = g_new0 (YkHeader, 1);
  g_autofree YkHeader *current = g_new0 (YkHeader, 1);
  YkHeaderCopies copies;
  YkSecret *database_key;

  g_return_val_if_fail (path != NULL && source != NULL && accounts != NULL && recovery_key != NULL, NULL);

  if (_yk_store_refuse_merged (source, error))
    return NULL;
  if (source->identity == NULL || !g_strv_contains (accounts, source->identity->account))
    {
      g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                           _("A database is split by a coordinator with their own password, not the recovery key"));
      return NULL;
    }
  if (!_yk_store_prepare_create (path, &full_path, error) || !_yk_store_read_area (source->db, area, error) ||
      !_yk_store_pick_header (area, YK_HEADER_AREA_SIZE, source->database_key, current, &copies, error))
    return NULL;
  database_key = yk_keys_new_database_key ();
  yk_header_init (header);
  if (!copy_slots (header, current, accounts, database_key, copied, error))
    {
      yk_secret_free (database_key);
      return NULL;
    }
  return _yk_store_create_file (full_path, header, database_key, yk_identity_copy (source->identity), recovery_key,
                                error);
}
