/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

/* Attachments: a metadata row and the content in chunks of 256 KiB
 * (docs/design/file-format.md, "Attachments"). The pages they sit on are
 * sealed by the VFS like any other, so a chunk never reaches the disk in
 * plaintext; what this file adds is that a whole file is returned or
 * none: the chunks must be all there, in order, of the promised lengths,
 * and hash to the BLAKE2b-256 written with them. */

#include "yk-db-attachments.h"
#include "yk-db-error.h"
#include "yk-db-statements.h"

#include <glib/gi18n.h>
#include <sodium.h>
#include <string.h>

struct _YkChunkReader
{
  gint64 id;
  char *file_name;
  gsize byte_size;
  gint64 chunk_count;
  guint8 hash[YK_ATTACHMENT_HASH_SIZE];
  guint8 *data;  /* byte_size bytes, wiped when freed */
  gsize filled;
  gint64 next_seq;
};

typedef struct
{
  guint8 *data;
  gsize size;
} Wiped;

#define ROW_COLUMNS                                                                                   \
  "a.id, a.client_id, a.contact_id, a.activity_id, COALESCE (c.site_id, v.site_id), a.kind, "        \
  "a.media_type, a.file_name, a.byte_size, a.created_by, s.display_name, a.created_at, a.voided_at " \
  "FROM attachments a LEFT JOIN clients c ON c.id = a.client_id "                                    \
  "LEFT JOIN activities v ON v.id = a.activity_id LEFT JOIN staff s ON s.id = a.created_by "

static void
wiped_free (gpointer user_data)
{
  Wiped *wiped = user_data;

  sodium_memzero (wiped->data, wiped->size);
  g_free (wiped->data);
  g_free (wiped);
}

GBytes *
yk_attachment_bytes_new_wiped (guint8 *data,
                               gsize   size)
{
  Wiped *wiped = g_new (Wiped, 1);

  wiped->data = data;
  wiped->size = size;
  return g_bytes_new_with_free_func (data, size, wiped_free, wiped);
}

void
yk_attachment_hash (const void *data,
                    gsize       size,
                    guint8      hash[YK_ATTACHMENT_HASH_SIZE])
{
  crypto_generichash (hash, YK_ATTACHMENT_HASH_SIZE, data, size, NULL, 0);
}

void
yk_attachment_row_free (YkAttachmentRow *row)
{
  if (row == NULL)
    return;
  g_free (row->kind);
  g_free (row->media_type);
  g_free (row->file_name);
  g_free (row->created_by_name);
  g_free (row->created_at);
  g_free (row->voided_at);
  g_free (row);
}

