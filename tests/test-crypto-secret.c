/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "yk-crypto-error.h"
#include "yk-secret.h"
#include "yk-secret-private.h"

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
}

/* What a freed secret leaves in its buffer, seen before the buffer goes. */
static guint8 left_behind[64];
static gsize left_behind_len;
static const guint8 *released;

static void
observe_release (guint8 *bytes, gsize len)
{
  g_assert_cmpuint (len, <=, sizeof left_behind);
  memcpy (left_behind, bytes, len);
  left_behind_len = len;
  released = bytes;
  _yk_secret_release (bytes, len);
}

static void
test_free_wipes (void)
{
  static const guint8 zeros[48] = { 0 };
  YkSecret *key = yk_secret_new_random (48);
  YkSecret *copy = yk_secret_dup (key);
  const guint8 *where = yk_secret_peek (copy);

  memset (yk_secret_data (copy), 0xa5, 48);
  _yk_secret_set_release_func (observe_release);
  yk_secret_free (copy);
  yk_secret_free (NULL);
  _yk_secret_set_release_func (NULL);

  g_assert_true (released == where);
  g_assert_cmpmem (left_behind, left_behind_len, zeros, sizeof zeros);
  yk_secret_free (key);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (yk_crypto_init (NULL));

  g_test_add_func ("/crypto/secret/random-differ", test_random_secrets_differ);
  g_test_add_func ("/crypto/secret/zeroed", test_new_secret_is_zeroed);
  g_test_add_func ("/crypto/secret/free-wipes", test_free_wipes);
  return g_test_run ();
}
