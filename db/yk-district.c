/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

/* The district view's merged rows (docs/design/district.md, "The
 * merge"). One in-memory database, made with the normal schema and then
 * without its triggers, filled from each file in turn by attaching it
 * through the encrypting VFS (its store has the cipher attached), and
 * copying every table in one read transaction of that file with its ids
 * moved out of the way of the other files'. The running totals
 * (figures_by_day, served_months) are copied the same way, not
 * recomputed: the district's figures are then the files' own, to the
 * digit, and opening costs a copy instead of a recount.
 *
 * The merged rows are kept between openings in an encrypted Yukang file
 * (the cache, docs/design/district.md): read back page by page when the
 * files are the same snapshots, with the rows of those that changed
 * taken out and merged again. */

#include "yk-db-district.h"
#include "yk-store-private.h"
#include "yk-keys.h"
#include "yk-page-cipher.h"
#include "yk-schema.h"
#include "yk-secret.h"
#include "yk-vfs.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

/* The memdb VFS keeps an in-memory database shared between the
 * connections of this process when its name starts with '/'. */
#define MERGED_URI_FORMAT "file:/yukang-district-%s?vfs=memdb"

/* A file's row ids, sites and staff aside, move by this. */
typedef struct
{
  gint64 from;
  gint64 to;
} IdPair;

typedef struct
{
  gint64 id;
  char *code;
  char *name;
  guint file;
  gint64 merged;
} SiteRow;

/* What one file's copy needs to know of the others'. */
typedef struct
{
  guint file;
  gint64 offset;
  GArray *sites;          /* IdPair: every site of this file */
  GArray *site_firsts;    /* gint64: this file's sites not already merged from an earlier one */
  GArray *staff_unified;  /* IdPair: coordinators who are one person with an earlier file's */
  GArray *staff_no_account; /* gint64: staff whose account an earlier row already has */
} FileMap;

/* Tables that are not rows of the records: the audit trail is each
 * file's own (verified on its own), the recount queue is always empty,
 * the settings are the first file's. */
static const char *const not_copied[] = { "audit", "audit_signers", "served_months_recount", "settings", NULL };

/* Columns that refer to another table's rows without a REFERENCES
 * clause (running totals keep no foreign keys): their rule by hand. */
static const struct
{
  const char *table;
  const char *column;
  const char *refers_to;
} undeclared_references[] = {
  { "figures_by_day", "site_id", "sites" },
  /* A person's id whether person_kind is client or family: both tables'
   * ids move by the same offset. */
  { "served_months", "person_id", "clients" },
};

/* Numbers people type, unique in one file: two files with the same one
 * cannot be shown as one file. */
static const struct
{
  const char *table;
  const char *column;
} typed_numbers[] = {
  { "clients", "case_no" },
  { "family_members", "family_no" },
  { "activities", "activity_no" },
};

static void
site_row_free (SiteRow *row)
{
  g_free (row->code);
  g_free (row->name);
  g_free (row);
}

static void
file_map_clear (FileMap *map)
{
  g_clear_pointer (&map->sites, g_array_unref);
  g_clear_pointer (&map->site_firsts, g_array_unref);
  g_clear_pointer (&map->staff_unified, g_array_unref);
  g_clear_pointer (&map->staff_no_account, g_array_unref);
}

static gboolean
exec (sqlite3    *db,
      const char *sql,
      GError    **error)
{
  return _yk_store_exec (db, sql, _("Opening the district view"), error);
}

static sqlite3_stmt *
prepare (sqlite3    *db,
         const char *sql,
         GError    **error)
{
  sqlite3_stmt *stmt = NULL;
  int rc = sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL);

  if (rc != SQLITE_OK)
    {
      yk_db_set_sqlite_error (error, db, rc, _("Opening the district view"));
      return NULL;
    }
  return stmt;
}

sqlite3 *
_yk_district_open_connection (const char *uri,
                              gboolean    build,
                              GError    **error)
{
  int flags = SQLITE_OPEN_URI | SQLITE_OPEN_FULLMUTEX | SQLITE_OPEN_PRIVATECACHE | SQLITE_OPEN_EXRESCODE |
              (build ? SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE : SQLITE_OPEN_READONLY);
  sqlite3 *db = NULL;
  int rc = sqlite3_open_v2 (uri, &db, flags, NULL);

  if (rc != SQLITE_OK)
    {
      yk_db_set_sqlite_error (error, db, rc, _("Opening the district view"));
      sqlite3_close_v2 (db);
      return NULL;
    }
  sqlite3_extended_result_codes (db, 1);
  sqlite3_busy_timeout (db, 5000);
  sqlite3_db_config (db, SQLITE_DBCONFIG_DEFENSIVE, 1, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_TRUSTED_SCHEMA, 0, NULL);
  sqlite3_db_config (db, SQLITE_DBCONFIG_ENABLE_LOAD_EXTENSION, 0, NULL);
  /* query_only besides the read-only open: nothing writes by mistake,
   * not even through a pragma. */
  if (!exec (db,
             build ? "PRAGMA temp_store=MEMORY; PRAGMA journal_mode=OFF;"
                     "PRAGMA foreign_keys=OFF; PRAGMA ignore_check_constraints=ON;"
                   : "PRAGMA temp_store=MEMORY; PRAGMA cache_size=-8192; PRAGMA foreign_keys=ON;"
                     "PRAGMA query_only=ON; SELECT count(*) FROM sqlite_schema;",
             error))
    {
      sqlite3_close_v2 (db);
      return NULL;
    }
  return db;
}

char **
yk_db_district_site_codes (sqlite3 *db,
                           GError **error)
{
  g_autoptr (GPtrArray) codes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt = prepare (db, "SELECT code FROM sites ORDER BY code", error);
  int rc;

  if (stmt == NULL)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    g_ptr_array_add (codes, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      yk_db_set_sqlite_error (error, db, rc, _("Reading the sites"));
      return NULL;
    }
  g_ptr_array_add (codes, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&codes), FALSE);
}

/* The error of a source file, named: “SPQ.ykdb”: what went wrong. A
 * page that fails or a file cut short is damage, never an empty site. */
static void
set_source_error (GError                 **error,
                  sqlite3                 *builder,
                  int                      rc,
                  const YkDistrictSource  *source,
                  GError                  *inner)
{
  g_autoptr (GError) own = inner;

  if (own == NULL)
    {
      YkDamage damage;
      int base = rc & 0xff;

      if ((rc == SQLITE_IOERR_DATA || base == SQLITE_CORRUPT || base == SQLITE_NOTADB) &&
          (sqlite3_file_control (builder, "src", YK_FCNTL_CHECK_SIZE, NULL) == SQLITE_IOERR_DATA ||
           rc == SQLITE_IOERR_DATA))
        {
          yk_vfs_get_damage (yk_store_get_path (source->store), &damage);
          yk_db_set_damage_error (&own, &damage);
        }
      else
        yk_db_set_sqlite_error (&own, builder, rc, _("Copying the records"));
    }
  /* TRANSLATORS: %1$s is a file's name, %2$s what is wrong with it */
  g_set_error (error, own->domain, own->code, _("“%1$s”: %2$s"), source->name, own->message);
}

