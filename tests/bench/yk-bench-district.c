/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The district view at the scale of DISTRICT.md: 56 site files holding
 * 5,000 service users and 1,000,000 contacts in all (with families,
 * activities and their attendances, questionnaires, SDSS assessments),
 * opened at once as the district view reads them: as snapshots
 * (yk_store_snapshot(), DIR/snapshots) of the site files (DIR/sites).
 * Every file after the first is made with the first one's key pair
 * (init --key-from), as a coordinator's site files are, so opening runs
 * Argon2id once: the password unlocks the first file's slot and gives
 * the identity, whose secret key opens every other file's slot.
 *
 * Each run opens the district three ways (docs/design/district.md, "The
 * cache"): cold (the cache removed: every file merged, the cache
 * written behind), warm (every row from the cache) and after one site's
 * newer snapshot (the cache read, that site merged again). Times the
 * whole yk_district_open() (of which the unlocking and the merged rows),
 * a quarter's figures (2021Q4, with its cumulative column), the caseload
 * of every person, and what is left of writing the cache after that.
 * The coordinator's cache and state directories are DIR/home. Medians,
 * minima and maxima over --runs runs, in milliseconds. Generating the
 * files takes a few minutes at full size; --dir keeps them (and reuses
 * them next time), and --files, --people and --contacts make a smaller
 * district. Run by hand:
 *   build/tests/bench/yk-bench-district [--runs 5] [--dir DIR]
 *                                       [--files 56] [--people 5000] [--contacts 1000000] */
#define G_LOG_DOMAIN "yukang-bench"

#include "yk-caseload.h"
#include "yk-district-private.h"
#include "yk-report.h"
#include "yk-session.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define ACCOUNT "bench"
#define PASSWORD "benchmark password"

static int files = 56;
static int people = 5000;
static int contacts = 1000000;
static int runs = 5;
static char *keep_dir;

static void
exec_or_die (sqlite3 *db, const char *sql)
{
  char *message = NULL;

  if (sqlite3_exec (db, sql, NULL, NULL, &message) != SQLITE_OK)
    g_error ("%s: %s", sql, message);
}

/* Site `n` (1…files), its share of the people and contacts, made inside
 * SQLite with the file's triggers keeping its running totals, as records
 * made in the window would. Dates spread over 2019–2023. */