static char *
text_at (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static YkAttachmentRow *
row_at (sqlite3_stmt *stmt)
{
  YkAttachmentRow *row = g_new0 (YkAttachmentRow, 1);

  row->id = sqlite3_column_int64 (stmt, 0);
  row->owner.client_id = sqlite3_column_int64 (stmt, 1);
  row->owner.contact_id = sqlite3_column_int64 (stmt, 2);
  row->owner.activity_id = sqlite3_column_int64 (stmt, 3);
  row->site_id = sqlite3_column_int64 (stmt, 4);
  row->kind = text_at (stmt, 5);
  row->media_type = text_at (stmt, 6);
  row->file_name = text_at (stmt, 7);
  row->byte_size = sqlite3_column_int64 (stmt, 8);
  row->created_by = sqlite3_column_int64 (stmt, 9);
  row->created_by_name = text_at (stmt, 10);
  row->created_at = text_at (stmt, 11);
  row->voided_at = text_at (stmt, 12);
  return row;
}

static void
bind_id (sqlite3_stmt *stmt, int index, gint64 id)
{
  if (id > 0)
    sqlite3_bind_int64 (stmt, index, id);
  else
    sqlite3_bind_null (stmt, index);
}

static gboolean
step_done (sqlite3 *db, sqlite3_stmt *stmt, const char *doing, GError **error)
{
  int rc = sqlite3_step (stmt);

  yk_db_statement_release (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  yk_db_set_sqlite_error (error, db, rc, doing);
  return FALSE;
}

gboolean
yk_db_attachment_insert (sqlite3                 *db,
                         const YkAttachmentOwner *owner,
                         const char              *kind,
                         const char              *media_type,
                         const char              *file_name,
                         GBytes                  *content,
                         gint64                   staff_id,
                         gint64                  *id_out,
                         GError                 **error)
{
  const char *doing = _("Storing an attachment");
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *at = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (content, &size);
  gint64 chunks = (gint64) ((size + YK_ATTACHMENT_CHUNK_SIZE - 1) / YK_ATTACHMENT_CHUNK_SIZE);
  guint8 hash[YK_ATTACHMENT_HASH_SIZE];
  sqlite3_stmt *stmt;
  gint64 id;

  g_return_val_if_fail (size > 0 && size <= YK_ATTACHMENT_MAX_SIZE, FALSE);
  yk_attachment_hash (data, size, hash);
  stmt = yk_db_statement (db,
                          "INSERT INTO attachments (client_id, contact_id, activity_id, kind, media_type, file_name, "
                          "byte_size, chunk_count, blake2b, created_by, created_at) "
                          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                          doing, error);
  if (stmt == NULL)
    return FALSE;
  bind_id (stmt, 1, owner->client_id);
  bind_id (stmt, 2, owner->contact_id);
  bind_id (stmt, 3, owner->activity_id);
  sqlite3_bind_text (stmt, 4, kind, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 5, media_type, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 6, file_name, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 7, (gint64) size);
  sqlite3_bind_int64 (stmt, 8, chunks);
  sqlite3_bind_blob (stmt, 9, hash, sizeof hash, SQLITE_TRANSIENT);
  bind_id (stmt, 10, staff_id);
  sqlite3_bind_text (stmt, 11, at, -1, SQLITE_TRANSIENT);
  if (!step_done (db, stmt, doing, error))
    return FALSE;
  id = sqlite3_last_insert_rowid (db);

  for (gint64 seq = 0; seq < chunks; seq++)
    {
      gsize offset = (gsize) seq * YK_ATTACHMENT_CHUNK_SIZE;
      gsize length = MIN ((gsize) YK_ATTACHMENT_CHUNK_SIZE, size - offset);

      stmt = yk_db_statement (db, "INSERT INTO attachment_chunks (attachment_id, seq, data) VALUES (?, ?, ?)", doing,
                              error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_int64 (stmt, 1, id);
      sqlite3_bind_int64 (stmt, 2, seq);
      /* STATIC: the content outlives the step, and no copy is made. */
      sqlite3_bind_blob (stmt, 3, data + offset, (int) length, SQLITE_STATIC);
      if (!step_done (db, stmt, doing, error))
        return FALSE;
    }
  if (id_out != NULL)
    *id_out = id;
  return TRUE;
}

GPtrArray *
yk_db_attachments_list (sqlite3 *db,
                        gint64   client_id,
                        gint64   activity_id,
                        gint64   site_scope,
                        GError **error)
{
  const char *doing = _("Reading the attachments");
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_attachment_row_free);
  sqlite3_stmt *stmt;
  int rc;

  g_return_val_if_fail ((client_id > 0) != (activity_id > 0), NULL);
  stmt = yk_db_statement (db,
                          "SELECT " ROW_COLUMNS
                          "WHERE a.voided_at IS NULL AND (a.client_id = ?1 OR a.activity_id = ?2) "
                          "AND (?3 = 0 OR COALESCE (c.site_id, v.site_id) = ?3) ORDER BY a.created_at, a.id",
                          doing, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id > 0 ? client_id : -1);
  sqlite3_bind_int64 (stmt, 2, activity_id > 0 ? activity_id : -1);
  sqlite3_bind_int64 (stmt, 3, site_scope);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (rows, row_at (stmt));
  yk_db_statement_release (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, rc, doing);
      return NULL;
    }
  return g_steal_pointer (&rows);
}

YkAttachmentRow *
yk_db_attachment_get (sqlite3 *db,
                      gint64   id,
                      gint64   site_scope,
                      GError **error)
{
  const char *doing = _("Reading the attachments");
  YkAttachmentRow *row = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = yk_db_statement (db,
                          "SELECT " ROW_COLUMNS
                          "WHERE a.id = ?1 AND (?2 = 0 OR COALESCE (c.site_id, v.site_id) = ?2)",
                          doing, error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  sqlite3_bind_int64 (stmt, 2, site_scope);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    row = row_at (stmt);
  yk_db_statement_release (stmt);
  if (rc != SQLITE_ROW && rc != SQLITE_DONE)
    yk_db_set_sqlite_error (error, db, rc, doing);
  return row;
}

/* --- the chunk reader --- */

static void
set_chunk_damage (GError **error, const YkChunkReader *reader, gint64 seq, gboolean missing)
{
  if (missing)
    g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                 /* TRANSLATORS: %1$lld is a chunk's number, %2$lld how many there are,
                    %3$s the attachment's file name, %4$lld its number */
                 _("The database file is damaged: part %1$lld of %2$lld of the attachment “%3$s” (no. %4$lld) "
                   "is missing"),
                 (long long) seq + 1, (long long) reader->chunk_count, reader->file_name, (long long) reader->id);
  else
    g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                 _("The database file is damaged: part %1$lld of %2$lld of the attachment “%3$s” (no. %4$lld) "
                   "is not what was stored"),
                 (long long) seq + 1, (long long) reader->chunk_count, reader->file_name, (long long) reader->id);
}

