/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-attachment-viewer.h"
#include "yk-admin-confirm-dialog.h"
#include "yk-attachments.h"
#include "yk-file-chooser.h"

#include <glib/gi18n.h>
#include <poppler.h>

#define MIN_ZOOM 0.1
#define MAX_ZOOM 8.0
#define ZOOM_STEP 1.25

struct _YkAttachmentViewer
{
  GtkWindow parent_instance;

  GtkBox *page_box;
  GtkLabel *page_label;
  GtkButton *save_button;
  GtkLabel *message_label;
  GtkScrolledWindow *scroller;
  GtkDrawingArea *canvas;

  YkUnlockedSession *session; /* NULL: shown from bytes, no 另存为 */
  gint64 id;
  char *file_name;
  char *media_type;
  GBytes *content;             /* poppler reads from it while the document lives */
  cairo_surface_t *picture;    /* a picture, decoded once */
  PopplerDocument *document;   /* or a PDF */
  int page;
  int n_pages;
  double zoom;
  gboolean fit;
  double fit_zoom;             /* the scale fit drew at, last time */
};

G_DEFINE_FINAL_TYPE (YkAttachmentViewer, yk_attachment_viewer, GTK_TYPE_WINDOW)

static void
page_size (YkAttachmentViewer *self, double *width, double *height)
{
  *width = *height = 1;
  if (self->picture != NULL)
    {
      *width = cairo_image_surface_get_width (self->picture);
      *height = cairo_image_surface_get_height (self->picture);
    }
  else if (self->document != NULL)
    {
      PopplerPage *page = poppler_document_get_page (self->document, self->page);

      if (page != NULL)
        {
          poppler_page_get_size (page, width, height);
          g_object_unref (page);
        }
    }
}

static void
update (YkAttachmentViewer *self)
{
  g_autofree char *text = g_strdup_printf (_("%1$d / %2$d"), self->page + 1, self->n_pages);
  double width, height;

  gtk_label_set_text (self->page_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->page_box), self->n_pages > 1);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.previous-page", self->page > 0);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.next-page", self->page + 1 < self->n_pages);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-in", self->fit || self->zoom < MAX_ZOOM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-out", self->fit || self->zoom > MIN_ZOOM);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.zoom-fit", !self->fit);
  page_size (self, &width, &height);
  /* Fit: the canvas takes the window's size and the page is scaled into
   * it. Zoomed: the canvas is the page's size, and scrolls. */
  gtk_drawing_area_set_content_width (self->canvas, self->fit ? 1 : (int) (width * self->zoom + 0.5));
  gtk_drawing_area_set_content_height (self->canvas, self->fit ? 1 : (int) (height * self->zoom + 0.5));
  gtk_scrolled_window_set_policy (self->scroller, self->fit ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC,
                                  self->fit ? GTK_POLICY_NEVER : GTK_POLICY_AUTOMATIC);
  gtk_widget_queue_draw (GTK_WIDGET (self->canvas));
}

static void
draw_cb (GtkDrawingArea *area,
         cairo_t        *cr,
         int             width,
         int             height,
         gpointer        user_data)
{
  YkAttachmentViewer *self = user_data;
  double page_width, page_height, scale;

  page_size (self, &page_width, &page_height);
  if (self->fit)
    {
      scale = MIN (width / page_width, height / page_height);
      self->fit_zoom = scale;
    }
  else
    scale = self->zoom;
  cairo_translate (cr, MAX (0, (width - page_width * scale) / 2), MAX (0, (height - page_height * scale) / 2));
  cairo_scale (cr, scale, scale);
  cairo_rectangle (cr, 0, 0, page_width, page_height);
  cairo_clip (cr);
  /* A page is paper: white under whatever the PDF leaves transparent. */
  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  if (self->picture != NULL)
    {
      cairo_set_source_surface (cr, self->picture, 0, 0);
      cairo_pattern_set_filter (cairo_get_source (cr), scale < 1 ? CAIRO_FILTER_GOOD : CAIRO_FILTER_FAST);
      cairo_paint (cr);
    }
  else if (self->document != NULL)
    {
      PopplerPage *page = poppler_document_get_page (self->document, self->page);

      if (page != NULL)
        {
          poppler_page_render (page, cr);
          g_object_unref (page);
        }
    }
}

static void
show_message (YkAttachmentViewer *self, const char *text)
{
  gtk_label_set_text (self->message_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
}

/* --- actions --- */

static void
set_zoom (YkAttachmentViewer *self, double zoom)
{
  self->zoom = CLAMP (zoom, MIN_ZOOM, MAX_ZOOM);
  self->fit = FALSE;
  update (self);
}

static void
zoom_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkAttachmentViewer *self = YK_ATTACHMENT_VIEWER (widget);
  double from = self->fit ? self->fit_zoom : self->zoom;

  if (g_str_equal (action_name, "viewer.zoom-fit"))
    {
      self->fit = TRUE;
      update (self);
    }
  else if (g_str_equal (action_name, "viewer.zoom-in"))
    set_zoom (self, from * ZOOM_STEP);
  else
    set_zoom (self, from / ZOOM_STEP);
}

