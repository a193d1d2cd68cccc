/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the file-header parser (crypto/yk-header.c).
 *
 * Input: one control byte, then a header area (two 32 KiB copies).
 *
 *   bit 0 clear  the rest goes to yk_header_read_area() and
 *                yk_header_parse() as it is, with its exact length;
 *   bit 0 set    the rest is padded with zeros to a whole area and fixed
 *                up so that the parser gets past its first checks:
 *                the magic is written into both copies, and
 *     bit 1      copy A gets a correct BLAKE2b checksum,
 *     bit 2      copy B gets a correct BLAKE2b checksum,
 *     bit 3      both copies get a valid version, copy size and slot
 *                count;
 *     bit 4      with bit 3, that version is 1 (before audit signing
 *                keys) rather than the current one.
 *
 * Random bytes almost never pass the checksum; the fix-ups let the fuzzer
 * explore the slot parser. Every header that parses is checked for its
 * invariants, serialised again with a fixed key, parsed back and compared
 * field by field, and its MAC checked with the fixed key and another. */
#include "fuzz-common.h"

#include "yk-crypto-error.h"
#include "yk-header-private.h"
#include "yk-secret.h"

#include <sodium.h>
#include <string.h>

/* The parts of a copy's on-disk layout the fix-ups touch. */
#define MAGIC "YUKANGDB"
#define OFF_VERSION 8
#define OFF_COPY_SIZE 12
#define OFF_MAX_SLOTS 40
#define OFF_CHECKSUM (YK_HEADER_COPY_SIZE - 32)

#define CONTROL_FIX_UP (1 << 0)
#define CONTROL_CHECKSUM_A (1 << 1)
#define CONTROL_CHECKSUM_B (1 << 2)
#define CONTROL_SIZES (1 << 3)
#define CONTROL_VERSION_1 (1 << 4)

static YkSecret *database_key;
static YkSecret *other_key;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  fuzz_init ();
  database_key = fuzz_database_key_new (0);
  other_key = fuzz_database_key_new (1);
  return 0;
}

static void
write_u32 (guint8 *p, guint32 v)
{
  v = GUINT32_TO_LE (v);
  memcpy (p, &v, 4);
}

static void
fix_up_copy (guint8   *copy,
             guint8    control,
             gboolean  checksum)
{
  memcpy (copy, MAGIC, 8);
  if (control & CONTROL_SIZES)
    {
      write_u32 (copy + OFF_VERSION, (control & CONTROL_VERSION_1) ? 1 : YK_HEADER_VERSION);
      write_u32 (copy + OFF_COPY_SIZE, YK_HEADER_COPY_SIZE);
      write_u32 (copy + OFF_MAX_SLOTS, YK_HEADER_MAX_SLOTS);
    }
  /* As the parser computes it: over everything before the checksum. */
  if (checksum)
    crypto_generichash (copy + OFF_CHECKSUM, 32, copy, OFF_CHECKSUM, NULL, 0);
}

static gboolean
slots_equal (const YkKeySlot *a,
             const YkKeySlot *b,
             gboolean         exact_name)
{
  gboolean names_equal = exact_name ? memcmp (a->name, b->name, sizeof a->name) == 0
                                    : strcmp (a->name, b->name) == 0;

  return a->kind == b->kind &&
         names_equal &&
         a->opslimit == b->opslimit &&
         a->memlimit == b->memlimit &&
         memcmp (a->salt, b->salt, sizeof a->salt) == 0 &&
         memcmp (a->public_key, b->public_key, sizeof a->public_key) == 0 &&
         memcmp (a->wrap_nonce, b->wrap_nonce, sizeof a->wrap_nonce) == 0 &&
         memcmp (a->wrapped_secret, b->wrapped_secret, sizeof a->wrapped_secret) == 0 &&
         memcmp (a->sealed_key, b->sealed_key, sizeof a->sealed_key) == 0 &&
         memcmp (a->sign_public_key, b->sign_public_key, sizeof a->sign_public_key) == 0 &&
         a->has_origin == b->has_origin &&
         a->origin_index == b->origin_index &&
         memcmp (a->origin_database_id, b->origin_database_id, sizeof a->origin_database_id) == 0;
}

/* exact: also the MAC and the bytes after a name's terminating NUL. */
static gboolean
headers_equal (const YkHeader *a,
               const YkHeader *b,
               gboolean        exact)
{
  if (a->version != b->version ||
      memcmp (a->database_id, b->database_id, YK_DATABASE_ID_SIZE) != 0 ||
      a->generation != b->generation)
    return FALSE;
  if (exact && memcmp (a->mac, b->mac, YK_HEADER_MAC_SIZE) != 0)
    return FALSE;
  for (guint i = 0; i < YK_HEADER_MAX_SLOTS; i++)
    if (!slots_equal (&a->slots[i], &b->slots[i], exact))
      return FALSE;
  return memcmp (&a->snapshot, &b->snapshot, sizeof a->snapshot) == 0;
}

