/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The case file as a person uses it, on the pilot's demo data: opened
 * with case.open, audited, the profile edited with errors beside the
 * field, drafts kept across a lock, refreshed when a record is added. */
#include "yk-config.h"
#include "ui-test-util.h"
#include "yk-case-file.h"
#include "yk-reader.h"
#include "yk-case-file-view.h"
#include "yk-casework.h"
#include "yk-demo.h"
#include "yk-main-view.h"
#include "yk-record-rules.h"
#include "yk-sdss-chart.h"
#include "yk-timeline-item.h"
#include "yk-transfer-dialog.h"
#include "yk-validate.h"
#include "yk-withdraw-consent-dialog.h"

#include <string.h>

static UiTestDatabase db;
static gint64 spq_people[4]; /* the coordinator's demo people at SPQ, the first with a referral */
static gint64 jl_person;     /* one at JL */

static GtkWidget *
main_view (YkWindow *window)
{
  GtkWidget *view = gtk_stack_get_child_by_name (GTK_STACK (gtk_window_get_child (GTK_WINDOW (window))), "main");

  g_assert_nonnull (view);
  return view;
}

static YkCaseFileView *
case_file_view (YkWindow *window)
{
  return YK_CASE_FILE_VIEW (ui_test_child (main_view (window), YK_TYPE_MAIN_VIEW, "case_file_view"));
}

static GtkWidget *
child (YkCaseFileView *view, const char *name)
{
  return ui_test_child (view, YK_TYPE_CASE_FILE_VIEW, name);
}

static GListModel *
store (YkCaseFileView *view, const char *name)
{
  return G_LIST_MODEL (gtk_widget_get_template_child (GTK_WIDGET (view), YK_TYPE_CASE_FILE_VIEW, name));
}

static YkSession *
session_of (YkWindow *window)
{
  return yk_unlocked_session_get_session (yk_window_get_session (window));
}

/* case.open, as every other screen asks for it, then the load. */
static YkCaseFileView *
open_case (YkWindow *window, gint64 client_id)
{
  YkCaseFileView *view = case_file_view (window);

  g_assert_true (gtk_widget_activate_action (main_view (window), "case.open", "x", client_id));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (ui_test_child (main_view (window), YK_TYPE_MAIN_VIEW,
                                                                                 "outer_stack"))), ==, "case-file");
  ui_test_spin_until (!yk_case_file_view_get_loading (view));
  return view;
}

static const char *
state_of (YkCaseFileView *view)
{
  return gtk_stack_get_visible_child_name (GTK_STACK (child (view, "state_stack")));
}

static YkCaseFile *
read_case_file (YkWindow *window, gint64 client_id)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkReader) reader = yk_reader_new_for_session (session_of (window));
  YkCaseFile *file;

  file = yk_case_file_load (reader, client_id, &error);
  g_assert_no_error (error);
  return file;
}

