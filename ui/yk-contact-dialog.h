/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-form-drafts.h"
#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* Records a phone follow-up (`type` "phone") or a home visit
 * ("home_visit") in a few keystrokes: date, worker and reached are
 * filled in, Enter saves; the national follow-up form's items wait in an
 * expander. A risk level of 3 or more, or 不稳定, shows the checklist of
 * docs/design/followup.md; the next follow-up date follows the rules until edited. */
#define YK_TYPE_CONTACT_DIALOG (yk_contact_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YkContactDialog, yk_contact_dialog, YK, CONTACT_DIALOG, GtkWindow)

YkContactDialog *yk_contact_dialog_new (YkUnlockedSession *session,
                                        YkFormDrafts      *drafts,
                                        const char        *type,
                                        gint64             client_id);
/* Corrects a recorded contact (yk_casework_update_contact()): the form
 * filled with it, its type also chosen, a draft of its own. NULL, with
 * the error, if the session may not correct it. */
YkContactDialog *yk_contact_dialog_new_edit (YkUnlockedSession *session,
                                             YkFormDrafts      *drafts,
                                             gint64             record_id,
                                             GError           **error);
gint64 yk_contact_dialog_get_record_id (YkContactDialog *self);
const char *yk_contact_dialog_get_contact_type (YkContactDialog *self);
gint64 yk_contact_dialog_get_client_id (YkContactDialog *self);
gboolean yk_contact_dialog_get_checklist_shown (YkContactDialog *self);
const char *yk_contact_dialog_get_error (YkContactDialog *self,
                                         const char      *field);

G_END_DECLS
