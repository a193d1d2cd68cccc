/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "yk-case-file.h"

G_BEGIN_DECLS

/* One line of a case file's lists (timeline, family, plan, referrals,
 * assessments), immutable, for a GListModel. A voided one is struck
 * through and says why; `void-target` is record.void's (table, id). */
#define YK_TYPE_TIMELINE_ITEM (yk_timeline_item_get_type ())
G_DECLARE_FINAL_TYPE (YkTimelineItem, yk_timeline_item, YK, TIMELINE_ITEM, GObject)

YkTimelineItem *yk_timeline_item_new (const YkCaseEvent *event);
YkCaseEventKind yk_timeline_item_get_kind (YkTimelineItem *self);
const char *yk_timeline_item_get_date (YkTimelineItem *self);
const char *yk_timeline_item_get_title (YkTimelineItem *self);
const char *yk_timeline_item_get_table (YkTimelineItem *self);
gint64 yk_timeline_item_get_record_id (YkTimelineItem *self);
gboolean yk_timeline_item_get_voided (YkTimelineItem *self);
gboolean yk_timeline_item_get_can_void (YkTimelineItem *self);
gboolean yk_timeline_item_get_can_correct (YkTimelineItem *self);
GMenuModel *yk_timeline_item_get_menu_model (YkTimelineItem *self);

G_END_DECLS
