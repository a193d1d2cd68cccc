/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "yk-config.h"
#include <string.h>
#include "ui-test-util.h"
#include "yk-main-view.h"
#include "yk-caseload-page.h"
#include "yk-recent-databases.h"
#include "yk-unlock-page.h"
#include "yk-forgot-password-dialog.h"
#include "yk-session.h"
#include "yk-recovery-key.h"
#include "yk-secret.h"

static UiTestDatabase db;

static YkUnlockPage *
unlock_page (YkWindow *window)
{
  return YK_UNLOCK_PAGE (ui_test_child (window, YK_TYPE_WINDOW, "unlock_page"));
}

static GtkWidget *
password_entry (YkWindow *window)
{
  return ui_test_child (unlock_page (window), YK_TYPE_UNLOCK_PAGE, "password_entry");
}

static YkMainView *
main_view (YkWindow *window)
{
  GtkStack *shell = GTK_STACK (gtk_window_get_child (GTK_WINDOW (window)));

  return YK_MAIN_VIEW (gtk_stack_get_child_by_name (shell, "main"));
}

static void
test_wrong_password_shows_error_inline (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  YkUnlockPage *page = unlock_page (window);
  GtkWidget *error_revealer = ui_test_child (page, YK_TYPE_UNLOCK_PAGE, "error_revealer");
  GtkWidget *error_label = ui_test_child (page, YK_TYPE_UNLOCK_PAGE, "error_label");
  GListModel *toplevels = gtk_window_get_toplevels ();
  guint windows_before = g_list_model_get_n_items (toplevels);

  g_assert_cmpstr (ui_test_visible_page (window), ==, "unlock");
  ui_test_unlock (window, db.path, UI_TEST_COORDINATOR, "not the password");
  ui_test_spin_until (!yk_unlock_page_get_busy (page));

  /* app/'s own message, under the fields, not in a dialog. */
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (error_revealer)));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label)), ==, "Wrong user name or password");
  g_assert_cmpuint (g_list_model_get_n_items (toplevels), ==, windows_before);

  g_assert_cmpstr (yk_unlock_page_get_user_name (page), ==, UI_TEST_COORDINATOR);
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password_entry (window))), ==, "");
  g_assert_true (ui_test_has_focus_within (password_entry (window)));
  g_assert_null (yk_window_get_session (window));
  g_assert_cmpstr (ui_test_visible_page (window), ==, "unlock");
  g_assert_null (main_view (window));

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_right_password_shows_main_page (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_auto (GStrv) recent = NULL;
  YkUnlockedSession *session;
  GtkWidget *account_label;

  ui_test_unlock_and_wait (window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);

  session = yk_window_get_session (window);
  g_assert_true (yk_unlocked_session_is_unlocked (session));
  g_assert_cmpstr (yk_unlocked_session_get_account (session), ==, UI_TEST_COORDINATOR);
  g_assert_cmpstr (ui_test_visible_page (window), ==, "main");
  g_assert_nonnull (main_view (window));
  g_assert_true (yk_main_view_get_session (main_view (window)) == session);
  g_assert_true (yk_main_view_has_page (main_view (window), "today"));
  g_assert_true (yk_main_view_has_page (main_view (window), "administration"));

  account_label = ui_test_child (window, YK_TYPE_WINDOW, "account_label");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (account_label)), ==, "王协调");
  g_assert_true (gtk_widget_get_visible (ui_test_child (window, YK_TYPE_WINDOW, "lock_button")));
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (password_entry (window))), ==, "");

  /* Remembered first in recent-databases, once. */
  recent = g_settings_get_strv (settings, "recent-databases");
  g_assert_cmpstr (recent[0], ==, db.path);
  for (guint i = 1; recent[i] != NULL; i++)
    g_assert_cmpstr (recent[i], !=, db.path);

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_worker_has_no_administration (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);

  ui_test_unlock_and_wait (window, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);

  g_assert_false (yk_unlocked_session_is_coordinator (yk_window_get_session (window)));
  g_assert_true (yk_main_view_has_page (main_view (window), "today"));
  g_assert_true (yk_main_view_has_page (main_view (window), "statistics"));
  g_assert_false (yk_main_view_has_page (main_view (window), "administration"));

  gtk_window_destroy (GTK_WINDOW (window));
}

typedef struct
{
  YkUnlockPage *page;
  guint while_busy;
} Ticks;

static gboolean
tick_cb (gpointer user_data)
{
  Ticks *ticks = user_data;

  if (yk_unlock_page_get_busy (ticks->page))
    ticks->while_busy++;
  return G_SOURCE_CONTINUE;
}

