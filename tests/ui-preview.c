/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shows a state of the window for screenshots, on a throwaway database
 * of invented accounts:
 *   yk-ui-preview unlock          the unlock page with a wrong password tried
 *   yk-ui-preview main            unlocked as the coordinator
 *   yk-ui-preview worker          unlocked as a social worker
 *   yk-ui-preview create          the first-run form, half filled in
 *   yk-ui-preview recovery-key    a new database's recovery key
 *   yk-ui-preview record-phone    a phone follow-up being recorded (demo data)
 *   yk-ui-preview record-visit-risk  a home visit, the form open, 不稳定: the checklist
 *   yk-ui-preview record-error    a phone follow-up with an impossible date
 *   yk-ui-preview record-assessment  an SDSS assessment, some items not applying
 *   yk-ui-preview record-client   a new service user refused without a consent date
 * Not installed, not a test. */
#include "yk-config.h"
#include "ui-test-util.h"
#include "yk-create-page.h"
#include "yk-assessment-dialog.h"
#include "yk-client-dialog.h"
#include "yk-contact-dialog.h"
#include "yk-demo.h"
#include "yk-followup.h"
#include "yk-records.h"
#include "yk-validate.h"

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

/* --- recording (ui-recording) --- */

/* The pilot's demo records, so the dialogs show a real person's case. */
static void
fill_demo (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = yk_session_open (db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, &error);

  if (session == NULL || !yk_demo_fill (session, 1, YK_DEMO_PILOT, &error))
    g_error ("demo: %s", error->message);
}

/* The dialog the last action opened over `window`. */
static GtkWindow *
newest_dialog (YkWindow *window)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) dialog = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (dialog) == GTK_WINDOW (window) && !GTK_IS_SHORTCUTS_WINDOW (dialog))
        return dialog; /* the toplevels list keeps it */
    }
  g_error ("no dialog opened");
}

static gboolean
record_other_dialogs (YkWindow *window)
{
  GtkWindow *dialog;

  if (g_str_equal (mode, "record-client"))
    {
      gtk_widget_activate_action (GTK_WIDGET (window), "record.new-client", NULL);
      dialog = newest_dialog (window);
      gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_CLIENT_DIALOG, "case_no_entry")), "SPQ-0201");
      gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_CLIENT_DIALOG, "name_entry")), "赵晓燕");
      gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_child (dialog, YK_TYPE_CLIENT_DIALOG, "gender_dropdown")), 2);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_child (dialog, YK_TYPE_CLIENT_DIALOG, "diagnosis_dropdown")), 4);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_test_child (dialog, YK_TYPE_CLIENT_DIALOG, "stable_check")), TRUE);
      gtk_widget_activate_action (GTK_WIDGET (dialog), "form.save", NULL);
      return TRUE;
    }
  if (g_str_equal (mode, "record-assessment"))
    {
      YkSession *session = yk_unlocked_session_get_session (yk_window_get_session (window));
      g_autoptr (GPtrArray) due = NULL;
      GDate today, horizon;
      const guint scores[YK_SDSS_ITEMS] = { 1, 3, 3, 0, 1, 0, 2, 0, 1, 0 };

      yk_date_today (&today);
      g_date_set_dmy (&horizon, 31, 12, 2999);
      due = yk_followup_list (session, 0, 0, &today, &horizon, NULL);
      gtk_widget_activate_action (GTK_WIDGET (window), "record.assessment", "x",
                                  ((YkFollowup *) due->pdata[0])->client_id);
      dialog = newest_dialog (window);
      for (guint i = 0; i < YK_SDSS_ITEMS; i++)
        {
          g_autofree char *name = g_strdup_printf ("sdss_%u_dropdown", i + 1);
          gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_child (dialog, YK_TYPE_ASSESSMENT_DIALOG, name)),
                                      scores[i]);
        }
      return TRUE;
    }
  return FALSE;
}

/* Down to the condition and the risk checklist, once laid out. */
static gboolean
scroll_to_end_cb (gpointer data)
{
  GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (data));

  gtk_adjustment_set_value (adjustment, gtk_adjustment_get_upper (adjustment));
  return G_SOURCE_REMOVE;
}

static void
record_show (YkWindow *window)
{
  YkSession *session = yk_unlocked_session_get_session (yk_window_get_session (window));
  g_autoptr (GPtrArray) due = NULL;
  gboolean visit = g_str_equal (mode, "record-visit-risk");
  GtkWindow *dialog;
  GDate today, horizon;

  if (record_other_dialogs (window))
    return;

  yk_date_today (&today);
  g_date_set_dmy (&horizon, 31, 12, 2999);
  due = yk_followup_list (session, 0, 0, &today, &horizon, NULL);
  if (due == NULL || due->len == 0)
    g_error ("demo: nobody to record for");
  gtk_widget_activate_action (GTK_WIDGET (window), visit ? "record.visit" : "record.phone", "x",
                              ((YkFollowup *) due->pdata[0])->client_id);
  dialog = newest_dialog (window);
  if (visit)
    {
      gtk_expander_set_expanded (GTK_EXPANDER (ui_test_child (dialog, YK_TYPE_CONTACT_DIALOG, "details_expander")), TRUE);
      gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_CONTACT_DIALOG, "duration_entry")), "40");
      gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_CONTACT_DIALOG, "seen_entry")), "本人、母亲");
      gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_child (dialog, YK_TYPE_CONTACT_DIALOG, "risk_dropdown")), 4);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_child (dialog, YK_TYPE_CONTACT_DIALOG, "sleep_dropdown")), 3);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_child (dialog, YK_TYPE_CONTACT_DIALOG, "medication_dropdown")), 2);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_child (dialog, YK_TYPE_CONTACT_DIALOG, "condition_dropdown")), 3);
      gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_test_child (dialog, YK_TYPE_CONTACT_DIALOG, "doctor_check")), TRUE);
      g_timeout_add (1500, scroll_to_end_cb,
                     gtk_widget_get_ancestor (ui_test_child (dialog, YK_TYPE_CONTACT_DIALOG, "details_expander"),
                                              GTK_TYPE_SCROLLED_WINDOW));
    }
  else if (g_str_equal (mode, "record-error"))
    {
      gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_CONTACT_DIALOG, "date_entry")), "2021年2月30日");
      gtk_widget_activate_action (GTK_WIDGET (dialog), "form.save", NULL);
    }
}

static void
record_session_cb (YkWindow *window)
{
  if (yk_window_get_session (window) != NULL)
    record_show (window);
}

static gboolean
record_mode (YkWindow *window)
{
  if (!g_str_has_prefix (mode, "record-"))
    return FALSE;
  g_signal_connect (window, "notify::session", G_CALLBACK (record_session_cb), NULL);
  ui_test_unlock (window, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  return TRUE;
}

/* --- end of recording --- */

static void
activate_cb (GApplication *app)
{
  YkWindow *window = YK_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  if (record_mode (window))
    return;
  if (g_str_equal (mode, "unlock"))
    ui_test_unlock (window, db.path, UI_TEST_COORDINATOR, "wrong password");
  else if (g_str_equal (mode, "main"))
    ui_test_unlock (window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  else if (g_str_equal (mode, "worker"))
    ui_test_unlock (window, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
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
  if (g_str_has_prefix (mode, "record-"))
    fill_demo ();
  app = yk_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  status = g_application_run (G_APPLICATION (app), 1, no_args);
  ui_test_database_remove (&db);
  return status;
}
