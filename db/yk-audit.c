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

/* An entry's fields, each length-prefixed (NULL distinct from empty): the
 * same encoding for the MAC, the signed digest and the head's chain. */
static void
hash_fields (crypto_generichash_state *state,
             const YkAuditRow         *row)
{
  hash_int (state, row->id, FALSE);
  hash_text (state, row->at);
  hash_text (state, row->account);
  hash_text (state, row->action);
  hash_text (state, row->record_table);
  hash_int (state, row->record_id, row->record_id <= 0);
  hash_text (state, row->detail);
}

static void
compute_mac (const YkSecret   *key,
             const guint8      previous[MAC_SIZE],
             const YkAuditRow *row,
             guint8            mac[MAC_SIZE])
{
  crypto_generichash_state state;

  crypto_generichash_init (&state, yk_secret_peek (key), yk_secret_len (key), MAC_SIZE);
  crypto_generichash_update (&state, previous, MAC_SIZE);
  hash_fields (&state, row);
  crypto_generichash_final (&state, mac, MAC_SIZE);
}

/* What an account signs: the entry's fields, encoded as for the MAC, and
 * the database's id, so a signed entry cannot be carried into another
 * file. Not the MAC: a key rotation re-MACs the trail and every
 * signature stays valid. */
#define SIGN_CONTEXT "yukang audit entry"

static void
compute_signed_digest (const guint8     *database_id,
                       const YkAuditRow *row,
                       guint8            digest[crypto_generichash_BYTES_MAX])
{
  crypto_generichash_state state;

  crypto_generichash_init (&state, NULL, 0, crypto_generichash_BYTES_MAX);
  crypto_generichash_update (&state, (const guint8 *) SIGN_CONTEXT, sizeof SIGN_CONTEXT);
  crypto_generichash_update (&state, database_id, YK_DATABASE_ID_SIZE);
  hash_fields (&state, row);
  crypto_generichash_final (&state, digest, crypto_generichash_BYTES_MAX);
}

/* The head's chain: unkeyed, so it survives a key rotation and anyone
 * holding the data recomputes it; it covers the signature, so one
 * stripped from an anchored entry shows. */
static void
compute_chain (const guint8      previous[YK_AUDIT_HASH_SIZE],
               const YkAuditRow *row,
               const guint8     *signature,
               gsize             signature_length,
               guint8            chain[YK_AUDIT_HASH_SIZE])
{
  crypto_generichash_state state;
  guint32 length = signature ? GUINT32_TO_LE ((guint32) signature_length) : G_MAXUINT32;

  crypto_generichash_init (&state, NULL, 0, YK_AUDIT_HASH_SIZE);
  crypto_generichash_update (&state, previous, YK_AUDIT_HASH_SIZE);
  hash_fields (&state, row);
  crypto_generichash_update (&state, (const guint8 *) &length, sizeof length);
  if (signature != NULL)
    crypto_generichash_update (&state, signature, signature_length);
  crypto_generichash_final (&state, chain, YK_AUDIT_HASH_SIZE);
}

static YkAuditRow
row_from (sqlite3_stmt *stmt)
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
  return row;
}

#define ROW_COLUMNS "id, at, account, action, record_table, record_id, detail"

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

/* The chain hash of entry `last_id`: stored since schema v4, computed
 * over the entries before that (each stored value taken as it is;
 * yk_audit_verify is what checks them). */
static gboolean
chain_through (sqlite3 *db,
               gint64   last_id,
               guint8   chain[YK_AUDIT_HASH_SIZE],
               GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  memset (chain, 0, YK_AUDIT_HASH_SIZE);
  if (sqlite3_prepare_v2 (db, "SELECT " ROW_COLUMNS ", signature, chain FROM audit WHERE id <= ? ORDER BY id",
                          -1, &stmt, NULL) != SQLITE_OK)
    return fail (error, db, _("Checking the audit trail"));
  sqlite3_bind_int64 (stmt, 1, last_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkAuditRow row = row_from (stmt);

      if (sqlite3_column_bytes (stmt, 8) == YK_AUDIT_HASH_SIZE)
        memcpy (chain, sqlite3_column_blob (stmt, 8), YK_AUDIT_HASH_SIZE);
      else
        compute_chain (chain, &row, sqlite3_column_blob (stmt, 7), (gsize) sqlite3_column_bytes (stmt, 7), chain);
    }
  sqlite3_finalize (stmt);
  return rc == SQLITE_DONE || fail (error, db, _("Checking the audit trail"));
}