/* Argon2id runs in a worker thread: the main loop goes on dispatching
 * while the unlock is under way. Run in the main thread, the key
 * derivation would be over before any other source ran. An idle source
 * runs at the loop's first chance, so this does not depend on how fast
 * the machine is (a count of 5 ms ticks did, under load). */
static void
test_main_loop_runs_during_unlock (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  Ticks ticks = { unlock_page (window), 0 };
  guint tick_source;

  ui_test_unlock (window, db.path, UI_TEST_COORDINATOR, "not the password either");
  g_assert_true (yk_unlock_page_get_busy (ticks.page));
  tick_source = g_idle_add (tick_cb, &ticks);
  ui_test_spin_until (!yk_unlock_page_get_busy (ticks.page));
  g_source_remove (tick_source);

  g_test_message ("%u main loop turns during the unlock", ticks.while_busy);
  g_assert_cmpuint (ticks.while_busy, >=, 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_database_preselected (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  g_autofree char *elsewhere = g_build_filename (db.dir, "not-yet-opened.ykdb", NULL);

  yk_window_set_database (window, elsewhere);
  g_assert_cmpstr (yk_unlock_page_get_database (unlock_page (window)), ==, elsewhere);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_recent_databases_list (void)
{
  const char *list[] = { "/a", "/b", "/c", "/d", "/e", "/f", "/g", "/h", NULL };
  g_auto (GStrv) moved = yk_recent_databases_prepend (list, "/c");
  g_auto (GStrv) added = yk_recent_databases_prepend (list, "/new");
  g_auto (GStrv) first = yk_recent_databases_prepend (NULL, "/only");

  g_assert_cmpuint (g_strv_length (moved), ==, 8);
  g_assert_cmpstr (moved[0], ==, "/c");
  g_assert_cmpstr (moved[1], ==, "/a");
  g_assert_cmpstr (moved[3], ==, "/d");
  g_assert_cmpuint (g_strv_length (added), ==, YK_RECENT_DATABASES_MAX);
  g_assert_cmpstr (added[0], ==, "/new");
  g_assert_cmpstr (added[7], ==, "/g");
  g_assert_cmpuint (g_strv_length (first), ==, 1);
}

/* Alt+1…6 go to the screens in the side bar's order, Ctrl+F to the
 * caseload's search from any screen; a social worker has five screens. */
static void
test_keys_switch_screens (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  GtkWidget *search;

  ui_test_unlock_and_wait (window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  g_assert_cmpstr (yk_main_view_get_visible_screen (main_view (window)), ==, "today");

  ui_test_press_shortcut (GTK_WIDGET (window), "<Alt>5");
  g_assert_cmpstr (yk_main_view_get_visible_screen (main_view (window)), ==, "statistics");
  ui_test_press_shortcut (GTK_WIDGET (window), "<Alt>6");
  g_assert_cmpstr (yk_main_view_get_visible_screen (main_view (window)), ==, "administration");
  ui_test_press_shortcut (GTK_WIDGET (window), "<Alt>3");
  g_assert_cmpstr (yk_main_view_get_visible_screen (main_view (window)), ==, "activities");

  ui_test_press_shortcut (GTK_WIDGET (window), "<Control>f");
  g_assert_cmpstr (yk_main_view_get_visible_screen (main_view (window)), ==, "caseload");
  search = ui_test_child (gtk_widget_get_ancestor (gtk_root_get_focus (GTK_ROOT (window)), YK_TYPE_CASELOAD_PAGE),
                          YK_TYPE_CASELOAD_PAGE, "search_entry");
  g_assert_true (ui_test_has_focus_within (search));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  ui_test_unlock_and_wait (window, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  ui_test_press_shortcut (GTK_WIDGET (window), "<Alt>5");
  g_assert_cmpstr (yk_main_view_get_visible_screen (main_view (window)), ==, "statistics");
  ui_test_press_shortcut (GTK_WIDGET (window), "<Alt>6"); /* no sixth screen: nothing moves */
  g_assert_cmpstr (yk_main_view_get_visible_screen (main_view (window)), ==, "statistics");

  gtk_window_destroy (GTK_WINDOW (window));
}

static void
forgot_set (GtkWindow *dialog, const char *name, const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_FORGOT_PASSWORD_DIALOG, name)), text);
}

/* Submits the 忘记密码 dialog and waits for the worker thread; returns
 * the error shown, NULL when the dialog closed. */
static const char *
forgot_submit (YkUnlockPage *page, GtkWindow *dialog)
{
  GtkWidget *error_label = ui_test_child (dialog, YK_TYPE_FORGOT_PASSWORD_DIALOG, "error_label");

  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "forgot.save", NULL));
  ui_test_spin_until (dialog == NULL || !yk_forgot_password_dialog_get_busy (YK_FORGOT_PASSWORD_DIALOG (dialog)));
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  /* A destroyed dialog may outlive its destruction by a main-loop turn;
   * hidden is closed. */
  if (dialog == NULL || !gtk_widget_get_visible (GTK_WIDGET (dialog)))
    return NULL;
  g_assert_true (gtk_widget_get_visible (error_label));
  return gtk_label_get_text (GTK_LABEL (error_label));
}

