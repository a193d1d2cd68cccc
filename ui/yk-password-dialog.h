/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* A new password: one's own (the current one asked first), or another
 * account's, reset by a coordinator. Argon2id runs in a worker thread
 * with the session to itself (yk_unlocked_session_run_exclusive); the
 * dialog closes when the password is set and says what went wrong
 * otherwise. Template children: current_entry (own only), new_entry,
 * again_entry, strength_label, error_label. */
#define YK_TYPE_PASSWORD_DIALOG (yk_password_dialog_get_type ())
G_DECLARE_FINAL_TYPE (YkPasswordDialog, yk_password_dialog, YK, PASSWORD_DIALOG, GtkWindow)

/* `account` NULL: the session's own. */
YkPasswordDialog *yk_password_dialog_new (GtkWindow         *parent,
                                          YkUnlockedSession *session,
                                          const char        *account);
/* TRUE while the new password's key is being derived. */
gboolean yk_password_dialog_get_busy (YkPasswordDialog *self);

G_END_DECLS
