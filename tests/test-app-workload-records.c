/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The workload's drill-down (yk_workload_records_list) on the demo data
 * (seed 1), 2021Q4: for every worker row, every site total, the total
 * and every figure, the records listed weigh exactly the engine's
 * number, and so do the training sessions listed for both training
 * columns (yk_workload_training_list; the demo has none, so main() adds
 * some, a voided one and some outside the period and the year among
 * them); the engine on a reader (yk_workload_compute) is the session's;
 * a social worker's reader gets their own row and their site only. */
#include "app-test-util.h"
#include "yk-accounts.h"
#include "yk-demo.h"
#include "yk-reader.h"
#include "yk-db-workload.h"
#include "yk-training.h"
#include "yk-workload-records.h"

#include <string.h>

static AppTestDb test_db;
static YkSession *session; /* the coordinator's */

/* Both training cells of a row: the sessions listed, in the period or
 * in the year of its end, weigh the engine's hours; a worker's row lists
 * each session once, a total each session once per attendee, named. */
static void
assert_training_adds_up (YkReader *reader, const YkWorkload *w, const YkWorkloadRow *row, gint64 staff_id,
                         gint64 site_id)
{
  for (int year = 0; year <= 1; year++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) records =
        yk_workload_training_list (reader, w->from, w->to, staff_id, site_id, year, NULL, &error);
      g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
      g_autofree char *from = NULL, *to = NULL;
      gint64 expected = year ? row->training_year_tenths : row->training_tenths;

      g_assert_no_error (error);
      g_assert_nonnull (records);
      if (yk_figure_records_sum (records) != expected)
        g_error ("%s, training%s: the sessions add up to %" G_GINT64_FORMAT ", the engine says %" G_GINT64_FORMAT,
                 row->name != NULL ? row->name : "total", year ? " (year)" : "", yk_figure_records_sum (records),
                 expected);
      if (year)
        yk_workload_training_year (w->to, &from, &to);
      else
        {
          from = g_strdup (w->from);
          to = g_strdup (w->to);
        }
      for (guint i = 0; i < records->len; i++)
        {
          const YkFigureRecord *record = records->pdata[i];
          g_autofree char *line = yk_figure_record_line (record);
          g_autofree char *hours = yk_training_hours_format (record->weight);

          g_assert_true (record->hours);
          g_assert_cmpstr (record->record_table, ==, "training_sessions");
          g_assert_cmpint (record->weight, >, 0);
          g_assert_cmpstr (record->date, >=, from);
          g_assert_cmpstr (record->date, <=, to);
          g_assert_nonnull (record->kind);
          g_assert_cmpint (record->client_id, ==, 0);
          g_assert_true (g_str_has_suffix (line, hours));
          /* The attendee in a total's lines only; each line once. */
          g_assert_true ((record->name != NULL) == (row->staff_id == 0));
          g_assert_true (g_hash_table_add (seen, g_strdup_printf ("%" G_GINT64_FORMAT " %s", record->record_id,
                                                                  record->name ? record->name : "")));
        }
    }
}

