/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-admin-page.h"
#include "yk-date-entry.h"
#include "yk-followup.h"
#include "yk-admin-accounts.h"
#include "yk-admin.h"
#include "yk-audit-words.h"
#include "yk-reader-task.h"
#include "yk-file-chooser.h"
#include "yk-import-problem-item.h"
#include "yk-ledger.h"
#include "yk-password-strength.h"
#include "yk-statistics.h"
#include "yk-label.h"
#include "yk-unlocked-session.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

#define SPINNER_DELAY_MS 200

struct _YkAdminPage
{
  GtkWidget parent_instance;

  YkUnlockedSession *session;

  GtkStack *sections;
  YkAdminAccounts *accounts;

  GtkSpinner *verify_spinner;
  GtkLabel *verify_summary;
  GtkListBox *checks_list;
  GtkLabel *database_status;

  GtkSpinButton *stable_amount, *basically_stable_amount, *unstable_amount;
  GtkDropDown *stable_unit, *basically_stable_unit, *unstable_unit; /* YkIntervalUnit */
  GtkEditable *threshold_entry;
  GtkLabel *stable_error, *basically_stable_error, *unstable_error, *threshold_error;
  GtkLabel *settings_status;
  GtkBox *sites_box;

  GtkLabel *import_folder_label;
  GtkProgressBar *import_progress;
  GtkLabel *import_status;
  GtkWidget *import_problems_window;
  GListStore *import_problems;  /* YkImportProblemItem */
  char *import_folder;       /* a folder or a workbook */
  char *import_checked;      /* the folder or workbook a clean check was made of */
  GCancellable *import_cancellable;
  gboolean import_running;

  GtkImage *chain_icon;
  GtkLabel *chain_label;
  GtkSpinner *audit_spinner;
  GtkEditable *audit_account_entry, *audit_record_entry, *audit_from_entry, *audit_to_entry;
  GtkLabel *audit_error;
  GtkLabel *audit_count;
  GtkListBox *audit_list;
  GCancellable *audit_cancellable;
  GTask *audit_task;
  guint audit_spinner_source;
  gboolean audit_loaded;

  YkAdminVerifyState verify_state;
  GCancellable *verify_cancellable;
  GTask *verify_task;
  guint spinner_source;
};

G_DEFINE_FINAL_TYPE (YkAdminPage, yk_admin_page, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static YkSession *
get_session (YkAdminPage *self)
{
  return self->session != NULL ? yk_unlocked_session_get_session (self->session) : NULL;
}

/* --- database --- */

static void
add_check (YkAdminPage *self, const char *what, const char *result, gboolean ok)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *icon = gtk_image_new_from_icon_name (ok ? "emblem-ok-symbolic" : "dialog-warning-symbolic");
  GtkWidget *name = yk_label_new_start (what, FALSE);
  GtkWidget *value = yk_label_new_start (result, !ok ? FALSE : TRUE);

  gtk_widget_add_css_class (icon, ok ? "success" : "error");
  gtk_widget_set_size_request (name, 140, -1);
  gtk_label_set_ellipsize (GTK_LABEL (value), PANGO_ELLIPSIZE_NONE);
  gtk_label_set_wrap (GTK_LABEL (value), TRUE);
  gtk_widget_set_hexpand (value, TRUE);
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  gtk_box_append (GTK_BOX (row), icon);
  gtk_box_append (GTK_BOX (row), name);
  gtk_box_append (GTK_BOX (row), value);
  g_object_set_data (G_OBJECT (row), "ok", GINT_TO_POINTER (ok));
  gtk_list_box_append (self->checks_list, row);
}

static void
add_checks (YkAdminPage *self, const char *what, GPtrArray *problems, const char *ok_text)
{
  for (guint i = 0; i < problems->len; i++)
    add_check (self, what, problems->pdata[i], FALSE);
  if (problems->len == 0)
    add_check (self, what, ok_text, TRUE);
}

static void
stop_spinner (YkAdminPage *self)
{
  g_clear_handle_id (&self->spinner_source, g_source_remove);
  gtk_spinner_stop (self->verify_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->verify_spinner), FALSE);
}

static gboolean
spinner_cb (gpointer user_data)
{
  YkAdminPage *self = user_data;

  self->spinner_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->verify_spinner), TRUE);
  gtk_spinner_start (self->verify_spinner);
  return G_SOURCE_REMOVE;
}

static void
report_free (gpointer data)
{
  YkVerifyReport *report = data;

  yk_verify_report_clear (report);
  g_free (report);
}

typedef struct
{
  YkVerifyReport *report;
} VerifyJob;

static void
verify_job_free (gpointer data)
{
  VerifyJob *job = data;

  if (job->report != NULL)
    report_free (job->report);
  g_free (job);
}

static gpointer
verify_in_thread (YkReader *reader, gpointer data, GCancellable *cancellable, GError **error)
{
  VerifyJob *job = data;

  if (!yk_admin_verify_reader (reader, job->report, error))
    return NULL;
  return g_steal_pointer (&job->report);
}

