/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-store-private.h"
#include "yk-crypto-error.h"
#include "yk-header.h"
#include "yk-key-slot.h"
#include "yk-keys.h"
#include "yk-page-cipher.h"
#include "yk-recovery-key.h"
#include "yk-secret.h"
#include "yk-vfs.h"
#include "yk-db-staff.h"
#include "yk-sqlite-memory.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <sodium.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <unistd.h>

/* Written into page 1 at creation ("YKDB"), so the page exists with its
 * reserve bytes before any table does. */
#define APPLICATION_ID 0x594b4442

void
_yk_store_disable_core_dumps (void)
{
  /* Keys live in this process from now on; a core file would hold them.
   * Once disabled, dumps stay off for the life of the process. */
  struct rlimit none = { 0, 0 };

  setrlimit (RLIMIT_CORE, &none);
  prctl (PR_SET_DUMPABLE, 0, 0, 0, 0);
}

gboolean
_yk_store_refuse_read_only (YkStore *store,
                            GError **error)
{
  if (!store->read_only)
    return TRUE;
  yk_db_set_read_only_error (error, store->path);
  return FALSE;
}

/* A new database file is created with O_EXCL, readable by its owner only
 * (journals inherit the mode), and holds just the header area at first. */
static gboolean
create_file (const char   *full_path,
             const guint8 *area,
             GError      **error)
{
  int fd = g_open (full_path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  gsize written = 0;
  int saved;

  if (fd < 0)
    {
      saved = errno;
      if (saved == EEXIST)
        g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_EXISTS,
                     _("A file named “%1$s” already exists; Yukang will not overwrite it"),
                     full_path);
      else
        g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_IO, _("Could not create “%1$s”: %2$s"),
                     full_path, g_strerror (saved));
      return FALSE;
    }
  while (written < YK_HEADER_AREA_SIZE)
    {
      gssize n = write (fd, area + written, YK_HEADER_AREA_SIZE - written);
      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        break;
      written += (gsize) n;
    }
  saved = errno;
  if (written < YK_HEADER_AREA_SIZE || fsync (fd) != 0)
    {
      saved = errno;
      close (fd);
      g_unlink (full_path);
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_IO, _("Could not write “%1$s”: %2$s"),
                   full_path, g_strerror (saved));
      return FALSE;
    }
  close (fd);
  return TRUE;
}

/* Reading the header of an existing file goes through the unix VFS's own
 * file object: it knows that closing a descriptor would drop this
 * process's POSIX locks on the file, and defers the close when needed. */
static gboolean
read_header_area (const char *full_path,
                  guint8     *area,
                  gsize      *length,
                  GError    **error)
{
  sqlite3_vfs *vfs = sqlite3_vfs_find (NULL);
  g_autofree sqlite3_file *file = g_malloc0 (vfs->szOsFile);
  sqlite3_int64 size = 0;
  int rc;

  rc = vfs->xOpen (vfs, full_path, file, SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_READONLY, NULL);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_IO, _("Could not open “%1$s”: %2$s"),
                   full_path, sqlite3_errstr (rc));
      return FALSE;
    }
  rc = file->pMethods->xFileSize (file, &size);
  *length = (gsize) MIN (MAX (size, 0), (sqlite3_int64) YK_HEADER_AREA_SIZE);
  if (rc == SQLITE_OK && *length > 0)
    rc = file->pMethods->xRead (file, area, (int) *length, 0);
  file->pMethods->xClose (file);
  if (rc != SQLITE_OK)
    {
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_IO, _("Could not read “%1$s”: %2$s"),
                   full_path, sqlite3_errstr (rc));
      return FALSE;
    }
  return TRUE;
}

gboolean
_yk_store_raw_file_io (const char *full_path,
                       gboolean    create,
                       guint8     *area,
                       gsize      *length,
                       GError    **error)
{
  return create ? create_file (full_path, area, error)
                : read_header_area (full_path, area, length, error);
}

gboolean
_yk_store_exec (sqlite3     *db,
      const char  *sql,
      const char  *doing,
      GError     **error)
{
  int rc = sqlite3_exec (db, sql, NULL, NULL, NULL);

  if (rc != SQLITE_OK)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), doing);
      return FALSE;
    }
  return TRUE;
}