static void
append_ids (GString      *sql,
            const GArray *ids)
{
  for (guint i = 0; i < ids->len; i++)
    g_string_append_printf (sql, "%s%" G_GINT64_FORMAT, i ? ", " : "", g_array_index (ids, gint64, i));
}

/* `column` of this file, as the merged id: looked up among `pairs`,
 * else moved by `offset` (or NULL with no offset). */
static void
append_mapped (GString      *sql,
               const char   *column,
               const GArray *pairs,
               gboolean      with_offset,
               gint64        offset)
{
  if (pairs->len == 0)
    {
      if (with_offset)
        g_string_append_printf (sql, "\"%s\" + %" G_GINT64_FORMAT, column, offset);
      else
        g_string_append (sql, "NULL");
      return;
    }
  g_string_append_printf (sql, "CASE \"%s\"", column);
  for (guint i = 0; i < pairs->len; i++)
    {
      IdPair *pair = &g_array_index (pairs, IdPair, i);
      g_string_append_printf (sql, " WHEN %" G_GINT64_FORMAT " THEN %" G_GINT64_FORMAT, pair->from, pair->to);
    }
  if (with_offset)
    g_string_append_printf (sql, " ELSE \"%s\" + %" G_GINT64_FORMAT, column, offset);
  g_string_append (sql, " END");
}

static const char *
undeclared_reference (const char *table,
                      const char *column)
{
  for (guint i = 0; i < G_N_ELEMENTS (undeclared_references); i++)
    if (g_str_equal (undeclared_references[i].table, table) && g_str_equal (undeclared_references[i].column, column))
      return undeclared_references[i].refers_to;
  return NULL;
}

/* What column `column` of `table` holds in the merged rows. Ids and
 * references follow the file's remap; anything else is copied. */
static void
append_column (GString       *sql,
               const FileMap *map,
               const char    *table,
               const char    *column,
               gboolean       is_rowid,
               const char    *refers_to)
{
  const char *target = is_rowid ? table : refers_to;

  if (target == NULL)
    target = undeclared_reference (table, column);
  /* A transfer's link (schema version 8) names the other case file by
   * its id within one file, which may be another file's here: readers
   * follow the case number kept beside it (docs/design/transfer.md). */
  if (g_str_equal (table, "clients") &&
      (g_str_equal (column, "transferred_from_id") || g_str_equal (column, "transferred_to_id")))
    g_string_append (sql, "NULL");
  else if (g_str_equal (table, "staff") && g_str_equal (column, "account") && map->staff_no_account->len > 0)
    {
      g_string_append (sql, "CASE WHEN id IN (");
      append_ids (sql, map->staff_no_account);
      g_string_append (sql, ") THEN NULL ELSE account END");
    }
  else if (target == NULL)
    g_string_append_printf (sql, "\"%s\"", column);
  else if (g_str_equal (target, "sites"))
    append_mapped (sql, column, map->sites, FALSE, 0);
  else if (g_str_equal (target, "staff"))
    append_mapped (sql, column, map->staff_unified, TRUE, map->offset);
  else
    g_string_append_printf (sql, "\"%s\" + %" G_GINT64_FORMAT, column, map->offset);
}

/* A merged table's columns, read once from the merged schema. */
typedef struct
{
  char *name;
  gboolean is_rowid;  /* INTEGER PRIMARY KEY of a rowid table: the row's id */
  char *refers_to;    /* the table whose ids it holds (REFERENCES), or NULL */
} ColumnInfo;

typedef struct
{
  char *name;
  GPtrArray *columns; /* ColumnInfo */
} TableInfo;

static void
column_info_free (ColumnInfo *column)
{
  g_free (column->name);
  g_free (column->refers_to);
  g_free (column);
}

static void
table_info_free (TableInfo *table)
{
  g_free (table->name);
  g_clear_pointer (&table->columns, g_ptr_array_unref);
  g_free (table);
}

static TableInfo *
read_table_info (sqlite3    *db,
                 const char *name,
                 GError    **error)
{
  g_autoptr (GHashTable) references = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  TableInfo *table;
  gboolean without_rowid = FALSE;
  sqlite3_stmt *stmt;
  int rc, pk_columns = 0;

  stmt = prepare (db, "SELECT \"from\", \"table\" FROM pragma_foreign_key_list (?1, 'main')", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_insert (references, g_strdup ((const char *) sqlite3_column_text (stmt, 0)),
                         g_strdup ((const char *) sqlite3_column_text (stmt, 1)));
  sqlite3_finalize (stmt);

  stmt = prepare (db, "SELECT wr FROM pragma_table_list (?1) WHERE schema = 'main'", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    without_rowid = sqlite3_column_int (stmt, 0) != 0;
  sqlite3_finalize (stmt);

  stmt = prepare (db, "SELECT name, pk, upper (type) FROM pragma_table_info (?1, 'main') ORDER BY cid", error);
  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, name, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    pk_columns += sqlite3_column_int (stmt, 1) > 0;
  sqlite3_reset (stmt);
  table = g_new0 (TableInfo, 1);
  table->name = g_strdup (name);
  table->columns = g_ptr_array_new_with_free_func ((GDestroyNotify) column_info_free);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      ColumnInfo *column = g_new0 (ColumnInfo, 1);
      const char *type = (const char *) sqlite3_column_text (stmt, 2);

      column->name = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
      column->is_rowid = !without_rowid && pk_columns == 1 && sqlite3_column_int (stmt, 1) == 1 &&
                         g_strcmp0 (type, "INTEGER") == 0;
      column->refers_to = g_strdup (g_hash_table_lookup (references, column->name));
      g_ptr_array_add (table->columns, column);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE || table->columns->len == 0)
    {
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_FAILED, _("Opening the district view: the table %1$s cannot be copied"),
                   name);
      table_info_free (table);
      return NULL;
    }
  return table;
}

/* The columns of `table` in the attached file, when its schema is older
 * than the merged one (additive migrations: a column it lacks gets its
 * default). NULL and no error: it has them all. */
