/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-application.h"
#include "yk-form-drafts.h"
#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* The window's shell: the unlock page (and first run's create page)
 * while locked, the main view while unlocked. It locks on win.lock
 * (Ctrl+L) and after `idle-lock-seconds` without input (0: never),
 * bound to the GSettings key idle-lock-minutes. */
#define YK_TYPE_WINDOW (yk_window_get_type ())
G_DECLARE_FINAL_TYPE (YkWindow, yk_window, YK, WINDOW, GtkApplicationWindow)

YkWindow *yk_window_new (YkApplication *application);
void yk_window_set_database (YkWindow   *self,
                             const char *path);
YkUnlockedSession *yk_window_get_session (YkWindow *self);
void yk_window_lock (YkWindow *self);
YkFormDrafts *yk_window_get_drafts (YkWindow *self);

G_END_DECLS
