/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Reads on a worker thread's own connection that a GCancellable can stop
 * mid-query. Until yk_cancel_unwatch(), a cancelled `cancellable` (may be
 * NULL) stops every statement on `db`. Unwatch returns `ok`, or FALSE with
 * G_IO_ERROR_CANCELLED in place of SQLite's "interrupted" when that is
 * what stopped the work. */
void yk_cancel_watch (sqlite3      *db,
                      GCancellable *cancellable);
gboolean yk_cancel_unwatch (sqlite3      *db,
                            GCancellable *cancellable,
                            gboolean      ok,
                            GError      **error);

G_END_DECLS
