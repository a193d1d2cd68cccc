/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-accounts.h" /* YkStaffRow, as yk_accounts_list() gives them */
#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* Another account's role (social worker or coordinator) and, for a
 * social worker, site. Saved, it says so to every screen
 * (yk_unlocked_session_records_changed) and closes; refused (one's own
 * role, say), it says why and stays open. */
#define YK_TYPE_ADMIN_ROLE_DIALOG (yk_admin_role_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YkAdminRoleDialog, yk_admin_role_dialog, YK, ADMIN_ROLE_DIALOG, GtkWindow)

/* `site_names` are the choices of the site drop-down, `site_codes`
 * (char *) their codes in the same order. */
YkAdminRoleDialog *yk_admin_role_dialog_new (GtkWindow         *parent,
                                             YkUnlockedSession *session,
                                             const YkStaffRow  *staff,
                                             GListModel        *site_names,
                                             GPtrArray         *site_codes);

G_END_DECLS