static void
show_report (YkAdminPage *self, const YkVerifyReport *report)
{
  g_autofree char *line = NULL;
  GtkWidget *child;
  gboolean ok = yk_verify_report_ok (report);

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->checks_list))) != NULL)
    gtk_list_box_remove (self->checks_list, child);
  line = g_strdup_printf (_("copy A %1$s, copy B %2$s (generation %3$llu)"),
                          report->store.copy_a_ok ? _("intact") : _("damaged"),
                          report->store.copy_b_ok ? _("intact") : _("damaged"),
                          (unsigned long long) report->store.header_generation);
  add_check (self, _("File header"), line, report->store.copy_a_ok && report->store.copy_b_ok);
  g_free (line);
  line = g_strdup_printf (_("%1$llu of %1$llu authenticated"), (unsigned long long) report->store.pages);
  add_check (self, _("Pages"), line, TRUE);
  add_checks (self, _("Integrity"), report->integrity, _("ok"));
  add_checks (self, _("Foreign keys"), report->foreign_keys, _("ok"));
  add_checks (self, _("Running totals"), report->running_totals, _("agree with the records"));
  g_free (line);
  if (report->audit.first_bad_id == 0)
    line = g_strdup_printf (_("%1$llu entries, chain intact"), (unsigned long long) report->audit.rows);
  else
    line = g_strdup_printf (_("chain broken at entry %1$lld (after %2$llu intact entries): "
                              "the trail was edited, or entries were deleted or inserted"),
                            (long long) report->audit.first_bad_id, (unsigned long long) report->audit.rows);
  add_check (self, _("Audit trail"), line, report->audit.first_bad_id == 0);
  gtk_widget_set_visible (GTK_WIDGET (self->checks_list), TRUE);
  gtk_label_set_text (self->verify_summary, ok ? _("No problems found.") : _("Problems found."));
  self->verify_state = ok ? YK_ADMIN_VERIFY_OK : YK_ADMIN_VERIFY_PROBLEMS;
}

static void
verify_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  YkAdminPage *self = user_data;
  g_autoptr (GError) error = NULL;
  YkVerifyReport *report = yk_reader_task_run_finish (result, &error);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      if (report != NULL)
        report_free (report);
      return;
    }
  g_clear_object (&self->verify_task);
  stop_spinner (self);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admin.verify", TRUE);
  if (report == NULL)
    {
      gtk_label_set_text (self->verify_summary, error->message);
      self->verify_state = YK_ADMIN_VERIFY_FAILED;
      return;
    }
  show_report (self, report);
  report_free (report);
}

static void
verify_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YkAdminPage *self = YK_ADMIN_PAGE (widget);
  YkSession *session = get_session (self);
  g_autoptr (GError) error = NULL;
  VerifyJob *job;

  if (session == NULL || self->verify_task != NULL)
    return;
  job = g_new0 (VerifyJob, 1);
  job->report = g_new0 (YkVerifyReport, 1);
  /* The header and pages are read through the main connection. */
  if (!yk_admin_verify_store (session, job->report, &error))
    {
      verify_job_free (job);
      gtk_label_set_text (self->verify_summary, error->message);
      self->verify_state = YK_ADMIN_VERIFY_FAILED;
      return;
    }
  self->verify_state = YK_ADMIN_VERIFY_RUNNING;
  gtk_label_set_text (self->verify_summary, _("Checking…"));
  gtk_widget_action_set_enabled (widget, "admin.verify", FALSE);
  self->verify_cancellable = g_cancellable_new ();
  self->verify_task = yk_reader_task_run_async (self->session, verify_in_thread, job, verify_job_free,
                                                report_free, self->verify_cancellable, verify_cb, self);
  self->spinner_source = g_timeout_add (SPINNER_DELAY_MS, spinner_cb, self);
}

static void
backup_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  YkAdminPage *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = yk_file_chooser_finish (result, &error);
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  YkSession *session;

  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        yk_label_show_message (self->database_status, error->message);
      g_object_unref (self);
      return;
    }
  session = get_session (self);
  path = g_file_get_path (file);
  if (session == NULL)
    ;
  else if (path == NULL)
    yk_label_show_message (self->database_status, _("Backups are saved to a local file."));
  else if (!yk_admin_backup (session, path, &error))
    yk_label_show_message (self->database_status, error->message);
  else
    {
      message = g_strdup_printf (_("Backed up to %1$s."), path);
      yk_label_show_message (self->database_status, message);
    }
  g_object_unref (self);
}

static void
backup_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YkAdminPage *self = YK_ADMIN_PAGE (widget);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  /* Translators: the file name a backup is offered under. */
  g_autofree char *name = g_strdup_printf (_("Yukang backup %1$s.ykdb"), date);

  if (get_session (self) == NULL)
    return;
  yk_file_chooser_save_file (GTK_WINDOW (gtk_widget_get_root (widget)), _("Back Up the Database"), name,
                             _("Yukang databases"), "*.ykdb", backup_cb, g_object_ref (self));
}

/* --- import --- */

/* The import runs in a worker thread with the window's session to itself
 * (yk_unlocked_session_run_exclusive): the session is already unlocked,
 * so no password is asked for again; the pages leave the database alone
 * until it is over. */
typedef struct
{
  char *folder;           /* a folder or a workbook */
  gboolean dry_run;
  GWeakRef page;
  GCancellable *cancellable;
  /* out */
  gboolean ok;
  YkLedgerResult result;
  GError *error;
} ImportJob;

static void
import_job_free (ImportJob *job)
{
  g_free (job->folder);
  g_weak_ref_clear (&job->page);
  g_clear_object (&job->cancellable);
  if (job->result.problems != NULL)
    yk_ledger_result_clear (&job->result);
  g_clear_error (&job->error);
  g_free (job);
}

