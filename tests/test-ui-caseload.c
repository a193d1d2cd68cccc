/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The caseload screen on the pilot demo data: what the list shows is
 * what app/yk-caseload.c returns, searched, filtered and sorted. */
#include "yk-config.h"
#include "ui-test-util.h"
#include "yk-caseload-page.h"
#include "yk-caseload-row.h"
#include "yk-caseload.h"
#include "yk-casework.h"
#include "yk-demo.h"
#include "yk-main-view.h"
#include "yk-validate.h"

#include <string.h>

static UiTestDatabase db;

typedef struct
{
  YkApplication *app;
  YkWindow *window;
  YkUnlockedSession *session;
  GtkWidget *page;
  GListModel *shown;  /* what the column view shows, in its order */
  GPtrArray *entries; /* the app function's answer for the same session */
} Fixture;

typedef gboolean (*EntryPredicate) (YkCaseloadEntry *entry,
                                    gconstpointer    data);

static GtkWidget *
child (Fixture    *f,
       const char *name)
{
  return ui_test_child (f->page, YK_TYPE_CASELOAD_PAGE, name);
}

static gboolean
page_loading (Fixture *f)
{
  gboolean loading;

  g_object_get (f->page, "loading", &loading, NULL);
  return loading;
}

static void
open_caseload (Fixture    *f,
               const char *user,
               const char *password)
{
  GListModel *store;
  g_autoptr (GError) error = NULL;
  GDate today;

  f->app = ui_test_application ();
  f->page = ui_test_open_page (f->app, &f->window, db.path, user, password, "caseload");
  f->session = yk_window_get_session (f->window);
  g_assert_true (YK_IS_CASELOAD_PAGE (f->page));

  store = G_LIST_MODEL (gtk_widget_get_template_child (f->page, YK_TYPE_CASELOAD_PAGE, "store"));
  ui_test_spin_until (!page_loading (f) && g_list_model_get_n_items (store) > 0);
  f->shown = G_LIST_MODEL (gtk_column_view_get_model (GTK_COLUMN_VIEW (child (f, "column_view"))));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f->window));

  yk_date_today (&today);
  f->entries = yk_caseload_list (yk_unlocked_session_get_session (f->session), &today, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (f->entries->len, >, 0);
}

static void
close_caseload (Fixture *f)
{
  g_clear_pointer (&f->entries, g_ptr_array_unref);
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->app);
}

static YkCaseloadRow *
shown_row (Fixture *f,
           guint    position)
{
  YkCaseloadRow *row = g_list_model_get_item (f->shown, position);

  g_object_unref (row); /* the model keeps it */
  return row;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = *(const gint64 *) a, y = *(const gint64 *) b;

  return x < y ? -1 : x > y;
}

static GArray *
shown_ids (Fixture *f)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < g_list_model_get_n_items (f->shown); i++)
    {
      gint64 id = yk_caseload_row_get_client_id (shown_row (f, i));
      g_array_append_val (ids, id);
    }
  g_array_sort (ids, compare_ids);
  return ids;
}

static GArray *
expected_ids (Fixture        *f,
              EntryPredicate  predicate,
              gconstpointer   data)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  for (guint i = 0; i < f->entries->len; i++)
    {
      YkCaseloadEntry *e = f->entries->pdata[i];

      if (predicate (e, data))
        g_array_append_val (ids, e->client_id);
    }
  g_array_sort (ids, compare_ids);
  return ids;
}

/* The rows shown are exactly those the predicate picks from the app
 * function's list, and there is at least one. */
static void
assert_shown (Fixture        *f,
              EntryPredicate  predicate,
              gconstpointer   data)
{
  g_autoptr (GArray) shown = shown_ids (f);
  g_autoptr (GArray) expected = expected_ids (f, predicate, data);

  g_assert_cmpuint (expected->len, >, 0);
  g_assert_cmpuint (shown->len, ==, expected->len);
  g_assert_cmpmem (shown->data, shown->len * sizeof (gint64), expected->data, expected->len * sizeof (gint64));
}

