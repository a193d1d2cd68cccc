/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Staff training sessions (docs/design/training.md): recording, listing
 * and voiding; every refusal leaves nothing written; the year's totals in
 * the workload; a split's site files and their district view count each
 * attendance once, as the one file does. */
#include "app-test-util.h"

#include "yk-app-error.h"
#include "yk-district.h"
#include "yk-split.h"
#include "yk-training.h"
#include "yk-validate.h"
#include "yk-workload.h"

#include <glib/gstdio.h>
#include <string.h>

typedef struct
{
  AppTestDb db;
  gint64 wang, li, zhao;
} Fixture;

static gint64
staff_named (YkSession *session, const char *name)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM staff WHERE display_name = '%s'", name);

  return app_test_query_int (session, sql);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  app_test_db_make (&f->db);
  app_test_db_add_worker (&f->db, "zhao", "zhao's own passphrase", "JL", "赵社工");
  f->wang = staff_named (f->db.coordinator, APP_TEST_COORDINATOR_NAME);
  f->li = staff_named (f->db.coordinator, APP_TEST_WORKER_NAME);
  f->zhao = staff_named (f->db.coordinator, "赵社工");
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  app_test_db_clear (&f->db);
}

static gint64
record (YkSession *session, const char *date, int tenths, const gint64 *staff, guint n, GError **error)
{
  YkTrainingRecord r = { .date = date, .title = "精神卫生法培训", .hours_tenths = tenths, .provider = "区精卫中心",
                         .staff_ids = staff, .n_staff = n };
  gint64 id = 0;

  if (!yk_training_record (session, &r, &id, error))
    return 0;
  return id;
}

static gint64
rows_written (YkSession *session)
{
  return app_test_query_int (session, "SELECT (SELECT count (*) FROM training_sessions) * 1000 + "
                                      "(SELECT count (*) FROM training_attendees) * 10 + "
                                      "(SELECT count (*) FROM audit WHERE action LIKE 'training%')");
}

static void
test_record_and_list (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) all = NULL, november = NULL;
  gint64 both[] = { f->zhao, f->li };
  gint64 one[] = { f->li };
  YkTrainingSession *s;
  YkTrainingRecord spaced = { .date = "2021/11/3", .title = "  督导  ", .hours_tenths = 15, .staff_ids = one,
                              .n_staff = 1 };

  g_assert_cmpint (record (f->db.coordinator, "2021-10-12", 25, both, 2, &error), >, 0);
  g_assert_no_error (error);
  g_assert_true (yk_training_record (f->db.coordinator, &spaced, NULL, &error));
  g_assert_no_error (error);
  g_assert_cmpint (app_test_query_int (f->db.coordinator, "SELECT count (*) FROM audit WHERE action = 'training_add' "
                                                          "AND record_table = 'training_sessions'"), ==, 2);

  all = yk_training_list (f->db.coordinator, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 2);
  s = all->pdata[0];
  g_assert_cmpstr (s->date, ==, "2021-10-12");
  g_assert_cmpint (s->hours_tenths, ==, 25);
  g_assert_cmpstr (s->provider, ==, "区精卫中心");
  /* Attendees by name: 李 before 赵 as the collation has them. */
  g_assert_cmpuint (s->attendees->len, ==, 2);
  g_assert_cmpuint (s->attendee_ids->len, ==, 2);
  s = all->pdata[1];
  /* The date as written in the ledger's ways, stored ISO; the title trimmed. */
  g_assert_cmpstr (s->date, ==, "2021-11-03");
  g_assert_cmpstr (s->title, ==, "督导");
  g_assert_null (s->provider);

  november = yk_training_list (f->db.coordinator, "2021-11", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (november->len, ==, 1);
  g_assert_null (yk_training_list (f->db.coordinator, "not a period", &error));
  g_assert_nonnull (error);
}

