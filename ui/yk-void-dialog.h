/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-form-drafts.h"
#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* Voids a wrong record, with the reason it is wrong: nothing is deleted. */
#define YK_TYPE_VOID_DIALOG (yk_void_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YkVoidDialog, yk_void_dialog, YK, VOID_DIALOG, GtkWindow)

YkVoidDialog *yk_void_dialog_new (YkUnlockedSession *session,
                                  YkFormDrafts      *drafts,
                                  const char        *table,
                                  gint64             record_id);
const char *yk_void_dialog_get_error (YkVoidDialog *self,
                                      const char   *field);

G_END_DECLS
