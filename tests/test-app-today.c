/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Today screen's core (app/yk-today.c) on the pilot demo data, with
 * today pinned to 2021-11-15: quarters, masked names, and the follow-up
 * list and figures built on a connection of their own agreeing with
 * yk_followup_list() and yk_report_compute() on the session's. */
#include "app-test-util.h"
#include "yk-report-private.h"
#include "yk-accounts.h"
#include "yk-text.h"
#include "yk-casework.h"
#include "yk-db-indicators.h"
#include "yk-db-staff.h"
#include "yk-db-today.h"
#include "yk-demo.h"
#include "yk-today.h"
#include "yk-reader-private.h"

#include <glib/gstdio.h>

#define COORDINATOR_PW "coordinator pass 1"
#define WORKER "li"
#define WORKER_PW "worker's pass 12"

static AppTestDb test_db;
static YkSession *session; /* the coordinator */
static GDate today, horizon;

static void
date_set (GDate *date, int year, int month, int day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static void
test_quarter (void)
{
  static const struct
  {
    int y, m, d, offset;
    const char *quarter;
  } cases[] = {
    { 2021, 11, 15, 0, "2021Q4" }, { 2021, 11, 15, -1, "2021Q3" }, { 2021, 1, 1, 0, "2021Q1" },
    { 2021, 1, 1, -1, "2020Q4" },  { 2021, 3, 31, 0, "2021Q1" },   { 2021, 4, 1, 0, "2021Q2" },
    { 2021, 12, 31, 1, "2022Q1" }, { 2020, 10, 1, -4, "2019Q4" },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *quarter = NULL;
      GDate date;

      date_set (&date, cases[i].y, cases[i].m, cases[i].d);
      quarter = yk_today_quarter (&date, cases[i].offset);
      g_assert_cmpstr (quarter, ==, cases[i].quarter);
    }
}

static void
test_mask_name (void)
{
  static const char *const cases[][2] = {
    { "王小明", "王**" }, { "欧阳娜娜", "欧***" }, { "李", "李" }, { "", "" }, { "Anna", "A***" },
  };
  g_autofree char *none = yk_text_mask_name (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autofree char *masked = yk_text_mask_name (cases[i][0]);
      g_assert_cmpstr (masked, ==, cases[i][1]);
    }
  g_assert_cmpstr (none, ==, "");
}

static void
assert_same_list (GPtrArray *expected,
                  GPtrArray *actual)
{
  g_assert_nonnull (expected);
  g_assert_nonnull (actual);
  g_assert_cmpuint (actual->len, ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      YkFollowup *e = expected->pdata[i], *a = actual->pdata[i];

      g_assert_cmpint (a->client_id, ==, e->client_id);
      g_assert_cmpstr (a->case_no, ==, e->case_no);
      g_assert_cmpstr (a->name, ==, e->name);
      g_assert_cmpint (a->site_id, ==, e->site_id);
      g_assert_cmpint (a->worker_id, ==, e->worker_id);
      g_assert_cmpstr (a->last_contact, ==, e->last_contact);
      g_assert_cmpint (g_date_compare (&a->due, &e->due), ==, 0);
      g_assert_cmpint (a->overdue, ==, e->overdue);
      g_assert_cmpint (a->at_risk, ==, e->at_risk);
      g_assert_cmpint (a->risk_level, ==, e->risk_level);
      g_assert_cmpstr (a->condition, ==, e->condition);
    }
}

/* Who the list is about must not depend on which connection built it. */
static void
test_followups_match_session_list (void)
{
  YkStore *store = yk_session_get_store (session);
  sqlite3 *db = yk_store_open_connection (store, NULL);
  gint64 sites[] = { 0, 1, 2 };
  g_autoptr (GPtrArray) workers = yk_today_workers (session, 0, NULL);
  g_autoptr (YkReader) reader = NULL;
  guint overdue = 0, at_risk = 0;

  g_assert_nonnull (db);
  reader = _yk_reader_new (session, db);
  g_assert_cmpuint (workers->len, ==, 7); /* three at each site, and li */
  for (guint i = 0; i < G_N_ELEMENTS (sites); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) expected = yk_followup_list (session, sites[i], 0, &today, &horizon, &error);
      g_autoptr (GPtrArray) actual = yk_today_followups (reader, sites[i], 0, &today, &horizon, NULL, &error);

      g_assert_no_error (error);
      assert_same_list (expected, actual);
      for (guint k = 0; sites[i] == 0 && k < actual->len; k++)
        {
          overdue += ((YkFollowup *) actual->pdata[k])->overdue;
          at_risk += ((YkFollowup *) actual->pdata[k])->at_risk;
        }
    }
  /* The demo data has both, or the comparison above proves little. */
  g_assert_cmpuint (overdue, >, 0);
  g_assert_cmpuint (at_risk, >, 0);

  for (guint i = 0; i < workers->len; i++)
    {
      YkStaffRow *worker = workers->pdata[i];
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) expected = yk_followup_list (session, 0, worker->id, &today, &horizon, &error);
      g_autoptr (GPtrArray) actual = yk_today_followups (reader, 0, worker->id, &today, &horizon, NULL, &error);

      g_assert_no_error (error);
      assert_same_list (expected, actual);
    }
  g_clear_pointer (&reader, yk_reader_free);
  yk_store_close_connection (store, db);
}

