/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "yk-app-types.h"
#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* A read that may take a while, run in a worker thread on a YkReader the
 * session lends (yk_unlocked_session_open_reader), never on the
 * session's own connection. `func` calls app/'s reading functions with
 * the reader, which keep to what the person who unlocked may see, and
 * returns its result or NULL with an error. The reader goes back to the
 * session on the main thread when the task completes, or at
 * yk_reader_task_wait() (a page's dispose); a lock waits for it. */
typedef gpointer (*YkReaderFunc) (YkReader     *reader,
                                  gpointer      data,
                                  GCancellable *cancellable,
                                  GError      **error);

/* Starts the read; `callback` gets a NULL source object (the task must
 * not keep a page alive past a lock: callbacks check `cancellable`).
 * Returns a reference to the running task, for yk_reader_task_wait(). */
GTask *yk_reader_task_run_async (YkUnlockedSession  *session,
                                 YkReaderFunc        func,
                                 gpointer            data,
                                 GDestroyNotify      data_free,
                                 GDestroyNotify      result_free,
                                 GCancellable       *cancellable,
                                 GAsyncReadyCallback callback,
                                 gpointer            user_data);
gpointer yk_reader_task_run_finish (GAsyncResult *result,
                                    GError      **error);
/* Blocks until the worker is done with its reader (at once if it is;
 * quickly once cancelled: a cancelled query stops within a few thousand
 * steps) and gives the reader back. */
void yk_reader_task_wait (GTask *task);

G_END_DECLS
