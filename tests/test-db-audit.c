/* SPDX-License-Identifier: GPL-3.0-or-later */
/* docs/design/security.md promise 5: the audit trail cannot be edited without
 * detection. And the schema migrates, once, in one transaction. */
#include "db-test-util.h"
#include "yk-audit.h"
#include "yk-crypto-error.h"
#include "yk-keys.h"
#include "yk-schema.h"
#include "yk-secret.h"

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
      g_assert_true (yk_audit_append (f->db, f->key, "wang", i == 3 ? "void" : "open_case", "clients", i,
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

  g_assert_true (yk_audit_verify (f->db, f->key, &check, &error));
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

  g_assert_true (yk_audit_append (f->db, stranger, "mallory", "open_case", "clients", 1, NULL, &error));
  g_assert_cmpint (verify (f).first_bad_id, ==, 6);
}

static void
test_append_joins_rolled_back_transaction (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  test_exec (f->db, "BEGIN IMMEDIATE");
  g_assert_true (yk_audit_append (f->db, f->key, "wang", "insert", "contacts", 9, NULL, &error));
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
  g_assert_true (yk_audit_verify (f->db, new_key, &check, &error));
  g_assert_cmpuint (check.rows, ==, 5);
  g_assert_cmpint (check.first_bad_id, ==, 0);
  g_assert_cmpint (verify (f).first_bad_id, ==, 1);
  /* Appending under the new key goes on from the re-signed chain. */
  g_assert_true (yk_audit_append (f->db, new_key, "wang", "open_case", "clients", 1, NULL, &error));
  g_assert_true (yk_audit_verify (f->db, new_key, &check, &error));
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
  ADD ("/db/schema/migrates-once", test_schema_migrates_once);
  ADD ("/db/schema/newer-refused", test_schema_from_newer_version_refused);
#undef ADD
  g_test_add_func ("/db/schema/failed-migration", test_schema_failed_migration_leaves_nothing);
  return g_test_run ();
}
