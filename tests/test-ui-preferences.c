/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Preferences (首选项): the idle lock time applies to the running window
 * at once; full names in lists are for coordinators who ask, shown on
 * every list at once without relocking, and audited; a social worker
 * never has the switch and always sees names masked. */
#include "yk-config.h"
#include "ui-test-util.h"
#include "yk-caseload-page.h"
#include "yk-caseload-row.h"
#include "yk-caseload.h"
#include "yk-db-admin.h"
#include "yk-demo.h"
#include "yk-main-view.h"
#include "yk-preferences-dialog.h"
#include "yk-text.h"
#include "yk-today-item.h"
#include "yk-today-page.h"
#include "yk-validate.h"

#include <string.h>

#define TODAY "2021-11-15"

static UiTestDatabase db;

typedef struct
{
  YkApplication *app;
  YkWindow *window;
  YkUnlockedSession *session;
  GSettings *settings;
  GHashTable *names; /* client id → full name, from app/ */
} Fixture;

static void
fixture_open (Fixture    *f,
              const char *user,
              const char *password,
              gboolean    full_names)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) entries = NULL;
  GDate today;

  f->settings = g_settings_new (APPLICATION_ID);
  g_settings_reset (f->settings, "idle-lock-minutes");
  g_settings_set_boolean (f->settings, "show-full-names", full_names);
  f->app = ui_test_application ();
  f->window = ui_test_open (f->app, db.path, user, password);
  f->session = yk_window_get_session (f->window);

  yk_date_today (&today);
  entries = yk_caseload_list (yk_unlocked_session_get_session (f->session), &today, &error);
  g_assert_no_error (error);
  f->names = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, g_free);
  for (guint i = 0; i < entries->len; i++)
    {
      YkCaseloadEntry *e = entries->pdata[i];

      g_hash_table_insert (f->names, g_memdup2 (&e->client_id, sizeof e->client_id), g_strdup (e->name));
    }
  g_assert_cmpuint (g_hash_table_size (f->names), >, 0);
}

static void
fixture_close (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->app);
  g_settings_reset (f->settings, "show-full-names");
  g_settings_reset (f->settings, "idle-lock-minutes");
  g_clear_object (&f->settings);
  g_clear_pointer (&f->names, g_hash_table_unref);
}

/* Opens Preferences as the menu and Ctrl+, do; returns the dialog. */
static YkPreferencesDialog *
open_preferences (YkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL));
  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) toplevel = g_list_model_get_item (toplevels, i);

      if (YK_IS_PREFERENCES_DIALOG (toplevel))
        {
          g_assert_true (gtk_window_get_transient_for (toplevel) == GTK_WINDOW (window));
          gtk_test_widget_wait_for_draw (GTK_WIDGET (toplevel));
          return YK_PREFERENCES_DIALOG (toplevel);
        }
    }
  g_assert_not_reached ();
}

static guint
audited (YkUnlockedSession *session,
         const char        *action)
{
  g_autoptr (GError) error = NULL;
  YkSession *open = yk_unlocked_session_get_session (session);
  g_autoptr (GPtrArray) rows = yk_db_audit_list (yk_store_get_connection (yk_session_get_store (open)), NULL, NULL,
                                                 0, NULL, NULL, 100000, &error);
  guint n = 0;

  g_assert_no_error (error);
  for (guint i = 0; i < rows->len; i++)
    {
      YkAuditRow *row = rows->pdata[i];

      if (g_strcmp0 (row->action, action) == 0)
        {
          g_assert_null (row->detail); /* nothing personal */
          n++;
        }
    }
  return n;
}

/* --- the caseload --- */

static YkCaseloadPage *
caseload (Fixture *f)
{
  return YK_CASELOAD_PAGE (ui_test_show_page (f->window, "caseload"));
}

static GListModel *
caseload_store (Fixture *f)
{
  return G_LIST_MODEL (gtk_widget_get_template_child (GTK_WIDGET (caseload (f)), YK_TYPE_CASELOAD_PAGE, "store"));
}

