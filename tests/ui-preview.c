/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Shows a state of the window for screenshots, on a throwaway database
 * of invented accounts:
 *   yk-ui-preview unlock          the unlock page with a wrong password tried
 *   yk-ui-preview forgot-password the unlock page's 忘记密码 dialog, the user name carried over
 *   yk-ui-preview main            unlocked as the coordinator
 *   yk-ui-preview worker          unlocked as a social worker
 *   yk-ui-preview create          the first-run form, half filled in
 *   yk-ui-preview recovery-key    a new database's recovery key
 *   yk-ui-preview today           Today on the demo data, 2021-11-15, as the coordinator
 *   yk-ui-preview today-worker    the same as the social worker li
 *   yk-ui-preview case-file [TAB] a demo person's case file (TAB: profile,
 *                                 timeline, family, plan, referrals, sdss)
 *   yk-ui-preview record-phone    a phone follow-up for someone at risk (demo data)
 *   yk-ui-preview record-visit-risk  a home visit, the form open, 不稳定: the checklist
 *   yk-ui-preview record-error    a phone follow-up with an impossible date
 *   yk-ui-preview date-popover    a phone follow-up with the date's calendar open
 *   yk-ui-preview record-assessment  an SDSS assessment, some items not applying
 *   yk-ui-preview record-client   a new service user refused without a consent date
 *   yk-ui-preview record-correct  a phone follow-up saved today being corrected to a home visit
 *   yk-ui-preview record-correct-sdss  an SDSS assessment saved today, an item being corrected
 *   yk-ui-preview record-transfer  the transfer dialog (迁至其他站点) for a demo person
 *   yk-ui-preview record-saved    a phone follow-up just saved: 已保存 · 撤销 at the bottom
 *   yk-ui-preview case-file-transferred  a demo person transferred to the other site: the new
 *                                 case file, 迁自 its old case under the name
 *   yk-ui-preview case-file-menu  the case file's timeline with a row's 操作 menu open
 *   yk-ui-preview consent         the case file's profile at its consent section (signed by a guardian)
 *   yk-ui-preview consent-withdraw  the same with the withdrawal dialog open, a reason typed
 *   yk-ui-preview caseload        the caseload of the pilot demo, as the coordinator
 *   yk-ui-preview caseload-worker the same as the social worker at SPQ
 *   yk-ui-preview caseload-search the coordinator's caseload, searched and filtered
 *   yk-ui-preview statistics      the statistics of 2021Q4 on the demo data
 *   yk-ui-preview statistics-records   and the records behind 生活状态改善
 *   yk-ui-preview statistics-range     a range of dates being typed, 7.1 and nothing yet
 *   yk-ui-preview statistics-workload  the same quarter on the 工作量 tab
 *   yk-ui-preview statistics-workload-records  and the records behind the total's 活动参与
 *   yk-ui-preview statistics-workload-training  and the sessions behind the total's 培训学时
 *   yk-ui-preview activities      the activities of the demo data, as the coordinator
 *   yk-ui-preview activity-dialog an activity being recorded, searched, some ticked
 *   yk-ui-preview activity-edit   a recorded activity being corrected, one more ticked
 *   yk-ui-preview questionnaires  questionnaires being entered at SPQ
 *   yk-ui-preview district        a district view of the demo data's snapshot, its statistics
 *   yk-ui-preview district-today  the same, on Today (no recording buttons)
 *   yk-ui-preview attachment      the attachment viewer on a scanned sign-in sheet (PNG, invented)
 *   yk-ui-preview attachment-pdf  the same sheet as a two-page PDF, on its second page, zoomed in
 *   yk-ui-preview case-file attachments  a case file's attachments (the sheet, as PNG and PDF)
 * Not installed, not a test. */
#include "yk-config.h"
#include "ui-test-util.h"
#include "yk-score-choice.h"
#include "yk-create-page.h"
#include "yk-unlock-page.h"
#include "yk-figure-records-dialog.h"
#include "yk-statistics-page.h"
#include "yk-workload-view.h"
#include "yk-caseload-page.h"
#include "yk-assessment-dialog.h"
#include "yk-client-dialog.h"
#include "yk-contact-dialog.h"
#include "yk-date-entry.h"
#include "yk-records.h"
#include "yk-case-file.h"
#include "yk-reader.h"
#include "yk-case-file-view.h"
#include "yk-casework.h"
#include "yk-demo.h"
#include "yk-followup.h"
#include "yk-main-view.h"
#include "yk-today-page.h"
#include "yk-validate.h"
#include "yk-snapshot.h"
#include "yk-split.h"
#include "yk-recording.h"
#include "yk-transfer.h"
#include "yk-training.h"
#include "yk-db-transfer.h"
#include "yk-withdraw-consent-dialog.h"
#include "yk-attachment-viewer.h"
#include "yk-attachments.h"

#include <xlsxwriter.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <locale.h>

static UiTestDatabase db;
static const char *mode = "main";
static const char *tab = NULL;

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

/* Today: the demo data seen on 2021-11-15, with some of SPQ's people
 * given to the social worker li so their own list is not empty. */
#define TODAY_PREVIEW_DATE "2021-11-15"

