/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-session-private.h"
#include "yk-app-error.h"
#include "yk-audit.h"
#include "yk-crypto-error.h"
#include "yk-db-staff.h"
#include "yk-key-slot.h"
#include "yk-schema.h"
#include "yk-secret.h"
#include "yk-unlock-log.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

struct _YkSession
{
  YkStore *store;
  YkSecret *audit_key;
  YkStaffRow *staff;
  gboolean with_recovery_key;
  YkDistrict *district; /* a district view's session: read-only (not owned) */
};

/* The two homes of the pilot (docs/design/formats.md). */
static const struct
{
  const char *code;
  const char *name;
  const char *street;
  const char *host_facility;
} pilot_sites[] = {
  { "SPQ", "石坪桥街道渝康家园", "石坪桥街道", "原社区服务中心" },
  { "JL", "九龙街道渝康家园", "九龙街道", "社区就业基地" },
};

static YkSession *
session_new (YkStore *store)
{
  YkSession *session = g_new0 (YkSession, 1);

  session->store = store;
  session->audit_key = yk_store_derive_audit_key (store);
  return session;
}

/* A failed unlock cannot be written to the encrypted audit trail: there
 * is no key. It goes to a small plaintext file beside the database
 * (time and the user name typed, nothing else; the format and its cap
 * are in yk-unlock-log.h) and is moved into the audit trail at the next
 * successful unlock.
 *
 * Anyone who can write the directory can put something else under that
 * name, so the file is opened without following a link and without
 * waiting (a FIFO), and used only if it is a regular file with no other
 * name (a hard link is another file's too). */
#define UNLOCK_LOG_OPEN_FLAGS (O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC)

static char *
failed_unlocks_path (const char *path)
{
  return g_strconcat (path, ".failed-unlocks", NULL);
}

/* NULL if `st` is a file the log may be; else what it is instead. */
static char *
unlock_log_refusal (const struct stat *st)
{
  if (!S_ISREG (st->st_mode))
    return g_strdup ("not a regular file");
  if (st->st_nlink != 1)
    return g_strdup_printf ("a file with %u links", (guint) st->st_nlink);
  return NULL;
}

/* flock(LOCK_EX), giving up after about a second. */
static gboolean
lock_briefly (int fd)
{
  for (int tries = 0; tries < 20; tries++)
    {
      if (flock (fd, LOCK_EX | LOCK_NB) == 0)
        return TRUE;
      if (errno != EWOULDBLOCK && errno != EINTR)
        return FALSE;
      g_usleep (G_USEC_PER_SEC / 20);
    }
  return FALSE;
}

static void
note_failed_unlock (const char *path,
                    const char *account)
{
  g_autofree char *log_path = failed_unlocks_path (path);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *line = yk_unlock_log_format_line (now, account);
  g_autofree char *refusal = NULL;
  gsize len = strlen (line);
  struct stat st;
  int fd;

  fd = g_open (log_path, O_WRONLY | O_APPEND | O_CREAT | UNLOCK_LOG_OPEN_FLAGS, 0600);
  if (fd < 0)
    {
      g_debug ("could not note a failed unlock: %s", g_strerror (errno));
      return;
    }
  /* Two processes failing at once: one fstat and write at a time, so the
   * cap holds. Never waiting long for the lock: a file put there by
   * someone else could be held locked by them forever. */
  if (fstat (fd, &st) != 0 || (refusal = unlock_log_refusal (&st)) != NULL)
    g_debug ("could not note a failed unlock: %s", refusal != NULL ? refusal : g_strerror (errno));
  else if (!lock_briefly (fd) || fstat (fd, &st) != 0)
    g_debug ("could not note a failed unlock: %s", g_strerror (errno));
  else if (st.st_size < 0 || (guint64) st.st_size + len > YK_UNLOCK_LOG_MAX_SIZE)
    g_debug ("could not note a failed unlock: the log is full");
  else if (write (fd, line, len) != (gssize) len)
    g_debug ("could not note a failed unlock: %s", g_strerror (errno));
  close (fd);
}

/* Nothing is written beside a snapshot: it sits in a folder a sync
 * engine carries, where the log could never reach a trail. */
static void
note_failed_unlock_unless_snapshot (const char *path,
                                    const char *account)
{
  if (!yk_store_file_is_snapshot (path))
    note_failed_unlock (path, account);
}

/* Reads the log into `*log`; or returns what is wrong with it instead
 * (`*log` NULL), for the audit trail. NULL and no log: there is none.
 * `*remove`: the name is to go once this is audited (a log read, or
 * something that is no log); not when the file could not be read, which
 * may be someone else's log, whole. */
