/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-activity-item.h"

struct _YkActivityItem
{
  GObject parent_instance;

  YkActivityRow *row;
};

G_DEFINE_FINAL_TYPE (YkActivityItem, yk_activity_item, G_TYPE_OBJECT)

static void
yk_activity_item_finalize (GObject *object)
{
  yk_activity_row_free (YK_ACTIVITY_ITEM (object)->row);
  G_OBJECT_CLASS (yk_activity_item_parent_class)->finalize (object);
}

static void
yk_activity_item_class_init (YkActivityItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yk_activity_item_finalize;
}

static void
yk_activity_item_init (YkActivityItem *self)
{
}

YkActivityItem *
yk_activity_item_new (YkActivityRow *row)
{
  YkActivityItem *self = g_object_new (YK_TYPE_ACTIVITY_ITEM, NULL);

  self->row = row;
  return self;
}

const YkActivityRow *
yk_activity_item_get_row (YkActivityItem *self)
{
  g_return_val_if_fail (YK_IS_ACTIVITY_ITEM (self), NULL);
  return self->row;
}
