/* SPDX-License-Identifier: GPL-3.0-or-later */
/* One password for every file (docs/design/file-format.md,
 * "Portable key slots"): a person's key pair is theirs, not the file's.
 * A slot copied from another file opens with the same password, and the
 * identity one password unlocked opens every file with that key pair,
 * without running Argon2id again. */
#include "db-test-util.h"
#include "yk-crypto-error.h"
#include "yk-header-private.h"
#include "yk-key-slot-private.h"
#include "yk-keys.h"
#include "yk-secret.h"

#include <glib/gstdio.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>

#define LI "li"
#define LI_PASSWORD "li's own passphrase"

typedef struct
{
  char *dir;
  char *a; /* the coordinator's first file, with li's account */
  char *b; /* made by the coordinator with init --key-from a */
} Fixture;

static char *
path_in (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

static YkIdentity *
unlock_identity (const char *path, const char *account, const char *password)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkStore) store = NULL;
  YkIdentity *identity = NULL;

  store = yk_store_unlock_identity (path, account, password, &identity, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_nonnull (identity);
  g_assert_cmpstr (yk_identity_get_account (identity), ==, account);
  return identity;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkStore) a = NULL;
  g_autoptr (YkStore) b = NULL;
  g_autoptr (YkIdentity) identity = NULL;
  g_autofree char *recovery_key = NULL;

  f->dir = test_make_dir ();
  f->a = path_in (f, "a.ykdb");
  f->b = path_in (f, "b.ykdb");
  a = test_create_store (f->a, NULL);
  g_assert_true (yk_store_add_account (a, LI, LI_PASSWORD, YK_KDF_INTERACTIVE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&a, yk_store_close);

  identity = unlock_identity (f->a, TEST_ACCOUNT, TEST_PASSWORD);
  b = yk_store_create_with_identity (f->b, f->a, identity, &recovery_key, &error);
  g_assert_no_error (error);
  g_assert_nonnull (b);
  g_assert_nonnull (recovery_key);
  g_assert_cmpstr (yk_store_get_account (b), ==, TEST_ACCOUNT);
  g_assert_nonnull (yk_store_get_signing_key (b));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  test_remove_dir (f->dir);
  g_free (f->dir);
  g_free (f->a);
  g_free (f->b);
}

static YkHeader *
read_header (const char *path)
{
  g_autoptr (GBytes) bytes = test_read_file (path);
  g_autoptr (GError) error = NULL;
  YkHeader *candidates = g_new0 (YkHeader, 2);
  YkHeaderCopies copies;

  g_assert_cmpuint (yk_header_read_area (g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes), candidates,
                                         &copies, &error), >=, 1);
  return candidates;
}

/* Rewrites both header copies of `path` from `header` with its checksum
 * only: an edit by someone without the key (its MAC is left as it was). */
static void
write_header_unkeyed (const char *path, YkHeader *header, guint32 version)
{
  g_autoptr (YkSecret) wrong_key = yk_keys_new_database_key ();
  g_autofree guint8 *area = g_malloc0 (YK_HEADER_AREA_SIZE);
  guint8 mac[YK_HEADER_MAC_SIZE];
  FILE *file;

  memcpy (mac, header->mac, sizeof mac);
  _yk_header_serialize_version (header, version, wrong_key, area);
  memcpy (area + 64, mac, sizeof mac);
  crypto_generichash (area + YK_HEADER_COPY_SIZE - 32, 32, area, YK_HEADER_COPY_SIZE - 32, NULL, 0);
  memcpy (area + YK_HEADER_COPY_SIZE, area, YK_HEADER_COPY_SIZE);
  file = fopen (path, "r+b");
  g_assert_nonnull (file);
  g_assert_cmpuint (fwrite (area, 1, YK_HEADER_AREA_SIZE, file), ==, YK_HEADER_AREA_SIZE);
  fclose (file);
}

/* init --key-from: the new file's first slot is the coordinator's slot
 * of a.ykdb, with its origin; the identity from a.ykdb opens it with no
 * Argon2id, and the unchanged password opens it too. */
