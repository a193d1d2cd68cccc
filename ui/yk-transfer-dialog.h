/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-form-drafts.h"
#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* Transfers a person to another site (迁移, docs/design/transfer.md): the
 * site (the current one left out), the date (today unless changed) and
 * the responsible social worker there, if chosen. A coordinator's. Once
 * saved, the window opens the new case file. */
#define YK_TYPE_TRANSFER_DIALOG (yk_transfer_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YkTransferDialog, yk_transfer_dialog, YK, TRANSFER_DIALOG, GtkWindow)

YkTransferDialog *yk_transfer_dialog_new (YkUnlockedSession *session,
                                          YkFormDrafts      *drafts,
                                          gint64             client_id);
const char *yk_transfer_dialog_get_error (YkTransferDialog *self,
                                          const char       *field);

G_END_DECLS
