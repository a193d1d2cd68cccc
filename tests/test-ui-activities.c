/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Activities page (服务活动) and its dialog on the demo data (seed 1):
 * recording an activity with its attendance moves the engine's figures
 * by exactly what was recorded, the search keeps what is ticked, a
 * mistake keeps everything typed and writes nothing, a social worker
 * sees only their site's people, and a recorded activity can be
 * corrected afterwards: its fields and its attendance, saved together. */
#include "yk-config.h"
#include "ui-test-util.h"
#include "yk-report-private.h"
#include "yk-activities.h"
#include "yk-activities-page.h"
#include "yk-activity-dialog.h"
#include "yk-activity-item.h"
#include "yk-casework.h"
#include "yk-db-indicators.h"
#include "yk-demo.h"
#include "yk-main-view.h"
#include "yk-questionnaires-page.h"
#include "yk-report.h"
#include "yk-void-dialog.h"

#include <string.h>

static UiTestDatabase db;

typedef struct
{
  YkApplication *app;
  YkWindow *window;
  YkActivitiesPage *page;
  YkUnlockedSession *session;
} Fixture;

static gboolean
page_loading (Fixture *f)
{
  gboolean loading;

  g_object_get (f->page, "loading", &loading, NULL);
  return loading;
}

static void
fixture_open (Fixture *f, const char *user, const char *password)
{
  f->app = ui_test_application ();
  f->page = YK_ACTIVITIES_PAGE (ui_test_open_page (f->app, &f->window, db.path, user, password, "activities"));
  f->session = yk_window_get_session (f->window);
  ui_test_spin_until (!page_loading (f));
}

static void
fixture_close (Fixture *f)
{
  GtkWindow *dialog = yk_activities_page_get_dialog (f->page);

  if (dialog != NULL)
    gtk_window_destroy (dialog);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->app);
}

static YkSession *
session_of (Fixture *f)
{
  return yk_unlocked_session_get_session (f->session);
}

static sqlite3 *
connection (Fixture *f)
{
  return yk_store_get_connection (yk_session_get_store (session_of (f)));
}

static gint64
count (Fixture *f, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (connection (f), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static gint64
site_id (Fixture *f, const char *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT id FROM sites WHERE code = '%s'", code);

  return count (f, sql);
}

static void
choose (GtkWidget *dropdown, const char *text)
{
  GListModel *model = gtk_drop_down_get_model (GTK_DROP_DOWN (dropdown));

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (model), i), text))
      {
        gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), i);
        return;
      }
  g_assert_not_reached ();
}

