/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A small line chart of SDSS totals over time (0–20 on the vertical
 * axis, dates along the bottom), the baseline marked with its own line
 * and label, drawn by yk_render_sdss_draw (). Voided assessments are not
 * given to it. */
#define YK_TYPE_SDSS_CHART (yk_sdss_chart_get_type ())
G_DECLARE_FINAL_TYPE (YkSdssChart, yk_sdss_chart, YK, SDSS_CHART, GtkWidget)

GtkWidget *yk_sdss_chart_new (void);
void yk_sdss_chart_clear (YkSdssChart *self);
void yk_sdss_chart_add_point (YkSdssChart *self,
                              const char  *date,
                              int          total,
                              gboolean     baseline);
guint yk_sdss_chart_get_n_points (YkSdssChart *self);
int yk_sdss_chart_get_unknown_glyphs (YkSdssChart *self);

G_END_DECLS
