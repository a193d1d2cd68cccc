/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "yk-crypto-error.h"
#include "yk-header.h"
#include "yk-key-slot-private.h"
#include "yk-keys.h"
#include "yk-recovery-key.h"
#include "yk-secret.h"

#include <sodium.h>
#include <string.h>

#define PASSWORD "correct horse battery"

typedef struct
{
  YkSecret *database_key;
  YkHeader header;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->database_key = yk_keys_new_database_key ();
  yk_header_init (&f->header);
  g_assert_true (yk_key_slot_init_account (&f->header.slots[0], 0, f->header.database_id, "wang",
                                           PASSWORD, YK_KDF_INTERACTIVE, f->database_key, &error));
  g_assert_no_error (error);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  yk_secret_free (f->database_key);
}

static void
test_password_opens_slot (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSecret) key = yk_key_slot_open_with_password (&f->header.slots[0], 0,
                                                             f->header.database_id, PASSWORD, &error);

  g_assert_no_error (error);
  g_assert_true (yk_secret_equal (key, f->database_key));
}

static void
test_wrong_password_says_only_that (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSecret) key = yk_key_slot_open_with_password (&f->header.slots[0], 0,
                                                             f->header.database_id,
                                                             "correct horse batterY", &error);

  g_assert_null (key);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
  g_assert_cmpstr (error->message, ==, "Wrong user name or password");
}

static void
test_slot_bound_to_position_and_name (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSecret) moved = NULL;
  g_autoptr (YkSecret) renamed = NULL;
  YkKeySlot slot = f->header.slots[0];

  moved = yk_key_slot_open_with_password (&slot, 3, f->header.database_id, PASSWORD, &error);
  g_assert_null (moved);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);

  g_strlcpy (slot.name, "li", sizeof slot.name);
  renamed = yk_key_slot_open_with_password (&slot, 0, f->header.database_id, PASSWORD, &error);
  g_assert_null (renamed);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
}

static void
test_kdf_below_floor_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSecret) key = NULL;
  YkKeySlot slot = f->header.slots[0];

  slot.opslimit = crypto_pwhash_OPSLIMIT_MIN;
  slot.memlimit = crypto_pwhash_MEMLIMIT_MIN;
  key = yk_key_slot_open_with_password (&slot, 0, f->header.database_id, PASSWORD, &error);
  g_assert_null (key);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WEAK_KDF);
}

static void
test_short_password_refused (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkKeySlot slot;

  g_assert_false (yk_key_slot_init_account (&slot, 1, f->header.database_id, "li", "short",
                                            YK_KDF_INTERACTIVE, f->database_key, &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WEAK_PASSWORD);
}

static void
test_reseal_gives_new_key_without_password (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSecret) new_key = yk_keys_new_database_key ();
  g_autoptr (YkSecret) opened = NULL;

  g_assert_true (yk_key_slot_reseal (&f->header.slots[0], new_key));
  opened = yk_key_slot_open_with_password (&f->header.slots[0], 0, f->header.database_id,
                                           PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (yk_secret_equal (opened, new_key));
}

static void
test_recovery_slot (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSecret) recovery = yk_recovery_key_generate ();
  g_autoptr (YkSecret) other = yk_recovery_key_generate ();
  g_autoptr (YkSecret) key = NULL;
  g_autoptr (YkSecret) wrong = NULL;

  g_assert_true (yk_key_slot_init_recovery (&f->header.slots[1], 1, f->header.database_id,
                                            recovery, f->database_key, &error));
  key = yk_key_slot_open_with_recovery (&f->header.slots[1], 1, f->header.database_id, recovery, &error);
  g_assert_no_error (error);
  g_assert_true (yk_secret_equal (key, f->database_key));

  wrong = yk_key_slot_open_with_recovery (&f->header.slots[1], 1, f->header.database_id, other, &error);
  g_assert_null (wrong);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
}

