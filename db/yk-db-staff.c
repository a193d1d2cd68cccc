/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-staff.h"
#include "yk-db-error.h"
#include "yk-db-statements.h"

#include <glib/gi18n.h>

#define STAFF_COLUMNS \
  "staff.id, staff.display_name, staff.site_id, sites.code, staff.role, staff.account, staff.active "

void
yk_staff_row_free (YkStaffRow *row)
{
  if (row == NULL)
    return;
  g_free (row->display_name);
  g_free (row->site_code);
  g_free (row->role);
  g_free (row->account);
  g_free (row);
}

static YkStaffRow *
staff_row_from (sqlite3_stmt *stmt)
{
  YkStaffRow *row = g_new0 (YkStaffRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->display_name = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
  row->site_id = sqlite3_column_int64 (stmt, 2);
  row->site_code = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
  row->role = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
  row->account = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
  row->active = sqlite3_column_int (stmt, 6) != 0;
  return row;
}

static gboolean
step_done (sqlite3      *db,
           sqlite3_stmt *stmt,
           const char   *doing,
           GError      **error)
{
  int rc = sqlite3_step (stmt);

  yk_db_statement_release (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), doing);
      return FALSE;
    }
  return TRUE;
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql,
         const char *doing,
         GError    **error)
{
  return yk_db_statement (db, sql, doing, error);
}

gboolean
yk_db_site_insert (sqlite3    *db,
                   const char *code,
                   const char *name,
                   const char *street,
                   const char *host_facility,
                   gint64     *id,
                   GError    **error)
{
  sqlite3_stmt *stmt = prepare (db, "INSERT INTO sites (code, name, street, host_facility) VALUES (?, ?, ?, ?)",
                                _("Adding a site"), error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, code, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, street, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, host_facility, -1, SQLITE_STATIC);
  if (!step_done (db, stmt, _("Adding a site"), error))
    return FALSE;
  if (id)
    *id = sqlite3_last_insert_rowid (db);
  return TRUE;
}

/* Returns 0 with no error when there is no such site. */
gint64
yk_db_site_find (sqlite3    *db,
                 const char *code_or_name,
                 GError    **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT id FROM sites WHERE code = ?1 COLLATE NOCASE OR name = ?1",
                                _("Looking up a site"), error);
  gint64 id = 0;
  int rc;

  if (stmt == NULL)
    return 0;
  sqlite3_bind_text (stmt, 1, code_or_name, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    id = sqlite3_column_int64 (stmt, 0);
  else if (rc != SQLITE_DONE)
    yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Looking up a site"));
  yk_db_statement_release (stmt);
  return id;
}

gboolean
yk_db_site_set_details (sqlite3    *db,
                        gint64      id,
                        const char *opening_date,
                        int         equipment_count,
                        GError    **error)
{
  sqlite3_stmt *stmt = prepare (db, "UPDATE sites SET opening_date = ?, equipment_count = ? WHERE id = ?",
                                _("Changing a site"), error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, opening_date, -1, SQLITE_STATIC);
  sqlite3_bind_int (stmt, 2, equipment_count);
  sqlite3_bind_int64 (stmt, 3, id);
  return step_done (db, stmt, _("Changing a site"), error);
}

gboolean
yk_db_staff_insert (sqlite3    *db,
                    const char *display_name,
                    gint64      site_id,
                    const char *role,
                    const char *account,
                    gint64     *id,
                    GError    **error)
{
  sqlite3_stmt *stmt = prepare (db, "INSERT INTO staff (display_name, site_id, role, account) VALUES (?, ?, ?, ?)",
                                _("Adding a staff member"), error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, display_name, -1, SQLITE_STATIC);
  if (site_id > 0)
    sqlite3_bind_int64 (stmt, 2, site_id);
  sqlite3_bind_text (stmt, 3, role, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, account, -1, SQLITE_STATIC);
  if (!step_done (db, stmt, _("Adding a staff member"), error))
    return FALSE;
  if (id)
    *id = sqlite3_last_insert_rowid (db);
  return TRUE;
}

