/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "yk-crypto-error.h"
#include "yk-header-private.h"
#include "yk-key-slot.h"
#include "yk-keys.h"
#include "yk-secret.h"

#include <sodium.h>
#include <string.h>

typedef struct
{
  YkSecret *key;
  YkHeader *header;
  guint8 *area;
  YkHeader *candidates;
} Fixture;

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->key = yk_keys_new_database_key ();
  f->header = g_new0 (YkHeader, 1);
  f->candidates = g_new0 (YkHeader, 2);
  f->area = g_malloc0 (YK_HEADER_AREA_SIZE);
  yk_header_init (f->header);
  g_assert_true (yk_key_slot_init_account (&f->header->slots[0], 0, f->header->database_id,
                                           "张社工", "correct horse battery", YK_KDF_INTERACTIVE,
                                           f->key, &error));
  g_assert_no_error (error);
  f->header->generation = 7;
  yk_header_serialize (f->header, f->key, f->area);
  f->header->generation = 8;
  yk_header_serialize (f->header, f->key, f->area + YK_HEADER_COPY_SIZE);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  yk_secret_free (f->key);
  g_free (f->header);
  g_free (f->candidates);
  g_free (f->area);
}

static void
test_round_trip_newest_first (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkHeaderCopies copies;
  guint n = yk_header_read_area (f->area, YK_HEADER_AREA_SIZE, f->candidates, &copies, &error);

  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 2);
  g_assert_cmpint (copies, ==, YK_HEADER_COPY_A_OK | YK_HEADER_COPY_B_OK);
  g_assert_cmpuint (f->candidates[0].generation, ==, 8);
  g_assert_cmpuint (f->candidates[1].generation, ==, 7);
  g_assert_cmpmem (f->candidates[0].database_id, YK_DATABASE_ID_SIZE, f->header->database_id,
                   YK_DATABASE_ID_SIZE);
  g_assert_cmpstr (f->candidates[0].slots[0].name, ==, "张社工");
  g_assert_cmpint (yk_header_find_account (&f->candidates[0], "张社工"), ==, 0);
  g_assert_cmpint (yk_header_find_account (&f->candidates[0], "nobody"), ==, -1);
  g_assert_cmpint (yk_header_find_free (&f->candidates[0]), ==, 1);
  g_assert_true (yk_header_verify_mac (&f->candidates[0], f->key));
  g_assert_true (yk_header_verify_mac (&f->candidates[1], f->key));
}

static void
test_damaged_copy_falls_back (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkHeaderCopies copies;
  guint n;

  /* A flipped byte inside the second copy's key slot. */
  f->area[YK_HEADER_COPY_SIZE + 128 + 150] ^= 0x20;
  n = yk_header_read_area (f->area, YK_HEADER_AREA_SIZE, f->candidates, &copies, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (n, ==, 1);
  g_assert_cmpint (copies, ==, YK_HEADER_COPY_A_OK);
  g_assert_cmpuint (f->candidates[0].generation, ==, 7);
}

static void
test_both_copies_damaged (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkHeaderCopies copies;

  f->area[40] ^= 1;
  f->area[YK_HEADER_COPY_SIZE + 3000] ^= 1;
  g_assert_cmpuint (yk_header_read_area (f->area, YK_HEADER_AREA_SIZE, f->candidates, &copies, &error), ==, 0);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_DAMAGED_HEADER);
}

static void
test_not_a_database (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkHeaderCopies copies;
  g_autofree guint8 *sqlite_file = g_malloc0 (YK_HEADER_AREA_SIZE);

  memcpy (sqlite_file, "SQLite format 3", 16);
  g_assert_cmpuint (yk_header_read_area (sqlite_file, YK_HEADER_AREA_SIZE, f->candidates, &copies, &error), ==, 0);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_NOT_A_DATABASE);
  g_clear_error (&error);

  /* A Yukang file cut short inside its header is damage, not "not ours". */
  g_assert_cmpuint (yk_header_read_area (f->area, 1000, f->candidates, &copies, &error), ==, 0);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_DAMAGED_HEADER);
}

static void
test_newer_version_unsupported (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkHeaderCopies copies;

  _yk_header_serialize_version (f->header, YK_HEADER_VERSION + 1, f->key, f->area);
  _yk_header_serialize_version (f->header, YK_HEADER_VERSION + 1, f->key, f->area + YK_HEADER_COPY_SIZE);
  g_assert_cmpuint (yk_header_read_area (f->area, YK_HEADER_AREA_SIZE, f->candidates, &copies, &error), ==, 0);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_UNSUPPORTED_VERSION);
}

static void
test_mac_detects_recomputed_checksum (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSecret) attacker_key = yk_keys_new_database_key ();
  YkHeaderCopies copies;

  /* Someone without the key edits a slot and fixes up the checksum:
   * the copy parses, but its MAC no longer matches. */
  f->header->slots[0].opslimit = 99;
  f->header->generation = 9;
  yk_header_serialize (f->header, attacker_key, f->area);
  g_assert_cmpuint (yk_header_read_area (f->area, YK_HEADER_AREA_SIZE, f->candidates, &copies, &error), ==, 2);
  g_assert_cmpuint (f->candidates[0].generation, ==, 9);
  g_assert_false (yk_header_verify_mac (&f->candidates[0], f->key));
  g_assert_true (yk_header_verify_mac (&f->candidates[1], f->key));
}


/* Version 3: a copied slot's origin (index in its 4 spare bytes, the
 * database id in the table after the slots) and the snapshot block come
 * back as written, and the MAC covers both. */
