/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-accounts.h"
#include "yk-app-error.h"
#include "yk-crypto-error.h"
#include "yk-key-slot.h"

#include <glib/gi18n.h>
#include <string.h>

static sqlite3 *
db_of (YkSession *session)
{
  return yk_store_get_connection (yk_session_get_store (session));
}

static gboolean
check_account_name (const char *account,
                    GError    **error)
{
  if (account == NULL || *account == '\0' || strlen (account) > 64 ||
      !g_utf8_validate (account, -1, NULL) || strpbrk (account, " \t\r\n") != NULL)
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("A user name is 1 to 64 bytes with no spaces"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
check_role_site (YkRole      role,
                 const char *site,
                 GError    **error)
{
  if (role == YK_ROLE_WORKER && site == NULL)
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("A social worker’s account needs a site"));
      return FALSE;
    }
  return TRUE;
}

/* The id of site `code`; 0 with an error when there is none. */
static gint64
find_site (sqlite3    *db,
           const char *code,
           GError    **error)
{
  GError *local_error = NULL;
  gint64 site_id = yk_db_site_find (db, code, &local_error);

  if (local_error != NULL)
    g_propagate_error (error, local_error);
  else if (site_id == 0)
    g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no site “%1$s”"), code);
  return site_id;
}

/* The staff row, its audit entry, then the key slot (`add_slot`): if
 * anything before the slot fails, nothing is written. */
typedef gboolean (*YkAddSlot) (YkSession *session,
                               gpointer   data,
                               GError   **error);

static gboolean
add_account (YkSession  *session,
             const char *account,
             YkRole      role,
             const char *site,
             const char *display_name,
             const char *detail,
             YkAddSlot   add_slot,
             gpointer    data,
             GError    **error)
{
  sqlite3 *db = db_of (session);
  g_autoptr (YkStaffRow) existing = NULL;
  gint64 site_id = 0;
  gint64 staff_id = 0;

  if (!check_role_site (role, site, error))
    return FALSE;
  if (!yk_db_begin (db, error))
    return FALSE;
  if (site != NULL && (site_id = find_site (db, site, error)) == 0)
    goto fail;
  existing = yk_db_staff_find_account (db, account, error);
  if (existing != NULL)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("An account named “%1$s” already exists"), account);
      goto fail;
    }
  if (!yk_db_staff_insert (db, display_name ? display_name : account, site_id,
                           role == YK_ROLE_COORDINATOR ? "coordinator" : "worker", account, &staff_id, error) ||
      !yk_session_audit (session, "account_add", "staff", staff_id, detail, error) ||
      !add_slot (session, data, error))
    goto fail;
  return yk_db_commit (db, error);

fail:
  yk_db_rollback (db);
  return FALSE;
}

typedef struct
{
  const char *account;
  const char *password;
  YkKdfLevel level;
  const char *other_path;
  gboolean *authenticated;
} YkNewSlot;

static gboolean
add_password_slot (YkSession *session,
                   gpointer   data,
                   GError   **error)
{
  YkNewSlot *slot = data;

  return yk_store_add_account (yk_session_get_store (session), slot->account, slot->password, slot->level,
                               error);
}

static gboolean
copy_slot (YkSession *session,
           gpointer   data,
           GError   **error)
{
  YkNewSlot *slot = data;

  return yk_store_add_account_key_from (yk_session_get_store (session), slot->account, slot->other_path,
                                        slot->authenticated, error);
}

gboolean
yk_accounts_add (YkSession  *session,
                 const char *account,
                 const char *password,
                 YkRole      role,
                 const char *site,
                 const char *display_name,
                 YkKdfLevel  level,
                 GError    **error)
{
  YkNewSlot slot = { .account = account, .password = password, .level = level };

  if (!yk_session_require_coordinator (session, error) || !check_account_name (account, error) ||
      !yk_password_check_strength (password, error))
    return FALSE;
  return add_account (session, account, role, site, display_name, account, add_password_slot, &slot, error);
}

gboolean
yk_accounts_add_key_from (YkSession  *session,
                          const char *account,
                          const char *other_path,
                          YkRole      role,
                          const char *site,
                          const char *display_name,
                          gboolean   *authenticated,
                          GError    **error)
{
  g_autofree char *other_name = NULL;
  g_autofree char *detail = NULL;
  gboolean checked = FALSE;
  YkNewSlot slot = { .account = account, .other_path = other_path, .authenticated = &checked };

  g_return_val_if_fail (other_path != NULL, FALSE);
  if (authenticated != NULL)
    *authenticated = FALSE;
  if (!yk_session_require_coordinator (session, error) || !check_account_name (account, error))
    return FALSE;
  other_name = g_path_get_basename (other_path);
  /* The trail names the file by its name only, never its folder. */
  detail = g_strdup_printf ("%s, key from %s", account, other_name);
  if (!add_account (session, account, role, site, display_name, detail, copy_slot, &slot, error))
    return FALSE;
  if (authenticated != NULL)
    *authenticated = checked;
  return TRUE;
}