/* Self-contained: it may run after the job is gone. */
typedef struct
{
  GWeakRef page;
  GCancellable *cancellable;
  char *file;
  guint row, rows;
} ImportProgress;

static gboolean
import_progress_cb (gpointer data)
{
  ImportProgress *progress = data;
  g_autoptr (YkAdminPage) self = g_weak_ref_get (&progress->page);

  if (self != NULL && !g_cancellable_is_cancelled (progress->cancellable) && self->import_running)
    {
      g_autofree char *text = g_strdup_printf ("%s  %u / %u", progress->file, progress->row, progress->rows);

      gtk_progress_bar_set_fraction (self->import_progress,
                                     progress->rows > 0 ? (double) progress->row / progress->rows : 0.0);
      gtk_progress_bar_set_text (self->import_progress, text);
    }
  g_weak_ref_clear (&progress->page);
  g_object_unref (progress->cancellable);
  g_free (progress->file);
  g_free (progress);
  return G_SOURCE_REMOVE;
}

static void
import_progress (const char *file, guint row, guint rows, gpointer user_data)
{
  ImportJob *job = user_data;
  g_autoptr (YkAdminPage) page = NULL;
  ImportProgress *progress;

  /* A few updates per file are enough. */
  if (rows > 100 && row % (rows / 50) != 0 && row != rows)
    return;
  page = g_weak_ref_get (&job->page);
  progress = g_new0 (ImportProgress, 1);
  g_weak_ref_init (&progress->page, page);
  progress->cancellable = g_object_ref (job->cancellable);
  progress->file = g_strdup (file);
  progress->row = row;
  progress->rows = rows;
  g_main_context_invoke (NULL, import_progress_cb, progress);
}

/* Worker thread. The outcome stays in the job for import_done_cb. */
static gboolean
import_in_thread (YkSession *session, gpointer data, GError **error)
{
  ImportJob *job = data;

  job->ok = yk_ledger_import (session, job->folder, job->dry_run, import_progress, job, &job->result, &job->error);
  return TRUE;
}

static void
show_problems (YkAdminPage *self, GPtrArray *problems)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_ptr_array_add (items, yk_import_problem_item_new (problems->pdata[i]));
  g_list_store_splice (self->import_problems, 0, g_list_model_get_n_items (G_LIST_MODEL (self->import_problems)),
                       items->pdata, items->len);
  gtk_widget_set_visible (self->import_problems_window, items->len > 0);
}

static void
update_import_actions (YkAdminPage *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admin.import-check",
                                 !self->import_running && self->import_folder != NULL);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admin.import-run",
                                 !self->import_running && self->import_checked != NULL &&
                                 g_strcmp0 (self->import_checked, self->import_folder) == 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admin.import-choose", !self->import_running);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "admin.import-choose-workbook", !self->import_running);
}

static void
import_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  ImportJob *job = user_data; /* alive until the task is gone, after this */
  g_autoptr (YkAdminPage) self = g_weak_ref_get (&job->page);
  g_autoptr (GError) error = NULL;
  GString *added;
  guint total = 0;

  /* Refused before it ran (locked, or another job): the job says nothing. */
  if (!yk_unlocked_session_run_exclusive_finish (YK_UNLOCKED_SESSION (source), result, &error) && job->error == NULL)
    job->error = g_steal_pointer (&error);
  if (self == NULL || g_cancellable_is_cancelled (job->cancellable))
    return;
  self->import_running = FALSE;
  gtk_widget_set_visible (GTK_WIDGET (self->import_progress), FALSE);
  show_problems (self, job->result.problems);
  if (!job->ok)
    {
      g_clear_pointer (&self->import_checked, g_free);
      gtk_label_set_text (self->import_status,
                          job->error != NULL ? job->error->message : _("The ledger could not be imported."));
      update_import_actions (self);
      return;
    }
  added = g_string_new (NULL);
  for (guint i = 0; i < YK_LEDGER_FILES; i++)
    if (job->result.present[i])
      {
        g_string_append_printf (added, "%s%s %u", added->len > 0 ? ", " : "", job->result.files[i],
                                job->result.added[i]);
        total += job->result.added[i];
      }
  if (job->dry_run)
    {
      g_autofree char *text = g_strdup_printf (_("No problems found; importing would add %1$u rows (%2$s)."),
                                               total, added->str);

      g_free (self->import_checked);
      self->import_checked = g_strdup (job->folder);
      gtk_label_set_text (self->import_status, text);
    }
  else
    {
      g_autofree char *text = g_strdup_printf (_("Imported %1$u rows (%2$s)."), total, added->str);

      g_clear_pointer (&self->import_checked, g_free);
      gtk_label_set_text (self->import_status, text);
      if (self->session != NULL)
        yk_unlocked_session_records_changed (self->session, 0);
    }
  g_string_free (added, TRUE);
  update_import_actions (self);
}

