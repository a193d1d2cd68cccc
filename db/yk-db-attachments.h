/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Attachments (docs/design/file-format.md, "Attachments"): a scan or a
 * photo kept in the database, its content in chunks checked against
 * its BLAKE2b-256 on every read. 20 MiB = 20 × 1024 × 1024 bytes. */
#define YK_ATTACHMENT_MAX_SIZE (20 * 1024 * 1024)
#define YK_ATTACHMENT_CHUNK_SIZE (256 * 1024)
#define YK_ATTACHMENT_HASH_SIZE 32
#define YK_ATTACHMENT_MAX_CHUNKS (YK_ATTACHMENT_MAX_SIZE / YK_ATTACHMENT_CHUNK_SIZE)

/* Whose it is: a person's (client_id, and contact_id for one of their
 * contacts) or an activity's (activity_id); the others 0. */
typedef struct
{
  gint64 client_id;
  gint64 contact_id;
  gint64 activity_id;
} YkAttachmentOwner;

typedef struct
{
  gint64 id;
  YkAttachmentOwner owner;
  gint64 site_id;      /* the person's or the activity's site */
  char *kind;          /* consent, form, sign-in, photo, other */
  char *media_type;    /* application/pdf, image/jpeg, image/png */
  char *file_name;     /* as it was chosen, without its folder */
  gint64 byte_size;
  gint64 created_by;
  char *created_by_name; /* NULL if the staff row has none */
  char *created_at;    /* UTC ISO 8601 */
  char *voided_at;     /* NULL while live */
} YkAttachmentRow;

void yk_attachment_row_free (YkAttachmentRow *row);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkAttachmentRow, yk_attachment_row_free)

/* The metadata row and every chunk of `content`, in the caller's
 * transaction. `kind` and `media_type` are checked by the schema only:
 * app/ decides what may be stored. */
gboolean yk_db_attachment_insert (sqlite3                 *db,
                                  const YkAttachmentOwner *owner,
                                  const char              *kind,
                                  const char              *media_type,
                                  const char              *file_name,
                                  GBytes                  *content,
                                  gint64                   staff_id,
                                  gint64                  *id,
                                  GError                 **error);

/* The live attachments of a person (with those of their contacts) or of
 * an activity (the other 0), in `site_scope` (0: every site), oldest
 * first. */
GPtrArray *yk_db_attachments_list (sqlite3 *db,
                                   gint64   client_id,
                                   gint64   activity_id,
                                   gint64   site_scope,
                                   GError **error);

/* One attachment, voided or not; NULL and no error if there is none in
 * `site_scope`. */
YkAttachmentRow *yk_db_attachment_get (sqlite3 *db,
                                       gint64   id,
                                       gint64   site_scope,
                                       GError **error);

/* Its whole content, checked, or NULL with YK_DB_ERROR_DAMAGED naming
 * the attachment: never part of a file. The bytes are wiped when the
 * last reference goes. */
GBytes *yk_db_attachment_read (sqlite3 *db,
                               gint64   id,
                               GError **error);

/* The chunk reader yk_db_attachment_read() uses, apart from SQLite so
 * that it can be fuzzed (tests/fuzz/fuzz-attachment.c): chunks are given
 * in the order the rows come, each checked against what the metadata
 * row promises. */
typedef struct _YkChunkReader YkChunkReader;

YkChunkReader *yk_chunk_reader_new (gint64        id,
                                    const char   *file_name,
                                    gint64        byte_size,
                                    gint64        chunk_count,
                                    const guint8 *hash,
                                    gsize         hash_size,
                                    GError      **error);
gboolean yk_chunk_reader_add (YkChunkReader *reader,
                              gint64         seq,
                              const void    *data,
                              gsize          size,
                              GError       **error);
GBytes *yk_chunk_reader_finish (YkChunkReader *reader,
                                GError       **error);
void yk_chunk_reader_free (YkChunkReader *reader);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkChunkReader, yk_chunk_reader_free)

/* BLAKE2b-256 of `data`, as the attachments table keeps it. */
void yk_attachment_hash (const void *data,
                         gsize       size,
                         guint8      hash[YK_ATTACHMENT_HASH_SIZE]);

/* Bytes that are wiped before they are freed. */
GBytes *yk_attachment_bytes_new_wiped (guint8 *data,
                                       gsize   size);

G_END_DECLS
