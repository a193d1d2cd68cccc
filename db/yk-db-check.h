/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* SQLite's own checks; problems are appended to `problems` as text. */
gboolean yk_db_integrity_check (sqlite3   *db,
                                GPtrArray *problems,
                                GError   **error);
gboolean yk_db_foreign_key_check (sqlite3   *db,
                                  GPtrArray *problems,
                                  GError   **error);
/* The figures' running totals against a recount of the records. */
gboolean yk_db_running_totals_check (sqlite3   *db,
                                     GPtrArray *problems,
                                     GError   **error);

G_END_DECLS
