/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-store-private.h"
#include "yk-page-cipher.h"
#include "yk-vfs.h"

#include <glib/gi18n.h>
#include <string.h>

static guint32
read_be32 (const guint8 *p)
{
  return ((guint32) p[0] << 24) | ((guint32) p[1] << 16) | ((guint32) p[2] << 8) | p[3];
}

static gboolean
check_pages (YkStore      *store,
             YkStoreCheck *check,
             GError      **error)
{
  g_autofree guint8 *page = g_malloc (YK_PAGE_SIZE);
  sqlite3_int64 size = 0;
  guint64 pages;
  int rc;

  rc = sqlite3_file_control (store->db, "main", YK_FCNTL_RAW_SIZE, &size);
  if (rc != SQLITE_OK)
    {
      yk_db_set_sqlite_error (error, NULL, rc, _("Checking the database"));
      return FALSE;
    }
  if (size < YK_HEADER_AREA_SIZE || (size - YK_HEADER_AREA_SIZE) % YK_PAGE_SIZE != 0)
    {
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                   _("The database file is damaged: its size (%1$lld bytes) is "
                     "not a whole number of pages"), (long long) size);
      return FALSE;
    }
  pages = (guint64) (size - YK_HEADER_AREA_SIZE) / YK_PAGE_SIZE;

  for (guint64 number = 1; number <= pages; number++)
    {
      YkRawIo io = { .offset = YK_HEADER_AREA_SIZE + (number - 1) * YK_PAGE_SIZE,
                     .buffer = page, .length = YK_PAGE_SIZE };

      rc = sqlite3_file_control (store->db, "main", YK_FCNTL_RAW_READ, &io);
      if (rc != SQLITE_OK)
        {
          yk_db_set_sqlite_error (error, NULL, rc, _("Checking the database"));
          return FALSE;
        }
      if (!yk_page_cipher_open (store->cipher, page, page, number, YK_FILE_KIND_DATABASE))
        {
          g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                       _("The database file is damaged: page %1$llu failed "
                         "authentication (it was changed, moved or copied from another file)"),
                       (unsigned long long) number);
          return FALSE;
        }
      if (number == 1 && memcmp (page + 24, page + 92, 4) == 0 && read_be32 (page + 28) != pages)
        {
          g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                       _("The database file is damaged: it should have %1$u pages but has "
                         "%2$llu (it was truncated or extended)"),
                       read_be32 (page + 28), (unsigned long long) pages);
          return FALSE;
        }
      check->pages++;
    }
  return TRUE;
}

/* Authenticates every page of the file and both header copies, reading
 * the file itself rather than through SQLite's cache. Runs inside a read
 * transaction so no writer changes the file meanwhile. */
gboolean
yk_store_check (YkStore      *store,
                YkStoreCheck *check,
                GError      **error)
{
  g_autofree guint8 *area = g_malloc (YK_HEADER_AREA_SIZE);
  g_autofree YkHeader *header = g_new0 (YkHeader, 1);
  YkHeaderCopies copies = 0;
  gboolean ok;

  memset (check, 0, sizeof *check);
  if (_yk_store_refuse_merged (store, error))
    return FALSE;
  if (!_yk_store_exec (store->db, "BEGIN; SELECT count(*) FROM sqlite_schema;",
                       _("Checking the database"), error))
    {
      sqlite3_exec (store->db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  ok = _yk_store_read_area (store->db, area, error) &&
       _yk_store_pick_header (area, YK_HEADER_AREA_SIZE, store->database_key, header, &copies, error);
  if (ok)
    {
      check->copy_a_ok = (copies & YK_HEADER_COPY_A_OK) != 0;
      check->copy_b_ok = (copies & YK_HEADER_COPY_B_OK) != 0;
      check->header_generation = header->generation;
      ok = check_pages (store, check, error);
    }
  sqlite3_exec (store->db, "COMMIT", NULL, NULL, NULL);
  return ok;
}
