/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The Today screen of the main view. Its `session` property holds
 * the YkUnlockedSession it shows; it is destroyed when the app locks. */
#define YK_TYPE_TODAY_PAGE (yk_today_page_get_type ())
G_DECLARE_FINAL_TYPE (YkTodayPage, yk_today_page, YK, TODAY_PAGE, GtkWidget)

G_END_DECLS
