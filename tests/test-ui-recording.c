/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "yk-config.h"
#include "ui-test-util.h"
#include "yk-assessment-dialog.h"
#include "yk-casework.h"
#include "yk-client-dialog.h"
#include "yk-contact-dialog.h"
#include "yk-date-entry.h"
#include "yk-db-staff.h"
#include "yk-followup.h"
#include "yk-recording.h"
#include "yk-report.h"
#include "yk-score-choice.h"
#include "yk-validate.h"
#include "yk-void-dialog.h"
#include "yk-family-dialog.h"
#include "yk-main-view.h"
#include "yk-plan-goal-dialog.h"
#include "yk-referral-dialog.h"
#include "yk-toast-private.h"
#include "yk-window-private.h"

#include <string.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkFollowup, yk_followup_free)

static UiTestDatabase db;
static gint64 spq_client;   /* 张小明, at the social worker's site */
static gint64 spq_other;    /* 陈建国, same site */
static gint64 jl_client;    /* 刘芳, at the other site */
static gint64 spq_unstable; /* 吴丽华, found unstable at her last contact */

/* Three service users, added as the coordinator through app/. */
static void
add_clients (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = yk_session_open (db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, &error);
  sqlite3 *conn;
  const struct
  {
    const char *case_no;
    const char *name;
    const char *site;
    gint64 *id;
  } people[] = {
    { "SPQ-0001", "张小明", "SPQ", &spq_client },
    { "SPQ-0002", "陈建国", "SPQ", &spq_other },
    { "JL-0001", "刘芳", "JL", &jl_client },
    { "SPQ-0003", "吴丽华", "SPQ", &spq_unstable },
  };

  g_assert_no_error (error);
  conn = yk_store_get_connection (yk_session_get_store (session));
  for (guint i = 0; i < G_N_ELEMENTS (people); i++)
    {
      YkClientRecord record = {
        .case_no = (char *) people[i].case_no,
        .name = (char *) people[i].name,
        .site_id = yk_db_site_find (conn, people[i].site, NULL),
        .intake_date = (char *) "2021-01-10",
        .consent_date = (char *) "2021-01-10",
        .stable_at_intake = TRUE,
        .risk_level = -1,
        .status = (char *) "active",
      };

      if (people[i].id == &spq_unstable)
        {
          record.phone = (char *) "13800001234";
          record.guardian_name = (char *) "吴国强";
          record.guardian_relation = (char *) "父亲";
          record.guardian_phone = (char *) "13900005678";
        }

      g_assert_cmpint (record.site_id, >, 0);
      g_assert_true (yk_casework_add_client (session, &record, people[i].id, &error));
      g_assert_no_error (error);
    }
}

static char *
today_plus (int days)
{
  GDate date;

  yk_date_today (&date);
  if (days >= 0)
    g_date_add_days (&date, (guint) days);
  else
    g_date_subtract_days (&date, (guint) -days);
  return yk_date_format_iso (&date);
}

static YkSession *
session_of (YkWindow *window)
{
  YkSession *session = yk_unlocked_session_get_session (yk_window_get_session (window));

  g_assert_nonnull (session);
  return session;
}

/* 电话随访 this year so far, as the statistics screen counts them. */
static gint64
phone_followups (YkWindow *window)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *today = today_plus (0);
  g_autofree char *period = g_strdup_printf ("2021-01-01..%s", today);
  g_autoptr (YkReport) report = yk_report_for_session (session_of (window), period, NULL, &error);

  g_assert_no_error (error);
  return report->total[YK_INDICATOR_PHONE_FOLLOWUPS];
}

/* The follow-up list's entry for a person (everyone, due any time). */
static YkFollowup *
followup_of (YkWindow *window,
             gint64    client_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GPtrArray) list = NULL;
  GDate today, horizon;

  yk_date_today (&today);
  g_date_set_dmy (&horizon, 31, 12, 2999);
  list = yk_followup_list (session_of (window), 0, 0, &today, &horizon, &error);
  g_assert_no_error (error);
  for (guint i = 0; i < list->len; i++)
    {
      YkFollowup *item = list->pdata[i];
      if (item->client_id == client_id)
        return g_ptr_array_steal_index (list, i);
    }
  return NULL;
}

static gpointer
find_toplevel (GType type)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GObject) window = g_list_model_get_item (toplevels, i);
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, type))
        return window; /* the toplevels list keeps it */
    }
  return NULL;
}

/* Opens a dialog through the window's action and returns it, with a
 * weak pointer that tells when it is gone. */
static gpointer
open_dialog (YkWindow   *window,
             const char *action,
             GVariant   *parameter,
             GType       type,
             gpointer   *weak)
{
  /* GTK 4.8 does not sink a floating parameter of a widget class action. */
  g_autoptr (GVariant) owned = parameter != NULL ? g_variant_ref_sink (parameter) : NULL;
  gpointer dialog;

  g_assert_null (find_toplevel (type));
  g_assert_true (gtk_widget_activate_action_variant (GTK_WIDGET (window), action, owned));
  dialog = find_toplevel (type);
  g_assert_nonnull (dialog);
  g_assert_true (gtk_window_get_transient_for (GTK_WINDOW (dialog)) == GTK_WINDOW (window));
  g_assert_true (gtk_window_get_modal (GTK_WINDOW (dialog)));
  *weak = dialog;
  g_object_add_weak_pointer (G_OBJECT (dialog), weak);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  return dialog;
}

static GtkWidget *
contact_child (gpointer    dialog,
               const char *name)
{
  return ui_test_child (dialog, YK_TYPE_CONTACT_DIALOG, name);
}

static const char *
entry_text (gpointer    dialog,
            GType       type,
            const char *name)
{
  return gtk_editable_get_text (GTK_EDITABLE (ui_test_child (dialog, type, name)));
}

static void
set_entry (gpointer    dialog,
           GType       type,
           const char *name,
           const char *text)
{
  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, type, name)), text);
}

static void
select_item (gpointer    dialog,
             GType       type,
             const char *name,
             guint       position)
{
  gtk_drop_down_set_selected (GTK_DROP_DOWN (ui_test_child (dialog, type, name)), position);
}

static const char *
selected_string (gpointer    dialog,
                 GType       type,
                 const char *name)
{
  GObject *item = gtk_drop_down_get_selected_item (GTK_DROP_DOWN (ui_test_child (dialog, type, name)));

  g_assert_true (GTK_IS_STRING_OBJECT (item));
  return gtk_string_object_get_string (GTK_STRING_OBJECT (item));
}

static char *
view_text (GtkWidget *view)
{
  GtkTextBuffer *buffer = gtk_text_view_get_buffer (GTK_TEXT_VIEW (view));
  GtkTextIter start, end;

  gtk_text_buffer_get_bounds (buffer, &start, &end);
  return gtk_text_buffer_get_text (buffer, &start, &end, FALSE);
}

typedef struct
{
  guint count;
  gint64 client_id;
} Changes;

static void
records_changed_cb (YkUnlockedSession *session,
                    gint64             client_id,
                    Changes           *changes)
{
  changes->count++;
  changes->client_id = client_id;
}

static void
watch_changes (YkWindow *window,
               Changes  *changes)
{
  *changes = (Changes){ 0 };
  g_signal_connect (yk_window_get_session (window), "records-changed", G_CALLBACK (records_changed_cb), changes);
}

static void
unwatch_changes (YkWindow *window,
                 Changes  *changes)
{
  if (yk_window_get_session (window) != NULL)
    g_signal_handlers_disconnect_by_data (yk_window_get_session (window), changes);
}

