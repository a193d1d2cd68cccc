/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

/* Attachments: what may be stored and who may see it. gdk-pixbuf and
 * poppler-glib are used here, in the headless core, because they are
 * not GTK: gdk-pixbuf is GLib's image loader library (GTK uses it, it
 * does not use GTK) and poppler-glib needs only GLib and cairo, which
 * app/ already has for its PDF reports. So the command line refuses a
 * picture that does not decode exactly as the window does. */

#include "yk-attachments.h"
#include "yk-app-error.h"
#include "yk-casework.h"
#include "yk-db-activities.h"
#include "yk-db-records.h"
#include "yk-db-staff.h"

#include <errno.h>
#include <fcntl.h>
#include <gdk-pixbuf/gdk-pixbuf.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <poppler.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* A whole file of its type ends with its end marker within this many
 * bytes (PDF readers allow %%EOF within the last 1024). */
#define END_WINDOW 1024

static const struct
{
  const char *kind;
  const char *label;
} kinds[] = {
  { "consent", NC_ ("attachment kind", "Consent form") },
  { "form", NC_ ("attachment kind", "Form") },
  { "sign-in", NC_ ("attachment kind", "Sign-in sheet") },
  { "photo", NC_ ("attachment kind", "Photo") },
  { "other", NC_ ("attachment kind", "Other") },
};

static sqlite3 *
db_of (YkSession *session)
{
  return yk_store_get_connection (yk_session_get_store (session));
}

gboolean
yk_attachment_kind_is_valid (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].kind, kind) == 0)
      return TRUE;
  return FALSE;
}

const char *const *
yk_attachment_kinds (void)
{
  static const char *const codes[] = { "consent", "form", "sign-in", "photo", "other", NULL };

  G_STATIC_ASSERT (G_N_ELEMENTS (codes) == G_N_ELEMENTS (kinds) + 1);
  return codes;
}

const char *
yk_attachment_kind_label (const char *kind)
{
  for (guint i = 0; i < G_N_ELEMENTS (kinds); i++)
    if (g_strcmp0 (kinds[i].kind, kind) == 0)
      return g_dpgettext2 (NULL, "attachment kind", kinds[i].label);
  return kind;
}

/* --- the type check --- */

const char *
yk_attachment_sniff (const guint8 *data,
                     gsize         size)
{
  static const guint8 png[] = { 0x89, 'P', 'N', 'G', 0x0d, 0x0a, 0x1a, 0x0a };

  if (data == NULL)
    return NULL;
  if (size >= 5 && memcmp (data, "%PDF-", 5) == 0)
    return YK_MEDIA_TYPE_PDF;
  if (size >= 3 && data[0] == 0xff && data[1] == 0xd8 && data[2] == 0xff)
    return YK_MEDIA_TYPE_JPEG;
  if (size >= sizeof png && memcmp (data, png, sizeof png) == 0)
    return YK_MEDIA_TYPE_PNG;
  return NULL;
}

static const char *
type_of_name (const char *file_name)
{
  const char *dot = strrchr (file_name, '.');
  g_autofree char *extension = NULL;

  if (dot == NULL || strchr (dot, '/') != NULL)
    return NULL;
  extension = g_ascii_strdown (dot + 1, -1);
  if (g_str_equal (extension, "pdf"))
    return YK_MEDIA_TYPE_PDF;
  if (g_str_equal (extension, "jpg") || g_str_equal (extension, "jpeg"))
    return YK_MEDIA_TYPE_JPEG;
  if (g_str_equal (extension, "png"))
    return YK_MEDIA_TYPE_PNG;
  return NULL;
}

static const char *
type_label (const char *media_type)
{
  if (g_strcmp0 (media_type, YK_MEDIA_TYPE_PDF) == 0)
    return _("a PDF document");
  if (g_strcmp0 (media_type, YK_MEDIA_TYPE_JPEG) == 0)
    return _("a JPEG picture");
  return _("a PNG picture");
}

static gboolean
ends_with_marker (const guint8 *data,
                  gsize         size,
                  const void   *marker,
                  gsize         marker_size)
{
  gsize from = size > END_WINDOW ? size - END_WINDOW : 0;

  return size >= marker_size && memmem (data + from, size - from, marker, marker_size) != NULL;
}

static gboolean
is_whole (const char *media_type, const guint8 *data, gsize size)
{
  static const guint8 eoi[] = { 0xff, 0xd9 };
  static const guint8 iend[] = { 'I', 'E', 'N', 'D', 0xae, 0x42, 0x60, 0x82 };

  if (g_str_equal (media_type, YK_MEDIA_TYPE_PDF))
    return ends_with_marker (data, size, "%%EOF", 5);
  if (g_str_equal (media_type, YK_MEDIA_TYPE_JPEG))
    return ends_with_marker (data, size, eoi, sizeof eoi);
  return ends_with_marker (data, size, iend, sizeof iend);
}

