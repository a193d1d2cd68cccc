/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "yk-report.h"

G_BEGIN_DECLS

/* The engine itself, on whatever connection it is given and for exactly
 * the site given (0: all): inside app/ once a reader or session has
 * settled the scope (yk_statistics_compute(), yk_today_figures(),
 * yk_report_for_session()), and in tests as the figures to agree with. */
YkReport *_yk_report_compute_on (sqlite3    *db,
                                 const char *from,
                                 const char *to,
                                 gint64      only_site,
                                 GError    **error);
GPtrArray *_yk_report_monthly_on (sqlite3        *db,
                                  const YkReport *report,
                                  GError        **error);
/* The earliest site opening date (the records' earliest date when no
 * site has one), for "cumulative" periods; NULL if there is none. */
char *_yk_report_pilot_start (sqlite3   *db,
                              GPtrArray *sites);

G_END_DECLS
