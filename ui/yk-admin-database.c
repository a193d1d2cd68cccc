/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-admin-database-private.h"
#include "yk-admin.h"
#include "yk-admin-check-item.h"
#include "yk-admin-check-row.h"
#include "yk-reader-task.h"
#include "yk-spinner-delay.h"
#include "yk-file-chooser.h"
#include "yk-label.h"
#include "yk-unlocked-session.h"

#include <glib/gi18n.h>

struct _YkAdminDatabase
{
  GtkWidget parent_instance;

  YkUnlockedSession *session;

  GtkSpinner *verify_spinner;
  GtkLabel *verify_summary;
  GtkListBox *checks_list;
  GListStore *checks; /* YkAdminCheckItem */
  GtkLabel *database_status;

  YkAdminVerifyState verify_state;
  GCancellable *verify_cancellable;
  GTask *verify_task;
  guint spinner_source;
};

G_DEFINE_FINAL_TYPE (YkAdminDatabase, yk_admin_database, GTK_TYPE_WIDGET)

enum
{
  PROP_0,
  PROP_SESSION,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static YkSession *
get_session (YkAdminDatabase *self)
{
  return self->session != NULL ? yk_unlocked_session_get_session (self->session) : NULL;
}

static void
add_check (YkAdminDatabase *self, const char *what, const char *result, gboolean ok)
{
  g_autoptr (YkAdminCheckItem) item = yk_admin_check_item_new (what, result, ok);

  g_list_store_append (self->checks, item);
}

static GtkWidget *
create_check_row (gpointer item, gpointer user_data)
{
  return GTK_WIDGET (yk_admin_check_row_new (item));
}

static void
add_checks (YkAdminDatabase *self, const char *what, GPtrArray *problems, const char *ok_text)
{
  for (guint i = 0; i < problems->len; i++)
    add_check (self, what, problems->pdata[i], FALSE);
  if (problems->len == 0)
    add_check (self, what, ok_text, TRUE);
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
show_report (YkAdminDatabase *self, const YkVerifyReport *report)
{
  g_autofree char *line = NULL;
  gboolean ok = yk_verify_report_ok (report);

  g_list_store_remove_all (self->checks);
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
  g_free (line);
  if (report->audit.n_bad_signatures == 0)
    line = g_strdup_printf (_("%1$llu signed and valid, %2$llu unsigned (written before signatures, "
                              "or with the recovery key)"),
                            (unsigned long long) report->audit.signed_rows,
                            (unsigned long long) report->audit.unsigned_rows);
  else
    line = g_strdup_printf (_("entry %1$lld, in the name of “%2$s”: the signature is not that account’s; "
                              "someone else wrote it"),
                            (long long) report->audit.bad_signatures[0].id, report->audit.bad_signatures[0].account);
  add_check (self, _("Signatures"), line, report->audit.n_bad_signatures == 0);
  g_free (line);
  line = yk_audit_head_format (&report->audit.head);
  add_check (self, _("Audit head"), line, TRUE);
  gtk_widget_set_visible (GTK_WIDGET (self->checks_list), TRUE);
  gtk_label_set_text (self->verify_summary, ok ? _("No problems found.") : _("Problems found."));
  self->verify_state = ok ? YK_ADMIN_VERIFY_OK : YK_ADMIN_VERIFY_PROBLEMS;
}

static void
verify_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  YkAdminDatabase *self = user_data;
  g_autoptr (GError) error = NULL;
  YkVerifyReport *report = yk_reader_task_run_finish (result, &error);

  if (g_cancellable_is_cancelled (g_task_get_cancellable (G_TASK (result))))
    {
      if (report != NULL)
        report_free (report);
      return;
    }
  g_clear_object (&self->verify_task);
  yk_spinner_delay_stop (self->verify_spinner, &self->spinner_source);
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
  YkAdminDatabase *self = YK_ADMIN_DATABASE (widget);
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
  yk_spinner_delay_start (self->verify_spinner, &self->spinner_source);
}

static void
backup_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  YkAdminDatabase *self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = yk_file_chooser_finish (result, &error);
  g_autofree char *path = NULL;
  g_autofree char *message = NULL;
  g_autofree char *head = NULL;
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
  else if (!yk_admin_backup_with_head (session, path, &head, &error))
    yk_label_show_message (self->database_status, error->message);
  else if (head == NULL)
    {
      message = g_strdup_printf (_("Backed up to %1$s."), path);
      yk_label_show_message (self->database_status, message);
    }
  else
    {
      /* Noted down outside the file, it shows later whether the trail was
       * cut or rewritten (docs/design/security.md, "Audit trail"). */
      message = g_strdup_printf (_("Backed up to %1$s. Audit head: %2$s — note it down outside the file."),
                                 path, head);
      yk_label_show_message (self->database_status, message);
    }
  g_object_unref (self);
}