static GHashTable *
source_columns (sqlite3    *db,
                const char *table,
                GError    **error)
{
  g_autoptr (GHashTable) columns = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = prepare (db, "SELECT name FROM pragma_table_info (?1, 'src')", error);

  if (stmt == NULL)
    return NULL;
  sqlite3_bind_text (stmt, 1, table, -1, SQLITE_STATIC);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_hash_table_add (columns, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
  sqlite3_finalize (stmt);
  return g_steal_pointer (&columns);
}

/* INSERT INTO main.T (…) SELECT … FROM src.T, column by column as the
 * merged table has them (of a file of an older schema, those it has). */
static char *
copy_statement (const FileMap   *map,
                const TableInfo *table,
                GHashTable      *present)
{
  g_autoptr (GString) columns = g_string_new (NULL);
  g_autoptr (GString) values = g_string_new (NULL);
  g_autoptr (GString) where = g_string_new (NULL);

  for (guint i = 0; i < table->columns->len; i++)
    {
      ColumnInfo *column = table->columns->pdata[i];

      if (present != NULL && !g_hash_table_contains (present, column->name))
        continue;
      g_string_append_printf (columns, "%s\"%s\"", columns->len ? ", " : "", column->name);
      if (values->len)
        g_string_append (values, ", ");
      append_column (values, map, table->name, column->name, column->is_rowid, column->refers_to);
    }
  if (g_str_equal (table->name, "sites"))
    {
      g_string_append (where, " WHERE id IN (");
      append_ids (where, map->site_firsts);
      g_string_append (where, ")");
    }
  else if (g_str_equal (table->name, "staff") && map->staff_unified->len > 0)
    {
      g_string_append (where, " WHERE id NOT IN (");
      for (guint i = 0; i < map->staff_unified->len; i++)
        g_string_append_printf (where, "%s%" G_GINT64_FORMAT, i ? ", " : "",
                                g_array_index (map->staff_unified, IdPair, i).from);
      g_string_append (where, ")");
    }
  return g_strdup_printf ("INSERT INTO main.\"%s\" (%s) SELECT %s FROM src.\"%s\"%s", table->name, columns->str,
                          values->str, table->name, where->str);
}

static gint64
query_int (sqlite3    *db,
           const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  gint64 value = -1;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK && sqlite3_step (stmt) == SQLITE_ROW)
    value = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return value;
}

/* A number people typed that an earlier file already has. */
static gboolean
check_typed_numbers (sqlite3                *builder,
                     const YkDistrictSource *sources,
                     guint                   file,
                     const char             *table,
                     GError                **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (typed_numbers); i++)
    {
      g_autofree char *sql = NULL;
      sqlite3_stmt *stmt;
      gboolean clash;

      if (!g_str_equal (typed_numbers[i].table, table))
        continue;
      sql = g_strdup_printf ("SELECT s.\"%1$s\", m.id FROM src.\"%2$s\" s JOIN main.\"%2$s\" m ON m.\"%1$s\" = s.\"%1$s\" "
                             "LIMIT 1", typed_numbers[i].column, table);
      stmt = prepare (builder, sql, error);
      if (stmt == NULL)
        return FALSE;
      clash = sqlite3_step (stmt) == SQLITE_ROW;
      if (clash)
        {
          const char *number = (const char *) sqlite3_column_text (stmt, 0);
          guint earlier = (guint) (sqlite3_column_int64 (stmt, 1) / YK_DISTRICT_ID_STRIDE);
          /* An earlier file, or, bringing the cache up to date, a later one. */
          const char *first = sources[MIN (earlier, file)].name, *second = sources[MAX (earlier, file)].name;

          if (g_str_equal (table, "clients"))
            g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                         _("“%1$s” and “%2$s” both have a service user with the case number %3$s: shown "
                           "together they would be one file with two people under one number"),
                         first, second, number);
          else if (g_str_equal (table, "family_members"))
            g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                         _("“%1$s” and “%2$s” both have a family member numbered %3$s: shown together they "
                           "would be one file with two people under one number"),
                         first, second, number);
          else
            g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                         _("“%1$s” and “%2$s” both have an activity numbered %3$s: shown together they "
                           "would be one file with two activities under one number"),
                         first, second, number);
        }
      sqlite3_finalize (stmt);
      if (clash)
        return FALSE;
    }
  return TRUE;
}

static gboolean
copy_file (sqlite3                *builder,
           const YkDistrictSource *sources,
           guint                   file,
           const FileMap          *map,
           GPtrArray              *tables,
           GError                **error)
{
  const YkDistrictSource *source = &sources[file];
  g_autofree char *escaped = g_uri_escape_string (yk_store_get_path (source->store), "/", FALSE);
  g_autofree char *uri = g_strdup_printf ("file:%s?vfs=%s&mode=ro", escaped, YK_VFS_NAME);
  sqlite3_stmt *attach = prepare (builder, "ATTACH ?1 AS src", error);
  int version, rc;
  gboolean ok = TRUE;

  if (attach == NULL)
    return FALSE;
  sqlite3_bind_text (attach, 1, uri, -1, SQLITE_STATIC);
  rc = sqlite3_step (attach);
  sqlite3_finalize (attach);
  if (rc != SQLITE_DONE)
    {
      set_source_error (error, builder, sqlite3_extended_errcode (builder), source, NULL);
      return FALSE;
    }
  /* One read transaction of the file: a live file's tables are copied
   * as they were at one moment. */
  if (!exec (builder, "BEGIN", error))
    {
      ok = FALSE;
      goto detach;
    }
  version = (int) query_int (builder, "PRAGMA src.user_version");
  if (version < 2 || version > YK_SCHEMA_VERSION)
    {
      if (version < 0)
        set_source_error (error, builder, sqlite3_extended_errcode (builder), source, NULL);
      else if (version < 2)
        g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                     _("“%1$s” was last opened by a much older Yukang (schema %2$d): open it once at its "
                       "site with this version, then take a new snapshot"), source->name, version);
      else
        g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                     _("“%1$s” was written by a newer version of Yukang (schema %2$d; this version knows up "
                       "to %3$d). Update Yukang to open it."), source->name, version, YK_SCHEMA_VERSION);
      ok = FALSE;
      goto rollback;
    }
  /* The settings are the first file's (docs/design/district.md). */
  if (file == 0 &&
      sqlite3_exec (builder, "INSERT INTO main.settings (key, value) SELECT key, value FROM src.settings", NULL, NULL,
                    NULL) != SQLITE_OK)
    {
      set_source_error (error, builder, sqlite3_extended_errcode (builder), source, NULL);
      ok = FALSE;
      goto rollback;
    }
  for (guint t = 0; t < tables->len; t++)
    {
      TableInfo *table = tables->pdata[t];
      g_autoptr (GHashTable) present = NULL;
      g_autofree char *sql = NULL;
      GError *local_error = NULL;

      if (!check_typed_numbers (builder, sources, file, table->name, error))
        {
          ok = FALSE;
          goto rollback;
        }
      if (version < YK_SCHEMA_VERSION && (present = source_columns (builder, table->name, &local_error)) == NULL)
        {
          set_source_error (error, builder, 0, source, local_error);
          ok = FALSE;
          goto rollback;
        }
      /* A table newer than the file (an older schema's file has none of
       * its rows): nothing to copy. */
      if (present != NULL && g_hash_table_size (present) == 0)
        continue;
      sql = copy_statement (map, table, present);
      rc = sqlite3_exec (builder, sql, NULL, NULL, NULL);
      if (rc != SQLITE_OK)
        {
          rc = sqlite3_extended_errcode (builder);
          if ((rc & 0xff) == SQLITE_CONSTRAINT)
            g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                         _("“%1$s” cannot be shown together with the files before it: %2$s"), source->name,
                         sqlite3_errmsg (builder));
          else
            set_source_error (error, builder, rc, source, NULL);
          ok = FALSE;
          goto rollback;
        }
    }
  if (!exec (builder, "COMMIT", error))
    ok = FALSE;
  goto detach;

rollback:
  sqlite3_exec (builder, "ROLLBACK", NULL, NULL, NULL);
detach:
  sqlite3_exec (builder, "DETACH src", NULL, NULL, NULL);
  return ok;
}

