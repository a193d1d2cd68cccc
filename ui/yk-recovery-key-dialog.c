/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-recovery-key-dialog.h"
#include "yk-recovery-key-print.h"
#include "yk-text.h"
#include "yk-wipe.h"

struct _YkRecoveryKeyDialog
{
  GtkWindow parent_instance;

  GtkLabel *key_label;
  GtkCheckButton *written_down_check;

  char *database_path;
  char *shown_key; /* three lines, as on screen and paper */
};

G_DEFINE_FINAL_TYPE (YkRecoveryKeyDialog, yk_recovery_key_dialog, GTK_TYPE_WINDOW)

static void
written_down_toggled_cb (YkRecoveryKeyDialog *self)
{
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "recovery-key.done",
                                 gtk_check_button_get_active (self->written_down_check));
}

static void
print_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  YkRecoveryKeyDialog *self = YK_RECOVERY_KEY_DIALOG (widget);

  yk_recovery_key_print (GTK_WINDOW (self), self->database_path, self->shown_key);
}

static void
done_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
yk_recovery_key_dialog_dispose (GObject *object)
{
  YkRecoveryKeyDialog *self = YK_RECOVERY_KEY_DIALOG (object);

  /* The label's copy goes with the widget; ours is wiped. */
  if (self->key_label != NULL)
    gtk_label_set_text (self->key_label, "");
  g_clear_pointer (&self->shown_key, yk_wipe_and_free);
  g_clear_pointer (&self->database_path, g_free);
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_RECOVERY_KEY_DIALOG);
  G_OBJECT_CLASS (yk_recovery_key_dialog_parent_class)->dispose (object);
}

static void
yk_recovery_key_dialog_class_init (YkRecoveryKeyDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yk_recovery_key_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-recovery-key-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YkRecoveryKeyDialog, key_label);
  gtk_widget_class_bind_template_child (widget_class, YkRecoveryKeyDialog, written_down_check);
  gtk_widget_class_bind_template_callback (widget_class, written_down_toggled_cb);
  gtk_widget_class_install_action (widget_class, "recovery-key.print", NULL, print_activated);
  gtk_widget_class_install_action (widget_class, "recovery-key.done", NULL, done_activated);
}

static void
yk_recovery_key_dialog_init (YkRecoveryKeyDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  written_down_toggled_cb (self);
}

YkRecoveryKeyDialog *
yk_recovery_key_dialog_new (GtkWindow  *parent,
                            const char *database_path,
                            const char *recovery_key)
{
  YkRecoveryKeyDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (recovery_key != NULL, NULL);

  self = g_object_new (YK_TYPE_RECOVERY_KEY_DIALOG, "transient-for", parent, NULL);
  self->database_path = g_strdup (database_path);
  self->shown_key = yk_text_recovery_key_lines (recovery_key);
  gtk_label_set_text (self->key_label, self->shown_key);
  gtk_widget_grab_focus (GTK_WIDGET (self->written_down_check));
  return self;
}

const char *
yk_recovery_key_dialog_get_shown_key (YkRecoveryKeyDialog *self)
{
  g_return_val_if_fail (YK_IS_RECOVERY_KEY_DIALOG (self), NULL);
  return self->shown_key;
}
