/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-config.h"
#include "yk-render-private.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>

/* What a monthly chart shows, copied out of the report so the chart owns
 * it. */
struct _YkRenderMonthly
{
  YkRenderLanguage language;
  char *title;
  guint n_months;
  char **month_labels;
  char **year_labels;   /* NULL where the year does not change */
  guint n_series;
  char **series_names;
  guint *colours;       /* index into palette */
  gint64 *values;       /* [series * n_months + month] */
};

/* A site's pair of series: a dark and a light shade of one hue, so a
 * greyscale printout still tells them apart. */
static const double palette[][3] = {
  { 0.11, 0.40, 0.66 }, { 0.55, 0.75, 0.92 },
  { 0.80, 0.36, 0.06 }, { 0.98, 0.73, 0.45 },
  { 0.20, 0.55, 0.30 }, { 0.60, 0.82, 0.60 },
};

#define BASE_FONT 13.0
#define SMALL_FONT (BASE_FONT * 0.85)

static void
set_colour (cairo_t *cr, const YkRenderColour *colour, double alpha)
{
  cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, colour->alpha * alpha);
}

/* 石坪桥街道渝康家园 and 九龙街道渝康家园 → 石坪桥, 九龙: what tells the
 * sites apart, short enough for a legend. */
static GStrv
short_site_names (const YkReport *report)
{
  guint n = report->sites->len;
  GStrv names = g_new0 (char *, n + 1);
  glong common = G_MAXLONG;

  for (guint i = 0; i < n; i++)
    {
      const char *name = ((YkReportSite *) report->sites->pdata[i])->name;
      const char *other = ((YkReportSite *) report->sites->pdata[(i + 1) % n])->name;
      glong a = g_utf8_strlen (name, -1), b = g_utf8_strlen (other, -1), same = 0;

      while (same < a && same < b &&
             g_utf8_get_char (g_utf8_offset_to_pointer (name, a - same - 1)) ==
               g_utf8_get_char (g_utf8_offset_to_pointer (other, b - same - 1)))
        same++;
      common = MIN (common, MIN (same, a - 1));
    }
  for (guint i = 0; i < n; i++)
    {
      const char *name = ((YkReportSite *) report->sites->pdata[i])->name;

      names[i] = n > 1 ? g_utf8_substring (name, 0, g_utf8_strlen (name, -1) - common) : g_strdup (name);
    }
  return names;
}

/* 10月 and 2021年 in Chinese; the locale's month name and year format
 * otherwise. */
static char *
month_label (YkRenderLanguage language, int year, int month)
{
  g_autoptr (GDateTime) first = g_date_time_new_local (year, month, 1, 0, 0, 0);

  if (language == YK_RENDER_CHINESE)
    return g_strdup_printf ("%d月", month);
  return g_date_time_format (first, "%b");
}

static char *
year_label (YkRenderLanguage language, int year)
{
  g_autoptr (GDateTime) first = g_date_time_new_local (year, 1, 1, 0, 0, 0);

  if (language == YK_RENDER_CHINESE)
    return g_strdup_printf ("%d年", year);
  /* TRANSLATORS: a year under a chart's months, as g_date_time_format() writes it */
  return g_date_time_format (first, _("%Y"));
}

