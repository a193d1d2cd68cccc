/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-report-export.h"
#include "yk-pdf.h"
#include "yk-render.h"

/* The statistics as printed (yk_render_statistics_new), on A4 within the
 * PDF's margins, in Chinese whatever the locale: the pilot's own form. */
gboolean
yk_report_write_pdf (const YkReport *report,
                     GPtrArray      *months,
                     const char     *path,
                     GError        **error)
{
  g_autoptr (YkRenderStatistics) document = NULL;
  YkPdf pdf = { 0 };

  yk_pdf_begin (&pdf, path, "渝康家园统计报表");
  cairo_translate (pdf.cr, YK_PDF_MARGIN, YK_PDF_MARGIN);
  document = yk_render_statistics_new (pdf.cr, report, months, YK_PDF_PAGE_WIDTH - 2 * YK_PDF_MARGIN,
                                       YK_PDF_PAGE_HEIGHT - 1.5 * YK_PDF_MARGIN, YK_RENDER_CHINESE);
  for (int page = 0; page < yk_render_statistics_get_n_pages (document); page++)
    {
      yk_render_statistics_draw_page (document, pdf.cr, page);
      cairo_show_page (pdf.cr);
    }
  return yk_pdf_finish (&pdf, error);
}
