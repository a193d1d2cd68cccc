/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* A read that may take a while, run in a worker thread on a connection
 * the session lends (yk_unlocked_session_open_reader), never the
 * session's own. `func` returns its result or NULL with an error. The
 * connection goes back to the session on the main thread when the task
 * completes, or at yk_connection_task_wait() (a page's dispose); a lock
 * waits for it. */
typedef gpointer (*YkConnectionFunc) (sqlite3      *db,
                                      gpointer      data,
                                      GCancellable *cancellable,
                                      GError      **error);

/* Returns a reference to the running task, for yk_connection_task_wait(). */
GTask *yk_connection_task_run (YkUnlockedSession  *session,
                               YkConnectionFunc    func,
                               gpointer            data,
                               GDestroyNotify      data_free,
                               GDestroyNotify      result_free,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data);
gpointer yk_connection_task_finish (GAsyncResult *result,
                                    GError      **error);
/* Blocks until the worker is done with its connection (at once if it
 * is; quickly once cancelled: a cancelled query stops within a few
 * thousand steps) and gives the connection back. */
void yk_connection_task_wait (GTask *task);

G_END_DECLS