YkRenderMonthly *
yk_render_monthly_new (YkMonthlyChartKind kind,
                       const YkReport    *report,
                       GPtrArray         *months,
                       YkRenderLanguage   language)
{
  g_autoptr (YkRenderMonthly) chart = g_new0 (YkRenderMonthly, 1);
  g_auto (GStrv) sites = NULL;
  YkIndicator series[2];
  const char *series_label[2];
  guint n_sites;

  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (months != NULL, NULL);

  sites = short_site_names (report);
  n_sites = report->sites->len;
  chart->language = language;
  if (kind == YK_MONTHLY_CHART_CONTACTS)
    {
      chart->title = g_strdup (_yk_render_word (language, N_("Home visits and phone follow-ups per month (person-times)"),
                                                "每月上门服务与电话随访（人次）"));
      series[0] = YK_INDICATOR_HOME_VISITS;
      series[1] = YK_INDICATOR_PHONE_FOLLOWUPS;
      series_label[0] = _yk_render_word (language, N_("Home visits"), "上门服务");
      series_label[1] = _yk_render_word (language, N_("Phone follow-ups"), "电话随访");
    }
  else
    {
      chart->title = g_strdup (_yk_render_word (language, N_("Activities and beneficiaries per month"),
                                                "每月服务活动（次）与受益人数（人）"));
      series[0] = YK_INDICATOR_ACTIVITIES;
      series[1] = YK_INDICATOR_BENEFICIARIES;
      series_label[0] = _yk_render_word (language, N_("Activities"), "服务活动");
      series_label[1] = _yk_render_word (language, N_("Beneficiaries"), "受益人数");
    }

  chart->n_months = months->len;
  chart->month_labels = g_new0 (char *, months->len + 1);
  chart->year_labels = g_new0 (char *, months->len + 1);
  for (guint m = 0; m < months->len; m++)
    {
      const YkReport *month = months->pdata[m];
      int year = atoi (month->from), month_number = atoi (month->from + 5);

      chart->month_labels[m] = month_label (language, year, month_number);
      if (m == 0 || month_number == 1)
        chart->year_labels[m] = year_label (language, year);
    }

  chart->n_series = n_sites * 2;
  chart->series_names = g_new0 (char *, chart->n_series + 1);
  chart->colours = g_new0 (guint, MAX (chart->n_series, 1));
  chart->values = g_new0 (gint64, MAX (chart->n_series * months->len, 1));
  for (guint s = 0; s < chart->n_series; s++)
    {
      guint site = s / 2;

      chart->series_names[s] = n_sites > 1 ? g_strdup_printf ("%s %s", sites[site], series_label[s % 2])
                                           : g_strdup (series_label[s % 2]);
      chart->colours[s] = (site * 2 + s % 2) % G_N_ELEMENTS (palette);
      for (guint m = 0; m < months->len; m++)
        {
          const YkReport *month = months->pdata[m];

          chart->values[s * months->len + m] = ((YkReportSite *) month->sites->pdata[site])->values[series[s % 2]];
        }
    }
  return g_steal_pointer (&chart);
}

void
yk_render_monthly_free (YkRenderMonthly *chart)
{
  if (chart == NULL)
    return;
  g_free (chart->title);
  g_strfreev (chart->month_labels);
  for (guint m = 0; m < chart->n_months; m++)
    g_free (chart->year_labels[m]);
  g_free (chart->year_labels);
  g_strfreev (chart->series_names);
  g_free (chart->colours);
  g_free (chart->values);
  g_free (chart);
}

guint
yk_render_monthly_get_n_bars (const YkRenderMonthly *chart)
{
  g_return_val_if_fail (chart != NULL, 0);
  return chart->n_series * chart->n_months;
}

char *
yk_render_monthly_describe (const YkRenderMonthly *chart)
{
  GString *description;

  g_return_val_if_fail (chart != NULL, NULL);

  description = g_string_new (chart->title);
  for (guint s = 0; s < chart->n_series; s++)
    {
      g_string_append_printf (description, "; %s:", chart->series_names[s]);
      for (guint m = 0; m < chart->n_months; m++)
        g_string_append_printf (description, " %s %" G_GINT64_FORMAT, chart->month_labels[m],
                                chart->values[s * chart->n_months + m]);
    }
  return g_string_free (description, FALSE);
}

/* The legend under the title, wrapping when the names do not fit on one
 * line; returns the y below it. */
