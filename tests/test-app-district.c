/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The district view (docs/design/district.md): its figures equal those of
 * one file holding the same records, to the digit, for every period;
 * ids that collide between files; what it refuses and warns about; the
 * record of snapshots already shown; nothing written. */
#include "app-test-util.h"

#include "yk-accounts.h"
#include "yk-app-error.h"
#include "yk-case-file.h"
#include "yk-caseload.h"
#include "yk-casework.h"
#include "yk-db-check.h"
#include "yk-db-error.h"
#include "yk-db-staff.h"
#include "yk-demo.h"
#include "yk-dossier.h"
#include "yk-district-private.h"
#include "yk-due.h"
#include "yk-due-format.h"
#include "yk-figure-records.h"
#include "yk-ledger.h"
#include "yk-reader.h"
#include "yk-report-format.h"
#include "yk-secret.h"
#include "yk-snapshot.h"
#include "yk-split.h"

#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>

#define ACCOUNT APP_TEST_COORDINATOR
#define PASSWORD APP_TEST_COORDINATOR_PASSWORD

/* The demo's one file, the two site files `yukang split` makes of it,
 * and a snapshot of each, made once. */
typedef struct
{
  AppTestDb one;
  char *district_dir;
  char *spq;
  char *jl;
  char *snapshot_dir;
  char *snapshot_spq;
  char *snapshot_jl;
} DemoFiles;

static DemoFiles demo;
static char *state_home;

/* `source` split into `dir` (which exists) as yukang split does it:
 * DIR/SPQ.ykdb and DIR/JL.ykdb. */
static void
split_into (YkSession  *source,
            const char *dir)
{
  g_autoptr (GPtrArray) files = NULL;
  g_autoptr (GError) error = NULL;
  gboolean ok = yk_session_split (source, dir, &files, &error);

  g_assert_no_error (error);
  g_assert_true (ok);
  g_assert_cmpuint (files->len, ==, 2);
}

/* One site's file of `source`, made at `path` (in a folder of its own
 * first, then moved). */
static void
split_site_to (YkSession  *source,
               const char *code,
               const char *path)
{
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *name = g_strconcat (code, ".ykdb", NULL);
  g_autofree char *made = g_build_filename (dir, name, NULL);

  split_into (source, dir);
  g_assert_cmpint (g_rename (made, path), ==, 0);
  app_test_remove_tree (dir);
}

/* A snapshot of the site file `path` in `dir`. */
static char *
snapshot_of (const char *path,
             const char *dir)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = yk_session_open (path, ACCOUNT, PASSWORD, &error);
  char *written = NULL;

  g_assert_no_error (error);
  g_assert_true (yk_session_snapshot (session, dir, &written, &error));
  g_assert_no_error (error);
  return written;
}

static const DemoFiles *
demo_files (void)
{
  g_autoptr (GError) error = NULL;

  if (demo.spq != NULL)
    return &demo;
  app_test_db_init (&demo.one, "one.ykdb");
  app_test_db_create (&demo.one, ACCOUNT, APP_TEST_COORDINATOR_NAME, PASSWORD);
  g_assert_true (yk_demo_fill (demo.one.coordinator, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);
  demo.district_dir = g_build_filename (demo.one.dir, "district", NULL);
  g_assert_cmpint (g_mkdir (demo.district_dir, 0700), ==, 0);
  demo.spq = g_build_filename (demo.district_dir, "SPQ.ykdb", NULL);
  demo.jl = g_build_filename (demo.district_dir, "JL.ykdb", NULL);
  split_into (demo.one.coordinator, demo.district_dir);
  g_assert_true (g_file_test (demo.spq, G_FILE_TEST_IS_REGULAR) && g_file_test (demo.jl, G_FILE_TEST_IS_REGULAR));
  demo.snapshot_dir = g_build_filename (demo.one.dir, "snapshots", NULL);
  g_assert_cmpint (g_mkdir (demo.snapshot_dir, 0700), ==, 0);
  demo.snapshot_spq = snapshot_of (demo.spq, demo.snapshot_dir);
  demo.snapshot_jl = snapshot_of (demo.jl, demo.snapshot_dir);
  return &demo;
}

static YkDistrict *
open_district (const char *first,
               ...)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new ();
  g_autoptr (GError) error = NULL;
  YkDistrict *district;
  va_list args;

  va_start (args, first);
  for (const char *path = first; path != NULL; path = va_arg (args, const char *))
    g_ptr_array_add (paths, (gpointer) path);
  va_end (args);
  g_ptr_array_add (paths, NULL);
  district = yk_district_open ((const char *const *) paths->pdata, ACCOUNT, PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (district);
  return district;
}

/* The report's JSON up to its audit head: the figures, every site's and
 * the total, the threshold and the dates. */
static char *
figures_json (YkSession  *session,
              const char *period,
              const char *site)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReport) report = yk_report_for_session (session, period, site, &error);
  g_autofree char *json = NULL;
  char *end;

  g_assert_no_error (error);
  json = yk_report_to_json (report);
  end = strstr (json, ",\n  \"audit_head\"");
  g_assert_nonnull (end);
  return g_strndup (json, (gsize) (end - json));
}

static void
assert_same_figures (YkSession  *one,
                     YkSession  *district,
                     const char *period,
                     const char *site)
{
  g_autofree char *expected = figures_json (one, period, site);
  g_autofree char *actual = figures_json (district, period, site);

  if (g_test_verbose ())
    g_test_message ("%s %s", period, site ? site : "all sites");
  g_assert_cmpstr (actual, ==, expected);
}

static int
compare_text_pointers (gconstpointer a,
                       gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Lines of a text, sorted: the same records in another order. */
static char *
sorted_lines (const char *text)
{
  g_auto (GStrv) lines = g_strsplit (text, "\n", -1);

  qsort (lines, g_strv_length (lines), sizeof (char *), compare_text_pointers);
  return g_strjoinv ("\n", lines);
}

static void
assert_same_ledger (YkSession *one,
                    YkSession *district,
                    const char *dir)
{
  g_autofree char *one_dir = g_build_filename (dir, "ledger-one", NULL);
  g_autofree char *district_dir = g_build_filename (dir, "ledger-district", NULL);
  g_autoptr (GError) error = NULL;

  g_assert_true (yk_ledger_export (one, one_dir, &error));
  g_assert_no_error (error);
  g_assert_true (yk_ledger_export (district, district_dir, &error));
  g_assert_no_error (error);
  for (guint i = 0; i < YK_LEDGER_FILES; i++)
    {
      g_autofree char *a = g_build_filename (one_dir, yk_ledger_file_name (i), NULL);
      g_autofree char *b = g_build_filename (district_dir, yk_ledger_file_name (i), NULL);
      g_autofree char *text_a = NULL, *text_b = NULL, *sorted_a = NULL, *sorted_b = NULL;

      /* An optional file (training.csv) is written by both or neither. */
      g_assert_cmpint (g_file_test (a, G_FILE_TEST_EXISTS), ==, g_file_test (b, G_FILE_TEST_EXISTS));
      if (!g_file_test (a, G_FILE_TEST_EXISTS))
        continue;
      g_assert_true (g_file_get_contents (a, &text_a, NULL, NULL));
      g_assert_true (g_file_get_contents (b, &text_b, NULL, NULL));
      sorted_a = sorted_lines (text_a);
      sorted_b = sorted_lines (text_b);
      /* Attendances and questionnaires name made-up numbers from row ids
       * where people wrote none (the demo writes them all). */
      g_assert_cmpstr (sorted_b, ==, sorted_a);
    }
}

/* Everything the window reads, the same from the one file and from the
 * district: the caseload, the follow-up list, case files, drill-down. */
static void
assert_same_reads (YkSession *one,
                   YkSession *district)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list_one = NULL, list_district = NULL;
  g_autoptr (YkDueList) due_one = NULL, due_district = NULL;
  g_autofree char *due_text_one = NULL, *due_text_district = NULL;
  g_autoptr (YkReader) reader_one = yk_reader_new_for_session (one);
  g_autoptr (YkReader) reader_district = yk_reader_new_for_session (district);
  g_autoptr (YkReport) report_one = yk_report_for_session (one, "2021Q3", NULL, &error);
  g_autoptr (YkReport) report_district = yk_report_for_session (district, "2021Q3", NULL, &error);
  GDate today;

  g_assert_no_error (error);
  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 15, 11, 2021);
  list_one = yk_caseload_list (one, &today, &error);
  g_assert_no_error (error);
  list_district = yk_caseload_list (district, &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (list_district->len, ==, list_one->len);
  g_assert_cmpuint (list_one->len, ==, 142);
  for (guint i = 0; i < list_one->len; i++)
    {
      YkCaseloadEntry *a = list_one->pdata[i], *b = list_district->pdata[i];
      g_autoptr (YkCaseFile) file_a = NULL, file_b = NULL;

      g_assert_cmpstr (b->case_no, ==, a->case_no);
      g_assert_cmpstr (b->name, ==, a->name);
      g_assert_cmpstr (b->site_code, ==, a->site_code);
      g_assert_cmpstr (b->worker_name, ==, a->worker_name);
      g_assert_cmpstr (b->last_contact, ==, a->last_contact);
      g_assert_cmpstr (b->condition, ==, a->condition);
      g_assert_cmpstr (b->status, ==, a->status);
      g_assert_cmpint (b->risk_level, ==, a->risk_level);
      g_assert_cmpint (b->overdue, ==, a->overdue);
      g_assert_cmpint (b->at_risk, ==, a->at_risk);
      g_assert_true (g_date_valid (&a->due) == g_date_valid (&b->due));
      if (g_date_valid (&a->due))
        g_assert_cmpint (g_date_compare (&a->due, &b->due), ==, 0);
      if (i % 10 != 0)
        continue;
      file_a = yk_case_file_load (reader_one, a->client_id, &error);
      g_assert_no_error (error);
      file_b = yk_case_file_load (reader_district, b->client_id, &error);
      g_assert_no_error (error);
      g_assert_cmpuint (file_b->timeline->len, ==, file_a->timeline->len);
      g_assert_cmpuint (file_b->family->len, ==, file_a->family->len);
      g_assert_cmpuint (file_b->assessments->len, ==, file_a->assessments->len);
      g_assert_cmpstr (file_b->worker_name, ==, file_a->worker_name);
      for (guint k = 0; k < file_a->timeline->len; k++)
        {
          YkCaseEvent *x = file_a->timeline->pdata[k], *y = file_b->timeline->pdata[k];
          g_assert_cmpstr (y->title, ==, x->title);
          g_assert_cmpstr (y->summary, ==, x->summary);
          g_assert_cmpstr (y->date, ==, x->date);
          g_assert_false (y->can_void);
          g_assert_false (y->can_correct);
        }
    }

  due_one = yk_due_list_for_session (one, NULL, &today, 14, &error);
  g_assert_no_error (error);
  due_district = yk_due_list_for_session (district, NULL, &today, 14, &error);
  g_assert_no_error (error);
  due_text_one = yk_due_list_to_text (due_one);
  due_text_district = yk_due_list_to_text (due_district);
  g_assert_cmpstr (due_text_district, ==, due_text_one);

  for (int k = 0; k < YK_N_INDICATORS; k++)
    for (int cumulative = 0; cumulative < 2; cumulative++)
      {
        g_autoptr (GPtrArray) a = yk_figure_records_list (reader_one, report_one, (YkIndicator) k, 0, cumulative,
                                                          NULL, &error);
        g_autoptr (GPtrArray) b = yk_figure_records_list (reader_district, report_district, (YkIndicator) k, 0,
                                                          cumulative, NULL, &error);
        g_autoptr (GPtrArray) lines_a = g_ptr_array_new_with_free_func (g_free);
        g_autoptr (GPtrArray) lines_b = g_ptr_array_new_with_free_func (g_free);

        g_assert_no_error (error);
        g_assert_cmpint (yk_figure_records_sum (b), ==, yk_figure_records_sum (a));
        g_assert_cmpint (yk_figure_records_sum (a), ==,
                         cumulative ? report_one->cumulative[k] : report_one->total[k]);
        g_assert_cmpuint (b->len, ==, a->len);
        for (guint i = 0; i < a->len; i++)
          {
            g_ptr_array_add (lines_a, yk_figure_record_line (a->pdata[i]));
            g_ptr_array_add (lines_b, yk_figure_record_line (b->pdata[i]));
          }
        g_ptr_array_sort (lines_a, compare_text_pointers);
        g_ptr_array_sort (lines_b, compare_text_pointers);
        for (guint i = 0; i < lines_a->len; i++)
          g_assert_cmpstr (lines_b->pdata[i], ==, lines_a->pdata[i]);
      }
}