static void
choose_site (Fixture *f, const char *code)
{
  g_autofree char *sql = g_strdup_printf ("SELECT name FROM sites WHERE code = '%s'", code);
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (connection (f), sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  choose (ui_test_child (f->page, YK_TYPE_ACTIVITIES_PAGE, "site_dropdown"), (const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  ui_test_spin_until (!page_loading (f));
}

static GPtrArray *
people (Fixture *f, gint64 site)
{
  g_autoptr (GError) error = NULL;
  /* Straight from storage: whoever the fixture is signed in as. */
  GPtrArray *list = yk_db_activity_people (connection (f), site, &error);

  g_assert_no_error (error);
  return list;
}

static YkActivityDialog *
open_dialog (Fixture *f, gint64 activity_id)
{
  YkActivityDialog *dialog;

  if (activity_id > 0)
    gtk_widget_activate_action (GTK_WIDGET (f->page), "activities.open", "x", activity_id);
  else
    gtk_widget_activate_action (GTK_WIDGET (f->page), "activities.record", NULL);
  dialog = YK_ACTIVITY_DIALOG (yk_activities_page_get_dialog (f->page));
  g_assert_nonnull (dialog);
  ui_test_spin_until (!yk_activity_dialog_get_loading (dialog));
  return dialog;
}

static GtkWidget *
field (YkActivityDialog *dialog, const char *name)
{
  return ui_test_child (dialog, YK_TYPE_ACTIVITY_DIALOG, name);
}

static void
type (YkActivityDialog *dialog, const char *name, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (field (dialog, name)), text);
}

static gboolean
ticked (YkActivityDialog *dialog, const YkActivityPerson *p)
{
  GtkListBoxRow *row = yk_activity_dialog_find_row (dialog, p->client_id, p->family_id);

  g_assert_nonnull (row);
  return gtk_check_button_get_active (GTK_CHECK_BUTTON (gtk_list_box_row_get_child (row)));
}

static gboolean
shown (YkActivityDialog *dialog, const YkActivityPerson *p)
{
  GtkListBoxRow *row = yk_activity_dialog_find_row (dialog, p->client_id, p->family_id);

  g_assert_nonnull (row);
  return gtk_widget_get_child_visible (GTK_WIDGET (row));
}

/* As Space or a double click on the row does. */
static void
tick (YkActivityDialog *dialog, const YkActivityPerson *p)
{
  GtkListBoxRow *row = yk_activity_dialog_find_row (dialog, p->client_id, p->family_id);

  g_assert_nonnull (row);
  g_signal_emit_by_name (row, "activate");
}

static void
save (Fixture *f, YkActivityDialog *dialog)
{
  gtk_widget_activate_action (GTK_WIDGET (dialog), "form.save", NULL);
}

/* The first n service users and m family members of a list. */
static GPtrArray *
pick (GPtrArray *list, guint n, guint m)
{
  GPtrArray *chosen = g_ptr_array_new ();

  for (guint i = 0; i < list->len && (n > 0 || m > 0); i++)
    {
      YkActivityPerson *p = list->pdata[i];

      if (p->family_id == 0 && n > 0)
        n--;
      else if (p->family_id > 0 && m > 0)
        m--;
      else
        continue;
      g_ptr_array_add (chosen, p);
    }
  g_assert_cmpuint (n + m, ==, 0);
  return chosen;
}

static YkReport *
report (Fixture *f, gint64 site)
{
  g_autoptr (GError) error = NULL;
  YkReport *r = _yk_report_compute_on (connection (f), "2021-10-01", "2021-12-31", site, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (r->sites->len, ==, 1);
  return r;
}

static gint64
figure (YkReport *r, YkIndicator k)
{
  return ((YkReportSite *) r->sites->pdata[0])->values[k];
}

static GHashTable *
served (Fixture *f, gint64 site)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GArray) records = yk_db_indicator_records (connection (f), YK_INDICATOR_BENEFICIARIES, site,
                                                        "2021-10-01", "2021-12-31", 0, &error);
  GHashTable *set = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);

  g_assert_no_error (error);
  for (guint i = 0; i < records->len; i++)
    {
      YkCountedRecord *r = &g_array_index (records, YkCountedRecord, i);
      g_hash_table_add (set, g_strdup_printf ("%s:%" G_GINT64_FORMAT, r->record_table, r->record_id));
    }
  return set;
}

static char *
person_key (const YkActivityPerson *p)
{
  return p->family_id > 0 ? g_strdup_printf ("family_members:%" G_GINT64_FORMAT, p->family_id)
                          : g_strdup_printf ("clients:%" G_GINT64_FORMAT, p->client_id);
}

/* 3 service users, 2 family members and 4 residents at SPQ in 2021-11:
 * the engine's figures move by exactly that. */
