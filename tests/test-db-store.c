/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The promises of docs/design/security.md that a single process can check: mechanics
 * of the VFS, keys and accounts, no plaintext on disk. Tampering is in
 * test-db-tamper.c, crashes in test-db-crash.c. */
#include "db-test-util.h"
#include "yk-crypto-error.h"
#include "yk-header.h"
#include "yk-keys.h"
#include "yk-secret.h"
#include "yk-vfs.h"

#include <glib/gstdio.h>
#include <string.h>

#define MARKER_ASCII "YUKANG-PLAINTEXT-MARKER-7f3a"
#define MARKER_CHINESE "精神分裂症康复标记"

static char *temp_dir_for_sqlite; /* TMPDIR, which must stay empty */

typedef struct
{
  char *dir;
  char *path;
  char *recovery_key;
  YkStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = test_make_dir ();
  f->path = g_build_filename (f->dir, "case.ykdb", NULL);
  f->store = test_create_store (f->path, &f->recovery_key);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->store, yk_store_close);
  test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->recovery_key);
}

static void
fill_rows (sqlite3 *db, int rows)
{
  sqlite3_stmt *stmt = NULL;

  test_exec (db, "CREATE TABLE IF NOT EXISTS notes (id INTEGER PRIMARY KEY, body TEXT, sort_key INTEGER)");
  test_exec (db, "BEGIN");
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO notes (body, sort_key) VALUES (?, ?)", -1, &stmt, NULL), ==, SQLITE_OK);
  for (int i = 0; i < rows; i++)
    {
      g_autofree char *body = g_strdup_printf ("%s %s row %d", MARKER_ASCII, MARKER_CHINESE, i);
      sqlite3_bind_text (stmt, 1, body, -1, SQLITE_TRANSIENT);
      sqlite3_bind_int (stmt, 2, (i * 7919) % 100003);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  test_exec (db, "COMMIT");
}

static gboolean
dir_is_empty (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);

  return handle != NULL && g_dir_read_name (handle) == NULL;
}

/* --- Mechanics --- */

static void
test_new_database_shape (Fixture *f, gconstpointer data)
{
  sqlite3 *db = yk_store_get_connection (f->store);
  int reserve = -1;

  /* Before any table exists. */
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM sqlite_schema"), ==, 0);
  g_assert_cmpint (test_query_int (db, "PRAGMA page_size"), ==, 4096);
  sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  g_assert_cmpint (reserve, ==, 40);
  g_assert_cmpint (test_query_int (db, "PRAGMA temp_store"), ==, 2);
  g_assert_cmpint (test_query_int (db, "PRAGMA synchronous"), ==, 2);
  g_assert_cmpint (test_query_int (db, "PRAGMA foreign_keys"), ==, 1);
  test_assert_query_text (db, "PRAGMA journal_mode", "delete");

  /* And the same after closing and unlocking again: an empty database opens. */
  g_clear_pointer (&f->store, yk_store_close);
  f->store = test_unlock (f->path);
  db = yk_store_get_connection (f->store);
  reserve = -1;
  sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  g_assert_cmpint (reserve, ==, 40);
  g_assert_cmpint (test_query_int (db, "PRAGMA page_size"), ==, 4096);
}

static void
test_empty_and_foreign_files (Fixture *f, gconstpointer data)
{
  g_autofree char *empty = g_build_filename (f->dir, "empty.ykdb", NULL);
  g_autofree char *missing = g_build_filename (f->dir, "missing.ykdb", NULL);
  g_autoptr (GError) error = NULL;
  YkStore *store;

  g_assert_true (g_file_set_contents (empty, "", 0, NULL));
  store = yk_store_unlock (empty, TEST_ACCOUNT, TEST_PASSWORD, &error);
  g_assert_null (store);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);

  store = yk_store_unlock (missing, TEST_ACCOUNT, TEST_PASSWORD, &error);
  g_assert_null (store);
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_IO);
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
  g_clear_error (&error);

  /* create refuses an existing file and leaves it alone. */
  store = yk_store_create (f->path, "x", TEST_PASSWORD, YK_KDF_INTERACTIVE, &(char *){ NULL }, &error);
  g_assert_null (store);
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_EXISTS);
}

