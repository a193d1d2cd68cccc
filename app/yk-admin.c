/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-admin.h"
#include "yk-audit.h"
#include "yk-db-check.h"
#include "yk-secret.h"

#include <string.h>

gboolean
yk_admin_backup (YkSession  *session,
                 const char *destination,
                 GError    **error)
{
  return yk_session_require_coordinator (session, error) &&
         yk_store_backup (yk_session_get_store (session), destination, error) &&
         yk_session_audit (session, "backup", NULL, 0, NULL, error);
}

gboolean
yk_admin_verify_store (YkSession      *session,
                       YkVerifyReport *report,
                       GError        **error)
{
  memset (report, 0, sizeof *report);
  report->integrity = g_ptr_array_new_with_free_func (g_free);
  report->foreign_keys = g_ptr_array_new_with_free_func (g_free);
  report->running_totals = g_ptr_array_new_with_free_func (g_free);
  return yk_session_require_coordinator (session, error) &&
         yk_store_check (yk_session_get_store (session), &report->store, error);
}

gboolean
yk_admin_verify_connection (YkStore        *store,
                            sqlite3        *db,
                            YkVerifyReport *report,
                            GError        **error)
{
  g_autoptr (YkSecret) audit_key = yk_store_derive_audit_key (store);

  return yk_db_integrity_check (db, report->integrity, error) &&
         yk_db_foreign_key_check (db, report->foreign_keys, error) &&
         yk_db_running_totals_check (db, report->running_totals, error) &&
         yk_audit_verify (db, audit_key, &report->audit, error);
}
