/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-store-private.h"
#include "yk-key-slot.h"
#include "yk-keys.h"
#include "yk-page-cipher.h"
#include "yk-recovery-key.h"
#include "yk-secret.h"
#include "yk-vfs.h"
#include "yk-db-staff.h"
#include "yk-audit.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

/* Backups and key rotation both write a complete, newly keyed copy of the
 * database beside its destination with SQLite's backup API, sync it, and
 * rename it into place, so the destination is either the old file or the
 * whole new one. The temporary file is encrypted like any other. */

static gboolean
sync_directory_of (const char *path)
{
  g_autofree char *dir = g_path_get_dirname (path);
  int fd = open (dir, O_RDONLY | O_DIRECTORY | O_CLOEXEC);
  gboolean ok;

  if (fd < 0)
    return FALSE;
  ok = fsync (fd) == 0;
  close (fd);
  return ok;
}

static gboolean
backup_into (sqlite3    *source,
             sqlite3    *destination,
             GError    **error)
{
  sqlite3_backup *backup = sqlite3_backup_init (destination, "main", source, "main");
  int rc;

  if (backup == NULL)
    {
      yk_db_set_sqlite_error (error, destination, sqlite3_extended_errcode (destination),
                              _("Copying the database"));
      return FALSE;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, rc == SQLITE_IOERR_DATA ? source : destination, rc,
                              _("Copying the database"));
      return FALSE;
    }
  return TRUE;
}

/* Writes header + pages to `temporary`, keyed with `cipher`. With
 * `new_key` (a rotation), the copy's audit trail is signed anew with the
 * audit key that goes with it, and its record of the header generation
 * raised to `generation`, before the copy is closed. */
static gboolean
write_copy (YkStore        *store,
            const char     *temporary,
            guint8         *area,
            YkPageCipher   *cipher,
            const YkSecret *new_key,
            guint64         generation,
            GError        **error)
{
  sqlite3 *source = NULL;
  sqlite3 *destination = NULL;
  gboolean ok = FALSE;

  if (!_yk_store_raw_file_io (temporary, TRUE, area, NULL, error))
    return FALSE;
  yk_vfs_attach_cipher (temporary, cipher);
  yk_vfs_set_new_file (temporary, TRUE); /* until detached: the copy starts empty */

  /* A second connection reads while the store's own holds the write
   * lock, so nobody changes the data between copy and rename. */
  source = _yk_store_open_connection (store->path, FALSE, error);
  destination = source ? _yk_store_open_connection (temporary, FALSE, error) : NULL;
  if (destination != NULL)
    ok = backup_into (source, destination, error);
  if (ok && new_key != NULL)
    {
      g_autoptr (YkSecret) old_audit_key = yk_store_derive_audit_key (store);
      g_autoptr (YkSecret) new_audit_key = yk_keys_derive (new_key, YK_SUBKEY_AUDIT);

      ok = yk_audit_rekey (destination, old_audit_key, new_audit_key, error) &&
           _yk_store_record_generation (destination, generation, error);
    }
  sqlite3_close_v2 (source);
  if (destination != NULL && sqlite3_close_v2 (destination) != SQLITE_OK)
    ok = FALSE;
  yk_vfs_detach_cipher (temporary);
  if (!ok)
    g_unlink (temporary);
  return ok;
}

static gboolean
rename_into_place (const char *temporary,
                   const char *destination,
                   GError    **error)
{
  if (g_rename (temporary, destination) != 0)
    {
      int saved = errno;
      g_unlink (temporary);
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_IO, _("Could not write “%1$s”: %2$s"),
                   destination, g_strerror (saved));
      return FALSE;
    }
  sync_directory_of (destination);
  return TRUE;
}

static gboolean
current_header (YkStore  *store,
                YkHeader *header,
                GError  **error)
{
  g_autofree guint8 *area = g_malloc (YK_HEADER_AREA_SIZE);
  YkHeaderCopies copies;

  return _yk_store_read_area (store->db, area, error) &&
         _yk_store_pick_header (area, YK_HEADER_AREA_SIZE, store->database_key, header, &copies,
                                error);
}

static char *
temporary_beside (const char *path)
{
  g_autofree char *random = g_uuid_string_random ();

  return g_strdup_printf ("%s.%.8s.yk-tmp", path, random);
}

/* A file that exists and is not a Yukang database is never overwritten. */
static gboolean
destination_is_replaceable (const char *full_path,
                            GError    **error)
{
  g_autofree guint8 *magic = g_malloc0 (YK_HEADER_AREA_SIZE);
  gsize length = 0;

  if (!g_file_test (full_path, G_FILE_TEST_EXISTS))
    return TRUE;
  if (g_file_test (full_path, G_FILE_TEST_IS_REGULAR) &&
      _yk_store_raw_file_io (full_path, FALSE, magic, &length, NULL) && length >= 8 &&
      memcmp (magic, "YUKANGDB", 8) == 0)
    return TRUE;
  g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_EXISTS,
               _("“%1$s” exists and is not a Yukang database; it will not be overwritten"),
               full_path);
  return FALSE;
}

