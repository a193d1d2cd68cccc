/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-crypto"

#include "yk-key-slot-private.h"
#include "yk-crypto-error.h"
#include "yk-keys.h"
#include "yk-secret.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

#define AD_SIZE (YK_DATABASE_ID_SIZE + 4 + 1 + 8 + 8 + YK_SLOT_NAME_MAX)
#define RECOVERY_CONTEXT "yukang recovery slot wrapping key"
#define SIGNING_CONTEXT "yukang audit signing key"

G_STATIC_ASSERT (YK_SLOT_WRAPPED_SIZE == crypto_box_SECRETKEYBYTES + crypto_aead_xchacha20poly1305_ietf_ABYTES);
G_STATIC_ASSERT (YK_SLOT_SEALED_SIZE == YK_KEY_SIZE + crypto_box_SEALBYTES);
G_STATIC_ASSERT (YK_SLOT_SALT_SIZE == crypto_pwhash_SALTBYTES);
G_STATIC_ASSERT (YK_SLOT_SIGN_PUBLIC_KEY_SIZE == crypto_sign_PUBLICKEYBYTES);

/* Argon2id runs, for the test that one password opens many files with
 * one derivation. */
static gint kdf_runs;

/* The slot's position, kind, KDF parameters and name are bound to the
 * wrapped secret, so none can be changed or moved without the tag failing.
 * A slot copied from another file keeps the position it was wrapped at
 * there (its origin), so it still opens here and can be copied on. */
static void
build_associated_data (const YkKeySlot *slot,
                       guint            index,
                       const guint8     database_id[YK_DATABASE_ID_SIZE],
                       guint8           ad[AD_SIZE])
{
  guint32 index_le;
  guint64 ops_le = GUINT64_TO_LE (slot->opslimit);
  guint64 mem_le = GUINT64_TO_LE (slot->memlimit);
  guint8 *p = ad;

  if (slot->has_origin)
    {
      index = slot->origin_index;
      database_id = slot->origin_database_id;
    }
  index_le = GUINT32_TO_LE (index);
  memset (ad, 0, AD_SIZE);
  memcpy (p, database_id, YK_DATABASE_ID_SIZE), p += YK_DATABASE_ID_SIZE;
  memcpy (p, &index_le, 4), p += 4;
  *p++ = (guint8) slot->kind;
  memcpy (p, &ops_le, 8), p += 8;
  memcpy (p, &mem_le, 8), p += 8;
  memcpy (p, slot->name, strnlen (slot->name, YK_SLOT_NAME_MAX));
}

static YkSecret *
derive_password_key (const YkKeySlot *slot,
                     const char      *password,
                     GError         **error)
{
  YkSecret *key = yk_secret_new (YK_KEY_SIZE);

  g_atomic_int_inc (&kdf_runs);
  if (crypto_pwhash (yk_secret_data (key), YK_KEY_SIZE, password, strlen (password), slot->salt,
                     slot->opslimit, (size_t) slot->memlimit, crypto_pwhash_ALG_ARGON2ID13) != 0)
    {
      yk_secret_free (key);
      g_set_error_literal (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_FAILED,
                           _("Not enough memory to derive the key from the password"));
      return NULL;
    }
  return key;
}

/* The recovery key has 160 random bits: a keyed BLAKE2b is enough. */
static YkSecret *
derive_recovery_key (const YkKeySlot *slot,
                     const YkSecret  *recovery_key)
{
  YkSecret *key = yk_secret_new (YK_KEY_SIZE);
  crypto_generichash_state state;

  crypto_generichash_init (&state, yk_secret_peek (recovery_key), yk_secret_len (recovery_key),
                           YK_KEY_SIZE);
  crypto_generichash_update (&state, (const guint8 *) RECOVERY_CONTEXT, strlen (RECOVERY_CONTEXT));
  crypto_generichash_update (&state, slot->salt, YK_SLOT_SALT_SIZE);
  crypto_generichash_final (&state, yk_secret_data (key), YK_KEY_SIZE);
  sodium_memzero (&state, sizeof state);
  return key;
}

/* An account's Ed25519 key pair is a function of its X25519 secret (a
 * keyed BLAKE2b with its own context as the seed): whoever can open the
 * slot can sign, and nobody else, and a version-1 slot gains one
 * without being re-made (docs/design/file-format.md). */