/* Every connection is set up the same way; the VFS refuses changes to
 * what matters (yk-vfs.c, check_pragma). */
sqlite3 *
_yk_store_open_connection (const char *full_path,
                           gboolean    read_only,
                           GError    **error)
{
  sqlite3 *db = NULL;
  gboolean new_file = yk_vfs_is_new_file (full_path);
  int reserve = -1;
  int rc;

  /* A snapshot is opened read-only: SQLite then never writes it, nor
   * makes a journal beside it. */
  rc = sqlite3_open_v2 (full_path, &db,
                        (read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE) | SQLITE_OPEN_FULLMUTEX |
                          SQLITE_OPEN_PRIVATECACHE | SQLITE_OPEN_EXRESCODE,
                        YK_VFS_NAME);
  if (rc != SQLITE_OK)
    {
      YkDamage damage;

      if (rc == SQLITE_IOERR_DATA && yk_vfs_get_damage (full_path, &damage))
        yk_db_set_damage_error (error, &damage);
      else
        yk_db_set_sqlite_error (error, db, rc, _("Opening the database"));
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);

  if (!_yk_store_exec (db,
             "PRAGMA temp_store=MEMORY;"
             "PRAGMA journal_mode=DELETE;"
             "PRAGMA synchronous=FULL;"
             "PRAGMA foreign_keys=ON;"
             "PRAGMA cell_size_check=ON;"
             /* 32 MiB: a district's hot index pages stay opened (decrypted)
              * between queries instead of being read and opened again. */
             "PRAGMA cache_size=-32768;"
             "SELECT count(*) FROM sqlite_schema;", /* reads page 1: key and file agree */
             _("Opening the database"), error))
    {
      sqlite3_close_v2 (db);
      return NULL;
    }

  /* A file being created gets its reserve bytes before its first page.
   * Any other file that opened has pages (yk-vfs.c refuses an empty one). */
  if (new_file)
    reserve = YK_PAGE_RESERVE;
  sqlite3_file_control (db, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  if (reserve != YK_PAGE_RESERVE && !new_file)
    {
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                   _("The database has %1$d reserved bytes per page instead of %2$d; "
                     "it was not written by Yukang"), reserve, YK_PAGE_RESERVE);
      sqlite3_close_v2 (db);
      return NULL;
    }
  return db;
}

YkStore *
_yk_store_new (const char *full_path,
           const char *account,
           YkSecret   *database_key,
           const guint8 database_id[YK_DATABASE_ID_SIZE])
{
  YkStore *store = g_new0 (YkStore, 1);

  store->path = g_strdup (full_path);
  store->account = g_strdup (account);
  store->database_key = database_key;
  memcpy (store->database_id, database_id, YK_DATABASE_ID_SIZE);
  store->cipher = yk_page_cipher_new (database_key, database_id);
  yk_vfs_attach_cipher (full_path, store->cipher);
  return store;
}

gboolean
_yk_store_read_area (sqlite3 *db,
                   guint8  *area,
                   GError **error)
{
  YkRawIo io = { .offset = 0, .buffer = area, .length = YK_HEADER_AREA_SIZE };
  int rc = sqlite3_file_control (db, "main", YK_FCNTL_RAW_READ, &io);

  if (rc != SQLITE_OK)
    {
      yk_db_set_sqlite_error (error, NULL, rc, _("Reading the file header"));
      return FALSE;
    }
  return TRUE;
}

/* Copy B first, synced, then copy A: a crash leaves one of them whole. */
gboolean
_yk_store_write_header (sqlite3        *db,
                      YkHeader       *header,
                      const YkSecret *database_key,
                      GError        **error)
{
  g_autofree guint8 *copy = g_malloc (YK_HEADER_COPY_SIZE);
  YkRawIo io = { .buffer = copy, .length = YK_HEADER_COPY_SIZE };
  int rc;

  yk_header_serialize (header, database_key, copy);
  io.offset = YK_HEADER_COPY_SIZE;
  rc = sqlite3_file_control (db, "main", YK_FCNTL_RAW_WRITE, &io);
  if (rc == SQLITE_OK)
    {
      io.offset = 0;
      rc = sqlite3_file_control (db, "main", YK_FCNTL_RAW_WRITE, &io);
    }
  if (rc != SQLITE_OK)
    {
      yk_db_set_sqlite_error (error, NULL, rc, _("Writing the file header"));
      return FALSE;
    }
  return TRUE;
}

