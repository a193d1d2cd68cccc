/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-admin-settings.h"
#include "yk-admin-site-row.h"

G_BEGIN_DECLS

/* Test hook: the editor of one site, NULL if there is none. */
YkAdminSiteRow *_yk_admin_settings_get_site_row (YkAdminSettings *self,
                                                 gint64           site_id);

G_END_DECLS
