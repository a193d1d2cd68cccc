/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Administration → Training (培训, coordinator only): the staff's training
 * sessions, newest first, with 记录培训… (YkTrainingDialog) and voiding
 * the selected one (YkVoidDialog). Its `session` property holds the
 * YkUnlockedSession it reads. */
#define YK_TYPE_ADMIN_TRAINING (yk_admin_training_get_type ())
G_DECLARE_FINAL_TYPE (YkAdminTraining, yk_admin_training, YK, ADMIN_TRAINING, GtkWidget)

/* Reads the sessions again. */
void yk_admin_training_load (YkAdminTraining *self);
/* The sessions shown (YkTrainingItem). */
GListModel *yk_admin_training_get_model (YkAdminTraining *self);
/* The dialog training.record or training.void opened, NULL when none. */
GtkWindow *yk_admin_training_get_dialog (YkAdminTraining *self);

G_END_DECLS