/* The newest audit entry is `action` on the service user `client_id`. */
static void
assert_last_audit (YkWindow   *window,
                   const char *action,
                   gint64      client_id)
{
  sqlite3 *conn = yk_store_get_connection (yk_session_get_store (session_of (window)));
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (conn, "SELECT action, record_table, record_id FROM audit ORDER BY id DESC LIMIT 1",
                                       -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, action);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 1), ==, "clients");
  g_assert_cmpint (sqlite3_column_int64 (stmt, 2), ==, client_id);
  sqlite3_finalize (stmt);
}

static void
clipboard_read_cb (GObject      *source,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  char **text = user_data;

  *text = gdk_clipboard_read_text_finish (GDK_CLIPBOARD (source), result, NULL);
  if (*text == NULL)
    *text = g_strdup ("");
}

/* What the clipboard holds now (freed at the next call). */
static const char *
clipboard_text (GtkWidget *widget)
{
  static char *text;

  g_clear_pointer (&text, g_free);
  gdk_clipboard_read_text_async (gtk_widget_get_clipboard (widget), NULL, clipboard_read_cb, &text);
  ui_test_spin_until (text != NULL);
  return text;
}

/* Locked, the record.* actions are off: a button bound to one is
 * insensitive and nothing opens; unlocked, they are on. */
static void
test_actions_need_unlock (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_window (app);
  GtkWidget *button = gtk_button_new ();

  gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "record.phone");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", spq_client);
  gtk_widget_set_visible (button, FALSE);
  gtk_widget_set_parent (button, GTK_WIDGET (window));
  g_assert_false (gtk_widget_is_sensitive (button));
  gtk_widget_activate_action (GTK_WIDGET (window), "record.phone", "x", spq_client);
  gtk_widget_activate_action (GTK_WIDGET (window), "record.new-client", NULL);
  g_assert_null (find_toplevel (YK_TYPE_CONTACT_DIALOG));
  g_assert_null (find_toplevel (YK_TYPE_CLIENT_DIALOG));

  ui_test_unlock_and_wait (window, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  g_assert_true (gtk_widget_is_sensitive (button));
  gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL);
  g_assert_false (gtk_widget_is_sensitive (button));

  gtk_widget_unparent (button);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The quick path: the dialog opens with today, me and "reached", the
 * focus where Enter saves, the condition and risk level beside them. A
 * first call has no state to start from: Enter asks for the condition,
 * and once it and the risk level are chosen, saves one call that the
 * due list and the figures count. */
