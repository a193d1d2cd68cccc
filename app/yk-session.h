/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-crypto-types.h"
#include "yk-audit.h"
#include "yk-store.h"

G_BEGIN_DECLS

/* An unlocked database and the person who unlocked it: their staff
 * record, role and site. Every write is made, and audited, as them. */
typedef struct _YkSession YkSession;

typedef enum
{
  YK_ROLE_WORKER,
  YK_ROLE_COORDINATOR,
} YkRole;

YkSession *yk_session_create (const char *path,
                              const char *account,
                              const char *display_name,
                              const char *password,
                              YkKdfLevel  level,
                              char      **recovery_key,
                              GError    **error);
/* init --key-from (docs/design/security.md, "Portable key slots"): a new
 * database whose first coordinator is `account` with the key pair, and
 * so the password, they have in `other_path` (unlocked here to prove
 * it; nothing is written there). Runs Argon2id once. */
YkSession *yk_session_create_key_from (const char *path,
                                       const char *other_path,
                                       const char *account,
                                       const char *display_name,
                                       const char *password,
                                       char      **recovery_key,
                                       GError    **error);
YkSession *yk_session_open (const char *path,
                            const char *account,
                            const char *password,
                            GError    **error);
/* The same, also giving the identity the password unlocked, which then
 * opens every other file that has that account's key pair with
 * yk_session_open_with_identity(): one Argon2id for a whole district. */
YkSession *yk_session_open_identity (const char  *path,
                                     const char  *account,
                                     const char  *password,
                                     YkIdentity **identity,
                                     GError     **error);
/* No key derivation; YK_CRYPTO_ERROR_NO_SLOT when the file has no slot
 * for the identity's key pair. Audited as `unlock`, as with a password
 * (not in a snapshot, which is never written). */
YkSession *yk_session_open_with_identity (const char       *path,
                                          const YkIdentity *identity,
                                          GError          **error);
/* The recovery key in place of a password: it opens the file, and the
 * session acts as `account` (an active account on the staff list),
 * audited as `unlock_recovery`. */
YkSession *yk_session_open_with_recovery_key (const char *path,
                                              const char *account,
                                              const char *recovery_key,
                                              GError    **error);
gboolean yk_session_opened_with_recovery_key (YkSession *session);
/* A snapshot (docs/design/file-format.md, "Snapshots") is read-only:
 * FALSE and zeroed info for any other file. */
gboolean yk_session_get_snapshot_info (YkSession      *session,
                                       YkSnapshotInfo *info);
/* A district view's session (yk-district.h): it reads every site's
 * records and writes nothing; every change is refused with
 * YK_APP_ERROR_READ_ONLY. */
gboolean yk_session_is_read_only (YkSession *session);
void yk_session_close (YkSession *session);

YkStore *yk_session_get_store (YkSession *session);
const char *yk_session_get_account (YkSession *session);
/* The name the staff list shows (王协调); the account when it has none. */
const char *yk_session_get_display_name (YkSession *session);
YkRole yk_session_get_role (YkSession *session);
gint64 yk_session_get_staff_id (YkSession *session);
gint64 yk_session_get_site_id (YkSession *session);
gboolean yk_session_require_coordinator (YkSession *session,
                                         GError   **error);
gboolean yk_session_audit (YkSession  *session,
                           const char *action,
                           const char *record_table,
                           gint64      record_id,
                           const char *detail,
                           GError    **error);

gboolean yk_session_check_audit (YkSession    *session,
                                 YkAuditCheck *check,
                                 GError      **error);
/* The same, and whether the trail still extends `expected` (check->expected). */
gboolean yk_session_check_audit_head (YkSession         *session,
                                      const YkAuditHead *expected,
                                      YkAuditCheck      *check,
                                      GError           **error);
/* The audit head, "ID:HEX", as reports, backups and snapshots state it
 * (docs/design/security.md, "Audit trail"); NULL with an empty trail. */
gboolean yk_session_audit_head (YkSession *session,
                                char     **head,
                                GError   **error);

/* When someone leaves (docs/design/file-format.md, "Copies"): a new database key sealed to every
 * remaining account, the audit trail re-signed, and a new recovery key
 * (`*recovery_key`, to be shown once; the old one stops working).
 * Coordinator only. */
gboolean yk_session_rotate_key (YkSession *session,
                                char     **recovery_key,
                                GError   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkSession, yk_session_close)

G_END_DECLS
