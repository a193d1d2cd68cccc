/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The Administration page (管理): an account added through its form
 * unlocks the database, and once removed (after the confirmation) no
 * longer does; the database check runs off the main thread and shows
 * every check passing on a fresh database; a follow-up interval chosen
 * as 2 周 is stored as "2 weeks", and nothing is stored while another
 * field is wrong;
 * the audit trail is read off the main thread, filtered by account and
 * date, and its chain shown intact; a ledger (a folder of CSV files or
 * an Excel workbook) with a bad row lists it in the problems table by
 * file or sheet, row and column and writes nothing, and once corrected
 * imports, in the unlocked session, without asking for the password. */
#include "yk-config.h"
#include "ui-test-util.h"
#include "yk-admin.h"
#include "yk-followup.h"
#include "yk-admin-account-row.h"
#include "yk-admin-accounts.h"
#include "yk-admin-audit-trail-private.h"
#include "yk-admin-check-item.h"
#include "yk-admin-confirm-dialog.h"
#include "yk-admin-database-private.h"
#include "yk-admin-import.h"
#include "yk-admin-page.h"
#include "yk-admin-role-dialog.h"
#include "yk-admin-settings-private.h"
#include "yk-admin-training.h"
#include "yk-training.h"
#include "yk-training-dialog.h"
#include "yk-void-dialog.h"
#include "yk-audit-entry-item.h"
#include "yk-audit-words.h"
#include <xlsxwriter.h>
#include "yk-main-view.h"
#include "yk-password-dialog.h"
#include "yk-recovery-key-dialog.h"
#include "yk-accounts.h"
#include "yk-crypto-error.h"
#include "yk-reader.h"
#include "yk-report.h"
#include "yk-report-format.h"
#include "yk-session.h"
#include "yk-verify.h"

#include <glib/gstdio.h>
#include <string.h>
#include <time.h>

static UiTestDatabase db;

#define NEW_ACCOUNT "zhao"
#define NEW_PASSWORD "a long enough passphrase"

typedef struct
{
  YkApplication *app;
  YkWindow *window;
  YkAdminPage *page;
  YkAdminAccounts *accounts;
  YkAdminDatabase *database;
  YkAdminImport *import;
  YkAdminSettings *settings;
  YkAdminAuditTrail *audit;
} Fixture;

static void
fixture_open (Fixture *f)
{
  f->app = ui_test_application ();
  f->page = YK_ADMIN_PAGE (ui_test_open_page (f->app, &f->window, db.path, UI_TEST_COORDINATOR,
                                              UI_TEST_COORDINATOR_PASSWORD, "administration"));
  f->accounts = YK_ADMIN_ACCOUNTS (ui_test_child (f->page, YK_TYPE_ADMIN_PAGE, "accounts"));
  f->database = YK_ADMIN_DATABASE (ui_test_child (f->page, YK_TYPE_ADMIN_PAGE, "database"));
  f->import = YK_ADMIN_IMPORT (ui_test_child (f->page, YK_TYPE_ADMIN_PAGE, "import"));
  f->settings = YK_ADMIN_SETTINGS (ui_test_child (f->page, YK_TYPE_ADMIN_PAGE, "settings"));
  f->audit = YK_ADMIN_AUDIT_TRAIL (ui_test_child (f->page, YK_TYPE_ADMIN_PAGE, "audit"));
}

static void
fixture_close (Fixture *f)
{
  gtk_window_destroy (GTK_WINDOW (f->window));
  g_clear_object (&f->app);
}

static GtkWidget *
child (Fixture *f, const char *name)
{
  return ui_test_child (f->page, YK_TYPE_ADMIN_PAGE, name);
}

static GtkWidget *
settings_child (Fixture *f, const char *name)
{
  return ui_test_child (f->settings, YK_TYPE_ADMIN_SETTINGS, name);
}

static GtkWidget *
audit_child (Fixture *f, const char *name)
{
  return ui_test_child (f->audit, YK_TYPE_ADMIN_AUDIT_TRAIL, name);
}

static GtkWidget *
import_child (Fixture *f, const char *name)
{
  return ui_test_child (f->import, YK_TYPE_ADMIN_IMPORT, name);
}

static GtkWidget *
accounts_child (Fixture *f, const char *name)
{
  return ui_test_child (f->accounts, YK_TYPE_ADMIN_ACCOUNTS, name);
}

/* Activates an action of the Accounts section; the slow ones run in a
 * worker thread, so this waits until the section is idle again. */
static void
accounts_action (Fixture *f, const char *action, const char *account)
{
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f->accounts), action, account ? "s" : NULL, account));
  ui_test_spin_until (!yk_admin_accounts_get_busy (f->accounts));
}

/* Answers the confirmation: its destructive button, or Escape. */
static void
answer_confirm (Fixture *f, gboolean accept)
{
  GtkWindow *dialog = yk_admin_accounts_get_confirm_dialog (f->accounts);

  g_assert_nonnull (dialog);
  g_assert_true (YK_IS_ADMIN_CONFIRM_DIALOG (dialog));
  gtk_test_accessible_assert_role (GTK_ACCESSIBLE (dialog), GTK_ACCESSIBLE_ROLE_ALERT_DIALOG);
  /* Escape is No, as it was in the message dialog. */
  if (accept)
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "confirm.accept", NULL));
  else
    ui_test_press_shortcut (GTK_WIDGET (dialog), "Escape");
  g_assert_null (yk_admin_accounts_get_confirm_dialog (f->accounts));
  ui_test_spin_until (!yk_admin_accounts_get_busy (f->accounts));
}

static gboolean
listed (Fixture *f, const char *account)
{
  GtkWidget *list = accounts_child (f, "accounts_list");

  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      GtkWidget *account_row = gtk_list_box_row_get_child (GTK_LIST_BOX_ROW (row));

      if (g_strcmp0 (yk_admin_account_row_get_account (YK_ADMIN_ACCOUNT_ROW (account_row)), account) == 0)
        return TRUE;
    }
  return FALSE;
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

static void
set_text (Fixture *f, const char *name, const char *text)
{
  GtkWidget *entry = g_str_has_prefix (name, "add_")     ? accounts_child (f, name)
                     : g_str_has_prefix (name, "audit_") ? audit_child (f, name)
                                                         : settings_child (f, name);

  gtk_editable_set_text (GTK_EDITABLE (entry), text);
}