YkChunkReader *
yk_chunk_reader_new (gint64        id,
                     const char   *file_name,
                     gint64        byte_size,
                     gint64        chunk_count,
                     const guint8 *hash,
                     gsize         hash_size,
                     GError      **error)
{
  YkChunkReader *reader;

  if (byte_size < 1 || byte_size > YK_ATTACHMENT_MAX_SIZE || hash == NULL || hash_size != YK_ATTACHMENT_HASH_SIZE ||
      chunk_count != (byte_size + YK_ATTACHMENT_CHUNK_SIZE - 1) / YK_ATTACHMENT_CHUNK_SIZE)
    {
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                   _("The database file is damaged: the attachment “%1$s” (no. %2$lld) has an impossible size"),
                   file_name ? file_name : "", (long long) id);
      return NULL;
    }
  reader = g_new0 (YkChunkReader, 1);
  reader->id = id;
  reader->file_name = g_strdup (file_name ? file_name : "");
  reader->byte_size = (gsize) byte_size;
  reader->chunk_count = chunk_count;
  memcpy (reader->hash, hash, sizeof reader->hash);
  reader->data = g_malloc (reader->byte_size);
  return reader;
}

gboolean
yk_chunk_reader_add (YkChunkReader *reader,
                     gint64         seq,
                     const void    *data,
                     gsize          size,
                     GError       **error)
{
  gsize expected;

  /* Rows come by seq: a gap is a missing chunk, anything else extra. */
  if (seq > reader->next_seq && reader->next_seq < reader->chunk_count)
    {
      set_chunk_damage (error, reader, reader->next_seq, TRUE);
      return FALSE;
    }
  if (seq != reader->next_seq || seq >= reader->chunk_count)
    {
      set_chunk_damage (error, reader, CLAMP (seq, 0, reader->chunk_count - 1), FALSE);
      return FALSE;
    }
  expected = MIN ((gsize) YK_ATTACHMENT_CHUNK_SIZE, reader->byte_size - reader->filled);
  if (size != expected || (size > 0 && data == NULL))
    {
      set_chunk_damage (error, reader, seq, FALSE);
      return FALSE;
    }
  memcpy (reader->data + reader->filled, data, size);
  reader->filled += size;
  reader->next_seq++;
  return TRUE;
}

GBytes *
yk_chunk_reader_finish (YkChunkReader *reader,
                        GError       **error)
{
  guint8 hash[YK_ATTACHMENT_HASH_SIZE];

  if (reader->next_seq < reader->chunk_count)
    {
      set_chunk_damage (error, reader, reader->next_seq, TRUE);
      return NULL;
    }
  g_assert (reader->filled == reader->byte_size);
  yk_attachment_hash (reader->data, reader->byte_size, hash);
  if (sodium_memcmp (hash, reader->hash, sizeof hash) != 0)
    {
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                   _("The database file is damaged: the attachment “%1$s” (no. %2$lld) does not match its "
                     "checksum"),
                   reader->file_name, (long long) reader->id);
      return NULL;
    }
  reader->filled = 0;
  return yk_attachment_bytes_new_wiped (g_steal_pointer (&reader->data), reader->byte_size);
}

void
yk_chunk_reader_free (YkChunkReader *reader)
{
  if (reader == NULL)
    return;
  if (reader->data != NULL)
    {
      sodium_memzero (reader->data, reader->byte_size);
      g_free (reader->data);
    }
  g_free (reader->file_name);
  g_free (reader);
}

GBytes *
yk_db_attachment_read (sqlite3 *db,
                       gint64   id,
                       GError **error)
{
  const char *doing = _("Reading an attachment");
  g_autoptr (YkChunkReader) reader = NULL;
  sqlite3_stmt *stmt;
  int rc;

  stmt = yk_db_statement (db, "SELECT file_name, byte_size, chunk_count, blake2b FROM attachments WHERE id = ?", doing,
                          error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    reader = yk_chunk_reader_new (id, (const char *) sqlite3_column_text (stmt, 0), sqlite3_column_int64 (stmt, 1),
                                  sqlite3_column_int64 (stmt, 2), sqlite3_column_blob (stmt, 3),
                                  (gsize) sqlite3_column_bytes (stmt, 3), error);
  yk_db_statement_release (stmt);
  if (rc == SQLITE_DONE)
    g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_FAILED, _("There is no such attachment"));
  else if (rc != SQLITE_ROW)
    yk_db_set_sqlite_error (error, db, rc, doing);
  if (reader == NULL)
    return NULL;

  /* Read in one statement, inside whatever transaction the caller has:
   * the chunks and the row cannot change between them (rows are never
   * updated), but a read transaction keeps even that honest. */
  stmt = yk_db_statement (db, "SELECT seq, data FROM attachment_chunks WHERE attachment_id = ? ORDER BY seq", doing,
                          error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const void *data = sqlite3_column_blob (stmt, 1);
      gsize size = (gsize) sqlite3_column_bytes (stmt, 1);

      if (sqlite3_column_type (stmt, 1) != SQLITE_BLOB ||
          !yk_chunk_reader_add (reader, sqlite3_column_int64 (stmt, 0), data, size, error))
        {
          if (error != NULL && *error == NULL)
            set_chunk_damage (error, reader, sqlite3_column_int64 (stmt, 0), FALSE);
          yk_db_statement_release (stmt);
          return NULL;
        }
    }
  yk_db_statement_release (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, rc, doing);
      return NULL;
    }
  return yk_chunk_reader_finish (reader, error);
}
