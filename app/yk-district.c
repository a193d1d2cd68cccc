/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

/* The district view (docs/design/district.md): which files, with what
 * key, refused when, and the session over their merged rows (made by
 * db/yk-district.c). */

#include "yk-district-private.h"
#include "yk-app-error.h"
#include "yk-audit.h"
#include "yk-crypto-error.h"
#include "yk-db-records.h"
#include "yk-db-staff.h"
#include "yk-mac.h"
#include "yk-secret.h"
#include "yk-session-private.h"

#include <errno.h>
#include <glib/gi18n.h>
#include "yk-db-duplicates.h"

#include <glib/gstdio.h>
#include <string.h>

#define STATE_MAGIC "yukang district-seen 1\n"
#define STATE_MAC_PREFIX "mac "

struct _YkDistrict
{
  GPtrArray *files;  /* YkDistrictFile * */
  GPtrArray *stores; /* YkStore *, one per file, NULL where not opened */
  YkSession *session;
  YkIdentity *identity; /* kept to read the folder again without a password */
  GStrv warnings;        /* settings that change figures: also in every report's notes */
  GStrv people_warnings; /* one person in two files: the window's only (case numbers stay out of reports) */
  char *state_problem;
  gint64 unlock_usec;
  gint64 merge_usec;
  YkDistrictCacheOutcome cache_outcome;
};

/* One file on its way in. */
typedef struct
{
  YkDistrictFile *file;
  YkStore *store;
  YkSnapshotInfo info;
  char **codes;
  char *settings[4];
  YkStaffRow *staff; /* the account's row in this file, if any */
  char id_hex[2 * YK_DATABASE_ID_SIZE + 1];
} Opening;

/* The settings that change figures (docs/design/indicators.md,
 * docs/design/followup.md): a district whose files differ in them is
 * shown with a warning. */
static const struct
{
  const char *key;
  const char *label;
} figure_settings[4] = {
  { "improvement_threshold", N_("the improvement threshold") },
  { "followup_stable", N_("the follow-up interval for a stable condition") },
  { "followup_basically_stable", N_("the follow-up interval for a basically stable condition") },
  { "followup_unstable", N_("the follow-up interval for an unstable condition") },
};

static YkDistrictSnapshotFunc snapshot_func;

static void
district_file_free (YkDistrictFile *file)
{
  g_free (file->path);
  g_free (file->site_codes);
  g_free (file->problem);
  g_free (file->name);
  g_free (file->audit_head);
  g_free (file);
}

static void
opening_free (Opening *o)
{
  if (o->file != NULL)
    district_file_free (o->file);
  yk_store_close (o->store);
  g_strfreev (o->codes);
  for (guint i = 0; i < G_N_ELEMENTS (o->settings); i++)
    g_free (o->settings[i]);
  yk_staff_row_free (o->staff);
  g_free (o);
}

/* "2026-11-30 17:04", local time. */
static char *
format_time (gint64 unix_time)
{
  g_autoptr (GDateTime) time = g_date_time_new_from_unix_local (unix_time);

  return time != NULL ? g_date_time_format (time, "%Y-%m-%d %H:%M") : g_strdup ("?");
}

static void
hex_id (const guint8 *id,
        char          out[2 * YK_DATABASE_ID_SIZE + 1])
{
  for (guint i = 0; i < YK_DATABASE_ID_SIZE; i++)
    g_snprintf (out + 2 * i, 3, "%02x", id[i]);
}

/* One record per coordinator's key pair: two coordinators who share a
 * computer account (or a test run beside another) each keep their own,
 * which the other's key could not check. */
static char *
per_identity_name (const char       *prefix,
                   const YkIdentity *identity,
                   const char       *suffix)
{
  const guint8 *public_key = yk_identity_get_public_key (identity);

  return g_strdup_printf ("%s%02x%02x%02x%02x%02x%02x%02x%02x%s", prefix, public_key[0], public_key[1],
                          public_key[2], public_key[3], public_key[4], public_key[5], public_key[6], public_key[7],
                          suffix);
}

char *
_yk_district_state_path (const YkIdentity *identity)
{
  g_autofree char *name = per_identity_name ("district-seen-", identity, "");

  return g_build_filename (g_get_user_state_dir (), "yukang", name, NULL);
}

