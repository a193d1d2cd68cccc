/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-form-drafts.h"
#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* Records an SDSS assessment (社会功能缺陷筛选量表): ten items scored 0–2,
 * or 9 when one does not apply; the total, without those, shown live. */
#define YK_TYPE_ASSESSMENT_DIALOG (yk_assessment_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YkAssessmentDialog, yk_assessment_dialog, YK, ASSESSMENT_DIALOG, GtkWindow)

YkAssessmentDialog *yk_assessment_dialog_new (YkUnlockedSession *session,
                                          YkFormDrafts      *drafts,
                                          gint64             client_id);
/* Corrects a recorded assessment (yk_casework_update_assessment());
 * NULL, with the error, if the session may not. */
YkAssessmentDialog *yk_assessment_dialog_new_edit (YkUnlockedSession *session,
                                                   YkFormDrafts      *drafts,
                                                   gint64             record_id,
                                                   GError           **error);
const char *yk_assessment_dialog_get_error (YkAssessmentDialog *self,
                                  const char *field);

int yk_assessment_dialog_get_total (YkAssessmentDialog *self);

G_END_DECLS
