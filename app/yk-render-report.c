/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-config.h"
#include "yk-render-private.h"

#include <glib/gi18n.h>

#define FONT_SIZE 10.0
#define ROW_HEIGHT 20.0
#define GAP 14.0
#define CHART_HEIGHT 300.0
#define FOOTER_HEIGHT 20.0

static guint
n_columns (const YkReport *report)
{
  return report->sites->len + 2;
}

static const char *
column_title (const YkReport *report, guint column, YkRenderLanguage language)
{
  if (column < report->sites->len)
    return ((YkReportSite *) report->sites->pdata[column])->name;
  return column == report->sites->len ? _yk_render_word (language, N_("Total"), "合计")
                                      : _yk_render_word (language, N_("Cumulative"), "累计");
}

static gint64
cell (const YkReport *report, int indicator, guint column)
{
  if (column < report->sites->len)
    return ((YkReportSite *) report->sites->pdata[column])->values[indicator];
  return column == report->sites->len ? report->total[indicator] : report->cumulative[indicator];
}

/* As wide as the longest indicator, so no label wraps, but leaving the
 * numbers at least half the table. */
static double
label_column_width (cairo_t *cr, double width)
{
  double widest = 0;

  for (int k = 0; k < YK_N_INDICATORS; k++)
    widest = MAX (widest, yk_render_text_width (cr, yk_indicator_label ((YkIndicator) k), FONT_SIZE, YK_RENDER_REGULAR));
  return MIN (widest + 12, width / 2);
}

double
yk_render_report_table (cairo_t         *cr,
                        const YkReport  *report,
                        double           x,
                        double           y0,
                        double           width,
                        YkRenderLanguage language,
                        gboolean         draw)
{
  double label_width, column_width, header = ROW_HEIGHT, y;

  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (report != NULL, 0);

  label_width = label_column_width (cr, width);
  column_width = (width - label_width) / n_columns (report);
  for (guint c = 0; c < n_columns (report); c++)
    header = MAX (header, yk_render_text_height (cr, column_title (report, c, language), FONT_SIZE * 0.9, YK_RENDER_BOLD,
                                                 column_width - 6) + 6);
  if (draw)
    {
      yk_render_text (cr, _yk_render_word (language, N_("Indicator"), "指标"), x, y0, FONT_SIZE * 0.9, YK_RENDER_BOLD,
                      label_width, 0);
      for (guint c = 0; c < n_columns (report); c++)
        yk_render_text (cr, column_title (report, c, language), x + label_width + c * column_width, y0,
                        FONT_SIZE * 0.9, YK_RENDER_BOLD, column_width - 6, 1);
      yk_render_rule (cr, x, x + width, y0 + header - 2, 0.8);
    }
  y = y0 + header + 2;
  for (int k = 0; k < YK_N_INDICATORS; k++)
    {
      if (draw)
        {
          yk_render_text (cr, yk_indicator_label ((YkIndicator) k), x, y, FONT_SIZE, YK_RENDER_REGULAR, label_width, 0);
          for (guint c = 0; c < n_columns (report); c++)
            {
              char number[32];

              g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, cell (report, k, c));
              yk_render_text (cr, number, x + label_width + c * column_width, y, FONT_SIZE,
                              c == report->sites->len ? YK_RENDER_BOLD : YK_RENDER_REGULAR, column_width - 6, 1);
            }
          yk_render_rule (cr, x, x + width, y + ROW_HEIGHT - 3, 0.3);
        }
      y += ROW_HEIGHT;
    }
  return y - y0;
}

typedef enum
{
  BLOCK_TITLE,
  BLOCK_TABLE,
  BLOCK_SUMMARY,
  BLOCK_NOTES,
  BLOCK_CONTACTS_CHART,
  BLOCK_ACTIVITIES_CHART,
  N_BLOCKS
} Block;

struct _YkRenderStatistics
{
  const YkReport *report;
  YkRenderLanguage language;
  double width, height;
  char *title, *period, *summary, *notes;
  YkRenderMonthly *charts[2];
  int page[N_BLOCKS];   /* where each block is drawn */
  double top[N_BLOCKS]; /* and at which height of its page */
  int n_pages;
};

static char *
period_line (const YkReport *report, YkRenderLanguage language)
{
  g_autofree char *from = yk_date_chinese (report->from);
  g_autofree char *to = yk_date_chinese (report->to);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *iso = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *today = yk_date_chinese (iso);
  /* TRANSLATORS: the period of a printed report */
  g_autofree char *period_text = g_strdup_printf (_yk_render_word (language, N_("Period: %1$s to %2$s"),
                                                                   "统计期间：%1$s至%2$s"), from, to);
  /* TRANSLATORS: the day a report was printed, after its period */
  g_autofree char *generated_text = g_strdup_printf (_yk_render_word (language, N_("Generated: %1$s"),
                                                                      "生成日期：%1$s"), today);

  return g_strdup_printf ("%s　%s", period_text, generated_text);
}