static gint64
audit_count (YkWindow *window, const char *account, gint64 client_id)
{
  sqlite3 *conn = yk_store_get_connection (yk_session_get_store (session_of (window)));
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_prepare_v2 (conn, "SELECT count(*) FROM audit WHERE action = 'open_case' AND "
                                             "record_table = 'clients' AND record_id = ?1 AND account = ?2 "
                                             "AND detail IS NULL", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_text (stmt, 2, account, -1, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

static const char *
entry_text (YkCaseFileView *view, const char *field)
{
  g_autofree char *name = g_strconcat (field, "_field", NULL);

  return gtk_editable_get_text (GTK_EDITABLE (child (view, name)));
}

static void
type_into (YkCaseFileView *view, const char *field, const char *text)
{
  g_autofree char *name = g_strconcat (field, "_field", NULL);

  gtk_editable_set_text (GTK_EDITABLE (child (view, name)), text);
}

static GtkWidget *
error_label (YkCaseFileView *view, const char *field)
{
  g_autofree char *name = g_strconcat (field, "_error", NULL);

  return child (view, name);
}

static void
test_open (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  g_autoptr (YkCaseFile) expected = read_case_file (window, spq_people[0]);
  gint64 audited = audit_count (window, UI_TEST_COORDINATOR, spq_people[0]);
  YkCaseFileView *view = open_case (window, spq_people[0]);
  GListModel *timeline = yk_case_file_view_get_timeline (view);
  guint voided = 0;

  g_assert_cmpstr (state_of (view), ==, "file");
  /* The full name, unmasked, in the header. */
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (view, "full_name_label"))), ==, expected->client->name);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child (view, "details_label"))), expected->client->case_no));
  g_assert_cmpint (gtk_widget_get_visible (child (view, "warning_banner")), ==, expected->warning);

  /* Every record the app reads, in the same order: newest first. */
  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, expected->timeline->len);
  g_assert_cmpuint (g_list_model_get_n_items (timeline), >, 5);
  for (guint i = 0; i < g_list_model_get_n_items (timeline); i++)
    {
      g_autoptr (YkTimelineItem) item = g_list_model_get_item (timeline, i);
      const YkCaseEvent *event = expected->timeline->pdata[i];

      g_assert_cmpstr (yk_timeline_item_get_title (item), ==, event->title);
      if (i > 0)
        {
          g_autoptr (YkTimelineItem) newer = g_list_model_get_item (timeline, i - 1);
          g_assert_cmpstr (yk_timeline_item_get_date (newer), >=, yk_timeline_item_get_date (item));
        }
      if (yk_timeline_item_get_voided (item))
        {
          g_autofree char *markup = NULL;
          g_object_get (item, "title-markup", &markup, NULL);
          g_assert_true (g_str_has_prefix (markup, "<s>"));
          g_assert_false (yk_timeline_item_get_can_void (item));
          g_assert_false (yk_timeline_item_get_can_correct (item));
          g_assert_null (yk_timeline_item_get_menu_model (item));
          voided++;
        }
      else if (yk_timeline_item_get_can_void (item))
        {
          /* The row's 操作 menu: 更正… first where app/ allows it (a
           * coordinator: contacts, assessments, plan goals, referrals),
           * then 作废…. */
          GMenuModel *menu = yk_timeline_item_get_menu_model (item);
          const char *table = yk_timeline_item_get_table (item);
          gboolean correctable = g_strcmp0 (table, "contacts") == 0 || g_strcmp0 (table, "assessments") == 0 ||
                                 g_strcmp0 (table, "plan_goals") == 0 || g_strcmp0 (table, "referrals") == 0;
          g_autofree char *first = NULL;
          g_autofree char *last = NULL;

          g_assert_cmpint (yk_timeline_item_get_can_correct (item), ==, correctable);
          /* A contact's: 附加扫描件… between the two. */
          g_assert_cmpint (g_menu_model_get_n_items (menu), ==,
                           (correctable ? 2 : 1) + (g_strcmp0 (table, "contacts") == 0));
          g_assert_true (g_menu_model_get_item_attribute (menu, 0, G_MENU_ATTRIBUTE_ACTION, "s", &first));
          g_assert_cmpstr (first, ==, correctable ? "record.correct" : "record.void");
          g_assert_true (g_menu_model_get_item_attribute (menu, g_menu_model_get_n_items (menu) - 1,
                                                          G_MENU_ATTRIBUTE_ACTION, "s", &last));
          g_assert_cmpstr (last, ==, "record.void");
        }
    }
  g_assert_cmpuint (g_list_model_get_n_items (store (view, "referral_store")), ==,
                    expected->referrals->len);
  g_assert_cmpuint (g_list_model_get_n_items (store (view, "family_store")), ==, expected->family->len);
  g_assert_cmpuint (yk_sdss_chart_get_n_points (YK_SDSS_CHART (child (view, "sdss_chart"))), >, 0);

  /* Opening it was written to the audit trail, once, without detail. */
  g_assert_cmpint (audit_count (window, UI_TEST_COORDINATOR, spq_people[0]), ==, audited + 1);

  /* Back to the screens, and the back action is off there. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case.back", NULL));
  g_assert_cmpstr (gtk_stack_get_visible_child_name (GTK_STACK (ui_test_child (main_view (window), YK_TYPE_MAIN_VIEW,
                                                                                 "outer_stack"))), ==, "screens");
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The record.* actions live on YkWindow: a stand-in on the shell,
 * between the view and the window, records what the case file asks for
 * (the dialogs are tests/test-ui-recording.c's). */
static void
record_cb (GSimpleAction *action, GVariant *parameter, gpointer user_data)
{
  GString *log = user_data;
  g_autofree char *printed = g_variant_print (parameter, FALSE);

  g_string_append_printf (log, "%s:%s;", g_action_get_name (G_ACTION (action)), printed);
}

