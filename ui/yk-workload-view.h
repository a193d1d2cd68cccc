/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-unlocked-session.h"
#include "yk-workload.h"

G_BEGIN_DECLS

/* The statistics page's 工作量 tab (docs/design/workload.md): for the
 * period and site the page chose, a row per worker, each site's total
 * and the total, with the eight figures; a bar of reached services per
 * worker; every figure opens the records it counts. Computed in a worker
 * thread (yk_workload_compute), a social worker's being their own row. */
#define YK_TYPE_WORKLOAD_VIEW (yk_workload_view_get_type ())
G_DECLARE_FINAL_TYPE (YkWorkloadView, yk_workload_view, YK, WORKLOAD_VIEW, GtkWidget)

/* Computes `period` for `site_id` (0: all; the app clamps it), replacing
 * any load under way. */
void yk_workload_view_load (YkWorkloadView    *self,
                            YkUnlockedSession *session,
                            const char        *period,
                            gint64             site_id);
/* Stops the load under way (a lock, a newer load). */
void yk_workload_view_cancel (YkWorkloadView *self);

gboolean yk_workload_view_get_loading (YkWorkloadView *self);
/* What the view shows, NULL before the first result. */
const YkWorkload *yk_workload_view_get_workload (YkWorkloadView *self);

G_END_DECLS
