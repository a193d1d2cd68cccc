/* SPDX-License-Identifier: GPL-3.0-or-later */
/* docs/design/security.md promise 5: the audit trail cannot be edited without
 * detection. And the schema migrates, once, in one transaction. */
#include "db-test-util.h"
#include "yk-audit.h"
#include "yk-crypto-error.h"
#include "yk-header-private.h"
#include "yk-key-slot.h"
#include "yk-keys.h"
#include "yk-schema.h"
#include "yk-secret.h"

#include <sodium.h>
#include <string.h>

typedef struct
{
  char *dir;
  YkStore *store;
  sqlite3 *db;
  YkSecret *key;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = NULL;

  f->dir = test_make_dir ();
  path = g_build_filename (f->dir, "audit.ykdb", NULL);
  f->store = test_create_store (path, NULL);
  f->db = yk_store_get_connection (f->store);
  f->key = yk_store_derive_audit_key (f->store);
  g_assert_true (yk_schema_migrate (f->db, &error));
  g_assert_no_error (error);
  for (int i = 1; i <= 5; i++)
    {
      g_autofree char *detail = g_strdup_printf ("entry %d", i);
      g_assert_true (yk_audit_append (f->db, f->key, NULL, "wang", i == 3 ? "void" : "open_case", "clients", i,
                                      i == 2 ? NULL : detail, &error));
      g_assert_no_error (error);
    }
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  yk_secret_free (f->key);
  yk_store_close (f->store);
  test_remove_dir (f->dir);
  g_free (f->dir);
}

static YkAuditCheck
verify (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  YkAuditCheck check;

  g_assert_true (yk_audit_verify (f->db, f->key, yk_store_get_database_id (f->store), NULL, &check, &error));
  g_assert_no_error (error);
  return check;
}

/* What someone with a copy of the key and sqlite3 could do: the trigger
 * stops ordinary UPDATE/DELETE, so they drop it first. */
static void
tamper (Fixture *f, const char *sql)
{
  test_exec (f->db, "DROP TRIGGER audit_no_update; DROP TRIGGER audit_no_delete;");
  test_exec (f->db, sql);
}

static void
test_intact_chain (Fixture *f, gconstpointer data)
{
  YkAuditCheck check = verify (f);

  g_assert_cmpuint (check.rows, ==, 5);
  g_assert_cmpint (check.first_bad_id, ==, 0);
}