static void
check_error (const GError *error)
{
  FUZZ_CHECK (error != NULL);
  FUZZ_CHECK (error->domain == YK_CRYPTO_ERROR);
  FUZZ_CHECK (error->code == YK_CRYPTO_ERROR_NOT_A_DATABASE ||
              error->code == YK_CRYPTO_ERROR_UNSUPPORTED_VERSION ||
              error->code == YK_CRYPTO_ERROR_DAMAGED_HEADER);
  FUZZ_CHECK (error->message != NULL && error->message[0] != '\0');
  FUZZ_CHECK (g_utf8_validate (error->message, -1, NULL));
}

/* What every parsed header must satisfy, whatever the input. */
static void
check_parsed (const YkHeader *header)
{
  YkKeySlot empty;
  int first_free = -1;
  int first_recovery = -1;

  memset (&empty, 0, sizeof empty);
  FUZZ_CHECK (header->version >= YK_HEADER_VERSION_MIN && header->version <= YK_HEADER_VERSION);
  for (int i = 0; i < YK_HEADER_MAX_SLOTS; i++)
    {
      const YkKeySlot *slot = &header->slots[i];

      /* Version 1 had no signing keys: none is read from its bytes. */
      if (header->version == 1)
        FUZZ_CHECK (sodium_is_zero (slot->sign_public_key, sizeof slot->sign_public_key));
      /* Before version 3 no slot came from another file. */
      if (header->version < 3)
        FUZZ_CHECK (!slot->has_origin);
      /* Only an account's key pair travels, from a slot that exists. */
      if (slot->has_origin)
        FUZZ_CHECK (slot->kind == YK_SLOT_ACCOUNT && slot->origin_index < YK_HEADER_MAX_SLOTS);
      else
        FUZZ_CHECK (slot->origin_index == 0 &&
                    sodium_is_zero (slot->origin_database_id, sizeof slot->origin_database_id));

      FUZZ_CHECK (slot->kind == YK_SLOT_EMPTY ||
                  slot->kind == YK_SLOT_ACCOUNT ||
                  slot->kind == YK_SLOT_RECOVERY);
      FUZZ_CHECK (slot->name[YK_SLOT_NAME_MAX] == '\0');
      FUZZ_CHECK (g_utf8_validate (slot->name, -1, NULL));
      if (slot->kind == YK_SLOT_EMPTY)
        {
          /* An empty slot carries nothing from the file. */
          FUZZ_CHECK (slots_equal (slot, &empty, TRUE));
          if (first_free < 0)
            first_free = i;
        }
      else if (slot->kind == YK_SLOT_RECOVERY)
        {
          if (first_recovery < 0)
            first_recovery = i;
        }
      else
        {
          int found = yk_header_find_account (header, slot->name);

          FUZZ_CHECK (found >= 0 && found <= i);
          FUZZ_CHECK (header->slots[found].kind == YK_SLOT_ACCOUNT);
          FUZZ_CHECK (strcmp (header->slots[found].name, slot->name) == 0);
        }
    }
  if (header->version < 3)
    FUZZ_CHECK (sodium_is_zero ((const guint8 *) &header->snapshot, sizeof header->snapshot));
  FUZZ_CHECK (header->snapshot.site_codes[YK_SNAPSHOT_SITES_MAX] == '\0');
  FUZZ_CHECK (g_utf8_validate (header->snapshot.site_codes, -1, NULL));
  FUZZ_CHECK (yk_header_find_free (header) == first_free);
  FUZZ_CHECK (yk_header_find_recovery (header) == first_recovery);
}

/* Written in the current version, a header keeps every slot as it was
 * (a version-1 one with no signing keys yet). */
static void
check_upgrade (const YkHeader *header)
{
  g_autoptr (GError) error = NULL;
  g_autofree YkHeader *copy = g_new (YkHeader, 1);
  g_autofree YkHeader *back = g_new0 (YkHeader, 1);
  g_autofree guint8 *bytes = g_malloc (YK_HEADER_COPY_SIZE);

  memcpy (copy, header, sizeof *copy);
  yk_header_serialize (copy, database_key, bytes);
  FUZZ_CHECK (yk_header_parse (bytes, YK_HEADER_COPY_SIZE, back, &error));
  FUZZ_CHECK (back->version == YK_HEADER_VERSION);
  back->version = header->version;
  FUZZ_CHECK (headers_equal (header, back, FALSE));
  FUZZ_CHECK (yk_header_verify_mac (back, database_key) == (header->version == YK_HEADER_VERSION));
}

/* Serialise with the fixed key in the header's own version, parse back,
 * compare. */