static void
test_page_size_change_refused (Fixture *f, gconstpointer data)
{
  sqlite3 *db = yk_store_get_connection (f->store);
  char *message = NULL;

  fill_rows (db, 200);
  g_assert_cmpint (sqlite3_exec (db, "PRAGMA page_size=8192; VACUUM;", NULL, NULL, &message), ==, SQLITE_ERROR);
  g_assert_nonnull (strstr (message, "refused"));
  sqlite3_free (message);

  g_clear_pointer (&f->store, yk_store_close);
  f->store = test_unlock (f->path);
  db = yk_store_get_connection (f->store);
  g_assert_cmpint (test_query_int (db, "PRAGMA page_size"), ==, 4096);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM notes"), ==, 200);
  test_assert_query_text (db, "PRAGMA integrity_check", "ok");
  /* A plain VACUUM at the same page size is fine. */
  test_exec (db, "VACUUM");
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM notes"), ==, 200);
}

static void
test_wal_and_other_modes_refused (Fixture *f, gconstpointer data)
{
  sqlite3 *db = yk_store_get_connection (f->store);
  const char *refused[] = { "PRAGMA journal_mode=WAL", "PRAGMA journal_mode=memory",
                            "PRAGMA journal_mode=off", "PRAGMA journal_mode=persist",
                            "PRAGMA temp_store=FILE", "PRAGMA temp_store=1",
                            "PRAGMA locking_mode=EXCLUSIVE", NULL };

  for (guint i = 0; refused[i]; i++)
    {
      char *message = NULL;

      g_assert_cmpint (sqlite3_exec (db, refused[i], NULL, NULL, &message), ==, SQLITE_ERROR);
      g_assert_nonnull (strstr (message, "refused"));
      sqlite3_free (message);
    }
  test_assert_query_text (db, "PRAGMA journal_mode", "delete");
  g_assert_cmpint (test_query_int (db, "PRAGMA temp_store"), ==, 2);
  test_exec (db, "PRAGMA journal_mode=TRUNCATE");
  test_exec (db, "PRAGMA journal_mode=DELETE");
}

static void
test_mmap_changes_nothing (Fixture *f, gconstpointer data)
{
  sqlite3 *db = yk_store_get_connection (f->store);
  g_autoptr (GBytes) file = NULL;

  test_exec (db, "PRAGMA mmap_size=268435456");
  g_assert_cmpint (test_query_int (db, "PRAGMA mmap_size"), ==, 0);
  fill_rows (db, 300);
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM notes WHERE body LIKE '%row 299'"), ==, 1);
  file = test_read_file (f->path);
  g_assert_false (test_bytes_contain (file, MARKER_ASCII));
}

static void
test_sub_page_reads (Fixture *f, gconstpointer data)
{
  sqlite3 *db = yk_store_get_connection (f->store);
  sqlite3_file *file = NULL;
  guint8 page[4096], head[100], counter[16];

  fill_rows (db, 50);
  g_assert_cmpint (sqlite3_file_control (db, "main", SQLITE_FCNTL_FILE_POINTER, &file), ==, SQLITE_OK);
  test_exec (db, "BEGIN; SELECT count(*) FROM notes;");
  g_assert_cmpint (file->pMethods->xRead (file, page, 4096, 0), ==, SQLITE_OK);
  g_assert_cmpint (file->pMethods->xRead (file, head, 100, 0), ==, SQLITE_OK);
  g_assert_cmpint (file->pMethods->xRead (file, counter, 16, 24), ==, SQLITE_OK);
  test_exec (db, "COMMIT");

  g_assert_cmpmem (page, 16, "SQLite format 3", 16);
  g_assert_cmpmem (head, 100, page, 100);
  g_assert_cmpmem (counter, 16, page + 24, 16);
}

