/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-form-drafts.h"
#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* Records that a service user withdrew their informed consent (date,
 * reason), which closes the case (结案, 撤回同意) and refuses new records
 * for them: yk_casework_withdraw_consent(). */
#define YK_TYPE_WITHDRAW_CONSENT_DIALOG (yk_withdraw_consent_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YkWithdrawConsentDialog, yk_withdraw_consent_dialog, YK, WITHDRAW_CONSENT_DIALOG, GtkWindow)

YkWithdrawConsentDialog *yk_withdraw_consent_dialog_new (YkUnlockedSession *session,
                                                         YkFormDrafts      *drafts,
                                                         gint64             client_id);
const char *yk_withdraw_consent_dialog_get_error (YkWithdrawConsentDialog *self,
                                                  const char              *field);

G_END_DECLS
