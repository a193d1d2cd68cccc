/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A small note at the bottom of the window, "已保存 · 撤销", that hides
 * itself after YK_TOAST_SECONDS. It never takes the focus: whoever was
 * typing goes on typing. Its Undo button (the `toast.undo` action) emits
 * ::undo and hides it. A note without Undo says something briefly (why
 * a record could not be opened). GtkRevealer-based; no libadwaita. */
#define YK_TOAST_SECONDS 10

#define YK_TYPE_TOAST (yk_toast_get_type ())
G_DECLARE_FINAL_TYPE (YkToast, yk_toast, YK, TOAST, GtkWidget)

void yk_toast_show (YkToast    *self,
                    const char *text,
                    gboolean    undo);
void yk_toast_hide (YkToast *self);
gboolean yk_toast_get_shown (YkToast *self);

G_END_DECLS
