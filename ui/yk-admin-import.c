/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-admin-import.h"
#include "yk-file-chooser.h"
#include "yk-import-problem-item.h"
#include "yk-ledger.h"
#include "yk-unlocked-session.h"

#include <glib/gi18n.h>

struct _YkAdminImport
{
  GtkWidget parent_instance;

  YkUnlockedSession *session;

  GtkLabel *import_folder_label;
  GtkProgressBar *import_progress;
  GtkLabel *import_status;
  GtkWidget *import_problems_window;
  GListStore *import_problems;  /* YkImportProblemItem */
  char *import_folder;       /* a folder or a workbook */
  char *import_checked;      /* the folder or workbook a clean check was made of */
  GCancellable *import_cancellable;
  gboolean import_running;
};

G_DEFINE_FINAL_TYPE (YkAdminImport, yk_admin_import, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static YkSession *
get_session (YkAdminImport *self)
{
  return self->session != NULL ? yk_unlocked_session_get_session (self->session) : NULL;
}

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
  g_autoptr (YkAdminImport) self = g_weak_ref_get (&progress->page);

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
  g_autoptr (YkAdminImport) page = NULL;
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
show_problems (YkAdminImport *self, GPtrArray *problems)
{
  g_autoptr (GPtrArray) items = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; problems != NULL && i < problems->len; i++)
    g_ptr_array_add (items, yk_import_problem_item_new (problems->pdata[i]));
  g_list_store_splice (self->import_problems, 0, g_list_model_get_n_items (G_LIST_MODEL (self->import_problems)),
                       items->pdata, items->len);
  gtk_widget_set_visible (self->import_problems_window, items->len > 0);
}

static void
update_import_actions (YkAdminImport *self)
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
  g_autoptr (YkAdminImport) self = g_weak_ref_get (&job->page);
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
start_import (YkAdminImport *self, gboolean dry_run)
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
  start_import (YK_ADMIN_IMPORT (widget), TRUE);
}

static void
import_run_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  start_import (YK_ADMIN_IMPORT (widget), FALSE);
}

static void
import_folder_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  YkAdminImport *self = user_data;
  g_autoptr (GFile) file = yk_file_chooser_finish (result, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL)
    yk_admin_import_set_folder (self, path);
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
  g_autoptr (YkAdminImport) self = user_data;
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

static void
yk_admin_import_dispose (GObject *object)
{
  YkAdminImport *self = YK_ADMIN_IMPORT (object);
  GtkWidget *child;

  g_cancellable_cancel (self->import_cancellable);
  g_clear_object (&self->import_cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_ADMIN_IMPORT);
  /* The template's unnamed top-level box too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (yk_admin_import_parent_class)->dispose (object);
}

static void
yk_admin_import_finalize (GObject *object)
{
  YkAdminImport *self = YK_ADMIN_IMPORT (object);

  g_free (self->import_folder);
  g_free (self->import_checked);
  G_OBJECT_CLASS (yk_admin_import_parent_class)->finalize (object);
}

static void
yk_admin_import_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  YkAdminImport *self = YK_ADMIN_IMPORT (object);

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
yk_admin_import_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  YkAdminImport *self = YK_ADMIN_IMPORT (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      if (g_set_object (&self->session, g_value_get_object (value)))
        g_object_notify_by_pspec (object, pspec);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_admin_import_class_init (YkAdminImportClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_admin_import_dispose;
  object_class->finalize = yk_admin_import_finalize;
  object_class->get_property = yk_admin_import_get_property;
  object_class->set_property = yk_admin_import_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, YK_TYPE_UNLOCKED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-admin-import.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, YkAdminImport, import_folder_label);
  gtk_widget_class_bind_template_child (widget_class, YkAdminImport, import_progress);
  gtk_widget_class_bind_template_child (widget_class, YkAdminImport, import_status);
  gtk_widget_class_bind_template_child (widget_class, YkAdminImport, import_problems_window);
  gtk_widget_class_bind_template_child (widget_class, YkAdminImport, import_problems);

  gtk_widget_class_install_action (widget_class, "admin.import-choose", NULL, import_choose_activated);
  gtk_widget_class_install_action (widget_class, "admin.import-choose-workbook", NULL, import_choose_workbook_activated);
  gtk_widget_class_install_action (widget_class, "admin.import-template", NULL, import_template_activated);
  gtk_widget_class_install_action (widget_class, "admin.import-check", NULL, import_check_activated);
  gtk_widget_class_install_action (widget_class, "admin.import-run", NULL, import_run_activated);
}

static void
yk_admin_import_init (YkAdminImport *self)
{
  g_type_ensure (YK_TYPE_IMPORT_PROBLEM_ITEM);
  gtk_widget_init_template (GTK_WIDGET (self));
  update_import_actions (self);
}

void
yk_admin_import_set_folder (YkAdminImport *self,
                                 const char  *folder)
{
  g_return_if_fail (YK_IS_ADMIN_IMPORT (self));
  g_free (self->import_folder);
  self->import_folder = g_strdup (folder);
  gtk_label_set_text (self->import_folder_label, folder != NULL ? folder : _("No folder or workbook chosen"));
  gtk_label_set_text (self->import_status, "");
  show_problems (self, NULL);
  update_import_actions (self);
}

gboolean
yk_admin_import_get_running (YkAdminImport *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_IMPORT (self), FALSE);
  return self->import_running;
}
