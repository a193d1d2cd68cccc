/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-session.h"
#include "yk-db-staff.h"

G_BEGIN_DECLS

/* Accounts: a staff record with a role and site, and a key slot of the
 * same name. Only a coordinator adds, removes or resets another account;
 * anyone changes their own password. */
gboolean yk_accounts_add (YkSession  *session,
                          const char *account,
                          const char *password,
                          YkRole      role,
                          const char *site,
                          const char *display_name,
                          YkKdfLevel  level,
                          GError    **error);
/* user add --key-from (docs/design/security.md, "Portable key slots"): the
 * account's key slot copied from `other_path`, where the person already
 * has one, so their password and key pair there open this file too; no
 * password is asked. `*authenticated` (may be NULL): whether
 * other_path's header was checked with its MAC, which needs the acting
 * coordinator's own key pair to have a slot there; otherwise the copied
 * public key is taken on trust, and the caller should say so. */
gboolean yk_accounts_add_key_from (YkSession  *session,
                                   const char *account,
                                   const char *other_path,
                                   YkRole      role,
                                   const char *site,
                                   const char *display_name,
                                   gboolean   *authenticated,
                                   GError    **error);
gboolean yk_accounts_remove (YkSession  *session,
                             const char *account,
                             GError    **error);
gboolean yk_accounts_set_password (YkSession  *session,
                                   const char *account,
                                   const char *password,
                                   YkKdfLevel  level,
                                   GError    **error);
/* Another account's role and site (a social worker's site is required;
 * a coordinator's is dropped). Coordinator only, audited; one's own is
 * refused, so that a coordinator cannot lock themselves out. The people
 * assigned to a social worker stay assigned when their site changes. */
gboolean yk_accounts_set_role (YkSession  *session,
                               const char *account,
                               YkRole      role,
                               const char *site,
                               GError    **error);
/* One's own password, the current one asked first: whoever finds an
 * unlocked window must not take the account over. A wrong current
 * password is YK_APP_ERROR_INVALID and changes nothing. */
gboolean yk_accounts_change_own_password (YkSession  *session,
                                          const char *current,
                                          const char *password,
                                          YkKdfLevel  level,
                                          GError    **error);
GPtrArray *yk_accounts_list (YkSession *session,
                             GError   **error);
/* Forgotten password: the recovery key opens `path` and `account` gets
 * `password`. YK_CRYPTO_ERROR_WRONG_PASSWORD (a key that does not fit)
 * or _RECOVERY_KEY_TYPO, YK_APP_ERROR_NOT_FOUND (no such account),
 * YK_CRYPTO_ERROR_WEAK_PASSWORD. Runs Argon2id: call it off the main
 * thread. */
gboolean yk_accounts_recover_password (const char *path,
                                       const char *recovery_key,
                                       const char *account,
                                       const char *password,
                                       YkKdfLevel  level,
                                       GError    **error);

G_END_DECLS