static void
start_import (YkAdminPage *self, gboolean dry_run)
{
  YkSession *session = get_session (self);
  ImportJob *job;

  if (session == NULL || self->import_running || self->import_folder == NULL)
    return;
  if (!dry_run && g_strcmp0 (self->import_checked, self->import_folder) != 0)
    return;
  job = g_new0 (ImportJob, 1);
  job->folder = g_strdup (self->import_folder);
  job->dry_run = dry_run;
  g_weak_ref_init (&job->page, self);
  if (self->import_cancellable == NULL)
    self->import_cancellable = g_cancellable_new ();
  job->cancellable = g_object_ref (self->import_cancellable);
  self->import_running = TRUE;
  show_problems (self, NULL);
  gtk_label_set_text (self->import_status, dry_run ? _("Checking every row…") : _("Importing…"));
  gtk_progress_bar_set_fraction (self->import_progress, 0.0);
  gtk_progress_bar_set_text (self->import_progress, NULL);
  gtk_widget_set_visible (GTK_WIDGET (self->import_progress), TRUE);
  update_import_actions (self);
  /* Not cancellable once started: the import is one transaction. A lock
   * meanwhile waits for it. */
  yk_unlocked_session_run_exclusive (self->session, import_in_thread, job, (GDestroyNotify) import_job_free,
                                     import_done_cb, job);
}

static void
import_check_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  start_import (YK_ADMIN_PAGE (widget), TRUE);
}

static void
import_run_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  start_import (YK_ADMIN_PAGE (widget), FALSE);
}

void
yk_admin_page_set_import_folder (YkAdminPage *self,
                                 const char  *folder)
{
  g_return_if_fail (YK_IS_ADMIN_PAGE (self));
  g_free (self->import_folder);
  self->import_folder = g_strdup (folder);
  gtk_label_set_text (self->import_folder_label, folder != NULL ? folder : _("No folder or workbook chosen"));
  gtk_label_set_text (self->import_status, "");
  show_problems (self, NULL);
  update_import_actions (self);
}

gboolean
yk_admin_page_get_import_running (YkAdminPage *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_PAGE (self), FALSE);
  return self->import_running;
}

static void
import_folder_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  YkAdminPage *self = user_data;
  g_autoptr (GFile) file = yk_file_chooser_finish (result, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL)
    yk_admin_page_set_import_folder (self, path);
  g_object_unref (self);
}

static void
import_choose_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  yk_file_chooser_select_folder (GTK_WINDOW (gtk_widget_get_root (widget)), _("Choose the Ledger Folder"),
                                 import_folder_cb, g_object_ref (widget));
}

static void
import_choose_workbook_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  yk_file_chooser_open_file (GTK_WINDOW (gtk_widget_get_root (widget)), _("Choose the Ledger Workbook"),
                             _("Excel workbooks"), "*.xlsx;*.xls;*.XLSX;*.XLS", import_folder_cb, g_object_ref (widget));
}

static void
template_saved_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  g_autoptr (YkAdminPage) self = user_data;
  g_autoptr (GFile) file = yk_file_chooser_finish (result, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  g_autoptr (GError) error = NULL;

  if (path == NULL)
    return;
  if (yk_ledger_write_template (path, &error))
    {
      g_autofree char *text = g_strdup_printf (_("Saved the ledger template to %1$s."), path);

      gtk_label_set_text (self->import_status, text);
    }
  else
    gtk_label_set_text (self->import_status, error->message);
}

static void
import_template_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  /* TRANSLATORS: the suggested name of the empty ledger workbook; keep the .xlsx ending */
  yk_file_chooser_save_file (GTK_WINDOW (gtk_widget_get_root (widget)), _("Save the Ledger Template"),
                             _("ledger-template.xlsx"), _("Excel workbooks"), "*.xlsx", template_saved_cb,
                             g_object_ref (widget));
}

/* --- settings --- */

/* A follow-up interval: a number and a unit, stored as "2 weeks". */
typedef struct
{
  const char *key;
  GtkSpinButton *amount;
  GtkDropDown *unit;
  GtkLabel *error;
} IntervalField;

static void
interval_fields (YkAdminPage *self, IntervalField fields[3])
{
  fields[0] = (IntervalField) { "followup_stable", self->stable_amount, self->stable_unit, self->stable_error };
  fields[1] = (IntervalField) { "followup_basically_stable", self->basically_stable_amount, self->basically_stable_unit,
                                self->basically_stable_error };
  fields[2] = (IntervalField) { "followup_unstable", self->unstable_amount, self->unstable_unit, self->unstable_error };
}

static char *
interval_typed (const IntervalField *field)
{
  return yk_followup_interval_format (gtk_spin_button_get_value_as_int (field->amount),
                                      (YkIntervalUnit) gtk_drop_down_get_selected (field->unit));
}

static void
refresh_settings (YkAdminPage *self)
{
  YkSession *session = get_session (self);
  IntervalField fields[3];
  g_autofree char *threshold = NULL;

  if (session == NULL)
    return;
  interval_fields (self, fields);
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *value = yk_admin_setting_get (session, fields[i].key, NULL);
      g_autofree char *message = NULL;
      YkIntervalUnit unit;
      int amount;

      if (yk_followup_interval_split (value, &amount, &unit))
        {
          gtk_spin_button_set_value (fields[i].amount, amount);
          gtk_drop_down_set_selected (fields[i].unit, unit);
        }
      else
        /* Only a database written by hand gets here; say so rather than
         * show a made-up value as if it were the stored one. */
        message = g_strdup_printf (_("The follow-up interval “%1$s” is not understood; set it as a number of days, weeks or months"),
                                   value != NULL ? value : "");
      yk_label_show_message (fields[i].error, message);
    }
  threshold = yk_admin_setting_get (session, YK_ADMIN_SETTING_IMPROVEMENT_THRESHOLD, NULL);
  gtk_editable_set_text (self->threshold_entry, threshold != NULL ? threshold : "");
  yk_label_show_message (self->threshold_error, NULL);
}

