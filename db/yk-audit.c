/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-audit.h"
#include "yk-db-statements.h"
#include "yk-db-error.h"
#include "yk-secret.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#define MAC_SIZE 32

/* Each field length-prefixed, NULL distinct from empty, so no two rows
 * encode alike. */
static void
hash_text (crypto_generichash_state *state,
           const char               *text)
{
  guint32 length = text ? GUINT32_TO_LE ((guint32) strlen (text)) : G_MAXUINT32;

  crypto_generichash_update (state, (const guint8 *) &length, sizeof length);
  if (text != NULL)
    crypto_generichash_update (state, (const guint8 *) text, strlen (text));
}

static void
hash_int (crypto_generichash_state *state,
          gint64                    value,
          gboolean                  is_null)
{
  guint8 bytes[9];
  gint64 le = GINT64_TO_LE (value);

  bytes[0] = is_null ? 0 : 1;
  memcpy (bytes + 1, &le, 8);
  crypto_generichash_update (state, bytes, sizeof bytes);
}

typedef struct
{
  gint64 id;
  const char *at;
  const char *account;
  const char *action;
  const char *record_table;
  gint64 record_id; /* 0: none */
  const char *detail;
} YkAuditRow;

static void
compute_mac (const YkSecret   *key,
             const guint8      previous[MAC_SIZE],
             const YkAuditRow *row,
             guint8            mac[MAC_SIZE])
{
  crypto_generichash_state state;

  crypto_generichash_init (&state, yk_secret_peek (key), yk_secret_len (key), MAC_SIZE);
  crypto_generichash_update (&state, previous, MAC_SIZE);
  hash_int (&state, row->id, FALSE);
  hash_text (&state, row->at);
  hash_text (&state, row->account);
  hash_text (&state, row->action);
  hash_text (&state, row->record_table);
  hash_int (&state, row->record_id, row->record_id <= 0);
  hash_text (&state, row->detail);
  crypto_generichash_final (&state, mac, MAC_SIZE);
}

static gboolean
fail (GError **error, sqlite3 *db, const char *doing)
{
  yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), doing);
  return FALSE;
}

static char *
now_utc (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

/* Runs in a savepoint, so it joins the caller's transaction when there is
 * one: the record and its audit row are written together or not at all. */
gboolean
yk_audit_append (sqlite3        *db,
                 const YkSecret *audit_key,
                 const char     *account,
                 const char     *action,
                 const char     *record_table,
                 gint64          record_id,
                 const char     *detail,
                 GError        **error)
{
  g_autofree char *at = now_utc ();
  YkAuditRow row = { 0, at, account, action, record_table, MAX (record_id, 0), detail };
  guint8 previous[MAC_SIZE] = { 0 };
  guint8 mac[MAC_SIZE];
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_exec (db, "SAVEPOINT audit_append", NULL, NULL, NULL) != SQLITE_OK)
    return fail (error, db, _("Writing the audit trail"));

  stmt = yk_db_statement (db, "SELECT id, mac FROM audit ORDER BY id DESC LIMIT 1", NULL, NULL);
  if (stmt == NULL)
    goto out;
  row.id = 1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      row.id = sqlite3_column_int64 (stmt, 0) + 1;
      if (sqlite3_column_bytes (stmt, 1) == MAC_SIZE)
        memcpy (previous, sqlite3_column_blob (stmt, 1), MAC_SIZE);
    }
  yk_db_statement_release (stmt);
  compute_mac (audit_key, previous, &row, mac);

  stmt = yk_db_statement (db, "INSERT INTO audit (id, at, account, action, record_table, record_id, detail, mac) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", NULL, NULL);
  if (stmt == NULL)
    goto out;
  sqlite3_bind_int64 (stmt, 1, row.id);
  sqlite3_bind_text (stmt, 2, at, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 3, account, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 4, action, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, record_table, -1, SQLITE_STATIC);
  if (row.record_id > 0)
    sqlite3_bind_int64 (stmt, 6, row.record_id);
  sqlite3_bind_text (stmt, 7, detail, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 8, mac, MAC_SIZE, SQLITE_STATIC);
  ok = sqlite3_step (stmt) == SQLITE_DONE;

out:
  yk_db_statement_release (stmt);
  if (!ok)
    {
      fail (error, db, _("Writing the audit trail"));
      sqlite3_exec (db, "ROLLBACK TO audit_append; RELEASE audit_append", NULL, NULL, NULL);
      return FALSE;
    }
  return sqlite3_exec (db, "RELEASE audit_append", NULL, NULL, NULL) == SQLITE_OK ||
         fail (error, db, _("Writing the audit trail"));
}

/* Walks the chain in id order under `key`; stops at the first row whose
 * MAC does not match. With `resign_key`, also computes each verified row's
 * MAC under that key, chained the same way, into `resigned` (YkResigned). */