static void
test_add_then_remove (void)
{
  Fixture f = { 0 };

  fixture_open (&f);
  g_assert_true (listed (&f, UI_TEST_COORDINATOR));
  g_assert_true (listed (&f, UI_TEST_WORKER));
  g_assert_false (listed (&f, NEW_ACCOUNT));

  /* Mistyped confirmation: refused inline, nothing added. */
  set_text (&f, "add_account_entry", NEW_ACCOUNT);
  set_text (&f, "add_name_entry", "赵六");
  gtk_drop_down_set_selected (GTK_DROP_DOWN (accounts_child (&f, "add_role_drop_down")), 0);
  set_text (&f, "add_password_entry", NEW_PASSWORD);
  set_text (&f, "add_confirm_entry", NEW_PASSWORD "x");
  accounts_action (&f, "admin.add-account", NULL);
  g_assert_true (gtk_widget_get_visible (accounts_child (&f, "add_error")));
  g_assert_false (listed (&f, NEW_ACCOUNT));
  g_assert_false (can_unlock (NEW_ACCOUNT, NEW_PASSWORD));

  /* Argon2id runs in a worker thread: the section is busy, the main
   * loop goes on, and the account is there once it is done. */
  set_text (&f, "add_confirm_entry", NEW_PASSWORD);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.accounts), "admin.add-account", NULL));
  g_assert_true (yk_admin_accounts_get_busy (f.accounts));
  g_assert_false (gtk_widget_get_sensitive (gtk_widget_get_ancestor (GTK_WIDGET (f.page), YK_TYPE_MAIN_VIEW)));
  ui_test_spin_until (!yk_admin_accounts_get_busy (f.accounts));
  g_assert_true (gtk_widget_get_sensitive (gtk_widget_get_ancestor (GTK_WIDGET (f.page), YK_TYPE_MAIN_VIEW)));
  g_assert_false (gtk_widget_get_visible (accounts_child (&f, "add_error")));
  g_assert_true (listed (&f, NEW_ACCOUNT));
  g_assert_true (can_unlock (NEW_ACCOUNT, NEW_PASSWORD));

  /* Removing asks first; cancelling keeps the account. */
  accounts_action (&f, "admin.remove-account", NEW_ACCOUNT);
  answer_confirm (&f, FALSE);
  g_assert_true (listed (&f, NEW_ACCOUNT));
  g_assert_true (can_unlock (NEW_ACCOUNT, NEW_PASSWORD));

  accounts_action (&f, "admin.remove-account", NEW_ACCOUNT);
  answer_confirm (&f, TRUE);
  g_assert_false (listed (&f, NEW_ACCOUNT));
  g_assert_false (can_unlock (NEW_ACCOUNT, NEW_PASSWORD));
  /* The others are untouched. */
  g_assert_true (can_unlock (UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD));

  /* One's own account is not offered for removal, and refused if asked. */
  accounts_action (&f, "admin.remove-account", UI_TEST_COORDINATOR);
  answer_confirm (&f, TRUE);
  g_assert_true (gtk_widget_get_visible (accounts_child (&f, "accounts_error")));
  g_assert_true (listed (&f, UI_TEST_COORDINATOR));
  fixture_close (&f);
}

static gint64
query_int (YkSession *session, const char *sql)
{
  sqlite3 *connection = yk_store_get_connection (yk_session_get_store (session));
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  g_assert_cmpint (sqlite3_prepare_v2 (connection, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* Administration → Training: 记录培训… opens the dialog; with no one
 * ticked it is refused in the dialog, which stays open; ticking the
 * coordinator records the session, listed once the dialog closes; void
 * through the void dialog takes it out of the list. */
static void
test_training (void)
{
  Fixture f = { 0 };
  YkAdminTraining *training;
  YkTrainingDialog *dialog;
  YkSession *session;
  GtkStack *sections;
  gint64 staff_id;

  fixture_open (&f);
  session = yk_unlocked_session_get_session (yk_window_get_session (f.window));
  training = YK_ADMIN_TRAINING (ui_test_child (f.page, YK_TYPE_ADMIN_PAGE, "training"));
  sections = GTK_STACK (ui_test_child (f.page, YK_TYPE_ADMIN_PAGE, "sections"));
  gtk_stack_set_visible_child_name (sections, "training");
  g_assert_cmpuint (g_list_model_get_n_items (yk_admin_training_get_model (training)), ==, 0);
  g_assert_true (gtk_widget_get_visible (ui_test_child (GTK_WIDGET (training), YK_TYPE_ADMIN_TRAINING, "empty_label")));

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (training), "training.record", NULL));
  dialog = YK_TRAINING_DIALOG (yk_admin_training_get_dialog (training));
  g_assert_nonnull (dialog);
  gtk_test_widget_wait_for_draw (GTK_WIDGET (dialog));
  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (GTK_WIDGET (dialog), YK_TYPE_TRAINING_DIALOG, "title_entry")),
                         "危机干预");
  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (GTK_WIDGET (dialog), YK_TYPE_TRAINING_DIALOG, "date_entry")),
                         "2021-10-12");
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (ui_test_child (GTK_WIDGET (dialog), YK_TYPE_TRAINING_DIALOG,
                                                             "hours_spin")), 2.5);
  /* No one ticked: refused, nothing written, the dialog stays. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "form.save", NULL));
  g_assert_nonnull (yk_training_dialog_get_error (dialog));
  g_assert_true (yk_admin_training_get_dialog (training) == GTK_WINDOW (dialog));
  g_assert_cmpint (query_int (session, "SELECT count (*) FROM training_sessions"), ==, 0);

  staff_id = query_int (session, "SELECT id FROM staff WHERE account = '" UI_TEST_WORKER "'");
  yk_training_dialog_set_attendee (dialog, staff_id, TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "form.save", NULL));
  ui_test_spin_until (yk_admin_training_get_dialog (training) == NULL);
  g_assert_cmpint (query_int (session, "SELECT hours_tenths FROM training_sessions"), ==, 25);
  g_assert_cmpuint (g_list_model_get_n_items (yk_admin_training_get_model (training)), ==, 1);
  g_assert_false (gtk_widget_get_visible (ui_test_child (GTK_WIDGET (training), YK_TYPE_ADMIN_TRAINING,
                                                          "empty_label")));

  /* Void the selected session. */
  gtk_single_selection_set_selected (GTK_SINGLE_SELECTION (gtk_widget_get_template_child (
                                       GTK_WIDGET (training), YK_TYPE_ADMIN_TRAINING, "selection")), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (training), "training.void", NULL));
  {
    GtkWindow *void_dialog = yk_admin_training_get_dialog (training);

    g_assert_true (YK_IS_VOID_DIALOG (void_dialog));
    gtk_editable_set_text (GTK_EDITABLE (ui_test_child (GTK_WIDGET (void_dialog), YK_TYPE_VOID_DIALOG,
                                                        "reason_entry")), "录错了");
    g_assert_true (gtk_widget_activate_action (GTK_WIDGET (void_dialog), "form.save", NULL));
  }
  ui_test_spin_until (yk_admin_training_get_dialog (training) == NULL);
  g_assert_cmpuint (g_list_model_get_n_items (yk_admin_training_get_model (training)), ==, 0);
  g_assert_cmpint (query_int (session, "SELECT count (*) FROM training_sessions WHERE voided_at IS NOT NULL"),
                   ==, 1);
  fixture_close (&f);
}