static void
test_phone_defaults (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  g_autofree char *today = today_plus (0);
  g_autofree char *proposed = NULL;
  g_autoptr (YkFollowup) before = followup_of (window, spq_client);
  g_autoptr (YkFollowup) after = NULL;
  gint64 phone_before = phone_followups (window);
  GtkWidget *dialog = NULL;
  Changes changes;

  g_assert_nonnull (before);
  g_assert_null (before->last_contact);
  dialog = open_dialog (window, "record.phone", g_variant_new_int64 (spq_client), YK_TYPE_CONTACT_DIALOG,
                        (gpointer *) &dialog);
  g_assert_cmpstr (yk_contact_dialog_get_contact_type (YK_CONTACT_DIALOG (dialog)), ==, "phone");
  g_assert_cmpstr (entry_text (dialog, YK_TYPE_CONTACT_DIALOG, "date_entry"), ==, today);
  g_assert_cmpstr (selected_string (dialog, YK_TYPE_CONTACT_DIALOG, "worker_dropdown"), ==, "李社工");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (contact_child (dialog, "reached_check"))));
  g_assert_false (gtk_widget_get_visible (contact_child (dialog, "unreached_entry")));
  g_assert_true (gtk_root_get_focus (GTK_ROOT (dialog)) == contact_child (dialog, "reached_check"));
  g_assert_true (gtk_window_get_default_widget (GTK_WINDOW (dialog)) == contact_child (dialog, "save_button"));
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (contact_child (dialog, "details_expander"))));
  g_assert_false (yk_contact_dialog_get_checklist_shown (YK_CONTACT_DIALOG (dialog)));
  g_assert_false (gtk_widget_is_ancestor (contact_child (dialog, "condition_dropdown"),
                                          contact_child (dialog, "details_expander")));
  g_assert_false (gtk_widget_is_ancestor (contact_child (dialog, "risk_dropdown"),
                                          contact_child (dialog, "details_expander")));
  g_assert_false (gtk_widget_is_ancestor (contact_child (dialog, "notes_view"),
                                          contact_child (dialog, "details_expander")));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (contact_child (dialog, "condition_dropdown"))), ==, 0);
  /* The full name in the title bar, the task needs it; opening the form
   * is written to the audit trail as opening the case file is. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (contact_child (dialog, "subtitle_label"))), ==, "张小明 · SPQ-0001");
  assert_last_audit (window, "open_case", spq_client);
  proposed = g_strdup (entry_text (dialog, YK_TYPE_CONTACT_DIALOG, "next_date_entry"));
  g_assert_cmpstr (proposed, >, today);

  /* Not reached: the reason field appears and the person's state goes
   * (nothing was observed), and back. */
  gtk_check_button_set_active (GTK_CHECK_BUTTON (contact_child (dialog, "reached_check")), FALSE);
  g_assert_true (gtk_widget_get_visible (contact_child (dialog, "unreached_entry")));
  g_assert_false (gtk_widget_get_visible (contact_child (dialog, "condition_dropdown")));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (contact_child (dialog, "reached_check")), TRUE);
  g_assert_false (gtk_widget_get_visible (contact_child (dialog, "unreached_entry")));
  g_assert_true (gtk_widget_get_visible (contact_child (dialog, "condition_dropdown")));

  watch_changes (window, &changes);
  ui_test_press_shortcut (contact_child (dialog, "reached_check"), "Return");
  g_assert_nonnull (dialog);
  g_assert_cmpuint (changes.count, ==, 0);
  g_assert_nonnull (yk_contact_dialog_get_error (YK_CONTACT_DIALOG (dialog), "condition"));
  select_item (dialog, YK_TYPE_CONTACT_DIALOG, "condition_dropdown", 1); /* 稳定 */
  ui_test_press_shortcut (contact_child (dialog, "reached_check"), "Return");
  g_assert_nonnull (dialog);
  g_assert_nonnull (yk_contact_dialog_get_error (YK_CONTACT_DIALOG (dialog), "risk_level"));
  g_assert_cmpuint (changes.count, ==, 0);
  select_item (dialog, YK_TYPE_CONTACT_DIALOG, "risk_dropdown", 1); /* level 0 */
  ui_test_press_shortcut (contact_child (dialog, "reached_check"), "Return");
  g_assert_null (dialog);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpint (changes.client_id, ==, spq_client);
  unwatch_changes (window, &changes);

  g_assert_cmpint (phone_followups (window), ==, phone_before + 1);
  after = followup_of (window, spq_client);
  g_assert_cmpstr (after->last_contact, ==, today);
  {
    g_autofree char *due = yk_date_format_iso (&after->due);
    g_assert_cmpstr (due, ==, proposed);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Finding 1 of the field test: a quick call for someone found unstable
 * at their last visit erased that state. The form now starts from it: the
 * condition, the risk level and the checklist are there, the next date is
 * two weeks away, and Enter keeps the person at risk. */
static void
test_quick_call_keeps_state (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  g_autofree char *yesterday = today_plus (-1);
  g_autofree char *in_two_weeks = today_plus (14);
  g_autoptr (YkFollowup) after = NULL;
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog = NULL;
  YkContactRecord visit = { .client_id = spq_unstable, .type = (char *) "home_visit", .date = yesterday,
                            .reached = TRUE, .duration_min = -1, .risk_level = 3,
                            .condition = (char *) "unstable" };

  g_assert_true (yk_casework_add_contact (session_of (window), &visit, NULL, &error));
  g_assert_no_error (error);

  dialog = open_dialog (window, "record.phone", g_variant_new_int64 (spq_unstable), YK_TYPE_CONTACT_DIALOG,
                        (gpointer *) &dialog);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (contact_child (dialog, "condition_dropdown"))), ==, 3);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (contact_child (dialog, "risk_dropdown"))), ==, 4);
  g_assert_true (gtk_widget_get_visible (contact_child (dialog, "condition_dropdown")));
  g_assert_true (yk_contact_dialog_get_checklist_shown (YK_CONTACT_DIALOG (dialog)));
  g_assert_cmpstr (entry_text (dialog, YK_TYPE_CONTACT_DIALOG, "next_date_entry"), ==, in_two_weeks);
  g_assert_false (gtk_expander_get_expanded (GTK_EXPANDER (contact_child (dialog, "details_expander"))));

  /* Whom to call, and a button that copies the number. */
  g_assert_true (gtk_widget_get_visible (contact_child (dialog, "phones_box")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (contact_child (dialog, "phone_label"))), "13800001234"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (contact_child (dialog, "guardian_label"))), "吴国强"));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (contact_child (dialog, "guardian_label"))), "13900005678"));
  g_signal_emit_by_name (contact_child (dialog, "copy_guardian_button"), "clicked");
  g_assert_cmpstr (clipboard_text (contact_child (dialog, "copy_guardian_button")), ==, "13900005678");

  ui_test_press_shortcut (contact_child (dialog, "reached_check"), "Return");
  g_assert_null (dialog);

  after = followup_of (window, spq_unstable);
  g_assert_nonnull (after);
  g_assert_true (after->at_risk);
  g_assert_cmpstr (after->condition, ==, "unstable");
  g_assert_cmpint (after->risk_level, ==, 3);
  {
    g_autofree char *due = yk_date_format_iso (&after->due);
    g_assert_cmpstr (due, ==, in_two_weeks);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* 不稳定 or risk 3+: the checklist appears and the next date comes
 * forward to the rules' two weeks; what is saved is at risk. */
static void
test_unstable_checklist (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  g_autofree char *in_two_weeks = today_plus (14);
  g_autofree char *stable_date = NULL;
  g_autoptr (YkFollowup) after = NULL;
  GtkWidget *dialog = NULL;
  GType type = YK_TYPE_CONTACT_DIALOG;

  dialog = open_dialog (window, "record.visit", g_variant_new_int64 (spq_other), type, (gpointer *) &dialog);
  g_assert_cmpstr (yk_contact_dialog_get_contact_type (YK_CONTACT_DIALOG (dialog)), ==, "home_visit");
  gtk_expander_set_expanded (GTK_EXPANDER (contact_child (dialog, "details_expander")), TRUE);

  select_item (dialog, type, "condition_dropdown", 1); /* 稳定 */
  stable_date = g_strdup (entry_text (dialog, type, "next_date_entry"));
  g_assert_false (yk_contact_dialog_get_checklist_shown (YK_CONTACT_DIALOG (dialog)));
  g_assert_cmpstr (stable_date, >, in_two_weeks);

  select_item (dialog, type, "condition_dropdown", 3); /* 不稳定 */
  g_assert_true (yk_contact_dialog_get_checklist_shown (YK_CONTACT_DIALOG (dialog)));
  g_assert_cmpstr (entry_text (dialog, type, "next_date_entry"), ==, in_two_weeks);

  /* Back to 稳定, then risk level 3 alone shows it too. */
  select_item (dialog, type, "condition_dropdown", 1);
  g_assert_false (yk_contact_dialog_get_checklist_shown (YK_CONTACT_DIALOG (dialog)));
  g_assert_cmpstr (entry_text (dialog, type, "next_date_entry"), ==, stable_date);
  select_item (dialog, type, "risk_dropdown", 4); /* level 3 */
  g_assert_true (yk_contact_dialog_get_checklist_shown (YK_CONTACT_DIALOG (dialog)));
  select_item (dialog, type, "risk_dropdown", 3); /* level 2 */
  g_assert_false (yk_contact_dialog_get_checklist_shown (YK_CONTACT_DIALOG (dialog)));

  /* A date the person wrote is theirs: the condition no longer moves it. */
  set_entry (dialog, type, "next_date_entry", "2099/1/2");
  select_item (dialog, type, "condition_dropdown", 3);
  g_assert_cmpstr (entry_text (dialog, type, "next_date_entry"), ==, "2099/1/2");
  set_entry (dialog, type, "next_date_entry", "");
  select_item (dialog, type, "condition_dropdown", 2);
  select_item (dialog, type, "condition_dropdown", 3);
  g_assert_cmpstr (entry_text (dialog, type, "next_date_entry"), ==, in_two_weeks);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (contact_child (dialog, "doctor_check")), TRUE);
  gtk_widget_activate_action (dialog, "form.save", NULL);
  g_assert_null (dialog);

  after = followup_of (window, spq_other);
  g_assert_true (after->at_risk);
  g_assert_cmpstr (after->condition, ==, "unstable");
  {
    g_autofree char *due = yk_date_format_iso (&after->due);
    g_assert_cmpstr (due, ==, in_two_weeks);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An impossible date: the message under the date, the cursor there,
 * everything typed still there, nothing written. */
static void
test_invalid_date_keeps_values (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  gint64 phone_before = phone_followups (window);
  GtkWidget *dialog = NULL;
  GType type = YK_TYPE_CONTACT_DIALOG;
  g_autofree char *notes = NULL;
  Changes changes;

  dialog = open_dialog (window, "record.phone", g_variant_new_int64 (spq_client), type, (gpointer *) &dialog);
  set_entry (dialog, type, "seen_entry", "本人和母亲");
  select_item (dialog, type, "sleep_dropdown", 3);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (contact_child (dialog, "notes_view"))),
                            "最近睡得不好", -1);
  set_entry (dialog, type, "date_entry", "2021-02-30");

  watch_changes (window, &changes);
  gtk_widget_activate_action (dialog, "form.save", NULL);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (changes.count, ==, 0);
  unwatch_changes (window, &changes);

  g_assert_nonnull (yk_contact_dialog_get_error (YK_CONTACT_DIALOG (dialog), "date"));
  g_assert_true (gtk_widget_get_visible (contact_child (dialog, "date_error")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (contact_child (dialog, "date_error"))), ==,
                   yk_contact_dialog_get_error (YK_CONTACT_DIALOG (dialog), "date"));
  g_assert_null (yk_contact_dialog_get_error (YK_CONTACT_DIALOG (dialog), NULL));
  g_assert_true (ui_test_has_focus_within (contact_child (dialog, "date_entry")));
  g_assert_cmpstr (entry_text (dialog, type, "date_entry"), ==, "2021-02-30");
  g_assert_cmpstr (entry_text (dialog, type, "seen_entry"), ==, "本人和母亲");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (contact_child (dialog, "sleep_dropdown"))), ==, 3);
  notes = view_text (contact_child (dialog, "notes_view"));
  g_assert_cmpstr (notes, ==, "最近睡得不好");
  g_assert_cmpint (phone_followups (window), ==, phone_before);

  /* Correcting the date takes its message away; written the Chinese
   * way, it saves. */
  set_entry (dialog, type, "date_entry", "2021年3月5日");
  g_assert_false (gtk_widget_get_visible (contact_child (dialog, "date_error")));
  gtk_widget_activate_action (dialog, "form.save", NULL);
  g_assert_null (dialog);
  g_assert_cmpint (phone_followups (window), ==, phone_before + 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Phone contacts on one day, as the figures count them. */
static gint64
phone_followups_on (YkWindow   *window,
                    const char *iso)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *period = g_strdup_printf ("%s..%s", iso, iso);
  g_autoptr (YkReport) report = yk_report_for_session (session_of (window), period, NULL, &error);

  g_assert_no_error (error);
  return report->total[YK_INDICATOR_PHONE_FOLLOWUPS];
}

