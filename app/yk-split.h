/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-session.h"

G_BEGIN_DECLS

/* One site file that yk_session_split() wrote. */
typedef struct
{
  char *site_code;    /* "SPQ" */
  char *path;         /* DIRECTORY/SPQ.ykdb */
  char *recovery_key; /* the new file's own, to be shown once */
  guint accounts;     /* key slots copied from the source */
  guint64 service_users;
  guint64 records;    /* the site's record rows, service users included */
} YkSplitFile;

void yk_split_file_free (YkSplitFile *file);

/* `yukang split` (docs/design/district.md, "Splitting one file into site
 * files"): one new database per site of the session's file, written
 * into `directory` (which must exist) as CODE.ykdb, each holding that
 * site's records with their ids unchanged, its staff and every
 * coordinator with the key slots they have in the source (the same
 * passwords), the settings, and a first audit entry naming the source's
 * database id and audit head. Nothing is written into the source.
 * A site's file already in the folder is refused (YK_DB_ERROR_EXISTS)
 * before anything is written; on any failure no new file is left.
 * Coordinator only, with their own password (not the recovery key).
 * `*files`: YkSplitFile, in the order of the sites' ids. */
gboolean yk_session_split (YkSession  *session,
                           const char *directory,
                           GPtrArray **files,
                           GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkSplitFile, yk_split_file_free)

G_END_DECLS