static void
test_append_only (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (sqlite3_exec (f->db, "UPDATE audit SET detail = 'x' WHERE id = 2", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (f->db, "DELETE FROM audit WHERE id = 2", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (verify (f).first_bad_id, ==, 0);
}

static void
test_edited_row (Fixture *f, gconstpointer data)
{
  YkAuditCheck check;

  tamper (f, "UPDATE audit SET account = 'li' WHERE id = 3");
  check = verify (f);
  g_assert_cmpint (check.first_bad_id, ==, 3);
  g_assert_cmpuint (check.rows, ==, 2);
}

static void
test_edited_null_field (Fixture *f, gconstpointer data)
{
  /* NULL and "" must not hash alike. */
  tamper (f, "UPDATE audit SET detail = '' WHERE id = 2");
  g_assert_cmpint (verify (f).first_bad_id, ==, 2);
}

static void
test_deleted_row (Fixture *f, gconstpointer data)
{
  tamper (f, "DELETE FROM audit WHERE id = 2");
  g_assert_cmpint (verify (f).first_bad_id, ==, 3);
}

static void
test_inserted_row (Fixture *f, gconstpointer data)
{
  tamper (f, "INSERT INTO audit (id, at, account, action, mac) "
             "SELECT 10, at, account, action, mac FROM audit WHERE id = 5");
  g_assert_cmpint (verify (f).first_bad_id, ==, 10);
}

static void
test_forged_with_other_key (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSecret) stranger = yk_keys_new_database_key ();

  g_assert_true (yk_audit_append (f->db, stranger, NULL, "mallory", "open_case", "clients", 1, NULL, &error));
  g_assert_cmpint (verify (f).first_bad_id, ==, 6);
}

static void
test_append_joins_rolled_back_transaction (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  test_exec (f->db, "BEGIN IMMEDIATE");
  g_assert_true (yk_audit_append (f->db, f->key, NULL, "wang", "insert", "contacts", 9, NULL, &error));
  test_exec (f->db, "ROLLBACK");
  g_assert_cmpuint (verify (f).rows, ==, 5);
}

/* --- key rotation --- */

static void
test_rekey_signs_chain_anew (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSecret) new_key = yk_keys_new_database_key ();
  g_autofree char *trigger = test_query_text (f->db, "SELECT sql FROM sqlite_schema WHERE name = 'audit_no_update'");
  YkAuditCheck check;

  g_assert_true (yk_audit_rekey (f->db, f->key, new_key, &error));
  g_assert_no_error (error);
  /* The new key verifies every row; the old one fails at the first. */
  g_assert_true (yk_audit_verify (f->db, new_key, yk_store_get_database_id (f->store), NULL, &check, &error));
  g_assert_cmpuint (check.rows, ==, 5);
  g_assert_cmpint (check.first_bad_id, ==, 0);
  g_assert_cmpint (verify (f).first_bad_id, ==, 1);
  /* Appending under the new key goes on from the re-signed chain. */
  g_assert_true (yk_audit_append (f->db, new_key, NULL, "wang", "open_case", "clients", 1, NULL, &error));
  g_assert_true (yk_audit_verify (f->db, new_key, yk_store_get_database_id (f->store), NULL, &check, &error));
  g_assert_cmpuint (check.rows, ==, 6);
  g_assert_cmpint (check.first_bad_id, ==, 0);
  /* The trail is append-only again, with the very same trigger. */
  test_assert_query_text (f->db, "SELECT sql FROM sqlite_schema WHERE name = 'audit_no_update'", trigger);
  g_assert_cmpint (sqlite3_exec (f->db, "UPDATE audit SET detail = 'x' WHERE id = 2", NULL, NULL, NULL), !=, SQLITE_OK);
}

static void
test_rekey_refuses_broken_chain (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSecret) new_key = yk_keys_new_database_key ();
  g_autofree char *mac_before = NULL;

  test_exec (f->db, "DROP TRIGGER audit_no_update");
  test_exec (f->db, "UPDATE audit SET account = 'li' WHERE id = 4");
  mac_before = test_query_text (f->db, "SELECT hex(group_concat(hex(mac))) FROM audit");

  g_assert_false (yk_audit_rekey (f->db, f->key, new_key, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "4"));
  /* Nothing was re-signed: the old chain still shows where it broke. */
  test_assert_query_text (f->db, "SELECT hex(group_concat(hex(mac))) FROM audit", mac_before);
  g_assert_cmpint (verify (f).first_bad_id, ==, 4);
}


/* --- the head, and signatures (docs/design/security.md, "Audit trail") --- */

static YkAuditHead
read_head (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  YkAuditHead head;

  g_assert_true (yk_audit_read_head (f->db, &head, &error));
  g_assert_no_error (error);
  return head;
}

static YkAuditCheck
verify_expecting (Fixture *f, const YkAuditHead *expected)
{
  g_autoptr (GError) error = NULL;
  YkAuditCheck check;

  g_assert_true (yk_audit_verify (f->db, f->key, yk_store_get_database_id (f->store), expected, &check, &error));
  g_assert_no_error (error);
  return check;
}

static void
test_head_format (void)
{
  YkAuditHead head = { 1234, { 0x3f, 0x9a, 0x0c, 0x1b, 0x2d, 0x4e, 0x5f, 0x60 } };
  g_autofree char *text = yk_audit_head_format (&head);
  const char *bad[] = { "", "1234", "1234:", ":3f9a0c1b2d4e5f60", "0:3f9a0c1b2d4e5f60", "-1:3f9a0c1b2d4e5f60",
                        "12a:3f9a0c1b2d4e5f60", "1234:3f9a0c1b2d4e5f6", "1234:3f9a0c1b2d4e5f600",
                        "1234:3f9a0c1b2d4e5f6g", " 1234:3f9a0c1b2d4e5f60", "99999999999999999999:3f9a0c1b2d4e5f60" };
  YkAuditHead back;

  g_assert_cmpstr (text, ==, "1234:3f9a0c1b2d4e5f60");
  g_assert_true (yk_audit_head_parse ("1234:3F9A0C1B2D4E5F60", &back));
  g_assert_cmpint (back.id, ==, 1234);
  g_assert_cmpmem (back.hash, YK_AUDIT_HEAD_BYTES, head.hash, YK_AUDIT_HEAD_BYTES);
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    g_assert_false (yk_audit_head_parse (bad[i], &back));
}