static YkSecret *
derive_signing_key (const YkSecret *secret_key)
{
  g_autoptr (YkSecret) seed = yk_secret_new (crypto_sign_SEEDBYTES);
  YkSecret *signing_key = yk_secret_new (crypto_sign_SECRETKEYBYTES);
  guint8 public_key[crypto_sign_PUBLICKEYBYTES];

  crypto_generichash (yk_secret_data (seed), crypto_sign_SEEDBYTES, (const guint8 *) SIGNING_CONTEXT,
                      strlen (SIGNING_CONTEXT), yk_secret_peek (secret_key), yk_secret_len (secret_key));
  crypto_sign_seed_keypair (public_key, yk_secret_data (signing_key), yk_secret_peek (seed));
  return signing_key;
}

const guint8 *
yk_signing_key_public (const YkSecret *signing_key)
{
  g_return_val_if_fail (yk_secret_len (signing_key) == crypto_sign_SECRETKEYBYTES, NULL);
  /* libsodium's Ed25519 secret key is the seed followed by the public key. */
  return yk_secret_peek (signing_key) + crypto_sign_SEEDBYTES;
}

/* Wraps `secret_key` into the slot for this file: no origin, so the
 * associated data names this file and index. */
static void
wrap_secret_key (YkKeySlot      *slot,
                 guint           index,
                 const guint8    database_id[YK_DATABASE_ID_SIZE],
                 const YkSecret *wrapping_key,
                 const YkSecret *secret_key)
{
  guint8 ad[AD_SIZE];

  slot->has_origin = FALSE;
  slot->origin_index = 0;
  memset (slot->origin_database_id, 0, sizeof slot->origin_database_id);
  build_associated_data (slot, index, database_id, ad);
  randombytes_buf (slot->wrap_nonce, sizeof slot->wrap_nonce);
  crypto_aead_xchacha20poly1305_ietf_encrypt (slot->wrapped_secret, NULL,
                                              yk_secret_peek (secret_key), crypto_box_SECRETKEYBYTES,
                                              ad, sizeof ad, NULL, slot->wrap_nonce,
                                              yk_secret_peek (wrapping_key));
}

/* Fills everything of the slot but name/kind/KDF parameters. */
static void
seal_new_key_pair (YkKeySlot      *slot,
                   guint           index,
                   const guint8    database_id[YK_DATABASE_ID_SIZE],
                   const YkSecret *wrapping_key,
                   const YkSecret *database_key,
                   YkSecret      **secret_key_out)
{
  g_autoptr (YkSecret) secret_key = yk_secret_new (crypto_box_SECRETKEYBYTES);

  crypto_box_keypair (slot->public_key, yk_secret_data (secret_key));
  wrap_secret_key (slot, index, database_id, wrapping_key, secret_key);
  crypto_box_seal (slot->sealed_key, yk_secret_peek (database_key), YK_KEY_SIZE, slot->public_key);
  /* The recovery key signs nothing: its entries count as unsigned. */
  if (slot->kind == YK_SLOT_ACCOUNT)
    {
      g_autoptr (YkSecret) signing_key = derive_signing_key (secret_key);

      memcpy (slot->sign_public_key, yk_signing_key_public (signing_key), YK_SLOT_SIGN_PUBLIC_KEY_SIZE);
    }
  if (secret_key_out != NULL)
    *secret_key_out = g_steal_pointer (&secret_key);
}

/* The slot's X25519 secret key, or NULL when the tag fails. */
static YkSecret *
unwrap_secret_key (const YkKeySlot *slot,
                   guint            index,
                   const guint8     database_id[YK_DATABASE_ID_SIZE],
                   const YkSecret  *wrapping_key)
{
  g_autoptr (YkSecret) secret_key = yk_secret_new (crypto_box_SECRETKEYBYTES);
  guint8 ad[AD_SIZE];

  build_associated_data (slot, index, database_id, ad);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt (yk_secret_data (secret_key), NULL, NULL,
                                                  slot->wrapped_secret, YK_SLOT_WRAPPED_SIZE,
                                                  ad, sizeof ad, slot->wrap_nonce,
                                                  yk_secret_peek (wrapping_key)) != 0)
    return NULL;
  return g_steal_pointer (&secret_key);
}