static void
test_record_changes_figures (void)
{
  Fixture f = { 0 };
  gint64 spq;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) chosen = NULL;
  g_autoptr (YkReport) before = NULL;
  g_autoptr (YkReport) after = NULL;
  g_autoptr (GHashTable) served_before = NULL;
  YkActivityDialog *dialog;
  GListModel *model;
  guint newly_served = 0;
  gboolean listed = FALSE;

  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  spq = site_id (&f, "SPQ");
  choose_site (&f, "SPQ");
  list = people (&f, spq);
  /* Whether each was served this quarter already is the engine's to say. */
  chosen = pick (list, 3, 2);
  before = report (&f, spq);
  served_before = served (&f, spq);
  for (guint i = 0; i < chosen->len; i++)
    {
      g_autofree char *key = person_key (chosen->pdata[i]);
      newly_served += !g_hash_table_contains (served_before, key);
    }

  dialog = open_dialog (&f, 0);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  type (dialog, "date_entry", "2021-11-20");
  type (dialog, "title_entry", "厨艺小组：包饺子");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (field (dialog, "category_dropdown")), 1);
  type (dialog, "facilitator_entry", "李社工");
  type (dialog, "residents_entry", "4");
  for (guint i = 0; i < chosen->len; i++)
    tick (dialog, chosen->pdata[i]);
  g_assert_cmpuint (yk_activity_dialog_get_n_ticked (dialog), ==, 5);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (field (dialog, "count_label"))), "5"));
  save (&f, dialog);
  ui_test_spin_until (dialog == NULL);

  after = report (&f, spq);
  g_assert_cmpint (figure (after, YK_INDICATOR_ACTIVITIES), ==, figure (before, YK_INDICATOR_ACTIVITIES) + 1);
  g_assert_cmpint (figure (after, YK_INDICATOR_ACTIVITY_ATTENDANCES), ==,
                   figure (before, YK_INDICATOR_ACTIVITY_ATTENDANCES) + 9);
  g_assert_cmpint (figure (after, YK_INDICATOR_BENEFICIARIES), ==,
                   figure (before, YK_INDICATOR_BENEFICIARIES) + newly_served + 4);
  for (int k = 0; k < YK_N_INDICATORS; k++)
    if (k != YK_INDICATOR_ACTIVITIES && k != YK_INDICATOR_ACTIVITY_ATTENDANCES && k != YK_INDICATOR_BENEFICIARIES)
      g_assert_cmpint (figure (after, k), ==, figure (before, k));

  /* The page lists it in its month, with its counts. */
  choose (ui_test_child (f.page, YK_TYPE_ACTIVITIES_PAGE, "month_dropdown"), "2021-11");
  ui_test_spin_until (!page_loading (&f));
  model = yk_activities_page_get_model (f.page);
  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (YkActivityItem) item = g_list_model_get_item (model, i);
      const YkActivityRow *row = yk_activity_item_get_row (item);

      g_assert_cmpint (row->site_id, ==, spq);
      g_assert_true (g_str_has_prefix (row->date, "2021-11-"));
      if (g_str_equal (row->title, "厨艺小组：包饺子"))
        {
          listed = TRUE;
          g_assert_cmpint (row->attendance_count, ==, 5);
          g_assert_cmpint (row->resident_count, ==, 4);
          g_assert_cmpstr (row->category, ==, "生活技能");
        }
    }
  g_assert_true (listed);
  fixture_close (&f);
}

/* Searching by full name or case number hides the others, never a tick. */
static void
test_search_keeps_ticks (void)
{
  Fixture f = { 0 };
  g_autoptr (GPtrArray) list = NULL;
  YkActivityPerson *a = NULL, *b = NULL, *family = NULL;
  YkActivityDialog *dialog;
  guint visible = 0;

  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  choose_site (&f, "SPQ");
  list = people (&f, site_id (&f, "SPQ"));
  for (guint i = 0; i < list->len; i++)
    {
      YkActivityPerson *p = list->pdata[i];

      if (p->family_id > 0 && family == NULL)
        family = p;
      else if (p->family_id == 0 && a == NULL)
        a = p;
      else if (p->family_id == 0 && b == NULL && i > 6)
        b = p;
    }
  g_assert_true (a != NULL && b != NULL && family != NULL);
  dialog = open_dialog (&f, 0);

  type (dialog, "search_entry", a->name);
  g_assert_true (shown (dialog, a));
  g_assert_false (shown (dialog, b));
  /* Down from the search goes to the first person found; Space ticks. */
  g_assert_true (ui_test_press_key (field (dialog, "search_entry"), GDK_KEY_Down));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) ==
                 GTK_WIDGET (yk_activity_dialog_find_row (dialog, a->client_id, a->family_id)));
  g_assert_true (ui_test_press_key (field (dialog, "people_list"), GDK_KEY_space));
  g_assert_true (ticked (dialog, a));
  type (dialog, "search_entry", b->case_no);
  g_assert_false (shown (dialog, a));
  g_assert_true (shown (dialog, b));
  tick (dialog, b);
  type (dialog, "search_entry", family->name);
  g_assert_true (shown (dialog, family));
  tick (dialog, family);
  g_assert_true (ticked (dialog, a));
  type (dialog, "search_entry", "");
  for (guint i = 0; i < list->len; i++)
    visible += shown (dialog, list->pdata[i]);
  g_assert_cmpuint (visible, ==, list->len);
  g_assert_true (ticked (dialog, a) && ticked (dialog, b) && ticked (dialog, family));
  g_assert_cmpuint (yk_activity_dialog_get_n_ticked (dialog), ==, 3);
  /* A second activation unticks. */
  tick (dialog, b);
  g_assert_false (ticked (dialog, b));
  g_assert_cmpuint (yk_activity_dialog_get_n_ticked (dialog), ==, 2);
  fixture_close (&f);
}

