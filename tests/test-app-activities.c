/* SPDX-License-Identifier: GPL-3.0-or-later */
/* What the Activities and Questionnaires screens ask of app/: the
 * activities of a month with their attendance counts, the people who
 * may attend, recording an activity with its attendance all or nothing,
 * changing who attended, and a social worker kept to their own site.
 * On the demo data (seed 1). */
#include "yk-accounts.h"
#include "yk-activities.h"
#include "yk-app-error.h"
#include "yk-casework.h"
#include "yk-db-indicators.h"
#include "yk-demo.h"

#include <glib/gstdio.h>
#include <string.h>

#define PW "coordinator pass 1"
#define WORKER_PW "worker pass 1"

static char *dir;
static char *path;
static YkSession *session;

static sqlite3 *
db_of (YkSession *who)
{
  return yk_store_get_connection (yk_session_get_store (who));
}

static gint64
site_id (const char *code)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) sites = yk_db_sites_list (db_of (session), &error);

  g_assert_no_error (error);
  for (guint i = 0; i < sites->len; i++)
    if (g_str_equal (((YkSiteRow *) sites->pdata[i])->code, code))
      return ((YkSiteRow *) sites->pdata[i])->id;
  g_assert_not_reached ();
}

static gint64
count (const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (db_of (session), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static GPtrArray *
people (gint64 site)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *list = yk_activities_people (db_of (session), site, &error);

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
  gint64 audits = count ("SELECT count(*) FROM audit");
  gint64 id = 0;
  gboolean found = FALSE;

  g_assert_true (yk_activities_record (session, &record, (YkAttendee *) chosen->data, chosen->len, &id, &error));
  g_assert_no_error (error);
  g_assert_cmpint (id, >, 0);
  /* Every write audited: the activity and five attendances. */
  g_assert_cmpint (count ("SELECT count(*) FROM audit"), ==, audits + 6);

  activities = yk_activities_list (db_of (session), spq, "2021-11", &error);
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
  worker = yk_session_open (path, "li", WORKER_PW, &error);
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

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  g_autofree char *recovery = NULL;
  int status;

  g_test_init (&argc, &argv, NULL);
  dir = g_dir_make_tmp ("yukang-activities-XXXXXX", &error);
  g_assert_no_error (error);
  path = g_build_filename (dir, "demo.ykdb", NULL);
  session = yk_session_create (path, "admin", NULL, PW, YK_KDF_INTERACTIVE, &recovery, &error);
  g_assert_no_error (error);
  g_assert_true (yk_demo_fill (session, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);

  g_test_add_func ("/app/activities/people", test_people);
  g_test_add_func ("/app/activities/record-and-list", test_record_and_list);
  g_test_add_func ("/app/activities/all-or-nothing", test_all_or_nothing);
  g_test_add_func ("/app/activities/change-attendance", test_change_attendance);
  g_test_add_func ("/app/activities/questionnaires-of-day", test_questionnaires_of_day);
  status = g_test_run ();
  yk_session_close (session);
  g_unlink (path);
  g_rmdir (dir);
  g_free (path);
  g_free (dir);
  return status;
}
