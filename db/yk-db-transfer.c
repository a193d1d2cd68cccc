/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-transfer.h"
#include "yk-db-error.h"
#include "yk-db-records.h"
#include "yk-db-statements.h"

#include <glib/gi18n.h>
#include <stdlib.h>
#include <string.h>

static sqlite3_stmt *
prepare (sqlite3 *db, const char *sql, GError **error)
{
  return yk_db_statement (db, sql, _("Preparing a query"), error);
}

static gboolean
finish (sqlite3 *db, sqlite3_stmt *stmt, GError **error)
{
  int rc = sqlite3_step (stmt);

  yk_db_statement_release (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Saving a record"));
      return FALSE;
    }
  return TRUE;
}

char *
yk_db_transfer_latest_date (sqlite3 *db,
                            gint64   client_id,
                            GError **error)
{
  g_autofree char *records = yk_db_client_last_record_date (db, client_id, NULL);
  sqlite3_stmt *stmt = prepare (db,
    "SELECT max (coalesce (?2, ''), intake_date, coalesce (status_date, ''), coalesce ((SELECT max (review_date) "
    "FROM plan_goals WHERE client_id = ?1 AND voided_at IS NULL), '')) FROM clients WHERE id = ?1", error);
  char *date = NULL;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_int64 (stmt, 1, client_id);
  if (records != NULL)
    sqlite3_bind_text (stmt, 2, records, -1, SQLITE_TRANSIENT);
  rc = sqlite3_step (stmt);
  if (rc == SQLITE_ROW)
    date = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  else
    yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Reading a case file"));
  yk_db_statement_release (stmt);
  return date;
}

char *
yk_db_transfer_next_case_no (sqlite3    *db,
                             const char *site_code,
                             GError    **error)
{
  sqlite3_stmt *stmt = prepare (db, "SELECT case_no FROM clients WHERE substr (case_no, 1, length (?1) + 1) = ?1 || '-'",
                                error);
  gsize prefix = strlen (site_code) + 1;
  gint64 highest = 0;
  int rc;

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, site_code, -1, SQLITE_TRANSIENT);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      const char *digits = (const char *) sqlite3_column_text (stmt, 0) + prefix;
      char *end = NULL;
      gint64 n;

      if (!g_ascii_isdigit (*digits))
        continue;
      n = g_ascii_strtoll (digits, &end, 10);
      if (end != NULL && *end == '\0' && n > highest)
        highest = n;
    }
  yk_db_statement_release (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Reading a case file"));
      return NULL;
    }
  return g_strdup_printf ("%s-%04" G_GINT64_FORMAT, site_code, highest + 1);
}