static void
test_created_with_identity (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkIdentity) identity = unlock_identity (f->a, TEST_ACCOUNT, TEST_PASSWORD);
  g_autofree YkHeader *a = read_header (f->a);
  g_autofree YkHeader *b = read_header (f->b);
  g_autoptr (YkStore) store = NULL;
  int in_a = yk_header_find_account (a, TEST_ACCOUNT);
  int in_b = yk_header_find_account (b, TEST_ACCOUNT);
  guint runs;

  g_assert_cmpint (in_b, ==, 0);
  g_assert_cmpmem (b->slots[in_b].public_key, 32, a->slots[in_a].public_key, 32);
  g_assert_cmpmem (b->slots[in_b].sign_public_key, 32, a->slots[in_a].sign_public_key, 32);
  g_assert_true (b->slots[in_b].has_origin);
  g_assert_cmpuint (b->slots[in_b].origin_index, ==, (guint) in_a);
  g_assert_cmpmem (b->slots[in_b].origin_database_id, 16, a->database_id, 16);
  g_assert_cmpint (memcmp (a->database_id, b->database_id, 16), !=, 0);

  runs = _yk_key_slot_kdf_runs ();
  store = yk_store_open_with_identity (f->b, identity, &error);
  g_assert_no_error (error);
  g_assert_nonnull (store);
  g_assert_cmpuint (_yk_key_slot_kdf_runs (), ==, runs);
  g_assert_cmpstr (yk_store_get_account (store), ==, TEST_ACCOUNT);
  g_assert_cmpmem (yk_signing_key_public (yk_store_get_signing_key (store)), 32, a->slots[in_a].sign_public_key, 32);
  g_clear_pointer (&store, yk_store_close);

  store = test_unlock (f->b);
  g_assert_cmpuint (_yk_key_slot_kdf_runs (), ==, runs + 1);
}

/* A file with no slot for the identity's account, or one made for
 * another key pair under that name, says so by name. */
static void
test_no_slot (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkIdentity) identity = unlock_identity (f->a, TEST_ACCOUNT, TEST_PASSWORD);
  g_autofree char *other = path_in (f, "other.ykdb");
  g_autofree char *unused = NULL;
  g_autoptr (YkStore) store = NULL;

  store = yk_store_create (other, LI, LI_PASSWORD, YK_KDF_INTERACTIVE, &unused, &error);
  g_assert_no_error (error);
  g_clear_pointer (&store, yk_store_close);
  store = yk_store_open_with_identity (other, identity, &error);
  g_assert_null (store);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_NO_SLOT);
  g_assert_cmpstr (error->message, ==, "“other.ykdb” has no key slot for “coordinator”");
  g_clear_error (&error);

  /* The same name, another key pair: a file of its own. */
  g_unlink (other);
  store = test_create_store (other, NULL);
  g_clear_pointer (&store, yk_store_close);
  store = yk_store_open_with_identity (other, identity, &error);
  g_assert_null (store);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_NO_SLOT);
  g_clear_error (&error);

  /* And init --key-from a file where the identity has no slot. */
  g_unlink (other);
  g_clear_pointer (&unused, g_free);
  store = yk_store_create (other, LI, LI_PASSWORD, YK_KDF_INTERACTIVE, &unused, &error);
  g_clear_pointer (&store, yk_store_close);
  {
    g_autofree char *d = path_in (f, "d.ykdb");

    store = yk_store_create_with_identity (d, other, identity, &unused, &error);
    g_assert_null (store);
    g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_NO_SLOT);
    g_assert_false (g_file_test (d, G_FILE_TEST_EXISTS));
  }
}

/* user add --key-from: the coordinator copies li's slot from a.ykdb into
 * b.ykdb without li's password. li's own, unchanged password opens b,
 * and li's identity from a opens b. */
