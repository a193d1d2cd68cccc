/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "yk-crypto-error.h"
#include "yk-keys.h"
#include "yk-page-cipher.h"
#include "yk-secret.h"

#include <string.h>

static const guint8 database_id[YK_DATABASE_ID_SIZE] = "0123456789abcdef";

typedef struct
{
  YkSecret *key;
  YkPageCipher *cipher;
  guint8 plain[YK_PAGE_SIZE];
  guint8 sealed[YK_PAGE_SIZE];
  guint8 opened[YK_PAGE_SIZE];
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->key = yk_keys_new_database_key ();
  f->cipher = yk_page_cipher_new (f->key, database_id);
  for (guint i = 0; i < YK_PAGE_SIZE; i++)
    f->plain[i] = (guint8) (i * 7 + 3);
  yk_page_cipher_seal (f->cipher, f->plain, f->sealed, 5, YK_FILE_KIND_DATABASE);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  yk_page_cipher_unref (f->cipher);
  yk_secret_free (f->key);
}

static void
test_round_trip (Fixture *f, gconstpointer data)
{
  static const guint8 zeros[YK_PAGE_RESERVE];

  /* Ciphertext shares nothing visible with the plaintext. */
  g_assert_true (memcmp (f->sealed, f->plain, YK_PAGE_PAYLOAD) != 0);
  g_assert_true (yk_page_cipher_open (f->cipher, f->sealed, f->opened, 5, YK_FILE_KIND_DATABASE));
  g_assert_cmpmem (f->opened, YK_PAGE_PAYLOAD, f->plain, YK_PAGE_PAYLOAD);
  g_assert_cmpmem (f->opened + YK_PAGE_PAYLOAD, YK_PAGE_RESERVE, zeros, YK_PAGE_RESERVE);
}

static void
test_fresh_nonce_each_seal (Fixture *f, gconstpointer data)
{
  guint8 again[YK_PAGE_SIZE];

  yk_page_cipher_seal (f->cipher, f->plain, again, 5, YK_FILE_KIND_DATABASE);
  g_assert_true (memcmp (again, f->sealed, YK_PAGE_SIZE) != 0);
  g_assert_true (memcmp (again + YK_PAGE_PAYLOAD, f->sealed + YK_PAGE_PAYLOAD, 24) != 0);
}

static void
test_bound_to_page_kind_and_database (Fixture *f, gconstpointer data)
{
  g_autoptr (YkPageCipher) other_db = NULL;
  guint8 other_id[YK_DATABASE_ID_SIZE];

  g_assert_false (yk_page_cipher_open (f->cipher, f->sealed, f->opened, 6, YK_FILE_KIND_DATABASE));
  g_assert_false (yk_page_cipher_open (f->cipher, f->sealed, f->opened, 5, YK_FILE_KIND_JOURNAL));

  memcpy (other_id, database_id, sizeof other_id);
  other_id[0] ^= 1;
  other_db = yk_page_cipher_new (f->key, other_id);
  g_assert_false (yk_page_cipher_open (other_db, f->sealed, f->opened, 5, YK_FILE_KIND_DATABASE));
}

static void
test_every_flipped_byte_fails (Fixture *f, gconstpointer data)
{
  /* Payload start, middle, end, nonce and tag. */
  static const guint offsets[] = { 0, 1000, YK_PAGE_PAYLOAD - 1, YK_PAGE_PAYLOAD, YK_PAGE_SIZE - 1 };

  for (guint i = 0; i < G_N_ELEMENTS (offsets); i++)
    {
      guint8 damaged[YK_PAGE_SIZE];

      memcpy (damaged, f->sealed, YK_PAGE_SIZE);
      damaged[offsets[i]] ^= 0x01;
      memset (f->opened, 0xee, YK_PAGE_SIZE);
      g_assert_false (yk_page_cipher_open (f->cipher, damaged, f->opened, 5, YK_FILE_KIND_DATABASE));
      /* Nothing of a forged page is handed back: libsodium zeroes it. */
      g_assert_true (memcmp (f->opened, f->plain, 16) != 0);
      g_assert_true (memcmp (f->opened, damaged, 16) != 0);
    }
}

static void
test_subkeys_are_distinct (void)
{
  g_autoptr (YkSecret) key = yk_keys_new_database_key ();
  g_autoptr (YkSecret) pages = yk_keys_derive (key, YK_SUBKEY_PAGES);
  g_autoptr (YkSecret) mac = yk_keys_derive (key, YK_SUBKEY_HEADER_MAC);
  g_autoptr (YkSecret) audit = yk_keys_derive (key, YK_SUBKEY_AUDIT);
  g_autoptr (YkSecret) pages_again = yk_keys_derive (key, YK_SUBKEY_PAGES);

  g_assert_false (yk_secret_equal (pages, mac));
  g_assert_false (yk_secret_equal (pages, audit));
  g_assert_false (yk_secret_equal (mac, audit));
  g_assert_false (yk_secret_equal (pages, key));
  g_assert_true (yk_secret_equal (pages, pages_again));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (yk_crypto_init (NULL));

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/crypto/page/round-trip", test_round_trip);
  ADD ("/crypto/page/fresh-nonce", test_fresh_nonce_each_seal);
  ADD ("/crypto/page/bound", test_bound_to_page_kind_and_database);
  ADD ("/crypto/page/flipped-byte", test_every_flipped_byte_fails);
#undef ADD
  g_test_add_func ("/crypto/keys/subkeys-distinct", test_subkeys_are_distinct);
  return g_test_run ();
}