static void
test_recovery_key_text (void)
{
  g_autoptr (YkSecret) key = yk_recovery_key_generate ();
  g_autofree char *text = yk_recovery_key_format (key);
  g_autofree char *sloppy = NULL;
  g_autoptr (YkSecret) parsed = NULL;
  g_autoptr (YkSecret) parsed_sloppy = NULL;
  g_autoptr (GError) error = NULL;

  /* 36 symbols in 9 groups of four. */
  g_assert_cmpuint (strlen (text), ==, 44);
  for (guint i = 4; i < 44; i += 5)
    g_assert_cmpint (text[i], ==, '-');

  parsed = yk_recovery_key_parse (text, &error);
  g_assert_no_error (error);
  g_assert_true (yk_secret_equal (parsed, key));

  /* Lower case, spaces instead of dashes, O for 0 and l for 1 still work. */
  sloppy = g_ascii_strdown (text, -1);
  for (char *p = sloppy; *p; p++)
    if (*p == '-')
      *p = ' ';
    else if (*p == '0')
      *p = 'o';
    else if (*p == '1')
      *p = 'l';
  parsed_sloppy = yk_recovery_key_parse (sloppy, &error);
  g_assert_no_error (error);
  g_assert_true (yk_secret_equal (parsed_sloppy, key));
}

static void
test_recovery_key_typo_is_a_typo (void)
{
  g_autoptr (YkSecret) key = yk_secret_new (YK_RECOVERY_KEY_BYTES);
  g_autofree char *text = NULL;
  guint caught = 0, tried = 0;

  /* A fixed key keeps the test deterministic. */
  for (guint i = 0; i < YK_RECOVERY_KEY_BYTES; i++)
    yk_secret_data (key)[i] = (guint8) (i * 37 + 11);
  text = yk_recovery_key_format (key);

  /* Every single-character substitution at every position is caught
   * (the weighted sum in the checksum guarantees it for any key). */
  for (guint i = 0; text[i]; i++)
    {
      char saved = text[i];

      if (saved == '-')
        continue;
      for (const char *c = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"; *c; c++)
        {
          g_autoptr (GError) error = NULL;
          g_autoptr (YkSecret) parsed = NULL;

          if (*c == saved)
            continue;
          text[i] = *c;
          parsed = yk_recovery_key_parse (text, &error);
          tried++;
          if (parsed == NULL && g_error_matches (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_RECOVERY_KEY_TYPO))
            caught++;
        }
      text[i] = saved;
    }
  g_assert_cmpuint (tried, ==, 36 * 31);
  g_assert_cmpuint (caught, ==, tried);

  /* And every swap of two neighbouring characters. */
  for (guint i = 0; text[i + 1]; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (YkSecret) parsed = NULL;
      g_autofree char *swapped = g_strdup (text);
      char c = swapped[i];

      if (c == '-' || swapped[i + 1] == '-' || c == swapped[i + 1])
        continue;
      swapped[i] = swapped[i + 1];
      swapped[i + 1] = c;
      parsed = yk_recovery_key_parse (swapped, &error);
      g_assert_null (parsed);
      g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_RECOVERY_KEY_TYPO);
    }
}

static void
test_recovery_key_look_alikes (void)
{
  g_autoptr (YkSecret) key = yk_secret_new (YK_RECOVERY_KEY_BYTES);
  g_autofree char *text = NULL;
  const char *look_alikes[] = { "ı", "ſ", "Ｉ", "０" };

  for (guint i = 0; i < YK_RECOVERY_KEY_BYTES; i++)
    yk_secret_data (key)[i] = (guint8) (i * 11 + 5);
  text = yk_recovery_key_format (key);

  /* Put each look-alike where a 1, S, I or 0 of the key could be read. */
  for (guint i = 0; i < G_N_ELEMENTS (look_alikes); i++)
    {
      g_autoptr (GError) error = NULL;
      g_autofree char *typed = g_strdup_printf ("%.5s%s%s", text, look_alikes[i], text + 6);
      g_autoptr (YkSecret) parsed = yk_recovery_key_parse (typed, &error);

      g_assert_null (parsed);
      g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_RECOVERY_KEY_TYPO);
    }
}

static void
test_recovery_key_bad_shapes (void)
{
  const char *bad[] = { "", "ABCD", "ABCD-EFGH-!!!!", "UUUU-UUUU-UUUU-UUUU-UUUU-UUUU-UUUU-UUUU-UUUU",
                        "\xff\xfe", NULL };

  for (guint i = 0; bad[i]; i++)
    {
      g_autoptr (GError) error = NULL;
      g_autoptr (YkSecret) parsed = yk_recovery_key_parse (bad[i], &error);

      g_assert_null (parsed);
      g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_RECOVERY_KEY_TYPO);
    }
}


