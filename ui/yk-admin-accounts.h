/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Administration → Accounts (coordinator only): the accounts, each a key
 * slot (add, remove, reset a password, change another's role and site),
 * and changing the database key
 * once someone has left (docs/design/file-format.md). Argon2id and the re-keyed copy
 * run in a worker thread with the session to themselves
 * (yk_unlocked_session_run_exclusive). Its `session` property holds the
 * YkUnlockedSession it works on. */
#define YK_TYPE_ADMIN_ACCOUNTS (yk_admin_accounts_get_type ())
G_DECLARE_FINAL_TYPE (YkAdminAccounts, yk_admin_accounts, YK, ADMIN_ACCOUNTS, GtkWidget)

/* The YkAdminConfirmDialog shown by admin.remove-account or
 * admin.rotate-key, NULL when none is open. */
GtkWindow *yk_admin_accounts_get_confirm_dialog (YkAdminAccounts *self);
/* The YkPasswordDialog of admin.reset-password, NULL when none is open. */
GtkWindow *yk_admin_accounts_get_password_dialog (YkAdminAccounts *self);
/* The new recovery key after a key change, while it is shown. */
GtkWindow *yk_admin_accounts_get_recovery_key_dialog (YkAdminAccounts *self);
/* The YkAdminRoleDialog of admin.edit-role, NULL when none is open. */
GtkWindow *yk_admin_accounts_get_role_dialog (YkAdminAccounts *self);
/* TRUE while an account is being added or reset, or the key changed. */
gboolean yk_admin_accounts_get_busy (YkAdminAccounts *self);

G_END_DECLS