/* The report of every period the demo's data covers — each month,
 * quarter and year, cumulative to each quarter and to the end, a range —
 * for all sites and each, the same to the digit in both sessions. */
static void
assert_same_every_period (YkSession *one,
                          YkSession *district)
{
  g_autoptr (GPtrArray) periods = g_ptr_array_new_with_free_func (g_free);

  /* The demo runs from 2020-10-01 to 2021-12-31. */
  for (int year = 2020; year <= 2021; year++)
    {
      g_ptr_array_add (periods, g_strdup_printf ("%d", year));
      for (int quarter = year == 2020 ? 4 : 1; quarter <= 4; quarter++)
        {
          g_ptr_array_add (periods, g_strdup_printf ("%dQ%d", year, quarter));
          g_ptr_array_add (periods, g_strdup_printf ("cumulative:%dQ%d", year, quarter));
        }
      for (int month = year == 2020 ? 10 : 1; month <= 12; month++)
        g_ptr_array_add (periods, g_strdup_printf ("%d-%02d", year, month));
    }
  g_ptr_array_add (periods, g_strdup ("cumulative:2021"));
  g_ptr_array_add (periods, g_strdup ("2020-10-15..2021-08-20"));
  for (guint i = 0; i < periods->len; i++)
    {
      assert_same_figures (one, district, periods->pdata[i], NULL);
      assert_same_figures (one, district, periods->pdata[i], "SPQ");
      assert_same_figures (one, district, periods->pdata[i], "JL");
    }
}

/* The key one: the demo split in two site files, opened as a district,
 * gives the one file's figures for every period of the demo's data. */
static void
test_demo_split_equals_one_file (void)
{
  const DemoFiles *files = demo_files ();
  g_autoptr (YkDistrict) district = open_district (files->spq, files->jl, NULL);
  YkSession *session = yk_district_get_session (district);
  GPtrArray *list = yk_district_get_files (district);
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (session));

  /* Sorted by their site codes, both opened, as snapshots are not (yet). */
  g_assert_cmpuint (list->len, ==, 2);
  g_assert_cmpstr (((YkDistrictFile *) list->pdata[0])->site_codes, ==, "JL");
  g_assert_cmpstr (((YkDistrictFile *) list->pdata[0])->name, ==, "JL.ykdb");
  g_assert_cmpstr (((YkDistrictFile *) list->pdata[1])->site_codes, ==, "SPQ");
  g_assert_null (((YkDistrictFile *) list->pdata[1])->problem);
  g_assert_nonnull (((YkDistrictFile *) list->pdata[1])->audit_head);
  g_assert_null (yk_district_get_warnings (district)[0]);
  g_assert_true (yk_session_is_read_only (session));
  g_assert_false (yk_session_is_read_only (files->one.coordinator));
  g_assert_cmpint (yk_session_get_role (session), ==, YK_ROLE_COORDINATOR);
  g_assert_cmpstr (yk_session_get_display_name (session), ==, APP_TEST_COORDINATOR_NAME);

  /* The running totals copied agree with a recount of the merged
   * records, and every reference resolves. */
  g_assert_true (yk_db_running_totals_check (db, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (yk_db_foreign_key_check (db, problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);

  assert_same_every_period (files->one.coordinator, session);
  assert_same_reads (files->one.coordinator, session);
  assert_same_ledger (files->one.coordinator, session, files->one.dir);
}

/* The acceptance: the one file, its split and the split files'
 * snapshots give the same report to the digit for every period of the
 * demo's data. */
static void
test_demo_snapshots_equal_one_file (void)
{
  const DemoFiles *files = demo_files ();
  g_autoptr (YkDistrict) district = open_district (files->snapshot_spq, files->snapshot_jl, NULL);
  YkSession *session = yk_district_get_session (district);
  GPtrArray *list = yk_district_get_files (district);

  g_assert_cmpuint (list->len, ==, 2);
  for (guint i = 0; i < list->len; i++)
    {
      YkDistrictFile *file = list->pdata[i];

      g_assert_null (file->problem);
      g_assert_cmpuint (file->generation, ==, 1);
      g_assert_cmpint (file->taken_at, >, 0);
    }
  g_assert_cmpstr (((YkDistrictFile *) list->pdata[0])->site_codes, ==, "JL");
  g_assert_cmpstr (((YkDistrictFile *) list->pdata[1])->site_codes, ==, "SPQ");
  g_assert_null (yk_district_get_warnings (district)[0]);
  assert_same_every_period (files->one.coordinator, session);
}

/* Records made the same way in different files: `code`'s people, with
 * contacts of both kinds, families, activities, questionnaires,
 * assessments that improve, and some closed. */
static void
record_site (YkSession  *session,
             const char *code,
             guint32     seed)
{
  g_autoptr (GRand) rand = g_rand_new_with_seed (seed);
  sqlite3 *db = app_test_connection (session);
  gint64 site = yk_db_site_find (db, code, NULL);
  g_autoptr (GArray) people = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GArray) families = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (site, >, 0);
  g_assert_true (yk_db_site_set_details (db, site, g_str_equal (code, "SPQ") ? "2021-01-04" : "2021-02-01", 10, &error));
  for (int i = 0; i < 30; i++)
    {
      g_autofree char *case_no = g_strdup_printf ("%s-%03d", code, i + 1);
      g_autofree char *intake = g_strdup_printf ("2021-%02d-%02d", 1 + g_rand_int_range (rand, 0, 6),
                                                 1 + g_rand_int_range (rand, 0, 28));
      g_autofree char *family_no = g_strdup_printf ("%s-F%03d", code, i + 1);
      YkClientRecord c = { .case_no = case_no, .name = (char *) "测试", .site_id = site, .intake_date = intake,
                           .consent_date = intake, .stable_at_intake = TRUE, .risk_level = -1 };
      YkFamilyRecord f = { .family_no = family_no, .name = (char *) "家属" };
      YkAssessmentRecord a = { 0 };
      gint64 id, family;

      g_assert_true (yk_casework_add_client (session, &c, &id, &error));
      g_assert_no_error (error);
      g_array_append_val (people, id);
      f.client_id = id;
      g_assert_true (yk_casework_add_family (session, &f, &family, &error));
      g_array_append_val (families, family);
      for (int k = 0; k < 12; k++)
        {
          g_autofree char *date = g_strdup_printf ("2021-%02d-%02d", 7 + g_rand_int_range (rand, 0, 6),
                                                   1 + g_rand_int_range (rand, 0, 28));
          YkContactRecord r = { .client_id = id, .date = date, .reached = g_rand_int_range (rand, 0, 10) > 0,
                                .type = (char *) (g_rand_boolean (rand) ? "home_visit" : "phone"),
                                .duration_min = -1, .risk_level = -1,
                                .condition = (char *) "stable" };
          gint64 contact;

          if (!r.reached)
            r.condition = NULL;
          g_assert_true (yk_casework_add_contact (session, &r, &contact, &error));
          g_assert_no_error (error);
          if (k == 5 && i % 7 == 0)
            g_assert_true (yk_casework_void (session, "contacts", contact, "录入错误", &error));
        }
      a.client_id = id;
      a.date = intake;
      for (int k = 0; k < 10; k++)
        a.items[k] = 2;
      g_assert_true (yk_casework_add_assessment (session, &a, NULL, &error));
      g_assert_no_error (error);
      if (i % 3 == 0)
        {
          a.date = (char *) "2021-12-01";
          for (int k = 0; k < 10; k++)
            a.items[k] = k < 3 + i % 4 ? 0 : 2;
          g_assert_true (yk_casework_add_assessment (session, &a, NULL, &error));
          g_assert_no_error (error);
        }
      if (i % 11 == 5)
        {
          g_autoptr (YkClientRecord) r = yk_casework_open_client (session, id, &error);
          g_assert_no_error (error);
          g_free (r->status);
          r->status = g_strdup ("closed");
          r->status_date = g_strdup ("2021-10-10");
          g_assert_true (yk_casework_update_client (session, r, &error));
          g_assert_no_error (error);
        }
    }
  for (int i = 0; i < 8; i++)
    {
      g_autofree char *number = g_strdup_printf ("%s-A%02d", code, i + 1);
      g_autofree char *date = g_strdup_printf ("2021-%02d-%02d", 7 + i % 6, 3 + i);
      YkActivityRecord act = { .activity_no = number, .site_id = site, .date = date, .title = (char *) "活动",
                               .resident_count = g_rand_int_range (rand, 0, 9) };
      YkQuestionnaireRecord q = { .site_id = site, .date = date, .kind = (char *) "满意度" };
      gint64 id;

      g_assert_true (yk_casework_add_activity (session, &act, &id, &error));
      g_assert_no_error (error);
      for (int k = 0; k < 5; k++)
        yk_casework_add_attendance (session, id, g_array_index (people, gint64, (i * 5 + k) % people->len), 0, NULL,
                                    NULL);
      g_assert_true (yk_casework_add_attendance (session, id, 0, g_array_index (families, gint64, i), NULL, &error));
      g_assert_no_error (error);
      if (i % 2 == 0)
        q.client_id = g_array_index (people, gint64, i);
      else if (i % 3 == 0)
        q.family_id = g_array_index (families, gint64, i);
      g_assert_true (yk_casework_add_questionnaire (session, &q, NULL, &error));
      g_assert_no_error (error);
    }
}

/* A new file holding one site only (`yukang init` makes both pilot sites;
 * a site file has its own). */
static YkSession *
make_site_file (const char *path,
                const char *code,
                gboolean    site_id_one)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *recovery_key = NULL;
  g_autofree char *sql = NULL;
  YkSession *session = yk_session_create (path, ACCOUNT, APP_TEST_COORDINATOR_NAME, PASSWORD, YK_KDF_INTERACTIVE,
                                          &recovery_key, &error);

  g_assert_no_error (error);
  sql = g_strdup_printf ("DELETE FROM sites WHERE code <> '%s'", code);
  app_test_exec (session, sql);
  if (site_id_one)
    app_test_exec (session, "UPDATE sites SET id = 1");
  return session;
}

