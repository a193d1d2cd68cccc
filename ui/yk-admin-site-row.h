/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-admin.h"

G_BEGIN_DECLS

/* The editor of one site in Administration → Settings: its name, host
 * facility, opening date and equipment count, an error under them, and
 * Save Site (admin.save-site with the site's id). */
#define YK_TYPE_ADMIN_SITE_ROW (yk_admin_site_row_get_type ())
G_DECLARE_FINAL_TYPE (YkAdminSiteRow, yk_admin_site_row, YK, ADMIN_SITE_ROW, GtkWidget)

YkAdminSiteRow *yk_admin_site_row_new (const YkSiteDetails *site);
gint64 yk_admin_site_row_get_site_id (YkAdminSiteRow *self);
/* Stores what is typed; FALSE, with the reason under the fields and the
 * wrong one focused, if the site is refused. */
gboolean yk_admin_site_row_save (YkAdminSiteRow *self,
                                 YkSession      *session);

G_END_DECLS