static YkSecret *
open_sealed_key (const YkKeySlot *slot,
                 const YkSecret  *secret_key)
{
  g_autoptr (YkSecret) database_key = yk_secret_new (YK_KEY_SIZE);

  if (crypto_box_seal_open (yk_secret_data (database_key), slot->sealed_key, YK_SLOT_SEALED_SIZE,
                            slot->public_key, yk_secret_peek (secret_key)) != 0)
    return NULL;
  return g_steal_pointer (&database_key);
}

static YkSecret *
open_with_wrapping_key (const YkKeySlot *slot,
                        guint            index,
                        const guint8     database_id[YK_DATABASE_ID_SIZE],
                        const YkSecret  *wrapping_key,
                        YkSecret       **secret_key_out,
                        YkSecret       **signing_key)
{
  g_autoptr (YkSecret) secret_key = unwrap_secret_key (slot, index, database_id, wrapping_key);
  YkSecret *database_key;

  if (secret_key == NULL)
    return NULL;
  database_key = open_sealed_key (slot, secret_key);
  if (database_key == NULL)
    return NULL;
  if (signing_key != NULL)
    *signing_key = derive_signing_key (secret_key);
  if (secret_key_out != NULL)
    *secret_key_out = g_steal_pointer (&secret_key);
  return database_key;
}

static void
set_wrong_password (GError **error)
{
  g_set_error_literal (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD,
                       _("Wrong user name or password"));
}

gboolean
yk_password_check_strength (const char *password,
                            GError    **error)
{
  if (password == NULL || g_utf8_strlen (password, -1) < YK_PASSWORD_MIN_CHARS)
    {
      g_set_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WEAK_PASSWORD,
                   _("A password needs at least %1$d characters"), YK_PASSWORD_MIN_CHARS);
      return FALSE;
    }
  return TRUE;
}

gboolean
yk_key_slot_init_account (YkKeySlot      *slot,
                          guint           index,
                          const guint8    database_id[YK_DATABASE_ID_SIZE],
                          const char     *name,
                          const char     *password,
                          YkKdfLevel      level,
                          const YkSecret *database_key,
                          GError        **error)
{
  return yk_key_slot_init_account_signing (slot, index, database_id, name, password, level, database_key,
                                           NULL, error);
}

gboolean
yk_key_slot_init_account_signing (YkKeySlot      *slot,
                                  guint           index,
                                  const guint8    database_id[YK_DATABASE_ID_SIZE],
                                  const char     *name,
                                  const char     *password,
                                  YkKdfLevel      level,
                                  const YkSecret *database_key,
                                  YkSecret      **signing_key,
                                  GError        **error)
{
  g_autoptr (YkSecret) secret_key = NULL;

  if (!yk_key_slot_init_account_secret (slot, index, database_id, name, password, level, database_key,
                                        &secret_key, error))
    return FALSE;
  if (signing_key != NULL)
    *signing_key = derive_signing_key (secret_key);
  return TRUE;
}

gboolean
yk_key_slot_init_account_secret (YkKeySlot      *slot,
                                 guint           index,
                                 const guint8    database_id[YK_DATABASE_ID_SIZE],
                                 const char     *name,
                                 const char     *password,
                                 YkKdfLevel      level,
                                 const YkSecret *database_key,
                                 YkSecret      **secret_key,
                                 GError        **error)
{
  g_autoptr (YkSecret) wrapping_key = NULL;

  g_return_val_if_fail (name != NULL && *name != '\0', FALSE);
  if (strlen (name) > YK_SLOT_NAME_MAX || !g_utf8_validate (name, -1, NULL))
    {
      g_set_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_FAILED,
                   _("A user name can have at most %1$d bytes"), YK_SLOT_NAME_MAX);
      return FALSE;
    }
  if (!yk_password_check_strength (password, error))
    return FALSE;

  memset (slot, 0, sizeof *slot);
  slot->kind = YK_SLOT_ACCOUNT;
  g_strlcpy (slot->name, name, sizeof slot->name);
  yk_kdf_level_limits (level, &slot->opslimit, &slot->memlimit);
  randombytes_buf (slot->salt, sizeof slot->salt);

  wrapping_key = derive_password_key (slot, password, error);
  if (wrapping_key == NULL)
    return FALSE;
  seal_new_key_pair (slot, index, database_id, wrapping_key, database_key, secret_key);
  return TRUE;
}

