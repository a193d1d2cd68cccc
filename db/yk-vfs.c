/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-vfs.h"
#include "yk-header.h"
#include "yk-journal-header.h"
#include "yk-page-cipher.h"

#include <string.h>

/*
 * The shim sits between SQLite and the default unix VFS:
 *  - database files: every page is sealed on write and opened on read
 *    (yk-page-cipher.c); all offsets are shifted past the plaintext
 *    header area, so page 1 is encrypted whole like any other;
 *  - rollback journals: page images (a page-sized access right after the
 *    4-byte page number) are sealed like pages; each header gets a MAC in
 *    its sector padding and is authenticated before SQLite may use it;
 *    each record's checksum is masked with a keyed pad
 *    (yk-journal-header.c);
 *  - a database is never empty once created: a file holding only its
 *    header area is damage unless yk_vfs_set_new_file() says it is new;
 *  - everything else (temporary files, sub-journals, WAL, super-journals)
 *    is refused, so a plaintext file is impossible rather than unlikely.
 * io_methods version 1 has no xShm* and no xFetch: no WAL, no mmap.
 */

typedef struct
{
  YkPageCipher *cipher;
  int attachments;
  gboolean new_file; /* being created: its database may still be empty */
  gboolean snapshot; /* opened read-only as a snapshot */
  YkDamage damage; /* the last failure of any file of this database */
} YkCipherEntry;

typedef struct
{
  sqlite3_file base;
  sqlite3_file *real;       /* the unix VFS's file, allocated right after us */
  YkPageCipher *cipher;
  YkFileKind kind;
  sqlite3_int64 shift;      /* the header area before page 1, or 0 */
  guint32 pages_in_header;  /* database size as page 1 last said, 0 if unknown */
  sqlite3_int64 last_number_offset; /* journal: where the last 4-byte page number went */
  guint32 last_number;
  sqlite3_int64 last_image_offset; /* journal: the last page image read or written */
  guint32 last_image_number;
  GArray *headers;          /* journal: offsets of headers written or authenticated */
  guint8 first_nonce[YK_JOURNAL_HEADER_NONCE_SIZE]; /* of the header at offset 0 */
  gboolean first_nonce_valid;
  YkJournalKey *journal_key;
  YkDamage damage;
  char *database_path;      /* registry key, for reporting damage */
  guint8 *scratch;          /* one page */
  guint8 *page_one;         /* page 1 as last read or written, opened */
  guint8 page_one_trailer[YK_PAGE_RESERVE]; /* its nonce and tag on disk */
  gboolean page_one_valid;
} YkFile;

static sqlite3_vfs *real_vfs;
static sqlite3_vfs yk_vfs;
static GMutex registry_lock;
static GHashTable *registry; /* full path → YkCipherEntry */
static YkVfsWriteHook write_hook;

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static void
cipher_entry_free (gpointer data)
{
  YkCipherEntry *entry = data;

  yk_page_cipher_unref (entry->cipher);
  g_free (entry);
}

static YkPageCipher *
lookup_cipher (const char *full_path)
{
  YkPageCipher *cipher = NULL;
  YkCipherEntry *entry;

  g_mutex_lock (&registry_lock);
  entry = registry ? g_hash_table_lookup (registry, full_path) : NULL;
  if (entry != NULL)
    cipher = yk_page_cipher_ref (entry->cipher);
  g_mutex_unlock (&registry_lock);
  return cipher;
}

/* Page 1 says how many pages the database has (when its "version valid
 * for" matches the change counter): a missing page is then damage, not
 * the end of the file. */
static void
note_page_one (YkFile       *file,
               const guint8 *page)
{
  if (memcmp (page + 24, page + 92, 4) == 0)
    file->pages_in_header = read_be32 (page + 28);
}

/* Kept on the file and on its database's registry entry: when page 1
 * fails while SQLite opens the file, there is no connection to ask. */
static void
record_damage (YkFile   *file,
               YkDamage  damage)
{
  YkCipherEntry *entry;

  damage.damaged = TRUE;
  damage.kind = file->kind;
  file->damage = damage;
  g_mutex_lock (&registry_lock);
  entry = registry ? g_hash_table_lookup (registry, file->database_path) : NULL;
  if (entry != NULL)
    entry->damage = file->damage;
  g_mutex_unlock (&registry_lock);
}

static void
note_damage (YkFile    *file,
             guint64    page,
             gboolean   missing)
{
  record_damage (file, (YkDamage) { .page = page, .missing = missing });
  sqlite3_log (SQLITE_IOERR_DATA, "yukang: page %llu of a %s failed authentication",
               (unsigned long long) page, file->kind == YK_FILE_KIND_DATABASE ? "database" : "journal");
}

/* The file ends early: say after which page, and of how many when page 1
 * has told. */
static void
note_missing (YkFile *file)
{
  sqlite3_int64 size = 0;
  guint64 present;

  file->real->pMethods->xFileSize (file->real, &size);
  present = size > file->shift ? (guint64) (size - file->shift) / YK_PAGE_SIZE : 0;
  record_damage (file, (YkDamage) { .page = present + 1, .missing = TRUE,
                                    .pages_expected = file->pages_in_header });
  sqlite3_log (SQLITE_IOERR_DATA, "yukang: the database file ends after page %llu of %u",
               (unsigned long long) present, file->pages_in_header);
}