static void
assert_records_add_up (YkReader *reader, const YkWorkload *w, const YkWorkloadRow *row, gint64 staff_id,
                       gint64 site_id)
{
  assert_training_adds_up (reader, w, row, staff_id, site_id);
  for (int k = 0; k < YK_N_WORKLOAD; k++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (GPtrArray) records =
        yk_workload_records_list (reader, w->from, w->to, staff_id, site_id, (YkWorkloadFigure) k, NULL, &error);

      g_assert_no_error (error);
      g_assert_nonnull (records);
      if (yk_figure_records_sum (records) != row->values[k])
        g_error ("%s, %s: the records add up to %" G_GINT64_FORMAT ", the engine says %" G_GINT64_FORMAT,
                 row->name != NULL ? row->name : "total", yk_workload_key ((YkWorkloadFigure) k),
                 yk_figure_records_sum (records), row->values[k]);
      for (guint i = 0; i < records->len; i++)
        {
          const YkFigureRecord *record = records->pdata[i];

          g_assert_cmpint (record->weight, >, 0);
          g_assert_nonnull (record->date);
          g_assert_cmpstr (record->date, >=, w->from);
          g_assert_cmpstr (record->date, <=, w->to);
          g_assert_nonnull (record->kind);
          /* Names are masked; the full one is beside, never in the line. */
          if (record->full_name != NULL && g_utf8_strlen (record->full_name, -1) > 1)
            g_assert_cmpstr (record->name, !=, record->full_name);
        }
      if (k == YK_WORKLOAD_PEOPLE)
        {
          g_autoptr (GHashTable) people = g_hash_table_new (g_int64_hash, g_int64_equal);

          for (guint i = 0; i < records->len; i++)
            g_assert_true (g_hash_table_add (people, &((YkFigureRecord *) records->pdata[i])->client_id));
        }
    }
}

static const YkWorkloadRow *
site_row (const YkWorkload *w, const char *code)
{
  for (guint i = 0; i < w->sites->len; i++)
    if (g_strcmp0 (((YkWorkloadRow *) w->sites->pdata[i])->site_code, code) == 0)
      return w->sites->pdata[i];
  g_assert_not_reached ();
}

static void
test_coordinator_records_add_up (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReader) reader = yk_reader_new_for_session (session);
  g_autoptr (YkWorkload) w = yk_workload_compute (reader, "2021Q4", 0, NULL, &error);
  g_autoptr (YkWorkload) engine = yk_workload_for_session (session, "2021Q4", NULL, NULL);

  g_assert_no_error (error);
  g_assert_nonnull (engine);
  g_assert_cmpuint (w->workers->len, ==, engine->workers->len);
  g_assert_cmpuint (w->workers->len, >=, 6);
  g_assert_cmpuint (w->sites->len, ==, 2);
  g_assert_cmpmem (w->total->values, sizeof w->total->values, engine->total->values, sizeof engine->total->values);
  /* The demo's quarter has something in every figure. */
  for (int k = 0; k < YK_N_WORKLOAD; k++)
    {
      g_test_message ("total %s: %" G_GINT64_FORMAT, yk_workload_key ((YkWorkloadFigure) k), w->total->values[k]);
      g_assert_cmpint (w->total->values[k], >, 0);
    }

  for (guint i = 0; i < w->workers->len; i++)
    {
      const YkWorkloadRow *row = w->workers->pdata[i];

      assert_records_add_up (reader, w, row, row->staff_id, 0);
    }
  for (guint i = 0; i < w->sites->len; i++)
    {
      const YkWorkloadRow *row = w->sites->pdata[i];

      assert_records_add_up (reader, w, row, 0, row->site_id);
    }
  assert_records_add_up (reader, w, w->total, 0, 0);
}

static const YkWorkloadRow *
worker_row (const YkWorkload *w, gint64 staff_id)
{
  for (guint i = 0; i < w->workers->len; i++)
    if (((YkWorkloadRow *) w->workers->pdata[i])->staff_id == staff_id)
      return w->workers->pdata[i];
  g_assert_not_reached ();
}

/* The staff main() trains: two at SPQ, one at JL, the coordinator. */
static gint64 trained[4];

/* The sessions main() records, by hand: the voided one and those
 * outside 2021 count nowhere; 2021-03-20 in the year only. */