typedef struct
{
  gint64 id;
  guint8 mac[MAC_SIZE];
} YkResigned;

static gboolean
walk_chain (sqlite3        *db,
            const YkSecret *key,
            const YkSecret *resign_key,
            GArray         *resigned,
            YkAuditCheck   *check,
            GError        **error)
{
  guint8 previous[MAC_SIZE] = { 0 };
  guint8 resigned_previous[MAC_SIZE] = { 0 };
  guint8 mac[MAC_SIZE];
  sqlite3_stmt *stmt = NULL;
  int rc;

  memset (check, 0, sizeof *check);
  if (sqlite3_prepare_v2 (db, "SELECT id, at, account, action, record_table, record_id, detail, mac "
                              "FROM audit ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    return fail (error, db, _("Checking the audit trail"));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkAuditRow row = {
        sqlite3_column_int64 (stmt, 0),
        (const char *) sqlite3_column_text (stmt, 1),
        (const char *) sqlite3_column_text (stmt, 2),
        (const char *) sqlite3_column_text (stmt, 3),
        (const char *) sqlite3_column_text (stmt, 4),
        sqlite3_column_int64 (stmt, 5),
        (const char *) sqlite3_column_text (stmt, 6),
      };

      compute_mac (key, previous, &row, mac);
      if (sqlite3_column_bytes (stmt, 7) != MAC_SIZE ||
          sodium_memcmp (mac, sqlite3_column_blob (stmt, 7), MAC_SIZE) != 0)
        {
          check->first_bad_id = row.id;
          break;
        }
      memcpy (previous, mac, MAC_SIZE);
      check->rows++;
      if (resign_key != NULL)
        {
          YkResigned entry = { row.id, { 0 } };

          compute_mac (resign_key, resigned_previous, &row, entry.mac);
          memcpy (resigned_previous, entry.mac, MAC_SIZE);
          g_array_append_val (resigned, entry);
        }
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fail (error, db, _("Checking the audit trail"));
  return TRUE;
}

gboolean
yk_audit_verify (sqlite3        *db,
                 const YkSecret *audit_key,
                 YkAuditCheck   *check,
                 GError        **error)
{
  return walk_chain (db, audit_key, NULL, NULL, check, error);
}

static char *
schema_sql (sqlite3    *db,
            const char *type,
            const char *name)
{
  sqlite3_stmt *stmt = NULL;
  char *sql = NULL;

  if (sqlite3_prepare_v2 (db, "SELECT sql FROM sqlite_schema WHERE type = ? AND name = ?", -1, &stmt,
                          NULL) != SQLITE_OK)
    return NULL;
  sqlite3_bind_text (stmt, 1, type, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    sql = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return sql;
}

static gboolean
write_resigned (sqlite3 *db,
                GArray  *resigned)
{
  sqlite3_stmt *stmt = NULL;
  gboolean ok = TRUE;

  if (sqlite3_prepare_v2 (db, "UPDATE audit SET mac = ? WHERE id = ?", -1, &stmt, NULL) != SQLITE_OK)
    return FALSE;
  for (guint i = 0; ok && i < resigned->len; i++)
    {
      YkResigned *entry = &g_array_index (resigned, YkResigned, i);

      sqlite3_bind_blob (stmt, 1, entry->mac, MAC_SIZE, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, entry->id);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  return ok;
}

/* The append-only trigger is lifted for the rewrite and put back from
 * its own stored text, all in one transaction, so the copy's schema ends
 * exactly as it began. */
gboolean
yk_audit_rekey (sqlite3        *db,
                const YkSecret *old_key,
                const YkSecret *new_key,
                GError        **error)
{
  g_autofree char *table = schema_sql (db, "table", "audit");
  g_autofree char *no_update = schema_sql (db, "trigger", "audit_no_update");
  g_autoptr (GArray) resigned = g_array_new (FALSE, FALSE, sizeof (YkResigned));
  YkAuditCheck check;
  gboolean ok;

  if (table == NULL)
    return TRUE; /* a store without an application schema */
  if (sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL) != SQLITE_OK)
    return fail (error, db, _("Signing the audit trail with the new key"));
  if (!walk_chain (db, old_key, new_key, resigned, &check, error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  if (check.first_bad_id != 0)
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                   _("The audit trail fails its check at entry %lld, so the key was not changed: "
                     "a new key would sign the altered entries as genuine"),
                   (long long) check.first_bad_id);
      return FALSE;
    }
  ok = (no_update == NULL || sqlite3_exec (db, "DROP TRIGGER audit_no_update", NULL, NULL, NULL) == SQLITE_OK) &&
       write_resigned (db, resigned) &&
       (no_update == NULL || sqlite3_exec (db, no_update, NULL, NULL, NULL) == SQLITE_OK);
  if (!ok)
    {
      fail (error, db, _("Signing the audit trail with the new key"));
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK ||
         fail (error, db, _("Signing the audit trail with the new key"));
}