static void
today_fill_database (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = yk_session_open (db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, &error);
  g_autoptr (YkSession) worker = NULL;
  g_autoptr (GPtrArray) due = NULL;
  gint64 worker_id, site_id;
  GDate today, horizon;
  guint given = 0;

  g_assert_no_error (error);
  g_assert_true (yk_demo_fill (session, 1, YK_DEMO_PILOT, &error));
  yk_session_close (g_steal_pointer (&session));
  worker = yk_session_open (db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD, &error);
  g_assert_no_error (error);
  worker_id = yk_session_get_staff_id (worker);
  site_id = yk_session_get_site_id (worker);
  yk_session_close (g_steal_pointer (&worker));

  session = yk_session_open (db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (yk_date_parse (TODAY_PREVIEW_DATE, &today, NULL));
  horizon = today;
  g_date_add_days (&horizon, 7);
  due = yk_followup_list (session, site_id, 0, &today, &horizon, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < due->len && given < 8; i += 2, given++)
    {
      g_autoptr (YkClientRecord) client = yk_casework_open_client (session, ((YkFollowup *) due->pdata[i])->client_id, &error);

      g_assert_no_error (error);
      client->worker_id = worker_id;
      g_assert_true (yk_casework_update_client (session, client, &error));
      g_assert_no_error (error);
    }
}

static void
today_session_cb (YkWindow *window)
{
  GtkWidget *main_view;
  GtkWidget *page;

  if (yk_window_get_session (window) == NULL)
    return;
  main_view = gtk_stack_get_child_by_name (GTK_STACK (gtk_window_get_child (GTK_WINDOW (window))), "main");
  page = gtk_stack_get_child_by_name (GTK_STACK (ui_test_child (main_view, YK_TYPE_MAIN_VIEW, "stack")), "today");
  yk_today_page_set_today (YK_TODAY_PAGE (page), TODAY_PREVIEW_DATE);
}

static gboolean
today_preview (YkWindow *window)
{
  gboolean worker = g_str_equal (mode, "today-worker");

  if (!worker && !g_str_equal (mode, "today"))
    return FALSE;
  /* Tall enough for all three sections (screenshot --size 1280x1200). */
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 1150);
  g_signal_connect (window, "notify::session", G_CALLBACK (today_session_cb), NULL);
  if (worker)
    ui_test_unlock (window, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  else
    ui_test_unlock (window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  return TRUE;
}
/* End of Today. */

/* --- case-file: the demo person with the longest history, given a few
 * more assessments so the SDSS chart has a trend to show. --- */
static gint64 case_file_person;

static void
fill_case_file_demo (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = yk_session_open (db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, &error);
  g_autoptr (YkReader) reader = NULL;
  guint longest = 0, longest_active = 0;
  gint64 active_person = 0;
  static const char *const later[] = { "2021-04-12", "2021-07-20", "2021-10-18" };
  static const int later_items[][10] = { { 1, 9, 1, 1, 1, 1, 1, 0, 1, 1 },
                                         { 1, 9, 0, 1, 1, 0, 1, 0, 1, 0 },
                                         { 0, 9, 0, 1, 0, 0, 1, 0, 0, 0 } };

  g_assert_no_error (error);
  g_assert_true (yk_demo_fill (session, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);
  reader = yk_reader_new_for_session (session);
  for (gint64 id = 1; id <= 142; id++)
    {
      g_autoptr (YkCaseFile) file = yk_case_file_load (reader, id, NULL);
      if (file != NULL && file->referrals->len > 0 && file->timeline->len > longest)
        {
          longest = file->timeline->len;
          case_file_person = id;
        }
      if (file != NULL && g_strcmp0 (file->client->status, "active") == 0 && file->timeline->len > longest_active)
        {
          longest_active = file->timeline->len;
          active_person = id;
        }
    }
  /* Moved to the other site on the day of their last record, and
   * phoned there a week later. */
  if (g_str_equal (mode, "case-file-transferred"))
    {
      sqlite3 *conn = yk_store_get_connection (yk_session_get_store (session));
      g_autoptr (YkClientRecord) client = yk_recording_client (session, active_person, NULL);
      g_autofree char *date = yk_db_transfer_latest_date (conn, active_person, NULL);
      g_autofree char *later_date = NULL;
      gint64 new_id = 0;
      GDate d;

      if (client == NULL || date == NULL ||
          !yk_transfer_case (session, active_person, client->site_id == 1 ? 2 : 1, date, 0, &new_id, NULL, NULL,
                             &error))
        g_error ("%s", error != NULL ? error->message : "no one to transfer");
      g_date_set_parse (&d, date);
      g_date_add_days (&d, 7);
      later_date = yk_date_format_iso (&d);
      {
        YkContactRecord c = { .client_id = new_id, .type = (char *) "phone", .date = later_date,
                              .reached = TRUE, .duration_min = 20, .risk_level = -1,
                              .condition = (char *) "stable" };

        yk_casework_add_contact (session, &c, NULL, NULL);
      }
      case_file_person = new_id;
      return;
    }
  for (guint i = 0; i < G_N_ELEMENTS (later); i++)
    {
      YkAssessmentRecord a = { .client_id = case_file_person, .date = (char *) later[i] };
      memcpy (a.items, later_items[i], sizeof a.items);
      yk_casework_add_assessment (session, &a, NULL, NULL);
    }
  /* Signed by a guardian, orally and recorded, for the consent modes. */
  if (g_str_has_prefix (mode, "consent"))
    {
      g_autoptr (YkClientRecord) client = yk_recording_client (session, case_file_person, NULL);

      g_free (client->consent_signer);
      client->consent_signer = g_strdup ("guardian");
      g_free (client->consent_guardian);
      client->consent_guardian = g_strdup (client->guardian_name ? client->guardian_name : "王建国");
      g_free (client->consent_form);
      client->consent_form = g_strdup ("oral_recorded");
      client->consent_scope = YK_CONSENT_SCOPE_CASE_FILE | YK_CONSENT_SCOPE_SERVICES;
      yk_casework_update_client (session, client, NULL);
    }
  {
    YkAttachmentOwner owner = { case_file_person, 0, 0 };
    g_autoptr (GBytes) png = ui_test_sample_sheet_png ();
    g_autoptr (GBytes) pdf = ui_test_sample_sheet_pdf ();

    if (!yk_attachments_add (session, &owner, "sign-in", "签到表 2021-11-03.png", png, NULL, &error) ||
        !yk_attachments_add (session, &owner, "form", "随访表.pdf", pdf, NULL, &error))
      g_error ("%s", error->message);
  }
}

static gboolean popup_row_menu_cb (gpointer data);

/* The consent section in view (the profile scrolls to the focused
 * field), and for consent-withdraw its dialog, filled in. */
static gboolean
show_consent_cb (gpointer data)
{
  GtkWidget *view = ui_test_child (data, YK_TYPE_MAIN_VIEW, "case_file_view");
  GtkWidget *button = ui_test_child (view, YK_TYPE_CASE_FILE_VIEW, "withdraw_consent_button");

  if (!gtk_widget_get_mapped (button))
    return G_SOURCE_CONTINUE;
  gtk_widget_grab_focus (button);
  if (g_str_equal (mode, "consent-withdraw"))
    {
      GListModel *toplevels = gtk_window_get_toplevels ();

      gtk_widget_activate_action (view, "case-file.record", "s", "record.withdraw-consent");
      for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
        {
          g_autoptr (GObject) dialog = g_list_model_get_item (toplevels, i);
          if (YK_IS_WITHDRAW_CONSENT_DIALOG (dialog))
            gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_WITHDRAW_CONSENT_DIALOG,
                                                                "consent_withdrawal_reason_entry")),
                                   "本人表示不再接受社区康复服务");
        }
    }
  return G_SOURCE_REMOVE;
}

