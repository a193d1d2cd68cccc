/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-crypto-types.h"
#include "yk-db-error.h"

#include <sqlite3.h>

G_BEGIN_DECLS

/* An unlocked encrypted database: its keys, in locked memory, and its
 * connections. The only way the rest of Yukang opens SQLite. Key
 * derivation runs in the calling thread; the window calls these from a
 * worker. */
typedef struct _YkStore YkStore;

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
void yk_store_close (YkStore *store);

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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkStore, yk_store_close)

G_END_DECLS