static gboolean
can_unlock (const char *account, const char *password)
{
  g_autoptr (GError) error = NULL;
  YkSession *session = yk_session_open (db.path, account, password, &error);

  if (session == NULL)
    return FALSE;
  yk_session_close (session);
  return TRUE;
}

/* 忘记密码: the recovery key, the account and a new password twice set
 * that password; a wrong key, an unknown account, two different
 * passwords are said in the dialog and change nothing. Then the person
 * unlocks with the new password as usual. */
static void
test_forgot_password (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  YkUnlockPage *page = unlock_page (window);
  GtkWindow *dialog;
  const char *shown;
  g_autoptr (YkSecret) another = yk_recovery_key_generate ();
  g_autofree char *wrong_key = yk_recovery_key_format (another);

  yk_window_set_database (window, db.path);
  yk_unlock_page_set_user_name (page, UI_TEST_WORKER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (page), "unlock.forgot", NULL));
  dialog = yk_unlock_page_get_forgot_dialog (page);
  g_assert_nonnull (dialog);
  /* The user name typed on the page is carried over. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_FORGOT_PASSWORD_DIALOG,
                                                                       "account_entry"))), ==, UI_TEST_WORKER);

  forgot_set (dialog, "key_entry", db.recovery_key);
  forgot_set (dialog, "new_entry", "li's forgotten one");
  forgot_set (dialog, "again_entry", "li's forgotten two");
  shown = forgot_submit (page, dialog);
  g_assert_cmpstr (shown, ==, "The two passwords differ.");

  /* A well-formed key, but not this database's. */
  forgot_set (dialog, "key_entry", wrong_key);
  forgot_set (dialog, "again_entry", "li's forgotten one");
  shown = forgot_submit (page, dialog);
  g_assert_cmpstr (shown, ==, "This recovery key does not unlock this database");

  forgot_set (dialog, "key_entry", db.recovery_key);
  forgot_set (dialog, "account_entry", "nobody");
  shown = forgot_submit (page, dialog);
  g_assert_cmpstr (shown, ==, "There is no account named “nobody”");
  g_assert_true (can_unlock (UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD));

  forgot_set (dialog, "account_entry", UI_TEST_WORKER);
  g_assert_null (forgot_submit (page, dialog));
  /* The page's weak pointer clears at finalization, which may come a
   * main-loop turn after the dialog was destroyed (forgot_submit). */
  ui_test_spin_until (yk_unlock_page_get_forgot_dialog (page) == NULL);
  g_assert_cmpstr (yk_unlock_page_get_user_name (page), ==, UI_TEST_WORKER);
  g_assert_true (ui_test_has_focus_within (password_entry (window)));
  g_assert_false (can_unlock (UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD));

  /* And the person unlocks normally with it. */
  ui_test_unlock_and_wait (window, db.path, UI_TEST_WORKER, "li's forgotten one");
  g_assert_cmpstr (ui_test_visible_page (window), ==, "main");
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  ui_test_database_make (&db);

  g_test_add_func ("/ui/unlock/wrong-password", test_wrong_password_shows_error_inline);
  g_test_add_func ("/ui/unlock/right-password", test_right_password_shows_main_page);
  g_test_add_func ("/ui/unlock/worker-no-administration", test_worker_has_no_administration);
  g_test_add_func ("/ui/unlock/main-loop-runs", test_main_loop_runs_during_unlock);
  g_test_add_func ("/ui/unlock/database-preselected", test_database_preselected);
  g_test_add_func ("/ui/unlock/recent-databases", test_recent_databases_list);
  g_test_add_func ("/ui/unlock/keys-switch-screens", test_keys_switch_screens);
  g_test_add_func ("/ui/unlock/forgot-password", test_forgot_password);
  status = g_test_run ();

  ui_test_database_remove (&db);
  return status;
}
