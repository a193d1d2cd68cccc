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
gboolean yk_key_slot_reseal (YkKeySlot      *slot,
                             const YkSecret *database_key);
gboolean yk_password_check_strength (const char *password,
                                     GError    **error);

G_END_DECLS
