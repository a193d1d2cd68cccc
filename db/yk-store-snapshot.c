/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-store-private.h"
#include "yk-audit.h"
#include "yk-page-cipher.h"
#include "yk-secret.h"
#include "yk-vfs.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* Snapshots (docs/design/file-format.md, "Snapshots"): a
 * site's file as it stands inside one read transaction, its encrypted
 * pages copied byte for byte as they are on disk, under a header of its
 * own that says it is a snapshot. Pages that did not change between two
 * snapshots are identical, so a sync engine sends only the changed
 * blocks. The copy is written under a hidden temporary name in the
 * folder, synced and renamed over the previous snapshot. */

#define GENERATION_KEY "snapshot_generation"
#define PAGES_PER_READ 64

static YkSnapshotHook snapshot_hook;
static gpointer snapshot_hook_data;

typedef struct
{
  char *directory;
  char *temporary;
  int fd;
} YkSnapshotFile;

static void
snapshot_file_clear (YkSnapshotFile *file)
{
  if (file->fd >= 0)
    close (file->fd);
  file->fd = -1;
  if (file->temporary != NULL)
    g_unlink (file->temporary);
  g_clear_pointer (&file->temporary, g_free);
  g_clear_pointer (&file->directory, g_free);
}

/* A site code names the file: letters, digits, '-' and '_' only, so no
 * code can reach outside the folder or hide the file. */
static gboolean
code_names_a_file (const char *code)
{
  if (code == NULL || *code == '\0')
    return FALSE;
  for (const char *p = code; *p; p++)
    if (!g_ascii_isalnum (*p) && *p != '-' && *p != '_')
      return FALSE;
  return TRUE;
}

/* "JL+SPQ": the file's sites in code order, as the snapshot is named. */
static char *
read_site_codes (sqlite3 *db,
                 GError **error)
{
  g_autoptr (GString) codes = g_string_new (NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  rc = sqlite3_prepare_v2 (db, "SELECT code FROM sites ORDER BY code", -1, &stmt, NULL);
  while (rc == SQLITE_OK && (rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *code = (const char *) sqlite3_column_text (stmt, 0);

      if (!code_names_a_file (code))
        {
          g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                       _("The site code “%1$s” cannot name a snapshot file (letters, digits, - and _ only)"),
                       code != NULL ? code : "");
          sqlite3_finalize (stmt);
          return NULL;
        }
      if (codes->len > 0)
        g_string_append_c (codes, '+');
      g_string_append (codes, code);
      rc = SQLITE_OK;
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, rc, _("Reading the sites"));
      return NULL;
    }
  if (codes->len == 0)
    {
      g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                           _("The database has no site; a snapshot is named after the sites it holds"));
      return NULL;
    }
  if (codes->len > YK_SNAPSHOT_SITES_MAX)
    {
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                   _("The database holds too many sites for one snapshot (their codes take more than %1$d "
                     "characters)"), YK_SNAPSHOT_SITES_MAX);
      return NULL;
    }
  return g_string_free (g_steal_pointer (&codes), FALSE);
}

/* A short write transaction of its own, just before the read
 * transaction that copies the file, so the copy holds the new number. */
static gboolean
raise_generation (sqlite3 *db,
                  GError **error)
{
  if (!_yk_store_exec (db, "BEGIN IMMEDIATE", _("Locking the database"), error))
    return FALSE;
  if (!_yk_store_exec (db,
                       "INSERT INTO settings (key, value) VALUES ('" GENERATION_KEY "', '1') "
                       "ON CONFLICT (key) DO UPDATE SET value = CAST(CAST(value AS INTEGER) + 1 AS TEXT)",
                       _("Numbering the snapshot"), error) ||
      !_yk_store_exec (db, "COMMIT", _("Numbering the snapshot"), error))
    {
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

static gboolean
write_all (YkSnapshotFile *file,
           const guint8   *data,
           gsize           length,
           GError        **error)
{
  while (length > 0)
    {
      gssize n = write (file->fd, data, length);

      if (n < 0 && errno == EINTR)
        continue;
      if (n <= 0)
        {
          int saved = n < 0 ? errno : ENOSPC;

          g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_IO,
                       _("Could not write the snapshot in the folder “%1$s”: %2$s"), file->directory,
                       g_strerror (saved));
          return FALSE;
        }
      data += n;
      length -= (gsize) n;
    }
  return TRUE;
}

/* The folder must exist: a snapshot folder that is gone (a sync engine
 * stopped, a stick pulled out) is said so, and nothing is written. The
 * temporary name starts with "." and ends with ".tmp", so a folder scan
 * for *.ykdb never sees half a snapshot. */
static gboolean
open_temporary (YkSnapshotFile *file,
                const char     *directory,
                const char     *codes,
                GError        **error)
{
  g_autofree char *name = NULL;
  g_autofree char *random = g_uuid_string_random ();

  file->fd = -1;
  file->directory = g_strdup (directory);
  if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_IO,
                   _("The snapshot folder “%1$s” does not exist; no snapshot was written"), directory);
      return FALSE;
    }
  name = g_strdup_printf (".%s.ykdb.%.8s.tmp", codes, random);
  file->temporary = g_build_filename (directory, name, NULL);
  file->fd = g_open (file->temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC | O_NOFOLLOW, 0600);
  if (file->fd < 0)
    {
      int saved = errno;

      g_clear_pointer (&file->temporary, g_free);
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_IO,
                   _("Could not write in the snapshot folder “%1$s”: %2$s; no snapshot was written"),
                   directory, g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

/* Never over the database itself (a site file named SPQ.ykdb in the
 * snapshot folder), nor over a file that is not Yukang's. */
static gboolean
destination_allowed (YkStore    *store,
                     const char *destination,
                     GError    **error)
{
  struct stat source_stat, destination_stat;
  g_autofree guint8 *magic = NULL;
  gsize length = 0;

  if (g_lstat (destination, &destination_stat) != 0)
    return TRUE;
  if (g_stat (store->path, &source_stat) == 0 && source_stat.st_dev == destination_stat.st_dev &&
      source_stat.st_ino == destination_stat.st_ino)
    {
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                   _("The snapshot “%1$s” would replace the database itself; choose another folder"),
                   destination);
      return FALSE;
    }
  magic = g_malloc0 (YK_HEADER_AREA_SIZE);
  if (S_ISREG (destination_stat.st_mode) &&
      _yk_store_raw_file_io (destination, FALSE, magic, &length, NULL) && length >= 8 &&
      memcmp (magic, "YUKANGDB", 8) == 0)
    return TRUE;
  g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_EXISTS,
               _("“%1$s” exists and is not a Yukang database; it will not be overwritten"), destination);
  return FALSE;
}