/* The same per key pair: the cache is keyed for that key pair only. */
char *
_yk_district_cache_path (const YkIdentity *identity)
{
  g_autofree char *name = per_identity_name ("district-cache-", identity, ".ykdb");

  return g_build_filename (g_get_user_cache_dir (), "yukang", name, NULL);
}

static gboolean
parse_state_line (const char *line,
                  GHashTable *seen)
{
  g_auto (GStrv) fields = g_strsplit (line, " ", -1);
  YkDistrictSeen *entry;
  guint64 generation;
  gint64 taken_at;
  char *end = NULL;

  if (g_strv_length (fields) != 3 || strlen (fields[0]) != 2 * YK_DATABASE_ID_SIZE)
    return FALSE;
  for (const char *p = fields[0]; *p; p++)
    if (!g_ascii_isxdigit (*p) || g_ascii_isupper (*p))
      return FALSE;
  generation = g_ascii_strtoull (fields[1], &end, 10);
  if (end == fields[1] || *end != '\0')
    return FALSE;
  taken_at = g_ascii_strtoll (fields[2], &end, 10);
  if (end == fields[2] || *end != '\0')
    return FALSE;
  entry = g_new0 (YkDistrictSeen, 1);
  entry->generation = generation;
  entry->taken_at = taken_at;
  g_hash_table_replace (seen, g_strdup (fields[0]), entry);
  return TRUE;
}

/* The file: a first line, one line per database id (hex, generation,
 * time), and a last line with the keyed BLAKE2b of everything before it.
 *
 * A file that fails its MAC, or does not parse, is reported and treated
 * as empty rather than refusing to open the district. Refusing would
 * protect nothing: whoever can write the coordinator's state directory
 * can as well delete the file, which starts the record afresh the same
 * way, and a refusal would let them lock the coordinator out of every
 * district for good. Treating it as empty loses the older-snapshot check
 * for this one opening only; the file is written anew, authenticated,
 * once the district opens, and the report makes the tampering seen. */
GHashTable *
_yk_district_state_load (const char     *path,
                         const YkSecret *key,
                         char          **problem)
{
  g_autoptr (GHashTable) seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  g_autoptr (GError) local_error = NULL;
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  guint8 mac[YK_MAC_SIZE];
  const char *mac_line;
  gsize length = 0, signed_length;
  gboolean ok;

  *problem = NULL;
  if (!g_file_get_contents (path, &contents, &length, &local_error))
    {
      if (!g_error_matches (local_error, G_FILE_ERROR, G_FILE_ERROR_NOENT))
        *problem = g_strdup_printf (_("The record of the snapshots already shown (%1$s) could not be read (%2$s): "
                                      "older snapshots cannot be told apart this time."),
                                    path, local_error->message);
      return g_steal_pointer (&seen);
    }
  ok = g_str_has_prefix (contents, STATE_MAGIC) && strlen (contents) == length;
  mac_line = ok ? g_strrstr (contents, "\n" STATE_MAC_PREFIX) : NULL;
  ok = mac_line != NULL && strlen (mac_line + 1) == strlen (STATE_MAC_PREFIX) + 2 * YK_MAC_SIZE + 1 &&
       mac_line[1 + strlen (STATE_MAC_PREFIX) + 2 * YK_MAC_SIZE] == '\n';
  for (guint i = 0; ok && i < YK_MAC_SIZE; i++)
    {
      const char *digits = mac_line + 1 + strlen (STATE_MAC_PREFIX) + 2 * i;
      int high = g_ascii_xdigit_value (digits[0]), low = g_ascii_xdigit_value (digits[1]);

      ok = high >= 0 && low >= 0;
      mac[i] = (guint8) (high * 16 + low);
    }
  signed_length = ok ? (gsize) (mac_line + 1 - contents) : 0;
  ok = ok && yk_mac_verify (key, contents, signed_length, mac);
  if (ok)
    {
      contents[signed_length] = '\0';
      lines = g_strsplit (contents + strlen (STATE_MAGIC), "\n", -1);
      for (guint i = 0; ok && lines[i] != NULL; i++)
        if (lines[i][0] != '\0')
          ok = parse_state_line (lines[i], seen);
    }
  if (!ok)
    {
      g_hash_table_remove_all (seen);
      *problem = g_strdup_printf (_("The record of the snapshots already shown (%1$s) fails its check: it was "
                                    "changed by someone else, or damaged. It is not trusted, older snapshots "
                                    "cannot be told apart this time, and it is written anew."),
                                  path);
    }
  return g_steal_pointer (&seen);
}