static void
test_verify_fresh (void)
{
  Fixture f = { 0 };
  GtkWidget *list;
  GListModel *checks;
  guint rows = 0;

  fixture_open (&f);
  g_assert_cmpint (yk_admin_database_get_verify_state (f.database), ==, YK_ADMIN_VERIFY_NOT_RUN);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.database), "admin.verify", NULL));
  ui_test_spin_until (yk_admin_database_get_verify_state (f.database) != YK_ADMIN_VERIFY_RUNNING);
  g_assert_cmpint (yk_admin_database_get_verify_state (f.database), ==, YK_ADMIN_VERIFY_OK);
  list = ui_test_child (f.database, YK_TYPE_ADMIN_DATABASE, "checks_list");
  g_assert_true (gtk_widget_get_visible (list));
  checks = _yk_admin_database_get_checks (f.database);
  for (GtkWidget *row = gtk_widget_get_first_child (list); row != NULL; row = gtk_widget_get_next_sibling (row))
    {
      g_autoptr (YkAdminCheckItem) check = g_list_model_get_item (checks, rows);

      g_assert_true (yk_admin_check_item_get_ok (check));
      rows++;
    }
  /* Header, pages, integrity, foreign keys, running totals, audit trail,
   * signatures, audit head. */
  g_assert_cmpuint (rows, ==, 8);
  g_assert_cmpuint (g_list_model_get_n_items (checks), ==, 8);
  fixture_close (&f);
}

static char *
stored (Fixture *f, const char *key)
{
  YkSession *session = yk_unlocked_session_get_session (yk_window_get_session (f->window));

  return yk_admin_setting_get (session, key, NULL);
}

static void
test_settings_inline (void)
{
  Fixture f = { 0 };
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  g_autofree char *threshold = NULL;

  fixture_open (&f);
  before = stored (&f, "followup_stable");
  g_assert_cmpstr (before, ==, "3 months");
  /* A number and a unit, not free text. */
  g_assert_true (GTK_IS_SPIN_BUTTON (settings_child (&f, "stable_amount")));
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (settings_child (&f, "stable_amount"))), ==, 3);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (settings_child (&f, "stable_unit"))), ==, YK_INTERVAL_MONTHS);
  g_assert_false (gtk_widget_get_visible (settings_child (&f, "stable_error")));

  /* 2 周 with a wrong threshold: refused under the threshold, the
   * choices kept, nothing stored (not even the valid interval). */
  gtk_spin_button_set_value (GTK_SPIN_BUTTON (settings_child (&f, "stable_amount")), 2);
  gtk_drop_down_set_selected (GTK_DROP_DOWN (settings_child (&f, "stable_unit")), YK_INTERVAL_WEEKS);
  set_text (&f, "threshold_entry", "0");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.settings), "admin.save-settings", NULL));
  g_assert_true (gtk_widget_get_visible (settings_child (&f, "threshold_error")));
  g_assert_false (gtk_widget_get_visible (settings_child (&f, "stable_error")));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (settings_child (&f, "stable_unit"))), ==, YK_INTERVAL_WEEKS);
  after = stored (&f, "followup_stable");
  g_assert_cmpstr (after, ==, before);
  threshold = stored (&f, "improvement_threshold");
  g_assert_cmpstr (threshold, ==, "2");

  /* Corrected, both are stored, as the rules read them ("2 weeks"), and
   * shown back as 2 周. */
  set_text (&f, "threshold_entry", "5");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.settings), "admin.save-settings", NULL));
  g_assert_false (gtk_widget_get_visible (settings_child (&f, "threshold_error")));
  g_clear_pointer (&after, g_free);
  after = stored (&f, "followup_stable");
  g_assert_cmpstr (after, ==, "2 weeks");
  g_clear_pointer (&threshold, g_free);
  threshold = stored (&f, "improvement_threshold");
  g_assert_cmpstr (threshold, ==, "5");
  g_assert_cmpint (gtk_spin_button_get_value_as_int (GTK_SPIN_BUTTON (settings_child (&f, "stable_amount"))), ==, 2);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (settings_child (&f, "stable_unit"))), ==, YK_INTERVAL_WEEKS);
  {
    int amount;
    gboolean months;

    g_assert_true (yk_followup_interval_parse (after, &amount, &months));
    g_assert_cmpint (amount, ==, 14);
  }
  fixture_close (&f);
}

/* A cell of the trail's table: the entry's property its column shows
 * ("at", "account", "action-label", "record", "detail") or the tooltip
 * of the record ("record-tip"). */
static const char *
audit_cell (GListModel *entries,
            guint       position,
            const char *property)
{
  g_autoptr (GObject) item = g_list_model_get_item (entries, position);
  GValue value = G_VALUE_INIT;
  const char *text;

  g_assert_nonnull (item);
  g_value_init (&value, G_TYPE_STRING);
  g_object_get_property (item, property, &value);
  /* The item keeps its strings: a pointer into it outlives the GValue. */
  text = g_intern_string (g_value_get_string (&value));
  g_value_unset (&value);
  return text;
}

static guint
audit_rows_shown (Fixture *f, const char *account)
{
  GListModel *entries = _yk_admin_audit_trail_get_entries (f->audit);
  guint rows = g_list_model_get_n_items (entries);

  for (guint i = 0; account != NULL && i < rows; i++)
    g_assert_cmpstr (audit_cell (entries, i, "account"), ==, account);
  return rows;
}

/* A label the trail's table shows with this text, NULL if none is on
 * screen (the table makes widgets only for the rows it shows). */