static void
show_case_file_cb (YkWindow *window)
{
  GtkWidget *main_view = gtk_stack_get_child_by_name (GTK_STACK (gtk_window_get_child (GTK_WINDOW (window))), "main");

  if (main_view == NULL)
    return;
  g_signal_handlers_disconnect_by_func (window, show_case_file_cb, NULL);
  gtk_widget_activate_action (main_view, "case.open", "x", case_file_person);
  if (tab != NULL)
    {
      GtkWidget *view = ui_test_child (main_view, YK_TYPE_MAIN_VIEW, "case_file_view");
      gtk_stack_set_visible_child_name (GTK_STACK (ui_test_child (view, YK_TYPE_CASE_FILE_VIEW, "sections")), tab);
    }
  if (g_str_equal (mode, "case-file-menu"))
    g_timeout_add (1500, popup_row_menu_cb, main_view);
  if (g_str_has_prefix (mode, "consent"))
    g_timeout_add (1500, show_consent_cb, main_view);
}

/* The first row of the timeline with a menu: its 操作 menu, open. */
static GtkWidget *
first_row_menu (GtkWidget *widget)
{
  if (GTK_IS_MENU_BUTTON (widget) && gtk_widget_get_mapped (widget) &&
      gtk_menu_button_get_menu_model (GTK_MENU_BUTTON (widget)) != NULL)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child; child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = first_row_menu (child);
      if (found != NULL)
        return found;
    }
  return NULL;
}

static gboolean
popup_row_menu_cb (gpointer data)
{
  GtkWidget *view = ui_test_child (data, YK_TYPE_MAIN_VIEW, "case_file_view");
  GtkWidget *button = first_row_menu (ui_test_child (view, YK_TYPE_CASE_FILE_VIEW, "sections"));

  if (button == NULL)
    return G_SOURCE_CONTINUE;
  gtk_menu_button_popup (GTK_MENU_BUTTON (button));
  return G_SOURCE_REMOVE;
}

