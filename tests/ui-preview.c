/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shows a state of the window for screenshots, on a throwaway database
 * of invented accounts:
 *   yk-ui-preview unlock          the unlock page with a wrong password tried
 *   yk-ui-preview main            unlocked as the coordinator
 *   yk-ui-preview worker          unlocked as a social worker
 *   yk-ui-preview create          the first-run form, half filled in
 *   yk-ui-preview recovery-key    a new database's recovery key
 *   yk-ui-preview statistics      the statistics of 2021Q4 on the demo data
 *   yk-ui-preview statistics-records   and the records behind 生活状态改善
 * Not installed, not a test. */
#include "yk-config.h"
#include "ui-test-util.h"
#include "yk-create-page.h"
#include "yk-demo.h"
#include "yk-figure-records-dialog.h"
#include "yk-main-view.h"
#include "yk-statistics-page.h"

#include <glib/gi18n.h>
#include <locale.h>

static UiTestDatabase db;
static const char *mode = "main";

static void
fill_create_page (YkWindow *window,
                  gboolean  create)
{
  YkCreatePage *page = YK_CREATE_PAGE (ui_test_child (window, YK_TYPE_WINDOW, "create_page"));
  g_autofree char *path = g_build_filename (db.dir, "new.ykdb", NULL);

  gtk_widget_activate_action (GTK_WIDGET (window), "win.new-database", NULL);
  yk_create_page_set_path (page, path);
  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (page, YK_TYPE_CREATE_PAGE, "account_entry")), "zhang");
  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (page, YK_TYPE_CREATE_PAGE, "display_name_entry")), "张协调");
  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (page, YK_TYPE_CREATE_PAGE, "password_entry")), "short pw");
  if (!create)
    return;
  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (page, YK_TYPE_CREATE_PAGE, "password_entry")), "长江 flows east 1998");
  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (page, YK_TYPE_CREATE_PAGE, "confirm_entry")), "长江 flows east 1998");
  gtk_widget_activate_action (GTK_WIDGET (page), "create.create", NULL);
}

/* Statistics (统计报表): the demo data, 2021Q4, as the coordinator. */
static gboolean
statistics_ready_cb (gpointer user_data)
{
  YkWindow *window = user_data;
  GtkWidget *main_view = gtk_stack_get_child_by_name (GTK_STACK (gtk_window_get_child (GTK_WINDOW (window))), "main");
  GtkStack *stack;
  YkStatisticsPage *page;

  if (main_view == NULL)
    return G_SOURCE_CONTINUE;
  stack = GTK_STACK (ui_test_child (main_view, YK_TYPE_MAIN_VIEW, "stack"));
  gtk_stack_set_visible_child_name (stack, "statistics");
  page = YK_STATISTICS_PAGE (gtk_stack_get_visible_child (stack));
  if (yk_statistics_page_get_statistics (page) == NULL || yk_statistics_page_get_loading (page))
    return G_SOURCE_CONTINUE;
  /* YK_PREVIEW_EXPORT_DIR: also save what the export buttons and Print
   * would, for a look with pdftotext and unzip. */
  if (g_getenv ("YK_PREVIEW_EXPORT_DIR") != NULL)
    {
      const char *formats[] = { "xlsx", "pdf", "csv" };
      g_autoptr (GError) error = NULL;
      g_autofree char *printed = g_build_filename (g_getenv ("YK_PREVIEW_EXPORT_DIR"), "printed.pdf", NULL);

      for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
        {
          g_autofree char *name = yk_statistics_page_suggest_file_name (page, formats[i]);
          g_autofree char *path = g_build_filename (g_getenv ("YK_PREVIEW_EXPORT_DIR"), name, NULL);
          g_autoptr (GFile) file = g_file_new_for_path (path);

          if (!yk_statistics_page_save (page, formats[i], file, &error))
            g_error ("%s", error->message);
        }
      if (!yk_statistics_page_print_to_file (page, printed, &error))
        g_error ("%s", error->message);
    }
  if (g_str_equal (mode, "statistics-records"))
    gtk_widget_activate_action (GTK_WIDGET (page), "statistics.show-records", "(ixb)", (int) YK_INDICATOR_IMPROVED,
                                (gint64) 0, FALSE);
  return G_SOURCE_REMOVE;
}

static void
fill_demo (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = yk_session_open (db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, &error);

  g_assert_no_error (error);
  yk_demo_fill (session, 1, YK_DEMO_PILOT, &error);
  g_assert_no_error (error);
}

static void
activate_cb (GApplication *app)
{
  YkWindow *window = YK_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  if (g_str_equal (mode, "unlock"))
    ui_test_unlock (window, db.path, UI_TEST_COORDINATOR, "wrong password");
  else if (g_str_equal (mode, "main"))
    ui_test_unlock (window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  else if (g_str_equal (mode, "worker"))
    ui_test_unlock (window, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  else if (g_str_has_prefix (mode, "statistics"))
    {
      fill_demo ();
      gtk_window_set_default_size (GTK_WINDOW (window), 1260, 1040);
      ui_test_unlock (window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
      g_timeout_add (50, statistics_ready_cb, window);
    }
  else
    fill_create_page (window, g_str_equal (mode, "recovery-key"));
}

int
main (int argc, char *argv[])
{
  g_autoptr (YkApplication) app = NULL;
  char *no_args[] = { argv[0], NULL };
  int status;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, YK_BUILD_ROOT "/po");
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);
  g_setenv ("GSETTINGS_SCHEMA_DIR", YK_BUILD_ROOT "/data", FALSE);
  g_setenv ("GSETTINGS_BACKEND", "memory", TRUE);
  if (argc > 1)
    mode = argv[1];

  ui_test_database_make (&db);
  app = yk_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  status = g_application_run (G_APPLICATION (app), 1, no_args);
  ui_test_database_remove (&db);
  return status;
}
