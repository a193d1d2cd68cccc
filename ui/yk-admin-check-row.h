/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-admin-check-item.h"

G_BEGIN_DECLS

/* A line of the database check as the list shows it: a tick or a
 * warning, what was checked, and the result. */
#define YK_TYPE_ADMIN_CHECK_ROW (yk_admin_check_row_get_type ())
G_DECLARE_FINAL_TYPE (YkAdminCheckRow, yk_admin_check_row, YK, ADMIN_CHECK_ROW, GtkWidget)

YkAdminCheckRow *yk_admin_check_row_new (YkAdminCheckItem *item);

G_END_DECLS
