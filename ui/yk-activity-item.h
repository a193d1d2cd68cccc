/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "yk-activities.h"

G_BEGIN_DECLS

/* One activity in the Activities list: a YkActivityRow for a list model. */
#define YK_TYPE_ACTIVITY_ITEM (yk_activity_item_get_type ())
G_DECLARE_FINAL_TYPE (YkActivityItem, yk_activity_item, YK, ACTIVITY_ITEM, GObject)

/* Takes the row. */
YkActivityItem *yk_activity_item_new (YkActivityRow *row);
const YkActivityRow *yk_activity_item_get_row (YkActivityItem *self);

G_END_DECLS
