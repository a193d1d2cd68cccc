/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-monthly-chart.h"

#include <glib/gi18n.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

/* What a chart shows, copied out of the report so the chart owns it. */
typedef struct
{
  char *title;
  guint n_months;
  char **month_labels;
  char **year_labels;   /* NULL where the year does not change */
  guint n_series;
  char **series_names;
  guint *colours;       /* index into palette */
  gint64 *values;       /* [series * n_months + month] */
} Chart;

struct _YkMonthlyChart
{
  GtkWidget parent_instance;

  YkMonthlyChartKind kind;
  Chart *chart;
};

G_DEFINE_FINAL_TYPE (YkMonthlyChart, yk_monthly_chart, GTK_TYPE_WIDGET)
G_DEFINE_ENUM_TYPE (YkMonthlyChartKind, yk_monthly_chart_kind,
                    G_DEFINE_ENUM_VALUE (YK_MONTHLY_CHART_CONTACTS, "contacts"),
                    G_DEFINE_ENUM_VALUE (YK_MONTHLY_CHART_ACTIVITIES, "activities"))

enum
{
  PROP_0,
  PROP_KIND,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* A site's pair of series: a dark and a light shade of one hue, so a
 * greyscale printout still tells them apart. */
static const double palette[][3] = {
  { 0.11, 0.40, 0.66 }, { 0.55, 0.75, 0.92 },
  { 0.80, 0.36, 0.06 }, { 0.98, 0.73, 0.45 },
  { 0.20, 0.55, 0.30 }, { 0.60, 0.82, 0.60 },
};

#define BASE_FONT 12.0

static void
chart_free (Chart *chart)
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

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Chart, chart_free)

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

static Chart *
chart_build (YkMonthlyChartKind kind, const YkReport *report, GPtrArray *months)
{
  g_autoptr (Chart) chart = g_new0 (Chart, 1);
  g_auto (GStrv) sites = short_site_names (report);
  YkIndicator series[2];
  const char *series_label[2];
  guint n_sites = report->sites->len;

  if (kind == YK_MONTHLY_CHART_CONTACTS)
    {
      chart->title = g_strdup (_("Home visits and phone follow-ups per month (person-times)"));
      series[0] = YK_INDICATOR_HOME_VISITS;
      series[1] = YK_INDICATOR_PHONE_FOLLOWUPS;
      series_label[0] = _("Home visits");
      series_label[1] = _("Phone follow-ups");
    }
  else
    {
      chart->title = g_strdup (_("Activities and beneficiaries per month"));
      series[0] = YK_INDICATOR_ACTIVITIES;
      series[1] = YK_INDICATOR_BENEFICIARIES;
      series_label[0] = _("Activities");
      series_label[1] = _("Beneficiaries");
    }

  chart->n_months = months->len;
  chart->month_labels = g_new0 (char *, months->len + 1);
  chart->year_labels = g_new0 (char *, months->len + 1);
  for (guint m = 0; m < months->len; m++)
    {
      const YkReport *month = months->pdata[m];
      int year = atoi (month->from), month_number = atoi (month->from + 5);
      g_autoptr (GDateTime) first = g_date_time_new_local (year, month_number, 1, 0, 0, 0);

      /* The locale's own month name: 10月 in Chinese. */
      chart->month_labels[m] = g_date_time_format (first, "%b");
      if (m == 0 || month_number == 1)
        /* TRANSLATORS: a year under a chart's months, as g_date_time_format() writes it */
        chart->year_labels[m] = g_date_time_format (first, _("%Y"));
    }

  chart->n_series = n_sites * 2;
  chart->series_names = g_new0 (char *, chart->n_series + 1);
  chart->colours = g_new0 (guint, chart->n_series);
  chart->values = g_new0 (gint64, chart->n_series * MAX (months->len, 1));
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

/* Noto Sans CJK SC with the zh-cn language, or fontconfig may pick the
 * Japanese forms of shared characters (STYLE.md). */
static PangoLayout *
text_layout (cairo_t *cr, const char *text, double size, gboolean bold)
{
  PangoLayout *layout = pango_cairo_create_layout (cr);
  g_autoptr (PangoFontDescription) font = pango_font_description_from_string ("Noto Sans CJK SC");

  pango_context_set_language (pango_layout_get_context (layout), pango_language_from_string ("zh-cn"));
  pango_layout_context_changed (layout);
  pango_font_description_set_absolute_size (font, size * PANGO_SCALE);
  pango_font_description_set_weight (font, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, text, -1);
  return layout;
}

/* Draws text with its top at y, aligned on x by `align` (0 left, 0.5
 * centre, 1 right); returns its width. */
static double
show_text (cairo_t *cr, const char *text, double x, double y, double size, gboolean bold, double align)
{
  g_autoptr (PangoLayout) layout = text_layout (cr, text, size, bold);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - width * align, y);
  pango_cairo_show_layout (cr, layout);
  return width;
}

