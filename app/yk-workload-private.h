/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-db-workload.h"

G_BEGIN_DECLS

/* Inside app/ only: the engine's rule for whose an activity is, shared
 * with the drill-down (yk-workload-records.c) so both credit alike. The
 * staff ids (gint64) an activity's 负责人 names among `staff`
 * (YkWorkloadStaff), else its recorder; empty when neither. */
GArray *_yk_workload_activity_staff (const YkWorkloadActivity *activity,
                                     GPtrArray                *staff);

G_END_DECLS