/* A consistent encrypted copy with the same accounts and key, safe while
 * the database is in use (SQLite's backup API under a write lock). */
gboolean
yk_store_backup (YkStore    *store,
                 const char *destination,
                 GError    **error)
{
  g_autofree char *full_path = yk_vfs_full_path (destination, error);
  g_autofree char *temporary = NULL;
  g_autofree YkHeader *header = g_new0 (YkHeader, 1);
  g_autofree guint8 *area = g_malloc0 (YK_HEADER_AREA_SIZE);
  gboolean ok;

  if (full_path == NULL || _yk_store_refuse_merged (store, error) || !_yk_store_refuse_read_only (store, error))
    return FALSE;
  if (g_strcmp0 (full_path, store->path) == 0)
    {
      g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                           _("A backup cannot be written over the database itself"));
      return FALSE;
    }
  if (!destination_is_replaceable (full_path, error))
    return FALSE;

  if (!_yk_store_exec (store->db, "BEGIN IMMEDIATE", _("Locking the database"), error))
    return FALSE;
  ok = current_header (store, header, error);
  if (ok)
    {
      yk_header_serialize (header, store->database_key, area);
      memcpy (area + YK_HEADER_COPY_SIZE, area, YK_HEADER_COPY_SIZE);
      temporary = temporary_beside (full_path);
      ok = write_copy (store, temporary, area, store->cipher, NULL, 0, error) &&
           rename_into_place (temporary, full_path, error);
    }
  sqlite3_exec (store->db, "COMMIT", NULL, NULL, NULL);
  return ok;
}

/* When someone leaves (docs/design/file-format.md, "Copies"): a new database key, the data copied
 * into a file keyed with it, the key sealed to every remaining slot's
 * public key (no passwords needed), the audit trail signed with the new
 * audit key (refused if it fails its check), the file renamed over the
 * old one. Whoever holds an audit key derived from the old database key
 * (yk_store_derive_audit_key) must derive it again afterwards.
 *
 * The recovery slot is not resealed but made anew with a fresh recovery
 * key (`*recovery_key`, formatted): whoever saw the old one may have
 * kept it. The generation goes on rising, so a header of the old file
 * is older than the new file's data. */
gboolean
yk_store_rotate_key (YkStore *store,
                     char   **recovery_key,
                     GError **error)
{
  g_autoptr (YkSecret) recovery = yk_recovery_key_generate ();
  int recovery_index;
  g_autofree YkHeader *header = g_new0 (YkHeader, 1);
  g_autofree guint8 *area = g_malloc0 (YK_HEADER_AREA_SIZE);
  g_autofree char *temporary = temporary_beside (store->path);
  g_autoptr (YkSecret) new_key = yk_keys_new_database_key ();
  g_autoptr (YkPageCipher) new_cipher = NULL;
  sqlite3 *reopened;
  gboolean ok;

  g_return_val_if_fail (recovery_key != NULL, FALSE);
  if (_yk_store_refuse_merged (store, error) || !_yk_store_refuse_read_only (store, error))
    return FALSE;
  if (store->extra_connections > 0)
    {
      g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_CONNECTIONS_OPEN,
                           _("Close the other views of this database before changing its key"));
      return FALSE;
    }
  if (!_yk_store_exec (store->db, "BEGIN IMMEDIATE", _("Locking the database"), error))
    return FALSE;
  ok = current_header (store, header, error);
  if (ok)
    {
      for (guint i = 0; i < YK_HEADER_MAX_SLOTS; i++)
        if (header->slots[i].kind == YK_SLOT_ACCOUNT)
          yk_key_slot_reseal (&header->slots[i], new_key);
      recovery_index = yk_header_find_recovery (header);
      if (recovery_index < 0)
        recovery_index = yk_header_find_free (header);
      ok = recovery_index >= 0 &&
           yk_key_slot_init_recovery (&header->slots[recovery_index], (guint) recovery_index,
                                      header->database_id, recovery, new_key, error);
      if (recovery_index < 0)
        g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                             _("The file header has no room for a recovery key"));
    }
  if (ok)
    {
      header->generation++;
      yk_header_serialize (header, new_key, area);
      memcpy (area + YK_HEADER_COPY_SIZE, area, YK_HEADER_COPY_SIZE);
      new_cipher = yk_page_cipher_new (new_key, header->database_id);
      ok = write_copy (store, temporary, area, new_cipher, new_key, header->generation, error);
    }
  if (!ok)
    {
      sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }

  /* From here the new file replaces the old: swap keys under the lock. */
  if (!rename_into_place (temporary, store->path, error))
    {
      sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
  yk_db_forget (store->db);
  g_clear_pointer (&store->db, sqlite3_close_v2);
  yk_vfs_replace_cipher (store->path, new_cipher);
  yk_page_cipher_unref (store->cipher);
  store->cipher = g_steal_pointer (&new_cipher);
  yk_secret_free (store->database_key);
  store->database_key = g_steal_pointer (&new_key);

  *recovery_key = yk_recovery_key_format (recovery);
  reopened = _yk_store_open_connection (store->path, FALSE, error);
  store->db = reopened;
  return reopened != NULL;
}
