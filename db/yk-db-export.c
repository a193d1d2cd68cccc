/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-export.h"
#include "yk-db-error.h"

#include <glib/gi18n.h>

/* Numbers people did not write (records made in the window) are made up
 * from the row id, so every reference in the exported ledger resolves. */
#define FAMILY_NO "coalesce(f.family_no, 'F' || f.id)"
#define ACTIVITY_NO "coalesce(a.activity_no, 'A' || a.id)"

static const struct
{
  const char *file;
  const char *sql;
} exports[] = {
  { "clients.csv",
    "SELECT c.case_no, c.name, c.gender, c.birth_date, c.id_number, c.phone, c.address, s.code, w.display_name, "
    "c.diagnosis, c.intake_date, c.consent_date, iif(c.stable_at_intake, '是', '否'), c.risk_level, "
    "CASE c.status WHEN 'active' THEN '在册' WHEN 'referred' THEN '转介' ELSE '结案' END, c.status_date, c.status_reason, "
    /* The consent (schema version 5); a form not recorded is left empty. */
    "CASE k.signer WHEN 'self' THEN '本人' WHEN 'guardian' THEN '监护人' END, k.guardian_name, "
    "CASE k.form WHEN 'written' THEN '书面' WHEN 'oral_recorded' THEN '口头并录音' END, "
    "substr (iif (k.scope & 1, '、建档', '') || iif (k.scope & 2, '、服务记录', '') || iif (k.scope & 4, '、统计上报', ''), 2), "
    "k.withdrawn_date, k.withdrawal_reason, "
    /* The referral source (schema version 7); not recorded is left empty. */
    "CASE c.referral_source WHEN 'psychiatric_doctor' THEN '精防医生' WHEN 'hospital' THEN '医院' "
    "  WHEN 'community' THEN '街道社区' WHEN 'family' THEN '家属' WHEN 'self' THEN '本人申请' "
    "  WHEN 'platform' THEN '转介平台' END, "
    /* The case file a transfer came from (schema version 8), 迁自. */
    "c.transferred_from_case_no "
    "FROM clients c JOIN sites s ON s.id = c.site_id LEFT JOIN staff w ON w.id = c.worker_id "
    "LEFT JOIN consents k ON k.client_id = c.id "
    "WHERE c.voided_at IS NULL ORDER BY c.id" },
  { "family.csv",
    "SELECT " FAMILY_NO ", c.case_no, f.name, f.relation, f.phone FROM family_members f "
    "JOIN clients c ON c.id = f.client_id WHERE f.voided_at IS NULL AND c.voided_at IS NULL ORDER BY f.id" },
  { "contacts.csv",
    "SELECT c.case_no, iif(k.type = 'home_visit', '上门服务', '电话随访'), k.contact_date, w.display_name, "
    "iif(k.reached, '是', '否'), k.duration_min, "
    "CASE k.condition WHEN 'stable' THEN '稳定' WHEN 'basically_stable' THEN '基本稳定' WHEN 'unstable' THEN '不稳定' END, "
    "CASE k.medication WHEN 'regular' THEN '规律' WHEN 'intermittent' THEN '间断' WHEN 'none' THEN '不服药' "
    "  WHEN 'not_required' THEN '医嘱无需服药' END, k.risk_level, k.notes, k.next_date "
    "FROM contacts k JOIN clients c ON c.id = k.client_id LEFT JOIN staff w ON w.id = k.worker_id "
    "WHERE k.voided_at IS NULL AND c.voided_at IS NULL ORDER BY k.id" },
  { "activities.csv",
    "SELECT " ACTIVITY_NO ", s.code, a.activity_date, a.title, a.category, a.facilitator, a.resident_count "
    "FROM activities a JOIN sites s ON s.id = a.site_id WHERE a.voided_at IS NULL ORDER BY a.id" },
  { "attendance.csv",
    "SELECT " ACTIVITY_NO ", c.case_no, iif(t.family_id IS NULL, NULL, " FAMILY_NO ") FROM attendances t "
    "JOIN activities a ON a.id = t.activity_id LEFT JOIN clients c ON c.id = t.client_id "
    "LEFT JOIN family_members f ON f.id = t.family_id LEFT JOIN clients fc ON fc.id = f.client_id "
    "WHERE t.voided_at IS NULL AND a.voided_at IS NULL AND (c.id IS NULL OR c.voided_at IS NULL) "
    "  AND (f.id IS NULL OR (f.voided_at IS NULL AND fc.voided_at IS NULL)) ORDER BY t.id" },
  { "questionnaires.csv",
    "SELECT q.q_date, s.code, q.kind, q.respondent, c.case_no, iif(q.family_id IS NULL, NULL, " FAMILY_NO ") "
    "FROM questionnaires q JOIN sites s ON s.id = q.site_id LEFT JOIN clients c ON c.id = q.client_id "
    "LEFT JOIN family_members f ON f.id = q.family_id "
    "WHERE q.voided_at IS NULL AND (c.id IS NULL OR c.voided_at IS NULL) AND (f.id IS NULL OR f.voided_at IS NULL) "
    "ORDER BY q.id" },
  { "assessments.csv",
    "SELECT c.case_no, r.a_date, r.sdss_1, r.sdss_2, r.sdss_3, r.sdss_4, r.sdss_5, r.sdss_6, r.sdss_7, r.sdss_8, "
    "r.sdss_9, r.sdss_10 FROM assessments r JOIN clients c ON c.id = r.client_id "
    "WHERE r.voided_at IS NULL AND c.voided_at IS NULL ORDER BY r.id" },
  /* Hours as 2.5; attendees by display name, joined by 、. */
  { "training.csv",
    "SELECT t.session_date, t.title, printf ('%d.%d', t.hours_tenths / 10, t.hours_tenths % 10), t.provider, "
    "(SELECT group_concat (name, '、') FROM (SELECT st.display_name AS name FROM training_attendees a "
    "JOIN staff st ON st.id = a.staff_id WHERE a.session_id = t.id ORDER BY st.display_name, st.id)) "
    "FROM training_sessions t WHERE t.voided_at IS NULL ORDER BY t.session_date, t.id" },
};

GPtrArray *
yk_db_export_ledger (sqlite3    *db,
                     const char *file,
                     GError    **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  sqlite3_stmt *stmt = NULL;
  const char *sql = NULL;
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    if (g_str_equal (exports[i].file, file))
      sql = exports[i].sql;
  g_return_val_if_fail (sql != NULL, NULL);

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      int n = sqlite3_column_count (stmt);
      char **row = g_new0 (char *, n + 1);

      for (int c = 0; c < n; c++)
        row[c] = g_strdup (sqlite3_column_type (stmt, c) == SQLITE_NULL ? "" : (const char *) sqlite3_column_text (stmt, c));
      g_ptr_array_add (rows, row);
    }
  if (rc != SQLITE_DONE)
    goto fail;
  sqlite3_finalize (stmt);
  return g_steal_pointer (&rows);

fail:
  yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Exporting the ledger"));
  sqlite3_finalize (stmt);
  return NULL;
}