static int
compare_strings (gconstpointer a,
                 gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

gboolean
_yk_district_state_save (const char     *path,
                         const YkSecret *key,
                         GHashTable     *seen,
                         GError        **error)
{
  g_autoptr (GString) out = g_string_new (STATE_MAGIC);
  g_autofree char *directory = g_path_get_dirname (path);
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer id;
  guint8 mac[YK_MAC_SIZE];

  g_hash_table_iter_init (&iter, seen);
  while (g_hash_table_iter_next (&iter, &id, NULL))
    g_ptr_array_add (ids, id);
  g_ptr_array_sort (ids, compare_strings);
  for (guint i = 0; i < ids->len; i++)
    {
      YkDistrictSeen *entry = g_hash_table_lookup (seen, ids->pdata[i]);
      g_string_append_printf (out, "%s %" G_GUINT64_FORMAT " %" G_GINT64_FORMAT "\n", (const char *) ids->pdata[i],
                              entry->generation, entry->taken_at);
    }
  yk_mac_compute (key, out->str, out->len, mac);
  g_string_append (out, STATE_MAC_PREFIX);
  for (guint i = 0; i < YK_MAC_SIZE; i++)
    g_string_append_printf (out, "%02x", mac[i]);
  g_string_append_c (out, '\n');
  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved = errno;
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (saved), _("Could not create “%1$s”: %2$s"), directory,
                   g_strerror (saved));
      return FALSE;
    }
  /* Written whole under another name and renamed: never half a file. */
  return g_file_set_contents_full (path, out->str, (gssize) out->len, G_FILE_SET_CONTENTS_CONSISTENT, 0600, error);
}

gboolean
_yk_district_state_check (GHashTable           *seen,
                          const char           *id_hex,
                          const YkSnapshotInfo *info,
                          const char           *file_name,
                          GError              **error)
{
  YkDistrictSeen *entry = g_hash_table_lookup (seen, id_hex);
  g_autofree char *taken = NULL, *shown = NULL;

  if (entry == NULL || info->generation >= entry->generation)
    return TRUE;
  taken = format_time (info->taken_at);
  shown = format_time (entry->taken_at);
  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FAILED,
               _("The snapshot of %1$s in “%2$s” was taken %3$s, older than the one already shown (%4$s): a sync "
                 "engine or a backup put an old copy back"),
               info->site_codes[0] != '\0' ? info->site_codes : "?", file_name, taken, shown);
  return FALSE;
}

void
_yk_district_state_note (GHashTable           *seen,
                         const char           *id_hex,
                         const YkSnapshotInfo *info)
{
  YkDistrictSeen *entry = g_hash_table_lookup (seen, id_hex);

  if (entry == NULL)
    {
      entry = g_new0 (YkDistrictSeen, 1);
      g_hash_table_insert (seen, g_strdup (id_hex), entry);
    }
  if (info->generation >= entry->generation)
    {
      entry->generation = info->generation;
      entry->taken_at = info->taken_at;
    }
}

void
_yk_district_set_snapshot_func (YkDistrictSnapshotFunc func)
{
  snapshot_func = func;
}

YkDistrictCacheOutcome
_yk_district_get_cache_outcome (YkDistrict *district)
{
  return district->cache_outcome;
}

void
_yk_district_get_timings (YkDistrict *district,
                          gint64     *unlock_usec,
                          gint64     *merge_usec)
{
  *unlock_usec = district->unlock_usec;
  *merge_usec = district->merge_usec;
}

char **
yk_district_list_folder (const char *directory,
                         GError    **error)
{
  g_autoptr (GDir) dir = g_dir_open (directory, 0, error);
  g_autoptr (GPtrArray) paths = g_ptr_array_new_with_free_func (g_free);
  const char *name;

  if (dir == NULL)
    return NULL;
  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = NULL;

      if (name[0] == '.' || !g_str_has_suffix (name, ".ykdb"))
        continue;
      path = g_build_filename (directory, name, NULL);
      if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
        g_ptr_array_add (paths, g_steal_pointer (&path));
    }
  g_ptr_array_sort (paths, compare_strings);
  g_ptr_array_add (paths, NULL);
  return (char **) g_ptr_array_free (g_steal_pointer (&paths), FALSE);
}