static double
draw_legend (const YkRenderMonthly *chart, cairo_t *cr, double y, double width, double pad,
             const YkRenderColour *fg, int *unknown)
{
  double x = pad;

  for (guint s = 0; s < chart->n_series; s++)
    {
      double w = 14 + yk_render_text_width (cr, chart->series_names[s], SMALL_FONT, YK_RENDER_REGULAR) + 16;
      const double *c = palette[chart->colours[s]];

      if (x + w > width - pad && x > pad)
        {
          x = pad;
          y += SMALL_FONT * 1.8;
        }
      cairo_set_source_rgb (cr, c[0], c[1], c[2]);
      cairo_rectangle (cr, x, y + SMALL_FONT * 0.35, 10, 10);
      cairo_fill (cr);
      set_colour (cr, fg, 1);
      _yk_render_show (cr, chart->series_names[s], x + 14, y, SMALL_FONT, YK_RENDER_REGULAR, 0, 0, unknown);
      x += w;
    }
  return y + SMALL_FONT * 2.2;
}

int
yk_render_monthly_draw (const YkRenderMonthly *chart,
                        cairo_t               *cr,
                        double                 width,
                        double                 height,
                        const YkRenderColour  *fg)
{
  double pad = 8, small = SMALL_FONT;
  double y = pad, plot_left, plot_right, plot_top, plot_bottom;
  double group_width, bar_width, step, top;
  gint64 largest = 0;
  char number[32];
  int unknown = 0;

  g_return_val_if_fail (chart != NULL, 0);
  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (fg != NULL, 0);

  cairo_save (cr);
  set_colour (cr, fg, 1);
  _yk_render_show (cr, chart->title, pad, y, BASE_FONT * 1.15, YK_RENDER_BOLD, MAX (width - 2 * pad, 1), 0, &unknown);
  y += BASE_FONT * 2;

  /* Nothing to plot: say so where the bars would be. */
  if (chart->n_months == 0 || chart->n_series == 0)
    {
      set_colour (cr, fg, 0.6);
      _yk_render_show (cr, _yk_render_word (chart->language, N_("No figures for this period"), "本期没有数据"),
                       width / 2, y + (height - y) / 2 - small, small * 1.1, YK_RENDER_REGULAR, 0, 0.5, &unknown);
      cairo_restore (cr);
      return unknown;
    }

  y = draw_legend (chart, cr, y, width, pad, fg, &unknown);

  for (guint i = 0; i < chart->n_series * chart->n_months; i++)
    largest = MAX (largest, chart->values[i]);
  step = yk_render_grid_step (largest);
  top = MAX (ceil (largest / step), 1) * step;
  g_snprintf (number, sizeof number, "%.0f", top);

  plot_left = pad + yk_render_text_width (cr, number, small, YK_RENDER_REGULAR) + 6;
  plot_right = width - pad;
  plot_top = y + small * 1.2; /* room for the values over the tallest bars */
  plot_bottom = height - pad - small * 3.2;
  if (plot_bottom - plot_top < 20 || plot_right - plot_left < 20)
    {
      cairo_restore (cr);
      return unknown;
    }

  /* Gridlines and the value axis. */
  cairo_set_line_width (cr, 0.5);
  for (double v = 0; v <= top + step / 2; v += step)
    {
      double py = plot_bottom - v / top * (plot_bottom - plot_top);

      set_colour (cr, fg, v == 0 ? 0.8 : 0.18);
      cairo_move_to (cr, plot_left, py);
      cairo_line_to (cr, plot_right, py);
      cairo_stroke (cr);
      set_colour (cr, fg, 0.7);
      g_snprintf (number, sizeof number, "%.0f", v);
      _yk_render_show (cr, number, plot_left - 4, py - small * 0.7, small, YK_RENDER_REGULAR, 0, 1, &unknown);
    }

  group_width = (plot_right - plot_left) / chart->n_months;
  bar_width = group_width * 0.8 / chart->n_series;
  for (guint m = 0; m < chart->n_months; m++)
    {
      double x0 = plot_left + m * group_width + group_width * 0.1;

      for (guint s = 0; s < chart->n_series; s++)
        {
          gint64 v = chart->values[s * chart->n_months + m];
          double h = v / top * (plot_bottom - plot_top);
          double bx = x0 + s * bar_width;
          const double *c = palette[chart->colours[s]];

          cairo_set_source_rgb (cr, c[0], c[1], c[2]);
          cairo_rectangle (cr, bx + bar_width * 0.08, plot_bottom - h, bar_width * 0.84, h);
          cairo_fill (cr);
          /* The value over its bar, when the bar is wide enough to carry it. */
          g_snprintf (number, sizeof number, "%" G_GINT64_FORMAT, v);
          if (yk_render_text_width (cr, number, small * 0.9, YK_RENDER_REGULAR) <= bar_width * 1.05)
            {
              set_colour (cr, fg, 0.9);
              _yk_render_show (cr, number, bx + bar_width / 2, plot_bottom - h - small * 1.3, small * 0.9,
                               YK_RENDER_REGULAR, 0, 0.5, &unknown);
            }
        }
      set_colour (cr, fg, 1);
      _yk_render_show (cr, chart->month_labels[m], x0 + group_width * 0.4, plot_bottom + 3, small, YK_RENDER_REGULAR, 0,
                       0.5, &unknown);
      if (chart->year_labels[m] != NULL)
        {
          set_colour (cr, fg, 0.6);
          _yk_render_show (cr, chart->year_labels[m], x0 + group_width * 0.4, plot_bottom + 3 + small * 1.5, small,
                           YK_RENDER_REGULAR, 0, 0.5, &unknown);
        }
    }
  cairo_restore (cr);
  return unknown;
}

