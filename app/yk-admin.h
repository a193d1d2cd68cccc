/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-session.h"
#include "yk-verify.h"

G_BEGIN_DECLS

/* What the Administration screen does that the command line does inline:
 * a backup, coordinator only and audited. (No key rotation: today
 * yk_store_rotate_key() leaves the audit trail MACed with the old key's
 * audit key, so the chain no longer verifies afterwards.) */
gboolean yk_admin_backup (YkSession  *session,
                          const char *destination,
                          GError    **error);

/* yk_verify() split for the window: the file's header and pages on the
 * main connection (yk_verify_store), then SQLite's checks, the running
 * totals and the audit chain on `db`, a connection of its own that a
 * worker thread may use. `report` must come from yk_admin_verify_store. */
gboolean yk_admin_verify_store (YkSession      *session,
                                YkVerifyReport *report,
                                GError        **error);
gboolean yk_admin_verify_connection (YkStore        *store,
                                     sqlite3        *db,
                                     YkVerifyReport *report,
                                     GError        **error);

G_END_DECLS
