/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Administration → Settings: the follow-up intervals (a number and a
 * unit), the improvement threshold, and each site's details. Its
 * `session` property holds the YkUnlockedSession it edits. */
#define YK_TYPE_ADMIN_SETTINGS (yk_admin_settings_get_type ())
G_DECLARE_FINAL_TYPE (YkAdminSettings, yk_admin_settings, YK, ADMIN_SETTINGS, GtkWidget)

G_END_DECLS
