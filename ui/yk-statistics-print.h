/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-statistics.h"

G_BEGIN_DECLS

/* Prints a period's statistics with GtkPrintOperation: the title and
 * period, the indicator table, the summary paragraph and the notes, then
 * the two monthly charts, on as many pages as they take: the document
 * yk_render_statistics_new () lays out, as the PDF export does. The job keeps a reference on `statistics`. With
 * `export_path`, writes a PDF there instead of asking for a printer, and
 * returns when it is written. */
gboolean yk_statistics_print (GtkWindow    *parent,
                              YkStatistics *statistics,
                              const char   *export_path,
                              GError      **error);

G_END_DECLS