gboolean
yk_key_slot_init_recovery (YkKeySlot      *slot,
                           guint           index,
                           const guint8    database_id[YK_DATABASE_ID_SIZE],
                           const YkSecret *recovery_key,
                           const YkSecret *database_key,
                           GError        **error)
{
  g_autoptr (YkSecret) wrapping_key = NULL;

  memset (slot, 0, sizeof *slot);
  slot->kind = YK_SLOT_RECOVERY;
  randombytes_buf (slot->salt, sizeof slot->salt);
  wrapping_key = derive_recovery_key (slot, recovery_key);
  seal_new_key_pair (slot, index, database_id, wrapping_key, database_key, NULL);
  return TRUE;
}

YkSecret *
yk_key_slot_open_with_password (const YkKeySlot *slot,
                                guint            index,
                                const guint8     database_id[YK_DATABASE_ID_SIZE],
                                const char      *password,
                                GError         **error)
{
  return yk_key_slot_open_with_password_signing (slot, index, database_id, password, NULL, error);
}

/* Argon2id, then the slot: the database key, and on request the slot's
 * X25519 secret key and the signing key derived from it. */
static YkSecret *
open_with_password (const YkKeySlot *slot,
                    guint            index,
                    const guint8     database_id[YK_DATABASE_ID_SIZE],
                    const char      *password,
                    YkSecret       **secret_key,
                    YkSecret       **signing_key,
                    GError         **error)
{
  g_autoptr (YkSecret) wrapping_key = NULL;
  YkSecret *database_key;

  g_return_val_if_fail (slot->kind == YK_SLOT_ACCOUNT, NULL);

  if (!yk_kdf_limits_check (slot->opslimit, slot->memlimit, error))
    return NULL;
  wrapping_key = derive_password_key (slot, password, error);
  if (wrapping_key == NULL)
    return NULL;
  database_key = open_with_wrapping_key (slot, index, database_id, wrapping_key, secret_key, signing_key);
  if (database_key == NULL)
    set_wrong_password (error);
  return database_key;
}

YkSecret *
yk_key_slot_open_with_password_signing (const YkKeySlot *slot,
                                        guint            index,
                                        const guint8     database_id[YK_DATABASE_ID_SIZE],
                                        const char      *password,
                                        YkSecret       **signing_key,
                                        GError         **error)
{
  return open_with_password (slot, index, database_id, password, NULL, signing_key, error);
}

YkSecret *
yk_key_slot_open_with_recovery (const YkKeySlot *slot,
                                guint            index,
                                const guint8     database_id[YK_DATABASE_ID_SIZE],
                                const YkSecret  *recovery_key,
                                GError         **error)
{
  g_autoptr (YkSecret) wrapping_key = NULL;
  YkSecret *database_key;

  g_return_val_if_fail (slot->kind == YK_SLOT_RECOVERY, NULL);

  wrapping_key = derive_recovery_key (slot, recovery_key);
  database_key = open_with_wrapping_key (slot, index, database_id, wrapping_key, NULL, NULL);
  if (database_key == NULL)
    g_set_error_literal (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD,
                         _("This recovery key does not unlock this database"));
  return database_key;
}

/* Key rotation: the new database key is sealed to the slot's public key,
 * which needs no password. */
gboolean
yk_key_slot_reseal (YkKeySlot      *slot,
                    const YkSecret *database_key)
{
  g_return_val_if_fail (slot->kind != YK_SLOT_EMPTY, FALSE);
  return crypto_box_seal (slot->sealed_key, yk_secret_peek (database_key), YK_KEY_SIZE,
                          slot->public_key) == 0;
}

YkSecret *
yk_key_slot_open_with_password_secret (const YkKeySlot *slot,
                                       guint            index,
                                       const guint8     database_id[YK_DATABASE_ID_SIZE],
                                       const char      *password,
                                       YkSecret       **secret_key,
                                       GError         **error)
{
  g_return_val_if_fail (secret_key != NULL, NULL);
  return open_with_password (slot, index, database_id, password, secret_key, NULL, error);
}

/* No key derivation: the secret key was unwrapped once, from this file's
 * slot or another's for the same key pair. */
