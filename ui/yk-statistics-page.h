/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-statistics.h"

G_BEGIN_DECLS

/* The Statistics screen of the main view (统计报表): a period and a site
 * chosen, the bureau's indicator table per site with 合计 and 累计, the
 * notes and the summary paragraph, monthly charts; every figure opens the
 * records it counts; export and print. Beside the figures, a 工作量 tab
 * (YkWorkloadView) for the same period and site. Computed in a worker
 * thread (yk_statistics_compute) when the page is shown and whenever
 * records change. Its `session` property holds the YkUnlockedSession it shows;
 * it is destroyed when the app locks. */
#define YK_TYPE_STATISTICS_PAGE (yk_statistics_page_get_type ())
G_DECLARE_FINAL_TYPE (YkStatisticsPage, yk_statistics_page, YK, STATISTICS_PAGE, GtkWidget)

gboolean yk_statistics_page_get_loading (YkStatisticsPage *self);
/* What the page shows, NULL before the first result. */
YkStatistics *yk_statistics_page_get_statistics (YkStatisticsPage *self);

/* The name the save dialog suggests for `format` (xlsx, pdf or csv):
 * 渝康家园统计_2021Q4.xlsx. */
char *yk_statistics_page_suggest_file_name (YkStatisticsPage *self,
                                            const char       *format);
/* What the export buttons do once a file is chosen. */
gboolean yk_statistics_page_save (YkStatisticsPage *self,
                                  const char       *format,
                                  GFile            *file,
                                  GError          **error);
/* What printing draws, written to a PDF file without a dialog. */
gboolean yk_statistics_page_print_to_file (YkStatisticsPage *self,
                                           const char       *path,
                                           GError          **error);

G_END_DECLS