/* Portable key slots: wang's slot 0 copied into another file's slot 2,
 * and from there into a third file. The copy keeps the associated data
 * of the file where the secret was wrapped, so the same password opens
 * every copy, and the third file's copy still names the first file. */
static void
test_copy_keeps_origin (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSecret) key_b = yk_keys_new_database_key ();
  g_autoptr (YkSecret) key_c = yk_keys_new_database_key ();
  g_autoptr (YkSecret) opened_b = NULL;
  g_autoptr (YkSecret) opened_c = NULL;
  YkHeader b, c;

  yk_header_init (&b);
  yk_header_init (&c);
  g_assert_true (yk_key_slot_copy (&b.slots[2], &f->header.slots[0], 0, f->header.database_id, key_b, &error));
  g_assert_no_error (error);
  g_assert_true (b.slots[2].has_origin);
  g_assert_cmpuint (b.slots[2].origin_index, ==, 0);
  g_assert_cmpmem (b.slots[2].origin_database_id, YK_DATABASE_ID_SIZE, f->header.database_id, YK_DATABASE_ID_SIZE);
  g_assert_cmpmem (b.slots[2].public_key, 32, f->header.slots[0].public_key, 32);
  g_assert_cmpmem (b.slots[2].sign_public_key, 32, f->header.slots[0].sign_public_key, 32);

  opened_b = yk_key_slot_open_with_password (&b.slots[2], 2, b.database_id, PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (yk_secret_equal (opened_b, key_b));

  g_assert_true (yk_key_slot_copy (&c.slots[5], &b.slots[2], 2, b.database_id, key_c, &error));
  g_assert_cmpuint (c.slots[5].origin_index, ==, 0);
  g_assert_cmpmem (c.slots[5].origin_database_id, YK_DATABASE_ID_SIZE, f->header.database_id, YK_DATABASE_ID_SIZE);
  opened_c = yk_key_slot_open_with_password (&c.slots[5], 5, c.database_id, PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_true (yk_secret_equal (opened_c, key_c));
}

/* A copied slot is as tamper-evident as its original: one flipped byte
 * of the wrapped secret, or an origin pointing elsewhere, and the
 * password no longer opens it. A recovery slot never travels. */
static void
test_copy_tampered (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSecret) key_b = yk_keys_new_database_key ();
  g_autoptr (YkSecret) recovery = yk_secret_new_random (20);
  g_autoptr (YkSecret) opened = NULL;
  YkHeader b;
  YkKeySlot slot;

  yk_header_init (&b);
  g_assert_true (yk_key_slot_copy (&b.slots[1], &f->header.slots[0], 0, f->header.database_id, key_b, &error));
  slot = b.slots[1];
  slot.wrapped_secret[7] ^= 0x01;
  opened = yk_key_slot_open_with_password (&slot, 1, b.database_id, PASSWORD, &error);
  g_assert_null (opened);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);

  slot = b.slots[1];
  slot.origin_index = 1;
  opened = yk_key_slot_open_with_password (&slot, 1, b.database_id, PASSWORD, &error);
  g_assert_null (opened);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);

  g_assert_true (yk_key_slot_init_recovery (&f->header.slots[1], 1, f->header.database_id, recovery,
                                            f->database_key, &error));
  g_assert_false (yk_key_slot_copy (&b.slots[2], &f->header.slots[1], 1, f->header.database_id, key_b, &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_FAILED);
}

/* One Argon2id: the secret key a password unwrapped opens a copy of the
 * slot in another file with no key derivation, and nothing opens a slot
 * of another key pair. */
static void
test_secret_key_opens_copies (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSecret) key_b = yk_keys_new_database_key ();
  g_autoptr (YkSecret) secret_key = NULL;
  g_autoptr (YkSecret) opened_a = NULL;
  g_autoptr (YkSecret) opened_b = NULL;
  g_autoptr (YkSecret) other = NULL;
  guint runs;
  YkHeader b;

  yk_header_init (&b);
  g_assert_true (yk_key_slot_copy (&b.slots[0], &f->header.slots[0], 0, f->header.database_id, key_b, &error));
  g_assert_true (yk_key_slot_init_account (&b.slots[1], 1, b.database_id, "li", "li's own password",
                                           YK_KDF_INTERACTIVE, key_b, &error));

  runs = _yk_key_slot_kdf_runs ();
  opened_a = yk_key_slot_open_with_password_secret (&f->header.slots[0], 0, f->header.database_id, PASSWORD,
                                                    &secret_key, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (_yk_key_slot_kdf_runs (), ==, runs + 1);
  g_assert_true (yk_secret_equal (opened_a, f->database_key));

  opened_b = yk_key_slot_open_with_secret_key (&b.slots[0], secret_key, &error);
  g_assert_no_error (error);
  g_assert_true (yk_secret_equal (opened_b, key_b));
  g_assert_cmpuint (_yk_key_slot_kdf_runs (), ==, runs + 1);

  other = yk_key_slot_open_with_secret_key (&b.slots[1], secret_key, &error);
  g_assert_null (other);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_NO_SLOT);
}

