/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-db-attachments.h"
#include "yk-session.h"

G_BEGIN_DECLS

/* Attachments (附件): scans and photos on a service user, one of their
 * contacts, or an activity (签到表), kept inside the encrypted database
 * (docs/design/file-format.md, "Attachments"). Only PDF, JPEG and PNG,
 * at most YK_ATTACHMENT_MAX_SIZE bytes (20 MiB), whose first bytes agree
 * with the name's extension and which decode: a file that fails any of
 * this is refused with a message naming it, and nothing is stored.
 * Nothing here writes a temporary file: the checks decode from memory. */

#define YK_MEDIA_TYPE_PDF "application/pdf"
#define YK_MEDIA_TYPE_JPEG "image/jpeg"
#define YK_MEDIA_TYPE_PNG "image/png"

/* The kinds, as stored and as the command line takes them. */
gboolean yk_attachment_kind_is_valid (const char *kind);
const char *const *yk_attachment_kinds (void);
/* 同意书, 表格, 签到表, 照片, 其他 in Chinese. */
const char *yk_attachment_kind_label (const char *kind);

/* The media type of `data` by its magic bytes, NULL if none of the
 * three. Nothing else is looked at. */
const char *yk_attachment_sniff (const guint8 *data,
                                 gsize         size);

/* The checks that need no decoder: size, extension, magic bytes and the
 * end a whole file of that type has (%%EOF, FF D9, IEND), so that a
 * truncated file is refused whatever the decoder would make of it.
 * Returns the media type, or NULL with YK_APP_ERROR_INVALID. */
const char *yk_attachment_check_type (const char   *file_name,
                                      const guint8 *data,
                                      gsize         size,
                                      GError      **error);

/* yk_attachment_check_type(), then a decode from memory: the picture by
 * gdk-pixbuf's loader for its type, the PDF by poppler-glib. */
const char *yk_attachment_check (const char *file_name,
                                 GBytes     *content,
                                 GError    **error);

/* Stores `content` as `file_name` (its folder is dropped) on `owner`,
 * audited as "attach". The session must be able to see the owner and
 * write (not a district view or a snapshot); a social worker attaches to
 * their own site's people and activities. */
gboolean yk_attachments_add (YkSession               *session,
                             const YkAttachmentOwner *owner,
                             const char              *kind,
                             const char              *file_name,
                             GBytes                  *content,
                             gint64                  *id,
                             GError                 **error);

/* Reads `path` (at most 20 MiB, a regular file) and adds it. */
gboolean yk_attachments_add_file (YkSession               *session,
                                  const YkAttachmentOwner *owner,
                                  const char              *kind,
                                  const char              *path,
                                  gint64                  *id,
                                  GError                 **error);

/* The live attachments of a person (with their contacts') or of an
 * activity, as the session may see them: YkAttachmentRow. */
GPtrArray *yk_attachments_list (YkSession *session,
                                gint64     client_id,
                                gint64     activity_id,
                                GError   **error);

/* A live attachment the session may see, and its checked content: the
 * whole file or an error (YK_DB_ERROR_DAMAGED names it), never part. */
GBytes *yk_attachments_read (YkSession        *session,
                             gint64            id,
                             YkAttachmentRow **row,
                             GError          **error);

/* Voids it like any record (yk_casework_void()). */
gboolean yk_attachments_void (YkSession  *session,
                              gint64      id,
                              const char *reason,
                              GError    **error);

/* 另存为: writes the attachment, unencrypted, to `path` (mode 0600),
 * audited as "attachment_save". A coordinator's act only, as every export
 * of personal data is (docs/design/security.md); the caller has shown
 * yk_attachment_save_warning() first. */
gboolean yk_attachments_save (YkSession  *session,
                              gint64      id,
                              const char *path,
                              GError    **error);
const char *yk_attachment_save_warning (void);

/* The owner a command line names: a case number or an activity number
 * (exactly one), as the session may see it, else YK_APP_ERROR_NOT_FOUND. */
gboolean yk_attachments_find_owner (YkSession         *session,
                                    const char        *case_no,
                                    const char        *activity_no,
                                    YkAttachmentOwner *owner,
                                    GError           **error);

/* "1.2 MB" for the list. */
char *yk_attachment_format_size (gint64 byte_size);

G_END_DECLS
