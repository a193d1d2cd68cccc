/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-report.h"

G_BEGIN_DECLS

typedef enum
{
  YK_MONTHLY_CHART_CONTACTS,   /* home visits and phone follow-ups per site */
  YK_MONTHLY_CHART_ACTIVITIES, /* activities and beneficiaries per site */
} YkMonthlyChartKind;

#define YK_TYPE_MONTHLY_CHART_KIND (yk_monthly_chart_kind_get_type ())
GType yk_monthly_chart_kind_get_type (void);

/* A grouped bar chart of a report's months (yk_report_monthly): one group
 * per month, one bar per site and series, the value over each bar, a
 * legend and Chinese axis labels. Drawn with cairo, so the same function
 * draws it on screen and on a printed page. */
#define YK_TYPE_MONTHLY_CHART (yk_monthly_chart_get_type ())
G_DECLARE_FINAL_TYPE (YkMonthlyChart, yk_monthly_chart, YK, MONTHLY_CHART, GtkWidget)

GtkWidget *yk_monthly_chart_new (YkMonthlyChartKind kind);
/* Copies the figures it shows; NULL months empties the chart. */
void yk_monthly_chart_set_months (YkMonthlyChart *self,
                                  const YkReport *report,
                                  GPtrArray      *months);
guint yk_monthly_chart_get_n_bars (YkMonthlyChart *self);

/* Draws the chart of `kind` in the rectangle (0, 0, width, height) of
 * `cr`, in `foreground` for text and axes (black on paper). Units are
 * pixels on screen, points on paper. */
void yk_monthly_chart_draw (cairo_t            *cr,
                            double              width,
                            double              height,
                            YkMonthlyChartKind  kind,
                            const YkReport     *report,
                            GPtrArray          *months,
                            const GdkRGBA      *foreground);

G_END_DECLS