/* Stores `value` for `key` unless it is already stored; FALSE with the
 * error under the field if the store refuses it. */
static gboolean
store_setting (YkSession *session, const char *key, const char *value, GtkLabel *error_label, gboolean *changed)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *old = yk_admin_setting_get (session, key, NULL);

  if (g_strcmp0 (old, value) == 0)
    return TRUE;
  if (!yk_admin_setting_set (session, key, value, &error))
    {
      yk_label_show_message (error_label, error->message);
      return FALSE;
    }
  *changed = TRUE;
  return TRUE;
}

static void
save_settings_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YkAdminPage *self = YK_ADMIN_PAGE (widget);
  YkSession *session = get_session (self);
  IntervalField fields[3];
  g_autoptr (GError) error = NULL;
  g_autofree char *threshold = NULL;
  char *intervals[3] = { NULL, NULL, NULL };
  gboolean valid = TRUE, changed = FALSE;

  if (session == NULL)
    return;
  interval_fields (self, fields);
  gtk_label_set_text (self->settings_status, "");
  /* Every field checked first: nothing is saved while one is wrong, and
   * what was typed stays for correcting. */
  for (guint i = 0; i < 3; i++)
    {
      g_autofree char *typed = interval_typed (&fields[i]);
      g_autoptr (GError) interval_error = NULL;

      intervals[i] = yk_admin_setting_normalize (fields[i].key, typed, &interval_error);
      yk_label_show_message (fields[i].error, intervals[i] == NULL ? interval_error->message : NULL);
      valid = valid && intervals[i] != NULL;
    }
  threshold = yk_admin_setting_normalize (YK_ADMIN_SETTING_IMPROVEMENT_THRESHOLD,
                                          gtk_editable_get_text (self->threshold_entry), &error);
  yk_label_show_message (self->threshold_error, threshold == NULL ? error->message : NULL);
  valid = valid && threshold != NULL;
  for (guint i = 0; valid && i < 3; i++)
    valid = store_setting (session, fields[i].key, intervals[i], fields[i].error, &changed);
  if (valid)
    store_setting (session, YK_ADMIN_SETTING_IMPROVEMENT_THRESHOLD, threshold, self->threshold_error, &changed);
  for (guint i = 0; i < 3; i++)
    g_free (intervals[i]);
  if (!valid && !changed)
    return;
  refresh_settings (self);
  if (changed)
    {
      gtk_label_set_text (self->settings_status, _("Saved."));
      yk_unlocked_session_records_changed (self->session, 0);
    }
}

/* --- sites --- */

static GtkWidget *
site_entry (GtkGrid *grid, int row, const char *label_text, const char *value, const char *name)
{
  GtkWidget *label = gtk_label_new_with_mnemonic (label_text);
  /* The opening date is typed like every other date, calendar and all. */
  GtkWidget *entry = g_str_equal (name, "opening_date") ? yk_date_entry_new () : gtk_entry_new ();

  gtk_label_set_xalign (GTK_LABEL (label), 1);
  gtk_label_set_mnemonic_widget (GTK_LABEL (label), entry);
  gtk_editable_set_text (GTK_EDITABLE (entry), value != NULL ? value : "");
  gtk_widget_set_hexpand (entry, TRUE);
  gtk_widget_set_name (entry, name);
  gtk_grid_attach (grid, label, 0, row, 1, 1);
  gtk_grid_attach (grid, entry, 1, row, 1, 1);
  return entry;
}

static void
refresh_sites (YkAdminPage *self)
{
  YkSession *session = get_session (self);
  g_autoptr (GPtrArray) sites = NULL;
  GtkWidget *child;

  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->sites_box))) != NULL)
    gtk_box_remove (self->sites_box, child);
  if (session == NULL || (sites = yk_admin_sites_list (session, NULL)) == NULL)
    return;
  for (guint i = 0; i < sites->len; i++)
    {
      YkSiteDetails *site = sites->pdata[i];
      GtkWidget *frame = gtk_frame_new (site->code);
      GtkWidget *grid = gtk_grid_new ();
      GtkWidget *error = yk_label_new_start (NULL, FALSE);
      GtkWidget *button = gtk_button_new_with_mnemonic (_("Save _Site"));
      g_autofree char *count = g_strdup_printf ("%d", site->equipment_count);

      gtk_grid_set_row_spacing (GTK_GRID (grid), 6);
      gtk_grid_set_column_spacing (GTK_GRID (grid), 12);
      gtk_widget_set_margin_start (grid, 12);
      gtk_widget_set_margin_end (grid, 12);
      gtk_widget_set_margin_top (grid, 8);
      gtk_widget_set_margin_bottom (grid, 8);
      g_object_set_data (G_OBJECT (frame), "name", site_entry (GTK_GRID (grid), 0, _("Site name"), site->name, "name"));
      g_object_set_data (G_OBJECT (frame), "host", site_entry (GTK_GRID (grid), 1, _("Host facility"), site->host_facility, "host"));
      g_object_set_data (G_OBJECT (frame), "opening_date",
                         site_entry (GTK_GRID (grid), 2, _("Opening date"), site->opening_date, "opening_date"));
      g_object_set_data (G_OBJECT (frame), "equipment_count",
                         site_entry (GTK_GRID (grid), 3, _("Equipment count"), count, "equipment_count"));
      gtk_label_set_ellipsize (GTK_LABEL (error), PANGO_ELLIPSIZE_NONE);
      gtk_label_set_wrap (GTK_LABEL (error), TRUE);
      gtk_widget_add_css_class (error, "error");
      gtk_widget_set_visible (error, FALSE);
      gtk_grid_attach (GTK_GRID (grid), error, 1, 4, 1, 1);
      g_object_set_data (G_OBJECT (frame), "error", error);
      g_object_set_data_full (G_OBJECT (frame), "id", g_memdup2 (&site->id, sizeof site->id), g_free);
      gtk_widget_set_halign (button, GTK_ALIGN_END);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (button), "admin.save-site");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (button), "x", site->id);
      gtk_grid_attach (GTK_GRID (grid), button, 1, 5, 1, 1);
      gtk_frame_set_child (GTK_FRAME (frame), grid);
      gtk_box_append (self->sites_box, frame);
    }
}

