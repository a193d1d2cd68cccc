/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "yk-config.h"
#include "ui-test-util.h"
#include "yk-create-page.h"
#include "yk-main-view.h"

#include <glib/gstdio.h>

#define NEW_ACCOUNT "zhang"
#define NEW_PASSWORD "长江 flows east 1998"

static GtkWidget *
child (YkCreatePage *page,
       const char   *name)
{
  return ui_test_child (page, YK_TYPE_CREATE_PAGE, name);
}

/* GTK 4.8 cannot ask a widget whether one of its actions is enabled;
 * the button that shows the action follows it, so ask the button. */
static gboolean
action_enabled (YkCreatePage *page,
                const char   *button)
{
  return gtk_widget_get_sensitive (child (page, button));
}

/* Nine groups of four, three to a line. */
static gboolean
looks_like_recovery_key (const char *text)
{
  return g_regex_match_simple ("^([0-9A-Z]{4}-){3}\n([0-9A-Z]{4}-){3}\n[0-9A-Z]{4}(-[0-9A-Z]{4}){2}$",
                               text, 0, 0);
}

static void
test_first_run_shows_recovery_key_once (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  YkCreatePage *page = YK_CREATE_PAGE (ui_test_child (window, YK_TYPE_WINDOW, "create_page"));
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *dir = g_dir_make_tmp ("yukang-ui-create-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "new.ykdb", NULL);
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);
  g_auto (GStrv) recent = NULL;
  GtkWidget *key_label = child (page, "key_label");
  YkUnlockedSession *session;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.new-database", NULL));
  g_assert_cmpstr (ui_test_visible_page (window), ==, "create");
  g_assert_false (action_enabled (page, "create_button"));

  yk_create_page_set_path (page, path);
  gtk_editable_set_text (GTK_EDITABLE (child (page, "account_entry")), NEW_ACCOUNT);
  gtk_editable_set_text (GTK_EDITABLE (child (page, "display_name_entry")), "张协调");

  /* Too short, then two different passwords: no Create. */
  gtk_editable_set_text (GTK_EDITABLE (child (page, "password_entry")), "short");
  g_assert_false (action_enabled (page, "create_button"));
  g_assert_cmpfloat (gtk_level_bar_get_value (GTK_LEVEL_BAR (child (page, "strength_bar"))), ==, 1);
  gtk_editable_set_text (GTK_EDITABLE (child (page, "password_entry")), NEW_PASSWORD);
  gtk_editable_set_text (GTK_EDITABLE (child (page, "confirm_entry")), NEW_PASSWORD "!");
  g_assert_false (action_enabled (page, "create_button"));
  gtk_editable_set_text (GTK_EDITABLE (child (page, "confirm_entry")), NEW_PASSWORD);
  g_assert_true (action_enabled (page, "create_button"));
  g_assert_cmpfloat (gtk_level_bar_get_value (GTK_LEVEL_BAR (child (page, "strength_bar"))), ==, 3);

  gtk_widget_activate_action (GTK_WIDGET (page), "create.create", NULL);
  g_assert_true (yk_create_page_get_busy (page));
  ui_test_spin_until (!yk_create_page_get_busy (page));

  /* The key, once, and nothing goes on until it is acknowledged. */
  g_assert_true (yk_create_page_is_showing_recovery_key (page));
  g_assert_true (looks_like_recovery_key (gtk_label_get_text (GTK_LABEL (key_label))));
  g_assert_null (yk_window_get_session (window));
  g_assert_false (action_enabled (page, "continue_button"));
  g_assert_true (action_enabled (page, "print_button"));
  gtk_widget_activate_action (GTK_WIDGET (page), "create.continue", NULL);
  g_assert_null (yk_window_get_session (window));
  g_assert_true (yk_create_page_is_showing_recovery_key (page));

  gtk_check_button_set_active (GTK_CHECK_BUTTON (child (page, "written_down_check")), TRUE);
  g_assert_true (action_enabled (page, "continue_button"));
  gtk_widget_activate_action (GTK_WIDGET (page), "create.continue", NULL);

  /* Signed in as the new coordinator; the key is gone from the page. */
  session = yk_window_get_session (window);
  g_assert_nonnull (session);
  g_assert_cmpstr (yk_unlocked_session_get_account (session), ==, NEW_ACCOUNT);
  g_assert_true (yk_unlocked_session_is_coordinator (session));
  g_assert_cmpstr (ui_test_visible_page (window), ==, "main");
  g_assert_false (yk_create_page_is_showing_recovery_key (page));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (key_label)), ==, "");
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (child (page, "password_entry"))), ==, "");
  recent = g_settings_get_strv (settings, "recent-databases");
  g_assert_cmpstr (recent[0], ==, path);

  /* The database opens again with the password chosen. */
  yk_window_lock (window);
  ui_test_unlock_and_wait (window, path, NEW_ACCOUNT, NEW_PASSWORD);

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_unlink (journal);
  g_rmdir (dir);
}

static void
test_existing_file_is_refused (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  YkCreatePage *page = YK_CREATE_PAGE (ui_test_child (window, YK_TYPE_WINDOW, "create_page"));
  g_autofree char *dir = g_dir_make_tmp ("yukang-ui-create-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "taken.ykdb", NULL);
  g_autofree char *contents = NULL;

  g_assert_true (g_file_set_contents (path, "something else", -1, NULL));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-database", NULL);
  yk_create_page_set_path (page, path);
  gtk_editable_set_text (GTK_EDITABLE (child (page, "account_entry")), NEW_ACCOUNT);
  gtk_editable_set_text (GTK_EDITABLE (child (page, "password_entry")), NEW_PASSWORD);
  gtk_editable_set_text (GTK_EDITABLE (child (page, "confirm_entry")), NEW_PASSWORD);
  gtk_widget_activate_action (GTK_WIDGET (page), "create.create", NULL);
  ui_test_spin_until (!yk_create_page_get_busy (page));

  g_assert_false (yk_create_page_is_showing_recovery_key (page));
  g_assert_true (gtk_revealer_get_reveal_child (GTK_REVEALER (child (page, "error_revealer"))));
  g_assert_true (g_file_get_contents (path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "something else");

  gtk_window_destroy (GTK_WINDOW (window));
  g_unlink (path);
  g_rmdir (dir);
}

int
main (int argc, char *argv[])
{
  ui_test_init (&argc, &argv);

  g_test_add_func ("/ui/create/first-run", test_first_run_shows_recovery_key_once);
  g_test_add_func ("/ui/create/existing-file", test_existing_file_is_refused);
  return g_test_run ();
}