static GtkWidget *
shown_label (GtkWidget *widget, const char *text)
{
  if (GTK_IS_LABEL (widget) && gtk_widget_get_mapped (widget) &&
      g_strcmp0 (gtk_label_get_text (GTK_LABEL (widget)), text) == 0)
    return widget;
  for (GtkWidget *child = gtk_widget_get_first_child (widget); child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = shown_label (child, text);

      if (found != NULL)
        return found;
    }
  return NULL;
}

/* What a coordinator reads: actions in words (English here: tests run
 * without setlocale), the record by its account, and local time. */
static void
assert_audit_in_words (Fixture *f)
{
  GListModel *entries = _yk_admin_audit_trail_get_entries (f->audit);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autoptr (GTimeZone) zone = g_time_zone_new_local ();
  g_autoptr (GDateTime) newest = NULL;
  g_autofree char *iso = NULL;
  gboolean saw_unlock = FALSE, saw_add = FALSE;

  /* The newest entry, this session's unlock, was a moment ago here in
   * UTC+8: shown in UTC it would be eight hours off. */
  g_assert_cmpuint (g_list_model_get_n_items (entries), >, 0);
  iso = g_strdup_printf ("%s:00", audit_cell (entries, 0, "at")); /* "2021-12-03 14:05:00" */
  g_assert_cmpuint (strlen (iso), ==, 19);
  iso[10] = 'T';
  newest = g_date_time_new_from_iso8601 (iso, zone);
  g_assert_nonnull (newest);
  g_assert_cmpint (ABS (g_date_time_difference (now, newest)), <, 10 * G_TIME_SPAN_MINUTE);

  for (guint i = 0; i < g_list_model_get_n_items (entries); i++)
    {
      const char *action = audit_cell (entries, i, "action");

      g_assert_cmpstr (audit_cell (entries, i, "action-label"), ==, yk_audit_action_label (action));
      g_assert_cmpstr (audit_cell (entries, i, "action-label"), !=, action);
      if (g_str_equal (action, "unlock"))
        {
          g_assert_cmpstr (audit_cell (entries, i, "action-label"), ==, "Unlock");
          g_assert_cmpstr (audit_cell (entries, i, "record"), ==, "");
          saw_unlock = TRUE;
        }
      if (g_str_equal (action, "account_add") && g_str_equal (audit_cell (entries, i, "detail"), UI_TEST_WORKER))
        {
          g_assert_cmpstr (audit_cell (entries, i, "action-label"), ==, "Added an account");
          g_assert_cmpstr (audit_cell (entries, i, "record"), ==, "Account " UI_TEST_WORKER);
          /* The code the record filter takes, on hover. */
          g_assert_nonnull (strstr (audit_cell (entries, i, "record-tip"), "\nstaff#"));
          saw_add = TRUE;
        }
    }
  g_assert_true (saw_unlock);
  g_assert_true (saw_add);
}

static void
test_audit_trail (void)
{
  Fixture f = { 0 };
  GtkWidget *view;
  const char *chain;
  guint all, shown;

  fixture_open (&f);
  g_assert_false (yk_admin_audit_trail_get_loading (f.audit));
  gtk_stack_set_visible_child_name (GTK_STACK (child (&f, "sections")), "audit");
  ui_test_spin_until (g_list_model_get_n_items (_yk_admin_audit_trail_get_entries (f.audit)) > 0 &&
                      !yk_admin_audit_trail_get_loading (f.audit));
  chain = gtk_label_get_text (GTK_LABEL (audit_child (&f, "chain_label")));
  g_assert_true (g_str_has_suffix (chain, "chain intact"));
  all = audit_rows_shown (&f, NULL);
  g_assert_cmpuint (all, >, 0);
  assert_audit_in_words (&f);
  /* And the table shows them: the newest entry's time and action. */
  view = audit_child (&f, "entries_view");
  ui_test_spin_until (shown_label (view, audit_cell (_yk_admin_audit_trail_get_entries (f.audit), 0, "at")) != NULL);
  g_assert_nonnull (shown_label (view, audit_cell (_yk_admin_audit_trail_get_entries (f.audit), 0, "action-label")));

  /* One table's entries: every record named as an account. */
  set_text (&f, "audit_record_entry", "staff");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.audit), "admin.audit-filter", NULL));
  ui_test_spin_until (!yk_admin_audit_trail_get_loading (f.audit));
  g_assert_cmpuint (audit_rows_shown (&f, NULL), <, all);
  for (guint i = 0; i < audit_rows_shown (&f, NULL); i++)
    g_assert_true (g_str_has_prefix (audit_cell (_yk_admin_audit_trail_get_entries (f.audit), i, "record"), "Account "));
  /* The code the record filter takes, on hover of the record. */
  ui_test_spin_until (shown_label (view, "Account " UI_TEST_WORKER) != NULL);
  g_assert_nonnull (strstr (gtk_widget_get_tooltip_text (shown_label (view, "Account " UI_TEST_WORKER)), "\nstaff#"));
  set_text (&f, "audit_record_entry", "");

  /* One account's entries only. */
  set_text (&f, "audit_account_entry", UI_TEST_WORKER);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.audit), "admin.audit-filter", NULL));
  ui_test_spin_until (!yk_admin_audit_trail_get_loading (f.audit));
  shown = audit_rows_shown (&f, UI_TEST_WORKER);
  g_assert_cmpuint (shown, <, all);
  set_text (&f, "audit_account_entry", UI_TEST_COORDINATOR);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.audit), "admin.audit-filter", NULL));
  ui_test_spin_until (!yk_admin_audit_trail_get_loading (f.audit));
  shown = audit_rows_shown (&f, UI_TEST_COORDINATOR);
  g_assert_cmpuint (shown, >, 0);

  /* A date range after today: none. A date that is not one: refused inline. */
  set_text (&f, "audit_from_entry", "2999-01-01");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.audit), "admin.audit-filter", NULL));
  ui_test_spin_until (!yk_admin_audit_trail_get_loading (f.audit));
  g_assert_cmpuint (audit_rows_shown (&f, NULL), ==, 0);
  set_text (&f, "audit_from_entry", "2021-13-01");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.audit), "admin.audit-filter", NULL));
  g_assert_true (gtk_widget_get_visible (audit_child (&f, "audit_error")));
  g_assert_false (yk_admin_audit_trail_get_loading (f.audit));
  fixture_close (&f);
}

