/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-verify.h"
#include "yk-audit.h"
#include "yk-db-check.h"
#include "yk-secret.h"

#include <string.h>

/* The trail's last entry, as stored, against the snapshot block. */
static gboolean
check_snapshot_head (YkStore        *store,
                     YkVerifyReport *report,
                     GError        **error)
{
  YkAuditHead head;

  report->snapshot = yk_store_get_snapshot_info (store, &report->snapshot_info);
  if (!report->snapshot)
    return TRUE;
  if (!yk_audit_read_head (yk_store_get_connection (store), &head, error))
    return FALSE;
  report->snapshot_head_matches = (guint64) MAX (head.id, 0) == report->snapshot_info.audit_head_id &&
                                  memcmp (head.hash, report->snapshot_info.audit_head_hash, YK_AUDIT_HEAD_BYTES) == 0;
  return TRUE;
}

/* Fails (with error) only when a check could not run at all, such as a
 * page that does not authenticate; problems found are in the report. */
gboolean
yk_verify (YkSession      *session,
           YkVerifyReport *report,
           GError        **error)
{
  return yk_verify_with_head (session, NULL, report, error);
}

static gboolean
check_store (YkStore        *store,
             YkVerifyReport *report,
             GError        **error)
{
  sqlite3 *db = yk_store_get_connection (store);

  memset (report, 0, sizeof *report);
  report->integrity = g_ptr_array_new_with_free_func (g_free);
  report->foreign_keys = g_ptr_array_new_with_free_func (g_free);
  report->running_totals = g_ptr_array_new_with_free_func (g_free);

  return yk_store_check (store, &report->store, error) &&
         yk_db_integrity_check (db, report->integrity, error) &&
         yk_db_foreign_key_check (db, report->foreign_keys, error) &&
         yk_db_running_totals_check (db, report->running_totals, error) &&
         check_snapshot_head (store, report, error);
}

gboolean
yk_verify_with_head (YkSession         *session,
                     const YkAuditHead *expected,
                     YkVerifyReport    *report,
                     GError           **error)
{
  return check_store (yk_session_get_store (session), report, error) &&
         yk_session_check_audit_head (session, expected, &report->audit, error);
}

gboolean
yk_verify_store (YkStore           *store,
                 const YkAuditHead *expected,
                 YkVerifyReport    *report,
                 GError           **error)
{
  g_autoptr (YkSecret) audit_key = NULL;

  if (!check_store (store, report, error))
    return FALSE;
  audit_key = yk_store_derive_audit_key (store);
  return yk_audit_verify (yk_store_get_connection (store), audit_key, yk_store_get_database_id (store), expected,
                          &report->audit, error);
}

gboolean
yk_verify_report_ok (const YkVerifyReport *report)
{
  return report->integrity->len == 0 && report->foreign_keys->len == 0 &&
         report->running_totals->len == 0 &&
         report->audit.first_bad_id == 0 && report->audit.n_bad_signatures == 0 &&
         (report->audit.expected == YK_AUDIT_HEAD_NOT_ASKED || report->audit.expected == YK_AUDIT_HEAD_EXTENDED) &&
         (!report->snapshot || report->snapshot_head_matches);
}

void
yk_verify_report_clear (YkVerifyReport *report)
{
  g_clear_pointer (&report->integrity, g_ptr_array_unref);
  g_clear_pointer (&report->foreign_keys, g_ptr_array_unref);
  g_clear_pointer (&report->running_totals, g_ptr_array_unref);
}
