/* SPDX-License-Identifier: GPL-3.0-or-later */
/* docs/design/security.md promise 2: a changed, truncated or swapped page is reported
 * as damage naming what is damaged, never returned as data, never a crash. */
#include "db-test-util.h"
#include "yk-crypto-error.h"
#include "yk-header.h"

#include <glib/gstdio.h>
#include <string.h>

#define ROWS 1500

static char *dir;
static char *pristine;      /* a database with ROWS rows, never changed */
static char *stranger;      /* another database, same password, other key */
static char *expected_data; /* what reading pristine returns */
static guint64 pristine_pages;

typedef struct
{
  char *path;
  guint8 *bytes;
  gsize length;
} Fixture;

static void
fill (YkStore *store, const char *label)
{
  sqlite3 *db = yk_store_get_connection (store);

  test_exec (db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
  test_exec (db, "BEGIN");
  for (int i = 0; i < ROWS; i++)
    {
      g_autofree char *sql = g_strdup_printf ("INSERT INTO notes (body) VALUES ('%s 随访记录 %d')", label, i);
      test_exec (db, sql);
    }
  test_exec (db, "COMMIT");
}

/* Everything a reader would do: unlock, read every row, check every page. */
static char *
open_and_read (const char *path, GError **error)
{
  YkStore *store = yk_store_unlock (path, TEST_ACCOUNT, TEST_PASSWORD, error);
  sqlite3 *db;
  sqlite3_stmt *stmt = NULL;
  GString *data;
  YkStoreCheck check;
  int rc;

  if (store == NULL)
    return NULL;
  db = yk_store_get_connection (store);
  data = g_string_new (NULL);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT id, body FROM notes ORDER BY id", -1, &stmt, NULL), ==, SQLITE_OK);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_string_append_printf (data, "%lld:%s\n", (long long) sqlite3_column_int64 (stmt, 0),
                            (const char *) sqlite3_column_text (stmt, 1));
  if (rc != SQLITE_DONE)
    yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), "Reading");
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE && !yk_store_check (store, &check, error))
    rc = SQLITE_ERROR;
  yk_store_close (store);
  if (rc != SQLITE_DONE)
    {
      g_string_free (data, TRUE);
      return NULL;
    }
  return g_string_free (data, FALSE);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) bytes = test_read_file (pristine);

  f->path = g_build_filename (dir, "work.ykdb", NULL);
  f->length = g_bytes_get_size (bytes);
  f->bytes = g_memdup2 (g_bytes_get_data (bytes, NULL), f->length);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_unlink (f->path);
  g_free (f->path);
  g_free (f->bytes);
}

static void
save (Fixture *f)
{
  g_assert_true (g_file_set_contents (f->path, (const char *) f->bytes, f->length, NULL));
}

static gsize
page_offset (guint64 number)
{
  return YK_HEADER_AREA_SIZE + (number - 1) * 4096;
}

static void
assert_damage_names_page (Fixture *f, guint64 page)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *data = open_and_read (f->path, &error);
  g_autofree char *fragment = g_strdup_printf ("page %" G_GUINT64_FORMAT " ", page);

  g_assert_null (data);
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED);
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not name page %" G_GUINT64_FORMAT, error->message, page);
}

static void
test_page_one (Fixture *f, gconstpointer data)
{
  f->bytes[page_offset (1) + 200] ^= 0x01;
  save (f);
  assert_damage_names_page (f, 1);
}

static void
test_middle_page (Fixture *f, gconstpointer data)
{
  guint64 middle = pristine_pages / 2;

  f->bytes[page_offset (middle) + 1234] ^= 0x80;
  save (f);
  assert_damage_names_page (f, middle);
}

static void
test_last_page (Fixture *f, gconstpointer data)
{
  /* The tag, at the very end of the file. */
  f->bytes[f->length - 1] ^= 0x01;
  save (f);
  assert_damage_names_page (f, pristine_pages);
}

static void
test_swapped_pages (Fixture *f, gconstpointer data)
{
  guint8 page[4096];

  memcpy (page, f->bytes + page_offset (3), 4096);
  memcpy (f->bytes + page_offset (3), f->bytes + page_offset (4), 4096);
  memcpy (f->bytes + page_offset (4), page, 4096);
  save (f);
  assert_damage_names_page (f, 3);
}

