/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-window.h"
#include "yk-toast.h"

G_BEGIN_DECLS

/* yk-window-actions.c: the record.* actions every screen activates to
 * record something for a person, enabled only while unlocked. */
void _yk_window_class_add_record_actions (GtkWidgetClass *widget_class);
void _yk_window_init_record_actions (YkWindow *self);

/* The toast at the bottom ("已保存 · 撤销"); a note without Undo. */
void _yk_window_show_message (YkWindow   *self,
                              const char *text);
/* The main view's toast; NULL while locked. */
YkToast *_yk_window_get_toast (YkWindow *self);

/* The main view's case.open, for a dialog over the window (a new
 * service user's, showing the case already on file). */
void _yk_window_open_case (YkWindow *self,
                           gint64    client_id);

G_END_DECLS