/* The newest header copy whose MAC this database key confirms. */
gboolean
_yk_store_pick_header (const guint8   *area,
                       gsize           length,
                       const YkSecret *database_key,
                       YkHeader       *out,
                       YkHeaderCopies *copies,
                       GError        **error)
{
  g_autofree YkHeader *candidates = g_new0 (YkHeader, 2);
  guint n = yk_header_read_area (area, length, candidates, copies, error);

  for (guint i = 0; i < n; i++)
    if (yk_header_verify_mac (&candidates[i], database_key))
      {
        *out = candidates[i];
        return TRUE;
      }
  if (n > 0)
    g_set_error_literal (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_DAMAGED_HEADER,
                         _("The file header has been altered: its key slots do not match "
                           "the database key"));
  return FALSE;
}

gboolean
_yk_store_refuse_merged (YkStore *store,
                         GError **error)
{
  if (store->merged_uri == NULL)
    return FALSE;
  g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_READ_ONLY,
                       _("The district view is read only: records are made at each site."));
  return TRUE;
}

/* Every change to the key slots: under the database's write lock, from
 * the header as it is on disk now, so two programs editing accounts
 * cannot lose one another's change. Joins the caller's transaction when
 * there is one (so a staff row and its key slot are written together);
 * readers meanwhile see one intact header copy or the other. */
gboolean
_yk_store_edit_header (YkStore      *store,
                       YkHeaderEdit  edit,
                       gpointer      data,
                       GError      **error)
{
  g_autofree guint8 *area = g_malloc (YK_HEADER_AREA_SIZE);
  g_autofree YkHeader *header = g_new0 (YkHeader, 1);
  gboolean own_transaction = sqlite3_get_autocommit (store->db);
  YkHeaderCopies copies;
  gboolean ok;

  if (_yk_store_refuse_merged (store, error) || !_yk_store_refuse_read_only (store, error))
    return FALSE;
  if (own_transaction && !_yk_store_exec (store->db, "BEGIN IMMEDIATE", _("Locking the database"), error))
    return FALSE;
  ok = _yk_store_read_area (store->db, area, error) &&
       _yk_store_pick_header (area, YK_HEADER_AREA_SIZE, store->database_key, header, &copies, error) &&
       edit (header, store, data, error);
  if (ok)
    {
      header->generation++;
      /* The record commits after both copies are written (see
       * yk-store-generation.c on crash ordering). */
      ok = _yk_store_write_header (store->db, header, store->database_key, error) &&
           _yk_store_record_generation (store->db, header->generation, error);
    }
  if (own_transaction)
    sqlite3_exec (store->db, ok ? "COMMIT" : "ROLLBACK", NULL, NULL, NULL);
  return ok;
}

/* Writes the header area of a new file, whose first slot is already
 * made, with a recovery slot, and the file's page 1. Takes
 * `database_key` and `identity`. */
