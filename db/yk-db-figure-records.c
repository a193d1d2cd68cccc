/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-figure-records.h"
#include "yk-db-error.h"
#include "yk-db-sdss.h"
#include "yk-db-statements.h"

#include <glib/gi18n.h>

/* One lookup per counted record, by primary key: a quarter's home visits
 * at district scale are tens of thousands of them, so each statement is
 * kept with the connection (yk-db-statements.h) rather than prepared
 * again. Every query selects (date, subtype, title, client_id, case_no,
 * client_name, family_name, count) for ?1. */
static const struct
{
  const char *table;
  const char *sql;
} detail_queries[] = {
  { "clients",
    "SELECT intake_date, NULL, NULL, id, case_no, name, NULL, 0 FROM clients WHERE id = ?1" },
  { "family_members",
    "SELECT NULL, f.relation, NULL, c.id, c.case_no, c.name, f.name, 0 FROM family_members f "
    "JOIN clients c ON c.id = f.client_id WHERE f.id = ?1" },
  { "contacts",
    "SELECT k.contact_date, k.type, NULL, c.id, c.case_no, c.name, NULL, 0 FROM contacts k "
    "JOIN clients c ON c.id = k.client_id WHERE k.id = ?1" },
  { "activities",
    "SELECT activity_date, category, title, 0, NULL, NULL, NULL, resident_count FROM activities WHERE id = ?1" },
  /* An attendance names the service user, or the family member and,
   * through them, the service user they belong to. */
  { "attendances",
    "SELECT a.activity_date, a.category, a.title, coalesce (c.id, fc.id, 0), coalesce (c.case_no, fc.case_no), "
    "  coalesce (c.name, fc.name), f.name, 0 FROM attendances t "
    "JOIN activities a ON a.id = t.activity_id LEFT JOIN clients c ON c.id = t.client_id "
    "LEFT JOIN family_members f ON f.id = t.family_id LEFT JOIN clients fc ON fc.id = f.client_id "
    "WHERE t.id = ?1" },
  { "questionnaires",
    "SELECT q.q_date, q.kind, q.respondent, coalesce (c.id, fc.id, 0), coalesce (c.case_no, fc.case_no), "
    "  coalesce (c.name, fc.name), f.name, 0 FROM questionnaires q "
    "LEFT JOIN clients c ON c.id = q.client_id LEFT JOIN family_members f ON f.id = q.family_id "
    "LEFT JOIN clients fc ON fc.id = f.client_id WHERE q.id = ?1" },
  { "assessments",
    "SELECT r.a_date, NULL, NULL, c.id, c.case_no, c.name, NULL, 0 FROM assessments r "
    "JOIN clients c ON c.id = r.client_id WHERE r.id = ?1" },
};


/* Baseline: the earliest; latest: the last on or before ?2; of two on
 * one date the one recorded later (higher id) is the later. */
#define SDSS_PAIR_SQL                                                                         \
  "WITH ids AS (SELECT "                                                                      \
  "  (SELECT r.id FROM assessments r WHERE r.client_id = ?1 AND r.voided_at IS NULL AND r.a_date <= ?2 " \
  "   ORDER BY r.a_date, r.id LIMIT 1) AS first_id, "                                         \
  "  (SELECT r.id FROM assessments r WHERE r.client_id = ?1 AND r.voided_at IS NULL AND r.a_date <= ?2 " \
  "   ORDER BY r.a_date DESC, r.id DESC LIMIT 1) AS last_id, "                                \
  "  (SELECT count(*) FROM assessments r WHERE r.client_id = ?1 AND r.voided_at IS NULL AND r.a_date <= ?2) AS n) " \
  "SELECT b.a_date, " YK_SDSS_TOTAL_OF ("b") ", l.a_date, " YK_SDSS_TOTAL_OF ("l") ", ids.n FROM ids "  \
  "CROSS JOIN assessments b ON b.id = ids.first_id CROSS JOIN assessments l ON l.id = ids.last_id"