/* The base name, unless another file given has the same one. */
static char *
display_name (const char *const *paths,
              guint              index)
{
  g_autofree char *base = g_path_get_basename (paths[index]);

  for (guint i = 0; paths[i] != NULL; i++)
    {
      g_autofree char *other = g_path_get_basename (paths[i]);
      if (i != index && g_str_equal (base, other))
        return g_strdup (paths[index]);
    }
  return g_steal_pointer (&base);
}

/* “SPQ.ykdb”: what went wrong, in the error's own domain and code. */
static void
set_file_error (GError    **error,
                const char *name,
                GError     *inner)
{
  g_set_error (error, inner->domain, inner->code, _("“%1$s”: %2$s"), name, inner->message);
  g_error_free (inner);
}

/* Reads what the refusals, the warnings and the reports need of a file
 * while it is still only that file. */
static gboolean
read_file (Opening    *o,
           const char *account,
           GError    **error)
{
  sqlite3 *db = yk_store_get_connection (o->store);
  GError *local_error = NULL;
  YkAuditHead head;

  o->codes = yk_db_district_site_codes (db, &local_error);
  if (o->codes == NULL)
    {
      set_file_error (error, o->file->name, local_error);
      return FALSE;
    }
  o->file->site_codes = g_strjoinv ("+", o->codes);
  if (snapshot_func != NULL ? snapshot_func (o->store, &o->info) : yk_store_get_snapshot_info (o->store, &o->info))
    {
      o->file->generation = o->info.generation;
      o->file->taken_at = o->info.taken_at;
      if (o->info.site_codes[0] == '\0')
        g_strlcpy (o->info.site_codes, o->file->site_codes, sizeof o->info.site_codes);
    }
  hex_id (yk_store_get_database_id (o->store), o->id_hex);
  if (!yk_audit_read_head (db, &head, &local_error))
    {
      set_file_error (error, o->file->name, local_error);
      return FALSE;
    }
  if (head.id > 0)
    o->file->audit_head = yk_audit_head_format (&head);
  for (guint i = 0; i < G_N_ELEMENTS (figure_settings); i++)
    o->settings[i] = yk_db_setting_get (db, figure_settings[i].key, NULL);
  o->staff = yk_db_staff_find_account (db, account, NULL);
  return TRUE;
}

static int
compare_openings (gconstpointer a,
                  gconstpointer b)
{
  const Opening *x = *(Opening *const *) a, *y = *(Opening *const *) b;
  int by_codes = strcmp (x->file->site_codes, y->file->site_codes);
  int by_name = strcmp (x->file->name, y->file->name);

  /* By name before path: the order does not hang on folders' names. */
  if (by_codes != 0)
    return by_codes;
  return by_name != 0 ? by_name : strcmp (x->file->path, y->file->path);
}

/* A site belongs to exactly one file (docs/design/district.md). */
static gboolean
check_one_file_per_site (GPtrArray *opened,
                         GError   **error)
{
  g_autoptr (GHashTable) owners = g_hash_table_new (g_str_hash, g_str_equal);

  for (guint i = 0; i < opened->len; i++)
    {
      Opening *o = opened->pdata[i];

      for (guint c = 0; o->codes[c] != NULL; c++)
        {
          Opening *other = g_hash_table_lookup (owners, o->codes[c]);

          if (other == NULL)
            {
              g_hash_table_insert (owners, o->codes[c], o);
              continue;
            }
          if (g_str_equal (other->id_hex, o->id_hex))
            g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FAILED,
                         _("“%1$s” and “%2$s” both hold site %3$s: they are two copies of one site’s file. Keep "
                           "only the newer one in the folder."),
                         other->file->name, o->file->name, o->codes[c]);
          else
            g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FAILED,
                         _("“%1$s” and “%2$s” both hold site %3$s, in two different databases: a site file was "
                           "made again. Keep only the file the site uses now in the folder."),
                         other->file->name, o->file->name, o->codes[c]);
          return FALSE;
        }
    }
  return TRUE;
}

/* The settings that change figures and differ between the files. The
 * merged rows have the first file's settings (in the merge's order), so
 * its values are the ones counted with; the warning says so. */
