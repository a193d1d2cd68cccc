/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What app/ gives the district view and the site's window
 * (docs/design/security.md, "Portable key slots" and "Snapshots"):
 * one password for every file (init and user add --key-from, sessions
 * opened with an identity), and snapshots, read-only, audited in the
 * site's file, verified against their own audit head. */
#include "app-test-util.h"
#include "yk-accounts.h"
#include "yk-app-error.h"
#include "yk-audit.h"
#include "yk-casework.h"
#include "yk-crypto-error.h"
#include "yk-db-error.h"
#include "yk-header.h"
#include "yk-key-slot-private.h"
#include "yk-ledger.h"
#include "yk-secret.h"
#include "yk-snapshot.h"
#include "yk-verify.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define PW APP_TEST_COORDINATOR_PASSWORD
#define WORKER_PW APP_TEST_WORKER_PASSWORD

typedef struct
{
  AppTestDb db;     /* pilot.ykdb: admin and li */
  char *other;      /* site.ykdb: made by admin with --key-from pilot.ykdb */
  char *snapshots;  /* a snapshot folder */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) site = NULL;
  g_autofree char *recovery_key = NULL;

  app_test_db_make (&f->db);
  g_clear_pointer (&f->db.coordinator, yk_session_close);
  f->other = g_build_filename (f->db.dir, "site.ykdb", NULL);
  f->snapshots = g_build_filename (f->db.dir, "snapshots", NULL);
  g_assert_cmpint (g_mkdir (f->snapshots, 0700), ==, 0);
  site = yk_session_create_key_from (f->other, f->db.path, APP_TEST_COORDINATOR, "王协调", PW, &recovery_key,
                                     &error);
  g_assert_no_error (error);
  g_assert_nonnull (site);
  g_assert_nonnull (recovery_key);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  app_test_db_clear (&f->db);
  g_free (f->other);
  g_free (f->snapshots);
}

/* The last audit entry's action and detail. */
static void
assert_last_entry (YkSession *session, const char *action, const char *detail)
{
  sqlite3 *db = app_test_connection (session);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT action, detail FROM audit ORDER BY id DESC LIMIT 1", -1, &stmt,
                                       NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, action);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, detail);
  sqlite3_finalize (stmt);
}

/* init --key-from: audited in the new file with where the key came from;
 * one Argon2id opens both files. */
static void
test_one_password (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkIdentity) identity = NULL;
  g_autoptr (YkSession) pilot = NULL;
  g_autoptr (YkSession) site = NULL;
  g_autoptr (YkSession) wrong = NULL;
  guint runs;

  runs = _yk_key_slot_kdf_runs ();
  pilot = yk_session_open_identity (f->db.path, APP_TEST_COORDINATOR, PW, &identity, &error);
  g_assert_no_error (error);
  g_assert_nonnull (identity);
  site = yk_session_open_with_identity (f->other, identity, &error);
  g_assert_no_error (error);
  g_assert_nonnull (site);
  g_assert_cmpuint (_yk_key_slot_kdf_runs (), ==, runs + 1);
  g_assert_cmpstr (yk_session_get_account (site), ==, APP_TEST_COORDINATOR);
  g_assert_cmpint (yk_session_get_role (site), ==, YK_ROLE_COORDINATOR);
  assert_last_entry (site, "unlock", NULL);
  g_assert_cmpint (app_test_query_int (site, "SELECT count(*) FROM audit WHERE action = 'create' "
                                             "AND detail = 'key from pilot.ykdb'"), ==, 1);
  g_clear_pointer (&site, yk_session_close);

  /* li has no slot in site.ykdb yet. */
  g_clear_pointer (&identity, yk_identity_free);
  g_clear_pointer (&pilot, yk_session_close);
  pilot = yk_session_open_identity (f->db.path, APP_TEST_WORKER, WORKER_PW, &identity, &error);
  g_assert_nonnull (pilot);
  wrong = yk_session_open_with_identity (f->other, identity, &error);
  g_assert_null (wrong);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_NO_SLOT);
  g_assert_cmpstr (error->message, ==, "“site.ykdb” has no key slot for “li”");
}

/* init --key-from with a wrong password: nothing is made, and the
 * failure is noted beside the file it was tried on. */
static void
test_create_key_from_wrong_password (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_build_filename (f->db.dir, "third.ykdb", NULL);
  g_autofree char *log = g_strconcat (f->db.path, ".failed-unlocks", NULL);
  g_autofree char *recovery_key = NULL;
  g_autoptr (YkSession) session = NULL;

  session = yk_session_create_key_from (path, f->db.path, APP_TEST_COORDINATOR, NULL, "not the password",
                                        &recovery_key, &error);
  g_assert_null (session);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (log, G_FILE_TEST_EXISTS));
  g_assert_null (recovery_key);
}

/* user add --key-from: coordinator only, audited with the file's name,
 * and li's own password opens the site file as a social worker of SPQ. */