static void
make_site_file (const char *path,
                const char *first_path,
                int         n,
                int         site_people,
                int         site_contacts)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *recovery = NULL;
  /* One key pair for the coordinator in every file: one Argon2id opens them all. */
  g_autoptr (YkSession) session =
    first_path == NULL
      ? yk_session_create (path, ACCOUNT, "区县协调员", PASSWORD, YK_KDF_INTERACTIVE, &recovery, &error)
      : yk_session_create_key_from (path, first_path, ACCOUNT, "区县协调员", PASSWORD, &recovery, &error);
  sqlite3 *db;
  g_autofree char *site = NULL, *staff = NULL, *clients = NULL, *family = NULL, *visits = NULL;
  g_autofree char *activities = NULL, *attendances = NULL, *questionnaires = NULL, *assessments = NULL;

  if (session == NULL)
    g_error ("%s", error->message);
  db = yk_store_get_connection (yk_session_get_store (session));
  site = g_strdup_printf ("DELETE FROM sites WHERE code = 'JL';"
                          "UPDATE sites SET code = 'S%02d', name = '第%d站点', opening_date = '2019-01-01'", n, n);
  staff = g_strdup_printf ("WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 3) "
                           "INSERT INTO staff (display_name, site_id, role) SELECT 'S%02d 社工' || i, 1, 'worker' FROM k",
                           n);
  clients = g_strdup_printf (
    "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d) "
    "INSERT INTO clients (case_no, name, phone, site_id, worker_id, intake_date, consent_date, stable_at_intake, "
    "risk_level, status, status_date, created_by, created_at) "
    "SELECT printf ('S%02d-%%05d', i), '服务对象' || i, printf ('139%%08d', %d * 100000 + i), 1, 2 + i %% 3, "
    "date ('2019-01-01', '+' || (i * 7 %% 700) || ' days'), date ('2019-01-01', '+' || (i * 7 %% 700) || ' days'), "
    "1, i %% 4, CASE WHEN i %% 25 = 0 THEN 'closed' ELSE 'active' END, CASE WHEN i %% 25 = 0 THEN '2023-06-30' END, "
    "1, '2019-01-01T00:00:00Z' FROM k",
    site_people, n, n);
  family = g_strdup ("INSERT INTO family_members (family_no, client_id, name, relation, created_by, created_at) "
                     "SELECT c.case_no || '-F', c.id, '家属', '母亲', 1, c.created_at FROM clients c");
  visits = g_strdup_printf (
    "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d), "
    "p(i, client, intake) AS (SELECT k.i, c.id, c.intake_date FROM k JOIN clients c ON c.id = 1 + abs (random ()) %% %d) "
    "INSERT INTO contacts (client_id, type, contact_date, worker_id, reached, duration_min, condition, risk_level, "
    "medication, notes, created_by, created_at) "
    "SELECT client, CASE WHEN i %% 4 = 0 THEN 'home_visit' ELSE 'phone' END, "
    "min (date (intake, '+' || (abs (random ()) %% 1600) || ' days'), '2023-12-31'), 2 + i %% 3, i %% 14 <> 0, "
    "CASE WHEN i %% 4 = 0 THEN 60 ELSE 10 END, "
    "CASE abs (random ()) %% 10 WHEN 0 THEN 'unstable' WHEN 1 THEN 'basically_stable' ELSE 'stable' END, "
    "abs (random ()) %% 3, 'regular', '情绪平稳，按时服药。', 2 + i %% 3, '2019-01-01T00:00:00Z' FROM p",
    site_contacts, site_people);
  activities = g_strdup_printf (
    "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < 180) "
    "INSERT INTO activities (activity_no, site_id, activity_date, title, category, resident_count, created_by, "
    "created_at) SELECT printf ('S%02d-A%%04d', i), 1, date ('2019-03-01', '+' || (i * 9) || ' days'), '康复活动', "
    "'文体娱乐', i %% 12, 1, '2019-01-01T00:00:00Z' FROM k",
    n);
  attendances = g_strdup_printf (
    "INSERT INTO attendances (activity_id, client_id, created_by, created_at) "
    "SELECT a.id, c.id, 1, a.created_at FROM activities a JOIN clients c ON (c.id + a.id) %% %d < 6", MAX (site_people, 7));
  questionnaires = g_strdup_printf (
    "WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < %d) "
    "INSERT INTO questionnaires (site_id, q_date, kind, respondent, client_id, created_by, created_at) "
    "SELECT 1, date ('2019-03-01', '+' || (i * 13 %% 1700) || ' days'), '满意度', "
    "CASE WHEN i %% 3 = 0 THEN '服务对象' ELSE '居民' END, CASE WHEN i %% 3 = 0 THEN 1 + i %% %d END, 1, "
    "'2019-01-01T00:00:00Z' FROM k",
    site_people * 20, site_people);
  assessments = g_strdup (
    "WITH RECURSIVE k(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM k WHERE i < 3) "
    "INSERT INTO assessments (client_id, a_date, sdss_1, sdss_2, sdss_3, sdss_4, sdss_5, sdss_6, sdss_7, sdss_8, "
    "sdss_9, sdss_10, created_by, created_at) "
    "SELECT c.id, date (c.intake_date, '+' || (k.i * 200) || ' days'), 2, 9, 1, "
    "CASE WHEN k.i > 1 AND c.id % 5 = 0 THEN 0 ELSE 2 END, CASE WHEN k.i > 1 AND c.id % 5 = 0 THEN 0 ELSE 1 END, "
    "1, 1, 0, 2, 1, 1, c.created_at FROM clients c, k");

  exec_or_die (db, "BEGIN");
  exec_or_die (db, site);
  exec_or_die (db, staff);
  exec_or_die (db, clients);
  exec_or_die (db, family);
  exec_or_die (db, visits);
  exec_or_die (db, activities);
  exec_or_die (db, attendances);
  exec_or_die (db, questionnaires);
  exec_or_die (db, assessments);
  exec_or_die (db, "COMMIT");
}