static char *
read_unlock_log (const char *log_path,
                 YkUnlockLog **log,
                 gboolean    *remove)
{
  g_autofree guint8 *bytes = NULL;
  g_autofree char *refusal = NULL;
  struct stat st;
  gsize size = 0;
  int fd, saved;

  *log = NULL;
  *remove = TRUE;
  fd = g_open (log_path, O_RDONLY | UNLOCK_LOG_OPEN_FLAGS, 0);
  if (fd < 0)
    {
      saved = errno;
      if (saved == ENOENT)
        return NULL;
      if (saved == ELOOP)
        return g_strdup ("a symbolic link: not read");
      *remove = FALSE;
      return g_strdup_printf ("could not be opened (%s): not read", g_strerror (saved));
    }
  if (fstat (fd, &st) != 0)
    {
      saved = errno;
      close (fd);
      *remove = FALSE;
      return g_strdup_printf ("could not be read (%s): not read", g_strerror (saved));
    }
  if ((refusal = unlock_log_refusal (&st)) != NULL)
    {
      close (fd);
      return g_strdup_printf ("%s: not read", refusal);
    }
  /* At most one byte past the cap: enough to know it is too big, even
   * if it grew since fstat(). */
  bytes = g_malloc (YK_UNLOCK_LOG_MAX_SIZE + 1);
  while (size < YK_UNLOCK_LOG_MAX_SIZE + 1 && st.st_size <= YK_UNLOCK_LOG_MAX_SIZE)
    {
      gssize n = read (fd, bytes + size, YK_UNLOCK_LOG_MAX_SIZE + 1 - size);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        {
          saved = errno;
          close (fd);
          *remove = FALSE;
          return g_strdup_printf ("could not be read (%s): not read", g_strerror (saved));
        }
      if (n == 0)
        break;
      size += (gsize) n;
    }
  close (fd);
  if (st.st_size > YK_UNLOCK_LOG_MAX_SIZE || size > YK_UNLOCK_LOG_MAX_SIZE)
    return g_strdup_printf ("%" G_GUINT64_FORMAT " bytes, over the limit of %d: not read",
                            (guint64) MAX ((guint64) MAX (st.st_size, 0), (guint64) size),
                            YK_UNLOCK_LOG_MAX_SIZE);
  *log = yk_unlock_log_parse (bytes, size);
  /* A line more might not have fitted. */
  if (size > YK_UNLOCK_LOG_MAX_SIZE - YK_UNLOCK_LOG_LINE_MAX)
    return g_strdup_printf ("near its limit of %d bytes: later failed unlocks may be missing",
                            YK_UNLOCK_LOG_MAX_SIZE);
  return NULL;
}

static gboolean
audit_failed_unlocks (YkSession  *session,
                      const char *path,
                      GError    **error)
{
  g_autofree char *log_path = failed_unlocks_path (path);
  g_autoptr (YkUnlockLog) log = NULL;
  g_autoptr (GString) damage = NULL;
  gboolean remove = FALSE;
  g_autofree char *problem = read_unlock_log (log_path, &log, &remove);
  sqlite3 *db = yk_store_get_connection (session->store);

  if (log == NULL && problem == NULL)
    return TRUE;
  /* What is wrong with the file, in one entry; never its bytes. */
  damage = g_string_new (problem);
  if (log != NULL && log->malformed > 0)
    g_string_append_printf (damage, "%s%u malformed line%s skipped", damage->len > 0 ? "; " : "",
                            log->malformed, log->malformed == 1 ? "" : "s");
  if (!yk_db_begin (db, error))
    return FALSE;
  for (guint i = 0; log != NULL && i < log->entries->len; i++)
    {
      g_autofree char *detail = yk_unlock_log_entry_detail (log->entries->pdata[i]);

      if (!yk_session_audit (session, "unlock_failed", NULL, 0, detail, error))
        goto fail;
    }
  if (damage->len > 0 && !yk_session_audit (session, "unlock_log_damaged", NULL, 0, damage->str, error))
    goto fail;
  if (!yk_db_commit (db, error))
    return FALSE;
  /* Removes the name only: a link, never what it points to. Whatever
   * was there, failures are noted again from here on. */
  if (remove)
    g_unlink (log_path);
  return TRUE;

fail:
  yk_db_rollback (db);
  return FALSE;
}

/* A new file's schema, sites, first coordinator and first audit entry;
 * on any failure the file goes. */
