/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-db-duplicates.h"
#include "yk-db-error.h"
#include "yk-db-district.h"

#include <glib/gi18n.h>

void
yk_db_duplicate_free (YkDbDuplicate *duplicate)
{
  if (duplicate == NULL)
    return;
  g_free (duplicate->case_no);
  g_free (duplicate->name);
  g_free (duplicate->site_name);
  g_free (duplicate->status);
  g_free (duplicate);
}

char *
yk_db_id_number_normalise (const char *id_number)
{
  g_autofree char *trimmed = NULL;

  if (id_number == NULL)
    return NULL;
  trimmed = g_strstrip (g_strdup (id_number));
  if (*trimmed == '\0')
    return NULL;
  for (char *p = trimmed; *p; p++)
    if (*p == 'x')
      *p = 'X';
  return g_steal_pointer (&trimmed);
}

GPtrArray *
yk_db_client_find_duplicates (sqlite3    *db,
                              const char *id_number,
                              const char *name,
                              const char *birth_date,
                              gint64      exclude_id,
                              gint64      site_scope,
                              GError    **error)
{
  /* ?1 the normalised ID number, ?2 the trimmed name, ?3 the birth date. */
  static const char sql[] =
    "SELECT c.id, c.case_no, c.name, c.site_id, s.name, c.status, "
    "       ?1 IS NOT NULL AND upper(trim(c.id_number)) = ?1 "
    "FROM clients c JOIN sites s ON s.id = c.site_id "
    "WHERE c.voided_at IS NULL AND c.id <> ?4 AND "
    "      ((?1 IS NOT NULL AND upper(trim(c.id_number)) = ?1) OR "
    "       (?2 IS NOT NULL AND ?3 IS NOT NULL AND trim(c.name) = ?2 AND c.birth_date = ?3)) "
    "ORDER BY c.case_no";
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_db_duplicate_free);
  g_autofree char *number = yk_db_id_number_normalise (id_number);
  g_autofree char *trimmed = name != NULL ? g_strstrip (g_strdup (name)) : NULL;
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (trimmed != NULL && *trimmed == '\0')
    g_clear_pointer (&trimmed, g_free);
  if (birth_date != NULL && *birth_date == '\0')
    birth_date = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  if (number != NULL)
    sqlite3_bind_text (stmt, 1, number, -1, SQLITE_STATIC);
  if (trimmed != NULL)
    sqlite3_bind_text (stmt, 2, trimmed, -1, SQLITE_STATIC);
  if (birth_date != NULL)
    sqlite3_bind_text (stmt, 3, birth_date, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 4, exclude_id);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      YkDbDuplicate *row = g_new0 (YkDbDuplicate, 1);

      row->id = sqlite3_column_int64 (stmt, 0);
      row->case_no = g_strdup ((const char *) sqlite3_column_text (stmt, 1));
      row->name = g_strdup ((const char *) sqlite3_column_text (stmt, 2));
      row->site_id = sqlite3_column_int64 (stmt, 3);
      row->site_name = g_strdup ((const char *) sqlite3_column_text (stmt, 4));
      row->status = g_strdup ((const char *) sqlite3_column_text (stmt, 5));
      row->same_id_number = sqlite3_column_int (stmt, 6) != 0;
      row->visible = site_scope == 0 || row->site_id == site_scope;
      g_ptr_array_add (rows, row);
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return g_steal_pointer (&rows);
  stmt = NULL;
fail:
  sqlite3_finalize (stmt);
  yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Looking for the same person"));
  return NULL;
}

void
yk_db_same_person_free (YkDbSamePerson *pair)
{
  if (pair == NULL)
    return;
  g_free (pair->first_case_no);
  g_free (pair->other_case_no);
  g_free (pair);
}

typedef struct
{
  guint file;
  char *case_no;
  char *from_case_no; /* a transfer's link (schema version 8), NULL: none */
  char *to_case_no;
} Seen;

static void
seen_free (Seen *seen)
{
  g_free (seen->case_no);
  g_free (seen->from_case_no);
  g_free (seen->to_case_no);
  g_free (seen);
}

