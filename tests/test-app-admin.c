/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the Administration screen adds to app/: a backup (coordinator
 * only, audited) and yk_verify() split so that its SQLite checks run on
 * a connection of their own. */
#include "app-test-util.h"
#include "yk-accounts.h"
#include "yk-crypto-error.h"
#include "yk-recovery-key.h"
#include "yk-secret.h"
#include "yk-admin.h"
#include "yk-app-error.h"
#include "yk-audit-words.h"
#include "yk-db-error.h"
#include "yk-db-records.h"
#include "yk-demo.h"
#include "yk-ledger.h"
#include "yk-preferences.h"
#include "yk-reader-private.h"

#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

#define PW "coordinator pass 1"
#define WORKER_PW "worker pass 12345"

typedef struct
{
  AppTestDb db;
  YkSession *session; /* the coordinator's, unless a test opens another */
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  app_test_db_init (&f->db, "pilot.ykdb");
  app_test_db_create (&f->db, "admin", NULL, PW);
  app_test_db_add_worker (&f->db, "li", WORKER_PW, "SPQ", "李四");
  f->session = g_steal_pointer (&f->db.coordinator);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_pointer (&f->session, yk_session_close);
  app_test_db_clear (&f->db);
}

static guint64
audit_rows (YkSession *session)
{
  YkAuditCheck check;
  g_autoptr (GError) error = NULL;

  g_assert_true (yk_session_check_audit (session, &check, &error));
  g_assert_no_error (error);
  g_assert_cmpint (check.first_bad_id, ==, 0);
  return check.rows;
}