static gboolean
read_sites (const YkDistrictSource *source,
            guint                   file,
            GPtrArray              *rows,
            GError                **error)
{
  sqlite3 *db = yk_store_get_connection (source->store);
  sqlite3_stmt *stmt = prepare (db, "SELECT id, code, name FROM sites", error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      SiteRow *row = g_new0 (SiteRow, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->code = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->file = file;
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
  if (rc != SQLITE_DONE)
    {
      set_source_error (error, db, rc, source, NULL);
      return FALSE;
    }
  return TRUE;
}

static int
compare_sites (gconstpointer a,
               gconstpointer b)
{
  const SiteRow *x = *(SiteRow *const *) a, *y = *(SiteRow *const *) b;

  if (x->id != y->id)
    return x->id < y->id ? -1 : 1;
  return x->file < y->file ? -1 : x->file > y->file;
}

/* Merged site ids: 1, 2, … in the order of the files' own ids (then of
 * the files), so sites split out of one file keep that file's order in
 * every table and report. One code is one site. */
static gboolean
map_sites (const YkDistrictSource *sources,
           guint                   n_sources,
           FileMap                *maps,
           GError                **error)
{
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) site_row_free);
  g_autoptr (GHashTable) by_code = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr (GHashTable) by_name = g_hash_table_new (g_str_hash, g_str_equal);
  gint64 next = 1;

  for (guint i = 0; i < n_sources; i++)
    if (!read_sites (&sources[i], i, rows, error))
      return FALSE;
  g_ptr_array_sort (rows, compare_sites);
  for (guint r = 0; r < rows->len; r++)
    {
      SiteRow *row = rows->pdata[r];
      SiteRow *same = g_hash_table_lookup (by_code, row->code);
      SiteRow *named = g_hash_table_lookup (by_name, row->name);
      IdPair pair;

      if (same == NULL && named != NULL)
        {
          g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_REFUSED,
                       _("“%1$s” and “%2$s” both have a site named %3$s, with different codes (%4$s and %5$s)"),
                       sources[named->file].name, sources[row->file].name, row->name, named->code, row->code);
          return FALSE;
        }
      if (same == NULL)
        {
          row->merged = next++;
          g_hash_table_insert (by_code, row->code, row);
          g_hash_table_insert (by_name, row->name, row);
          g_array_append_val (maps[row->file].site_firsts, row->id);
        }
      else
        row->merged = same->merged;
      pair = (IdPair) { row->id, row->merged };
      g_array_append_val (maps[row->file].sites, pair);
    }
  return TRUE;
}

typedef struct
{
  gint64 merged;
  gboolean coordinator;
} AccountOwner;

/* Staff keep their file's remap, except a coordinator whose account an
 * earlier file's coordinator has: one person, the earlier row. Any other
 * row whose account is taken keeps no account in the merged rows (the
 * district view signs nobody in and administers no accounts). */
static gboolean
map_staff (const YkDistrictSource *sources,
           guint                   n_sources,
           FileMap                *maps,
           GError                **error)
{
  g_autoptr (GHashTable) accounts = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);

  for (guint i = 0; i < n_sources; i++)
    {
      sqlite3 *db = yk_store_get_connection (sources[i].store);
      sqlite3_stmt *stmt = prepare (db, "SELECT id, role = 'coordinator', account FROM staff ORDER BY id", error);
      int rc;

      if (stmt == NULL)
        return FALSE;
      while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
        {
          gint64 id = sqlite3_column_int64 (stmt, 0);
          gboolean coordinator = sqlite3_column_int (stmt, 1) != 0;
          const char *account = (const char *) sqlite3_column_text (stmt, 2);
          AccountOwner *owner = account != NULL ? g_hash_table_lookup (accounts, account) : NULL;

          if (owner != NULL && owner->coordinator && coordinator)
            {
              IdPair pair = { id, owner->merged };
              g_array_append_val (maps[i].staff_unified, pair);
            }
          else if (owner != NULL)
            g_array_append_val (maps[i].staff_no_account, id);
          else if (account != NULL)
            {
              owner = g_new0 (AccountOwner, 1);
              owner->merged = id + maps[i].offset;
              owner->coordinator = coordinator;
              g_hash_table_insert (accounts, g_strdup (account), owner);
            }
        }
      sqlite3_finalize (stmt);
      if (rc != SQLITE_DONE)
        {
          set_source_error (error, db, rc, &sources[i], NULL);
          return FALSE;
        }
    }
  return TRUE;
}

/* Sites, staff, then every other table of the schema but those that are
 * not rows of the records: what each column holds, read once. */
static GPtrArray *
tables_to_copy (sqlite3 *db,
                GError **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) tables = g_ptr_array_new_with_free_func ((GDestroyNotify) table_info_free);
  sqlite3_stmt *stmt = prepare (db,
                                "SELECT name FROM sqlite_schema WHERE type = 'table' AND name NOT LIKE 'sqlite_%' "
                                "AND name NOT IN ('sites', 'staff') ORDER BY rowid",
                                error);

  if (stmt == NULL)
    return NULL;
  g_ptr_array_add (names, g_strdup ("sites"));
  g_ptr_array_add (names, g_strdup ("staff"));
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *name = (const char *) sqlite3_column_text (stmt, 0);

      if (!g_strv_contains (not_copied, name))
        g_ptr_array_add (names, g_strdup (name));
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i < names->len; i++)
    {
      TableInfo *table = read_table_info (db, names->pdata[i], error);

      if (table == NULL)
        return NULL;
      g_ptr_array_add (tables, table);
    }
  return g_steal_pointer (&tables);
}

/* The normal schema, then without its triggers (they keep the running
 * totals of records being written: these are copied) and, until the
 * rows are in, without its indexes (built once at the end, faster than
 * kept up row by row). Returns the indexes' SQL to build them again. */
static char **
prepare_schema (sqlite3 *builder,
                GError **error)
{
  g_autoptr (GPtrArray) drops = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) indexes = g_ptr_array_new_with_free_func (g_free);
  sqlite3_stmt *stmt;

  if (!yk_schema_migrate (builder, error) || !exec (builder, "DELETE FROM settings", error))
    return NULL;
  stmt = prepare (builder, "SELECT type, name, sql FROM sqlite_schema WHERE type IN ('trigger', 'index') AND sql IS NOT NULL",
                  error);
  if (stmt == NULL)
    return NULL;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    {
      const char *type = (const char *) sqlite3_column_text (stmt, 0);
      const char *name = (const char *) sqlite3_column_text (stmt, 1);

      g_ptr_array_add (drops, g_strdup_printf ("DROP %s \"%s\"", g_str_equal (type, "trigger") ? "TRIGGER" : "INDEX",
                                               name));
      if (g_str_equal (type, "index"))
        g_ptr_array_add (indexes, g_strdup ((const char *) sqlite3_column_text (stmt, 2)));
    }
  sqlite3_finalize (stmt);
  for (guint i = 0; i < drops->len; i++)
    if (!exec (builder, drops->pdata[i], error))
      return NULL;
  g_ptr_array_add (indexes, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&indexes), FALSE);
}