static YkReportSite *
site_of (const YkReport *report,
         const char     *code)
{
  for (guint i = 0; i < report->sites->len; i++)
    if (g_str_equal (((YkReportSite *) report->sites->pdata[i])->code, code))
      return report->sites->pdata[i];
  g_assert_not_reached ();
}

static void
add_person (YkSession *session, const char *site, const char *case_no, const char *name, const char *birth,
            const char *id_number)
{
  g_autoptr (GError) error = NULL;
  YkClientRecord c = { .case_no = (char *) case_no, .name = (char *) name, .birth_date = (char *) birth,
                       .id_number = (char *) id_number, .intake_date = (char *) "2021-03-01",
                       .consent_date = (char *) "2021-03-01", .stable_at_intake = TRUE, .risk_level = -1 };

  c.site_id = yk_db_site_find (app_test_connection (session), site, NULL);
  g_assert_true (yk_casework_add_client (session, &c, NULL, &error));
  g_assert_no_error (error);
}

/* The intake check across the files: a site's intake sees its own file
 * only, so the district view names one person with a case in two. */
static void
test_same_person_in_two_files (void)
{
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *spq = g_build_filename (dir, "SPQ.ykdb", NULL);
  g_autofree char *jl = g_build_filename (dir, "JL.ykdb", NULL);
  g_autoptr (YkSession) a = make_site_file (spq, "SPQ", FALSE);
  g_autoptr (YkSession) b = make_site_file (jl, "JL", TRUE);
  g_autoptr (YkDistrict) district = NULL;
  const char *const *warnings;

  add_person (a, "SPQ", "SPQ-001", "张三", "1980-02-03", "110101198002030013");
  add_person (a, "SPQ", "SPQ-002", "李四", "1975-06-07", NULL);
  add_person (a, "SPQ", "SPQ-003", "王五", "1990-01-01", NULL);
  add_person (b, "JL", "JL-001", "张叁", "1980-02-03", "110101198002030013");
  add_person (b, "JL", "JL-002", "李四", "1975-06-07", NULL);
  add_person (b, "JL", "JL-003", "王五", "1990-01-02", NULL);
  g_clear_pointer (&a, yk_session_close);
  g_clear_pointer (&b, yk_session_close);

  district = open_district (spq, jl, NULL);
  /* Not among the warnings every report's notes carry: no case numbers there. */
  g_assert_null (yk_district_get_warnings (district)[0]);
  warnings = yk_district_get_people_warnings (district);
  g_assert_cmpuint (g_strv_length ((char **) warnings), ==, 2);
  g_assert_cmpstr (warnings[0], ==,
                   "One person has a case file in two files: JL-001 in “JL.ykdb” and SPQ-001 in “SPQ.ykdb” have the "
                   "same resident ID number.");
  g_assert_cmpstr (warnings[1], ==,
                   "One person may have a case file in two files: JL-002 in “JL.ykdb” and SPQ-002 in “SPQ.ykdb” "
                   "have the same name and birth date.");
  app_test_remove_tree (dir);
}

/* Two files made independently allocate the same ids (clients, contacts,
 * staff, even sites): the district's figures still equal those of one
 * file holding both sites' records. */
static void
test_colliding_ids (void)
{
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *spq = g_build_filename (dir, "SPQ.ykdb", NULL);
  g_autofree char *jl = g_build_filename (dir, "JL.ykdb", NULL);
  g_autofree char *both = g_build_filename (dir, "both.ykdb", NULL);
  g_autoptr (YkSession) a = make_site_file (spq, "SPQ", FALSE);
  g_autoptr (YkSession) b = make_site_file (jl, "JL", TRUE);
  g_autoptr (YkSession) one = NULL;
  g_autoptr (YkDistrict) district = NULL;
  g_autofree char *recovery_key = NULL;
  g_autoptr (GError) error = NULL;
  static const char *const periods[] = { "2021Q1", "2021Q2", "2021Q3", "2021Q4", "2021", "2021-07", "2021-12",
                                         "cumulative:2021Q3", "cumulative:2021", NULL };

  one = yk_session_create (both, ACCOUNT, APP_TEST_COORDINATOR_NAME, PASSWORD, YK_KDF_INTERACTIVE, &recovery_key,
                           &error);
  g_assert_no_error (error);
  record_site (a, "SPQ", 1);
  record_site (b, "JL", 2);
  record_site (one, "SPQ", 1);
  record_site (one, "JL", 2);
  /* Two social workers, one per file, with one account name. */
  g_assert_true (yk_accounts_add (a, "li", APP_TEST_WORKER_PASSWORD, YK_ROLE_WORKER, "SPQ", "李社工", YK_KDF_INTERACTIVE,
                                  &error));
  g_assert_true (yk_accounts_add (b, "li", APP_TEST_WORKER_PASSWORD, YK_ROLE_WORKER, "JL", "李四", YK_KDF_INTERACTIVE,
                                  &error));
  g_assert_no_error (error);
  /* The files' ids overlap: same first client, same site id. */
  g_assert_cmpint (app_test_query_int (a, "SELECT min (id) FROM clients"), ==,
                   app_test_query_int (b, "SELECT min (id) FROM clients"));
  g_assert_cmpint (app_test_query_int (a, "SELECT max (id) FROM contacts"), ==,
                   app_test_query_int (b, "SELECT max (id) FROM contacts"));
  g_assert_cmpint (app_test_query_int (a, "SELECT id FROM sites"), ==, app_test_query_int (b, "SELECT id FROM sites"));
  g_clear_pointer (&a, yk_session_close);
  g_clear_pointer (&b, yk_session_close);

  district = open_district (spq, jl, NULL);
  for (guint p = 0; periods[p] != NULL; p++)
    {
      g_autoptr (YkReport) expected = yk_report_for_session (one, periods[p], NULL, &error);
      g_autoptr (YkReport) actual = yk_report_for_session (yk_district_get_session (district), periods[p], NULL, &error);

      g_assert_no_error (error);
      g_assert_cmpstr (actual->from, ==, expected->from);
      g_assert_cmpstr (actual->to, ==, expected->to);
      g_assert_cmpuint (actual->sites->len, ==, 2);
      for (int k = 0; k < YK_N_INDICATORS; k++)
        {
          g_assert_cmpint (actual->total[k], ==, expected->total[k]);
          g_assert_cmpint (actual->cumulative[k], ==, expected->cumulative[k]);
          g_assert_cmpint (site_of (actual, "SPQ")->values[k], ==, site_of (expected, "SPQ")->values[k]);
          g_assert_cmpint (site_of (actual, "JL")->values[k], ==, site_of (expected, "JL")->values[k]);
        }
      if (g_str_equal (expected->to, "2021-12-31"))
        g_assert_cmpint (expected->total[YK_INDICATOR_CASE_FILES_TOTAL], ==, 60);
    }
  /* Each person keeps their own contacts and family. */
  {
    YkSession *session = yk_district_get_session (district);
    g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);

    g_assert_true (yk_db_running_totals_check (app_test_connection (session), problems, &error));
    g_assert_cmpuint (problems->len, ==, 0);
    g_assert_cmpint (app_test_query_int (session, "SELECT count (*) FROM clients"), ==, 60);
    g_assert_cmpint (app_test_query_int (session,
                                         "SELECT count (*) FROM contacts k JOIN clients c ON c.id = k.client_id "
                                         "WHERE substr (c.case_no, 1, 2) = 'JL'"),
                     ==, 30 * 12);
    /* Two social workers: the account stays with the first file's. */
    g_assert_cmpint (app_test_query_int (session, "SELECT count (*) FROM staff WHERE display_name IN ('李社工', '李四')"),
                     ==, 2);
    g_assert_cmpint (app_test_query_int (session, "SELECT count (*) FROM staff WHERE account = 'li' AND display_name = '李四'"),
                     ==, 1);
    /* One coordinator, the same person in both files. */
    g_assert_cmpint (app_test_query_int (session, "SELECT count (*) FROM staff WHERE role = 'coordinator'"), ==, 1);
    g_assert_cmpint (app_test_query_int (session,
                                         "SELECT count (DISTINCT created_by) FROM clients"), ==, 1);
  }
  g_clear_pointer (&one, yk_session_close);
  g_clear_pointer (&district, yk_district_free);

  /* The district view is a coordinator's: a social worker's account
   * opens each file, and the view refuses. */
  {
    const char *paths[] = { spq, jl, NULL };
    YkDistrict *refused = yk_district_open (paths, "li", APP_TEST_WORKER_PASSWORD, &error);

    g_assert_null (refused);
    g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
    g_clear_error (&error);
  }
  app_test_remove_tree (dir);
}