const char *
yk_attachment_check_type (const char   *file_name,
                          const guint8 *data,
                          gsize         size,
                          GError      **error)
{
  const char *by_name, *by_content;

  if (file_name == NULL || *file_name == '\0' || !g_utf8_validate (file_name, -1, NULL))
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("An attachment needs a file name in UTF-8"));
      return NULL;
    }
  if (size == 0 || data == NULL)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, _("“%1$s” is empty"), file_name);
      return NULL;
    }
  if (size > YK_ATTACHMENT_MAX_SIZE)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   /* TRANSLATORS: %2$llu is the file's size in bytes */
                   _("“%1$s” is too large: an attachment may be at most 20 MB (20,971,520 bytes), this file has "
                     "%2$llu bytes"),
                   file_name, (unsigned long long) size);
      return NULL;
    }
  by_name = type_of_name (file_name);
  if (by_name == NULL)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("“%1$s” cannot be attached: only PDF documents (.pdf) and JPEG or PNG pictures (.jpg, .jpeg, "
                     ".png) can"),
                   file_name);
      return NULL;
    }
  by_content = yk_attachment_sniff (data, size);
  if (by_content == NULL)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("“%1$s” is not %2$s as its name says: its first bytes are not those of a PDF, JPEG or PNG file"),
                   file_name, type_label (by_name));
      return NULL;
    }
  if (by_content != by_name)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   /* TRANSLATORS: %2$s and %3$s are "a PDF document", "a JPEG picture" or "a PNG picture" */
                   _("“%1$s” is %2$s, not %3$s as its name says"), file_name, type_label (by_content),
                   type_label (by_name));
      return NULL;
    }
  if (!is_whole (by_content, data, size))
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("“%1$s” is not a whole file: it ends before the end %2$s has (was it cut short?)"), file_name,
                   type_label (by_content));
      return NULL;
    }
  return by_content;
}

/* --- decoding from memory --- */

/* The loader is told the size it would show the picture at: a check
 * needs the whole file decoded, not 100 megapixels of memory. */
static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  int longest = MAX (width, height);

  if (longest > 512)
    gdk_pixbuf_loader_set_size (loader, MAX (1, width * 512 / longest), MAX (1, height * 512 / longest));
}

static gboolean
check_picture (const char *file_name,
               const char *media_type,
               GBytes     *content,
               GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GdkPixbufLoader) loader = NULL;
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (content, &size);
  gboolean ok;

  loader = gdk_pixbuf_loader_new_with_mime_type (media_type, &local_error);
  if (loader != NULL)
    {
      g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), NULL);
      ok = gdk_pixbuf_loader_write (loader, data, size, &local_error);
      /* Closed even after a failed write, or it complains when freed. */
      ok = gdk_pixbuf_loader_close (loader, ok ? &local_error : NULL) && ok;
      if (ok && gdk_pixbuf_loader_get_pixbuf (loader) == NULL)
        ok = FALSE;
    }
  else
    ok = FALSE;
  if (ok)
    return TRUE;
  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, _("“%1$s” cannot be shown: the picture does not decode (%2$s)"),
               file_name, local_error != NULL ? local_error->message : _("no picture in it"));
  return FALSE;
}

static gboolean
check_pdf (const char *file_name,
           GBytes     *content,
           GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  /* poppler-glib 22.12 declares no g_autoptr cleanups. */
  PopplerDocument *document = poppler_document_new_from_bytes (content, NULL, &local_error);
  PopplerPage *page = NULL;

  if (document != NULL && poppler_document_get_n_pages (document) > 0)
    page = poppler_document_get_page (document, 0);
  g_clear_object (&document);
  if (page != NULL)
    {
      g_object_unref (page);
      return TRUE;
    }
  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, _("“%1$s” cannot be opened as a PDF document (%2$s)"),
               file_name, local_error != NULL ? local_error->message : _("it has no pages"));
  return FALSE;
}

const char *
yk_attachment_check (const char *file_name,
                     GBytes     *content,
                     GError    **error)
{
  gsize size = 0;
  const guint8 *data = g_bytes_get_data (content, &size);
  const char *media_type = yk_attachment_check_type (file_name, data, size, error);

  if (media_type == NULL)
    return NULL;
  if (g_str_equal (media_type, YK_MEDIA_TYPE_PDF) ? !check_pdf (file_name, content, error)
                                                  : !check_picture (file_name, media_type, content, error))
    return NULL;
  return media_type;
}

/* --- the records --- */