static void
test_backup (Fixture *f, gconstpointer data)
{
  g_autofree char *backup = g_build_filename (f->db.dir, "backup.ykdb", NULL);
  g_autoptr (GError) error = NULL;
  guint64 before = audit_rows (f->session);
  YkSession *copy, *worker;

  g_assert_true (yk_admin_backup (f->session, backup, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (audit_rows (f->session), ==, before + 1);
  /* The copy opens with the same accounts. */
  copy = yk_session_open (backup, "li", WORKER_PW, &error);
  g_assert_no_error (error);
  g_assert_nonnull (copy);
  yk_session_close (copy);

  /* A social worker may not. */
  worker = yk_session_open (f->db.path, "li", WORKER_PW, &error);
  g_assert_no_error (error);
  g_unlink (backup);
  g_assert_false (yk_admin_backup (worker, backup, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  yk_session_close (worker);
}

static void
test_verify_split (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkStore *store = yk_session_get_store (f->session);
  YkVerifyReport whole = { 0 }, split = { 0 };
  YkReader *reader;
  sqlite3 *db;

  g_assert_true (yk_verify (f->session, &whole, &error));
  g_assert_true (yk_admin_verify_store (f->session, &split, &error));
  g_assert_no_error (error);
  db = yk_store_open_connection (store, &error);
  g_assert_no_error (error);
  reader = _yk_reader_new (f->session, db);
  g_assert_true (yk_admin_verify_reader (reader, &split, &error));
  g_assert_no_error (error);
  yk_reader_free (reader);
  yk_store_close_connection (store, db);

  g_assert_true (yk_verify_report_ok (&split));
  g_assert_cmpuint (split.store.pages, ==, whole.store.pages);
  g_assert_cmpuint (split.store.pages, >, 0);
  g_assert_true (split.store.copy_a_ok && split.store.copy_b_ok);
  g_assert_cmpuint (split.audit.rows, ==, whole.audit.rows);
  g_assert_cmpuint (split.audit.rows, >, 0);
  yk_verify_report_clear (&whole);
  yk_verify_report_clear (&split);
}

static GBytes *
file_contents (const char *path)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &contents, &length, &error));
  g_assert_no_error (error);
  return g_bytes_new_take (contents, length);
}

/* When someone leaves (docs/design/file-format.md, "Copies"): after a coordinator removes an
 * account and rotates the key, the rest work as before, the removed
 * password opens nothing, and verify passes: the trail was signed anew. */
static void
test_rotate_key (Fixture *f, gconstpointer data)
{
  g_autofree char *recovery_key = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  YkVerifyReport report = { 0 };
  guint64 rows;
  YkSession *session;

  g_assert_true (yk_accounts_add (f->session, "zhao", WORKER_PW, YK_ROLE_WORKER, "JL", "赵六",
                                  YK_KDF_INTERACTIVE, &error));
  g_assert_true (yk_accounts_remove (f->session, "zhao", &error));
  g_assert_no_error (error);
  rows = audit_rows (f->session);

  /* A social worker may not. */
  session = yk_session_open (f->db.path, "li", WORKER_PW, &error);
  g_assert_no_error (error);
  g_assert_false (yk_session_rotate_key (session, &recovery_key, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_clear_error (&error);
  yk_session_close (session);
  rows = audit_rows (f->session);

  before = file_contents (f->db.path);
  g_assert_true (yk_session_rotate_key (f->session, &recovery_key, &error));
  g_assert_no_error (error);
  after = file_contents (f->db.path);
  g_assert_false (g_bytes_equal (before, after));

  /* Verified in this session and afresh: the chain holds, one row more. */
  g_assert_cmpuint (audit_rows (f->session), ==, rows + 1);
  g_assert_true (yk_verify (f->session, &report, &error));
  g_assert_no_error (error);
  g_assert_true (yk_verify_report_ok (&report));
  yk_verify_report_clear (&report);
  g_clear_pointer (&f->session, yk_session_close);

  f->session = yk_session_open (f->db.path, "li", WORKER_PW, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (audit_rows (f->session), ==, rows + 2); /* li's unlock */
  g_clear_pointer (&f->session, yk_session_close);
  g_assert_null (yk_session_open (f->db.path, "zhao", WORKER_PW, &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  f->session = yk_session_open (f->db.path, "admin", PW, &error);
  g_assert_no_error (error);
}

/* The audit trail's newest `n` actions, oldest first, joined by spaces. */
static char *
last_actions (YkSession *session, int n)
{
  sqlite3_stmt *stmt = NULL;
  char *actions;

  g_assert_cmpint (sqlite3_prepare_v2 (yk_store_get_connection (yk_session_get_store (session)),
                                       "SELECT group_concat(action, ' ') FROM (SELECT action FROM "
                                       "(SELECT id, action FROM audit ORDER BY id DESC LIMIT ?) ORDER BY id)",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int (stmt, 1, n);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  actions = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return actions;
}

/* 忘记密码: the recovery key sets li a new password, audited as li
 * with the recovery key; li then unlocks with it. A wrong key, a typo,
 * an unknown account and a weak password change nothing. */
static void
test_recover_password (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *typo = g_strdup (f->db.recovery_key);
  g_autofree char *actions = NULL;
  g_autoptr (YkSecret) another = yk_recovery_key_generate ();
  g_autofree char *another_key = yk_recovery_key_format (another);
  YkSession *session;

  g_assert_false (yk_accounts_recover_password (f->db.path, another_key, "li", "li's new password",
                                                YK_KDF_INTERACTIVE, &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  typo[0] = typo[0] == 'A' ? 'B' : 'A';
  g_assert_false (yk_accounts_recover_password (f->db.path, typo, "li", "li's new password", YK_KDF_INTERACTIVE,
                                                &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_RECOVERY_KEY_TYPO);
  g_clear_error (&error);
  g_assert_false (yk_accounts_recover_password (f->db.path, f->db.recovery_key, "nobody", "li's new password",
                                                YK_KDF_INTERACTIVE, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (yk_accounts_recover_password (f->db.path, f->db.recovery_key, "li", "short", YK_KDF_INTERACTIVE,
                                                &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WEAK_PASSWORD);
  g_clear_error (&error);

  g_assert_true (yk_accounts_recover_password (f->db.path, f->db.recovery_key, "li", "li's new password",
                                               YK_KDF_INTERACTIVE, &error));
  g_assert_no_error (error);
  g_assert_null (yk_session_open (f->db.path, "li", WORKER_PW, &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  session = yk_session_open (f->db.path, "li", "li's new password", &error);
  g_assert_no_error (error);
  g_assert_false (yk_session_opened_with_recovery_key (session));
  yk_session_close (session);

  /* In the trail: li, opened with the recovery key, set a password;
   * then li's own unlock. */
  actions = last_actions (f->session, 5);
  g_assert_cmpstr (actions, ==, "unlock_failed unlock_recovery password_recover unlock_failed unlock");
}

/* A trail that fails its check is never signed anew: the file stays as
 * it was, and the old key still opens it. */
static void
test_rotate_key_refuses_altered_trail (Fixture *f, gconstpointer data)
{
  g_autofree char *recovery_key = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (f->session));
  YkAuditCheck check;

  g_assert_cmpint (sqlite3_exec (db, "DROP TRIGGER audit_no_update; "
                                     "UPDATE audit SET account = 'nobody' WHERE id = 2", NULL, NULL, NULL), ==, SQLITE_OK);
  before = file_contents (f->db.path);
  g_assert_false (yk_session_rotate_key (f->session, &recovery_key, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED);
  g_clear_error (&error);
  after = file_contents (f->db.path);
  g_assert_true (g_bytes_equal (before, after));

  g_assert_true (yk_session_check_audit (f->session, &check, &error));
  g_assert_cmpint (check.first_bad_id, ==, 2);
  g_clear_pointer (&f->session, yk_session_close);
  f->session = yk_session_open (f->db.path, "li", WORKER_PW, &error);
  g_assert_no_error (error);
}

/* A coordinator moves a social worker to another site, then makes them
 * a coordinator; each change is audited once, and the account unlocks
 * with its new role and site. Mistakes change nothing. */
static void
test_set_role (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  guint64 rows = audit_rows (f->session);
  gint64 jl = yk_db_site_find (yk_store_get_connection (yk_session_get_store (f->session)), "JL", &error);
  YkSession *li;

  g_assert_cmpint (jl, >, 0);
  li = yk_session_open (f->db.path, "li", WORKER_PW, &error);
  g_assert_no_error (error);
  g_assert_false (yk_accounts_set_role (li, "admin", YK_ROLE_WORKER, "JL", &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_cmpint (yk_session_get_site_id (li), !=, jl);
  yk_session_close (li);
  rows = audit_rows (f->session);

  g_assert_false (yk_accounts_set_role (f->session, "admin", YK_ROLE_WORKER, "JL", &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (yk_accounts_set_role (f->session, "li", YK_ROLE_WORKER, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (yk_accounts_set_role (f->session, "li", YK_ROLE_WORKER, "XX", &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (yk_accounts_set_role (f->session, "nobody", YK_ROLE_WORKER, "JL", &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpuint (audit_rows (f->session), ==, rows);

  g_assert_true (yk_accounts_set_role (f->session, "li", YK_ROLE_WORKER, "JL", &error));
  g_assert_no_error (error);
  g_assert_cmpuint (audit_rows (f->session), ==, rows + 1);
  g_assert_true (yk_accounts_set_role (f->session, "li", YK_ROLE_WORKER, "JL", &error));
  g_assert_cmpuint (audit_rows (f->session), ==, rows + 1);
  li = yk_session_open (f->db.path, "li", WORKER_PW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yk_session_get_site_id (li), ==, jl);
  g_assert_cmpint (yk_session_get_role (li), ==, YK_ROLE_WORKER);
  yk_session_close (li);

  g_assert_true (yk_accounts_set_role (f->session, "li", YK_ROLE_COORDINATOR, NULL, &error));
  g_assert_no_error (error);
  li = yk_session_open (f->db.path, "li", WORKER_PW, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yk_session_get_role (li), ==, YK_ROLE_COORDINATOR);
  yk_session_close (li);
}

static void
test_settings (Fixture *f, gconstpointer data)
{
  const char *refused[] = { "3 weekz", "", "days", "0 weeks", "0 days", "-2 months", "14 dayz", "1001 days", "2.5 months" };
  g_autoptr (GError) error = NULL;
  g_autofree char *value = NULL;
  guint64 before = audit_rows (f->session);
  YkSession *worker;

  for (guint i = 0; i < G_N_ELEMENTS (refused); i++)
    {
      g_assert_false (yk_admin_setting_set (f->session, "followup_stable", refused[i], &error));
      g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
      g_clear_error (&error);
    }
  value = yk_admin_setting_get (f->session, "followup_stable", &error);
  g_assert_cmpstr (value, ==, "3 months");
  g_assert_cmpuint (audit_rows (f->session), ==, before);

  g_assert_true (yk_admin_setting_set (f->session, "followup_stable", " 2 个月 ", &error));
  g_assert_no_error (error);
  g_clear_pointer (&value, g_free);
  value = yk_admin_setting_get (f->session, "followup_stable", &error);
  g_assert_cmpstr (value, ==, "2 months");
  g_assert_true (yk_admin_setting_set (f->session, "followup_unstable", "7 days", &error));
  g_clear_pointer (&value, g_free);
  value = yk_admin_setting_get (f->session, "followup_unstable", &error);
  g_assert_cmpstr (value, ==, "7 days");
  /* Weeks, as the administration form offers them: stored as the rules
   * read them. */
  g_assert_true (yk_admin_setting_set (f->session, "followup_basically_stable", "2 周", &error));
  g_assert_no_error (error);
  g_clear_pointer (&value, g_free);
  value = yk_admin_setting_get (f->session, "followup_basically_stable", &error);
  g_assert_cmpstr (value, ==, "2 weeks");
  g_assert_cmpuint (audit_rows (f->session), ==, before + 3);

  g_assert_false (yk_admin_setting_set (f->session, "improvement_threshold", "0", &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_false (yk_admin_setting_set (f->session, "improvement_threshold", "2x", &error));
  g_clear_error (&error);
  g_assert_true (yk_admin_setting_set (f->session, "improvement_threshold", "3", &error));
  g_clear_pointer (&value, g_free);
  value = yk_admin_setting_get (f->session, "improvement_threshold", &error);
  g_assert_cmpstr (value, ==, "3");
  g_assert_false (yk_admin_setting_set (f->session, "no_such_key", "3", &error));
  g_clear_error (&error);

  worker = yk_session_open (f->db.path, "li", WORKER_PW, &error);
  g_assert_no_error (error);
  g_assert_false (yk_admin_setting_set (worker, "improvement_threshold", "4", &error));
  g_assert_nonnull (error);
  yk_session_close (worker);
  g_clear_pointer (&value, g_free);
  value = yk_admin_setting_get (f->session, "improvement_threshold", NULL);
  g_assert_cmpstr (value, ==, "3");
}

static YkAdminAudit *
read_audit_limit (Fixture *f, const char *account, const char *table, const char *from, const char *to,
                  guint limit)
{
  YkStore *store = yk_session_get_store (f->session);
  YkAdminAuditFilter filter = { (char *) account, (char *) table, 0, (char *) from, (char *) to, limit };
  g_autoptr (GError) error = NULL;
  sqlite3 *db = yk_store_open_connection (store, &error);
  YkReader *reader;
  YkAdminAudit *audit;

  g_assert_no_error (error);
  reader = _yk_reader_new (f->session, db);
  audit = yk_admin_audit_read (reader, &filter, &error);
  g_assert_no_error (error);
  yk_reader_free (reader);
  yk_store_close_connection (store, db);
  g_assert_nonnull (audit);
  g_assert_cmpint (audit->check.first_bad_id, ==, 0);
  g_assert_cmpuint (audit->records->len, ==, audit->rows->len);
  return audit;
}

static YkAdminAudit *
read_audit (Fixture *f, const char *account, const char *table, const char *from, const char *to)
{
  return read_audit_limit (f, account, table, from, to, 100);
}

static void
test_audit_read (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  /* Local days: the test runs in Asia/Shanghai (main). */
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GDateTime) tomorrow = g_date_time_add_days (now, 1);
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *next_day = g_date_time_format (tomorrow, "%Y-%m-%d");
  YkAdminAuditFilter bad = { NULL, NULL, 0, (char *) "2021-13-01", NULL, 10 };
  YkAdminAudit *audit;
  guint64 total = audit_rows (f->session);

  g_assert_true (yk_admin_setting_set (f->session, "improvement_threshold", "4", &error));
  g_assert_true (yk_admin_setting_set (f->session, "followup_unstable", "10 days", &error));

  audit = read_audit (f, NULL, NULL, NULL, NULL);
  g_assert_cmpuint (audit->rows->len, ==, total + 2);
  g_assert_cmpuint (audit->check.rows, ==, total + 2);
  /* Newest first. */
  g_assert_cmpstr (((YkAuditRow *) audit->rows->pdata[0])->detail, ==, "followup_unstable=10 days");
  yk_admin_audit_free (audit);

  audit = read_audit (f, NULL, "settings", NULL, NULL);
  g_assert_cmpuint (audit->rows->len, ==, 2);
  for (guint i = 0; i < audit->rows->len; i++)
    g_assert_cmpstr (((YkAuditRow *) audit->rows->pdata[i])->action, ==, "setting_change");
  yk_admin_audit_free (audit);

  audit = read_audit (f, "li", NULL, NULL, NULL);
  g_assert_cmpuint (audit->rows->len, ==, 0);
  yk_admin_audit_free (audit);
  audit = read_audit (f, "admin", NULL, today, today);
  g_assert_cmpuint (audit->rows->len, ==, total + 2);
  yk_admin_audit_free (audit);
  audit = read_audit (f, NULL, NULL, next_day, NULL);
  g_assert_cmpuint (audit->rows->len, ==, 0);
  yk_admin_audit_free (audit);

  g_assert_false (yk_admin_audit_filter_check (&bad, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
}

/* Every action code written anywhere in app/ has a label, and the label
 * a Chinese translation: the codes are read from the sources, so a new
 * yk_session_audit() call without a label fails here. */
static void
test_audit_action_labels (void)
{
  g_autofree char *app_dir = g_test_build_filename (G_TEST_DIST, "..", "app", NULL);
  g_autofree char *po_path = g_test_build_filename (G_TEST_DIST, "..", "po", "zh_CN.po", NULL);
  g_autofree char *po = NULL;
  g_autoptr (GDir) dir = g_dir_open (app_dir, 0, NULL);
  g_autoptr (GRegex) call = g_regex_new ("yk_session_audit \\(\\s*\\w+,\\s*([^,]*),", 0, 0, NULL);
  g_autoptr (GRegex) literal = g_regex_new ("\"([a-z_]+)\"", 0, 0, NULL);
  g_autoptr (GHashTable) written = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  const char *const *codes = yk_audit_action_codes ();
  const char *name;
  GHashTableIter iter;
  gpointer code;

  g_assert_nonnull (dir);
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (app_dir, name, NULL);
      g_autofree char *source = NULL;
      g_autoptr (GMatchInfo) calls = NULL;

      if (!g_str_has_suffix (name, ".c"))
        continue;
      g_assert_true (g_file_get_contents (path, &source, NULL, NULL));
      for (g_regex_match (call, source, 0, &calls); g_match_info_matches (calls); g_match_info_next (calls, NULL))
        {
          g_autofree char *action = g_match_info_fetch (calls, 1);
          g_autoptr (GMatchInfo) literals = NULL;

          for (g_regex_match (literal, action, 0, &literals); g_match_info_matches (literals);
               g_match_info_next (literals, NULL))
            g_hash_table_add (written, g_match_info_fetch (literals, 1));
        }
    }
  /* The scan itself works: codes from plain calls and from a ternary. */
  g_assert_true (g_hash_table_contains (written, "open_case"));
  g_assert_true (g_hash_table_contains (written, "password_reset"));
  g_assert_true (g_hash_table_contains (written, "names_mask"));
  g_assert_cmpuint (g_hash_table_size (written), >=, 20);

  g_hash_table_iter_init (&iter, written);
  while (g_hash_table_iter_next (&iter, &code, NULL))
    {
      g_test_message ("action %s", (char *) code);
      g_assert_true (g_strv_contains (codes, code));
    }
  g_assert_true (g_file_get_contents (po_path, &po, NULL, NULL));
  for (guint i = 0; codes[i] != NULL; i++)
    {
      /* Codes added since the last translation round: po/ is updated by
       * the translator, who then takes the code off this list. Until the
       * po file has the entry at all, it is not required. */
      static const char *const awaiting_translation[] = { NULL };
      const char *label = yk_audit_action_label (codes[i]);
      g_autofree char *entry = g_strdup_printf ("msgctxt \"audit action\"\nmsgid \"%s\"\nmsgstr \"", label);
      const char *found = strstr (po, entry);

      g_assert_cmpstr (label, !=, codes[i]);
      if (found == NULL && g_strv_contains (awaiting_translation, codes[i]))
        {
          g_test_message ("action %s awaits its translation", codes[i]);
          continue;
        }
      g_assert_nonnull (found);
      /* A translation, not an empty msgstr. */
      g_assert_cmpint (found[strlen (entry)], !=, '"');
    }
  g_assert_cmpstr (yk_audit_action_label ("open_case"), ==, "Opened a case file");
  g_assert_cmpstr (yk_audit_action_label ("unlock_failed"), ==, "Failed unlock");
  /* An unknown code is shown as it is, never hidden. */
  g_assert_cmpstr (yk_audit_action_label ("frobnicate"), ==, "frobnicate");
}

/* Stored UTC, shown local; a day in the filter is a local day. */
static void
test_audit_local_time (void)
{
  g_autofree char *from_at = NULL;
  g_autofree char *to_at = NULL;
  g_autofree char *shown = yk_audit_local_time ("2021-12-03T06:05:09Z");
  g_autofree char *midnight = yk_audit_local_time ("2021-12-02T16:00:00Z");
  g_autofree char *junk = yk_audit_local_time ("not a time");

  g_assert_cmpstr (shown, ==, "2021-12-03 14:05");
  g_assert_cmpstr (midnight, ==, "2021-12-03 00:00");
  g_assert_cmpstr (junk, ==, "not a time");

  g_assert_true (yk_audit_local_days ("2021-12-03", "2021-12-03", &from_at, &to_at));
  g_assert_cmpstr (from_at, ==, "2021-12-02T16:00:00Z");
  g_assert_cmpstr (to_at, ==, "2021-12-03T16:00:00Z");
  g_clear_pointer (&from_at, g_free);
  g_clear_pointer (&to_at, g_free);
  /* Open ends, a month end, and refusals. */
  g_assert_true (yk_audit_local_days (NULL, "2021-12-31", &from_at, &to_at));
  g_assert_null (from_at);
  g_assert_cmpstr (to_at, ==, "2021-12-31T16:00:00Z");
  g_clear_pointer (&to_at, g_free);
  g_assert_false (yk_audit_local_days ("2021-02-30", NULL, &from_at, &to_at));
  g_assert_false (yk_audit_local_days (NULL, "3 Dec", &from_at, &to_at));
}

/* Each entry made just now falls on today's local day, and on no other:
 * between 16:00 and 24:00 UTC the UTC date is the day before. */
static void
test_audit_day_filter (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkAdminAudit *audit;
  g_autofree char *newest = NULL;
  g_autofree char *day = NULL;
  g_autofree char *day_before = NULL;
  g_autofree char *day_after = NULL;
  GDate date;
  guint total;

  g_assert_true (yk_admin_setting_set (f->session, "improvement_threshold", "4", &error));
  audit = read_audit (f, NULL, NULL, NULL, NULL);
  total = audit->rows->len;
  newest = yk_audit_local_time (((YkAuditRow *) audit->rows->pdata[0])->at);
  yk_admin_audit_free (audit);
  day = g_strndup (newest, 10);
  g_date_clear (&date, 1);
  g_date_set_parse (&date, day);
  g_date_subtract_days (&date, 1);
  day_before = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                                g_date_get_day (&date));
  g_date_add_days (&date, 2);
  day_after = g_strdup_printf ("%04d-%02d-%02d", g_date_get_year (&date), g_date_get_month (&date),
                               g_date_get_day (&date));

  audit = read_audit (f, NULL, NULL, day, day);
  g_assert_cmpuint (audit->rows->len, ==, total);
  yk_admin_audit_free (audit);
  audit = read_audit (f, NULL, NULL, day_before, day_before);
  g_assert_cmpuint (audit->rows->len, ==, 0);
  yk_admin_audit_free (audit);
  audit = read_audit (f, NULL, NULL, day_after, NULL);
  g_assert_cmpuint (audit->rows->len, ==, 0);
  yk_admin_audit_free (audit);
}

static gboolean
ascii_but_dots (const char *text)
{
  g_auto (GStrv) parts = g_strsplit (text, "·", -1);
  g_autofree char *joined = g_strjoinv ("", parts);

  return g_str_is_ascii (joined);
}

/* The demo writes thousands of entries on every kind of record: each is
 * described by numbers and dates that lead back to the record, never by
 * a name, in one query per table. */
static void
test_audit_describe (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (f->session));
  g_autoptr (YkReader) reader = yk_reader_new_for_session (f->session);
  YkReader elsewhere_reader = { 0 };
  g_autoptr (GRegex) client = g_regex_new ("^Service user ([A-Z]+-\\d+)$", 0, 0, NULL);
  g_autoptr (GRegex) contact = g_regex_new ("^Contact \\((Phone call|Home visit) \\d{4}-\\d\\d-\\d\\d · ([A-Z]+-\\d+)\\)$",
                                            0, 0, NULL);
  g_autoptr (GRegex) assessment = g_regex_new ("^Assessment \\d{4}-\\d\\d-\\d\\d · [A-Z]+-\\d+$", 0, 0, NULL);
  g_autoptr (GPtrArray) fake = g_ptr_array_new ();
  g_autoptr (GPtrArray) fake_records = NULL;
  g_autoptr (GPtrArray) scoped = NULL;
  YkAuditRow gone = { 1, (char *) "2021-12-03T06:05:09Z", (char *) "admin", (char *) "void", (char *) "contacts",
                      99999999, NULL };
  YkAuditRow elsewhere = { 2, (char *) "2021-12-03T06:05:09Z", (char *) "admin", (char *) "x", (char *) "nosuch",
                           7, NULL };
  YkAuditRow none = { 3, (char *) "2021-12-03T06:05:09Z", (char *) "admin", (char *) "unlock", NULL, 0, NULL };
  guint clients = 0, contacts = 0, assessments = 0, staff = 0;
  YkAdminAudit *audit;
  double seconds;

  g_assert_true (yk_demo_fill (f->session, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);

  g_test_timer_start ();
  audit = read_audit_limit (f, NULL, NULL, NULL, NULL, G_MAXINT);
  seconds = g_test_timer_elapsed ();
  g_test_message ("read, verified and described %u entries in %.3f s", audit->rows->len, seconds);
  g_assert_cmpuint (audit->rows->len, >, 2000);
  for (guint i = 0; i < audit->rows->len; i++)
    {
      const YkAuditRow *row = audit->rows->pdata[i];
      const char *words = audit->records->pdata[i];
      g_autoptr (GMatchInfo) match = NULL;

      g_assert_true (ascii_but_dots (words));
      if (row->record_table == NULL)
        g_assert_cmpstr (words, ==, "");
      else if (g_str_equal (row->record_table, "clients"))
        {
          g_autofree char *case_no = NULL;

          g_assert_true (g_regex_match (client, words, 0, &match));
          case_no = g_match_info_fetch (match, 1);
          g_assert_cmpint (yk_db_client_find_case_no (db, case_no, NULL), ==, row->record_id);
          clients++;
        }
      else if (g_str_equal (row->record_table, "contacts"))
        {
          g_autofree char *case_no = NULL;

          g_assert_true (g_regex_match (contact, words, 0, &match));
          case_no = g_match_info_fetch (match, 2);
          g_assert_cmpint (yk_db_client_find_case_no (db, case_no, NULL), >, 0);
          contacts++;
        }
      else if (g_str_equal (row->record_table, "assessments"))
        {
          g_assert_true (g_regex_match (assessment, words, 0, NULL));
          assessments++;
        }
      else if (g_str_equal (row->record_table, "staff"))
        {
          g_assert_true (g_str_has_prefix (words, "Account "));
          /* account_add's detail is the account it added. */
          if (g_str_equal (row->action, "account_add"))
            g_assert_cmpstr (words + strlen ("Account "), ==, row->detail);
          staff++;
        }
      else if (row->record_id > 0)
        {
          /* Every other kind resolves too: no fallback "#id" while the
           * record exists. */
          g_assert_null (strchr (words, '#'));
          g_assert_cmpstr (words, !=, "");
        }
    }
  g_assert_cmpuint (clients, >=, 100);
  g_assert_cmpuint (contacts, >=, 1000);
  g_assert_cmpuint (assessments, >, 0);
  g_assert_cmpuint (staff, >=, 2);

  /* Timed alone: the descriptions, one query per table. */
  g_test_timer_start ();
  scoped = yk_admin_audit_describe (reader, audit->rows, &error);
  g_test_message ("described %u entries in %.3f s", audit->rows->len, g_test_timer_elapsed ());
  g_assert_no_error (error);
  g_clear_pointer (&scoped, g_ptr_array_unref);

  /* Outside the viewer's site: only the table and id. */
  /* A social worker's reader at a site that holds none of them. */
  elsewhere_reader = *reader;
  elsewhere_reader.role = YK_ROLE_WORKER;
  elsewhere_reader.site_id = G_MAXINT32;
  scoped = yk_admin_audit_describe (&elsewhere_reader, audit->rows, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < audit->rows->len; i++)
    {
      const YkAuditRow *row = audit->rows->pdata[i];

      if (g_strcmp0 (row->record_table, "clients") == 0)
        {
          g_autofree char *expected = g_strdup_printf ("Service user #%lld", (long long) row->record_id);

          g_assert_cmpstr (scoped->pdata[i], ==, expected);
        }
    }
  yk_admin_audit_free (audit);

  g_ptr_array_add (fake, &gone);
  g_ptr_array_add (fake, &elsewhere);
  g_ptr_array_add (fake, &none);
  fake_records = yk_admin_audit_describe (reader, fake, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (fake_records->pdata[0], ==, "Contact #99999999");
  g_assert_cmpstr (fake_records->pdata[1], ==, "nosuch #7");
  g_assert_cmpstr (fake_records->pdata[2], ==, "");
}

static YkSiteDetails *
find_site (GPtrArray *sites, const char *code)
{
  for (guint i = 0; i < sites->len; i++)
    if (g_str_equal (((YkSiteDetails *) sites->pdata[i])->code, code))
      return sites->pdata[i];
  g_assert_not_reached ();
}

static void
test_site_update (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sites = yk_admin_sites_list (f->session, &error);
  YkSiteDetails *spq = find_site (sites, "SPQ");
  gint64 id = spq->id;
  guint64 before = audit_rows (f->session);
  const char *field = NULL;

  g_assert_false (yk_admin_site_update (f->session, id, "  ", NULL, NULL, "3", &field, &error));
  g_assert_cmpstr (field, ==, "name");
  g_clear_error (&error);
  g_assert_false (yk_admin_site_update (f->session, id, "新名", NULL, "2021-02-30", "3", &field, &error));
  g_assert_cmpstr (field, ==, "opening_date");
  g_clear_error (&error);
  g_assert_false (yk_admin_site_update (f->session, id, "新名", NULL, "2021-02-01", "-1", &field, &error));
  g_assert_cmpstr (field, ==, "equipment_count");
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpuint (audit_rows (f->session), ==, before);

  g_assert_true (yk_admin_site_update (f->session, id, " 石坪桥康复站 ", "石坪桥社区卫生服务中心", "2021-02-01", "7",
                                       &field, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (audit_rows (f->session), ==, before + 1);
  g_ptr_array_unref (sites);
  sites = yk_admin_sites_list (f->session, &error);
  spq = find_site (sites, "SPQ");
  g_assert_cmpstr (spq->name, ==, "石坪桥康复站");
  g_assert_cmpstr (spq->host_facility, ==, "石坪桥社区卫生服务中心");
  g_assert_cmpstr (spq->opening_date, ==, "2021-02-01");
  g_assert_cmpint (spq->equipment_count, ==, 7);
}

#define ASSERT_FORBIDDEN(call)                                                \
  G_STMT_START                                                               \
  {                                                                          \
    g_autoptr (GError) refused = NULL;                                       \
    if (call)                                                                \
      g_error ("%s: allowed to a social worker", #call);                     \
    g_assert_error (refused, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);          \
  }                                                                          \
  G_STMT_END

/* Every coordinator's function of the core, called by a social worker:
 * refused with FORBIDDEN, whoever calls it (window or command line), and
 * nothing written, not even to the audit trail. */
static void
test_worker_refused (Fixture *f, gconstpointer data)
{
  g_autofree char *ledger = g_build_filename (f->db.dir, "ledger", NULL);
  g_autofree char *exported = g_build_filename (f->db.dir, "exported", NULL);
  g_autofree char *backup = g_build_filename (f->db.dir, "backup.ykdb", NULL);
  g_autofree char *recovery_key = NULL;
  g_autoptr (GError) error = NULL;
  guint64 rows;
  YkSession *li;
  YkLedgerResult result;
  YkVerifyReport report;

  g_assert_cmpint (g_mkdir (ledger, 0700), ==, 0);
  li = yk_session_open (f->db.path, "li", WORKER_PW, &error);
  g_assert_no_error (error);
  rows = audit_rows (f->session);

  ASSERT_FORBIDDEN (yk_ledger_import (li, ledger, TRUE, NULL, NULL, &result, &refused));
  yk_ledger_result_clear (&result);
  ASSERT_FORBIDDEN (yk_ledger_export (li, exported, &refused));
  ASSERT_FORBIDDEN (yk_admin_backup (li, backup, &refused));
  ASSERT_FORBIDDEN (yk_admin_verify_store (li, &report, &refused));
  yk_verify_report_clear (&report);
  ASSERT_FORBIDDEN (yk_admin_setting_set (li, YK_ADMIN_SETTING_IMPROVEMENT_THRESHOLD, "3", &refused));
  ASSERT_FORBIDDEN (yk_admin_site_update (li, 1, "改名", NULL, NULL, NULL, NULL, &refused));
  ASSERT_FORBIDDEN (yk_accounts_add (li, "zhao", WORKER_PW, YK_ROLE_WORKER, "SPQ", NULL, YK_KDF_INTERACTIVE,
                                     &refused));
  ASSERT_FORBIDDEN (yk_accounts_remove (li, "admin", &refused));
  ASSERT_FORBIDDEN (yk_accounts_set_password (li, "admin", WORKER_PW, YK_KDF_INTERACTIVE, &refused));
  ASSERT_FORBIDDEN (yk_accounts_set_role (li, "admin", YK_ROLE_WORKER, "SPQ", &refused));
  ASSERT_FORBIDDEN (yk_session_rotate_key (li, &recovery_key, &refused));
  ASSERT_FORBIDDEN (yk_preferences_audit_full_names (li, TRUE, &refused));
  ASSERT_FORBIDDEN (yk_demo_fill (li, 1, YK_DEMO_PILOT, &refused));

  g_assert_false (g_file_test (exported, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  yk_session_close (li);
  g_assert_cmpuint (audit_rows (f->session), ==, rows);
  g_rmdir (ledger);
}

int
main (int argc, char *argv[])
{
  /* Before anything reads the zone: UTC+8 all year, so a time shown or
   * a day filtered in UTC fails. */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  tzset ();
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/app/admin/backup", Fixture, NULL, fixture_set_up, test_backup, fixture_tear_down);
  g_test_add ("/app/admin/verify-split", Fixture, NULL, fixture_set_up, test_verify_split, fixture_tear_down);
  g_test_add ("/app/admin/rotate-key", Fixture, NULL, fixture_set_up, test_rotate_key, fixture_tear_down);
  g_test_add ("/app/admin/recover-password", Fixture, NULL, fixture_set_up, test_recover_password, fixture_tear_down);
  g_test_add ("/app/admin/rotate-key-altered-trail", Fixture, NULL, fixture_set_up,
              test_rotate_key_refuses_altered_trail, fixture_tear_down);
  g_test_add ("/app/admin/set-role", Fixture, NULL, fixture_set_up, test_set_role, fixture_tear_down);
  g_test_add ("/app/admin/settings", Fixture, NULL, fixture_set_up, test_settings, fixture_tear_down);
  g_test_add ("/app/admin/audit-read", Fixture, NULL, fixture_set_up, test_audit_read, fixture_tear_down);
  g_test_add ("/app/admin/audit-day-filter", Fixture, NULL, fixture_set_up, test_audit_day_filter, fixture_tear_down);
  g_test_add ("/app/admin/audit-describe", Fixture, NULL, fixture_set_up, test_audit_describe, fixture_tear_down);
  g_test_add_func ("/app/admin/audit-action-labels", test_audit_action_labels);
  g_test_add_func ("/app/admin/audit-local-time", test_audit_local_time);
  g_test_add ("/app/admin/site-update", Fixture, NULL, fixture_set_up, test_site_update, fixture_tear_down);
  g_test_add ("/app/admin/worker-refused", Fixture, NULL, fixture_set_up, test_worker_refused, fixture_tear_down);
  return g_test_run ();
}