static void
open_case_file (YkWindow *window)
{
  g_signal_connect (window, "notify::session", G_CALLBACK (show_case_file_cb), NULL);
  ui_test_unlock (window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
}
/* --- end of case-file --- */

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

/* Training sessions of 2021 for the 工作量 tab: some social workers
 * reach the year's 20 hours, others fall short. */
static void
fill_training (void)
{
  static const struct
  {
    const char *date, *title, *provider;
    int tenths;
    const char *names[7];
  } sessions[] = {
    { "2021-03-20", "社区精神康复个案管理", "区精神卫生中心", 60,
      { "刘秀洋", "朱明秀", "李杰明", "吴兰云", "孙娟", "李社工", "马云" } },
    { "2021-06-15", "危机干预与风险评估", "市社工协会", 80, { "刘秀洋", "朱明秀", "吴兰云", "马云" } },
    { "2021-10-28", "家属支持小组带领", "区民政局", 35, { "刘秀洋", "李杰明", "孙娟" } },
    { "2021-11-25", "个案督导", "督导 陈老师", 40, { "刘秀洋", "朱明秀", "吴兰云", "马云" } },
  };
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = yk_session_open (db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, &error);

  if (session == NULL)
    g_error ("training: %s", error->message);
  for (guint i = 0; i < G_N_ELEMENTS (sessions); i++)
    {
      gint64 ids[7];
      guint n = 0;
      YkTrainingRecord record = { sessions[i].date, sessions[i].title, sessions[i].tenths, sessions[i].provider, ids, 0 };

      for (guint k = 0; k < G_N_ELEMENTS (sessions[i].names) && sessions[i].names[k] != NULL; k++)
        if ((ids[n] = yk_training_find_staff (session, sessions[i].names[k], NULL)) > 0)
          n++;
      record.n_staff = n;
      if (!yk_training_record (session, &record, NULL, &error))
        g_error ("training: %s", error->message);
    }
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
  if (g_str_equal (mode, "record-transfer"))
    {
      YkSession *session = yk_unlocked_session_get_session (yk_window_get_session (window));
      g_autoptr (GPtrArray) due = NULL;
      GDate today, horizon;

      yk_date_today (&today);
      g_date_set_dmy (&horizon, 31, 12, 2999);
      due = yk_followup_list (session, 0, 0, &today, &horizon, NULL);
      gtk_widget_activate_action (GTK_WIDGET (window), "record.transfer", "x",
                                  ((YkFollowup *) due->pdata[0])->client_id);
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
          g_autofree char *name = g_strdup_printf ("sdss_%u_choice", i + 1);
          yk_score_choice_set_selected (YK_SCORE_CHOICE (ui_test_child (dialog, YK_TYPE_ASSESSMENT_DIALOG, name)),
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

static gboolean
popup_date_cb (gpointer data)
{
  gtk_popover_popup (GTK_POPOVER (yk_date_entry_get_popover (YK_DATE_ENTRY (data))));
  return G_SOURCE_REMOVE;
}

static void
record_show (YkWindow *window)
{
  YkSession *session = yk_unlocked_session_get_session (yk_window_get_session (window));
  g_autoptr (GPtrArray) due = NULL;
  gboolean visit = g_str_equal (mode, "record-visit-risk");
  YkFollowup *person;
  GtkWindow *dialog;
  GDate today, horizon;

  if (record_other_dialogs (window))
    return;

  yk_date_today (&today);
  g_date_set_dmy (&horizon, 31, 12, 2999);
  due = yk_followup_list (session, 0, 0, &today, &horizon, NULL);
  if (due == NULL || due->len == 0)
    g_error ("demo: nobody to record for");
  person = due->pdata[0];
  /* A quick call shows most for someone found unstable last time: the
   * form starts from that state. */
  for (guint i = 0; i < due->len && (g_str_equal (mode, "record-phone") || g_str_equal (mode, "date-popover")); i++)
    if (((YkFollowup *) due->pdata[i])->at_risk)
      {
        person = due->pdata[i];
        break;
      }
  if (g_str_equal (mode, "record-correct"))
    {
      YkContactRecord call = { .client_id = person->client_id, .type = (char *) "phone", .date = (char *) "2021-11-12",
                               .reached = TRUE, .duration_min = 15, .risk_level = 1,
                               .condition = (char *) "basically_stable", .medication = (char *) "regular",
                               .notes = (char *) "本人接听，按时服药，睡眠尚可。" };
      gint64 id = 0;

      if (!yk_casework_add_contact (session, &call, &id, NULL))
        g_error ("demo: the contact to correct was not saved");
      gtk_widget_activate_action (GTK_WIDGET (window), "record.correct", "(sx)", "contacts", id);
      dialog = newest_dialog (window);
      /* Recorded as a call, it was a visit on the day before. */
      gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_child (dialog, YK_TYPE_CONTACT_DIALOG, "type_dropdown")), 1);
      gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_CONTACT_DIALOG, "date_entry")), "2021-11-11");
      return;
    }
  if (g_str_equal (mode, "record-correct-sdss"))
    {
      YkAssessmentRecord sdss = { .client_id = person->client_id, .date = (char *) "2021-11-12",
                                  .items = { 1, 9, 1, 2, 1, 0, 1, 1, 0, 1 } };
      gint64 id = 0;

      if (!yk_casework_add_assessment (session, &sdss, &id, NULL))
        g_error ("demo: the assessment to correct was not saved");
      gtk_widget_activate_action (GTK_WIDGET (window), "record.correct", "(sx)", "assessments", id);
      dialog = newest_dialog (window);
      /* Item 4 was 1 on the paper, not 2. */
      yk_score_choice_set_score (YK_SCORE_CHOICE (ui_test_child (dialog, YK_TYPE_ASSESSMENT_DIALOG, "sdss_4_choice")), 1);
      return;
    }
  gtk_widget_activate_action (GTK_WIDGET (window), visit ? "record.visit" : "record.phone", "x", person->client_id);
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
  else if (g_str_equal (mode, "date-popover"))
    /* Once the dialog is mapped: a popover needs its parent's surface. */
    g_timeout_add (1000, popup_date_cb, ui_test_child (dialog, YK_TYPE_CONTACT_DIALOG, "date_entry"));
  else if (g_str_equal (mode, "record-saved"))
    {
      gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_child (dialog, YK_TYPE_CONTACT_DIALOG, "condition_dropdown")), 1);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_child (dialog, YK_TYPE_CONTACT_DIALOG, "risk_dropdown")), 1);
      gtk_widget_activate_action (GTK_WIDGET (dialog), "form.save", NULL);
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
  if (!g_str_has_prefix (mode, "record-") && !g_str_equal (mode, "date-popover"))
    return FALSE;
  g_signal_connect (window, "notify::session", G_CALLBACK (record_session_cb), NULL);
  /* A transfer is a coordinator's; every other record a social worker's. */
  if (g_str_equal (mode, "record-transfer"))
    ui_test_unlock (window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  else
    ui_test_unlock (window, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  return TRUE;
}

/* --- end of recording --- */

/* --- caseload --- */

static void
caseload_unlocked_cb (YkWindow *window)
{
  GtkStack *shell = GTK_STACK (gtk_window_get_child (GTK_WINDOW (window)));
  GtkWidget *main_view = gtk_stack_get_child_by_name (shell, "main");
  GtkStack *stack;
  GtkWidget *page;

  if (main_view == NULL)
    return;
  stack = GTK_STACK (ui_test_child (main_view, YK_TYPE_MAIN_VIEW, "stack"));
  gtk_stack_set_visible_child_name (stack, "caseload");
  page = gtk_stack_get_visible_child (stack);
  if (g_str_equal (mode, "caseload-search"))
    {
      gtk_editable_set_text (GTK_EDITABLE (ui_test_child (page, YK_TYPE_CASELOAD_PAGE, "search_entry")), "spq");
      gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_child (page, YK_TYPE_CASELOAD_PAGE, "risk_drop_down")), 1);
    }
}

