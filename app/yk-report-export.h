/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-report.h"

G_BEGIN_DECLS

/* The reports people save and print: the same figures as the text, CSV
 * and JSON, with the monthly series (yk_report_monthly) for the second
 * sheet and the chart. */
gboolean yk_report_write_xlsx (const YkReport *report,
                               GPtrArray      *months,
                               const char     *path,
                               GError        **error);
gboolean yk_report_write_pdf (const YkReport *report,
                              GPtrArray      *months,
                              const char     *path,
                              GError        **error);

G_END_DECLS
