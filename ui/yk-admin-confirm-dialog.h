/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Asks before something that cannot be taken back (removing an account,
 * changing the database key): a question, what it does, Cancel (the
 * default, and Escape) and a destructive button. `accepted` is emitted
 * when that button is pressed; either way the dialog then closes. */
#define YK_TYPE_ADMIN_CONFIRM_DIALOG (yk_admin_confirm_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YkAdminConfirmDialog, yk_admin_confirm_dialog, YK, ADMIN_CONFIRM_DIALOG, GtkWindow)

YkAdminConfirmDialog *yk_admin_confirm_dialog_new (GtkWindow  *parent,
                                                   const char *heading,
                                                   const char *body,
                                                   const char *accept_label);

/* An option under the text (removing an account: also change the key),
 * shown with `label` and ticked or not; read it in `accepted`. */
void yk_admin_confirm_dialog_add_option (YkAdminConfirmDialog *self,
                                         const char           *label,
                                         gboolean              active);
GtkCheckButton *yk_admin_confirm_dialog_get_option (YkAdminConfirmDialog *self);

G_END_DECLS
