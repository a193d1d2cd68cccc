/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-crypto"

#include "yk-mac.h"
#include "yk-secret.h"

#include <sodium.h>

void
yk_mac_compute (const YkSecret *key,
                const void     *data,
                gsize           len,
                guint8          mac[YK_MAC_SIZE])
{
  g_return_if_fail (yk_secret_len (key) >= crypto_generichash_KEYBYTES_MIN &&
                    yk_secret_len (key) <= crypto_generichash_KEYBYTES_MAX);

  crypto_generichash (mac, YK_MAC_SIZE, data, len, yk_secret_peek (key), yk_secret_len (key));
}

gboolean
yk_mac_verify (const YkSecret *key,
               const void     *data,
               gsize           len,
               const guint8    mac[YK_MAC_SIZE])
{
  guint8 expected[YK_MAC_SIZE];
  gboolean ok;

  yk_mac_compute (key, data, len, expected);
  ok = sodium_memcmp (expected, mac, YK_MAC_SIZE) == 0;
  sodium_memzero (expected, sizeof expected);
  return ok;
}