/* One case number (or family member or activity number) in two files:
 * shown together they would be one file with two people under one
 * number, so the opening is refused, naming both. */
static void
test_same_numbers (void)
{
  static const struct
  {
    const char *sql;
    const char *message;
  } clashes[] = {
    { "UPDATE clients SET case_no = 'C-0001' WHERE case_no IN ('SPQ-001', 'JL-001')",
      "“JL.ykdb” and “SPQ.ykdb” both have a service user with the case number C-0001" },
    { "UPDATE family_members SET family_no = 'F-0001' WHERE family_no IN ('SPQ-F001', 'JL-F001')",
      "“JL.ykdb” and “SPQ.ykdb” both have a family member numbered F-0001" },
    { "UPDATE activities SET activity_no = 'A-0001' WHERE activity_no IN ('SPQ-A01', 'JL-A01')",
      "“JL.ykdb” and “SPQ.ykdb” both have an activity numbered A-0001" },
    { "UPDATE sites SET name = '渝康家园'",
      "“SPQ.ykdb” and “JL.ykdb” both have a site named 渝康家园, with different codes (SPQ and JL)" },
  };
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *spq = g_build_filename (dir, "SPQ.ykdb", NULL);
  g_autofree char *jl = g_build_filename (dir, "JL.ykdb", NULL);
  const char *paths[] = { spq, jl, NULL };
  g_autoptr (GError) error = NULL;

  {
    g_autoptr (YkSession) a = make_site_file (spq, "SPQ", FALSE);
    g_autoptr (YkSession) b = make_site_file (jl, "JL", FALSE);

    record_site (a, "SPQ", 1);
    record_site (b, "JL", 2);
  }
  for (guint i = 0; i < G_N_ELEMENTS (clashes); i++)
    {
      YkDistrict *district;

      for (guint f = 0; paths[f] != NULL; f++)
        {
          g_autoptr (YkSession) site = yk_session_open (paths[f], ACCOUNT, PASSWORD, &error);
          g_assert_no_error (error);
          app_test_exec (site, clashes[i].sql);
        }
      district = yk_district_open (paths, ACCOUNT, PASSWORD, &error);
      g_assert_null (district);
      g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED);
      g_assert_true (g_str_has_prefix (error->message, clashes[i].message));
      g_clear_error (&error);
      /* Set right again for the next. */
      for (guint f = 0; paths[f] != NULL; f++)
        {
          g_autoptr (YkSession) site = yk_session_open (paths[f], ACCOUNT, PASSWORD, &error);
          g_autofree char *undo = g_strdup_printf ("UPDATE clients SET case_no = '%1$s-001' WHERE case_no = 'C-0001';"
                                                   "UPDATE family_members SET family_no = '%1$s-F001' "
                                                   "WHERE family_no = 'F-0001';",
                                                   f == 0 ? "SPQ" : "JL");
          g_assert_no_error (error);
          app_test_exec (site, undo);
        }
    }
  app_test_remove_tree (dir);
}

/* The merged rows cannot be written: not through the session, not
 * through SQL, not on a worker's connection. */
static void
test_read_only (void)
{
  const DemoFiles *files = demo_files ();
  g_autofree char *spq_before = NULL, *jl_before = NULL, *spq_after = NULL, *jl_after = NULL;
  gsize spq_length = 0, jl_length = 0, length = 0;
  g_autoptr (YkDistrict) district = NULL;
  YkSession *session;
  YkStore *store;
  g_autoptr (GError) error = NULL;
  g_autofree char *recovery = NULL;
  YkClientRecord c = { .case_no = (char *) "SPQ-9999", .name = (char *) "新人", .site_id = 1,
                       .intake_date = (char *) "2021-03-01", .consent_date = (char *) "2021-03-01",
                       .stable_at_intake = TRUE, .risk_level = -1 };
  sqlite3 *worker;
  gint64 id = 0;

  g_assert_true (g_file_get_contents (files->spq, &spq_before, &spq_length, NULL));
  g_assert_true (g_file_get_contents (files->jl, &jl_before, &jl_length, NULL));
  district = open_district (files->spq, files->jl, NULL);
  session = yk_district_get_session (district);
  store = yk_session_get_store (session);
  g_assert_true (yk_store_is_read_only (store));
  g_assert_false (yk_casework_add_client (session, &c, &id, &error));
  g_assert_true (g_error_matches (error, YK_DB_ERROR, YK_DB_ERROR_READ_ONLY) ||
                 g_error_matches (error, YK_APP_ERROR, YK_APP_ERROR_READ_ONLY));
  g_assert_cmpstr (error->message, ==, "The district view is read only: records are made at each site.");
  g_clear_error (&error);
  g_assert_false (yk_casework_void (session, "clients", 1, "测试", &error));
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_false (yk_session_audit (session, "insert", "clients", 1, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (yk_session_rotate_key (session, &recovery, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_READ_ONLY);
  g_clear_error (&error);
  g_assert_false (yk_store_backup (store, "/nonexistent/x.ykdb", &error));
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_READ_ONLY);
  g_clear_error (&error);
  /* Reading a case file is audited in a file; here it goes unrecorded. */
  {
    g_autoptr (YkCaseFile) file = yk_case_file_open (session, app_test_query_int (session, "SELECT max (id) FROM clients"),
                                                     &error);
    g_assert_no_error (error);
    g_assert_nonnull (file);
  }
  /* So is printing a dossier: the PDF is written, the files are not. */
  {
    gint64 ids[] = { app_test_query_int (session, "SELECT id FROM clients WHERE case_no = 'JL-0001'"),
                     app_test_query_int (session, "SELECT id FROM clients WHERE case_no = 'SPQ-0001'") };
    g_autoptr (GPtrArray) people = yk_dossier_people_for_session (session, ids, G_N_ELEMENTS (ids), &error);
    g_autofree char *pdf = g_build_filename (files->one.dir, "district-dossier.pdf", NULL);

    g_assert_no_error (error);
    g_assert_true (yk_dossier_write_pdf (session, people, pdf, NULL, NULL, &error));
    g_assert_no_error (error);
    g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));
    g_unlink (pdf);
  }
  g_assert_cmpint (sqlite3_exec (app_test_connection (session), "DELETE FROM contacts", NULL, NULL, NULL), ==,
                   SQLITE_READONLY);
  worker = yk_store_open_connection (store, &error);
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (worker, "UPDATE clients SET name = 'x'", NULL, NULL, NULL), ==, SQLITE_READONLY);
  g_assert_cmpint (sqlite3_exec (worker, "PRAGMA query_only=OFF; UPDATE clients SET name = 'x'", NULL, NULL, NULL),
                   ==, SQLITE_READONLY);
  g_assert_cmpint (app_test_query_int (session, "SELECT count (*) FROM clients WHERE name = 'x'"), ==, 0);
  yk_store_close_connection (store, worker);
  g_assert_cmpint (app_test_query_int (session, "SELECT count (*) FROM clients"), ==, 142);
  /* The files were not written either, not a byte. */
  g_clear_pointer (&district, yk_district_free);
  g_assert_true (g_file_get_contents (files->spq, &spq_after, &length, NULL));
  g_assert_true (length == spq_length && memcmp (spq_after, spq_before, length) == 0);
  g_assert_true (g_file_get_contents (files->jl, &jl_after, &length, NULL));
  g_assert_true (length == jl_length && memcmp (jl_after, jl_before, length) == 0);
}

