/* SPDX-License-Identifier: GPL-3.0-or-later */
/* libFuzzer target: the journal header reader (crypto/yk-journal-header.c),
 * which the VFS shim calls on every header SQLite would use.
 *
 * Input: a 16-byte prefix, then the bytes of the sector (any length).
 * Prefix:
 *
 *   [0]      bit 0: need the magic; bit 1: the database may be empty
 *   [1..8]   offset of the header in the journal, little-endian
 *   [9..10]  offset of a byte to flip, little-endian, modulo the sector size
 *   [11]     XOR mask for that byte (0 means 1)
 *   [12..15] unused
 *
 * The input is first judged as it is: only a header sealed with the fixed
 * key (a seed) may be VALID, and only a VALID read fills in the fields.
 * Then the input is sealed at a sector-aligned offset, must read back
 * VALID exactly when its fields are what Yukang writes, and must stop
 * being VALID once any authenticated byte is flipped, at another offset,
 * or under another key or database. */
#include "fuzz-common.h"

#include "yk-journal-header.h"
#include "yk-secret.h"

#include <string.h>

#define PREFIX_SIZE 16
#define SECTOR YK_JOURNAL_SECTOR_SIZE

static YkJournalKey *key;
static YkJournalKey *other_database;
static YkJournalKey *other_key;

int
LLVMFuzzerInitialize (int *argc, char ***argv)
{
  g_autoptr (YkSecret) secret = NULL;
  g_autoptr (YkSecret) secret2 = NULL;
  guint8 other_id[YK_DATABASE_ID_SIZE];

  fuzz_init ();
  secret = fuzz_database_key_new (0);
  secret2 = fuzz_database_key_new (1);
  memcpy (other_id, fuzz_database_id, sizeof other_id);
  other_id[0] ^= 0x01;
  key = yk_journal_key_new (secret, fuzz_database_id);
  other_database = yk_journal_key_new (secret, other_id);
  other_key = yk_journal_key_new (secret2, fuzz_database_id);
  return 0;
}

static guint32
be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static gboolean
untouched (const YkJournalHeader *header)
{
  const guint8 *bytes = (const guint8 *) header;

  for (gsize i = 0; i < sizeof *header; i++)
    if (bytes[i] != 0xa5)
      return FALSE;
  return TRUE;
}

/* Reads, checking that a refusal leaves the fields alone and that a
 * VALID read hands back exactly the bytes it judged. */
