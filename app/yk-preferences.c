/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-preferences.h"

gboolean
yk_preferences_audit_full_names (YkSession *session,
                                 gboolean   full_names,
                                 GError   **error)
{
  g_return_val_if_fail (session != NULL, FALSE);

  if (!yk_session_require_coordinator (session, error))
    return FALSE;
  return yk_session_audit (session, full_names ? "names_unmask" : "names_mask", NULL, 0, NULL, error);
}
