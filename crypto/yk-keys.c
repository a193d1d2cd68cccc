/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-crypto"

#include "yk-keys.h"
#include "yk-crypto-error.h"
#include "yk-secret.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

/* Above this an attacker-edited slot could make unlocking eat all memory. */
#define MAX_MEMLIMIT (G_GUINT64_CONSTANT (4) * 1024 * 1024 * 1024)
#define MAX_OPSLIMIT 64

YkSecret *
yk_keys_new_database_key (void)
{
  return yk_secret_new_random (YK_KEY_SIZE);
}

YkSecret *
yk_keys_derive (const YkSecret *database_key,
                YkSubkey        which)
{
  /* crypto_kdf contexts are exactly 8 characters. */
  static const char *contexts[] = {
    [YK_SUBKEY_PAGES] = "YkPages_",
    [YK_SUBKEY_HEADER_MAC] = "YkHeadMc",
    [YK_SUBKEY_AUDIT] = "YkAudit_",
    [YK_SUBKEY_JOURNAL] = "YkJournl",
  };
  YkSecret *subkey = yk_secret_new (YK_KEY_SIZE);

  g_return_val_if_fail (yk_secret_len (database_key) == crypto_kdf_KEYBYTES, NULL);
  g_return_val_if_fail (which >= YK_SUBKEY_PAGES && which <= YK_SUBKEY_JOURNAL, NULL);

  crypto_kdf_derive_from_key (yk_secret_data (subkey), YK_KEY_SIZE, which,
                              contexts[which], yk_secret_peek (database_key));
  return subkey;
}

G_STATIC_ASSERT (crypto_kdf_CONTEXTBYTES == 8);

/* A key of a purpose outside the database (a coordinator's own state
 * files): crypto_kdf from any 32-byte secret, such as an account's X25519
 * secret key, with the caller's 8-character context. */
YkSecret *
yk_keys_derive_context (const YkSecret *key,
                        guint64         id,
                        const char      context[8])
{
  YkSecret *subkey = yk_secret_new (YK_KEY_SIZE);

  g_return_val_if_fail (yk_secret_len (key) == crypto_kdf_KEYBYTES, NULL);
  crypto_kdf_derive_from_key (yk_secret_data (subkey), YK_KEY_SIZE, id, context, yk_secret_peek (key));
  return subkey;
}

gboolean
yk_kdf_level_parse (const char *name,
                    YkKdfLevel *level)
{
  if (g_strcmp0 (name, "interactive") == 0)
    *level = YK_KDF_INTERACTIVE;
  else if (g_strcmp0 (name, "moderate") == 0)
    *level = YK_KDF_MODERATE;
  else if (g_strcmp0 (name, "sensitive") == 0)
    *level = YK_KDF_SENSITIVE;
  else
    return FALSE;
  return TRUE;
}

void
yk_kdf_level_limits (YkKdfLevel level,
                     guint64   *opslimit,
                     guint64   *memlimit)
{
  switch (level)
    {
    case YK_KDF_INTERACTIVE:
      *opslimit = crypto_pwhash_OPSLIMIT_INTERACTIVE;
      *memlimit = crypto_pwhash_MEMLIMIT_INTERACTIVE;
      break;
    case YK_KDF_SENSITIVE:
      *opslimit = crypto_pwhash_OPSLIMIT_SENSITIVE;
      *memlimit = crypto_pwhash_MEMLIMIT_SENSITIVE;
      break;
    case YK_KDF_MODERATE:
    default:
      *opslimit = crypto_pwhash_OPSLIMIT_MODERATE;
      *memlimit = crypto_pwhash_MEMLIMIT_MODERATE;
      break;
    }
}

/* No downgrade: a slot whose parameters were lowered below "interactive"
 * (by an attacker editing the file, or an old tool) is refused. */
gboolean
yk_kdf_limits_check (guint64 opslimit,
                     guint64 memlimit,
                     GError **error)
{
  if (opslimit < crypto_pwhash_OPSLIMIT_INTERACTIVE || memlimit < crypto_pwhash_MEMLIMIT_INTERACTIVE)
    {
      g_set_error_literal (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WEAK_KDF,
                           _("This account’s key is protected by a weaker key derivation than "
                             "Yukang accepts; it is refused"));
      return FALSE;
    }
  if (opslimit > MAX_OPSLIMIT || memlimit > MAX_MEMLIMIT)
    {
      g_set_error_literal (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_DAMAGED_HEADER,
                           _("This account’s key derivation parameters are out of range; "
                             "the file header is damaged"));
      return FALSE;
    }
  return TRUE;
}
