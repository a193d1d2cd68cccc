/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Writes the seed corpora of the fuzz targets, with the fixed key of
 * fuzz-common.c, under OUTDIR/<target>/:
 *
 *   fuzz-seed-gen OUTDIR     (normally tests/fuzz/corpus)
 *
 * Salts, key pairs and nonces are random, so the bytes differ from run to
 * run; what they are (valid, sealed with the fixed key) does not. */
#include "fuzz-common.h"

#include "yk-crypto-error.h"
#include "yk-header.h"
#include "yk-journal-header.h"
#include "yk-key-slot.h"
#include "yk-page-cipher.h"
#include "yk-recovery-key.h"
#include "yk-secret.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* Where the header target's fix-up mode still sees two slots. */
#define SMALL_HEADER_SIZE (128 + 2 * 320)

static void
write_seed (const char   *outdir,
            const char   *target,
            const char   *name,
            const guint8 *prefix,
            gsize         prefix_len,
            const guint8 *body,
            gsize         body_len)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_build_filename (outdir, target, NULL);
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_autofree guint8 *bytes = g_malloc (prefix_len + body_len + 1);

  if (prefix_len > 0)
    memcpy (bytes, prefix, prefix_len);
  if (body_len > 0)
    memcpy (bytes + prefix_len, body, body_len);
  if (g_mkdir_with_parents (dir, 0755) != 0 ||
      !g_file_set_contents (path, (const char *) bytes, prefix_len + body_len, &error))
    {
      fprintf (stderr, "%s: %s\n", path, error != NULL ? error->message : g_strerror (errno));
      exit (1);
    }
  printf ("%s (%" G_GSIZE_FORMAT " bytes)\n", path, prefix_len + body_len);
}

static void
write_header_seeds (const char     *outdir,
                    const YkSecret *key)
{
  g_autoptr (GError) error = NULL;
  g_autofree YkHeader *header = g_new0 (YkHeader, 1);
  g_autofree guint8 *area = g_malloc0 (YK_HEADER_AREA_SIZE);
  const guint8 raw = 0x00;
  const guint8 fix_up = 0x0f; /* fix-up mode, both checksums, sizes */

  yk_header_init (header);
  memcpy (header->database_id, fuzz_database_id, YK_DATABASE_ID_SIZE);
  if (!yk_key_slot_init_account (&header->slots[0], 0, header->database_id,
                                 "张社工", "correct horse battery", YK_KDF_INTERACTIVE,
                                 key, &error))
    {
      fprintf (stderr, "yk_key_slot_init_account: %s\n", error->message);
      exit (1);
    }
  header->generation = 7;
  yk_header_serialize (header, key, area);
  header->generation = 8;
  yk_header_serialize (header, key, area + YK_HEADER_COPY_SIZE);

  write_seed (outdir, "fuzz-header", "valid-area", &raw, 1, area, YK_HEADER_AREA_SIZE);
  write_seed (outdir, "fuzz-header", "truncated-area", &raw, 1, area, 4096);
  write_seed (outdir, "fuzz-header", "fix-up-two-slots", &fix_up, 1, area, SMALL_HEADER_SIZE);
}

static void
write_page_seed (const char   *outdir,
                 const char   *name,
                 YkPageCipher *cipher,
                 YkFileKind    kind,
                 guint64       page_number)
{
  guint8 prefix[16] = { 0 };
  guint8 plain[YK_PAGE_SIZE];
  guint8 sealed[YK_PAGE_SIZE];
  guint64 number_le = GUINT64_TO_LE (page_number);

  prefix[0] = kind == YK_FILE_KIND_JOURNAL ? 1 : 0;
  memcpy (prefix + 1, &number_le, 8);
  prefix[9] = 0xa0; /* flip byte 4000 (0x0fa0), in the payload */
  prefix[10] = 0x0f;
  prefix[11] = 0x01;
  memset (plain, 0, sizeof plain);
  /* The start of an SQLite database page 1, then zeros. */
  memcpy (plain, "SQLite format 3", 16);
  yk_page_cipher_seal (cipher, plain, sealed, page_number, kind);
  write_seed (outdir, "fuzz-page", name, prefix, sizeof prefix, sealed, sizeof sealed);
}

