/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-admin-database.h"

G_BEGIN_DECLS

/* Test hook: the checks shown (YkAdminCheckItem), in order. */
GListModel *_yk_admin_database_get_checks (YkAdminDatabase *self);

G_END_DECLS
