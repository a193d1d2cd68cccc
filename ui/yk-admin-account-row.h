/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-accounts.h" /* YkStaffRow, as yk_accounts_list() gives them */

G_BEGIN_DECLS

/* One account in Administration → Accounts: the name shown, the user
 * name, role and site, and its buttons (admin.edit-role,
 * admin.reset-password, admin.remove-account with the user name). One's
 * own account offers only a password reset. */
#define YK_TYPE_ADMIN_ACCOUNT_ROW (yk_admin_account_row_get_type ())
G_DECLARE_FINAL_TYPE (YkAdminAccountRow, yk_admin_account_row, YK, ADMIN_ACCOUNT_ROW, GtkWidget)

YkAdminAccountRow *yk_admin_account_row_new (const YkStaffRow *staff,
                                             gboolean          is_self);
const char *yk_admin_account_row_get_account (YkAdminAccountRow *self);

G_END_DECLS