static gint64
size_limit (const YkDistrictSource *sources,
            guint                   n_sources)
{
  gint64 total = 0;

  for (guint i = 0; i < n_sources; i++)
    {
      GStatBuf st;

      if (g_stat (yk_store_get_path (sources[i].store), &st) == 0)
        total += st.st_size;
    }
  /* The merged rows take about what the files do; room for the indexes
   * and for SQLite's default of 1 GiB at least. */
  return MAX (G_GINT64_CONSTANT (1) << 30, total * 4);
}

/* Copies every page of `source` into `destination` (SQLite's backup
 * API): through the encrypting VFS, each page written is sealed and each
 * page read authenticated. */
static gboolean
copy_pages (sqlite3 *source,
            sqlite3 *destination)
{
  sqlite3_backup *backup = sqlite3_backup_init (destination, "main", source, "main");
  int rc;

  if (backup == NULL)
    {
      g_debug ("district cache: copying pages: %s", sqlite3_errmsg (destination));
      return FALSE;
    }
  rc = sqlite3_backup_step (backup, -1);
  sqlite3_backup_finish (backup);
  if (rc != SQLITE_DONE)
    g_debug ("district cache: copying pages: %s", sqlite3_errstr (rc));
  return rc == SQLITE_DONE;
}

/* What the cache's rows of file i are made of: the file (the caller's
 * key: its snapshot) and how its ids are remapped, which hangs on the
 * other files too (sites by code, coordinators by account). */
static char *
file_key (const char    *source_key,
          const FileMap *map)
{
  g_autoptr (GChecksum) sum = g_checksum_new (G_CHECKSUM_SHA256);
  const GArray *arrays[] = { map->sites, map->site_firsts, map->staff_unified, map->staff_no_account };

  g_checksum_update (sum, (const guchar *) &map->offset, sizeof map->offset);
  for (guint i = 0; i < G_N_ELEMENTS (arrays); i++)
    {
      guint length = arrays[i]->len;

      g_checksum_update (sum, (const guchar *) &length, sizeof length);
      g_checksum_update (sum, (const guchar *) arrays[i]->data, (gssize) (length * g_array_get_element_size ((GArray *) arrays[i])));
    }
  return g_strdup_printf ("%s map %s", source_key, g_checksum_get_string (sum));
}

static char *
cache_header (guint n_sources)
{
  return g_strdup_printf ("yukang district cache 1, schema %d, %u files", YK_SCHEMA_VERSION, n_sources);
}

/* The cache's keys: row 0 its header, row i + 1 file i's key. NULL when
 * it has none, or not that many files. */
static GStrv
cache_read_keys (sqlite3 *db,
                 guint    n_sources)
{
  g_autofree char *header = cache_header (n_sources);
  g_autoptr (GStrvBuilder) keys = g_strv_builder_new ();
  g_auto (GStrv) result = NULL;
  sqlite3_stmt *stmt = NULL;
  guint expected = 0;
  int rc;

  if (sqlite3_prepare_v2 (db, "SELECT file, key FROM yk_district_cache ORDER BY file", -1, &stmt, NULL) != SQLITE_OK)
    return NULL;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW && sqlite3_column_int64 (stmt, 0) == expected)
    {
      g_strv_builder_add (keys, (const char *) sqlite3_column_text (stmt, 1));
      expected++;
    }
  sqlite3_finalize (stmt);
  result = g_strv_builder_end (keys);
  if (rc != SQLITE_DONE || expected != n_sources + 1 || !g_str_equal (result[0], header))
    return NULL;
  return g_steal_pointer (&result);
}

/* Pages [first, end) of the cache, read, opened and written into the
 * merged rows by one thread. */
typedef struct
{
  int fd;
  YkPageCipher *cipher;
  sqlite3_file *target;
  guint64 first;
  guint64 end;
  gboolean ok;
} PageRange;

static gboolean
read_fully (int      fd,
            guint8  *buffer,
            gsize    length,
            goffset  offset)
{
  while (length > 0)
    {
      ssize_t got = pread (fd, buffer, length, offset);

      if (got < 0 && errno == EINTR)
        continue;
      if (got <= 0)
        return FALSE;
      buffer += got;
      length -= (gsize) got;
      offset += got;
    }
  return TRUE;
}

#define PAGES_A_READ 64

static gpointer
load_pages (gpointer data)
{
  PageRange *range = data;
  guint8 *buffer = g_malloc (PAGES_A_READ * YK_PAGE_SIZE);

  for (guint64 page = range->first; range->ok && page < range->end; page += PAGES_A_READ)
    {
      guint64 count = MIN (PAGES_A_READ, range->end - page);

      range->ok = read_fully (range->fd, buffer, count * YK_PAGE_SIZE,
                              YK_HEADER_AREA_SIZE + (goffset) (page - 1) * YK_PAGE_SIZE);
      for (guint64 k = 0; range->ok && k < count; k++)
        range->ok = yk_page_cipher_open (range->cipher, buffer + k * YK_PAGE_SIZE, buffer + k * YK_PAGE_SIZE,
                                         page + k, YK_FILE_KIND_DATABASE);
      /* The memdb VFS locks its store around each write. */
      range->ok = range->ok && range->target->pMethods->xWrite (range->target, buffer, (int) (count * YK_PAGE_SIZE),
                                                                (sqlite3_int64) (page - 1) * YK_PAGE_SIZE) == SQLITE_OK;
    }
  explicit_bzero (buffer, PAGES_A_READ * YK_PAGE_SIZE);
  g_free (buffer);
  return NULL;
}

/* Every page of the cache opened (authenticated, then decrypted) and
 * written as it is into the empty in-memory database `builder` has
 * open, by as many threads as there are processors (up to four): the
 * same as SQLite's backup through the encrypting VFS, without its
 * page-by-page cost. Page 1's count of pages must be the file's: a cut
 * cache fails. */