static GStrv
settings_warnings (GPtrArray *opened)
{
  g_autoptr (GStrvBuilder) warnings = g_strv_builder_new ();
  Opening *first = opened->pdata[0];

  for (guint k = 0; k < G_N_ELEMENTS (figure_settings); k++)
    {
      g_autoptr (GString) values = g_string_new (NULL);
      g_autofree char *warning = NULL;
      gboolean differ = FALSE;

      for (guint i = 0; i < opened->len; i++)
        {
          Opening *o = opened->pdata[i];

          differ = differ || g_strcmp0 (o->settings[k], first->settings[k]) != 0;
          /* TRANSLATORS: one file and its value in a list: “SPQ.ykdb” 2 */
          g_string_append_printf (values, _("%1$s“%2$s” %3$s"), i ? _(", ") : "", o->file->name,
                                  o->settings[k] != NULL ? o->settings[k] : "—");
        }
      if (!differ)
        continue;
      /* TRANSLATORS: %1$s names a setting (the improvement threshold), %2$s its key,
       * %3$s lists the files and their values, %4$s is the value used, %5$s that file */
      warning = g_strdup_printf (_("The files differ in %1$s (%2$s): %3$s. The district view counts with the "
                                   "first file’s value, %4$s from “%5$s”."),
                                 _(figure_settings[k].label), figure_settings[k].key, values->str,
                                 first->settings[k] != NULL ? first->settings[k] : "—", first->file->name);
      g_strv_builder_add (warnings, warning);
    }
  return g_strv_builder_end (warnings);
}

/* The intake check across the files (docs/design/district.md): a site's
 * intake sees its own file only, so one person may have a case file in
 * two. The district view cannot refuse what is already made; it says so,
 * naming both files and cases, for the sites to settle (one closed as
 * 转介, or voided if made by mistake). */
static gboolean
add_same_people_warnings (YkDistrict *district, YkStore *merged, GPtrArray *opened, GError **error)
{
  g_autoptr (GPtrArray) pairs = yk_db_district_same_people (yk_store_get_connection (merged), error);
  g_autoptr (GStrvBuilder) warnings = g_strv_builder_new ();

  if (pairs == NULL)
    return FALSE;
  for (guint i = 0; i < pairs->len; i++)
    {
      YkDbSamePerson *pair = pairs->pdata[i];
      Opening *a = opened->pdata[pair->first_file];
      Opening *b = opened->pdata[pair->other_file];
      g_autofree char *warning = NULL;

      /* TRANSLATORS: %1$s and %3$s are files (SPQ.ykdb), %2$s and %4$s case numbers */
      warning = g_strdup_printf (pair->same_id_number
                                   ? _("One person has a case file in two files: %2$s in “%1$s” and %4$s in “%3$s” "
                                       "have the same resident ID number.")
                                   : _("One person may have a case file in two files: %2$s in “%1$s” and %4$s in "
                                       "“%3$s” have the same name and birth date."),
                                 a->file->name, pair->first_case_no, b->file->name, pair->other_case_no);
      g_strv_builder_add (warnings, warning);
    }
  district->people_warnings = g_strv_builder_end (warnings);
  return TRUE;
}

/* The person the district view acts as: the account's coordinator row
 * (in the first file that has one, as the merge unifies them). */
static YkStaffRow *
find_coordinator (YkStore    *merged,
                  const char *account,
                  GError    **error)
{
  YkStaffRow *staff = yk_db_staff_find_account (yk_store_get_connection (merged), account, NULL);

  if (staff != NULL && staff->active && g_strcmp0 (staff->role, "coordinator") == 0)
    return staff;
  yk_staff_row_free (staff);
  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN,
               _("Only a coordinator opens the district view, and “%1$s” is no active coordinator in these files"),
               account);
  return NULL;
}

/* What each file's rows in the cache are made of, in the merge's order:
 * its database id, snapshot generation and time, audit head, size and
 * modification time. NULL when a file is not a snapshot: a live file
 * changes without a new generation, so a district with one is merged
 * afresh every time (and no cache is read or written). */
