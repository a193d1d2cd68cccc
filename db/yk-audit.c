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

gboolean
yk_audit_verify (sqlite3        *db,
                 const YkSecret *audit_key,
                 YkAuditCheck   *check,
                 GError        **error)
{
  guint8 previous[MAC_SIZE] = { 0 };
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

      compute_mac (audit_key, previous, &row, mac);
      if (sqlite3_column_bytes (stmt, 7) != MAC_SIZE ||
          sodium_memcmp (mac, sqlite3_column_blob (stmt, 7), MAC_SIZE) != 0)
        {
          check->first_bad_id = sqlite3_column_int64 (stmt, 0);
          break;
        }
      memcpy (previous, mac, MAC_SIZE);
      check->rows++;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fail (error, db, _("Checking the audit trail"));
  return TRUE;
}
