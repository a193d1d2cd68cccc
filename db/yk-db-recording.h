/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-db-staff.h"

G_BEGIN_DECLS

/* The people a recording dialog offers as a record's worker: active
 * staff of `site_id`, and `also_id` (whoever records) wherever they
 * are; YkStaffRow, by id. */
GPtrArray *yk_db_recording_staff (sqlite3 *db,
                                  gint64   site_id,
                                  gint64   also_id,
                                  GError **error);

G_END_DECLS