/* The date field of every dialog: short forms become ISO when the person
 * leaves the field or presses Enter, the calendar's 今天 writes today,
 * the label names the entry inside, and Enter still saves. */
static void
test_date_entry (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  GtkWidget *dialog = NULL;
  GType type = YK_TYPE_CONTACT_DIALOG;
  GtkWidget *date, *entry, *label, *popover;
  g_autofree char *today = today_plus (0);
  g_autofree char *yesterday = today_plus (-1);
  g_autofree char *december_3 = NULL;
  g_autofree char *january_1 = NULL;
  g_autofree char *proposed = NULL;
  gint64 on_january_1;
  GDate now;

  yk_date_today (&now);
  december_3 = g_strdup_printf ("%04u-12-03", g_date_get_year (&now));
  january_1 = g_strdup_printf ("%04u-01-01", g_date_get_year (&now));
  on_january_1 = phone_followups_on (window, january_1);

  dialog = open_dialog (window, "record.phone", g_variant_new_int64 (spq_unstable), type, (gpointer *) &dialog);
  date = contact_child (dialog, "date_entry");
  g_assert_true (YK_IS_DATE_ENTRY (date));
  entry = yk_date_entry_get_entry (YK_DATE_ENTRY (date));
  {
    GList *labels = gtk_widget_list_mnemonic_labels (date);

    g_assert_cmpuint (g_list_length (labels), ==, 1);
    label = labels->data;
    g_list_free (labels);
  }

  /* The label's mnemonic goes to the entry, which the label names. */
  g_assert_true (gtk_widget_mnemonic_activate (label, FALSE));
  g_assert_true (ui_test_has_focus_within (entry));
  gtk_test_accessible_assert_relation (GTK_ACCESSIBLE (entry), GTK_ACCESSIBLE_RELATION_LABELLED_BY, label, NULL);
  /* The icon-only calendar button says what it does. */
  gtk_test_accessible_assert_property (ui_test_child (date, YK_TYPE_DATE_ENTRY, "button"),
                                       GTK_ACCESSIBLE_PROPERTY_LABEL, "Choose a date");
  /* Words, not a sample date, in grey. */
  g_assert_null (strpbrk (gtk_entry_get_placeholder_text (GTK_ENTRY (entry)), "0"));

  /* 12.3, then the cursor moves on: this year's 3 December, and the
   * contact dialog's "changed" proposes the next date from it. */
  proposed = g_strdup (entry_text (dialog, type, "next_date_entry"));
  gtk_editable_set_text (GTK_EDITABLE (date), "12.3");
  g_assert_cmpstr (entry_text (dialog, type, "date_entry"), ==, "12.3");
  gtk_widget_grab_focus (contact_child (dialog, "reached_check"));
  g_assert_cmpstr (entry_text (dialog, type, "date_entry"), ==, december_3);
  if (g_strcmp0 (december_3, today) != 0)
    g_assert_cmpstr (entry_text (dialog, type, "next_date_entry"), !=, proposed);

  /* Impossible, typed short: left as typed, for the message. */
  gtk_editable_set_text (GTK_EDITABLE (date), "2.30");
  gtk_widget_grab_focus (entry);
  gtk_widget_grab_focus (contact_child (dialog, "reached_check"));
  g_assert_cmpstr (entry_text (dialog, type, "date_entry"), ==, "2.30");

  /* The calendar button: a day, 昨天, 今天. */
  popover = yk_date_entry_get_popover (YK_DATE_ENTRY (date));
  gtk_popover_popup (GTK_POPOVER (popover));
  g_assert_true (gtk_widget_get_visible (popover));
  /* Turning the calendar's month is looking, not choosing: the popover
   * stays and the field keeps its text. */
  {
    GtkWidget *calendar = ui_test_child (date, YK_TYPE_DATE_ENTRY, "calendar");
    GtkWidget *header = gtk_widget_get_first_child (calendar);
    GtkWidget *month_back = header != NULL ? gtk_widget_get_first_child (header) : NULL;
    g_autoptr (GDateTime) shown = gtk_calendar_get_date (GTK_CALENDAR (calendar));
    g_autoptr (GDateTime) turned = NULL;

    g_assert_true (GTK_IS_BUTTON (month_back));
    g_signal_emit_by_name (month_back, "clicked");
    turned = gtk_calendar_get_date (GTK_CALENDAR (calendar));
    g_assert_cmpint (g_date_time_get_month (turned), !=, g_date_time_get_month (shown));
    g_assert_true (gtk_widget_get_visible (popover));
    g_assert_cmpstr (entry_text (dialog, type, "date_entry"), ==, "2.30");

    /* A day chosen is written as ISO, and the popover closes. */
    {
      g_autoptr (GDateTime) day = g_date_time_new_local (2021, 3, 5, 12, 0, 0);

      gtk_calendar_select_day (GTK_CALENDAR (calendar), day);
      g_signal_emit_by_name (calendar, "day-selected");
      g_assert_cmpstr (entry_text (dialog, type, "date_entry"), ==, "2021-03-05");
      g_assert_false (gtk_widget_get_visible (popover));
    }
  }
  gtk_popover_popup (GTK_POPOVER (popover));
  g_signal_emit_by_name (ui_test_child (date, YK_TYPE_DATE_ENTRY, "yesterday_button"), "clicked");
  g_assert_cmpstr (entry_text (dialog, type, "date_entry"), ==, yesterday);
  g_assert_false (gtk_widget_get_visible (popover));
  gtk_popover_popup (GTK_POPOVER (popover));
  g_signal_emit_by_name (ui_test_child (date, YK_TYPE_DATE_ENTRY, "today_button"), "clicked");
  g_assert_cmpstr (entry_text (dialog, type, "date_entry"), ==, today);
  g_assert_false (gtk_widget_get_visible (popover));
  g_assert_true (ui_test_has_focus_within (entry));

  /* Enter in the field: 1.1 is this year's 1 January, and it saves. */
  gtk_editable_set_text (GTK_EDITABLE (date), "1.1");
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (entry)), "activate");
  /* The default button clicks itself after its pressed look. */
  ui_test_spin_until (dialog == NULL);
  g_assert_cmpint (phone_followups_on (window, january_1), ==, on_january_1 + 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* An impossible date typed short: the message under the date names what
 * was typed, nothing is written, the dialog stays. */
static void
test_impossible_short_date (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  gint64 phone_before = phone_followups (window);
  GtkWidget *dialog = NULL;
  GType type = YK_TYPE_CONTACT_DIALOG;
  GtkWidget *date;
  const char *message;

  dialog = open_dialog (window, "record.phone", g_variant_new_int64 (spq_unstable), type, (gpointer *) &dialog);
  date = contact_child (dialog, "date_entry");
  gtk_editable_set_text (GTK_EDITABLE (date), "2.30");
  g_signal_emit_by_name (gtk_editable_get_delegate (GTK_EDITABLE (yk_date_entry_get_entry (YK_DATE_ENTRY (date)))),
                         "activate");
  ui_test_spin_until (yk_contact_dialog_get_error (YK_CONTACT_DIALOG (dialog), "date") != NULL);
  g_assert_nonnull (dialog);
  message = yk_contact_dialog_get_error (YK_CONTACT_DIALOG (dialog), "date");
  g_assert_nonnull (message);
  g_assert_nonnull (strstr (message, "2.30"));
  g_assert_true (gtk_widget_get_visible (contact_child (dialog, "date_error")));
  g_assert_true (gtk_widget_has_css_class (yk_date_entry_get_entry (YK_DATE_ENTRY (date)), "error"));
  g_assert_cmpstr (entry_text (dialog, type, "date_entry"), ==, "2.30");
  g_assert_cmpint (phone_followups (window), ==, phone_before);

  /* Typing again takes the message and the red away. */
  gtk_editable_set_text (GTK_EDITABLE (date), "2.3");
  g_assert_false (gtk_widget_get_visible (contact_child (dialog, "date_error")));
  g_assert_false (gtk_widget_has_css_class (yk_date_entry_get_entry (YK_DATE_ENTRY (date)), "error"));
  gtk_widget_activate_action (dialog, "form.cancel", NULL);
  g_assert_null (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The lock closes the dialog; the same person reopening it for the same
 * service user finds what they typed; Cancel forgets it. */
static void
test_draft_survives_lock (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  gint64 phone_before = phone_followups (window);
  GtkWidget *dialog = NULL;
  GType type = YK_TYPE_CONTACT_DIALOG;
  g_autofree char *notes = NULL;

  dialog = open_dialog (window, "record.phone", g_variant_new_int64 (spq_client), type, (gpointer *) &dialog);
  g_assert_true (YK_IS_DATE_ENTRY (contact_child (dialog, "date_entry")));
  set_entry (dialog, type, "date_entry", "2021/3/6");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (contact_child (dialog, "reached_check")), FALSE);
  set_entry (dialog, type, "unreached_entry", "无人接听");
  gtk_expander_set_expanded (GTK_EXPANDER (contact_child (dialog, "details_expander")), TRUE);
  select_item (dialog, type, "condition_dropdown", 3);
  gtk_text_buffer_set_text (gtk_text_view_get_buffer (GTK_TEXT_VIEW (contact_child (dialog, "notes_view"))),
                            "母亲说他这几天不出门", -1);

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.lock", NULL));
  g_assert_null (dialog);
  g_assert_null (find_toplevel (type));
  ui_test_unlock_and_wait (window, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);

  /* Another service user: a clean form. */
  dialog = open_dialog (window, "record.phone", g_variant_new_int64 (spq_other), type, (gpointer *) &dialog);
  g_assert_cmpstr (entry_text (dialog, type, "unreached_entry"), ==, "");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (contact_child (dialog, "reached_check"))));
  gtk_widget_activate_action (dialog, "form.cancel", NULL);
  g_assert_null (dialog);

  dialog = open_dialog (window, "record.phone", g_variant_new_int64 (spq_client), type, (gpointer *) &dialog);
  g_assert_cmpstr (entry_text (dialog, type, "date_entry"), ==, "2021/3/6");
  g_assert_false (gtk_check_button_get_active (GTK_CHECK_BUTTON (contact_child (dialog, "reached_check"))));
  g_assert_true (gtk_widget_get_visible (contact_child (dialog, "unreached_entry")));
  g_assert_cmpstr (entry_text (dialog, type, "unreached_entry"), ==, "无人接听");
  g_assert_true (gtk_expander_get_expanded (GTK_EXPANDER (contact_child (dialog, "details_expander"))));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (contact_child (dialog, "condition_dropdown"))), ==, 3);
  /* Not reached, nothing observed: no checklist until reached again. */
  g_assert_false (yk_contact_dialog_get_checklist_shown (YK_CONTACT_DIALOG (dialog)));
  gtk_check_button_set_active (GTK_CHECK_BUTTON (contact_child (dialog, "reached_check")), TRUE);
  g_assert_true (yk_contact_dialog_get_checklist_shown (YK_CONTACT_DIALOG (dialog)));
  notes = view_text (contact_child (dialog, "notes_view"));
  g_assert_cmpstr (notes, ==, "母亲说他这几天不出门");

  /* Cancel forgets it: next time, today's defaults. */
  gtk_widget_activate_action (dialog, "form.cancel", NULL);
  g_assert_null (dialog);
  dialog = open_dialog (window, "record.phone", g_variant_new_int64 (spq_client), type, (gpointer *) &dialog);
  g_assert_cmpstr (entry_text (dialog, type, "unreached_entry"), ==, "");
  g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (contact_child (dialog, "reached_check"))));
  gtk_widget_activate_action (dialog, "form.cancel", NULL);
  g_assert_cmpint (phone_followups (window), ==, phone_before);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Another site's person does not exist for a social worker. */