/* Every row of the caseload shows the name in full, or masked. */
static gboolean
caseload_shows (Fixture  *f,
                gboolean  full)
{
  GListModel *store = caseload_store (f);
  guint n = g_list_model_get_n_items (store);

  if (n != g_hash_table_size (f->names))
    return FALSE;
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (YkCaseloadRow) row = g_list_model_get_item (store, i);
      gint64 id = yk_caseload_row_get_client_id (row);
      const char *name = g_hash_table_lookup (f->names, &id);
      g_autofree char *expected = full ? g_strdup (name) : yk_text_mask_name (name);

      g_assert_nonnull (name);
      if (g_strcmp0 (yk_caseload_row_get_name (row), expected) != 0)
        return FALSE;
    }
  return TRUE;
}

static gboolean search_done;

static void
search_changed_cb (void)
{
  search_done = TRUE;
}

/* Search finds the full name, shown masked or not. */
static void
assert_search_finds (Fixture *f)
{
  YkCaseloadPage *page = caseload (f);
  GtkWidget *entry = ui_test_child (page, YK_TYPE_CASELOAD_PAGE, "search_entry");
  GListModel *shown = G_LIST_MODEL (gtk_column_view_get_model (
    GTK_COLUMN_VIEW (ui_test_child (page, YK_TYPE_CASELOAD_PAGE, "column_view"))));
  g_autoptr (YkCaseloadRow) first = NULL;
  g_autoptr (YkCaseloadRow) found = NULL;
  gulong handler = g_signal_connect_after (entry, "search-changed", G_CALLBACK (search_changed_cb), NULL);
  const char *name;
  gint64 id;

  ui_test_spin_until (g_list_model_get_n_items (shown) > 0);
  first = g_list_model_get_item (shown, 0);
  id = yk_caseload_row_get_client_id (first);
  name = g_hash_table_lookup (f->names, &id);
  search_done = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (entry), name);
  ui_test_spin_until (search_done);
  g_assert_cmpuint (g_list_model_get_n_items (shown), >=, 1);
  g_assert_cmpuint (g_list_model_get_n_items (shown), <, g_hash_table_size (f->names));
  /* Two people may share a name: the one searched for is among them. */
  for (guint i = 0; found == NULL && i < g_list_model_get_n_items (shown); i++)
    {
      g_autoptr (YkCaseloadRow) row = g_list_model_get_item (shown, i);

      if (yk_caseload_row_get_client_id (row) == id)
        found = g_steal_pointer (&row);
    }
  g_assert_nonnull (found);
  search_done = FALSE;
  gtk_editable_set_text (GTK_EDITABLE (entry), "");
  ui_test_spin_until (search_done);
  g_signal_handler_disconnect (entry, handler);
}

/* --- Today --- */

static YkTodayPage *
today (Fixture *f)
{
  return YK_TODAY_PAGE (gtk_stack_get_child_by_name (ui_test_main_stack (f->window), "today"));
}

static gboolean
today_shows (Fixture  *f,
             gboolean  full)
{
  GListModel *model = G_LIST_MODEL (gtk_list_view_get_model (
    GTK_LIST_VIEW (ui_test_child (today (f), YK_TYPE_TODAY_PAGE, "due_view"))));
  guint n = g_list_model_get_n_items (model);

  g_assert_cmpuint (n, >, 0);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr (YkTodayItem) item = g_list_model_get_item (model, i);
      gint64 id = yk_today_item_get_client_id (item);
      const char *name = g_hash_table_lookup (f->names, &id);
      g_autofree char *expected = full ? g_strdup (name) : yk_text_mask_name (name);

      g_assert_nonnull (name);
      if (g_strcmp0 (yk_today_item_get_name (item), expected) != 0)
        return FALSE;
    }
  return TRUE;
}

