/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "yk-config.h"
#include "ui-test-util.h"
#include "yk-accounts.h"
#include "yk-main-view.h"
#include "yk-session.h"
#include "yk-unlock-page.h"
#include "yk-wipe.h"

#include <glib/gstdio.h>

void
ui_test_init (int    *argc,
              char ***argv)
{
  gtk_test_init (argc, argv, NULL);
  g_object_set (gtk_settings_get_default (), "gtk-enable-animations", FALSE, NULL);
}

void
ui_test_database_make (UiTestDatabase *db)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = NULL;

  db->dir = g_dir_make_tmp ("yukang-ui-test-XXXXXX", &error);
  g_assert_no_error (error);
  db->path = g_build_filename (db->dir, "test.ykdb", NULL);

  session = yk_session_create (db->path, UI_TEST_COORDINATOR, "王协调", UI_TEST_COORDINATOR_PASSWORD,
                               YK_KDF_INTERACTIVE, &db->recovery_key, &error);
  g_assert_no_error (error);
  yk_accounts_add (session, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD, YK_ROLE_WORKER, "SPQ", "李社工",
                   YK_KDF_INTERACTIVE, &error);
  g_assert_no_error (error);
}

/* `path` and everything under it (tests make folders beside the file). */
static void
remove_tree (const char *path)
{
  g_autoptr (GDir) handle = g_dir_open (path, 0, NULL);
  const char *name;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
        remove_tree (child);
      else
        g_unlink (child);
    }
  g_rmdir (path);
}

void
ui_test_database_remove (UiTestDatabase *db)
{
  remove_tree (db->dir);
  g_clear_pointer (&db->dir, g_free);
  g_clear_pointer (&db->path, g_free);
  g_clear_pointer (&db->recovery_key, yk_wipe_and_free);
}

YkApplication *
ui_test_application (void)
{
  YkApplication *app = yk_application_new ();
  g_autoptr (GError) error = NULL;

  /* Non-unique so the test never talks to a running Yukang over D-Bus. */
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_assert_true (g_application_register (G_APPLICATION (app), NULL, &error));
  g_assert_no_error (error);
  return app;
}

YkWindow *
ui_test_window (YkApplication *app)
{
  YkWindow *window = yk_window_new (app);

  gtk_window_present (GTK_WINDOW (window));
  gtk_test_widget_wait_for_draw (GTK_WIDGET (window));
  return window;
}

GtkWidget *
ui_test_child (gpointer    widget,
               GType       template_type,
               const char *name)
{
  GObject *child = gtk_widget_get_template_child (GTK_WIDGET (widget), template_type, name);

  g_assert_nonnull (child);
  return GTK_WIDGET (child);
}

void
ui_test_unlock (YkWindow   *window,
                const char *path,
                const char *user,
                const char *password)
{
  YkUnlockPage *page = YK_UNLOCK_PAGE (ui_test_child (window, YK_TYPE_WINDOW, "unlock_page"));

  yk_window_set_database (window, path);
  yk_unlock_page_set_user_name (page, user);
  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (page, YK_TYPE_UNLOCK_PAGE, "password_entry")), password);
  gtk_widget_activate_action (GTK_WIDGET (page), "unlock.unlock", NULL);
  g_assert_true (yk_unlock_page_get_busy (page));
}

YkUnlockedSession *
ui_test_unlock_and_wait (YkWindow   *window,
                         const char *path,
                         const char *user,
                         const char *password)
{
  ui_test_unlock (window, path, user, password);
  ui_test_spin_until (yk_window_get_session (window) != NULL);
  return yk_window_get_session (window);
}

YkWindow *
ui_test_open (YkApplication *app,
              const char    *path,
              const char    *user,
              const char    *password)
{
  YkWindow *window = ui_test_window (app);

  ui_test_unlock_and_wait (window, path, user, password);
  return window;
}

GtkStack *
ui_test_main_stack (YkWindow *window)
{
  GtkWidget *main_view = gtk_stack_get_child_by_name (GTK_STACK (gtk_window_get_child (GTK_WINDOW (window))), "main");

  g_assert_nonnull (main_view);
  return GTK_STACK (ui_test_child (main_view, YK_TYPE_MAIN_VIEW, "stack"));
}

