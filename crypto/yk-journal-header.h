/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-crypto-types.h"

G_BEGIN_DECLS

/* SQLite's rollback journal header (pager.c), as the VFS shim sees it:
 * one 512-byte sector at a sector boundary of the journal.
 *
 *   0   8  magic              written last, after a sync; not authenticated
 *   8   4  record count       idem
 *   12  4  checksum initializer (random, per header)
 *   16  4  database size, in pages, before the transaction
 *   20  4  sector size (512)
 *   24  4  page size (4096)
 *   28 16  Yukang: random nonce
 *   44 ..  zeros
 *   480 32 Yukang: MAC
 *
 * SQLite pads the header with zeros to the sector size; Yukang's shim
 * fills in the nonce and the MAC in the same write. The MAC (keyed
 * BLAKE2b-256, the journal sub-key) covers the database id, the header's
 * offset in the journal and bytes 12–479. The magic and record count are
 * left out because SQLite writes them again later, in a 12-byte write of
 * their own (docs/design/file-format.md, "Journal headers"). */
#define YK_JOURNAL_SECTOR_SIZE 512
#define YK_JOURNAL_HEADER_NONCE_OFFSET 28
#define YK_JOURNAL_HEADER_NONCE_SIZE 16
#define YK_JOURNAL_HEADER_MAC_OFFSET 480
#define YK_JOURNAL_HEADER_MAC_SIZE 32

typedef struct _YkJournalKey YkJournalKey;

typedef enum
{
  YK_JOURNAL_HEADER_VALID,
  YK_JOURNAL_HEADER_ABSENT,  /* too short, not at a sector boundary, or no magic when
                              * one is needed: SQLite stops reading the journal here */
  YK_JOURNAL_HEADER_FORGED,  /* fails its MAC, or holds what Yukang never writes */
  YK_JOURNAL_HEADER_EMPTIES, /* authentic, but says the database was empty before:
                              * only ever true while a file is being created */
} YkJournalHeaderStatus;

typedef enum
{
  YK_JOURNAL_HEADER_NEED_MAGIC = 1 << 0,
  YK_JOURNAL_HEADER_MAY_EMPTY = 1 << 1,
} YkJournalHeaderFlags;

typedef struct
{
  guint32 records;
  guint32 checksum_init;
  guint32 database_pages;
  guint8 nonce[YK_JOURNAL_HEADER_NONCE_SIZE];
} YkJournalHeader;

YkJournalKey *yk_journal_key_new (const YkSecret *database_key,
                                  const guint8    database_id[YK_DATABASE_ID_SIZE]);
YkJournalKey *yk_journal_key_ref (YkJournalKey *key);
void yk_journal_key_unref (YkJournalKey *key);

gboolean yk_journal_header_has_magic (const guint8 *bytes,
                                      gsize         length);
void yk_journal_header_seal (YkJournalKey *key,
                             guint8        sector[YK_JOURNAL_SECTOR_SIZE],
                             guint64       offset);
YkJournalHeaderStatus yk_journal_header_read (YkJournalKey         *key,
                                              const guint8         *bytes,
                                              gsize                 length,
                                              guint64               offset,
                                              YkJournalHeaderFlags  flags,
                                              YkJournalHeader      *out);
guint32 yk_journal_checksum_pad (YkJournalKey *key,
                                 const guint8  nonce[YK_JOURNAL_HEADER_NONCE_SIZE],
                                 guint64       offset,
                                 guint32       page_number);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkJournalKey, yk_journal_key_unref)

G_END_DECLS
