/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-sdss-chart.h"
#include "yk-validate.h"

#include <glib/gi18n.h>
#include <math.h>

#define SDSS_MAX 20
#define MARGIN_LEFT 36.0
#define MARGIN_RIGHT 24.0
#define MARGIN_TOP 24.0
#define MARGIN_BOTTOM 28.0

typedef struct
{
  char *date;
  guint32 julian;
  int total;
  gboolean baseline;
} Point;

struct _YkSdssChart
{
  GtkWidget parent_instance;

  GArray *points; /* Point, oldest first */
  int unknown_glyphs; /* in the last drawing: 0 unless a font lacks a character */
};

G_DEFINE_FINAL_TYPE (YkSdssChart, yk_sdss_chart, GTK_TYPE_WIDGET)

static void
point_clear (Point *point)
{
  g_free (point->date);
}

/* Chinese glyph forms, not Japanese ones, whatever fontconfig prefers. */
static PangoLayout *
layout_new (YkSdssChart *self, const char *text)
{
  PangoLayout *layout = gtk_widget_create_pango_layout (GTK_WIDGET (self), text);
  PangoAttrList *attrs = pango_attr_list_new ();

  pango_attr_list_insert (attrs, pango_attr_language_new (pango_language_from_string ("zh-cn")));
  pango_attr_list_insert (attrs, pango_attr_scale_new (0.85));
  pango_layout_set_attributes (layout, attrs);
  pango_attr_list_unref (attrs);
  self->unknown_glyphs += pango_layout_get_unknown_glyphs_count (layout);
  return layout;
}

/* Draws `text` with its anchor at (x, y): xalign/yalign 0 left/top, 1 right/bottom. */
static double
draw_text (YkSdssChart *self, cairo_t *cr, const char *text, double x, double y, double xalign, double yalign)
{
  g_autoptr (PangoLayout) layout = layout_new (self, text);
  int width, height;

  pango_layout_get_pixel_size (layout, &width, &height);
  cairo_move_to (cr, x - width * xalign, y - height * yalign);
  pango_cairo_show_layout (cr, layout);
  return width;
}

static void
set_color (cairo_t *cr, const GdkRGBA *color, double alpha)
{
  cairo_set_source_rgba (cr, color->red, color->green, color->blue, color->alpha * alpha);
}

static void
update_description (YkSdssChart *self)
{
  g_autofree char *text = NULL;

  if (self->points->len == 0)
    text = g_strdup (_("No SDSS assessment yet"));
  else
    {
      const Point *first = &g_array_index (self->points, Point, 0);
      const Point *last = &g_array_index (self->points, Point, self->points->len - 1);

      /* TRANSLATORS: a chart's description for screen readers */
      text = g_strdup_printf (_("SDSS totals: %1$d on %2$s, latest %3$d on %4$s"),
                              first->total, first->date, last->total, last->date);
    }
  gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, text, -1);
}

static void
draw_chart (YkSdssChart *self, cairo_t *cr, double width, double height)
{
  GtkStyleContext *style = gtk_widget_get_style_context (GTK_WIDGET (self));
  GdkRGBA fg, accent = { 0.21, 0.52, 0.89, 1.0 }, warning = { 0.90, 0.38, 0.0, 1.0 };
  double plot_w = width - MARGIN_LEFT - MARGIN_RIGHT, plot_h = height - MARGIN_TOP - MARGIN_BOTTOM;
  double last_label_end = -G_MAXDOUBLE;
  guint32 first_day, last_day;
  const Point *baseline = NULL;

  gtk_style_context_get_color (style, &fg);
  self->unknown_glyphs = 0;
  if (plot_w < 40 || plot_h < 40)
    return;

#define Y_OF(total) (MARGIN_TOP + plot_h * (1.0 - (double) (total) / SDSS_MAX))
  /* The vertical axis: the scale's whole range, so charts compare. */
  cairo_set_line_width (cr, 1.0);
  for (int total = 0; total <= SDSS_MAX; total += 5)
    {
      g_autofree char *label = g_strdup_printf ("%d", total);
      double y = round (Y_OF (total)) + 0.5;

      set_color (cr, &fg, total == 0 ? 0.5 : 0.12);
      cairo_move_to (cr, MARGIN_LEFT, y);
      cairo_line_to (cr, MARGIN_LEFT + plot_w, y);
      cairo_stroke (cr);
      set_color (cr, &fg, 0.7);
      draw_text (self, cr, label, MARGIN_LEFT - 6, y, 1.0, 0.5);
    }
  set_color (cr, &fg, 0.7);
  draw_text (self, cr, _("SDSS total"), 0, 2, 0.0, 0.0);

  if (self->points->len == 0)
    {
      set_color (cr, &fg, 0.6);
      draw_text (self, cr, _("No SDSS assessment yet"), MARGIN_LEFT + plot_w / 2, MARGIN_TOP + plot_h / 2, 0.5, 0.5);
      return;
    }

  first_day = g_array_index (self->points, Point, 0).julian;
  last_day = g_array_index (self->points, Point, self->points->len - 1).julian;
#define X_OF(p) (last_day > first_day ? MARGIN_LEFT + 12 + (plot_w - 24) * (double) ((p)->julian - first_day) / (last_day - first_day) \
                                      : MARGIN_LEFT + plot_w / 2)

  for (guint i = 0; i < self->points->len && baseline == NULL; i++)
    if (g_array_index (self->points, Point, i).baseline)
      baseline = &g_array_index (self->points, Point, i);

  /* The baseline: the level the person is measured against. */
  if (baseline != NULL)
    {
      g_autofree char *label = g_strdup_printf (_("Baseline %d"), baseline->total);
      double y = round (Y_OF (baseline->total)) + 0.5, dash[] = { 4.0, 3.0 };

      set_color (cr, &warning, 0.8);
      cairo_set_dash (cr, dash, 2, 0);
      cairo_move_to (cr, MARGIN_LEFT, y);
      cairo_line_to (cr, MARGIN_LEFT + plot_w, y);
      cairo_stroke (cr);
      /* The legend, in the top margin where no point can cover it. */
      cairo_move_to (cr, MARGIN_LEFT + plot_w - 24, MARGIN_TOP / 2 + 0.5);
      cairo_line_to (cr, MARGIN_LEFT + plot_w, MARGIN_TOP / 2 + 0.5);
      cairo_stroke (cr);
      cairo_set_dash (cr, NULL, 0, 0);
      draw_text (self, cr, label, MARGIN_LEFT + plot_w - 30, MARGIN_TOP / 2, 1.0, 0.5);
    }

  /* The trend. */
  set_color (cr, &accent, 1.0);
  cairo_set_line_width (cr, 2.0);
  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *p = &g_array_index (self->points, Point, i);
      if (i == 0)
        cairo_move_to (cr, X_OF (p), Y_OF (p->total));
      else
        cairo_line_to (cr, X_OF (p), Y_OF (p->total));
    }
  cairo_stroke (cr);

  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *p = &g_array_index (self->points, Point, i);
      g_autofree char *value = g_strdup_printf ("%d", p->total);
      g_autofree char *month = g_strndup (p->date, 7);
      double x = X_OF (p), y = Y_OF (p->total);
      PangoRectangle extent;

      set_color (cr, p->baseline ? &warning : &accent, 1.0);
      cairo_arc (cr, x, y, p->baseline ? 5.0 : 4.0, 0, 2 * G_PI);
      cairo_fill (cr);
      set_color (cr, &fg, 0.9);
      draw_text (self, cr, value, x, y - 7, 0.5, 1.0);

      /* Dates along the bottom, as many as fit without overlapping. */
      {
        g_autoptr (PangoLayout) layout = layout_new (self, month);
        pango_layout_get_pixel_extents (layout, NULL, &extent);
      }
      if (x - extent.width / 2.0 > last_label_end + 6)
        {
          set_color (cr, &fg, 0.7);
          last_label_end = x - extent.width / 2.0 + draw_text (self, cr, month, x, MARGIN_TOP + plot_h + 4, 0.5, 0.0);
        }
    }