char *
yk_audit_head_format (const YkAuditHead *head)
{
  char hex[2 * YK_AUDIT_HEAD_BYTES + 1];

  sodium_bin2hex (hex, sizeof hex, head->hash, YK_AUDIT_HEAD_BYTES);
  return g_strdup_printf ("%" G_GINT64_FORMAT ":%s", head->id, hex);
}

gboolean
yk_audit_head_parse (const char  *text,
                     YkAuditHead *head)
{
  const char *colon;
  guint64 id = 0;

  if (text == NULL || (colon = strchr (text, ':')) == NULL || colon == text || colon - text > 18 ||
      strlen (colon + 1) != 2 * YK_AUDIT_HEAD_BYTES)
    return FALSE;
  for (const char *p = text; p < colon; p++)
    {
      if (!g_ascii_isdigit (*p))
        return FALSE;
      id = id * 10 + (guint64) (*p - '0');
    }
  if (id == 0 || id > G_MAXINT64)
    return FALSE;
  for (guint i = 0; i < YK_AUDIT_HEAD_BYTES; i++)
    {
      int high = g_ascii_xdigit_value (colon[1 + 2 * i]);
      int low = g_ascii_xdigit_value (colon[2 + 2 * i]);

      if (high < 0 || low < 0)
        return FALSE;
      head->hash[i] = (guint8) (high << 4 | low);
    }
  head->id = (gint64) id;
  return TRUE;
}

gboolean
yk_audit_read_head (sqlite3     *db,
                    YkAuditHead *head,
                    GError     **error)
{
  guint8 chain[YK_AUDIT_HASH_SIZE];
  sqlite3_stmt *stmt = NULL;
  gboolean stored = FALSE;
  int rc;

  memset (head, 0, sizeof *head);
  stmt = yk_db_statement (db, "SELECT id, chain FROM audit ORDER BY id DESC LIMIT 1", NULL, NULL);
  if (stmt == NULL)
    return fail (error, db, _("Checking the audit trail"));
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      head->id = sqlite3_column_int64 (stmt, 0);
      stored = sqlite3_column_bytes (stmt, 1) == YK_AUDIT_HASH_SIZE;
      if (stored)
        memcpy (chain, sqlite3_column_blob (stmt, 1), YK_AUDIT_HASH_SIZE);
    }
  yk_db_statement_release (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    return fail (error, db, _("Checking the audit trail"));
  if (head->id == 0)
    return TRUE;
  if (!stored && !chain_through (db, head->id, chain, error))
    return FALSE;
  memcpy (head->hash, chain, YK_AUDIT_HEAD_BYTES);
  return TRUE;
}

/* Runs in a savepoint, so it joins the caller's transaction when there is
 * one: the record and its audit row are written together or not at all. */
