/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-error.h"
#include "yk-vfs.h"

#include <glib/gi18n.h>

G_DEFINE_QUARK (yk-db-error-quark, yk_db_error)

static void
set_damage_error (GError  **error,
                  sqlite3  *db)
{
  YkDamage damage = { 0 };
  const char *path = db != NULL ? sqlite3_db_filename (db, "main") : NULL;

  if (db != NULL)
    sqlite3_file_control (db, "main", YK_FCNTL_LAST_DAMAGE, &damage);
  /* Page 1 failing while SQLite opens the file leaves no file to ask. */
  if (!damage.damaged && path != NULL)
    yk_vfs_get_damage (path, &damage);
  yk_db_set_damage_error (error, &damage);
}

void
yk_db_set_damage_error (GError        **error,
                        const YkDamage *damage_in)
{
  YkDamage damage = *damage_in;

  if (!damage.damaged)
    g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                         _("The database file is damaged"));
  else if (damage.journal_header == YK_JOURNAL_HEADER_EMPTIES)
    g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                 _("The database’s journal is damaged: its header at byte %1$llu would empty "
                   "the database. It was not played back and the database file was not "
                   "changed."), (unsigned long long) damage.journal_offset);
  else if (damage.journal_header != YK_JOURNAL_HEADER_VALID)
    g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                 _("The database’s journal is damaged: its header at byte %1$llu is not "
                   "authentic (it was changed or does not belong to this database). It was "
                   "not played back."), (unsigned long long) damage.journal_offset);
  else if (damage.missing && damage.page == 1)
    g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                         _("The database file is damaged: it ends after its header and every "
                           "page is missing (the file was truncated)"));
  else if (damage.missing && damage.pages_expected >= damage.page)
    g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                 _("The database file is damaged: it ends after page %1$llu of %2$llu "
                   "(the file was truncated)"), (unsigned long long) damage.page - 1,
                 (unsigned long long) damage.pages_expected);
  else if (damage.missing)
    g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                 _("The database file is damaged: page %1$llu is missing "
                   "(the file was truncated)"), (unsigned long long) damage.page);
  else if (damage.kind == YK_FILE_KIND_JOURNAL)
    g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                 _("The database’s journal is damaged: the saved copy of page "
                   "%1$llu failed authentication"), (unsigned long long) damage.page);
  else
    g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                 _("The database file is damaged: page %1$llu failed "
                   "authentication (it was changed, moved or copied from another file)"),
                 (unsigned long long) damage.page);
}

void
yk_db_set_read_only_error (GError    **error,
                           const char *path)
{
  g_autofree char *name = g_path_get_basename (path);

  g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_READ_ONLY,
               _("“%1$s” is a snapshot: it is read only. Records are made in the site’s own file."), name);
}

/* Turns a SQLite failure into a GError a person can act on. `doing` says
 * what was attempted; SQLite's own message (never holding row values) is
 * appended for anything unexpected. */
void
yk_db_set_sqlite_error (GError    **error,
                        sqlite3    *db,
                        int         rc,
                        const char *doing)
{
  const char *detail = db != NULL ? sqlite3_errmsg (db) : sqlite3_errstr (rc);

  switch (rc & 0xff)
    {
    case SQLITE_IOERR:
      if (rc == SQLITE_IOERR_DATA)
        set_damage_error (error, db);
      else
        g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_IO,
                     _("%1$s: the file could not be read or written (%2$s)"), doing, detail);
      break;
    case SQLITE_CORRUPT:
    case SQLITE_NOTADB:
      /* Most often a truncated file: say so when that is what it is. */
      if (db != NULL && sqlite3_file_control (db, "main", YK_FCNTL_CHECK_SIZE, NULL) == SQLITE_IOERR_DATA)
        {
          set_damage_error (error, db);
          break;
        }
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_DAMAGED,
                   _("%1$s: the database is damaged (%2$s)"), doing, detail);
      break;
    case SQLITE_BUSY:
    case SQLITE_LOCKED:
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_BUSY,
                   _("%1$s: the database is in use by another program; try again"), doing);
      break;
    case SQLITE_READONLY:
      /* Yukang opens read-only only snapshots and a district view's
       * merged rows; any other file is read only because the system
       * says so. */
      if (db != NULL && sqlite3_db_filename (db, "main") != NULL &&
          yk_vfs_is_snapshot (sqlite3_db_filename (db, "main")))
        yk_db_set_read_only_error (error, sqlite3_db_filename (db, "main"));
      else if (db != NULL && sqlite3_db_readonly (db, "main") == 1)
        g_set_error_literal (error, YK_DB_ERROR, YK_DB_ERROR_READ_ONLY,
                             _("The district view is read only: records are made at each site."));
      else
        g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_IO,
                     _("%1$s: the file is read only (%2$s)"), doing, detail);
      break;
    case SQLITE_CANTOPEN:
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_IO,
                   _("%1$s: the file could not be opened (%2$s)"), doing, detail);
      break;
    default:
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_FAILED, "%s: %s", doing, detail);
      break;
    }
}
