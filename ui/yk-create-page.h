/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* First run: a new database file and its first coordinator. Creating
 * runs in a worker thread; then the recovery key is shown once, and
 * `created` (with the YkUnlockedSession) is emitted only after the
 * person has ticked that they wrote it down and pressed Continue. */
#define YK_TYPE_CREATE_PAGE (yk_create_page_get_type ())
G_DECLARE_FINAL_TYPE (YkCreatePage, yk_create_page, YK, CREATE_PAGE, GtkWidget)

const char *yk_create_page_get_path (YkCreatePage *self);
void yk_create_page_set_path (YkCreatePage *self,
                              const char   *path);
gboolean yk_create_page_get_busy (YkCreatePage *self);
gboolean yk_create_page_is_showing_recovery_key (YkCreatePage *self);
void yk_create_page_reset (YkCreatePage *self);

G_END_DECLS