static void
backup_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YkAdminDatabase *self = YK_ADMIN_DATABASE (widget);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (now, "%Y-%m-%d");
  /* Translators: the file name a backup is offered under. */
  g_autofree char *name = g_strdup_printf (_("Yukang backup %1$s.ykdb"), date);

  if (get_session (self) == NULL)
    return;
  yk_file_chooser_save_file (GTK_WINDOW (gtk_widget_get_root (widget)), _("Back Up the Database"), name,
                             _("Yukang databases"), "*.ykdb", backup_cb, g_object_ref (self));
}

static void
cancel_verify (YkAdminDatabase *self)
{
  g_cancellable_cancel (self->verify_cancellable);
  g_clear_object (&self->verify_cancellable);
  if (self->verify_task != NULL)
    yk_reader_task_wait (self->verify_task);
  g_clear_object (&self->verify_task);
  yk_spinner_delay_stop (self->verify_spinner, &self->spinner_source);
}

static void
yk_admin_database_dispose (GObject *object)
{
  YkAdminDatabase *self = YK_ADMIN_DATABASE (object);
  GtkWidget *child;

  cancel_verify (self);
  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_ADMIN_DATABASE);
  /* The template's unnamed scrolled window too. */
  while ((child = gtk_widget_get_first_child (GTK_WIDGET (self))) != NULL)
    gtk_widget_unparent (child);
  g_clear_object (&self->session);
  g_clear_object (&self->checks);
  G_OBJECT_CLASS (yk_admin_database_parent_class)->dispose (object);
}

static void
yk_admin_database_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  YkAdminDatabase *self = YK_ADMIN_DATABASE (object);

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
yk_admin_database_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  YkAdminDatabase *self = YK_ADMIN_DATABASE (object);

  switch (prop_id)
    {
    case PROP_SESSION:
      if (g_set_object (&self->session, g_value_get_object (value)))
        {
          cancel_verify (self);
          self->verify_state = YK_ADMIN_VERIFY_NOT_RUN;
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "admin.verify", TRUE);
          g_object_notify_by_pspec (object, pspec);
        }
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_admin_database_class_init (YkAdminDatabaseClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_admin_database_dispose;
  object_class->get_property = yk_admin_database_get_property;
  object_class->set_property = yk_admin_database_set_property;

  properties[PROP_SESSION] =
    g_param_spec_object ("session", NULL, NULL, YK_TYPE_UNLOCKED_SESSION,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-admin-database.ui");
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_bind_template_child (widget_class, YkAdminDatabase, verify_spinner);
  gtk_widget_class_bind_template_child (widget_class, YkAdminDatabase, verify_summary);
  gtk_widget_class_bind_template_child (widget_class, YkAdminDatabase, checks_list);
  gtk_widget_class_bind_template_child (widget_class, YkAdminDatabase, database_status);

  gtk_widget_class_install_action (widget_class, "admin.verify", NULL, verify_activated);
  gtk_widget_class_install_action (widget_class, "admin.backup", NULL, backup_activated);
}

static void
yk_admin_database_init (YkAdminDatabase *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->checks = g_list_store_new (YK_TYPE_ADMIN_CHECK_ITEM);
  gtk_list_box_bind_model (self->checks_list, G_LIST_MODEL (self->checks), create_check_row, NULL, NULL);
}

YkAdminVerifyState
yk_admin_database_get_verify_state (YkAdminDatabase *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_DATABASE (self), YK_ADMIN_VERIFY_NOT_RUN);
  return self->verify_state;
}

GListModel *
_yk_admin_database_get_checks (YkAdminDatabase *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_DATABASE (self), NULL);
  return G_LIST_MODEL (self->checks);
}
