/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-toast.h"

#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* What the window shows while unlocked: a sidebar of screens and the
 * screens themselves, each given the session. One is made per unlock
 * and destroyed on lock, so nothing a screen showed outlives the keys.
 * Administration exists only for a coordinator. */
#define YK_TYPE_MAIN_VIEW (yk_main_view_get_type ())
G_DECLARE_FINAL_TYPE (YkMainView, yk_main_view, YK, MAIN_VIEW, GtkWidget)

GtkWidget *yk_main_view_new (YkUnlockedSession *session);
YkToast *yk_main_view_get_toast (YkMainView *self);
YkUnlockedSession *yk_main_view_get_session (YkMainView *self);
gboolean yk_main_view_show_screen (YkMainView *self,
                                   guint       position);
void yk_main_view_find (YkMainView *self);
const char *yk_main_view_get_visible_screen (YkMainView *self);
gboolean yk_main_view_has_page (YkMainView *self,
                                const char *name);

G_END_DECLS
