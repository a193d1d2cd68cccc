/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-admin-database.h"

G_BEGIN_DECLS

/* Test hook: how many of the checks shown passed (`ok`) or did not. */
guint _yk_admin_database_count_checks (YkAdminDatabase *self,
                                       gboolean         ok);

G_END_DECLS
