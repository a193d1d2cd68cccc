/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The caseload's rows that a filter matches, in the order of `model`
 * (a GListModel of YkCaseloadRow, sorted), like a GtkFilterListModel,
 * but its items stay at their positions: the row at position 3 is the
 * same object after the search changes, showing whoever is third now
 * (yk_caseload_row_show()). A change of search or filters is one
 * items-changed over the positions whose person changed, and GTK 4.8's
 * list view then rebinds the widgets it has for them instead of making
 * a row of widgets for each person who comes into view and destroying
 * one for each who leaves (about 40 µs a row, 100 ms a keystroke at
 * district scale).
 *
 * So an item's identity says nothing about who it shows, except for
 * the one followed (yk_caseload_filter_model_follow()): compare
 * yk_caseload_row_get_client_id(). The filter is evaluated on the rows
 * of `model`, never on the model's own items. */
#define YK_TYPE_CASELOAD_FILTER_MODEL (yk_caseload_filter_model_get_type ())
G_DECLARE_FINAL_TYPE (YkCaseloadFilterModel, yk_caseload_filter_model, YK, CASELOAD_FILTER_MODEL, GObject)

YkCaseloadFilterModel *yk_caseload_filter_model_new (GListModel *model,
                                                     GtkFilter  *filter);
void yk_caseload_filter_model_set_model (YkCaseloadFilterModel *self,
                                         GListModel            *model);
void yk_caseload_filter_model_set_filter (YkCaseloadFilterModel *self,
                                          GtkFilter             *filter);
/* The row at `position` (GTK_INVALID_LIST_POSITION: none) moves with
 * its person from now on, as items of a GtkFilterListModel did: the
 * page follows the selected row, so that the selection and the
 * keyboard focus stay on the person selected. */
void yk_caseload_filter_model_follow (YkCaseloadFilterModel *self,
                                      guint                  position);

G_END_DECLS
