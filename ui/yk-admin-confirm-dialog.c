/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-admin-confirm-dialog.h"

struct _YkAdminConfirmDialog
{
  GtkWindow parent_instance;

  GtkLabel *heading_label;
  GtkLabel *body_label;
  GtkCheckButton *option_check;
  GtkButton *accept_button;
  GtkWidget *cancel_button;
};

G_DEFINE_FINAL_TYPE (YkAdminConfirmDialog, yk_admin_confirm_dialog, GTK_TYPE_WINDOW)

enum
{
  ACCEPTED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static void
accept_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  /* Kept alive while a handler runs: it may destroy the dialog. */
  g_autoptr (GtkWidget) self = g_object_ref (widget);

  g_signal_emit (self, signals[ACCEPTED], 0);
  gtk_window_destroy (GTK_WINDOW (self));
}

static void
cancel_activated (GtkWidget *widget, const char *action_name, GVariant *parameter)
{
  gtk_window_destroy (GTK_WINDOW (widget));
}

static void
yk_admin_confirm_dialog_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), YK_TYPE_ADMIN_CONFIRM_DIALOG);
  G_OBJECT_CLASS (yk_admin_confirm_dialog_parent_class)->dispose (object);
}

static void
yk_admin_confirm_dialog_class_init (YkAdminConfirmDialogClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  G_OBJECT_CLASS (klass)->dispose = yk_admin_confirm_dialog_dispose;

  signals[ACCEPTED] = g_signal_new ("accepted", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL, NULL, NULL,
                                    G_TYPE_NONE, 0);

  /* What GtkMessageDialog was: a screen reader announces it at once. */
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_ALERT_DIALOG);
  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-admin-confirm-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YkAdminConfirmDialog, heading_label);
  gtk_widget_class_bind_template_child (widget_class, YkAdminConfirmDialog, body_label);
  gtk_widget_class_bind_template_child (widget_class, YkAdminConfirmDialog, option_check);
  gtk_widget_class_bind_template_child (widget_class, YkAdminConfirmDialog, accept_button);
  gtk_widget_class_bind_template_child (widget_class, YkAdminConfirmDialog, cancel_button);

  gtk_widget_class_install_action (widget_class, "confirm.accept", NULL, accept_activated);
  gtk_widget_class_install_action (widget_class, "confirm.cancel", NULL, cancel_activated);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "confirm.cancel", NULL);
}

static void
yk_admin_confirm_dialog_init (YkAdminConfirmDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

YkAdminConfirmDialog *
yk_admin_confirm_dialog_new (GtkWindow  *parent,
                             const char *heading,
                             const char *body,
                             const char *accept_label)
{
  YkAdminConfirmDialog *self;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (heading != NULL && body != NULL && accept_label != NULL, NULL);

  self = g_object_new (YK_TYPE_ADMIN_CONFIRM_DIALOG, "transient-for", parent, NULL);
  gtk_label_set_text (self->heading_label, heading);
  gtk_label_set_text (self->body_label, body);
  gtk_button_set_label (self->accept_button, accept_label);
  /* Cancel is the safe answer to Return, as it was in the message dialog. */
  gtk_widget_grab_focus (self->cancel_button);
  return self;
}

void
yk_admin_confirm_dialog_add_option (YkAdminConfirmDialog *self,
                                    const char           *label,
                                    gboolean              active)
{
  g_return_if_fail (YK_IS_ADMIN_CONFIRM_DIALOG (self));
  gtk_check_button_set_label (self->option_check, label);
  gtk_check_button_set_active (self->option_check, active);
  gtk_widget_set_visible (GTK_WIDGET (self->option_check), TRUE);
}

GtkCheckButton *
yk_admin_confirm_dialog_get_option (YkAdminConfirmDialog *self)
{
  g_return_val_if_fail (YK_IS_ADMIN_CONFIRM_DIALOG (self), NULL);
  return self->option_check;
}