GtkWidget *
ui_test_show_page (YkWindow   *window,
                   const char *page_name)
{
  GtkStack *stack = ui_test_main_stack (window);
  GtkWidget *page = gtk_stack_get_child_by_name (stack, page_name);

  g_assert_nonnull (page);
  gtk_stack_set_visible_child (stack, page);
  g_assert_true (gtk_stack_get_visible_child (stack) == page);
  return page;
}

GtkWidget *
ui_test_open_page (YkApplication *app,
                   YkWindow     **window,
                   const char    *path,
                   const char    *user,
                   const char    *password,
                   const char    *page_name)
{
  *window = ui_test_open (app, path, user, password);
  return ui_test_show_page (*window, page_name);
}

const char *
ui_test_visible_page (YkWindow *window)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (gtk_window_get_child (GTK_WINDOW (window))));
}

gboolean
ui_test_has_focus_within (GtkWidget *widget)
{
  GtkWidget *focus = gtk_root_get_focus (gtk_widget_get_root (widget));

  return focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget));
}

static gboolean
wake_cb (gpointer user_data)
{
  return G_SOURCE_CONTINUE;
}

gint64
ui_test_deadline (void)
{
  return g_get_monotonic_time () + 30 * G_USEC_PER_SEC;
}

/* One blocking iteration, woken at least every 50 ms so the deadline
 * is checked even when nothing else happens. */
void
ui_test_iterate (gint64      deadline,
                 const char *what)
{
  guint wake = g_timeout_add (50, wake_cb, NULL);

  if (g_get_monotonic_time () > deadline)
    g_error ("timed out waiting until %s", what);
  g_main_context_iteration (NULL, TRUE);
  g_source_remove (wake);
}

GtkShortcut *
ui_test_find_shortcut (GtkWidget  *widget,
                       const char *trigger)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);
  const GtkPropagationPhase phases[] = { GTK_PHASE_CAPTURE, GTK_PHASE_BUBBLE, GTK_PHASE_TARGET };

  for (guint p = 0; p < G_N_ELEMENTS (phases); p++)
    for (guint i = 0; i < g_list_model_get_n_items (controllers); i++)
      {
        g_autoptr (GtkEventController) controller = g_list_model_get_item (controllers, i);

        if (!GTK_IS_SHORTCUT_CONTROLLER (controller) ||
            gtk_event_controller_get_propagation_phase (controller) != phases[p])
          continue;
        for (guint j = 0; j < g_list_model_get_n_items (G_LIST_MODEL (controller)); j++)
          {
            g_autoptr (GtkShortcut) shortcut = g_list_model_get_item (G_LIST_MODEL (controller), j);
            g_autofree char *text = gtk_shortcut_trigger_to_string (gtk_shortcut_get_trigger (shortcut));

            if (g_strcmp0 (text, trigger) == 0)
              return g_steal_pointer (&shortcut);
          }
      }
  return NULL;
}

void
ui_test_press_shortcut (GtkWidget  *widget,
                        const char *trigger)
{
  g_autoptr (GtkShortcut) shortcut = ui_test_find_shortcut (widget, trigger);

  if (shortcut == NULL)
    g_error ("no shortcut %s", trigger);
  g_assert_true (gtk_shortcut_action_activate (gtk_shortcut_get_action (shortcut), 0, widget,
                                               gtk_shortcut_get_arguments (shortcut)));
}

gboolean
ui_test_press_key (GtkWidget *widget,
                   guint      keyval)
{
  g_autoptr (GListModel) controllers = gtk_widget_observe_controllers (widget);
  gboolean handled = FALSE;

  for (guint i = 0; i < g_list_model_get_n_items (controllers) && !handled; i++)
    {
      g_autoptr (GObject) controller = g_list_model_get_item (controllers, i);

      if (GTK_IS_EVENT_CONTROLLER_KEY (controller))
        g_signal_emit_by_name (controller, "key-pressed", keyval, 0, 0, &handled);
    }
  return handled;
}
