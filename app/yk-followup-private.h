/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <sqlite3.h>

#include "yk-followup.h"

G_BEGIN_DECLS

/* yk_followup_list() on any connection, for exactly the site and worker
 * given (0: all): the caller has already applied the reader's role
 * (yk_today_followups(), the due list). */
GPtrArray *_yk_followup_list_on (sqlite3     *db,
                                 gint64       site_id,
                                 gint64       worker_id,
                                 const GDate *today,
                                 const GDate *horizon,
                                 GError     **error);

G_END_DECLS
