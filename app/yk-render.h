/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>
#include <glib.h>
#include <pango/pango.h>

#include "yk-report.h"

G_BEGIN_DECLS

/* Drawing has one home: every chart, table and page of Chinese text that
 * Yukang shows on screen, prints or writes as PDF is drawn here, with
 * cairo and Pango, given a cairo_t and a size. Units are whatever the
 * context's are: pixels on screen, points on paper. The window wraps
 * these functions (gtk_snapshot_append_cairo, GtkPrintOperation's
 * cairo_t); the PDF writers call them on a PDF surface. */

/* Words drawn in the user's language (gettext), or always in Chinese:
 * the statistics PDF is the pilot's Chinese form whatever the locale. */
typedef enum
{
  YK_RENDER_LOCALE,
  YK_RENDER_CHINESE,
} YkRenderLanguage;

typedef enum
{
  YK_RENDER_REGULAR = 0,
  YK_RENDER_BOLD = 1 << 0,
  YK_RENDER_MONOSPACE = 1 << 1,
} YkRenderFont;

/* Text and axes: the theme's foreground on screen, black on paper. */
typedef struct
{
  double red, green, blue, alpha;
} YkRenderColour;

/* The font every drawing uses: Noto Sans CJK SC (or fontconfig's
 * fallback) in the zh-cn language, so shared characters take their
 * Chinese forms (HACKING.md), `size` in the context's units. */
#define YK_RENDER_FONT_FAMILY "Noto Sans CJK SC"

/* A layout for `text`; width > 0 wraps it (word, else character) at
 * that width. */
PangoLayout *yk_render_layout_new (cairo_t     *cr,
                                   const char  *text,
                                   double       size,
                                   YkRenderFont font,
                                   double       width);
/* Draws `text` with its top at y and returns its height. With width > 0
 * it wraps within x … x + width, aligned there by `align` (0 left,
 * 0.5 centre, 1 right); otherwise it is one line anchored on x by
 * `align`. In the current source colour. */
double yk_render_text (cairo_t     *cr,
                       const char  *text,
                       double       x,
                       double       y,
                       double       size,
                       YkRenderFont font,
                       double       width,
                       double       align);
/* The height yk_render_text () would take, drawing nothing. */
double yk_render_text_height (cairo_t     *cr,
                              const char  *text,
                              double       size,
                              YkRenderFont font,
                              double       width);
double yk_render_text_width (cairo_t     *cr,
                             const char  *text,
                             double       size,
                             YkRenderFont font);
/* A horizontal rule from x0 to x1 at y. */
void yk_render_rule (cairo_t *cr,
                     double   x0,
                     double   x1,
                     double   y,
                     double   line_width);
/* "第 1 页，共 2 页" centred across 0 … width, its foot at `bottom`, in
 * grey. */
void yk_render_page_footer (cairo_t         *cr,
                            double           width,
                            double           bottom,
                            int              page,
                            int              pages,
                            YkRenderLanguage language);

/* The one rule for a value axis: gridlines every 1, 2 or 5 × 10ⁿ (n ≥ 0),
 * the smallest such step that needs five or fewer to reach `largest`. */
double yk_render_grid_step (double largest);

/* The monthly charts of the statistics (yk_report_monthly): one group of
 * bars per month, one bar per site and series, the value over each bar
 * where it fits, a legend, the months (and the year where it changes)
 * under the axis. */
typedef enum
{
  YK_MONTHLY_CHART_CONTACTS,   /* home visits and phone follow-ups per site */
  YK_MONTHLY_CHART_ACTIVITIES, /* activities and beneficiaries per site */
} YkMonthlyChartKind;

typedef struct _YkRenderMonthly YkRenderMonthly;

/* Copies the figures out of `report` (its sites) and `months`. */
YkRenderMonthly *yk_render_monthly_new (YkMonthlyChartKind kind,
                                        const YkReport    *report,
                                        GPtrArray         *months,
                                        YkRenderLanguage   language);
void yk_render_monthly_free (YkRenderMonthly *chart);
guint yk_render_monthly_get_n_bars (const YkRenderMonthly *chart);
/* The figures in words, for a screen reader. */
char *yk_render_monthly_describe (const YkRenderMonthly *chart);
/* Draws the chart in (0, 0, width, height); with no months or no sites,
 * the title and a line saying there is nothing to show. Returns the
 * number of characters no font could draw (0 when all is well). */
int yk_render_monthly_draw (const YkRenderMonthly *chart,
                            cairo_t               *cr,
                            double                 width,
                            double                 height,
                            const YkRenderColour  *foreground);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkRenderMonthly, yk_render_monthly_free)

/* SDSS totals over time (0–20 up the side, whole range, so two people's
 * charts compare), the baseline dashed across, months along the bottom. */
#define YK_RENDER_SDSS_MAX 20

typedef struct
{
  const char *date;   /* ISO */
  guint32 julian;     /* of date */
  int total;          /* 0 … YK_RENDER_SDSS_MAX */
  gboolean baseline;
} YkRenderSdssPoint;

/* Points oldest first; none draws the axis and "No SDSS assessment
 * yet". Returns the number of characters no font could draw. */
int yk_render_sdss_draw (cairo_t                 *cr,
                         double                   width,
                         double                   height,
                         const YkRenderSdssPoint *points,
                         guint                    n_points,
                         const YkRenderColour    *foreground);

/* The indicator table of a report: a row per indicator, a column per
 * site, then 合计 (bold) and 累计; wrapped column heads, a rule under the
 * head and a light one under each row. Drawn at (x, y) across `width`
 * when `draw`, else only measured; returns its height. */
double yk_render_report_table (cairo_t         *cr,
                               const YkReport  *report,
                               double           x,
                               double           y,
                               double           width,
                               YkRenderLanguage language,
                               gboolean         draw);

/* The statistics as a document, for print and PDF alike: title and
 * period, the table, the summary, the notes, then both monthly charts,
 * laid out in pages of width × height (the page number at the foot of
 * each). `report` and `months` are borrowed and must outlive it. */
typedef struct _YkRenderStatistics YkRenderStatistics;

YkRenderStatistics *yk_render_statistics_new (cairo_t         *cr,
                                              const YkReport  *report,
                                              GPtrArray       *months,
                                              double           width,
                                              double           height,
                                              YkRenderLanguage language);
void yk_render_statistics_free (YkRenderStatistics *document);
int yk_render_statistics_get_n_pages (const YkRenderStatistics *document);
/* Page 0 is the first. */
void yk_render_statistics_draw_page (const YkRenderStatistics *document,
                                     cairo_t                  *cr,
                                     int                       page);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkRenderStatistics, yk_render_statistics_free)

G_END_DECLS