gboolean
yk_accounts_set_role (YkSession  *session,
                      const char *account,
                      YkRole      role,
                      const char *site,
                      GError    **error)
{
  sqlite3 *db = db_of (session);
  g_autoptr (YkStaffRow) staff = NULL;
  g_autofree char *detail = NULL;
  const char *role_name = role == YK_ROLE_COORDINATOR ? "coordinator" : "worker";
  gint64 site_id = 0;

  if (!yk_session_require_coordinator (session, error))
    return FALSE;
  if (g_strcmp0 (account, yk_session_get_account (session)) == 0)
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("Another coordinator must change your own role"));
      return FALSE;
    }
  if (!check_role_site (role, site, error))
    return FALSE;
  if (!yk_db_begin (db, error))
    return FALSE;
  if (role == YK_ROLE_WORKER && (site_id = find_site (db, site, error)) == 0)
    goto fail;
  staff = yk_db_staff_find_account (db, account, error);
  if (staff == NULL)
    {
      if (error != NULL && *error == NULL)
        g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no account “%1$s”"), account);
      goto fail;
    }
  if (g_strcmp0 (staff->role, role_name) == 0 && staff->site_id == site_id)
    return yk_db_commit (db, error);
  /* Roles and site codes only: no personal data in the trail. */
  detail = g_strdup_printf ("%s %s→%s %s", staff->role, staff->site_code ? staff->site_code : "-", role_name,
                            site != NULL && role == YK_ROLE_WORKER ? site : "-");
  if (!yk_db_staff_set_role (db, staff->id, role_name, site_id, error) ||
      !yk_session_audit (session, "account_role", "staff", staff->id, detail, error))
    goto fail;
  return yk_db_commit (db, error);

fail:
  yk_db_rollback (db);
  return FALSE;
}

gboolean
yk_accounts_change_own_password (YkSession  *session,
                                 const char *current,
                                 const char *password,
                                 YkKdfLevel  level,
                                 GError    **error)
{
  g_autoptr (GError) wrong = NULL;

  /* The cheap check first: Argon2id only for a password that could be set. */
  if (!yk_password_check_strength (password, error))
    return FALSE;
  if (!yk_store_check_password (yk_session_get_store (session), yk_session_get_account (session),
                                current != NULL ? current : "", &wrong))
    {
      if (!g_error_matches (wrong, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD))
        {
          g_propagate_error (error, g_steal_pointer (&wrong));
          return FALSE;
        }
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, _("The current password is not right"));
      return FALSE;
    }
  return yk_accounts_set_password (session, NULL, password, level, error);
}

gboolean
yk_accounts_remove (YkSession  *session,
                    const char *account,
                    GError    **error)
{
  sqlite3 *db = db_of (session);
  g_autoptr (YkStaffRow) staff = NULL;

  if (!yk_session_require_coordinator (session, error))
    return FALSE;
  if (g_strcmp0 (account, yk_session_get_account (session)) == 0)
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("You cannot remove the account you are signed in with"));
      return FALSE;
    }
  if (!yk_db_begin (db, error))
    return FALSE;
  staff = yk_db_staff_find_account (db, account, error);
  if ((staff != NULL && !yk_db_staff_release_account (db, account, error)) ||
      !yk_session_audit (session, "account_remove", "staff", staff ? staff->id : 0, account, error) ||
      !yk_store_remove_account (yk_session_get_store (session), account, error))
    {
      yk_db_rollback (db);
      return FALSE;
    }
  return yk_db_commit (db, error);
}

gboolean
yk_accounts_set_password (YkSession  *session,
                          const char *account,
                          const char *password,
                          YkKdfLevel  level,
                          GError    **error)
{
  sqlite3 *db = db_of (session);
  g_autoptr (YkStaffRow) staff = NULL;
  gboolean own = account == NULL || g_strcmp0 (account, yk_session_get_account (session)) == 0;

  if (own)
    account = yk_session_get_account (session);
  else if (!yk_session_require_coordinator (session, error))
    return FALSE;
  if (!yk_password_check_strength (password, error) || !yk_db_begin (db, error))
    return FALSE;
  staff = yk_db_staff_find_account (db, account, error);
  if (!yk_session_audit (session, yk_session_opened_with_recovery_key (session) ? "password_recover"
                                  : own ? "password_change" : "password_reset", "staff",
                         staff ? staff->id : 0, account, error) ||
      !yk_store_set_password (yk_session_get_store (session), account, password, level, error))
    {
      yk_db_rollback (db);
      return FALSE;
    }
  return yk_db_commit (db, error);
}

GPtrArray *
yk_accounts_list (YkSession *session,
                  GError   **error)
{
  return yk_db_staff_list_accounts (db_of (session), error);
}

/* 忘记密码 (docs/design/security.md, "Recovery"): whoever holds the
 * recovery key sets a new password for `account`, which then unlocks as
 * usual. Audited as that account, `unlock_recovery` then
 * `password_recover`. */
gboolean
yk_accounts_recover_password (const char *path,
                              const char *recovery_key,
                              const char *account,
                              const char *password,
                              YkKdfLevel  level,
                              GError    **error)
{
  g_autoptr (YkSession) session = NULL;

  /* The cheap checks first: no key derivation for a password that could not be set. */
  if (!check_account_name (account, error) || !yk_password_check_strength (password, error))
    return FALSE;
  session = yk_session_open_with_recovery_key (path, account, recovery_key, error);
  return session != NULL && yk_accounts_set_password (session, NULL, password, level, error);
}
