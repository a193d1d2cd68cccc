/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-split.h"
#include "yk-app-error.h"
#include "yk-audit.h"
#include "yk-db-split.h"
#include "yk-key-slot.h"
#include "yk-schema.h"
#include "yk-secret.h"

#include <errno.h>
#include <fcntl.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

/* yukang split (docs/design/district.md, "Splitting one file into site
 * files"). Every site file is made under a hidden temporary name in the
 * folder while the source's connection holds one read transaction, and
 * only once all are made are they renamed to CODE.ykdb: a failure
 * anywhere leaves no new file. Nothing is written to the source — not
 * even an audit entry, though an export is audited there: the source is
 * left untouched (docs/design/district.md), and each new file's first
 * entry names the source and its audit head instead (the source's trail
 * already shows the coordinator's unlock just before it).
 *
 * Recovery keys: each new file gets one of its own, shown once, as
 * `yukang init` does. The source's recovery key does not open the site
 * files: a recovery key is a file's, and one shared by every file would
 * open every site's records for whoever finds it at any one site. */

typedef struct
{
  char *code;
  char *temporary;
  YkSplitFile *file;
} Pending;

void
yk_split_file_free (YkSplitFile *file)
{
  if (file == NULL)
    return;
  if (file->recovery_key != NULL)
    explicit_bzero (file->recovery_key, strlen (file->recovery_key));
  g_free (file->recovery_key);
  g_free (file->site_code);
  g_free (file->path);
  g_free (file);
}

static void
remove_file (const char *path)
{
  g_autofree char *journal = g_strconcat (path, "-journal", NULL);

  g_unlink (path);
  g_unlink (journal);
}

static void
pending_free (Pending *pending)
{
  if (pending->temporary != NULL)
    remove_file (pending->temporary);
  g_free (pending->temporary);
  g_free (pending->code);
  g_clear_pointer (&pending->file, yk_split_file_free);
  g_free (pending);
}

static char *
hex (const guint8 *bytes,
     gsize         length)
{
  GString *text = g_string_sized_new (length * 2);

  for (gsize i = 0; i < length; i++)
    g_string_append_printf (text, "%02x", bytes[i]);
  return g_string_free (text, FALSE);
}

static gboolean
sync_path (const char *path,
           gboolean    directory,
           GError    **error)
{
  int fd = g_open (path, (directory ? O_RDONLY | O_DIRECTORY : O_RDWR) | O_CLOEXEC, 0);
  int saved;

  if (fd >= 0 && fsync (fd) == 0)
    {
      close (fd);
      return TRUE;
    }
  saved = errno;
  if (fd >= 0)
    close (fd);
  g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_IO, _("Could not write “%1$s”: %2$s"), path, g_strerror (saved));
  return FALSE;
}

/* Never over anything: a file that appeared since the check is refused
 * here too, where the file system can say so atomically. */
static gboolean
rename_no_replace (const char *from,
                   const char *to,
                   GError    **error)
{
  int rc = renameat2 (AT_FDCWD, from, AT_FDCWD, to, RENAME_NOREPLACE);
  int saved = errno;

  if (rc != 0 && (saved == EINVAL || saved == ENOSYS || saved == ENOTSUP))
    {
      /* A file system without it (some network shares): checked, then renamed. */
      if (g_file_test (to, G_FILE_TEST_EXISTS) || g_file_test (to, G_FILE_TEST_IS_SYMLINK))
        saved = EEXIST;
      else
        {
          rc = g_rename (from, to);
          saved = errno;
        }
    }
  if (rc == 0)
    return TRUE;
  if (saved == EEXIST)
    g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_EXISTS,
                 _("“%1$s” already exists; yukang split never overwrites a file, and wrote none"), to);
  else
    g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_IO, _("Could not write “%1$s”: %2$s"), to, g_strerror (saved));
  return FALSE;
}

/* The new file's first entry, signed by the coordinator splitting:
 * where its records came from, and the source's trail up to then. */
static gboolean
audit_origin (YkStore           *store,
              YkSession         *session,
              const char        *code,
              const YkAuditHead *head,
              GError           **error)
{
  sqlite3 *db = yk_store_get_connection (store);
  g_autoptr (YkSecret) audit_key = yk_store_derive_audit_key (store);
  YkAuditSigner signer = { yk_store_get_database_id (store), yk_store_get_signing_key (store) };
  const char *account = yk_session_get_account (session);
  g_autofree char *source_id = hex (yk_store_get_database_id (yk_session_get_store (session)), YK_DATABASE_ID_SIZE);
  g_autofree char *source_head = head->id > 0 ? yk_audit_head_format (head) : g_strdup ("none");
  g_autofree char *detail = g_strdup_printf ("site %s split from database %s at audit head %s", code, source_id,
                                             source_head);

  return yk_audit_register_signer (db, account, yk_signing_key_public (signer.signing_key), error) &&
         yk_audit_append (db, audit_key, &signer, account, "split", NULL, 0, detail, error);
}

