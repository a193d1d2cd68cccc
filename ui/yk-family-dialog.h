/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-form-drafts.h"
#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* Adds a family member (家属) to a service user. */
#define YK_TYPE_FAMILY_DIALOG (yk_family_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YkFamilyDialog, yk_family_dialog, YK, FAMILY_DIALOG, GtkWindow)

YkFamilyDialog *yk_family_dialog_new (YkUnlockedSession *session,
                                  YkFormDrafts      *drafts,
                                  gint64             client_id);
const char *yk_family_dialog_get_error (YkFamilyDialog *self,
                              const char *field);

G_END_DECLS
