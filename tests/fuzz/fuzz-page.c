/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the page opener (crypto/yk-page-cipher.c).
 *
 * Input: a 16-byte prefix, then the page (zero-padded or truncated to
 * YK_PAGE_SIZE bytes). Prefix:
 *
 *   [0]      bit 0: kind (0 database, 1 journal)
 *   [1..8]   page number, little-endian
 *   [9..10]  offset of the byte to flip, little-endian, modulo the page size
 *   [11]     XOR mask for that byte (0 means 1)
 *   [12..15] unused
 *
 * The page is first opened as it is, as a forgery: it must be refused
 * without any plaintext reaching the output (a page sealed with the
 * fixed key in the seed corpus is the one kind of input that may open).
 * yk-page-cipher.c promises that nothing at all is written on failure;
 * libsodium 1.0.18 in fact zeroes the payload part of the output (in
 * place: wipes the ciphertext), so "untouched or zeroed" is what is
 * checked here, and the reserved bytes must stay untouched. Then the
 * page's payload is sealed, must open to the same payload, and must be
 * refused once the chosen byte is flipped or under another page number,
 * kind, database id or key. Both separate and in-place opening (as the
 * database layer does) are exercised. */
#include "fuzz-common.h"

#include "yk-page-cipher.h"
#include "yk-secret.h"

#include <string.h>

#define PREFIX_SIZE 16
#define SENTINEL 0xa5

static YkPageCipher *cipher;
static YkPageCipher *other_database;
static YkPageCipher *other_key;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr (YkSecret) key = NULL;
  g_autoptr (YkSecret) key2 = NULL;
  guint8 other_id[YK_DATABASE_ID_SIZE];

  fuzz_init ();
  key = fuzz_database_key_new (0);
  key2 = fuzz_database_key_new (1);
  memcpy (other_id, fuzz_database_id, sizeof other_id);
  other_id[YK_DATABASE_ID_SIZE - 1] ^= 0x80;
  cipher = yk_page_cipher_new (key, fuzz_database_id);
  other_database = yk_page_cipher_new (key, other_id);
  other_key = yk_page_cipher_new (key2, fuzz_database_id);
  return 0;
}

static guint64
read_u64 (const guint8 *p)
{
  guint64 v;

  memcpy (&v, p, 8);
  return GUINT64_FROM_LE (v);
}

static gboolean
all_bytes (const guint8 *p,
           gsize         len,
           guint8        value)
{
  for (gsize i = 0; i < len; i++)
    if (p[i] != value)
      return FALSE;
  return TRUE;
}

/* After a refused open of before into after: no plaintext in after. The
 * payload part is left as it was or zeroed, the reserved bytes as they
 * were. */
static gboolean
nothing_released (const guint8 *before,
                  const guint8 *after)
{
  return (memcmp (after, before, YK_PAGE_PAYLOAD) == 0 ||
          all_bytes (after, YK_PAGE_PAYLOAD, 0)) &&
         memcmp (after + YK_PAGE_PAYLOAD, before + YK_PAGE_PAYLOAD, YK_PAGE_RESERVE) == 0;
}

