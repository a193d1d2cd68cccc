/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "yk-app-types.h"
#include "yk-figure-records.h"
#include "yk-workload.h"

G_BEGIN_DECLS

/* The records behind one cell of the workload table, counted exactly as
 * the engine counts them (docs/design/workload.md), so their weights add
 * up to the cell: a worker's row (`staff_id`), a site's total (`site_id`,
 * staff_id 0) or the total (both 0) for [from, to]. A social worker's
 * reader gets their own row, or their site's total, whatever is asked.
 * By date. Runs on the reader it is given, in a worker thread if need
 * be; `cancellable` stops it at once. */
GPtrArray *yk_workload_records_list (YkReader         *reader,
                                     const char       *from,
                                     const char       *to,
                                     gint64            staff_id,
                                     gint64            site_id,
                                     YkWorkloadFigure  figure,
                                     GCancellable     *cancellable,
                                     GError          **error);

/* The training sessions behind a row's training hours, counted as the
 * engine counts them (docs/design/training.md): the live sessions the
 * row's staff attended in [from, to], or with `year` in the calendar
 * year of `to` (yk_workload_training_year()). One record per session
 * and attendee (the attendee named in a site's or the total row only),
 * `hours` set and weighing the session's tenths of an hour, so they add
 * up to training_tenths or training_year_tenths. Whom a social worker
 * gets, and how it runs, as yk_workload_records_list(). */
GPtrArray *yk_workload_training_list (YkReader      *reader,
                                      const char    *from,
                                      const char    *to,
                                      gint64         staff_id,
                                      gint64         site_id,
                                      gboolean       year,
                                      GCancellable  *cancellable,
                                      GError       **error);

G_END_DECLS
