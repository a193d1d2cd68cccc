/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The Today screen (工作台) of the main view: my follow-ups due and
 * overdue, the people who need attention, and this quarter's figures
 * beside last quarter's, read in worker threads. Its `session` property
 * holds the YkUnlockedSession it shows; it is destroyed when the app
 * locks. Activating a person activates case.open (x); their row's
 * buttons record.phone (x) and record.visit (x). */
#define YK_TYPE_TODAY_PAGE (yk_today_page_get_type ())
G_DECLARE_FINAL_TYPE (YkTodayPage, yk_today_page, YK, TODAY_PAGE, GtkWidget)

void yk_today_page_set_today (YkTodayPage *self,
                              const char  *today);
const char *yk_today_page_get_today (YkTodayPage *self);
gboolean yk_today_page_get_busy (YkTodayPage *self);
gboolean yk_today_page_save_due_list (YkTodayPage *self,
                                      GFile       *file,
                                      GError     **error);

G_END_DECLS