static void
note_journal_header (YkFile                *file,
                     sqlite3_int64          offset,
                     YkJournalHeaderStatus  status)
{
  record_damage (file, (YkDamage) { .journal_header = status, .journal_offset = (guint64) offset });
  sqlite3_log (SQLITE_IOERR_DATA, "yukang: the journal header at byte %lld %s", (long long) offset,
               status == YK_JOURNAL_HEADER_EMPTIES ? "would empty the database" : "is not authentic");
}

/* Only yk_store_create() and the copies of yk-store-copy.c, while they
 * write a file's first pages, may find its database empty. */
static gboolean
may_be_empty (YkFile *file)
{
  YkCipherEntry *entry;
  gboolean is_new;

  g_mutex_lock (&registry_lock);
  entry = registry ? g_hash_table_lookup (registry, file->database_path) : NULL;
  is_new = entry != NULL && entry->new_file;
  g_mutex_unlock (&registry_lock);
  return is_new;
}

static void
remember_page_one (YkFile       *file,
                   const guint8 *plain)
{
  note_page_one (file, plain);
  memcpy (file->page_one, plain, YK_PAGE_SIZE);
  file->page_one_valid = TRUE;
}

/* SQLite reads 16 bytes of page 1 (the change counter) at the start of
 * every read transaction. Opening the whole page each time doubled the
 * cost of point reads, so page 1 is kept opened, and used again while
 * its nonce and tag on disk are the ones it was opened with: every write,
 * by any process, seals it with a fresh random nonce. What is served is
 * always a page that authenticated. */
static gboolean
page_one_unchanged (YkFile *file)
{
  guint8 trailer[YK_PAGE_RESERVE];

  return file->page_one_valid &&
         file->real->pMethods->xRead (file->real, trailer, YK_PAGE_RESERVE,
                                      file->shift + YK_PAGE_PAYLOAD) == SQLITE_OK &&
         memcmp (trailer, file->page_one_trailer, YK_PAGE_RESERVE) == 0;
}

/* Reads one whole database page and opens it. Returns SQLITE_OK,
 * SQLITE_IOERR_SHORT_READ (the page is past the end: buffer zeroed) or an
 * error. */
static int
read_database_page (YkFile        *file,
                    guint8        *page,
                    sqlite3_int64  page_offset)
{
  guint64 number = (guint64) (page_offset / YK_PAGE_SIZE) + 1;
  int rc = file->real->pMethods->xRead (file->real, page, YK_PAGE_SIZE, page_offset + file->shift);

  if (rc == SQLITE_IOERR_SHORT_READ)
    {
      sqlite3_int64 size = 0;

      file->real->pMethods->xFileSize (file->real, &size);
      memset (page, 0, YK_PAGE_SIZE);
      /* Part of a page, a page that page 1 says exists, or page 1 of a
       * file not being created: truncated, never a new database. */
      if (size > page_offset + file->shift || number <= file->pages_in_header ||
          (number == 1 && !may_be_empty (file)))
        {
          note_missing (file);
          return SQLITE_IOERR_DATA;
        }
      return SQLITE_IOERR_SHORT_READ;
    }
  if (rc != SQLITE_OK)
    return rc;
  if (number == 1)
    memcpy (file->page_one_trailer, page + YK_PAGE_PAYLOAD, YK_PAGE_RESERVE);
  if (!yk_page_cipher_open (file->cipher, page, page, number, YK_FILE_KIND_DATABASE))
    {
      note_damage (file, number, FALSE);
      memset (page, 0, YK_PAGE_SIZE);
      if (number == 1)
        file->page_one_valid = FALSE;
      return SQLITE_IOERR_DATA;
    }
  if (number == 1)
    remember_page_one (file, page);
  return SQLITE_OK;
}

static int
database_read (YkFile        *file,
               void          *buffer,
               int            amount,
               sqlite3_int64  offset)
{
  sqlite3_int64 page_offset = offset - offset % YK_PAGE_SIZE;
  int within = (int) (offset - page_offset);
  int rc;

  if (within + amount > YK_PAGE_SIZE)
    return SQLITE_IOERR_READ; /* SQLite never reads across pages at 4096 */
  if (amount == YK_PAGE_SIZE)
    return read_database_page (file, buffer, offset);

  if (page_offset == 0 && page_one_unchanged (file))
    {
      memcpy (buffer, file->page_one + within, amount);
      return SQLITE_OK;
    }
  /* SQLite reads 100 and 16 bytes of page 1: open the whole page. */
  rc = read_database_page (file, file->scratch, page_offset);
  memcpy (buffer, file->scratch + within, amount);
  return rc;
}

static guint32
journal_page_number (YkFile        *file,
                     sqlite3_int64  image_offset)
{
  guint8 bytes[4] = { 0 };

  if (file->last_number_offset == image_offset - 4)
    return file->last_number;
  if (image_offset >= 4)
    file->real->pMethods->xRead (file->real, bytes, 4, image_offset - 4);
  return read_be32 (bytes);
}