/* The newest entries deleted (the triggers dropped first): what is left
 * is a chain that verifies, but not one that extends the head stated. */
static void
test_tail_cut (Fixture *f, gconstpointer data)
{
  YkAuditHead head = read_head (f);
  YkAuditCheck check;

  g_assert_cmpint (head.id, ==, 5);
  g_assert_cmpint (verify_expecting (f, &head).expected, ==, YK_AUDIT_HEAD_EXTENDED);
  tamper (f, "DELETE FROM audit WHERE id >= 4");
  check = verify_expecting (f, &head);
  g_assert_cmpint (check.first_bad_id, ==, 0);
  g_assert_cmpuint (check.rows, ==, 3);
  g_assert_cmpint (check.expected, ==, YK_AUDIT_HEAD_CUT);
  /* The head of what is left is entry 3, and the trail extends that. */
  g_assert_cmpint (check.head.id, ==, 3);
  g_assert_cmpint (verify_expecting (f, &check.head).expected, ==, YK_AUDIT_HEAD_EXTENDED);
}

/* An insider with the audit key writes the whole trail again with one
 * entry changed: every MAC is right, the stated head is not. */
static void
test_rewritten_with_key (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkAuditHead head = read_head (f);
  YkAuditCheck check;

  tamper (f, "DELETE FROM audit");
  for (int i = 1; i <= 5; i++)
    g_assert_true (yk_audit_append (f->db, f->key, NULL, "wang", "open_case", "clients", i,
                                    i == 3 ? "innocent" : NULL, &error));
  check = verify_expecting (f, &head);
  g_assert_cmpint (check.first_bad_id, ==, 0);
  g_assert_cmpuint (check.rows, ==, 5);
  g_assert_cmpint (check.expected, ==, YK_AUDIT_HEAD_REWRITTEN);
}

/* The head's hash does not depend on the audit key: a key rotation keeps
 * every head a report stated. */
static void
test_head_survives_rekey (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSecret) new_key = yk_keys_new_database_key ();
  YkAuditHead head = read_head (f);
  YkAuditCheck check;

  g_assert_true (yk_audit_rekey (f->db, f->key, new_key, &error));
  g_assert_true (yk_audit_verify (f->db, new_key, yk_store_get_database_id (f->store), &head, &check, &error));
  g_assert_cmpint (check.first_bad_id, ==, 0);
  g_assert_cmpint (check.expected, ==, YK_AUDIT_HEAD_EXTENDED);
}

static YkSecret *
new_signing_key (void)
{
  YkSecret *key = yk_secret_new (crypto_sign_SECRETKEYBYTES);
  guint8 public_key[crypto_sign_PUBLICKEYBYTES];

  crypto_sign_keypair (public_key, yk_secret_data (key));
  return key;
}

static void
register_signer (Fixture *f, const YkSecret *signing_key, const char *account)
{
  g_autoptr (GError) error = NULL;

  g_assert_true (yk_audit_register_signer (f->db, account, yk_signing_key_public (signing_key), &error));
  g_assert_no_error (error);
}

static void
append_signed (Fixture *f, const YkSecret *signing_key, const char *account, const char *action)
{
  g_autoptr (GError) error = NULL;
  YkAuditSigner signer = { yk_store_get_database_id (f->store), signing_key };

  g_assert_true (yk_audit_append (f->db, f->key, &signer, account, action, "clients", 1, NULL, &error));
  g_assert_no_error (error);
}

/* li, a social worker, writes an entry in wang's name: the MAC chain is
 * computed with the audit key as every account can, but the signature is
 * li's. verify names the entry; the five from before signatures are
 * counted as unsigned, not as failures. */