static void
test_attach_and_vacuum_into_unkeyed_fail (Fixture *f, gconstpointer data)
{
  sqlite3 *db = yk_store_get_connection (f->store);
  g_autofree char *other = g_build_filename (f->dir, "plain.db", NULL);
  g_autofree char *attach = g_strdup_printf ("ATTACH '%s' AS other", other);
  g_autofree char *vacuum = g_strdup_printf ("VACUUM INTO '%s'", other);

  fill_rows (db, 10);
  g_assert_cmpint (sqlite3_exec (db, attach, NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (sqlite3_exec (db, vacuum, NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  /* The connection is still fine. */
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM notes"), ==, 10);
}

/* --- No plaintext --- */

static void
test_no_plaintext_in_file_or_journal (Fixture *f, gconstpointer data)
{
  sqlite3 *db = yk_store_get_connection (f->store);
  g_autofree char *journal = g_strconcat (f->path, "-journal", NULL);
  g_autoptr (GBytes) database_mid = NULL;
  g_autoptr (GBytes) journal_mid = NULL;
  g_autoptr (GBytes) database_after = NULL;

  fill_rows (db, 2000);
  /* A large transaction with a small cache: changed pages spill to the
   * database file and their originals sit in the journal. */
  test_exec (db, "PRAGMA cache_size=10");
  test_exec (db, "BEGIN");
  test_exec (db, "UPDATE notes SET body = body || ' " MARKER_ASCII " changed'");
  test_exec (db, "INSERT INTO notes (body, sort_key) SELECT body, sort_key FROM notes");

  g_assert_true (g_file_test (journal, G_FILE_TEST_EXISTS));
  journal_mid = test_read_file (journal);
  database_mid = test_read_file (f->path);
  g_assert_cmpuint (g_bytes_get_size (journal_mid), >, 30 * 4096); /* page images are there */
  test_exec (db, "COMMIT");
  database_after = test_read_file (f->path);

  g_assert_false (test_bytes_contain (journal_mid, MARKER_ASCII));
  g_assert_false (test_bytes_contain (journal_mid, MARKER_CHINESE));
  g_assert_false (test_bytes_contain (journal_mid, "SQLite format 3"));
  g_assert_false (test_bytes_contain (database_mid, MARKER_ASCII));
  g_assert_false (test_bytes_contain (database_mid, MARKER_CHINESE));
  g_assert_false (test_bytes_contain (database_after, MARKER_ASCII));
  g_assert_false (test_bytes_contain (database_after, MARKER_CHINESE));
  g_assert_false (test_bytes_contain (database_after, "SQLite format 3"));
  g_assert_false (test_bytes_contain (database_after, "CREATE TABLE"));
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM notes"), ==, 4000);
}

static void
test_no_temporary_files (Fixture *f, gconstpointer data)
{
  sqlite3 *db = yk_store_get_connection (f->store);
  sqlite3_stmt *stmt = NULL;
  int rows = 0;

  fill_rows (db, 20000);
  test_exec (db, "PRAGMA cache_size=20");
  /* A sort far bigger than the cache, a temporary index, an index. */
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT body FROM notes ORDER BY sort_key, body DESC", -1, &stmt, NULL), ==, SQLITE_OK);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    rows++;
  sqlite3_finalize (stmt);
  g_assert_cmpint (rows, ==, 20000);
  g_assert_cmpint (test_query_int (db, "SELECT count(DISTINCT body) FROM notes"), ==, 20000);
  test_exec (db, "CREATE INDEX notes_body ON notes (body)");
  test_exec (db, "BEGIN; UPDATE notes SET sort_key = sort_key + 1 WHERE id % 3 = 0; "
                 "SAVEPOINT a; DELETE FROM notes WHERE id % 5 = 0; ROLLBACK TO a; COMMIT;");
  test_exec (db, "VACUUM");
  g_assert_true (dir_is_empty (temp_dir_for_sqlite));
  g_assert_cmpint (test_query_int (db, "SELECT count(*) FROM notes"), ==, 20000);
}

/* --- Keys and accounts --- */

static void
test_wrong_password_and_unknown_user (Fixture *f, gconstpointer data)
{
  const char *attempts[][2] = { { TEST_ACCOUNT, "correct horse batter" },
                                { "nobody", TEST_PASSWORD },
                                { TEST_ACCOUNT, "" } };

  for (guint i = 0; i < G_N_ELEMENTS (attempts); i++)
    {
      g_autoptr (GError) error = NULL;
      YkStore *store = yk_store_unlock (f->path, attempts[i][0], attempts[i][1], &error);

      g_assert_null (store);
      g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
      g_assert_cmpstr (error->message, ==, "Wrong user name or password");
    }
}

static YkStore *
unlock_as (const char *path, const char *account, const char *password, GError **error)
{
  return yk_store_unlock (path, account, password, error);
}

static void
test_accounts (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) names = NULL;
  YkStore *other;

  fill_rows (yk_store_get_connection (f->store), 5);
  g_assert_true (yk_store_add_account (f->store, "li", "li's password 1", YK_KDF_INTERACTIVE, &error));
  g_assert_no_error (error);
  g_assert_false (yk_store_add_account (f->store, "li", "li's password 2", YK_KDF_INTERACTIVE, &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_ACCOUNT_EXISTS);
  g_clear_error (&error);
  g_assert_false (yk_store_add_account (f->store, "zhao", "short", YK_KDF_INTERACTIVE, &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WEAK_PASSWORD);
  g_clear_error (&error);

  names = yk_store_list_accounts (f->store, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (names), ==, 2);
  g_assert_true (g_strv_contains ((const char *const *) names, "li"));

  /* li unlocks with their own password and sees the same data. */
  other = unlock_as (f->path, "li", "li's password 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (yk_store_get_connection (other), "SELECT count(*) FROM notes"), ==, 5);
  yk_store_close (other);

  /* A password change: old one out, new one in, nobody else affected. */
  g_assert_true (yk_store_check_password (f->store, "li", "li's password 1", &error));
  g_assert_true (yk_store_set_password (f->store, "li", "li's new password", YK_KDF_INTERACTIVE, &error));
  g_assert_no_error (error);
  g_assert_false (yk_store_check_password (f->store, "li", "li's password 1", &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_null (unlock_as (f->path, "li", "li's password 1", &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  other = unlock_as (f->path, "li", "li's new password", &error);
  g_assert_no_error (error);
  yk_store_close (other);
  other = test_unlock (f->path);
  yk_store_close (other);

  /* Removal. */
  g_assert_true (yk_store_remove_account (f->store, "li", &error));
  g_assert_no_error (error);
  g_assert_null (unlock_as (f->path, "li", "li's new password", &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_false (yk_store_remove_account (f->store, "li", &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_NO_SUCH_ACCOUNT);
  g_clear_error (&error);
  g_assert_false (yk_store_remove_account (f->store, TEST_ACCOUNT, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_LAST_ACCOUNT);
}

static void
test_slots_hold_at_least_64_accounts (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) names = NULL;
  guint added = 0;

  /* Argon2id "interactive" is the floor; 64 of them take a few seconds. */
  for (guint i = 0; i < 63; i++)
    {
      g_autofree char *name = g_strdup_printf ("worker%02u", i);
      g_assert_true (yk_store_add_account (f->store, name, "a long enough password", YK_KDF_INTERACTIVE, &error));
      g_assert_no_error (error);
      added++;
    }
  names = yk_store_list_accounts (f->store, &error);
  g_assert_cmpuint (g_strv_length (names), ==, added + 1);
}

static void
test_recovery_key (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *typo = g_strdup (f->recovery_key);
  YkStore *store;

  fill_rows (yk_store_get_connection (f->store), 3);
  store = yk_store_unlock_with_recovery_key (f->path, f->recovery_key, &error);
  g_assert_no_error (error);
  g_assert_null (yk_store_get_account (store));
  g_assert_cmpint (test_query_int (yk_store_get_connection (store), "SELECT count(*) FROM notes"), ==, 3);
  yk_store_close (store);

  typo[6] = typo[6] == 'A' ? 'B' : 'A';
  store = yk_store_unlock_with_recovery_key (f->path, typo, &error);
  g_assert_null (store);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_RECOVERY_KEY_TYPO);
}

static void
test_rotation (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  g_autofree char *new_recovery_key = NULL;
  YkStore *store;
  sqlite3 *extra;

  fill_rows (yk_store_get_connection (f->store), 500);
  g_assert_true (yk_store_add_account (f->store, "stays", "stays password", YK_KDF_INTERACTIVE, &error));
  g_assert_true (yk_store_add_account (f->store, "leaves", "leaves password", YK_KDF_INTERACTIVE, &error));
  g_assert_true (yk_store_remove_account (f->store, "leaves", &error));
  g_assert_no_error (error);

  /* Another view of the database blocks rotation. */
  extra = yk_store_open_connection (f->store, &error);
  g_assert_false (yk_store_rotate_key (f->store, &new_recovery_key, &error));
  g_assert_null (new_recovery_key);
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_CONNECTIONS_OPEN);
  g_clear_error (&error);
  yk_store_close_connection (f->store, extra);

  before = test_read_file (f->path);
  g_assert_true (yk_store_rotate_key (f->store, &new_recovery_key, &error));
  g_assert_no_error (error);
  after = test_read_file (f->path);
  /* Page 1 changed: the data was re-encrypted under the new key. */
  g_assert_true (memcmp ((const guint8 *) g_bytes_get_data (before, NULL) + YK_HEADER_AREA_SIZE,
                         (const guint8 *) g_bytes_get_data (after, NULL) + YK_HEADER_AREA_SIZE, 64) != 0);

  /* The store goes on working, everybody remaining unlocks, the new
   * recovery key works and the old one no longer does, the removed
   * account opens nothing. */
  g_assert_cmpint (test_query_int (yk_store_get_connection (f->store), "SELECT count(*) FROM notes"), ==, 500);
  store = unlock_as (f->path, "stays", "stays password", &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (yk_store_get_connection (store), "SELECT count(*) FROM notes"), ==, 500);
  yk_store_close (store);
  store = test_unlock (f->path);
  yk_store_close (store);
  g_assert_nonnull (new_recovery_key);
  g_assert_cmpstr (new_recovery_key, !=, f->recovery_key);
  store = yk_store_unlock_with_recovery_key (f->path, new_recovery_key, &error);
  g_assert_no_error (error);
  yk_store_close (store);
  g_assert_null (yk_store_unlock_with_recovery_key (f->path, f->recovery_key, &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_assert_null (unlock_as (f->path, "leaves", "leaves password", &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
}

static void
rewrite_both_header_copies (const char *path, guint64 opslimit, guint64 memlimit)
{
  g_autoptr (GBytes) file = test_read_file (path);
  g_autofree guint8 *bytes = g_memdup2 (g_bytes_get_data (file, NULL), g_bytes_get_size (file));
  g_autofree YkHeader *header = g_new0 (YkHeader, 1);
  g_autoptr (YkSecret) stranger = yk_keys_new_database_key ();
  g_autoptr (GError) error = NULL;

  /* What an attacker without the key can do: edit, fix the checksums. */
  g_assert_true (yk_header_parse (bytes, YK_HEADER_COPY_SIZE, header, &error));
  header->slots[0].opslimit = opslimit;
  header->slots[0].memlimit = memlimit;
  yk_header_serialize (header, stranger, bytes);
  yk_header_serialize (header, stranger, bytes + YK_HEADER_COPY_SIZE);
  g_assert_true (g_file_set_contents (path, (const char *) bytes, g_bytes_get_size (file), NULL));
}

static void
test_kdf_below_floor_refused_on_open (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  g_clear_pointer (&f->store, yk_store_close);
  rewrite_both_header_copies (f->path, 1, 8192);
  g_assert_null (yk_store_unlock (f->path, TEST_ACCOUNT, TEST_PASSWORD, &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WEAK_KDF);
}

static void
test_backup (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *backup = g_build_filename (f->dir, "backup.ykdb", NULL);
  g_autofree char *not_ours = g_build_filename (f->dir, "notes.txt", NULL);
  g_autoptr (GBytes) bytes = NULL;
  YkStoreCheck check;
  YkStore *store;

  fill_rows (yk_store_get_connection (f->store), 300);
  g_assert_true (yk_store_add_account (f->store, "li", "li's password 1", YK_KDF_INTERACTIVE, &error));
  g_assert_true (yk_store_backup (f->store, backup, &error));
  g_assert_no_error (error);
  bytes = test_read_file (backup);
  g_assert_false (test_bytes_contain (bytes, MARKER_ASCII));

  /* Same accounts, same recovery key, every page authentic. */
  store = unlock_as (backup, "li", "li's password 1", &error);
  g_assert_no_error (error);
  g_assert_cmpint (test_query_int (yk_store_get_connection (store), "SELECT count(*) FROM notes"), ==, 300);
  g_assert_true (yk_store_check (store, &check, &error));
  g_assert_cmpuint (check.pages, >, 5);
  yk_store_close (store);
  store = yk_store_unlock_with_recovery_key (backup, f->recovery_key, &error);
  g_assert_no_error (error);
  yk_store_close (store);

  /* Again over the old backup; never over a file that is not a database. */
  fill_rows (yk_store_get_connection (f->store), 1);
  g_assert_true (yk_store_backup (f->store, backup, &error));
  g_assert_true (g_file_set_contents (not_ours, "keep me", -1, NULL));
  g_assert_false (yk_store_backup (f->store, not_ours, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_false (yk_store_backup (f->store, f->path, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED);
  g_clear_error (&error);
  g_clear_pointer (&bytes, g_bytes_unref);
  bytes = test_read_file (not_ours);
  g_assert_cmpmem (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), "keep me", 7);
}

int
main (int argc, char *argv[])
{
  int status;

  /* SQLite reads TMPDIR once; point it at a directory that must stay empty. */
  temp_dir_for_sqlite = test_make_dir ();
  g_setenv ("SQLITE_TMPDIR", temp_dir_for_sqlite, TRUE);
  g_setenv ("TMPDIR", temp_dir_for_sqlite, TRUE);

  g_test_init (&argc, &argv, NULL);
  g_assert_true (yk_crypto_init (NULL));

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/db/mechanics/new-database", test_new_database_shape);
  ADD ("/db/mechanics/empty-and-foreign", test_empty_and_foreign_files);
  ADD ("/db/mechanics/page-size", test_page_size_change_refused);
  ADD ("/db/mechanics/wal-refused", test_wal_and_other_modes_refused);
  ADD ("/db/mechanics/mmap", test_mmap_changes_nothing);
  ADD ("/db/mechanics/sub-page-reads", test_sub_page_reads);
  ADD ("/db/mechanics/attach-vacuum-into", test_attach_and_vacuum_into_unkeyed_fail);
  ADD ("/db/plaintext/file-and-journal", test_no_plaintext_in_file_or_journal);
  ADD ("/db/plaintext/no-temp-files", test_no_temporary_files);
  ADD ("/db/keys/wrong-password", test_wrong_password_and_unknown_user);
  ADD ("/db/keys/accounts", test_accounts);
  ADD ("/db/keys/64-accounts", test_slots_hold_at_least_64_accounts);
  ADD ("/db/keys/recovery", test_recovery_key);
  ADD ("/db/keys/rotation", test_rotation);
  ADD ("/db/keys/kdf-floor", test_kdf_below_floor_refused_on_open);
  ADD ("/db/backup", test_backup);
#undef ADD
  status = g_test_run ();
  test_remove_dir (temp_dir_for_sqlite);
  g_free (temp_dir_for_sqlite);
  return status;
}
