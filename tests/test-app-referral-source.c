/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The referral source (转介来源, docs/design/file-format.md, "Referral
 * source"): recorded at intake, changed on the profile, checked against
 * its six codes, NULL for case files of before schema version 7, and
 * carried to the caseload list. */
#include "app-test-util.h"
#include "yk-app-error.h"
#include "yk-caseload.h"
#include "yk-casework.h"
#include "yk-db-records.h"
#include "yk-record-rules.h"
#include "yk-recording.h"
#include "yk-schema.h"
#include "yk-validate.h"

#include <string.h>

typedef struct
{
  AppTestDb db; /* db.worker: li, of site SPQ */
} Fixture;

static YkClientRecord
valid_client (const char *case_no, const char *source)
{
  YkClientRecord r = { 0 };

  r.case_no = (char *) case_no;
  r.name = (char *) "测试甲";
  r.site_id = 1;
  r.intake_date = (char *) "2021-01-05";
  r.consent_date = (char *) "2021-01-04";
  r.stable_at_intake = TRUE;
  r.risk_level = -1;
  r.referral_source = (char *) source;
  return r;
}

static gint64
add_client (YkSession *session, YkClientRecord *r)
{
  g_autoptr (GError) error = NULL;
  gint64 id = 0;

  g_assert_true (yk_casework_add_client (session, r, &id, &error));
  g_assert_no_error (error);
  return id;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  app_test_db_make (&f->db);
  app_test_db_open_worker (&f->db);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  app_test_db_clear (&f->db);
}

/* Kept with the case file, changed on the profile, and NULL when not
 * recorded (an empty choice is not recorded either). */
static void
test_recorded (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkClientRecord a = valid_client ("SPQ-001", "hospital"), b = valid_client ("SPQ-002", "");
  gint64 a_id = add_client (f->db.worker, &a), b_id = add_client (f->db.worker, &b);

  {
    g_autoptr (YkClientRecord) read = yk_recording_client (f->db.worker, a_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (read->referral_source, ==, "hospital");
    g_assert_cmpstr (yk_referral_source_label (read->referral_source), ==, "Hospital");

    g_free (read->referral_source);
    read->referral_source = g_strdup ("platform");
    g_assert_true (yk_casework_update_client (f->db.worker, read, &error));
    g_assert_no_error (error);
  }
  {
    g_autoptr (YkClientRecord) read = yk_recording_client (f->db.worker, a_id, &error);
    g_assert_no_error (error);
    g_assert_cmpstr (read->referral_source, ==, "platform");
  }
  {
    g_autoptr (YkClientRecord) read = yk_recording_client (f->db.worker, b_id, &error);
    g_assert_no_error (error);
    g_assert_null (read->referral_source);
    g_assert_null (yk_referral_source_label (read->referral_source));
  }
}

/* A value that is none of the six is refused, naming the field, by the
 * rules every path calls and by the schema itself. */
static void
test_bad_value (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkClientRecord r = valid_client ("SPQ-001", "neighbour");
  const char *field = NULL;
  GDate today;
  gint64 id = 0;

  yk_date_today (&today);
  g_assert_false (yk_client_validate (&r, &today, &field, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_assert_cmpstr (field, ==, "referral_source");
  g_assert_nonnull (strstr (error->message, "neighbour"));
  g_clear_error (&error);

  g_assert_false (yk_casework_add_client (f->db.worker, &r, &id, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_assert_nonnull (strstr (error->message, yk_record_field_label ("referral_source")));
  g_clear_error (&error);
  g_assert_cmpint (app_test_query_int (f->db.coordinator, "SELECT count (*) FROM clients"), ==, 0);

  r = valid_client ("SPQ-001", "self");
  id = add_client (f->db.worker, &r);
  g_assert_cmpint (sqlite3_exec (app_test_connection (f->db.coordinator),
                                 "UPDATE clients SET referral_source = 'neighbour'", NULL, NULL, NULL), !=, SQLITE_OK);
  g_assert_cmpint (app_test_query_int (f->db.coordinator,
                                       "SELECT count (*) FROM clients WHERE referral_source = 'self'"), ==, 1);
}

/* A database of schema version 6: the column is added, every existing
 * case file not recorded. */
static void
test_migration (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkClientRecord a = valid_client ("SPQ-001", NULL), b = valid_client ("SPQ-002", NULL);
  gint64 b_id;
  YkSession *session;

  add_client (f->db.coordinator, &a);
  b_id = add_client (f->db.coordinator, &b);
  /* Back to version 6: the later versions' columns and tables go too
   * (the transfer links of 8, the training of 9). */
  app_test_exec (f->db.coordinator, "DROP TABLE training_attendees; DROP TABLE training_sessions; "
                                    "ALTER TABLE clients DROP COLUMN transferred_from_id; ALTER TABLE clients DROP COLUMN transferred_from_case_no; "
                                    "ALTER TABLE clients DROP COLUMN transferred_from_site; ALTER TABLE clients DROP COLUMN transferred_to_id; "
                                    "ALTER TABLE clients DROP COLUMN transferred_to_case_no; ALTER TABLE clients DROP COLUMN transferred_to_site; "
                                    "ALTER TABLE clients DROP COLUMN referral_source; PRAGMA user_version = 6");
  g_assert_cmpint (app_test_query_int (f->db.coordinator, "SELECT count (*) FROM pragma_table_info ('clients') "
                                                          "WHERE name = 'referral_source'"), ==, 0);
  g_clear_pointer (&f->db.worker, yk_session_close);
  g_clear_pointer (&f->db.coordinator, yk_session_close);

  session = app_test_db_open (&f->db, APP_TEST_COORDINATOR, APP_TEST_COORDINATOR_PASSWORD);
  f->db.coordinator = session;
  g_assert_cmpint (YK_SCHEMA_VERSION, >=, 7);
  g_assert_cmpint (app_test_query_int (session, "PRAGMA user_version"), ==, YK_SCHEMA_VERSION);
  g_assert_cmpint (app_test_query_int (session, "SELECT count (*) FROM clients WHERE referral_source IS NULL"), ==, 2);
  {
    g_autoptr (YkClientRecord) read = yk_recording_client (session, b_id, &error);
    g_assert_no_error (error);
    g_assert_null (read->referral_source);
    read->referral_source = g_strdup ("community");
    g_assert_true (yk_casework_update_client (session, read, &error));
    g_assert_no_error (error);
  }
  g_assert_cmpint (app_test_query_int (session, "SELECT count (*) FROM clients WHERE referral_source = 'community'"),
                   ==, 1);
}

/* The caseload list carries each person's referral source, for its filter. */
static void
test_caseload (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  YkClientRecord a = valid_client ("SPQ-001", "family"), b = valid_client ("SPQ-002", NULL);
  GDate today;

  add_client (f->db.worker, &a);
  add_client (f->db.worker, &b);
  yk_date_today (&today);
  list = yk_caseload_list (f->db.worker, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((YkCaseloadEntry *) list->pdata[0])->case_no, ==, "SPQ-001");
  g_assert_cmpstr (((YkCaseloadEntry *) list->pdata[0])->referral_source, ==, "family");
  g_assert_null (((YkCaseloadEntry *) list->pdata[1])->referral_source);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/app/referral-source/recorded", test_recorded);
  ADD ("/app/referral-source/bad-value", test_bad_value);
  ADD ("/app/referral-source/migration", test_migration);
  ADD ("/app/referral-source/caseload", test_caseload);
#undef ADD
  return g_test_run ();
}