static gboolean
refuse_read_only (YkSession *session, GError **error)
{
  YkSnapshotInfo info;

  if (!yk_session_is_read_only (session) && !yk_session_get_snapshot_info (session, &info))
    return FALSE;
  g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_READ_ONLY,
                       _("This is a read-only view: attachments are added at the site, in its own file"));
  return TRUE;
}

static gboolean
not_found (GError **error, const char *message)
{
  g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, message);
  return FALSE;
}

/* The owner as the session may see it: a live person of its sites (and
 * their live contact), or a live activity of its sites. */
static gboolean
check_owner (YkSession *session, const YkAttachmentOwner *owner, GError **error)
{
  gint64 scope = yk_casework_site_scope (session);
  sqlite3 *db = db_of (session);

  if ((owner->client_id > 0) == (owner->activity_id > 0) || (owner->contact_id > 0 && owner->client_id <= 0))
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("An attachment belongs to one service user or one activity"));
      return FALSE;
    }
  if (owner->client_id > 0)
    {
      g_autoptr (YkClientRecord) client = yk_db_client_get (db, owner->client_id, scope, NULL);

      if (client == NULL || client->voided_at != NULL)
        return not_found (error, _("There is no such service user"));
    }
  if (owner->contact_id > 0)
    {
      g_autoptr (YkContactRecord) contact = yk_db_contact_get (db, owner->contact_id, NULL);

      if (contact == NULL || contact->voided_at != NULL || contact->client_id != owner->client_id)
        return not_found (error, _("There is no such contact"));
    }
  if (owner->activity_id > 0)
    {
      YkActivityRow *activity = yk_db_activity_get (db, owner->activity_id, scope, NULL);

      yk_activity_row_free (activity);
      if (activity == NULL)
        return not_found (error, _("There is no such activity"));
    }
  return TRUE;
}

gboolean
yk_attachments_add (YkSession               *session,
                    const YkAttachmentOwner *owner,
                    const char              *kind,
                    const char              *file_name,
                    GBytes                  *content,
                    gint64                  *id_out,
                    GError                 **error)
{
  g_autofree char *base = NULL;
  g_autofree char *detail = NULL;
  const char *media_type;
  sqlite3 *db = db_of (session);
  gint64 id = 0;

  g_return_val_if_fail (owner != NULL && content != NULL, FALSE);
  if (refuse_read_only (session, error))
    return FALSE;
  if (!yk_attachment_kind_is_valid (kind))
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("The kind of attachment must be consent, form, sign-in, photo or other, not “%1$s”"),
                   kind ? kind : "");
      return FALSE;
    }
  if (!check_owner (session, owner, error))
    return FALSE;
  base = file_name != NULL ? g_path_get_basename (file_name) : g_strdup ("");
  media_type = yk_attachment_check (base, content, error);
  if (media_type == NULL)
    return FALSE;
  detail = g_strdup_printf ("%s %s %" G_GSIZE_FORMAT, kind, media_type, g_bytes_get_size (content));
  if (!yk_db_begin (db, error))
    return FALSE;
  if (!yk_db_attachment_insert (db, owner, kind, media_type, base, content, yk_session_get_staff_id (session), &id,
                                error) ||
      !yk_session_audit (session, "attach", "attachments", id, detail, error) || !yk_db_commit (db, error))
    {
      yk_db_rollback (db);
      return FALSE;
    }
  if (id_out != NULL)
    *id_out = id;
  return TRUE;
}

static GBytes *
too_large (GError **error, const char *name, guint64 size)
{
  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
               _("“%1$s” is too large: an attachment may be at most 20 MB (20,971,520 bytes), this file has "
                 "%2$llu bytes"),
               name, (unsigned long long) size);
  return NULL;
}

/* A huge file is refused by its size without being read. */
static GBytes *
read_file (const char *path, GError **error)
{
  g_autofree char *name = g_path_get_basename (path);
  g_autofree guint8 *data = NULL;
  gsize size = 0;
  struct stat st;
  int fd = g_open (path, O_RDONLY | O_CLOEXEC | O_NOCTTY, 0);

  if (fd < 0 || fstat (fd, &st) != 0 || !S_ISREG (st.st_mode))
    {
      int saved = errno;

      if (fd >= 0)
        close (fd);
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FAILED, _("“%1$s” cannot be read: %2$s"), name,
                   fd >= 0 && saved == 0 ? _("it is not a file") : g_strerror (saved));
      return NULL;
    }
  /* Refused by its size at once; a file that grows while read is caught
   * by reading at most the limit and one byte more. */
  if ((guint64) st.st_size > YK_ATTACHMENT_MAX_SIZE)
    {
      close (fd);
      return too_large (error, name, (guint64) st.st_size);
    }
  data = g_malloc ((gsize) YK_ATTACHMENT_MAX_SIZE + 1);
  while (size < (gsize) YK_ATTACHMENT_MAX_SIZE + 1)
    {
      gssize n = read (fd, data + size, (gsize) YK_ATTACHMENT_MAX_SIZE + 1 - size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          int saved = errno;

          close (fd);
          g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FAILED, _("“%1$s” cannot be read: %2$s"), name,
                       g_strerror (saved));
          return NULL;
        }
      if (n == 0)
        break;
      size += (gsize) n;
    }
  close (fd);
  if (size > YK_ATTACHMENT_MAX_SIZE)
    return too_large (error, name, size);
  data = g_realloc (g_steal_pointer (&data), MAX (size, 1));
  return yk_attachment_bytes_new_wiped (g_steal_pointer (&data), size);
}