/* Each refusal: the reason, and not a row nor an audit entry written. */
static void
test_refusals (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  gint64 li[] = { f->li };
  gint64 unknown[] = { f->li, 9999 };
  gint64 twice[] = { f->li, f->li };
  gint64 before;
  GDate tomorrow;
  g_autofree char *future = NULL;
  struct
  {
    const char *date;
    const char *title;
    int tenths;
    const gint64 *staff;
    guint n;
    const char *message;
  } cases[] = {
    { "2021-10-12", "培训", 0, li, 1, "more than 0 and at most 24" },
    { "2021-10-12", "培训", -5, li, 1, "more than 0 and at most 24" },
    { "2021-10-12", "培训", 241, li, 1, "more than 0 and at most 24" },
    { "2021-10-12", "培训", 10, li, 0, "at least one attendee" },
    { "2021-10-12", "培训", 10, unknown, 2, "not one of the staff" },
    { "2021-10-12", "培训", 10, twice, 2, "named twice" },
    { "2021-10-12", "   ", 10, li, 1, "needs a title" },
    { "2021-10-12", NULL, 10, li, 1, "needs a title" },
    { "2021-02-30", "培训", 10, li, 1, "Date: " },
    { "", "培训", 10, li, 1, "needs a date" },
    { NULL, "培训", 10, li, 1, "in the future" }, /* tomorrow, below */
    /* 20 h already on 2021-10-12 (below): 4.1 more is over 24. */
    { "2021-10-12", "培训", 41, li, 1, "a day holds at most 24" },
  };

  yk_date_today (&tomorrow);
  g_date_add_days (&tomorrow, 1);
  future = yk_date_format_iso (&tomorrow);
  cases[10].date = future;
  g_assert_cmpint (record (f->db.coordinator, "2021-10-12", 200, li, 1, &error), >, 0);
  g_assert_no_error (error);
  before = rows_written (f->db.coordinator);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      YkTrainingRecord r = { .date = cases[i].date, .title = cases[i].title, .hours_tenths = cases[i].tenths,
                             .staff_ids = cases[i].staff, .n_staff = cases[i].n };

      g_assert_false (yk_training_record (f->db.coordinator, &r, NULL, &error));
      g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
      if (strstr (error->message, cases[i].message) == NULL)
        g_error ("case %u: “%s” does not say “%s”", i, error->message, cases[i].message);
      g_clear_error (&error);
      g_assert_cmpint (rows_written (f->db.coordinator), ==, before);
    }
  /* 4.0 more is exactly 24: allowed. */
  g_assert_cmpint (record (f->db.coordinator, "2021-10-12", 40, li, 1, &error), >, 0);
  g_assert_no_error (error);

  /* A social worker is refused, whatever the record. */
  app_test_db_open_worker (&f->db);
  before = rows_written (f->db.coordinator);
  g_assert_cmpint (record (f->db.worker, "2021-10-13", 10, li, 1, &error), ==, 0);
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_cmpint (rows_written (f->db.coordinator), ==, before);
}

