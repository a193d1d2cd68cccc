/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-crypto-types.h"
#include "yk-db-error.h"
#include "yk-journal-header.h"

#include <sqlite3.h>

G_BEGIN_DECLS

/* The encrypting VFS shim, registered under its own name and never as
 * the default. A file opens only once its cipher is attached to its path. */
#define YK_VFS_NAME "yukang"

/* Our own file-control opcodes, past SQLite's (which stop below 100). */
enum
{
  YK_FCNTL_RAW_READ = 0x594b01,   /* YkRawIo: bytes of the underlying file, unencrypted */
  YK_FCNTL_RAW_WRITE = 0x594b02,  /* YkRawIo: written and synced */
  YK_FCNTL_RAW_SIZE = 0x594b03,   /* sqlite3_int64: size of the underlying file */
  YK_FCNTL_LAST_DAMAGE = 0x594b04, /* YkDamage: the last page that failed */
  YK_FCNTL_CHECK_SIZE = 0x594b05,  /* NULL: SQLITE_IOERR_DATA if pages are missing */
};

typedef struct
{
  sqlite3_int64 offset;
  void *buffer;
  int length;
} YkRawIo;

struct _YkDamage
{
  gboolean damaged;
  YkFileKind kind;
  guint64 page;       /* page number (database) or page image's page (journal) */
  gboolean missing;   /* the page is absent: the file was truncated */
  guint64 pages_expected; /* missing: how many pages page 1 says there are, 0 if unknown */
  YkJournalHeaderStatus journal_header; /* FORGED or EMPTIES: a journal header was refused */
  guint64 journal_offset; /* where that header is */
};

/* SQLite's journal record: page number, page image, checksum. */
#define YK_JOURNAL_RECORD_SIZE (4 + YK_PAGE_SIZE + 4)

gboolean yk_vfs_register (GError **error);
char *yk_vfs_full_path (const char *path,
                        GError    **error);
void yk_vfs_attach_cipher (const char   *full_path,
                           YkPageCipher *cipher);
void yk_vfs_replace_cipher (const char   *full_path,
                            YkPageCipher *cipher);
void yk_vfs_detach_cipher (const char *full_path);
void yk_vfs_set_new_file (const char *full_path,
                          gboolean    is_new);
gboolean yk_vfs_is_new_file (const char *full_path);
/* A snapshot's path, for the message a refused write gives. */
void yk_vfs_set_snapshot (const char *full_path,
                          gboolean    is_snapshot);
gboolean yk_vfs_is_snapshot (const char *full_path);
gboolean yk_vfs_get_damage (const char *full_path,
                            YkDamage   *damage);

/* Tests only: called before every write with the file kind and offset,
 * so a crash test can kill itself between the journal and the database. */
typedef void (*YkVfsWriteHook) (YkFileKind kind, sqlite3_int64 offset, int length);
void yk_vfs_set_write_hook (YkVfsWriteHook hook);

G_END_DECLS