/* Refused, into a separate buffer and in place. */
static void
expect_refused (YkPageCipher *c,
                const guint8 *sealed,
                guint64       page_number,
                YkFileKind    kind)
{
  g_autofree guint8 *sentinel = g_malloc (YK_PAGE_SIZE);
  g_autofree guint8 *out = g_malloc (YK_PAGE_SIZE);
  g_autofree guint8 *in_place = g_memdup2 (sealed, YK_PAGE_SIZE);

  memset (sentinel, SENTINEL, YK_PAGE_SIZE);
  memcpy (out, sentinel, YK_PAGE_SIZE);
  FUZZ_CHECK (!yk_page_cipher_open (c, sealed, out, page_number, kind));
  FUZZ_CHECK (nothing_released (sentinel, out));
  FUZZ_CHECK (!yk_page_cipher_open (c, in_place, in_place, page_number, kind));
  FUZZ_CHECK (nothing_released (sealed, in_place));
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  guint8 prefix[PREFIX_SIZE] = { 0 };
  g_autofree guint8 *page = g_malloc0 (YK_PAGE_SIZE);
  g_autofree guint8 *out = g_malloc (YK_PAGE_SIZE);
  g_autofree guint8 *in_place = g_malloc (YK_PAGE_SIZE);
  g_autofree guint8 *sealed = g_malloc (YK_PAGE_SIZE);
  g_autofree guint8 *sealed_again = g_malloc (YK_PAGE_SIZE);
  YkFileKind kind, other_kind;
  guint64 page_number;
  gsize flip;
  guint8 mask;
  gboolean opened;

  memcpy (prefix, data, MIN (size, (gsize) PREFIX_SIZE));
  if (size > PREFIX_SIZE)
    memcpy (page, data + PREFIX_SIZE, MIN (size - PREFIX_SIZE, (gsize) YK_PAGE_SIZE));
  kind = (prefix[0] & 1) ? YK_FILE_KIND_JOURNAL : YK_FILE_KIND_DATABASE;
  other_kind = kind == YK_FILE_KIND_DATABASE ? YK_FILE_KIND_JOURNAL : YK_FILE_KIND_DATABASE;
  page_number = read_u64 (prefix + 1);
  flip = (prefix[9] | (gsize) prefix[10] << 8) % YK_PAGE_SIZE;
  mask = prefix[11] != 0 ? prefix[11] : 1;

  /* 1. The input as a sealed page: a forgery unless it is a seed. */
  memset (sealed, SENTINEL, YK_PAGE_SIZE);
  memcpy (out, sealed, YK_PAGE_SIZE);
  opened = yk_page_cipher_open (cipher, page, out, page_number, kind);
  memcpy (in_place, page, YK_PAGE_SIZE);
  FUZZ_CHECK (yk_page_cipher_open (cipher, in_place, in_place, page_number, kind) == opened);
  if (!opened)
    {
      FUZZ_CHECK (nothing_released (sealed, out));
      FUZZ_CHECK (nothing_released (page, in_place));
    }
  else
    {
      FUZZ_CHECK (all_bytes (out + YK_PAGE_PAYLOAD, YK_PAGE_RESERVE, 0));
      FUZZ_CHECK (memcmp (in_place, out, YK_PAGE_SIZE) == 0);
      page[flip] ^= mask;
      expect_refused (cipher, page, page_number, kind);
      page[flip] ^= mask;
    }
  expect_refused (other_database, page, page_number, kind);
  expect_refused (other_key, page, page_number, kind);

  /* 2. The input's payload sealed, then opened. The reserved bytes of
   * the plaintext are not the cipher's to read. */
  yk_page_cipher_seal (cipher, page, sealed, page_number, kind);
  memset (out, SENTINEL, YK_PAGE_SIZE);
  FUZZ_CHECK (yk_page_cipher_open (cipher, sealed, out, page_number, kind));
  FUZZ_CHECK (memcmp (out, page, YK_PAGE_PAYLOAD) == 0);
  FUZZ_CHECK (all_bytes (out + YK_PAGE_PAYLOAD, YK_PAGE_RESERVE, 0));

  memcpy (in_place, sealed, YK_PAGE_SIZE);
  FUZZ_CHECK (yk_page_cipher_open (cipher, in_place, in_place, page_number, kind));
  FUZZ_CHECK (memcmp (in_place, out, YK_PAGE_SIZE) == 0);

  /* A fresh nonce each time. */
  yk_page_cipher_seal (cipher, page, sealed_again, page_number, kind);
  FUZZ_CHECK (memcmp (sealed + YK_PAGE_PAYLOAD, sealed_again + YK_PAGE_PAYLOAD,
                      YK_PAGE_RESERVE) != 0);

  /* Any one flipped byte, and any other context, is refused. */
  sealed[flip] ^= mask;
  expect_refused (cipher, sealed, page_number, kind);
  sealed[flip] ^= mask;
  expect_refused (cipher, sealed, page_number + 1, kind);
  expect_refused (cipher, sealed, page_number ^ G_GUINT64_CONSTANT (0x8000000000000000), kind);
  expect_refused (cipher, sealed, page_number, other_kind);
  expect_refused (other_database, sealed, page_number, kind);
  expect_refused (other_key, sealed, page_number, kind);

  /* Still intact after all that. */
  FUZZ_CHECK (yk_page_cipher_open (cipher, sealed, out, page_number, kind));
  return 0;
}