/* Two case files of one person linked by a transfer (迁移), directly or
 * through a case between them: the person moved, no one made a second
 * case file by mistake. */
static gboolean
linked (const Seen *seen, const char *case_no, const char *from_case_no, const char *to_case_no)
{
  return g_strcmp0 (seen->to_case_no, case_no) == 0 || g_strcmp0 (seen->from_case_no, case_no) == 0 ||
         g_strcmp0 (to_case_no, seen->case_no) == 0 || g_strcmp0 (from_case_no, seen->case_no) == 0 ||
         (seen->to_case_no != NULL && g_strcmp0 (seen->to_case_no, from_case_no) == 0);
}

/* One key of a person ("id:…" or "born:…|…"): the first case with it, or
 * a pair when a later file has it too (one pair per file and person). */
static void
see (GHashTable *first, GHashTable *paired, GPtrArray *pairs, char *key, guint file, const char *case_no,
     const char *from_case_no, const char *to_case_no, gboolean by_id)
{
  Seen *seen = g_hash_table_lookup (first, key);

  if (seen == NULL)
    {
      seen = g_new0 (Seen, 1);
      seen->file = file;
      seen->case_no = g_strdup (case_no);
      seen->from_case_no = g_strdup (from_case_no);
      seen->to_case_no = g_strdup (to_case_no);
      g_hash_table_insert (first, key, seen);
      return;
    }
  if (seen->file != file && !linked (seen, case_no, from_case_no, to_case_no))
    {
      g_autofree char *pair_key = g_strdup_printf ("%s\n%s", seen->case_no, case_no);

      if (!g_hash_table_contains (paired, pair_key))
        {
          YkDbSamePerson *pair = g_new0 (YkDbSamePerson, 1);

          pair->first_file = seen->file;
          pair->first_case_no = g_strdup (seen->case_no);
          pair->other_file = file;
          pair->other_case_no = g_strdup (case_no);
          pair->same_id_number = by_id;
          g_ptr_array_add (pairs, pair);
          g_hash_table_add (paired, g_steal_pointer (&pair_key));
        }
    }
  g_free (key);
}

GPtrArray *
yk_db_district_same_people (sqlite3 *db,
                            GError **error)
{
  /* One pass over the live case files, in file order; the keys in C (an
   * OR of two expressions would make SQLite compare every pair). */
  static const char sql[] =
    "SELECT id / ?1, case_no, trim(name), birth_date, upper(trim(id_number)), transferred_from_case_no, "
    "transferred_to_case_no FROM clients "
    "WHERE voided_at IS NULL ORDER BY id";
  g_autoptr (GPtrArray) pairs = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_db_same_person_free);
  g_autoptr (GHashTable) first = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) seen_free);
  g_autoptr (GHashTable) paired = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  sqlite3_stmt *stmt = NULL;
  int rc;

  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    goto fail;
  sqlite3_bind_int64 (stmt, 1, YK_DISTRICT_ID_STRIDE);
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    {
      guint file = (guint) sqlite3_column_int64 (stmt, 0);
      const char *case_no = (const char *) sqlite3_column_text (stmt, 1);
      const char *name = (const char *) sqlite3_column_text (stmt, 2);
      const char *birth = (const char *) sqlite3_column_text (stmt, 3);
      const char *number = (const char *) sqlite3_column_text (stmt, 4);
      const char *from = (const char *) sqlite3_column_text (stmt, 5);
      const char *to = (const char *) sqlite3_column_text (stmt, 6);

      if (number != NULL && *number != '\0')
        see (first, paired, pairs, g_strconcat ("id:", number, NULL), file, case_no, from, to, TRUE);
      if (name != NULL && *name != '\0' && birth != NULL && *birth != '\0')
        see (first, paired, pairs, g_strconcat ("born:", name, "|", birth, NULL), file, case_no, from, to, FALSE);
    }
  sqlite3_finalize (stmt);
  if (rc == SQLITE_DONE)
    return g_steal_pointer (&pairs);
  stmt = NULL;
fail:
  sqlite3_finalize (stmt);
  yk_db_set_sqlite_error (error, db, sqlite3_extended_errcode (db), _("Looking for one person in two files"));
  return NULL;
}
