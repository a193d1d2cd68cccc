/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A new recovery key, shown once after the database key changed: the
 * creation page's recovery-key step in a window (same words, the same
 * print-out), closed once the person says they wrote it down. The key
 * is wiped when the dialog goes. */
#define YK_TYPE_RECOVERY_KEY_DIALOG (yk_recovery_key_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YkRecoveryKeyDialog, yk_recovery_key_dialog, YK, RECOVERY_KEY_DIALOG, GtkWindow)

YkRecoveryKeyDialog *yk_recovery_key_dialog_new (GtkWindow  *parent,
                                                 const char *database_path,
                                                 const char *recovery_key);
/* The key as shown, in three lines (for tests). */
const char *yk_recovery_key_dialog_get_shown_key (YkRecoveryKeyDialog *self);

G_END_DECLS