/* A new password for a copied slot: wrapped for this file (origin
 * gone), the key pair kept, so the secret key still opens it. */
static void
test_rewrap_keeps_key_pair (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSecret) key_b = yk_keys_new_database_key ();
  g_autoptr (YkSecret) secret_key = NULL;
  g_autoptr (YkSecret) opened = NULL;
  g_autoptr (YkSecret) old = NULL;
  YkHeader b;

  yk_header_init (&b);
  g_assert_true (yk_key_slot_copy (&b.slots[3], &f->header.slots[0], 0, f->header.database_id, key_b, &error));
  opened = yk_key_slot_open_with_password_secret (&b.slots[3], 3, b.database_id, PASSWORD, &secret_key, &error);
  g_assert_nonnull (opened);
  g_assert_true (yk_key_slot_rewrap (&b.slots[3], 3, b.database_id, secret_key, "wang's password in B",
                                     YK_KDF_INTERACTIVE, &error));
  g_assert_no_error (error);
  g_assert_false (b.slots[3].has_origin);
  g_assert_cmpmem (b.slots[3].public_key, 32, f->header.slots[0].public_key, 32);
  g_assert_cmpmem (b.slots[3].sign_public_key, 32, f->header.slots[0].sign_public_key, 32);

  g_clear_pointer (&opened, yk_secret_free);
  opened = yk_key_slot_open_with_password (&b.slots[3], 3, b.database_id, "wang's password in B", &error);
  g_assert_no_error (error);
  g_assert_true (yk_secret_equal (opened, key_b));
  old = yk_key_slot_open_with_password (&b.slots[3], 3, b.database_id, PASSWORD, &error);
  g_assert_null (old);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  g_clear_pointer (&opened, yk_secret_free);
  opened = yk_key_slot_open_with_secret_key (&b.slots[3], secret_key, &error);
  g_assert_true (yk_secret_equal (opened, key_b));

  /* Only with the slot's own key pair. */
  g_clear_pointer (&secret_key, yk_secret_free);
  secret_key = yk_secret_new_random (32);
  g_assert_false (yk_key_slot_rewrap (&b.slots[3], 3, b.database_id, secret_key, "someone else's password",
                                      YK_KDF_INTERACTIVE, &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_NO_SLOT);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (yk_crypto_init (NULL));

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/crypto/slot/password-opens", test_password_opens_slot);
  ADD ("/crypto/slot/wrong-password", test_wrong_password_says_only_that);
  ADD ("/crypto/slot/bound", test_slot_bound_to_position_and_name);
  ADD ("/crypto/slot/kdf-floor", test_kdf_below_floor_refused);
  ADD ("/crypto/slot/short-password", test_short_password_refused);
  ADD ("/crypto/slot/reseal", test_reseal_gives_new_key_without_password);
  ADD ("/crypto/slot/recovery", test_recovery_slot);
  ADD ("/crypto/slot/copy-keeps-origin", test_copy_keeps_origin);
  ADD ("/crypto/slot/copy-tampered", test_copy_tampered);
  ADD ("/crypto/slot/secret-key-opens-copies", test_secret_key_opens_copies);
  ADD ("/crypto/slot/rewrap-keeps-key-pair", test_rewrap_keeps_key_pair);
#undef ADD
  g_test_add_func ("/crypto/recovery-key/text", test_recovery_key_text);
  g_test_add_func ("/crypto/recovery-key/typo", test_recovery_key_typo_is_a_typo);
  g_test_add_func ("/crypto/recovery-key/bad-shapes", test_recovery_key_bad_shapes);
  g_test_add_func ("/crypto/recovery-key/look-alikes", test_recovery_key_look_alikes);
  return g_test_run ();
}