YkStore *
_yk_store_create_file (const char *full_path,
                       YkHeader   *header,
                       YkSecret   *database_key,
                       YkIdentity *identity,
                       char      **recovery_key,
                       GError    **error)
{
  g_autofree guint8 *area = g_malloc0 (YK_HEADER_AREA_SIZE);
  g_autoptr (YkSecret) recovery = yk_recovery_key_generate ();
  g_autofree char *pragma = NULL;
  int recovery_index = yk_header_find_free (header);
  YkStore *store;

  if (!yk_key_slot_init_recovery (&header->slots[recovery_index], recovery_index, header->database_id, recovery,
                                  database_key, error))
    goto fail;
  yk_header_serialize (header, database_key, area);
  memcpy (area + YK_HEADER_COPY_SIZE, area, YK_HEADER_COPY_SIZE);
  if (!_yk_store_raw_file_io (full_path, TRUE, area, NULL, error))
    goto fail;

  _yk_store_disable_core_dumps ();
  store = _yk_store_new (full_path, identity->account, database_key, header->database_id);
  store->identity = identity;
  /* The only open that may find the database empty: this one, until
   * page 1 is written (docs/design/security.md, "A cut file"). */
  yk_vfs_set_new_file (full_path, TRUE);
  store->db = _yk_store_open_connection (full_path, FALSE, error);
  if (store->db == NULL)
    goto fail_created;

  /* Page 1 is written now, with its reserve bytes, before any table. */
  pragma = g_strdup_printf ("PRAGMA page_size=%d; PRAGMA application_id=%d;", YK_PAGE_SIZE,
                            APPLICATION_ID);
  if (!_yk_store_exec (store->db, pragma, _("Creating the database"), error))
    goto fail_created;
  yk_vfs_set_new_file (full_path, FALSE);

  *recovery_key = yk_recovery_key_format (recovery);
  return store;

fail_created:
  yk_store_close (store);
  g_unlink (full_path);
  return NULL;
fail:
  yk_secret_free (database_key);
  yk_identity_free (identity);
  return NULL;
}

gboolean
_yk_store_prepare_create (const char *path,
                          char      **full_path,
                          GError    **error)
{
  if (!yk_crypto_init (error))
    return FALSE;
  yk_sqlite_memory_install ();
  yk_vfs_register (NULL);
  *full_path = yk_vfs_full_path (path, error);
  return *full_path != NULL;
}

YkStore *
yk_store_create (const char *path,
                 const char *account,
                 const char *password,
                 YkKdfLevel  level,
                 char      **recovery_key,
                 GError    **error)
{
  g_autofree char *full_path = NULL;
  g_autofree YkHeader *header = g_new0 (YkHeader, 1);
  YkSecret *database_key;
  YkSecret *secret_key = NULL;

  g_return_val_if_fail (recovery_key != NULL, NULL);

  if (!_yk_store_prepare_create (path, &full_path, error))
    return NULL;
  database_key = yk_keys_new_database_key ();
  yk_header_init (header);
  if (!yk_key_slot_init_account_secret (&header->slots[0], 0, header->database_id, account, password,
                                        level, database_key, &secret_key, error))
    {
      yk_secret_free (database_key);
      return NULL;
    }
  return _yk_store_create_file (full_path, header, database_key, _yk_identity_new (account, secret_key),
                                recovery_key, error);
}

/* The person creating the file proved their password on other_path
 * already (yk_store_unlock_identity): their slot there is copied as it
 * is, so that one password, and one identity, opens both. */
YkStore *
yk_store_create_with_identity (const char       *path,
                               const char       *other_path,
                               const YkIdentity *identity,
                               char            **recovery_key,
                               GError          **error)
{
  g_autofree char *full_path = NULL;
  g_autofree YkHeader *header = g_new0 (YkHeader, 1);
  g_autofree YkHeader *other = g_new0 (YkHeader, 1);
  YkSecret *database_key;
  gboolean authenticated = FALSE;
  int index;

  g_return_val_if_fail (identity != NULL && other_path != NULL && recovery_key != NULL, NULL);

  if (!_yk_store_prepare_create (path, &full_path, error) ||
      !_yk_store_read_other_header (other_path, identity, other, &authenticated, error))
    return NULL;
  index = yk_header_find_account (other, identity->account);
  if (!authenticated)
    {
      _yk_store_set_no_slot (error, other_path, identity->account);
      return NULL;
    }
  database_key = yk_keys_new_database_key ();
  yk_header_init (header);
  if (!yk_key_slot_copy (&header->slots[0], &other->slots[index], (guint) index, other->database_id,
                         database_key, error))
    {
      yk_secret_free (database_key);
      return NULL;
    }
  /* A slot from a version-1 file learns its signing key here, not at
   * its first unlock. */
  if (sodium_is_zero (header->slots[0].sign_public_key, YK_SLOT_SIGN_PUBLIC_KEY_SIZE))
    memcpy (header->slots[0].sign_public_key, yk_signing_key_public (identity->signing_key),
            YK_SLOT_SIGN_PUBLIC_KEY_SIZE);
  return _yk_store_create_file (full_path, header, database_key, yk_identity_copy (identity), recovery_key,
                                error);
}