static gboolean
known_header (YkFile        *file,
              sqlite3_int64  offset)
{
  for (guint i = 0; i < file->headers->len; i++)
    if (g_array_index (file->headers, sqlite3_int64, i) == offset)
      return TRUE;
  return FALSE;
}

static void
remember_header (YkFile                *file,
                 sqlite3_int64          offset,
                 const YkJournalHeader *header)
{
  if (!known_header (file, offset))
    g_array_append_val (file->headers, offset);
  if (offset == 0)
    {
      memcpy (file->first_nonce, header->nonce, YK_JOURNAL_HEADER_NONCE_SIZE);
      file->first_nonce_valid = TRUE;
    }
}

/* After a truncation nothing past the new end is a header any more. */
static void
forget_journal_beyond (YkFile        *file,
                       sqlite3_int64  size)
{
  for (guint i = file->headers->len; i > 0; i--)
    if (g_array_index (file->headers, sqlite3_int64, i - 1) + YK_JOURNAL_SECTOR_SIZE > size)
      g_array_remove_index_fast (file->headers, i - 1);
  if (size < YK_JOURNAL_SECTOR_SIZE)
    file->first_nonce_valid = FALSE;
  file->last_image_offset = -1;
  file->last_number_offset = -1;
}

/* Reads the sector at offset and judges it as a header. A header that is
 * forged, or would empty a database that is not new, is damage; a
 * sector past the end of the file is ABSENT. */
static int
read_header (YkFile                *file,
             sqlite3_int64          offset,
             YkJournalHeaderFlags   flags,
             guint8                *sector,
             YkJournalHeaderStatus *status,
             YkJournalHeader       *header)
{
  int rc = file->real->pMethods->xRead (file->real, sector, YK_JOURNAL_SECTOR_SIZE, offset);

  *status = YK_JOURNAL_HEADER_ABSENT;
  if (rc == SQLITE_IOERR_SHORT_READ)
    return SQLITE_OK;
  if (rc != SQLITE_OK)
    return rc;
  if (may_be_empty (file))
    flags |= YK_JOURNAL_HEADER_MAY_EMPTY;
  *status = yk_journal_header_read (file->journal_key, sector, YK_JOURNAL_SECTOR_SIZE, (guint64) offset,
                                    flags, header);
  if (*status == YK_JOURNAL_HEADER_VALID)
    remember_header (file, offset, header);
  else if (*status != YK_JOURNAL_HEADER_ABSENT)
    {
      note_journal_header (file, offset, *status);
      return SQLITE_IOERR_DATA;
    }
  return SQLITE_OK;
}

/* Before SQLite plays a journal back, every header it will come to is
 * checked, following pager_playback(): the records after each header,
 * then the next header at the following sector boundary. A forged
 * header late in the file is so found before any page is written back. */
static int
check_journal_headers (YkFile *file)
{
  guint8 sector[YK_JOURNAL_SECTOR_SIZE];
  sqlite3_int64 size = 0;
  guint64 offset = 0;
  int rc = file->real->pMethods->xFileSize (file->real, &size);

  while (rc == SQLITE_OK && offset + YK_JOURNAL_SECTOR_SIZE <= (guint64) size)
    {
      YkJournalHeaderStatus status;
      YkJournalHeader header;
      guint64 end;

      rc = read_header (file, (sqlite3_int64) offset, YK_JOURNAL_HEADER_NEED_MAGIC, sector, &status, &header);
      if (rc != SQLITE_OK || status != YK_JOURNAL_HEADER_VALID)
        break; /* damage, or the end SQLite stops at */
      if (header.records == G_MAXUINT32)
        break; /* records up to the end of the file, no more headers */
      end = offset + YK_JOURNAL_SECTOR_SIZE + (guint64) header.records * YK_JOURNAL_RECORD_SIZE;
      offset = (end + YK_JOURNAL_SECTOR_SIZE - 1) / YK_JOURNAL_SECTOR_SIZE * YK_JOURNAL_SECTOR_SIZE;
    }
  return rc;
}

/* The nonce of the journal's first header keys every checksum pad. */
static int
ensure_first_nonce (YkFile *file)
{
  guint8 sector[YK_JOURNAL_SECTOR_SIZE];
  YkJournalHeaderStatus status;
  YkJournalHeader header;
  int rc;

  if (file->first_nonce_valid)
    return SQLITE_OK;
  rc = read_header (file, 0, 0, sector, &status, &header);
  if (rc == SQLITE_OK && status != YK_JOURNAL_HEADER_VALID)
    {
      /* A record with no header before it. */
      note_journal_header (file, 0, YK_JOURNAL_HEADER_FORGED);
      rc = SQLITE_IOERR_DATA;
    }
  return rc;
}

static guint32
checksum_pad (YkFile        *file,
              sqlite3_int64  offset)
{
  return yk_journal_checksum_pad (file->journal_key, file->first_nonce, (guint64) offset,
                                  file->last_image_number);
}

/* An 8-byte read is SQLite looking for a header's magic, or for the
 * magic that announces a super-journal name at the end. A header is
 * authenticated (with every later one when it is the first); Yukang
 * never writes a super-journal name, so a magic anywhere else is hidden:
 * a forged name would make SQLite drop the journal unplayed. */
