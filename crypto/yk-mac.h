/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-crypto-types.h"

G_BEGIN_DECLS

/* Keyed BLAKE2b over a small file's bytes (the district view's record of
 * snapshots shown, app/yk-district.c). The key is 16 to 64 bytes. */
#define YK_MAC_SIZE 32

void yk_mac_compute (const YkSecret *key,
                     const void     *data,
                     gsize           len,
                     guint8          mac[YK_MAC_SIZE]);
/* In constant time. */
gboolean yk_mac_verify (const YkSecret *key,
                        const void     *data,
                        gsize           len,
                        const guint8    mac[YK_MAC_SIZE]);

G_END_DECLS
