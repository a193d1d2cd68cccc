/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-monthly-chart.h"

struct _YkMonthlyChart
{
  GtkWidget parent_instance;

  YkMonthlyChartKind kind;
  YkRenderMonthly *chart;
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

static void
yk_monthly_chart_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  YkMonthlyChart *self = YK_MONTHLY_CHART (widget);
  int width = gtk_widget_get_width (widget), height = gtk_widget_get_height (widget);
  GdkRGBA fg;
  YkRenderColour foreground;
  cairo_t *cr;

  if (self->chart == NULL || width <= 0 || height <= 0)
    return;
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &fg);
  foreground = (YkRenderColour) { fg.red, fg.green, fg.blue, fg.alpha };
  cr = gtk_snapshot_append_cairo (snapshot, &GRAPHENE_RECT_INIT (0, 0, width, height));
  yk_render_monthly_draw (self->chart, cr, width, height, &foreground);
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

  g_clear_pointer (&self->chart, yk_render_monthly_free);
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

  g_clear_pointer (&self->chart, yk_render_monthly_free);
  if (report != NULL && months != NULL)
    {
      g_autofree char *description = NULL;

      self->chart = yk_render_monthly_new (self->kind, report, months, YK_RENDER_LOCALE);
      /* What a screen reader says instead of the picture: the figures. */
      description = yk_render_monthly_describe (self->chart);
      gtk_accessible_update_property (GTK_ACCESSIBLE (self), GTK_ACCESSIBLE_PROPERTY_LABEL, description, -1);
    }
  gtk_widget_queue_draw (GTK_WIDGET (self));
}

guint
yk_monthly_chart_get_n_bars (YkMonthlyChart *self)
{
  g_return_val_if_fail (YK_IS_MONTHLY_CHART (self), 0);
  return self->chart != NULL ? yk_render_monthly_get_n_bars (self->chart) : 0;
}