static void
preview_caseload (YkWindow *window)
{
  g_autoptr (GError) error = NULL;
  YkSession *session = yk_session_open (db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, &error);

  if (session == NULL || !yk_demo_fill (session, 1, YK_DEMO_PILOT, &error))
    g_error ("%s", error->message);
  yk_session_close (session);
  g_signal_connect (window, "notify::session", G_CALLBACK (caseload_unlocked_cb), NULL);
  if (g_str_equal (mode, "caseload-worker"))
    ui_test_unlock (window, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  else
    ui_test_unlock (window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
}

/* --- end of caseload --- */

/* Statistics (统计报表): the demo data, 2021Q4, as the coordinator. */
static gboolean
statistics_ready_cb (gpointer user_data)
{
  YkWindow *window = user_data;
  GtkWidget *main_view = gtk_stack_get_child_by_name (GTK_STACK (gtk_window_get_child (GTK_WINDOW (window))), "main");
  GtkStack *stack;
  YkStatisticsPage *page;
  YkWorkloadView *workload;

  if (main_view == NULL)
    return G_SOURCE_CONTINUE;
  stack = GTK_STACK (ui_test_child (main_view, YK_TYPE_MAIN_VIEW, "stack"));
  gtk_stack_set_visible_child_name (stack, "statistics");
  page = YK_STATISTICS_PAGE (gtk_stack_get_visible_child (stack));
  if (yk_statistics_page_get_statistics (page) == NULL || yk_statistics_page_get_loading (page))
    return G_SOURCE_CONTINUE;
  /* The 工作量 tab's figures come from a load of their own. */
  workload = YK_WORKLOAD_VIEW (ui_test_child (page, YK_TYPE_STATISTICS_PAGE, "workload_view"));
  if (g_str_has_prefix (mode, "statistics-workload"))
    {
      gtk_stack_set_visible_child_name (GTK_STACK (ui_test_child (page, YK_TYPE_STATISTICS_PAGE, "view_stack")),
                                        "workload");
      if (yk_workload_view_get_workload (workload) == NULL || yk_workload_view_get_loading (workload))
        return G_SOURCE_CONTINUE;
    }
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
  if (g_str_has_prefix (mode, "statistics-workload"))
    {
      if (g_str_equal (mode, "statistics-workload-records"))
        gtk_widget_activate_action (GTK_WIDGET (workload), "workload.show-records", "(ixxs)", (int) YK_WORKLOAD_ATTENDANCES, (gint64) 0,
                                    (gint64) 0, "合计");
      else if (g_str_equal (mode, "statistics-workload-training"))
        gtk_widget_activate_action (GTK_WIDGET (workload), "workload.show-training", "(bxxs)", FALSE, (gint64) 0,
                                    (gint64) 0, "合计");
    }
  if (g_str_equal (mode, "statistics-range"))
    {
      gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_child (page, YK_TYPE_STATISTICS_PAGE, "period_kind_dropdown")), 2);
      gtk_editable_set_text (GTK_EDITABLE (ui_test_child (page, YK_TYPE_STATISTICS_PAGE, "from_entry")), "7.1");
    }
  return G_SOURCE_REMOVE;
}


/* --- activities and questionnaires --- */

#include "yk-activities-page.h"
#include "yk-activity-dialog.h"
#include "yk-activity-item.h"
#include "yk-questionnaires-page.h"

static gboolean
activities_ready_cb (gpointer user_data)
{
  YkWindow *window = user_data;
  GtkWidget *main_view = gtk_stack_get_child_by_name (GTK_STACK (gtk_window_get_child (GTK_WINDOW (window))), "main");
  static YkActivityDialog *dialog = NULL;
  GtkStack *stack;
  GtkWidget *page;

  if (main_view == NULL)
    return G_SOURCE_CONTINUE;
  stack = GTK_STACK (ui_test_child (main_view, YK_TYPE_MAIN_VIEW, "stack"));
  gtk_stack_set_visible_child_name (stack, g_str_equal (mode, "questionnaires") ? "questionnaires" : "activities");
  page = gtk_stack_get_visible_child (stack);
  if (g_str_equal (mode, "questionnaires"))
    {
      gtk_editable_set_text (GTK_EDITABLE (ui_test_child (page, YK_TYPE_QUESTIONNAIRES_PAGE, "date_entry")), "2021-11-23");
      gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_child (page, YK_TYPE_QUESTIONNAIRES_PAGE, "kind_dropdown")), 1);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_child (page, YK_TYPE_QUESTIONNAIRES_PAGE, "respondent_dropdown")), 2);
      gtk_widget_activate_action (page, "questionnaires.save", NULL);
      gtk_widget_activate_action (page, "questionnaires.save", NULL);
    }
  if (!g_str_equal (mode, "activity-dialog") && !g_str_equal (mode, "activity-edit"))
    return G_SOURCE_REMOVE;
  if (dialog == NULL && g_list_model_get_n_items (yk_activities_page_get_model (YK_ACTIVITIES_PAGE (page))) == 0)
    return G_SOURCE_CONTINUE;
  if (dialog == NULL && g_str_equal (mode, "activity-edit"))
    {
      g_autoptr (YkActivityItem) item = g_list_model_get_item (yk_activities_page_get_model (YK_ACTIVITIES_PAGE (page)), 0);

      gtk_widget_activate_action (page, "activities.open", "x", yk_activity_item_get_row (item)->id);
      dialog = YK_ACTIVITY_DIALOG (yk_activities_page_get_dialog (YK_ACTIVITIES_PAGE (page)));
      return G_SOURCE_CONTINUE;
    }
  if (dialog == NULL)
    {
      gtk_widget_activate_action (page, "activities.record", NULL);
      dialog = YK_ACTIVITY_DIALOG (yk_activities_page_get_dialog (YK_ACTIVITIES_PAGE (page)));
      gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_ACTIVITY_DIALOG, "title_entry")), "厨艺小组：包饺子");
      gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_ACTIVITY_DIALOG, "facilitator_entry")), "李社工");
      gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_child (dialog, YK_TYPE_ACTIVITY_DIALOG, "category_dropdown")), 1);
      return G_SOURCE_CONTINUE;
    }
  if (yk_activity_dialog_get_loading (dialog))
    return G_SOURCE_CONTINUE;
  if (g_str_equal (mode, "activity-edit"))
    {
      GtkWidget *title = ui_test_child (dialog, YK_TYPE_ACTIVITY_DIALOG, "title_entry");
      g_autofree char *changed = g_strconcat (gtk_editable_get_text (GTK_EDITABLE (title)), "（改期）", NULL);
      GtkListBox *list = GTK_LIST_BOX (ui_test_child (dialog, YK_TYPE_ACTIVITY_DIALOG, "people_list"));

      gtk_editable_set_text (GTK_EDITABLE (title), changed);
      for (int i = 0; gtk_list_box_get_row_at_index (list, i) != NULL; i++)
        {
          GtkCheckButton *check = GTK_CHECK_BUTTON (gtk_list_box_row_get_child (gtk_list_box_get_row_at_index (list, i)));

          if (!gtk_check_button_get_active (check))
            {
              gtk_check_button_set_active (check, TRUE);
              break;
            }
        }
      return G_SOURCE_REMOVE;
    }
  {
    GtkListBox *list = GTK_LIST_BOX (ui_test_child (dialog, YK_TYPE_ACTIVITY_DIALOG, "people_list"));

    for (int i = 0; i < 9; i += 2)
      {
        GtkListBoxRow *row = gtk_list_box_get_row_at_index (list, i);
        if (row != NULL)
          gtk_check_button_set_active (GTK_CHECK_BUTTON (gtk_list_box_row_get_child (row)), TRUE);
      }
    gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_ACTIVITY_DIALOG, "search_entry")), "SPQ");
  }
  return G_SOURCE_REMOVE;
}

