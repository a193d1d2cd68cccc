/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "yk-config.h"
#include "ui-test-util.h"
#include "yk-unlock-page.h"
#include "yk-reader-private.h"

static UiTestDatabase db;

/* What every lock must leave: the keys wiped, the main view destroyed,
 * the unlock page asking the same person for their password. */
static void
assert_locked (YkWindow          *window,
               YkUnlockedSession *former,
               GtkWidget        **main_view)
{
  YkUnlockPage *page = YK_UNLOCK_PAGE (ui_test_child (window, YK_TYPE_WINDOW, "unlock_page"));
  GtkWidget *password = ui_test_child (page, YK_TYPE_UNLOCK_PAGE, "password_entry");
  GtkStack *shell = GTK_STACK (gtk_window_get_child (GTK_WINDOW (window)));

  g_assert_null (yk_window_get_session (window));
  g_assert_false (yk_unlocked_session_is_unlocked (former));
  g_assert_null (yk_unlocked_session_get_session (former));
  g_assert_null (*main_view); /* finalized, not just hidden */
  g_assert_null (gtk_stack_get_child_by_name (shell, "main"));

  g_assert_cmpstr (ui_test_visible_page (window), ==, "unlock");
  g_assert_cmpstr (yk_unlock_page_get_user_name (page), ==, UI_TEST_COORDINATOR);
  g_assert_cmpstr (yk_unlock_page_get_database (page), ==, db.path);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password)), ==, "");
  g_assert_true (ui_test_has_focus_within (password));
  g_assert_false (gtk_widget_get_visible (ui_test_child (window, YK_TYPE_WINDOW, "account_box")));
  g_assert_false (gtk_widget_is_sensitive (ui_test_child (window, YK_TYPE_WINDOW, "lock_button")) &&
                  gtk_widget_get_visible (ui_test_child (window, YK_TYPE_WINDOW, "lock_button")));
}

/* Unlocks as the coordinator; returns the session (a new reference)
 * and, through main_view, a weak pointer to the main view. */
static YkUnlockedSession *
unlock (YkWindow   *window,
        GtkWidget **main_view)
{
  GtkStack *shell = GTK_STACK (gtk_window_get_child (GTK_WINDOW (window)));

  ui_test_unlock_and_wait (window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  *main_view = gtk_stack_get_child_by_name (shell, "main");
  g_object_add_weak_pointer (G_OBJECT (*main_view), (gpointer *) main_view);
  return g_object_ref (yk_window_get_session (window));
}

static void
test_lock_when_idle (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  g_autoptr (YkUnlockedSession) session = NULL;
  GtkWidget *main_view = NULL;
  gint64 started;

  g_object_set (window, "idle-lock-seconds", 1u, NULL);
  session = unlock (window, &main_view);
  started = g_get_monotonic_time ();
  ui_test_spin_until (yk_window_get_session (window) == NULL);

  g_assert_cmpint (g_get_monotonic_time () - started, >=, G_USEC_PER_SEC * 9 / 10);
  assert_locked (window, session, &main_view);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_idle_lock_follows_setting (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  guint seconds = 0;

  g_object_get (window, "idle-lock-seconds", &seconds, NULL);
  g_assert_cmpuint (seconds, ==, 10 * 60);
  g_settings_set_uint (settings, "idle-lock-minutes", 3);
  g_object_get (window, "idle-lock-seconds", &seconds, NULL);
  g_assert_cmpuint (seconds, ==, 3 * 60);
  g_settings_reset (settings, "idle-lock-minutes");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_lock_action_closes_dialogs (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  g_autoptr (YkUnlockedSession) session = NULL;
  GtkWidget *main_view = NULL;
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint windows_locked;

  windows_locked = g_list_model_get_n_items (toplevels);
  session = unlock (window, &main_view);
  g_assert_true (gtk_widget_is_sensitive (ui_test_child (window, YK_TYPE_WINDOW, "lock_button")));

  /* A dialog open over personal data goes with the lock. */
  g_action_group_activate_action (G_ACTION_GROUP (app), "about", NULL);
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, windows_locked + 1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  assert_locked (window, session, &main_view);
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, windows_locked);

  /* Locked, the action is off, and unlocking again works. */
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL);
  g_assert_cmpstr (ui_test_visible_page (window), ==, "unlock");
  g_clear_object (&session);
  session = unlock (window, &main_view);
  g_assert_cmpstr (ui_test_visible_page (window), ==, "main");

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Ctrl+L reaches win.lock through the window's shortcuts. */
static void
test_ctrl_l_is_lock (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (GTK_WIDGET (window));
  gboolean found = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !found; i++)
    {
      g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

      if (!GTK_IS_SHORTCUT_CONTROLLER (controller))
        continue;
      for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
        {
          g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
          g_autofree char *trigger = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));
          GtkShortcutAction *action = gtk_shortcut_get_action (shortcut);

          if (g_strcmp0 (trigger, "<Control>l") == 0 && GTK_IS_NAMED_ACTION (action) &&
              g_strcmp0 (gtk_named_action_get_action_name (GTK_NAMED_ACTION (action)), "win.lock") == 0)
            found = TRUE;
        }
    }
  g_assert_true (found);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A reader given back stays open, warm, for the next read; a lock
 * closes it with the rest (finalizing the session asserts none is left),
 * and a reader still lent at the lock is closed when it comes back. */
static int
cache_used (sqlite3 *connection)
{
  int current = 0, highest = 0;

  g_assert_cmpint (sqlite3_db_status (connection, SQLITE_DBSTATUS_CACHE_USED, &current, &highest, FALSE), ==, SQLITE_OK);
  return current;
}

static void
test_readers_kept_warm_until_lock (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  g_autoptr (YkUnlockedSession) session = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *main_view = NULL;
  YkReader *first, *again, *lent;
  sqlite3 *first_db;
  int warm;

  session = unlock (window, &main_view);
  first = yk_unlocked_session_open_reader (session, &error);
  g_assert_no_error (error);
  lent = yk_unlocked_session_open_reader (session, &error);
  first_db = _yk_reader_get_db (first);
  g_assert_true (_yk_reader_get_db (lent) != first_db);
  g_assert_cmpint (sqlite3_exec (first_db, "SELECT count(*) FROM contacts", NULL, NULL, NULL), ==, SQLITE_OK);
  warm = cache_used (first_db);
  g_assert_cmpint (warm, >, cache_used (_yk_reader_get_db (lent)));
  yk_unlocked_session_close_reader (session, first);
  /* The same connection, its pages still cached. */
  again = yk_unlocked_session_open_reader (session, &error);
  g_assert_true (_yk_reader_get_db (again) == first_db);
  g_assert_cmpint (cache_used (_yk_reader_get_db (again)), >=, warm);
  yk_unlocked_session_close_reader (session, again);

  yk_window_lock (window);
  g_assert_false (yk_unlocked_session_is_unlocked (session));
  g_assert_null (yk_unlocked_session_open_reader (session, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CLOSED);
  yk_unlocked_session_close_reader (session, lent);
  assert_locked (window, session, &main_view);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  ui_test_database_make (&db);

  g_test_add_func ("/ui/lock/idle", test_lock_when_idle);
  g_test_add_func ("/ui/lock/idle-setting", test_idle_lock_follows_setting);
  g_test_add_func ("/ui/lock/action", test_lock_action_closes_dialogs);
  g_test_add_func ("/ui/lock/ctrl-l", test_ctrl_l_is_lock);
  g_test_add_func ("/ui/lock/readers-warm", test_readers_kept_warm_until_lock);
  status = g_test_run ();

  ui_test_database_remove (&db);
  return status;
}
