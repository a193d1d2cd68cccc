/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-schema.h"
#include "yk-db-error.h"

#include <glib/gi18n.h>

/* Each migration takes the schema from version N to N + 1 in one
 * transaction; a database is never left between two versions. */
extern const char yk_schema_v1[];
extern const char yk_schema_v2[];
extern const char yk_schema_v3[];
extern const char yk_schema_v4[];
extern const char yk_schema_v5[];
extern const char yk_schema_v6[];
extern const char yk_schema_v7[];
extern const char yk_schema_v8[];
extern const char yk_schema_v9[];
extern const char yk_schema_v10[];

static const char *const migrations[] = {
  yk_schema_v1, /* 0 → 1 */
  yk_schema_v2, /* 1 → 2: running totals of the figures */
  yk_schema_v3, /* 2 → 3: voided records by person, for the case file */
  yk_schema_v4, /* 3 → 4: signed audit entries, the audit head */
  yk_schema_v5, /* 4 → 5: informed consent, its withdrawal */
  yk_schema_v6, /* 5 → 6: attachments and their chunks */
  yk_schema_v7, /* 6 → 7: the referral source of a case file */
  yk_schema_v8, /* 7 → 8: a transfer's link between two case files */
  yk_schema_v9, /* 8 → 9: staff training sessions and their attendees */
  yk_schema_v10, /* 9 → 10: indexes for the figures at district scale */
};

G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == YK_SCHEMA_VERSION);

int
yk_schema_get_version (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;
  int version = -1;

  if (sqlite3_prepare_v2 (db, "PRAGMA user_version", -1, &stmt, NULL) == SQLITE_OK &&
      sqlite3_step (stmt) == SQLITE_ROW)
    version = sqlite3_column_int (stmt, 0);
  sqlite3_finalize (stmt);
  return version;
}

static gboolean
run_migration (sqlite3 *db,
               int      from,
               GError **error)
{
  g_autofree char *set_version = g_strdup_printf ("PRAGMA user_version = %d", from + 1);
  int rc;

  /* IMMEDIATE: two programs opening an old file at once migrate it once. */
  rc = sqlite3_exec (db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
  if (rc == SQLITE_OK && yk_schema_get_version (db) != from)
    return sqlite3_exec (db, "COMMIT", NULL, NULL, NULL) == SQLITE_OK;
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, migrations[from], NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, set_version, NULL, NULL, NULL);
  if (rc == SQLITE_OK)
    rc = sqlite3_exec (db, "COMMIT", NULL, NULL, NULL);
  if (rc != SQLITE_OK)
    {
      g_autofree char *doing = g_strdup_printf (_("Updating the database to version %1$d"), from + 1);

      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), doing);
      sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
      return FALSE;
    }
  return TRUE;
}

gboolean
yk_schema_migrate (sqlite3 *db,
                   GError **error)
{
  int version = yk_schema_get_version (db);

  if (version < 0)
    {
      yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Reading the schema version"));
      return FALSE;
    }
  if (version > YK_SCHEMA_VERSION)
    {
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                   _("This database was written by a newer version of Yukang (schema %1$d; this "
                     "version knows up to %2$d). Update Yukang to open it."),
                   version, YK_SCHEMA_VERSION);
      return FALSE;
    }
  for (int from = version; from < YK_SCHEMA_VERSION; from++)
    if (!run_migration (db, from, error))
      return FALSE;
  return TRUE;
}
