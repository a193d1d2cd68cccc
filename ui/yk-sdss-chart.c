/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-sdss-chart.h"
#include "yk-render.h"
#include "yk-validate.h"

#include <glib/gi18n.h>

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
yk_sdss_chart_snapshot (GtkWidget   *widget,
                        GtkSnapshot *snapshot)
{
  YkSdssChart *self = YK_SDSS_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  g_autofree YkRenderSdssPoint *points = g_new0 (YkRenderSdssPoint, MAX (self->points->len, 1));
  YkRenderColour foreground;
  GdkRGBA fg;
  cairo_t *cr;

  if (width <= 0 || height <= 0)
    return;
  for (guint i = 0; i < self->points->len; i++)
    {
      const Point *p = &g_array_index (self->points, Point, i);

      points[i] = (YkRenderSdssPoint) { p->date, p->julian, p->total, p->baseline };
    }
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  foreground = (YkRenderColour) { fg.red, fg.green, fg.blue, fg.alpha };
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  self->unknown_glyphs = yk_render_sdss_draw (cr, width, height, points, self->points->len, &foreground);
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
  point.total = CLAMP (total, 0, YK_RENDER_SDSS_MAX);
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
