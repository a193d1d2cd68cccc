/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Today screen on the pilot demo data (seed 1), seen on 2021-11-15:
 * its lists are yk_followup_list()'s, its figures yk_report_compute()'s,
 * read without holding up the main loop, and counted again when a
 * record is saved. */
#include "yk-config.h"
#include "yk-report-private.h"
#include "yk-text.h"
#include "ui-test-util.h"
#include "yk-admin-page.h"
#include "yk-case-file-view.h"
#include "yk-casework.h"
#include "yk-contact-dialog.h"
#include "yk-demo.h"
#include "yk-followup.h"
#include "yk-main-view.h"
#include "yk-report.h"
#include "yk-today.h"
#include "yk-today-item.h"
#include "yk-today-page.h"
#include "yk-validate.h"

#include <glib/gstdio.h>
#include <string.h>

#define TODAY "2021-11-15"

static UiTestDatabase db;
static GDate today, horizon;
static gint64 worker_staff_id;

/* The shown figures, in the page's order (rows 1–6 of its grid). */
static const YkIndicator figures[] = {
  YK_INDICATOR_HOME_VISITS,   YK_INDICATOR_PHONE_FOLLOWUPS, YK_INDICATOR_ACTIVITIES,
  YK_INDICATOR_QUESTIONNAIRES, YK_INDICATOR_CASE_FILES_NEW, YK_INDICATOR_BENEFICIARIES,
};

static YkSession *
session_of (YkWindow *window)
{
  return yk_unlocked_session_get_session (yk_window_get_session (window));
}

static YkTodayPage *
today_page (YkWindow *window)
{
  return YK_TODAY_PAGE (gtk_stack_get_child_by_name (ui_test_main_stack (window), "today"));
}

/* Unlocks, pins the page's day and waits for both lists and figures. */
static YkTodayPage *
open_today (YkWindow   *window,
            const char *user,
            const char *password)
{
  YkTodayPage *page;

  ui_test_unlock_and_wait (window, db.path, user, password);
  page = today_page (window);
  g_assert_true (gtk_widget_get_mapped (GTK_WIDGET (page)));
  yk_today_page_set_today (page, TODAY);
  g_assert_true (yk_today_page_get_busy (page));
  ui_test_spin_until (!yk_today_page_get_busy (page));
  return page;
}

static GListModel *
view_model (YkTodayPage *page,
            const char  *name)
{
  return G_LIST_MODEL (gtk_list_view_get_model (GTK_LIST_VIEW (ui_test_child (page, YK_TYPE_TODAY_PAGE, name))));
}

static const char *
figure_text (YkTodayPage *page,
             guint        row,
             int          column)
{
  GtkGrid *grid = GTK_GRID (ui_test_child (page, YK_TYPE_TODAY_PAGE, "figures_grid"));

  return gtk_label_get_text (GTK_LABEL (gtk_grid_get_child_at (grid, column, (int) row + 1)));
}

/* The page's rows are these people, in this order, their names masked,
 * except a social worker's own people (`own`: their staff id), in full. */
static void
assert_rows (GListModel *model,
             GPtrArray  *expected,
             gint64      own)
{
  g_assert_cmpuint (g_list_model_get_n_items (model), ==, expected->len);
  for (guint i = 0; i < expected->len; i++)
    {
      YkFollowup *followup = expected->pdata[i];
      g_autoptr (YkTodayItem) item = g_list_model_get_item (model, i);
      gboolean in_full = own != 0 && followup->worker_id == own;
      g_autofree char *shown = in_full ? g_strdup (followup->name) : yk_text_mask_name (followup->name);

      g_assert_cmpint (yk_today_item_get_client_id (item), ==, followup->client_id);
      g_assert_cmpstr (yk_today_item_get_case_no (item), ==, followup->case_no);
      g_assert_cmpstr (yk_today_item_get_name (item), ==, shown);
      if (!in_full)
        g_assert_cmpstr (yk_today_item_get_name (item), !=, followup->name);
      g_assert_nonnull (strstr (yk_today_item_get_details (item), followup->case_no));
      g_assert_cmpint (yk_today_item_get_overdue_days (item) > 0, ==, followup->overdue);
    }
}