/* Small text anchored on (x, y): xalign/yalign 0 left/top, 1 right/bottom. */
static void
show_anchored (cairo_t *cr, const char *text, double x, double y, double xalign, double yalign, int *unknown)
{
  double h = yalign > 0 ? yk_render_text_height (cr, text, SMALL_FONT, YK_RENDER_REGULAR, 0) : 0;

  _yk_render_show (cr, text, x, y - h * yalign, SMALL_FONT, YK_RENDER_REGULAR, 0, xalign, unknown);
}

/* The SDSS chart's frame: room for the axis numbers on the left, the
 * baseline's legend above, the months below. */
#define SDSS_LEFT 36.0
#define SDSS_RIGHT 24.0
#define SDSS_TOP 24.0
#define SDSS_BOTTOM 28.0

typedef struct
{
  double left, top, width, height;
  guint32 first_day, last_day;
} SdssFrame;

static double
sdss_y (const SdssFrame *f, int total)
{
  return f->top + f->height * (1.0 - (double) total / YK_RENDER_SDSS_MAX);
}

static double
sdss_x (const SdssFrame *f, const YkRenderSdssPoint *p)
{
  if (f->last_day <= f->first_day)
    return f->left + f->width / 2;
  return f->left + 12 + (f->width - 24) * (double) (p->julian - f->first_day) / (f->last_day - f->first_day);
}

/* The baseline: the level the person is measured against, dashed
 * across, its legend in the top margin where no point can cover it. */
static void
sdss_draw_baseline (cairo_t *cr, const SdssFrame *f, const YkRenderSdssPoint *baseline, int *unknown)
{
  static const YkRenderColour warning = { 0.90, 0.38, 0.0, 1.0 };
  g_autofree char *label = g_strdup_printf (_("Baseline %d"), baseline->total);
  double y = round (sdss_y (f, baseline->total)) + 0.5, dash[] = { 4.0, 3.0 };
  double right = f->left + f->width;

  set_colour (cr, &warning, 0.8);
  cairo_set_dash (cr, dash, 2, 0);
  cairo_move_to (cr, f->left, y);
  cairo_line_to (cr, right, y);
  cairo_stroke (cr);
  cairo_move_to (cr, right - 24, SDSS_TOP / 2 + 0.5);
  cairo_line_to (cr, right, SDSS_TOP / 2 + 0.5);
  cairo_stroke (cr);
  cairo_set_dash (cr, NULL, 0, 0);
  show_anchored (cr, label, right - 30, SDSS_TOP / 2, 1, 0.5, unknown);
}