YkSecret *
yk_key_slot_open_with_secret_key (const YkKeySlot *slot,
                                  const YkSecret  *secret_key,
                                  GError         **error)
{
  guint8 public_key[crypto_box_PUBLICKEYBYTES];
  YkSecret *database_key = NULL;

  g_return_val_if_fail (slot->kind == YK_SLOT_ACCOUNT, NULL);
  g_return_val_if_fail (yk_secret_len (secret_key) == crypto_box_SECRETKEYBYTES, NULL);

  if (crypto_scalarmult_base (public_key, yk_secret_peek (secret_key)) == 0 &&
      sodium_memcmp (public_key, slot->public_key, sizeof public_key) == 0)
    database_key = open_sealed_key (slot, secret_key);
  if (database_key == NULL)
    g_set_error_literal (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_NO_SLOT,
                         _("This key slot was made for another key pair"));
  return database_key;
}

gboolean
yk_key_slot_public_key_of (const YkSecret *secret_key,
                           guint8          public_key[YK_SLOT_PUBLIC_KEY_SIZE])
{
  g_return_val_if_fail (yk_secret_len (secret_key) == crypto_box_SECRETKEYBYTES, FALSE);
  return crypto_scalarmult_base (public_key, yk_secret_peek (secret_key)) == 0;
}

YkSecret *
yk_key_slot_derive_signing_key (const YkSecret *secret_key)
{
  g_return_val_if_fail (yk_secret_len (secret_key) == crypto_box_SECRETKEYBYTES, NULL);
  return derive_signing_key (secret_key);
}

/* The slot goes as it is: the wrapped secret cannot be wrapped again
 * without the password, so the associated data it was wrapped with
 * travels with it as the origin (the source's own origin when it has
 * one). Only the database key sealed to the public key is this file's. */
gboolean
yk_key_slot_copy (YkKeySlot       *slot,
                  const YkKeySlot *source,
                  guint            source_index,
                  const guint8     source_database_id[YK_DATABASE_ID_SIZE],
                  const YkSecret  *database_key,
                  GError         **error)
{
  g_return_val_if_fail (source != slot, FALSE);

  if (source->kind != YK_SLOT_ACCOUNT)
    {
      g_set_error_literal (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_FAILED,
                           _("Only an account’s key slot can be copied to another file"));
      return FALSE;
    }
  if (!yk_kdf_limits_check (source->opslimit, source->memlimit, error))
    return FALSE;
  *slot = *source;
  if (!source->has_origin)
    {
      slot->has_origin = TRUE;
      slot->origin_index = source_index;
      memcpy (slot->origin_database_id, source_database_id, YK_DATABASE_ID_SIZE);
    }
  if (crypto_box_seal (slot->sealed_key, yk_secret_peek (database_key), YK_KEY_SIZE, slot->public_key) != 0)
    {
      g_set_error_literal (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_FAILED,
                           _("The database key could not be sealed to the copied key slot"));
      return FALSE;
    }
  return TRUE;
}

/* Same key pair, new password: a new salt and nonce, wrapped for this
 * file (no origin any more). The sealed database key and the signing
 * key stay as they are. */
gboolean
yk_key_slot_rewrap (YkKeySlot      *slot,
                    guint           index,
                    const guint8    database_id[YK_DATABASE_ID_SIZE],
                    const YkSecret *secret_key,
                    const char     *password,
                    YkKdfLevel      level,
                    GError        **error)
{
  g_autoptr (YkSecret) wrapping_key = NULL;
  guint8 public_key[YK_SLOT_PUBLIC_KEY_SIZE];

  g_return_val_if_fail (slot->kind == YK_SLOT_ACCOUNT, FALSE);
  if (!yk_password_check_strength (password, error))
    return FALSE;
  if (!yk_key_slot_public_key_of (secret_key, public_key) ||
      sodium_memcmp (public_key, slot->public_key, sizeof public_key) != 0)
    {
      g_set_error_literal (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_NO_SLOT,
                           _("This key slot was made for another key pair"));
      return FALSE;
    }
  yk_kdf_level_limits (level, &slot->opslimit, &slot->memlimit);
  randombytes_buf (slot->salt, sizeof slot->salt);
  wrapping_key = derive_password_key (slot, password, error);
  if (wrapping_key == NULL)
    return FALSE;
  wrap_secret_key (slot, index, database_id, wrapping_key, secret_key);
  return TRUE;
}

guint
_yk_key_slot_kdf_runs (void)
{
  return (guint) g_atomic_int_get (&kdf_runs);
}
