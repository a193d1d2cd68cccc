/* SPDX-License-Identifier: GPL-3.0-or-later */
/* docs/design/security.md promise 2: a changed, truncated or swapped page is reported
 * as damage naming what is damaged, never returned as data, never a crash. */
#include "db-test-util.h"
#include "yk-crypto-error.h"
#include "yk-header.h"
#include "yk-page-cipher.h"
#include "yk-schema.h"
#include "yk-store-private.h"
#include "yk-vfs.h"

#include <glib/gstdio.h>
#include <string.h>

#define ROWS 1500

static char *dir;
static char *pristine;      /* a database with ROWS rows, never changed */
static char *stranger;      /* another database, same password, other key */
static char *expected_data; /* what reading pristine returns */
static guint64 pristine_pages;
static GBytes *hot_database; /* pristine in the middle of a spilling transaction */
static GBytes *hot_journal;  /* its journal at that moment, as a crash leaves it */
static GBytes *creation_journal; /* pristine's journal as yk_store_create() first wrote page 1 */

/* SQLite's rollback journal (pager.c): 512-byte headers at sector
 * boundaries, then records of page number, page image, checksum. */
#define JOURNAL_SECTOR 512
#define JOURNAL_RECORD (4 + 4096 + 4)
static const guint8 journal_magic[8] = { 0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7 };

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
  g_autofree char *journal = g_strconcat (f->path, "-journal", NULL);

  g_unlink (journal);
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


/* What a person's program does next with a file that unlocked: bring
 * its schema up to date. On a file that looks new, that writes. */
static void
unlock_and_migrate (const char *path,
                    GError    **error)
{
  YkStore *store = yk_store_unlock (path, TEST_ACCOUNT, TEST_PASSWORD, error);

  if (store == NULL)
    return;
  yk_schema_migrate (yk_store_get_connection (store), error);
  yk_store_close (store);
}

static void
assert_file_unchanged (const char   *path,
                       const guint8 *bytes,
                       gsize         length)
{
  g_autoptr (GBytes) now = test_read_file (path);

  g_assert_cmpuint (g_bytes_get_size (now), ==, length);
  g_assert_true (memcmp (g_bytes_get_data (now, NULL), bytes, length) == 0);
}

static void
assert_message_contains (const GError *error,
                         const char   *fragment)
{
  if (strstr (error->message, fragment) == NULL)
    g_error ("“%s” does not say “%s”", error->message, fragment);
}

/* docs/design/security.md, "A cut file is damage": a file cut to any
 * number of whole pages, down to none, is damage naming what is
 * missing, and unlocking it writes nothing. */
static void
test_cut_at_every_page (Fixture *f, gconstpointer data)
{
  for (guint64 kept = 0; kept < pristine_pages; kept++)
    {
      g_autoptr (GError) error = NULL;
      gsize length = page_offset (kept + 1);
      g_autofree char *expected = NULL;

      g_assert_true (g_file_set_contents (f->path, (const char *) f->bytes, length, NULL));
      unlock_and_migrate (f->path, &error);
      g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED);
      if (kept == 0)
        expected = g_strdup ("ends after its header");
      else
        expected = g_strdup_printf ("ends after page %" G_GUINT64_FORMAT " of %" G_GUINT64_FORMAT,
                                    kept, pristine_pages);
      assert_message_contains (error, expected);
      assert_file_unchanged (f->path, f->bytes, length);
    }
}

static void
test_cut_to_header (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *got = NULL;

  f->length = YK_HEADER_AREA_SIZE;
  save (f);
  unlock_and_migrate (f->path, &error);
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED);
  assert_file_unchanged (f->path, f->bytes, f->length);
  g_clear_error (&error);

  got = open_and_read (f->path, &error);
  g_assert_null (got);
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED);
  assert_file_unchanged (f->path, f->bytes, f->length);
}

static char *
save_journal (Fixture *f, const guint8 *bytes, gsize length)
{
  char *journal = g_strconcat (f->path, "-journal", NULL);

  g_assert_true (g_file_set_contents (journal, (const char *) bytes, length, NULL));
  return journal;
}

