/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-header.h"

G_BEGIN_DECLS

#define YK_PASSWORD_MIN_CHARS 10

/* A key slot gives one account (or the recovery key) the database key:
 * its own X25519 key pair, the secret key wrapped under a key derived
 * from the password, the database key sealed to the public key. */
gboolean yk_key_slot_init_account (YkKeySlot      *slot,
                                   guint           index,
                                   const guint8    database_id[YK_DATABASE_ID_SIZE],
                                   const char     *name,
                                   const char     *password,
                                   YkKdfLevel      level,
                                   const YkSecret *database_key,
                                   GError        **error);
/* The same, also giving the account's signing key (below). */
gboolean yk_key_slot_init_account_signing (YkKeySlot      *slot,
                                           guint           index,
                                           const guint8    database_id[YK_DATABASE_ID_SIZE],
                                           const char     *name,
                                           const char     *password,
                                           YkKdfLevel      level,
                                           const YkSecret *database_key,
                                           YkSecret      **signing_key,
                                           GError        **error);
/* The same, also giving the slot's X25519 secret key. */
gboolean yk_key_slot_init_account_secret (YkKeySlot      *slot,
                                          guint           index,
                                          const guint8    database_id[YK_DATABASE_ID_SIZE],
                                          const char     *name,
                                          const char     *password,
                                          YkKdfLevel      level,
                                          const YkSecret *database_key,
                                          YkSecret      **secret_key,
                                          GError        **error);
gboolean yk_key_slot_init_recovery (YkKeySlot      *slot,
                                    guint           index,
                                    const guint8    database_id[YK_DATABASE_ID_SIZE],
                                    const YkSecret *recovery_key,
                                    const YkSecret *database_key,
                                    GError        **error);
YkSecret *yk_key_slot_open_with_password (const YkKeySlot *slot,
                                          guint            index,
                                          const guint8     database_id[YK_DATABASE_ID_SIZE],
                                          const char      *password,
                                          GError         **error);
YkSecret *yk_key_slot_open_with_recovery (const YkKeySlot *slot,
                                          guint            index,
                                          const guint8     database_id[YK_DATABASE_ID_SIZE],
                                          const YkSecret  *recovery_key,
                                          GError         **error);
/* The same, also giving the account's Ed25519 signing key (64 bytes,
 * libsodium's secret key: seed then public key), derived from the
 * slot's X25519 secret so it needs no room of its own in the file. */
YkSecret *yk_key_slot_open_with_password_signing (const YkKeySlot *slot,
                                                  guint            index,
                                                  const guint8     database_id[YK_DATABASE_ID_SIZE],
                                                  const char      *password,
                                                  YkSecret       **signing_key,
                                                  GError         **error);
/* The public half of a signing key, as a slot and the audit trail keep it. */
const guint8 *yk_signing_key_public (const YkSecret *signing_key);
/* One password for many files (docs/design/file-format.md, "Portable key
 * slots"): the same as yk_key_slot_open_with_password(), also giving the
 * slot's X25519 secret key, which then opens the slot of every other file
 * made for the same key pair with no key derivation at all. */
YkSecret *yk_key_slot_open_with_password_secret (const YkKeySlot *slot,
                                                 guint            index,
                                                 const guint8     database_id[YK_DATABASE_ID_SIZE],
                                                 const char      *password,
                                                 YkSecret       **secret_key,
                                                 GError         **error);
/* YK_CRYPTO_ERROR_NO_SLOT when the slot is for another key pair. */
YkSecret *yk_key_slot_open_with_secret_key (const YkKeySlot *slot,
                                            const YkSecret  *secret_key,
                                            GError         **error);
gboolean yk_key_slot_public_key_of (const YkSecret *secret_key,
                                    guint8          public_key[YK_SLOT_PUBLIC_KEY_SIZE]);
YkSecret *yk_key_slot_derive_signing_key (const YkSecret *secret_key);
/* `source`, slot `source_index` of the file `source_database_id`, made a
 * slot of another file whose key is `database_key`: same key pair and
 * wrapped secret (its origin says where it was wrapped), that file's
 * database key sealed to it. Needs no password. */
gboolean yk_key_slot_copy (YkKeySlot       *slot,
                           const YkKeySlot *source,
                           guint            source_index,
                           const guint8     source_database_id[YK_DATABASE_ID_SIZE],
                           const YkSecret  *database_key,
                           GError         **error);
/* A new password for the same key pair, wrapped for this file. */
gboolean yk_key_slot_rewrap (YkKeySlot      *slot,
                             guint           index,
                             const guint8    database_id[YK_DATABASE_ID_SIZE],
                             const YkSecret *secret_key,
                             const char     *password,
                             YkKdfLevel      level,
                             GError        **error);
gboolean yk_key_slot_reseal (YkKeySlot      *slot,
                             const YkSecret *database_key);
gboolean yk_password_check_strength (const char *password,
                                     GError    **error);

G_END_DECLS