static gboolean search_done;

/* Setting the text empties the entry first, which is searched for at
 * once; the text itself comes after the entry's delay. */
static void
search_changed_cb (GtkEditable *entry,
                   const char  *text)
{
  if (g_str_equal (gtk_editable_get_text (entry), text))
    search_done = TRUE;
}

/* Types into the search entry and waits for the page to apply it. */
static void
search (Fixture    *f,
        const char *text)
{
  GtkWidget *entry = child (f, "search_entry");
  gulong handler = g_signal_connect_after (entry, "search-changed", G_CALLBACK (search_changed_cb), (gpointer) text);

  search_done = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (entry), text);
  ui_test_spin_until (search_done);
  g_signal_handler_disconnect (entry, handler);
}

static void
choose (Fixture    *f,
        const char *drop_down,
        guint       position)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (f, drop_down)), position);
}

static gboolean
any (YkCaseloadEntry *e,
     gconstpointer    data)
{
  return TRUE;
}

static gboolean
has_status (YkCaseloadEntry *e,
            gconstpointer    status)
{
  return g_str_equal (e->status, status);
}

static gboolean
is_overdue (YkCaseloadEntry *e,
            gconstpointer    data)
{
  return e->overdue;
}

static gboolean
active_high_risk (YkCaseloadEntry *e,
                  gconstpointer    data)
{
  return g_str_equal (e->status, "active") && e->risk_level >= 3;
}

static gboolean
unstable (YkCaseloadEntry *e,
          gconstpointer    data)
{
  return g_strcmp0 (e->condition, "unstable") == 0;
}

static gboolean
from_source (YkCaseloadEntry *e,
             gconstpointer    source)
{
  return g_strcmp0 (e->referral_source, source) == 0;
}

static gboolean
has_case_no (YkCaseloadEntry *e,
             gconstpointer    case_no)
{
  return g_str_equal (e->case_no, case_no);
}

static gboolean
phone_contains (YkCaseloadEntry *e,
                gconstpointer    digits)
{
  return e->phone != NULL && strstr (e->phone, digits) != NULL;
}

static gboolean
name_contains (YkCaseloadEntry *e,
               gconstpointer    name)
{
  return strstr (e->name, name) != NULL;
}

static gboolean
in_site (YkCaseloadEntry *e,
         gconstpointer    code)
{
  return g_str_equal (e->site_code, code);
}

static YkCaseloadEntry *
entry_at (Fixture *f,
          guint    i)
{
  return f->entries->pdata[i % f->entries->len];
}

static void
test_count (void)
{
  Fixture f = { 0 };
  g_autofree char *count = NULL;
  guint active = 0;

  open_caseload (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);

  /* 在册 by default. */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (child (&f, "status_drop_down"))), ==, 1);
  assert_shown (&f, has_status, "active");
  for (guint i = 0; i < f.entries->len; i++)
    active += g_str_equal (((YkCaseloadEntry *) f.entries->pdata[i])->status, "active");
  count = g_strdup_printf ("Showing %u of %u people", active, f.entries->len);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (&f, "count_label"))), ==, count);

  choose (&f, "status_drop_down", 0);
  g_assert_cmpuint (g_list_model_get_n_items (f.shown), ==, f.entries->len);
  assert_shown (&f, any, NULL);
  g_clear_pointer (&count, g_free);
  count = g_strdup_printf ("Showing %u of %u people", f.entries->len, f.entries->len);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (&f, "count_label"))), ==, count);

  /* Every row shows the masked name, never the full one. */
  for (guint i = 0; i < f.entries->len; i++)
    {
      YkCaseloadRow *row = shown_row (&f, i);
      g_autofree char *masked = NULL;
      g_autofree char *worker = NULL;

      g_object_get (row, "name", &masked, "worker-name", &worker, NULL);
      g_assert_nonnull (strchr (masked, '*'));
      for (guint j = 0; j < f.entries->len; j++)
        {
          YkCaseloadEntry *e = f.entries->pdata[j];
          if (e->client_id == yk_caseload_row_get_client_id (row))
            {
              g_assert_cmpstr (masked, ==, e->masked_name);
              g_assert_cmpstr (masked, !=, e->name);
              g_assert_cmpstr (worker, ==, e->worker_name);
            }
        }
    }
  close_caseload (&f);
}

