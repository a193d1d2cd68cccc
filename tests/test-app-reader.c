/* SPDX-License-Identifier: GPL-3.0-or-later */
/* YkReader (app/yk-reader.c) and the reader task: a lent connection knows
 * whose it is, and the reading functions keep to that person's sites
 * whatever a caller asks for. On the demo data (seed 1). */
#include "app-test-util.h"
#include "yk-accounts.h"
#include "yk-caseload.h"
#include "yk-demo.h"
#include "yk-reader.h"
#include "yk-reader-task.h"
#include "yk-statistics.h"
#include "yk-unlocked-session.h"
#include "yk-validate.h"

#include <glib/gstdio.h>

#define PASSWORD "reader test password"

static AppTestDb test_db;
static gint64 spq, jl;

static YkSession *
open_as (const char *account)
{
  g_autoptr (GError) error = NULL;
  YkSession *session = yk_session_open (test_db.path, account, PASSWORD, &error);

  g_assert_no_error (error);
  return session;
}

static gint64
site_of (YkSession *session, const char *code)
{
  g_autoptr (GPtrArray) sites = yk_statistics_sites (session, NULL);

  for (guint i = 0; i < sites->len; i++)
    if (g_str_equal (((YkSiteRow *) sites->pdata[i])->code, code))
      return ((YkSiteRow *) sites->pdata[i])->id;
  g_assert_not_reached ();
}

static void
test_scope (void)
{
  g_autoptr (YkSession) coordinator = open_as ("wang");
  g_autoptr (YkSession) worker = open_as ("li");
  g_autoptr (YkReader) all = yk_reader_new_for_session (coordinator);
  g_autoptr (YkReader) own = yk_reader_new_for_session (worker);

  g_assert_true (yk_reader_is_coordinator (all));
  g_assert_cmpint (yk_reader_site_scope (all), ==, 0);
  g_assert_cmpint (yk_reader_clamp_site (all, jl), ==, jl);
  g_assert_cmpint (yk_reader_clamp_site (all, 0), ==, 0);
  g_assert_cmpint (yk_reader_clamp_worker (all, 42), ==, 42);

  g_assert_false (yk_reader_is_coordinator (own));
  g_assert_cmpint (yk_reader_get_role (own), ==, YK_ROLE_WORKER);
  g_assert_cmpint (yk_reader_get_site_id (own), ==, spq);
  g_assert_cmpint (yk_reader_get_staff_id (own), ==, yk_session_get_staff_id (worker));
  g_assert_cmpint (yk_reader_site_scope (own), ==, spq);
  /* Whatever a filter says, a social worker reads their own site and people. */
  g_assert_cmpint (yk_reader_clamp_site (own, jl), ==, spq);
  g_assert_cmpint (yk_reader_clamp_site (own, 0), ==, spq);
  g_assert_cmpint (yk_reader_clamp_worker (own, 0), ==, yk_session_get_staff_id (worker));
}

/* A statistics report for another site, asked through a social worker's
 * reader, is their own site's. */
static void
test_statistics_clamped (void)
{
  g_autoptr (YkSession) worker = open_as ("li");
  g_autoptr (YkReader) reader = yk_reader_new_for_session (worker);
  g_autoptr (GError) error = NULL;
  g_autoptr (YkStatistics) asked = yk_statistics_compute (reader, "2021Q4", jl, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (asked->report->sites->len, ==, 1);
  g_assert_cmpint (((YkReportSite *) asked->report->sites->pdata[0])->site_id, ==, spq);
}

typedef struct
{
  gboolean done;
  GPtrArray *entries;
  GError *error;
} Wait;

static gpointer
load_in_thread (YkReader *reader, gpointer data, GCancellable *cancellable, GError **error)
{
  GDate today;

  g_assert_false (yk_reader_is_coordinator (reader));
  yk_date_today (&today);
  return yk_caseload_load (reader, &today, cancellable, error);
}

static void
loaded_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  Wait *wait = user_data;

  g_assert_null (source);
  wait->entries = yk_reader_task_run_finish (result, &wait->error);
  wait->done = TRUE;
}

static void
run (YkUnlockedSession *session, GCancellable *cancellable, Wait *wait)
{
  g_autoptr (GTask) task = yk_reader_task_run_async (session, load_in_thread, NULL, NULL,
                                                     (GDestroyNotify) g_ptr_array_unref, cancellable, loaded_cb,
                                                     wait);

  while (!wait->done)
    g_main_context_iteration (NULL, TRUE);
}

/* The reader a worker thread gets carries the scope of the account that
 * unlocked: the caseload it reads is what that person's own list holds. */
static void
test_task_reads_in_scope (void)
{
  g_autoptr (YkUnlockedSession) session = yk_unlocked_session_new (open_as ("li"), test_db.path);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();
  g_autoptr (GPtrArray) expected = NULL;
  g_autoptr (GError) error = NULL;
  Wait wait = { 0 }, cancelled = { 0 }, locked = { 0 };
  GDate today;

  yk_date_today (&today);
  expected = yk_caseload_list (yk_unlocked_session_get_session (session), &today, &error);
  g_assert_no_error (error);
  run (session, NULL, &wait);
  g_assert_no_error (wait.error);
  g_assert_cmpuint (wait.entries->len, ==, expected->len);
  g_assert_cmpuint (wait.entries->len, >, 0);
  for (guint i = 0; i < wait.entries->len; i++)
    g_assert_cmpint (((YkCaseloadEntry *) wait.entries->pdata[i])->site_id, ==, spq);
  g_ptr_array_unref (wait.entries);

  g_cancellable_cancel (cancellable);
  run (session, cancellable, &cancelled);
  g_assert_null (cancelled.entries);
  g_assert_error (cancelled.error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&cancelled.error);

  /* Locked: nothing more is lent. */
  yk_unlocked_session_close (session);
  run (session, NULL, &locked);
  g_assert_null (locked.entries);
  g_assert_error (locked.error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  g_clear_error (&locked.error);
}

static void
build_fixture (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = NULL;

  app_test_db_init (&test_db, "reader.ykdb");
  app_test_db_create (&test_db, "wang", "王协调", PASSWORD);
  app_test_db_add_worker (&test_db, "li", PASSWORD, "SPQ", "李社工");
  session = g_steal_pointer (&test_db.coordinator);
  g_assert_true (yk_demo_fill (session, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);
  spq = site_of (session, "SPQ");
  jl = site_of (session, "JL");
}

int
main (int argc, char *argv[])
{
  int status;

  g_test_init (&argc, &argv, NULL);
  build_fixture ();
  g_test_add_func ("/app/reader/scope", test_scope);
  g_test_add_func ("/app/reader/statistics-clamped", test_statistics_clamped);
  g_test_add_func ("/app/reader/task", test_task_reads_in_scope);
  status = g_test_run ();
  /* With the database, its .failed-unlocks journal. */
  app_test_db_clear (&test_db);
  return status;
}
