/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-crypto"

#include "yk-page-cipher.h"
#include "yk-journal-header.h"
#include "yk-keys.h"
#include "yk-secret.h"

#include <sodium.h>
#include <string.h>

#define NONCE_SIZE crypto_aead_xchacha20poly1305_ietf_NPUBBYTES
#define TAG_SIZE crypto_aead_xchacha20poly1305_ietf_ABYTES
#define AD_SIZE (YK_DATABASE_ID_SIZE + 8 + 1 + 4)

G_STATIC_ASSERT (NONCE_SIZE + TAG_SIZE == YK_PAGE_RESERVE);

struct _YkPageCipher
{
  gint ref_count;
  YkSecret *page_key;
  YkJournalKey *journal_key;
  guint8 database_id[YK_DATABASE_ID_SIZE];
};

static void
build_associated_data (const YkPageCipher *cipher,
                       guint64             page_number,
                       YkFileKind          kind,
                       guint8              ad[AD_SIZE])
{
  guint64 number_le = GUINT64_TO_LE (page_number);
  guint32 version_le = GUINT32_TO_LE (YK_FORMAT_VERSION);

  memcpy (ad, cipher->database_id, YK_DATABASE_ID_SIZE);
  memcpy (ad + YK_DATABASE_ID_SIZE, &number_le, 8);
  ad[YK_DATABASE_ID_SIZE + 8] = (guint8) kind;
  memcpy (ad + YK_DATABASE_ID_SIZE + 9, &version_le, 4);
}

YkPageCipher *
yk_page_cipher_new (const YkSecret *database_key,
                    const guint8    database_id[YK_DATABASE_ID_SIZE])
{
  YkPageCipher *cipher = g_new0 (YkPageCipher, 1);

  cipher->ref_count = 1;
  cipher->page_key = yk_keys_derive (database_key, YK_SUBKEY_PAGES);
  cipher->journal_key = yk_journal_key_new (database_key, database_id);
  memcpy (cipher->database_id, database_id, YK_DATABASE_ID_SIZE);
  return cipher;
}

YkPageCipher *
yk_page_cipher_ref (YkPageCipher *cipher)
{
  g_atomic_int_inc (&cipher->ref_count);
  return cipher;
}

void
yk_page_cipher_unref (YkPageCipher *cipher)
{
  if (cipher == NULL || !g_atomic_int_dec_and_test (&cipher->ref_count))
    return;
  yk_secret_free (cipher->page_key);
  yk_journal_key_unref (cipher->journal_key);
  g_free (cipher);
}

/* The journal's own key travels with the page cipher, so whoever can
 * seal a database's pages can also seal its journal headers. */
YkJournalKey *
yk_page_cipher_get_journal_key (YkPageCipher *cipher)
{
  return cipher->journal_key;
}

void
yk_page_cipher_seal (YkPageCipher *cipher,
                     const guint8 *plain,
                     guint8       *sealed,
                     guint64       page_number,
                     YkFileKind    kind)
{
  guint8 ad[AD_SIZE];
  guint8 *nonce = sealed + YK_PAGE_PAYLOAD;
  guint8 *tag = nonce + NONCE_SIZE;

  build_associated_data (cipher, page_number, kind, ad);
  randombytes_buf (nonce, NONCE_SIZE);
  crypto_aead_xchacha20poly1305_ietf_encrypt_detached (sealed, tag, NULL, plain, YK_PAGE_PAYLOAD,
                                                       ad, sizeof ad, NULL, nonce,
                                                       yk_secret_peek (cipher->page_key));
}

/* Authenticates before it decrypts: on failure libsodium zeroes the
 * payload of plain (no forged byte is ever handed back; opened in place,
 * the ciphertext is gone too), and the caller reports the page as
 * damaged. */
gboolean
yk_page_cipher_open (YkPageCipher *cipher,
                     const guint8 *sealed,
                     guint8       *plain,
                     guint64       page_number,
                     YkFileKind    kind)
{
  guint8 ad[AD_SIZE];
  const guint8 *nonce = sealed + YK_PAGE_PAYLOAD;
  const guint8 *tag = nonce + NONCE_SIZE;

  build_associated_data (cipher, page_number, kind, ad);
  if (crypto_aead_xchacha20poly1305_ietf_decrypt_detached (plain, NULL, sealed, YK_PAGE_PAYLOAD,
                                                           tag, ad, sizeof ad, nonce,
                                                           yk_secret_peek (cipher->page_key)) != 0)
    return FALSE;
  /* SQLite never reads the reserved bytes; hand back zeros, not ciphertext. */
  memset (plain + YK_PAGE_PAYLOAD, 0, YK_PAGE_RESERVE);
  return TRUE;
}
