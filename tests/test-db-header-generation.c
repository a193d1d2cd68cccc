/* SPDX-License-Identifier: GPL-3.0-or-later */
/* docs/design/security.md, "Hardening": the header's generation is kept
 * inside the encrypted data, so an older header put back in place (after
 * an account was removed, or taken from an older backup) is refused,
 * while a crash between a header write and its record never locks
 * anyone out. */
#include "db-test-util.h"
#include "yk-crypto-error.h"
#include "yk-header.h"
#include "yk-schema.h"

#include <string.h>

#define LI "li"
#define LI_PASSWORD "li's password 1"

typedef struct
{
  char *dir;
  char *path;
  YkStore *store;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = test_make_dir ();
  f->path = g_build_filename (f->dir, "case.ykdb", NULL);
  f->store = test_create_store (f->path, NULL);
  /* The record lives in the schema's settings table. */
  g_assert_true (yk_schema_migrate (yk_store_get_connection (f->store), &error));
  g_assert_no_error (error);
  g_assert_true (yk_store_add_account (f->store, LI, LI_PASSWORD, YK_KDF_INTERACTIVE, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->store, yk_store_close);
  test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
}

static GBytes *
read_header_area (const char *path)
{
  g_autoptr (GBytes) file = test_read_file (path);

  return g_bytes_new_from_bytes (file, 0, YK_HEADER_AREA_SIZE);
}

/* What anyone who can write the file can do: put header bytes back. */
static void
write_header_bytes (const char *path, gsize offset, const guint8 *bytes, gsize length)
{
  g_autoptr (GBytes) file = test_read_file (path);
  g_autofree guint8 *contents = g_memdup2 (g_bytes_get_data (file, NULL), g_bytes_get_size (file));

  g_assert_cmpuint (offset + length, <=, g_bytes_get_size (file));
  memcpy (contents + offset, bytes, length);
  g_assert_true (g_file_set_contents (path, (const char *) contents, g_bytes_get_size (file), NULL));
}

static void
put_back (const char *path, GBytes *area)
{
  write_header_bytes (path, 0, g_bytes_get_data (area, NULL), YK_HEADER_AREA_SIZE);
}

static void
assert_put_back_refused (const char *path, const char *account, const char *password)
{
  g_autoptr (GError) error = NULL;
  YkStore *store = yk_store_unlock (path, account, password, &error);

  g_assert_null (store);
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED);
  if (strstr (error->message, "older than its data") == NULL || strstr (error->message, "put back") == NULL)
    g_error ("“%s” does not say the header was put back", error->message);
}

static void
assert_unlocks (const char *path, const char *account, const char *password)
{
  g_autoptr (GError) error = NULL;
  YkStore *store = yk_store_unlock (path, account, password, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  yk_store_close (store);
}

static gint64
recorded_generation (YkStore *store)
{
  return test_query_int (yk_store_get_connection (store),
                         "SELECT CAST(value AS INTEGER) FROM settings WHERE key = 'header_generation'");
}

/* Finding 1 of issue #15: li is removed; the header area saved before
 * is written back. li's password must open nothing, and the message
 * must say why. */
static void
test_put_back_after_removal (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) saved = read_header_area (f->path);

  g_assert_true (yk_store_remove_account (f->store, LI, &error));
  g_assert_no_error (error);
  g_clear_pointer (&f->store, yk_store_close);

  put_back (f->path, saved);
  assert_put_back_refused (f->path, LI, LI_PASSWORD);
  /* Nobody opens it through that header: the file is not half-trusted. */
  assert_put_back_refused (f->path, TEST_ACCOUNT, TEST_PASSWORD);
}

/* Two backups of one database: the older still holds li's slot. Its
 * header area over the newer backup is refused; the copies mixed, the
 * newer copy is the one used and li's slot opens nothing. */
