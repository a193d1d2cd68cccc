/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-admin-audit-trail.h"

G_BEGIN_DECLS

/* Test hook: the entries shown (YkAuditEntryItem), newest first. */
GListModel *_yk_admin_audit_trail_get_entries (YkAdminAuditTrail *self);

G_END_DECLS