/* A site belongs to one file: two copies of one file, or a site file
 * made again, are refused, naming both files and the site. */
static void
test_one_site_two_files (void)
{
  const DemoFiles *files = demo_files ();
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *copy = g_build_filename (dir, "SPQ (copy).ykdb", NULL);
  g_autofree char *again = g_build_filename (dir, "SPQ-new.ykdb", NULL);
  g_autofree char *bytes = NULL;
  gsize length = 0;
  g_autoptr (GError) error = NULL;
  const char *copies[] = { files->spq, copy, files->jl, NULL };
  const char *made_again[] = { files->spq, again, NULL };
  YkDistrict *district;

  g_assert_true (g_file_get_contents (files->spq, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (copy, bytes, (gssize) length, NULL));
  district = yk_district_open (copies, ACCOUNT, PASSWORD, &error);
  g_assert_null (district);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error->message, "“SPQ (copy).ykdb” and “SPQ.ykdb” both hold site SPQ"));
  g_assert_nonnull (strstr (error->message, "two copies of one site’s file"));
  g_clear_error (&error);

  split_site_to (files->one.coordinator, "SPQ", again);
  district = yk_district_open (made_again, ACCOUNT, PASSWORD, &error);
  g_assert_null (district);
  g_assert_nonnull (strstr (error->message, "“SPQ-new.ykdb” and “SPQ.ykdb” both hold site SPQ"));
  g_assert_nonnull (strstr (error->message, "two different databases"));
  g_clear_error (&error);

  /* The file init makes holds both pilot sites: with a site file, SPQ twice. */
  {
    const char *with_one_file[] = { files->one.path, files->jl, NULL };

    district = yk_district_open (with_one_file, ACCOUNT, PASSWORD, &error);
    g_assert_null (district);
    g_assert_nonnull (strstr (error->message, "both hold site JL"));
    g_clear_error (&error);
  }
  app_test_remove_tree (dir);
}

/* A file without the account's key is listed with its problem; the
 * others open, and reports say the file is not in their figures. */
static void
test_file_without_key (void)
{
  const DemoFiles *files = demo_files ();
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *other = g_build_filename (dir, "KZ.ykdb", NULL);
  g_autofree char *recovery_key = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) someone = yk_session_create (other, "someone", NULL, "someone else's password",
                                                     YK_KDF_INTERACTIVE, &recovery_key, &error);
  g_autoptr (YkDistrict) district = NULL;
  g_autoptr (YkReport) report = NULL;
  g_autofree char *json = NULL, *text = NULL;
  YkDistrictFile *file;
  GPtrArray *list;

  g_assert_no_error (error);
  g_clear_pointer (&someone, yk_session_close);
  /* First in the order given: the identity comes from a later file. */
  district = open_district (other, files->spq, files->jl, NULL);
  list = yk_district_get_files (district);
  g_assert_cmpuint (list->len, ==, 3);
  file = list->pdata[2];
  g_assert_cmpstr (file->path, ==, other);
  g_assert_cmpstr (file->problem, ==, "not openable: no key for " ACCOUNT);
  g_assert_null (file->site_codes);
  g_assert_null (((YkDistrictFile *) list->pdata[0])->problem);
  report = yk_report_for_session (yk_district_get_session (district), "2021Q3", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (report->sites->len, ==, 2);
  json = yk_report_to_json (report);
  g_assert_nonnull (strstr (json, "\"notes\": [\n    \"“KZ.ykdb” is not in these figures: not openable: no key for admin.\""));
  g_assert_nonnull (strstr (json, "\"audit_heads\": [\n    {\"file\": \"JL.ykdb\", \"head\": \""));
  g_assert_nonnull (strstr (json, "\"audit_head\": null"));
  text = yk_report_to_text (report);
  g_assert_nonnull (strstr (text, "\n审计记录链头（JL.ykdb）："));
  g_assert_nonnull (strstr (text, "\n审计记录链头（SPQ.ykdb）："));
  g_clear_pointer (&district, yk_district_free);

  /* One file given twice. */
  {
    const char *paths[] = { files->spq, files->jl, files->spq, NULL };
    YkDistrict *twice = yk_district_open (paths, ACCOUNT, PASSWORD, &error);

    g_assert_null (twice);
    g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_USAGE);
    g_clear_error (&error);
  }

  /* No file opens: the password is wrong. */
  {
    const char *paths[] = { files->spq, other, NULL };
    YkDistrict *none = yk_district_open (paths, ACCOUNT, "not the password", &error);

    g_assert_null (none);
    g_assert_nonnull (error);
    g_clear_error (&error);
  }
  app_test_remove_tree (dir);
}

/* A damaged or cut file fails the whole opening, naming it: never shown
 * as a site without records. */
static void
test_cut_file (void)
{
  const DemoFiles *files = demo_files ();
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *cut = g_build_filename (dir, "JL.ykdb", NULL);
  g_autofree char *bytes = NULL, *whole = NULL;
  gsize length = 0;
  g_autoptr (GError) error = NULL;
  const char *paths[] = { files->spq, cut, NULL };
  YkDistrict *district;

  g_assert_true (g_file_get_contents (files->jl, &bytes, &length, NULL));
  /* The header area and the first pages stay; the last pages go. */
  g_assert_cmpuint (length, >, 65536 + 8 * 4096);
  g_assert_true (g_file_set_contents (cut, bytes, (gssize) (length - 3 * 4096), NULL));
  district = yk_district_open (paths, ACCOUNT, PASSWORD, &error);
  g_assert_null (district);
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED);
  g_assert_true (g_str_has_prefix (error->message, "“JL.ykdb”: "));
  g_assert_nonnull (strstr (error->message, "truncated"));
  g_clear_error (&error);

  /* A page changed on disk. */
  memset (bytes + length - 2 * 4096 + 100, 0x5a, 16);
  g_assert_true (g_file_set_contents (cut, bytes, (gssize) length, NULL));
  district = yk_district_open (paths, ACCOUNT, PASSWORD, &error);
  g_assert_null (district);
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED);
  g_assert_true (g_str_has_prefix (error->message, "“JL.ykdb”: "));
  g_clear_error (&error);

  /* The header cut off. */
  g_assert_true (g_file_set_contents (cut, bytes, 1000, NULL));
  district = yk_district_open (paths, ACCOUNT, PASSWORD, &error);
  g_assert_null (district);
  g_assert_true (g_str_has_prefix (error->message, "“JL.ykdb”: "));
  g_clear_error (&error);

  /* Only free pages cut off the end: no table reads them, and the file
   * is cut all the same (SQLite compares page 1's count with the size). */
  g_assert_true (g_file_set_contents (cut, bytes, (gssize) length, NULL));
  g_assert_true (g_file_get_contents (files->jl, &whole, &length, NULL));
  g_assert_true (g_file_set_contents (cut, whole, (gssize) length, NULL));
  {
    g_autoptr (YkSession) site = yk_session_open (cut, ACCOUNT, PASSWORD, &error);

    g_assert_no_error (error);
    app_test_exec (site, "CREATE TABLE junk (x);"
                         "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 40) "
                         "INSERT INTO junk SELECT randomblob (3000) FROM k;"
                         "DROP TABLE junk;");
    g_assert_cmpint (app_test_query_int (site, "PRAGMA freelist_count"), >=, 30);
  }

  g_clear_pointer (&whole, g_free);
  g_assert_true (g_file_get_contents (cut, &whole, &length, NULL));
  g_assert_true (g_file_set_contents (cut, whole, (gssize) (length - 3 * 4096), NULL));
  district = yk_district_open (paths, ACCOUNT, PASSWORD, &error);
  g_assert_null (district);
  g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED);
  g_assert_true (g_str_has_prefix (error->message, "“JL.ykdb”: "));
  g_assert_nonnull (strstr (error->message, "truncated"));
  g_clear_error (&error);
  app_test_remove_tree (dir);
}

/* Files of another schema version: an older one whose tables are the
 * same is read column by column; one without running totals (before
 * version 2), or of a newer Yukang, is refused, naming it. */