static void
test_void (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) left = NULL;
  gint64 li[] = { f->li };
  gint64 id = record (f->db.coordinator, "2021-10-12", 200, li, 1, &error);

  g_assert_no_error (error);
  app_test_db_open_worker (&f->db);
  g_assert_false (yk_training_void (f->db.worker, id, "录错了", &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_clear_error (&error);
  g_assert_false (yk_training_void (f->db.coordinator, id, "  ", &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_true (yk_training_void (f->db.coordinator, id, "录错了", &error));
  g_assert_no_error (error);
  g_assert_false (yk_training_void (f->db.coordinator, id, "录错了", &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (app_test_query_int (f->db.coordinator, "SELECT count (*) FROM audit WHERE action = "
                                                          "'training_void'"), ==, 1);
  left = yk_training_list (f->db.coordinator, NULL, &error);
  g_assert_cmpuint (left->len, ==, 0);
  /* Voided: the day's 24 hours are free again. */
  g_assert_cmpint (record (f->db.coordinator, "2021-10-12", 240, li, 1, &error), >, 0);
  g_assert_no_error (error);
}

/* The year is the calendar year of the period's end: a session of 31
 * December is last year's in a January report. */
static void
test_year_totals (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkWorkload) january = NULL, year = NULL;
  gint64 li[] = { f->li };
  gint64 all[] = { f->li, f->zhao, f->wang };
  const YkWorkloadRow *row = NULL;

  record (f->db.coordinator, "2021-12-31", 150, li, 1, &error);
  record (f->db.coordinator, "2022-01-01", 30, all, 3, &error);
  g_assert_no_error (error);
  january = yk_workload_for_session (f->db.coordinator, "2022-01", NULL, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < january->workers->len; i++)
    if (((YkWorkloadRow *) january->workers->pdata[i])->staff_id == f->li)
      row = january->workers->pdata[i];
  g_assert_nonnull (row);
  g_assert_cmpint (row->training_tenths, ==, 30);
  g_assert_cmpint (row->training_year_tenths, ==, 30);
  g_assert_true (row->training_below_goal);
  /* Three attendees of 3.0 h: 9.0 h in the total. */
  g_assert_cmpint (january->total->training_tenths, ==, 90);

  year = yk_workload_for_session (f->db.coordinator, "2021", NULL, &error);
  g_assert_no_error (error);
  row = NULL;
  for (guint i = 0; i < year->workers->len; i++)
    if (((YkWorkloadRow *) year->workers->pdata[i])->staff_id == f->li)
      row = year->workers->pdata[i];
  g_assert_cmpint (row->training_year_tenths, ==, 150);
  g_assert_true (row->training_below_goal);
  record (f->db.coordinator, "2021-06-01", 50, li, 1, &error);
  g_assert_no_error (error);
  g_clear_pointer (&year, yk_workload_free);
  year = yk_workload_for_session (f->db.coordinator, "2021", NULL, &error);
  for (guint i = 0; i < year->workers->len; i++)
    if (((YkWorkloadRow *) year->workers->pdata[i])->staff_id == f->li)
      row = year->workers->pdata[i];
  /* 15 + 5 = 20 h: the goal is met, not under it. */
  g_assert_cmpint (row->training_year_tenths, ==, 200);
  g_assert_false (row->training_below_goal);
}

static void
test_hours_text (void)
{
  struct
  {
    const char *text;
    int tenths; /* -1: refused */
  } cases[] = {
    { "2.5", 25 }, { "2", 20 }, { "24", 240 }, { "0.5", 5 }, { "12.0", 120 }, { "2.55", -1 }, { "2,5", -1 },
    { "-1", -1 },  { "", -1 },  { ".5", -1 },  { "2.", -1 },  { "abc", -1 },  { "1e1", -1 },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      int tenths = -1;
      gboolean ok = yk_training_hours_parse (cases[i].text, &tenths);

      g_assert_cmpint (ok, ==, cases[i].tenths >= 0);
      if (ok)
        g_assert_cmpint (tenths, ==, cases[i].tenths);
    }
  {
    g_autofree char *a = yk_training_hours_format (25);
    g_autofree char *b = yk_training_hours_format (200);
    g_autofree char *c = yk_training_hours_format (0);

    g_assert_cmpstr (a, ==, "2.5");
    g_assert_cmpstr (b, ==, "20.0");
    g_assert_cmpstr (c, ==, "0.0");
  }
}

static gint64
training_of (const YkWorkload *w, const char *name)
{
  for (guint i = 0; i < w->workers->len; i++)
    if (g_str_equal (((YkWorkloadRow *) w->workers->pdata[i])->name, name))
      return ((YkWorkloadRow *) w->workers->pdata[i])->training_year_tenths;
  return -1;
}

/* The split: a session in each site file with one of its attendees, the
 * coordinator's attendance in the first site's file (SPQ) only; the
 * district view of the two files counts each attendance once, as the
 * one file does. */
static void
test_split_and_district (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) files = NULL;
  g_autofree char *dir = g_build_filename (f->db.dir, "sites", NULL);
  g_autofree char *spq = g_build_filename (dir, "SPQ.ykdb", NULL);
  g_autofree char *jl = g_build_filename (dir, "JL.ykdb", NULL);
  gint64 all[] = { f->li, f->zhao, f->wang };
  gint64 zhao[] = { f->zhao };
  g_autoptr (YkWorkload) one = NULL;

  record (f->db.coordinator, "2021-10-12", 25, all, 3, &error);
  record (f->db.coordinator, "2021-11-12", 60, zhao, 1, &error);
  g_assert_no_error (error);
  g_assert_cmpint (g_mkdir (dir, 0700), ==, 0);
  g_assert_true (yk_session_split (f->db.coordinator, dir, &files, &error));
  g_assert_no_error (error);
  one = yk_workload_for_session (f->db.coordinator, "2021Q4", NULL, &error);
  g_assert_no_error (error);

  {
    YkSession *site = app_test_db_open (&(AppTestDb) { .path = spq }, APP_TEST_COORDINATOR,
                                        APP_TEST_COORDINATOR_PASSWORD);

    g_assert_cmpint (app_test_query_int (site, "SELECT count (*) FROM training_sessions"), ==, 1);
    /* 李 and the coordinator 王 (the first site's file). */
    g_assert_cmpint (app_test_query_int (site, "SELECT count (*) FROM training_attendees"), ==, 2);
    yk_session_close (site);
  }
  {
    YkSession *site = app_test_db_open (&(AppTestDb) { .path = jl }, APP_TEST_COORDINATOR,
                                        APP_TEST_COORDINATOR_PASSWORD);

    g_assert_cmpint (app_test_query_int (site, "SELECT count (*) FROM training_sessions"), ==, 2);
    g_assert_cmpint (app_test_query_int (site, "SELECT count (*) FROM training_attendees"), ==, 2);
    yk_session_close (site);
  }
  {
    const char *paths[] = { spq, jl, NULL };
    g_autoptr (YkDistrict) district = yk_district_open (paths, APP_TEST_COORDINATOR, APP_TEST_COORDINATOR_PASSWORD,
                                                        &error);
    g_autoptr (YkWorkload) merged = NULL;

    g_assert_no_error (error);
    merged = yk_workload_for_session (yk_district_get_session (district), "2021Q4", NULL, &error);
    g_assert_no_error (error);
    g_assert_cmpint (merged->total->training_tenths, ==, one->total->training_tenths);
    g_assert_cmpint (merged->total->training_tenths, ==, 25 * 3 + 60);
    g_assert_cmpint (merged->total->training_year_tenths, ==, one->total->training_year_tenths);
    g_assert_cmpint (training_of (merged, "李社工"), ==, 25);
    g_assert_cmpint (training_of (merged, "赵社工"), ==, 85);
    g_assert_cmpint (training_of (merged, APP_TEST_COORDINATOR_NAME), ==, 25);
    g_assert_cmpint (training_of (one, "赵社工"), ==, 85);
    /* The district view is read only. */
    g_assert_cmpint (record (yk_district_get_session (district), "2021-11-13", 10, zhao, 1, &error), ==, 0);
    g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_READ_ONLY);
    g_clear_error (&error);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/training/record-and-list", Fixture, NULL, fixture_set_up, test_record_and_list, fixture_tear_down);
  g_test_add ("/training/refusals", Fixture, NULL, fixture_set_up, test_refusals, fixture_tear_down);
  g_test_add ("/training/void", Fixture, NULL, fixture_set_up, test_void, fixture_tear_down);
  g_test_add ("/training/year-totals", Fixture, NULL, fixture_set_up, test_year_totals, fixture_tear_down);
  g_test_add ("/training/split-and-district", Fixture, NULL, fixture_set_up, test_split_and_district,
              fixture_tear_down);
  g_test_add_func ("/training/hours-text", test_hours_text);
  return g_test_run ();
}