static GStrv
cache_keys (GPtrArray *opened)
{
  g_autoptr (GStrvBuilder) keys = g_strv_builder_new ();

  for (guint i = 0; i < opened->len; i++)
    {
      Opening *o = opened->pdata[i];
      g_autofree char *key = NULL;
      GStatBuf st;

      if (o->info.generation == 0 || g_stat (o->file->path, &st) != 0)
        return NULL;
      key = g_strdup_printf ("%s %" G_GUINT64_FORMAT " %" G_GINT64_FORMAT " %s %" G_GINT64_FORMAT " %" G_GINT64_FORMAT
                             ".%09ld",
                             o->id_hex, o->info.generation, o->info.taken_at,
                             o->file->audit_head != NULL ? o->file->audit_head : "-", (gint64) st.st_size,
                             (gint64) st.st_mtim.tv_sec, (long) st.st_mtim.tv_nsec);
      g_strv_builder_add (keys, key);
    }
  return g_strv_builder_end (keys);
}

static gboolean
check_snapshots (GPtrArray  *opened,
                 GHashTable *seen,
                 GError    **error)
{
  for (guint i = 0; i < opened->len; i++)
    {
      Opening *o = opened->pdata[i];

      if (o->info.generation > 0 && !_yk_district_state_check (seen, o->id_hex, &o->info, o->file->name, error))
        return FALSE;
    }
  return TRUE;
}

static void
note_snapshots (YkDistrict     *district,
                GPtrArray      *opened,
                const char     *state_path,
                const YkSecret *key,
                GHashTable     *seen,
                gboolean        rewrite)
{
  g_autoptr (GError) local_error = NULL;
  gboolean changed = rewrite;

  for (guint i = 0; i < opened->len; i++)
    {
      Opening *o = opened->pdata[i];

      if (o->info.generation > 0)
        {
          _yk_district_state_note (seen, o->id_hex, &o->info);
          changed = TRUE;
        }
    }
  if (changed && !_yk_district_state_save (state_path, key, seen, &local_error))
    {
      g_autofree char *problem =
        g_strdup_printf (_("The record of the snapshots already shown could not be saved: %1$s"), local_error->message);
      char *joined = district->state_problem != NULL ? g_strconcat (district->state_problem, " ", problem, NULL)
                                                     : g_steal_pointer (&problem);

      g_free (district->state_problem);
      district->state_problem = joined;
    }
}

/* Unlocks every file: the first that opens with the password gives the
 * identity, which opens the others. A file without the account's key
 * (with one password, a wrong password on a later file looks the same)
 * is listed with its problem; any other failure fails the whole. */
static gboolean
unlock_all (const char *const *paths,
            const char         *account,
            const char         *password,
            YkIdentity        **identity,
            GPtrArray          *opened,
            GPtrArray          *not_opened,
            GError            **error)
{
  g_autoptr (GPtrArray) pending = g_ptr_array_new ();
  GError *first_refusal = NULL;

  for (guint i = 0; paths[i] != NULL; i++)
    {
      Opening *o = g_new0 (Opening, 1);
      GError *local_error = NULL;

      o->file = g_new0 (YkDistrictFile, 1);
      o->file->path = g_strdup (paths[i]);
      o->file->name = display_name (paths, i);
      o->store = *identity == NULL ? yk_store_unlock_identity (paths[i], account, password, identity, &local_error)
                                   : yk_store_open_with_identity (paths[i], *identity, &local_error);
      /* A file made without --key-from has its own key pair for the
       * account: the password still opens it, at the cost of one more
       * Argon2id (docs/design/district.md, "One password"). */
      if (o->store == NULL && password != NULL &&
          g_error_matches (local_error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_NO_SLOT))
        {
          g_clear_error (&local_error);
          o->store = yk_store_unlock (paths[i], account, password, &local_error);
        }
      if (o->store != NULL)
        {
          g_ptr_array_add (opened, o);
          continue;
        }
      if (!g_error_matches (local_error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD) &&
          !g_error_matches (local_error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_NO_SLOT))
        {
          set_file_error (error, o->file->name, local_error);
          opening_free (o);
          g_clear_error (&first_refusal);
          return FALSE;
        }
      if (first_refusal == NULL)
        first_refusal = g_steal_pointer (&local_error);
      g_clear_error (&local_error);
      /* Read again without the password (a reload), a file with a key
       * pair of its own for the account cannot open: the password can. */
      o->file->problem = password == NULL
                           ? g_strdup (_("not opened again: it has a key of its own; lock and unlock to see it"))
                           : g_strdup_printf (_("not openable: no key for %1$s"), account);
      g_ptr_array_add (not_opened, o);
    }
  /* Not one file opened: the password (or key pair) is wrong for all. */
  if (*identity == NULL || opened->len == 0)
    {
      g_propagate_error (error, first_refusal);
      return FALSE;
    }
  g_clear_error (&first_refusal);
  return TRUE;
}

