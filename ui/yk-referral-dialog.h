/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-form-drafts.h"
#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* Records a referral (转介) to a hospital, employment or another service. */
#define YK_TYPE_REFERRAL_DIALOG (yk_referral_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YkReferralDialog, yk_referral_dialog, YK, REFERRAL_DIALOG, GtkWindow)

YkReferralDialog *yk_referral_dialog_new (YkUnlockedSession *session,
                                      YkFormDrafts      *drafts,
                                      gint64             client_id);
/* Corrects a recorded referral (yk_casework_update_referral()); NULL,
 * with the error, if the session may not. */
YkReferralDialog *yk_referral_dialog_new_edit (YkUnlockedSession *session,
                                               YkFormDrafts      *drafts,
                                               gint64             record_id,
                                               GError           **error);
const char *yk_referral_dialog_get_error (YkReferralDialog *self,
                                const char *field);

G_END_DECLS
