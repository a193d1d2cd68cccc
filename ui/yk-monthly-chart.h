/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-render.h"

G_BEGIN_DECLS

/* YkMonthlyChartKind is the renderer's (yk-render.h). */
#define YK_TYPE_MONTHLY_CHART_KIND (yk_monthly_chart_kind_get_type ())
GType yk_monthly_chart_kind_get_type (void);

/* A monthly chart of a report's months on screen: the widget holds the
 * figures and a screen reader's description; yk_render_monthly_draw ()
 * draws it, as it does on paper. */
#define YK_TYPE_MONTHLY_CHART (yk_monthly_chart_get_type ())
G_DECLARE_FINAL_TYPE (YkMonthlyChart, yk_monthly_chart, YK, MONTHLY_CHART, GtkWidget)

GtkWidget *yk_monthly_chart_new (YkMonthlyChartKind kind);
/* Copies the figures it shows; NULL months empties the chart. */
void yk_monthly_chart_set_months (YkMonthlyChart *self,
                                  const YkReport *report,
                                  GPtrArray      *months);
guint yk_monthly_chart_get_n_bars (YkMonthlyChart *self);

G_END_DECLS