/* yk_followup_list() split as the page shows it: due by the horizon
 * (overdue first, being due soonest), and at risk. Returns the list,
 * which owns what the two others point to. */
static GPtrArray *
expected_lists (YkSession  *session,
                gint64      worker_id,
                GPtrArray **due,
                GPtrArray **at_risk)
{
  g_autoptr (GError) error = NULL;
  GPtrArray *list = yk_followup_list (session, 0, worker_id, &today, &horizon, &error);

  g_assert_no_error (error);
  *due = g_ptr_array_new ();
  *at_risk = g_ptr_array_new ();
  for (guint i = 0; i < list->len; i++)
    {
      YkFollowup *followup = list->pdata[i];

      if (g_date_compare (&followup->due, &horizon) <= 0)
        g_ptr_array_add (*due, followup);
      if (followup->at_risk)
        g_ptr_array_add (*at_risk, followup);
    }
  return list;
}

static void
test_coordinator_lists (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  YkTodayPage *page = open_today (window, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GPtrArray) at_risk = NULL;
  g_autoptr (GPtrArray) list = NULL;
  gboolean seen_on_time = FALSE;
  guint overdue = 0;

  list = expected_lists (session_of (window), 0, &due, &at_risk);
  /* Both lists have people in them, and some of each kind of row. */
  g_assert_cmpuint (due->len, >, 1);
  g_assert_cmpuint (at_risk->len, >, 1);
  assert_rows (view_model (page, "due_view"), due, 0);
  assert_rows (view_model (page, "risk_view"), at_risk, 0);
  for (guint i = 0; i < due->len; i++)
    {
      YkFollowup *followup = due->pdata[i];

      /* Overdue first. */
      g_assert_false (followup->overdue && seen_on_time);
      seen_on_time |= !followup->overdue;
      overdue += followup->overdue;
    }
  g_assert_cmpuint (overdue, >, 0);
  g_assert_true (gtk_widget_get_visible (ui_test_child (page, YK_TYPE_TODAY_PAGE, "filter_box")));
  g_assert_false (gtk_widget_get_visible (ui_test_child (page, YK_TYPE_TODAY_PAGE, "start_box")));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The coordinator narrows the list to one social worker. */
static void
test_coordinator_filters (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  YkTodayPage *page = open_today (window, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  GtkDropDown *sites = GTK_DROP_DOWN (ui_test_child (page, YK_TYPE_TODAY_PAGE, "site_dropdown"));
  GtkDropDown *workers = GTK_DROP_DOWN (ui_test_child (page, YK_TYPE_TODAY_PAGE, "worker_dropdown"));
  GListModel *worker_names = gtk_drop_down_get_model (workers);
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GPtrArray) at_risk = NULL;
  g_autoptr (GPtrArray) list = NULL;
  guint li = G_MAXUINT;

  /* SPQ: its three demo workers and li. */
  g_assert_cmpuint (g_list_model_get_n_items (gtk_drop_down_get_model (sites)), ==, 3);
  gtk_drop_down_set_selected (sites, 1);
  g_assert_cmpuint (g_list_model_get_n_items (worker_names), ==, 5);
  for (guint i = 0; i < g_list_model_get_n_items (worker_names); i++)
    if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (worker_names), i), "李社工"))
      li = i;
  g_assert_cmpuint (li, <, G_MAXUINT);
  gtk_drop_down_set_selected (workers, li);
  g_assert_true (yk_today_page_get_busy (page));
  ui_test_spin_until (!yk_today_page_get_busy (page));

  list = expected_lists (session_of (window), worker_staff_id, &due, &at_risk);
  g_assert_cmpuint (due->len, >, 0);
  assert_rows (view_model (page, "due_view"), due, 0);
  assert_rows (view_model (page, "risk_view"), at_risk, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_worker_sees_own_people (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  YkTodayPage *page = open_today (window, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) everyone = yk_followup_list (session_of (window), 0, 0, &today, &horizon, &error);
  GListModel *rows = view_model (page, "due_view");
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GPtrArray) at_risk = NULL;
  g_autoptr (GPtrArray) list = NULL;

  g_assert_no_error (error);
  list = expected_lists (session_of (window), worker_staff_id, &due, &at_risk);
  g_assert_cmpuint (due->len, >, 0);
  /* Not the whole site: only the people li is responsible for. */
  {
    guint others_due = 0;

    for (guint i = 0; i < everyone->len; i++)
      others_due += ((YkFollowup *) everyone->pdata[i])->worker_id != worker_staff_id &&
                    g_date_compare (&((YkFollowup *) everyone->pdata[i])->due, &horizon) <= 0;
    g_assert_cmpuint (others_due, >, 0);
  }
  /* Their own people, named in full: the list is theirs to work through. */
  assert_rows (rows, due, worker_staff_id);
  assert_rows (view_model (page, "risk_view"), at_risk, worker_staff_id);
  for (guint i = 0; i < due->len; i++)
    g_assert_cmpint (((YkFollowup *) due->pdata[i])->worker_id, ==, worker_staff_id);
  /* Absent, not insensitive. */
  g_assert_false (gtk_widget_get_visible (ui_test_child (page, YK_TYPE_TODAY_PAGE, "filter_box")));

  /* The figures are the worker's own site's. */
  {
    g_autoptr (YkReport) q4 = _yk_report_compute_on (yk_store_get_connection (yk_session_get_store (session_of (window))),
                                                 "2021-10-01", "2021-12-31", yk_session_get_site_id (session_of (window)),
                                                 &error);
    g_autofree char *home_visits = g_strdup_printf ("%lld", (long long) q4->total[YK_INDICATOR_HOME_VISITS]);

    g_assert_no_error (error);
    g_assert_cmpstr (figure_text (page, 0, 1), ==, home_visits);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
assert_figures (YkTodayPage *page,
                YkSession   *session)
{
  sqlite3 *conn = yk_store_get_connection (yk_session_get_store (session));
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReport) q4 = _yk_report_compute_on (conn, "2021-10-01", "2021-12-31", 0, &error);
  g_autoptr (YkReport) q3 = _yk_report_compute_on (conn, "2021-07-01", "2021-09-30", 0, &error);

  g_assert_no_error (error);
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (ui_test_child (page, YK_TYPE_TODAY_PAGE, "figures_stack"))),
                   ==, "figures");
  for (guint i = 0; i < G_N_ELEMENTS (figures); i++)
    {
      gint64 now = q4->total[figures[i]], before = q3->total[figures[i]];
      g_autofree char *now_text = g_strdup_printf ("%lld", (long long) now);
      g_autofree char *before_text = g_strdup_printf ("%lld", (long long) before);
      g_autofree char *change = now > before   ? g_strdup_printf ("↑ %lld", (long long) (now - before))
                                : now < before ? g_strdup_printf ("↓ %lld", (long long) (before - now))
                                               : g_strdup ("No change");

      g_assert_cmpstr (figure_text (page, i, 0), ==, yk_indicator_label (figures[i]));
      g_assert_cmpstr (figure_text (page, i, 1), ==, now_text);
      g_assert_cmpstr (figure_text (page, i, 2), ==, before_text);
      g_assert_cmpstr (figure_text (page, i, 3), ==, change);
    }
}