static double
text_width (cairo_t *cr, const char *text, double size)
{
  g_autoptr (PangoLayout) layout = text_layout (cr, text, size, FALSE);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  return width;
}

/* Gridlines at 1, 2 or 5 times a power of ten, five or fewer. */
static double
grid_step (gint64 largest)
{
  double magnitude = pow (10, floor (log10 (MAX (largest, 1))));

  for (int i = 0; i < 3; i++)
    {
      static const double factors[] = { 1, 2, 5 };
      double step = magnitude * factors[i] / 10;

      if (step >= 1 && ceil (largest / step) <= 5)
        return step;
    }
  return magnitude;
}

static void
set_colour (cairo_t *cr, const GdkRGBA *colour, double alpha)
{
  cairo_set_source_rgba (cr, colour->red, colour->green, colour->blue, colour->alpha * alpha);
}

static void
chart_draw (const Chart *chart, cairo_t *cr, double width, double height, const GdkRGBA *fg)
{
  double pad = 8, small = BASE_FONT * 0.85;
  double y = pad, legend_x = pad, axis_width = 0, plot_left, plot_right, plot_top, plot_bottom;
  double group_width, bar_width, step, top;
  gint64 largest = 0;
  char number[32];

  cairo_save (cr);
  set_colour (cr, fg, 1);
  show_text (cr, chart->title, pad, y, BASE_FONT * 1.15, TRUE, 0);
  y += BASE_FONT * 2;

  /* The legend, wrapping when the names do not fit on one line. */
  for (guint s = 0; s < chart->n_series; s++)
    {
      double w = 14 + text_width (cr, chart->series_names[s], small) + 16;
      const double *c = palette[chart->colours[s]];

      if (legend_x + w > width - pad && legend_x > pad)
        {
          legend_x = pad;
          y += small * 1.8;
        }
      cairo_set_source_rgb (cr, c[0], c[1], c[2]);
      cairo_rectangle (cr, legend_x, y + small * 0.35, 10, 10);
      cairo_fill (cr);
      set_colour (cr, fg, 1);
      show_text (cr, chart->series_names[s], legend_x + 14, y, small, FALSE, 0);
      legend_x += w;
    }
  y += small * 2.2;

  for (guint i = 0; i < chart->n_series * chart->n_months; i++)
    largest = MAX (largest, chart->values[i]);
  step = grid_step (largest);
  top = MAX (ceil (largest / step), 1) * step;
  g_snprintf (number, sizeof number, "%.0f", top);
  axis_width = text_width (cr, number, small) + 6;

  plot_left = pad + axis_width;
  plot_right = width - pad;
  plot_top = y + small * 1.2; /* room for the values over the tallest bars */
  plot_bottom = height - pad - small * 3.2;
  if (plot_bottom - plot_top < 20 || plot_right - plot_left < 20)
    {
      cairo_restore (cr);
      return;
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
      show_text (cr, number, plot_left - 4, py - small * 0.7, small, FALSE, 1);
    }

  if (chart->n_months == 0)
    {
      cairo_restore (cr);
      return;
    }
  group_width = (plot_right - plot_left) / chart->n_months;
  bar_width = group_width * 0.8 / MAX (chart->n_series, 1);
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
          if (text_width (cr, number, small * 0.9) <= bar_width * 1.05)
            {
              set_colour (cr, fg, 0.9);
              show_text (cr, number, bx + bar_width / 2, plot_bottom - h - small * 1.3, small * 0.9, FALSE, 0.5);
            }
        }
      set_colour (cr, fg, 1);
      show_text (cr, chart->month_labels[m], x0 + group_width * 0.4, plot_bottom + 3, small, FALSE, 0.5);
      if (chart->year_labels[m] != NULL)
        {
          set_colour (cr, fg, 0.6);
          show_text (cr, chart->year_labels[m], x0 + group_width * 0.4, plot_bottom + 3 + small * 1.5, small, FALSE, 0.5);
        }
    }
  cairo_restore (cr);
}

