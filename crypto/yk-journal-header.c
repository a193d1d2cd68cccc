/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-crypto"

#include "yk-journal-header.h"
#include "yk-keys.h"
#include "yk-secret.h"

#include <sodium.h>
#include <string.h>

#define MAC_DOMAIN "yukang journal header"
#define PAD_DOMAIN "yukang journal checksum"
#define AUTHENTICATED_START 12

G_STATIC_ASSERT (YK_JOURNAL_HEADER_NONCE_OFFSET + YK_JOURNAL_HEADER_NONCE_SIZE <=
                 YK_JOURNAL_HEADER_MAC_OFFSET);
G_STATIC_ASSERT (YK_JOURNAL_HEADER_MAC_OFFSET + YK_JOURNAL_HEADER_MAC_SIZE == YK_JOURNAL_SECTOR_SIZE);

static const guint8 sqlite_magic[8] = { 0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7 };

struct _YkJournalKey
{
  gint ref_count;
  YkSecret *key;
  guint8 database_id[YK_DATABASE_ID_SIZE];
};

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

YkJournalKey *
yk_journal_key_new (const YkSecret *database_key,
                    const guint8    database_id[YK_DATABASE_ID_SIZE])
{
  YkJournalKey *key = g_new0 (YkJournalKey, 1);

  key->ref_count = 1;
  key->key = yk_keys_derive (database_key, YK_SUBKEY_JOURNAL);
  memcpy (key->database_id, database_id, YK_DATABASE_ID_SIZE);
  return key;
}

YkJournalKey *
yk_journal_key_ref (YkJournalKey *key)
{
  g_atomic_int_inc (&key->ref_count);
  return key;
}

void
yk_journal_key_unref (YkJournalKey *key)
{
  if (key == NULL || !g_atomic_int_dec_and_test (&key->ref_count))
    return;
  yk_secret_free (key->key);
  g_free (key);
}

static void
compute_mac (const YkJournalKey *key,
             const guint8       *sector,
             guint64             offset,
             guint8              mac[YK_JOURNAL_HEADER_MAC_SIZE])
{
  crypto_generichash_state state;
  guint64 offset_le = GUINT64_TO_LE (offset);
  guint32 version_le = GUINT32_TO_LE (YK_FORMAT_VERSION);

  crypto_generichash_init (&state, yk_secret_peek (key->key), yk_secret_len (key->key),
                           YK_JOURNAL_HEADER_MAC_SIZE);
  crypto_generichash_update (&state, (const guint8 *) MAC_DOMAIN, sizeof MAC_DOMAIN);
  crypto_generichash_update (&state, key->database_id, YK_DATABASE_ID_SIZE);
  crypto_generichash_update (&state, (const guint8 *) &offset_le, 8);
  crypto_generichash_update (&state, (const guint8 *) &version_le, 4);
  crypto_generichash_update (&state, sector + AUTHENTICATED_START,
                             YK_JOURNAL_HEADER_MAC_OFFSET - AUTHENTICATED_START);
  crypto_generichash_final (&state, mac, YK_JOURNAL_HEADER_MAC_SIZE);
}

gboolean
yk_journal_header_has_magic (const guint8 *bytes,
                             gsize         length)
{
  return length >= sizeof sqlite_magic && memcmp (bytes, sqlite_magic, sizeof sqlite_magic) == 0;
}

/* Called with the sector SQLite is about to write: a fresh nonce, then
 * the MAC, in the bytes SQLite left as padding. */
void
yk_journal_header_seal (YkJournalKey *key,
                        guint8        sector[YK_JOURNAL_SECTOR_SIZE],
                        guint64       offset)
{
  randombytes_buf (sector + YK_JOURNAL_HEADER_NONCE_OFFSET, YK_JOURNAL_HEADER_NONCE_SIZE);
  compute_mac (key, sector, offset, sector + YK_JOURNAL_HEADER_MAC_OFFSET);
}

/* The one place a journal header from disk is judged, by the VFS and by
 * fuzz-journal-header alike. Only a VALID header's fields are written
 * to out. */
YkJournalHeaderStatus
yk_journal_header_read (YkJournalKey         *key,
                        const guint8         *bytes,
                        gsize                 length,
                        guint64               offset,
                        YkJournalHeaderFlags  flags,
                        YkJournalHeader      *out)
{
  guint8 mac[YK_JOURNAL_HEADER_MAC_SIZE];
  gboolean authentic;

  if (length < YK_JOURNAL_SECTOR_SIZE || offset % YK_JOURNAL_SECTOR_SIZE != 0)
    return YK_JOURNAL_HEADER_ABSENT;
  if ((flags & YK_JOURNAL_HEADER_NEED_MAGIC) && !yk_journal_header_has_magic (bytes, length))
    return YK_JOURNAL_HEADER_ABSENT;

  compute_mac (key, bytes, offset, mac);
  authentic = sodium_memcmp (mac, bytes + YK_JOURNAL_HEADER_MAC_OFFSET, sizeof mac) == 0;
  sodium_memzero (mac, sizeof mac);
  /* Yukang's pages and sectors never change size: anything else was not
   * written by Yukang, whatever its MAC says. */
  if (!authentic || read_be32 (bytes + 20) != YK_JOURNAL_SECTOR_SIZE ||
      read_be32 (bytes + 24) != YK_PAGE_SIZE)
    return YK_JOURNAL_HEADER_FORGED;
  if (read_be32 (bytes + 16) == 0 && !(flags & YK_JOURNAL_HEADER_MAY_EMPTY))
    return YK_JOURNAL_HEADER_EMPTIES;

  out->records = read_be32 (bytes + 8);
  out->checksum_init = read_be32 (bytes + 12);
  out->database_pages = read_be32 (bytes + 16);
  memcpy (out->nonce, bytes + YK_JOURNAL_HEADER_NONCE_OFFSET, YK_JOURNAL_HEADER_NONCE_SIZE);
  return YK_JOURNAL_HEADER_VALID;
}

/* SQLite's record checksum is its initializer plus sampled plaintext
 * bytes; XORed with this keyed pad it says nothing without the key. The
 * pad is bound to the journal's first header (its nonce), the record's
 * offset and its page number. */
guint32
yk_journal_checksum_pad (YkJournalKey *key,
                         const guint8  nonce[YK_JOURNAL_HEADER_NONCE_SIZE],
                         guint64       offset,
                         guint32       page_number)
{
  crypto_generichash_state state;
  guint64 offset_le = GUINT64_TO_LE (offset);
  guint32 number_le = GUINT32_TO_LE (page_number);
  guint8 out[crypto_generichash_BYTES_MIN];
  guint32 pad;

  crypto_generichash_init (&state, yk_secret_peek (key->key), yk_secret_len (key->key), sizeof out);
  crypto_generichash_update (&state, (const guint8 *) PAD_DOMAIN, sizeof PAD_DOMAIN);
  crypto_generichash_update (&state, key->database_id, YK_DATABASE_ID_SIZE);
  crypto_generichash_update (&state, nonce, YK_JOURNAL_HEADER_NONCE_SIZE);
  crypto_generichash_update (&state, (const guint8 *) &offset_le, 8);
  crypto_generichash_update (&state, (const guint8 *) &number_le, 4);
  crypto_generichash_final (&state, out, sizeof out);
  memcpy (&pad, out, sizeof pad);
  sodium_memzero (out, sizeof out);
  return pad;
}
