/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-password-dialog.h"
#include "yk-accounts.h"
#include "yk-label.h"
#include "yk-password-strength.h"
#include "yk-wipe.h"

#include <glib/gi18n.h>

struct _YkPasswordDialog
{
  GtkWindow parent_instance;

  YkUnlockedSession *session;
  char *account; /* NULL: the session's own */
  gboolean busy;

  GtkWidget *cancel_button;
  GtkWidget *spinner;
  GtkWidget *current_label;
  GtkEditable *current_entry;
  GtkEditable *new_entry;
  GtkEditable *again_entry;
  GtkLabel *strength_label;
  GtkLabel *error_label;
};

G_DEFINE_FINAL_TYPE (YkPasswordDialog, yk_password_dialog, GTK_TYPE_WINDOW)

/* What the worker thread needs; the passwords are wiped with it. */
typedef struct
{
  char *account;
  char *current;
  char *password;
} Job;

static void
job_free (gpointer data)
{
  Job *job = data;

  g_free (job->account);
  yk_wipe_and_free (job->current);
  yk_wipe_and_free (job->password);
  g_free (job);
}

static gboolean
set_in_thread (YkSession *session, gpointer data, GError **error)
{
  Job *job = data;

  if (job->account == NULL)
    return yk_accounts_change_own_password (session, job->current, job->password, YK_KDF_MODERATE, error);
  return yk_accounts_set_password (session, job->account, job->password, YK_KDF_MODERATE, error);
}

static void
set_busy (YkPasswordDialog *self, gboolean busy)
{
  self->busy = busy;
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "password.save", !busy);
  gtk_widget_set_sensitive (self->cancel_button, !busy);
  gtk_widget_set_visible (self->spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (self->spinner), busy);
}

static void
done_cb (GObject *source, GAsyncResult *result, gpointer user_data)
{
  GWeakRef *weak = user_data;
  g_autoptr (YkPasswordDialog) self = g_weak_ref_get (weak);
  g_autoptr (GError) error = NULL;

  yk_unlocked_session_run_exclusive_finish (YK_UNLOCKED_SESSION (source), result, &error);
  g_weak_ref_clear (weak);
  g_free (weak);
  if (self == NULL)
    return;
  set_busy (self, FALSE);
  if (error == NULL)
    {
      gtk_window_destroy (GTK_WINDOW (self));
      return;
    }
  yk_label_show_message (self->error_label, error->message);
  gtk_widget_grab_focus (GTK_WIDGET (self->account == NULL ? self->current_entry : self->new_entry));
}

static void
save_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YkPasswordDialog *self = YK_PASSWORD_DIALOG (widget);
  const char *password = gtk_editable_get_text (self->new_entry);
  GWeakRef *weak;
  Job *job;

  if (self->busy || !yk_unlocked_session_is_unlocked (self->session))
    return;
  if (g_strcmp0 (password, gtk_editable_get_text (self->again_entry)) != 0)
    {
      yk_label_show_message (self->error_label, _("The two passwords differ."));
      gtk_widget_grab_focus (GTK_WIDGET (self->again_entry));
      return;
    }
  yk_label_show_message (self->error_label, NULL);
  job = g_new0 (Job, 1);
  job->account = g_strdup (self->account);
  job->current = g_strdup (gtk_editable_get_text (self->current_entry));
  job->password = g_strdup (password);
  weak = g_new0 (GWeakRef, 1);
  g_weak_ref_init (weak, self);
  set_busy (self, TRUE);
  yk_unlocked_session_run_exclusive (self->session, set_in_thread, job, job_free, done_cb, weak);
}

static void
new_changed_cb (YkPasswordDialog *self)
{
  g_autofree char *hint = yk_password_strength_hint (gtk_editable_get_text (self->new_entry), NULL);

  gtk_label_set_text (self->strength_label, hint);
}

/* A lock closes the dialog with the rest of what shows the database. */
static void
unlocked_cb (YkPasswordDialog *self)
{
  if (!yk_unlocked_session_is_unlocked (self->session))
    gtk_window_destroy (GTK_WINDOW (self));
}

gboolean
yk_password_dialog_get_busy (YkPasswordDialog *self)
{
  g_return_val_if_fail (YK_IS_PASSWORD_DIALOG (self), FALSE);
  return self->busy;
}

static void
yk_password_dialog_dispose (GObject *object)
{
  YkPasswordDialog *self = YK_PASSWORD_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_PASSWORD_DIALOG);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (yk_password_dialog_parent_class)->dispose (object);
}

static void
yk_password_dialog_finalize (GObject *object)
{
  YkPasswordDialog *self = YK_PASSWORD_DIALOG (object);

  g_free (self->account);
  G_OBJECT_CLASS (yk_password_dialog_parent_class)->finalize (object);
}

static void
yk_password_dialog_class_init (YkPasswordDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_password_dialog_dispose;
  object_class->finalize = yk_password_dialog_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-password-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YkPasswordDialog, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, YkPasswordDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, YkPasswordDialog, current_label);
  gtk_widget_class_bind_template_child (widget_class, YkPasswordDialog, current_entry);
  gtk_widget_class_bind_template_child (widget_class, YkPasswordDialog, new_entry);
  gtk_widget_class_bind_template_child (widget_class, YkPasswordDialog, again_entry);
  gtk_widget_class_bind_template_child (widget_class, YkPasswordDialog, strength_label);
  gtk_widget_class_bind_template_child (widget_class, YkPasswordDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, new_changed_cb);

  gtk_widget_class_install_action (widget_class, "password.save", NULL, save_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
yk_password_dialog_init (YkPasswordDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  new_changed_cb (self);
}

YkPasswordDialog *
yk_password_dialog_new (GtkWindow         *parent,
                        YkUnlockedSession *session,
                        const char        *account)
{
  YkPasswordDialog *self;
  g_autofree char *title = NULL;
  gboolean own;

  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (session), NULL);
  own = account == NULL || g_strcmp0 (account, yk_unlocked_session_get_account (session)) == 0;
  self = g_object_new (YK_TYPE_PASSWORD_DIALOG, "transient-for", parent, NULL);
  self->session = g_object_ref (session);
  self->account = own ? NULL : g_strdup (account);
  title = own ? g_strdup (_("Change Your Password"))
              : g_strdup_printf (_("New password for “%1$s”"), account);
  gtk_window_set_title (GTK_WINDOW (self), title);
  gtk_widget_set_visible (self->current_label, own);
  gtk_widget_set_visible (GTK_WIDGET (self->current_entry), own);
  gtk_widget_grab_focus (GTK_WIDGET (own ? self->current_entry : self->new_entry));
  g_signal_connect_object (session, "notify::unlocked", G_CALLBACK (unlocked_cb), self, G_CONNECT_SWAPPED);
  return self;
}
