/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* What the Today screen needs beyond the follow-up rows and the figures. */

/* Active social workers (role "worker"), at one site or all of them
 * (site_scope 0), by site then name, as YkStaffRow (yk-db-staff.h). */
GPtrArray *yk_db_today_workers (sqlite3 *db,
                                gint64   site_scope,
                                GError **error);

G_END_DECLS
