/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Watches a window for keyboard and pointer input and emits `idle` once
 * when there has been none for `timeout-seconds` (0: never). It runs
 * only between yk_idle_monitor_start() and _stop(), and stops itself
 * after `idle`. */
#define YK_TYPE_IDLE_MONITOR (yk_idle_monitor_get_type ())
G_DECLARE_FINAL_TYPE (YkIdleMonitor, yk_idle_monitor, YK, IDLE_MONITOR, GObject)

YkIdleMonitor *yk_idle_monitor_new (GtkWidget *widget);
void yk_idle_monitor_start (YkIdleMonitor *self);
void yk_idle_monitor_stop (YkIdleMonitor *self);
gboolean yk_idle_monitor_is_running (YkIdleMonitor *self);
guint yk_idle_monitor_get_timeout_seconds (YkIdleMonitor *self);
void yk_idle_monitor_set_timeout_seconds (YkIdleMonitor *self,
                                          guint          seconds);

G_END_DECLS
