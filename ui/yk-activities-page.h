/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The Activities screen of the main view: a site's activities (服务活动)
 * of a month with their attendance; recording one, changing who attended.
 * Its `session` property holds the YkUnlockedSession it shows; it is
 * destroyed when the app locks. `loading` is TRUE while the list loads. */
#define YK_TYPE_ACTIVITIES_PAGE (yk_activities_page_get_type ())
G_DECLARE_FINAL_TYPE (YkActivitiesPage, yk_activities_page, YK, ACTIVITIES_PAGE, GtkWidget)

/* The activities shown (YkActivityItem). */
GListModel *yk_activities_page_get_model (YkActivitiesPage *self);
/* The dialog last opened by activities.record or activities.open, if
 * still open. */
GtkWindow *yk_activities_page_get_dialog (YkActivitiesPage *self);

G_END_DECLS