GtkWidget *
yk_admin_page_get_site_editor (YkAdminPage *self,
                               gint64       site_id)
{
  g_return_val_if_fail (YK_IS_ADMIN_PAGE (self), NULL);
  for (GtkWidget *frame = gtk_widget_get_first_child (GTK_WIDGET (self->sites_box)); frame != NULL;
       frame = gtk_widget_get_next_sibling (frame))
    if (*(gint64 *) g_object_get_data (G_OBJECT (frame), "id") == site_id)
      return frame;
  return NULL;
}

static void
save_site_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YkAdminPage *self = YK_ADMIN_PAGE (widget);
  YkSession *session = get_session (self);
  gint64 site_id = g_variant_get_int64 (parameter);
  GtkWidget *frame = yk_admin_page_get_site_editor (self, site_id);
  g_autoptr (GError) error = NULL;
  const char *field = NULL;
  GObject *editor;

  if (session == NULL || frame == NULL)
    return;
  editor = G_OBJECT (frame);
  /* The site record takes ISO days; the field also takes 12.3 or 今天. */
  yk_date_entry_normalize (g_object_get_data (editor, "opening_date"));
  if (!yk_admin_site_update (session, site_id,
                             gtk_editable_get_text (g_object_get_data (editor, "name")),
                             gtk_editable_get_text (g_object_get_data (editor, "host")),
                             gtk_editable_get_text (g_object_get_data (editor, "opening_date")),
                             gtk_editable_get_text (g_object_get_data (editor, "equipment_count")),
                             &field, &error))
    {
      yk_label_show_message (g_object_get_data (editor, "error"), error->message);
      if (field != NULL)
        gtk_widget_grab_focus (g_object_get_data (editor, field));
      return;
    }
  refresh_sites (self);
  gtk_label_set_text (self->settings_status, _("Saved."));
  yk_unlocked_session_records_changed (self->session, 0);
}

/* --- audit trail --- */

#define AUDIT_LIMIT 500

static void
stop_audit_spinner (YkAdminPage *self)
{
  g_clear_handle_id (&self->audit_spinner_source, g_source_remove);
  gtk_spinner_stop (self->audit_spinner);
  gtk_widget_set_visible (GTK_WIDGET (self->audit_spinner), FALSE);
}

static gboolean
audit_spinner_cb (gpointer user_data)
{
  YkAdminPage *self = user_data;

  self->audit_spinner_source = 0;
  gtk_widget_set_visible (GTK_WIDGET (self->audit_spinner), TRUE);
  gtk_spinner_start (self->audit_spinner);
  return G_SOURCE_REMOVE;
}

static void
cancel_audit (YkAdminPage *self)
{
  g_cancellable_cancel (self->audit_cancellable);
  g_clear_object (&self->audit_cancellable);
  if (self->audit_task != NULL)
    yk_reader_task_wait (self->audit_task);
  g_clear_object (&self->audit_task);
  stop_audit_spinner (self);
}

typedef struct
{
  YkAdminAuditFilter *filter;
} AuditJob;

static void
audit_job_free (gpointer data)
{
  AuditJob *job = data;

  yk_admin_audit_filter_free (job->filter);
  g_free (job);
}

static gpointer
audit_in_thread (YkReader *reader, gpointer data, GCancellable *cancellable, GError **error)
{
  AuditJob *job = data;

  return yk_admin_audit_read (reader, job->filter, error);
}

/* A fixed width, whatever the text: an ellipsized label's natural width
 * is its whole text, which would push each row's later columns apart. */
static void
set_column_width (GtkWidget *label,
                  int        width)
{
  gtk_widget_set_size_request (label, width, -1);
  gtk_label_set_max_width_chars (GTK_LABEL (label), 1);
}