static void
test_schema_versions (void)
{
  const DemoFiles *files = demo_files ();
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *jl = g_build_filename (dir, "JL.ykdb", NULL);
  const char *paths[] = { files->spq, jl, NULL };
  g_autoptr (GError) error = NULL;
  static const struct
  {
    int version;
    const char *message;
  } versions[] = {
    /* Before the referral source (schema 7): a column it does not have,
     * nor do the older versions below. */
    { 6, NULL },
    { 3, NULL },
    /* Before consents (schema 5) and attachments (schema 6): tables it
     * does not have at all. */
    { 4, NULL },
    { 5, NULL },
    { 1, "“JL.ykdb” was last opened by a much older Yukang (schema 1)" },
    { 99, "“JL.ykdb” was written by a newer version of Yukang (schema 99;" },
  };

  split_site_to (files->one.coordinator, "JL", jl);
  for (guint i = 0; i < G_N_ELEMENTS (versions); i++)
    {
      g_autofree char *sql = g_strdup_printf ("%s%s%sPRAGMA user_version = %d",
                                              versions[i].version == 6 ? "ALTER TABLE clients DROP COLUMN referral_source; "
                                                                       : "",
                                              versions[i].version == 4 || versions[i].version == 5
                                                ? "DROP TABLE IF EXISTS attachment_chunks; DROP TABLE IF EXISTS attachments; "
                                                : "",
                                              versions[i].version == 4 ? "DROP TRIGGER consents_date_of_client; "
                                                                         "DROP TABLE consents; " : "",
                                              versions[i].version);
      YkDistrict *district;

      {
        g_autoptr (YkStore) store = yk_store_unlock (jl, ACCOUNT, PASSWORD, &error);
        g_assert_no_error (error);
        g_assert_cmpint (sqlite3_exec (yk_store_get_connection (store), sql, NULL, NULL, NULL), ==, SQLITE_OK);
      }
      district = yk_district_open (paths, ACCOUNT, PASSWORD, &error);
      if (versions[i].message == NULL)
        {
          g_assert_no_error (error);
          assert_same_figures (files->one.coordinator, yk_district_get_session (district), "2021", NULL);
          yk_district_free (district);
          continue;
        }
      g_assert_null (district);
      g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED);
      g_assert_true (g_str_has_prefix (error->message, versions[i].message));
      g_clear_error (&error);
    }
  app_test_remove_tree (dir);
}

/* The figure-changing settings that differ: a warning naming the
 * setting, the files and their values; the first file's count. */
static void
test_differing_threshold (void)
{
  const DemoFiles *files = demo_files ();
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *jl = g_build_filename (dir, "JL.ykdb", NULL);
  g_autoptr (YkDistrict) district = NULL;
  g_autoptr (YkReport) report = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *json = NULL, *csv = NULL;
  const char *const *warnings;

  split_site_to (files->one.coordinator, "JL", jl);
  {
    g_autoptr (YkSession) site = yk_session_open (jl, ACCOUNT, PASSWORD, &error);
    g_assert_no_error (error);
    app_test_exec (site, "UPDATE settings SET value = '3' WHERE key = 'improvement_threshold'");
    app_test_exec (site, "UPDATE settings SET value = '1 months' WHERE key = 'followup_stable'");
  }
  district = open_district (files->spq, jl, NULL);
  warnings = yk_district_get_warnings (district);
  g_assert_cmpuint (g_strv_length ((char **) warnings), ==, 2);
  g_assert_cmpstr (warnings[0], ==,
                   "The files differ in the improvement threshold (improvement_threshold): “JL.ykdb” 3, “SPQ.ykdb” 2. "
                   "The district view counts with the first file’s value, 3 from “JL.ykdb”.");
  g_assert_nonnull (strstr (warnings[1], "(followup_stable): “JL.ykdb” 1 months, “SPQ.ykdb” 3 months."));
  report = yk_report_for_session (yk_district_get_session (district), "2021Q4", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (report->improvement_threshold, ==, 3);
  json = yk_report_to_json (report);
  g_assert_nonnull (strstr (json, "\"notes\": [\n    \"The files differ in the improvement threshold"));
  csv = yk_report_to_csv (report);
  g_assert_nonnull (strstr (csv, "\r\n说明,\"The files differ in the improvement threshold"));
  g_assert_nonnull (strstr (csv, "\r\n审计记录链头（JL.ykdb）,"));
  g_clear_pointer (&district, yk_district_free);
  app_test_remove_tree (dir);
}

/* The record of snapshots already shown, on its own. */
static void
test_state_logic (void)
{
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "sub", "district-seen", NULL);
  g_autoptr (YkSecret) key = yk_secret_new_random (32);
  g_autoptr (YkSecret) other_key = yk_secret_new_random (32);
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GHashTable) loaded = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *problem = NULL, *contents = NULL;
  const char *id = "00112233445566778899aabbccddeeff";
  YkSnapshotInfo info = { .generation = 7, .taken_at = 1796101200 /* 2026-12-02 */, .site_codes = "SPQ" };
  YkSnapshotInfo older = { .generation = 6, .taken_at = 1795942800, .site_codes = "SPQ" };
  YkDistrictSeen *entry;
  gsize length;

  /* Nothing yet: no problem, nothing seen. */
  loaded = _yk_district_state_load (path, key, &problem);
  g_assert_null (problem);
  g_assert_cmpuint (g_hash_table_size (loaded), ==, 0);
  g_clear_pointer (&loaded, g_hash_table_unref);

  _yk_district_state_note (seen, id, &info);
  _yk_district_state_note (seen, id, &older); /* an older one never lowers it */
  g_assert_true (_yk_district_state_save (path, key, seen, &error));
  g_assert_no_error (error);
  loaded = _yk_district_state_load (path, key, &problem);
  g_assert_null (problem);
  entry = g_hash_table_lookup (loaded, id);
  g_assert_nonnull (entry);
  g_assert_cmpuint (entry->generation, ==, 7);
  g_assert_cmpint (entry->taken_at, ==, 1796101200);

  /* The same, newer, and a database never seen pass; older is refused. */
  g_assert_true (_yk_district_state_check (loaded, id, &info, "SPQ.ykdb", &error));
  g_assert_true (_yk_district_state_check (loaded, "ffeeddccbbaa99887766554433221100", &older, "SPQ.ykdb", &error));
  g_assert_no_error (error);
  g_assert_false (_yk_district_state_check (loaded, id, &older, "SPQ.ykdb", &error));
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "The snapshot of SPQ in “SPQ.ykdb” was taken 20"));
  g_assert_nonnull (strstr (error->message, ", older than the one already shown (2026-12-0"));
  g_assert_nonnull (strstr (error->message, "a sync engine or a backup put an old copy back"));
  g_clear_error (&error);
  g_clear_pointer (&loaded, g_hash_table_unref);

  /* Another key, or a changed byte: not trusted, empty, and said. */
  loaded = _yk_district_state_load (path, other_key, &problem);
  g_assert_nonnull (problem);
  g_assert_nonnull (strstr (problem, "fails its check"));
  g_assert_cmpuint (g_hash_table_size (loaded), ==, 0);
  g_clear_pointer (&loaded, g_hash_table_unref);
  g_clear_pointer (&problem, g_free);
  g_assert_true (g_file_get_contents (path, &contents, &length, NULL));
  contents[strlen ("yukang district-seen 1\n") + 33] = '3'; /* generation 7 → 3 */
  g_assert_true (g_file_set_contents (path, contents, (gssize) length, NULL));
  loaded = _yk_district_state_load (path, key, &problem);
  g_assert_nonnull (problem);
  g_assert_cmpuint (g_hash_table_size (loaded), ==, 0);
  g_clear_pointer (&loaded, g_hash_table_unref);
  g_clear_pointer (&problem, g_free);
  /* Garbage. */
  g_assert_true (g_file_set_contents (path, "mac 00\n", -1, NULL));
  loaded = _yk_district_state_load (path, key, &problem);
  g_assert_nonnull (problem);
  g_assert_cmpuint (g_hash_table_size (loaded), ==, 0);
  app_test_remove_tree (dir);
}

/* Snapshot headers come from the keys branch; until then, tests say
 * which files are snapshots and of what generation. */
static GHashTable *fake_generations; /* database id hex → generation */

static gboolean
fake_snapshot_info (YkStore        *store,
                    YkSnapshotInfo *info)
{
  char hex[33];
  gpointer generation;

  memset (info, 0, sizeof *info);
  for (guint i = 0; i < 16; i++)
    g_snprintf (hex + 2 * i, 3, "%02x", yk_store_get_database_id (store)[i]);
  generation = g_hash_table_lookup (fake_generations, hex);
  if (generation == NULL)
    return FALSE;
  info->generation = GPOINTER_TO_UINT (generation);
  info->taken_at = 1796000000 + (gint64) info->generation * 3600;
  return TRUE;
}

static char *
database_id_hex (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkStore) store = yk_store_unlock (path, ACCOUNT, PASSWORD, &error);
  GString *hex = g_string_new (NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < 16; i++)
    g_string_append_printf (hex, "%02x", yk_store_get_database_id (store)[i]);
  return g_string_free (hex, FALSE);
}

/* A snapshot older than one already shown is refused; the record is
 * kept only after an opening that succeeds; a tampered record is said
 * and written anew. */