/* An impossible date: the error under the date, everything kept, nothing written. */
static void
test_error_keeps_everything (void)
{
  Fixture f = { 0 };
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) chosen = NULL;
  YkActivityDialog *dialog;
  gint64 activities, attendances;

  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  choose_site (&f, "SPQ");
  list = people (&f, site_id (&f, "SPQ"));
  chosen = pick (list, 2, 1);
  activities = count (&f, "SELECT count(*) FROM activities");
  attendances = count (&f, "SELECT count(*) FROM attendances");
  dialog = open_dialog (&f, 0);
  type (dialog, "date_entry", "2021-02-30");
  type (dialog, "title_entry", "园艺小组");
  type (dialog, "residents_entry", "3");
  for (guint i = 0; i < chosen->len; i++)
    tick (dialog, chosen->pdata[i]);
  save (&f, dialog);

  g_assert_true (yk_activities_page_get_dialog (f.page) == GTK_WINDOW (dialog));
  g_assert_nonnull (yk_activity_dialog_get_error (dialog, "date"));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, "title_entry"))), ==, "园艺小组");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, "residents_entry"))), ==, "3");
  for (guint i = 0; i < chosen->len; i++)
    g_assert_true (ticked (dialog, chosen->pdata[i]));
  g_assert_cmpuint (yk_activity_dialog_get_n_ticked (dialog), ==, 3);
  g_assert_cmpint (count (&f, "SELECT count(*) FROM activities"), ==, activities);
  g_assert_cmpint (count (&f, "SELECT count(*) FROM attendances"), ==, attendances);

  /* A head count that is no number is refused the same way. */
  type (dialog, "date_entry", "2021-11-05");
  type (dialog, "residents_entry", "三");
  save (&f, dialog);
  g_assert_nonnull (yk_activity_dialog_get_error (dialog, "resident_count"));
  g_assert_cmpint (count (&f, "SELECT count(*) FROM activities"), ==, activities);
  fixture_close (&f);
}

/* A social worker: no site to choose, only SPQ's people to tick. */
static void
test_worker_sees_own_site (void)
{
  Fixture f = { 0 };
  g_autoptr (GPtrArray) mine = NULL;
  g_autoptr (GPtrArray) theirs = NULL;
  YkActivityDialog *dialog;
  GtkListBox *box;
  guint rows = 0;

  fixture_open (&f, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  g_assert_false (gtk_widget_get_visible (ui_test_child (f.page, YK_TYPE_ACTIVITIES_PAGE, "site_dropdown")));
  for (guint i = 0; i < g_list_model_get_n_items (yk_activities_page_get_model (f.page)); i++)
    {
      g_autoptr (YkActivityItem) item = g_list_model_get_item (yk_activities_page_get_model (f.page), i);
      g_assert_cmpint (yk_activity_item_get_row (item)->site_id, ==, site_id (&f, "SPQ"));
    }
  g_assert_cmpuint (g_list_model_get_n_items (yk_activities_page_get_model (f.page)), >, 0);
  mine = people (&f, site_id (&f, "SPQ"));
  theirs = people (&f, count (&f, "SELECT id FROM sites WHERE code <> 'SPQ' ORDER BY id LIMIT 1"));
  g_assert_cmpuint (theirs->len, >, 0);
  dialog = open_dialog (&f, 0);
  box = GTK_LIST_BOX (field (dialog, "people_list"));
  while (gtk_list_box_get_row_at_index (box, (int) rows) != NULL)
    rows++;
  g_assert_cmpuint (rows, ==, mine->len);
  for (guint i = 0; i < mine->len; i++)
    {
      YkActivityPerson *person = mine->pdata[i];
      GtkListBoxRow *row = yk_activity_dialog_find_row (dialog, person->client_id, person->family_id);

      g_assert_nonnull (row);
      /* In full, as on the paper sign-in sheet being ticked off. */
      g_assert_nonnull (strstr (gtk_check_button_get_label (GTK_CHECK_BUTTON (gtk_list_box_row_get_child (row))),
                                person->name));
    }
  for (guint i = 0; i < theirs->len; i++)
    g_assert_null (yk_activity_dialog_find_row (dialog, ((YkActivityPerson *) theirs->pdata[i])->client_id,
                                                ((YkActivityPerson *) theirs->pdata[i])->family_id));
  fixture_close (&f);
}

/* Opening a recorded activity shows who came; unticking voids, ticking adds. */
static void
test_change_attendance (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) chosen = NULL;
  g_autoptr (GPtrArray) attendees = NULL;
  YkActivityRecord record = { 0 };
  YkAttendee first[2];
  YkActivityDialog *dialog;
  gint64 id = 0, spq;
  g_autofree char *voided_sql = NULL;

  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  spq = site_id (&f, "SPQ");
  list = people (&f, spq);
  chosen = pick (list, 3, 0);
  for (guint i = 0; i < 2; i++)
    first[i] = (YkAttendee) { ((YkActivityPerson *) chosen->pdata[i])->client_id, 0 };
  record.site_id = spq;
  record.date = (char *) "2021-11-25";
  record.title = (char *) "读书会";
  g_assert_true (yk_activities_record (session_of (&f), &record, first, 2, &id, &error));
  g_assert_no_error (error);

  dialog = open_dialog (&f, id);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, "title_entry"))), ==, "读书会");
  g_assert_true (gtk_widget_get_visible (field (dialog, "void_button")));
  g_assert_cmpuint (yk_activity_dialog_get_n_ticked (dialog), ==, 2);
  g_assert_true (ticked (dialog, chosen->pdata[0]) && ticked (dialog, chosen->pdata[1]));
  tick (dialog, chosen->pdata[0]);
  tick (dialog, chosen->pdata[2]);
  save (&f, dialog);
  ui_test_spin_until (dialog == NULL);

  attendees = yk_activities_attendees (session_of (&f), id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attendees->len, ==, 2);
  for (guint i = 0; i < attendees->len; i++)
    g_assert_cmpint (((YkActivityPerson *) attendees->pdata[i])->client_id, !=,
                     ((YkActivityPerson *) chosen->pdata[0])->client_id);
  voided_sql = g_strdup_printf ("SELECT count(*) FROM attendances WHERE activity_id = %" G_GINT64_FORMAT
                                " AND voided_at IS NOT NULL AND void_reason = '" YK_ACTIVITIES_UNTICK_REASON "'",
                                id);
  g_assert_cmpint (count (&f, voided_sql), ==, 1);

  /* Voiding the activity is the window's record.void, with its reason. */
  dialog = open_dialog (&f, id);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_widget_activate_action (GTK_WIDGET (dialog), "activity.void", NULL);
  g_assert_null (dialog);
  {
    GListModel *toplevels = gtk_window_get_toplevels ();
    GtkWindow *void_dialog = NULL;

    for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
      {
        g_autoptr (GtkWindow) w = g_list_model_get_item (toplevels, i);
        if (YK_IS_VOID_DIALOG (w))
          void_dialog = w;
      }
    g_assert_nonnull (void_dialog);
    gtk_window_destroy (void_dialog);
  }
  fixture_close (&f);
}