static void
pin_today (Fixture *f)
{
  YkTodayPage *page = today (f);

  yk_today_page_set_today (page, TODAY);
  ui_test_spin_until (!yk_today_page_get_busy (page));
}

/* --- tests --- */

static void
test_idle_minutes (void)
{
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window;
  YkPreferencesDialog *dialog;
  GtkSpinButton *spin;
  guint seconds = 0;

  g_settings_reset (settings, "idle-lock-minutes");
  window = ui_test_window (app);
  /* Locked: only the idle lock time is there. */
  dialog = open_preferences (window);
  spin = yk_preferences_dialog_get_idle_minutes (dialog);
  g_assert_cmpint (gtk_spin_button_get_value_as_int (spin), ==, 10);
  g_assert_null (yk_preferences_dialog_get_full_names_switch (dialog));

  gtk_spin_button_set_value (spin, 25);
  g_assert_cmpuint (g_settings_get_uint (settings, "idle-lock-minutes"), ==, 25);
  g_object_get (window, "idle-lock-seconds", &seconds, NULL);
  g_assert_cmpuint (seconds, ==, 25 * 60);

  /* The key's range is the spin button's. */
  gtk_spin_button_set_value (spin, 1000);
  g_assert_cmpuint (g_settings_get_uint (settings, "idle-lock-minutes"), ==, 240);
  gtk_spin_button_set_value (spin, 0);
  g_assert_cmpuint (g_settings_get_uint (settings, "idle-lock-minutes"), ==, 1);
  g_object_get (window, "idle-lock-seconds", &seconds, NULL);
  g_assert_cmpuint (seconds, ==, 60);

  gtk_window_destroy (GTK_WINDOW (dialog));
  gtk_window_destroy (GTK_WINDOW (window));
  g_settings_reset (settings, "idle-lock-minutes");
}

/* While unlocked the idle monitor picks the new time up at once. */
static void
test_idle_minutes_unlocked (void)
{
  Fixture f = { 0 };
  YkPreferencesDialog *dialog;
  guint seconds = 0;

  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, FALSE);
  dialog = open_preferences (f.window);
  gtk_spin_button_set_value (yk_preferences_dialog_get_idle_minutes (dialog), 3);
  g_object_get (f.window, "idle-lock-seconds", &seconds, NULL);
  g_assert_cmpuint (seconds, ==, 3 * 60);
  /* Locking closes the dialog with every other window. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  yk_window_lock (f.window);
  g_assert_null (dialog);
  fixture_close (&f);
}

static void
test_coordinator_switch (void)
{
  Fixture f = { 0 };
  YkPreferencesDialog *dialog;
  GtkSwitch *full_names;
  guint unmasked, masked;

  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, FALSE);
  pin_today (&f);
  g_assert_true (today_shows (&f, FALSE));
  ui_test_spin_until (caseload_shows (&f, FALSE));
  g_assert_false (yk_unlocked_session_get_full_names (f.session));
  unmasked = audited (f.session, "names_unmask");
  masked = audited (f.session, "names_mask");

  dialog = open_preferences (f.window);
  full_names = yk_preferences_dialog_get_full_names_switch (dialog);
  g_assert_nonnull (full_names);
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (full_names)));
  g_assert_false (gtk_switch_get_active (full_names));

  /* On: every list shows names in full, without relocking. */
  gtk_switch_set_active (full_names, TRUE);
  g_assert_true (g_settings_get_boolean (f.settings, "show-full-names"));
  g_assert_true (yk_unlocked_session_get_full_names (f.session));
  g_assert_cmpuint (audited (f.session, "names_unmask"), ==, unmasked + 1);
  ui_test_spin_until (caseload_shows (&f, TRUE));
  ui_test_spin_until (today_shows (&f, TRUE));
  gtk_window_destroy (GTK_WINDOW (dialog));
  assert_search_finds (&f);

  /* Off again: masked at once, audited, the session still open. */
  dialog = open_preferences (f.window);
  full_names = yk_preferences_dialog_get_full_names_switch (dialog);
  g_assert_true (gtk_switch_get_active (full_names));
  gtk_switch_set_active (full_names, FALSE);
  g_assert_false (yk_unlocked_session_get_full_names (f.session));
  ui_test_spin_until (caseload_shows (&f, FALSE));
  ui_test_spin_until (today_shows (&f, FALSE));
  g_assert_cmpuint (audited (f.session, "names_mask"), ==, masked + 1);
  g_assert_cmpuint (audited (f.session, "names_unmask"), ==, unmasked + 1);
  g_assert_true (yk_unlocked_session_is_unlocked (f.session));
  assert_search_finds (&f);
  gtk_window_destroy (GTK_WINDOW (dialog));
  fixture_close (&f);
}