gboolean
yk_attachments_add_file (YkSession               *session,
                         const YkAttachmentOwner *owner,
                         const char              *kind,
                         const char              *path,
                         gint64                  *id,
                         GError                 **error)
{
  g_autoptr (GBytes) content = NULL;

  if (refuse_read_only (session, error))
    return FALSE;
  content = read_file (path, error);
  if (content == NULL)
    return FALSE;
  return yk_attachments_add (session, owner, kind, path, content, id, error);
}

GPtrArray *
yk_attachments_list (YkSession *session,
                     gint64     client_id,
                     gint64     activity_id,
                     GError   **error)
{
  return yk_db_attachments_list (db_of (session), client_id, activity_id, yk_casework_site_scope (session), error);
}

static YkAttachmentRow *
visible_row (YkSession *session, gint64 id, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  YkAttachmentRow *row = yk_db_attachment_get (db_of (session), id, yk_casework_site_scope (session), &local_error);

  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (row == NULL || row->voided_at != NULL)
    {
      yk_attachment_row_free (row);
      not_found (error, _("There is no such attachment"));
      return NULL;
    }
  return row;
}

GBytes *
yk_attachments_read (YkSession        *session,
                     gint64            id,
                     YkAttachmentRow **row_out,
                     GError          **error)
{
  g_autoptr (YkAttachmentRow) row = visible_row (session, id, error);
  GBytes *content;

  if (row == NULL)
    return NULL;
  content = yk_db_attachment_read (db_of (session), id, error);
  if (content != NULL && row_out != NULL)
    *row_out = g_steal_pointer (&row);
  return content;
}

gboolean
yk_attachments_void (YkSession  *session,
                     gint64      id,
                     const char *reason,
                     GError    **error)
{
  return yk_casework_void (session, "attachments", id, reason, error);
}

const char *
yk_attachment_save_warning (void)
{
  return _("The saved file is not encrypted: anyone who can open it sees this person’s information. Keep it only "
           "as long as needed, where nobody else can read it.");
}

gboolean
yk_attachments_save (YkSession  *session,
                     gint64      id,
                     const char *path,
                     GError    **error)
{
  g_autoptr (GBytes) content = NULL;
  g_autofree char *detail = NULL;
  gsize size = 0;
  const char *data;

  if (!yk_session_require_coordinator (session, error))
    return FALSE;
  content = yk_attachments_read (session, id, NULL, error);
  if (content == NULL)
    return FALSE;
  /* On record before a byte is written: an export that the trail does
   * not show cannot happen, at the price of an entry for one that then
   * failed (the error says so). */
  detail = g_path_get_basename (path);
  if (!yk_session_audit (session, "attachment_save", "attachments", id, detail, error))
    return FALSE;
  data = g_bytes_get_data (content, &size);
  return g_file_set_contents_full (path, data, (gssize) size, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

gboolean
yk_attachments_find_owner (YkSession         *session,
                           const char        *case_no,
                           const char        *activity_no,
                           YkAttachmentOwner *owner,
                           GError           **error)
{
  sqlite3 *db = db_of (session);

  memset (owner, 0, sizeof *owner);
  g_return_val_if_fail ((case_no != NULL) != (activity_no != NULL), FALSE);
  if (case_no != NULL)
    owner->client_id = yk_db_client_find_case_no (db, case_no, NULL);
  else
    owner->activity_id = yk_db_activity_find_no (db, activity_no);
  if ((owner->client_id > 0 || owner->activity_id > 0) && check_owner (session, owner, NULL))
    return TRUE;
  memset (owner, 0, sizeof *owner);
  if (case_no != NULL)
    g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no service user with the case number “%1$s”"),
                 case_no);
  else
    g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no activity numbered “%1$s”"), activity_no);
  return FALSE;
}

char *
yk_attachment_format_size (gint64 byte_size)
{
  return g_format_size ((guint64) MAX (byte_size, 0));
}
