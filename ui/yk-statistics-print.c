/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-statistics-print.h"
#include "yk-monthly-chart.h"

#include <glib/gi18n.h>

#define FONT_SIZE 10.0
#define ROW_HEIGHT 20.0
#define GAP 14.0
#define CHART_HEIGHT 300.0

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

typedef struct
{
  YkStatistics *statistics;
  int page[N_BLOCKS];   /* where each block is drawn */
  double top[N_BLOCKS]; /* and at which height of its page */
  int n_pages;
} Job;

static void
job_free (Job *job)
{
  yk_statistics_unref (job->statistics);
  g_free (job);
}

/* Noto Sans CJK SC with the zh-cn language, or fontconfig may pick the
 * Japanese forms of shared characters (STYLE.md). */
static PangoLayout *
text_layout (GtkPrintContext *context, const char *text, double size, gboolean bold, double width)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Noto Sans CJK SC");

  pango_context_set_language (pango_layout_get_context (layout), pango_language_from_string ("zh-cn"));
  pango_layout_context_changed (layout);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  if (width > 0)
    {
      pango_layout_set_width (layout, (int) (width * PANGO_SCALE));
      pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
    }
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Draws (when cr is set) or measures text; returns its height. `align`
 * 1 puts its right edge at x + width. */
static double
text_block (GtkPrintContext *context, cairo_t *cr, const char *text, double x, double y, double size,
            gboolean bold, double width, double align)
{
  g_autoptr (PangoLayout) layout = text_layout (context, text, size, bold, width);
  int w, h;

  if (align > 0)
    pango_layout_set_alignment (layout, PANGO_ALIGN_RIGHT);
  pango_layout_get_pixel_size (layout, &w, &h);
  if (cr != NULL)
    {
      cairo_move_to (cr, x, y);
      pango_cairo_show_layout (cr, layout);
    }
  return h;
}

static char *
period_line (const YkReport *report)
{
  g_autofree char *from = yk_date_chinese (report->from);
  g_autofree char *to = yk_date_chinese (report->to);

  /* TRANSLATORS: the period of a printed report */
  return g_strdup_printf (_("Period: %1$s to %2$s"), from, to);
}

static guint
n_columns (const YkReport *report)
{
  return report->sites->len + 2;
}

static const char *
column_title (const YkReport *report, guint column)
{
  if (column < report->sites->len)
    return ((YkReportSite *) report->sites->pdata[column])->name;
  return column == report->sites->len ? _("Total") : _("Cumulative");
}

static gint64
cell (const YkReport *report, int indicator, guint column)
{
  if (column < report->sites->len)
    return ((YkReportSite *) report->sites->pdata[column])->values[indicator];
  return column == report->sites->len ? report->total[indicator] : report->cumulative[indicator];
}

/* The table: a header of column names (wrapped), a rule, a row per
 * indicator with a light rule under each. Returns its height. */
static double
table (GtkPrintContext *context, cairo_t *cr, const YkReport *report, double y0, double width)
{
  double label_width = width * 0.32, column_width = (width - label_width) / n_columns (report);
  double header = ROW_HEIGHT, y;

  for (guint c = 0; c < n_columns (report); c++)
    header = MAX (header, text_block (context, NULL, column_title (report, c), 0, 0, FONT_SIZE * 0.9, TRUE,
                                      column_width - 6, 1) + 6);
  if (cr != NULL)
    {
      text_block (context, cr, _("Indicator"), 0, y0, FONT_SIZE * 0.9, TRUE, 0, 0);
      for (guint c = 0; c < n_columns (report); c++)
        text_block (context, cr, column_title (report, c), label_width + c * column_width, y0, FONT_SIZE * 0.9,
                    TRUE, column_width - 6, 1);
      cairo_set_line_width (cr, 0.8);
      cairo_move_to (cr, 0, y0 + header - 2);
      cairo_line_to (cr, width, y0 + header - 2);
      cairo_stroke (cr);
    }
  y = y0 + header + 2;
  for (int k = 0; k < YK_N_INDICATORS; k++)
    {
      if (cr != NULL)
        {
          text_block (context, cr, yk_indicator_label ((YkIndicator) k), 0, y, FONT_SIZE, FALSE, 0, 0);
          for (guint c = 0; c < n_columns (report); c++)
            {
              char number[32];

              g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, cell (report, k, c));
              text_block (context, cr, number, label_width + c * column_width, y, FONT_SIZE,
                          c == report->sites->len, column_width - 6, 1);
            }
          cairo_set_line_width (cr, 0.3);
          cairo_move_to (cr, 0, y + ROW_HEIGHT - 3);
          cairo_line_to (cr, width, y + ROW_HEIGHT - 3);
          cairo_stroke (cr);
        }
      y += ROW_HEIGHT;
    }
  return y - y0;
}