static char *
report_csv (Fixture *f)
{
  YkSession *session = yk_unlocked_session_get_session (yk_window_get_session (f->window));
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReport) report = yk_report_for_session (session, "cumulative:2025Q4", NULL, &error);

  g_assert_no_error (error);
  /* The figures only: the audit head moves with every entry. */
  g_clear_pointer (&report->audit_head, g_free);
  return yk_report_to_csv (report);
}

static void
write_ledger (const char *dir, const char *contents)
{
  g_autofree char *path = g_build_filename (dir, "clients.csv", NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

/* Is a problem with this file or sheet, row and column in the table? */
static gboolean
problem_listed (Fixture *f, const char *file, const char *line, const char *column)
{
  GListModel *problems = G_LIST_MODEL (gtk_widget_get_template_child (GTK_WIDGET (f->import), YK_TYPE_ADMIN_IMPORT,
                                                                      "import_problems"));

  for (guint i = 0; i < g_list_model_get_n_items (problems); i++)
    {
      g_autoptr (GObject) item = g_list_model_get_item (problems, i);
      g_autofree char *item_file = NULL, *item_line = NULL, *item_column = NULL, *reason = NULL;

      g_object_get (item, "file", &item_file, "line", &item_line, "column", &item_column, "reason", &reason, NULL);
      g_assert_nonnull (reason);
      if (g_str_equal (item_file, file) && g_str_equal (item_line, line) && g_str_equal (item_column, column))
        return TRUE;
    }
  return FALSE;
}

static void
test_import_all_or_nothing (void)
{
  Fixture f = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("yukang-ui-ledger-XXXXXX", NULL);
  g_autofree char *clients = g_build_filename (dir, "clients.csv", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  fixture_open (&f);
  before = report_csv (&f);
  write_ledger (dir,
                "case_no,name,site,intake_date,consent_date,stable_at_intake\n"
                "SPQ-1,测试甲,SPQ,2021-01-05,2021-01-05,是\n"
                "SPQ-2,测试乙,SPQ,2021-02-30,2021-01-05,是\n");
  yk_admin_import_set_folder (f.import, dir);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.import), "admin.import-check", NULL));
  g_assert_true (yk_admin_import_get_running (f.import));
  ui_test_spin_until (!yk_admin_import_get_running (f.import));
  /* The bad row, as FILE:LINE, and the import refused. */
  g_assert_true (problem_listed (&f, "clients.csv", "3", "intake_date"));
  g_assert_false (problem_listed (&f, "clients.csv", "2", "intake_date"));
  g_assert_true (gtk_widget_get_visible (import_child (&f, "import_problems_window")));
  g_assert_false (gtk_widget_activate_action (GTK_WIDGET (f.import), "admin.import-run", NULL) &&
                  yk_admin_import_get_running (f.import));
  after = report_csv (&f);
  g_assert_cmpstr (after, ==, before);

  /* Corrected: the check passes, then the import adds both. */
  write_ledger (dir,
                "case_no,name,site,intake_date,consent_date,stable_at_intake\n"
                "SPQ-1,测试甲,SPQ,2021-01-05,2021-01-05,是\n"
                "SPQ-2,测试乙,SPQ,2021-02-03,2021-01-05,是\n");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.import), "admin.import-check", NULL));
  ui_test_spin_until (!yk_admin_import_get_running (f.import));
  g_assert_false (gtk_widget_get_visible (import_child (&f, "import_problems_window")));
  g_clear_pointer (&after, g_free);
  after = report_csv (&f);
  g_assert_cmpstr (after, ==, before);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.import), "admin.import-run", NULL));
  g_assert_true (yk_admin_import_get_running (f.import));
  ui_test_spin_until (!yk_admin_import_get_running (f.import));
  g_clear_pointer (&after, g_free);
  after = report_csv (&f);
  g_assert_cmpstr (after, !=, before);
  fixture_close (&f);
  g_unlink (clients);
  g_rmdir (dir);
}

static void
write_workbook (const char *path, const char *intake)
{
  lxw_workbook *wb = workbook_new (path);
  lxw_worksheet *clients = workbook_add_worksheet (wb, "服务对象");
  const char *header[] = { "个案编号", "姓名", "站点", "建档日期", "知情同意日期", "入组时病情稳定", NULL };
  /* Not SPQ-1: the CSV test's fixture database may hold it already. */
  const char *row[] = { "SPQ-WB-1", "测试甲", "SPQ", intake, "2021-01-05", "是", NULL };

  for (lxw_col_t c = 0; header[c]; c++)
    {
      worksheet_write_string (clients, 0, c, header[c], NULL);
      worksheet_write_string (clients, 2, c, row[c], NULL);
    }
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
}

/* A workbook: problems by sheet and spreadsheet row; then imported. */
static void
test_import_workbook (void)
{
  Fixture f = { 0 };
  g_autofree char *dir = g_dir_make_tmp ("yukang-ui-ledger-XXXXXX", NULL);
  g_autofree char *path = g_build_filename (dir, "台账.xlsx", NULL);
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;

  fixture_open (&f);
  before = report_csv (&f);
  write_workbook (path, "2021-02-30");
  yk_admin_import_set_folder (f.import, path);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.import), "admin.import-check", NULL));
  ui_test_spin_until (!yk_admin_import_get_running (f.import));
  g_assert_true (problem_listed (&f, "服务对象", "3", "建档日期"));
  g_assert_true (gtk_widget_get_visible (import_child (&f, "import_problems_window")));

  write_workbook (path, "2021-02-03");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.import), "admin.import-check", NULL));
  ui_test_spin_until (!yk_admin_import_get_running (f.import));
  g_assert_false (gtk_widget_get_visible (import_child (&f, "import_problems_window")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.import), "admin.import-run", NULL));
  ui_test_spin_until (!yk_admin_import_get_running (f.import));
  after = report_csv (&f);
  g_assert_cmpstr (after, !=, before);
  fixture_close (&f);
  g_unlink (path);
  g_rmdir (dir);
}

static YkSiteDetails *
stored_site (Fixture *f, GPtrArray **sites)
{
  YkSession *session = yk_unlocked_session_get_session (yk_window_get_session (f->window));

  *sites = yk_admin_sites_list (session, NULL);
  for (guint i = 0; i < (*sites)->len; i++)
    if (g_str_equal (((YkSiteDetails *) (*sites)->pdata[i])->code, "SPQ"))
      return (*sites)->pdata[i];
  g_assert_not_reached ();
}

static GtkEditable *
site_entry (YkAdminSiteRow *row, const char *name)
{
  return GTK_EDITABLE (ui_test_child (row, YK_TYPE_ADMIN_SITE_ROW, name));
}