static gboolean
activities_preview (YkWindow *window)
{
  if (!g_str_has_prefix (mode, "activit") && !g_str_equal (mode, "questionnaires"))
    return FALSE;
  fill_demo ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 760);
  ui_test_unlock (window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  g_timeout_add (50, activities_ready_cb, window);
  return TRUE;
}

/* --- end of activities and questionnaires --- */

/* --- administration --- */
/*   yk-ui-preview admin           Administration: the accounts, the demo data
 *   yk-ui-preview admin-key       Administration: the accounts, after the key was changed
 *   yk-ui-preview admin-role      Administration: a social worker's role and site
 *   yk-ui-preview admin-remove    Administration: removing a social worker's account, asked first
 *   yk-ui-preview admin-database  Administration: the database checked
 *   yk-ui-preview admin-settings  Administration: settings, 2 周 chosen, a bad threshold refused
 *   yk-ui-preview admin-audit     Administration: the audit trail
 *   yk-ui-preview admin-import    Administration: a ledger workbook with bad rows checked
 *   yk-ui-preview admin-training  Administration: training sessions recorded (invented)
 *   yk-ui-preview admin-training-dialog  Administration: 记录培训…, two attendees ticked */
#include "yk-admin-accounts.h"
#include "yk-admin-database.h"
#include "yk-admin-import.h"
#include "yk-admin-page.h"
#include "yk-admin-settings.h"
#include "yk-admin-training.h"
#include "yk-db-workload.h"
#include "yk-training-dialog.h"

/* Invented sessions for the preview: the first staff of the demo. */
static void
add_preview_training (YkSession *session)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) staff = yk_training_staff (session, &error);
  static const struct
  {
    const char *date;
    const char *title;
    int tenths;
    const char *provider;
    guint first, n;
  } sessions[] = {
    { "2025-03-12", "精神障碍社区康复服务规范", 30, "区精神卫生中心", 0, 4 },
    { "2025-05-20", "危机干预与风险评估", 25, "市社工协会", 1, 3 },
    { "2025-09-08", "个案管理实务督导", 40, NULL, 2, 2 },
  };

  g_assert_no_error (error);
  for (guint i = 0; i < G_N_ELEMENTS (sessions); i++)
    {
      gint64 ids[8];
      guint n = 0;
      YkTrainingRecord r;

      for (guint k = sessions[i].first; k < staff->len && n < sessions[i].n; k++)
        ids[n++] = ((YkWorkloadStaff *) staff->pdata[k])->id;
      r = (YkTrainingRecord) { .date = sessions[i].date, .title = sessions[i].title, .hours_tenths = sessions[i].tenths,
                               .provider = sessions[i].provider, .staff_ids = ids, .n_staff = n };
      if (!yk_training_record (session, &r, NULL, &error))
        g_error ("training: %s", error->message);
    }
}