/* With a password (Argon2id once), or with `identity_in` (none). */
static YkDistrict *
open_district (const char *const *paths,
               const char         *account,
               const char         *password,
               const YkIdentity   *identity_in,
               GError            **error)
{
  g_autoptr (GPtrArray) opened = g_ptr_array_new_with_free_func ((GDestroyNotify) opening_free);
  g_autoptr (GPtrArray) not_opened = g_ptr_array_new_with_free_func ((GDestroyNotify) opening_free);
  g_autoptr (YkIdentity) identity = NULL;
  g_autoptr (YkSecret) state_key = NULL;
  g_autoptr (GHashTable) seen = NULL;
  g_autofree char *state_path = NULL;
  g_autofree char *state_problem = NULL;
  g_autofree YkDistrictSource *sources = NULL;
  g_auto (GStrv) keys = NULL;
  g_autofree char *cache_path = NULL;
  YkDistrictCache cache;
  YkDistrict *district;
  YkStaffRow *staff;
  YkStore *merged;
  gint64 start;

  if (paths[0] == NULL)
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There are no Yukang files (*.ykdb) to open"));
      return NULL;
    }
  for (guint i = 0; paths[i] != NULL; i++)
    for (guint j = 0; j < i; j++)
      {
        g_autofree char *a = g_canonicalize_filename (paths[i], NULL), *b = g_canonicalize_filename (paths[j], NULL);
        if (g_str_equal (a, b))
          {
            g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_USAGE, _("“%1$s” is given twice"), paths[i]);
            return NULL;
          }
      }

  start = g_get_monotonic_time ();
  if (identity_in != NULL)
    identity = yk_identity_copy (identity_in);
  if (!unlock_all (paths, account, password, &identity, opened, not_opened, error))
    return NULL;
  district = g_new0 (YkDistrict, 1);
  district->unlock_usec = g_get_monotonic_time () - start;
  for (guint i = 0; i < opened->len; i++)
    if (!read_file (opened->pdata[i], account, error))
      goto fail;
  g_ptr_array_sort (opened, compare_openings);
  if (!check_one_file_per_site (opened, error))
    goto fail;

  state_key = yk_identity_derive_key (identity, YK_DISTRICT_STATE_CONTEXT);
  state_path = _yk_district_state_path (identity);
  seen = _yk_district_state_load (state_path, state_key, &state_problem);
  if (!check_snapshots (opened, seen, error))
    goto fail;
  district->warnings = settings_warnings (opened);

  start = g_get_monotonic_time ();
  sources = g_new0 (YkDistrictSource, opened->len);
  for (guint i = 0; i < opened->len; i++)
    {
      Opening *o = opened->pdata[i];
      sources[i] = (YkDistrictSource) { .store = o->store, .name = o->file->name };
    }
  keys = cache_keys (opened);
  cache_path = _yk_district_cache_path (identity);
  cache = (YkDistrictCache) { .path = cache_path, .identity = identity, .file_keys = (const char *const *) keys };
  merged = yk_store_new_district_cached (sources, opened->len, account, keys != NULL ? &cache : NULL,
                                         &district->cache_outcome, error);
  if (merged == NULL)
    goto fail;
  district->merge_usec = g_get_monotonic_time () - start;
  if (!add_same_people_warnings (district, merged, opened, error))
    {
      yk_store_close (merged);
      goto fail;
    }
  staff = find_coordinator (merged, account, error);
  if (staff == NULL)
    {
      yk_store_close (merged);
      goto fail;
    }
  district->session = _yk_session_new_district (merged, staff, district);

  district->state_problem = g_steal_pointer (&state_problem);
  note_snapshots (district, opened, state_path, state_key, seen, district->state_problem != NULL);
  district->identity = g_steal_pointer (&identity);

  district->files = g_ptr_array_new_with_free_func ((GDestroyNotify) district_file_free);
  district->stores = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_store_close);
  for (guint pass = 0; pass < 2; pass++)
    {
      GPtrArray *list = pass == 0 ? opened : not_opened;

      for (guint i = 0; i < list->len; i++)
        {
          Opening *o = list->pdata[i];
          g_ptr_array_add (district->files, g_steal_pointer (&o->file));
          g_ptr_array_add (district->stores, g_steal_pointer (&o->store));
        }
    }
  return district;