static GtkWidget *
audit_row (const YkAuditRow *entry,
           const char       *record)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  g_autofree char *at = yk_audit_local_time (entry->at);
  GtkWidget *when = yk_label_new_start (at, TRUE);
  GtkWidget *who = yk_label_new_start (entry->account != NULL ? entry->account : "", FALSE);
  GtkWidget *what = yk_label_new_start (yk_audit_action_label (entry->action), FALSE);
  GtkWidget *on = yk_label_new_start (record, FALSE);
  GtkWidget *detail = yk_label_new_start (entry->detail != NULL ? entry->detail : "", TRUE);

  set_column_width (when, 115);
  set_column_width (who, 60);
  set_column_width (what, 110);
  set_column_width (on, 280);
  gtk_widget_set_hexpand (detail, TRUE);
  /* The words in full if cut, and the table#id the record filter takes. */
  if (entry->record_table != NULL && entry->record_id > 0)
    {
      g_autofree char *tip = g_strdup_printf ("%s\n%s#%lld", record, entry->record_table,
                                              (long long) entry->record_id);

      gtk_widget_set_tooltip_text (on, tip);
    }
  if (entry->detail != NULL && *entry->detail != '\0')
    gtk_widget_set_tooltip_text (detail, entry->detail);
  gtk_widget_add_css_class (when, "numeric");
  gtk_widget_set_margin_start (row, 12);
  gtk_widget_set_margin_end (row, 12);
  gtk_widget_set_margin_top (row, 4);
  gtk_widget_set_margin_bottom (row, 4);
  gtk_box_append (GTK_BOX (row), when);
  gtk_box_append (GTK_BOX (row), who);
  gtk_box_append (GTK_BOX (row), what);
  gtk_box_append (GTK_BOX (row), on);
  gtk_box_append (GTK_BOX (row), detail);
  g_object_set_data_full (G_OBJECT (row), "account", g_strdup (entry->account), g_free);
  g_object_set_data_full (G_OBJECT (row), "action", g_strdup (entry->action), g_free);
  return row;
}

static void
audit_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  YkAdminPage *self = user_data;
  g_autoptr (GError) error = NULL;
  YkAdminAudit *audit = yk_reader_task_run_finish (result, &error);
  g_autofree char *chain = NULL;
  g_autofree char *count = NULL;
  GtkWidget *child;

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      yk_admin_audit_free (audit);
      return;
    }
  g_clear_object (&self->audit_task);
  stop_audit_spinner (self);
  if (audit == NULL)
    {
      yk_label_show_message (self->audit_error, error->message);
      return;
    }
  self->audit_loaded = TRUE;
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self->audit_list))) != NULL)
    gtk_list_box_remove (self->audit_list, child);
  for (guint i = 0; i < audit->rows->len; i++)
    gtk_list_box_append (self->audit_list, audit_row (audit->rows->pdata[i], audit->records->pdata[i]));
  if (audit->check.first_bad_id == 0)
    chain = g_strdup_printf (_("%1$llu entries, chain intact"), (unsigned long long) audit->check.rows);
  else
    chain = g_strdup_printf (_("chain broken at entry %1$lld (after %2$llu intact entries): "
                               "the trail was edited, or entries were deleted or inserted"),
                             (long long) audit->check.first_bad_id, (unsigned long long) audit->check.rows);
  gtk_label_set_text (self->chain_label, chain);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->chain_label), chain);
  gtk_image_set_from_icon_name (self->chain_icon, audit->check.first_bad_id == 0 ? "emblem-ok-symbolic"
                                                                                 : "dialog-warning-symbolic");
  if (audit->rows->len >= AUDIT_LIMIT)
    count = g_strdup_printf (_("The latest %1$u matching entries are shown."), (guint) AUDIT_LIMIT);
  else
    count = g_strdup_printf (ngettext ("%1$u matching entry.", "%1$u matching entries.", audit->rows->len),
                             audit->rows->len);
  gtk_label_set_text (self->audit_count, count);
  yk_admin_audit_free (audit);
}

static char *
entry_text (GtkEditable *entry)
{
  char *text = g_strstrip (g_strdup (gtk_editable_get_text (entry)));

  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

static void
audit_filter_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YkAdminPage *self = YK_ADMIN_PAGE (widget);
  YkSession *session = get_session (self);
  g_autoptr (GError) error = NULL;
  g_autofree char *record = NULL;
  YkAdminAuditFilter *filter;
  AuditJob *job;

  if (session == NULL || !yk_session_require_coordinator (session, NULL))
    return;
  cancel_audit (self);
  /* The filter takes ISO days; the fields also take 12.3 or 今天. */
  yk_date_entry_normalize (YK_DATE_ENTRY (self->audit_from_entry));
  yk_date_entry_normalize (YK_DATE_ENTRY (self->audit_to_entry));
  filter = g_new0 (YkAdminAuditFilter, 1);
  filter->limit = AUDIT_LIMIT;
  filter->account = entry_text (self->audit_account_entry);
  filter->from = entry_text (self->audit_from_entry);
  filter->to = entry_text (self->audit_to_entry);
  /* "clients", or "clients#12" for one record. */
  record = entry_text (self->audit_record_entry);
  if (record != NULL)
    {
      char *hash = strchr (record, '#');

      if (hash != NULL)
        {
          filter->record_id = g_ascii_strtoll (hash + 1, NULL, 10);
          *hash = '\0';
        }
      filter->record_table = *record != '\0' ? g_strdup (record) : NULL;
    }
  if (!yk_admin_audit_filter_check (filter, &error))
    {
      yk_admin_audit_filter_free (filter);
      yk_label_show_message (self->audit_error, error->message);
      return;
    }
  yk_label_show_message (self->audit_error, NULL);
  job = g_new0 (AuditJob, 1);
  job->filter = filter;
  self->audit_cancellable = g_cancellable_new ();
  self->audit_task = yk_reader_task_run_async (self->session, audit_in_thread, job, audit_job_free,
                                               (GDestroyNotify) yk_admin_audit_free, self->audit_cancellable,
                                               audit_cb, self);
  self->audit_spinner_source = g_timeout_add (SPINNER_DELAY_MS, audit_spinner_cb, self);
}

static void
audit_entry_activate_cb (YkAdminPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "admin.audit-filter", NULL);
}

