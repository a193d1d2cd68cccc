/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The intake check (docs/design/file-format.md, "Intake checks"): a
 * resident ID number on file, or the same name and birth date, is shown
 * before a new case file is made. The same ID number is the same person
 * and is never gone past; a name and birth date may be, for a true
 * namesake, with a reason kept in the audit trail. A social worker learns
 * that a case exists at another site, never whose. */
#include "app-test-util.h"
#include "yk-app-error.h"
#include "yk-casework.h"

#include <string.h>

typedef struct
{
  AppTestDb db; /* db.worker: li, of site SPQ (1); JL is site 2 */
} Fixture;

static YkClientRecord
client (const char *case_no, const char *name, const char *birth, const char *id_number, gint64 site)
{
  YkClientRecord r = { 0 };

  r.case_no = (char *) case_no;
  r.name = (char *) name;
  r.birth_date = (char *) birth;
  r.id_number = (char *) id_number;
  r.site_id = site;
  r.intake_date = (char *) "2021-01-05";
  r.consent_date = (char *) "2021-01-04";
  r.stable_at_intake = TRUE;
  r.risk_level = -1;
  return r;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkClientRecord spq = client ("SPQ-0001", "张三", "1980-02-03", "110101198002030013", 1);
  YkClientRecord jl = client ("JL-0001", "李四", "1975-06-07", "11010119750607017x", 2);

  app_test_db_make (&f->db);
  app_test_db_open_worker (&f->db);
  g_assert_true (yk_casework_add_client (f->db.coordinator, &spq, NULL, &error));
  g_assert_no_error (error);
  g_assert_true (yk_casework_add_client (f->db.coordinator, &jl, NULL, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  app_test_db_clear (&f->db);
}

static gint64
count_clients (Fixture *f)
{
  return app_test_query_int (f->db.coordinator, "SELECT count(*) FROM clients");
}

/* The same resident ID number (written with spaces around it and a lower
 * case x) is the same person: refused, naming the case, reason or none. */
static void
test_id_number (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = NULL;
  YkClientRecord r = client ("SPQ-0002", "李思", "1975-06-07", " 11010119750607017X ", 1);
  YkDbDuplicate *d;

  found = yk_casework_find_duplicates (f->db.coordinator, &r, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  d = found->pdata[0];
  g_assert_true (d->same_id_number);
  g_assert_true (d->visible);
  g_assert_cmpstr (d->case_no, ==, "JL-0001");
  g_assert_cmpstr (d->name, ==, "李四");
  g_assert_true (yk_casework_duplicates_by_id (found));

  r.id_number = (char *) "11010119750607017x";

  g_assert_false (yk_casework_add_client (f->db.coordinator, &r, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "JL-0001"));
  g_clear_error (&error);
  g_assert_false (yk_casework_add_client_namesake (f->db.coordinator, &r, "不同的人", NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_DUPLICATE);
  g_assert_cmpint (count_clients (f), ==, 2);
}

/* A correction of the resident ID number meets the intake check too: the
 * number of another live case is refused, naming it, and nothing changes;
 * a number of nobody's saves; a correction of other fields does not look. */
static void
test_corrected_id_number (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkClientRecord r = client ("SPQ-0002", "王五", "1975-06-07", NULL, 1);
  g_autoptr (YkClientRecord) stored = NULL;
  gint64 id = 0;

  g_assert_true (yk_casework_add_client (f->db.coordinator, &r, &id, &error));
  g_assert_no_error (error);
  r.id = id;
  r.id_number = (char *) "11010119750607017X"; /* JL-0001's */
  g_assert_false (yk_casework_update_client (f->db.coordinator, &r, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "JL-0001"));
  g_clear_error (&error);
  g_assert_cmpint (app_test_query_int (f->db.coordinator, "SELECT count(*) FROM clients WHERE id_number IS NULL"),
                   ==, 1);

  r.id_number = (char *) "110101197506070057";
  g_assert_true (yk_casework_update_client (f->db.coordinator, &r, &error));
  g_assert_no_error (error);
  /* A name corrected to a namesake's (李四, born the same day) is saved:
   * the person is on file. */
  r.name = (char *) "李四";
  g_assert_true (yk_casework_update_client (f->db.coordinator, &r, &error));
  g_assert_no_error (error);
  g_assert_cmpint (app_test_query_int (f->db.coordinator,
                                       "SELECT count(*) FROM clients WHERE id_number = '110101197506070057'"),
                   ==, 1);
}

/* The same name and birth date: refused without a reason, made with one,
 * the reason in the audit row of the insert. A closed case counts; a
 * voided one does not. */
static void
test_name_and_birth (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkClientRecord r = client ("SPQ-0002", " 张三 ", "1980-02-03", NULL, 1);
  gint64 id = 0;

  app_test_exec (f->db.coordinator, "UPDATE clients SET status = 'closed', status_date = '2021-03-01', "
                                    "status_reason = '康复' WHERE case_no = 'SPQ-0001'");
  g_assert_false (yk_casework_add_client (f->db.coordinator, &r, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_DUPLICATE);
  g_assert_nonnull (strstr (error->message, "SPQ-0001"));
  g_clear_error (&error);
  g_assert_false (yk_casework_add_client_namesake (f->db.coordinator, &r, "  ", NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count_clients (f), ==, 2);

  g_assert_true (yk_casework_add_client_namesake (f->db.coordinator, &r, "同名同姓，身份证号不同", &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (app_test_query_int (f->db.coordinator,
                                       "SELECT count(*) FROM audit WHERE action = 'insert' AND "
                                       "record_table = 'clients' AND detail = 'namesake: 同名同姓，身份证号不同'"),
                   ==, 1);

  /* A voided case file is no one's. */
  g_assert_true (yk_casework_void (f->db.coordinator, "clients",
                                   app_test_query_int (f->db.coordinator,
                                                       "SELECT id FROM clients WHERE case_no = 'JL-0001'"),
                                   "录入错误", &error));
  g_assert_no_error (error);
  {
    YkClientRecord again = client ("SPQ-0003", "李四", "1975-06-07", "11010119750607017X", 1);

    g_assert_true (yk_casework_add_client (f->db.coordinator, &again, NULL, &error));
    g_assert_no_error (error);
  }
}

/* A social worker at SPQ is told that a case exists at another site,
 * never whose: no case number, no name, no site. */
static void
test_worker_other_site (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) found = NULL;
  YkClientRecord r = client ("SPQ-0002", "李四", "1975-06-07", NULL, 1);
  YkDbDuplicate *d;

  found = yk_casework_find_duplicates (f->db.worker, &r, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (found->len, ==, 1);
  d = found->pdata[0];
  g_assert_false (d->visible);
  g_assert_false (d->same_id_number);
  g_assert_cmpint (d->id, ==, 0);
  g_assert_null (d->case_no);
  g_assert_null (d->name);
  g_assert_null (d->site_name);

  g_assert_false (yk_casework_add_client (f->db.worker, &r, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_DUPLICATE);
  g_assert_null (strstr (error->message, "JL-0001"));
  g_assert_null (strstr (error->message, "李四"));
  g_assert_nonnull (strstr (error->message, "another site"));
  g_clear_error (&error);
  /* A namesake may go on at their own site, with the reason. */
  g_assert_true (yk_casework_add_client_namesake (f->db.worker, &r, "不是同一人", NULL, &error));
  g_assert_no_error (error);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/app/duplicates/id-number", Fixture, NULL, fixture_set_up, test_id_number, fixture_tear_down);
  g_test_add ("/app/duplicates/corrected-id-number", Fixture, NULL, fixture_set_up, test_corrected_id_number,
              fixture_tear_down);
  g_test_add ("/app/duplicates/name-and-birth", Fixture, NULL, fixture_set_up, test_name_and_birth,
              fixture_tear_down);
  g_test_add ("/app/duplicates/worker-other-site", Fixture, NULL, fixture_set_up, test_worker_other_site,
              fixture_tear_down);
  return g_test_run ();
}