/* A snapshot of each site file (yk_store_snapshot(), as the window
 * writes one), which is what the district view reads. */
static char **
take_snapshots (char      **site_paths,
                const char *dir)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (YkIdentity) identity = NULL;
  g_autoptr (GError) error = NULL;

  g_mkdir_with_parents (dir, 0700);
  for (guint i = 0; site_paths[i] != NULL; i++)
    {
      g_autofree char *base = g_path_get_basename (site_paths[i]);
      char *path = g_build_filename (dir, base, NULL);

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          g_autoptr (YkStore) store = NULL;
          g_autofree char *written = NULL;
          YkSnapshotInfo info;

          store = identity == NULL ? yk_store_unlock_identity (site_paths[i], ACCOUNT, PASSWORD, &identity, &error)
                                   : yk_store_open_with_identity (site_paths[i], identity, &error);
          if (store == NULL || !yk_store_snapshot (store, dir, &written, &info, &error))
            g_error ("%s", error->message);
          if (g_strcmp0 (written, path) != 0)
            g_error ("snapshot written as %s, not %s", written, path);
        }
      g_ptr_array_add (paths, path);
    }
  g_ptr_array_add (paths, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&paths), FALSE);
}

static char **
make_district (const char *dir)
{
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  gint64 start = g_get_monotonic_time ();
  int made = 0;
  gint64 bytes = 0;

  g_mkdir_with_parents (dir, 0700);
  for (int n = 1; n <= files; n++)
    {
      g_autofree char *name = g_strdup_printf ("S%02d.ykdb", n);
      char *path = g_build_filename (dir, name, NULL);
      /* Spread evenly, the first files taking what does not divide. */
      int site_people = people / files + (n <= people % files);
      int site_contacts = contacts / files + (n <= contacts % files);
      GStatBuf st;

      if (!g_file_test (path, G_FILE_TEST_EXISTS))
        {
          make_site_file (path, n == 1 ? NULL : paths->pdata[0], n, site_people, site_contacts);
          made++;
          fprintf (stderr, "\rmade %d of %d files", n, files);
        }
      if (g_stat (path, &st) == 0)
        bytes += st.st_size;
      g_ptr_array_add (paths, path);
    }
  if (made > 0)
    fprintf (stderr, "\n");
  printf ("%d site files, %d people and %d contacts in all, %.0f MB on disk (%d made in %.1f s).\n", files, people,
          contacts, bytes / 1e6, made, (g_get_monotonic_time () - start) / 1e6);
  g_ptr_array_add (paths, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&paths), FALSE);
}