static void
test_other_site_not_found (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  gint64 phone_before = phone_followups (window);
  GtkWidget *dialog = NULL;
  const char *error;
  Changes changes;

  dialog = open_dialog (window, "record.phone", g_variant_new_int64 (jl_client), YK_TYPE_CONTACT_DIALOG,
                        (gpointer *) &dialog);
  error = yk_contact_dialog_get_error (YK_CONTACT_DIALOG (dialog), NULL);
  g_assert_nonnull (error);
  g_assert_nonnull (strstr (error, "no such service user"));
  /* Nothing about them shows: not even the masked name. */
  g_assert_false (gtk_widget_get_visible (contact_child (dialog, "subtitle_label")));

  watch_changes (window, &changes);
  gtk_widget_activate_action (dialog, "form.save", NULL);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (changes.count, ==, 0);
  unwatch_changes (window, &changes);
  g_assert_cmpint (phone_followups (window), ==, phone_before);
  gtk_widget_activate_action (dialog, "form.cancel", NULL);
  g_assert_null (dialog);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
fill_new_client (gpointer dialog, const char *case_no)
{
  GType type = YK_TYPE_CLIENT_DIALOG;

  set_entry (dialog, type, "case_no_entry", case_no);
  set_entry (dialog, type, "name_entry", "周同名");
  set_entry (dialog, type, "birth_date_entry", "1970-01-01");
  select_item (dialog, type, "diagnosis_dropdown", 1);
  set_entry (dialog, type, "intake_date_entry", "2021-04-01");
  set_entry (dialog, type, "consent_date_entry", "2021-04-01");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_test_child (dialog, type, "stable_check")), TRUE);
}

/* The intake check: the same name and birth date as a case on file is
 * shown with that case before a new one is made — 打开 opens it, a
 * reason makes the new one for a true namesake. */
static void
test_new_client_duplicate (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  g_autoptr (GError) error = NULL;
  GtkWidget *dialog = NULL;
  GtkWidget *row, *open;
  GType type = YK_TYPE_CLIENT_DIALOG;
  YkClientRecord existing = { .case_no = (char *) "SPQ-0090", .name = (char *) "周同名",
                              .birth_date = (char *) "1970-01-01", .intake_date = (char *) "2021-01-10",
                              .consent_date = (char *) "2021-01-10", .stable_at_intake = TRUE, .risk_level = -1 };
  gint64 existing_id = 0;
  Changes changes;

  g_assert_true (yk_casework_add_client (session_of (window), &existing, &existing_id, &error));
  g_assert_no_error (error);

  dialog = open_dialog (window, "record.new-client", NULL, type, (gpointer *) &dialog);
  fill_new_client (dialog, "SPQ-0091");
  watch_changes (window, &changes);
  gtk_widget_activate_action (dialog, "form.save", NULL);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (changes.count, ==, 0);
  g_assert_true (gtk_widget_get_visible (ui_test_child (dialog, type, "duplicate_box")));
  g_assert_true (gtk_widget_get_visible (ui_test_child (dialog, type, "namesake_box")));
  row = gtk_widget_get_first_child (ui_test_child (dialog, type, "duplicate_list"));
  g_assert_nonnull (row);
  g_assert_null (gtk_widget_get_next_sibling (row));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (gtk_widget_get_first_child (row))), "SPQ-0090"));
  g_assert_true (GTK_IS_BUTTON (gtk_widget_get_last_child (row)));

  /* 仍然新建 needs the reason. */
  gtk_widget_activate_action (dialog, "form.save-namesake", NULL);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (changes.count, ==, 0);
  set_entry (dialog, type, "namesake_entry", "同名同姓，不是同一人");
  gtk_widget_activate_action (dialog, "form.save-namesake", NULL);
  g_assert_null (dialog);
  g_assert_cmpuint (changes.count, ==, 1);
  unwatch_changes (window, &changes);

  /* 打开: the case on file, in the window, and the dialog gone. */
  dialog = open_dialog (window, "record.new-client", NULL, type, (gpointer *) &dialog);
  fill_new_client (dialog, "SPQ-0092");
  gtk_widget_activate_action (dialog, "form.save", NULL);
  g_assert_nonnull (dialog);
  row = gtk_widget_get_first_child (ui_test_child (dialog, type, "duplicate_list"));
  g_assert_nonnull (gtk_widget_get_next_sibling (row)); /* both on file now */
  open = gtk_widget_get_last_child (row);
  g_assert_true (GTK_IS_BUTTON (open));
  g_signal_emit_by_name (open, "clicked");
  g_assert_null (dialog);
  {
    GtkWidget *main_view = gtk_stack_get_child_by_name (GTK_STACK (gtk_window_get_child (GTK_WINDOW (window))), "main");

    g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (ui_test_child (main_view, YK_TYPE_MAIN_VIEW,
                                                                                   "outer_stack"))), ==, "case-file");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A valid resident ID number fills in the birth date and gender, unless
 * the person chose them; an invalid one changes nothing. */
