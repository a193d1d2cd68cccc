/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-form-drafts.h"
#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* Records a group activity (服务活动) and who attended it, or changes the
 * attendance of one already recorded (activity_id > 0). The people who
 * may attend, the site's service users and their family members, load in
 * a worker; `loading` is TRUE until they are listed. */
#define YK_TYPE_ACTIVITY_DIALOG (yk_activity_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YkActivityDialog, yk_activity_dialog, YK, ACTIVITY_DIALOG, GtkWindow)

YkActivityDialog *yk_activity_dialog_new (YkUnlockedSession *session,
                                          YkFormDrafts      *drafts,
                                          gint64             site_id,
                                          gint64             activity_id);
gboolean yk_activity_dialog_get_loading (YkActivityDialog *self);
guint yk_activity_dialog_get_n_ticked (YkActivityDialog *self);
/* The list row of a person (family_id 0: a service user), NULL if the
 * list does not have them. Its check button is its child. */
GtkListBoxRow *yk_activity_dialog_find_row (YkActivityDialog *self,
                                            gint64            client_id,
                                            gint64            family_id);
const char *yk_activity_dialog_get_error (YkActivityDialog *self,
                                          const char       *field);

G_END_DECLS
