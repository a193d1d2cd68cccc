/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-forgot-password-dialog.h"
#include "yk-accounts.h"
#include "yk-label.h"
#include "yk-password-strength.h"
#include "yk-wipe.h"

#include <glib/gi18n.h>

struct _YkForgotPasswordDialog
{
  GtkWindow parent_instance;

  GtkEditable *key_entry;
  GtkEditable *account_entry;
  GtkEditable *new_entry;
  GtkEditable *again_entry;
  GtkLabel *strength_label;
  GtkLabel *error_label;
  GtkSpinner *spinner;

  char *database_path;
  gboolean busy;
};

G_DEFINE_FINAL_TYPE (YkForgotPasswordDialog, yk_forgot_password_dialog, GTK_TYPE_WINDOW)

enum
{
  PASSWORD_SET,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

/* What the worker thread needs; the secrets are wiped when it is done. */
typedef struct
{
  char *path;
  char *recovery_key;
  char *account;
  char *password;
} RecoverJob;

static void
recover_job_free (gpointer data)
{
  RecoverJob *job = data;

  g_free (job->path);
  yk_wipe_and_free (job->recovery_key);
  g_free (job->account);
  yk_wipe_and_free (job->password);
  g_free (job);
}

static void
set_busy (YkForgotPasswordDialog *self, gboolean busy)
{
  self->busy = busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "forgot.save", !busy);
  gtk_widget_set_visible (GTK_WIDGET (self->spinner), busy);
  gtk_spinner_set_spinning (self->spinner, busy);
}

static void
new_changed_cb (YkForgotPasswordDialog *self)
{
  g_autofree char *hint = yk_password_strength_hint (gtk_editable_get_text (self->new_entry), NULL);

  gtk_label_set_text (self->strength_label, hint);
}

static void
recover_thread (GTask *task, gpointer source, gpointer data, GCancellable *cancellable)
{
  RecoverJob *job = data;
  GError *error = NULL;

  if (yk_accounts_recover_password (job->path, job->recovery_key, job->account, job->password,
                                    YK_KDF_MODERATE, &error))
    g_task_return_boolean (task, TRUE);
  else
    g_task_return_error (task, error);
}

static void
recover_done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  YkForgotPasswordDialog *self = YK_FORGOT_PASSWORD_DIALOG (source);
  RecoverJob *job = g_task_get_task_data (G_TASK (result));
  g_autoptr (GError) error = NULL;

  if (self->key_entry == NULL) /* destroyed with its parent meanwhile */
    return;
  set_busy (self, FALSE);
  if (!g_task_propagate_boolean (G_TASK (result), &error))
    {
      yk_label_show_message (self->error_label, error->message);
      return;
    }
  g_signal_emit (self, signals[PASSWORD_SET], 0, job->account);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
save_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YkForgotPasswordDialog *self = YK_FORGOT_PASSWORD_DIALOG (widget);
  g_autoptr (GTask) task = NULL;
  RecoverJob *job;
  const char *account = gtk_editable_get_text (self->account_entry);

  if (self->busy)
    return;
  if (*gtk_editable_get_text (self->key_entry) == '\0')
    {
      yk_label_show_message (self->error_label, _("Enter the recovery key."));
      return;
    }
  if (*account == '\0')
    {
      yk_label_show_message (self->error_label, _("Enter the user name whose password is to be set."));
      return;
    }
  if (g_strcmp0 (gtk_editable_get_text (self->new_entry), gtk_editable_get_text (self->again_entry)) != 0)
    {
      yk_label_show_message (self->error_label, _("The two passwords differ."));
      return;
    }
  job = g_new0 (RecoverJob, 1);
  job->path = g_strdup (self->database_path);
  job->recovery_key = g_strdup (gtk_editable_get_text (self->key_entry));
  job->account = g_strstrip (g_strdup (account));
  job->password = g_strdup (gtk_editable_get_text (self->new_entry));
  yk_label_show_message (self->error_label, NULL);
  set_busy (self, TRUE);
  /* The dialog stays until the thread is done: the task holds it. */
  task = g_task_new (self, NULL, recover_done_cb, NULL);
  g_task_set_source_tag (task, save_activated);
  g_task_set_task_data (task, job, recover_job_free);
  g_task_run_in_thread (task, recover_thread);
}

/* Closing while the key is derived would only hide the outcome. */
static gboolean
yk_forgot_password_dialog_close_request (GtkWindow *window)
{
  return YK_FORGOT_PASSWORD_DIALOG (window)->busy;
}

static void
yk_forgot_password_dialog_dispose (GObject *object)
{
  YkForgotPasswordDialog *self = YK_FORGOT_PASSWORD_DIALOG (object);

  /* The entries' copies go with them; emptied first all the same. */
  if (self->key_entry != NULL)
    {
      gtk_editable_set_text (self->key_entry, "");
      gtk_editable_set_text (self->new_entry, "");
      gtk_editable_set_text (self->again_entry, "");
    }
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_FORGOT_PASSWORD_DIALOG);
  G_OBJECT_CLASS (yk_forgot_password_dialog_parent_class)->dispose (object);
}

static void
yk_forgot_password_dialog_finalize (GObject *object)
{
  g_free (YK_FORGOT_PASSWORD_DIALOG (object)->database_path);
  G_OBJECT_CLASS (yk_forgot_password_dialog_parent_class)->finalize (object);
}

static void
yk_forgot_password_dialog_class_init (YkForgotPasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_forgot_password_dialog_dispose;
  object_class->finalize = yk_forgot_password_dialog_finalize;
  GTK_WINDOW_CLASS (klass)->close_request = yk_forgot_password_dialog_close_request;

  signals[PASSWORD_SET] = g_signal_new ("password-set", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                        NULL, NULL, G_TYPE_NONE, 1, G_TYPE_STRING);

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-forgot-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YkForgotPasswordDialog, key_entry);
  gtk_widget_class_bind_template_child (widget_class, YkForgotPasswordDialog, account_entry);
  gtk_widget_class_bind_template_child (widget_class, YkForgotPasswordDialog, new_entry);
  gtk_widget_class_bind_template_child (widget_class, YkForgotPasswordDialog, again_entry);
  gtk_widget_class_bind_template_child (widget_class, YkForgotPasswordDialog, strength_label);
  gtk_widget_class_bind_template_child (widget_class, YkForgotPasswordDialog, error_label);
  gtk_widget_class_bind_template_child (widget_class, YkForgotPasswordDialog, spinner);
  gtk_widget_class_bind_template_callback (widget_class, new_changed_cb);
  gtk_widget_class_install_action (widget_class, "forgot.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
yk_forgot_password_dialog_init (YkForgotPasswordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  new_changed_cb (self);
}

YkForgotPasswordDialog *
yk_forgot_password_dialog_new (GtkWindow  *parent,
                               const char *database_path,
                               const char *account)
{
  YkForgotPasswordDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (database_path != NULL, NULL);

  self = g_object_new (YK_TYPE_FORGOT_PASSWORD_DIALOG, "transient-for", parent, NULL);
  self->database_path = g_strdup (database_path);
  gtk_editable_set_text (self->account_entry, account != NULL ? account : "");
  gtk_widget_grab_focus (GTK_WIDGET (self->key_entry));
  return self;
}

gboolean
yk_forgot_password_dialog_get_busy (YkForgotPasswordDialog *self)
{
  g_return_val_if_fail (YK_IS_FORGOT_PASSWORD_DIALOG (self), FALSE);
  return self->busy;
}