static YkActivityRow *
listed (Fixture *f, gint64 id)
{
  GListModel *model = yk_activities_page_get_model (f->page);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    {
      g_autoptr (YkActivityItem) item = g_list_model_get_item (model, i);
      const YkActivityRow *row = yk_activity_item_get_row (item);

      if (row->id == id)
        {
          YkActivityRow *copy = g_new0 (YkActivityRow, 1);

          *copy = *row;
          copy->date = g_strdup (row->date);
          copy->title = g_strdup (row->title);
          copy->category = g_strdup (row->category);
          copy->facilitator = g_strdup (row->facilitator);
          return copy;
        }
    }
  return NULL;
}

/* Opening a recorded activity, its title and date corrected and one
 * person more ticked: one save, and the list and the database show it
 * in its new month. A mistake names its field and changes nothing. */
static void
test_edit_activity (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) chosen = NULL;
  g_autoptr (GPtrArray) attendees = NULL;
  g_autoptr (YkActivityRow) row = NULL;
  g_autoptr (YkActivityRow) old_month = NULL;
  YkActivityRecord record = { 0 };
  YkAttendee first[2];
  YkActivityDialog *dialog;
  gint64 id = 0, spq, audits;

  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  spq = site_id (&f, "SPQ");
  choose_site (&f, "SPQ");
  list = people (&f, spq);
  chosen = pick (list, 3, 0);
  for (guint i = 0; i < 2; i++)
    first[i] = (YkAttendee) { ((YkActivityPerson *) chosen->pdata[i])->client_id, 0 };
  record.site_id = spq;
  record.date = (char *) "2021-11-18";
  record.title = (char *) "棋牌活动";
  record.resident_count = 2;
  g_assert_true (yk_activities_record (session_of (&f), &record, first, 2, &id, &error));
  g_assert_no_error (error);

  /* A mistake: an empty title, a date to come. */
  dialog = open_dialog (&f, id);
  g_assert_true (gtk_widget_is_sensitive (field (dialog, "title_entry")));
  g_assert_true (gtk_widget_is_sensitive (field (dialog, "date_entry")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, "date_entry"))), ==, "2021-11-18");
  audits = count (&f, "SELECT count(*) FROM audit");
  type (dialog, "title_entry", "");
  tick (dialog, chosen->pdata[2]);
  save (&f, dialog);
  g_assert_true (yk_activities_page_get_dialog (f.page) == GTK_WINDOW (dialog));
  g_assert_nonnull (yk_activity_dialog_get_error (dialog, "title"));
  type (dialog, "title_entry", "棋牌活动");
  type (dialog, "date_entry", "2099-01-01");
  save (&f, dialog);
  g_assert_nonnull (yk_activity_dialog_get_error (dialog, "date"));
  g_assert_true (ticked (dialog, chosen->pdata[2]));
  g_assert_cmpint (count (&f, "SELECT count(*) FROM audit"), ==, audits);
  row = yk_activities_get (session_of (&f), id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (row->date, ==, "2021-11-18");
  g_assert_cmpint (row->attendance_count, ==, 2);
  g_clear_pointer (&row, yk_activity_row_free);

  /* Corrected. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  type (dialog, "title_entry", "棋牌活动（改期）");
  type (dialog, "date_entry", "2021-12-02");
  save (&f, dialog);
  ui_test_spin_until (dialog == NULL);

  row = yk_activities_get (session_of (&f), id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (row->title, ==, "棋牌活动（改期）");
  g_assert_cmpstr (row->date, ==, "2021-12-02");
  g_assert_cmpint (row->site_id, ==, spq);
  g_assert_cmpint (row->resident_count, ==, 2);
  attendees = yk_activities_attendees (session_of (&f), id, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (attendees->len, ==, 3);
  g_assert_cmpint (((YkActivityPerson *) attendees->pdata[2])->client_id, ==,
                   ((YkActivityPerson *) chosen->pdata[2])->client_id);
  g_clear_pointer (&row, yk_activity_row_free);

  /* Gone from November's list, in December's. */
  choose (ui_test_child (f.page, YK_TYPE_ACTIVITIES_PAGE, "month_dropdown"), "2021-11");
  ui_test_spin_until (!page_loading (&f));
  old_month = listed (&f, id);
  g_assert_null (old_month);
  choose (ui_test_child (f.page, YK_TYPE_ACTIVITIES_PAGE, "month_dropdown"), "2021-12");
  ui_test_spin_until (!page_loading (&f));
  row = listed (&f, id);
  g_assert_nonnull (row);
  g_assert_cmpstr (row->title, ==, "棋牌活动（改期）");
  g_assert_cmpstr (row->date, ==, "2021-12-02");
  g_assert_cmpint (row->attendance_count, ==, 3);
  fixture_close (&f);
}

