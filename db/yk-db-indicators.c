/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-indicators.h"
#include "yk-db-error.h"
#include "yk-db-sdss.h"

#include <glib/gi18n.h>

/*
 * Each figure is one query yielding (site_id, record_table, record_id,
 * weight): the figure is the sum of weights per site, and the rows are
 * the drill-down. ?1 is `from`, ?2 `to`, ?3 the improvement threshold.
 * "A voided record counts nowhere": neither the record nor anything
 * counted through it (an attendance of a voided person, say).
 */

#define LIVE_CLIENT(alias) alias ".voided_at IS NULL"


/* Activities of the period and their residents' head counts. */
#define RESIDENTS_SQL                                                                         \
  "SELECT a.site_id, 'activities', a.id, a.resident_count FROM activities a " \
  "WHERE a.voided_at IS NULL AND a.activity_date BETWEEN ?1 AND ?2 AND a.resident_count > 0"

/* The period's activities first (activities_date), then their rows
 * (attendances_activity): never a scan of every attendance. */
#define ATTENDANCE_ROWS_SQL                                                                   \
  "SELECT a.site_id, 'attendances', t.id, 1 FROM activities a "    \
  "CROSS JOIN attendances t ON t.activity_id = a.id "                                         \
  "LEFT JOIN clients c ON c.id = t.client_id "                                                \
  "LEFT JOIN family_members f ON f.id = t.family_id "                                         \
  "LEFT JOIN clients fc ON fc.id = f.client_id "                                              \
  "WHERE t.voided_at IS NULL AND a.voided_at IS NULL AND a.activity_date BETWEEN ?1 AND ?2 "  \
  "  AND (t.client_id IS NULL OR c.voided_at IS NULL) "                                       \
  "  AND (t.family_id IS NULL OR (f.voided_at IS NULL AND fc.voided_at IS NULL))"

/* contacts_date covers the range, the type and the person: the scan
 * reads the index alone and looks each person up (CROSS JOIN keeps that
 * order; the other way round is one seek per person per day). No
 * INDEXED BY: a database without the index is slower, not broken. */
#define CONTACTS_SQL(type)                                                                    \
  "SELECT c.site_id, 'contacts', k.id, 1 FROM contacts k "           \
  "CROSS JOIN clients c ON c.id = k.client_id "                                               \
  "WHERE k.voided_at IS NULL AND " LIVE_CLIENT ("c") " AND k.type = '" type "' AND k.reached = 1 " \
  "  AND k.contact_date BETWEEN ?1 AND ?2"

/* The additive figures from the running totals of schema v2
 * (yk-schema-v2.sql): (site_id, value) per site. */
#define BY_DAY_SQL(expression)                                                                \
  "SELECT site_id, sum(" expression ") FROM figures_by_day WHERE day BETWEEN ?1 AND ?2 GROUP BY site_id"

/* Whether the served_months row `alias` has a day in [?1, ?2]: its
 * month's bit mask cut to the days of the range (bit d is day d). */
#define SERVED_DAYS_IN_RANGE(alias)                                                           \
  alias ".days & ((1 << (iif(" alias ".month = substr(?2, 1, 7), CAST(substr(?2, 9, 2) AS INTEGER), 31) + 1)) " \
  "  - (1 << iif(" alias ".month = substr(?1, 1, 7), CAST(substr(?1, 9, 2) AS INTEGER), 1))) <> 0"

/* People served on some day of [?1, ?2]: the months of the range. */
#define SERVED_SQL(kind)                                                                      \
  "SELECT DISTINCT person_id FROM served_months s "                                           \
  "WHERE month BETWEEN substr(?1, 1, 7) AND substr(?2, 1, 7) AND person_kind = '" kind "' "   \
  "  AND " SERVED_DAYS_IN_RANGE ("s")

