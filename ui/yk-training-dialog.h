/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* 记录培训: a staff training session (docs/design/training.md), its date,
 * title, hours (one decimal), provider and who attended, ticked from the
 * active staff. Saved through yk_training_record(); a refusal is shown
 * in the dialog, which stays open. "saved" is emitted before it closes. */
#define YK_TYPE_TRAINING_DIALOG (yk_training_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YkTrainingDialog, yk_training_dialog, YK, TRAINING_DIALOG, GtkWindow)

YkTrainingDialog *yk_training_dialog_new (YkUnlockedSession *session);
/* Ticks the attendee with that staff id (tests, the preview). */
void yk_training_dialog_set_attendee (YkTrainingDialog *self,
                                      gint64            staff_id,
                                      gboolean          attends);
/* The refusal shown, NULL when none. */
const char *yk_training_dialog_get_error (YkTrainingDialog *self);

G_END_DECLS