static int
journal_read_magic (YkFile        *file,
                    void          *buffer,
                    sqlite3_int64  offset)
{
  guint8 sector[YK_JOURNAL_SECTOR_SIZE];
  YkJournalHeaderStatus status = YK_JOURNAL_HEADER_ABSENT;
  YkJournalHeader header;
  int rc = file->real->pMethods->xRead (file->real, buffer, 8, offset);

  if (rc != SQLITE_OK || !yk_journal_header_has_magic (buffer, 8))
    return rc;
  if (offset % YK_JOURNAL_SECTOR_SIZE == 0)
    {
      if (offset == 0)
        rc = check_journal_headers (file);
      if (rc == SQLITE_OK)
        rc = read_header (file, offset, YK_JOURNAL_HEADER_NEED_MAGIC, sector, &status, &header);
      if (rc != SQLITE_OK)
        return rc;
    }
  if (status != YK_JOURNAL_HEADER_VALID)
    memset (buffer, 0, 8);
  return SQLITE_OK;
}

/* A field of a header this file wrote or authenticated is served from a
 * sector that has just passed its MAC, not from whatever is on disk. */
static gboolean
is_header_field (YkFile        *file,
                 int            amount,
                 sqlite3_int64  offset)
{
  sqlite3_int64 within = offset % YK_JOURNAL_SECTOR_SIZE;

  return within >= 8 && within + amount <= YK_JOURNAL_HEADER_NONCE_OFFSET &&
         known_header (file, offset - within);
}

static int
journal_read_header_field (YkFile        *file,
                           void          *buffer,
                           int            amount,
                           sqlite3_int64  offset)
{
  guint8 sector[YK_JOURNAL_SECTOR_SIZE];
  sqlite3_int64 within = offset % YK_JOURNAL_SECTOR_SIZE;
  YkJournalHeaderStatus status;
  YkJournalHeader header;
  int rc = read_header (file, offset - within, 0, sector, &status, &header);

  if (rc != SQLITE_OK)
    return rc;
  if (status != YK_JOURNAL_HEADER_VALID)
    return file->real->pMethods->xRead (file->real, buffer, amount, offset);
  memcpy (buffer, sector + within, amount);
  return SQLITE_OK;
}

static int
journal_read (YkFile        *file,
              void          *buffer,
              int            amount,
              sqlite3_int64  offset)
{
  int rc;
  guint32 number;

  if (amount == 4 && offset == file->last_image_offset + YK_PAGE_SIZE)
    {
      /* The checksum after the page image just read. */
      guint32 value;

      rc = file->real->pMethods->xRead (file->real, &value, 4, offset);
      if (rc == SQLITE_OK)
        rc = ensure_first_nonce (file);
      if (rc != SQLITE_OK)
        return rc;
      value ^= checksum_pad (file, offset);
      memcpy (buffer, &value, 4);
      return SQLITE_OK;
    }
  if (amount == 8)
    return journal_read_magic (file, buffer, offset);
  if (is_header_field (file, amount, offset))
    return journal_read_header_field (file, buffer, amount, offset);

  rc = file->real->pMethods->xRead (file->real, buffer, amount, offset);
  if (rc != SQLITE_OK || amount != YK_PAGE_SIZE)
    return rc;
  number = journal_page_number (file, offset);
  file->last_image_offset = offset;
  file->last_image_number = number;
  if (!yk_page_cipher_open (file->cipher, buffer, buffer, number, YK_FILE_KIND_JOURNAL))
    {
      note_damage (file, number, FALSE);
      memset (buffer, 0, amount);
      return SQLITE_IOERR_DATA;
    }
  return SQLITE_OK;
}

/* SQLite writes a header as one sector, padded with zeros; the nonce and
 * MAC go into the padding in that same write, so no new moment exists
 * at which a crash could leave a header without its MAC. */
static int
journal_write (YkFile        *file,
               const void    *buffer,
               int            amount,
               sqlite3_int64  offset)
{
  int rc;

  if (amount == YK_JOURNAL_SECTOR_SIZE && offset % YK_JOURNAL_SECTOR_SIZE == 0)
    {
      guint8 sector[YK_JOURNAL_SECTOR_SIZE];
      YkJournalHeader header;

      memcpy (sector, buffer, sizeof sector);
      yk_journal_header_seal (file->journal_key, sector, (guint64) offset);
      rc = file->real->pMethods->xWrite (file->real, sector, amount, offset);
      if (rc == SQLITE_OK)
        {
          memcpy (header.nonce, sector + YK_JOURNAL_HEADER_NONCE_OFFSET, YK_JOURNAL_HEADER_NONCE_SIZE);
          remember_header (file, offset, &header);
        }
      return rc;
    }
  if (amount == 4 && offset == file->last_image_offset + YK_PAGE_SIZE)
    {
      guint32 value;

      rc = ensure_first_nonce (file);
      if (rc != SQLITE_OK)
        return rc;
      memcpy (&value, buffer, 4);
      value ^= checksum_pad (file, offset);
      return file->real->pMethods->xWrite (file->real, &value, 4, offset);
    }
  if (amount == 4)
    {
      file->last_number_offset = offset;
      file->last_number = read_be32 (buffer);
    }
  if (amount != YK_PAGE_SIZE)
    return file->real->pMethods->xWrite (file->real, buffer, amount, offset);
  file->last_image_offset = offset;
  file->last_image_number = journal_page_number (file, offset);
  yk_page_cipher_seal (file->cipher, buffer, file->scratch, file->last_image_number,
                       YK_FILE_KIND_JOURNAL);
  return file->real->pMethods->xWrite (file->real, file->scratch, amount, offset);
}