static gboolean
tick_cb (gpointer user_data)
{
  (*(guint *) user_data)++;
  return G_SOURCE_CONTINUE;
}

/* Figures come from a worker thread: the page answers at once, the main
 * loop keeps running, and a saved record is counted. */
static char *
pdf_text (const char *path)
{
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autoptr (GError) error = NULL;
  char *text = NULL;
  int status;

  g_assert_nonnull (pdftotext); /* poppler-utils: build-aux/dev installs it */
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL, &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return text;
}

/* 随访清单 from Today: the people the page lists (a social worker's own),
 * by case number, and not a name on the paper. */
static void
test_export_due_list (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  YkTodayPage *page = open_today (window, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  g_autofree char *path = g_build_filename (db.dir, "due.pdf", NULL);
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) everyone = yk_followup_list (session_of (window), 0, 0, &today, &horizon, &error);
  g_autoptr (GPtrArray) due = NULL;
  g_autoptr (GPtrArray) at_risk = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autofree char *text = NULL;
  guint others = 0;

  g_assert_no_error (error);
  list = expected_lists (session_of (window), worker_staff_id, &due, &at_risk);
  g_assert_true (yk_today_page_save_due_list (page, file, &error));
  g_assert_no_error (error);
  text = pdf_text (path);
  g_assert_nonnull (strstr (text, "随访清单"));
  for (guint i = 0; i < everyone->len; i++)
    {
      YkFollowup *followup = everyone->pdata[i];
      gboolean mine = followup->worker_id == worker_staff_id;

      g_assert_true ((strstr (text, followup->case_no) != NULL) == mine);
      g_assert_null (strstr (text, followup->name));
      others += !mine;
    }
  g_assert_cmpuint (list->len, >, 0);
  g_assert_cmpuint (others, >, 0);
  g_unlink (path);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A database with nobody in it yet: the list says where to start (a
 * first service user; a coordinator also a ledger import, which the
 * button opens) instead of "no one is due". The coordinator's list is
 * 待随访, everyone's; a social worker's is 我的随访. */
static void
test_empty_says_where_to_start (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  UiTestDatabase empty = { 0 };
  YkTodayPage *page;
  GtkWidget *main_view;

  ui_test_database_make (&empty);
  ui_test_unlock_and_wait (window, empty.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  page = today_page (window);
  ui_test_spin_until (!yk_today_page_get_busy (page));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ui_test_child (page, YK_TYPE_TODAY_PAGE, "due_title"))), ==,
                   "Follow-ups Due");
  g_assert_true (g_str_has_prefix (
    gtk_label_get_text (GTK_LABEL (ui_test_child (page, YK_TYPE_TODAY_PAGE, "due_empty"))), "There are no service users yet"));
  g_assert_true (gtk_widget_get_visible (ui_test_child (page, YK_TYPE_TODAY_PAGE, "start_box")));
  g_assert_true (gtk_widget_get_visible (ui_test_child (page, YK_TYPE_TODAY_PAGE, "import_button")));
  g_signal_emit_by_name (ui_test_child (page, YK_TYPE_TODAY_PAGE, "import_button"), "clicked");
  main_view = gtk_stack_get_child_by_name (GTK_STACK (gtk_window_get_child (GTK_WINDOW (window))), "main");
  g_assert_cmpstr (yk_main_view_get_visible_screen (YK_MAIN_VIEW (main_view)), ==, "administration");
  {
    GtkStack *screens = GTK_STACK (ui_test_child (main_view, YK_TYPE_MAIN_VIEW, "stack"));
    GtkWidget *admin = gtk_stack_get_visible_child (screens);

    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (ui_test_child (admin, YK_TYPE_ADMIN_PAGE, "sections"))),
                     ==, "import");
  }

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  ui_test_unlock_and_wait (window, empty.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  page = today_page (window);
  ui_test_spin_until (!yk_today_page_get_busy (page));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ui_test_child (page, YK_TYPE_TODAY_PAGE, "due_title"))), ==,
                   "My follow-ups");
  g_assert_true (gtk_widget_get_visible (ui_test_child (page, YK_TYPE_TODAY_PAGE, "start_box")));
  g_assert_false (gtk_widget_get_visible (ui_test_child (page, YK_TYPE_TODAY_PAGE, "import_button")));
  gtk_window_destroy (GTK_WINDOW (window));
  ui_test_database_remove (&empty);
}