static gboolean
load_cache_pages (YkStore *store,
                  sqlite3 *builder)
{
  g_autofree guint8 *first = g_malloc (YK_PAGE_SIZE);
  g_autofree guint8 *zero = g_malloc0 (YK_PAGE_SIZE);
  sqlite3_file *target = NULL;
  PageRange ranges[4];
  GThread *threads[4] = { NULL };
  guint n_threads = CLAMP (g_get_num_processors (), 1, G_N_ELEMENTS (ranges));
  guint64 pages;
  struct stat st;
  gboolean ok;
  int fd = open (store->path, O_RDONLY | O_CLOEXEC);

  if (fd < 0)
    return FALSE;
  ok = fstat (fd, &st) == 0 && st.st_size > YK_HEADER_AREA_SIZE &&
       (st.st_size - YK_HEADER_AREA_SIZE) % YK_PAGE_SIZE == 0 &&
       sqlite3_file_control (builder, "main", SQLITE_FCNTL_FILE_POINTER, &target) == SQLITE_OK && target != NULL &&
       target->pMethods != NULL;
  pages = ok ? (guint64) (st.st_size - YK_HEADER_AREA_SIZE) / YK_PAGE_SIZE : 0;
  ok = ok && read_fully (fd, first, YK_PAGE_SIZE, YK_HEADER_AREA_SIZE) &&
       yk_page_cipher_open (store->cipher, first, first, 1, YK_FILE_KIND_DATABASE) &&
       ((guint64) first[28] << 24 | (guint64) first[29] << 16 | (guint64) first[30] << 8 | first[31]) == pages;
  /* The last page first: the memory is taken once, not grown page by page. */
  ok = ok && target->pMethods->xWrite (target, zero, YK_PAGE_SIZE, (sqlite3_int64) (pages - 1) * YK_PAGE_SIZE) ==
               SQLITE_OK &&
       target->pMethods->xWrite (target, first, YK_PAGE_SIZE, 0) == SQLITE_OK;
  explicit_bzero (first, YK_PAGE_SIZE);
  for (guint t = 0; ok && t < n_threads; t++)
    {
      guint64 share = (pages - 1 + n_threads - 1) / n_threads;

      ranges[t] = (PageRange) { .fd = fd, .cipher = store->cipher, .target = target,
                                .first = MIN (2 + t * share, pages + 1), .end = MIN (2 + (t + 1) * share, pages + 1),
                                .ok = TRUE };
      threads[t] = t + 1 < n_threads ? g_thread_new ("yk-district-cache", load_pages, &ranges[t]) : NULL;
      if (threads[t] == NULL)
        load_pages (&ranges[t]);
    }
  for (guint t = 0; ok && t < n_threads; t++)
    {
      if (threads[t] != NULL)
        g_thread_join (threads[t]);
    }
  for (guint t = 0; ok && t < n_threads; t++)
    ok = ranges[t].ok;
  close (fd);
  return ok;
}

/* The cache's rows into a new connection to the in-memory database
 * `uri`, which `builder` made and has left empty, and its keys (see
 * cache_read_keys()). Opening it checks its header's MAC; loading it
 * authenticates every page: a damaged or foreign cache fails here,
 * before anything reads it. */
static GStrv
cache_load (const YkDistrictCache *cache,
            guint                  n_sources,
            sqlite3               *builder,
            const char            *uri,
            sqlite3              **loaded)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (YkStore) store = NULL;
  g_auto (GStrv) keys = NULL;
  sqlite3 *fresh;

  /* A cache still being written by an earlier opening: the newest rows. */
  _yk_store_district_cache_wait ();
  if (!g_file_test (cache->path, G_FILE_TEST_IS_REGULAR))
    return NULL;
  store = yk_store_open_with_identity (cache->path, cache->identity, &local_error);
  if (store == NULL)
    {
      g_debug ("district cache: %s", local_error->message);
      return NULL;
    }
  keys = cache_read_keys (store->db, n_sources);
  if (keys == NULL)
    {
      g_debug ("district cache: made of another number of files, or by another version");
      return NULL;
    }
  if (!load_cache_pages (store, builder))
    {
      g_debug ("district cache: a page fails its check, or the file is cut");
      return NULL;
    }
  /* A connection that never saw the database empty reads it afresh. */
  fresh = _yk_district_open_connection (uri, TRUE, NULL);
  if (fresh == NULL || !exec (fresh, "DROP TABLE yk_district_cache", NULL))
    {
      if (fresh != NULL)
        sqlite3_close_v2 (fresh);
      return NULL;
    }
  *loaded = fresh;
  return g_steal_pointer (&keys);
}

/* A cache being written, behind the opening that made its rows. */
typedef struct
{
  sqlite3 *source;   /* a connection of its own to the merged rows: they live until it closes */
  char *path;
  YkIdentity *identity;
  GStrv slot_paths;  /* the sources' paths: where the identity's slot is copied from */
  GStrv keys;
} CacheSave;

static GMutex saves_lock;
static GPtrArray *saves; /* GThread *, started and not yet joined */

static void
cache_save_free (CacheSave *save)
{
  if (save->source != NULL)
    sqlite3_close_v2 (save->source);
  g_free (save->path);
  yk_identity_free (save->identity);
  g_strfreev (save->slot_paths);
  g_strfreev (save->keys);
  g_free (save);
}