static void
put_be32 (guint8 *p, guint32 value)
{
  p[0] = value >> 24;
  p[1] = value >> 16;
  p[2] = value >> 8;
  p[3] = value;
}

static guint32
get_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

/* A hot journal is opened, checked and refused: the database keeps
 * every byte, the journal stays for someone to look at. */
static void
assert_journal_refused (Fixture *f, const char *journal, const guint8 *journal_bytes, gsize journal_length)
{
  g_autoptr (GError) error = NULL;

  unlock_and_migrate (f->path, &error);
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED);
  assert_message_contains (error, "journal");
  assert_file_unchanged (f->path, f->bytes, f->length);
  assert_file_unchanged (journal, journal_bytes, journal_length);
}

/* Finding 2 of issue #15: 512 plaintext bytes saying "the database was
 * empty before this transaction" used to empty it through SQLite's own
 * hot-journal rollback. */
static void
test_forged_journal_empties (Fixture *f, gconstpointer data)
{
  guint8 header[JOURNAL_SECTOR] = { 0 };
  g_autofree char *journal = NULL;

  memcpy (header, journal_magic, 8);
  put_be32 (header + 8, 0);     /* records */
  put_be32 (header + 12, 12345); /* checksum initializer */
  put_be32 (header + 16, 0);    /* database size before the transaction */
  put_be32 (header + 20, JOURNAL_SECTOR);
  put_be32 (header + 24, 4096);
  save (f);
  journal = save_journal (f, header, sizeof header);
  assert_journal_refused (f, journal, header, sizeof header);
}

static void
use_hot_snapshot (Fixture *f)
{
  g_free (f->bytes);
  f->length = g_bytes_get_size (hot_database);
  f->bytes = g_memdup2 (g_bytes_get_data (hot_database, NULL), f->length);
  save (f);
}

