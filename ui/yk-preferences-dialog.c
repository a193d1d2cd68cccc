/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-preferences-dialog.h"

struct _YkPreferencesDialog
{
  GtkWindow parent_instance;

  GtkSpinButton *idle_minutes;
  GtkWidget *privacy_group;
  GtkSwitch *full_names_switch;

  GSettings *settings;
};

G_DEFINE_FINAL_TYPE (YkPreferencesDialog, yk_preferences_dialog, GTK_TYPE_WINDOW)

static void
yk_preferences_dialog_dispose (GObject *object)
{
  YkPreferencesDialog *self = YK_PREFERENCES_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_PREFERENCES_DIALOG);
  g_clear_object (&self->settings);
  G_OBJECT_CLASS (yk_preferences_dialog_parent_class)->dispose (object);
}

static void
yk_preferences_dialog_class_init (YkPreferencesDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_preferences_dialog_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-preferences-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, YkPreferencesDialog, idle_minutes);
  gtk_widget_class_bind_template_child (widget_class, YkPreferencesDialog, privacy_group);
  gtk_widget_class_bind_template_child (widget_class, YkPreferencesDialog, full_names_switch);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
yk_preferences_dialog_init (YkPreferencesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "idle-lock-minutes", self->idle_minutes, "value", G_SETTINGS_BIND_DEFAULT);
}

GtkWidget *
yk_preferences_dialog_new (GtkWindow         *parent,
                           YkUnlockedSession *session)
{
  YkPreferencesDialog *self;
  gboolean coordinator;

  g_return_val_if_fail (parent == NULL || GTK_IS_WINDOW (parent), NULL);
  g_return_val_if_fail (session == NULL || YK_IS_UNLOCKED_SESSION (session), NULL);

  self = g_object_new (YK_TYPE_PREFERENCES_DIALOG, "transient-for", parent, NULL);
  if (parent != NULL)
    gtk_window_set_application (GTK_WINDOW (self), gtk_window_get_application (parent));

  /* Absent, not insensitive, for a social worker: they always see
   * names masked. While locked nobody is known to be a coordinator. */
  coordinator = session != NULL && yk_unlocked_session_is_unlocked (session) &&
                yk_unlocked_session_is_coordinator (session);
  gtk_widget_set_visible (self->privacy_group, coordinator);
  if (coordinator)
    g_settings_bind (self->settings, "show-full-names", self->full_names_switch, "active", G_SETTINGS_BIND_DEFAULT);
  return GTK_WIDGET (self);
}

GtkSpinButton *
yk_preferences_dialog_get_idle_minutes (YkPreferencesDialog *self)
{
  g_return_val_if_fail (YK_IS_PREFERENCES_DIALOG (self), NULL);
  return self->idle_minutes;
}

GtkSwitch *
yk_preferences_dialog_get_full_names_switch (YkPreferencesDialog *self)
{
  g_return_val_if_fail (YK_IS_PREFERENCES_DIALOG (self), NULL);
  return gtk_widget_get_visible (self->privacy_group) ? self->full_names_switch : NULL;
}