static void
section_changed_cb (YkAdminPage *self)
{
  /* Nothing is read for a section nobody looks at. */
  if (self->sections == NULL)
    return;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->sections), "audit") == 0 && !self->audit_loaded &&
      self->audit_task == NULL)
    gtk_widget_activate_action (GTK_WIDGET (self), "admin.audit-filter", NULL);
}

gboolean
yk_admin_page_get_audit_loading (YkAdminPage *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_PAGE (self), FALSE);
  return self->audit_task != NULL;
}

/* --- the widget --- */

YkAdminVerifyState
yk_admin_page_get_verify_state (YkAdminPage *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_PAGE (self), YK_ADMIN_VERIFY_NOT_RUN);
  return self->verify_state;
}

static void
cancel_verify (YkAdminPage *self)
{
  g_cancellable_cancel (self->verify_cancellable);
  g_clear_object (&self->verify_cancellable);
  if (self->verify_task != NULL)
    yk_reader_task_wait (self->verify_task);
  g_clear_object (&self->verify_task);
  stop_spinner (self);
}

static void
yk_admin_page_dispose (GObject *object)
{
  YkAdminPage *self = YK_ADMIN_PAGE (object);
  GtkWidget *child;

  cancel_verify (self);
  cancel_audit (self);
  g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_ADMIN_PAGE);
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (yk_admin_page_parent_class)->dispose (object);
}

static void
yk_admin_page_finalize (GObject *object)
{
  YkAdminPage *self = YK_ADMIN_PAGE (object);

  g_free (self->import_folder);
  g_free (self->import_checked);
  G_OBJECT_CLASS (yk_admin_page_parent_class)->finalize (object);
}

static void
yk_admin_page_get_property (GObject    *object,
                            guint       prop_id,
                            GValue     *value,
                            GParamSpec *pspec)
{
  YkAdminPage *self = YK_ADMIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      g_value_set_object (value, self->session);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_admin_page_set_property (GObject      *object,
                            guint         prop_id,
                            const GValue *value,
                            GParamSpec   *pspec)
{
  YkAdminPage *self = YK_ADMIN_PAGE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      if (g_set_object (&self->session, g_value_get_object (value)))
        {
          cancel_verify (self);
          cancel_audit (self);
          self->audit_loaded = FALSE;
          self->verify_state = YK_ADMIN_VERIFY_NOT_RUN;
          g_object_set (self->accounts, "session", self->session, NULL);
          refresh_settings (self);
          refresh_sites (self);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_admin_page_class_init (YkAdminPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  g_type_ensure (YK_TYPE_DATE_ENTRY);
  object_class->dispose = yk_admin_page_dispose;
  object_class->finalize = yk_admin_page_finalize;
  object_class->get_property = yk_admin_page_get_property;
  object_class->set_property = yk_admin_page_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, YK_TYPE_UNLOCKED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-admin-page.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, sections);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, accounts);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, verify_spinner);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, verify_summary);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, checks_list);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, database_status);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, stable_amount);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, basically_stable_amount);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, unstable_amount);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, stable_unit);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, basically_stable_unit);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, unstable_unit);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, threshold_entry);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, stable_error);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, basically_stable_error);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, unstable_error);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, threshold_error);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, settings_status);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, chain_icon);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, chain_label);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, audit_spinner);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, audit_account_entry);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, audit_record_entry);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, audit_from_entry);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, audit_to_entry);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, audit_error);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, audit_count);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, audit_list);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, import_folder_label);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, import_progress);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, import_status);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, import_problems_window);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, import_problems);
  gtk_widget_class_bind_template_child (widget_class, YkAdminPage, sites_box);
  gtk_widget_class_bind_template_callback (widget_class, audit_entry_activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, section_changed_cb);

  gtk_widget_class_install_action (widget_class, "admin.verify", NULL, verify_activated);
  gtk_widget_class_install_action (widget_class, "admin.backup", NULL, backup_activated);
  gtk_widget_class_install_action (widget_class, "admin.import-choose", NULL, import_choose_activated);
  gtk_widget_class_install_action (widget_class, "admin.import-choose-workbook", NULL, import_choose_workbook_activated);
  gtk_widget_class_install_action (widget_class, "admin.import-template", NULL, import_template_activated);
  gtk_widget_class_install_action (widget_class, "admin.import-check", NULL, import_check_activated);
  gtk_widget_class_install_action (widget_class, "admin.import-run", NULL, import_run_activated);
  gtk_widget_class_install_action (widget_class, "admin.save-settings", NULL, save_settings_activated);
  gtk_widget_class_install_action (widget_class, "admin.save-site", "x", save_site_activated);
  gtk_widget_class_install_action (widget_class, "admin.audit-filter", NULL, audit_filter_activated);
}

static void
yk_admin_page_init (YkAdminPage *self)
{
  g_type_ensure (YK_TYPE_ADMIN_ACCOUNTS);
  g_type_ensure (YK_TYPE_IMPORT_PROBLEM_ITEM);
  gtk_widget_init_template (GTK_WIDGET (self));
  update_import_actions (self);
}

/* One section ("accounts", "database", "import", "settings", "audit"),
 * shown as if chosen in the side bar. */
void
yk_admin_page_show_section (YkAdminPage *self,
                            const char  *name)
{
  g_return_if_fail (YK_IS_ADMIN_PAGE (self));
  g_return_if_fail (gtk_stack_get_child_by_name (self->sections, name) != NULL);

  gtk_stack_set_visible_child_name (self->sections, name);
}