static YkSession *
set_up_new (YkStore    *store,
            const char *account,
            const char *display_name,
            const char *detail,
            GError    **error)
{
  g_autoptr (YkSession) session = session_new (store);
  sqlite3 *db = yk_store_get_connection (store);
  gint64 staff_id = 0;

  if (!yk_schema_migrate (db, error) || !yk_db_begin (db, error))
    goto fail;
  for (guint i = 0; i < G_N_ELEMENTS (pilot_sites); i++)
    if (!yk_db_site_insert (db, pilot_sites[i].code, pilot_sites[i].name, pilot_sites[i].street,
                            pilot_sites[i].host_facility, NULL, error))
      goto fail_rollback;
  if (!yk_db_staff_insert (db, display_name ? display_name : account, 0, "coordinator", account,
                           &staff_id, error))
    goto fail_rollback;
  session->staff = yk_db_staff_find_account (db, account, error);
  if (session->staff == NULL ||
      !yk_session_audit (session, "create", "staff", staff_id, detail, error) ||
      !yk_db_commit (db, error))
    goto fail_rollback;
  return g_steal_pointer (&session);

fail_rollback:
  yk_db_rollback (db);
fail:
  /* Nothing half-made is left behind: the new file goes. */
  {
    g_autofree char *full_path = g_strdup (yk_store_get_path (store));
    g_autofree char *journal = g_strconcat (full_path, "-journal", NULL);

    g_clear_pointer (&session, yk_session_close);
    g_unlink (full_path);
    g_unlink (journal);
  }
  return NULL;
}

YkSession *
yk_session_create (const char *path,
                   const char *account,
                   const char *display_name,
                   const char *password,
                   YkKdfLevel  level,
                   char      **recovery_key,
                   GError    **error)
{
  g_autofree char *key_text = NULL;
  YkSession *session;
  YkStore *store;

  store = yk_store_create (path, account, password, level, &key_text, error);
  if (store == NULL)
    return NULL;
  session = set_up_new (store, account, display_name, NULL, error);
  if (session != NULL)
    *recovery_key = g_steal_pointer (&key_text);
  return session;
}

YkSession *
yk_session_create_key_from (const char *path,
                            const char *other_path,
                            const char *account,
                            const char *display_name,
                            const char *password,
                            char      **recovery_key,
                            GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (YkIdentity) identity = NULL;
  g_autofree char *key_text = NULL;
  g_autofree char *detail = NULL;
  g_autofree char *other_name = g_path_get_basename (other_path);
  YkStore *other;
  YkSession *session;
  YkStore *store;

  g_return_val_if_fail (other_path != NULL && account != NULL && password != NULL, NULL);
  /* The password is proved where it is set: a wrong one is noted there. */
  other = yk_store_unlock_identity (other_path, account, password, &identity, &local_error);
  if (other == NULL)
    {
      if (g_error_matches (local_error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD))
        note_failed_unlock_unless_snapshot (other_path, account);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  yk_store_close (other);

  store = yk_store_create_with_identity (path, other_path, identity, &key_text, error);
  if (store == NULL)
    return NULL;
  detail = g_strdup_printf ("key from %s", other_name);
  session = set_up_new (store, account, display_name, detail, error);
  if (session != NULL)
    *recovery_key = g_steal_pointer (&key_text);
  return session;
}

static gboolean
is_snapshot (YkSession *session)
{
  YkSnapshotInfo info;

  return yk_store_get_snapshot_info (session->store, &info);
}

/* A snapshot cannot be migrated: one from an older Yukang is taken
 * again at the site. */
static gboolean
check_snapshot_schema (YkSession *session,
                       GError   **error)
{
  int version = yk_schema_get_version (yk_store_get_connection (session->store));
  g_autofree char *name = NULL;

  if (version < 0 || version >= YK_SCHEMA_VERSION)
    return TRUE;
  name = g_path_get_basename (yk_store_get_path (session->store));
  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FAILED,
               _("“%1$s” is a snapshot made by an older version of Yukang; take a new snapshot at the site"),
               name);
  return FALSE;
}