/* One site's file under its temporary name, closed and synced. */
static gboolean
make_site_file (YkSession         *session,
                Pending           *pending,
                const YkAuditHead *head,
                GError           **error)
{
  YkStore *source = yk_session_get_store (session);
  g_auto (GStrv) accounts = yk_db_split_accounts (yk_store_get_connection (source), pending->code, error);
  g_autoptr (YkStore) store = NULL;
  YkSplitCounts counts;
  sqlite3 *db;
  guint copied = 0;
  gboolean ok;

  if (accounts == NULL)
    return FALSE;
  store = yk_store_create_split (pending->temporary, source, (const char *const *) accounts, &copied,
                                 &pending->file->recovery_key, error);
  if (store == NULL)
    return FALSE;
  db = yk_store_get_connection (store);
  if (!yk_schema_migrate (db, error) || !yk_db_split_attach (db, yk_store_get_path (source), error))
    return FALSE;
  ok = yk_db_split_begin (db, error);
  if (ok)
    {
      ok = yk_db_split_copy (db, pending->code, &counts, error) &&
           audit_origin (store, session, pending->code, head, error);
      if (ok)
        ok = yk_db_split_commit (db, error);
      else
        yk_db_split_rollback (db);
    }
  yk_db_split_detach (db);
  g_clear_pointer (&store, yk_store_close);
  if (!ok)
    return FALSE;
  pending->file->accounts = copied;
  pending->file->service_users = counts.service_users;
  pending->file->records = counts.records;
  return sync_path (pending->temporary, FALSE, error);
}

static gboolean
check_allowed (YkSession  *session,
               const char *directory,
               GError    **error)
{
  if (yk_session_is_read_only (session))
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_FAILED,
                           _("The district view cannot be split: split the file that holds every site"));
      return FALSE;
    }
  if (!yk_session_require_coordinator (session, error))
    return FALSE;
  if (yk_session_opened_with_recovery_key (session))
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN,
                           _("A database is split by a coordinator with their own password, not the recovery key: "
                             "every account keeps its key in the new files"));
      return FALSE;
    }
  if (!g_file_test (directory, G_FILE_TEST_IS_DIR))
    {
      g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_IO,
                   _("The folder “%1$s” does not exist; no site file was written"), directory);
      return FALSE;
    }
  return TRUE;
}

/* Every site's name taken in the folder is refused before anything is
 * made. */
static GPtrArray *
plan (const char  *directory,
      char       **codes,
      GError     **error)
{
  g_autoptr (GPtrArray) pending = g_ptr_array_new_with_free_func ((GDestroyNotify) pending_free);

  for (guint i = 0; codes[i] != NULL; i++)
    {
      Pending *site = g_new0 (Pending, 1);
      g_autofree char *name = g_strconcat (codes[i], ".ykdb", NULL);
      g_autofree char *random = g_uuid_string_random ();
      g_autofree char *temporary = g_strdup_printf (".%s.ykdb.%.8s.tmp", codes[i], random);

      g_ptr_array_add (pending, site);
      site->code = g_strdup (codes[i]);
      site->file = g_new0 (YkSplitFile, 1);
      site->file->site_code = g_strdup (codes[i]);
      site->file->path = g_build_filename (directory, name, NULL);
      if (g_file_test (site->file->path, G_FILE_TEST_EXISTS) || g_file_test (site->file->path, G_FILE_TEST_IS_SYMLINK))
        {
          g_set_error (error, YK_DB_ERROR, YK_DB_ERROR_EXISTS,
                       _("“%1$s” already exists; yukang split never overwrites a file, and wrote none"),
                       site->file->path);
          return NULL;
        }
      site->temporary = g_build_filename (directory, temporary, NULL);
    }
  return g_steal_pointer (&pending);
}

/* All renamed, or none left: a file renamed before a later one failed
 * is this run's own, and goes too. */
static gboolean
put_in_place (GPtrArray  *pending,
              const char *directory,
              GError    **error)
{
  guint done = 0;

  for (; done < pending->len; done++)
    {
      Pending *site = pending->pdata[done];

      if (!rename_no_replace (site->temporary, site->file->path, error))
        break;
      g_clear_pointer (&site->temporary, g_free);
    }
  if (done == pending->len)
    return sync_path (directory, TRUE, error);
  for (guint i = 0; i < done; i++)
    remove_file (((Pending *) pending->pdata[i])->file->path);
  return FALSE;
}

gboolean
yk_session_split (YkSession  *session,
                  const char *directory,
                  GPtrArray **files,
                  GError    **error)
{
  sqlite3 *source;
  g_auto (GStrv) codes = NULL;
  g_autoptr (GPtrArray) pending = NULL;
  g_autoptr (GPtrArray) written = NULL;
  YkAuditHead head;
  gboolean ok;

  g_return_val_if_fail (session != NULL && directory != NULL && files != NULL, FALSE);

  *files = NULL;
  if (!check_allowed (session, directory, error))
    return FALSE;
  source = yk_store_get_connection (yk_session_get_store (session));
  if (!yk_db_split_begin_source (source, error))
    return FALSE;
  ok = (codes = yk_db_split_site_codes (source, error)) != NULL &&
       (pending = plan (directory, codes, error)) != NULL && yk_audit_read_head (source, &head, error);
  for (guint i = 0; ok && i < pending->len; i++)
    ok = make_site_file (session, pending->pdata[i], &head, error);
  yk_db_split_end_source (source);
  if (!ok || !put_in_place (pending, directory, error))
    return FALSE;

  written = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_split_file_free);
  for (guint i = 0; i < pending->len; i++)
    g_ptr_array_add (written, g_steal_pointer (&((Pending *) pending->pdata[i])->file));
  *files = g_steal_pointer (&written);
  return TRUE;
}