static void
test_older_snapshot (void)
{
  const DemoFiles *files = demo_files ();
  const char *paths[] = { files->spq, files->jl, NULL };
  g_autofree char *spq_id = database_id_hex (files->spq);
  g_autofree char *jl_id = database_id_hex (files->jl);
  g_autofree char *state = NULL;
  g_autoptr (YkIdentity) identity = NULL;
  g_autoptr (YkStore) store = NULL;
  g_autoptr (YkSecret) key = NULL;
  g_autoptr (GHashTable) seen = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *problem = NULL, *contents = NULL;
  YkDistrict *district;
  YkDistrictFile *file;
  gsize length;

  /* The record is the coordinator's own, named after their public key. */
  store = yk_store_unlock_identity (files->spq, ACCOUNT, PASSWORD, &identity, &error);
  g_assert_no_error (error);
  g_clear_pointer (&store, yk_store_close);
  state = _yk_district_state_path (identity);
  g_clear_pointer (&identity, yk_identity_free);
  g_assert_true (g_str_has_prefix (state, state_home));
  g_unlink (state);
  fake_generations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  _yk_district_set_snapshot_func (fake_snapshot_info);
  g_hash_table_insert (fake_generations, g_strdup (spq_id), GUINT_TO_POINTER (5));

  district = open_district (files->spq, files->jl, NULL);
  file = yk_district_get_files (district)->pdata[1];
  g_assert_cmpstr (file->site_codes, ==, "SPQ");
  g_assert_cmpuint (file->generation, ==, 5);
  g_assert_cmpint (file->taken_at, ==, 1796000000 + 5 * 3600);
  g_assert_cmpuint (((YkDistrictFile *) yk_district_get_files (district)->pdata[0])->generation, ==, 0);
  g_assert_null (yk_district_get_state_problem (district));
  yk_district_free (district);

  /* The state holds generation 5 of SPQ, authenticated with the
   * coordinator's key, and nothing of JL (not a snapshot). */
  store = yk_store_unlock_identity (files->spq, ACCOUNT, PASSWORD, &identity, &error);
  g_assert_no_error (error);
  key = yk_identity_derive_key (identity, YK_DISTRICT_STATE_CONTEXT);
  seen = _yk_district_state_load (state, key, &problem);
  g_assert_null (problem);
  g_assert_cmpuint (((YkDistrictSeen *) g_hash_table_lookup (seen, spq_id))->generation, ==, 5);
  g_assert_null (g_hash_table_lookup (seen, jl_id));
  g_clear_pointer (&seen, g_hash_table_unref);

  /* An old copy put back: generation 3. */
  g_hash_table_insert (fake_generations, g_strdup (spq_id), GUINT_TO_POINTER (3));
  district = yk_district_open (paths, ACCOUNT, PASSWORD, &error);
  g_assert_null (district);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "The snapshot of SPQ in “SPQ.ykdb” was taken "));
  g_assert_nonnull (strstr (error->message, "older than the one already shown"));
  g_clear_error (&error);

  /* A refused opening leaves the record as it was; a newer one moves it. */
  g_hash_table_insert (fake_generations, g_strdup (spq_id), GUINT_TO_POINTER (9));
  g_hash_table_insert (fake_generations, g_strdup (jl_id), GUINT_TO_POINTER (2));
  district = open_district (files->spq, files->jl, NULL);
  yk_district_free (district);
  seen = _yk_district_state_load (state, key, &problem);
  g_assert_cmpuint (((YkDistrictSeen *) g_hash_table_lookup (seen, spq_id))->generation, ==, 9);
  g_assert_cmpuint (((YkDistrictSeen *) g_hash_table_lookup (seen, jl_id))->generation, ==, 2);
  g_clear_pointer (&seen, g_hash_table_unref);

  /* Someone lowers SPQ's generation in the file: the MAC fails, the
   * record is not trusted (the older copy opens, with the problem said)
   * and is written anew. */
  g_assert_true (g_file_get_contents (state, &contents, &length, NULL));
  g_assert_nonnull (strstr (contents, " 9 "));
  strstr (contents, " 9 ")[1] = '1';
  g_assert_true (g_file_set_contents (state, contents, (gssize) length, NULL));
  g_hash_table_insert (fake_generations, g_strdup (spq_id), GUINT_TO_POINTER (4));
  district = open_district (files->spq, files->jl, NULL);
  g_assert_nonnull (yk_district_get_state_problem (district));
  g_assert_nonnull (strstr (yk_district_get_state_problem (district), "fails its check"));
  yk_district_free (district);
  seen = _yk_district_state_load (state, key, &problem);
  g_assert_null (problem);
  g_assert_cmpuint (((YkDistrictSeen *) g_hash_table_lookup (seen, spq_id))->generation, ==, 4);
  g_assert_cmpuint (((YkDistrictSeen *) g_hash_table_lookup (seen, jl_id))->generation, ==, 2);

  _yk_district_set_snapshot_func (NULL);
  g_clear_pointer (&fake_generations, g_hash_table_unref);
  g_unlink (state);
}

static void
test_list_folder (void)
{
  g_autofree char *dir = app_test_make_dir ();
  static const char *const names[] = { "SPQ.ykdb", "JL.ykdb", ".SPQ.ykdb.tmp", ".syncthing.JL.ykdb.tmp",
                                       ".hidden.ykdb", "notes.txt", "SPQ.ykdb-journal", "JL.ykdb.failed-unlocks",
                                       NULL };
  g_autofree char *sub = g_build_filename (dir, "folder.ykdb", NULL);
  g_autofree char *spq = g_build_filename (dir, "SPQ.ykdb", NULL);
  g_autofree char *jl = g_build_filename (dir, "JL.ykdb", NULL);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) paths = NULL;

  for (guint i = 0; names[i] != NULL; i++)
    {
      g_autofree char *path = g_build_filename (dir, names[i], NULL);
      g_assert_true (g_file_set_contents (path, "x", 1, NULL));
    }
  g_assert_cmpint (g_mkdir (sub, 0700), ==, 0);
  paths = yk_district_list_folder (dir, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (g_strv_length (paths), ==, 2);
  g_assert_cmpstr (paths[0], ==, jl);
  g_assert_cmpstr (paths[1], ==, spq);
  g_clear_pointer (&paths, g_strfreev);
  app_test_remove_tree (dir);

  paths = yk_district_list_folder (dir, &error);
  g_assert_null (paths);
  g_assert_nonnull (error);
}

/* Opened again with the key pair it was opened with (no password), and
 * without JL: every SPQ person is found again under their new id, by
 * the file that holds them; a JL person has nowhere to go. */
