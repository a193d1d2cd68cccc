/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/* One line of the database check (Administration → Database): what was
 * checked, the result in words, and whether it passed. */
#define YK_TYPE_ADMIN_CHECK_ITEM (yk_admin_check_item_get_type ())
G_DECLARE_FINAL_TYPE (YkAdminCheckItem, yk_admin_check_item, YK, ADMIN_CHECK_ITEM, GObject)

YkAdminCheckItem *yk_admin_check_item_new (const char *what,
                                           const char *result,
                                           gboolean    ok);
const char *yk_admin_check_item_get_what (YkAdminCheckItem *self);
const char *yk_admin_check_item_get_result (YkAdminCheckItem *self);
gboolean yk_admin_check_item_get_ok (YkAdminCheckItem *self);

G_END_DECLS