/* Temporary files of this cache that a process ended while writing. */
static void
remove_stale_temporaries (const char *path)
{
  g_autofree char *directory = g_path_get_dirname (path);
  g_autofree char *base = g_path_get_basename (path);
  g_autofree char *prefix = g_strconcat (base, ".", NULL);
  g_autoptr (GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    if (g_str_has_prefix (name, prefix) && (g_str_has_suffix (name, ".yk-tmp") || g_str_has_suffix (name, ".yk-tmp-journal")))
      {
        g_autofree char *stale = g_build_filename (directory, name, NULL);
        g_unlink (stale);
      }
}

/* The merged rows, with their keys, to a new file beside the cache, then
 * renamed over it: the cache is the old one or the whole new one. Its
 * key slot is copied from a source where the identity has one. */
static gboolean
cache_save (const CacheSave *save)
{
  g_autofree char *directory = g_path_get_dirname (save->path);
  g_autofree char *random = g_uuid_string_random ();
  g_autofree char *temporary = g_strdup_printf ("%s.%.8s.yk-tmp", save->path, random);
  g_autofree char *journal = g_strconcat (temporary, "-journal", NULL);
  g_autoptr (GError) local_error = NULL;
  YkStore *store = NULL;
  sqlite3_stmt *stmt = NULL;
  gboolean ok;

  if (g_mkdir_with_parents (directory, 0700) != 0)
    return FALSE;
  remove_stale_temporaries (save->path);
  for (guint i = 0; store == NULL && save->slot_paths[i] != NULL; i++)
    {
      char *recovery = NULL;

      store = yk_store_create_with_identity (temporary, save->slot_paths[i], save->identity, &recovery, &local_error);
      if (store == NULL)
        g_debug ("district cache: %s", local_error->message);
      g_clear_error (&local_error);
      /* Nobody needs the cache's recovery key: the cache is made again from the files. */
      if (recovery != NULL)
        explicit_bzero (recovery, strlen (recovery));
      g_free (recovery);
    }
  if (store == NULL)
    return FALSE;
  /* Written under a temporary name and renamed: a cache cut by a crash
   * fails its pages or its keys, and is made again. */
  ok = exec (store->db, "PRAGMA synchronous=OFF;", &local_error) && copy_pages (save->source, store->db) &&
       exec (store->db, "BEGIN; CREATE TABLE yk_district_cache (file INTEGER PRIMARY KEY, key TEXT NOT NULL)",
             &local_error) &&
       sqlite3_prepare_v2 (store->db, "INSERT INTO yk_district_cache (file, key) VALUES (?1, ?2)", -1, &stmt, NULL) ==
         SQLITE_OK;
  for (guint i = 0; ok && save->keys[i] != NULL; i++)
    {
      sqlite3_bind_int64 (stmt, 1, i);
      sqlite3_bind_text (stmt, 2, save->keys[i], -1, SQLITE_STATIC);
      ok = sqlite3_step (stmt) == SQLITE_DONE;
      sqlite3_reset (stmt);
    }
  sqlite3_finalize (stmt);
  ok = ok && exec (store->db, "COMMIT", &local_error);
  if (!ok)
    g_debug ("district cache: %s", local_error != NULL ? local_error->message : sqlite3_errmsg (store->db));
  yk_store_close (store);
  ok = ok && g_rename (temporary, save->path) == 0;
  if (!ok)
    g_unlink (temporary);
  g_unlink (journal);
  return ok;
}

static gpointer
cache_save_thread (gpointer data)
{
  CacheSave *save = data;
  gint64 start;
  gboolean ok;

#ifdef __linux__
  /* Behind the opening: the figures being shown come first. (On Linux a
   * thread has a niceness of its own.) */
  setpriority (PRIO_PROCESS, (id_t) syscall (SYS_gettid), 19);
#endif
  start = g_get_monotonic_time ();
  ok = cache_save (save);

  g_debug ("district cache: %s in %.0f ms", ok ? "written" : "not written", (g_get_monotonic_time () - start) / 1000.0);
  cache_save_free (save);
  return NULL;
}

/* Starts writing the cache in a thread of its own: the district opens
 * without waiting for it. FALSE when it cannot start. */
static gboolean
cache_save_start (const YkDistrictCache  *cache,
                  const YkDistrictSource *sources,
                  guint                   n_sources,
                  char *const            *keys,
                  const char             *uri)
{
  CacheSave *save = g_new0 (CacheSave, 1);
  GThread *thread;

  save->source = _yk_district_open_connection (uri, FALSE, NULL);
  if (save->source == NULL)
    {
      cache_save_free (save);
      return FALSE;
    }
  save->path = g_strdup (cache->path);
  save->identity = yk_identity_copy (cache->identity);
  save->slot_paths = g_new0 (char *, n_sources + 1);
  for (guint i = 0; i < n_sources; i++)
    save->slot_paths[i] = g_strdup (yk_store_get_path (sources[i].store));
  save->keys = g_strdupv ((char **) keys);
  thread = g_thread_new ("yk-district-cache-save", cache_save_thread, save);
  g_mutex_lock (&saves_lock);
  if (saves == NULL)
    saves = g_ptr_array_new ();
  g_ptr_array_add (saves, thread);
  g_mutex_unlock (&saves_lock);
  return TRUE;
}

void
_yk_store_district_cache_wait (void)
{
  g_autoptr (GPtrArray) pending = NULL;

  g_mutex_lock (&saves_lock);
  pending = g_steal_pointer (&saves);
  g_mutex_unlock (&saves_lock);
  for (guint i = 0; pending != NULL && i < pending->len; i++)
    g_thread_join (pending->pdata[i]);
}

static sqlite3 *
open_builder (char  **uri,
              gint64  limit,
              GError **error)
{
  g_autofree char *uuid = g_uuid_string_random ();
  sqlite3 *builder;
  int reserve = YK_PAGE_RESERVE;

  g_free (*uri);
  *uri = g_strdup_printf (MERGED_URI_FORMAT, uuid);
  builder = _yk_district_open_connection (*uri, TRUE, error);
  if (builder == NULL)
    return NULL;
  sqlite3_file_control (builder, "main", SQLITE_FCNTL_SIZE_LIMIT, &limit);
  /* The pages of an encrypted file, so that the cache's pages copy as
   * they are, both ways. */
  sqlite3_file_control (builder, "main", SQLITE_FCNTL_RESERVE_BYTES, &reserve);
  return builder;
}

static void
close_builder (sqlite3 *builder)
{
  if (builder == NULL)
    return;
  sqlite3_db_release_memory (builder);
  sqlite3_close_v2 (builder);
}

/* The files' rows, merged into the empty builder. */
static gboolean
merge_files (sqlite3                *builder,
             const YkDistrictSource *sources,
             guint                   n_sources,
             FileMap                *maps,
             GError                **error)
{
  g_auto (GStrv) indexes = NULL;
  g_autoptr (GPtrArray) tables = NULL;
  gboolean ok;
  gint64 start, copied;

  indexes = prepare_schema (builder, error);
  tables = indexes != NULL ? tables_to_copy (builder, error) : NULL;
  ok = tables != NULL;
  start = g_get_monotonic_time ();
  for (guint i = 0; ok && i < n_sources; i++)
    ok = copy_file (builder, sources, i, &maps[i], tables, error);
  copied = g_get_monotonic_time ();
  if (ok)
    {
      ok = exec (builder, "BEGIN", error);
      for (guint i = 0; ok && indexes[i] != NULL; i++)
        ok = exec (builder, indexes[i], error);
      ok = ok && exec (builder, "COMMIT", error);
      g_debug ("district view: %u files copied in %.0f ms, indexes built in %.0f ms", n_sources,
               (copied - start) / 1000.0, (g_get_monotonic_time () - copied) / 1000.0);
    }
  return ok;
}

/* The merged ids of file i's sites, as SQL: "1, 4". */
static char *
merged_site_ids (const FileMap *map)
{
  g_autoptr (GString) ids = g_string_new (NULL);

  for (guint i = 0; i < map->sites->len; i++)
    g_string_append_printf (ids, "%s%" G_GINT64_FORMAT, i ? ", " : "", g_array_index (map->sites, IdPair, i).to);
  return g_string_free (g_steal_pointer (&ids), FALSE);
}

/* Removes file i's rows from merged rows read from the cache, whose
 * remap is the same as now: its sites (each site is one file's), every
 * row in its id range, its running totals, and with the first file the
 * settings. FALSE for a table it does not know how to take a file's rows
 * out of: the caller merges everything afresh. */
static gboolean
remove_file (sqlite3       *builder,
             const FileMap *map,
             GPtrArray     *tables)
{
  g_autofree char *sites = merged_site_ids (map);
  gint64 first = map->offset, last = map->offset + YK_DISTRICT_ID_STRIDE - 1;
  gboolean ok = TRUE;

  if (map->sites->len != map->site_firsts->len)
    return FALSE; /* a site shared with another file */
  if (map->file == 0)
    ok = exec (builder, "DELETE FROM main.settings", NULL);
  for (guint t = 0; ok && t < tables->len; t++)
    {
      TableInfo *table = tables->pdata[t];
      g_autofree char *sql = NULL;
      const char *rowid = NULL, *owner = NULL;

      /* Its own id; else the id of the row it belongs to (a chunk's
       * attachment), moved by the same offset. */
      for (guint c = 0; c < table->columns->len; c++)
        {
          ColumnInfo *column = table->columns->pdata[c];

          if (column->is_rowid)
            rowid = column->name;
          else if (owner == NULL && column->refers_to != NULL && !g_str_equal (column->refers_to, "sites") &&
                   !g_str_equal (column->refers_to, "staff"))
            owner = column->name;
        }
      if (rowid == NULL)
        rowid = owner;
      if (g_str_equal (table->name, "sites"))
        sql = g_strdup_printf ("DELETE FROM main.sites WHERE id IN (%s)", sites);
      else if (g_str_equal (table->name, "figures_by_day"))
        sql = g_strdup_printf ("DELETE FROM main.figures_by_day WHERE site_id IN (%s)", sites);
      else if (g_str_equal (table->name, "served_months"))
        sql = g_strdup_printf ("DELETE FROM main.served_months WHERE person_id BETWEEN %" G_GINT64_FORMAT
                               " AND %" G_GINT64_FORMAT, first, last);
      else if (rowid != NULL)
        sql = g_strdup_printf ("DELETE FROM main.\"%s\" WHERE \"%s\" BETWEEN %" G_GINT64_FORMAT " AND %" G_GINT64_FORMAT,
                               table->name, rowid, first, last);
      else
        {
          g_debug ("district cache: no way to take a file's rows out of %s", table->name);
          return FALSE;
        }
      ok = exec (builder, sql, NULL);
    }
  return ok;
}

/* Merged rows read from the cache, brought up to date: the rows of every
 * file whose key changed taken out and copied again. FALSE with no error:
 * the cache cannot be brought up to date (merge afresh); with an error:
 * a file cannot be merged at all. */
static gboolean
update_files (sqlite3                *builder,
              const YkDistrictSource *sources,
              guint                   n_sources,
              FileMap                *maps,
              const gboolean         *changed,
              GError                **error)
{
  g_autoptr (GPtrArray) tables = tables_to_copy (builder, NULL);

  if (tables == NULL)
    return FALSE;
  for (guint i = 0; i < n_sources; i++)
    {
      gint64 start = g_get_monotonic_time ();

      if (!changed[i])
        continue;
      if (!exec (builder, "BEGIN", NULL))
        return FALSE;
      if (!remove_file (builder, &maps[i], tables))
        {
          sqlite3_exec (builder, "ROLLBACK", NULL, NULL, NULL);
          return FALSE;
        }
      /* copy_file() reads the file in a transaction of its own: commit
       * the removal first (nothing else reads these rows yet). */
      if (!exec (builder, "COMMIT", NULL) || !copy_file (builder, sources, i, &maps[i], tables, error))
        return FALSE;
      g_debug ("district cache: %s merged again in %.0f ms", sources[i].name,
               (g_get_monotonic_time () - start) / 1000.0);
    }
  return TRUE;
}

YkStore *
yk_store_new_district_cached (const YkDistrictSource *sources,
                              guint                   n_sources,
                              const char             *account,
                              const YkDistrictCache  *cache,
                              YkDistrictCacheOutcome *outcome,
                              GError                **error)
{
  g_autofree char *uri = NULL;
  g_autofree FileMap *maps = g_new0 (FileMap, n_sources);
  g_autofree gboolean *changed = g_new0 (gboolean, n_sources);
  g_auto (GStrv) keys = NULL;
  g_auto (GStrv) cached = NULL;
  sqlite3 *builder = NULL, *reader = NULL;
  gint64 limit = size_limit (sources, n_sources);
  YkDistrictCacheOutcome result = YK_DISTRICT_CACHE_NONE;
  guint n_changed = 0;
  YkStore *store = NULL;
  gboolean ok, loaded = FALSE;

  g_return_val_if_fail (n_sources > 0, NULL);
  g_return_val_if_fail (cache == NULL || (cache->path != NULL && cache->identity != NULL && cache->file_keys != NULL),
                        NULL);

  for (guint i = 0; i < n_sources; i++)
    {
      maps[i].file = i;
      maps[i].offset = (gint64) i * YK_DISTRICT_ID_STRIDE;
      maps[i].sites = g_array_new (FALSE, FALSE, sizeof (IdPair));
      maps[i].site_firsts = g_array_new (FALSE, FALSE, sizeof (gint64));
      maps[i].staff_unified = g_array_new (FALSE, FALSE, sizeof (IdPair));
      maps[i].staff_no_account = g_array_new (FALSE, FALSE, sizeof (gint64));
    }
  ok = map_sites (sources, n_sources, maps, error) && map_staff (sources, n_sources, maps, error);
  if (ok && cache != NULL)
    {
      keys = g_new0 (char *, n_sources + 2);
      keys[0] = cache_header (n_sources);
      for (guint i = 0; i < n_sources; i++)
        keys[i + 1] = file_key (cache->file_keys[i], &maps[i]);
    }
  if (ok)
    builder = open_builder (&uri, limit, error);
  ok = ok && builder != NULL;
  if (ok && cache != NULL)
    {
      gint64 start = g_get_monotonic_time ();

      sqlite3 *loaded_builder = NULL;

      cached = cache_load (cache, n_sources, builder, uri, &loaded_builder);
      if (cached != NULL)
        {
          /* The builder that loaded it goes; the new one keeps the rows. */
          sqlite3_close_v2 (builder);
          builder = loaded_builder;
          sqlite3_file_control (builder, "main", SQLITE_FCNTL_SIZE_LIMIT, &limit);
        }
      for (guint i = 0; cached != NULL && i < n_sources; i++)
        {
          changed[i] = !g_str_equal (cached[i + 1], keys[i + 1]);
          n_changed += changed[i];
        }
      g_debug ("district cache: %s in %.0f ms, %u of %u files changed", cached != NULL ? "read" : "not used",
               (g_get_monotonic_time () - start) / 1000.0, n_changed, n_sources);
      /* Brought up to date when some files changed, not when most did. */
      if (cached != NULL && n_changed <= n_sources / 2)
        {
          loaded = update_files (builder, sources, n_sources, maps, changed, error);
          if (!loaded && error != NULL && *error != NULL)
            ok = FALSE;
        }
      if (!loaded && ok)
        {
          /* Whatever it copied goes with the builder. */
          close_builder (builder);
          builder = open_builder (&uri, limit, error);
          ok = builder != NULL;
        }
    }
  if (ok && !loaded)
    ok = merge_files (builder, sources, n_sources, maps, error);
  for (guint i = 0; i < n_sources; i++)
    file_map_clear (&maps[i]);
  ok = ok && exec (builder, "PRAGMA query_only=ON;", error);
  if (ok)
    reader = _yk_district_open_connection (uri, FALSE, error);
  /* Written behind the opening, from the finished rows. */
  if (reader != NULL && cache != NULL && (!loaded || n_changed > 0))
    result = !cache_save_start (cache, sources, n_sources, keys, uri) ? YK_DISTRICT_CACHE_FAILED
             : loaded                                                 ? YK_DISTRICT_CACHE_UPDATED
                                                                      : YK_DISTRICT_CACHE_WRITTEN;
  else if (reader != NULL && loaded)
    result = YK_DISTRICT_CACHE_HIT;
  if (reader == NULL)
    {
      close_builder (builder);
      return NULL;
    }

  if (outcome != NULL)
    *outcome = result;
  store = g_new0 (YkStore, 1);
  store->path = g_strdup (uri);
  store->account = g_strdup (account);
  /* Never used to encrypt anything: the session derives its audit key
   * from it, and a read-only session writes no audit entry. */
  store->database_key = yk_keys_new_database_key ();
  store->db = reader;
  store->merged_uri = g_steal_pointer (&uri);
  store->merged_keeper = builder;
  return store;
}

YkStore *
yk_store_new_district (const YkDistrictSource *sources,
                       guint                   n_sources,
                       const char             *account,
                       GError                **error)
{
  return yk_store_new_district_cached (sources, n_sources, account, NULL, NULL, error);
}

gboolean
yk_store_is_read_only (YkStore *store)
{
  return store->merged_uri != NULL;
}