static void
test_site_inline (void)
{
  Fixture f = { 0 };
  g_autoptr (GPtrArray) sites = NULL;
  YkSiteDetails *site;
  YkAdminSiteRow *editor;
  GtkEditable *count;
  gint64 id;
  int before;

  fixture_open (&f);
  site = stored_site (&f, &sites);
  id = site->id;
  before = site->equipment_count;
  editor = _yk_admin_settings_get_site_row (f.settings, id);
  g_assert_nonnull (editor);
  g_assert_cmpstr (gtk_editable_get_text (site_entry (editor, "name_entry")), ==, site->name);
  count = site_entry (editor, "equipment_count_entry");

  gtk_editable_set_text (count, "-1");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.settings), "admin.save-site", "x", id));
  g_assert_true (gtk_widget_get_visible (ui_test_child (editor, YK_TYPE_ADMIN_SITE_ROW, "error_label")));
  g_assert_cmpstr (gtk_editable_get_text (count), ==, "-1");
  g_ptr_array_unref (sites);
  site = stored_site (&f, &sites);
  g_assert_cmpint (site->equipment_count, ==, before);

  gtk_editable_set_text (count, "5");
  gtk_editable_set_text (site_entry (editor, "opening_date_entry"), "2021-03-01");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.settings), "admin.save-site", "x", id));
  g_ptr_array_unref (sites);
  site = stored_site (&f, &sites);
  g_assert_cmpint (site->equipment_count, ==, 5);
  g_assert_cmpstr (site->opening_date, ==, "2021-03-01");
  /* Rebuilt from what was stored. */
  editor = _yk_admin_settings_get_site_row (f.settings, id);
  g_assert_false (gtk_widget_get_visible (ui_test_child (editor, YK_TYPE_ADMIN_SITE_ROW, "error_label")));
  g_assert_cmpstr (gtk_editable_get_text (site_entry (editor, "equipment_count_entry")), ==, "5");
  fixture_close (&f);
}

/* A password reset runs Argon2id in a worker thread: a mistyped
 * confirmation is refused in the dialog, then the new password unlocks
 * and the old one no longer does. */
static void
set_password_in_dialog (Fixture *f, const char *first, const char *second)
{
  YkPasswordDialog *dialog = YK_PASSWORD_DIALOG (yk_admin_accounts_get_password_dialog (f->accounts));

  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_PASSWORD_DIALOG, "new_entry")), first);
  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_PASSWORD_DIALOG, "again_entry")), second);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "password.save", NULL));
}

static void
test_reset_password (void)
{
  Fixture f = { 0 };
  YkPasswordDialog *dialog;
  YkUnlockedSession *session;

  fixture_open (&f);
  session = yk_window_get_session (f.window);
  accounts_action (&f, "admin.reset-password", UI_TEST_WORKER);
  dialog = YK_PASSWORD_DIALOG (yk_admin_accounts_get_password_dialog (f.accounts));
  g_assert_nonnull (dialog);
  /* Another's password: no current password asked. */
  g_assert_false (gtk_widget_get_visible (ui_test_child (dialog, YK_TYPE_PASSWORD_DIALOG, "current_entry")));
  set_password_in_dialog (&f, NEW_PASSWORD, NEW_PASSWORD "x");
  g_assert_true (gtk_widget_get_visible (ui_test_child (dialog, YK_TYPE_PASSWORD_DIALOG, "error_label")));
  g_assert_false (yk_password_dialog_get_busy (dialog));

  set_password_in_dialog (&f, NEW_PASSWORD, NEW_PASSWORD);
  g_assert_true (yk_password_dialog_get_busy (dialog));
  g_assert_true (yk_unlocked_session_get_busy (session));
  ui_test_spin_until (!yk_unlocked_session_get_busy (session));
  g_assert_null (yk_admin_accounts_get_password_dialog (f.accounts));
  g_assert_true (can_unlock (UI_TEST_WORKER, NEW_PASSWORD));
  g_assert_false (can_unlock (UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD));

  /* Back as it was, for the other tests. */
  accounts_action (&f, "admin.reset-password", UI_TEST_WORKER);
  set_password_in_dialog (&f, UI_TEST_WORKER_PASSWORD, UI_TEST_WORKER_PASSWORD);
  ui_test_spin_until (!yk_unlocked_session_get_busy (session));
  g_assert_true (can_unlock (UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD));
  fixture_close (&f);
}

static YkPasswordDialog *
find_password_dialog (void)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr (GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (YK_IS_PASSWORD_DIALOG (window))
        return YK_PASSWORD_DIALOG (window);
    }
  return NULL;
}

static void
fill_own_password (YkPasswordDialog *dialog, const char *current, const char *password)
{
  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_PASSWORD_DIALOG, "current_entry")), current);
  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_PASSWORD_DIALOG, "new_entry")), password);
  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_PASSWORD_DIALOG, "again_entry")), password);
  /* Set, the dialog closes (and goes); refused, it says why. */
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "password.save", NULL));
  ui_test_spin_until (dialog == NULL || !yk_password_dialog_get_busy (dialog));
  if (dialog != NULL)
    g_object_remove_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
}

/* A social worker changes their own password from the window's menu
 * (they have no 管理): the current one is asked first, and a wrong one
 * changes nothing. */
static void
test_own_password (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  YkPasswordDialog *dialog;

  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.change-password", NULL));
  dialog = find_password_dialog ();
  g_assert_nonnull (dialog);
  g_assert_true (gtk_widget_get_visible (ui_test_child (dialog, YK_TYPE_PASSWORD_DIALOG, "current_entry")));

  fill_own_password (dialog, "not the password", NEW_PASSWORD);
  g_assert_true (gtk_widget_get_visible (ui_test_child (dialog, YK_TYPE_PASSWORD_DIALOG, "error_label")));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (dialog)));
  g_assert_true (can_unlock (UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD));
  g_assert_false (can_unlock (UI_TEST_WORKER, NEW_PASSWORD));

  fill_own_password (dialog, UI_TEST_WORKER_PASSWORD, NEW_PASSWORD);
  g_assert_null (find_password_dialog ());
  g_assert_true (can_unlock (UI_TEST_WORKER, NEW_PASSWORD));
  g_assert_false (can_unlock (UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD));

  /* Back as it was, for the other tests. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "win.change-password", NULL));
  dialog = find_password_dialog ();
  fill_own_password (dialog, NEW_PASSWORD, UI_TEST_WORKER_PASSWORD);
  g_assert_true (can_unlock (UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD));
  gtk_window_destroy (GTK_WINDOW (window));
}

static guint
site_position (GtkDropDown *drop_down, const char *code)
{
  GListModel *model = gtk_drop_down_get_model (drop_down);

  for (guint i = 0; i < g_list_model_get_n_items (model); i++)
    if (g_str_has_prefix (gtk_string_list_get_string (GTK_STRING_LIST (model), i), code))
      return i;
  g_assert_not_reached ();
}

static gint64
site_of (const char *account, const char *password)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = yk_session_open (db.path, account, password, &error);

  g_assert_no_error (error);
  return yk_session_get_site_id (session);
}

/* Moving a social worker to the other site from their row: the account
 * unlocks at the new site; one's own role is refused in the dialog. */