static gboolean
admin_ready_cb (gpointer user_data)
{
  YkWindow *window = user_data;
  GtkWidget *main_view = gtk_stack_get_child_by_name (GTK_STACK (gtk_window_get_child (GTK_WINDOW (window))), "main");
  GtkStack *stack, *sections;
  GtkWidget *page;

  if (main_view == NULL)
    return G_SOURCE_CONTINUE;
  stack = GTK_STACK (ui_test_child (main_view, YK_TYPE_MAIN_VIEW, "stack"));
  gtk_stack_set_visible_child_name (stack, "administration");
  page = gtk_stack_get_visible_child (stack);
  sections = GTK_STACK (ui_test_child (page, YK_TYPE_ADMIN_PAGE, "sections"));
  if (g_str_equal (mode, "admin-database"))
    {
      gtk_stack_set_visible_child_name (sections, "database");
      gtk_widget_activate_action (ui_test_child (page, YK_TYPE_ADMIN_PAGE, "database"), "admin.verify", NULL);
    }
  else if (g_str_equal (mode, "admin-import"))
    {
      g_autofree char *path = g_build_filename (db.dir, "台账.xlsx", NULL);
      GtkWidget *import = ui_test_child (page, YK_TYPE_ADMIN_PAGE, "import");
      lxw_workbook *wb = workbook_new (path);
      lxw_worksheet *notes = workbook_add_worksheet (wb, "说明");
      lxw_worksheet *clients = workbook_add_worksheet (wb, "服务对象");
      lxw_worksheet *contacts = workbook_add_worksheet (wb, "服务记录");
      lxw_format *date = workbook_add_format (wb);
      const char *header[] = { "个案编号", "姓名", "站点", "联系电话", "建档日期", "知情同意日期", "入组时病情稳定", NULL };
      const char *rows[][4] = { { "SPQ-901", "测试甲", "SPQ", "是" }, { "SPQ-902", "测试乙", "SPQ", "是" },
                                { "SPQ-903", "测试丙", "XX", "否" } };
      lxw_datetime days[] = { { 2021, 1, 5, 0, 0, 0 }, { 2021, 2, 3, 0, 0, 0 }, { 2031, 1, 5, 0, 0, 0 } };

      /* Invented data: a workbook as a social worker keeps it, with
       * dates as dates and phone numbers typed as numbers. */
      format_set_num_format (date, "yyyy-mm-dd");
      worksheet_write_string (notes, 0, 0, "说明：本工作簿为演示数据", NULL);
      for (lxw_col_t c = 0; header[c]; c++)
        worksheet_write_string (clients, 0, c, header[c], NULL);
      for (lxw_row_t r = 0; r < 3; r++)
        {
          worksheet_write_string (clients, r + 1, 0, rows[r][0], NULL);
          worksheet_write_string (clients, r + 1, 1, rows[r][1], NULL);
          worksheet_write_string (clients, r + 1, 2, rows[r][2], NULL);
          worksheet_write_number (clients, r + 1, 3, 13800001230.0 + r, NULL);
          worksheet_write_datetime (clients, r + 1, 4, &days[r], date);
          worksheet_write_datetime (clients, r + 1, 5, &days[0], date);
          worksheet_write_string (clients, r + 1, 6, rows[r][3], NULL);
        }
      worksheet_write_string (contacts, 0, 0, "个案编号", NULL);
      worksheet_write_string (contacts, 0, 1, "类型", NULL);
      worksheet_write_string (contacts, 0, 2, "日期", NULL);
      worksheet_write_string (contacts, 1, 0, "SPQ-901", NULL);
      worksheet_write_string (contacts, 1, 1, "家访", NULL);
      worksheet_write_datetime (contacts, 1, 2, &days[1], date);
      workbook_close (wb);
      gtk_stack_set_visible_child_name (sections, "import");
      yk_admin_import_set_folder (YK_ADMIN_IMPORT (import), path);
      gtk_widget_activate_action (import, "admin.import-check", NULL);
    }
  else if (g_str_has_prefix (mode, "admin-training"))
    {
      GtkWidget *training = ui_test_child (page, YK_TYPE_ADMIN_PAGE, "training");

      add_preview_training (yk_unlocked_session_get_session (yk_window_get_session (window)));
      gtk_stack_set_visible_child_name (sections, "training");
      yk_admin_training_load (YK_ADMIN_TRAINING (training));
      if (g_str_equal (mode, "admin-training-dialog"))
        {
          YkTrainingDialog *dialog;
          g_autoptr (GPtrArray) staff = yk_training_staff (
            yk_unlocked_session_get_session (yk_window_get_session (window)), NULL);

          gtk_widget_activate_action (training, "training.record", NULL);
          dialog = YK_TRAINING_DIALOG (yk_admin_training_get_dialog (YK_ADMIN_TRAINING (training)));
          gtk_editable_set_text (GTK_EDITABLE (ui_test_child (GTK_WIDGET (dialog), YK_TYPE_TRAINING_DIALOG,
                                                              "title_entry")), "严重精神障碍患者服务规范");
          gtk_editable_set_text (GTK_EDITABLE (ui_test_child (GTK_WIDGET (dialog), YK_TYPE_TRAINING_DIALOG,
                                                              "provider_entry")), "区精神卫生中心");
          gtk_spin_button_set_value (GTK_SPIN_BUTTON (ui_test_child (GTK_WIDGET (dialog), YK_TYPE_TRAINING_DIALOG,
                                                                     "hours_spin")), 2.5);
          for (guint i = 0; i < staff->len && i < 2; i++)
            yk_training_dialog_set_attendee (dialog, ((YkWorkloadStaff *) staff->pdata[i])->id, TRUE);
        }
    }
  else if (g_str_equal (mode, "admin-audit"))
    gtk_stack_set_visible_child_name (sections, "audit");
  else if (g_str_equal (mode, "admin-settings"))
    {
      GtkWidget *settings = ui_test_child (page, YK_TYPE_ADMIN_PAGE, "settings");

      gtk_stack_set_visible_child_name (sections, "settings");
      gtk_spin_button_set_value (GTK_SPIN_BUTTON (ui_test_child (settings, YK_TYPE_ADMIN_SETTINGS, "basically_stable_amount")), 2);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_child (settings, YK_TYPE_ADMIN_SETTINGS, "basically_stable_unit")), 1);
      gtk_editable_set_text (GTK_EDITABLE (ui_test_child (settings, YK_TYPE_ADMIN_SETTINGS, "threshold_entry")), "0");
      gtk_widget_activate_action (settings, "admin.save-settings", NULL);
    }
  else if (g_str_equal (mode, "admin-role"))
    gtk_widget_activate_action (ui_test_child (page, YK_TYPE_ADMIN_PAGE, "accounts"), "admin.edit-role", "s",
                                UI_TEST_WORKER);
  else if (g_str_equal (mode, "admin-remove"))
    gtk_widget_activate_action (ui_test_child (page, YK_TYPE_ADMIN_PAGE, "accounts"), "admin.remove-account", "s",
                                UI_TEST_WORKER);
  else if (g_str_equal (mode, "admin-key"))
    {
      GtkWidget *accounts = ui_test_child (page, YK_TYPE_ADMIN_PAGE, "accounts");

      gtk_widget_activate_action (accounts, "admin.rotate-key", NULL);
      gtk_widget_activate_action (GTK_WIDGET (yk_admin_accounts_get_confirm_dialog (YK_ADMIN_ACCOUNTS (accounts))),
                                  "confirm.accept", NULL);
    }
  else
    {
      GtkWidget *accounts = ui_test_child (page, YK_TYPE_ADMIN_PAGE, "accounts");

      gtk_editable_set_text (GTK_EDITABLE (ui_test_child (accounts, YK_TYPE_ADMIN_ACCOUNTS, "add_account_entry")), "zhao");
      gtk_editable_set_text (GTK_EDITABLE (ui_test_child (accounts, YK_TYPE_ADMIN_ACCOUNTS, "add_name_entry")), "赵六");
      gtk_editable_set_text (GTK_EDITABLE (ui_test_child (accounts, YK_TYPE_ADMIN_ACCOUNTS, "add_password_entry")), "short");
    }
  return G_SOURCE_REMOVE;
}