static const struct
{
  const char *key;
  const char *sql;       /* the counted records: (site_id, table, id, weight) */
  const char *count_sql; /* the same figure from the running totals, or NULL */
} indicators[YK_N_INDICATORS] = {
  [YK_INDICATOR_QUESTIONNAIRES] = {
    "questionnaires",
    "SELECT q.site_id, 'questionnaires', q.id, 1 FROM questionnaires q "
    "WHERE q.voided_at IS NULL AND q.q_date BETWEEN ?1 AND ?2",
    BY_DAY_SQL ("questionnaires") },
  [YK_INDICATOR_CASE_FILES_NEW] = {
    "case_files_new",
    "SELECT c.site_id, 'clients', c.id, 1 FROM clients c "
    "WHERE " LIVE_CLIENT ("c") " AND c.intake_date BETWEEN ?1 AND ?2" },
  [YK_INDICATOR_CASE_FILES_TOTAL] = {
    "case_files_total",
    "SELECT c.site_id, 'clients', c.id, 1 FROM clients c "
    "WHERE " LIVE_CLIENT ("c") " AND c.intake_date <= ?2" },
  [YK_INDICATOR_CASELOAD_ACTIVE] = {
    "caseload_active",
    "SELECT c.site_id, 'clients', c.id, 1 FROM clients c "
    "WHERE " LIVE_CLIENT ("c") " AND c.intake_date <= ?2 "
    "  AND NOT (c.status IN ('referred', 'closed') AND c.status_date <= ?2)" },
  [YK_INDICATOR_ACTIVITIES] = {
    "activities",
    "SELECT a.site_id, 'activities', a.id, 1 FROM activities a "
    "WHERE a.voided_at IS NULL AND a.activity_date BETWEEN ?1 AND ?2",
    BY_DAY_SQL ("activities") },
  [YK_INDICATOR_ACTIVITY_ATTENDANCES] = {
    "activity_attendances",
    ATTENDANCE_ROWS_SQL " UNION ALL " RESIDENTS_SQL,
    BY_DAY_SQL ("attendances + residents") },
  [YK_INDICATOR_HOME_VISITS] = { "home_visits", CONTACTS_SQL ("home_visit"), BY_DAY_SQL ("home_visits") },
  [YK_INDICATOR_PHONE_FOLLOWUPS] = { "phone_followups", CONTACTS_SQL ("phone"), BY_DAY_SQL ("phone_followups") },
  /* Baseline: the earliest assessment; latest: the last on or before `to`;
   * same date: the one recorded later (higher id) is the later. */
  [YK_INDICATOR_IMPROVED] = {
    "improved",
    "WITH ranked AS ("
    "  SELECT r.client_id, " YK_SDSS_TOTAL_OF ("r") " AS total, "
    "    row_number () OVER (PARTITION BY r.client_id ORDER BY r.a_date, r.id) AS from_first, "
    "    row_number () OVER (PARTITION BY r.client_id ORDER BY r.a_date DESC, r.id DESC) AS from_last "
    "  FROM assessments r WHERE r.voided_at IS NULL AND r.a_date <= ?2), "
    "person AS ("
    "  SELECT client_id, count (*) AS n, max (iif (from_first = 1, total, NULL)) AS baseline, "
    "    max (iif (from_last = 1, total, NULL)) AS latest FROM ranked GROUP BY client_id) "
    "SELECT c.site_id, 'clients', c.id, 1 FROM person p CROSS JOIN clients c ON c.id = p.client_id "
    "WHERE " LIVE_CLIENT ("c") " AND p.n >= 2 AND p.latest <= p.baseline - ?3",
    /* The same, one seek per person for the baseline and one for the
     * latest (assessments_client_sdss, schema v10), each giving the
     * assessment's id and SDSS total packed as id * 64 + total (a total
     * is 0..20), instead of ranking every assessment. MATERIALIZED: the
     * planner would otherwise run each seek once per use. */
    "WITH person AS MATERIALIZED ("
    "  SELECT c.site_id, "
    "    (SELECT r.id * 64 + " YK_SDSS_TOTAL_OF ("r") " FROM assessments r "
    "     WHERE r.client_id = c.id AND r.voided_at IS NULL AND r.a_date <= ?2 "
    "     ORDER BY r.a_date, r.id LIMIT 1) AS first, "
    "    (SELECT r.id * 64 + " YK_SDSS_TOTAL_OF ("r") " FROM assessments r "
    "     WHERE r.client_id = c.id AND r.voided_at IS NULL AND r.a_date <= ?2 "
    "     ORDER BY r.a_date DESC, r.id DESC LIMIT 1) AS last "
    "  FROM clients c WHERE " LIVE_CLIENT ("c") ") "
    "SELECT site_id, count(*) FROM person "
    "WHERE first / 64 <> last / 64 AND last % 64 <= first % 64 - ?3 "
    "GROUP BY site_id" },
  /* S + F + R + Q of docs/design/indicators.md. */
  [YK_INDICATOR_BENEFICIARIES] = {
    "beneficiaries",
    "WITH s (client_id) AS ("
    "  SELECT k.client_id FROM contacts k WHERE k.voided_at IS NULL AND k.reached = 1 "
    "    AND k.contact_date BETWEEN ?1 AND ?2 "
    "  UNION SELECT t.client_id FROM activities a "
    "    CROSS JOIN attendances t ON t.activity_id = a.id "
    "    WHERE t.client_id IS NOT NULL AND t.voided_at IS NULL AND a.voided_at IS NULL "
    "    AND a.activity_date BETWEEN ?1 AND ?2 "
    "  UNION SELECT r.client_id FROM assessments r WHERE r.voided_at IS NULL AND r.a_date BETWEEN ?1 AND ?2 "
    "  UNION SELECT q.client_id FROM questionnaires q WHERE q.client_id IS NOT NULL AND q.voided_at IS NULL "
    "    AND q.q_date BETWEEN ?1 AND ?2), "
    "f (family_id) AS ("
    "  SELECT t.family_id FROM activities a "
    "    CROSS JOIN attendances t ON t.activity_id = a.id "
    "    WHERE t.family_id IS NOT NULL AND t.voided_at IS NULL AND a.voided_at IS NULL "
    "    AND a.activity_date BETWEEN ?1 AND ?2 "
    "  UNION SELECT q.family_id FROM questionnaires q WHERE q.family_id IS NOT NULL AND q.voided_at IS NULL "
    "    AND q.q_date BETWEEN ?1 AND ?2) "
    "SELECT c.site_id, 'clients', c.id, 1 FROM s JOIN clients c ON c.id = s.client_id WHERE " LIVE_CLIENT ("c") " "
    "UNION ALL "
    "SELECT c.site_id, 'family_members', fm.id, 1 FROM f JOIN family_members fm ON fm.id = f.family_id "
    "  JOIN clients c ON c.id = fm.client_id WHERE fm.voided_at IS NULL AND " LIVE_CLIENT ("c") " "
    "UNION ALL " RESIDENTS_SQL " "
    "UNION ALL "
    "SELECT q.site_id, 'questionnaires', q.id, 1 FROM questionnaires q WHERE q.voided_at IS NULL "
    "  AND q.client_id IS NULL AND q.family_id IS NULL AND q.q_date BETWEEN ?1 AND ?2",
    /* Service users: one seek per person in served_months_person
     * (schema v10) for a month of the range with a day in it, instead of
     * every served month of the range made distinct. Family members are
     * fewer per month: the months of the range, made distinct. */
    "SELECT c.site_id, count(*) FROM clients c WHERE " LIVE_CLIENT ("c") " "
    "  AND EXISTS (SELECT 1 FROM served_months s WHERE s.person_kind = 'client' AND s.person_id = c.id "
    "    AND s.month BETWEEN substr(?1, 1, 7) AND substr(?2, 1, 7) AND " SERVED_DAYS_IN_RANGE ("s") ") "
    "  GROUP BY c.site_id "
    "UNION ALL "
    "SELECT c.site_id, count(*) FROM (" SERVED_SQL ("family") ") s "
    "  CROSS JOIN family_members fm ON fm.id = s.person_id CROSS JOIN clients c ON c.id = fm.client_id "
    "  WHERE fm.voided_at IS NULL AND " LIVE_CLIENT ("c") " GROUP BY c.site_id "
    "UNION ALL " BY_DAY_SQL ("residents + anonymous_questionnaires") },
};