static int
compare_doubles (gconstpointer a,
                 gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

static void
print_stat (const char *label,
            GArray     *samples)
{
  g_array_sort (samples, compare_doubles);
  printf ("  %-44s %9.1f %9.1f %9.1f\n", label, g_array_index (samples, double, samples->len / 2),
          g_array_index (samples, double, 0), g_array_index (samples, double, samples->len - 1));
}

static double
since (gint64 start)
{
  return (g_get_monotonic_time () - start) / 1000.0;
}

static long
resident_kib (void)
{
  g_autofree char *status = NULL;
  const char *line;

  if (!g_file_get_contents ("/proc/self/status", &status, NULL, NULL) || (line = strstr (status, "VmRSS:")) == NULL)
    return 0;
  return strtol (line + strlen ("VmRSS:"), NULL, 10);
}

enum
{
  OPEN,     /* yk_district_open() whole: unlock, read every file, merge or cache */
  UNLOCK,   /* of which the unlocking: one Argon2id, then every file's slot */
  MERGE,    /* of which the merged rows: merged from the files, or read from the cache */
  QUARTER,  /* a quarter's figures on them */
  OPEN_AND_QUARTER,
  CASELOAD, /* the caseload of everyone, first time */
  CASELOAD_AGAIN,
  CACHE_BEHIND, /* what is left of writing the cache, behind the opening, after all that */
  N_STEPS
};

static const char *const step_labels[N_STEPS] = {
  "open all files (yk_district_open)",
  "  of which unlock (one Argon2id in all)",
  "  of which the merged rows",
  "a quarter's figures (2021Q4 + cumulative)",
  "open + quarter",
  "caseload of everyone (first)",
  "caseload of everyone (again)",
  "then waiting for the cache written behind",
};

/* One opening, its times appended to `samples`. */
static void
measure (char          **paths,
         const char     *cache_path,
         YkDistrictCacheOutcome expected,
         GArray        **samples,
         long           *rss,
         guint          *listed,
         gint64         *total)
{
  g_autoptr (YkDistrict) district = NULL;
  g_autoptr (YkReport) report = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) error = NULL;
  gint64 unlock_usec = 0, merge_usec = 0, start;
  YkDistrictCacheOutcome outcome;
  double ms[N_STEPS];
  GDate today;

  g_date_clear (&today, 1);
  g_date_set_dmy (&today, 1, 1, 2022);
  if (expected == YK_DISTRICT_CACHE_WRITTEN)
    g_unlink (cache_path);
  start = g_get_monotonic_time ();
  district = yk_district_open ((const char *const *) paths, ACCOUNT, PASSWORD, &error);
  if (district == NULL)
    g_error ("%s", error->message);
  ms[OPEN] = since (start);
  outcome = _yk_district_get_cache_outcome (district);
  if (outcome != expected)
    g_error ("the cache's outcome was %d, not %d", outcome, expected);
  _yk_district_get_timings (district, &unlock_usec, &merge_usec);
  ms[UNLOCK] = unlock_usec / 1000.0;
  ms[MERGE] = merge_usec / 1000.0;

  start = g_get_monotonic_time ();
  report = yk_report_for_session (yk_district_get_session (district), "2021Q4", NULL, &error);
  if (report == NULL)
    g_error ("%s", error->message);
  ms[QUARTER] = since (start);
  ms[OPEN_AND_QUARTER] = ms[OPEN] + ms[QUARTER];
  *total = report->total[YK_INDICATOR_CASE_FILES_TOTAL];

  start = g_get_monotonic_time ();
  list = yk_caseload_list (yk_district_get_session (district), &today, &error);
  if (list == NULL)
    g_error ("%s", error->message);
  ms[CASELOAD] = since (start);
  g_clear_pointer (&list, g_ptr_array_unref);
  start = g_get_monotonic_time ();
  list = yk_caseload_list (yk_district_get_session (district), &today, &error);
  ms[CASELOAD_AGAIN] = since (start);
  *listed = list->len;
  *rss = MAX (*rss, resident_kib ());
  start = g_get_monotonic_time ();
  _yk_store_district_cache_wait ();
  ms[CACHE_BEHIND] = since (start);
  for (guint s = 0; s < N_STEPS; s++)
    g_array_append_val (samples[s], ms[s]);
}