static void
yk_monthly_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  YkMonthlyChart *self = YK_MONTHLY_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GdkRGBA fg;
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  chart_draw (self->chart, cr, width, height, &fg);
  cairo_destroy (cr);
}

static void
yk_monthly_chart_measure (GtkWidget     *widget,
                          GtkOrientation orientation,
                          int            for_size,
                          int           *minimum,
                          int           *natural,
                          int           *minimum_baseline,
                          int           *natural_baseline)
{
  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = 240;
      *natural = 420;
    }
  else
    {
      *minimum = 220;
      *natural = 300;
    }
}

static void
yk_monthly_chart_finalize (GObject *object)
{
  YkMonthlyChart *self = YK_MONTHLY_CHART (object);

  g_clear_pointer (&self->chart, chart_free);
  G_OBJECT_CLASS (yk_monthly_chart_parent_class)->finalize (object);
}

static void
yk_monthly_chart_get_property (GObject    *object,
                               guint       prop_id,
                               GValue     *value,
                               GParamSpec *pspec)
{
  YkMonthlyChart *self = YK_MONTHLY_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      g_value_set_enum (value, self->kind);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_monthly_chart_set_property (GObject      *object,
                               guint         prop_id,
                               const GValue *value,
                               GParamSpec   *pspec)
{
  YkMonthlyChart *self = YK_MONTHLY_CHART (object);

  switch (prop_id)
    {
    case PROP_KIND:
      self->kind = g_value_get_enum (value);
      break;
    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
yk_monthly_chart_class_init (YkMonthlyChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = yk_monthly_chart_finalize;
  object_class->get_property = yk_monthly_chart_get_property;
  object_class->set_property = yk_monthly_chart_set_property;
  widget_class->snapshot = yk_monthly_chart_snapshot;
  widget_class->measure = yk_monthly_chart_measure;

  properties[PROP_KIND] =
    g_param_spec_enum ("kind", NULL, NULL, YK_TYPE_MONTHLY_CHART_KIND, YK_MONTHLY_CHART_CONTACTS,
                       G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
}

static void
yk_monthly_chart_init (YkMonthlyChart *self)
{
}

GtkWidget *
yk_monthly_chart_new (YkMonthlyChartKind kind)
{
  return g_object_new (YK_TYPE_MONTHLY_CHART, "kind", kind, NULL);
}

void
yk_monthly_chart_set_months (YkMonthlyChart *self,
                             const YkReport *report,
                             GPtrArray      *months)
{
  g_return_if_fail (YK_IS_MONTHLY_CHART (self));

  g_clear_pointer (&self->chart, chart_free);
  if (report != NULL && months != NULL)
    {
      g_autoptr (GString) description = NULL;

      self->chart = chart_build (self->kind, report, months);
      /* What a screen reader says instead of the picture: the figures. */
      description = g_string_new (self->chart->title);
      for (guint s = 0; s < self->chart->n_series; s++)
        {
          g_string_append_printf (description, "; %s:", self->chart->series_names[s]);
          for (guint m = 0; m < self->chart->n_months; m++)
            g_string_append_printf (description, " %s %" G_GINT64_FORMAT, self->chart->month_labels[m],
                                    self->chart->values[s * self->chart->n_months + m]);
        }
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, description->str, -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
yk_monthly_chart_get_n_bars (YkMonthlyChart *self)
{
  g_return_val_if_fail (YK_IS_MONTHLY_CHART (self), 0);
  return self->chart != NULL ? self->chart->n_series * self->chart->n_months : 0;
}

void
yk_monthly_chart_draw (cairo_t            *cr,
                       double              width,
                       double              height,
                       YkMonthlyChartKind  kind,
                       const YkReport     *report,
                       GPtrArray          *months,
                       const GdkRGBA      *foreground)
{
  g_autoptr (Chart) chart = chart_build (kind, report, months);

  chart_draw (chart, cr, width, height, foreground);
}
