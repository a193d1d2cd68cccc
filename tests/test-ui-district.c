/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The window's side of site files (docs/design/district.md): the
 * district view opened from a folder of snapshots, read only, and the
 * snapshots a site PC writes by itself when it locks. */
#include "yk-config.h"
#include "ui-test-util.h"
#include "yk-case-file-view.h"
#include "yk-casework.h"
#include "yk-demo.h"
#include "yk-district.h"
#include "yk-district-bar.h"
#include "yk-main-view.h"
#include "yk-preferences-dialog.h"
#include "yk-snapshot.h"
#include "yk-unlock-page.h"

#include <string.h>

#include <glib/gstdio.h>

static UiTestDatabase db;

static char *
make_folder (const char *name)
{
  char *folder = g_build_filename (db.dir, name, NULL);

  g_assert_cmpint (g_mkdir_with_parents (folder, 0700), ==, 0);
  return folder;
}

static guint
count_snapshots (const char *folder)
{
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) paths = yk_district_list_folder (folder, &error);

  return paths != NULL ? g_strv_length (paths) : 0;
}

/* The first widget under `widget` that activates `action`. */
static GtkWidget *
find_actionable (GtkWidget  *widget,
                 const char *action)
{
  if (GTK_IS_ACTIONABLE (widget) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), action) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_actionable (child, action);

      if (found != NULL)
        return found;
    }
  return NULL;
}