static int
yk_file_read (sqlite3_file  *base,
              void          *buffer,
              int            amount,
              sqlite3_int64  offset)
{
  YkFile *file = (YkFile *) base;

  if (file->kind == YK_FILE_KIND_DATABASE)
    return database_read (file, buffer, amount, offset);
  return journal_read (file, buffer, amount, offset);
}

static int
yk_file_write (sqlite3_file  *base,
               const void    *buffer,
               int            amount,
               sqlite3_int64  offset)
{
  YkFile *file = (YkFile *) base;

  if (write_hook != NULL)
    write_hook (file->kind, offset, amount);

  if (file->kind == YK_FILE_KIND_DATABASE)
    {
      guint64 number = (guint64) (offset / YK_PAGE_SIZE) + 1;
      int rc;

      /* Only whole 4096-byte pages: a page-size change never reaches disk. */
      if (amount != YK_PAGE_SIZE || offset % YK_PAGE_SIZE != 0)
        {
          sqlite3_log (SQLITE_IOERR_WRITE, "yukang: refused a %d-byte database write", amount);
          return SQLITE_IOERR_WRITE;
        }
      yk_page_cipher_seal (file->cipher, buffer, file->scratch, number, YK_FILE_KIND_DATABASE);
      rc = file->real->pMethods->xWrite (file->real, file->scratch, amount, offset + file->shift);
      if (number == 1)
        {
          file->page_one_valid = FALSE;
          if (rc == SQLITE_OK)
            {
              memcpy (file->page_one_trailer, file->scratch + YK_PAGE_PAYLOAD, YK_PAGE_RESERVE);
              remember_page_one (file, buffer);
            }
        }
      return rc;
    }
  return journal_write (file, buffer, amount, offset);
}

static int
yk_file_truncate (sqlite3_file  *base,
                  sqlite3_int64  size)
{
  YkFile *file = (YkFile *) base;

  if (file->kind == YK_FILE_KIND_JOURNAL)
    forget_journal_beyond (file, size);
  else if (size <= 0 && !may_be_empty (file))
    {
      /* Only a forged journal asks this; it is refused before, but a
       * database once created is never emptied. */
      sqlite3_log (SQLITE_IOERR_TRUNCATE, "yukang: refused to empty a database");
      return SQLITE_IOERR_TRUNCATE;
    }
  if (size < YK_PAGE_SIZE)
    file->page_one_valid = FALSE;
  return file->real->pMethods->xTruncate (file->real, size + file->shift);
}

static int
yk_file_sync (sqlite3_file *base,
              int           flags)
{
  YkFile *file = (YkFile *) base;

  return file->real->pMethods->xSync (file->real, flags);
}

static int
yk_file_size (sqlite3_file  *base,
              sqlite3_int64 *size)
{
  YkFile *file = (YkFile *) base;
  int rc = file->real->pMethods->xFileSize (file->real, size);

  if (rc != SQLITE_OK)
    return rc;
  *size = MAX (*size - file->shift, 0);
  if (file->kind == YK_FILE_KIND_DATABASE && *size == 0 && !may_be_empty (file))
    {
      note_missing (file);
      return SQLITE_IOERR_DATA;
    }
  return SQLITE_OK;
}

static int
yk_file_lock (sqlite3_file *base,
              int           level)
{
  YkFile *file = (YkFile *) base;

  return file->real->pMethods->xLock (file->real, level);
}

static int
yk_file_unlock (sqlite3_file *base,
                int           level)
{
  YkFile *file = (YkFile *) base;

  return file->real->pMethods->xUnlock (file->real, level);
}

static int
yk_file_check_reserved_lock (sqlite3_file *base,
                             int          *out)
{
  YkFile *file = (YkFile *) base;

  return file->real->pMethods->xCheckReservedLock (file->real, out);
}

static gboolean
value_is_one_of (const char *value,
                 const char *const *allowed)
{
  for (; *allowed; allowed++)
    if (g_ascii_strcasecmp (value, *allowed) == 0)
      return TRUE;
  return FALSE;
}

/* PRAGMAs that would break a promise are refused here, with a message,
 * for every connection that opens a file through this VFS. */