/* A lock closes a correction half done; reopening the activity finds
 * what was typed and who was ticked and unticked. */
static void
test_edit_draft_survives_lock (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) chosen = NULL;
  YkActivityRecord record = { 0 };
  YkAttendee first[2];
  YkActivityDialog *dialog;
  gint64 id = 0, spq;

  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  spq = site_id (&f, "SPQ");
  list = people (&f, spq);
  chosen = pick (list, 3, 0);
  for (guint i = 0; i < 2; i++)
    first[i] = (YkAttendee) { ((YkActivityPerson *) chosen->pdata[i])->client_id, 0 };
  record.site_id = spq;
  record.date = (char *) "2021-10-21";
  record.title = (char *) "观影";
  g_assert_true (yk_activities_record (session_of (&f), &record, first, 2, &id, &error));
  g_assert_no_error (error);

  dialog = open_dialog (&f, id);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  type (dialog, "title_entry", "观影会");
  tick (dialog, chosen->pdata[0]);
  tick (dialog, chosen->pdata[2]);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.lock", NULL));
  g_assert_null (dialog);
  f.session = ui_test_unlock_and_wait (f.window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  f.page = YK_ACTIVITIES_PAGE (ui_test_show_page (f.window, "activities"));
  ui_test_spin_until (!page_loading (&f));

  dialog = open_dialog (&f, id);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, "title_entry"))), ==, "观影会");
  g_assert_false (ticked (dialog, chosen->pdata[0]));
  g_assert_true (ticked (dialog, chosen->pdata[1]));
  g_assert_true (ticked (dialog, chosen->pdata[2]));
  g_assert_cmpuint (yk_activity_dialog_get_n_ticked (dialog), ==, 2);
  fixture_close (&f);
}