typedef struct
{
  const char *account;
  const char *password;
  YkSecret *recovery;
  const YkIdentity *identity;
} YkUnlockRequest;

static YkSecret *
open_slot (const char            *full_path,
           const YkHeader        *header,
           const YkUnlockRequest *request,
           YkIdentity           **identity,
           GError               **error)
{
  YkSecret *secret_key = NULL;
  YkSecret *database_key;
  int index;

  if (request->recovery != NULL)
    {
      index = yk_header_find_recovery (header);
      if (index < 0)
        {
          g_set_error_literal (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD,
                               _("This database has no recovery key"));
          return NULL;
        }
      return yk_key_slot_open_with_recovery (&header->slots[index], index, header->database_id,
                                             request->recovery, error);
    }
  if (request->identity != NULL)
    {
      /* The key pair a password unwrapped elsewhere: no key derivation. */
      index = yk_header_find_account (header, request->identity->account);
      database_key = index >= 0 ? yk_key_slot_open_with_secret_key (&header->slots[index],
                                                                    request->identity->secret_key, NULL)
                                : NULL;
      if (database_key == NULL)
        {
          _yk_store_set_no_slot (error, full_path, request->identity->account);
          return NULL;
        }
      *identity = yk_identity_copy (request->identity);
      return database_key;
    }
  index = yk_header_find_account (header, request->account);
  if (index < 0)
    {
      g_set_error_literal (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD,
                           _("Wrong user name or password"));
      return NULL;
    }
  database_key = yk_key_slot_open_with_password_secret (&header->slots[index], index, header->database_id,
                                                        request->password, &secret_key, error);
  if (database_key != NULL)
    *identity = _yk_identity_new (request->account, secret_key);
  return database_key;
}

static gboolean
repair_header_edit (YkHeader *header,
                    YkStore  *store,
                    gpointer  data,
                    GError  **error)
{
  return TRUE; /* rewriting both copies is the repair */
}

/* A slot made before audit signatures (header version 1) learns its
 * signing key's public half the first time its account unlocks. */
static gboolean
fill_signing_key_edit (YkHeader *header,
                       YkStore  *store,
                       gpointer  data,
                       GError  **error)
{
  int index = yk_header_find_account (header, store->account);

  if (index >= 0 && sodium_is_zero (header->slots[index].sign_public_key, YK_SLOT_SIGN_PUBLIC_KEY_SIZE))
    memcpy (header->slots[index].sign_public_key, yk_signing_key_public (store->identity->signing_key),
            YK_SLOT_SIGN_PUBLIC_KEY_SIZE);
  return TRUE;
}

static gboolean
needs_signing_key (const YkHeader *header,
                   const YkStore  *store)
{
  int index;

  if (store->identity == NULL || store->account == NULL || store->read_only)
    return FALSE;
  index = yk_header_find_account (header, store->account);
  return index >= 0 && sodium_is_zero (header->slots[index].sign_public_key, YK_SLOT_SIGN_PUBLIC_KEY_SIZE);
}

