/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "yk-admin.h" /* YkAuditRow, as yk_admin_audit_read() gives them */

G_BEGIN_DECLS

/* One entry of the audit trail (YkAuditRow) as the trail's table shows
 * it: local time, account, the action in words, the record in words and
 * the detail, as properties the .ui's factories bind. `action` keeps the
 * stored code (unlock, account_add …); `record-tip` is the record in
 * words and the table#id the record filter takes, NULL for none. */
#define YK_TYPE_AUDIT_ENTRY_ITEM (yk_audit_entry_item_get_type ())
G_DECLARE_FINAL_TYPE (YkAuditEntryItem, yk_audit_entry_item, YK, AUDIT_ENTRY_ITEM, GObject)

YkAuditEntryItem *yk_audit_entry_item_new (const YkAuditRow *entry,
                                           const char       *record);

G_END_DECLS