static void
check_round_trip (const YkHeader *header)
{
  g_autoptr (GError) error = NULL;
  g_autofree YkHeader *copy = g_new (YkHeader, 1);
  g_autofree YkHeader *back = g_new0 (YkHeader, 1);
  g_autofree guint8 *bytes = g_malloc (YK_HEADER_COPY_SIZE);
  g_autofree guint8 *again = g_malloc (YK_HEADER_COPY_SIZE);
  gboolean mac_ok = yk_header_verify_mac (header, database_key);

  memcpy (copy, header, sizeof *copy);
  _yk_header_serialize_version (copy, header->version, database_key, bytes);
  FUZZ_CHECK (memcmp (bytes, MAGIC, 8) == 0);
  /* serialize() and verify_mac() agree on what the MAC is. */
  FUZZ_CHECK ((memcmp (copy->mac, header->mac, YK_HEADER_MAC_SIZE) == 0) == mac_ok);

  FUZZ_CHECK (yk_header_parse (bytes, YK_HEADER_COPY_SIZE, back, &error));
  FUZZ_CHECK (error == NULL);
  FUZZ_CHECK (headers_equal (header, back, FALSE));
  FUZZ_CHECK (memcmp (back->mac, copy->mac, YK_HEADER_MAC_SIZE) == 0);
  check_parsed (back);

  FUZZ_CHECK (yk_header_verify_mac (back, database_key));
  FUZZ_CHECK (!yk_header_verify_mac (back, other_key));

  /* A serialised header is canonical: it comes back byte for byte. */
  _yk_header_serialize_version (back, back->version, database_key, again);
  FUZZ_CHECK (memcmp (bytes, again, YK_HEADER_COPY_SIZE) == 0);

  /* The MAC covers the generation and the slots. */
  back->generation ^= 1;
  FUZZ_CHECK (!yk_header_verify_mac (back, database_key));
  back->generation ^= 1;
  back->slots[0].kind = back->slots[0].kind == YK_SLOT_EMPTY ? YK_SLOT_ACCOUNT : YK_SLOT_EMPTY;
  FUZZ_CHECK (!yk_header_verify_mac (back, database_key));
}

static void
check_candidate (const YkHeader *header)
{
  check_parsed (header);
  check_round_trip (header);
  check_upgrade (header);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr (GError) error = NULL;
  g_autofree YkHeader *candidates = NULL;
  g_autofree YkHeader *single = NULL;
  g_autofree guint8 *owned = NULL;
  const guint8 *area;
  gsize len;
  guint8 control;
  YkHeaderCopies copies = 0;
  guint n;

  if (size == 0)
    return 0;
  control = data[0];
  candidates = g_new0 (YkHeader, 2);
  single = g_new0 (YkHeader, 1);

  if (!(control & CONTROL_FIX_UP))
    {
      /* libFuzzer's buffer ends exactly at size: ASan sees any over-read. */
      area = data + 1;
      len = size - 1;
      if (yk_header_parse (area, len, single, &error))
        {
          FUZZ_CHECK (error == NULL);
          check_candidate (single);
        }
      else
        check_error (error);
      g_clear_error (&error);
    }
  else
    {
      owned = g_malloc0 (YK_HEADER_AREA_SIZE);
      memcpy (owned, data + 1, MIN (size - 1, (gsize) YK_HEADER_AREA_SIZE));
      fix_up_copy (owned, control, (control & CONTROL_CHECKSUM_A) != 0);
      fix_up_copy (owned + YK_HEADER_COPY_SIZE, control, (control & CONTROL_CHECKSUM_B) != 0);
      area = owned;
      len = YK_HEADER_AREA_SIZE;
    }

  n = yk_header_read_area (area, len, candidates, &copies, &error);
  FUZZ_CHECK (n <= 2);
  FUZZ_CHECK ((guint) ((copies & YK_HEADER_COPY_A_OK) != 0) +
              (guint) ((copies & YK_HEADER_COPY_B_OK) != 0) == n);
  if (n == 0)
    check_error (error);
  else
    FUZZ_CHECK (error == NULL);

  if (len < YK_HEADER_AREA_SIZE)
    {
      FUZZ_CHECK (n == 0);
      FUZZ_CHECK (error->code == (len >= 8 && memcmp (area, MAGIC, 8) == 0
                                    ? YK_CRYPTO_ERROR_DAMAGED_HEADER
                                    : YK_CRYPTO_ERROR_NOT_A_DATABASE));
      return 0;
    }

  /* The candidates are exactly the copies that parse on their own,
   * newest first, copy A first on a tie. */
  for (guint c = 0; c < 2; c++)
    {
      YkHeaderCopies bit = c == 0 ? YK_HEADER_COPY_A_OK : YK_HEADER_COPY_B_OK;
      gboolean ok = yk_header_parse (area + c * YK_HEADER_COPY_SIZE, YK_HEADER_COPY_SIZE,
                                     single, NULL);

      FUZZ_CHECK (ok == ((copies & bit) != 0));
      if (ok)
        FUZZ_CHECK (headers_equal (single, &candidates[0], TRUE) ||
                    (n == 2 && headers_equal (single, &candidates[1], TRUE)));
      if (ok && c == 0 && n == 2 && candidates[0].generation == candidates[1].generation)
        FUZZ_CHECK (headers_equal (single, &candidates[0], TRUE));
    }
  if (n == 2)
    FUZZ_CHECK (candidates[0].generation >= candidates[1].generation);

  for (guint i = 0; i < n; i++)
    check_candidate (&candidates[i]);
  return 0;
}
