/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the Activities and Questionnaires screens ask of app/: the
 * activities of a month with their attendance counts, the people who
 * may attend, recording an activity with its attendance all or nothing,
 * changing who attended, correcting a recorded activity with its
 * attendance (validated, audited, all or nothing, and its figures moving
 * with its date), and a social worker kept to their own site. On the
 * demo data (seed 1). */
#include "app-test-util.h"
#include "yk-accounts.h"
#include "yk-activities.h"
#include "yk-reader.h"
#include "yk-app-error.h"
#include "yk-casework.h"
#include "yk-db-indicators.h"
#include "yk-demo.h"
#include "yk-record-rules.h"
#include "yk-statistics.h"
#include "yk-reader-private.h"

#include <glib/gstdio.h>
#include <string.h>

#define PW "coordinator pass 1"
#define WORKER_PW "worker pass 1"

static AppTestDb test_db;
static YkSession *session; /* the coordinator's */

static gint64
site_id (const char *code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sites = yk_db_sites_list (app_test_connection (session), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < sites->len; i++)
    if (g_str_equal (((YkSiteRow *) sites->pdata[i])->code, code))
      return ((YkSiteRow *) sites->pdata[i])->id;
  g_assert_not_reached ();
}

static gint64
count (const char *sql)
{
  return app_test_query_int (session, sql);
}

static GPtrArray *
people (gint64 site)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReader) reader = yk_reader_new_for_session (session);
  GPtrArray *list = yk_activities_people (reader, site, &error);

  g_assert_no_error (error);
  return list;
}

/* The first n service users and m family members of a site's list. */
static GArray *
pick (GPtrArray *list, guint n, guint m)
{
  GArray *chosen = g_array_new (FALSE, FALSE, sizeof (YkAttendee));

  for (guint i = 0; i < list->len && (n > 0 || m > 0); i++)
    {
      YkActivityPerson *p = list->pdata[i];
      YkAttendee a = { p->client_id, p->family_id };

      if (p->family_id == 0 && n > 0)
        n--;
      else if (p->family_id > 0 && m > 0)
        m--;
      else
        continue;
      g_array_append_val (chosen, a);
    }
  g_assert_cmpuint (n + m, ==, 0);
  return chosen;
}

static void
test_people (void)
{
  gint64 spq = site_id ("SPQ");
  g_autoptr (GPtrArray) list = people (spq);
  gint64 live = count ("SELECT count(*) FROM clients c JOIN sites s ON s.id = c.site_id "
                       "WHERE s.code = 'SPQ' AND c.voided_at IS NULL AND c.status = 'active'");
  gint64 family = count ("SELECT count(*) FROM family_members f JOIN clients c ON c.id = f.client_id "
                         "JOIN sites s ON s.id = c.site_id WHERE s.code = 'SPQ' AND c.voided_at IS NULL "
                         "AND c.status = 'active' AND f.voided_at IS NULL");
  guint clients = 0;
  gint64 last_client = 0;

  g_assert_cmpuint (list->len, ==, live + family);
  g_assert_cmpint (family, >, 0);
  for (guint i = 0; i < list->len; i++)
    {
      YkActivityPerson *p = list->pdata[i];

      g_assert_nonnull (p->name);
      g_assert_true (g_str_has_prefix (p->case_no, "SPQ"));
      if (p->family_id == 0)
        {
          clients++;
          last_client = p->client_id;
          g_assert_null (p->client_name);
        }
      else
        {
          /* Each family member right after their service user. */
          g_assert_cmpint (p->client_id, ==, last_client);
          g_assert_nonnull (p->client_name);
        }
    }
  g_assert_cmpuint (clients, ==, live);
}

