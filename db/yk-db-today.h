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

/* Until cleared (check NULL), every statement on `db` checks `check`
 * every few thousand steps and stops with SQLITE_INTERRUPT once it
 * returns non-zero: a worker thread's long read can be abandoned at once
 * rather than after its current query. Only for a connection of the
 * calling thread's own. */
void yk_db_today_interrupt_when (sqlite3 *db,
                                 int    (*check) (void *data),
                                 void    *data);

G_END_DECLS
