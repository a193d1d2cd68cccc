/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-crypto"

#include "yk-crypto-error.h"

#include <glib/gi18n.h>
#include <sodium.h>

G_DEFINE_QUARK (yk-crypto-error-quark, yk_crypto_error)

gboolean
yk_crypto_init (GError **error)
{
  /* sodium_init() is safe to call repeatedly and from several threads. */
  if (sodium_init () < 0)
    {
      g_set_error_literal (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_FAILED,
                           _("The cryptography library could not be initialised"));
      return FALSE;
    }
  return TRUE;
}