const char *
yk_indicator_key (YkIndicator indicator)
{
  g_return_val_if_fail (indicator < YK_N_INDICATORS, NULL);
  return indicators[indicator].key;
}

static sqlite3_stmt *
prepare (sqlite3     *db,
         const char  *sql,
         const char  *from,
         const char  *to,
         int          threshold,
         GError     **error)
{
  sqlite3_stmt *stmt = NULL;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Computing the figures"));
      return NULL;
    }
  /* Every query names all three; the unused ones are harmless. */
  if (sqlite3_bind_parameter_count (stmt) >= 1)
    sqlite3_bind_text (stmt, 1, from, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 2)
    sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  if (sqlite3_bind_parameter_count (stmt) >= 3)
    sqlite3_bind_int (stmt, 3, threshold);
  return stmt;
}

gboolean
yk_db_indicator_count (sqlite3     *db,
                       YkIndicator  indicator,
                       const char  *from,
                       const char  *to,
                       int          improvement_threshold,
                       GHashTable  *values,
                       GError     **error)
{
  /* The running totals when the figure has them; the records otherwise
   * (the people of the caseload figures are a few thousand rows). */
  g_autofree char *sql =
    indicators[indicator].count_sql != NULL
      ? g_strdup_printf ("WITH counted (site_id, value) AS (%s) "
                         "SELECT site_id, sum(value) FROM counted GROUP BY site_id",
                         indicators[indicator].count_sql)
      : g_strdup_printf ("WITH counted (site_id, record_table, record_id, weight) AS (%s) "
                         "SELECT site_id, sum(weight) FROM counted GROUP BY site_id",
                         indicators[indicator].sql);
  sqlite3_stmt *stmt = prepare (db, sql, from, to, improvement_threshold, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      gint64 site_id = sqlite3_column_int64 (stmt, 0);
      gint64 *site_values = g_hash_table_lookup (values, &site_id);

      if (site_values != NULL)
        site_values[indicator] += sqlite3_column_int64 (stmt, 1);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Computing the figures"));
      return FALSE;
    }
  return TRUE;
}

