/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-snapshot.h"

#include <glib/gi18n.h>

gboolean
yk_session_snapshot (YkSession  *session,
                     const char *directory,
                     char      **written_path,
                     GError    **error)
{
  return yk_session_snapshot_info (session, directory, written_path, NULL, error);
}

/* The entry goes in after the copy, so the snapshot's audit head is the
 * entry before it; a snapshot that failed leaves no entry (its number
 * is used up all the same). */
gboolean
yk_session_snapshot_info (YkSession      *session,
                          const char     *directory,
                          char          **written_path,
                          YkSnapshotInfo *info,
                          GError        **error)
{
  g_autofree char *path = NULL;
  g_autofree char *detail = NULL;
  YkSnapshotInfo taken;

  g_return_val_if_fail (session != NULL && directory != NULL, FALSE);

  if (!yk_store_snapshot (yk_session_get_store (session), directory, &path, &taken, error))
    return FALSE;
  detail = g_strdup_printf ("%" G_GUINT64_FORMAT, taken.generation);
  if (!yk_session_audit (session, "snapshot", NULL, 0, detail, error))
    {
      g_prefix_error (error, _("The snapshot “%1$s” was written, but not recorded in the audit trail: "), path);
      return FALSE;
    }
  if (written_path != NULL)
    *written_path = g_steal_pointer (&path);
  if (info != NULL)
    *info = taken;
  return TRUE;
}
