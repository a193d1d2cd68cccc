/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The Administration screen of the main view (coordinator only): a side
 * bar of sections, each its own widget: accounts (YkAdminAccounts), the
 * database (YkAdminDatabase: verify, backup), ledger import
 * (YkAdminImport), settings (YkAdminSettings: follow-up intervals, the
 * improvement threshold, sites) and the audit trail (YkAdminAuditTrail).
 * Its `session` property holds the YkUnlockedSession they all show. */
#define YK_TYPE_ADMIN_PAGE (yk_admin_page_get_type ())
G_DECLARE_FINAL_TYPE (YkAdminPage, yk_admin_page, YK, ADMIN_PAGE, GtkWidget)

/* One section ("accounts", "database", "import", "settings", "audit"),
 * shown as if chosen in the side bar. */
void yk_admin_page_show_section (YkAdminPage *self,
                                 const char  *name);

G_END_DECLS