static int
check_pragma (char **args)
{
  static const char *const journal_modes[] = { "delete", "truncate", NULL };
  static const char *const temp_stores[] = { "memory", "2", NULL };
  const char *name = args[1];
  const char *value = args[2];
  const char *why = NULL;

  if (value == NULL)
    return SQLITE_NOTFOUND; /* queries are fine */

  if (g_ascii_strcasecmp (name, "journal_mode") == 0 && !value_is_one_of (value, journal_modes))
    why = "Yukang keeps a rollback journal (DELETE or TRUNCATE); WAL and other journal modes "
          "would write unencrypted or unauthenticated data";
  else if (g_ascii_strcasecmp (name, "page_size") == 0 && g_ascii_strtoll (value, NULL, 10) != YK_PAGE_SIZE)
    why = "the page size of an encrypted Yukang database is fixed at 4096 bytes";
  else if (g_ascii_strcasecmp (name, "temp_store") == 0 && !value_is_one_of (value, temp_stores))
    why = "temporary data stays in memory (temp_store=MEMORY) so that nothing reaches the disk "
          "unencrypted";
  else if (g_ascii_strcasecmp (name, "temp_store_directory") == 0 ||
           g_ascii_strcasecmp (name, "data_store_directory") == 0)
    why = "temporary files are not allowed with an encrypted Yukang database";
  else if (g_ascii_strcasecmp (name, "locking_mode") == 0 && g_ascii_strcasecmp (value, "exclusive") == 0)
    why = "exclusive locking mode is not used with an encrypted Yukang database";

  if (why == NULL)
    return SQLITE_NOTFOUND;
  args[0] = sqlite3_mprintf ("PRAGMA %s=%s refused: %s", name, value, why);
  return SQLITE_ERROR;
}

static int
raw_io (YkFile  *file,
        int      op,
        YkRawIo *io)
{
  int rc;

  if (op == YK_FCNTL_RAW_READ)
    return file->real->pMethods->xRead (file->real, io->buffer, io->length, io->offset);
  rc = file->real->pMethods->xWrite (file->real, io->buffer, io->length, io->offset);
  if (rc == SQLITE_OK)
    rc = file->real->pMethods->xSync (file->real, SQLITE_SYNC_FULL);
  return rc;
}

/* Diagnoses SQLite's "malformed": does the file hold as many pages as
 * page 1 says it should? */
static int
check_size (YkFile *file)
{
  guint8 *page;
  sqlite3_int64 size = 0;
  guint64 present;
  int rc;

  if (file->kind != YK_FILE_KIND_DATABASE)
    return SQLITE_OK;
  /* Only page 1's page count is wanted; its plaintext is wiped at once. */
  page = g_malloc (YK_PAGE_SIZE);
  rc = read_database_page (file, page, 0);
  explicit_bzero (page, YK_PAGE_SIZE);
  g_free (page);
  if (rc != SQLITE_OK)
    return rc == SQLITE_IOERR_SHORT_READ ? SQLITE_OK : rc;
  rc = yk_file_size (&file->base, &size);
  if (rc != SQLITE_OK)
    return rc;
  present = (guint64) size / YK_PAGE_SIZE;
  if (size % YK_PAGE_SIZE != 0 || file->pages_in_header > present)
    {
      note_missing (file);
      return SQLITE_IOERR_DATA;
    }
  return SQLITE_OK;
}

static int
yk_file_control (sqlite3_file *base,
                 int           op,
                 void         *arg)
{
  YkFile *file = (YkFile *) base;

  switch (op)
    {
    case SQLITE_FCNTL_PRAGMA:
      return check_pragma (arg);
    case SQLITE_FCNTL_MMAP_SIZE:
      /* Memory-mapped reads would bypass decryption: always zero. */
      *(sqlite3_int64 *) arg = 0;
      return SQLITE_OK;
    case YK_FCNTL_RAW_READ:
    case YK_FCNTL_RAW_WRITE:
      return raw_io (file, op, arg);
    case YK_FCNTL_RAW_SIZE:
      return file->real->pMethods->xFileSize (file->real, arg);
    case YK_FCNTL_LAST_DAMAGE:
      *(YkDamage *) arg = file->damage;
      return SQLITE_OK;
    case YK_FCNTL_CHECK_SIZE:
      return check_size (file);
    default:
      return file->real->pMethods->xFileControl (file->real, op, arg);
    }
}

/* Journal headers must not be page-sized, or they would look like page
 * images: a 512-byte sector keeps them at 512 bytes. */
static int
yk_file_sector_size (sqlite3_file *base)
{
  return 512;
}

static int
yk_file_device_characteristics (sqlite3_file *base)
{
  YkFile *file = (YkFile *) base;
  int caps = file->real->pMethods->xDeviceCharacteristics (file->real);

  return caps & (SQLITE_IOCAP_POWERSAFE_OVERWRITE | SQLITE_IOCAP_SAFE_APPEND | SQLITE_IOCAP_SEQUENTIAL);
}

static int
yk_file_close (sqlite3_file *base)
{
  YkFile *file = (YkFile *) base;
  int rc = file->real->pMethods ? file->real->pMethods->xClose (file->real) : SQLITE_OK;

  g_clear_pointer (&file->cipher, yk_page_cipher_unref);
  g_clear_pointer (&file->journal_key, yk_journal_key_unref);
  g_clear_pointer (&file->headers, g_array_unref);
  explicit_bzero (file->scratch, YK_PAGE_SIZE);  /* opened pages: docs/design/security.md */
  explicit_bzero (file->page_one, YK_PAGE_SIZE);
  g_clear_pointer (&file->scratch, g_free);
  g_clear_pointer (&file->page_one, g_free);
  g_clear_pointer (&file->database_path, g_free);
  return rc;
}