/* With the preference already on, each unlock is audited once; a lock
 * masks without an audit row (the trail is closed). */
static void
test_unlock_with_full_names (void)
{
  Fixture f = { 0 };
  guint before, masked_before;

  fixture_open (&f, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, TRUE);
  g_assert_true (yk_unlocked_session_get_full_names (f.session));
  ui_test_spin_until (caseload_shows (&f, TRUE));
  before = audited (f.session, "names_unmask");
  masked_before = audited (f.session, "names_mask");
  g_assert_cmpuint (before, >=, 1);

  {
    g_autoptr (YkUnlockedSession) former = g_object_ref (f.session);

    yk_window_lock (f.window);
    g_assert_false (yk_unlocked_session_get_full_names (former));
  }
  f.session = ui_test_unlock_and_wait (f.window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  g_assert_true (yk_unlocked_session_get_full_names (f.session));
  g_assert_cmpuint (audited (f.session, "names_unmask"), ==, before + 1);
  g_assert_cmpuint (audited (f.session, "names_mask"), ==, masked_before);
  ui_test_spin_until (caseload_shows (&f, TRUE));
  fixture_close (&f);
}

static void
test_social_worker (void)
{
  Fixture f = { 0 };
  YkPreferencesDialog *dialog;
  GtkWidget *privacy;
  guint unmasked;

  /* The key is on, as a coordinator on this computer may have left it. */
  fixture_open (&f, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD, TRUE);
  g_assert_false (yk_unlocked_session_get_full_names (f.session));
  /* (Their Today lists only people assigned to them: none in the demo.) */
  ui_test_spin_until (caseload_shows (&f, FALSE));
  unmasked = audited (f.session, "names_unmask");

  dialog = open_preferences (f.window);
  g_assert_null (yk_preferences_dialog_get_full_names_switch (dialog));
  privacy = ui_test_child (dialog, YK_TYPE_PREFERENCES_DIALOG, "privacy_group");
  g_assert_false (gtk_widget_is_visible (privacy));
  g_assert_true (gtk_widget_is_visible (GTK_WIDGET (yk_preferences_dialog_get_idle_minutes (dialog))));

  /* Even set behind the dialog's back, nothing changes for them. */
  g_settings_set_boolean (f.settings, "show-full-names", FALSE);
  g_settings_set_boolean (f.settings, "show-full-names", TRUE);
  g_assert_false (yk_unlocked_session_get_full_names (f.session));
  g_assert_true (caseload_shows (&f, FALSE));
  g_assert_cmpuint (audited (f.session, "names_unmask"), ==, unmasked);
  gtk_window_destroy (GTK_WINDOW (dialog));
  fixture_close (&f);
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

  g_test_add_func ("/ui/preferences/idle-minutes", test_idle_minutes);
  g_test_add_func ("/ui/preferences/idle-minutes-unlocked", test_idle_minutes_unlocked);
  g_test_add_func ("/ui/preferences/coordinator-switch", test_coordinator_switch);
  g_test_add_func ("/ui/preferences/unlock-with-full-names", test_unlock_with_full_names);
  g_test_add_func ("/ui/preferences/social-worker", test_social_worker);
  status = g_test_run ();

  ui_test_database_remove (&db);
  return status;
}
