/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-statements.h"
#include "yk-db-error.h"

/* Connection → (SQL text → statement). A connection is used by one
 * thread at a time, but the window opens others in worker threads, so
 * the registry itself is locked. */
static GMutex lock;
static GHashTable *connections;

static void
statements_free (GHashTable *statements)
{
  GHashTableIter iter;
  gpointer stmt;

  g_hash_table_iter_init (&iter, statements);
  while (g_hash_table_iter_next (&iter, NULL, &stmt))
    sqlite3_finalize (stmt);
  g_hash_table_unref (statements);
}

sqlite3_stmt *
yk_db_statement (sqlite3     *db,
                 const char  *sql,
                 const char  *doing,
                 GError     **error)
{
  GHashTable *statements;
  sqlite3_stmt *stmt;

  g_mutex_lock (&lock);
  if (connections == NULL)
    connections = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) statements_free);
  statements = g_hash_table_lookup (connections, db);
  if (statements == NULL)
    {
      statements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_hash_table_insert (connections, db, statements);
    }
  stmt = g_hash_table_lookup (statements, sql);
  g_mutex_unlock (&lock);

  if (stmt != NULL)
    {
      /* A caller that returned early may have left it mid-step. */
      sqlite3_reset (stmt);
      sqlite3_clear_bindings (stmt);
      return stmt;
    }
  if (sqlite3_prepare_v3 (db, sql, -1, SQLITE_PREPARE_PERSISTENT, &stmt, NULL) != SQLITE_OK)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), doing);
      return NULL;
    }
  g_mutex_lock (&lock);
  g_hash_table_insert (statements, g_strdup (sql), stmt);
  g_mutex_unlock (&lock);
  return stmt;
}

void
yk_db_statement_release (sqlite3_stmt *stmt)
{
  if (stmt == NULL)
    return;
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
}

void
yk_db_statements_forget (sqlite3 *db)
{
  g_mutex_lock (&lock);
  if (connections != NULL)
    g_hash_table_remove (connections, db);
  g_mutex_unlock (&lock);
}
