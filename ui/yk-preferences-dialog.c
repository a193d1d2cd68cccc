/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-preferences-dialog.h"
#include "yk-file-chooser.h"

#include <glib/gi18n.h>

struct _YkPreferencesDialog
{
  GtkWindow parent_instance;

  GtkSpinButton *idle_minutes;
  GtkWidget *privacy_group;
  GtkSwitch *full_names_switch;
  GtkWidget *district_group;
  GtkLabel *snapshot_folder_label;
  GtkLabel *snapshot_error;
  GtkSpinButton *stale_days;

  GSettings *settings;
  YkSnapshotScheduler *snapshots;
};

G_DEFINE_FINAL_TYPE (YkPreferencesDialog, yk_preferences_dialog, GTK_TYPE_WINDOW)

/* A folder that is missing or cannot be written is said here at once,
 * and again by the scheduler after a snapshot that failed. */
static char *
folder_problem (const char *path)
{
  g_autoptr (GFile) file = g_file_new_for_path (path);
  g_autoptr (GFileInfo) info = NULL;

  info = g_file_query_info (file, G_FILE_ATTRIBUTE_STANDARD_TYPE "," G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE,
                            G_FILE_QUERY_INFO_NONE, NULL, NULL);
  if (info == NULL || g_file_info_get_file_type (info) != G_FILE_TYPE_DIRECTORY)
    return g_strdup_printf (_("The snapshot folder “%1$s” does not exist. Snapshots are not written until it does."),
                            path);
  if (!g_file_info_get_attribute_boolean (info, G_FILE_ATTRIBUTE_ACCESS_CAN_WRITE))
    return g_strdup_printf (_("The snapshot folder “%1$s” cannot be written to. Snapshots are not written until it can."),
                            path);
  return NULL;
}

static void
update_snapshot_folder (YkPreferencesDialog *self)
{
  g_autofree char *path = g_settings_get_string (self->settings, "snapshot-folder");
  g_autofree char *name = NULL;
  g_autofree char *problem = NULL;
  const char *failure = self->snapshots != NULL ? yk_snapshot_scheduler_get_last_error (self->snapshots) : NULL;

  if (path[0] == '\0')
    {
      gtk_label_set_text (self->snapshot_folder_label, C_("snapshot folder", "None"));
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->snapshot_folder_label), NULL);
    }
  else
    {
      name = g_filename_display_basename (path);
      gtk_label_set_text (self->snapshot_folder_label, name);
      gtk_widget_set_tooltip_text (GTK_WIDGET (self->snapshot_folder_label), path);
      problem = folder_problem (path);
    }
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "preferences.clear-snapshot-folder", path[0] != '\0');
  if (problem == NULL && failure != NULL && path[0] != '\0')
    problem = g_strdup_printf (_("The last snapshot failed: %1$s"), failure);
  gtk_label_set_text (self->snapshot_error, problem != NULL ? problem : "");
  gtk_widget_set_visible (GTK_WIDGET (self->snapshot_error), problem != NULL);
}

static void
snapshot_folder_chosen_cb (GObject      *source,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr (YkPreferencesDialog) self = user_data;
  g_autoptr (GFile) file = yk_file_chooser_finish (result, NULL);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (path != NULL && self->settings != NULL)
    g_settings_set_string (self->settings, "snapshot-folder", path);
}

static void
choose_snapshot_folder_action (GtkWidget  *widget,
                               const char *action_name,
                               GVariant   *parameter)
{
  yk_file_chooser_select_folder (GTK_WINDOW (widget), _("Snapshot Folder"), snapshot_folder_chosen_cb,
                                 g_object_ref (widget));
}

static void
clear_snapshot_folder_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  g_settings_set_string (YK_PREFERENCES_DIALOG (widget)->settings, "snapshot-folder", "");
}

static void
yk_preferences_dialog_dispose (GObject *object)
{
  YkPreferencesDialog *self = YK_PREFERENCES_DIALOG (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_PREFERENCES_DIALOG);
  if (self->snapshots != NULL)
    g_signal_handlers_disconnect_by_data (self->snapshots, self);
  g_clear_object (&self->snapshots);
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
  gtk_widget_class_bind_template_child (widget_class, YkPreferencesDialog, district_group);
  gtk_widget_class_bind_template_child (widget_class, YkPreferencesDialog, snapshot_folder_label);
  gtk_widget_class_bind_template_child (widget_class, YkPreferencesDialog, snapshot_error);
  gtk_widget_class_bind_template_child (widget_class, YkPreferencesDialog, stale_days);

  gtk_widget_class_install_action (widget_class, "preferences.choose-snapshot-folder", NULL,
                                   choose_snapshot_folder_action);
  gtk_widget_class_install_action (widget_class, "preferences.clear-snapshot-folder", NULL,
                                   clear_snapshot_folder_action);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_w, GDK_CONTROL_MASK, "window.close", NULL);
}

static void
yk_preferences_dialog_init (YkPreferencesDialog *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new (APPLICATION_ID);
  g_settings_bind (self->settings, "idle-lock-minutes", self->idle_minutes, "value", G_SETTINGS_BIND_DEFAULT);
  g_settings_bind (self->settings, "district-stale-days", self->stale_days, "value", G_SETTINGS_BIND_DEFAULT);
  g_signal_connect_object (self->settings, "changed::snapshot-folder", G_CALLBACK (update_snapshot_folder), self,
                           G_CONNECT_SWAPPED);
  update_snapshot_folder (self);
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

/* Where the last automatic snapshot's failure is read from. */
void
yk_preferences_dialog_set_snapshot_scheduler (YkPreferencesDialog *self,
                                              YkSnapshotScheduler *snapshots)
{
  g_return_if_fail (YK_IS_PREFERENCES_DIALOG (self));
  if (self->snapshots != NULL)
    g_signal_handlers_disconnect_by_data (self->snapshots, self);
  g_set_object (&self->snapshots, snapshots);
  if (snapshots != NULL)
    g_signal_connect_object (snapshots, "notify::last-error", G_CALLBACK (update_snapshot_folder), self,
                             G_CONNECT_SWAPPED);
  update_snapshot_folder (self);
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