/* Draws (cr set) or measures one block at y; returns its height. */
static double
block (GtkPrintContext *context, cairo_t *cr, const YkStatistics *statistics, Block b, double y, double width)
{
  const YkReport *report = statistics->report;
  static const GdkRGBA black = { 0, 0, 0, 1 };

  switch (b)
    {
    case BLOCK_TITLE:
      {
        g_autofree char *period = period_line (report);
        double h = text_block (context, cr, _("Yukang Community Rehabilitation Statistics"), 0, y, 16, TRUE, width, 0);

        return h + 6 + text_block (context, cr, period, 0, y + h + 6, FONT_SIZE, FALSE, width, 0);
      }
    case BLOCK_TABLE:
      return table (context, cr, report, y, width);
    case BLOCK_SUMMARY:
      {
        g_autofree char *summary = yk_report_summary (report);

        return text_block (context, cr, summary, 0, y, FONT_SIZE * 1.05, FALSE, width, 0);
      }
    case BLOCK_NOTES:
      {
        g_autofree char *notes = yk_report_notes (report);

        if (cr != NULL)
          cairo_set_source_rgb (cr, 0.3, 0.3, 0.3);
        y = text_block (context, cr, notes, 0, y, FONT_SIZE * 0.85, FALSE, width, 0);
        if (cr != NULL)
          cairo_set_source_rgb (cr, 0, 0, 0);
        return y;
      }
    case BLOCK_CONTACTS_CHART:
    case BLOCK_ACTIVITIES_CHART:
      if (cr != NULL)
        {
          cairo_save (cr);
          cairo_translate (cr, 0, y);
          yk_monthly_chart_draw (cr, width, CHART_HEIGHT,
                                 b == BLOCK_CONTACTS_CHART ? YK_MONTHLY_CHART_CONTACTS : YK_MONTHLY_CHART_ACTIVITIES,
                                 report, statistics->months, &black);
          cairo_restore (cr);
        }
      return CHART_HEIGHT;
    case N_BLOCKS:
    default:
      g_assert_not_reached ();
    }
}

/* Lays the blocks out in order, a block that does not fit starting a
 * new page; the charts each start a page of their own when the table
 * leaves too little room. */
static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  Job *job = user_data;
  double width = gtk_print_context_get_width (context);
  double height = gtk_print_context_get_height (context) - ROW_HEIGHT; /* the footer */
  double y = 0;
  int page = 0;

  for (int b = 0; b < N_BLOCKS; b++)
    {
      double h = block (context, NULL, job->statistics, (Block) b, 0, width);

      if (y > 0 && y + h > height)
        {
          page++;
          y = 0;
        }
      job->page[b] = page;
      job->top[b] = y;
      y += h + GAP * (b == BLOCK_TITLE || b == BLOCK_TABLE ? 1.5 : 1);
    }
  job->n_pages = page + 1;
  gtk_print_operation_set_n_pages (operation, job->n_pages);
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  Job *job = user_data;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  /* TRANSLATORS: the footer of a printed page */
  g_autofree char *footer = g_strdup_printf (_("Page %1$d of %2$d"), page_nr + 1, job->n_pages);

  cairo_set_source_rgb (cr, 0, 0, 0);
  for (int b = 0; b < N_BLOCKS; b++)
    if (job->page[b] == page_nr)
      block (context, cr, job->statistics, (Block) b, job->top[b], width);
  cairo_set_source_rgb (cr, 0.4, 0.4, 0.4);
  text_block (context, cr, footer, 0, gtk_print_context_get_height (context) - FONT_SIZE * 1.5, FONT_SIZE * 0.8,
              FALSE, width, 1);
}

gboolean
yk_statistics_print (GtkWindow    *parent,
                     YkStatistics *statistics,
                     const char   *export_path,
                     GError      **error)
{
  g_autoptr (GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);
  g_autofree char *job_name = g_strdup_printf ("%s %s", _("Yukang Statistics"), statistics->period);
  Job *job = g_new0 (Job, 1);
  GtkPrintOperationResult result;

  job->statistics = yk_statistics_ref (statistics);
  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", G_CALLBACK (begin_print_cb), job);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  /* The operation may outlive this call (an asynchronous dialog). */
  g_object_set_data_full (G_OBJECT (operation), "yk-statistics-print-job", job, (GDestroyNotify) job_free);

  if (export_path != NULL)
    {
      gtk_print_operation_set_export_filename (operation, export_path);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, error);
    }
  else
    {
      gtk_print_operation_set_allow_async (operation, TRUE);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error);
    }
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
