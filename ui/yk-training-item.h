/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "yk-training.h" /* YkTrainingSession */

G_BEGIN_DECLS

/* One training session (YkTrainingSession) as Administration → Training
 * shows it: date, title, hours with one decimal, provider (empty when not
 * recorded) and the attendees joined by 、, as properties the .ui's
 * factories bind. */
#define YK_TYPE_TRAINING_ITEM (yk_training_item_get_type ())
G_DECLARE_FINAL_TYPE (YkTrainingItem, yk_training_item, YK, TRAINING_ITEM, GObject)

YkTrainingItem *yk_training_item_new (const YkTrainingSession *session);
gint64 yk_training_item_get_id (YkTrainingItem *self);

G_END_DECLS