static void
assert_same_report (const YkReport *expected,
                    const YkReport *actual)
{
  g_assert_cmpstr (actual->from, ==, expected->from);
  g_assert_cmpstr (actual->to, ==, expected->to);
  for (int k = 0; k < YK_N_INDICATORS; k++)
    g_assert_cmpint (actual->total[k], ==, expected->total[k]);
}

static void
test_figures_match_report (void)
{
  YkStore *store = yk_session_get_store (session);
  sqlite3 *db = yk_store_open_connection (store, NULL);
  sqlite3 *main_db = yk_store_get_connection (store);
  gint64 sites[] = { 0, 1 };
  g_autoptr (YkReader) coordinator = _yk_reader_new (session, db);

  for (guint i = 0; i < G_N_ELEMENTS (sites); i++)
    {
      g_autoptr (GError) error = NULL;
      /* Site 1's figures are what a social worker there reads. */
      YkReader reader = *coordinator;
      g_autoptr (YkTodayFigures) figures = NULL;
      g_autoptr (YkReport) q4 = NULL, q3 = NULL;

      if (sites[i] != 0)
        {
          reader.role = YK_ROLE_WORKER;
          reader.site_id = sites[i];
        }
      figures = yk_today_figures (&reader, &today, NULL, &error);
      q4 = _yk_report_compute_on (main_db, "2021-10-01", "2021-12-31", sites[i], &error);
      q3 = _yk_report_compute_on (main_db, "2021-07-01", "2021-09-30", sites[i], &error);

      g_assert_no_error (error);
      g_assert_cmpstr (figures->period[0], ==, "2021Q4");
      g_assert_cmpstr (figures->period[1], ==, "2021Q3");
      assert_same_report (q4, figures->report[0]);
      assert_same_report (q3, figures->report[1]);
      g_assert_cmpuint (figures->report[0]->sites->len, ==, sites[i] == 0 ? 2 : 1);
      g_assert_cmpint (figures->report[0]->total[YK_INDICATOR_PHONE_FOLLOWUPS], >, 0);
    }
  g_clear_pointer (&coordinator, yk_reader_free);
  yk_store_close_connection (store, db);
}

static int
calls_before_stop;

static int
stop_after_cb (void *data)
{
  return --calls_before_stop <= 0;
}

/* A cancelled load stops inside a query, and says it was cancelled. */
static void
test_cancel (void)
{
  YkStore *store = yk_session_get_store (session);
  sqlite3 *db = yk_store_open_connection (store, NULL);
  g_autoptr (YkReader) reader = _yk_reader_new (session, db);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GError) error = NULL;
  g_autoptr (YkTodayFigures) figures = NULL;
  g_autoptr (GPtrArray) list = NULL;

  /* The mechanism: the second check stops the query under way. */
  calls_before_stop = 2;
  yk_store_interrupt_when (db, stop_after_cb, NULL);
  g_assert_null (_yk_report_compute_on (db, "2020-10-01", "2021-12-31", 0, &error));
  g_assert_nonnull (error);
  g_assert_cmpint (calls_before_stop, ==, 0);
  g_clear_error (&error);
  yk_store_interrupt_when (db, NULL, NULL);

  g_cancellable_cancel (cancellable);
  figures = yk_today_figures (reader, &today, cancellable, &error);
  g_assert_null (figures);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  list = yk_today_followups (reader, 0, 0, &today, &horizon, cancellable, &error);
  g_assert_null (list);
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);

  /* The connection is left as it was: no handler, works again. */
  g_cancellable_reset (cancellable);
  figures = yk_today_figures (reader, &today, cancellable, &error);
  g_assert_no_error (error);
  g_assert_nonnull (figures);
  g_clear_pointer (&reader, yk_reader_free);
  yk_store_close_connection (store, db);
}

