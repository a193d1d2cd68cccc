/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* Shows one attachment inside Yukang, from memory: a picture as a
 * GdkTexture made from its bytes, a PDF page by page with poppler-glib;
 * zoom in, out and to fit; 另存为 for a coordinator, behind the export
 * warning (app/yk-attachments.h). Nothing is written to disk to show it. */
#define YK_TYPE_ATTACHMENT_VIEWER (yk_attachment_viewer_get_type ())
G_DECLARE_FINAL_TYPE (YkAttachmentViewer, yk_attachment_viewer, YK, ATTACHMENT_VIEWER, GtkWindow)

/* Attachment `id` as the session may see it; NULL with the reason
 * (damage names the attachment) if it cannot be shown. */
YkAttachmentViewer *yk_attachment_viewer_new (YkUnlockedSession *session,
                                              gint64             id,
                                              GError           **error);
/* Content that is no attachment yet (a preview, a test): no 另存为. */
YkAttachmentViewer *yk_attachment_viewer_new_for_bytes (const char *file_name,
                                                        const char *media_type,
                                                        GBytes     *content,
                                                        GError    **error);

/* 0-based; a picture has one page. */
int yk_attachment_viewer_get_page (YkAttachmentViewer *self);
int yk_attachment_viewer_get_n_pages (YkAttachmentViewer *self);
/* The scale drawn at; with fit, the one fitting the window last drawn. */
double yk_attachment_viewer_get_zoom (YkAttachmentViewer *self);
gboolean yk_attachment_viewer_get_fit (YkAttachmentViewer *self);
/* The page's size in points (PDF) or pixels (picture). */
void yk_attachment_viewer_get_page_size (YkAttachmentViewer *self,
                                         double             *width,
                                         double             *height);

G_END_DECLS