static void
test_add_account_key_from (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkStore) store = test_unlock (f->b);
  g_autoptr (YkStore) li = NULL;
  g_autoptr (YkIdentity) identity = NULL;
  g_auto (GStrv) accounts = NULL;
  gboolean authenticated = FALSE;

  g_assert_true (yk_store_add_account_key_from (store, LI, f->a, &authenticated, &error));
  g_assert_no_error (error);
  /* The coordinator's own key opens a.ykdb: its header was checked. */
  g_assert_true (authenticated);
  accounts = yk_store_list_accounts (store, &error);
  g_assert_true (g_strv_contains ((const char *const *) accounts, LI));

  /* Once only, and only for an account a.ykdb has. */
  g_assert_false (yk_store_add_account_key_from (store, LI, f->a, NULL, &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_ACCOUNT_EXISTS);
  g_clear_error (&error);
  g_assert_false (yk_store_add_account_key_from (store, "nobody", f->a, NULL, &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_NO_SLOT);
  g_assert_cmpstr (error->message, ==, "“a.ykdb” has no key slot for “nobody”");
  g_clear_error (&error);
  g_clear_pointer (&store, yk_store_close);

  li = yk_store_unlock (f->b, LI, LI_PASSWORD, &error);
  g_assert_no_error (error);
  g_assert_nonnull (li);
  g_clear_pointer (&li, yk_store_close);
  identity = unlock_identity (f->a, LI, LI_PASSWORD);
  li = yk_store_open_with_identity (f->b, identity, &error);
  g_assert_no_error (error);
  g_assert_nonnull (li);
}

/* A copied slot whose wrapped secret was changed by one byte no longer
 * opens with the password: changed in the file it was copied from (whose
 * header this store's key cannot check, so the copy is made), or in the
 * copy itself. Changed in a file the coordinator's key does check, it is
 * refused before anything is copied. */
static void
test_tampered_copy (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *unchecked = path_in (f, "unchecked.ykdb");
  g_autofree char *unused = NULL;
  g_autofree YkHeader *header = NULL;
  g_autoptr (YkStore) store = NULL;
  g_autoptr (YkStore) li = NULL;
  gboolean authenticated = TRUE;
  int index;

  /* li's own file: the coordinator has no slot there. */
  store = yk_store_create (unchecked, LI, LI_PASSWORD, YK_KDF_INTERACTIVE, &unused, &error);
  g_assert_no_error (error);
  g_clear_pointer (&store, yk_store_close);
  header = read_header (unchecked);
  index = yk_header_find_account (header, LI);
  header->slots[index].wrapped_secret[20] ^= 0x40;
  write_header_unkeyed (unchecked, header, YK_HEADER_VERSION);

  store = test_unlock (f->b);
  g_assert_true (yk_store_add_account_key_from (store, LI, unchecked, &authenticated, &error));
  g_assert_no_error (error);
  g_assert_false (authenticated);
  g_clear_pointer (&store, yk_store_close);
  li = yk_store_unlock (f->b, LI, LI_PASSWORD, &error);
  g_assert_null (li);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);

  /* In a.ykdb, which the coordinator's key authenticates: refused. */
  g_clear_pointer (&header, g_free);
  header = read_header (f->a);
  index = yk_header_find_account (header, LI);
  header->slots[index].wrapped_secret[20] ^= 0x40;
  write_header_unkeyed (f->a, header, YK_HEADER_VERSION);
  store = test_unlock (f->b);
  g_assert_true (yk_store_remove_account (store, LI, &error));
  g_assert_false (yk_store_add_account_key_from (store, LI, f->a, &authenticated, &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_DAMAGED_HEADER);
  g_assert_cmpstr (error->message, ==, "The file header of “a.ykdb” has been altered: its key slots do not "
                                       "match its database key");
}

/* The same check from the other side: b.ykdb's copy of li's slot, one
 * byte changed after the copy. */
static void
test_tampered_in_copy (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkStore) store = test_unlock (f->b);
  g_autofree YkHeader *header = NULL;
  g_autoptr (YkStore) li = NULL;
  int index;

  g_assert_true (yk_store_add_account_key_from (store, LI, f->a, NULL, &error));
  g_clear_pointer (&store, yk_store_close);
  header = read_header (f->b);
  index = yk_header_find_account (header, LI);
  header->slots[index].wrapped_secret[3] ^= 0x01;
  write_header_unkeyed (f->b, header, YK_HEADER_VERSION);
  li = yk_store_unlock (f->b, LI, LI_PASSWORD, &error);
  g_assert_null (li);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
}

/* Changing one's own password in b keeps the key pair (the identity from
 * a still opens b) and makes the copy b's own (no origin); the old
 * password stops opening b but still opens a. A coordinator's reset makes
 * a new key pair: a's identity then opens nothing in b. */
static void
test_password_change (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkStore) store = test_unlock (f->b);
  g_autoptr (YkStore) li = NULL;
  g_autoptr (YkIdentity) identity = unlock_identity (f->a, LI, LI_PASSWORD);
  g_autofree YkHeader *header = NULL;
  int index;

  g_assert_true (yk_store_add_account_key_from (store, LI, f->a, NULL, &error));
  g_clear_pointer (&store, yk_store_close);

  li = yk_store_unlock (f->b, LI, LI_PASSWORD, &error);
  g_assert_nonnull (li);
  g_assert_true (yk_store_set_password (li, LI, "li's password in b", YK_KDF_INTERACTIVE, &error));
  g_assert_no_error (error);
  g_clear_pointer (&li, yk_store_close);
  header = read_header (f->b);
  index = yk_header_find_account (header, LI);
  g_assert_false (header->slots[index].has_origin);

  li = yk_store_unlock (f->b, LI, LI_PASSWORD, &error);
  g_assert_null (li);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);
  li = yk_store_unlock (f->b, LI, "li's password in b", &error);
  g_assert_nonnull (li);
  g_clear_pointer (&li, yk_store_close);
  li = yk_store_open_with_identity (f->b, identity, &error);
  g_assert_no_error (error);
  g_clear_pointer (&li, yk_store_close);
  li = yk_store_unlock (f->a, LI, LI_PASSWORD, &error);
  g_assert_nonnull (li);
  g_clear_pointer (&li, yk_store_close);

  store = test_unlock (f->b);
  g_assert_true (yk_store_set_password (store, LI, "a reset password", YK_KDF_INTERACTIVE, &error));
  g_clear_pointer (&store, yk_store_close);
  li = yk_store_open_with_identity (f->b, identity, &error);
  g_assert_null (li);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_NO_SLOT);
}