static void
test_figures_and_refresh (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  YkTodayPage *page = open_today (window, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  YkSession *session = session_of (window);
  g_autoptr (GError) error = NULL;
  g_autoptr (GListModel) due = g_object_ref (view_model (page, "due_view"));
  g_autoptr (YkTodayItem) first = g_list_model_get_item (due, 0);
  g_autofree char *phone_before = g_strdup (figure_text (page, 1, 1));
  g_autofree char *phone_after = NULL;
  YkContactRecord contact = { .client_id = yk_today_item_get_client_id (first), .type = (char *) "phone",
                              .date = (char *) "2021-11-10", .reached = TRUE, .duration_min = -1,
                              .risk_level = -1 };
  gint64 contact_id = 0;
  guint ticks = 0, tick;

  assert_figures (page, session);

  g_assert_true (yk_casework_add_contact (session, &contact, &contact_id, &error));
  g_assert_no_error (error);
  tick = g_timeout_add (1, tick_cb, &ticks);
  yk_unlocked_session_records_changed (yk_window_get_session (window), contact.client_id);
  /* Nothing counted yet on the main thread: the old figure still shows. */
  g_assert_true (yk_today_page_get_busy (page));
  g_assert_cmpstr (figure_text (page, 1, 1), ==, phone_before);
  ui_test_spin_until (!yk_today_page_get_busy (page));
  g_source_remove (tick);
  g_assert_cmpuint (ticks, >, 0);

  phone_after = g_strdup_printf ("%lld", (long long) g_ascii_strtoll (phone_before, NULL, 10) + 1);
  g_assert_cmpstr (figure_text (page, 1, 1), ==, phone_after);
  assert_figures (page, session);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The button in `widget` for this action and person. */
static GtkWidget *
find_button (GtkWidget  *widget,
             const char *action,
             gint64      client_id)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found;

      if (GTK_IS_BUTTON (child) && g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (child)), action) == 0)
        {
          GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child));

          if (target != NULL && g_variant_get_int64 (target) == client_id)
            return child;
        }
      if ((found = find_button (child, action, client_id)) != NULL)
        return found;
    }
  return NULL;
}

