/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "yk-crypto-error.h"
#include "yk-secret.h"

#include <string.h>

static void
test_random_secrets_differ (void)
{
  g_autoptr (YkSecret) a = yk_secret_new_random (32);
  g_autoptr (YkSecret) b = yk_secret_new_random (32);
  g_autoptr (YkSecret) a_copy = yk_secret_dup (a);

  g_assert_cmpuint (yk_secret_len (a), ==, 32);
  g_assert_false (yk_secret_equal (a, b));
  g_assert_true (yk_secret_equal (a, a_copy));
  g_assert_true (yk_secret_peek (a) != yk_secret_peek (a_copy));
}

static void
test_new_secret_is_zeroed (void)
{
  static const guint8 zeros[64] = { 0 };
  g_autoptr (YkSecret) s = yk_secret_new (64);

  g_assert_cmpmem (yk_secret_peek (s), 64, zeros, 64);
  memset (yk_secret_data (s), 0xa5, 64);
  g_assert_cmpint (yk_secret_data (s)[63], ==, 0xa5);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (yk_crypto_init (NULL));

  g_test_add_func ("/crypto/secret/random-differ", test_random_secrets_differ);
  g_test_add_func ("/crypto/secret/zeroed", test_new_secret_is_zeroed);
  return g_test_run ();
}