static YkStore *
unlock (const char            *path,
        const YkUnlockRequest *request,
        GError               **error)
{
  g_autofree char *full_path = NULL;
  g_autofree guint8 *area = g_malloc0 (YK_HEADER_AREA_SIZE);
  g_autofree YkHeader *candidates = g_new0 (YkHeader, 2);
  g_autoptr (GError) local_error = NULL;
  YkHeaderCopies copies;
  YkSecret *database_key = NULL;
  YkIdentity *identity = NULL;
  gsize length = 0;
  guint n;
  int chosen = -1;
  YkStore *store;

  if (!yk_crypto_init (error))
    return NULL;
  yk_sqlite_memory_install ();
  yk_vfs_register (NULL);
  full_path = yk_vfs_full_path (path, error);
  if (full_path == NULL)
    return NULL;
  if (!g_file_test (full_path, G_FILE_TEST_IS_REGULAR))
    {
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_IO, _("There is no database file “%1$s”"),
                   full_path);
      return NULL;
    }
  if (!_yk_store_raw_file_io (full_path, FALSE, area, &length, error))
    return NULL;
  n = yk_header_read_area (area, length, candidates, &copies, error);
  if (n == 0)
    return NULL;

  /* Only the newest copy's slot is tried with the password: an older copy
   * may still hold a password that was since changed. The older copy is
   * used only if the newer one turns out not to be authentic. */
  database_key = open_slot (full_path, &candidates[0], request, &identity, &local_error);
  if (database_key == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  for (guint i = 0; i < n && chosen < 0; i++)
    if (yk_header_verify_mac (&candidates[i], database_key))
      chosen = (int) i;
  if (chosen < 0)
    {
      yk_secret_free (database_key);
      yk_identity_free (identity);
      g_set_error_literal (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_DAMAGED_HEADER,
                           _("The file header has been altered: its key slots do not match "
                             "the database key"));
      return NULL;
    }

  _yk_store_disable_core_dumps ();
  store = _yk_store_new (full_path, identity != NULL ? identity->account : NULL, database_key,
                         candidates[chosen].database_id);
  store->identity = identity;
  /* The authenticated header says whether the file is a snapshot: then
   * it is read, never written (docs/design/file-format.md, "Snapshots"). */
  store->snapshot = candidates[chosen].snapshot;
  store->read_only = store->snapshot.generation != 0;
  yk_vfs_set_snapshot (full_path, store->read_only);
  store->db = _yk_store_open_connection (full_path, store->read_only, error);
  if (store->db == NULL ||
      !_yk_store_check_generation (store->db, candidates[chosen].generation, !store->read_only, error))
    {
      yk_store_close (store);
      return NULL;
    }
  if (store->read_only)
    return store;

  /* A copy that failed its checksum or MAC is rewritten from the good one. */
  if (copies != (YK_HEADER_COPY_A_OK | YK_HEADER_COPY_B_OK) || chosen != 0 ||
      (n == 2 && candidates[0].generation != candidates[1].generation))
    {
      if (!_yk_store_edit_header (store, repair_header_edit, NULL, &local_error))
        g_warning ("Could not repair the file header: %s", local_error->message);
      g_clear_error (&local_error);
    }
  /* Entries are signed all the same; only the record of the key waits
   * for a header that can be written. */
  if (needs_signing_key (&candidates[chosen], store) &&
      !_yk_store_edit_header (store, fill_signing_key_edit, NULL, &local_error))
    g_warning ("Could not record the account’s signing key in the file header: %s", local_error->message);
  return store;
}

YkStore *
yk_store_unlock (const char *path,
                 const char *account,
                 const char *password,
                 GError    **error)
{
  YkUnlockRequest request = { .account = account, .password = password };

  g_return_val_if_fail (account != NULL && password != NULL, NULL);
  return unlock (path, &request, error);
}

YkStore *
yk_store_unlock_identity (const char  *path,
                          const char  *account,
                          const char  *password,
                          YkIdentity **identity,
                          GError     **error)
{
  YkUnlockRequest request = { .account = account, .password = password };
  YkStore *store;

  g_return_val_if_fail (account != NULL && password != NULL && identity != NULL, NULL);
  store = unlock (path, &request, error);
  *identity = store != NULL ? yk_identity_copy (store->identity) : NULL;
  return store;
}

YkStore *
yk_store_open_with_identity (const char       *path,
                             const YkIdentity *identity,
                             GError          **error)
{
  YkUnlockRequest request = { .identity = identity };

  g_return_val_if_fail (identity != NULL, NULL);
  return unlock (path, &request, error);
}

YkStore *
yk_store_unlock_with_recovery_key (const char *path,
                                   const char *recovery_key,
                                   GError    **error)
{
  g_autoptr (YkSecret) recovery = NULL;
  YkUnlockRequest request = { 0 };

  if (!yk_crypto_init (error))
    return NULL;
  recovery = yk_recovery_key_parse (recovery_key, error);
  if (recovery == NULL)
    return NULL;
  request.recovery = recovery;
  return unlock (path, &request, error);
}

