/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-snapshot-scheduler.h"
#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* Preferences (首选项), from the primary menu or Ctrl+,: the idle lock
 * time, this computer's snapshot folder and when a district view calls
 * a snapshot old, and for a coordinator whether lists show names in
 * full. All are GSettings keys, bound, so a change applies at once.
 * Opened by a social worker or while locked, the names switch is absent. */
#define YK_TYPE_PREFERENCES_DIALOG (yk_preferences_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YkPreferencesDialog, yk_preferences_dialog, YK, PREFERENCES_DIALOG, GtkWindow)

GtkWidget *yk_preferences_dialog_new (GtkWindow         *parent,
                                      YkUnlockedSession *session);
void yk_preferences_dialog_set_snapshot_scheduler (YkPreferencesDialog *self,
                                                   YkSnapshotScheduler *snapshots);
GtkSpinButton *yk_preferences_dialog_get_idle_minutes (YkPreferencesDialog *self);
/* NULL when absent (locked, or a social worker). */
GtkSwitch *yk_preferences_dialog_get_full_names_switch (YkPreferencesDialog *self);

G_END_DECLS
