/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the Preferences dialog adds to app/: showing names in full is
 * audited, for coordinators only, with nothing personal in the row; and
 * the statistics drill-down carries the full name beside the masked one
 * for the UI to choose. */
#include "app-test-util.h"
#include "yk-accounts.h"
#include "yk-app-error.h"
#include "yk-db-admin.h"
#include "yk-preferences.h"

#include <glib/gstdio.h>

#define PW "coordinator pass 1"
#define WORKER_PW "worker pass 12345"

typedef struct
{
  AppTestDb db;
  YkSession *session; /* the coordinator's */
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

/* The newest audit row. */
static YkAuditRow *
newest (YkSession *session)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) rows = yk_db_audit_list (yk_store_get_connection (yk_session_get_store (session)), NULL,
                                                 NULL, 0, NULL, NULL, 1, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (rows->len, ==, 1);
  return g_steal_pointer (&rows->pdata[0]);
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
test_coordinator (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  guint64 before = audit_rows (f->session);
  YkAuditRow *row;

  g_assert_true (yk_preferences_audit_full_names (f->session, TRUE, &error));
  g_assert_no_error (error);
  row = newest (f->session);
  g_assert_cmpstr (row->action, ==, "names_unmask");
  g_assert_cmpstr (row->account, ==, "admin");
  g_assert_null (row->record_table);
  g_assert_cmpint (row->record_id, ==, 0);
  g_assert_null (row->detail);
  yk_audit_row_free (row);

  g_assert_true (yk_preferences_audit_full_names (f->session, FALSE, &error));
  g_assert_no_error (error);
  row = newest (f->session);
  g_assert_cmpstr (row->action, ==, "names_mask");
  yk_audit_row_free (row);
  /* Two rows, and the chain still verifies. */
  g_assert_cmpuint (audit_rows (f->session), ==, before + 2);
}

static void
test_worker_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkSession *worker;
  guint64 before;

  g_clear_pointer (&f->session, yk_session_close);
  worker = yk_session_open (f->db.path, "li", WORKER_PW, &error);
  g_assert_no_error (error);
  before = audit_rows (worker);
  g_assert_false (yk_preferences_audit_full_names (worker, TRUE, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_assert_cmpuint (audit_rows (worker), ==, before);
  yk_session_close (worker);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/preferences/full-names/coordinator", Fixture, NULL, fixture_set_up, test_coordinator,
              fixture_tear_down);
  g_test_add ("/preferences/full-names/worker-refused", Fixture, NULL, fixture_set_up, test_worker_refused,
              fixture_tear_down);
  return g_test_run ();
}