static void
test_search (void)
{
  Fixture f = { 0 };
  YkCaseloadEntry *person;
  g_autofree char *lower = NULL;
  g_autofree char *digits = NULL;

  open_caseload (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  choose (&f, "status_drop_down", 0);

  /* A case number, in any case, and typed full-width. */
  person = entry_at (&f, 17);
  search (&f, person->case_no);
  assert_shown (&f, has_case_no, person->case_no);
  lower = g_ascii_strdown (person->case_no, -1);
  search (&f, lower);
  assert_shown (&f, has_case_no, person->case_no);
  {
    GString *wide = g_string_new (NULL);
    g_autofree char *text = NULL;

    for (const char *p = person->case_no; *p != '\0'; p++)
      g_string_append_unichar (wide, 0xFF01 + (*p - '!')); /* the full-width forms of ASCII */
    text = g_string_free (wide, FALSE);
    search (&f, text);
    assert_shown (&f, has_case_no, person->case_no);
  }

  /* Part of a phone number. */
  person = entry_at (&f, 40);
  digits = g_strndup (person->phone + 3, 6);
  search (&f, digits);
  assert_shown (&f, phone_contains, digits);
  g_assert_cmpuint (g_list_model_get_n_items (f.shown), <, f.entries->len);

  /* The full name, which no row shows. */
  person = entry_at (&f, 63);
  search (&f, person->name);
  assert_shown (&f, name_contains, person->name);
  for (guint i = 0; i < g_list_model_get_n_items (f.shown); i++)
    g_assert_cmpstr (yk_caseload_row_get_name (shown_row (&f, i)), !=, person->name);

  /* Nothing matches, then everyone again. */
  search (&f, "no such person 无此人");
  g_assert_cmpuint (g_list_model_get_n_items (f.shown), ==, 0);
  g_assert_true (gtk_widget_get_visible (child (&f, "empty_label")));
  search (&f, "");
  assert_shown (&f, any, NULL);
  g_assert_false (gtk_widget_get_visible (child (&f, "empty_label")));
  close_caseload (&f);
}

/* Visible widgets inside `widget` carrying a style class. */
static guint
count_visible_with_class (GtkWidget  *widget,
                          const char *css_class)
{
  guint n = gtk_widget_has_css_class (widget, css_class) && gtk_widget_is_drawable (widget);

  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    n += count_visible_with_class (c, css_class);
  return n;
}

static void
test_filters (void)
{
  Fixture f = { 0 };
  GtkWidget *column_view;

  open_caseload (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  column_view = child (&f, "column_view");
  g_assert_true (gtk_widget_get_visible (child (&f, "site_drop_down")));

  choose (&f, "status_drop_down", 2);
  assert_shown (&f, has_status, "referred");
  choose (&f, "status_drop_down", 3);
  assert_shown (&f, has_status, "closed");
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f.window));
  /* Nobody closed is overdue: no overdue mark on screen. */
  g_assert_cmpuint (count_visible_with_class (column_view, "yk-overdue"), ==, 0);

  choose (&f, "status_drop_down", 0);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (&f, "overdue_check")), TRUE);
  assert_shown (&f, is_overdue, NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f.window));
  g_assert_cmpuint (count_visible_with_class (column_view, "yk-overdue"), >, 0);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (&f, "overdue_check")), FALSE);

  choose (&f, "status_drop_down", 1);
  choose (&f, "risk_drop_down", 1);
  assert_shown (&f, active_high_risk, NULL);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f.window));
  g_assert_cmpuint (count_visible_with_class (column_view, "yk-at-risk"), >, 0);
  choose (&f, "risk_drop_down", 0);

  choose (&f, "status_drop_down", 0);
  choose (&f, "condition_drop_down", 3);
  assert_shown (&f, unstable, NULL);
  choose (&f, "condition_drop_down", 0);

  /* The referral source: 医院 (the second of the six), then those
   * without one recorded. */
  /* 全部转介来源, the six sources, 未记录转介来源. */
  ui_test_assert_referral_sources (child (&f, "referral_source_drop_down"), 1, 1);
  choose (&f, "referral_source_drop_down", 2);
  assert_shown (&f, from_source, "hospital");
  choose (&f, "referral_source_drop_down", 7);
  assert_shown (&f, from_source, NULL);
  choose (&f, "referral_source_drop_down", 0);

  /* The site drop-down lists the two sites after "all". */
  {
    GListModel *sites = gtk_drop_down_get_model (GTK_DROP_DOWN (child (&f, "site_drop_down")));
    guint n = g_list_model_get_n_items (sites);
    guint jl = G_MAXUINT;

    g_assert_cmpuint (n, ==, 3);
    for (guint i = 1; i < n; i++)
      if (g_str_equal (gtk_string_list_get_string (GTK_STRING_LIST (sites), i), "九龙街道渝康家园"))
        jl = i;
    g_assert_cmpuint (jl, !=, G_MAXUINT);
    choose (&f, "site_drop_down", jl);
    assert_shown (&f, in_site, "JL");
  }
  close_caseload (&f);
}