/* A version-2 file (before portable slots) still unlocks, gives an
 * identity, and opens with one. */
static void
test_version_2_file (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *v2 = path_in (f, "v2.ykdb");
  g_autofree YkHeader *header = NULL;
  g_autoptr (YkStore) store = test_create_store (v2, NULL);
  g_autoptr (YkIdentity) identity = NULL;
  g_autoptr (YkIdentity) again = NULL;
  g_autofree guint8 *area = g_malloc0 (YK_HEADER_AREA_SIZE);
  FILE *file;
  int index;

  g_clear_pointer (&store, yk_store_close);
  header = read_header (v2);
  index = yk_header_find_account (header, TEST_ACCOUNT);
  {
    g_autoptr (YkSecret) key = yk_key_slot_open_with_password (&header->slots[index], index, header->database_id,
                                                               TEST_PASSWORD, &error);
    _yk_header_serialize_version (header, 2, key, area);
    memcpy (area + YK_HEADER_COPY_SIZE, area, YK_HEADER_COPY_SIZE);
  }
  file = fopen (v2, "r+b");
  g_assert_cmpuint (fwrite (area, 1, YK_HEADER_AREA_SIZE, file), ==, YK_HEADER_AREA_SIZE);
  fclose (file);
  g_clear_pointer (&header, g_free);
  header = read_header (v2);
  g_assert_cmpuint (header->version, ==, 2);

  identity = unlock_identity (v2, TEST_ACCOUNT, TEST_PASSWORD);
  store = yk_store_open_with_identity (v2, identity, &error);
  g_assert_no_error (error);
  g_clear_pointer (&store, yk_store_close);
  again = unlock_identity (f->a, TEST_ACCOUNT, TEST_PASSWORD);
  store = yk_store_open_with_identity (v2, again, &error);
  g_assert_null (store);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_NO_SLOT);
}

/* The coordinator's state-file key is the person's, whichever file gave
 * the identity; another context gives another key. */
static void
test_derive_key (Fixture *f, gconstpointer data)
{
  g_autoptr (YkIdentity) from_a = unlock_identity (f->a, TEST_ACCOUNT, TEST_PASSWORD);
  g_autoptr (YkIdentity) from_b = unlock_identity (f->b, TEST_ACCOUNT, TEST_PASSWORD);
  g_autoptr (YkIdentity) li = unlock_identity (f->a, LI, LI_PASSWORD);
  g_autoptr (YkIdentity) copy = yk_identity_copy (from_a);
  g_autoptr (YkSecret) key_a = yk_identity_derive_key (from_a, "YkDistr_");
  g_autoptr (YkSecret) key_b = yk_identity_derive_key (from_b, "YkDistr_");
  g_autoptr (YkSecret) key_copy = yk_identity_derive_key (copy, "YkDistr_");
  g_autoptr (YkSecret) other_context = yk_identity_derive_key (from_a, "YkOther_");
  g_autoptr (YkSecret) key_li = yk_identity_derive_key (li, "YkDistr_");

  g_assert_cmpuint (yk_secret_len (key_a), ==, 32);
  g_assert_true (yk_secret_equal (key_a, key_b));
  g_assert_true (yk_secret_equal (key_a, key_copy));
  g_assert_false (yk_secret_equal (key_a, other_context));
  g_assert_false (yk_secret_equal (key_a, key_li));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (yk_crypto_init (NULL));

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/db/identity/created-with-identity", test_created_with_identity);
  ADD ("/db/identity/no-slot", test_no_slot);
  ADD ("/db/identity/add-account-key-from", test_add_account_key_from);
  ADD ("/db/identity/tampered-copy", test_tampered_copy);
  ADD ("/db/identity/tampered-in-copy", test_tampered_in_copy);
  ADD ("/db/identity/password-change", test_password_change);
  ADD ("/db/identity/version-2-file", test_version_2_file);
  ADD ("/db/identity/derive-key", test_derive_key);
#undef ADD
  return g_test_run ();
}
