/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The Administration screen of the main view. Its `session` property holds
 * the YkUnlockedSession it shows; it is destroyed when the app locks. */
#define YK_TYPE_ADMIN_PAGE (yk_admin_page_get_type ())
G_DECLARE_FINAL_TYPE (YkAdminPage, yk_admin_page, YK, ADMIN_PAGE, GtkWidget)

G_END_DECLS