/* The lock closes the dialog; reopening it finds the fields and the ticks. */
static void
test_draft_survives_lock (void)
{
  Fixture f = { 0 };
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) chosen = NULL;
  YkActivityDialog *dialog;

  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  choose_site (&f, "SPQ");
  list = people (&f, site_id (&f, "SPQ"));
  chosen = pick (list, 2, 1);
  dialog = open_dialog (&f, 0);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  type (dialog, "title_entry", "书法小组");
  type (dialog, "residents_entry", "6");
  for (guint i = 0; i < chosen->len; i++)
    tick (dialog, chosen->pdata[i]);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.lock", NULL));
  g_assert_null (dialog);
  f.session = ui_test_unlock_and_wait (f.window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  f.page = YK_ACTIVITIES_PAGE (ui_test_show_page (f.window, "activities"));
  ui_test_spin_until (!page_loading (&f));
  choose_site (&f, "SPQ");

  dialog = open_dialog (&f, 0);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, "title_entry"))), ==, "书法小组");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, "residents_entry"))), ==, "6");
  for (guint i = 0; i < chosen->len; i++)
    g_assert_true (ticked (dialog, chosen->pdata[i]));
  g_assert_cmpuint (yk_activity_dialog_get_n_ticked (dialog), ==, 3);

  /* Cancel forgets it. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "form.cancel", NULL);
  g_assert_null (dialog);
  dialog = open_dialog (&f, 0);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (field (dialog, "title_entry"))), ==, "");
  g_assert_cmpuint (yk_activity_dialog_get_n_ticked (dialog), ==, 0);
  fixture_close (&f);
}

static gboolean
questionnaires_loading (YkQuestionnairesPage *page)
{
  gboolean loading;

  g_object_get (page, "loading", &loading, NULL);
  return loading;
}

/* Three questionnaires in a row: site, date and kind stay, who answered
 * is cleared after each, the day's count and the engine's figure move. */
