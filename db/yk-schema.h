/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The schema version this build writes; PRAGMA user_version holds it. */
#define YK_SCHEMA_VERSION 10

gboolean yk_schema_migrate (sqlite3 *db,
                            GError **error);
int yk_schema_get_version (sqlite3 *db);

G_END_DECLS