static void
test_filters_follow_role (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) worker = NULL;
  g_autoptr (GPtrArray) sites = yk_today_sites (session, &error);
  g_autoptr (GPtrArray) jl_workers = yk_today_workers (session, 2, &error);
  g_autoptr (GPtrArray) worker_sites = NULL;
  g_autoptr (GPtrArray) worker_workers = NULL;
  g_autoptr (GPtrArray) own = NULL, asked = NULL;
  g_autoptr (YkReader) reader = NULL;

  g_assert_no_error (error);
  g_assert_cmpuint (sites->len, ==, 2);
  g_assert_cmpuint (jl_workers->len, ==, 3);
  for (guint i = 0; i < jl_workers->len; i++)
    g_assert_cmpint (((YkStaffRow *) jl_workers->pdata[i])->site_id, ==, 2);

  /* A social worker at SPQ sees SPQ only, whatever they ask for. */
  yk_session_close (g_steal_pointer (&session));
  worker = yk_session_open (test_db.path, WORKER, WORKER_PW, &error);
  g_assert_no_error (error);
  worker_sites = yk_today_sites (worker, &error);
  worker_workers = yk_today_workers (worker, 2, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (worker_sites->len, ==, 1);
  g_assert_cmpstr (((YkSiteRow *) worker_sites->pdata[0])->code, ==, "SPQ");
  g_assert_cmpuint (worker_workers->len, ==, 4);
  for (guint i = 0; i < worker_workers->len; i++)
    g_assert_cmpint (((YkStaffRow *) worker_workers->pdata[i])->site_id, ==, 1);
  /* Their Today list is their own people, whatever filters it is given. */
  reader = yk_reader_new_for_session (worker);
  g_assert_cmpint (yk_reader_site_scope (reader), ==, 1);
  own = yk_followup_list (worker, 1, yk_session_get_staff_id (worker), &today, &horizon, &error);
  asked = yk_today_followups (reader, 2, ((YkStaffRow *) jl_workers->pdata[0])->id, &today, &horizon, NULL, &error);
  g_assert_no_error (error);
  assert_same_list (own, asked);
  g_clear_pointer (&reader, yk_reader_free);
  g_clear_pointer (&worker, yk_session_close);
  session = yk_session_open (test_db.path, "admin", COORDINATOR_PW, &error);
  g_assert_no_error (error);
}

static void
build_fixture (void)
{
  g_autoptr (GError) error = NULL;

  app_test_db_init (&test_db, "today.ykdb");
  app_test_db_create (&test_db, "admin", NULL, COORDINATOR_PW);
  app_test_db_add_worker (&test_db, WORKER, WORKER_PW, "SPQ", "李社工");
  session = g_steal_pointer (&test_db.coordinator);
  g_assert_true (yk_demo_fill (session, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);
  date_set (&today, 2021, 11, 15);
  horizon = today;
  g_date_add_days (&horizon, 7);
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  build_fixture ();
  g_test_add_func ("/app/today/quarter", test_quarter);
  g_test_add_func ("/app/today/mask-name", test_mask_name);
  g_test_add_func ("/app/today/followups", test_followups_match_session_list);
  g_test_add_func ("/app/today/figures", test_figures_match_report);
  g_test_add_func ("/app/today/cancel", test_cancel);
  g_test_add_func ("/app/today/filters", test_filters_follow_role);
  status = g_test_run ();
  g_clear_pointer (&session, yk_session_close);
  app_test_db_clear (&test_db);
  return status;
}