static void
test_questionnaires_batch (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GPtrArray) chosen = NULL;
  g_autoptr (YkReport) before = NULL;
  g_autoptr (YkReport) after = NULL;
  g_autoptr (GPtrArray) day = NULL;
  YkQuestionnairesPage *page;
  GtkWidget *site, *date, *kind, *respondent, *person;
  const YkActivityPerson *client, *family;
  gint64 spq;
  guint site_position;
  g_autofree char *empty_day = NULL;

  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  page = YK_QUESTIONNAIRES_PAGE (ui_test_show_page (f.window, "questionnaires"));
  site = ui_test_child (page, YK_TYPE_QUESTIONNAIRES_PAGE, "site_dropdown");
  date = ui_test_child (page, YK_TYPE_QUESTIONNAIRES_PAGE, "date_entry");
  kind = ui_test_child (page, YK_TYPE_QUESTIONNAIRES_PAGE, "kind_dropdown");
  respondent = ui_test_child (page, YK_TYPE_QUESTIONNAIRES_PAGE, "respondent_dropdown");
  person = ui_test_child (page, YK_TYPE_QUESTIONNAIRES_PAGE, "person_dropdown");
  spq = site_id (&f, "SPQ");
  {
    g_autofree char *sql = g_strdup_printf ("SELECT name FROM sites WHERE code = 'SPQ'");
    sqlite3_stmt *stmt = NULL;

    g_assert_cmpint (sqlite3_prepare_v2 (connection (&f), sql, -1, &stmt, NULL), ==, SQLITE_OK);
    g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
    choose (site, (const char *) sqlite3_column_text (stmt, 0));
    sqlite3_finalize (stmt);
  }
  site_position = gtk_drop_down_get_selected (GTK_DROP_DOWN (site));
  ui_test_spin_until (!questionnaires_loading (page));
  /* A day of 2021Q4 with no questionnaire at SPQ yet. */
  for (int d = 31; d > 0 && empty_day == NULL; d--)
    {
      g_autofree char *iso = g_strdup_printf ("2021-12-%02d", d);
      g_autoptr (GPtrArray) rows = yk_activities_questionnaires_of_day (session_of (&f), spq, iso, &error);

      g_assert_no_error (error);
      if (rows->len == 0)
        empty_day = g_steal_pointer (&iso);
    }
  g_assert_nonnull (empty_day);
  gtk_editable_set_text (GTK_EDITABLE (date), empty_day);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (kind), 1);
  g_assert_cmpuint (yk_questionnaires_page_get_day_count (page), ==, 0);
  list = people (&f, spq);
  chosen = pick (list, 1, 1);
  client = chosen->pdata[0];
  family = chosen->pdata[1];
  before = report (&f, spq);

  /* A resident, anonymous. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (respondent), 2);
  gtk_widget_activate_action (GTK_WIDGET (page), "questionnaires.save", NULL);
  g_assert_cmpuint (yk_questionnaires_page_get_day_count (page), ==, 1);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (respondent)), ==, 0);
  /* A service user, found in the drop-down: the respondent follows. */
  g_assert_true (yk_questionnaires_page_choose_person (page, client->client_id, 0));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (respondent)), ==, 0);
  gtk_widget_activate_action (GTK_WIDGET (page), "questionnaires.save", NULL);
  g_assert_cmpuint (yk_questionnaires_page_get_day_count (page), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (person)), ==, 0);
  /* A family member. */
  g_assert_true (yk_questionnaires_page_choose_person (page, family->client_id, family->family_id));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (respondent)), ==, 1);
  gtk_widget_activate_action (GTK_WIDGET (page), "questionnaires.save", NULL);
  g_assert_cmpuint (yk_questionnaires_page_get_day_count (page), ==, 3);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (ui_test_child (page, YK_TYPE_QUESTIONNAIRES_PAGE, "count_label"))), "3"));

  /* What stays filled in. */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (site)), ==, site_position);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (date)), ==, empty_day);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (kind)), ==, 1);

  after = report (&f, spq);
  g_assert_cmpint (figure (after, YK_INDICATOR_QUESTIONNAIRES), ==, figure (before, YK_INDICATOR_QUESTIONNAIRES) + 3);
  day = yk_activities_questionnaires_of_day (session_of (&f), spq, empty_day, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (day->len, ==, 3);
  g_assert_cmpstr (((YkQuestionnaireRow *) day->pdata[0])->respondent, ==, "居民");
  g_assert_cmpint (((YkQuestionnaireRow *) day->pdata[0])->client_id, ==, 0);
  g_assert_cmpint (((YkQuestionnaireRow *) day->pdata[1])->client_id, ==, client->client_id);
  g_assert_cmpstr (((YkQuestionnaireRow *) day->pdata[1])->respondent, ==, "服务对象");
  g_assert_cmpint (((YkQuestionnaireRow *) day->pdata[2])->family_id, ==, family->family_id);
  g_assert_cmpstr (((YkQuestionnaireRow *) day->pdata[2])->respondent, ==, "家属");
  for (guint i = 0; i < day->len; i++)
    g_assert_cmpstr (((YkQuestionnaireRow *) day->pdata[i])->kind, ==, "满意度");

  /* An impossible date saves nothing and says why. */
  gtk_editable_set_text (GTK_EDITABLE (date), "2021-02-30");
  gtk_widget_activate_action (GTK_WIDGET (page), "questionnaires.save", NULL);
  g_assert_true (gtk_widget_get_visible (ui_test_child (page, YK_TYPE_QUESTIONNAIRES_PAGE, "error_label")));
  {
    g_autoptr (YkReport) again = report (&f, spq);
    g_assert_cmpint (figure (again, YK_INDICATOR_QUESTIONNAIRES), ==, figure (after, YK_INDICATOR_QUESTIONNAIRES));
  }
  fixture_close (&f);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  YkSession *session;
  int status;

  ui_test_init (&argc, &argv);
  ui_test_database_make (&db);
  session = yk_session_open (db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (yk_demo_fill (session, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);
  yk_session_close (session);

  g_test_add_func ("/ui/activities/record-changes-figures", test_record_changes_figures);
  g_test_add_func ("/ui/activities/search-keeps-ticks", test_search_keeps_ticks);
  g_test_add_func ("/ui/activities/error-keeps-everything", test_error_keeps_everything);
  g_test_add_func ("/ui/activities/worker", test_worker_sees_own_site);
  g_test_add_func ("/ui/activities/change-attendance", test_change_attendance);
  g_test_add_func ("/ui/activities/edit", test_edit_activity);
  g_test_add_func ("/ui/activities/edit-draft-survives-lock", test_edit_draft_survives_lock);
  g_test_add_func ("/ui/activities/draft-survives-lock", test_draft_survives_lock);
  g_test_add_func ("/ui/activities/questionnaires", test_questionnaires_batch);
  status = g_test_run ();

  ui_test_database_remove (&db);
  return status;
}