/* The record dialog the window opened for `client_id`, destroyed once
 * checked. */
static gboolean
contact_dialog_opened (const char *type,
                       gint64      client_id)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) toplevel = g_list_model_get_item (toplevels, i);

      if (YK_IS_CONTACT_DIALOG (toplevel) &&
          g_strcmp0 (yk_contact_dialog_get_contact_type (YK_CONTACT_DIALOG (toplevel)), type) == 0 &&
          yk_contact_dialog_get_client_id (YK_CONTACT_DIALOG (toplevel)) == client_id)
        {
          gtk_window_destroy (GTK_WINDOW (toplevel));
          return TRUE;
        }
    }
  return FALSE;
}

/* Each row opens the person's case file; the due list's buttons open the
 * dialog to record a call or a visit for that person. */
static void
test_rows_activate_actions (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  YkTodayPage *page;
  const char *views[] = { "due_view", "risk_view" };
  GtkWidget *button;

  page = open_today (window, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);

  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    {
      GtkWidget *view = ui_test_child (page, YK_TYPE_TODAY_PAGE, views[v]);
      GListModel *model = view_model (page, views[v]);
      guint last = g_list_model_get_n_items (model) - 1;
      g_autoptr (YkTodayItem) item = g_list_model_get_item (model, last);
      GtkWidget *case_file = ui_test_child (gtk_widget_get_ancestor (GTK_WIDGET (page), YK_TYPE_MAIN_VIEW),
                                            YK_TYPE_MAIN_VIEW, "case_file_view");

      g_assert_true (gtk_widget_activate_action (view, "list.activate-item", "u", last));
      g_assert_cmpint (yk_case_file_view_get_client_id (YK_CASE_FILE_VIEW (case_file)), ==,
                       yk_today_item_get_client_id (item));
      gtk_widget_activate_action (case_file, "case.back", NULL);
    }

  /* The first row of the due list is drawn, with its two buttons. */
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  {
    g_autoptr (YkTodayItem) item = g_list_model_get_item (view_model (page, "due_view"), 0);
    gint64 id = yk_today_item_get_client_id (item);

    button = find_button (ui_test_child (page, YK_TYPE_TODAY_PAGE, "due_view"), "record.phone", id);
    g_assert_nonnull (button);
    g_assert_true (gtk_widget_is_sensitive (button));
    g_signal_emit_by_name (button, "clicked");
    g_assert_true (contact_dialog_opened ("phone", id));
    button = find_button (ui_test_child (page, YK_TYPE_TODAY_PAGE, "due_view"), "record.visit", id);
    g_assert_nonnull (button);
    g_signal_emit_by_name (button, "clicked");
    g_assert_true (contact_dialog_opened ("home_visit", id));
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Locking while the figures are read: the read is stopped, its
 * connection closed before the keys go, and the page goes with it. */
static void
test_lock_while_loading (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  YkTodayPage *page = open_today (window, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);

  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  yk_unlocked_session_records_changed (yk_window_get_session (window), 0);
  g_assert_true (yk_today_page_get_busy (page));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  g_assert_null (yk_window_get_session (window));
  ui_test_spin_until (page == NULL);

  /* Unlocked again, it works as before; closing the window while it
   * reads is just as safe. */
  page = open_today (window, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  yk_today_page_set_today (page, "2021-08-15");
  g_assert_true (yk_today_page_get_busy (page));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The demo data, and some of SPQ's people given to the social worker li. */
static void
fill_database (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = NULL;
  g_autoptr (GPtrArray) spq = NULL;
  gint64 spq_id;

  session = yk_session_open (db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD, &error);
  g_assert_no_error (error);
  worker_staff_id = yk_session_get_staff_id (session);
  spq_id = yk_session_get_site_id (session);
  yk_session_close (g_steal_pointer (&session));

  session = yk_session_open (db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (yk_demo_fill (session, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);
  spq = yk_followup_list (session, spq_id, 0, &today, &horizon, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < spq->len; i += 2)
    {
      g_autoptr (YkClientRecord) client = yk_casework_open_client (session, ((YkFollowup *) spq->pdata[i])->client_id,
                                                                   &error);

      g_assert_no_error (error);
      client->worker_id = worker_staff_id;
      g_assert_true (yk_casework_update_client (session, client, &error));
      g_assert_no_error (error);
    }
}

int
main (int argc, char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  g_assert_true (yk_date_parse (TODAY, &today, NULL));
  horizon = today;
  g_date_add_days (&horizon, 7);
  ui_test_database_make (&db);
  fill_database ();

  g_test_add_func ("/ui/today/coordinator-lists", test_coordinator_lists);
  g_test_add_func ("/ui/today/coordinator-filters", test_coordinator_filters);
  g_test_add_func ("/ui/today/worker", test_worker_sees_own_people);
  g_test_add_func ("/ui/today/export-due", test_export_due_list);
  g_test_add_func ("/ui/today/empty", test_empty_says_where_to_start);
  g_test_add_func ("/ui/today/figures-and-refresh", test_figures_and_refresh);
  g_test_add_func ("/ui/today/actions", test_rows_activate_actions);
  g_test_add_func ("/ui/today/lock-while-loading", test_lock_while_loading);
  status = g_test_run ();

  ui_test_database_remove (&db);
  return status;
}
