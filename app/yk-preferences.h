/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-session.h"

G_BEGIN_DECLS

/* Lists show names masked (王**, docs/design/security.md); a coordinator may choose to
 * see them in full (the Preferences dialog). Seeing every name of a
 * district is a privacy-relevant act, so it is written to the audit
 * trail when it starts (`names_unmask`, also at each unlock with the
 * preference already on) and when it stops (`names_mask`). No personal
 * data: the account is the audit row's own. A social worker's session
 * is refused with YK_APP_ERROR_FORBIDDEN. */
gboolean yk_preferences_audit_full_names (YkSession *session,
                                          gboolean   full_names,
                                          GError   **error);

G_END_DECLS