static void
test_record_actions (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  g_autoptr (GSimpleActionGroup) record = g_simple_action_group_new ();
  g_autoptr (GString) log = g_string_new (NULL);
  const char *names[] = { "phone", "visit", "assessment", "family", "plan-goal", "referral", "status" };
  g_autofree char *expected = NULL;
  YkCaseFileView *view;

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autoptr (GSimpleAction) action = g_simple_action_new (names[i], G_VARIANT_TYPE_INT64);
      g_signal_connect (action, "activate", G_CALLBACK (record_cb), log);
      g_action_map_add_action (G_ACTION_MAP (record), G_ACTION (action));
    }
  gtk_widget_insert_action_group (gtk_window_get_child (GTK_WINDOW (window)), "record", G_ACTION_GROUP (record));

  view = open_case (window, spq_people[1]);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case-file.record", "s", "record.phone"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case-file.record", "s", "record.visit"));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case-file.record", "s", "record.referral"));
  expected = g_strdup_printf ("phone:%" G_GINT64_FORMAT ";visit:%" G_GINT64_FORMAT ";referral:%" G_GINT64_FORMAT ";",
                              spq_people[1], spq_people[1], spq_people[1]);
  g_assert_cmpstr (log->str, ==, expected);
  /* The buttons name those actions. */
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (child (view, "phone_button"))), ==, "case-file.record");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child (view, "phone_button"))), NULL),
                   ==, "record.phone");
  g_assert_cmpstr (g_variant_get_string (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child (view, "visit_button"))), NULL),
                   ==, "record.visit");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_profile_validation (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  YkCaseFileView *view = open_case (window, spq_people[2]);
  g_autoptr (YkCaseFile) before = read_case_file (window, spq_people[2]);
  g_autofree char *bad_id = NULL;
  YkCaseFile *after;

  /* A resident ID number with a wrong check digit. */
  bad_id = g_strdup (before->client->id_number);
  bad_id[17] = bad_id[17] == '1' ? '2' : '1';
  type_into (view, "id_number", bad_id);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case-file.save", NULL));
  g_assert_true (gtk_widget_get_visible (error_label (view, "id_number")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (error_label (view, "id_number"))), !=, "");
  g_assert_false (gtk_widget_get_visible (error_label (view, "birth_date")));
  g_assert_cmpstr (entry_text (view, "id_number"), ==, bad_id);
  after = read_case_file (window, spq_people[2]);
  g_assert_cmpstr (after->client->id_number, ==, before->client->id_number);
  yk_case_file_free (after);

  /* An impossible date, beside its own field; the other error goes. */
  type_into (view, "id_number", before->client->id_number);
  type_into (view, "birth_date", "1980-02-30");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case-file.save", NULL));
  g_assert_true (gtk_widget_get_visible (error_label (view, "birth_date")));
  g_assert_false (gtk_widget_get_visible (error_label (view, "id_number")));
  g_assert_cmpstr (entry_text (view, "birth_date"), ==, "1980-02-30");
  after = read_case_file (window, spq_people[2]);
  g_assert_cmpstr (after->client->birth_date, ==, before->client->birth_date);
  yk_case_file_free (after);

  /* A valid edit is saved, and shown when the case file is opened again. */
  type_into (view, "birth_date", before->client->birth_date);
  type_into (view, "phone", "13987654321");
  type_into (view, "address", "九龙坡区石坪桥正街 12 号");
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case-file.save", NULL));
  g_assert_false (gtk_widget_get_visible (error_label (view, "birth_date")));
  after = read_case_file (window, spq_people[2]);
  g_assert_cmpstr (after->client->phone, ==, "13987654321");
  g_assert_cmpstr (after->client->birth_date, ==, before->client->birth_date);
  yk_case_file_free (after);

  gtk_widget_activate_action (GTK_WIDGET (view), "case.back", NULL);
  view = open_case (window, spq_people[3]);
  g_assert_cmpstr (entry_text (view, "phone"), !=, "13987654321");
  view = open_case (window, spq_people[2]);
  g_assert_cmpstr (entry_text (view, "phone"), ==, "13987654321");
  g_assert_cmpstr (entry_text (view, "address"), ==, "九龙坡区石坪桥正街 12 号");
  g_assert_false (gtk_widget_get_visible (child (view, "draft_bar")));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_worker_other_site (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  YkCaseFileView *view = open_case (window, jl_person);

  g_assert_cmpstr (state_of (view), ==, "not-found");
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (view, "full_name_label"))), ==, "");
  g_assert_cmpuint (g_list_model_get_n_items (yk_case_file_view_get_timeline (view)), ==, 0);
  g_assert_cmpstr (entry_text (view, "name"), ==, "");
  g_assert_false (gtk_widget_is_sensitive (child (view, "phone_button")));
  g_assert_cmpint (audit_count (window, UI_TEST_WORKER, jl_person), ==, 0);

  /* Their own site's people open. */
  view = open_case (window, spq_people[0]);
  g_assert_cmpstr (state_of (view), ==, "file");
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_drafts_survive_lock (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  YkCaseFileView *view = open_case (window, spq_people[3]);
  g_autofree char *original = g_strdup (entry_text (view, "community"));
  YkFormDrafts *drafts = yk_window_get_drafts (window);

  type_into (view, "community", "杨家坪社区（草稿）");
  g_assert_cmpuint (yk_form_drafts_get_n_drafts (drafts), ==, 1);
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  yk_window_lock (window);
  g_assert_null (view); /* the screen is gone with the lock */

  /* Another account on the same database does not get it. */
  ui_test_unlock_and_wait (window, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  view = open_case (window, spq_people[3]);
  g_assert_cmpstr (entry_text (view, "community"), ==, original);
  g_assert_false (gtk_widget_get_visible (child (view, "draft_bar")));
  yk_window_lock (window);

  ui_test_unlock_and_wait (window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  view = open_case (window, spq_people[3]);
  g_assert_cmpstr (entry_text (view, "community"), ==, "杨家坪社区（草稿）");
  g_assert_true (gtk_widget_get_visible (child (view, "draft_bar")));

  /* Discarding puts the saved value back and forgets the draft. */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case-file.discard", NULL));
  g_assert_cmpstr (entry_text (view, "community"), ==, original);
  g_assert_cmpuint (yk_form_drafts_get_n_drafts (drafts), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
test_refresh_on_records_changed (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  YkCaseFileView *view = open_case (window, spq_people[1]);
  GListModel *timeline = yk_case_file_view_get_timeline (view);
  guint before = g_list_model_get_n_items (timeline);
  g_autoptr (GError) error = NULL;
  g_autoptr (YkTimelineItem) top = NULL;
  g_autofree char *today_text = NULL;
  YkContactRecord contact = { .client_id = spq_people[1], .type = (char *) "phone", .reached = TRUE,
                              .duration_min = 5, .risk_level = 3, .condition = (char *) "unstable" };
  GDate today;

  yk_date_today (&today);
  today_text = yk_date_format_iso (&today);
  contact.date = today_text;
  g_assert_true (yk_casework_add_contact (session_of (window), &contact, NULL, &error));
  g_assert_no_error (error);
  /* Someone else's change does not reload this one. */
  yk_unlocked_session_records_changed (yk_window_get_session (window), jl_person);
  g_assert_false (yk_case_file_view_get_loading (view));
  yk_unlocked_session_records_changed (yk_window_get_session (window), spq_people[1]);
  g_assert_true (yk_case_file_view_get_loading (view));
  ui_test_spin_until (!yk_case_file_view_get_loading (view));

  g_assert_cmpuint (g_list_model_get_n_items (timeline), ==, before + 1);
  top = g_list_model_get_item (timeline, 0);
  g_assert_cmpint (yk_timeline_item_get_kind (top), ==, YK_CASE_EVENT_PHONE);
  g_assert_cmpstr (yk_timeline_item_get_date (top), ==, today_text);
  /* Risk level 3 and 不稳定: the warning is carried. */
  g_assert_true (gtk_widget_get_visible (child (view, "warning_banner")));
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A lock while the case file is still loading: the load is stopped and
 * its connection closed before the keys go (or the store would complain,
 * fatally here). */
static void
test_lock_while_loading (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  YkCaseFileView *view = case_file_view (window);

  g_assert_true (gtk_widget_activate_action (main_view (window), "case.open", "x", spq_people[0]));
  g_assert_true (yk_case_file_view_get_loading (view));
  g_object_add_weak_pointer (G_OBJECT (view), (gpointer *) &view);
  yk_window_lock (window);
  g_assert_null (view);
  g_assert_cmpstr (ui_test_visible_page (window), ==, "unlock");

  /* And the next unlock opens it normally. */
  ui_test_unlock_and_wait (window, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  view = open_case (window, spq_people[0]);
  g_assert_cmpstr (state_of (view), ==, "file");
  gtk_window_destroy (GTK_WINDOW (window));
}

static gint64
dossier_audits (YkWindow *window, const char *action, gint64 client_id)
{
  sqlite3 *conn = yk_store_get_connection (yk_session_get_store (session_of (window)));
  sqlite3_stmt *stmt = NULL;
  gint64 count;

  g_assert_cmpint (sqlite3_prepare_v2 (conn, "SELECT count(*) FROM audit WHERE action = ?1 AND "
                                             "record_table = 'clients' AND record_id = ?2", -1, &stmt, NULL),
                   ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, action, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 2, client_id);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  count = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return count;
}

static char *
pdf_text (const char *path)
{
  const char *argv[] = { "pdftotext", "-layout", path, "-", NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status = 0;

  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

/* 导出 PDF and 打印档案 on the case file: the export path as the file
 * chooser's answer drives it (yk_case_file_view_save_dossier), printing
 * through GtkPrintOperation into a file; both audited, naming the person.
 * Another site's person is not there to print. */
static void
test_dossier (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  g_autoptr (YkCaseFile) expected = read_case_file (window, spq_people[1]);
  g_autofree char *exported = g_build_filename (db.dir, "exported.pdf", NULL);
  g_autofree char *printed = g_build_filename (db.dir, "printed.pdf", NULL);
  g_autofree char *refused = g_build_filename (db.dir, "refused.pdf", NULL);
  g_autoptr (GFile) exported_file = g_file_new_for_path (exported);
  g_autoptr (GFile) refused_file = g_file_new_for_path (refused);
  g_autoptr (GError) error = NULL;
  g_autofree char *name = NULL, *suggested = NULL;
  gint64 exports = dossier_audits (window, "dossier_export", spq_people[1]);
  gint64 prints = dossier_audits (window, "dossier_print", spq_people[1]);
  YkCaseFileView *view = open_case (window, spq_people[1]);

  g_assert_true (gtk_widget_get_visible (child (view, "dossier_button")));
  gtk_test_accessible_assert_property (GTK_ACCESSIBLE (child (view, "dossier_button")), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                       "Dossier");
  suggested = yk_case_file_view_suggest_dossier_name (view);
  name = g_strdup_printf ("个案档案_%s.pdf", expected->client->case_no);
  g_assert_cmpstr (suggested, ==, name);

  g_assert_true (yk_case_file_view_save_dossier (view, exported_file, &error));
  g_assert_no_error (error);
  g_assert_true (yk_case_file_view_print_dossier_to_file (view, printed, &error));
  g_assert_no_error (error);
  for (int i = 0; i < 2; i++)
    {
      g_autofree char *text = pdf_text (i ? printed : exported);

      g_assert_nonnull (strstr (text, expected->client->case_no));
      g_assert_nonnull (strstr (text, expected->client->name));
      g_assert_nonnull (strstr (text, "Printed by 李社工"));
    }
  g_assert_cmpint (dossier_audits (window, "dossier_export", spq_people[1]), ==, exports + 1);
  g_assert_cmpint (dossier_audits (window, "dossier_print", spq_people[1]), ==, prints + 1);

  /* JL's person is not theirs: nothing shown, nothing to print. */
  view = open_case (window, jl_person);
  g_assert_cmpstr (state_of (view), ==, "not-found");
  g_assert_null (yk_case_file_view_suggest_dossier_name (view));
  g_assert_false (yk_case_file_view_save_dossier (view, refused_file, &error));
  g_assert_nonnull (error);
  g_assert_false (g_file_test (refused, G_FILE_TEST_EXISTS));
  g_assert_cmpint (dossier_audits (window, "dossier_export", jl_person), ==, 0);
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The demo database, made once: filling it takes a while. */
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

static gint64
add_person (YkWindow *window, const char *case_no, gboolean consent_details)
{
  g_autoptr (GError) error = NULL;
  YkClientRecord r = { 0 };
  gint64 id = 0;

  r.case_no = (char *) case_no;
  r.name = (char *) "测试同意";
  r.site_id = 1;
  r.intake_date = (char *) "2021-01-05";
  r.consent_date = (char *) "2021-01-04";
  r.stable_at_intake = TRUE;
  r.risk_level = -1;
  if (consent_details)
    {
      r.consent_signer = (char *) "guardian";
      r.consent_guardian = (char *) "测试父";
      r.consent_form = (char *) "written";
      r.consent_scope = YK_CONSENT_SCOPE_ALL;
    }
  g_assert_true (yk_casework_add_client (session_of (window), &r, &id, &error));
  g_assert_no_error (error);
  return id;
}

/* The profile's consent section shows who signed, the form and the
 * scope (a form not recorded says so); withdrawing it through its
 * dialog closes the case, says so on the profile, and recording stops. */
static void
test_consent (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  gint64 signed_id = add_person (window, "SPQ-C001", TRUE);
  gint64 bare_id = add_person (window, "SPQ-C002", FALSE);
  YkCaseFileView *view = open_case (window, bare_id);
  guint scopes = 0;
  GtkWidget *dialog = NULL;
  g_autoptr (GVariant) target = NULL;

  /* A consent of before version 5: its form not recorded, and said so. */
  g_assert_true (gtk_widget_get_visible (child (view, "consent_heading")));
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (child (view, "consent_form_field"))), ==, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (child (view, "consent_signer_field"))), ==, 0);
  g_assert_false (gtk_widget_get_visible (child (view, "consent_guardian_field")));
  g_assert_true (gtk_widget_get_visible (child (view, "consent_withdrawal_label")));
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child (view, "consent_withdrawal_label"))), "not recorded"));

  view = open_case (window, signed_id);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (child (view, "consent_signer_field"))), ==, 2);
  g_assert_true (gtk_widget_get_visible (child (view, "consent_guardian_field")));
  g_assert_cmpstr (entry_text (view, "consent_guardian"), ==, "测试父");
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (child (view, "consent_form_field"))), ==, 1);
  /* 建档, 服务记录, 统计上报: one check button each. */
  for (GtkWidget *check = gtk_widget_get_first_child (child (view, "consent_scope_field")); check != NULL;
       check = gtk_widget_get_next_sibling (check), scopes++)
    g_assert_true (gtk_check_button_get_active (GTK_CHECK_BUTTON (check)));
  g_assert_cmpuint (scopes, ==, 3);
  g_assert_false (gtk_widget_get_visible (child (view, "consent_withdrawal_label")));
  g_assert_true (gtk_widget_get_visible (child (view, "withdraw_consent_button")));
  g_assert_true (gtk_widget_get_sensitive (child (view, "phone_button")));

  /* Edited on the profile like the rest of it. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (view, "consent_form_field")), 2);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case-file.save", NULL));
  ui_test_spin_until (!yk_case_file_view_get_loading (view));
  {
    g_autoptr (YkCaseFile) file = read_case_file (window, signed_id);
    g_assert_cmpstr (file->client->consent_form, ==, "oral_recorded");
    g_assert_cmpstr (file->client->consent_guardian, ==, "测试父");
  }

  /* The button opens the withdrawal dialog, which warns what it does. */
  target = g_variant_ref_sink (g_variant_new_string ("record.withdraw-consent"));
  g_assert_null (find_toplevel (YK_TYPE_WITHDRAW_CONSENT_DIALOG));
  g_assert_cmpstr (gtk_actionable_get_action_name (GTK_ACTIONABLE (child (view, "withdraw_consent_button"))), ==,
                   "case-file.record");
  g_assert_true (g_variant_equal (gtk_actionable_get_action_target_value (GTK_ACTIONABLE (child (view,
                                                                          "withdraw_consent_button"))), target));
  /* A button activated from the keyboard clicks after it is shown pressed. */
  gtk_widget_activate (child (view, "withdraw_consent_button"));
  ui_test_spin_until (find_toplevel (YK_TYPE_WITHDRAW_CONSENT_DIALOG) != NULL);
  dialog = find_toplevel (YK_TYPE_WITHDRAW_CONSENT_DIALOG);
  g_assert_nonnull (dialog);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_test_widget_wait_for_draw (dialog);
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (ui_test_child (dialog, YK_TYPE_WITHDRAW_CONSENT_DIALOG,
                                                                          "warning_label"))), "closes the case"));
  /* Without a reason: refused, at that field. */
  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_WITHDRAW_CONSENT_DIALOG,
                                                      "consent_withdrawn_date_entry")), "2021-06-01");
  gtk_widget_activate_action (dialog, "form.save", NULL);
  g_assert_nonnull (dialog);
  g_assert_nonnull (yk_withdraw_consent_dialog_get_error (YK_WITHDRAW_CONSENT_DIALOG (dialog),
                                                          "consent_withdrawal_reason"));
  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_WITHDRAW_CONSENT_DIALOG,
                                                      "consent_withdrawal_reason_entry")), "家属要求退出");
  gtk_widget_activate_action (dialog, "form.save", NULL);
  ui_test_spin_until (dialog == NULL);
  ui_test_spin_until (!yk_case_file_view_get_loading (view) &&
                      gtk_widget_get_visible (child (view, "consent_withdrawal_label")));

  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (view, "status_tag"))), ==, "Closed");
  g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child (view, "consent_withdrawal_label"))), "2021-06-01"));
  g_assert_false (gtk_widget_get_visible (child (view, "withdraw_consent_button")));
  g_assert_false (gtk_widget_get_sensitive (child (view, "phone_button")));
  {
    g_autoptr (YkCaseFile) file = read_case_file (window, signed_id);
    g_assert_cmpstr (file->client->status, ==, "closed");
    g_assert_cmpstr (file->client->status_date, ==, "2021-06-01");
    g_assert_cmpstr (file->client->status_reason, ==, "撤回同意");
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* The referral source on the profile: 未记录 for a case file without
 * one, chosen from the drop-down and saved with the profile. */
static void
test_referral_source (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  gint64 id = add_person (window, "SPQ-R001", FALSE);
  YkCaseFileView *view = open_case (window, id);
  GtkDropDown *field = GTK_DROP_DOWN (child (view, "referral_source_field"));

  g_assert_true (gtk_widget_get_visible (GTK_WIDGET (field)));
  /* 未记录, then the six sources. */
  ui_test_assert_referral_sources (GTK_WIDGET (field), 1, 0);
  g_assert_cmpuint (gtk_drop_down_get_selected (field), ==, 0);

  /* 家属 (the fourth of the six). */
  gtk_drop_down_set_selected (field, 4);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case-file.save", NULL));
  ui_test_spin_until (!yk_case_file_view_get_loading (view));
  {
    g_autoptr (YkCaseFile) file = read_case_file (window, id);
    g_assert_cmpstr (file->client->referral_source, ==, "family");
  }
  view = open_case (window, id);
  g_assert_cmpuint (gtk_drop_down_get_selected (GTK_DROP_DOWN (child (view, "referral_source_field"))), ==, 4);

  /* Back to not recorded. */
  gtk_drop_down_set_selected (GTK_DROP_DOWN (child (view, "referral_source_field")), 0);
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case-file.save", NULL));
  ui_test_spin_until (!yk_case_file_view_get_loading (view));
  {
    g_autoptr (YkCaseFile) file = read_case_file (window, id);
    g_assert_null (file->client->referral_source);
  }
  gtk_window_destroy (GTK_WINDOW (window));
}

/* A coordinator transfers a person from the case file (迁移): the
 * dialog offers the other site only, the new case file opens with the
 * link back, and the link opens the old one, which links forward. A
 * social worker is not offered it. */
static void
test_transfer (void)
{
  g_autoptr (YkApplication) app = ui_test_application ();
  YkWindow *window = ui_test_open (app, db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD);
  gint64 id = add_person (window, "SPQ-T001", TRUE);
  YkCaseFileView *view = open_case (window, id);
  GtkWidget *dialog = NULL;
  GListModel *sites;
  gint64 new_id;

  g_assert_false (gtk_widget_get_visible (child (view, "transfer_links")));
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (view), "case-file.transfer", NULL));
  ui_test_spin_until (find_toplevel (YK_TYPE_TRANSFER_DIALOG) != NULL);
  dialog = find_toplevel (YK_TYPE_TRANSFER_DIALOG);
  g_object_add_weak_pointer (G_OBJECT (dialog), (gpointer *) &dialog);
  gtk_test_widget_wait_for_draw (dialog);
  sites = gtk_drop_down_get_model (GTK_DROP_DOWN (ui_test_child (dialog, YK_TYPE_TRANSFER_DIALOG, "site_dropdown")));
  g_assert_cmpuint (g_list_model_get_n_items (sites), ==, 1);
  /* Today by default; before the intake refused at the date. */
  g_assert_cmpstr (gtk_editable_get_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_TRANSFER_DIALOG, "date_entry"))),
                   !=, "");
  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_TRANSFER_DIALOG, "date_entry")), "2020-12-01");
  gtk_widget_activate_action (dialog, "form.save", NULL);
  g_assert_nonnull (dialog);
  g_assert_nonnull (yk_transfer_dialog_get_error (YK_TRANSFER_DIALOG (dialog), "transfer_date"));
  gtk_editable_set_text (GTK_EDITABLE (ui_test_child (dialog, YK_TYPE_TRANSFER_DIALOG, "date_entry")), "2021-06-01");
  gtk_widget_activate_action (dialog, "form.save", NULL);
  ui_test_spin_until (dialog == NULL);
  ui_test_spin_until (yk_case_file_view_get_client_id (view) != id && !yk_case_file_view_get_loading (view));

  new_id = yk_case_file_view_get_client_id (view);
  {
    g_autoptr (YkCaseFile) file = read_case_file (window, new_id);

    g_assert_cmpstr (file->client->transferred_from_case_no, ==, "SPQ-T001");
    g_assert_cmpint (file->client->site_id, ==, 2);
    g_assert_nonnull (strstr (gtk_label_get_text (GTK_LABEL (child (view, "details_label"))), file->client->case_no));
  }
  g_assert_true (gtk_widget_get_visible (child (view, "transfer_links")));
  g_assert_true (gtk_widget_get_visible (child (view, "transfer_from_button")));
  g_assert_false (gtk_widget_get_visible (child (view, "transfer_to_button")));
  g_assert_cmpstr (gtk_button_get_label (GTK_BUTTON (child (view, "transfer_from_button"))), ==,
                   "Transferred from SPQ-T001");
  g_assert_true (gtk_widget_get_sensitive (child (view, "transfer_from_button")));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (view, "status_tag"))), ==, "Active");

  /* The link opens the old case file, referred out, linking forward. */
  gtk_widget_activate (child (view, "transfer_from_button"));
  ui_test_spin_until (yk_case_file_view_get_client_id (view) == id && !yk_case_file_view_get_loading (view));
  g_assert_true (gtk_widget_get_visible (child (view, "transfer_to_button")));
  g_assert_nonnull (strstr (gtk_button_get_label (GTK_BUTTON (child (view, "transfer_to_button"))), "Transferred to JL-"));
  g_assert_cmpstr (gtk_label_get_text (GTK_LABEL (child (view, "status_tag"))), ==, "Referred");
  /* Referred out: not transferred again. */
  gtk_widget_activate_action (GTK_WIDGET (view), "case-file.transfer", NULL);
  g_assert_null (find_toplevel (YK_TYPE_TRANSFER_DIALOG));
  gtk_window_destroy (GTK_WINDOW (window));

  /* A social worker: no transfer, the link shown. */
  window = ui_test_open (app, db.path, UI_TEST_WORKER, UI_TEST_WORKER_PASSWORD);
  view = open_case (window, id);
  g_assert_true (gtk_widget_get_visible (child (view, "transfer_to_button")));
  g_assert_false (gtk_widget_get_sensitive (child (view, "transfer_to_button")));
  view = open_case (window, spq_people[1]);
  gtk_widget_activate_action (GTK_WIDGET (view), "case-file.transfer", NULL);
  g_assert_null (find_toplevel (YK_TYPE_TRANSFER_DIALOG));
  gtk_window_destroy (GTK_WINDOW (window));
}

