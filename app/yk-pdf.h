/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>

G_BEGIN_DECLS

/* The PDFs people print (the report, the due list): A4 in points,
 * drawn on `cr` by the renderer (yk-render.h), written to a temporary
 * file and renamed so a failed write never leaves half a file under the
 * name asked for. */
#define YK_PDF_PAGE_WIDTH 595.0
#define YK_PDF_PAGE_HEIGHT 842.0
#define YK_PDF_MARGIN 50.0

typedef struct
{
  cairo_surface_t *surface;
  cairo_t *cr;
  char *path;
  char *temporary;
} YkPdf;

void yk_pdf_begin (YkPdf      *pdf,
                   const char *path,
                   const char *title);
gboolean yk_pdf_finish (YkPdf   *pdf,
                        GError **error);
/* yk_pdf_finish () in two steps, for a caller that must do something
 * (write the audit trail) between the file's completion and its
 * appearance: yk_pdf_end () completes the temporary file (removing it
 * on failure), then yk_pdf_place () renames it, or yk_pdf_discard ()
 * removes it. */
gboolean yk_pdf_end (YkPdf   *pdf,
                     GError **error);
gboolean yk_pdf_place (YkPdf   *pdf,
                       GError **error);
void yk_pdf_discard (YkPdf *pdf);

G_END_DECLS
