/* SPDX-License-Identifier: GPL-3.0-or-later */
/* TEMPORARY: replaced by the keys branch at merge (see the header). Made
 * of what exists today: the identity keeps the account and the password
 * (in locked memory) and unlocks each file with them again, one
 * Argon2id per file; no file is a snapshot yet. */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-district-standin.h"
#include "yk-secret.h"

#include <sodium.h>
#include <string.h>

struct _YkIdentity
{
  char *account;
  YkSecret *password; /* NUL-terminated */
};

YkStore *
yk_store_unlock_identity (const char  *path,
                          const char  *account,
                          const char  *password,
                          YkIdentity **identity,
                          GError     **error)
{
  YkStore *store = yk_store_unlock (path, account, password, error);
  YkIdentity *made;
  gsize len;

  if (store == NULL)
    return NULL;
  len = strlen (password);
  made = g_new0 (YkIdentity, 1);
  made->account = g_strdup (account);
  made->password = yk_secret_new (len + 1);
  memcpy (yk_secret_data (made->password), password, len + 1);
  *identity = made;
  return store;
}

YkStore *
yk_store_open_with_identity (const char       *path,
                             const YkIdentity *identity,
                             GError          **error)
{
  return yk_store_unlock (path, identity->account, (const char *) yk_secret_peek (identity->password), error);
}

YkSecret *
yk_identity_derive_key (const YkIdentity *identity,
                        const char        context[8])
{
  YkSecret *key = yk_secret_new (crypto_generichash_BYTES);
  crypto_generichash_state state;

  crypto_generichash_init (&state, NULL, 0, crypto_generichash_BYTES);
  crypto_generichash_update (&state, (const guint8 *) context, 8);
  crypto_generichash_update (&state, yk_secret_peek (identity->password), yk_secret_len (identity->password) - 1);
  crypto_generichash_final (&state, yk_secret_data (key), crypto_generichash_BYTES);
  sodium_memzero (&state, sizeof state);
  return key;
}

void
yk_identity_free (YkIdentity *identity)
{
  if (identity == NULL)
    return;
  g_free (identity->account);
  yk_secret_free (identity->password);
  g_free (identity);
}

gboolean
yk_store_get_snapshot_info (YkStore        *store,
                            YkSnapshotInfo *info)
{
  memset (info, 0, sizeof *info);
  return FALSE;
}
