/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "yk-app-types.h"
#include "yk-db-indicators.h" /* YkSiteRow */
#include "yk-db-staff.h"      /* YkStaffRow */
#include "yk-followup.h"
#include "yk-report.h"
#include "yk-session.h"

G_BEGIN_DECLS

/* Today (工作台): who is due for follow-up and this quarter's figures
 * beside last quarter's, built on a YkReader so the window can build
 * them in a worker thread, and cancel them. */

/* "2021Q4" for the quarter holding `date`, moved by `offset` quarters
 * (-1: the quarter before); yk_period_parse() turns it into dates. */
char *yk_today_quarter (const GDate *date,
                        int          offset);


/* The same list as yk_followup_list(), on `reader`. `site_id` and
 * `worker_id` are a coordinator's filters (0: all); a social worker's
 * list is their own people whatever they say. */
GPtrArray *yk_today_followups (YkReader     *reader,
                               gint64        site_id,
                               gint64        worker_id,
                               const GDate  *today,
                               const GDate  *horizon,
                               GCancellable *cancellable,
                               GError      **error);

typedef struct
{
  char *period[2];     /* "2021Q4", then the quarter before */
  YkReport *report[2]; /* yk_report_compute() over each */
} YkTodayFigures;

/* The quarter holding `today` and the one before, over every site the
 * reader may see (a social worker: their own). */
YkTodayFigures *yk_today_figures (YkReader     *reader,
                                  const GDate  *today,
                                  GCancellable *cancellable,
                                  GError      **error);
void yk_today_figures_free (YkTodayFigures *figures);

/* The filters a coordinator narrows the list with: the sites the session
 * may see (YkSiteRow) and their active social workers (YkStaffRow), of
 * one site or all (site_id 0). Small tables: quick on the main thread. */
GPtrArray *yk_today_sites (YkSession *session,
                           GError   **error);
GPtrArray *yk_today_workers (YkSession *session,
                             gint64     site_id,
                             GError   **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkTodayFigures, yk_today_figures_free)

G_END_DECLS
