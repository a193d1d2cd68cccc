/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* Site snapshots written by the window (docs/design/district.md): when
 * the GSettings key `snapshot-folder` names a folder, an unlocked
 * session's file is copied there as an encrypted snapshot when it locks,
 * when the window closes, and at most every 10 minutes while records
 * change. A failure (folder missing, not writable) never touches the
 * session: it is kept as `last-error` for the Preferences dialog and
 * shown once as a note. */
#define YK_TYPE_SNAPSHOT_SCHEDULER (yk_snapshot_scheduler_get_type ())
G_DECLARE_FINAL_TYPE (YkSnapshotScheduler, yk_snapshot_scheduler, YK, SNAPSHOT_SCHEDULER, GObject)

#define YK_SNAPSHOT_INTERVAL_SECONDS (10 * 60)

YkSnapshotScheduler *yk_snapshot_scheduler_new (GSettings *settings);
/* Starts watching `session` (NULL stops); a district view is never snapshotted. */
void yk_snapshot_scheduler_set_session (YkSnapshotScheduler *self,
                                        YkUnlockedSession   *session);
/* Now, in the calling (main) thread: before a lock or a quit closes the
 * session. FALSE with `error` set when a folder is set and writing failed;
 * TRUE when written or when no folder is set. */
gboolean yk_snapshot_scheduler_take_now (YkSnapshotScheduler *self,
                                         GError             **error);
/* The last failure's message, NULL after a success. */
const char *yk_snapshot_scheduler_get_last_error (YkSnapshotScheduler *self);

G_END_DECLS