static void
test_origin_and_snapshot_round_trip (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSecret) other_key = yk_keys_new_database_key ();
  YkHeaderCopies copies;
  YkHeader other;
  YkHeader *back;

  yk_header_init (&other);
  g_assert_true (yk_key_slot_copy (&f->header->slots[4], &f->header->slots[0], 0, other.database_id, f->key,
                                   &error));
  f->header->snapshot.generation = 12;
  f->header->snapshot.taken_at = 1735551840;
  g_strlcpy (f->header->snapshot.site_codes, "JL+SPQ", sizeof f->header->snapshot.site_codes);
  f->header->snapshot.audit_head_id = 4321;
  memcpy (f->header->snapshot.audit_head_hash, "\x3f\x9a\x0c\x1b\x2d\x4e\x5f\x60", 8);
  yk_header_serialize (f->header, f->key, f->area);
  yk_header_serialize (f->header, f->key, f->area + YK_HEADER_COPY_SIZE);

  /* The layout of file-format.md. */
  g_assert_cmpuint (f->area[128 + 4 * 320 + 316], ==, 1);
  g_assert_cmpmem (f->area + 30848 + 4 * 16, 16, other.database_id, 16);
  g_assert_cmpuint (f->area[32384], ==, 12);
  g_assert_cmpstr ((const char *) f->area + 32384 + 32, ==, "JL+SPQ");

  g_assert_cmpuint (yk_header_read_area (f->area, YK_HEADER_AREA_SIZE, f->candidates, &copies, &error), ==, 2);
  g_assert_no_error (error);
  back = &f->candidates[0];
  g_assert_cmpuint (back->version, ==, 3);
  g_assert_true (back->slots[4].has_origin);
  g_assert_false (back->slots[0].has_origin);
  g_assert_cmpuint (back->slots[4].origin_index, ==, 0);
  g_assert_cmpmem (back->slots[4].origin_database_id, 16, other.database_id, 16);
  g_assert_cmpuint (back->snapshot.generation, ==, 12);
  g_assert_cmpint (back->snapshot.taken_at, ==, 1735551840);
  g_assert_cmpstr (back->snapshot.site_codes, ==, "JL+SPQ");
  g_assert_cmpuint (back->snapshot.audit_head_id, ==, 4321);
  g_assert_cmpmem (back->snapshot.audit_head_hash, 8, "\x3f\x9a\x0c\x1b\x2d\x4e\x5f\x60", 8);
  g_assert_true (yk_header_verify_mac (back, f->key));

  back->snapshot.generation = 13;
  g_assert_false (yk_header_verify_mac (back, f->key));
  back->snapshot.generation = 12;
  back->slots[4].origin_index = 1;
  g_assert_false (yk_header_verify_mac (back, f->key));
}

/* Versions 1 and 2 had neither: their bytes there are not read, and a
 * version-2 header is written without them. */
static void
test_version_2_has_no_origin (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  YkHeaderCopies copies;
  YkHeader other;

  yk_header_init (&other);
  g_assert_true (yk_key_slot_copy (&f->header->slots[4], &f->header->slots[0], 0, other.database_id, f->key,
                                   &error));
  f->header->snapshot.generation = 3;
  _yk_header_serialize_version (f->header, 2, f->key, f->area);
  _yk_header_serialize_version (f->header, 2, f->key, f->area + YK_HEADER_COPY_SIZE);
  g_assert_true (sodium_is_zero (f->area + 30848, YK_HEADER_COPY_SIZE - 32 - 30848));
  g_assert_cmpuint (yk_header_read_area (f->area, YK_HEADER_AREA_SIZE, f->candidates, &copies, &error), ==, 2);
  g_assert_cmpuint (f->candidates[0].version, ==, 2);
  g_assert_false (f->candidates[0].slots[4].has_origin);
  g_assert_cmpuint (f->candidates[0].snapshot.generation, ==, 0);
}

/* An origin on a recovery slot, an origin index past the slots, or site
 * codes that do not end in their field: damaged. */
static void
test_bad_origin_or_snapshot_damaged (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  guint8 *copy = f->area;

  yk_header_serialize (f->header, f->key, copy);
  copy[128 + 316] = 97; /* slot 0, origin index 96: no such slot */
  crypto_generichash (copy + YK_HEADER_COPY_SIZE - 32, 32, copy, YK_HEADER_COPY_SIZE - 32, NULL, 0);
  g_assert_false (yk_header_parse (copy, YK_HEADER_COPY_SIZE, &f->candidates[0], &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_DAMAGED_HEADER);
  g_clear_error (&error);

  yk_header_serialize (f->header, f->key, copy);
  memset (copy + 32384 + 32, 'A', 128);
  crypto_generichash (copy + YK_HEADER_COPY_SIZE - 32, 32, copy, YK_HEADER_COPY_SIZE - 32, NULL, 0);
  g_assert_false (yk_header_parse (copy, YK_HEADER_COPY_SIZE, &f->candidates[0], &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_DAMAGED_HEADER);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (yk_crypto_init (NULL));

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/crypto/header/round-trip", test_round_trip_newest_first);
  ADD ("/crypto/header/fallback", test_damaged_copy_falls_back);
  ADD ("/crypto/header/both-damaged", test_both_copies_damaged);
  ADD ("/crypto/header/not-a-database", test_not_a_database);
  ADD ("/crypto/header/newer-version", test_newer_version_unsupported);
  ADD ("/crypto/header/mac", test_mac_detects_recomputed_checksum);
  ADD ("/crypto/header/origin-and-snapshot", test_origin_and_snapshot_round_trip);
  ADD ("/crypto/header/version-2-no-origin", test_version_2_has_no_origin);
  ADD ("/crypto/header/bad-origin-or-snapshot", test_bad_origin_or_snapshot_damaged);
#undef ADD
  return g_test_run ();
}