int
main (int argc, char *argv[])
{
  GOptionEntry entries[] = {
    { "files", 0, 0, G_OPTION_ARG_INT, &files, "Site files (default 56)", "N" },
    { "people", 0, 0, G_OPTION_ARG_INT, &people, "Service users in all (default 5,000)", "N" },
    { "contacts", 0, 0, G_OPTION_ARG_INT, &contacts, "Contacts in all (default 1,000,000)", "N" },
    { "runs", 0, 0, G_OPTION_ARG_INT, &runs, "Openings measured, each cold and warm (default 5)", "N" },
    { "dir", 0, 0, G_OPTION_ARG_FILENAME, &keep_dir, "Keep the files in DIR (and use those already there)", "DIR" },
    { NULL }
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- the district view at district scale");
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = NULL, *sites_dir = NULL, *snapshots_dir = NULL, *home = NULL, *cache_path = NULL,
                   *state_path = NULL;
  g_auto (GStrv) site_paths = NULL;
  g_auto (GStrv) paths = NULL;
  GArray *samples[3][N_STEPS];
  g_autoptr (YkIdentity) identity = NULL;
  long rss = 0;
  guint listed = 0;
  gint64 total = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    g_error ("%s", error->message);
  if (files < 1 || people < files || contacts < 0 || runs < 1)
    g_error ("--files, --people, --contacts and --runs must be positive, with a person per file at least");
  dir = keep_dir != NULL ? g_strdup (keep_dir) : g_dir_make_tmp ("yukang-bench-district-XXXXXX", NULL);
  g_mkdir_with_parents (dir, 0700);
  /* The coordinator's cache and state directories, the bench's own. */
  home = g_build_filename (dir, "home", NULL);
  g_setenv ("XDG_CACHE_HOME", home, TRUE);
  g_setenv ("XDG_STATE_HOME", home, TRUE);
  sites_dir = g_build_filename (dir, "sites", NULL);
  snapshots_dir = g_build_filename (dir, "snapshots", NULL);
  site_paths = make_district (sites_dir);
  paths = take_snapshots (site_paths, snapshots_dir);
  for (guint c = 0; c < G_N_ELEMENTS (samples); c++)
    for (guint s = 0; s < N_STEPS; s++)
      samples[c][s] = g_array_new (FALSE, FALSE, sizeof (double));

  {
    g_autoptr (YkStore) store = yk_store_unlock_identity (paths[0], ACCOUNT, PASSWORD, &identity, &error);

    if (store == NULL)
      g_error ("%s", error->message);
    cache_path = _yk_district_cache_path (identity);
    state_path = _yk_district_state_path (identity);
  }

  for (int run = 0; run < runs; run++)
    {
      g_autoptr (YkStore) site = NULL;
      g_autofree char *written = NULL;
      YkSnapshotInfo info;

      /* Cold: no cache, the files merged and the cache written. Warm:
       * every row from the cache. Then one site's newer snapshot: the
       * cache read, that site's rows merged again, the cache written. */
      measure (paths, cache_path, YK_DISTRICT_CACHE_WRITTEN, samples[0], &rss, &listed, &total);
      measure (paths, cache_path, YK_DISTRICT_CACHE_HIT, samples[1], &rss, &listed, &total);
      site = yk_store_open_with_identity (site_paths[run % files], identity, &error);
      if (site == NULL || !yk_store_snapshot (site, snapshots_dir, &written, &info, &error))
        g_error ("%s", error->message);
      measure (paths, cache_path, YK_DISTRICT_CACHE_UPDATED, samples[2], &rss, &listed, &total);
    }

  for (guint c = 0; c < G_N_ELEMENTS (samples); c++)
    {
      static const char *const titles[] = {
        "Cold: no cache (every file merged, the cache written)",
        "Warm: the cache read, no snapshot changed",
        "Warm: the cache read, one newer snapshot merged again, written",
      };

      printf ("%s, %d runs (ms):\n%50s median       min       max\n", titles[c], runs, "");
      for (guint s = 0; s < N_STEPS; s++)
        {
          print_stat (step_labels[s], samples[c][s]);
          g_array_unref (samples[c][s]);
        }
    }
  printf ("  %" G_GINT64_FORMAT " case files by 2021Q4, %u people in the caseload; peak resident memory %.0f MB.\n",
          total, listed, rss / 1024.0);

  if (keep_dir == NULL)
    {
      for (guint i = 0; paths[i] != NULL; i++)
        g_unlink (paths[i]);
      for (guint i = 0; site_paths[i] != NULL; i++)
        g_unlink (site_paths[i]);
      g_unlink (cache_path);
      g_unlink (state_path);
      for (char *parent = g_path_get_dirname (cache_path); g_str_has_prefix (parent, dir); )
        {
          char *up = g_path_get_dirname (parent);
          g_rmdir (parent);
          g_free (parent);
          parent = up;
        }
      g_rmdir (snapshots_dir);
      g_rmdir (sites_dir);
      g_rmdir (dir);
    }
  return 0;
}
