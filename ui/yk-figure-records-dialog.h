/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-reader-task.h"
#include "yk-report.h"
#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* The records one figure of the statistics counts, so a total can be
 * audited to its last record: a line each (date, kind, case number,
 * masked name), and for 生活状态改善 each person's baseline and latest
 * SDSS. Listed in a worker thread; activating a row opens the person's
 * case file through the `case.open` action of `source` (the page). */
#define YK_TYPE_FIGURE_RECORDS_DIALOG (yk_figure_records_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YkFigureRecordsDialog, yk_figure_records_dialog, YK, FIGURE_RECORDS_DIALOG, GtkWindow)

/* site_id 0: every site of the report; `column` names the table's
 * column (a site's name, 合计 or 累计). */
GtkWidget *yk_figure_records_dialog_new (GtkWidget         *source,
                                         YkUnlockedSession *session,
                                         const YkReport    *report,
                                         YkIndicator        indicator,
                                         gint64             site_id,
                                         gboolean           cumulative,
                                         const char        *column);

/* Any other figure's records (the workload's): `title` and `subtitle`
 * head the list, `list` returns the YkFigureRecord array in a worker
 * thread, given `data` (freed with `data_free`). */
GtkWidget *yk_figure_records_dialog_new_for_list (GtkWidget         *source,
                                                  YkUnlockedSession *session,
                                                  const char        *title,
                                                  const char        *subtitle,
                                                  YkReaderFunc       list,
                                                  gpointer           data,
                                                  GDestroyNotify     data_free);

/* The same for training sessions (the workload's training hours): each
 * record's weight is tenths of an hour, shown as hours (2.5) and summed
 * in hours; the columns are named as the training page names them. */
GtkWidget *yk_figure_records_dialog_new_for_hours (GtkWidget         *source,
                                                   YkUnlockedSession *session,
                                                   const char        *title,
                                                   const char        *subtitle,
                                                   YkReaderFunc       list,
                                                   gpointer           data,
                                                   GDestroyNotify     data_free);

/* YK_N_INDICATORS in a dialog made with _new_for_list() or _new_for_hours(). */
YkIndicator yk_figure_records_dialog_get_indicator (YkFigureRecordsDialog *self);
gboolean yk_figure_records_dialog_get_loading (YkFigureRecordsDialog *self);
/* YkFigureRecordItem, filled once loading is over. */
GListModel *yk_figure_records_dialog_get_records (YkFigureRecordsDialog *self);

G_END_DECLS