gboolean
yk_audit_append (sqlite3             *db,
                 const YkSecret      *audit_key,
                 const YkAuditSigner *signer,
                 const char          *account,
                 const char          *action,
                 const char          *record_table,
                 gint64               record_id,
                 const char          *detail,
                 GError             **error)
{
  g_autofree char *at = now_utc ();
  YkAuditRow row = { 0, at, account, action, record_table, MAX (record_id, 0), detail };
  guint8 previous[MAC_SIZE] = { 0 };
  guint8 previous_chain[YK_AUDIT_HASH_SIZE] = { 0 };
  guint8 mac[MAC_SIZE];
  guint8 chain[YK_AUDIT_HASH_SIZE];
  guint8 signature[crypto_sign_BYTES];
  gboolean signing = signer != NULL && signer->signing_key != NULL;
  gboolean chain_stored = TRUE;
  sqlite3_stmt *stmt = NULL;
  gboolean ok = FALSE;

  if (sqlite3_exec (db, "SAVEPOINT audit_append", NULL, NULL, NULL) != SQLITE_OK)
    return fail (error, db, _("Writing the audit trail"));

  stmt = yk_db_statement (db, "SELECT id, mac, chain FROM audit ORDER BY id DESC LIMIT 1", NULL, NULL);
  if (stmt == NULL)
    goto out;
  row.id = 1;
  if (sqlite3_step (stmt) == SQLITE_ROW)
    {
      row.id = sqlite3_column_int64 (stmt, 0) + 1;
      if (sqlite3_column_bytes (stmt, 1) == MAC_SIZE)
        memcpy (previous, sqlite3_column_blob (stmt, 1), MAC_SIZE);
      chain_stored = sqlite3_column_bytes (stmt, 2) == YK_AUDIT_HASH_SIZE;
      if (chain_stored)
        memcpy (previous_chain, sqlite3_column_blob (stmt, 2), YK_AUDIT_HASH_SIZE);
    }
  yk_db_statement_release (stmt);
  stmt = NULL;
  /* The first entry after the upgrade to schema v4 walks the older ones once. */
  if (!chain_stored && !chain_through (db, row.id - 1, previous_chain, NULL))
    goto out;
  compute_mac (audit_key, previous, &row, mac);
  if (signing)
    {
      guint8 digest[crypto_generichash_BYTES_MAX];

      compute_signed_digest (signer->database_id, &row, digest);
      crypto_sign_detached (signature, NULL, digest, sizeof digest, yk_secret_peek (signer->signing_key));
    }
  compute_chain (previous_chain, &row, signing ? signature : NULL, sizeof signature, chain);

  stmt = yk_db_statement (db, "INSERT INTO audit (id, at, account, action, record_table, record_id, detail, mac, "
                              "signature, chain) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", NULL, NULL);
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
  if (signing)
    sqlite3_bind_blob (stmt, 9, signature, sizeof signature, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 10, chain, YK_AUDIT_HASH_SIZE, SQLITE_STATIC);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  yk_db_statement_release (stmt);
  stmt = NULL;

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

/* The signer's public key stays on record for as long as the trail, so
 * entries of an account removed since can still be checked. Only the
 * session registers, its own account's key from its own slot: an entry
 * signed with any other key under that name fails. */
gboolean
yk_audit_register_signer (sqlite3      *db,
                          const char   *account,
                          const guint8 *public_key,
                          GError      **error)
{
  sqlite3_stmt *stmt;
  gboolean ok;

  stmt = yk_db_statement (db, "INSERT OR IGNORE INTO audit_signers (account, public_key, first_id) "
                              "VALUES (?, ?, (SELECT coalesce (max (id), 0) + 1 FROM audit))", NULL, NULL);
  if (stmt == NULL)
    return fail (error, db, _("Writing the audit trail"));
  sqlite3_bind_text (stmt, 1, account, -1, SQLITE_STATIC);
  sqlite3_bind_blob (stmt, 2, public_key, crypto_sign_PUBLICKEYBYTES, SQLITE_STATIC);
  ok = sqlite3_step (stmt) == SQLITE_DONE;
  yk_db_statement_release (stmt);
  return ok || fail (error, db, _("Writing the audit trail"));
}

/* Each account's public keys, as GPtrArray of 32-byte GBytes. */
static GHashTable *
load_signers (sqlite3 *db,
              GError **error)
{
  GHashTable *signers = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                               (GDestroyNotify) g_ptr_array_unref);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT account, public_key FROM audit_signers", -1, &stmt, NULL) != SQLITE_OK)
    {
      fail (error, db, _("Checking the audit trail"));
      g_hash_table_unref (signers);
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *account = (const char *) sqlite3_column_text (stmt, 0);
      GPtrArray *keys;

      if (sqlite3_column_bytes (stmt, 1) != crypto_sign_PUBLICKEYBYTES || account == NULL)
        continue;
      keys = g_hash_table_lookup (signers, account);
      if (keys == NULL)
        {
          keys = g_ptr_array_new_with_free_func ((GDestroyNotify) g_bytes_unref);
          g_hash_table_insert (signers, g_strdup (account), keys);
        }
      g_ptr_array_add (keys, g_bytes_new (sqlite3_column_blob (stmt, 1), crypto_sign_PUBLICKEYBYTES));
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      fail (error, db, _("Checking the audit trail"));
      g_hash_table_unref (signers);
      return NULL;
    }
  return signers;
}

static gboolean
signature_valid (GHashTable       *signers,
                 const guint8     *database_id,
                 const YkAuditRow *row,
                 const guint8     *signature,
                 gsize             length)
{
  GPtrArray *keys = row->account ? g_hash_table_lookup (signers, row->account) : NULL;
  guint8 digest[crypto_generichash_BYTES_MAX];

  if (keys == NULL || length != crypto_sign_BYTES)
    return FALSE;
  compute_signed_digest (database_id, row, digest);
  for (guint i = 0; i < keys->len; i++)
    if (crypto_sign_verify_detached (signature, digest, sizeof digest,
                                     g_bytes_get_data (keys->pdata[i], NULL)) == 0)
      return TRUE;
  return FALSE;
}