static char *
now_utc (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();

  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

gboolean
yk_db_transfer (sqlite3    *db,
                gint64      from_id,
                gint64      to_site_id,
                const char *case_no,
                const char *date,
                gint64      worker_id,
                const char *reason,
                gint64      staff_id,
                gint64     *new_id,
                GError    **error)
{
  g_autofree char *now = now_utc ();
  sqlite3_stmt *stmt;
  gint64 id;

  /* The person's data as they are, a new case file's own fields new. */
  stmt = prepare (db,
    "INSERT INTO clients (case_no, name, gender, birth_date, id_number, phone, address, community, diagnosis, "
    "guardian_name, guardian_relation, guardian_phone, site_id, worker_id, intake_date, consent_date, "
    "stable_at_intake, risk_level, status, referral_source, created_by, created_at, "
    "transferred_from_id, transferred_from_case_no, transferred_from_site) "
    "SELECT ?2, c.name, c.gender, c.birth_date, c.id_number, c.phone, c.address, c.community, c.diagnosis, "
    "c.guardian_name, c.guardian_relation, c.guardian_phone, ?3, ?4, ?5, c.consent_date, c.stable_at_intake, "
    "c.risk_level, 'active', c.referral_source, ?6, ?7, c.id, c.case_no, s.code "
    "FROM clients c JOIN sites s ON s.id = c.site_id "
    "WHERE c.id = ?1 AND c.voided_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from_id);
  sqlite3_bind_text (stmt, 2, case_no, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 3, to_site_id);
  if (worker_id > 0)
    sqlite3_bind_int64 (stmt, 4, worker_id);
  sqlite3_bind_text (stmt, 5, date, -1, SQLITE_TRANSIENT);
  if (staff_id > 0)
    sqlite3_bind_int64 (stmt, 6, staff_id);
  sqlite3_bind_text (stmt, 7, now, -1, SQLITE_TRANSIENT);
  if (!finish (db, stmt, error))
    return FALSE;
  if (sqlite3_changes (db) != 1)
    {
      g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_FAILED, _("There is no such service user"));
      return FALSE;
    }
  id = sqlite3_last_insert_rowid (db);

  /* The consent the person gave goes with them. */
  stmt = prepare (db,
    "INSERT INTO consents (client_id, consent_date, signer, guardian_name, form, scope, created_by, created_at) "
    "SELECT ?2, consent_date, signer, guardian_name, form, scope, ?3, ?4 FROM consents WHERE client_id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from_id);
  sqlite3_bind_int64 (stmt, 2, id);
  if (staff_id > 0)
    sqlite3_bind_int64 (stmt, 3, staff_id);
  sqlite3_bind_text (stmt, 4, now, -1, SQLITE_TRANSIENT);
  if (!finish (db, stmt, error))
    return FALSE;

  /* So does their family: new rows of the new case file (the old case's
   * attendances and questionnaires keep naming the old ones). */
  stmt = prepare (db,
    "INSERT INTO family_members (family_no, client_id, name, relation, phone, created_by, created_at) "
    "SELECT family_no || '-' || ?3, ?2, name, relation, phone, ?4, ?5 FROM family_members "
    "WHERE client_id = ?1 AND voided_at IS NULL ORDER BY id", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from_id);
  sqlite3_bind_int64 (stmt, 2, id);
  sqlite3_bind_text (stmt, 3, case_no, -1, SQLITE_TRANSIENT);
  if (staff_id > 0)
    sqlite3_bind_int64 (stmt, 4, staff_id);
  sqlite3_bind_text (stmt, 5, now, -1, SQLITE_TRANSIENT);
  if (!finish (db, stmt, error))
    return FALSE;

  /* The old case file leaves the programme on the date, referred out. */
  stmt = prepare (db,
    "UPDATE clients SET (status, status_date, status_reason, transferred_to_id, transferred_to_case_no, "
    "transferred_to_site) = ('referred', ?2, ?3, ?4, ?5, (SELECT code FROM sites WHERE id = ?6)) "
    "WHERE id = ?1 AND voided_at IS NULL", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from_id);
  sqlite3_bind_text (stmt, 2, date, -1, SQLITE_TRANSIENT);
  sqlite3_bind_text (stmt, 3, reason, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 4, id);
  sqlite3_bind_text (stmt, 5, case_no, -1, SQLITE_TRANSIENT);
  sqlite3_bind_int64 (stmt, 6, to_site_id);
  if (!finish (db, stmt, error))
    return FALSE;
  if (new_id != NULL)
    *new_id = id;
  return TRUE;
}

gboolean
yk_db_transfer_link (sqlite3 *db,
                     gint64   from_id,
                     gint64   to_id,
                     GError **error)
{
  sqlite3_stmt *stmt = prepare (db,
    "UPDATE clients SET (transferred_from_id, transferred_from_case_no, transferred_from_site) = "
    "(SELECT c.id, c.case_no, s.code FROM clients c JOIN sites s ON s.id = c.site_id WHERE c.id = ?1) "
    "WHERE id = ?2", error);

  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from_id);
  sqlite3_bind_int64 (stmt, 2, to_id);
  if (!finish (db, stmt, error))
    return FALSE;
  stmt = prepare (db,
    "UPDATE clients SET (transferred_to_id, transferred_to_case_no, transferred_to_site) = "
    "(SELECT c.id, c.case_no, s.code FROM clients c JOIN sites s ON s.id = c.site_id WHERE c.id = ?2) "
    "WHERE id = ?1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, from_id);
  sqlite3_bind_int64 (stmt, 2, to_id);
  return finish (db, stmt, error);
}