#undef X_OF
#undef Y_OF
}

static void
yk_sdss_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  YkSdssChart *self = YK_SDSS_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  draw_chart (self, cr, width, height);
  cairo_destroy (cr);
}

static void
yk_sdss_chart_measure (GtkWidget      *widget,
                       GtkOrientation  orientation,
                       int             for_size,
                       int            *minimum,
                       int            *natural,
                       int            *minimum_baseline,
                       int            *natural_baseline)
{
  *minimum = orientation == GTK_ORIENTATION_HORIZONTAL ? 240 : 160;
  *natural = orientation == GTK_ORIENTATION_HORIZONTAL ? 560 : 220;
}

static void
yk_sdss_chart_finalize (GObject *object)
{
  YkSdssChart *self = YK_SDSS_CHART (object);

  g_clear_pointer (&self->points, g_array_unref);
  G_OBJECT_CLASS (yk_sdss_chart_parent_class)->finalize (object);
}

static void
yk_sdss_chart_class_init (YkSdssChartClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->finalize = yk_sdss_chart_finalize;
  widget_class->snapshot = yk_sdss_chart_snapshot;
  widget_class->measure = yk_sdss_chart_measure;
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_IMG);
  gtk_widget_class_set_css_name (widget_class, "sdss-chart");
}

static void
yk_sdss_chart_init (YkSdssChart *self)
{
  self->points = g_array_new (FALSE, TRUE, sizeof (Point));
  g_array_set_clear_func (self->points, (GDestroyNotify) point_clear);
  update_description (self);
}

GtkWidget *
yk_sdss_chart_new (void)
{
  return g_object_new (YK_TYPE_SDSS_CHART, NULL);
}

void
yk_sdss_chart_clear (YkSdssChart *self)
{
  g_return_if_fail (YK_IS_SDSS_CHART (self));
  g_array_set_size (self->points, 0);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

/* Points are added oldest first; a date that cannot be read is skipped. */
void
yk_sdss_chart_add_point (YkSdssChart *self,
                         const char  *date,
                         int          total,
                         gboolean     baseline)
{
  Point point = { 0 };
  GDate day;

  g_return_if_fail (YK_IS_SDSS_CHART (self));
  if (!yk_date_parse (date, &day, NULL))
    return;
  point.date = g_strdup (date);
  point.julian = g_date_get_julian (&day);
  point.total = CLAMP (total, 0, SDSS_MAX);
  point.baseline = baseline;
  g_array_append_val (self->points, point);
  update_description (self);
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
yk_sdss_chart_get_n_points (YkSdssChart *self)
{
  g_return_val_if_fail (YK_IS_SDSS_CHART (self), 0);
  return self->points->len;
}

/* Characters the last drawing had no glyph for: 0 when the fonts cover
 * every label. */
int
yk_sdss_chart_get_unknown_glyphs (YkSdssChart *self)
{
  g_return_val_if_fail (YK_IS_SDSS_CHART (self), 0);
  return self->unknown_glyphs;
}