static void
test_signed_in_another_name (Fixture *f, gconstpointer data)
{
  g_autoptr (YkSecret) wang = new_signing_key ();
  g_autoptr (YkSecret) li = new_signing_key ();
  YkAuditCheck check;

  register_signer (f, wang, "wang");
  register_signer (f, li, "li");
  append_signed (f, wang, "wang", "open_case");
  append_signed (f, li, "li", "open_case");
  check = verify (f);
  g_assert_cmpint (check.first_bad_id, ==, 0);
  g_assert_cmpuint (check.signed_rows, ==, 2);
  g_assert_cmpuint (check.unsigned_rows, ==, 5);
  g_assert_cmpuint (check.n_bad_signatures, ==, 0);

  append_signed (f, li, "wang", "void");
  check = verify (f);
  g_assert_cmpint (check.first_bad_id, ==, 0);
  g_assert_cmpuint (check.rows, ==, 8);
  g_assert_cmpuint (check.n_bad_signatures, ==, 1);
  g_assert_cmpint (check.bad_signatures[0].id, ==, 8);
  g_assert_cmpstr (check.bad_signatures[0].account, ==, "wang");

  /* A signature swapped in from another entry breaks the stored chain. */
  tamper (f, "UPDATE audit SET signature = (SELECT signature FROM audit WHERE id = 7) WHERE id = 6");
  check = verify (f);
  g_assert_cmpint (check.first_bad_id, ==, 6); /* the stored chain hash no longer matches */
}

/* Signatures do not cover the MAC: a key rotation leaves them valid, and
 * a removed account's entries still check against the key on record. */
static void
test_signatures_survive_rekey (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSecret) wang = new_signing_key ();
  g_autoptr (YkSecret) new_key = yk_keys_new_database_key ();
  YkAuditCheck check;

  register_signer (f, wang, "wang");
  register_signer (f, wang, "wang");
  append_signed (f, wang, "wang", "open_case");
  append_signed (f, wang, "wang", "void");
  g_assert_cmpint (test_query_int (f->db, "SELECT count(*) FROM audit_signers WHERE account = 'wang'"), ==, 1);
  g_assert_cmpint (sqlite3_exec (f->db, "DELETE FROM audit_signers", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_true (yk_audit_rekey (f->db, f->key, new_key, &error));
  g_assert_true (yk_audit_verify (f->db, new_key, yk_store_get_database_id (f->store), NULL, &check, &error));
  g_assert_cmpint (check.first_bad_id, ==, 0);
  g_assert_cmpuint (check.signed_rows, ==, 2);
  g_assert_cmpuint (check.n_bad_signatures, ==, 0);
}

/* A file from before signatures (header version 1, no signing keys in
 * its slots) still opens, and its account's slot gets its key. */
static void
test_version_1_header_gets_signing_key (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "v1.ykdb", NULL);
  g_autofree guint8 *area = g_malloc (YK_HEADER_AREA_SIZE);
  g_autofree YkHeader *header = g_new0 (YkHeader, 2);
  YkHeaderCopies copies;
  YkStore *store = test_create_store (path, NULL);
  g_autoptr (GBytes) bytes = NULL;
  int index;
  FILE *file;

  /* Make it version 1: both copies, no signing keys, MAC as then. */
  bytes = test_read_file (path);
  memcpy (area, g_bytes_get_data (bytes, NULL), YK_HEADER_AREA_SIZE);
  g_assert_cmpuint (yk_header_read_area (area, YK_HEADER_AREA_SIZE, header, &copies, &error), ==, 2);
  g_assert_cmpuint (header->version, ==, YK_HEADER_VERSION);
  index = yk_header_find_account (header, TEST_ACCOUNT);
  g_assert_false (sodium_is_zero (header->slots[index].sign_public_key, 32));
  memset (header->slots[index].sign_public_key, 0, 32);
  yk_store_close (store);
  {
    /* The MAC needs the database key: take it from a fresh unlock. */
    g_autoptr (YkSecret) key = yk_key_slot_open_with_password (&header->slots[index], index, header->database_id,
                                                               TEST_PASSWORD, &error);
    g_assert_no_error (error);
    _yk_header_serialize_version (header, 1, key, area);
    memcpy (area + YK_HEADER_COPY_SIZE, area, YK_HEADER_COPY_SIZE);
  }
  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (area, 1, YK_HEADER_AREA_SIZE, file), ==, YK_HEADER_AREA_SIZE);
  fclose (file);
  g_assert_cmpuint (yk_header_read_area (area, YK_HEADER_AREA_SIZE, header, &copies, &error), ==, 2);
  g_assert_cmpuint (header->version, ==, 1);

  store = test_unlock (path);
  g_assert_nonnull (yk_store_get_signing_key (store));
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = test_read_file (path);
  memcpy (area, g_bytes_get_data (bytes, NULL), YK_HEADER_AREA_SIZE);
  g_assert_cmpuint (yk_header_read_area (area, YK_HEADER_AREA_SIZE, header, &copies, &error), ==, 2);
  g_assert_cmpuint (header->version, ==, YK_HEADER_VERSION);
  g_assert_cmpmem (header->slots[index].sign_public_key, 32,
                   yk_signing_key_public (yk_store_get_signing_key (store)), 32);
  yk_store_close (store);
  test_remove_dir (dir);
}

