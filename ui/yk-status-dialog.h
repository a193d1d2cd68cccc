/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-form-drafts.h"
#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* Changes a service user's status: 在册 (active), 转介 (referred out) or
 * 结案 (closed), with its date and reason. */
#define YK_TYPE_STATUS_DIALOG (yk_status_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YkStatusDialog, yk_status_dialog, YK, STATUS_DIALOG, GtkWindow)

YkStatusDialog *yk_status_dialog_new (YkUnlockedSession *session,
                                  YkFormDrafts      *drafts,
                                  gint64             client_id);
const char *yk_status_dialog_get_error (YkStatusDialog *self,
                              const char *field);

G_END_DECLS
