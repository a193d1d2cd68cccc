/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "yk-figure-records.h"

G_BEGIN_DECLS

/* One row of a figure's records (YkFigureRecord) for a list model: the
 * strings the columns show, as properties the .ui's factories bind. */
#define YK_TYPE_FIGURE_RECORD_ITEM (yk_figure_record_item_get_type ())
G_DECLARE_FINAL_TYPE (YkFigureRecordItem, yk_figure_record_item, YK, FIGURE_RECORD_ITEM, GObject)

YkFigureRecordItem *yk_figure_record_item_new (const YkFigureRecord *record,
                                               const char           *name);
const YkFigureRecord *yk_figure_record_item_get_record (YkFigureRecordItem *self);

G_END_DECLS
