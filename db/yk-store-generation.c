/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-store-private.h"

#include <glib/gi18n.h>

/* The header's generation is also kept inside the encrypted data
 * (settings key "header_generation"), so an older header put back in
 * place is noticed (docs/design/file-format.md, "Header generation").
 *
 * Crash ordering: a header edit writes both copies first and raises the
 * record in the same transaction, which commits after them. A crash in
 * between leaves a header newer than the record, never older: a header
 * at or above the record is accepted (and the record raised), only one
 * below it is refused. */
#define GENERATION_KEY "header_generation"

/* Files that do not have their schema yet (a database being created,
 * the store's own tests) have no record to keep. */
static gboolean
has_settings (sqlite3 *db,
              GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = 'settings'",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, rc, _("Reading the header generation"));
      return FALSE;
    }
  return rc == SQLITE_ROW;
}

/* A counter kept in `settings` (this file's header generation, the
 * snapshot generation of yk-store-snapshot.c); 0 when there is none. */
gboolean
_yk_store_read_counter (sqlite3    *db,
                        const char *key,
                        guint64    *value,
                        const char *doing,
                        GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  *value = 0;
  rc = sqlite3_prepare_v2 (db, "SELECT CAST(value AS INTEGER) FROM settings WHERE key = ?1", -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_bind_text (stmt, 1, key, -1, SQLITE_STATIC);
  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *value = (guint64) MAX (sqlite3_column_int64 (stmt, 0), 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, rc, doing);
      return FALSE;
    }
  return TRUE;
}

/* Raises the record to `generation` (never lowers it). Joins the
 * caller's transaction if there is one. */
gboolean
_yk_store_record_generation (sqlite3 *db,
                             guint64  generation,
                             GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (!has_settings (db, NULL))
    return TRUE;
  rc = sqlite3_prepare_v2 (db,
                           "INSERT INTO settings (key, value) VALUES ('" GENERATION_KEY "', ?1) "
                           "ON CONFLICT (key) DO UPDATE SET value = excluded.value "
                           "WHERE CAST(settings.value AS INTEGER) < CAST(excluded.value AS INTEGER)",
                           -1, &stmt, NULL);
  if (rc == SQLITE_OK)
    {
      sqlite3_bind_int64 (stmt, 1, (sqlite3_int64) generation);
      rc = sqlite3_step (stmt);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, rc, _("Recording the header generation"));
      return FALSE;
    }
  return TRUE;
}

/* At unlock, before anything is written: a header older than the data's
 * record of it was put back (an old header area, or one from an older
 * backup), and may hold slots since removed. Refused. A snapshot (not
 * `may_write`) is checked the same way but its record never raised. */
gboolean
_yk_store_check_generation (sqlite3 *db,
                            guint64  header_generation,
                            gboolean may_write,
                            GError **error)
{
  g_autoptr (GError) local_error = NULL;
  guint64 recorded = 0;

  if (!has_settings (db, &local_error))
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  if (!_yk_store_read_counter (db, GENERATION_KEY, &recorded, _("Reading the header generation"), error))
    return FALSE;
  if (header_generation < recorded)
    {
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                   _("The file’s key header is older than its data: an earlier copy of the header "
                     "was put back. The database is not opened; restore it from a backup."));
      g_debug ("header generation %" G_GUINT64_FORMAT " below the recorded %" G_GUINT64_FORMAT,
               header_generation, recorded);
      return FALSE;
    }
  /* Newer: a crash after the header was written, or a file from before
   * the record existed. Not raising it only weakens the check. */
  if (may_write && header_generation > recorded &&
      !_yk_store_record_generation (db, header_generation, &local_error))
    g_debug ("could not record the header generation: %s", local_error->message);
  return TRUE;
}