static void
test_new_client_from_id_number (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  GtkWidget *dialog = NULL;
  GType type = YK_TYPE_CLIENT_DIALOG;

  dialog = open_dialog (window, "record.new-client", NULL, type, (gpointer *) &dialog);
  set_entry (dialog, type, "id_number_entry", "11010519491231002"); /* 17 of 18 */
  g_assert_cmpstr (entry_text (dialog, type, "birth_date_entry"), ==, "");
  set_entry (dialog, type, "id_number_entry", "11010519491231002X"); /* GB 11643's own example */
  g_assert_cmpstr (entry_text (dialog, type, "birth_date_entry"), ==, "1949-12-31");
  g_assert_cmpstr (selected_string (dialog, type, "gender_dropdown"), ==, "Female");

  /* Corrected to another number: the filled-in values follow it. */
  set_entry (dialog, type, "id_number_entry", "510102198503151236");
  g_assert_cmpstr (entry_text (dialog, type, "birth_date_entry"), ==, "1985-03-15");
  g_assert_cmpstr (selected_string (dialog, type, "gender_dropdown"), ==, "Male");

  /* What the person chose stays, even when another number says otherwise. */
  set_entry (dialog, type, "birth_date_entry", "1985-03-16");
  select_item (dialog, type, "gender_dropdown", 2);
  set_entry (dialog, type, "id_number_entry", "500107198002291230"); /* a man born 1980-02-29 */
  g_assert_cmpstr (entry_text (dialog, type, "birth_date_entry"), ==, "1985-03-16");
  g_assert_cmpstr (selected_string (dialog, type, "gender_dropdown"), ==, "Female");
  gtk_widget_activate_action (dialog, "form.cancel", NULL);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The eligibility rule: no consent date, no case file; the message is
 * under the consent date. */
static void
test_new_client_needs_consent (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  g_autoptr (YkClientRecord) client = NULL;
  GtkWidget *dialog = NULL;
  GType type = YK_TYPE_CLIENT_DIALOG;
  Changes changes;

  dialog = open_dialog (window, "record.new-client", NULL, type, (gpointer *) &dialog);
  /* A social worker has one site: nothing to choose. */
  g_assert_false (gtk_widget_get_visible (ui_test_child (dialog, type, "site_dropdown")));
  set_entry (dialog, type, "case_no_entry", "SPQ-0100");
  set_entry (dialog, type, "name_entry", "赵晓燕");
  select_item (dialog, type, "diagnosis_dropdown", 1);
  set_entry (dialog, type, "intake_date_entry", "2021-04-01");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_test_child (dialog, type, "stable_check")), TRUE);

  watch_changes (window, &changes);
  gtk_widget_activate_action (dialog, "form.save", NULL);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (changes.count, ==, 0);
  g_assert_nonnull (yk_client_dialog_get_error (YK_CLIENT_DIALOG (dialog), "consent_date"));
  g_assert_true (gtk_widget_get_visible (ui_test_child (dialog, type, "consent_date_error")));
  g_assert_true (ui_test_has_focus_within (ui_test_child (dialog, type, "consent_date_entry")));
  g_assert_cmpstr (entry_text (dialog, type, "name_entry"), ==, "赵晓燕");
  /* The whole form, the error too, fits a 1280×800 screen unscrolled. */
  gtk_test_widget_wait_for_draw (dialog);
  {
    GtkWidget *scroller = gtk_widget_get_ancestor (ui_test_child (dialog, type, "name_entry"), GTK_TYPE_SCROLLED_WINDOW);
    GtkAdjustment *adjustment = gtk_scrolled_window_get_vadjustment (GTK_SCROLLED_WINDOW (scroller));

    g_assert_cmpfloat (gtk_adjustment_get_upper (adjustment) - gtk_adjustment_get_page_size (adjustment), <=, 1);
    g_assert_cmpint (gtk_widget_get_height (dialog), <=, 800);
    g_assert_cmpint (gtk_widget_get_width (dialog), <=, 1280);
  }

  /* Not stable at intake: refused too, at that field. */
  set_entry (dialog, type, "consent_date_entry", "2021/4/1");
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_test_child (dialog, type, "stable_check")), FALSE);
  gtk_widget_activate_action (dialog, "form.save", NULL);
  g_assert_nonnull (dialog);
  g_assert_null (yk_client_dialog_get_error (YK_CLIENT_DIALOG (dialog), "consent_date"));
  g_assert_nonnull (yk_client_dialog_get_error (YK_CLIENT_DIALOG (dialog), "stable_at_intake"));
  g_assert_cmpuint (changes.count, ==, 0);

  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_test_child (dialog, type, "stable_check")), TRUE);
  /* Sent by the psychiatric prevention doctor (精防医生, the first of the six). */
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (ui_test_child (dialog, type, "referral_source_dropdown"))),
                    ==, 0);
  ui_test_assert_referral_sources (ui_test_child (dialog, type, "referral_source_dropdown"), 1, 0);
  select_item (dialog, type, "referral_source_dropdown", 1);
  gtk_widget_activate_action (dialog, "form.save", NULL);
  g_assert_null (dialog);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpint (changes.client_id, >, 0);
  unwatch_changes (window, &changes);

  client = yk_recording_client (session_of (window), changes.client_id, NULL);
  g_assert_nonnull (client);
  g_assert_cmpstr (client->name, ==, "赵晓燕");
  g_assert_cmpstr (client->consent_date, ==, "2021-04-01");
  g_assert_cmpstr (client->diagnosis, ==, "精神分裂症");
  g_assert_cmpstr (client->referral_source, ==, "psychiatric_doctor");
  g_assert_cmpint (client->site_id, ==, yk_session_get_site_id (session_of (window)));
  g_assert_cmpint (client->worker_id, ==, yk_session_get_staff_id (session_of (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The SDSS items carry the scale's Chinese names, and the live total
 * leaves out items marked 9. */
static void
test_sdss_total (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  GtkWidget *dialog = NULL;
  GType type = YK_TYPE_ASSESSMENT_DIALOG;
  Changes changes;

  dialog = open_dialog (window, "record.assessment", g_variant_new_int64 (spq_client), type, (gpointer *) &dialog);
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ui_test_child (dialog, type, "sdss_2_label"))), ==, "婚姻职能");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ui_test_child (dialog, type, "sdss_10_label"))), ==,
                   "责任心和计划性");
  g_assert_cmpint (yk_assessment_dialog_get_total (YK_ASSESSMENT_DIALOG (dialog)), ==, 0);

  /* Typed as on the paper form: a digit chooses and moves on. */
  g_assert_true (ui_test_has_focus_within (ui_test_child (dialog, type, "sdss_1_choice")));
  g_assert_true (ui_test_press_key (ui_test_child (dialog, type, "sdss_1_choice"), GDK_KEY_2));
  g_assert_true (ui_test_has_focus_within (ui_test_child (dialog, type, "sdss_2_choice")));
  g_assert_true (ui_test_press_key (ui_test_child (dialog, type, "sdss_2_choice"), GDK_KEY_9)); /* does not apply */
  g_assert_true (ui_test_press_key (ui_test_child (dialog, type, "sdss_3_choice"), GDK_KEY_KP_9));
  g_assert_true (ui_test_press_key (ui_test_child (dialog, type, "sdss_4_choice"), GDK_KEY_1));
  g_assert_true (ui_test_has_focus_within (ui_test_child (dialog, type, "sdss_5_choice")));
  g_assert_cmpint (yk_assessment_dialog_get_total (YK_ASSESSMENT_DIALOG (dialog)), ==, 3);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (ui_test_child (dialog, type, "total_label"))), "3"));
  /* A digit that is not a score changes nothing. */
  g_assert_true (ui_test_press_key (ui_test_child (dialog, type, "sdss_5_choice"), GDK_KEY_5));
  g_assert_cmpuint (yk_score_choice_get_selected (YK_SCORE_CHOICE (ui_test_child (dialog, type, "sdss_5_choice"))), ==, 0);
  /* Or by mouse: item 2 now 2. */
  yk_score_choice_set_selected (YK_SCORE_CHOICE (ui_test_child (dialog, type, "sdss_2_choice")), 2);
  g_assert_cmpint (yk_assessment_dialog_get_total (YK_ASSESSMENT_DIALOG (dialog)), ==, 5);
  /* The last item hands on to Save. */
  g_assert_true (ui_test_press_key (ui_test_child (dialog, type, "sdss_10_choice"), GDK_KEY_0));
  g_assert_true (gtk_widget_has_focus (ui_test_child (dialog, type, "save_button")));

  watch_changes (window, &changes);
  gtk_widget_activate_action (dialog, "form.save", NULL);
  g_assert_null (dialog);
  g_assert_cmpuint (changes.count, ==, 1);
  g_assert_cmpint (changes.client_id, ==, spq_client);
  unwatch_changes (window, &changes);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* 更正 on an SDSS row opens the form filled with its scores; saving
 * rewrites them in place, with no new record and no Undo. */
