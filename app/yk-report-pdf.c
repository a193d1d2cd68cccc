/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-report-export.h"
#include "yk-pdf.h"

#include <math.h>
#include <stdlib.h>

#define PAGE_WIDTH YK_PDF_PAGE_WIDTH
#define PAGE_HEIGHT YK_PDF_PAGE_HEIGHT
#define MARGIN YK_PDF_MARGIN
#define ROW_HEIGHT 22.0
#define PAGES 2

static void
draw_table_page (YkPdf *pdf, const YkReport *r)
{
  g_autofree char *from = yk_date_chinese (r->from);
  g_autofree char *to = yk_date_chinese (r->to);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *generated = yk_date_chinese (today);
  g_autofree char *period = g_strdup_printf ("统计期间：%s—%s　生成日期：%s", from, to, generated);
  g_autofree char *summary = yk_report_summary (r);
  g_autofree char *notes = yk_report_notes (r);
  double content = PAGE_WIDTH - 2 * MARGIN;
  double label_width = 150, number_width = (content - label_width) / (r->sites->len + 2);
  double y = MARGIN;

  y += yk_pdf_text (pdf, "渝康家园精神障碍社区康复服务统计报表", MARGIN, y, 16, TRUE, content, FALSE) + 6;
  y += yk_pdf_text (pdf, period, MARGIN, y, 10, FALSE, content, FALSE) + 14;

  /* The table: a header rule, a rule under each row. */
  yk_pdf_text (pdf, "指标", MARGIN, y, 10, TRUE, 0, FALSE);
  for (guint i = 0; i <= r->sites->len + 1; i++)
    {
      const char *name = i < r->sites->len ? ((YkReportSite *) r->sites->pdata[i])->name
                                            : (i == r->sites->len ? "合计" : "累计");
      yk_pdf_text (pdf, name, MARGIN + label_width + number_width * (i + 1) - 4, y, 9, TRUE, 0, TRUE);
    }
  y += ROW_HEIGHT;
  yk_pdf_rule (pdf, y - 4, 0.8);
  for (int k = 0; k < YK_N_INDICATORS; k++)
    {
      yk_pdf_text (pdf, yk_indicator_label ((YkIndicator) k), MARGIN, y, 10, FALSE, 0, FALSE);
      for (guint i = 0; i <= r->sites->len + 1; i++)
        {
          gint64 v = i < r->sites->len ? ((YkReportSite *) r->sites->pdata[i])->values[k]
                                       : (i == r->sites->len ? r->total[k] : r->cumulative[k]);
          char number[32];

          g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, v);
          yk_pdf_text (pdf, number, MARGIN + label_width + number_width * (i + 1) - 4, y, 10, i == r->sites->len, 0, TRUE);
        }
      y += ROW_HEIGHT;
      yk_pdf_rule (pdf, y - 4, 0.3);
    }
  y += 16;
  y += yk_pdf_text (pdf, summary, MARGIN, y, 10.5, FALSE, content, FALSE) + 14;
  cairo_set_source_rgb (pdf->cr, 0.3, 0.3, 0.3);
  yk_pdf_text (pdf, notes, MARGIN, y, 8.5, FALSE, content, FALSE);
  cairo_set_source_rgb (pdf->cr, 0, 0, 0);
  yk_pdf_page_number (pdf, 1, PAGES);
}

