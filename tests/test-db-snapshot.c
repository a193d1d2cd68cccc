/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Snapshots (docs/design/file-format.md, "Snapshots"): a
 * consistent copy of a site's encrypted pages as they are on disk, under
 * a header that says what it is, opened read-only. */
#include "db-test-util.h"
#include "yk-audit.h"
#include "yk-crypto-error.h"
#include "yk-db-staff.h"
#include "yk-header.h"
#include "yk-schema.h"
#include "yk-secret.h"
#include "yk-store-private.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#define ROWS 2000

typedef struct
{
  char *dir;
  char *path;
  char *out;
  YkStore *store;
  sqlite3 *db;
} Fixture;

static void
audit (Fixture *f, const char *action)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSecret) key = yk_store_derive_audit_key (f->store);

  g_assert_true (yk_audit_append (f->db, key, NULL, TEST_ACCOUNT, action, NULL, 0, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  sqlite3_stmt *stmt = NULL;

  f->dir = test_make_dir ();
  f->path = g_build_filename (f->dir, "site.ykdb", NULL);
  f->out = g_build_filename (f->dir, "snapshots", NULL);
  g_assert_cmpint (g_mkdir (f->out, 0700), ==, 0);
  f->store = test_create_store (f->path, NULL);
  f->db = yk_store_get_connection (f->store);
  g_assert_true (yk_schema_migrate (f->db, &error));
  g_assert_true (yk_db_site_insert (f->db, "SPQ", "石坪桥街道渝康家园", NULL, NULL, NULL, &error));
  g_assert_true (yk_db_site_insert (f->db, "JL", "九龙街道渝康家园", NULL, NULL, NULL, &error));
  g_assert_no_error (error);

  /* Enough rows for a file of a few hundred pages. */
  test_exec (f->db, "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT)");
  test_exec (f->db, "BEGIN");
  g_assert_cmpint (sqlite3_prepare_v2 (f->db, "INSERT INTO notes (body) VALUES (?)", -1, &stmt, NULL), ==, SQLITE_OK);
  for (int i = 0; i < ROWS; i++)
    {
      g_autofree char *body = g_strdup_printf ("note %d %0200d", i, i);

      sqlite3_bind_text (stmt, 1, body, -1, SQLITE_TRANSIENT);
      g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  test_exec (f->db, "COMMIT");
  audit (f, "create");
  audit (f, "unlock");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  _yk_store_set_snapshot_hook (NULL, NULL);
  g_clear_pointer (&f->store, yk_store_close);
  test_remove_dir (f->out);
  test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->path);
  g_free (f->out);
}

static char *
take_snapshot (Fixture *f, guint64 *generation)
{
  g_autoptr (GError) error = NULL;
  char *written = NULL;
  YkSnapshotInfo info;

  g_assert_true (yk_store_snapshot (f->store, f->out, &written, &info, &error));
  g_assert_no_error (error);
  if (generation != NULL)
    *generation = info.generation;
  return written;
}

static YkStore *
open_snapshot (const char *path)
{
  g_autoptr (GError) error = NULL;
  YkStore *store = yk_store_unlock (path, TEST_ACCOUNT, TEST_PASSWORD, &error);

  g_assert_no_error (error);
  g_assert_nonnull (store);
  return store;
}

static guint
count_entries (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  guint n = 0;

  while (handle != NULL && g_dir_read_name (handle) != NULL)
    n++;
  return n;
}

/* Named by its sites, it opens with the same password, and its header
 * says what it is; the source says it is not a snapshot, and keeps the
 * number it gave. */
static void
test_header_fields (Fixture *f, gconstpointer data)
{
  g_autofree char *expected = g_build_filename (f->out, "JL+SPQ.ykdb", NULL);
  g_autofree char *written = NULL;
  g_autofree char *second = NULL;
  g_autoptr (YkStore) snapshot = NULL;
  g_autoptr (GError) error = NULL;
  YkSnapshotInfo info;
  YkAuditHead head;
  guint64 generation = 0;
  gint64 before = g_get_real_time () / G_USEC_PER_SEC;

  g_assert_false (yk_store_get_snapshot_info (f->store, &info));
  g_assert_cmpuint (info.generation, ==, 0);
  g_assert_true (yk_audit_read_head (f->db, &head, &error));

  written = take_snapshot (f, &generation);
  g_assert_cmpstr (written, ==, expected);
  g_assert_cmpuint (generation, ==, 1);
  g_assert_cmpuint (count_entries (f->out), ==, 1);
  g_assert_true (yk_store_file_is_snapshot (written));
  g_assert_false (yk_store_file_is_snapshot (f->path));

  snapshot = open_snapshot (written);
  g_assert_true (yk_store_get_snapshot_info (snapshot, &info));
  g_assert_cmpuint (info.generation, ==, 1);
  g_assert_cmpint (info.taken_at, >=, before);
  g_assert_cmpint (info.taken_at, <=, g_get_real_time () / G_USEC_PER_SEC);
  g_assert_cmpstr (info.site_codes, ==, "JL+SPQ");
  g_assert_cmpuint (info.audit_head_id, ==, (guint64) head.id);
  g_assert_cmpuint (info.audit_head_id, ==, 2);
  g_assert_cmpmem (info.audit_head_hash, 8, head.hash, 8);
  g_assert_cmpmem (yk_store_get_database_id (snapshot), 16, yk_store_get_database_id (f->store), 16);
  /* The data holds the number too. */
  test_assert_query_text (yk_store_get_connection (snapshot),
                          "SELECT value FROM settings WHERE key = 'snapshot_generation'", "1");
  g_assert_cmpint (test_query_int (yk_store_get_connection (snapshot), "SELECT count(*) FROM notes"), ==, ROWS);
  g_clear_pointer (&snapshot, yk_store_close);

  second = take_snapshot (f, &generation);
  g_assert_cmpstr (second, ==, expected);
  g_assert_cmpuint (generation, ==, 2);
  snapshot = open_snapshot (second);
  g_assert_true (yk_store_get_snapshot_info (snapshot, &info));
  g_assert_cmpuint (info.generation, ==, 2);
  g_assert_cmpuint (count_entries (f->out), ==, 1);
}

/* A site file holding one site is named after it. */
static void
test_one_site_name (Fixture *f, gconstpointer data)
{
  g_autofree char *written = NULL;

  test_exec (f->db, "PRAGMA foreign_keys=OFF; DELETE FROM sites WHERE code = 'JL'; PRAGMA foreign_keys=ON;");
  written = take_snapshot (f, NULL);
  g_assert_true (g_str_has_suffix (written, "/SPQ.ykdb"));
}

typedef struct
{
  YkStore *store;
  char *out;
  char *written;
  GError *error;
} SnapshotJob;

static gpointer
snapshot_thread (gpointer data)
{
  SnapshotJob *job = data;

  yk_store_snapshot (job->store, job->out, &job->written, NULL, &job->error);
  return NULL;
}

/* Another connection's write transaction in progress: the snapshot waits
 * for it (the generation is raised in a write transaction of its own)
 * and so is taken after it; rolled back, none of its rows are there. */
static void
test_write_in_progress (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *other = yk_store_open_connection (f->store, &error);
  g_autoptr (YkStore) snapshot = NULL;
  SnapshotJob job = { f->store, f->out, NULL, NULL };
  GThread *thread;

  g_assert_no_error (error);
  test_exec (other, "BEGIN IMMEDIATE; INSERT INTO notes (body) VALUES ('in flight');"
                    "UPDATE notes SET body = 'changed' WHERE id <= 500;");
  thread = g_thread_new ("snapshot", snapshot_thread, &job);
  g_usleep (G_USEC_PER_SEC / 5);
  test_exec (other, "ROLLBACK");
  g_thread_join (thread);
  g_assert_no_error (job.error);
  yk_store_close_connection (f->store, other);

  snapshot = open_snapshot (job.written);
  g_assert_cmpint (test_query_int (yk_store_get_connection (snapshot), "SELECT count(*) FROM notes"), ==, ROWS);
  g_assert_cmpint (test_query_int (yk_store_get_connection (snapshot),
                                   "SELECT count(*) FROM notes WHERE body = 'changed'"), ==, 0);
  g_free (job.written);
}

typedef struct
{
  sqlite3 *other;
  int commit_rc;
} CommitDuringCopy;

/* Inside the snapshot's read transaction: a writer can begin and write
 * into its own cache, but not commit. */
static void
commit_during_copy (gpointer data)
{
  CommitDuringCopy *attempt = data;

  test_exec (attempt->other, "BEGIN IMMEDIATE; INSERT INTO notes (body) VALUES ('during the copy');"
                             "UPDATE notes SET body = 'changed' WHERE id <= 500;");
  attempt->commit_rc = sqlite3_exec (attempt->other, "COMMIT", NULL, NULL, NULL);
}

/* The copy is one read transaction: a commit tried while the pages are
 * copied waits for it (here: fails at once, with no busy timeout), so
 * the snapshot holds the file as before, never half of a change. */
static void
test_commit_during_copy (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  CommitDuringCopy attempt = { yk_store_open_connection (f->store, &error), SQLITE_OK };
  g_autofree char *written = NULL;
  g_autoptr (YkStore) snapshot = NULL;

  g_assert_no_error (error);
  sqlite3_busy_timeout (attempt.other, 0);
  _yk_store_set_snapshot_hook (commit_during_copy, &attempt);
  written = take_snapshot (f, NULL);
  _yk_store_set_snapshot_hook (NULL, NULL);
  g_assert_cmpint (attempt.commit_rc & 0xff, ==, SQLITE_BUSY);
  /* After the snapshot the commit goes through. */
  test_exec (attempt.other, "COMMIT");
  yk_store_close_connection (f->store, attempt.other);
  g_assert_cmpint (test_query_int (f->db, "SELECT count(*) FROM notes"), ==, ROWS + 1);

  snapshot = open_snapshot (written);
  g_assert_cmpint (test_query_int (yk_store_get_connection (snapshot), "SELECT count(*) FROM notes"), ==, ROWS);
  g_assert_cmpint (test_query_int (yk_store_get_connection (snapshot),
                                   "SELECT count(*) FROM notes WHERE body = 'changed'"), ==, 0);
}

static GBytes *
read_all (const char *path)
{
  return test_read_file (path);
}

static guint
differing_blocks (GBytes *a, GBytes *b, guint *blocks)
{
  gsize la, lb;
  const guint8 *pa = g_bytes_get_data (a, &la);
  const guint8 *pb = g_bytes_get_data (b, &lb);
  guint n = 0;

  *blocks = (guint) (MAX (la, lb) / 4096);
  for (gsize off = 0; off < MAX (la, lb); off += 4096)
    if (off + 4096 > la || off + 4096 > lb || memcmp (pa + off, pb + off, 4096) != 0)
      n++;
  return n;
}

/* Pages that did not change are byte-identical from one snapshot to the
 * next: after one changed row, a handful of blocks differ (the two
 * header copies' MAC and snapshot block, the changed pages), not the
 * file. */
static void
test_unchanged_pages_identical (Fixture *f, gconstpointer data)
{
  g_autofree char *first_path = take_snapshot (f, NULL);
  g_autoptr (GBytes) first = read_all (first_path);
  g_autofree char *second_path = NULL;
  g_autoptr (GBytes) second = NULL;
  guint blocks, differing;

  test_exec (f->db, "UPDATE notes SET body = 'visited' WHERE id = 1000");
  audit (f, "update");
  second_path = take_snapshot (f, NULL);
  second = read_all (second_path);
  differing = differing_blocks (first, second, &blocks);
  g_test_message ("%u of %u blocks differ", differing, blocks);
  g_assert_cmpuint (blocks, >, 100);
  g_assert_cmpuint (differing, <=, 12);
  /* Never the whole header area: slots and origins are the same bytes. */
  g_assert_cmpmem ((const guint8 *) g_bytes_get_data (first, NULL) + 4096, 8192,
                   (const guint8 *) g_bytes_get_data (second, NULL) + 4096, 8192);
}

/* A snapshot is never written: SQLite opens it read-only, any write is
 * refused with a message that says where records are made, and the file
 * is byte for byte what it was, with no journal beside it. */
static void
test_read_only (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *written = take_snapshot (f, NULL);
  g_autofree char *journal = g_strconcat (written, "-journal", NULL);
  g_autoptr (GBytes) before = read_all (written);
  g_autoptr (GBytes) after = NULL;
  g_autoptr (YkStore) snapshot = open_snapshot (written);
  g_autofree char *recovery_key = NULL;
  sqlite3 *db = yk_store_get_connection (snapshot);
  sqlite3 *reader = NULL;
  int rc;

  g_assert_cmpint (sqlite3_db_readonly (db, "main"), ==, 1);
  rc = sqlite3_exec (db, "INSERT INTO notes (body) VALUES ('refused')", NULL, NULL, NULL);
  g_assert_cmpint (rc & 0xff, ==, SQLITE_READONLY);
  yk_db_set_sqlite_error (&error, db, sqlite3_extended_errcode (db), "Saving");
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_READ_ONLY);
  g_assert_cmpstr (error->message, ==,
                   "“JL+SPQ.ykdb” is a snapshot: it is read only. Records are made in the site’s own file.");
  g_clear_error (&error);

  g_assert_false (yk_store_add_account (snapshot, "li", "li's own passphrase", YK_KDF_INTERACTIVE, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (yk_store_rotate_key (snapshot, &recovery_key, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (yk_store_snapshot (snapshot, f->dir, NULL, NULL, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_READ_ONLY);
  g_clear_error (&error);

  /* Reading works, also from a worker's connection, and a whole check. */
  reader = yk_store_open_connection (snapshot, &error);
  g_assert_nonnull (reader);
  g_assert_cmpint (test_query_int (reader, "SELECT count(*) FROM notes"), ==, ROWS);
  g_assert_cmpint (sqlite3_exec (reader, "DELETE FROM notes", NULL, NULL, NULL) & 0xff, ==, SQLITE_READONLY);
  yk_store_close_connection (snapshot, reader);
  {
    YkStoreCheck check;

    g_assert_true (yk_store_check (snapshot, &check, &error));
    g_assert_no_error (error);
    g_assert_true (check.copy_a_ok && check.copy_b_ok);
  }
  g_assert_false (g_file_test (journal, G_FILE_TEST_EXISTS));
  g_clear_pointer (&snapshot, yk_store_close);

  after = read_all (written);
  g_assert_true (g_bytes_equal (before, after));
}

/* One byte of the snapshot block changed, checksums fixed up: the MAC
 * fails, and the file does not open. */
static void
test_tampered_block (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *written = take_snapshot (f, NULL);
  g_autoptr (GBytes) bytes = read_all (written);
  g_autofree guint8 *copy = g_memdup2 (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
  g_autoptr (YkStore) snapshot = NULL;

  for (int c = 0; c < 2; c++)
    {
      guint8 *header = copy + c * YK_HEADER_COPY_SIZE;

      header[32384] ^= 0x01; /* the generation */
      crypto_generichash (header + YK_HEADER_COPY_SIZE - 32, 32, header, YK_HEADER_COPY_SIZE - 32, NULL, 0);
    }
  g_assert_true (g_file_set_contents (written, (const char *) copy, g_bytes_get_size (bytes), NULL));
  snapshot = yk_store_unlock (written, TEST_ACCOUNT, TEST_PASSWORD, &error);
  g_assert_null (snapshot);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_DAMAGED_HEADER);
}

/* The folder is gone: a message naming it, nothing written anywhere, the
 * source untouched (not even its snapshot number). */
static void
test_missing_folder (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *missing = g_build_filename (f->out, "gone", NULL);
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  char *written = NULL;

  /* An unlock records the header generation once (the fixture made the
   * schema after the file): settled before the bytes are kept. */
  yk_store_close (f->store);
  yk_store_close (test_unlock (f->path));
  before = read_all (f->path);
  f->store = test_unlock (f->path);
  f->db = yk_store_get_connection (f->store);

  g_assert_false (yk_store_snapshot (f->store, missing, &written, NULL, &error));
  g_assert_null (written);
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_cmpuint (count_entries (f->out), ==, 0);
  g_assert_cmpint (test_query_int (f->db, "SELECT count(*) FROM settings WHERE key = 'snapshot_generation'"), ==, 0);
  g_clear_error (&error);

  /* A file where the folder should be. */
  g_assert_true (g_file_set_contents (missing, "not a folder", -1, NULL));
  g_assert_false (yk_store_snapshot (f->store, missing, &written, NULL, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_IO);
  g_clear_error (&error);
  g_unlink (missing);
  g_assert_cmpuint (count_entries (f->out), ==, 0);

  /* A folder that cannot be written (root writes anywhere: not checked). */
  if (geteuid () != 0)
    {
      g_assert_cmpint (g_chmod (f->out, 0500), ==, 0);
      g_assert_false (yk_store_snapshot (f->store, f->out, &written, NULL, &error));
      g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_IO);
      g_assert_nonnull (strstr (error->message, f->out));
      g_assert_cmpint (g_chmod (f->out, 0700), ==, 0);
      g_assert_cmpuint (count_entries (f->out), ==, 0);
    }

  yk_store_close (f->store);
  after = read_all (f->path);
  g_assert_true (g_bytes_equal (before, after));
  f->store = test_unlock (f->path);
}

/* Never over the database itself, nor over a file that is not Yukang's;
 * no temporary file stays behind either way. */
static void
test_refused_destinations (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *own = g_build_filename (f->out, "JL+SPQ.ykdb", NULL);
  g_autoptr (GBytes) before = NULL;

  g_assert_true (g_file_set_contents (own, "someone's notes", -1, NULL));
  g_assert_false (yk_store_snapshot (f->store, f->out, NULL, NULL, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_EXISTS);
  g_clear_error (&error);
  g_assert_cmpuint (count_entries (f->out), ==, 1);
  g_unlink (own);

  /* The site file itself, named as its snapshot would be. */
  yk_store_close (f->store);
  g_assert_cmpint (g_rename (f->path, own), ==, 0);
  yk_store_close (test_unlock (own));
  before = read_all (own);
  f->store = test_unlock (own);
  f->db = yk_store_get_connection (f->store);
  g_assert_false (yk_store_snapshot (f->store, f->out, NULL, NULL, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED);
  g_assert_cmpuint (count_entries (f->out), ==, 1);
  yk_store_close (f->store);
  f->store = NULL;
  {
    g_autoptr (GBytes) after = read_all (own);

    g_assert_true (g_bytes_equal (before, after));
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (yk_crypto_init (NULL));

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/db/snapshot/header-fields", test_header_fields);
  ADD ("/db/snapshot/one-site-name", test_one_site_name);
  ADD ("/db/snapshot/write-in-progress", test_write_in_progress);
  ADD ("/db/snapshot/commit-during-copy", test_commit_during_copy);
  ADD ("/db/snapshot/unchanged-pages-identical", test_unchanged_pages_identical);
  ADD ("/db/snapshot/read-only", test_read_only);
  ADD ("/db/snapshot/tampered-block", test_tampered_block);
  ADD ("/db/snapshot/missing-folder", test_missing_folder);
  ADD ("/db/snapshot/refused-destinations", test_refused_destinations);
#undef ADD
  return g_test_run ();
}