static void
page_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkAttachmentViewer *self = YK_ATTACHMENT_VIEWER (widget);
  int page = self->page + (g_str_equal (action_name, "viewer.next-page") ? 1 : -1);

  if (page < 0 || page >= self->n_pages)
    return;
  self->page = page;
  update (self);
}

static void
save_chosen_cb (GObject      *source,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr (YkAttachmentViewer) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = yk_file_chooser_finish (result, &error);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;
  YkSession *session;

  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }
  /* Locked meanwhile: the window is gone, or going, with the session. */
  if (self->session == NULL || (session = yk_unlocked_session_get_session (self->session)) == NULL)
    return;
  if (path == NULL)
    show_message (self, _("Choose a folder on this computer"));
  else if (yk_attachments_save (session, self->id, path, &error))
    {
      g_autofree char *name = g_file_get_basename (file);
      /* TRANSLATORS: %1$s is a file name */
      g_autofree char *saved = g_strdup_printf (_("Saved “%1$s”."), name);

      show_message (self, saved);
    }
  else
    show_message (self, error->message);
}

static void
save_accepted_cb (YkAttachmentViewer *self)
{
  const char *pattern = g_str_equal (self->media_type, YK_MEDIA_TYPE_PDF)    ? "*.pdf"
                        : g_str_equal (self->media_type, YK_MEDIA_TYPE_JPEG) ? "*.jpg;*.jpeg"
                                                                             : "*.png";
  const char *filter = g_str_equal (self->media_type, YK_MEDIA_TYPE_PDF) ? _("PDF documents") : _("Pictures");

  yk_file_chooser_save_file (GTK_WINDOW (self), _("Save the Attachment"), self->file_name, filter, pattern,
                             save_chosen_cb, g_object_ref (self));
}

/* 另存为: the same warning exports of personal data give, then where. */
static void
save_as_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *parameter)
{
  YkAttachmentViewer *self = YK_ATTACHMENT_VIEWER (widget);
  YkAdminConfirmDialog *dialog;

  if (self->session == NULL)
    return;
  dialog = yk_admin_confirm_dialog_new (GTK_WINDOW (self), _("Save a Copy Outside Yukang?"),
                                        yk_attachment_save_warning (), _("_Save As…"));
  g_signal_connect_object (dialog, "accepted", G_CALLBACK (save_accepted_cb), self, G_CONNECT_SWAPPED);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* --- GObject --- */

static void
yk_attachment_viewer_dispose (GObject *object)
{
  YkAttachmentViewer *self = YK_ATTACHMENT_VIEWER (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_ATTACHMENT_VIEWER);
  g_clear_object (&self->document);
  g_clear_pointer (&self->picture, cairo_surface_destroy);
  g_clear_pointer (&self->content, g_bytes_unref);
  g_clear_object (&self->session);
  G_OBJECT_CLASS (yk_attachment_viewer_parent_class)->dispose (object);
}

static void
yk_attachment_viewer_finalize (GObject *object)
{
  YkAttachmentViewer *self = YK_ATTACHMENT_VIEWER (object);

  g_free (self->file_name);
  g_free (self->media_type);
  G_OBJECT_CLASS (yk_attachment_viewer_parent_class)->finalize (object);
}

static void
yk_attachment_viewer_class_init (YkAttachmentViewerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_attachment_viewer_dispose;
  object_class->finalize = yk_attachment_viewer_finalize;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-attachment-viewer.ui");
  gtk_widget_class_bind_template_child (widget_class, YkAttachmentViewer, page_box);
  gtk_widget_class_bind_template_child (widget_class, YkAttachmentViewer, page_label);
  gtk_widget_class_bind_template_child (widget_class, YkAttachmentViewer, save_button);
  gtk_widget_class_bind_template_child (widget_class, YkAttachmentViewer, message_label);
  gtk_widget_class_bind_template_child (widget_class, YkAttachmentViewer, scroller);
  gtk_widget_class_bind_template_child (widget_class, YkAttachmentViewer, canvas);

  gtk_widget_class_install_action (widget_class, "viewer.zoom-in", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-out", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.zoom-fit", NULL, zoom_action);
  gtk_widget_class_install_action (widget_class, "viewer.previous-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "viewer.next-page", NULL, page_action);
  gtk_widget_class_install_action (widget_class, "viewer.save-as", NULL, save_as_action);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_plus, GDK_CONTROL_MASK, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_equal, GDK_CONTROL_MASK, "viewer.zoom-in", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_minus, GDK_CONTROL_MASK, "viewer.zoom-out", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_0, GDK_CONTROL_MASK, "viewer.zoom-fit", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Down, 0, "viewer.next-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Page_Up, 0, "viewer.previous-page", NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
yk_attachment_viewer_init (YkAttachmentViewer *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  self->zoom = 1.0;
  self->fit = TRUE;
  self->fit_zoom = 1.0;
  self->n_pages = 1;
  gtk_drawing_area_set_draw_func (self->canvas, draw_cb, self, NULL);
}

/* --- public API --- */

/* A picture through GDK's own loaders, from the bytes; then into a
 * cairo surface once, to be drawn at any scale. */
static cairo_surface_t *
decode_picture (const char *file_name, GBytes *content, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (GdkTexture) texture = gdk_texture_new_from_bytes (content, &local_error);
  cairo_surface_t *surface;

  if (texture == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%1$s” cannot be shown: %2$s"), file_name,
                   local_error->message);
      return NULL;
    }
  surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, gdk_texture_get_width (texture),
                                        gdk_texture_get_height (texture));
  if (cairo_surface_status (surface) != CAIRO_STATUS_SUCCESS)
    {
      cairo_surface_destroy (surface);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NO_SPACE, _("“%1$s” is too large to show"), file_name);
      return NULL;
    }
  gdk_texture_download (texture, cairo_image_surface_get_data (surface), cairo_image_surface_get_stride (surface));
  cairo_surface_mark_dirty (surface);
  return surface;
}