static GtkColumnViewColumn *
column_titled (GtkColumnView *column_view,
               const char    *title)
{
  GListModel *columns = gtk_column_view_get_columns (column_view);

  for (guint i = 0; i < g_list_model_get_n_items (columns); i++)
    {
      g_autoptr (GtkColumnViewColumn) column = g_list_model_get_item (columns, i);

      if (g_strcmp0 (gtk_column_view_column_get_title (column), title) == 0)
        return column;
    }
  g_error ("no column %s", title);
}

static void
test_sort_by_due (void)
{
  Fixture f = { 0 };
  GtkColumnView *column_view;
  GtkColumnViewColumn *due;
  g_autoptr (GHashTable) due_of = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  guint n;
  int previous;

  open_caseload (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  choose (&f, "status_drop_down", 0);
  column_view = GTK_COLUMN_VIEW (child (&f, "column_view"));
  due = column_titled (column_view, "Next Due");
  for (guint i = 0; i < f.entries->len; i++)
    {
      YkCaseloadEntry *e = f.entries->pdata[i];
      int julian = g_date_valid (&e->due) ? (int) g_date_get_julian (&e->due) : G_MAXINT;

      g_hash_table_insert (due_of, g_memdup2 (&e->client_id, sizeof e->client_id), GINT_TO_POINTER (julian));
    }

  gtk_column_view_sort_by_column (column_view, due, GTK_SORT_ASCENDING);
  n = g_list_model_get_n_items (f.shown);
  g_assert_cmpuint (n, ==, f.entries->len);
  previous = G_MININT;
  for (guint i = 0; i < n; i++)
    {
      YkCaseloadRow *row = shown_row (&f, i);
      gint64 id = yk_caseload_row_get_client_id (row);
      int julian = GPOINTER_TO_INT (g_hash_table_lookup (due_of, &id));

      g_assert_cmpint (yk_caseload_row_get_due (row), ==, julian);
      g_assert_cmpint (julian, >=, previous);
      previous = julian;
    }
  /* Dates, not strings: the first is the earliest due of anyone. */
  g_assert_cmpint (yk_caseload_row_get_due (shown_row (&f, 0)), <,
                   yk_caseload_row_get_due (shown_row (&f, n - 1)));

  gtk_column_view_sort_by_column (column_view, due, GTK_SORT_DESCENDING);
  previous = G_MAXINT;
  for (guint i = 0; i < n; i++)
    {
      int julian = yk_caseload_row_get_due (shown_row (&f, i));

      g_assert_cmpint (julian, <=, previous);
      previous = julian;
    }

  /* Risk sorts as a number too. */
  gtk_column_view_sort_by_column (column_view, column_titled (column_view, "Risk Level"), GTK_SORT_ASCENDING);
  previous = -1;
  for (guint i = 0; i < n; i++)
    {
      int risk = yk_caseload_row_get_risk_level (shown_row (&f, i));

      g_assert_cmpint (risk, >=, previous);
      previous = risk;
    }
  close_caseload (&f);
}

static gint64 activated_id;
static char *activated_action;

static void
record_activation_cb (GSimpleAction *action,
                      GVariant      *parameter,
                      gpointer       user_data)
{
  activated_id = g_variant_get_int64 (parameter);
  g_free (activated_action);
  activated_action = g_strdup (g_action_get_name (G_ACTION (action)));
}

/* Test-only stand-ins for the case file's and the recording dialogs'
 * actions, on the page's parent so they come before whatever the main
 * view or the window install. */
static void
install_test_actions (Fixture *f)
{
  static const GActionEntry case_actions[] = {
    { "open", record_activation_cb, "x", NULL, NULL },
  };
  static const GActionEntry record_actions[] = {
    { "phone", record_activation_cb, "x", NULL, NULL },
    { "visit", record_activation_cb, "x", NULL, NULL },
  };
  g_autoptr (GSimpleActionGroup) case_group = g_simple_action_group_new ();
  g_autoptr (GSimpleActionGroup) record_group = g_simple_action_group_new ();
  GtkWidget *parent = gtk_widget_get_parent (f->page);

  g_action_map_add_action_entries (G_ACTION_MAP (case_group), case_actions, G_N_ELEMENTS (case_actions), NULL);
  g_action_map_add_action_entries (G_ACTION_MAP (record_group), record_actions, G_N_ELEMENTS (record_actions),
                                   NULL);
  gtk_widget_insert_action_group (parent, "case", G_ACTION_GROUP (case_group));
  gtk_widget_insert_action_group (parent, "record", G_ACTION_GROUP (record_group));
}

static gboolean
has_shortcut (GtkWidget  *widget,
              const char *accelerator,
              const char *action_name)
{
  g_autoptr (GtkShortcut) shortcut = ui_test_find_shortcut (widget, accelerator);
  GtkShortcutAction *action = shortcut != NULL ? gtk_shortcut_get_action (shortcut) : NULL;

  return action != NULL && GTK_IS_NAMED_ACTION (action) &&
         g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), action_name) == 0;
}

