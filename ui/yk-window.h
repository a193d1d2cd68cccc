/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-application.h"

G_BEGIN_DECLS

#define YK_TYPE_WINDOW (yk_window_get_type ())
G_DECLARE_FINAL_TYPE (YkWindow, yk_window, YK, WINDOW, GtkApplicationWindow)

YkWindow *yk_window_new (YkApplication *application);

G_END_DECLS