static gboolean
admin_preview (YkWindow *window)
{
  if (!g_str_has_prefix (mode, "admin"))
    return FALSE;
  fill_demo ();
  gtk_window_set_default_size (GTK_WINDOW (window), 1100, 860);
  ui_test_unlock (window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  g_timeout_add (50, admin_ready_cb, window);
  return TRUE;
}

/* --- end of administration --- */

/* --- preferences --- */

/* Preferences (首选项) over the caseload, as the coordinator with full
 * names on; `caseload-unmasked` is the caseload that follows from it. */
static gboolean
preferences_ready_cb (gpointer user_data)
{
  YkWindow *window = user_data;

  if (yk_window_get_session (window) == NULL)
    return G_SOURCE_CONTINUE;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.preferences", NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
preferences_preview (YkWindow *window)
{
  g_autoptr (GSettings) settings = NULL;

  if (!g_str_equal (mode, "preferences") && !g_str_equal (mode, "caseload-unmasked"))
    return FALSE;
  settings = g_settings_new (APPLICATION_ID);
  g_settings_set_boolean (settings, "show-full-names", TRUE);
  if (g_str_equal (mode, "caseload-unmasked"))
    {
      preview_caseload (window);
      return TRUE;
    }
  fill_demo ();
  ui_test_unlock (window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  g_timeout_add (50, preferences_ready_cb, window);
  return TRUE;
}

/* Change Password as a social worker, from the window's menu. */
static gboolean
own_password_ready_cb (gpointer user_data)
{
  YkWindow *window = user_data;

  if (yk_window_get_session (window) == NULL)
    return G_SOURCE_CONTINUE;
  gtk_widget_activate_action (GTK_WIDGET (window), "win.change-password", NULL);
  return G_SOURCE_REMOVE;
}

static gboolean
own_password_preview (YkWindow *window)
{
  if (!g_str_equal (mode, "change-password"))
    return FALSE;
  fill_demo ();
  ui_test_unlock (window, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  g_timeout_add (50, own_password_ready_cb, window);
  return TRUE;
}

/* --- end of preferences --- */

/* --- attachments --- */

static gboolean
attachment_preview (YkWindow *window)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) content = NULL;
  YkAttachmentViewer *viewer;
  gboolean pdf = g_str_equal (mode, "attachment-pdf");

  if (!g_str_has_prefix (mode, "attachment"))
    return FALSE;
  content = pdf ? ui_test_sample_sheet_pdf () : ui_test_sample_sheet_png ();
  viewer = yk_attachment_viewer_new_for_bytes (pdf ? "签到表.pdf" : "签到表 2021-11-03.png",
                                               pdf ? YK_MEDIA_TYPE_PDF : YK_MEDIA_TYPE_PNG, content, &error);
  if (viewer == NULL)
    g_error ("%s", error->message);
  gtk_window_set_application (GTK_WINDOW (viewer), gtk_window_get_application (GTK_WINDOW (window)));
  gtk_window_set_default_size (GTK_WINDOW (viewer), 900, 1000);
  if (pdf)
    {
      gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.next-page", NULL);
      gtk_widget_activate_action (GTK_WIDGET (viewer), "viewer.zoom-in", NULL);
    }
  gtk_window_destroy (GTK_WINDOW (window));
  gtk_window_present (GTK_WINDOW (viewer));
  return TRUE;
}

/* --- end of attachments --- */

static void
activate_cb (GApplication *app)
{
  YkWindow *window = YK_WINDOW (gtk_application_get_active_window (GTK_APPLICATION (app)));

  if (attachment_preview (window))
    return;
  if (today_preview (window))
    return;
  if (record_mode (window))
    return;
  if (admin_preview (window))
    return;
  if (activities_preview (window))
    return;
  if (preferences_preview (window))
    return;
  if (own_password_preview (window))
    return;

  if (g_str_equal (mode, "unlock"))
    ui_test_unlock (window, db.path, UI_TEST_COORDINATOR, "wrong password");
  else if (g_str_equal (mode, "forgot-password"))
    {
      GtkWidget *page = ui_test_child (window, YK_TYPE_WINDOW, "unlock_page");

      yk_window_set_database (window, db.path);
      yk_unlock_page_set_user_name (YK_UNLOCK_PAGE (page), UI_TEST_WORKER);
      gtk_widget_activate_action (page, "unlock.forgot", NULL);
    }
  else if (g_str_equal (mode, "main"))
    ui_test_unlock (window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  else if (g_str_equal (mode, "worker"))
    ui_test_unlock (window, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  else if (g_str_has_prefix (mode, "case-file") || g_str_has_prefix (mode, "consent"))
    open_case_file (window);
  else if (g_str_has_prefix (mode, "caseload"))
    preview_caseload (window);
  else if (g_str_has_prefix (mode, "district"))
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *parent = g_path_get_dirname (db.path);
      g_autofree char *folder = g_build_filename (parent, "district", NULL);
      g_autofree char *sites = g_build_filename (parent, "sites", NULL);
      g_autoptr (GPtrArray) files = NULL;
      YkSession *session;

      /* The demo split into its two site files, and their snapshots. */
      fill_demo ();
      g_mkdir (folder, 0700);
      g_mkdir (sites, 0700);
      session = yk_session_open (db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, &error);
      if (session == NULL || !yk_session_split (session, sites, &files, &error))
        g_error ("%s", error->message);
      yk_session_close (session);
      for (guint i = 0; i < files->len; i++)
        {
          const YkSplitFile *file = files->pdata[i];

          session = yk_session_open (file->path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, &error);
          if (session == NULL || !yk_session_snapshot (session, folder, NULL, &error))
            g_error ("%s", error->message);
          yk_session_close (session);
        }
      gtk_window_set_default_size (GTK_WINDOW (window), 1260, 1040);
      ui_test_unlock (window, folder, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
      if (g_str_equal (mode, "district"))
        g_timeout_add (50, statistics_ready_cb, window);
    }
  else if (g_str_has_prefix (mode, "statistics"))
    {
      fill_demo ();
      if (g_str_has_prefix (mode, "statistics-workload"))
        fill_training ();
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
  /* As in the tests (tests/meson.build): never load a GL driver. */
  g_setenv ("GDK_DEBUG", "gl-disable", FALSE);
  g_setenv ("GSK_RENDERER", "cairo", FALSE);
  if (argc > 1)
    mode = argv[1];
  if (argc > 2)
    tab = argv[2];

  ui_test_database_make (&db);
  if (g_str_has_prefix (mode, "today"))
    today_fill_database ();
  if (g_str_has_prefix (mode, "record-") || g_str_equal (mode, "date-popover"))
    fill_demo ();
  if (g_str_has_prefix (mode, "case-file") || g_str_has_prefix (mode, "consent"))
    fill_case_file_demo ();
  app = yk_application_new ();
  g_application_set_flags (G_APPLICATION (app), G_APPLICATION_NON_UNIQUE);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), NULL);
  status = g_application_run (G_APPLICATION (app), 1, no_args);
  ui_test_database_remove (&db);
  return status;
}
