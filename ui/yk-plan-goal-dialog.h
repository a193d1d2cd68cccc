/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-form-drafts.h"
#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* Adds a goal to a service user's rehabilitation plan (个人康复计划). */
#define YK_TYPE_PLAN_GOAL_DIALOG (yk_plan_goal_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YkPlanGoalDialog, yk_plan_goal_dialog, YK, PLAN_GOAL_DIALOG, GtkWindow)

YkPlanGoalDialog *yk_plan_goal_dialog_new (YkUnlockedSession *session,
                                       YkFormDrafts      *drafts,
                                       gint64             client_id);
/* Corrects a recorded goal (yk_casework_update_plan_goal()); NULL, with
 * the error, if the session may not. */
YkPlanGoalDialog *yk_plan_goal_dialog_new_edit (YkUnlockedSession *session,
                                                YkFormDrafts      *drafts,
                                                gint64             record_id,
                                                GError           **error);
const char *yk_plan_goal_dialog_get_error (YkPlanGoalDialog *self,
                                 const char *field);

G_END_DECLS