GArray *
yk_db_indicator_records (sqlite3     *db,
                         YkIndicator  indicator,
                         gint64       site_id,
                         const char  *from,
                         const char  *to,
                         int          improvement_threshold,
                         GError     **error)
{
  g_autofree char *sql = g_strdup_printf ("WITH counted (site_id, record_table, record_id, weight) AS (%s) "
                                          "SELECT site_id, record_table, record_id, weight FROM counted "
                                          "WHERE ?4 = 0 OR site_id = ?4 ORDER BY record_table, record_id",
                                          indicators[indicator].sql);
  sqlite3_stmt *stmt = prepare (db, sql, from, to, improvement_threshold, error);
  g_autoptr (GArray) rows = g_array_new (FALSE, TRUE, sizeof (YkCountedRecord));
  static const char *const tables[] = { "clients", "family_members", "contacts", "activities", "attendances",
                                        "questionnaires", "assessments", NULL };
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 4, site_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkCountedRecord record = { sqlite3_column_int64 (stmt, 0), NULL, sqlite3_column_int64 (stmt, 2),
                                 sqlite3_column_int64 (stmt, 3) };
      const char *table = (const char *) sqlite3_column_text (stmt, 1);

      for (guint i = 0; tables[i]; i++)
        if (g_strcmp0 (tables[i], table) == 0)
          record.record_table = tables[i];
      g_array_append_val (rows, record);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Listing the counted records"));
      return NULL;
    }
  return g_steal_pointer (&rows);
}

void
yk_site_row_free (YkSiteRow *row)
{
  if (row == NULL)
    return;
  g_free (row->code);
  g_free (row->name);
  g_free (row->opening_date);
  g_free (row);
}

GPtrArray *
yk_db_sites_list (sqlite3 *db,
                  GError **error)
{
  g_autoptr (GPtrArray) sites = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_site_row_free);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT id, code, name, opening_date FROM sites ORDER BY id", -1, &stmt, NULL) != SQLITE_OK)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Listing the sites"));
      return NULL;
    }
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkSiteRow *row = g_new0 (YkSiteRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->opening_date = g_strdup ((const char *) sqlite3_column_text (stmt, 3));
      g_ptr_array_add (sites, row);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Listing the sites"));
      return NULL;
    }
  return g_steal_pointer (&sites);
}
