/* SPDX-License-Identifier: GPL-3.0-or-later */
/* yukang split (docs/design/district.md, "Splitting one file into site
 * files"): one new database per site, its records with their ids
 * unchanged, its accounts and every coordinator with the key slots they
 * have in the source, the settings, a first audit entry naming the
 * source; the source untouched; refusals. */
#include "app-test-util.h"

#include "yk-accounts.h"
#include "yk-app-error.h"
#include "yk-crypto-error.h"
#include "yk-db-check.h"
#include "yk-db-error.h"
#include "yk-demo.h"
#include "yk-district.h"
#include "yk-snapshot.h"
#include "yk-split.h"
#include "yk-verify.h"

#include <glib/gstdio.h>
#include <string.h>

#define CHEN "chen"
#define CHEN_PASSWORD "chen's coordinator pass"
#define ZHAO "zhao"
#define ZHAO_PASSWORD "zhao at jiulong 123"

typedef struct
{
  AppTestDb db;
  char *output;
} Fixture;

/* The usual database (admin, li at SPQ) with a social worker at JL and
 * a second coordinator, the demo's records, and one JL service user
 * assigned to li: a record of JL naming a staff row of SPQ. */
static void
fixture_set_up (Fixture      *f,
                gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  app_test_db_make (&f->db);
  app_test_db_add_worker (&f->db, ZHAO, ZHAO_PASSWORD, "JL", "赵社工");
  g_assert_true (yk_accounts_add (f->db.coordinator, CHEN, CHEN_PASSWORD, YK_ROLE_COORDINATOR, NULL, "陈协调",
                                  YK_KDF_INTERACTIVE, &error));
  g_assert_no_error (error);
  g_assert_true (yk_demo_fill (f->db.coordinator, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);
  app_test_exec (f->db.coordinator,
                 "UPDATE clients SET worker_id = (SELECT id FROM staff WHERE account = 'li') "
                 "WHERE id = (SELECT min(c.id) FROM clients c JOIN sites s ON s.id = c.site_id WHERE s.code = 'JL')");
  f->output = g_build_filename (f->db.dir, "sites", NULL);
  g_assert_cmpint (g_mkdir (f->output, 0700), ==, 0);
}

static void
fixture_tear_down (Fixture      *f,
                   gconstpointer data)
{
  app_test_db_clear (&f->db);
  g_free (f->output);
}

static char *
site_path (Fixture    *f,
           const char *code)
{
  g_autofree char *name = g_strconcat (code, ".ykdb", NULL);

  return g_build_filename (f->output, name, NULL);
}

static GPtrArray *
split (Fixture *f)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *files = NULL;
  gboolean ok = yk_session_split (f->db.coordinator, f->output, &files, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_nonnull (files);
  return files;
}

static char *
query_text (sqlite3    *db,
            const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  char *text;

  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  text = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return text;
}

static char *
file_checksum (const char *path)
{
  g_autofree char *bytes = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (path, &bytes, &length, NULL));
  return g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) bytes, length);
}

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* The names in a folder, sorted, joined with spaces. */
static char *
folder_names (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

/* Each table's ids of one site, in the source and in its file. */
static void
assert_same_ids (sqlite3    *source,
                 sqlite3    *site,
                 const char *code)
{
  static const char *const tables[][3] = {
    { "clients", "site_id = ", "" },
    { "family_members", "client_id IN (SELECT id FROM clients WHERE site_id = ", ")" },
    { "contacts", "client_id IN (SELECT id FROM clients WHERE site_id = ", ")" },
    { "assessments", "client_id IN (SELECT id FROM clients WHERE site_id = ", ")" },
    { "activities", "site_id = ", "" },
    { "attendances", "activity_id IN (SELECT id FROM activities WHERE site_id = ", ")" },
    { "questionnaires", "site_id = ", "" },
    { "sites", "id = ", "" },
  };
  g_autofree char *site_id = g_strdup_printf ("(SELECT id FROM sites WHERE code = '%s')", code);

  for (guint i = 0; i < G_N_ELEMENTS (tables); i++)
    {
      g_autofree char *where = g_strconcat (tables[i][1], site_id, tables[i][2], NULL);
      g_autofree char *sql = g_strdup_printf ("SELECT coalesce (group_concat (id), '') FROM (SELECT id FROM %s WHERE %s "
                                              "ORDER BY id)", tables[i][0], where);
      g_autofree char *all = g_strdup_printf ("SELECT coalesce (group_concat (id), '') FROM (SELECT id FROM %s ORDER BY id)",
                                              tables[i][0]);
      g_autofree char *expected = query_text (source, sql);
      g_autofree char *actual = query_text (site, all);

      g_assert_cmpstr (actual, ==, expected);
      g_assert_cmpuint (strlen (expected), >, 0);
    }
}

/* Two files, named by their site codes, each with its own site only,
 * its records under the source's ids, settings, running totals that
 * agree with its records, every reference resolving. */
static void
test_files (Fixture      *f,
            gconstpointer data)
{
  g_autoptr (GPtrArray) files = split (f);
  g_autofree char *names = folder_names (f->output);
  sqlite3 *source = app_test_connection (f->db.coordinator);
  guint64 people = 0;

  g_assert_cmpstr (names, ==, "JL.ykdb SPQ.ykdb");
  g_assert_cmpuint (files->len, ==, 2);
  for (guint i = 0; i < files->len; i++)
    {
      YkSplitFile *file = files->pdata[i];
      g_autofree char *expected_path = site_path (f, file->site_code);
      g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
      g_autoptr (GError) error = NULL;
      g_autoptr (YkStore) store = yk_store_unlock (file->path, APP_TEST_COORDINATOR, APP_TEST_COORDINATOR_PASSWORD,
                                                   &error);
      sqlite3 *db;
      g_autofree char *sites = NULL, *threshold = NULL;

      g_assert_no_error (error);
      g_assert_cmpstr (file->path, ==, expected_path);
      g_assert_nonnull (file->recovery_key);
      db = yk_store_get_connection (store);
      sites = query_text (db, "SELECT group_concat (code) FROM sites");
      g_assert_cmpstr (sites, ==, file->site_code);
      assert_same_ids (source, db, file->site_code);
      threshold = query_text (db, "SELECT value FROM settings WHERE key = 'improvement_threshold'");
      g_assert_cmpstr (threshold, ==, "2");
      g_assert_true (yk_db_running_totals_check (db, problems, &error));
      g_assert_no_error (error);
      g_assert_true (yk_db_foreign_key_check (db, problems, &error));
      g_assert_no_error (error);
      g_assert_cmpuint (problems->len, ==, 0);
      g_assert_cmpuint (file->accounts, ==, 3);
      g_assert_cmpuint (file->service_users, >, 0);
      g_assert_cmpuint (file->records, >, file->service_users);
      people += file->service_users;
    }
  g_assert_cmpint ((gint64) people, ==, app_test_query_int (f->db.coordinator, "SELECT count(*) FROM clients"));
  /* Sites in the order of their ids, as the source lists them. */
  g_assert_cmpstr (((YkSplitFile *) files->pdata[0])->site_code, ==, "SPQ");
}

/* The site's staff and every coordinator, each with the key pair and so
 * the password they have in the source; nobody of the other site. The
 * new file's own recovery key opens it. */
static void
test_accounts (Fixture      *f,
               gconstpointer data)
{
  g_autoptr (GPtrArray) files = split (f);
  g_autofree char *spq = site_path (f, "SPQ");
  g_autofree char *jl = site_path (f, "JL");
  static const struct
  {
    const char *code;
    const char *accounts;
  } expected[] = { { "SPQ", "admin li chen" }, { "JL", "admin zhao chen" } };
  static const struct
  {
    const char *account;
    const char *password;
    const char *opens;
    YkRole role;
  } people[] = {
    { APP_TEST_COORDINATOR, APP_TEST_COORDINATOR_PASSWORD, "SPQ JL", YK_ROLE_COORDINATOR },
    { CHEN, CHEN_PASSWORD, "SPQ JL", YK_ROLE_COORDINATOR },
    { APP_TEST_WORKER, APP_TEST_WORKER_PASSWORD, "SPQ", YK_ROLE_WORKER },
    { ZHAO, ZHAO_PASSWORD, "JL", YK_ROLE_WORKER },
  };

  for (guint i = 0; i < G_N_ELEMENTS (expected); i++)
    {
      g_autofree char *path = site_path (f, expected[i].code);
      g_autoptr (GError) error = NULL;
      g_autoptr (YkStore) store = yk_store_unlock (path, APP_TEST_COORDINATOR, APP_TEST_COORDINATOR_PASSWORD, &error);
      g_auto (GStrv) accounts = NULL;
      g_autofree char *joined = NULL;

      g_assert_no_error (error);
      accounts = yk_store_list_accounts (store, &error);
      g_assert_no_error (error);
      joined = g_strjoinv (" ", accounts);
      g_assert_cmpstr (joined, ==, expected[i].accounts);
    }
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    for (guint k = 0; k < G_N_ELEMENTS (expected); k++)
      {
        g_autofree char *path = site_path (f, expected[k].code);
        g_autoptr (GError) error = NULL;
        g_autoptr (YkSession) session = yk_session_open (path, people[i].account, people[i].password, &error);

        if (strstr (people[i].opens, expected[k].code) == NULL)
          {
            g_assert_null (session);
            g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
            continue;
          }
        g_assert_no_error (error);
        g_assert_cmpint (yk_session_get_role (session), ==, people[i].role);
      }
  for (guint i = 0; i < files->len; i++)
    {
      YkSplitFile *file = files->pdata[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (YkStore) store = yk_store_unlock_with_recovery_key (file->path, file->recovery_key, &error);

      g_assert_no_error (error);
      g_assert_nonnull (store);
    }
  /* Each file its own recovery key, not the source's. */
  g_assert_cmpstr (((YkSplitFile *) files->pdata[0])->recovery_key, !=, f->db.recovery_key);
  g_assert_cmpstr (((YkSplitFile *) files->pdata[0])->recovery_key, !=,
                   ((YkSplitFile *) files->pdata[1])->recovery_key);
  g_assert_true (g_file_test (spq, G_FILE_TEST_EXISTS) && g_file_test (jl, G_FILE_TEST_EXISTS));
}

/* A JL service user's worker is li, of SPQ: JL's file names li without
 * holding SPQ — the staff row inactive, without an account, at JL — and
 * the district view and the snapshot see JL alone. */
static void
test_other_site_staff (Fixture      *f,
                       gconstpointer data)
{
  g_autoptr (GPtrArray) files = split (f);
  g_autofree char *jl = site_path (f, "JL");
  g_autofree char *spq = site_path (f, "SPQ");
  g_autofree char *snapshots = g_build_filename (f->db.dir, "snapshots", NULL);
  g_autofree char *snapshot = NULL;
  g_autofree char *li = NULL;
  g_autoptr (GError) error = NULL;
  const char *paths[] = { spq, jl, NULL };
  g_autoptr (YkDistrict) district = NULL;
  gint64 li_id = app_test_query_int (f->db.coordinator, "SELECT id FROM staff WHERE account = 'li'");

  {
    g_autoptr (YkSession) session = yk_session_open (jl, APP_TEST_COORDINATOR, APP_TEST_COORDINATOR_PASSWORD, &error);
    g_autofree char *sql = g_strdup_printf ("SELECT display_name || '|' || coalesce (account, '-') || '|' || active || "
                                            "'|' || (SELECT code FROM sites WHERE id = site_id) || '|' || role "
                                            "FROM staff WHERE id = %" G_GINT64_FORMAT, li_id);

    g_assert_no_error (error);
    li = query_text (app_test_connection (session), sql);
    g_assert_cmpstr (li, ==, APP_TEST_WORKER_NAME "|-|0|JL|worker");
    g_assert_cmpint (app_test_query_int (session, "SELECT count(*) FROM sites"), ==, 1);
    g_assert_cmpint (g_mkdir (snapshots, 0700), ==, 0);
    g_assert_true (yk_session_snapshot (session, snapshots, &snapshot, &error));
    g_assert_no_error (error);
    g_assert_true (g_str_has_suffix (snapshot, "/JL.ykdb"));
  }
  district = yk_district_open (paths, APP_TEST_COORDINATOR, APP_TEST_COORDINATOR_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (district);
  g_assert_null (yk_district_get_warnings (district)[0]);
}

/* The first entry of each file's trail names the source's database id
 * and its audit head; verify passes; the source's bytes did not change. */
static void
test_audit_and_source (Fixture      *f,
                       gconstpointer data)
{
  g_autofree char *before = file_checksum (f->db.path);
  g_autofree char *head = NULL;
  g_autofree char *source_id = NULL;
  g_autofree char *after = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;

  g_assert_true (yk_session_audit_head (f->db.coordinator, &head, &error));
  g_assert_no_error (error);
  {
    const guint8 *id = yk_store_get_database_id (yk_session_get_store (f->db.coordinator));
    GString *hex = g_string_new (NULL);

    for (guint i = 0; i < 16; i++)
      g_string_append_printf (hex, "%02x", id[i]);
    source_id = g_string_free (hex, FALSE);
  }
  files = split (f);
  after = file_checksum (f->db.path);
  g_assert_cmpstr (after, ==, before);

  for (guint i = 0; i < files->len; i++)
    {
      YkSplitFile *file = files->pdata[i];
      g_autoptr (YkStore) store = yk_store_unlock (file->path, CHEN, CHEN_PASSWORD, &error);
      g_autofree char *action = NULL, *detail = NULL, *account = NULL;
      YkVerifyReport report = { 0 };

      g_assert_no_error (error);
      action = query_text (yk_store_get_connection (store), "SELECT action FROM audit ORDER BY id LIMIT 1");
      detail = query_text (yk_store_get_connection (store), "SELECT detail FROM audit ORDER BY id LIMIT 1");
      account = query_text (yk_store_get_connection (store), "SELECT account FROM audit ORDER BY id LIMIT 1");
      g_assert_cmpstr (action, ==, "split");
      g_assert_cmpstr (account, ==, APP_TEST_COORDINATOR);
      g_assert_nonnull (strstr (detail, source_id));
      g_assert_nonnull (strstr (detail, head));
      g_assert_nonnull (strstr (detail, file->site_code));
      {
        sqlite3_stmt *stmt = NULL;

        g_assert_cmpint (sqlite3_prepare_v2 (yk_store_get_connection (store), "SELECT count(*) FROM audit", -1, &stmt,
                                             NULL), ==, SQLITE_OK);
        g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
        g_assert_cmpint (sqlite3_column_int64 (stmt, 0), ==, 1);
        sqlite3_finalize (stmt);
      }
      g_assert_true (yk_verify_store (store, NULL, &report, &error));
      g_assert_no_error (error);
      g_assert_true (yk_verify_report_ok (&report));
      g_assert_cmpuint (report.audit.signed_rows, ==, 1);
      yk_verify_report_clear (&report);
    }
}

/* A social worker is refused, and nothing is written. */
static void
test_worker_refused (Fixture      *f,
                     gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autofree char *names = NULL;

  app_test_db_open_worker (&f->db);
  g_assert_false (yk_session_split (f->db.worker, f->output, &files, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_assert_null (files);
  names = folder_names (f->output);
  g_assert_cmpstr (names, ==, "");
}

/* A site's file already in the folder is named and left as it was; no
 * other file is written, and no temporary file stays. A missing folder
 * is said so. */
static void
test_existing_refused (Fixture      *f,
                       gconstpointer data)
{
  g_autofree char *jl = site_path (f, "JL");
  g_autofree char *missing = g_build_filename (f->output, "nowhere", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autofree char *names = NULL;
  g_autofree char *kept = NULL;

  g_assert_true (g_file_set_contents (jl, "JL's own file", -1, NULL));
  g_assert_false (yk_session_split (f->db.coordinator, f->output, &files, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, jl));
  g_assert_null (files);
  names = folder_names (f->output);
  g_assert_cmpstr (names, ==, "JL.ykdb");
  g_assert_true (g_file_get_contents (jl, &kept, NULL, NULL));
  g_assert_cmpstr (kept, ==, "JL's own file");
  g_clear_error (&error);

  g_assert_false (yk_session_split (f->db.coordinator, missing, &files, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_IO);
  g_assert_nonnull (strstr (error->message, missing));
  g_assert_false (g_file_test (missing, G_FILE_TEST_EXISTS));
}

/* An SPQ service user at a JL activity: JL's file could not hold that
 * attendance without an SPQ person in it. Refused, nothing written. */
static void
test_person_of_other_site_refused (Fixture      *f,
                                   gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autofree char *names = NULL;

  app_test_exec (f->db.coordinator,
                 "INSERT INTO attendances (activity_id, client_id, created_at) VALUES ("
                 "(SELECT min(a.id) FROM activities a JOIN sites s ON s.id = a.site_id WHERE s.code = 'JL'), "
                 "(SELECT max(c.id) FROM clients c JOIN sites s ON s.id = c.site_id WHERE s.code = 'SPQ'), "
                 "'2021-06-01T00:00:00Z')");
  g_assert_false (yk_session_split (f->db.coordinator, f->output, &files, &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED);
  g_assert_nonnull (strstr (error->message, "Site JL’s activities and questionnaires name people whose records are "
                                            "another site’s (attendances: 1, questionnaires: 0)"));
  names = folder_names (f->output);
  g_assert_cmpstr (names, ==, "");
}

int
main (int    argc,
      char **argv)
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, func) g_test_add (path, Fixture, NULL, fixture_set_up, func, fixture_tear_down)
  ADD ("/app/split/files", test_files);
  ADD ("/app/split/accounts", test_accounts);
  ADD ("/app/split/other-site-staff", test_other_site_staff);
  ADD ("/app/split/audit-and-source", test_audit_and_source);
  ADD ("/app/split/worker-refused", test_worker_refused);
  ADD ("/app/split/existing-refused", test_existing_refused);
  ADD ("/app/split/person-of-other-site-refused", test_person_of_other_site_refused);
#undef ADD
  return g_test_run ();
}