/* After the store is unlocked: the schema, the person, the audit. */
static YkSession *
open_as (YkStore    *store,
         const char *path,
         const char *account,
         gboolean    with_recovery_key,
         GError    **error)
{
  g_autoptr (YkSession) session = session_new (store);
  g_autoptr (GError) local_error = NULL;
  sqlite3 *db = yk_store_get_connection (store);
  gboolean snapshot = is_snapshot (session);

  session->with_recovery_key = with_recovery_key;
  if (snapshot ? !check_snapshot_schema (session, error) : !yk_schema_migrate (db, error))
    return NULL;

  session->staff = yk_db_staff_find_account (db, account, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if ((session->staff == NULL || !session->staff->active) && with_recovery_key)
    {
      /* The recovery key was right: naming the account hides nothing. */
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND,
                   _("There is no account named “%1$s”"), account);
      return NULL;
    }
  if (session->staff == NULL || !session->staff->active)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN,
                   _("The account “%1$s” unlocks this database but belongs to nobody on its staff "
                     "list; ask a coordinator to set it up again"), account);
      return NULL;
    }
  /* A snapshot is read, never written: neither the unlock nor the
   * failed-unlock log beside it goes into its trail. */
  if (snapshot)
    return g_steal_pointer (&session);
  if (!audit_failed_unlocks (session, path, error) ||
      !yk_session_audit (session, with_recovery_key ? "unlock_recovery" : "unlock", NULL, 0, NULL, error))
    return NULL;
  return g_steal_pointer (&session);
}

YkSession *
yk_session_open (const char *path,
                 const char *account,
                 const char *password,
                 GError    **error)
{
  return yk_session_open_identity (path, account, password, NULL, error);
}

YkSession *
yk_session_open_identity (const char  *path,
                          const char  *account,
                          const char  *password,
                          YkIdentity **identity,
                          GError     **error)
{
  g_autoptr (GError) local_error = NULL;
  g_autoptr (YkIdentity) unlocked = NULL;
  YkSession *session;
  YkStore *store;

  store = yk_store_unlock_identity (path, account, password, &unlocked, &local_error);
  if (store == NULL)
    {
      if (g_error_matches (local_error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD))
        note_failed_unlock_unless_snapshot (path, account);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  session = open_as (store, path, account, FALSE, error);
  if (session != NULL && identity != NULL)
    *identity = g_steal_pointer (&unlocked);
  return session;
}

YkSession *
yk_session_open_with_identity (const char       *path,
                               const YkIdentity *identity,
                               GError          **error)
{
  YkStore *store;

  g_return_val_if_fail (identity != NULL, NULL);
  store = yk_store_open_with_identity (path, identity, error);
  if (store == NULL)
    return NULL;
  return open_as (store, path, yk_identity_get_account (identity), FALSE, error);
}

/* The recovery key opens the file; the session then acts as `account`
 * (docs/design/formats.md, "--recovery-key-file"), and the trail says
 * how it was opened. */
YkSession *
yk_session_open_with_recovery_key (const char *path,
                                   const char *account,
                                   const char *recovery_key,
                                   GError    **error)
{
  g_autoptr (GError) local_error = NULL;
  YkStore *store;

  g_return_val_if_fail (account != NULL && recovery_key != NULL, NULL);
  store = yk_store_unlock_with_recovery_key (path, recovery_key, &local_error);
  if (store == NULL)
    {
      if (g_error_matches (local_error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD))
        note_failed_unlock_unless_snapshot (path, account);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  return open_as (store, path, account, TRUE, error);
}

gboolean
yk_session_opened_with_recovery_key (YkSession *session)
{
  return session->with_recovery_key;
}

gboolean
yk_session_get_snapshot_info (YkSession      *session,
                              YkSnapshotInfo *info)
{
  return yk_store_get_snapshot_info (session->store, info);
}

YkSession *
_yk_session_new_district (YkStore    *store,
                          YkStaffRow *staff,
                          YkDistrict *district)
{
  YkSession *session = session_new (store);

  session->staff = staff;
  session->district = district;
  return session;
}

YkDistrict *
_yk_session_get_district (YkSession *session)
{
  return session->district;
}

gboolean
yk_session_is_read_only (YkSession *session)
{
  g_return_val_if_fail (session != NULL, FALSE);
  return session->district != NULL || is_snapshot (session);
}

void
_yk_session_set_read_only_error (GError **error)
{
  g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_READ_ONLY,
                       _("The district view is read only: records are made at each site."));
}

/* What a district view may do that a file's session audits: reading.
 * Its files are never written (snapshots are never written again), so
 * these go unrecorded (docs/design/district.md, "What is not audited"). */
static const char *const read_actions[] = { "open_case", "export", "names_mask", "names_unmask", "dossier_print",
                                            "dossier_export", "attachment_save", NULL };

void
yk_session_close (YkSession *session)
{
  if (session == NULL)
    return;
  g_clear_pointer (&session->staff, yk_staff_row_free);
  g_clear_pointer (&session->audit_key, yk_secret_free);
  g_clear_pointer (&session->store, yk_store_close);
  g_free (session);
}

YkStore *
yk_session_get_store (YkSession *session)
{
  return session->store;
}

const char *
yk_session_get_account (YkSession *session)
{
  return session->staff->account;
}

const char *
yk_session_get_display_name (YkSession *session)
{
  const char *name = session->staff->display_name;

  return name != NULL && *name != '\0' ? name : session->staff->account;
}

YkRole
yk_session_get_role (YkSession *session)
{
  return g_strcmp0 (session->staff->role, "coordinator") == 0 ? YK_ROLE_COORDINATOR : YK_ROLE_WORKER;
}

gint64
yk_session_get_staff_id (YkSession *session)
{
  return session->staff->id;
}

gint64
yk_session_get_site_id (YkSession *session)
{
  return session->staff->site_id;
}

gboolean
yk_session_require_coordinator (YkSession *session,
                                GError   **error)
{
  if (yk_session_get_role (session) == YK_ROLE_COORDINATOR)
    return TRUE;
  g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN,
                       _("Only a coordinator can do this"));
  return FALSE;
}