/* The pages as they are on disk, each authenticated on the way (a
 * damaged source gives no snapshot), none decrypted into the copy. */
static gboolean
copy_pages (YkStore        *store,
            YkSnapshotFile *file,
            guint64         pages,
            GError        **error)
{
  g_autofree guint8 *chunk = g_malloc (PAGES_PER_READ * YK_PAGE_SIZE);
  guint8 *plain = g_malloc (YK_PAGE_SIZE);
  sqlite3_int64 size = 0;
  gboolean ok = TRUE;
  int rc;

  rc = sqlite3_file_control (store->db, "main", YK_FCNTL_RAW_SIZE, &size);
  if (rc != SQLITE_OK || size < (sqlite3_int64) (YK_HEADER_AREA_SIZE + pages * YK_PAGE_SIZE))
    {
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                   _("The database file is damaged: it is shorter than its %1$llu pages (the file was "
                     "truncated)"), (unsigned long long) pages);
      g_free (plain);
      return FALSE;
    }
  for (guint64 first = 1; ok && first <= pages; first += PAGES_PER_READ)
    {
      guint64 count = MIN ((guint64) PAGES_PER_READ, pages - first + 1);
      YkRawIo io = { .offset = YK_HEADER_AREA_SIZE + (first - 1) * YK_PAGE_SIZE,
                     .buffer = chunk, .length = (int) (count * YK_PAGE_SIZE) };

      rc = sqlite3_file_control (store->db, "main", YK_FCNTL_RAW_READ, &io);
      if (rc != SQLITE_OK)
        {
          yk_db_set_sqlite_error (error, NULL, rc, _("Reading the database for the snapshot"));
          ok = FALSE;
          break;
        }
      for (guint64 i = 0; i < count; i++)
        if (!yk_page_cipher_open (store->cipher, chunk + i * YK_PAGE_SIZE, plain, first + i,
                                  YK_FILE_KIND_DATABASE))
          {
            g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                         _("The database file is damaged: page %1$llu failed authentication (it was "
                           "changed, moved or copied from another file); no snapshot was written"),
                         (unsigned long long) (first + i));
            ok = FALSE;
            break;
          }
      ok = ok && write_all (file, chunk, count * YK_PAGE_SIZE, error);
    }
  explicit_bzero (plain, YK_PAGE_SIZE);
  g_free (plain);
  return ok;
}

static gboolean
read_page_count (sqlite3 *db,
                 guint64 *pages,
                 GError **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, "PRAGMA page_count", -1, &stmt, NULL);

  if (rc == SQLITE_OK)
    rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    *pages = (guint64) MAX (sqlite3_column_int64 (stmt, 0), 0);
  sqlite3_finalize (stmt);
  if (rc != SQLITE_ROW)
    {
      yk_db_set_sqlite_error (error, db, rc, _("Reading the database for the snapshot"));
      return FALSE;
    }
  return TRUE;
}

/* Inside the read transaction: what the snapshot block says, the header
 * with it, then the pages. */