static void
test_activate (void)
{
  Fixture f = { 0 };
  GtkColumnView *column_view;
  YkCaseloadRow *row;
  guint position = 5;

  open_caseload (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  install_test_actions (&f);
  column_view = GTK_COLUMN_VIEW (child (&f, "column_view"));

  /* Enter or a double click on a row. */
  row = shown_row (&f, position);
  activated_id = 0;
  g_signal_emit_by_name (column_view, "activate", position);
  g_assert_cmpstr (activated_action, ==, "open");
  g_assert_cmpint (activated_id, ==, yk_caseload_row_get_client_id (row));

  /* The buttons and shortcuts act on the selected row. */
  position = 9;
  row = shown_row (&f, position);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (f.shown), position);
  activated_id = 0;
  g_assert_true (gtk_widget_activate_action (f.page, "caseload.record-phone", NULL));
  g_assert_cmpstr (activated_action, ==, "phone");
  g_assert_cmpint (activated_id, ==, yk_caseload_row_get_client_id (row));
  activated_id = 0;
  g_assert_true (gtk_widget_activate_action (f.page, "caseload.record-visit", NULL));
  g_assert_cmpstr (activated_action, ==, "visit");
  g_assert_cmpint (activated_id, ==, yk_caseload_row_get_client_id (row));
  activated_id = 0;
  g_assert_true (gtk_widget_activate_action (f.page, "caseload.open", NULL));
  g_assert_cmpstr (activated_action, ==, "open");
  g_assert_cmpint (activated_id, ==, yk_caseload_row_get_client_id (row));
  g_assert_true (has_shortcut (f.page, "<Shift><Control>p", "caseload.record-phone"));
  g_assert_true (has_shortcut (f.page, "<Shift><Control>v", "caseload.record-visit"));

  /* Nothing selected: nothing to act on. */
  search (&f, "no such person 无此人");
  g_assert_null (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (f.shown)));
  activated_id = 0;
  gtk_widget_activate_action (f.page, "caseload.record-phone", NULL);
  g_assert_cmpint (activated_id, ==, 0);

  g_clear_pointer (&activated_action, g_free);
  close_caseload (&f);
}