static void
test_page_from_another_database (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) other = test_read_file (stranger);

  memcpy (f->bytes + page_offset (5), (const guint8 *) g_bytes_get_data (other, NULL) + page_offset (5), 4096);
  save (f);
  assert_damage_names_page (f, 5);
}

static void
test_truncated_by_one_page (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got = NULL;

  f->length -= 4096;
  save (f);
  got = open_and_read (f->path, &error);
  g_assert_null (got);
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED);
  if (strstr (error->message, "truncated") == NULL)
    g_error ("“%s” does not say truncated", error->message);
}

static void
test_truncated_mid_page (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got = NULL;

  f->length -= 1000;
  save (f);
  got = open_and_read (f->path, &error);
  g_assert_null (got);
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED);
}

static void
assert_reads_original_and_repairs (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got = open_and_read (f->path, &error);
  YkStoreCheck check;
  YkStore *store;

  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, expected_data);

  /* Unlocking rewrote the damaged copy from the good one. */
  store = test_unlock (f->path);
  g_assert_true (yk_store_check (store, &check, &error));
  g_assert_true (check.copy_a_ok);
  g_assert_true (check.copy_b_ok);
  yk_store_close (store);
}

static void
test_header_copy_a (Fixture *f, gconstpointer data)
{
  f->bytes[40] ^= 0x01; /* copy A's slot count */
  save (f);
  assert_reads_original_and_repairs (f);
}

static void
test_header_copy_b (Fixture *f, gconstpointer data)
{
  f->bytes[YK_HEADER_COPY_SIZE + 20] ^= 0x01; /* copy B's database id */
  save (f);
  assert_reads_original_and_repairs (f);
}

static void
test_key_slot_one_copy (Fixture *f, gconstpointer data)
{
  f->bytes[128 + 170] ^= 0x04; /* copy A, slot 0, wrapped secret key */
  save (f);
  assert_reads_original_and_repairs (f);
}

static void
test_key_slot_both_copies (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got = NULL;

  f->bytes[128 + 170] ^= 0x04;
  f->bytes[YK_HEADER_COPY_SIZE + 128 + 170] ^= 0x04;
  save (f);
  got = open_and_read (f->path, &error);
  g_assert_null (got);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_DAMAGED_HEADER);
}

static void
test_nothing_changed_reads_back (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got = NULL;

  save (f);
  got = open_and_read (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, expected_data);
}

static void
make_fixtures (void)
{
  g_autoptr (GError) error = NULL;
  YkStore *store;
  YkStoreCheck check;

  dir = test_make_dir ();
  pristine = g_build_filename (dir, "pristine.ykdb", NULL);
  stranger = g_build_filename (dir, "stranger.ykdb", NULL);

  store = test_create_store (pristine, NULL);
  fill (store, "pristine");
  g_assert_true (yk_store_check (store, &check, &error));
  pristine_pages = check.pages;
  yk_store_close (store);
  g_assert_cmpuint (pristine_pages, >=, 10);

  store = test_create_store (stranger, NULL);
  fill (store, "stranger");
  yk_store_close (store);

  expected_data = open_and_read (pristine, &error);
  g_assert_no_error (error);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  g_assert_true (yk_crypto_init (NULL));
  make_fixtures ();

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/db/tamper/none", test_nothing_changed_reads_back);
  ADD ("/db/tamper/page-one", test_page_one);
  ADD ("/db/tamper/middle-page", test_middle_page);
  ADD ("/db/tamper/last-page", test_last_page);
  ADD ("/db/tamper/swapped-pages", test_swapped_pages);
  ADD ("/db/tamper/foreign-page", test_page_from_another_database);
  ADD ("/db/tamper/truncated-page", test_truncated_by_one_page);
  ADD ("/db/tamper/truncated-mid-page", test_truncated_mid_page);
  ADD ("/db/tamper/header-copy-a", test_header_copy_a);
  ADD ("/db/tamper/header-copy-b", test_header_copy_b);
  ADD ("/db/tamper/key-slot-one-copy", test_key_slot_one_copy);
  ADD ("/db/tamper/key-slot-both-copies", test_key_slot_both_copies);
#undef ADD
  status = g_test_run ();
  test_remove_dir (dir);
  return status;
}
