/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Choose a database, type a user name and password, unlock. The slow
 * key derivation runs in a worker thread; success emits `unlocked` with
 * a YkUnlockedSession, failure shows app/'s message under the fields. */
#define YK_TYPE_UNLOCK_PAGE (yk_unlock_page_get_type ())
G_DECLARE_FINAL_TYPE (YkUnlockPage, yk_unlock_page, YK, UNLOCK_PAGE, GtkWidget)

const char *yk_unlock_page_get_database (YkUnlockPage *self);
void yk_unlock_page_set_database (YkUnlockPage *self,
                                  const char   *path);
const char *yk_unlock_page_get_user_name (YkUnlockPage *self);
void yk_unlock_page_set_user_name (YkUnlockPage *self,
                                   const char   *user_name);
gboolean yk_unlock_page_get_busy (YkUnlockPage *self);
void yk_unlock_page_ask_password (YkUnlockPage *self);
GtkWindow *yk_unlock_page_get_forgot_dialog (YkUnlockPage *self);

G_END_DECLS