/* The selection stays on the person while the search narrows and
 * widens around them, wherever their row moves; and the cells on
 * screen show the rows' people (the filter model's rows keep their
 * positions, so the view rebinds rather than remakes them). */
static YkCaseloadRow *
selected (Fixture *f)
{
  return gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (f->shown));
}

static gboolean
find_inscription_text (GtkWidget  *widget,
                       const char *text)
{
  if (GTK_IS_INSCRIPTION (widget) && g_strcmp0 (gtk_inscription_get_text (GTK_INSCRIPTION (widget)), text) == 0 &&
      gtk_widget_get_mapped (widget))
    return TRUE;
  for (GtkWidget *c = gtk_widget_get_first_child (widget); c != NULL; c = gtk_widget_get_next_sibling (c))
    if (find_inscription_text (c, text))
      return TRUE;
  return FALSE;
}

static void
test_selection_follows_person (void)
{
  Fixture f = { 0 };
  YkCaseloadEntry *person;
  YkCaseloadRow *first;
  g_autofree char *prefix = NULL;
  guint position = GTK_INVALID_LIST_POSITION;

  open_caseload (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  choose (&f, "status_drop_down", 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f.window));
  person = entry_at (&f, f.entries->len / 2);
  for (guint i = 0; i < g_list_model_get_n_items (f.shown); i++)
    if (yk_caseload_row_get_client_id (shown_row (&f, i)) == person->client_id)
      position = i;
  g_assert_cmpuint (position, !=, GTK_INVALID_LIST_POSITION);
  g_assert_cmpuint (position, >, 0);
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (f.shown), position);

  /* Narrowed to them (first row), then widened again (back in the middle). */
  prefix = g_strndup (person->case_no, strlen (person->case_no) - 1);
  search (&f, prefix);
  g_assert_cmpint (yk_caseload_row_get_client_id (selected (&f)), ==, person->client_id);
  search (&f, person->case_no);
  g_assert_cmpuint (g_list_model_get_n_items (f.shown), ==, 1);
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (f.shown)), ==, 0);
  g_assert_cmpint (yk_caseload_row_get_client_id (selected (&f)), ==, person->client_id);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f.window));
  g_assert_true (find_inscription_text (child (&f, "column_view"), person->case_no));
  search (&f, "");
  g_assert_cmpuint (gtk_single_selection_get_selected (GTK_SINGLE_SELECTION (f.shown)), ==, position);
  g_assert_cmpint (yk_caseload_row_get_client_id (selected (&f)), ==, person->client_id);

  /* Searched away: a row is still selected, the one at their place. */
  search (&f, "no such person 无此人");
  g_assert_null (selected (&f));
  search (&f, "");
  first = shown_row (&f, 0);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (f.window));
  g_assert_true (find_inscription_text (child (&f, "column_view"), yk_caseload_row_get_case_no (first)));
  close_caseload (&f);
}