static void
check_signature (YkAuditCheck     *check,
                 GHashTable       *signers,
                 const guint8     *database_id,
                 const YkAuditRow *row,
                 const guint8     *signature,
                 gsize             length)
{
  if (signature == NULL)
    check->unsigned_rows++;
  else if (signature_valid (signers, database_id, row, signature, length))
    check->signed_rows++;
  else
    {
      if (check->n_bad_signatures < YK_AUDIT_LISTED)
        {
          YkAuditBadSignature *bad = &check->bad_signatures[check->n_bad_signatures];

          bad->id = row->id;
          g_strlcpy (bad->account, row->account ? row->account : "", sizeof bad->account);
        }
      check->n_bad_signatures++;
    }
}

/* Walks the chain in id order under `key`; stops at the first row whose
 * MAC, or stored chain hash, does not match. With `database_id`, checks
 * each row's signature; with `expected`, whether that head is one of the
 * rows. With `resign_key`, also computes each verified row's MAC under
 * that key, chained the same way, into `resigned` (YkResigned). */
typedef struct
{
  gint64 id;
  guint8 mac[MAC_SIZE];
} YkResigned;

static gboolean
walk_chain (sqlite3           *db,
            const YkSecret    *key,
            const guint8      *database_id,
            const YkAuditHead *expected,
            const YkSecret    *resign_key,
            GArray            *resigned,
            YkAuditCheck      *check,
            GError           **error)
{
  g_autoptr (GHashTable) signers = NULL;
  guint8 previous[MAC_SIZE] = { 0 };
  guint8 resigned_previous[MAC_SIZE] = { 0 };
  guint8 chain[YK_AUDIT_HASH_SIZE] = { 0 };
  guint8 mac[MAC_SIZE];
  sqlite3_stmt *stmt = NULL;
  int rc;

  memset (check, 0, sizeof *check);
  if (database_id != NULL && (signers = load_signers (db, error)) == NULL)
    return FALSE;
  if (sqlite3_prepare_v2 (db, "SELECT " ROW_COLUMNS ", mac, signature, chain FROM audit ORDER BY id", -1, &stmt,
                          NULL) != SQLITE_OK)
    return fail (error, db, _("Checking the audit trail"));
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkAuditRow row = row_from (stmt);
      const guint8 *signature = sqlite3_column_blob (stmt, 8);
      gsize signature_length = (gsize) sqlite3_column_bytes (stmt, 8);

      compute_mac (key, previous, &row, mac);
      compute_chain (chain, &row, signature, signature_length, chain);
      if (sqlite3_column_bytes (stmt, 7) != MAC_SIZE ||
          sodium_memcmp (mac, sqlite3_column_blob (stmt, 7), MAC_SIZE) != 0 ||
          (sqlite3_column_type (stmt, 9) != SQLITE_NULL &&
           (sqlite3_column_bytes (stmt, 9) != YK_AUDIT_HASH_SIZE ||
            memcmp (chain, sqlite3_column_blob (stmt, 9), YK_AUDIT_HASH_SIZE) != 0)))
        {
          check->first_bad_id = row.id;
          break;
        }
      memcpy (previous, mac, MAC_SIZE);
      check->rows++;
      check->head.id = row.id;
      memcpy (check->head.hash, chain, YK_AUDIT_HEAD_BYTES);
      if (expected != NULL && row.id == expected->id)
        check->expected = memcmp (chain, expected->hash, YK_AUDIT_HEAD_BYTES) == 0 ? YK_AUDIT_HEAD_EXTENDED
                                                                                    : YK_AUDIT_HEAD_REWRITTEN;
      if (database_id != NULL)
        check_signature (check, signers, database_id, &row, signature, signature_length);
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
  /* Not found: past the end of an intact trail is a cut; anything else
   * (a gap, a chain broken before it) is a rewrite. */
  if (expected != NULL && check->expected == YK_AUDIT_HEAD_NOT_ASKED)
    check->expected = check->first_bad_id == 0 && expected->id > check->head.id ? YK_AUDIT_HEAD_CUT
                                                                               : YK_AUDIT_HEAD_REWRITTEN;
  return TRUE;
}

gboolean
yk_audit_verify (sqlite3           *db,
                 const YkSecret    *audit_key,
                 const guint8      *database_id,
                 const YkAuditHead *expected,
                 YkAuditCheck      *check,
                 GError           **error)
{
  g_return_val_if_fail (database_id != NULL, FALSE);
  return walk_chain (db, audit_key, database_id, expected, NULL, NULL, check, error);
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
  if (!walk_chain (db, old_key, NULL, NULL, new_key, resigned, &check, error))
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