static GtkWidget *
role_child (GtkWindow *dialog, const char *name)
{
  return ui_test_child (dialog, YK_TYPE_ADMIN_ROLE_DIALOG, name);
}

static void
choose_site (GtkWindow *dialog, const char *code)
{
  GtkDropDown *site = GTK_DROP_DOWN (role_child (dialog, "site_drop_down"));

  gtk_drop_down_set_selected (site, site_position (site, code));
}

static void
test_edit_role (void)
{
  Fixture f = { 0 };
  GtkWindow *dialog;
  gint64 before = site_of (UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) moved = NULL;

  fixture_open (&f);
  accounts_action (&f, "admin.edit-role", UI_TEST_WORKER);
  dialog = yk_admin_accounts_get_role_dialog (f.accounts);
  g_assert_nonnull (dialog);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (role_child (dialog, "role_drop_down"))), ==, 0);
  choose_site (dialog, "JL");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "role.save", NULL));
  g_assert_null (yk_admin_accounts_get_role_dialog (f.accounts));
  moved = yk_session_open (db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_cmpint (yk_session_get_site_id (moved), !=, before);
  g_assert_cmpint (yk_session_get_role (moved), ==, YK_ROLE_WORKER);

  /* One's own: refused, said in the dialog, nothing changed. */
  accounts_action (&f, "admin.edit-role", UI_TEST_COORDINATOR);
  dialog = yk_admin_accounts_get_role_dialog (f.accounts);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "role.save", NULL));
  g_assert_true (gtk_widget_get_visible (role_child (dialog, "error_label")));
  ui_test_press_shortcut (GTK_WIDGET (dialog), "Escape");
  g_assert_null (yk_admin_accounts_get_role_dialog (f.accounts));

  /* Back to where they were, for the other tests. */
  accounts_action (&f, "admin.edit-role", UI_TEST_WORKER);
  dialog = yk_admin_accounts_get_role_dialog (f.accounts);
  choose_site (dialog, "SPQ");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "role.save", NULL));
  g_assert_cmpint (site_of (UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD), ==, before);
  fixture_close (&f);
}

static GBytes *
database_bytes (void)
{
  g_autoptr (GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (db.path, &contents, &length, &error));
  return g_bytes_new_take (contents, length);
}

/* Changing the key from the window: asked first, done in a worker
 * thread while the window takes no input, and afterwards the same
 * window goes on working under the new key: verify passes (the trail
 * was re-signed, and the rotation is its last entry), every account
 * still unlocks. */
static void take_new_recovery_key (Fixture *f);

static void
test_rotate_key (void)
{
  Fixture f = { 0 };
  g_autoptr (GError) error = NULL;
  g_autoptr (GBytes) before = NULL;
  g_autoptr (GBytes) after = NULL;
  YkAdminAudit *audit;
  YkReader *reader;
  YkAdminAuditFilter filter = { .limit = 1 };
  YkVerifyReport report = { 0 };
  YkSession *session;
  GtkWidget *status;

  fixture_open (&f);
  before = database_bytes ();
  accounts_action (&f, "admin.rotate-key", NULL);
  answer_confirm (&f, FALSE);
  after = database_bytes ();
  g_assert_true (g_bytes_equal (before, after));
  g_clear_pointer (&after, g_bytes_unref);

  accounts_action (&f, "admin.rotate-key", NULL);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (yk_admin_accounts_get_confirm_dialog (f.accounts)),
                                             "confirm.accept", NULL));
  g_assert_true (yk_admin_accounts_get_busy (f.accounts));
  g_assert_null (yk_unlocked_session_get_session (yk_window_get_session (f.window)));
  g_assert_true (yk_unlocked_session_is_unlocked (yk_window_get_session (f.window)));
  ui_test_spin_until (!yk_admin_accounts_get_busy (f.accounts));
  status = accounts_child (&f, "key_status");
  g_assert_true (gtk_widget_has_css_class (status, "success"));

  after = database_bytes ();
  g_assert_false (g_bytes_equal (before, after));
  session = yk_unlocked_session_get_session (yk_window_get_session (f.window));
  g_assert_nonnull (session);
  g_assert_true (yk_verify (session, &report, &error));
  g_assert_no_error (error);
  g_assert_true (yk_verify_report_ok (&report));
  yk_verify_report_clear (&report);
  reader = yk_reader_new_for_session (session);
  audit = yk_admin_audit_read (reader, &filter, &error);
  g_clear_pointer (&reader, yk_reader_free);
  g_assert_no_error (error);
  g_assert_cmpstr (((YkAuditRow *) audit->rows->pdata[0])->action, ==, "key_rotate");
  g_assert_cmpint (audit->check.first_bad_id, ==, 0);
  yk_admin_audit_free (audit);

  g_assert_true (can_unlock (UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD));
  g_assert_true (can_unlock (UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD));
  take_new_recovery_key (&f);
  fixture_close (&f);
}

/* The key a YkRecoveryKeyDialog shows, as one would type it. */
static char *
shown_recovery_key (GtkWindow *dialog)
{
  g_auto (GStrv) lines = g_strsplit (yk_recovery_key_dialog_get_shown_key (YK_RECOVERY_KEY_DIALOG (dialog)), "\n", -1);

  return g_strjoinv ("", lines);
}

/* The new recovery key shown works, the one before no longer does;
 * db.recovery_key becomes the new one. Closes the dialog, which wants
 * the box ticked first. */
