/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "yk-followup.h"

G_BEGIN_DECLS

/* One person in a list of the Today screen, as its rows show them: the
 * name as lists show it (masked, 王**, unless a coordinator asked for full
 * names), the due date and last contact as sentences. */
#define YK_TYPE_TODAY_ITEM (yk_today_item_get_type ())
G_DECLARE_FINAL_TYPE (YkTodayItem, yk_today_item, YK, TODAY_ITEM, GObject)

YkTodayItem *yk_today_item_new (const YkFollowup *followup,
                                const char       *name,
                                const GDate      *today,
                                const char       *worker_name);
gint64 yk_today_item_get_client_id (YkTodayItem *self);
const char *yk_today_item_get_case_no (YkTodayItem *self);
const char *yk_today_item_get_name (YkTodayItem *self);
const char *yk_today_item_get_due (YkTodayItem *self);
const char *yk_today_item_get_details (YkTodayItem *self);
int yk_today_item_get_overdue_days (YkTodayItem *self);

G_END_DECLS
