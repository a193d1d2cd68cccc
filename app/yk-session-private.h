/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-app-types.h"
#include "yk-db-staff.h"
#include "yk-session.h"

G_BEGIN_DECLS

/* A district view's session (yk-district.c): over the merged rows'
 * store (owned), acting as `staff` (owned), read-only. `district` is the
 * view that owns the session. */
YkSession *_yk_session_new_district (YkStore    *store,
                                     YkStaffRow *staff,
                                     YkDistrict *district);
/* The district view a session belongs to; NULL for a file's session. */
YkDistrict *_yk_session_get_district (YkSession *session);
/* Sets YK_APP_ERROR_READ_ONLY, the district view's sentence. */
void _yk_session_set_read_only_error (GError **error);

G_END_DECLS