/* Draws (when `draw`) or measures one block at y; returns its height. */
static double
block (const YkRenderStatistics *doc, cairo_t *cr, Block b, double y, gboolean draw)
{
  static const YkRenderColour black = { 0, 0, 0, 1 };
  double h;

  switch (b)
    {
    case BLOCK_TITLE:
      h = yk_render_text_height (cr, doc->title, 16, YK_RENDER_BOLD, doc->width) + 6;
      if (draw)
        {
          yk_render_text (cr, doc->title, 0, y, 16, YK_RENDER_BOLD, doc->width, 0);
          yk_render_text (cr, doc->period, 0, y + h, FONT_SIZE, YK_RENDER_REGULAR, doc->width, 0);
        }
      return h + yk_render_text_height (cr, doc->period, FONT_SIZE, YK_RENDER_REGULAR, doc->width);
    case BLOCK_TABLE:
      return yk_render_report_table (cr, doc->report, 0, y, doc->width, doc->language, draw);
    case BLOCK_SUMMARY:
      if (draw)
        yk_render_text (cr, doc->summary, 0, y, FONT_SIZE * 1.05, YK_RENDER_REGULAR, doc->width, 0);
      return yk_render_text_height (cr, doc->summary, FONT_SIZE * 1.05, YK_RENDER_REGULAR, doc->width);
    case BLOCK_NOTES:
      if (draw)
        {
          cairo_save (cr);
          cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
          yk_render_text (cr, doc->notes, 0, y, FONT_SIZE * 0.85, YK_RENDER_REGULAR, doc->width, 0);
          cairo_restore (cr);
        }
      return yk_render_text_height (cr, doc->notes, FONT_SIZE * 0.85, YK_RENDER_REGULAR, doc->width);
    case BLOCK_CONTACTS_CHART:
    case BLOCK_ACTIVITIES_CHART:
      if (draw)
        {
          cairo_save (cr);
          cairo_translate (cr, 0, y);
          yk_render_monthly_draw (doc->charts[b - BLOCK_CONTACTS_CHART], cr, doc->width, CHART_HEIGHT, &black);
          cairo_restore (cr);
        }
      return CHART_HEIGHT;
    case N_BLOCKS:
    default:
      g_assert_not_reached ();
    }
}

/* Lays the blocks out in order, a block that does not fit starting a
 * new page. */
YkRenderStatistics *
yk_render_statistics_new (cairo_t         *cr,
                          const YkReport  *report,
                          GPtrArray       *months,
                          double           width,
                          double           height,
                          YkRenderLanguage language)
{
  g_autoptr (YkRenderStatistics) doc = g_new0 (YkRenderStatistics, 1);
  double y = 0;
  int page = 0;

  g_return_val_if_fail (cr != NULL, NULL);
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (months != NULL, NULL);

  doc->report = report;
  doc->language = language;
  doc->width = width;
  doc->height = height;
  doc->title = g_strdup (_yk_render_word (language, N_("Yukang Community Rehabilitation Statistics"),
                                          "渝康家园精神障碍社区康复服务统计报表"));
  doc->period = period_line (report, language);
  doc->summary = yk_report_summary (report);
  doc->notes = yk_report_notes (report);
  doc->charts[0] = yk_render_monthly_new (YK_MONTHLY_CHART_CONTACTS, report, months, language);
  doc->charts[1] = yk_render_monthly_new (YK_MONTHLY_CHART_ACTIVITIES, report, months, language);

  for (int b = 0; b < N_BLOCKS; b++)
    {
      double h = block (doc, cr, (Block) b, 0, FALSE);

      if (y > 0 && y + h > height - FOOTER_HEIGHT)
        {
          page++;
          y = 0;
        }
      doc->page[b] = page;
      doc->top[b] = y;
      y += h + GAP * (b == BLOCK_TITLE || b == BLOCK_TABLE ? 1.5 : 1);
    }
  doc->n_pages = page + 1;
  return g_steal_pointer (&doc);
}

void
yk_render_statistics_free (YkRenderStatistics *doc)
{
  if (doc == NULL)
    return;
  g_free (doc->title);
  g_free (doc->period);
  g_free (doc->summary);
  g_free (doc->notes);
  yk_render_monthly_free (doc->charts[0]);
  yk_render_monthly_free (doc->charts[1]);
  g_free (doc);
}

int
yk_render_statistics_get_n_pages (const YkRenderStatistics *doc)
{
  g_return_val_if_fail (doc != NULL, 0);
  return doc->n_pages;
}

void
yk_render_statistics_draw_page (const YkRenderStatistics *doc,
                                cairo_t                  *cr,
                                int                       page)
{
  g_return_if_fail (doc != NULL);
  g_return_if_fail (cr != NULL);
  g_return_if_fail (page >= 0 && page < doc->n_pages);

  cairo_save (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int b = 0; b < N_BLOCKS; b++)
    if (doc->page[b] == page)
      block (doc, cr, (Block) b, doc->top[b], TRUE);
  yk_render_page_footer (cr, doc->width, doc->height, page + 1, doc->n_pages, doc->language);
  cairo_restore (cr);
}