/* Monthly home visits and phone follow-ups per site, as grouped bars. */
static void
draw_chart_page (YkPdf *pdf, const YkReport *r, GPtrArray *months)
{
  static const double colours[4][3] = { { 0.15, 0.47, 0.72 }, { 0.55, 0.75, 0.90 },
                                        { 0.85, 0.40, 0.10 }, { 0.98, 0.72, 0.45 } };
  static const YkIndicator series[2] = { YK_INDICATOR_HOME_VISITS, YK_INDICATOR_PHONE_FOLLOWUPS };
  guint bars = r->sites->len * 2;
  double content = PAGE_WIDTH - 2 * MARGIN;
  double chart_top = MARGIN + 80, chart_height = 360, chart_bottom = chart_top + chart_height;
  double group_width = months->len > 0 ? content / months->len : content;
  gint64 largest = 1;
  double step, y;

  yk_pdf_text (pdf, "各站点每月上门服务与电话随访（人次）", MARGIN, MARGIN, 14, TRUE, content, FALSE);
  /* The legend. */
  for (guint b = 0; b < bars; b++)
    {
      YkReportSite *site = r->sites->pdata[b / 2];
      g_autofree char *name = g_strdup_printf ("%s %s", site->code, b % 2 ? "电话随访" : "上门服务");
      double x = MARGIN + b * (content / bars);
      cairo_set_source_rgb (pdf->cr, colours[b % 4][0], colours[b % 4][1], colours[b % 4][2]);
      cairo_rectangle (pdf->cr, x, MARGIN + 34, 10, 10);
      cairo_fill (pdf->cr);
      cairo_set_source_rgb (pdf->cr, 0, 0, 0);
      yk_pdf_text (pdf, name, x + 14, MARGIN + 31, 9, FALSE, 0, FALSE);
    }

  for (guint m = 0; m < months->len; m++)
    for (guint s = 0; s < r->sites->len; s++)
      for (int k = 0; k < 2; k++)
        largest = MAX (largest, ((YkReportSite *) ((YkReport *) months->pdata[m])->sites->pdata[s])->values[series[k]]);
  /* Gridlines at round numbers. */
  step = pow (10, floor (log10 ((double) largest)));
  if (largest / step < 3)
    step /= 2;
  cairo_set_line_width (pdf->cr, 0.3);
  for (y = 0; y <= largest * 1.05; y += step)
    {
      char label[32];
      double py = chart_bottom - y / (largest * 1.05) * chart_height;

      cairo_set_source_rgb (pdf->cr, 0.8, 0.8, 0.8);
      cairo_move_to (pdf->cr, MARGIN, py);
      cairo_line_to (pdf->cr, PAGE_WIDTH - MARGIN, py);
      cairo_stroke (pdf->cr);
      cairo_set_source_rgb (pdf->cr, 0.3, 0.3, 0.3);
      g_snprintf (label, sizeof label, "%.0f", y);
      yk_pdf_text (pdf, label, MARGIN - 4, py - 6, 8, FALSE, 0, TRUE);
    }

  for (guint m = 0; m < months->len; m++)
    {
      YkReport *month = months->pdata[m];
      g_autofree char *label = g_strdup_printf ("%d月", atoi (month->from + 5));
      double x0 = MARGIN + m * group_width + group_width * 0.1;
      double bar_width = group_width * 0.8 / bars;

      for (guint b = 0; b < bars; b++)
        {
          gint64 v = ((YkReportSite *) month->sites->pdata[b / 2])->values[series[b % 2]];
          double h = v / (largest * 1.05) * chart_height;

          cairo_set_source_rgb (pdf->cr, colours[b % 4][0], colours[b % 4][1], colours[b % 4][2]);
          cairo_rectangle (pdf->cr, x0 + b * bar_width, chart_bottom - h, bar_width * 0.9, h);
          cairo_fill (pdf->cr);
        }
      cairo_set_source_rgb (pdf->cr, 0, 0, 0);
      /* Month under its group; the year where it starts or changes. */
      yk_pdf_text (pdf, label, x0 + group_width * 0.4, chart_bottom + 4, 8, FALSE, 0, TRUE);
      if (m == 0 || g_str_has_prefix (month->from + 5, "01"))
        {
          g_autofree char *year = g_strndup (month->from, 4);
          yk_pdf_text (pdf, year, x0, chart_bottom + 16, 8, FALSE, 0, FALSE);
        }
    }
  cairo_set_source_rgb (pdf->cr, 0, 0, 0);
  cairo_set_line_width (pdf->cr, 0.8);
  cairo_move_to (pdf->cr, MARGIN, chart_bottom);
  cairo_line_to (pdf->cr, PAGE_WIDTH - MARGIN, chart_bottom);
  cairo_stroke (pdf->cr);
  yk_pdf_page_number (pdf, 2, PAGES);
}

gboolean
yk_report_write_pdf (const YkReport *report,
                     GPtrArray      *months,
                     const char     *path,
                     GError        **error)
{
  YkPdf pdf = { 0 };

  yk_pdf_begin (&pdf, path, "渝康家园统计报表");
  draw_table_page (&pdf, report);
  cairo_show_page (pdf.cr);
  draw_chart_page (&pdf, report, months);
  cairo_show_page (pdf.cr);
  return yk_pdf_finish (&pdf, error);
}