static gboolean
write_snapshot (YkStore        *store,
                YkSnapshotFile *file,
                char          **codes,
                YkSnapshotInfo *info,
                GError        **error)
{
  g_autofree guint8 *area = g_malloc0 (YK_HEADER_AREA_SIZE);
  g_autofree YkHeader *header = g_new0 (YkHeader, 1);
  YkHeaderCopies copies;
  YkAuditHead head;
  guint64 pages = 0;
  guint64 generation = 0;

  *codes = read_site_codes (store->db, error);
  if (*codes == NULL || !_yk_store_read_counter (store->db, GENERATION_KEY, &generation, _("Reading the snapshot generation"), error) ||
      !yk_audit_read_head (store->db, &head, error) || !read_page_count (store->db, &pages, error) ||
      !_yk_store_read_area (store->db, area, error) ||
      !_yk_store_pick_header (area, YK_HEADER_AREA_SIZE, store->database_key, header, &copies, error))
    return FALSE;

  /* The same slots and generation; the block is all that is new. */
  memset (&header->snapshot, 0, sizeof header->snapshot);
  header->snapshot.generation = generation;
  header->snapshot.taken_at = g_get_real_time () / G_USEC_PER_SEC;
  g_strlcpy (header->snapshot.site_codes, *codes, sizeof header->snapshot.site_codes);
  header->snapshot.audit_head_id = (guint64) MAX (head.id, 0);
  memcpy (header->snapshot.audit_head_hash, head.hash, sizeof header->snapshot.audit_head_hash);
  *info = header->snapshot;
  memset (area, 0, YK_HEADER_AREA_SIZE);
  yk_header_serialize (header, store->database_key, area);
  memcpy (area + YK_HEADER_COPY_SIZE, area, YK_HEADER_COPY_SIZE);

  if (!write_all (file, area, YK_HEADER_AREA_SIZE, error))
    return FALSE;
  if (snapshot_hook != NULL)
    snapshot_hook (snapshot_hook_data);
  return copy_pages (store, file, pages, error);
}

static gboolean
finish (YkSnapshotFile *file,
        const char     *destination,
        GError        **error)
{
  int fd = file->fd;
  int saved;

  file->fd = -1;
  if (fsync (fd) != 0)
    {
      saved = errno;
      close (fd);
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_IO,
                   _("Could not write the snapshot in the folder “%1$s”: %2$s"), file->directory,
                   g_strerror (saved));
      return FALSE;
    }
  if (close (fd) != 0 || g_rename (file->temporary, destination) != 0)
    {
      saved = errno;
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_IO,
                   _("Could not write the snapshot in the folder “%1$s”: %2$s"), file->directory,
                   g_strerror (saved));
      return FALSE;
    }
  g_clear_pointer (&file->temporary, g_free);
  /* The rename itself reaches the disk. */
  fd = g_open (file->directory, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0);
  if (fd >= 0)
    {
      fsync (fd);
      close (fd);
    }
  return TRUE;
}

gboolean
yk_store_snapshot (YkStore        *store,
                   const char     *directory,
                   char          **written_path,
                   YkSnapshotInfo *info,
                   GError        **error)
{
  YkSnapshotFile file = { .fd = -1 };
  g_autofree char *codes = NULL;
  g_autofree char *destination = NULL;
  g_autofree char *name = NULL;
  YkSnapshotInfo taken = { 0 };
  gboolean ok;

  g_return_val_if_fail (store != NULL && directory != NULL, FALSE);

  if (!_yk_store_refuse_read_only (store, error))
    return FALSE;
  if (!sqlite3_get_autocommit (store->db))
    {
      g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_BUSY,
                           _("A snapshot is taken between changes, not during one"));
      return FALSE;
    }
  /* The codes name the temporary file; the ones inside the read
   * transaction name the snapshot. Nothing is written to the database
   * before the folder has taken a file. */
  codes = read_site_codes (store->db, error);
  if (codes == NULL)
    return FALSE;
  name = g_strconcat (codes, ".ykdb", NULL);
  destination = g_build_filename (directory, name, NULL);
  if (!open_temporary (&file, directory, codes, error) || !destination_allowed (store, destination, error))
    {
      snapshot_file_clear (&file);
      return FALSE;
    }
  g_clear_pointer (&codes, g_free);

  ok = raise_generation (store->db, error);
  if (ok && !_yk_store_exec (store->db, "BEGIN; SELECT count(*) FROM sqlite_schema;",
                             _("Reading the database for the snapshot"), error))
    {
      sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
      ok = FALSE;
    }
  if (ok)
    {
      /* SHARED lock held from here: no writer can change a page, so
       * the pages and the block agree. */
      ok = write_snapshot (store, &file, &codes, &taken, error);
      sqlite3_exec (store->db, "COMMIT", NULL, NULL, NULL);
    }
  if (ok && (strlen (name) != strlen (codes) + strlen (".ykdb") || !g_str_has_prefix (name, codes)))
    {
      /* A site was added or renamed meanwhile: named as it is now. */
      g_free (name);
      g_free (destination);
      name = g_strconcat (codes, ".ykdb", NULL);
      destination = g_build_filename (directory, name, NULL);
      ok = destination_allowed (store, destination, error);
    }
  ok = ok && finish (&file, destination, error);
  snapshot_file_clear (&file);
  if (!ok)
    return FALSE;
  if (written_path != NULL)
    *written_path = g_steal_pointer (&destination);
  if (info != NULL)
    *info = taken;
  return TRUE;
}

void
_yk_store_set_snapshot_hook (YkSnapshotHook hook,
                             gpointer       data)
{
  snapshot_hook = hook;
  snapshot_hook_data = data;
}