static YkJournalHeaderStatus
judge (YkJournalKey         *k,
       const guint8         *bytes,
       gsize                 length,
       guint64               offset,
       YkJournalHeaderFlags  flags)
{
  YkJournalHeader header;
  YkJournalHeaderStatus status;

  memset (&header, 0xa5, sizeof header);
  status = yk_journal_header_read (k, bytes, length, offset, flags, &header);
  FUZZ_CHECK (status >= YK_JOURNAL_HEADER_VALID && status <= YK_JOURNAL_HEADER_EMPTIES);
  if (status != YK_JOURNAL_HEADER_VALID)
    {
      FUZZ_CHECK (untouched (&header));
      return status;
    }
  FUZZ_CHECK (length >= SECTOR && offset % SECTOR == 0);
  FUZZ_CHECK (!(flags & YK_JOURNAL_HEADER_NEED_MAGIC) || yk_journal_header_has_magic (bytes, length));
  FUZZ_CHECK (header.records == be32 (bytes + 8));
  FUZZ_CHECK (header.checksum_init == be32 (bytes + 12));
  FUZZ_CHECK (header.database_pages == be32 (bytes + 16));
  FUZZ_CHECK (header.database_pages != 0 || (flags & YK_JOURNAL_HEADER_MAY_EMPTY));
  FUZZ_CHECK (be32 (bytes + 20) == SECTOR && be32 (bytes + 24) == YK_PAGE_SIZE);
  FUZZ_CHECK (memcmp (header.nonce, bytes + YK_JOURNAL_HEADER_NONCE_OFFSET, sizeof header.nonce) == 0);
  return status;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  guint8 prefix[PREFIX_SIZE] = { 0 };
  guint8 sector[SECTOR] = { 0 };
  const guint8 *body = size > PREFIX_SIZE ? data + PREFIX_SIZE : NULL;
  gsize body_len = size > PREFIX_SIZE ? size - PREFIX_SIZE : 0;
  g_autofree guint8 *copy = g_memdup2 (body, body_len); /* exactly as long: ASan sees overreads */
  YkJournalHeaderFlags flags;
  YkJournalHeaderStatus status;
  guint64 offset, aligned;
  gsize flip;
  guint8 mask;
  gboolean expect_valid;

  memcpy (prefix, data, MIN (size, (gsize) PREFIX_SIZE));
  flags = prefix[0] & (YK_JOURNAL_HEADER_NEED_MAGIC | YK_JOURNAL_HEADER_MAY_EMPTY);
  memcpy (&offset, prefix + 1, 8);
  offset = GUINT64_FROM_LE (offset);
  flip = (prefix[9] | (gsize) prefix[10] << 8) % SECTOR;
  mask = prefix[11] != 0 ? prefix[11] : 1;

  /* 1. The input as it is: the same answer twice; VALID only for seeds. */
  status = judge (key, copy, body_len, offset, flags);
  FUZZ_CHECK (judge (key, copy, body_len, offset, flags) == status);
  if (status == YK_JOURNAL_HEADER_VALID)
    {
      FUZZ_CHECK (judge (other_key, copy, body_len, offset, flags) == YK_JOURNAL_HEADER_FORGED);
      FUZZ_CHECK (judge (other_database, copy, body_len, offset, flags) == YK_JOURNAL_HEADER_FORGED);
      FUZZ_CHECK (judge (key, copy, SECTOR - 1, offset, flags) == YK_JOURNAL_HEADER_ABSENT);
    }

  /* 2. The input sealed at a sector boundary, as the shim writes it. */
  if (body_len > 0)
    memcpy (sector, copy, MIN (body_len, (gsize) SECTOR));
  aligned = offset / SECTOR * SECTOR;
  yk_journal_header_seal (key, sector, aligned);
  expect_valid = be32 (sector + 20) == SECTOR && be32 (sector + 24) == YK_PAGE_SIZE &&
                 (be32 (sector + 16) != 0 || (flags & YK_JOURNAL_HEADER_MAY_EMPTY)) &&
                 (!(flags & YK_JOURNAL_HEADER_NEED_MAGIC) || yk_journal_header_has_magic (sector, SECTOR));
  status = judge (key, sector, SECTOR, aligned, flags);
  FUZZ_CHECK ((status == YK_JOURNAL_HEADER_VALID) == expect_valid);
  if (!expect_valid)
    return 0;

  /* Bytes 0-11 (magic, record count) are SQLite's to rewrite; every
   * other byte is authenticated. */
  sector[flip] ^= mask;
  status = judge (key, sector, SECTOR, aligned, flags);
  if (flip >= 12)
    FUZZ_CHECK (status == YK_JOURNAL_HEADER_FORGED);
  else if (flip < 8 && (flags & YK_JOURNAL_HEADER_NEED_MAGIC))
    FUZZ_CHECK (status == YK_JOURNAL_HEADER_ABSENT);
  else
    FUZZ_CHECK (status == YK_JOURNAL_HEADER_VALID);
  sector[flip] ^= mask;

  FUZZ_CHECK (judge (key, sector, SECTOR, aligned + SECTOR, flags) == YK_JOURNAL_HEADER_FORGED);
  if (aligned >= SECTOR)
    FUZZ_CHECK (judge (key, sector, SECTOR, aligned - SECTOR, flags) == YK_JOURNAL_HEADER_FORGED);
  FUZZ_CHECK (judge (key, sector, SECTOR, aligned + 1, flags) == YK_JOURNAL_HEADER_ABSENT);
  FUZZ_CHECK (judge (other_key, sector, SECTOR, aligned, flags) == YK_JOURNAL_HEADER_FORGED);
  FUZZ_CHECK (judge (other_database, sector, SECTOR, aligned, flags) == YK_JOURNAL_HEADER_FORGED);

  /* The checksum pad is a function of key, nonce, offset and page. */
  FUZZ_CHECK (yk_journal_checksum_pad (key, sector + YK_JOURNAL_HEADER_NONCE_OFFSET, offset, be32 (prefix + 12)) ==
              yk_journal_checksum_pad (key, sector + YK_JOURNAL_HEADER_NONCE_OFFSET, offset, be32 (prefix + 12)));

  FUZZ_CHECK (judge (key, sector, SECTOR, aligned, flags) == YK_JOURNAL_HEADER_VALID);
  return 0;
}
