/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The Administration screen's writes to the settings table. Only an
 * existing key is changed; FALSE with error if there is none. */
gboolean yk_db_setting_set (sqlite3    *db,
                            const char *key,
                            const char *value,
                            GError    **error);

G_END_DECLS
