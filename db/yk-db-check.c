/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-check.h"
#include "yk-db-error.h"

#include <glib/gi18n.h>

gboolean
yk_db_integrity_check (sqlite3   *db,
                       GPtrArray *problems,
                       GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "PRAGMA integrity_check", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *line = (const char *) sqlite3_column_text (stmt, 0);
      if (g_strcmp0 (line, "ok") != 0)
        g_ptr_array_add (problems, g_strdup (line));
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
fail:
  sqlite3_finalize (stmt);
  yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Checking the database"));
  return FALSE;
}

gboolean
yk_db_foreign_key_check (sqlite3   *db,
                         GPtrArray *problems,
                         GError   **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "PRAGMA foreign_key_check", -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    /* TRANSLATORS: %1$s is a table, %2$lld a row number, %3$s another table */
    g_ptr_array_add (problems, g_strdup_printf (_("%1$s row %2$lld refers to a missing %3$s row"),
                                                (const char *) sqlite3_column_text (stmt, 0),
                                                (long long) sqlite3_column_int64 (stmt, 1),
                                                (const char *) sqlite3_column_text (stmt, 2)));
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
fail:
  sqlite3_finalize (stmt);
  yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Checking the database"));
  return FALSE;
}

/* Schema v2's running totals (yk-schema-v2.sql), recounted from the
 * records: each side's rows that the other lacks. */
#define FRESH_BY_DAY                                                                              \
  "SELECT day, site_id, sum(q), sum(aq), sum(act), sum(res), sum(att), sum(hv), sum(ph) FROM ("  \
  "  SELECT day, site_id, 0 AS q, 0 AS aq, 0 AS act, 0 AS res, 0 AS att, home_visits AS hv, "     \
  "    phone_followups AS ph FROM figure_contacts "                                                \
  "  UNION ALL SELECT day, site_id, 0, 0, 0, 0, 1, 0, 0 FROM figure_attendances "                  \
  "  UNION ALL SELECT activity_date, site_id, 0, 0, 1, resident_count, 0, 0, 0 FROM activities "   \
  "    WHERE voided_at IS NULL "                                                                   \
  "  UNION ALL SELECT q_date, site_id, 1, client_id IS NULL AND family_id IS NULL, 0, 0, 0, 0, 0 " \
  "    FROM questionnaires WHERE voided_at IS NULL) GROUP BY day, site_id"
#define STORED_BY_DAY                                                                             \
  "SELECT day, site_id, questionnaires, anonymous_questionnaires, activities, residents, "         \
  "  attendances, home_visits, phone_followups FROM figures_by_day "                               \
  "WHERE questionnaires OR anonymous_questionnaires OR activities OR residents OR attendances "    \
  "  OR home_visits OR phone_followups"
#define FRESH_SERVED                                                                              \
  "SELECT substr(day, 1, 7), person_kind, person_id, "                                             \
  "  sum(DISTINCT 1 << CAST(substr(day, 9, 2) AS INTEGER)) FROM service_days "                    \
  "WHERE person_id IS NOT NULL GROUP BY 1, 2, 3"
#define STORED_SERVED "SELECT month, person_kind, person_id, days FROM served_months WHERE days <> 0"

gboolean
yk_db_running_totals_check (sqlite3   *db,
                            GPtrArray *problems,
                            GError   **error)
{
  static const char sql[] =
    "SELECT (SELECT count(*) FROM (" FRESH_BY_DAY " EXCEPT " STORED_BY_DAY ")) + "
    "       (SELECT count(*) FROM (" STORED_BY_DAY " EXCEPT " FRESH_BY_DAY ")), "
    "       (SELECT count(*) FROM (" FRESH_SERVED " EXCEPT " STORED_SERVED ")) + "
    "       (SELECT count(*) FROM (" STORED_SERVED " EXCEPT " FRESH_SERVED "))";
  sqlite3_stmt *stmt = NULL;
  gint64 days, months;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Checking the running totals"));
      sqlite3_finalize (stmt);
      return FALSE;
    }
  days = sqlite3_column_int64 (stmt, 0);
  months = sqlite3_column_int64 (stmt, 1);
  sqlite3_finalize (stmt);
  if (days > 0 || months > 0)
    g_ptr_array_add (problems,
                     /* TRANSLATORS: both are counts of rows of running totals */
                     g_strdup_printf (_("%1$lld daily totals and %2$lld monthly lists of people served differ "
                                        "from a recount of the records; the figures cannot be trusted"),
                                      (long long) days, (long long) months));
  return TRUE;
}
