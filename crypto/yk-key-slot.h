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
gboolean yk_key_slot_reseal (YkKeySlot      *slot,
                             const YkSecret *database_key);
gboolean yk_password_check_strength (const char *password,
                                     GError    **error);

G_END_DECLS
