/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-crypto-types.h"
#include "yk-db-error.h"
#include "yk-header.h"

#include <sqlite3.h>

G_BEGIN_DECLS

/* An unlocked encrypted database: its keys, in locked memory, and its
 * connections. The only way the rest of Yukang opens SQLite. Key
 * derivation runs in the calling thread; the window calls these from a
 * worker. */
typedef struct _YkStore YkStore;

/* One person's key pair, as a password unlocked it from one file's slot:
 * the account name, the X25519 key pair and the Ed25519 signing key that
 * goes with it, in locked memory. It opens every other file whose slot
 * for that account has the same public key, with no key derivation
 * (docs/design/file-format.md, "Portable key slots"). */
typedef struct _YkIdentity YkIdentity;

typedef struct
{
  guint64 pages;             /* database pages authenticated */
  gboolean copy_a_ok;        /* header copies that passed their checksum */
  gboolean copy_b_ok;
  guint64 header_generation;
} YkStoreCheck;

YkStore *yk_store_create (const char *path,
                          const char *account,
                          const char *password,
                          YkKdfLevel  level,
                          char      **recovery_key,
                          GError    **error);
YkStore *yk_store_unlock (const char *path,
                          const char *account,
                          const char *password,
                          GError    **error);
YkStore *yk_store_unlock_with_recovery_key (const char *path,
                                            const char *recovery_key,
                                            GError    **error);
/* A new database whose first account is `identity`'s, its key slot
 * copied from `other_path` (where that identity has one): the same key
 * pair, so the password that opens it there opens this file too. */
YkStore *yk_store_create_with_identity (const char       *path,
                                        const char       *other_path,
                                        const YkIdentity *identity,
                                        char            **recovery_key,
                                        GError          **error);
/* A site file of yukang split (docs/design/district.md): a new database
 * whose key slots are `source`'s slots of `accounts`, copied as they are
 * (the same key pairs, so the same passwords; no key derivation), with
 * a recovery key of its own (`*recovery_key`) and `*copied` the slots
 * made. The source's unlocking account must be one of them; the store
 * is theirs. */
YkStore *yk_store_create_split (const char         *path,
                                YkStore            *source,
                                const char *const  *accounts,
                                guint              *copied,
                                char              **recovery_key,
                                GError            **error);
/* yk_store_unlock(), also giving the identity it unlocked with. */
YkStore *yk_store_unlock_identity (const char  *path,
                                   const char  *account,
                                   const char  *password,
                                   YkIdentity **identity,
                                   GError     **error);
/* No Argon2id: the identity's secret key opens the file's slot for
 * that account if it has the identity's public key; else
 * YK_CRYPTO_ERROR_NO_SLOT, "“FILE” has no key slot for “NAME”". */
YkStore *yk_store_open_with_identity (const char       *path,
                                      const YkIdentity *identity,
                                      GError          **error);
void yk_store_close (YkStore *store);

YkIdentity *yk_identity_copy (const YkIdentity *identity);
const char *yk_identity_get_account (const YkIdentity *identity);
const guint8 *yk_identity_get_public_key (const YkIdentity *identity);
/* A 32-byte key for the coordinator's own state files, derived from the
 * secret key with an 8-character context. */
YkSecret *yk_identity_derive_key (const YkIdentity *identity,
                                  const char        context[8]);
void yk_identity_free (YkIdentity *identity);

const char *yk_store_get_path (YkStore *store);
const char *yk_store_get_account (YkStore *store);
sqlite3 *yk_store_get_connection (YkStore *store);
sqlite3 *yk_store_open_connection (YkStore *store,
                                   GError **error);
void yk_store_close_connection (YkStore *store,
                                sqlite3 *db);
void yk_store_interrupt_connection (sqlite3 *db);
void yk_store_interrupt_when (sqlite3 *db,
                              int    (*check) (void *data),
                              void    *data);
YkSecret *yk_store_derive_audit_key (YkStore *store);
/* What the audit trail's signatures need (docs/design/security.md,
 * "Audit trail"): the file's id, and the unlocking account's signing key,
 * NULL when the recovery key unlocked it. */
const guint8 *yk_store_get_database_id (YkStore *store);
const YkSecret *yk_store_get_signing_key (YkStore *store);

char **yk_store_list_accounts (YkStore *store,
                               GError **error);
gboolean yk_store_add_account (YkStore    *store,
                               const char *account,
                               const char *password,
                               YkKdfLevel  level,
                               GError    **error);
/* `account`'s key slot copied from `other_path`'s plaintext header (no
 * password needed): the same key pair, this file's key sealed to it.
 * `*authenticated`: whether other_path's header was checked with its MAC
 * (possible when this store's own key pair has a slot there too);
 * otherwise its public key is taken on trust. */
gboolean yk_store_add_account_key_from (YkStore    *store,
                                        const char *account,
                                        const char *other_path,
                                        gboolean   *authenticated,
                                        GError    **error);
gboolean yk_store_remove_account (YkStore    *store,
                                  const char *account,
                                  GError    **error);
gboolean yk_store_set_password (YkStore    *store,
                                const char *account,
                                const char *password,
                                YkKdfLevel  level,
                                GError    **error);
gboolean yk_store_check_password (YkStore    *store,
                                  const char *account,
                                  const char *password,
                                  GError    **error);
/* A new database key, and a new recovery key (`*recovery_key`, to show
 * once: the old one stops working). */
gboolean yk_store_rotate_key (YkStore *store,
                              char   **recovery_key,
                              GError **error);
gboolean yk_store_backup (YkStore    *store,
                          const char *destination,
                          GError    **error);
gboolean yk_store_check (YkStore      *store,
                         YkStoreCheck *check,
                         GError      **error);

/* Snapshots (docs/design/file-format.md, "Snapshots"): a consistent copy
 * of the encrypted pages as they are on disk, with a header saying what
 * it is (`*info`), written as DIRECTORY/SITES.ykdb (`*written_path`),
 * e.g. JL+SPQ.ykdb. A snapshot opens read-only. */
gboolean yk_store_snapshot (YkStore        *store,
                            const char     *directory,
                            char          **written_path,
                            YkSnapshotInfo *info,
                            GError        **error);
/* FALSE and zeroed info when the file is not a snapshot. */
gboolean yk_store_get_snapshot_info (YkStore        *store,
                                     YkSnapshotInfo *info);
/* Without a key: whether the file's header calls it a snapshot (not
 * authenticated; for choices such as not writing beside it). */
gboolean yk_store_file_is_snapshot (const char *path);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkStore, yk_store_close)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkIdentity, yk_identity_free)

G_END_DECLS