static void
test_headers_swapped_between_backups (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *older = g_build_filename (f->dir, "older.ykdb", NULL);
  g_autofree char *newer = g_build_filename (f->dir, "newer.ykdb", NULL);
  g_autoptr (GBytes) older_area = NULL;
  g_autoptr (GBytes) newer_area = NULL;
  const guint8 *older_bytes, *newer_bytes;
  g_autofree guint8 *damaged = NULL;

  g_assert_true (yk_store_backup (f->store, older, &error));
  g_assert_true (yk_store_remove_account (f->store, LI, &error));
  g_assert_true (yk_store_backup (f->store, newer, &error));
  g_assert_no_error (error);
  older_area = read_header_area (older);
  newer_area = read_header_area (newer);
  older_bytes = g_bytes_get_data (older_area, NULL);
  newer_bytes = g_bytes_get_data (newer_area, NULL);

  /* The older backup's whole header area over the newer backup. */
  put_back (newer, older_area);
  assert_put_back_refused (newer, LI, LI_PASSWORD);

  /* Copy A from the newer, copy B from the older: the newer is used. */
  put_back (newer, newer_area);
  write_header_bytes (newer, YK_HEADER_COPY_SIZE, older_bytes + YK_HEADER_COPY_SIZE, YK_HEADER_COPY_SIZE);
  g_assert_null (yk_store_unlock (newer, LI, LI_PASSWORD, &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  assert_unlocks (newer, TEST_ACCOUNT, TEST_PASSWORD);

  /* The newer copy spoilt, so only the older one is valid: refused. */
  damaged = g_memdup2 (newer_bytes, YK_HEADER_COPY_SIZE);
  damaged[40] ^= 0x01;
  put_back (newer, newer_area);
  write_header_bytes (newer, 0, damaged, YK_HEADER_COPY_SIZE);
  write_header_bytes (newer, YK_HEADER_COPY_SIZE, older_bytes + YK_HEADER_COPY_SIZE, YK_HEADER_COPY_SIZE);
  assert_put_back_refused (newer, LI, LI_PASSWORD);
}

/* A crash after the header was written but before the transaction that
 * records its generation committed: the header is newer than the
 * record. Everyone still unlocks, the record is raised at once, and
 * from then the header from before is refused. */
static void
test_crash_between_header_and_record (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) before = read_header_area (f->path);
  sqlite3 *db = yk_store_get_connection (f->store);
  gint64 recorded = recorded_generation (f->store);

  g_assert_cmpint (recorded, >, 0);
  /* The header edit joins this transaction, which never commits. */
  test_exec (db, "BEGIN IMMEDIATE");
  g_assert_true (yk_store_set_password (f->store, LI, "li's password 2", YK_KDF_INTERACTIVE, &error));
  g_assert_no_error (error);
  test_exec (db, "ROLLBACK");
  g_assert_cmpint (recorded_generation (f->store), ==, recorded);
  g_clear_pointer (&f->store, yk_store_close);

  assert_unlocks (f->path, TEST_ACCOUNT, TEST_PASSWORD);
  assert_unlocks (f->path, LI, "li's password 2");
  f->store = test_unlock (f->path);
  g_assert_cmpint (recorded_generation (f->store), ==, recorded + 1);
  g_clear_pointer (&f->store, yk_store_close);

  put_back (f->path, before);
  assert_put_back_refused (f->path, LI, LI_PASSWORD);
}

/* The ordinary way round: every header write raises the record with
 * it, and an unchanged file opens again and again. */
static void
test_record_follows_header (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 recorded = recorded_generation (f->store);

  g_assert_true (yk_store_add_account (f->store, "wang", "wang's password", YK_KDF_INTERACTIVE, &error));
  g_assert_no_error (error);
  g_assert_cmpint (recorded_generation (f->store), ==, recorded + 1);
  g_clear_pointer (&f->store, yk_store_close);
  assert_unlocks (f->path, LI, LI_PASSWORD);
  assert_unlocks (f->path, "wang", "wang's password");
  assert_unlocks (f->path, TEST_ACCOUNT, TEST_PASSWORD);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (yk_crypto_init (NULL));

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/db/header-generation/put-back-after-removal", test_put_back_after_removal);
  ADD ("/db/header-generation/swapped-between-backups", test_headers_swapped_between_backups);
  ADD ("/db/header-generation/crash-between-header-and-record", test_crash_between_header_and_record);
  ADD ("/db/header-generation/record-follows-header", test_record_follows_header);
  return g_test_run ();
}