static void
take_new_recovery_key (Fixture *f)
{
  GtkWindow *dialog = yk_admin_accounts_get_recovery_key_dialog (f->accounts);
  g_autofree char *key = NULL;
  g_autoptr (GError) error = NULL;
  YkStore *store;

  g_assert_nonnull (dialog);
  key = shown_recovery_key (dialog);
  g_assert_cmpstr (key, !=, db.recovery_key);
  g_assert_null (yk_store_unlock_with_recovery_key (db.path, db.recovery_key, &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  store = yk_store_unlock_with_recovery_key (db.path, key, &error);
  g_assert_no_error (error);
  yk_store_close (store);
  g_free (db.recovery_key);
  db.recovery_key = g_steal_pointer (&key);

  /* Not closed before the box is ticked. */
  gtk_widget_activate_action (GTK_WIDGET (dialog), "recovery-key.done", NULL);
  g_assert_true (yk_admin_accounts_get_recovery_key_dialog (f->accounts) == dialog);
  gtk_check_button_set_active (GTK_CHECK_BUTTON (ui_test_child (dialog, YK_TYPE_RECOVERY_KEY_DIALOG,
                                                                 "written_down_check")), TRUE);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (dialog), "recovery-key.done", NULL));
  g_assert_null (yk_admin_accounts_get_recovery_key_dialog (f->accounts));
}

static void
add_account_directly (const char *account)
{
  g_autoptr (GError) error = NULL;
  YkSession *session = yk_session_open (db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, &error);

  g_assert_no_error (error);
  g_assert_true (yk_accounts_add (session, account, NEW_PASSWORD, YK_ROLE_WORKER, "JL", NULL, YK_KDF_INTERACTIVE,
                                  &error));
  g_assert_no_error (error);
  yk_session_close (session);
}

/* Removing an account: the box "also change the key" is there and
 * ticked; accepted as it is, the key changes and the new recovery key
 * is shown once. Unticked, only the slot goes and the recovery key
 * stays. */
static void
test_remove_changes_key (void)
{
  Fixture f = { 0 };
  GtkWindow *confirm;
  GtkCheckButton *option;
  g_autoptr (GError) error = NULL;
  YkStore *store;

  add_account_directly ("zhou");
  add_account_directly ("qian");
  fixture_open (&f);

  accounts_action (&f, "admin.remove-account", "zhou");
  confirm = yk_admin_accounts_get_confirm_dialog (f.accounts);
  option = yk_admin_confirm_dialog_get_option (YK_ADMIN_CONFIRM_DIALOG (confirm));
  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (option)));
  g_assert_true (gtk_check_button_get_active (option));
  answer_confirm (&f, TRUE);
  g_assert_false (listed (&f, "zhou"));
  g_assert_false (can_unlock ("zhou", NEW_PASSWORD));
  g_assert_true (gtk_widget_has_css_class (accounts_child (&f, "key_status"), "success"));
  take_new_recovery_key (&f);
  g_assert_true (can_unlock ("qian", NEW_PASSWORD));

  accounts_action (&f, "admin.remove-account", "qian");
  confirm = yk_admin_accounts_get_confirm_dialog (f.accounts);
  gtk_check_button_set_active (yk_admin_confirm_dialog_get_option (YK_ADMIN_CONFIRM_DIALOG (confirm)), FALSE);
  answer_confirm (&f, TRUE);
  g_assert_false (listed (&f, "qian"));
  g_assert_false (can_unlock ("qian", NEW_PASSWORD));
  g_assert_null (yk_admin_accounts_get_recovery_key_dialog (f.accounts));
  store = yk_store_unlock_with_recovery_key (db.path, db.recovery_key, &error);
  g_assert_no_error (error);
  yk_store_close (store);
  fixture_close (&f);
}

/* A lock while an account is being added waits for the worker thread,
 * then wipes the keys; the account is complete and the file sound. */
static void
test_lock_while_busy (void)
{
  Fixture f = { 0 };
  g_autoptr (YkUnlockedSession) session = NULL;

  fixture_open (&f);
  session = g_object_ref (yk_window_get_session (f.window));
  set_text (&f, "add_account_entry", "sun");
  set_text (&f, "add_name_entry", "孙七");
  set_text (&f, "add_password_entry", NEW_PASSWORD);
  set_text (&f, "add_confirm_entry", NEW_PASSWORD);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (f.accounts), "admin.add-account", NULL));
  g_assert_true (yk_unlocked_session_get_busy (session));
  yk_window_lock (f.window);
  g_assert_false (yk_unlocked_session_is_unlocked (session));
  /* No unlocking again until the job is over. */
  g_assert_false (gtk_widget_get_sensitive (ui_test_child (f.window, YK_TYPE_WINDOW, "unlock_page")));
  ui_test_spin_until (!yk_unlocked_session_get_busy (session));
  g_assert_true (gtk_widget_get_sensitive (ui_test_child (f.window, YK_TYPE_WINDOW, "unlock_page")));
  g_assert_null (yk_unlocked_session_get_session (session));
  g_assert_true (can_unlock ("sun", NEW_PASSWORD));
  g_assert_true (can_unlock (UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD));
  fixture_close (&f);
}

int
main (int argc, char *argv[])
{
  int status;

  /* Before anything reads the zone: a local time shown in UTC fails. */
  g_setenv ("TZ", "Asia/Shanghai", TRUE);
  tzset ();
  ui_test_init (&argc, &argv);
  ui_test_database_make (&db);
  g_test_add_func ("/ui/admin/verify-fresh", test_verify_fresh);
  g_test_add_func ("/ui/admin/add-then-remove", test_add_then_remove);
  g_test_add_func ("/ui/admin/remove-changes-key", test_remove_changes_key);
  g_test_add_func ("/ui/admin/settings-inline", test_settings_inline);
  g_test_add_func ("/ui/admin/site-inline", test_site_inline);
  g_test_add_func ("/ui/admin/audit-trail", test_audit_trail);
  g_test_add_func ("/ui/admin/import-all-or-nothing", test_import_all_or_nothing);
  g_test_add_func ("/ui/admin/import-workbook", test_import_workbook);
  g_test_add_func ("/ui/admin/reset-password", test_reset_password);
  g_test_add_func ("/ui/admin/own-password", test_own_password);
  g_test_add_func ("/ui/admin/edit-role", test_edit_role);
  g_test_add_func ("/ui/admin/lock-while-busy", test_lock_while_busy);
  g_test_add_func ("/ui/admin/rotate-key", test_rotate_key);
  g_test_add_func ("/ui/admin/training", test_training);
  status = g_test_run ();
  ui_test_database_remove (&db);
  return status;
}