static void
test_training (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReader) reader = yk_reader_new_for_session (session);
  g_autoptr (YkWorkload) w = yk_workload_compute (reader, "2021Q4", 0, NULL, &error);
  g_autoptr (GPtrArray) mine = NULL, total = NULL;
  const YkWorkloadRow *first;

  g_assert_no_error (error);
  first = worker_row (w, trained[0]);
  g_assert_cmpint (first->training_tenths, ==, 35 + 40);
  g_assert_cmpint (first->training_year_tenths, ==, 60 + 35 + 40);
  /* The coordinator, without a site, has a row for their training. */
  g_assert_cmpint (worker_row (w, trained[3])->training_tenths, ==, 40);
  g_assert_cmpint (w->total->training_tenths, ==, 35 * 2 + 40 * 3);
  g_assert_cmpint (w->total->training_year_tenths, ==, 60 * 4 + 35 * 2 + 40 * 3);

  mine = yk_workload_training_list (reader, w->from, w->to, trained[0], 0, FALSE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (mine->len, ==, 2);
  g_assert_cmpstr (((YkFigureRecord *) mine->pdata[0])->date, ==, "2021-10-28");
  g_assert_cmpstr (((YkFigureRecord *) mine->pdata[0])->kind, ==, "家属支持小组带领");
  g_assert_cmpstr (((YkFigureRecord *) mine->pdata[0])->detail, ==, "区民政局");
  g_assert_cmpstr (((YkFigureRecord *) mine->pdata[1])->kind, ==, "个案督导");
  g_assert_null (((YkFigureRecord *) mine->pdata[1])->detail);
  total = yk_workload_training_list (reader, w->from, w->to, 0, 0, TRUE, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (total->len, ==, 4 + 2 + 3);
}

/* One site picked: its workers, its total, a total equal to it. */
static void
test_one_site (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReader) reader = yk_reader_new_for_session (session);
  g_autoptr (YkWorkload) all = yk_workload_compute (reader, "2021Q4", 0, NULL, &error);
  const YkWorkloadRow *jl = site_row (all, "JL");
  g_autoptr (YkWorkload) w = yk_workload_compute (reader, "2021Q4", jl->site_id, NULL, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (w->sites->len, ==, 1);
  g_assert_cmpmem (w->total->values, sizeof w->total->values, jl->values, sizeof jl->values);
  for (guint i = 0; i < w->workers->len; i++)
    g_assert_cmpint (((YkWorkloadRow *) w->workers->pdata[i])->site_id, ==, jl->site_id);
}

/* A social worker (an account at SPQ with no records of their own in the
 * demo): their own row and SPQ's total, whatever is asked. */
static void
test_worker_sees_own (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) worker = NULL;
  g_autoptr (YkReader) reader = NULL, coordinator = yk_reader_new_for_session (session);
  g_autoptr (YkWorkload) w = NULL, all = yk_workload_compute (coordinator, "2021Q4", 0, NULL, &error);
  const YkWorkloadRow *spq = site_row (all, "SPQ"), *jl = site_row (all, "JL"), *other = all->workers->pdata[0];

  g_assert_true (yk_accounts_add (session, APP_TEST_WORKER, APP_TEST_WORKER_PASSWORD, YK_ROLE_WORKER, "SPQ",
                                  APP_TEST_WORKER_NAME, YK_KDF_INTERACTIVE, &error));
  g_assert_no_error (error);
  worker = yk_session_open (test_db.path, APP_TEST_WORKER, APP_TEST_WORKER_PASSWORD, &error);
  g_assert_no_error (error);
  reader = yk_reader_new_for_session (worker);
  w = yk_workload_compute (reader, "2021Q4", jl->site_id, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (w->workers->len, ==, 1);
  g_assert_cmpstr (((YkWorkloadRow *) w->workers->pdata[0])->name, ==, APP_TEST_WORKER_NAME);
  g_assert_cmpint (((YkWorkloadRow *) w->workers->pdata[0])->staff_id, ==, yk_session_get_staff_id (worker));
  g_assert_cmpuint (w->sites->len, ==, 1);
  g_assert_cmpmem (w->total->values, sizeof w->total->values, spq->values, sizeof spq->values);
  assert_records_add_up (reader, w, w->workers->pdata[0], yk_session_get_staff_id (worker), 0);
  /* Another worker's row, JL's or every site's total: their own instead. */
  assert_records_add_up (reader, w, w->workers->pdata[0], other->staff_id, 0);
  assert_records_add_up (reader, w, spq, 0, jl->site_id);
  assert_records_add_up (reader, w, spq, 0, 0);
  g_clear_pointer (&reader, yk_reader_free);
}

static void
test_cancelled (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReader) reader = yk_reader_new_for_session (session);
  g_autoptr (GCancellable) cancellable = g_cancellable_new ();

  g_cancellable_cancel (cancellable);
  g_assert_null (yk_workload_compute (reader, "2021Q4", 0, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (yk_workload_records_list (reader, "2021-10-01", "2021-12-31", 0, 0, YK_WORKLOAD_PEOPLE, cancellable,
                                           &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  g_assert_null (yk_workload_training_list (reader, "2021-10-01", "2021-12-31", 0, 0, TRUE, cancellable, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
}

static void
train (const char *date, const char *title, int tenths, const char *provider, const gint64 *staff_ids,
       guint n_staff, gboolean voided)
{
  g_autoptr (GError) error = NULL;
  YkTrainingRecord record = { date, title, tenths, provider, staff_ids, n_staff };
  gint64 id = 0;

  g_assert_true (yk_training_record (session, &record, &id, &error));
  g_assert_no_error (error);
  if (voided)
    g_assert_true (yk_training_void (session, id, "记错了", &error));
  g_assert_no_error (error);
}

/* Two social workers at SPQ, one at JL and the coordinator (no site)
 * attend: before 2021, in it before the quarter, in the quarter, a
 * voided one in the quarter, and after 2021. */
static void
add_training (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) staff = yk_training_staff (session, &error);
  guint n_spq = 0;
  gboolean jl = FALSE;

  g_assert_no_error (error);
  trained[3] = yk_session_get_staff_id (session);
  for (guint i = 0; i < staff->len; i++)
    {
      YkWorkloadStaff *member = staff->pdata[i];

      if (g_strcmp0 (member->role, "worker") != 0)
        continue;
      if (g_strcmp0 (member->site_code, "SPQ") == 0 && n_spq < 2)
        trained[n_spq++] = member->id;
      else if (g_strcmp0 (member->site_code, "JL") == 0 && !jl)
        {
          trained[2] = member->id;
          jl = TRUE;
        }
    }
  g_assert_cmpuint (n_spq, ==, 2);
  g_assert_true (jl);
  train ("2020-12-15", "上一年的培训", 30, NULL, trained, 1, FALSE);
  train ("2021-03-20", "社区精神康复个案管理", 60, "区精神卫生中心", trained, 4, FALSE);
  train ("2021-10-28", "家属支持小组带领", 35, "区民政局", (gint64[]) { trained[0], trained[2] }, 2, FALSE);
  train ("2021-11-25", "个案督导", 40, NULL, (gint64[]) { trained[0], trained[1], trained[3] }, 3, FALSE);
  train ("2021-11-30", "作废的培训", 25, "市社工协会", trained, 4, TRUE);
  train ("2022-01-10", "下一年的培训", 20, NULL, trained, 1, FALSE);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  app_test_db_init (&test_db, "demo.ykdb");
  app_test_db_create (&test_db, APP_TEST_COORDINATOR, NULL, APP_TEST_COORDINATOR_PASSWORD);
  session = g_steal_pointer (&test_db.coordinator);
  g_assert_true (yk_demo_fill (session, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);
  add_training ();

  g_test_add_func ("/app/workload-records/add-up", test_coordinator_records_add_up);
  g_test_add_func ("/app/workload-records/training", test_training);
  g_test_add_func ("/app/workload-records/one-site", test_one_site);
  g_test_add_func ("/app/workload-records/worker", test_worker_sees_own);
  g_test_add_func ("/app/workload-records/cancelled", test_cancelled);
  status = g_test_run ();
  g_clear_pointer (&session, yk_session_close);
  app_test_db_clear (&test_db);
  return status;
}