static GtkWidget *
find_descendant (GtkWidget *widget,
                 GType      type)
{
  if (G_TYPE_CHECK_INSTANCE_TYPE (widget, type))
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_descendant (child, type);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* A folder of snapshots opens as a district view: read only, with its
 * header, no administration, and nothing that records. */
static void
test_district_view_is_read_only (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  g_autofree char *folder = make_folder ("district");
  g_autoptr (GError) error = NULL;
  YkSession *session = yk_session_open (db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, &error);
  YkUnlockedSession *unlocked;
  GtkWidget *main_view;
  GtkWidget *new_client;

  g_assert_no_error (error);
  g_assert_true (yk_session_snapshot (session, folder, NULL, &error));
  g_assert_no_error (error);
  yk_session_close (session);

  unlocked = ui_test_unlock_and_wait (window, folder, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  g_assert_true (yk_unlocked_session_is_read_only (unlocked));
  g_assert_nonnull (yk_unlocked_session_get_district (unlocked));
  main_view = gtk_stack_get_child_by_name (GTK_STACK (gtk_window_get_child (GTK_WINDOW (window))), "main");
  g_assert_nonnull (find_descendant (main_view, YK_TYPE_DISTRICT_BAR));
  g_assert_null (gtk_stack_get_child_by_name (ui_test_main_stack (window), "administration"));
  g_assert_nonnull (gtk_stack_get_child_by_name (ui_test_main_stack (window), "statistics"));
  /* Recording is off, and its buttons gone: the caseload's 新建个案, the
   * activities' 记录活动; the questionnaires, only entered, are absent. */
  new_client = find_actionable (ui_test_show_page (window, "caseload"), "record.new-client");
  g_assert_nonnull (new_client);
  ui_test_spin_until (!gtk_widget_is_sensitive (new_client));
  g_assert_false (gtk_widget_get_visible (new_client));
  g_assert_false (gtk_widget_get_visible (find_actionable (ui_test_show_page (window, "activities"),
                                                           "activities.record")));
  g_assert_false (gtk_stack_page_get_visible (
    gtk_stack_get_page (ui_test_main_stack (window),
                        gtk_stack_get_child_by_name (ui_test_main_stack (window), "questionnaires"))));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* The same file opened as itself records as usual: the check above is
 * about the district view, not about this window. */
static void
test_own_file_records (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  YkUnlockedSession *unlocked = ui_test_unlock_and_wait (window, db.path, UI_TEST_COORDINATOR,
                                                         UI_TEST_COORDINATOR_PASSWORD);
  GtkWidget *main_view = gtk_stack_get_child_by_name (GTK_STACK (gtk_window_get_child (GTK_WINDOW (window))), "main");

  g_assert_false (yk_unlocked_session_is_read_only (unlocked));
  g_assert_null (find_descendant (main_view, YK_TYPE_DISTRICT_BAR));
  ui_test_spin_until (gtk_widget_is_sensitive (find_actionable (ui_test_show_page (window, "caseload"),
                                                                "record.new-client")));
  g_assert_true (gtk_widget_get_visible (find_actionable (ui_test_show_page (window, "caseload"), "record.new-client")));
  g_assert_true (gtk_stack_page_get_visible (
    gtk_stack_get_page (ui_test_main_stack (window),
                        gtk_stack_get_child_by_name (ui_test_main_stack (window), "questionnaires"))));
  g_assert_nonnull (gtk_stack_get_child_by_name (ui_test_main_stack (window), "administration"));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* With a snapshot folder set, locking leaves the site's snapshot there. */
static void
test_snapshot_on_lock (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *folder = make_folder ("outbox");
  YkWindow *window = ui_test_window (app);

  g_settings_set_string (settings, "snapshot-folder", folder);
  g_assert_cmpuint (count_snapshots (folder), ==, 0);
  ui_test_unlock_and_wait (window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  yk_window_lock (window);
  g_assert_cmpuint (count_snapshots (folder), ==, 1);

  g_settings_reset (settings, "snapshot-folder");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A folder that is not there: the lock goes on, nothing is created, and
 * Preferences says what is wrong where the folder is chosen. */
static void
test_snapshot_folder_missing (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  g_autoptr (GSettings) settings = g_settings_new (APPLICATION_ID);
  g_autofree char *folder = g_build_filename (db.dir, "not-there", NULL);
  YkWindow *window = ui_test_window (app);
  GtkWidget *dialog;
  GtkWidget *message;

  g_settings_set_string (settings, "snapshot-folder", folder);
  ui_test_unlock_and_wait (window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  yk_window_lock (window);
  g_assert_null (yk_window_get_session (window));
  g_assert_false (g_file_test (folder, G_FILE_TEST_EXISTS));

  dialog = yk_preferences_dialog_new (GTK_WINDOW (window), NULL);
  message = ui_test_child (dialog, YK_TYPE_PREFERENCES_DIALOG, "snapshot_error");
  g_assert_true (gtk_widget_get_visible (message));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (message)), "not-there"));

  gtk_window_destroy (GTK_WINDOW (dialog));
  g_settings_reset (settings, "snapshot-folder");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A phone call recorded at the site, carried by a new snapshot of its
 * file: the district view reads the folder again by itself and the case
 * file open on that person shows the call, without a new password. */
static void
test_reload_keeps_place (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  g_autofree char *folder = make_folder ("reload");
  g_autofree char *site_path = g_build_filename (db.dir, "reload-site.ykdb", NULL);
  g_autofree char *recovery_key = NULL;
  g_autoptr (GError) error = NULL;
  YkSession *site = yk_session_create (site_path, UI_TEST_COORDINATOR, "王协调", UI_TEST_COORDINATOR_PASSWORD,
                                       YK_KDF_INTERACTIVE, &recovery_key, &error);
  YkContactRecord call = { 0 };
  YkUnlockedSession *unlocked;
  YkDistrict *first;
  GtkWidget *main_view;
  YkCaseFileView *view;
  guint before;
  gint64 id;

  g_assert_no_error (error);
  g_assert_true (yk_demo_fill (site, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);
  g_assert_true (yk_session_snapshot (site, folder, NULL, &error));
  g_assert_no_error (error);

  unlocked = ui_test_unlock_and_wait (window, folder, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  first = yk_unlocked_session_get_district (unlocked);
  main_view = gtk_stack_get_child_by_name (GTK_STACK (gtk_window_get_child (GTK_WINDOW (window))), "main");
  view = YK_CASE_FILE_VIEW (ui_test_child (main_view, YK_TYPE_MAIN_VIEW, "case_file_view"));
  /* One file: its ids are the merged ones. The demo's first person. */
  id = 1;
  g_assert_true (gtk_widget_activate_action (main_view, "case.open", "x", id));
  ui_test_spin_until (!yk_case_file_view_get_loading (view) &&
                      g_list_model_get_n_items (yk_case_file_view_get_timeline (view)) > 0);
  before = g_list_model_get_n_items (yk_case_file_view_get_timeline (view));
  /* Nothing to record here: the case file's recording buttons are gone. */
  g_assert_false (gtk_widget_get_visible (find_actionable (GTK_WIDGET (view), "case-file.record")));

  call.client_id = id;
  call.type = (char *) "phone";
  call.date = (char *) "2023-12-01";
  call.reached = TRUE;
  call.duration_min = 10;
  call.risk_level = -1;
  call.condition = (char *) "stable";
  g_assert_true (yk_casework_add_contact (site, &call, &id, &error));
  g_assert_no_error (error);
  g_assert_true (yk_session_snapshot (site, folder, NULL, &error));
  g_assert_no_error (error);
  yk_session_close (site);

  /* The folder watch settles for 2 s, then the files are read again. */
  ui_test_spin_until (yk_unlocked_session_get_district (unlocked) != first);
  g_assert_null (yk_unlocked_session_get_reload_error (unlocked));
  g_assert_true (yk_window_get_session (window) == unlocked);
  g_assert_cmpint (yk_case_file_view_get_client_id (view), ==, 1);
  ui_test_spin_until (!yk_case_file_view_get_loading (view) &&
                      g_list_model_get_n_items (yk_case_file_view_get_timeline (view)) == before + 1);

  gtk_window_destroy (GTK_WINDOW (window));
}

/* Files chosen together (one entry, a path per line) open as one
 * district view, with its refusals: here a file and its copy, named. */
static void
test_files_chosen_together (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  GtkWidget *page = gtk_stack_get_child_by_name (GTK_STACK (gtk_window_get_child (GTK_WINDOW (window))), "unlock");
  g_autofree char *copy = g_build_filename (db.dir, "copy-of-site.ykdb", NULL);
  g_autofree char *joined = g_strjoin ("\n", db.path, copy, NULL);
  g_autofree char *contents = NULL;
  gsize length;
  const char *message;

  g_assert_true (g_file_get_contents (db.path, &contents, &length, NULL));
  g_assert_true (g_file_set_contents (copy, contents, length, NULL));
  ui_test_unlock (window, joined, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  ui_test_spin_until (!yk_unlock_page_get_busy (YK_UNLOCK_PAGE (page)));
  g_assert_null (yk_window_get_session (window));
  message = gtk_label_get_text (GTK_LABEL (ui_test_child (page, YK_TYPE_UNLOCK_PAGE, "error_label")));
  g_assert_nonnull (strstr (message, "copy-of-site.ykdb"));
  g_assert_nonnull (strstr (message, "test.ykdb"));
  g_assert_nonnull (strstr (message, "both hold site"));

  g_unlink (copy);
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  ui_test_database_make (&db);
  g_test_add_func ("/ui/district/read-only", test_district_view_is_read_only);
  g_test_add_func ("/ui/district/own-file-records", test_own_file_records);
  g_test_add_func ("/ui/district/snapshot-on-lock", test_snapshot_on_lock);
  g_test_add_func ("/ui/district/snapshot-folder-missing", test_snapshot_folder_missing);
  g_test_add_func ("/ui/district/reload-keeps-place", test_reload_keeps_place);
  g_test_add_func ("/ui/district/files-chosen-together", test_files_chosen_together);
  status = g_test_run ();
  ui_test_database_remove (&db);
  return status;
}