static void
test_correct_assessment (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  g_autoptr (GError) error = NULL;
  g_autoptr (YkAssessmentRecord) stored = NULL;
  YkAssessmentRecord sdss = { .client_id = spq_other, .date = (char *) "2021-04-07",
                              .items = { 2, 1, 0, 9, 1, 1, 0, 0, 2, 1 } };
  GType type = YK_TYPE_ASSESSMENT_DIALOG;
  GtkWidget *dialog = NULL;
  gint64 id = 0;

  g_assert_true (yk_casework_add_assessment (session_of (window), &sdss, &id, &error));
  g_assert_no_error (error);

  dialog = open_dialog (window, "record.correct", g_variant_new ("(sx)", "assessments", id), type,
                        (gpointer *) &dialog);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Correct SDSS Assessment");
  g_assert_cmpstr (entry_text (dialog, type, "date_entry"), ==, "2021-04-07");
  g_assert_cmpint (yk_score_choice_get_score (YK_SCORE_CHOICE (ui_test_child (dialog, type, "sdss_1_choice"))), ==, 2);
  g_assert_cmpint (yk_score_choice_get_score (YK_SCORE_CHOICE (ui_test_child (dialog, type, "sdss_4_choice"))), ==, 9);
  g_assert_cmpint (yk_assessment_dialog_get_total (YK_ASSESSMENT_DIALOG (dialog)), ==, 8);

  /* Item 1 was 0 on the paper. */
  g_assert_true (ui_test_press_key (ui_test_child (dialog, type, "sdss_1_choice"), GDK_KEY_0));
  g_assert_cmpint (yk_assessment_dialog_get_total (YK_ASSESSMENT_DIALOG (dialog)), ==, 6);
  gtk_widget_activate_action (dialog, "form.save", NULL);
  g_assert_null (dialog);
  stored = yk_casework_get_assessment (session_of (window), id, &error);
  g_assert_no_error (error);
  g_assert_cmpint (stored->items[0], ==, 0);
  g_assert_cmpint (stored->items[3], ==, 9);
  g_assert_cmpstr (stored->date, ==, "2021-04-07");
  g_assert_false (yk_toast_get_shown (_yk_window_get_toast (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Voiding needs a reason; the voided call leaves the figures. */
static void
test_void_needs_reason (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  g_autoptr (GError) error = NULL;
  YkContactRecord call = { .client_id = spq_other, .type = (char *) "phone", .date = (char *) "2021-03-01",
                           .reached = TRUE, .duration_min = -1, .risk_level = -1 };
  gint64 call_id = 0;
  gint64 phone_before;
  GtkWidget *dialog = NULL;
  GType type = YK_TYPE_VOID_DIALOG;
  Changes changes;

  g_assert_true (yk_casework_add_contact (session_of (window), &call, &call_id, &error));
  g_assert_no_error (error);
  phone_before = phone_followups (window);

  dialog = open_dialog (window, "record.void", g_variant_new ("(sx)", "contacts", call_id), type,
                        (gpointer *) &dialog);
  /* Named in words, not by its row number. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (ui_test_child (dialog, type, "subtitle_label"))), ==,
                   "2021-03-01 Phone follow-up · SPQ-0002");
  watch_changes (window, &changes);
  set_entry (dialog, type, "reason_entry", "   ");
  gtk_widget_activate_action (dialog, "form.save", NULL);
  g_assert_nonnull (dialog);
  g_assert_nonnull (yk_void_dialog_get_error (YK_VOID_DIALOG (dialog), "void_reason"));
  g_assert_true (gtk_widget_get_visible (ui_test_child (dialog, type, "reason_error")));
  g_assert_cmpint (phone_followups (window), ==, phone_before);
  g_assert_cmpuint (changes.count, ==, 0);

  set_entry (dialog, type, "reason_entry", "记错了人");
  gtk_widget_activate_action (dialog, "form.save", NULL);
  g_assert_null (dialog);
  g_assert_cmpuint (changes.count, ==, 1);
  unwatch_changes (window, &changes);
  g_assert_cmpint (phone_followups (window), ==, phone_before - 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* Contacts of `client` counted live, by their void reason (NULL: live). */
static gint64
contacts_of (YkWindow *window, gint64 client, const char *void_reason)
{
  sqlite3 *conn = yk_store_get_connection (yk_session_get_store (session_of (window)));
  sqlite3_stmt *stmt = NULL;
  gint64 n;

  g_assert_cmpint (sqlite3_prepare_v2 (conn, "SELECT count(*) FROM contacts WHERE client_id = ?1 AND "
                                             "(?2 IS NULL AND voided_at IS NULL OR void_reason = ?2)", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, client);
  if (void_reason != NULL)
    sqlite3_bind_text (stmt, 2, void_reason, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  n = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return n;
}

static void
save_quick_call (YkWindow *window, gint64 client)
{
  GtkWidget *dialog = NULL;
  GType type = YK_TYPE_CONTACT_DIALOG;

  dialog = open_dialog (window, "record.phone", g_variant_new_int64 (client), type, (gpointer *) &dialog);
  set_entry (dialog, type, "date_entry", "2021-06-01");
  select_item (dialog, type, "condition_dropdown", 1);
  select_item (dialog, type, "risk_dropdown", 1);
  gtk_widget_activate_action (dialog, "form.save", NULL);
  g_assert_null (dialog);
}

/* Saving a new contact shows 已保存 · 撤销 without taking the focus;
 * Undo voids it (nothing is deleted) and it counts nowhere; left alone,
 * the note goes by itself. */
static void
test_saved_toast_undo (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  YkToast *toast = _yk_window_get_toast (window);
  gint64 live = contacts_of (window, spq_other, NULL);
  gint64 phone_before = phone_followups (window);
  Changes changes;

  g_assert_false (yk_toast_get_shown (toast));
  g_assert_false (_yk_toast_expire (toast));
  save_quick_call (window, spq_other);
  g_assert_true (yk_toast_get_shown (toast));
  g_assert_false (ui_test_has_focus_within (GTK_WIDGET (toast)));
  g_assert_cmpint (contacts_of (window, spq_other, NULL), ==, live + 1);
  g_assert_cmpint (phone_followups (window), ==, phone_before + 1);

  watch_changes (window, &changes);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (toast), "toast.undo", NULL));
  g_assert_false (yk_toast_get_shown (toast));
  g_assert_cmpuint (changes.count, ==, 1);
  unwatch_changes (window, &changes);
  g_assert_cmpint (contacts_of (window, spq_other, NULL), ==, live);
  g_assert_cmpint (contacts_of (window, spq_other, "Undone"), ==, 1);
  g_assert_cmpint (phone_followups (window), ==, phone_before);
  /* Clicked again (it is hidden), nothing more is voided. */
  gtk_widget_activate_action (GTK_WIDGET (toast), "toast.undo", NULL);
  g_assert_cmpint (contacts_of (window, spq_other, "Undone"), ==, 1);

  /* Not undone: after its time the note hides and the contact stays. */
  save_quick_call (window, spq_other);
  g_assert_true (yk_toast_get_shown (toast));
  g_assert_true (_yk_toast_expire (toast));
  g_assert_false (yk_toast_get_shown (toast));
  g_assert_cmpint (contacts_of (window, spq_other, NULL), ==, live + 1);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A family member added by mistake is taken back the same way. */
static void
test_family_undo (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  sqlite3 *conn = yk_store_get_connection (yk_session_get_store (session_of (window)));
  YkToast *toast = _yk_window_get_toast (window);
  GType type = YK_TYPE_FAMILY_DIALOG;
  GtkWidget *dialog = NULL;
  sqlite3_stmt *stmt = NULL;

  dialog = open_dialog (window, "record.family", g_variant_new_int64 (spq_other), type, (gpointer *) &dialog);
  set_entry (dialog, type, "name_entry", "测试家属");
  set_entry (dialog, type, "relation_entry", "母亲");
  gtk_widget_activate_action (dialog, "form.save", NULL);
  g_assert_null (dialog);
  g_assert_true (yk_toast_get_shown (toast));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (toast), "toast.undo", NULL));

  g_assert_cmpint (sqlite3_prepare_v2 (conn, "SELECT void_reason FROM family_members WHERE client_id = ?1 AND "
                                             "name = '测试家属'", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, spq_other);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, "Undone");
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* 更正 opens the contact's own dialog filled with it; saving corrects it
 * in place (no new record, no Undo); a record the session may not
 * correct opens nothing and the window says why. */
static void
test_correct_contact (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  g_autoptr (GError) error = NULL;
  g_autoptr (YkContactRecord) stored = NULL;
  YkContactRecord call = { .client_id = spq_other, .type = (char *) "phone", .date = (char *) "2021-04-07",
                           .reached = TRUE, .duration_min = 20, .risk_level = 1, .condition = (char *) "stable",
                           .notes = (char *) "按时服药" };
  GType type = YK_TYPE_CONTACT_DIALOG;
  GtkWidget *dialog = NULL;
  gint64 id = 0;
  gint64 live;

  g_assert_true (yk_casework_add_contact (session_of (window), &call, &id, &error));
  g_assert_no_error (error);
  live = contacts_of (window, spq_other, NULL);

  dialog = open_dialog (window, "record.correct", g_variant_new ("(sx)", "contacts", id), type, (gpointer *) &dialog);
  g_assert_cmpint (yk_contact_dialog_get_record_id (YK_CONTACT_DIALOG (dialog)), ==, id);
  g_assert_cmpstr (gtk_window_get_title (GTK_WINDOW (dialog)), ==, "Correct Contact");
  g_assert_cmpstr (entry_text (dialog, type, "date_entry"), ==, "2021-04-07");
  g_assert_cmpstr (entry_text (dialog, type, "duration_entry"), ==, "20");
  g_assert_true (gtk_widget_get_visible (ui_test_child (dialog, type, "type_dropdown")));
  g_assert_cmpstr (selected_string (dialog, type, "type_dropdown"), ==, "Phone follow-up");
  g_assert_cmpstr (selected_string (dialog, type, "condition_dropdown"), ==, "Stable");
  {
    g_autofree char *notes = view_text (ui_test_child (dialog, type, "notes_view"));
    g_assert_cmpstr (notes, ==, "按时服药");
  }

  select_item (dialog, type, "type_dropdown", 1);
  set_entry (dialog, type, "date_entry", "2021-04-08");
  gtk_widget_activate_action (dialog, "form.save", NULL);
  g_assert_null (dialog);
  stored = yk_casework_get_contact (session_of (window), id, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (stored->type, ==, "home_visit");
  g_assert_cmpstr (stored->date, ==, "2021-04-08");
  g_assert_cmpstr (stored->notes, ==, "按时服药");
  g_assert_cmpint (contacts_of (window, spq_other, NULL), ==, live);
  g_assert_false (yk_toast_get_shown (_yk_window_get_toast (window)));

  /* Voided, it cannot be corrected: no dialog, a note saying why. */
  g_assert_true (yk_casework_void (session_of (window), "contacts", id, "记错了", &error));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "record.correct", "(sx)", "contacts", id));
  g_assert_null (find_toplevel (type));
  g_assert_true (yk_toast_get_shown (_yk_window_get_toast (window)));
  gtk_window_destroy (GTK_WINDOW (window));
}

int
main (int argc, char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  ui_test_database_make (&db);
  add_clients ();

  g_test_add_func ("/ui/recording/actions-need-unlock", test_actions_need_unlock);
  g_test_add_func ("/ui/recording/phone-defaults", test_phone_defaults);
  g_test_add_func ("/ui/recording/saved-toast-undo", test_saved_toast_undo);
  g_test_add_func ("/ui/recording/family-undo", test_family_undo);
  g_test_add_func ("/ui/recording/correct-contact", test_correct_contact);
  g_test_add_func ("/ui/recording/quick-call-keeps-state", test_quick_call_keeps_state);
  g_test_add_func ("/ui/recording/unstable-checklist", test_unstable_checklist);
  g_test_add_func ("/ui/recording/invalid-date", test_invalid_date_keeps_values);
  g_test_add_func ("/ui/recording/draft-survives-lock", test_draft_survives_lock);
  g_test_add_func ("/ui/recording/date-entry", test_date_entry);
  g_test_add_func ("/ui/recording/impossible-short-date", test_impossible_short_date);
  g_test_add_func ("/ui/recording/other-site", test_other_site_not_found);
  g_test_add_func ("/ui/recording/new-client-consent", test_new_client_needs_consent);
  g_test_add_func ("/ui/recording/new-client-id-number", test_new_client_from_id_number);
  g_test_add_func ("/ui/recording/new-client-duplicate", test_new_client_duplicate);
  g_test_add_func ("/ui/recording/sdss-total", test_sdss_total);
  g_test_add_func ("/ui/recording/correct-assessment", test_correct_assessment);
  g_test_add_func ("/ui/recording/void-reason", test_void_needs_reason);
  status = g_test_run ();

  ui_test_database_remove (&db);
  return status;
}
