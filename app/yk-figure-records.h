/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "yk-app-types.h"
#include "yk-report.h"

G_BEGIN_DECLS

/* The records behind one figure of a report, as the statistics page
 * lists them so a total can be audited to its last record: one human
 * line each, names masked (the full name beside, for the UI to choose). */
typedef struct
{
  gint64 site_id;
  const char *record_table; /* static string */
  gint64 record_id;
  gint64 weight;            /* what it adds to the figure: 1, or a head count of other residents; with
                             * `hours`, a training session's tenths of an hour */
  gboolean hours;           /* a training session: `weight` is shown as hours (2.5) */
  gint64 client_id;         /* the service user concerned, 0 if none: opens their case file */
  char *date;               /* ISO; NULL for a person counted without a date of their own */
  char *kind;               /* 上门服务, 活动参与 · 文体娱乐, … (translated) */
  char *case_no;            /* NULL if no service user is concerned */
  char *name;               /* masked: 王** */
  char *full_name;          /* the same in full, for a coordinator who chose to see it (ui/); NULL if none */
  char *detail;             /* an activity's title, a head count, …; may be NULL */
  /* 生活状态改善: the baseline and latest SDSS that qualified the person. */
  gboolean has_sdss;
  char *baseline_date;
  int baseline_total;
  char *latest_date;
  int latest_total;
} YkFigureRecord;

void yk_figure_record_free (YkFigureRecord *record);


/* The records counted by `indicator` for one site (0: every site; a
 * social worker's reader always reads their own) in the report's
 * period, or in its cumulative column (from the pilot's start). By
 * date, then as recorded. Runs on the reader it is given, in a worker
 * thread if need be; `cancellable` stops it at once. */
GPtrArray *yk_figure_records_list (YkReader       *reader,
                                   const YkReport *report,
                                   YkIndicator     indicator,
                                   gint64          site_id,
                                   gboolean        cumulative,
                                   GCancellable   *cancellable,
                                   GError        **error);

/* The sum of the records' weights: the figure they make up. */
gint64 yk_figure_records_sum (GPtrArray *records);

/* "2021-11-03  上门服务  SPQ-0012  王**", with the SDSS pair for
 * 生活状态改善, a training session's hours last ("2021-11-25  个案督导
 * 刘秀洋  区民政局  4.0"): for a list, a clipboard, a test. */
char *yk_figure_record_line (const YkFigureRecord *record);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkFigureRecord, yk_figure_record_free)

G_END_DECLS