/* What a snapshot's reader does that is only reading: it cannot go into
 * the snapshot's trail (the file is never written), and is not refused
 * for that (docs/design/security.md, "Snapshots"). */
static gboolean
only_reads (const char *action)
{
  static const char *const reads[] = { "unlock", "open_case", "export", "names_unmask", "names_mask",
                                       "dossier_print", "dossier_export", "attachment_save", NULL };

  return g_strv_contains (reads, action);
}

gboolean
yk_session_audit (YkSession  *session,
                  const char *action,
                  const char *record_table,
                  gint64      record_id,
                  const char *detail,
                  GError    **error)
{
  /* Signed with the unlocking account's own key (none with the recovery key). */
  YkAuditSigner signer = { yk_store_get_database_id (session->store), yk_store_get_signing_key (session->store) };
  const char *account = session->staff ? session->staff->account : NULL;
  sqlite3 *db = yk_store_get_connection (session->store);

  /* Every change is audited: the one place every write passes, besides
   * the read-only connections that refuse it at SQLite's level. A
   * snapshot or a district view is never written: its reads go
   * unrecorded, anything else is refused. */
  if (session->district != NULL)
    {
      if (g_strv_contains (read_actions, action))
        return TRUE;
      _yk_session_set_read_only_error (error);
      return FALSE;
    }
  if (is_snapshot (session))
    {
      if (only_reads (action))
        return TRUE;
      yk_db_set_read_only_error (error, yk_store_get_path (session->store));
      return FALSE;
    }
  /* On record before the first entry it signs; after that, a no-op. */
  if (signer.signing_key != NULL && account != NULL &&
      !yk_audit_register_signer (db, account, yk_signing_key_public (signer.signing_key), error))
    return FALSE;
  return yk_audit_append (db, session->audit_key, &signer, account, action, record_table, record_id, detail,
                          error);
}

gboolean
yk_session_check_audit (YkSession    *session,
                        YkAuditCheck *check,
                        GError      **error)
{
  return yk_session_check_audit_head (session, NULL, check, error);
}

gboolean
yk_session_check_audit_head (YkSession         *session,
                             const YkAuditHead *expected,
                             YkAuditCheck      *check,
                             GError           **error)
{
  return yk_audit_verify (yk_store_get_connection (session->store), session->audit_key,
                          yk_store_get_database_id (session->store), expected, check, error);
}

gboolean
yk_session_audit_head (YkSession *session,
                       char     **head,
                       GError   **error)
{
  YkAuditHead value;

  *head = NULL;
  if (!yk_audit_read_head (yk_store_get_connection (session->store), &value, error))
    return FALSE;
  if (value.id > 0)
    *head = yk_audit_head_format (&value);
  return TRUE;
}

/* The store signs the trail anew under the new key in the same copy;
 * the session's audit key goes with it, and the rotation is the first
 * entry signed with it. Nothing may use another connection meanwhile
 * (YK_DB_ERROR_CONNECTIONS_OPEN otherwise). */
gboolean
yk_session_rotate_key (YkSession *session,
                       char     **recovery_key,
                       GError   **error)
{
  if (session->district != NULL)
    {
      _yk_session_set_read_only_error (error);
      return FALSE;
    }
  if (!yk_session_require_coordinator (session, error) ||
      !yk_store_rotate_key (session->store, recovery_key, error))
    return FALSE;
  yk_secret_free (session->audit_key);
  session->audit_key = yk_store_derive_audit_key (session->store);
  return yk_session_audit (session, "key_rotate", NULL, 0, NULL, error);
}