static void
write_page_seeds (const char     *outdir,
                  const YkSecret *key)
{
  g_autoptr (YkPageCipher) cipher = yk_page_cipher_new (key, fuzz_database_id);
  /* Database page 5, flip byte 0 with mask 1, a payload of "short". */
  static const guint8 short_page[] = "\x00\x05\x00\x00\x00\x00\x00\x00"
                                     "\x00\x00\x00\x01\x00\x00\x00\x00"
                                     "short";

  write_page_seed (outdir, "database-page-1", cipher, YK_FILE_KIND_DATABASE, 1);
  write_page_seed (outdir, "journal-page-high", cipher, YK_FILE_KIND_JOURNAL,
                   G_GUINT64_CONSTANT (0xfffffffffffffffe));
  write_seed (outdir, "fuzz-page", "short", NULL, 0, short_page, sizeof short_page - 1);
}

static void
put_be32 (guint8 *p, guint32 value)
{
  p[0] = value >> 24;
  p[1] = value >> 16;
  p[2] = value >> 8;
  p[3] = value;
}

/* A journal header as SQLite writes it: magic, record count, checksum
 * initializer, database size, sector size, page size, zeros. */
static void
write_journal_seed (const char   *outdir,
                    const char   *name,
                    YkJournalKey *key,
                    guint8        flags,
                    guint64       offset,
                    guint32       database_pages,
                    gboolean      seal)
{
  static const guint8 magic[8] = { 0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7 };
  guint8 prefix[16] = { 0 };
  guint8 sector[YK_JOURNAL_SECTOR_SIZE] = { 0 };
  guint64 offset_le = GUINT64_TO_LE (offset);

  prefix[0] = flags;
  memcpy (prefix + 1, &offset_le, 8);
  prefix[9] = 0x10; /* flip byte 16, the database size */
  prefix[11] = 0x01;
  memcpy (sector, magic, sizeof magic);
  put_be32 (sector + 8, 3);
  put_be32 (sector + 12, 0x12345678);
  put_be32 (sector + 16, database_pages);
  put_be32 (sector + 20, YK_JOURNAL_SECTOR_SIZE);
  put_be32 (sector + 24, YK_PAGE_SIZE);
  if (seal)
    yk_journal_header_seal (key, sector, offset);
  write_seed (outdir, "fuzz-journal-header", name, prefix, sizeof prefix, sector, sizeof sector);
}

static void
write_journal_seeds (const char     *outdir,
                     const YkSecret *secret)
{
  g_autoptr (YkJournalKey) key = yk_journal_key_new (secret, fuzz_database_id);

  write_journal_seed (outdir, "first-header", key, YK_JOURNAL_HEADER_NEED_MAGIC, 0, 40, TRUE);
  write_journal_seed (outdir, "later-header", key, 0, 13 * YK_JOURNAL_SECTOR_SIZE, 40, TRUE);
  write_journal_seed (outdir, "creating", key, YK_JOURNAL_HEADER_MAY_EMPTY, 0, 0, TRUE);
  /* Issue #15: the plaintext header that used to empty a database. */
  write_journal_seed (outdir, "forged-empty", key, YK_JOURNAL_HEADER_NEED_MAGIC, 0, 0, FALSE);
}

static void
write_recovery_key_seeds (const char *outdir)
{
  g_autoptr (YkSecret) key = yk_secret_new (YK_RECOVERY_KEY_BYTES);
  g_autofree char *text = NULL;
  g_autofree char *relaxed = NULL;
  g_autofree char *typo = NULL;
  char *p;

  for (guint i = 0; i < YK_RECOVERY_KEY_BYTES; i++)
    yk_secret_data (key)[i] = (guint8) (i * 37 + 11);
  text = yk_recovery_key_format (key);
  write_seed (outdir, "fuzz-recovery-key", "valid", NULL, 0, (const guint8 *) text, strlen (text));

  /* Lower case, spaces for dashes, O for 0, l for 1. */
  relaxed = g_ascii_strdown (text, -1);
  for (p = relaxed; *p; p++)
    if (*p == '-')
      *p = ' ';
    else if (*p == '0')
      *p = 'o';
    else if (*p == '1')
      *p = 'l';
  write_seed (outdir, "fuzz-recovery-key", "relaxed", NULL, 0,
              (const guint8 *) relaxed, strlen (relaxed));

  typo = g_strdup (text);
  typo[5] = typo[5] == 'X' ? 'Y' : 'X';
  write_seed (outdir, "fuzz-recovery-key", "typo", NULL, 0, (const guint8 *) typo, strlen (typo));
}

int
main (int argc, char **argv)
{
  g_autoptr (YkSecret) key = NULL;

  if (argc != 2)
    {
      fprintf (stderr, "usage: %s OUTDIR\n", argv[0]);
      return 2;
    }
  fuzz_init ();
  key = fuzz_database_key_new (0);
  write_header_seeds (argv[1], key);
  write_page_seeds (argv[1], key);
  write_recovery_key_seeds (argv[1]);
  write_journal_seeds (argv[1], key);
  return 0;
}