fail:
  yk_district_free (district);
  return NULL;
}

YkDistrict *
yk_district_open (const char *const *paths,
                  const char         *account,
                  const char         *password,
                  GError            **error)
{
  g_return_val_if_fail (paths != NULL && account != NULL && password != NULL, NULL);
  return open_district (paths, account, password, NULL, error);
}

YkDistrict *
yk_district_open_with_identity (const char *const *paths,
                                const YkIdentity   *identity,
                                GError            **error)
{
  g_return_val_if_fail (paths != NULL && identity != NULL, NULL);
  return open_district (paths, yk_identity_get_account (identity), NULL, identity, error);
}

YkIdentity *
yk_district_dup_identity (YkDistrict *district)
{
  g_return_val_if_fail (district != NULL, NULL);
  return yk_identity_copy (district->identity);
}

/* Merged ids are file i's own plus i strides (db/yk-db-district.h), and
 * a site file keeps its ids from one snapshot to the next: the person is
 * found again by the site codes of the file that holds them. */
gint64
yk_district_map_client_id (YkDistrict *from,
                           YkDistrict *to,
                           gint64      id)
{
  gint64 index = id / YK_DISTRICT_ID_STRIDE, local = id % YK_DISTRICT_ID_STRIDE;
  const YkDistrictFile *file;

  g_return_val_if_fail (from != NULL && to != NULL, 0);
  if (id <= 0 || index >= from->files->len)
    return 0;
  file = from->files->pdata[index];
  if (file->site_codes == NULL)
    return 0;
  for (guint i = 0; i < to->files->len; i++)
    {
      const YkDistrictFile *other = to->files->pdata[i];

      if (other->problem == NULL && g_strcmp0 (other->site_codes, file->site_codes) == 0)
        return local + (gint64) i * YK_DISTRICT_ID_STRIDE;
    }
  return 0;
}

YkSession *
yk_district_get_session (YkDistrict *district)
{
  g_return_val_if_fail (district != NULL, NULL);
  return district->session;
}

GPtrArray *
yk_district_get_files (YkDistrict *district)
{
  g_return_val_if_fail (district != NULL, NULL);
  return district->files;
}

const char *const *
yk_district_get_warnings (YkDistrict *district)
{
  g_return_val_if_fail (district != NULL, NULL);
  return (const char *const *) district->warnings;
}

const char *const *
yk_district_get_people_warnings (YkDistrict *district)
{
  static const char *const none[] = { NULL };

  g_return_val_if_fail (district != NULL, NULL);
  return district->people_warnings != NULL ? (const char *const *) district->people_warnings : none;
}

const char *
yk_district_get_state_problem (YkDistrict *district)
{
  g_return_val_if_fail (district != NULL, NULL);
  return district->state_problem;
}

gboolean
yk_district_verify_file (YkDistrict     *district,
                         guint           index,
                         YkVerifyReport *report,
                         GError        **error)
{
  YkDistrictFile *file;
  YkStore *store;

  g_return_val_if_fail (district != NULL && index < district->files->len, FALSE);
  file = district->files->pdata[index];
  store = district->stores->pdata[index];
  memset (report, 0, sizeof *report);
  if (store == NULL)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("“%1$s”: %2$s"), file->name, file->problem);
      return FALSE;
    }
  return yk_verify_store (store, NULL, report, error);
}

void
yk_district_free (YkDistrict *district)
{
  if (district == NULL)
    return;
  /* The session's store is the merged rows; the files' stores after. */
  g_clear_pointer (&district->session, yk_session_close);
  g_clear_pointer (&district->stores, g_ptr_array_unref);
  g_clear_pointer (&district->files, g_ptr_array_unref);
  g_clear_pointer (&district->warnings, g_strfreev);
  g_clear_pointer (&district->people_warnings, g_strfreev);
  g_clear_pointer (&district->identity, yk_identity_free);
  g_free (district->state_problem);
  g_free (district);
}
