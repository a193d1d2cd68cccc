/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

G_BEGIN_DECLS

/* Drawing the PDFs people print (the report, the due list): A4 in
 * points, Noto Sans CJK SC in Simplified Chinese, written to a
 * temporary file and renamed so a failed write never leaves half a
 * file under the name asked for. */
#define YK_PDF_PAGE_WIDTH 595.0
#define YK_PDF_PAGE_HEIGHT 842.0
#define YK_PDF_MARGIN 50.0

typedef struct
{
  cairo_surface_t *surface;
  cairo_t *cr;
  PangoContext *context;
  char *path;
  char *temporary;
} YkPdf;

void yk_pdf_begin (YkPdf      *pdf,
                   const char *path,
                   const char *title);
gboolean yk_pdf_finish (YkPdf   *pdf,
                        GError **error);

/* Draws text with its top-left (or top-right, for numbers) at x, y;
 * width > 0 wraps it. Returns its height. */
double yk_pdf_text (YkPdf      *pdf,
                    const char *text,
                    double      x,
                    double      y,
                    double      size,
                    gboolean    bold,
                    double      width,
                    gboolean    right);
/* "第 1 页，共 2 页", centred at the foot of the page. */
void yk_pdf_page_number (YkPdf *pdf,
                         int    page,
                         int    pages);
/* A horizontal rule across the text area. */
void yk_pdf_rule (YkPdf *pdf,
                  double y,
                  double line_width);

G_END_DECLS
