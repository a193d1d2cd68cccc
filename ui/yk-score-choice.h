/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* One item of a rating scale as a row of linked buttons (SDSS: 0, 1, 2
 * and 9 for "does not apply"), chosen with the mouse or by typing the
 * digit, which then emits `typed` so the form can move to the next item.
 * `selected` is the position (0…3), as a GtkDropDown's would be. */
#define YK_TYPE_SCORE_CHOICE (yk_score_choice_get_type ())
G_DECLARE_FINAL_TYPE (YkScoreChoice, yk_score_choice, YK, SCORE_CHOICE, GtkWidget)

guint yk_score_choice_get_selected (YkScoreChoice *self);
void yk_score_choice_set_selected (YkScoreChoice *self,
                                   guint          position);
int yk_score_choice_get_score (YkScoreChoice *self);
/* Chooses the position scoring `score`; a score the scale has not is ignored. */
void yk_score_choice_set_score (YkScoreChoice *self,
                                int            score);

G_END_DECLS