/* --- schema --- */

static void
test_schema_migrates_once (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (yk_schema_get_version (f->db), ==, YK_SCHEMA_VERSION);
  g_assert_cmpint (test_query_int (f->db, "SELECT count(*) FROM sqlite_schema WHERE name = 'contacts'"), ==, 1);
  test_assert_query_text (f->db, "SELECT value FROM settings WHERE key = 'followup_stable'", "3 months");
  /* Running it again changes nothing. */
  g_assert_true (yk_schema_migrate (f->db, &error));
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (f->db, "SELECT count(*) FROM audit"), ==, 5);
}

static void
test_schema_from_newer_version_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  test_exec (f->db, "PRAGMA user_version = 99");
  g_assert_false (yk_schema_migrate (f->db, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "newer"));
}

static void
test_schema_failed_migration_leaves_nothing (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "old.ykdb", NULL);
  YkStore *store = test_create_store (path, NULL);
  sqlite3 *db = yk_store_get_connection (store);

  /* A version-0 file that already has a table v1 wants to create: the
   * migration fails halfway, and must leave the file exactly as it was. */
  test_exec (db, "CREATE TABLE audit (x)");
  g_assert_false (yk_schema_migrate (db, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (yk_schema_get_version (db), ==, 0);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM sqlite_schema WHERE name = 'settings'"), ==, 0);
  yk_store_close (store);
  test_remove_dir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (yk_crypto_init (NULL));

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/db/audit/intact", test_intact_chain);
  ADD ("/db/audit/append-only", test_append_only);
  ADD ("/db/audit/edited", test_edited_row);
  ADD ("/db/audit/edited-null", test_edited_null_field);
  ADD ("/db/audit/deleted", test_deleted_row);
  ADD ("/db/audit/inserted", test_inserted_row);
  ADD ("/db/audit/forged", test_forged_with_other_key);
  ADD ("/db/audit/rolled-back", test_append_joins_rolled_back_transaction);
  ADD ("/db/audit/rekey", test_rekey_signs_chain_anew);
  ADD ("/db/audit/rekey-broken-refused", test_rekey_refuses_broken_chain);
  ADD ("/db/audit/tail-cut", test_tail_cut);
  ADD ("/db/audit/rewritten-with-key", test_rewritten_with_key);
  ADD ("/db/audit/head-survives-rekey", test_head_survives_rekey);
  ADD ("/db/audit/signed-in-another-name", test_signed_in_another_name);
  ADD ("/db/audit/signatures-survive-rekey", test_signatures_survive_rekey);
  ADD ("/db/schema/migrates-once", test_schema_migrates_once);
  ADD ("/db/schema/newer-refused", test_schema_from_newer_version_refused);
#undef ADD
  g_test_add_func ("/db/schema/failed-migration", test_schema_failed_migration_leaves_nothing);
  g_test_add_func ("/db/audit/head-format", test_head_format);
  g_test_add_func ("/db/audit/version-1-header-gets-signing-key", test_version_1_header_gets_signing_key);
  return g_test_run ();
}
