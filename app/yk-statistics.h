/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "yk-app-types.h"
#include "yk-report.h"

G_BEGIN_DECLS

/* What the statistics page asks of the report engine (yk-report.h):
 * which periods to offer, which sites a session may see, and one
 * period's report with its monthly series, computed on a YkReader so
 * the window can do it in a worker thread. */

typedef struct
{
  char *period;     /* as asked: "2021Q4", "2021-07", "2021-07-01..2021-09-30" */
  YkReport *report;
  GPtrArray *months; /* yk_report_monthly() */
} YkStatistics;

/* Reference counted: a print job keeps what it prints while the page
 * moves on to another period. */
YkStatistics *yk_statistics_ref (YkStatistics *statistics);
void yk_statistics_unref (YkStatistics *statistics);

/* The sites the session may see (YkSiteRow): a social worker's own, or
 * every site for a coordinator. A small table, quick on any thread. */
GPtrArray *yk_statistics_sites (YkSession *session,
                                GError   **error);
/* The earliest opening date of `sites`, NULL if none is recorded. */
char *yk_statistics_pilot_start (GPtrArray *sites);

/* The site a report is for: a social worker's own whatever is asked
 * (as yk_report_for_session() applies the role), else `requested`
 * (0: every site). */
gint64 yk_statistics_site_for (YkSession *session,
                               gint64     requested);

/* "2021Q4" for the quarter holding `date`; "2021-07" for its month. */
char *yk_statistics_quarter_of (const GDate *date);
char *yk_statistics_month_of (const GDate *date);
/* The quarters (or months) from the pilot's start (NULL: the quarter of
 * `today`) to the one holding `today`, newest first. */
GStrv yk_statistics_quarters (const char  *pilot_start,
                              const GDate *today);
GStrv yk_statistics_months (const char  *pilot_start,
                            const GDate *today);
/* The latest quarter with a live record in it, or the quarter of `today`
 * if there is none or it lies ahead. */
char *yk_statistics_default_quarter (YkSession   *session,
                                     const GDate *today,
                                     GError     **error);

/* The report of `period` for the site a coordinator picked (0: every
 * site; a social worker's is always their own, as
 * yk_statistics_site_for()), with its monthly series. `cancellable`
 * stops it at once. */
YkStatistics *yk_statistics_compute (YkReader     *reader,
                                     const char   *period,
                                     gint64        site_id,
                                     GCancellable *cancellable,
                                     GError      **error);

/* 渝康家园统计_2021Q4.xlsx; with the site's code when the report covers
 * one site (渝康家园统计_2021Q4_SPQ.pdf); a range reads
 * 渝康家园统计_2021-07-01至2021-09-30.csv. */
char *yk_statistics_file_name (const YkStatistics *statistics,
                               const char         *extension);
/* The same for the 工作量 tab's export: 渝康家园工作量_2021Q4.xlsx. */
char *yk_statistics_workload_file_name (const YkStatistics *statistics,
                                        const char         *extension);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkStatistics, yk_statistics_unref)

G_END_DECLS