static void
test_record_and_list (void)
{
  g_autoptr (GError) error = NULL;
  gint64 spq = site_id ("SPQ");
  g_autoptr (GPtrArray) list = people (spq);
  g_autoptr (GArray) chosen = pick (list, 3, 2);
  YkActivityRecord record = { 0, NULL, spq, (char *) "2021-11-20", (char *) "厨艺小组", (char *) "生活技能", (char *) "李社工", 4 };
  g_autoptr (GPtrArray) activities = NULL;
  g_autoptr (GPtrArray) attendees = NULL;
  g_auto (GStrv) months = NULL;
  YkReader *reader;
  gint64 audits = count ("SELECT count(*) FROM audit");
  gint64 id = 0;
  gboolean found = FALSE;

  g_assert_true (yk_activities_record (session, &record, (YkAttendee *) chosen->data, chosen->len, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  /* Every write audited: the activity and five attendances. */
  g_assert_cmpint (count ("SELECT count(*) FROM audit"), ==, audits + 6);

  reader = yk_reader_new_for_session (session);
  activities = yk_activities_list (reader, spq, "2021-11", &error);
  g_clear_pointer (&reader, yk_reader_free);
  g_assert_no_error (error);
  for (guint i = 0; i < activities->len; i++)
    {
      YkActivityRow *row = activities->pdata[i];

      g_assert_cmpint (row->site_id, ==, spq);
      g_assert_true (g_str_has_prefix (row->date, "2021-11-"));
      if (row->id == id)
        {
          found = TRUE;
          g_assert_cmpstr (row->title, ==, "厨艺小组");
          g_assert_cmpint (row->attendance_count, ==, 5);
          g_assert_cmpint (row->resident_count, ==, 4);
        }
    }
  g_assert_true (found);
  attendees = yk_activities_attendees (session, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attendees->len, ==, 5);
  for (guint i = 0; i < attendees->len; i++)
    {
      YkActivityPerson *p = attendees->pdata[i];
      g_assert_cmpint (p->attendance_id, >, 0);
      g_assert_true (g_str_has_prefix (p->case_no, "SPQ"));
    }

  months = yk_activities_months (session, spq, &error);
  g_assert_no_error (error);
  g_assert_true (g_strv_contains ((const char *const *) months, "2021-11"));
  for (guint i = 1; months[i] != NULL; i++)
    g_assert_cmpstr (months[i - 1], >, months[i]);
}

/* One attendee who cannot attend (another site's) and nothing is written. */
static void
test_all_or_nothing (void)
{
  g_autoptr (GError) error = NULL;
  gint64 spq = site_id ("SPQ");
  gint64 other = count ("SELECT id FROM sites WHERE code <> 'SPQ' ORDER BY id LIMIT 1");
  g_autoptr (GPtrArray) mine = people (spq);
  g_autoptr (GPtrArray) theirs = people (other);
  g_autoptr (GArray) chosen = pick (mine, 2, 1);
  YkActivityRecord record = { 0, NULL, spq, (char *) "2021-11-21", (char *) "不该写入", NULL, NULL, 0 };
  YkActivityRecord bad_date = { 0, NULL, spq, (char *) "2021-02-30", (char *) "日期不对", NULL, NULL, 0 };
  YkAttendee stranger = { ((YkActivityPerson *) theirs->pdata[0])->client_id, 0 };
  gint64 activities = count ("SELECT count(*) FROM activities");
  gint64 attendances = count ("SELECT count(*) FROM attendances");
  gint64 audits;
  g_autoptr (YkSession) worker = NULL;

  g_assert_true (yk_accounts_add (session, "li", WORKER_PW, YK_ROLE_WORKER, "SPQ", "李社工", YK_KDF_INTERACTIVE, &error));
  g_assert_no_error (error);
  worker = yk_session_open (test_db.path, "li", WORKER_PW, &error);
  g_assert_no_error (error);
  audits = count ("SELECT count(*) FROM audit");

  g_array_append_val (chosen, stranger);
  g_assert_false (yk_activities_record (worker, &record, (YkAttendee *) chosen->data, chosen->len, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (yk_activities_record (session, &bad_date, NULL, 0, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
  g_clear_error (&error);
  g_assert_cmpint (count ("SELECT count(*) FROM activities"), ==, activities);
  g_assert_cmpint (count ("SELECT count(*) FROM attendances"), ==, attendances);
  g_assert_cmpint (count ("SELECT count(*) FROM audit"), ==, audits);

  /* A social worker sees and records for their own site only. */
  g_assert_cmpint (yk_activities_site_for (worker, other), ==, spq);
  record.site_id = other;
  g_assert_false (yk_activities_record (worker, &record, NULL, 0, NULL, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN);
  g_clear_error (&error);
  {
    gint64 theirs_id = count ("SELECT a.id FROM activities a JOIN sites s ON s.id = a.site_id "
                              "WHERE s.code <> 'SPQ' AND a.voided_at IS NULL LIMIT 1");
    g_autoptr (YkActivityRow) row = yk_activities_get (worker, theirs_id, &error);

    g_assert_null (row);
    g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  }
}

static void
test_change_attendance (void)
{
  g_autoptr (GError) error = NULL;
  gint64 spq = site_id ("SPQ");
  g_autoptr (GPtrArray) list = people (spq);
  g_autoptr (GArray) first = pick (list, 2, 0);
  g_autoptr (GArray) later = g_array_new (FALSE, FALSE, sizeof (YkAttendee));
  YkActivityRecord record = { 0, NULL, spq, (char *) "2021-11-22", (char *) "园艺", (char *) "社区融入", NULL, 0 };
  g_autoptr (GPtrArray) before = NULL;
  g_autoptr (GPtrArray) after = NULL;
  gint64 removed, id = 0;
  g_autofree char *sql = NULL;

  g_assert_true (yk_activities_record (session, &record, (YkAttendee *) first->data, first->len, &id, &error));
  g_assert_no_error (error);
  before = yk_activities_attendees (session, id, &error);
  g_assert_no_error (error);
  removed = ((YkActivityPerson *) before->pdata[0])->attendance_id;
  /* The third service user and a family member come; the first did not. */
  for (guint i = 0, clients = 0; i < list->len && later->len < 2; i++)
    {
      YkActivityPerson *p = list->pdata[i];
      YkAttendee a = { p->client_id, p->family_id };

      if ((p->family_id == 0 && ++clients == 3) || (p->family_id > 0 && later->len == 1))
        g_array_append_val (later, a);
    }
  g_assert_cmpuint (later->len, ==, 2);
  g_assert_true (yk_activities_change_attendance (session, id, (YkAttendee *) later->data, 2, &removed, 1, &error));
  g_assert_no_error (error);
  after = yk_activities_attendees (session, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (after->len, ==, 3);
  for (guint i = 0; i < after->len; i++)
    g_assert_cmpint (((YkActivityPerson *) after->pdata[i])->attendance_id, !=, removed);
  sql = g_strdup_printf ("SELECT count(*) FROM attendances WHERE id = %" G_GINT64_FORMAT
                         " AND voided_at IS NOT NULL AND void_reason = '%s'", removed, YK_ACTIVITIES_UNTICK_REASON);
  g_assert_cmpint (count (sql), ==, 1);

  /* Another activity's attendance is not this one's to void; nothing changes. */
  {
    gint64 foreign = count ("SELECT t.id FROM attendances t WHERE t.voided_at IS NULL AND t.activity_id <> "
                            "(SELECT max(id) FROM activities) LIMIT 1");
    g_autoptr (GPtrArray) still = NULL;

    g_assert_false (yk_activities_change_attendance (session, id, (YkAttendee *) first->data, 1, &foreign, 1, &error));
    g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
    g_clear_error (&error);
    still = yk_activities_attendees (session, id, &error);
    g_assert_cmpuint (still->len, ==, 3);
  }
}

/* A social worker of SPQ, with an account made once. */
static YkSession *
open_worker (void)
{
  g_autoptr (GError) error = NULL;
  YkSession *worker;

  if (count ("SELECT count(*) FROM staff WHERE account = 'zhou'") == 0)
    {
      g_assert_true (yk_accounts_add (session, "zhou", WORKER_PW, YK_ROLE_WORKER, "SPQ", "周社工",
                                      YK_KDF_INTERACTIVE, &error));
      g_assert_no_error (error);
    }
  worker = yk_session_open (test_db.path, "zhou", WORKER_PW, &error);
  g_assert_no_error (error);
  return worker;
}

/* An activity of SPQ with the first `n` service users of its list. */
static gint64
record_activity (const char *date, const char *title, int residents, guint n)
{
  g_autoptr (GError) error = NULL;
  gint64 spq = site_id ("SPQ");
  g_autoptr (GPtrArray) list = people (spq);
  g_autoptr (GArray) chosen = pick (list, n, 0);
  YkActivityRecord record = { 0, NULL, spq, (char *) date, (char *) title, (char *) "生活技能", NULL, residents };
  gint64 id = 0;

  g_assert_true (yk_activities_record (session, &record, (YkAttendee *) chosen->data, chosen->len, &id, &error));
  g_assert_no_error (error);
  return id;
}

static gint64
figure_of (const char *period, gint64 site, YkIndicator k)
{
  g_autoptr (GError) error = NULL;
  YkStore *store = yk_session_get_store (session);
  sqlite3 *db = yk_store_open_connection (store, &error);
  g_autoptr (YkReader) reader = _yk_reader_new (session, db);
  g_autoptr (YkStatistics) statistics = NULL;

  g_assert_no_error (error);
  statistics = yk_statistics_compute (reader, period, site, NULL, &error);
  g_assert_no_error (error);
  g_clear_pointer (&reader, yk_reader_free);
  yk_store_close_connection (store, db);
  g_assert_cmpuint (statistics->report->sites->len, ==, 1);
  return ((YkReportSite *) statistics->report->sites->pdata[0])->values[k];
}

/* How many live attendances an activity has. */
static guint
n_attendees (gint64 id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) attendees = yk_activities_attendees (session, id, &error);

  g_assert_no_error (error);
  return attendees->len;
}

/* Every field corrected, one person more and one less, in one go: the
 * row changes in place, an audit row says what changed (no text copied),
 * and the activity's figures leave November for December with it. */
static void
test_edit (void)
{
  g_autoptr (GError) error = NULL;
  gint64 spq = site_id ("SPQ");
  g_autoptr (GPtrArray) list = people (spq);
  g_autoptr (GPtrArray) attendees = NULL;
  g_autoptr (YkActivityRow) row = NULL;
  gint64 id = record_activity ("2021-11-20", "茶话会", 3, 2);
  gint64 activities = count ("SELECT count(*) FROM activities");
  gint64 audits = count ("SELECT count(*) FROM audit");
  gint64 nov_activities = figure_of ("2021-11", spq, YK_INDICATOR_ACTIVITIES);
  gint64 nov_attendances = figure_of ("2021-11", spq, YK_INDICATOR_ACTIVITY_ATTENDANCES);
  gint64 dec_activities = figure_of ("2021-12", spq, YK_INDICATOR_ACTIVITIES);
  gint64 dec_attendances = figure_of ("2021-12", spq, YK_INDICATOR_ACTIVITY_ATTENDANCES);
  YkActivityRecord changed = { id, NULL, 0, (char *) "2021-12-03", (char *) "茶话会（改期）", (char *) "文体娱乐",
                               (char *) "王社工", 5 };
  YkAttendee third = { 0, 0 };
  gint64 removed;
  g_autofree char *sql = NULL;
  sqlite3_stmt *stmt = NULL;

  attendees = yk_activities_attendees (session, id, &error);
  g_assert_no_error (error);
  removed = ((YkActivityPerson *) attendees->pdata[0])->attendance_id;
  for (guint i = 0, clients = 0; i < list->len; i++)
    if (((YkActivityPerson *) list->pdata[i])->family_id == 0 && ++clients == 3)
      third.client_id = ((YkActivityPerson *) list->pdata[i])->client_id;
  g_assert_cmpint (third.client_id, >, 0);

  g_assert_true (yk_activities_edit (session, &changed, &third, 1, &removed, 1, &error));
  g_assert_no_error (error);

  row = yk_activities_get (session, id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (row->date, ==, "2021-12-03");
  g_assert_cmpstr (row->title, ==, "茶话会（改期）");
  g_assert_cmpstr (row->category, ==, "文体娱乐");
  g_assert_cmpstr (row->facilitator, ==, "王社工");
  g_assert_cmpint (row->resident_count, ==, 5);
  g_assert_cmpint (row->site_id, ==, spq);
  g_assert_cmpint (row->attendance_count, ==, 2);
  /* In place: no new activity. */
  g_assert_cmpint (count ("SELECT count(*) FROM activities"), ==, activities);

  /* The update, the voided and the added attendance: three audit rows. */
  g_assert_cmpint (count ("SELECT count(*) FROM audit"), ==, audits + 3);
  sql = g_strdup_printf ("SELECT detail FROM audit WHERE action = 'update' AND record_table = 'activities' "
                         "AND record_id = %" G_GINT64_FORMAT, id);
  g_assert_cmpint (sqlite3_prepare_v2 (app_test_connection (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  {
    const char *detail = (const char *) sqlite3_column_text (stmt, 0);

    g_assert_nonnull (strstr (detail, "activity_date 2021-11-20→2021-12-03"));
    g_assert_nonnull (strstr (detail, "title"));
    g_assert_nonnull (strstr (detail, "category"));
    g_assert_nonnull (strstr (detail, "facilitator"));
    g_assert_nonnull (strstr (detail, "resident_count 3→5"));
    g_assert_null (strstr (detail, "茶话会"));
    g_assert_null (strstr (detail, "王社工"));
  }
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);

  /* The activity, its two live attendances and its residents moved month. */
  g_assert_cmpint (figure_of ("2021-11", spq, YK_INDICATOR_ACTIVITIES), ==, nov_activities - 1);
  g_assert_cmpint (figure_of ("2021-11", spq, YK_INDICATOR_ACTIVITY_ATTENDANCES), ==, nov_attendances - (2 + 3));
  g_assert_cmpint (figure_of ("2021-12", spq, YK_INDICATOR_ACTIVITIES), ==, dec_activities + 1);
  g_assert_cmpint (figure_of ("2021-12", spq, YK_INDICATOR_ACTIVITY_ATTENDANCES), ==, dec_attendances + (2 + 5));
  /* And the drill-down agrees with the figure. */
  {
    g_autoptr (GArray) records = yk_db_indicator_records (app_test_connection (session),
                                                          YK_INDICATOR_ACTIVITY_ATTENDANCES, spq,
                                                          "2021-12-01", "2021-12-31", 0, &error);
    gint64 sum = 0;

    g_assert_no_error (error);
    for (guint i = 0; i < records->len; i++)
      sum += g_array_index (records, YkCountedRecord, i).weight;
    g_assert_cmpint (sum, ==, dec_attendances + 7);
  }

  /* Saving it unchanged writes nothing. */
  audits = count ("SELECT count(*) FROM audit");
  g_assert_true (yk_activities_edit (session, &changed, NULL, 0, NULL, 0, &error));
  g_assert_no_error (error);
  g_assert_cmpint (count ("SELECT count(*) FROM audit"), ==, audits);
}

static void
assert_unchanged (gint64 id, const char *date, const char *title, guint n, gint64 audits)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkActivityRow) row = yk_activities_get (session, id, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (row->date, ==, date);
  g_assert_cmpstr (row->title, ==, title);
  g_assert_cmpint (row->resident_count, ==, 1);
  g_assert_cmpuint (n_attendees (id), ==, n);
  g_assert_cmpint (count ("SELECT count(*) FROM audit"), ==, audits);
}

/* Each mistake names its field, and neither the fields nor the
 * attendance sent with them change. */
static void
test_edit_invalid (void)
{
  static const struct
  {
    const char *date, *title, *category;
    int residents;
    const char *field;
  } cases[] = {
    { "2021-02-30", "手工", NULL, 1, "date" },
    { "2099-01-01", "手工", NULL, 1, "date" },
    { "", "手工", NULL, 1, "date" },
    { "2021-11-12", "", NULL, 1, "title" },
    { "2021-11-12", NULL, NULL, 1, "title" },
    { "2021-11-12", "手工", "跳舞", 1, "category" },
    { "2021-11-12", "手工", NULL, -2, "resident_count" },
  };
  g_autoptr (GError) error = NULL;
  gint64 spq = site_id ("SPQ");
  g_autoptr (GPtrArray) list = people (spq);
  gint64 id = record_activity ("2021-11-10", "手工小组", 1, 1);
  gint64 audits = count ("SELECT count(*) FROM audit");
  g_autoptr (GArray) more = pick (list, 3, 0);
  YkAttendee *added = &g_array_index (more, YkAttendee, 2);

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      YkActivityRecord bad = { id, NULL, spq, (char *) cases[i].date, (char *) cases[i].title,
                               (char *) cases[i].category, NULL, cases[i].residents };

      g_assert_false (yk_activities_edit (session, &bad, added, 1, NULL, 0, &error));
      g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
      if (!g_str_has_prefix (error->message, yk_record_field_label (cases[i].field)))
        g_error ("case %u: “%s” does not name %s", i, error->message, cases[i].field);
      g_clear_error (&error);
      assert_unchanged (id, "2021-11-10", "手工小组", 1, audits);
    }

  /* The site stays. */
  {
    gint64 other = count ("SELECT id FROM sites WHERE code <> 'SPQ' ORDER BY id LIMIT 1");
    YkActivityRecord moved = { id, NULL, other, (char *) "2021-11-10", (char *) "手工小组", NULL, NULL, 1 };

    g_assert_false (yk_activities_edit (session, &moved, NULL, 0, NULL, 0, &error));
    g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID);
    g_clear_error (&error);
    g_assert_cmpint (count ("SELECT count(*) FROM activities a JOIN sites s ON s.id = a.site_id "
                            "WHERE s.code = 'SPQ' AND a.title = '手工小组'"), ==, 1);
  }

  /* Good fields with an attendance that is not this activity's: the
   * fields are not written either. */
  {
    gint64 foreign = count ("SELECT min(id) FROM attendances WHERE voided_at IS NULL");
    YkActivityRecord good = { id, NULL, spq, (char *) "2021-11-12", (char *) "手工", NULL, NULL, 1 };

    g_assert_false (yk_activities_edit (session, &good, added, 1, &foreign, 1, &error));
    g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
    g_clear_error (&error);
    assert_unchanged (id, "2021-11-10", "手工小组", 1, audits);
  }
}

/* A social worker corrects their own site's activities, whoever recorded
 * them, and cannot reach another site's: it is not found, and stays. */
static void
test_edit_worker_scope (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) worker = open_worker ();
  gint64 spq = site_id ("SPQ");
  gint64 mine = record_activity ("2021-10-08", "健身操", 1, 1);
  gint64 theirs = count ("SELECT a.id FROM activities a JOIN sites s ON s.id = a.site_id "
                         "WHERE s.code <> 'SPQ' AND a.voided_at IS NULL ORDER BY a.id LIMIT 1");
  g_autofree char *theirs_sql = g_strdup_printf ("SELECT count(*) FROM activities WHERE id = %" G_GINT64_FORMAT
                                                 " AND title = '改了'", theirs);
  gint64 audits = count ("SELECT count(*) FROM audit");
  YkActivityRecord other = { theirs, NULL, 0, (char *) "2021-10-09", (char *) "改了", NULL, NULL, 0 };
  YkActivityRecord own = { mine, NULL, 0, (char *) "2021-10-09", (char *) "健身操（第二次）", NULL, NULL, 1 };

  g_assert_false (yk_activities_edit (worker, &other, NULL, 0, NULL, 0, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_false (yk_casework_update_activity (worker, &other, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_assert_cmpint (count (theirs_sql), ==, 0);
  g_assert_cmpint (count ("SELECT count(*) FROM audit"), ==, audits);

  g_assert_true (yk_activities_edit (worker, &own, NULL, 0, NULL, 0, &error));
  g_assert_no_error (error);
  {
    g_autoptr (YkActivityRow) row = yk_activities_get (worker, mine, &error);

    g_assert_no_error (error);
    g_assert_cmpstr (row->title, ==, "健身操（第二次）");
    g_assert_cmpstr (row->date, ==, "2021-10-09");
    g_assert_cmpint (row->site_id, ==, spq);
  }
  g_assert_cmpint (count ("SELECT count(*) FROM audit a JOIN staff s ON s.account = a.account "
                          "WHERE a.action = 'update' AND a.record_table = 'activities' AND s.account = 'zhou'"), ==, 1);
}

static void
test_questionnaires_of_day (void)
{
  g_autoptr (GError) error = NULL;
  gint64 spq = site_id ("SPQ");
  g_autoptr (GPtrArray) list = people (spq);
  YkActivityPerson *client = list->pdata[0];
  YkQuestionnaireRecord anonymous = { 0, spq, (char *) "2021-11-23", (char *) "满意度", (char *) "居民", 0, 0 };
  YkQuestionnaireRecord linked = { 0, spq, (char *) "2021-11-23", (char *) "满意度", (char *) "服务对象", client->client_id, 0 };
  g_autoptr (GPtrArray) day = NULL;
  guint before;

  day = yk_activities_questionnaires_of_day (session, spq, "2021-11-23", &error);
  g_assert_no_error (error);
  before = day->len;
  g_clear_pointer (&day, g_ptr_array_unref);
  g_assert_true (yk_casework_add_questionnaire (session, &anonymous, NULL, &error));
  g_assert_true (yk_casework_add_questionnaire (session, &linked, NULL, &error));
  g_assert_no_error (error);
  day = yk_activities_questionnaires_of_day (session, spq, "2021-11-23", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day->len, ==, before + 2);
  g_assert_null (((YkQuestionnaireRow *) day->pdata[before])->name);
  g_assert_cmpstr (((YkQuestionnaireRow *) day->pdata[before + 1])->name, ==, client->name);
  g_assert_cmpstr (((YkQuestionnaireRow *) day->pdata[before + 1])->respondent, ==, "服务对象");
}

/* Who attended, as a social worker reads it: their own site's people
 * only, even at their own site's activity (a coordinator may record
 * anyone's attendance anywhere, and people move between sites); another
 * site's activity is "not found", as one that does not exist. */
static void
test_attendees_site_filtered (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GError) elsewhere = NULL;
  g_autoptr (GError) nowhere = NULL;
  g_autoptr (YkSession) worker = open_worker ();
  gint64 spq = site_id ("SPQ");
  gint64 other = count ("SELECT id FROM sites WHERE code <> 'SPQ' ORDER BY id LIMIT 1");
  g_autoptr (GPtrArray) mine = people (spq);
  g_autoptr (GPtrArray) theirs = people (other);
  g_autoptr (GArray) chosen = pick (mine, 2, 0);
  g_autoptr (GArray) strangers = pick (theirs, 1, 1);
  g_autoptr (GPtrArray) seen = NULL;
  g_autoptr (GPtrArray) all = NULL;
  YkActivityRecord record = { 0, NULL, spq, (char *) "2021-11-24", (char *) "联谊会", (char *) "社区融入", NULL, 0 };
  gint64 id = 0;
  gint64 theirs_id = count ("SELECT a.id FROM activities a JOIN sites s ON s.id = a.site_id "
                            "WHERE s.code <> 'SPQ' AND a.voided_at IS NULL ORDER BY a.id LIMIT 1");
  gint64 stranger_attendance = 0;

  g_array_append_vals (chosen, strangers->data, strangers->len);
  g_assert_true (yk_activities_record (session, &record, (YkAttendee *) chosen->data, chosen->len, &id, &error));
  g_assert_no_error (error);

  all = yk_activities_attendees (session, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (all->len, ==, 4);
  seen = yk_activities_attendees (worker, id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (seen->len, ==, 2);
  for (guint i = 0; i < seen->len; i++)
    {
      YkActivityPerson *p = seen->pdata[i];

      g_assert_cmpint (p->family_id, ==, 0);
      g_assert_true (p->client_id == g_array_index (chosen, YkAttendee, 0).client_id ||
                     p->client_id == g_array_index (chosen, YkAttendee, 1).client_id);
    }
  for (guint i = 0; i < all->len; i++)
    if (((YkActivityPerson *) all->pdata[i])->client_id == g_array_index (strangers, YkAttendee, 0).client_id &&
        ((YkActivityPerson *) all->pdata[i])->family_id == 0)
      stranger_attendance = ((YkActivityPerson *) all->pdata[i])->attendance_id;
  g_assert_cmpint (stranger_attendance, >, 0);

  /* Another site's person's attendance is not the worker's to untick. */
  g_assert_false (yk_activities_change_attendance (worker, id, NULL, 0, &stranger_attendance, 1, &error));
  g_assert_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_clear_error (&error);
  g_clear_pointer (&all, g_ptr_array_unref);
  all = yk_activities_attendees (session, id, &error);
  g_assert_cmpuint (all->len, ==, 4);

  /* Another site's activity, and one that does not exist: the same. */
  g_assert_cmpint (theirs_id, >, 0);
  g_assert_null (yk_activities_attendees (worker, theirs_id, &elsewhere));
  g_assert_null (yk_activities_attendees (worker, 99999999, &nowhere));
  g_assert_error (elsewhere, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_assert_error (nowhere, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND);
  g_assert_cmpstr (elsewhere->message, ==, nowhere->message);
}

/* A questionnaire of the worker's site linked to another site's person
 * (a coordinator may link anyone; people move): the worker sees the
 * questionnaire, which their site's figures count, but not who it names. */
static void
test_questionnaires_other_site_person (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) worker = open_worker ();
  gint64 spq = site_id ("SPQ");
  gint64 other = count ("SELECT id FROM sites WHERE code <> 'SPQ' ORDER BY id LIMIT 1");
  g_autoptr (GPtrArray) theirs = people (other);
  YkActivityPerson *stranger = theirs->pdata[0];
  YkQuestionnaireRecord linked = { 0, spq, (char *) "2021-11-25", (char *) "满意度", (char *) "服务对象",
                                   stranger->client_id, 0 };
  g_autoptr (GPtrArray) coordinator_day = NULL;
  g_autoptr (GPtrArray) worker_day = NULL;
  YkQuestionnaireRow *row;

  g_assert_true (yk_casework_add_questionnaire (session, &linked, NULL, &error));
  g_assert_no_error (error);
  coordinator_day = yk_activities_questionnaires_of_day (session, spq, "2021-11-25", &error);
  g_assert_no_error (error);
  row = coordinator_day->pdata[coordinator_day->len - 1];
  g_assert_cmpstr (row->name, ==, stranger->name);
  g_assert_cmpint (row->client_id, ==, stranger->client_id);

  worker_day = yk_activities_questionnaires_of_day (worker, spq, "2021-11-25", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (worker_day->len, ==, coordinator_day->len);
  row = worker_day->pdata[worker_day->len - 1];
  g_assert_cmpstr (row->respondent, ==, "服务对象");
  g_assert_null (row->name);
  g_assert_cmpint (row->client_id, ==, 0);
  g_assert_cmpint (row->family_id, ==, 0);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  app_test_db_init (&test_db, "demo.ykdb");
  app_test_db_create (&test_db, "admin", NULL, PW);
  session = g_steal_pointer (&test_db.coordinator);
  g_assert_true (yk_demo_fill (session, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);

  g_test_add_func ("/app/activities/people", test_people);
  g_test_add_func ("/app/activities/record-and-list", test_record_and_list);
  g_test_add_func ("/app/activities/all-or-nothing", test_all_or_nothing);
  g_test_add_func ("/app/activities/change-attendance", test_change_attendance);
  g_test_add_func ("/app/activities/edit", test_edit);
  g_test_add_func ("/app/activities/edit-invalid", test_edit_invalid);
  g_test_add_func ("/app/activities/edit-worker-scope", test_edit_worker_scope);
  g_test_add_func ("/app/activities/questionnaires-of-day", test_questionnaires_of_day);
  g_test_add_func ("/app/activities/attendees-site-filtered", test_attendees_site_filtered);
  g_test_add_func ("/app/activities/questionnaires-other-site-person", test_questionnaires_other_site_person);
  status = g_test_run ();
  g_clear_pointer (&session, yk_session_close);
  app_test_db_clear (&test_db);
  return status;
}
