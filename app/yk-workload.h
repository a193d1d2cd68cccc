/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include <gio/gio.h>

#include "yk-app-types.h"
#include "yk-session.h"

G_BEGIN_DECLS

/* 工作量: what each worker did in a period (docs/design/workload.md), per
 * worker, per site and in total. The one engine behind
 * `yukang report --by worker` and every one of its formats. */
typedef enum
{
  YK_WORKLOAD_HOME_VISITS,
  YK_WORKLOAD_PHONE_FOLLOWUPS,
  YK_WORKLOAD_UNREACHED,
  YK_WORKLOAD_ASSESSMENTS,
  YK_WORKLOAD_ACTIVITIES,
  YK_WORKLOAD_ATTENDANCES,
  YK_WORKLOAD_MINUTES,
  YK_WORKLOAD_PEOPLE,
  YK_N_WORKLOAD
} YkWorkloadFigure;

typedef struct
{
  gint64 staff_id;       /* 0 in a site's or the total row */
  char *name;            /* the worker's display name; a site's name in a site row */
  gint64 site_id;        /* 0: none (a coordinator without a site) */
  char *site_code;       /* NULL when site_id is 0 */
  char *site_name;
  gint64 values[YK_N_WORKLOAD];
  /* Training (docs/design/training.md), in tenths of an hour: the
   * sessions of the period, and of the calendar year of the period's end
   * (1 January to 31 December), each session counted once per attendee.
   * Below the goal: a social worker (role worker) with under 20 hours in
   * that year; never set in a site's or the total row. */
  gint64 training_tenths;
  gint64 training_year_tenths;
  gboolean training_below_goal;
} YkWorkloadRow;

typedef struct
{
  char *from;            /* ISO dates, both inclusive */
  char *to;
  GPtrArray *workers;    /* YkWorkloadRow, by site code (none last), then name */
  GPtrArray *sites;      /* YkWorkloadRow, one per site shown, by site code */
  YkWorkloadRow *total;  /* name NULL */
  char **notes;          /* a district view's notes, NULL when none */
} YkWorkload;

/* JSON key and the column label (the bureau's wording, the same in every
 * language, as the indicators' labels). */
const char *yk_workload_key (YkWorkloadFigure figure);
const char *yk_workload_label (YkWorkloadFigure figure);
/* The training columns' labels (the period's hours, or the year's), the
 * note explaining them and the 20-hour goal, and the mark of a social
 * worker below it: the bureau's wording, as in every format. */
const char *yk_workload_training_label (gboolean year_total);
const char *yk_workload_training_note (void);
const char *yk_workload_below_goal_mark (void);
/* The year the training year column counts for a period ending `to`:
 * 1 January to 31 December of its calendar year, ISO. */
void yk_workload_training_year (const char  *to,
                                char       **year_from,
                                char       **year_to);

/* The period as `yukang report --period` reads it (yk_period_parse()),
 * `site_code` NULL for every site the session may see. A social worker
 * sees their own row and their own site's total (which is then the
 * total); a coordinator every worker, every site and the total. */
YkWorkload *yk_workload_for_session (YkSession  *session,
                                     const char *period,
                                     const char *site_code,
                                     GError    **error);
/* The same on a reader, in a worker thread if need be (the statistics
 * page's 工作量 tab): `site_id` a site picked (0: all), which a social
 * worker's reader ignores — they get their own row and their site's
 * total. No district notes: a reader has none. */
YkWorkload *yk_workload_compute (YkReader     *reader,
                                 const char   *period,
                                 gint64        site_id,
                                 GCancellable *cancellable,
                                 GError      **error);
/* The engine on a connection for [from, to]: `only_site` 0 for every
 * site, `only_staff` 0 for every worker (else that one worker's row,
 * with their site's total). */
YkWorkload *_yk_workload_compute_on (sqlite3    *db,
                                     const char *from,
                                     const char *to,
                                     gint64      only_site,
                                     gint64      only_staff,
                                     GError    **error);
void yk_workload_free (YkWorkload *workload);

/* The formats (docs/design/formats.md), all from one YkWorkload so they
 * agree to the digit. */
char *yk_workload_to_text (const YkWorkload *workload);
char *yk_workload_to_csv (const YkWorkload *workload);
char *yk_workload_to_json (const YkWorkload *workload);
gboolean yk_workload_write_xlsx (const YkWorkload *workload,
                                 const char       *path,
                                 GError          **error);
gboolean yk_workload_write_pdf (const YkWorkload *workload,
                                const char       *path,
                                GError          **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkWorkload, yk_workload_free)

G_END_DECLS
