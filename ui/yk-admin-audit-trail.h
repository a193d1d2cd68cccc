/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Administration → Audit Trail: the entries matching a filter (account,
 * record, a range of days), newest first, read off the main thread, and
 * the chain verified. Its `session` property holds the YkUnlockedSession
 * it reads. Nothing is read until yk_admin_audit_trail_load is called. */
#define YK_TYPE_ADMIN_AUDIT_TRAIL (yk_admin_audit_trail_get_type ())
G_DECLARE_FINAL_TYPE (YkAdminAuditTrail, yk_admin_audit_trail, YK, ADMIN_AUDIT_TRAIL, GtkWidget)

/* Reads the trail with the filter as it is, unless it was read already
 * for this session or is being read. */
void yk_admin_audit_trail_load (YkAdminAuditTrail *self);
/* TRUE while the trail is being read. */
gboolean yk_admin_audit_trail_get_loading (YkAdminAuditTrail *self);

G_END_DECLS