int
yk_render_sdss_draw (cairo_t                 *cr,
                     double                   width,
                     double                   height,
                     const YkRenderSdssPoint *points,
                     guint                    n_points,
                     const YkRenderColour    *fg)
{
  static const YkRenderColour accent = { 0.21, 0.52, 0.89, 1.0 }, warning = { 0.90, 0.38, 0.0, 1.0 };
  SdssFrame f = { SDSS_LEFT, SDSS_TOP, width - SDSS_LEFT - SDSS_RIGHT, height - SDSS_TOP - SDSS_BOTTOM, 0, 0 };
  double last_label_end = -G_MAXDOUBLE, small = SMALL_FONT;
  const YkRenderSdssPoint *baseline = NULL;
  int unknown = 0;

  g_return_val_if_fail (cr != NULL, 0);
  g_return_val_if_fail (points != NULL || n_points == 0, 0);
  g_return_val_if_fail (fg != NULL, 0);

  if (f.width < 40 || f.height < 40)
    return 0;
  cairo_save (cr);

  /* The vertical axis: the scale's whole range, so charts compare. */
  cairo_set_line_width (cr, 1.0);
  for (int total = 0; total <= YK_RENDER_SDSS_MAX; total += 5)
    {
      g_autofree char *label = g_strdup_printf ("%d", total);
      double y = round (sdss_y (&f, total)) + 0.5;

      set_colour (cr, fg, total == 0 ? 0.5 : 0.12);
      cairo_move_to (cr, f.left, y);
      cairo_line_to (cr, f.left + f.width, y);
      cairo_stroke (cr);
      set_colour (cr, fg, 0.7);
      show_anchored (cr, label, f.left - 6, y, 1, 0.5, &unknown);
    }
  set_colour (cr, fg, 0.7);
  show_anchored (cr, _("SDSS total"), 0, 2, 0, 0, &unknown);

  /* None yet: say so between two gridlines (at 12.5), where no line
   * strikes the words through. */
  if (n_points == 0)
    {
      set_colour (cr, fg, 0.6);
      show_anchored (cr, _("No SDSS assessment yet"), f.left + f.width / 2, sdss_y (&f, YK_RENDER_SDSS_MAX * 5 / 8),
                     0.5, 0.5, &unknown);
      cairo_restore (cr);
      return unknown;
    }

  f.first_day = points[0].julian;
  f.last_day = points[n_points - 1].julian;
  for (guint i = 0; i < n_points && baseline == NULL; i++)
    if (points[i].baseline)
      baseline = &points[i];
  if (baseline != NULL)
    sdss_draw_baseline (cr, &f, baseline, &unknown);

  /* The trend. */
  set_colour (cr, &accent, 1.0);
  cairo_set_line_width (cr, 2.0);
  for (guint i = 0; i < n_points; i++)
    if (i == 0)
      cairo_move_to (cr, sdss_x (&f, &points[i]), sdss_y (&f, points[i].total));
    else
      cairo_line_to (cr, sdss_x (&f, &points[i]), sdss_y (&f, points[i].total));
  cairo_stroke (cr);

  for (guint i = 0; i < n_points; i++)
    {
      const YkRenderSdssPoint *p = &points[i];
      g_autofree char *value = g_strdup_printf ("%d", p->total);
      g_autofree char *month = g_strndup (p->date, 7);
      double x = sdss_x (&f, p), y = sdss_y (&f, p->total);
      double month_width = yk_render_text_width (cr, month, small, YK_RENDER_REGULAR);

      set_colour (cr, p->baseline ? &warning : &accent, 1.0);
      cairo_arc (cr, x, y, p->baseline ? 5.0 : 4.0, 0, 2 * G_PI);
      cairo_fill (cr);
      set_colour (cr, fg, 0.9);
      show_anchored (cr, value, x, y - 7, 0.5, 1, &unknown);

      /* Dates along the bottom, as many as fit without overlapping. */
      if (x - month_width / 2 > last_label_end + 6)
        {
          set_colour (cr, fg, 0.7);
          show_anchored (cr, month, x, f.top + f.height + 4, 0.5, 0, &unknown);
          last_label_end = x + month_width / 2;
        }
    }
  cairo_restore (cr);
  return unknown;
}