/* Closing frees the connection's page cache and everything else it
 * decrypted through the wiping free (yk-sqlite-memory.c). The cache is
 * released first: a statement left unfinalized would keep a closed
 * connection, and its pages, alive. */
static void
close_connection (sqlite3 *db)
{
  yk_db_forget (db);
  if (sqlite3_next_stmt (db, NULL) != NULL)
    g_critical ("closing a connection with statements still open: its pages stay in memory");
  sqlite3_db_release_memory (db);
  sqlite3_close_v2 (db);
}

void
yk_store_close (YkStore *store)
{
  if (store == NULL)
    return;
  if (store->extra_connections > 0)
    g_critical ("%d connections still open while closing the store", store->extra_connections);
  g_clear_pointer (&store->db, close_connection);
  /* The last connection to the merged rows frees them (wiped). */
  g_clear_pointer (&store->merged_keeper, close_connection);
  g_free (store->merged_uri);
  yk_vfs_detach_cipher (store->path);
  g_clear_pointer (&store->cipher, yk_page_cipher_unref);
  g_clear_pointer (&store->database_key, yk_secret_free);
  g_clear_pointer (&store->identity, yk_identity_free);
  g_free (store->path);
  g_free (store->account);
  g_free (store);
}

const char *
yk_store_get_path (YkStore *store)
{
  return store->path;
}

const char *
yk_store_get_account (YkStore *store)
{
  return store->account;
}

sqlite3 *
yk_store_get_connection (YkStore *store)
{
  return store->db;
}

/* Another connection to the same database, for a worker thread. Close it
 * with yk_store_close_connection() before the store closes. */
sqlite3 *
yk_store_open_connection (YkStore *store,
                          GError **error)
{
  sqlite3 *db = store->merged_uri != NULL ? _yk_district_open_connection (store->merged_uri, FALSE, error)
                                          : _yk_store_open_connection (store->path, store->read_only, error);

  if (db != NULL)
    store->extra_connections++;
  return db;
}

void
yk_store_close_connection (YkStore *store,
                           sqlite3 *db)
{
  if (db == NULL)
    return;
  g_return_if_fail (store->extra_connections > 0);
  close_connection (db);
  store->extra_connections--;
}

/* Any thread: makes the connection's running query return
 * SQLITE_INTERRUPT at its next step. */
void
yk_store_interrupt_connection (sqlite3 *db)
{
  if (db != NULL)
    sqlite3_interrupt (db);
}

/* The connection's thread only: SQLite calls `check` every few thousand
 * steps of a query (a millisecond) and abandons the query when it returns
 * non-zero. NULL stops checking. */
void
yk_store_interrupt_when (sqlite3 *db,
                         int    (*check) (void *data),
                         void    *data)
{
  sqlite3_progress_handler (db, check != NULL ? 4000 : 0, check, data);
}

YkSecret *
yk_store_derive_audit_key (YkStore *store)
{
  return yk_keys_derive (store->database_key, YK_SUBKEY_AUDIT);
}

const guint8 *
yk_store_get_database_id (YkStore *store)
{
  return store->database_id;
}

const YkSecret *
yk_store_get_signing_key (YkStore *store)
{
  return store->identity != NULL ? store->identity->signing_key : NULL;
}

gboolean
yk_store_get_snapshot_info (YkStore        *store,
                            YkSnapshotInfo *info)
{
  g_return_val_if_fail (store != NULL && info != NULL, FALSE);
  *info = store->snapshot;
  return store->snapshot.generation != 0;
}

gboolean
yk_store_file_is_snapshot (const char *path)
{
  g_autofree char *full_path = yk_vfs_full_path (path, NULL);
  g_autofree guint8 *area = g_malloc0 (YK_HEADER_AREA_SIZE);
  g_autofree YkHeader *candidates = g_new0 (YkHeader, 2);
  YkHeaderCopies copies;
  gsize length = 0;

  return full_path != NULL && g_file_test (full_path, G_FILE_TEST_IS_REGULAR) &&
         _yk_store_raw_file_io (full_path, FALSE, area, &length, NULL) &&
         yk_header_read_area (area, length, candidates, &copies, NULL) > 0 &&
         candidates[0].snapshot.generation != 0;
}