static const sqlite3_io_methods yk_io_methods = {
  .iVersion = 1,
  .xClose = yk_file_close,
  .xRead = yk_file_read,
  .xWrite = yk_file_write,
  .xTruncate = yk_file_truncate,
  .xSync = yk_file_sync,
  .xFileSize = yk_file_size,
  .xLock = yk_file_lock,
  .xUnlock = yk_file_unlock,
  .xCheckReservedLock = yk_file_check_reserved_lock,
  .xFileControl = yk_file_control,
  .xSectorSize = yk_file_sector_size,
  .xDeviceCharacteristics = yk_file_device_characteristics,
};

static int
yk_vfs_open (sqlite3_vfs  *vfs,
             const char   *name,
             sqlite3_file *base,
             int           flags,
             int          *out_flags)
{
  YkFile *file = (YkFile *) base;
  int type = flags & 0x0FFF00;
  const char *database_name;
  int rc;

  memset (file, 0, sizeof *file);
  file->real = (sqlite3_file *) (file + 1);
  file->last_number_offset = -1;
  file->last_image_offset = -1;

  if (name == NULL || (type != SQLITE_OPEN_MAIN_DB && type != SQLITE_OPEN_MAIN_JOURNAL))
    {
      sqlite3_log (SQLITE_CANTOPEN, "yukang: refused to open a temporary, WAL or other file");
      return SQLITE_CANTOPEN;
    }

  database_name = type == SQLITE_OPEN_MAIN_DB ? name : sqlite3_filename_database (name);
  file->cipher = lookup_cipher (database_name);
  if (file->cipher == NULL)
    {
      sqlite3_log (SQLITE_CANTOPEN, "yukang: refused to open a file that has no key");
      return SQLITE_CANTOPEN;
    }
  file->kind = type == SQLITE_OPEN_MAIN_DB ? YK_FILE_KIND_DATABASE : YK_FILE_KIND_JOURNAL;
  file->shift = type == SQLITE_OPEN_MAIN_DB ? YK_HEADER_AREA_SIZE : 0;
  file->journal_key = yk_journal_key_ref (yk_page_cipher_get_journal_key (file->cipher));
  file->headers = g_array_new (FALSE, FALSE, sizeof (sqlite3_int64));
  file->scratch = g_malloc (YK_PAGE_SIZE);
  file->page_one = g_malloc (YK_PAGE_SIZE);
  file->database_path = g_strdup (database_name);

  rc = real_vfs->xOpen (real_vfs, name, file->real, flags, out_flags);
  if (rc != SQLITE_OK)
    {
      g_clear_pointer (&file->cipher, yk_page_cipher_unref);
      g_clear_pointer (&file->journal_key, yk_journal_key_unref);
      g_clear_pointer (&file->headers, g_array_unref);
      g_clear_pointer (&file->scratch, g_free);
      g_clear_pointer (&file->page_one, g_free);
      g_clear_pointer (&file->database_path, g_free);
      return rc;
    }
  file->base.pMethods = &yk_io_methods;
  return SQLITE_OK;
}

static int
yk_vfs_delete (sqlite3_vfs *vfs, const char *name, int sync_dir)
{
  return real_vfs->xDelete (real_vfs, name, sync_dir);
}

static int
yk_vfs_access (sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
  return real_vfs->xAccess (real_vfs, name, flags, out);
}

static int
yk_vfs_full_pathname (sqlite3_vfs *vfs, const char *name, int n, char *out)
{
  return real_vfs->xFullPathname (real_vfs, name, n, out);
}

static void *
yk_vfs_dl_open (sqlite3_vfs *vfs, const char *name)
{
  return NULL; /* no extensions */
}

static void
yk_vfs_dl_error (sqlite3_vfs *vfs, int n, char *out)
{
  g_strlcpy (out, "extensions are not loaded by Yukang", n);
}

static void (*yk_vfs_dl_sym (sqlite3_vfs *vfs, void *handle, const char *symbol)) (void)
{
  return NULL;
}

static void
yk_vfs_dl_close (sqlite3_vfs *vfs, void *handle)
{
}

static int
yk_vfs_randomness (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xRandomness (real_vfs, n, out);
}

static int
yk_vfs_sleep (sqlite3_vfs *vfs, int microseconds)
{
  return real_vfs->xSleep (real_vfs, microseconds);
}

static int
yk_vfs_current_time (sqlite3_vfs *vfs, double *out)
{
  return real_vfs->xCurrentTime (real_vfs, out);
}

static int
yk_vfs_get_last_error (sqlite3_vfs *vfs, int n, char *out)
{
  return real_vfs->xGetLastError ? real_vfs->xGetLastError (real_vfs, n, out) : 0;
}

static int
yk_vfs_current_time_int64 (sqlite3_vfs *vfs, sqlite3_int64 *out)
{
  return real_vfs->xCurrentTimeInt64 (real_vfs, out);
}