static void
test_reopen_maps_ids (void)
{
  const DemoFiles *files = demo_files ();
  g_autoptr (YkDistrict) both = open_district (files->jl, files->spq, NULL);
  g_autoptr (YkIdentity) identity = yk_district_dup_identity (both);
  const char *const spq_only[] = { files->spq, NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (YkDistrict) again = yk_district_open_with_identity (spq_only, identity, &error);
  g_autoptr (YkClientRecord) jl_client = NULL;
  gint64 moved = 0;

  g_assert_no_error (error);
  g_assert_nonnull (again);
  /* JL sorts first, so SPQ's ids are one stride up in `both`. */
  for (gint64 local = 1; local <= 200; local++)
    {
      gint64 id = local + YK_DISTRICT_ID_STRIDE, mapped = yk_district_map_client_id (both, again, id);
      g_autoptr (YkClientRecord) before = yk_casework_open_client (yk_district_get_session (both), id, NULL);
      g_autoptr (YkClientRecord) after = NULL;

      if (before == NULL)
        continue;
      g_assert_cmpint (mapped, ==, local);
      after = yk_casework_open_client (yk_district_get_session (again), mapped, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (after->case_no, ==, before->case_no);
      g_assert_cmpstr (after->name, ==, before->name);
      moved++;
    }
  g_assert_cmpint (moved, >, 10);
  /* A split keeps the one file's ids: JL's people are among 1…200 too. */
  for (gint64 local = 1; local <= 200 && jl_client == NULL; local++)
    if ((jl_client = yk_casework_open_client (yk_district_get_session (both), local, NULL)) != NULL)
      {
        g_assert_true (g_str_has_prefix (jl_client->case_no, "JL"));
        g_assert_cmpint (yk_district_map_client_id (both, again, local), ==, 0);
      }
  g_assert_nonnull (jl_client);
}

/* The figures of a district, for a few periods, every site and all. */
static char *
district_figures (YkSession *session)
{
  static const char *const periods[] = { "2021", "2021Q3", "2021Q4", "cumulative:2021Q4", "2020-10-15..2021-08-20" };
  static const char *const sites[] = { NULL, "SPQ", "JL" };
  GString *all = g_string_new (NULL);

  for (guint p = 0; p < G_N_ELEMENTS (periods); p++)
    for (guint s = 0; s < G_N_ELEMENTS (sites); s++)
      {
        g_autofree char *json = figures_json (session, periods[p], sites[s]);
        g_string_append_printf (all, "%s %s\n%s\n", periods[p], sites[s] ? sites[s] : "all", json);
      }
  return g_string_free (all, FALSE);
}

static YkDistrict *
open_cached (const char            *spq,
             const char            *jl,
             YkDistrictCacheOutcome expected)
{
  YkDistrict *district = open_district (spq, jl, NULL);
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (yk_district_get_session (district)));
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GError) error = NULL;

  g_assert_cmpint (_yk_district_get_cache_outcome (district), ==, expected);
  /* Written behind the opening: here, before anything looks at it. */
  _yk_store_district_cache_wait ();
  /* Whatever the way, the running totals agree with a recount of the
   * records and every reference resolves. */
  g_assert_true (yk_db_running_totals_check (db, problems, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (problems->len, ==, 0);
  g_assert_true (yk_db_foreign_key_check (db, problems, &error));
  g_assert_cmpuint (problems->len, ==, 0);
  return district;
}

static void
copy_bytes (const char *from,
            const char *to)
{
  g_autofree char *bytes = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (from, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (to, bytes, (gssize) length, NULL));
}

/* The merged rows kept between openings (docs/design/district.md, "The
 * cache"): read when nothing changed, with the one file's figures; a
 * newer snapshot of one site merges that site again, with the figures
 * of a merge from nothing; a damaged or cut cache is made again, never
 * used; a district with a live file has none. */
static void
test_cache (void)
{
  const DemoFiles *files = demo_files ();
  g_autofree char *dir = app_test_make_dir ();
  g_autofree char *spq = g_build_filename (dir, "SPQ.ykdb", NULL);
  g_autofree char *jl = g_build_filename (dir, "JL.ykdb", NULL);
  g_autofree char *spq_id = database_id_hex (files->spq);
  g_autofree char *jl_id = database_id_hex (files->jl);
  g_autofree char *cache = NULL, *cold = NULL, *warm = NULL, *updated = NULL, *bytes = NULL;
  g_autoptr (YkIdentity) identity = NULL;
  g_autoptr (YkStore) store = NULL;
  g_autoptr (GError) error = NULL;
  YkDistrict *district;
  gsize length = 0;

  copy_bytes (files->spq, spq);
  copy_bytes (files->jl, jl);
  store = yk_store_unlock_identity (spq, ACCOUNT, PASSWORD, &identity, &error);
  g_assert_no_error (error);
  g_clear_pointer (&store, yk_store_close);
  cache = _yk_district_cache_path (identity);
  g_assert_true (g_str_has_prefix (cache, state_home));
  g_unlink (cache);
  /* Generations above those the other tests showed. */
  fake_generations = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  _yk_district_set_snapshot_func (fake_snapshot_info);
  g_hash_table_insert (fake_generations, g_strdup (spq_id), GUINT_TO_POINTER (100));
  g_hash_table_insert (fake_generations, g_strdup (jl_id), GUINT_TO_POINTER (100));

  /* Merged from the files, the cache written: the one file's figures. */
  district = open_cached (spq, jl, YK_DISTRICT_CACHE_WRITTEN);
  g_assert_true (g_file_test (cache, G_FILE_TEST_IS_REGULAR));
  cold = district_figures (yk_district_get_session (district));
  assert_same_figures (files->one.coordinator, yk_district_get_session (district), "2021Q4", NULL);
  yk_district_free (district);

  /* Encrypted: none of the records' words in clear (strings long enough
   * not to come up by chance in a megabyte of ciphertext). */
  g_assert_true (g_file_get_contents (cache, &bytes, &length, NULL));
  g_assert_null (memmem (bytes, length, "SQLite format 3", 15));
  g_assert_null (memmem (bytes, length, "contacts", 8));
  /* The SPQ site's name (9 bytes: by chance once in 2^72). */
  g_assert_null (memmem (bytes, length, "石坪桥", strlen ("石坪桥")));
  g_clear_pointer (&bytes, g_free);

  /* Read from the cache: the same figures, and every read the window makes. */
  district = open_cached (spq, jl, YK_DISTRICT_CACHE_HIT);
  warm = district_figures (yk_district_get_session (district));
  g_assert_cmpstr (warm, ==, cold);
  assert_same_reads (files->one.coordinator, yk_district_get_session (district));
  yk_district_free (district);

  /* A home visit recorded at SPQ, in a newer snapshot: SPQ merged again. */
  {
    g_autoptr (YkSession) site = yk_session_open (spq, ACCOUNT, PASSWORD, &error);
    sqlite3_stmt *stmt = NULL;
    YkContactRecord r = { .date = (char *) "2021-12-20", .reached = TRUE, .type = (char *) "home_visit",
                          .duration_min = 30, .risk_level = -1, .condition = (char *) "stable" };
    gint64 contact;

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_prepare_v2 (app_test_connection (site),
                                         "SELECT id FROM clients WHERE status = 'active' AND voided_at IS NULL "
                                         "ORDER BY id LIMIT 1",
                                         -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    r.client_id = sqlite3_column_int64 (stmt, 0);
    sqlite3_finalize (stmt);
    g_assert_true (yk_casework_add_contact (site, &r, &contact, &error));
    g_assert_no_error (error);
  }
  g_hash_table_insert (fake_generations, g_strdup (spq_id), GUINT_TO_POINTER (101));
  district = open_cached (spq, jl, YK_DISTRICT_CACHE_UPDATED);
  updated = district_figures (yk_district_get_session (district));
  g_assert_cmpstr (updated, !=, cold);
  yk_district_free (district);
  /* … the figures of a merge from nothing. */
  g_unlink (cache);
  district = open_cached (spq, jl, YK_DISTRICT_CACHE_WRITTEN);
  g_clear_pointer (&cold, g_free);
  cold = district_figures (yk_district_get_session (district));
  g_assert_cmpstr (updated, ==, cold);
  yk_district_free (district);
  district = open_cached (spq, jl, YK_DISTRICT_CACHE_HIT);
  yk_district_free (district);

  /* A page of the cache changed on disk: made again, never used. */
  g_assert_true (g_file_get_contents (cache, &bytes, &length, NULL));
  g_assert_cmpuint (length, >, 65536 + 16 * 4096);
  memset (bytes + length - 8 * 4096 + 100, 0x5a, 16);
  g_assert_true (g_file_set_contents (cache, bytes, (gssize) length, NULL));
  district = open_cached (spq, jl, YK_DISTRICT_CACHE_WRITTEN);
  g_clear_pointer (&warm, g_free);
  warm = district_figures (yk_district_get_session (district));
  g_assert_cmpstr (warm, ==, cold);
  yk_district_free (district);
  /* Cut short: the same. */
  g_assert_true (g_file_set_contents (cache, bytes, (gssize) (length - 4 * 4096), NULL));
  district = open_cached (spq, jl, YK_DISTRICT_CACHE_WRITTEN);
  yk_district_free (district);
  /* Its header cut off: the same. */
  g_assert_true (g_file_set_contents (cache, bytes, 1000, NULL));
  district = open_cached (spq, jl, YK_DISTRICT_CACHE_WRITTEN);
  yk_district_free (district);
  district = open_cached (spq, jl, YK_DISTRICT_CACHE_HIT);
  yk_district_free (district);

  /* A live file among them: no cache at all. */
  g_hash_table_remove (fake_generations, jl_id);
  district = open_cached (spq, jl, YK_DISTRICT_CACHE_NONE);
  g_clear_pointer (&warm, g_free);
  warm = district_figures (yk_district_get_session (district));
  g_assert_cmpstr (warm, ==, cold);
  yk_district_free (district);

  /* A newer snapshot of JL (merged first) with a case number SPQ has:
   * brought up to date, the cache refuses it as a merge from nothing
   * does, with the same message. */
  g_hash_table_insert (fake_generations, g_strdup (jl_id), GUINT_TO_POINTER (101));
  {
    /* SPQ read without a session, which would audit its unlocking. */
    g_autoptr (YkStore) a = yk_store_unlock (spq, ACCOUNT, PASSWORD, &error);
    g_autoptr (YkSession) b = NULL;
    g_autofree char *sql = NULL;
    sqlite3_stmt *stmt = NULL;

    g_assert_no_error (error);
    g_assert_cmpint (sqlite3_prepare_v2 (yk_store_get_connection (a), "SELECT case_no FROM clients ORDER BY id LIMIT 1", -1,
                                         &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    sql = g_strdup_printf ("UPDATE clients SET case_no = '%s' WHERE id = (SELECT min (id) FROM clients)",
                           (const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
    b = yk_session_open (jl, ACCOUNT, PASSWORD, &error);
    g_assert_no_error (error);
    app_test_exec (b, sql);
  }
  {
    const char *paths[] = { spq, jl, NULL };
    g_autofree char *updating = NULL;

    for (guint pass = 0; pass < 2; pass++)
      {
        district = yk_district_open (paths, ACCOUNT, PASSWORD, &error);
        g_assert_null (district);
        g_assert_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED);
        g_assert_true (g_str_has_prefix (error->message, "“JL.ykdb” and “SPQ.ykdb” both have a service user"));
        if (pass == 0)
          updating = g_strdup (error->message);
        else
          g_assert_cmpstr (error->message, ==, updating);
        g_clear_error (&error);
        /* Then from nothing. */
        g_unlink (cache);
      }
  }

  _yk_district_set_snapshot_func (NULL);
  g_clear_pointer (&fake_generations, g_hash_table_unref);
  g_unlink (cache);
  app_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  int status;

  /* The record of snapshots shown lives in the state directory, the
   * merged rows kept between openings in the cache directory: this
   * test's own. */
  state_home = g_dir_make_tmp ("yukang-test-district-state-XXXXXX", NULL);
  g_setenv ("XDG_STATE_HOME", state_home, TRUE);
  g_setenv ("XDG_CACHE_HOME", state_home, TRUE);
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/app/district/demo-split-equals-one-file", test_demo_split_equals_one_file);
  g_test_add_func ("/app/district/demo-snapshots-equal-one-file", test_demo_snapshots_equal_one_file);
  g_test_add_func ("/app/district/same-person", test_same_person_in_two_files);
  g_test_add_func ("/app/district/colliding-ids", test_colliding_ids);
  g_test_add_func ("/app/district/reopen-maps-ids", test_reopen_maps_ids);
  g_test_add_func ("/app/district/same-numbers", test_same_numbers);
  g_test_add_func ("/app/district/read-only", test_read_only);
  g_test_add_func ("/app/district/one-site-two-files", test_one_site_two_files);
  g_test_add_func ("/app/district/file-without-key", test_file_without_key);
  g_test_add_func ("/app/district/cut-file", test_cut_file);
  g_test_add_func ("/app/district/schema-versions", test_schema_versions);
  g_test_add_func ("/app/district/differing-threshold", test_differing_threshold);
  g_test_add_func ("/app/district/state-logic", test_state_logic);
  g_test_add_func ("/app/district/older-snapshot", test_older_snapshot);
  g_test_add_func ("/app/district/list-folder", test_list_folder);
  g_test_add_func ("/app/district/cache", test_cache);
  status = g_test_run ();
  app_test_db_clear (&demo.one);
  g_free (demo.district_dir);
  g_free (demo.spq);
  g_free (demo.jl);
  g_free (demo.snapshot_dir);
  g_free (demo.snapshot_spq);
  g_free (demo.snapshot_jl);
  app_test_remove_tree (state_home);
  g_free (state_home);
  return status;
}