static void
test_add_key_from (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) site = app_test_db_open (&(AppTestDb) { .path = f->other }, APP_TEST_COORDINATOR, PW);
  g_autoptr (YkSession) li = NULL;
  gboolean authenticated = FALSE;

  g_assert_true (yk_accounts_add_key_from (site, APP_TEST_WORKER, f->db.path, YK_ROLE_WORKER, "SPQ", "李社工",
                                           &authenticated, &error));
  g_assert_no_error (error);
  g_assert_true (authenticated);
  assert_last_entry (site, "account_add", "li, key from pilot.ykdb");

  g_assert_false (yk_accounts_add_key_from (site, APP_TEST_WORKER, f->db.path, YK_ROLE_WORKER, "SPQ", NULL, NULL,
                                            &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);
  /* A worker needs a site; a file without the account adds nothing. */
  g_assert_false (yk_accounts_add_key_from (site, "zhang", f->db.path, YK_ROLE_WORKER, NULL, NULL, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (yk_accounts_add_key_from (site, "zhang", f->db.path, YK_ROLE_WORKER, "JL", NULL, NULL, &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_NO_SLOT);
  g_clear_error (&error);
  g_assert_cmpint (app_test_query_int (site, "SELECT count(*) FROM staff WHERE account = 'zhang'"), ==, 0);
  g_clear_pointer (&site, yk_session_close);

  li = yk_session_open (f->other, APP_TEST_WORKER, WORKER_PW, &error);
  g_assert_no_error (error);
  g_assert_nonnull (li);
  g_assert_cmpint (yk_session_get_role (li), ==, YK_ROLE_WORKER);
  /* A social worker adds no one. */
  g_assert_false (yk_accounts_add_key_from (li, "wang", f->db.path, YK_ROLE_COORDINATOR, NULL, NULL, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
}

static char *
snapshot (YkSession *session, const char *directory, YkSnapshotInfo *info)
{
  g_autoptr (GError) error = NULL;
  char *written = NULL;

  g_assert_true (yk_session_snapshot_info (session, directory, &written, info, &error));
  g_assert_no_error (error);
  return written;
}

/* A snapshot by a social worker: audited in the source as `snapshot`
 * with its number, after the copy (the snapshot's head is the entry
 * before). It opens with a password or an identity, writes nothing into
 * itself (no unlock entry), and refuses a record with the message. */
static void
test_snapshot_session (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) li = app_test_db_open (&f->db, APP_TEST_WORKER, WORKER_PW);
  g_autoptr (YkSession) snap = NULL;
  g_autoptr (YkIdentity) identity = NULL;
  g_autoptr (YkSession) pilot = NULL;
  g_autofree char *written = NULL;
  g_autofree char *head_before = NULL;
  g_autofree char *expected = g_build_filename (f->snapshots, "JL+SPQ.ykdb", NULL);
  YkSnapshotInfo info, opened;
  YkAuditHead head;
  YkClientRecord client = { .case_no = (char *) "SPQ-009", .name = (char *) "陈建华", .gender = (char *) "男",
                            .birth_date = (char *) "1980-02-29", .site_id = 1, .intake_date = (char *) "2021-01-04",
                            .consent_date = (char *) "2021-01-04", .stable_at_intake = TRUE, .risk_level = 1,
                            .status = (char *) "active" };
  gint64 rows;

  g_assert_true (yk_audit_read_head (app_test_connection (li), &head, &error));
  written = snapshot (li, f->snapshots, &info);
  g_assert_cmpstr (written, ==, expected);
  g_assert_cmpuint (info.generation, ==, 1);
  g_assert_cmpstr (info.site_codes, ==, "JL+SPQ");
  g_assert_cmpuint (info.audit_head_id, ==, (guint64) head.id);
  assert_last_entry (li, "snapshot", "1");
  g_clear_pointer (&written, g_free);
  written = snapshot (li, f->snapshots, &info);
  g_assert_cmpuint (info.generation, ==, 2);
  assert_last_entry (li, "snapshot", "2");

  snap = yk_session_open (written, APP_TEST_WORKER, WORKER_PW, &error);
  g_assert_no_error (error);
  g_assert_true (yk_session_get_snapshot_info (snap, &opened));
  g_assert_cmpuint (opened.generation, ==, 2);
  g_assert_false (yk_session_get_snapshot_info (li, &opened));
  rows = app_test_query_int (snap, "SELECT count(*) FROM audit");
  g_assert_cmpuint ((guint64) rows, ==, info.audit_head_id);

  g_assert_false (yk_casework_add_client (snap, &client, NULL, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_READ_ONLY);
  g_assert_cmpstr (error->message, ==,
                   "“JL+SPQ.ykdb” is a snapshot: it is read only. Records are made in the site’s own file.");
  g_clear_error (&error);
  g_assert_false (yk_session_snapshot (snap, f->snapshots, NULL, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_cmpint (app_test_query_int (snap, "SELECT count(*) FROM audit"), ==, rows);
  g_clear_pointer (&snap, yk_session_close);

  /* The district view's way in: one identity, no entry either. */
  pilot = yk_session_open_identity (f->db.path, APP_TEST_COORDINATOR, PW, &identity, &error);
  snap = yk_session_open_with_identity (written, identity, &error);
  g_assert_no_error (error);
  g_assert_nonnull (snap);
  g_assert_cmpint (app_test_query_int (snap, "SELECT count(*) FROM audit"), ==, rows);

  /* Wrong password: nothing is written beside a snapshot. */
  g_clear_pointer (&snap, yk_session_close);
  snap = yk_session_open (written, APP_TEST_WORKER, "not the password", &error);
  g_assert_null (snap);
  g_clear_error (&error);
  {
    g_autofree char *log = g_strconcat (written, ".failed-unlocks", NULL);

    g_assert_false (g_file_test (log, G_FILE_TEST_EXISTS));
  }
}

/* Reading works on a snapshot as on any file: the ledger export (its
 * entry is not written: the file is read-only) and verify, which also
 * checks that the trail ends at the snapshot's head. */
static void
test_snapshot_reading (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) admin = app_test_db_open (&f->db, APP_TEST_COORDINATOR, PW);
  g_autofree char *written = snapshot (admin, f->snapshots, NULL);
  g_autofree char *ledger = g_build_filename (f->db.dir, "ledger", NULL);
  g_autoptr (YkSession) snap = yk_session_open (written, APP_TEST_COORDINATOR, PW, &error);
  YkVerifyReport report = { 0 };

  g_assert_no_error (error);
  g_assert_true (yk_ledger_export (snap, ledger, &error));
  g_assert_no_error (error);
  g_assert_true (yk_verify (snap, &report, &error));
  g_assert_no_error (error);
  g_assert_true (report.snapshot);
  g_assert_true (report.snapshot_head_matches);
  g_assert_true (yk_verify_report_ok (&report));
  yk_verify_report_clear (&report);

  g_assert_true (yk_verify (admin, &report, &error));
  g_assert_false (report.snapshot);
  g_assert_true (yk_verify_report_ok (&report));
  yk_verify_report_clear (&report);
  app_test_remove_tree (ledger);
}

/* A snapshot block naming another head than the trail's last entry
 * (written with the key, so the MAC holds): verify says so. */
static void
test_snapshot_head_mismatch (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) admin = app_test_db_open (&f->db, APP_TEST_COORDINATOR, PW);
  g_autofree char *written = snapshot (admin, f->snapshots, NULL);
  g_autofree char *contents = NULL;
  g_autofree YkHeader *header = g_new0 (YkHeader, 2);
  g_autoptr (YkSecret) key = NULL;
  g_autoptr (YkSession) snap = NULL;
  YkHeaderCopies copies;
  YkVerifyReport report = { 0 };
  gsize length = 0;
  int index;

  g_assert_true (g_file_get_contents (written, &contents, &length, NULL));
  g_assert_cmpuint (yk_header_read_area ((guint8 *) contents, length, header, &copies, &error), ==, 2);
  index = yk_header_find_account (header, APP_TEST_COORDINATOR);
  key = yk_key_slot_open_with_password (&header->slots[index], index, header->database_id, PW, &error);
  g_assert_nonnull (key);
  header->snapshot.audit_head_id -= 1;
  yk_header_serialize (header, key, (guint8 *) contents);
  memcpy (contents + YK_HEADER_COPY_SIZE, contents, YK_HEADER_COPY_SIZE);
  g_assert_true (g_file_set_contents (written, contents, length, NULL));

  snap = yk_session_open (written, APP_TEST_COORDINATOR, PW, &error);
  g_assert_no_error (error);
  g_assert_true (yk_verify (snap, &report, &error));
  g_assert_true (report.snapshot);
  g_assert_false (report.snapshot_head_matches);
  g_assert_false (yk_verify_report_ok (&report));
  yk_verify_report_clear (&report);
}

/* The folder is missing: the message names it, nothing is written, and
 * the source has no entry for it. */
static void
test_snapshot_missing_folder (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) li = app_test_db_open (&f->db, APP_TEST_WORKER, WORKER_PW);
  g_autofree char *gone = g_build_filename (f->snapshots, "gone", NULL);
  g_autofree char *written = NULL;
  gint64 rows = app_test_query_int (li, "SELECT count(*) FROM audit");

  g_assert_false (yk_session_snapshot (li, gone, &written, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_IO);
  g_assert_nonnull (strstr (error->message, gone));
  g_assert_null (written);
  g_assert_cmpint (app_test_query_int (li, "SELECT count(*) FROM audit"), ==, rows);
  {
    g_autoptr (GDir) dir = g_dir_open (f->snapshots, 0, NULL);

    g_assert_null (g_dir_read_name (dir));
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/app/identity/one-password", test_one_password);
  ADD ("/app/identity/create-key-from-wrong-password", test_create_key_from_wrong_password);
  ADD ("/app/identity/add-key-from", test_add_key_from);
  ADD ("/app/identity/snapshot-session", test_snapshot_session);
  ADD ("/app/identity/snapshot-reading", test_snapshot_reading);
  ADD ("/app/identity/snapshot-head-mismatch", test_snapshot_head_mismatch);
  ADD ("/app/identity/snapshot-missing-folder", test_snapshot_missing_folder);
#undef ADD
  return g_test_run ();
}