static char *
column_text (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

void
yk_db_figure_detail_clear (YkDbFigureDetail *detail)
{
  g_clear_pointer (&detail->date, g_free);
  g_clear_pointer (&detail->subtype, g_free);
  g_clear_pointer (&detail->title, g_free);
  g_clear_pointer (&detail->case_no, g_free);
  g_clear_pointer (&detail->client_name, g_free);
  g_clear_pointer (&detail->family_name, g_free);
  detail->client_id = 0;
  detail->count = 0;
}

gboolean
yk_db_figure_detail (sqlite3          *db,
                     const char       *table,
                     gint64            id,
                     YkDbFigureDetail *detail,
                     GError          **error)
{
  const char *sql = NULL;
  sqlite3_stmt *stmt;
  int rc;

  for (guint i = 0; i < G_N_ELEMENTS (detail_queries); i++)
    if (g_strcmp0 (detail_queries[i].table, table) == 0)
      sql = detail_queries[i].sql;
  if (sql == NULL)
    {
      g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_FAILED, _("Not a table of counted records"));
      return FALSE;
    }
  stmt = yk_db_statement (db, sql, _("Listing the counted records"), error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, id);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      detail->date = column_text (stmt, 0);
      detail->subtype = column_text (stmt, 1);
      detail->title = column_text (stmt, 2);
      detail->client_id = sqlite3_column_int64 (stmt, 3);
      detail->case_no = column_text (stmt, 4);
      detail->client_name = column_text (stmt, 5);
      detail->family_name = column_text (stmt, 6);
      detail->count = sqlite3_column_int64 (stmt, 7);
    }
  else if (rc == SQLITE_DONE)
    g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_FAILED, _("A counted record is missing"));
  else
    yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Listing the counted records"));
  yk_db_statement_release (stmt);
  return rc == SQLITE_ROW;
}

void
yk_db_sdss_pair_clear (YkDbSdssPair *pair)
{
  g_clear_pointer (&pair->baseline_date, g_free);
  g_clear_pointer (&pair->latest_date, g_free);
  pair->baseline_total = pair->latest_total = pair->count = 0;
}

gboolean
yk_db_figure_sdss_pair (sqlite3      *db,
                        gint64        client_id,
                        const char   *to,
                        YkDbSdssPair *pair,
                        GError      **error)
{
  sqlite3_stmt *stmt = yk_db_statement (db, SDSS_PAIR_SQL, _("Listing the counted records"), error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, client_id);
  sqlite3_bind_text (stmt, 2, to, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    {
      pair->baseline_date = column_text (stmt, 0);
      pair->baseline_total = sqlite3_column_int (stmt, 1);
      pair->latest_date = column_text (stmt, 2);
      pair->latest_total = sqlite3_column_int (stmt, 3);
      pair->count = sqlite3_column_int (stmt, 4);
    }
  else if (rc != SQLITE_DONE)
    yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Listing the counted records"));
  yk_db_statement_release (stmt);
  return rc == SQLITE_ROW;
}

char *
yk_db_figure_latest_date (sqlite3 *db,
                          GError **error)
{
  /* Each max() is one seek at the end of a date index. */
  sqlite3_stmt *stmt = yk_db_statement (db,
    "SELECT max (d) FROM ("
    "  SELECT max (contact_date) AS d FROM contacts WHERE voided_at IS NULL "
    "  UNION ALL SELECT max (activity_date) FROM activities WHERE voided_at IS NULL "
    "  UNION ALL SELECT max (q_date) FROM questionnaires WHERE voided_at IS NULL "
    "  UNION ALL SELECT max (a_date) FROM assessments WHERE voided_at IS NULL "
    "  UNION ALL SELECT max (intake_date) FROM clients WHERE voided_at IS NULL)",
    _("Finding the latest record"), error);
  char *latest = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    latest = column_text (stmt, 0);
  else
    yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Finding the latest record"));
  yk_db_statement_release (stmt);
  return latest;
}

char *
yk_db_figure_earliest_date (sqlite3 *db,
                            GError **error)
{
  /* Each min() is one seek at the start of a date index. */
  sqlite3_stmt *stmt = yk_db_statement (db,
    "SELECT min (d) FROM ("
    "  SELECT min (contact_date) AS d FROM contacts WHERE voided_at IS NULL "
    "  UNION ALL SELECT min (activity_date) FROM activities WHERE voided_at IS NULL "
    "  UNION ALL SELECT min (q_date) FROM questionnaires WHERE voided_at IS NULL "
    "  UNION ALL SELECT min (a_date) FROM assessments WHERE voided_at IS NULL "
    "  UNION ALL SELECT min (intake_date) FROM clients WHERE voided_at IS NULL)",
    _("Finding the earliest record"), error);
  char *earliest = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    earliest = column_text (stmt, 0);
  else
    yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Finding the earliest record"));
  yk_db_statement_release (stmt);
  return earliest;
}