YkAttachmentViewer *
yk_attachment_viewer_new_for_bytes (const char *file_name,
                                    const char *media_type,
                                    GBytes     *content,
                                    GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  YkAttachmentViewer *self;

  g_return_val_if_fail (file_name != NULL && media_type != NULL && content != NULL, NULL);
  /* Owned by GTK's list of windows, as every window is. */
  self = g_object_new (YK_TYPE_ATTACHMENT_VIEWER, NULL);
  self->file_name = g_strdup (file_name);
  self->media_type = g_strdup (media_type);
  self->content = g_bytes_ref (content);
  if (g_str_equal (media_type, YK_MEDIA_TYPE_PDF))
    {
      self->document = poppler_document_new_from_bytes (self->content, NULL, &local_error);
      if (self->document == NULL || poppler_document_get_n_pages (self->document) < 1)
        {
          g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, _("“%1$s” cannot be shown: %2$s"), file_name,
                       local_error != NULL ? local_error->message : _("it has no pages"));
          gtk_window_destroy (GTK_WINDOW (self));
          return NULL;
        }
      self->n_pages = poppler_document_get_n_pages (self->document);
    }
  else
    {
      self->picture = decode_picture (file_name, content, error);
      if (self->picture == NULL)
        {
          gtk_window_destroy (GTK_WINDOW (self));
          return NULL;
        }
    }
  gtk_window_set_title (GTK_WINDOW (self), file_name);
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), FALSE);
  update (self);
  return self;
}

YkAttachmentViewer *
yk_attachment_viewer_new (YkUnlockedSession *session,
                          gint64             id,
                          GError           **error)
{
  YkSession *core = yk_unlocked_session_get_session (session);
  g_autoptr (YkAttachmentRow) row = NULL;
  g_autoptr (GBytes) content = NULL;
  YkAttachmentViewer *self;

  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (session), NULL);
  if (core == NULL)
    return NULL;
  content = yk_attachments_read (core, id, &row, error);
  if (content == NULL)
    return NULL;
  self = yk_attachment_viewer_new_for_bytes (row->file_name, row->media_type, content, error);
  if (self == NULL)
    return NULL;
  self->session = g_object_ref (session);
  self->id = id;
  /* Saving a copy is a coordinator's act (docs/design/security.md). */
  gtk_widget_set_visible (GTK_WIDGET (self->save_button), yk_unlocked_session_is_coordinator (session));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "viewer.save-as", yk_unlocked_session_is_coordinator (session));
  return self;
}

int
yk_attachment_viewer_get_page (YkAttachmentViewer *self)
{
  g_return_val_if_fail (YK_IS_ATTACHMENT_VIEWER (self), 0);
  return self->page;
}

int
yk_attachment_viewer_get_n_pages (YkAttachmentViewer *self)
{
  g_return_val_if_fail (YK_IS_ATTACHMENT_VIEWER (self), 0);
  return self->n_pages;
}

double
yk_attachment_viewer_get_zoom (YkAttachmentViewer *self)
{
  g_return_val_if_fail (YK_IS_ATTACHMENT_VIEWER (self), 1.0);
  return self->fit ? self->fit_zoom : self->zoom;
}

gboolean
yk_attachment_viewer_get_fit (YkAttachmentViewer *self)
{
  g_return_val_if_fail (YK_IS_ATTACHMENT_VIEWER (self), FALSE);
  return self->fit;
}

void
yk_attachment_viewer_get_page_size (YkAttachmentViewer *self,
                                    double             *width,
                                    double             *height)
{
  g_return_if_fail (YK_IS_ATTACHMENT_VIEWER (self));
  page_size (self, width, height);
}
