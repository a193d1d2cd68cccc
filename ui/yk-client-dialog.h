/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-form-drafts.h"
#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* Opens a case file for a new service user (服务对象). The pilot's
 * eligibility rule is checked here as everywhere: a case file needs an
 * informed-consent date and a condition stable at intake. */
#define YK_TYPE_CLIENT_DIALOG (yk_client_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YkClientDialog, yk_client_dialog, YK, CLIENT_DIALOG, GtkWindow)

YkClientDialog *yk_client_dialog_new (YkUnlockedSession *session,
                                      YkFormDrafts      *drafts);
const char *yk_client_dialog_get_error (YkClientDialog *self,
                                        const char     *field);

G_END_DECLS
