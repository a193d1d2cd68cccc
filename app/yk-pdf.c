/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-pdf.h"
#include "yk-app-error.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <pango/pangocairo.h>

/* Noto Sans CJK SC with the zh-cn language, or fontconfig may pick the
 * Japanese forms of shared characters (STYLE.md). */
static PangoLayout *
layout (YkPdf *pdf, const char *text, double size, gboolean bold, double width)
{
  PangoLayout *l = pango_layout_new (pdf->context);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Noto Sans CJK SC");

  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (l, font);
  if (width > 0)
    {
      pango_layout_set_width (l, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (l, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (l, text, -1);
  if (pango_layout_get_unknown_glyphs_count (l) > 0)
    g_warning ("The PDF font cannot draw some characters; install fonts-noto-cjk");
  return l;
}

void
yk_pdf_begin (YkPdf      *pdf,
              const char *path,
              const char *title)
{
  pdf->path = g_strdup (path);
  pdf->temporary = g_strdup_printf ("%s.yk-tmp", path);
  pdf->surface = cairo_pdf_surface_create (pdf->temporary, YK_PDF_PAGE_WIDTH, YK_PDF_PAGE_HEIGHT);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_TITLE, title);
  cairo_pdf_surface_set_metadata (pdf->surface, CAIRO_PDF_METADATA_CREATOR, "Yukang");
  pdf->cr = cairo_create (pdf->surface);
  pdf->context = pango_cairo_create_context (pdf->cr);
  pango_context_set_language (pdf->context, pango_language_from_string ("zh-cn"));
}

/* Ends the last page's drawing (the caller has shown it) and puts the
 * file in place. */
gboolean
yk_pdf_finish (YkPdf   *pdf,
               GError **error)
{
  g_autofree char *path = g_steal_pointer (&pdf->path);
  g_autofree char *temporary = g_steal_pointer (&pdf->temporary);
  cairo_status_t status;

  g_clear_object (&pdf->context);
  g_clear_pointer (&pdf->cr, cairo_destroy);
  cairo_surface_finish (pdf->surface);
  status = cairo_surface_status (pdf->surface);
  g_clear_pointer (&pdf->surface, cairo_surface_destroy);
  if (status != CAIRO_STATUS_SUCCESS || g_rename (temporary, path) != 0)
    {
      int saved = errno;

      g_unlink (temporary);
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FAILED, _("Could not write “%1$s”: %2$s"), path,
                   status != CAIRO_STATUS_SUCCESS ? cairo_status_to_string (status) : g_strerror (saved));
      return FALSE;
    }
  return TRUE;
}

double
yk_pdf_text (YkPdf      *pdf,
             const char *text,
             double      x,
             double      y,
             double      size,
             gboolean    bold,
             double      width,
             gboolean    right)
{
  g_autoptr (PangoLayout) l = layout (pdf, text, size, bold, width);
  int w, h;

  pango_layout_get_pixel_size (l, &w, &h);
  cairo_move_to (pdf->cr, right ? x - w : x, y);
  pango_cairo_show_layout (pdf->cr, l);
  return h;
}

void
yk_pdf_page_number (YkPdf *pdf,
                    int    page,
                    int    pages)
{
  g_autofree char *text = g_strdup_printf ("第 %d 页，共 %d 页", page, pages);
  g_autoptr (PangoLayout) l = layout (pdf, text, 9, FALSE, 0);
  int w, h;

  pango_layout_get_pixel_size (l, &w, &h);
  cairo_set_source_rgb (pdf->cr, 0.4, 0.4, 0.4);
  cairo_move_to (pdf->cr, (YK_PDF_PAGE_WIDTH - w) / 2, YK_PDF_PAGE_HEIGHT - YK_PDF_MARGIN / 2 - h);
  pango_cairo_show_layout (pdf->cr, l);
  cairo_set_source_rgb (pdf->cr, 0, 0, 0);
}

void
yk_pdf_rule (YkPdf *pdf,
             double y,
             double line_width)
{
  cairo_set_line_width (pdf->cr, line_width);
  cairo_move_to (pdf->cr, YK_PDF_MARGIN, y);
  cairo_line_to (pdf->cr, YK_PDF_PAGE_WIDTH - YK_PDF_MARGIN, y);
  cairo_stroke (pdf->cr);
}
