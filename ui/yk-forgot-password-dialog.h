/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* 忘记密码: the recovery key, an account name and a new password twice
 * set that account's password (yk_accounts_recover_password(), the
 * command line's `user passwd --recovery-key-file`). Key derivation runs
 * in a worker thread with a spinner; a wrong or mistyped key, an unknown
 * account or a weak password is said under the fields. On success
 * `password-set` (the account name) is emitted and the dialog closes;
 * the person then unlocks as usual. Template children: key_entry,
 * account_entry, new_entry, again_entry, error_label. */
#define YK_TYPE_FORGOT_PASSWORD_DIALOG (yk_forgot_password_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YkForgotPasswordDialog, yk_forgot_password_dialog, YK, FORGOT_PASSWORD_DIALOG, GtkWindow)

YkForgotPasswordDialog *yk_forgot_password_dialog_new (GtkWindow  *parent,
                                                       const char *database_path,
                                                       const char *account);
/* TRUE while the new password's key is being derived. */
gboolean yk_forgot_password_dialog_get_busy (YkForgotPasswordDialog *self);

G_END_DECLS