static void
make_demo_database (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = NULL;
  g_autoptr (YkReader) reader = NULL;
  guint spq = 0;

  ui_test_database_make (&db);
  session = yk_session_open (db.path, UI_TEST_COORDINATOR, UI_TEST_COORDINATOR_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (yk_demo_fill (session, 1, YK_DEMO_PILOT, &error));
  g_assert_no_error (error);
  reader = yk_reader_new_for_session (session);
  for (gint64 id = 1; id <= 142 && (spq < G_N_ELEMENTS (spq_people) || jl_person == 0); id++)
    {
      g_autoptr (YkCaseFile) file = yk_case_file_load (reader, id, NULL);

      if (file == NULL || g_strcmp0 (file->client->status, "active") != 0 || file->client->risk_level >= 3)
        continue;
      if (file->client->site_id == 2 && jl_person == 0)
        jl_person = id;
      else if (file->client->site_id == 1 && spq < G_N_ELEMENTS (spq_people) &&
               (spq > 0 || file->referrals->len > 0 || id > 100) && file->client->id_number != NULL)
        spq_people[spq++] = id;
    }
  g_assert_cmpuint (spq, ==, G_N_ELEMENTS (spq_people));
  g_assert_cmpint (jl_person, >, 0);
}

int
main (int argc, char *argv[])
{
  int status;

  ui_test_init (&argc, &argv);
  make_demo_database ();
  g_test_add_func ("/ui/case-file/open", test_open);
  g_test_add_func ("/ui/case-file/record-actions", test_record_actions);
  g_test_add_func ("/ui/case-file/profile-validation", test_profile_validation);
  g_test_add_func ("/ui/case-file/worker-other-site", test_worker_other_site);
  g_test_add_func ("/ui/case-file/drafts-survive-lock", test_drafts_survive_lock);
  g_test_add_func ("/ui/case-file/refresh-on-records-changed", test_refresh_on_records_changed);
  g_test_add_func ("/ui/case-file/lock-while-loading", test_lock_while_loading);
  g_test_add_func ("/ui/case-file/consent", test_consent);
  g_test_add_func ("/ui/case-file/referral-source", test_referral_source);
  g_test_add_func ("/ui/case-file/transfer", test_transfer);
  g_test_add_func ("/ui/case-file/dossier", test_dossier);
  status = g_test_run ();
  ui_test_database_remove (&db);
  return status;
}