/* A saved record refreshes the list; the selection stays on the person. */
static void
test_records_changed (void)
{
  Fixture f = { 0 };
  YkSession *session;
  YkCaseloadEntry *person = NULL;
  YkContactRecord contact = { 0 };
  g_autoptr (GError) error = NULL;
  g_autofree char *today = NULL;
  YkCaseloadRow *row = NULL;
  GDate date;
  gint64 id;

  open_caseload (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  session = yk_unlocked_session_get_session (f.session);
  for (guint i = 0; i < f.entries->len && person == NULL; i++)
    if (((YkCaseloadEntry *) f.entries->pdata[i])->overdue)
      person = f.entries->pdata[i];
  g_assert_nonnull (person);
  search (&f, person->case_no);
  g_assert_cmpuint (g_list_model_get_n_items (f.shown), ==, 1);
  g_assert_true (yk_caseload_row_get_overdue (shown_row (&f, 0)));

  yk_date_today (&date);
  today = yk_date_format_iso (&date);
  contact.client_id = person->client_id;
  contact.type = (char *) "home_visit";
  contact.date = today;
  contact.reached = TRUE;
  contact.duration_min = -1;
  contact.risk_level = -1;
  contact.condition = (char *) "stable";
  g_assert_true (yk_casework_add_contact (session, &contact, &id, &error));
  g_assert_no_error (error);
  yk_unlocked_session_records_changed (f.session, person->client_id);
  g_assert_true (page_loading (&f));
  ui_test_spin_until (!page_loading (&f));

  g_assert_cmpuint (g_list_model_get_n_items (f.shown), ==, 1);
  row = shown_row (&f, 0);
  g_assert_cmpint (yk_caseload_row_get_client_id (row), ==, person->client_id);
  g_assert_false (yk_caseload_row_get_overdue (row));
  g_assert_true (gtk_single_selection_get_selected_item (GTK_SINGLE_SELECTION (f.shown)) == (gpointer) row);
  close_caseload (&f);
}

/* Locking in the middle of a load: the page waits for its worker and
 * gives its connection back before the store closes (a connection left
 * open is a critical warning, fatal here). */
static void
test_lock_while_loading (void)
{
  Fixture f = { 0 };
  GtkWidget *page;

  open_caseload (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  page = f.page;
  g_object_add_weak_pointer (G_OBJECT (page), (gpointer *) &page);
  yk_unlocked_session_records_changed (f.session, 0);
  g_assert_true (page_loading (&f));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.window), "win.lock", NULL));
  g_assert_null (page);
  g_assert_null (yk_window_get_session (f.window));
  close_caseload (&f);
}

static void
test_social_worker (void)
{
  Fixture f = { 0 };
  GListModel *store;

  open_caseload (&f, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  store = G_LIST_MODEL (gtk_widget_get_template_child (f.page, YK_TYPE_CASELOAD_PAGE, "store"));

  g_assert_false (gtk_widget_get_visible (child (&f, "site_drop_down")));
  g_assert_cmpuint (g_list_model_get_n_items (store), ==, f.entries->len);
  for (guint i = 0; i < g_list_model_get_n_items (store); i++)
    {
      g_autoptr (YkCaseloadRow) row = g_list_model_get_item (store, i);
      g_autofree char *code = NULL;

      g_object_get (row, "site-code", &code, NULL);
      g_assert_cmpstr (code, ==, "SPQ");
    }
  choose (&f, "status_drop_down", 0);
  assert_shown (&f, in_site, "SPQ");
  close_caseload (&f);
}

int
main (int argc, char *argv[])
{
  g_autoptr (GError) error = NULL;
  int status;

  ui_test_init (&argc, &argv);
  ui_test_database_make (&db);
  {
    g_autoptr (YkSession) session = yk_session_open (db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD,
                                                     &error);
    g_assert_no_error (error);
    g_assert_true (yk_demo_fill (session, 1, YK_DEMO_PILOT, &error));
    g_assert_no_error (error);
  }

  g_test_add_func ("/ui/caseload/count", test_count);
  g_test_add_func ("/ui/caseload/search", test_search);
  g_test_add_func ("/ui/caseload/filters", test_filters);
  g_test_add_func ("/ui/caseload/sort-by-due", test_sort_by_due);
  g_test_add_func ("/ui/caseload/selection-follows-person", test_selection_follows_person);
  g_test_add_func ("/ui/caseload/activate", test_activate);
  g_test_add_func ("/ui/caseload/records-changed", test_records_changed);
  g_test_add_func ("/ui/caseload/lock-while-loading", test_lock_while_loading);
  g_test_add_func ("/ui/caseload/social-worker", test_social_worker);
  status = g_test_run ();

  ui_test_database_remove (&db);
  return status;
}
