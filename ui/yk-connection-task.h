/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "yk-store.h"

G_BEGIN_DECLS

/* A read that may take a while, run in a worker thread on a connection
 * of its own (yk_store_open_connection), never the session's. `func`
 * returns its result or NULL with an error. The store must outlive the
 * worker's connection: whoever started it cancels it and calls
 * yk_connection_task_wait() before the session can close (a page's
 * dispose, which a lock goes through). */
typedef gpointer (*YkConnectionFunc) (sqlite3      *db,
                                      gpointer      data,
                                      GCancellable *cancellable,
                                      GError      **error);

/* Returns a reference to the running task, for yk_connection_task_wait(). */
GTask *yk_connection_task_run (YkStore            *store,
                               YkConnectionFunc    func,
                               gpointer            data,
                               GDestroyNotify      data_free,
                               GDestroyNotify      result_free,
                               GCancellable       *cancellable,
                               GAsyncReadyCallback callback,
                               gpointer            user_data);
gpointer yk_connection_task_finish (GAsyncResult *result,
                                    GError      **error);
/* Blocks until the worker has closed its connection (at once if it has;
 * quickly once cancelled: a cancelled query stops within a few thousand
 * steps). */
void yk_connection_task_wait (GTask *task);

G_END_DECLS
