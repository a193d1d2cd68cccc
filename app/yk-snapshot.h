/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-session.h"

G_BEGIN_DECLS

/* A snapshot of the session's database into `directory`
 * (docs/design/file-format.md, "Snapshots"): the encrypted pages as they
 * are on disk, consistent, named after the sites the file holds
 * (DIRECTORY/JL+SPQ.ykdb, `*written_path`), read-only, audited in the
 * database as `snapshot`.
 * Anyone with an account may take one: the window does, at a lock. */
gboolean yk_session_snapshot (YkSession  *session,
                              const char *directory,
                              char      **written_path,
                              GError    **error);
/* The same, also giving what the snapshot's header says (`*info`). */
gboolean yk_session_snapshot_info (YkSession      *session,
                                   const char     *directory,
                                   char          **written_path,
                                   YkSnapshotInfo *info,
                                   GError        **error);

G_END_DECLS