/* The positive control: the snapshot is a crash SQLite recovers from. */
static void
test_hot_journal_rolls_back (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *journal = NULL;
  g_autofree char *got = NULL;

  use_hot_snapshot (f);
  journal = save_journal (f, g_bytes_get_data (hot_journal, NULL), g_bytes_get_size (hot_journal));
  got = open_and_read (f->path, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (got, ==, expected_data);
}

/* Offsets of every journal header SQLite would read (magic at a sector
 * boundary), the first at 0. */
static GArray *
journal_header_offsets (const guint8 *bytes, gsize length)
{
  GArray *offsets = g_array_new (FALSE, FALSE, sizeof (gsize));

  for (gsize at = 0; at + JOURNAL_SECTOR <= length; at += JOURNAL_SECTOR)
    if (memcmp (bytes + at, journal_magic, 8) == 0)
      g_array_append_val (offsets, at);
  return offsets;
}

static void
test_journal_header_byte (Fixture *f, gconstpointer data)
{
  gsize length = g_bytes_get_size (hot_journal);
  g_autoptr (GArray) headers = journal_header_offsets (g_bytes_get_data (hot_journal, NULL), length);
  /* checksum initializer, size before, sector size, page size, padding,
   * the last byte of the sector */
  static const gsize within[] = { 12, 19, 23, 26, 100, 511 };

  g_assert_cmpuint (headers->len, >=, 2); /* a spilling transaction: headers mid-file too */
  for (guint h = 0; h < headers->len; h++)
    for (guint i = 0; i < G_N_ELEMENTS (within); i++)
      {
        g_autofree guint8 *bytes = g_memdup2 (g_bytes_get_data (hot_journal, NULL), length);
        g_autofree char *journal = NULL;

        bytes[g_array_index (headers, gsize, h) + within[i]] ^= 0x01;
        use_hot_snapshot (f);
        journal = save_journal (f, bytes, length);
        assert_journal_refused (f, journal, bytes, length);
      }
}

/* SQLite's pager_cksum(): the initializer plus every 200th byte of the
 * plaintext page, counting down from 200 before its end. */
static guint32
plaintext_checksum (guint32 initializer, const guint8 *page)
{
  guint32 sum = initializer;

  for (int i = 4096 - 200; i > 0; i -= 200)
    sum += page[i];
  return sum;
}

/* Finding 7 of issue #15: the checksum after each journaled page must
 * not be SQLite's sum of plaintext bytes. */
static void
test_journal_checksums_secret (Fixture *f, gconstpointer data)
{
  const guint8 *journal = g_bytes_get_data (hot_journal, NULL);
  YkStore *store = test_unlock (pristine);
  guint32 initializer = get_be32 (journal + 12);
  guint32 records = get_be32 (journal + 8);
  guint compared = 0;

  g_assert_cmpuint (records, >=, 5);
  for (guint32 r = 0; r < records; r++)
    {
      gsize at = JOURNAL_SECTOR + (gsize) r * JOURNAL_RECORD;
      guint8 page[4096];

      g_assert_cmpuint (at + JOURNAL_RECORD, <=, g_bytes_get_size (hot_journal));
      memcpy (page, journal + at + 4, sizeof page);
      g_assert_true (yk_page_cipher_open (store->cipher, page, page, get_be32 (journal + at),
                                          YK_FILE_KIND_JOURNAL));
      g_assert_cmpuint (get_be32 (journal + at + 4 + 4096), !=, plaintext_checksum (initializer, page));
      compared++;
    }
  g_assert_cmpuint (compared, ==, records);
  yk_store_close (store);
}

/* An authentic journal, but from the transaction that created the file:
 * put back, it would empty the database. */
static void
test_creation_journal_put_back (Fixture *f, gconstpointer data)
{
  g_autofree char *journal = NULL;

  g_assert_nonnull (creation_journal);
  g_assert_true (memcmp (g_bytes_get_data (creation_journal, NULL), journal_magic, 8) == 0);
  g_assert_cmpuint (get_be32 ((const guint8 *) g_bytes_get_data (creation_journal, NULL) + 16), ==, 0);
  save (f);
  journal = save_journal (f, g_bytes_get_data (creation_journal, NULL), g_bytes_get_size (creation_journal));
  assert_journal_refused (f, journal, g_bytes_get_data (creation_journal, NULL),
                          g_bytes_get_size (creation_journal));
}

static void
capture_creation_journal (YkFileKind kind, sqlite3_int64 offset, int length)
{
  g_autofree char *journal = g_strconcat (pristine, "-journal", NULL);
  g_autofree char *bytes = NULL;
  gsize size = 0;

  if (kind == YK_FILE_KIND_DATABASE && creation_journal == NULL &&
      g_file_get_contents (journal, &bytes, &size, NULL))
    creation_journal = g_bytes_new (bytes, size);
}

/* A copy of pristine in the middle of a transaction that spilled pages
 * to the file: the two files as a crash at that moment leaves them. */
static void
make_hot_snapshot (void)
{
  g_autofree char *path = g_build_filename (dir, "hot.ykdb", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_autoptr (GBytes) bytes = test_read_file (pristine);
  YkStore *store;
  sqlite3 *db;

  g_assert_true (g_file_set_contents (path, g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), NULL));
  store = test_unlock (path);
  db = yk_store_get_connection (store);
  test_exec (db, "PRAGMA cache_size=10");
  test_exec (db, "BEGIN");
  test_exec (db, "UPDATE notes SET body = body || ' changed, then rolled back'");
  hot_database = test_read_file (path);
  hot_journal = test_read_file (journal);
  test_exec (db, "ROLLBACK");
  yk_store_close (store);
  g_unlink (path);
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

  yk_vfs_set_write_hook (capture_creation_journal);
  store = test_create_store (pristine, NULL);
  yk_vfs_set_write_hook (NULL);
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
  make_hot_snapshot ();
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
  ADD ("/db/tamper/cut-at-every-page", test_cut_at_every_page);
  ADD ("/db/tamper/cut-to-header", test_cut_to_header);
  ADD ("/db/tamper/journal-forged-empty", test_forged_journal_empties);
  ADD ("/db/tamper/journal-hot-rolls-back", test_hot_journal_rolls_back);
  ADD ("/db/tamper/journal-header-byte", test_journal_header_byte);
  ADD ("/db/tamper/journal-from-creation", test_creation_journal_put_back);
  ADD ("/db/tamper/journal-checksums-secret", test_journal_checksums_secret);
#undef ADD
  status = g_test_run ();
  test_remove_dir (dir);
  return status;
}