/* Returns NULL with no error when no staff member has this account. */
YkStaffRow *
yk_db_staff_find_account (sqlite3    *db,
                          const char *account,
                          GError    **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT " STAFF_COLUMNS "FROM staff LEFT JOIN sites ON sites.id = staff.site_id "
                                    "WHERE staff.account = ?", _("Looking up an account"), error);
  YkStaffRow *row = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    row = staff_row_from (stmt);
  else if (rc != SQLITE_DONE)
    yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Looking up an account"));
  yk_db_statement_release (stmt);
  return row;
}

/* The staff member stays (their records point at them); the login goes. */
gboolean
yk_db_staff_release_account (sqlite3    *db,
                             const char *account,
                             GError    **error)
{
  sqlite3_stmt *stmt = prepare (db, "UPDATE staff SET account = NULL, active = 0 WHERE account = ?",
                                _("Removing an account"), error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
  return step_done (db, stmt, _("Removing an account"), error);
}

gboolean
yk_db_staff_set_role (sqlite3    *db,
                      gint64      staff_id,
                      const char *role,
                      gint64      site_id,
                      GError    **error)
{
  sqlite3_stmt *stmt = prepare (db, "UPDATE staff SET role = ?, site_id = ? WHERE id = ?",
                                _("Changing an account’s role"), error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, role, -1, SQLITE_STATIC);
  if (site_id > 0)
    sqlite3_bind_int64 (stmt, 2, site_id);
  sqlite3_bind_int64 (stmt, 3, staff_id);
  return step_done (db, stmt, _("Changing an account’s role"), error);
}

GPtrArray *
yk_db_staff_list_accounts (sqlite3 *db,
                           GError **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT " STAFF_COLUMNS "FROM staff LEFT JOIN sites ON sites.id = staff.site_id "
                                    "WHERE staff.account IS NOT NULL ORDER BY staff.account",
                                _("Listing accounts"), error);
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_staff_row_free);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, staff_row_from (stmt));
  yk_db_statement_release (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Listing accounts"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

/* Write transactions take the write lock up front (IMMEDIATE), so a
 * busy database is reported at the start, not halfway through. They
 * nest: inside another (an import, the demo), a change is a savepoint,
 * so one bad record rolls back alone and the whole still commits once. */
static GMutex depth_lock;
static GHashTable *depths; /* sqlite3 * → nesting depth */

static int
change_depth (sqlite3 *db,
              int      delta)
{
  int depth;

  g_mutex_lock (&depth_lock);
  if (depths == NULL)
    depths = g_hash_table_new (NULL, NULL);
  depth = GPOINTER_TO_INT (g_hash_table_lookup (depths, db));
  if (delta < 0 && depth == 0)
    delta = 0;
  depth += delta;
  if (depth == 0)
    g_hash_table_remove (depths, db);
  else
    g_hash_table_insert (depths, db, GINT_TO_POINTER (depth));
  g_mutex_unlock (&depth_lock);
  return depth;
}

gboolean
yk_db_begin (sqlite3 *db,
             GError **error)
{
  int depth = change_depth (db, +1);
  g_autofree char *sql = depth == 1 ? g_strdup ("BEGIN IMMEDIATE") : g_strdup_printf ("SAVEPOINT yk_%d", depth);

  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Starting a change"));
      change_depth (db, -1);
      return FALSE;
    }
  return TRUE;
}

gboolean
yk_db_commit (sqlite3 *db,
              GError **error)
{
  int depth = change_depth (db, -1);
  g_autofree char *sql = depth == 0 ? g_strdup ("COMMIT") : g_strdup_printf ("RELEASE yk_%d", depth + 1);

  if (sqlite3_exec (db, sql, NULL, NULL, NULL) != SQLITE_OK)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Saving"));
      if (depth == 0)
        sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

void
yk_db_rollback (sqlite3 *db)
{
  int depth = change_depth (db, -1);
  g_autofree char *sql = depth == 0 ? g_strdup ("ROLLBACK")
                                    : g_strdup_printf ("ROLLBACK TO yk_%d; RELEASE yk_%d", depth + 1, depth + 1);

  if (!sqlite3_get_autocommit (db))
    sqlite3_exec (db, sql, NULL, NULL, NULL);
}

/* A closed connection's address may be reused by the next one. */
void
yk_db_forget (sqlite3 *db)
{
  g_mutex_lock (&depth_lock);
  if (depths != NULL)
    g_hash_table_remove (depths, db);
  g_mutex_unlock (&depth_lock);
  yk_db_statements_forget (db);
}
