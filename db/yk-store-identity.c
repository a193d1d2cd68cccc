/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-store-private.h"
#include "yk-crypto-error.h"
#include "yk-key-slot.h"
#include "yk-keys.h"
#include "yk-secret.h"
#include "yk-vfs.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

/* A person's key pair, not a file's (docs/design/file-format.md,
 * "Portable key slots"): one password unwraps the X25519 secret key from
 * one file's slot, and that key opens the sealed database key of every
 * file whose slot for the account has the same public key. */

/* Takes `secret_key`. */
YkIdentity *
_yk_identity_new (const char *account,
                  YkSecret   *secret_key)
{
  YkIdentity *identity = g_new0 (YkIdentity, 1);

  identity->account = g_strdup (account);
  identity->secret_key = secret_key;
  yk_key_slot_public_key_of (secret_key, identity->public_key);
  identity->signing_key = yk_key_slot_derive_signing_key (secret_key);
  return identity;
}

YkIdentity *
yk_identity_copy (const YkIdentity *identity)
{
  YkIdentity *copy;

  g_return_val_if_fail (identity != NULL, NULL);
  copy = g_new0 (YkIdentity, 1);
  copy->account = g_strdup (identity->account);
  memcpy (copy->public_key, identity->public_key, sizeof copy->public_key);
  copy->secret_key = yk_secret_dup (identity->secret_key);
  copy->signing_key = yk_secret_dup (identity->signing_key);
  return copy;
}

const char *
yk_identity_get_account (const YkIdentity *identity)
{
  g_return_val_if_fail (identity != NULL, NULL);
  return identity->account;
}

const guint8 *
yk_identity_get_public_key (const YkIdentity *identity)
{
  g_return_val_if_fail (identity != NULL, NULL);
  return identity->public_key;
}

/* The context keeps each use's key apart; id 1 leaves room for more
 * keys of one context. */
YkSecret *
yk_identity_derive_key (const YkIdentity *identity,
                        const char        context[8])
{
  g_return_val_if_fail (identity != NULL && context != NULL, NULL);
  return yk_keys_derive_context (identity->secret_key, 1, context);
}

void
yk_identity_free (YkIdentity *identity)
{
  if (identity == NULL)
    return;
  g_clear_pointer (&identity->secret_key, yk_secret_free);
  g_clear_pointer (&identity->signing_key, yk_secret_free);
  g_free (identity->account);
  g_free (identity);
}

void
_yk_store_set_no_slot (GError    **error,
                       const char *path,
                       const char *account)
{
  g_autofree char *name = g_path_get_basename (path);

  g_set_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_NO_SLOT,
               _("“%1$s” has no key slot for “%2$s”"), name, account);
}

gboolean
_yk_store_read_other_header (const char       *other_path,
                             const YkIdentity *identity,
                             YkHeader         *header,
                             gboolean         *authenticated,
                             GError          **error)
{
  g_autofree char *full_path = yk_vfs_full_path (other_path, error);
  g_autofree guint8 *area = g_malloc0 (YK_HEADER_AREA_SIZE);
  g_autofree YkHeader *candidates = g_new0 (YkHeader, 2);
  g_autoptr (GError) local_error = NULL;
  YkHeaderCopies copies;
  gboolean opened = FALSE;
  gsize length = 0;
  guint n;

  *authenticated = FALSE;
  if (full_path == NULL)
    return FALSE;
  if (!g_file_test (full_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_IO, _("There is no database file “%1$s”"), full_path);
      return FALSE;
    }
  if (!_yk_store_raw_file_io (full_path, FALSE, area, &length, error))
    return FALSE;
  n = yk_header_read_area (area, length, candidates, &copies, &local_error);
  if (n == 0)
    {
      g_propagate_prefixed_error (error, g_steal_pointer (&local_error), "%s: ", other_path);
      return FALSE;
    }

  for (guint i = 0; identity != NULL && i < n; i++)
    {
      int index = yk_header_find_account (&candidates[i], identity->account);
      g_autoptr (YkSecret) database_key = NULL;

      if (index < 0 || sodium_memcmp (candidates[i].slots[index].public_key, identity->public_key,
                                      YK_SLOT_PUBLIC_KEY_SIZE) != 0)
        continue;
      database_key = yk_key_slot_open_with_secret_key (&candidates[i].slots[index], identity->secret_key, NULL);
      if (database_key == NULL)
        continue;
      opened = TRUE;
      if (yk_header_verify_mac (&candidates[i], database_key))
        {
          *header = candidates[i];
          *authenticated = TRUE;
          return TRUE;
        }
    }
  /* The key opened a slot there, yet no copy is authentic: altered. */
  if (opened)
    {
      g_autofree char *name = g_path_get_basename (other_path);

      g_set_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_DAMAGED_HEADER,
                   _("The file header of “%1$s” has been altered: its key slots do not match its "
                     "database key"), name);
      return FALSE;
    }
  *header = candidates[0];
  return TRUE;
}