gboolean
yk_vfs_register (GError **error)
{
  static gsize registered = 0;

  if (g_once_init_enter (&registered))
    {
      real_vfs = sqlite3_vfs_find (NULL);
      yk_vfs = (sqlite3_vfs) {
        .iVersion = 2,
        .szOsFile = (int) sizeof (YkFile) + real_vfs->szOsFile,
        .mxPathname = real_vfs->mxPathname,
        .zName = YK_VFS_NAME,
        .xOpen = yk_vfs_open,
        .xDelete = yk_vfs_delete,
        .xAccess = yk_vfs_access,
        .xFullPathname = yk_vfs_full_pathname,
        .xDlOpen = yk_vfs_dl_open,
        .xDlError = yk_vfs_dl_error,
        .xDlSym = yk_vfs_dl_sym,
        .xDlClose = yk_vfs_dl_close,
        .xRandomness = yk_vfs_randomness,
        .xSleep = yk_vfs_sleep,
        .xCurrentTime = yk_vfs_current_time,
        .xGetLastError = yk_vfs_get_last_error,
        .xCurrentTimeInt64 = yk_vfs_current_time_int64,
      };
      /* Never the default: nothing opens an encrypted file by accident. */
      sqlite3_vfs_register (&yk_vfs, 0);
      g_once_init_leave (&registered, 1);
    }
  return TRUE;
}

char *
yk_vfs_full_path (const char *path,
                  GError    **error)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);
  g_autofree char *out = g_malloc0 (vfs->mxPathname + 1);
  int rc = vfs->xFullPathname (vfs, path, vfs->mxPathname + 1, out);

  if (rc != SQLITE_OK && rc != SQLITE_OK_SYMLINK)
    {
      g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_FAILED, "%s", sqlite3_errstr (rc));
      return NULL;
    }
  return g_steal_pointer (&out);
}

void
yk_vfs_attach_cipher (const char   *full_path,
                      YkPageCipher *cipher)
{
  YkCipherEntry *entry;

  g_mutex_lock (&registry_lock);
  if (registry == NULL)
    registry = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, cipher_entry_free);
  entry = g_hash_table_lookup (registry, full_path);
  if (entry == NULL)
    {
      entry = g_new0 (YkCipherEntry, 1);
      entry->cipher = yk_page_cipher_ref (cipher);
      g_hash_table_insert (registry, g_strdup (full_path), entry);
    }
  entry->attachments++;
  g_mutex_unlock (&registry_lock);
}

/* After key rotation: files opened from now on use the new key. */
void
yk_vfs_replace_cipher (const char   *full_path,
                       YkPageCipher *cipher)
{
  YkCipherEntry *entry;

  g_mutex_lock (&registry_lock);
  entry = registry ? g_hash_table_lookup (registry, full_path) : NULL;
  if (entry != NULL)
    {
      yk_page_cipher_unref (entry->cipher);
      entry->cipher = yk_page_cipher_ref (cipher);
    }
  g_mutex_unlock (&registry_lock);
}

void
yk_vfs_detach_cipher (const char *full_path)
{
  YkCipherEntry *entry;

  g_mutex_lock (&registry_lock);
  entry = registry ? g_hash_table_lookup (registry, full_path) : NULL;
  if (entry != NULL && --entry->attachments == 0)
    g_hash_table_remove (registry, full_path);
  g_mutex_unlock (&registry_lock);
}

/* While a file is being created (yk_store_create(), a backup or key
 * rotation's new copy) its database may be empty; at any other time an
 * empty database is a file cut short. */
void
yk_vfs_set_new_file (const char *full_path,
                     gboolean    is_new)
{
  YkCipherEntry *entry;

  g_mutex_lock (&registry_lock);
  entry = registry ? g_hash_table_lookup (registry, full_path) : NULL;
  if (entry != NULL)
    entry->new_file = is_new;
  g_mutex_unlock (&registry_lock);
}

gboolean
yk_vfs_is_new_file (const char *full_path)
{
  YkCipherEntry *entry;
  gboolean is_new;

  g_mutex_lock (&registry_lock);
  entry = registry ? g_hash_table_lookup (registry, full_path) : NULL;
  is_new = entry != NULL && entry->new_file;
  g_mutex_unlock (&registry_lock);
  return is_new;
}

void
yk_vfs_set_snapshot (const char *full_path,
                     gboolean    is_snapshot)
{
  YkCipherEntry *entry;

  g_mutex_lock (&registry_lock);
  entry = registry ? g_hash_table_lookup (registry, full_path) : NULL;
  if (entry != NULL)
    entry->snapshot = is_snapshot;
  g_mutex_unlock (&registry_lock);
}

gboolean
yk_vfs_is_snapshot (const char *full_path)
{
  YkCipherEntry *entry;
  gboolean snapshot;

  g_mutex_lock (&registry_lock);
  entry = registry ? g_hash_table_lookup (registry, full_path) : NULL;
  snapshot = entry != NULL && entry->snapshot;
  g_mutex_unlock (&registry_lock);
  return snapshot;
}

gboolean
yk_vfs_get_damage (const char *full_path,
                   YkDamage   *damage)
{
  YkCipherEntry *entry;

  memset (damage, 0, sizeof *damage);
  g_mutex_lock (&registry_lock);
  entry = registry ? g_hash_table_lookup (registry, full_path) : NULL;
  if (entry != NULL)
    *damage = entry->damage;
  g_mutex_unlock (&registry_lock);
  return damage->damaged;
}

void
yk_vfs_set_write_hook (YkVfsWriteHook hook)
{
  write_hook = hook;
}
