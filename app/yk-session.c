/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-session.h"
#include "yk-app-error.h"
#include "yk-audit.h"
#include "yk-crypto-error.h"
#include "yk-db-staff.h"
#include "yk-schema.h"
#include "yk-secret.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

struct _YkSession
{
  YkStore *store;
  YkSecret *audit_key;
  YkStaffRow *staff;
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

YkSession *
yk_session_create (const char *path,
                   const char *account,
                   const char *display_name,
                   const char *password,
                   YkKdfLevel  level,
                   char      **recovery_key,
                   GError    **error)
{
  g_autoptr (YkSession) session = NULL;
  g_autofree char *key_text = NULL;
  YkStore *store;
  sqlite3 *db;
  gint64 staff_id = 0;

  store = yk_store_create (path, account, password, level, &key_text, error);
  if (store == NULL)
    return NULL;
  session = session_new (store);
  db = yk_store_get_connection (store);

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
      !yk_session_audit (session, "create", "staff", staff_id, NULL, error) ||
      !yk_db_commit (db, error))
    goto fail_rollback;

  *recovery_key = g_steal_pointer (&key_text);
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

/* A failed unlock cannot be written to the encrypted audit trail: there
 * is no key. It goes to a small plaintext file beside the database
 * (time and the user name typed, nothing else) and is moved into the
 * audit trail at the next successful unlock. */
static char *
failed_unlocks_path (const char *path)
{
  return g_strconcat (path, ".failed-unlocks", NULL);
}

static void
note_failed_unlock (const char *path,
                    const char *account)
{
  g_autofree char *log_path = failed_unlocks_path (path);
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  g_autofree char *when = g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
  g_autofree char *who = g_strescape (account ? account : "", NULL);
  g_autofree char *line = g_strdup_printf ("%s\t%s\n", when, who);
  int fd = g_open (log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0600);

  if (fd < 0)
    return;
  if (write (fd, line, strlen (line)) < 0)
    g_debug ("could not note a failed unlock");
  close (fd);
}

static gboolean
audit_failed_unlocks (YkSession  *session,
                      const char *path,
                      GError    **error)
{
  g_autofree char *log_path = failed_unlocks_path (path);
  g_autofree char *contents = NULL;
  g_auto (GStrv) lines = NULL;
  sqlite3 *db = yk_store_get_connection (session->store);

  if (!g_file_get_contents (log_path, &contents, NULL, NULL))
    return TRUE;
  lines = g_strsplit (contents, "\n", -1);
  if (!yk_db_begin (db, error))
    return FALSE;
  for (guint i = 0; lines[i] != NULL; i++)
    if (*lines[i] != '\0' && !yk_session_audit (session, "unlock_failed", NULL, 0, lines[i], error))
      {
        yk_db_rollback (db);
        return FALSE;
      }
  if (!yk_db_commit (db, error))
    return FALSE;
  g_unlink (log_path);
  return TRUE;
}

YkSession *
yk_session_open (const char *path,
                 const char *account,
                 const char *password,
                 GError    **error)
{
  g_autoptr (YkSession) session = NULL;
  g_autoptr (GError) local_error = NULL;
  YkStore *store;
  sqlite3 *db;

  store = yk_store_unlock (path, account, password, &local_error);
  if (store == NULL)
    {
      if (g_error_matches (local_error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD))
        note_failed_unlock (path, account);
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  session = session_new (store);
  db = yk_store_get_connection (store);
  if (!yk_schema_migrate (db, error))
    return NULL;

  session->staff = yk_db_staff_find_account (db, account, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (session->staff == NULL || !session->staff->active)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN,
                   _("The account “%1$s” unlocks this database but belongs to nobody on its staff "
                     "list; ask a coordinator to set it up again"), account);
      return NULL;
    }
  if (!audit_failed_unlocks (session, path, error) ||
      !yk_session_audit (session, "unlock", NULL, 0, NULL, error))
    return NULL;
  return g_steal_pointer (&session);
}

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

gboolean
yk_session_audit (YkSession  *session,
                  const char *action,
                  const char *record_table,
                  gint64      record_id,
                  const char *detail,
                  GError    **error)
{
  return yk_audit_append (yk_store_get_connection (session->store), session->audit_key,
                          session->staff ? session->staff->account : NULL, action, record_table,
                          record_id, detail, error);
}

gboolean
yk_session_check_audit (YkSession    *session,
                        YkAuditCheck *check,
                        GError      **error)
{
  return yk_audit_verify (yk_store_get_connection (session->store), session->audit_key, check, error);
}

/* The store signs the trail anew under the new key in the same copy;
 * the session's audit key goes with it, and the rotation is the first
 * entry signed with it. Nothing may use another connection meanwhile
 * (YK_DB_ERROR_CONNECTIONS_OPEN otherwise). */
gboolean
yk_session_rotate_key (YkSession *session,
                       GError   **error)
{
  if (!yk_session_require_coordinator (session, error) ||
      !yk_store_rotate_key (session->store, error))
    return FALSE;
  yk_secret_free (session->audit_key);
  session->audit_key = yk_store_derive_audit_key (session->store);
  return yk_session_audit (session, "key_rotate", NULL, 0, NULL, error);
}
