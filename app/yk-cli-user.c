/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-cli-private.h"
#include "yk-accounts.h"
#include "yk-app-error.h"
#include "yk-password.h"
#include "yk-text.h"

#include <glib/gi18n.h>
#include <stdio.h>

static int
user_list (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  GOptionEntry entries[] = { YK_CLI_AUTH_ENTRIES (auth), { NULL } };
  g_autoptr (YkSession) session = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  GError *error = NULL;

  if (!yk_cli_parse ("user list", NULL, entries, &argc, &argv, &error) ||
      (session = yk_cli_open_session (&auth, &error)) == NULL ||
      (rows = yk_accounts_list (session, &error)) == NULL)
    {
      yk_cli_auth_clear (&auth);
      return yk_cli_fail (error);
    }
  for (guint i = 0; i < rows->len; i++)
    {
      YkStaffRow *row = rows->pdata[i];
      g_autoptr (GString) line = g_string_new (NULL);

      yk_text_append_padded (line, row->account, 21, FALSE);
      yk_text_append_padded (line, g_str_equal (row->role, "coordinator") ? _("coordinator") : _("worker"), 13, FALSE);
      yk_text_append_padded (line, row->site_code ? row->site_code : "-", 7, FALSE);
      printf ("%s%s\n", line->str, row->display_name);
    }
  yk_cli_auth_clear (&auth);
  return YK_EXIT_OK;
}

static gboolean
parse_role (const char *name,
            YkRole     *role,
            GError    **error)
{
  if (g_strcmp0 (name, "worker") == 0)
    *role = YK_ROLE_WORKER;
  else if (g_strcmp0 (name, "coordinator") == 0)
    *role = YK_ROLE_COORDINATOR;
  else
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_USAGE,
                   _("--role must be worker or coordinator"));
      return FALSE;
    }
  return TRUE;
}

/* With --key-from the account's key slot is copied from a database where
 * the person already has one (docs/design/security.md, "Portable key
 * slots"): no password is asked, and theirs there opens this file too. */
static int
user_add (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  g_autofree char *account = NULL, *role_name = NULL, *site = NULL, *display_name = NULL;
  g_autofree char *account_password_file = NULL, *kdf = NULL, *key_from = NULL;
  GOptionEntry entries[] = {
    YK_CLI_AUTH_ENTRIES (auth),
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("The new account’s user name"), N_("NAME") },
    { "role", 0, 0, G_OPTION_ARG_STRING, &role_name, N_("worker or coordinator"), N_("ROLE") },
    { "site", 0, 0, G_OPTION_ARG_STRING, &site, N_("The site code (needed for a worker)"), N_("CODE") },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &display_name, N_("The name shown for that person"), N_("TEXT") },
    { "account-password-file", 0, 0, G_OPTION_ARG_FILENAME, &account_password_file,
      N_("Read the new account’s password from the first line of FILE"), N_("FILE") },
    { "kdf", 0, 0, G_OPTION_ARG_STRING, &kdf, N_("Key derivation cost: interactive, moderate (default) or sensitive"), N_("COST") },
    { "key-from", 0, 0, G_OPTION_ARG_FILENAME, &key_from,
      N_("Copy the account’s key from another database it has: its password there opens this one too"), N_("FILE") },
    { NULL }
  };
  g_autoptr (YkSession) session = NULL;
  g_autoptr (YkPassword) password = NULL;
  GError *error = NULL;
  gboolean authenticated = FALSE;
  YkKdfLevel level;
  YkRole role;
  gboolean ok;

  ok = yk_cli_parse ("user add", NULL, entries, &argc, &argv, &error) &&
       yk_cli_require (account, "--account", &error) &&
       yk_cli_require (role_name, "--role", &error) && parse_role (role_name, &role, &error) &&
       yk_cli_parse_kdf (kdf, &level, &error);
  if (ok && key_from != NULL && (account_password_file != NULL || kdf != NULL))
    {
      g_set_error_literal (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE,
                           _("--account-password-file and --kdf do not go with --key-from: the account keeps "
                             "the password and key slot it has there"));
      ok = FALSE;
    }
  if (ok && key_from != NULL && !g_file_test (key_from, G_FILE_TEST_EXISTS))
    {
      g_set_error (&error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no database file “%1$s”"), key_from);
      ok = FALSE;
    }
  ok = ok &&
       (session = yk_cli_open_session (&auth, &error)) != NULL &&
       yk_session_require_coordinator (session, &error);
  if (ok && key_from != NULL)
    ok = yk_accounts_add_key_from (session, account, key_from, role, site, display_name, &authenticated, &error);
  else if (ok)
    ok = (password = yk_password_read (account_password_file, _("New account’s password: "), TRUE, &error)) != NULL &&
         yk_accounts_add (session, account, password, role, site, display_name, level, &error);
  yk_cli_auth_clear (&auth);
  if (!ok)
    return yk_cli_fail (error);
  if (key_from != NULL)
    {
      printf (_("Added the account “%1$s” with its key and password of %2$s.\n"), account, key_from);
      /* Nothing in that file could be checked: its key slots are plain text. */
      if (!authenticated)
        fprintf (stderr, _("yukang: warning: your own key does not open %1$s, so its header could not be "
                           "checked. Make sure it is a file “%2$s” uses: whoever could change it could have "
                           "put their own key in place of theirs.\n"), key_from, account);
      return YK_EXIT_OK;
    }
  printf (_("Added the account “%1$s”.\n"), account);
  return YK_EXIT_OK;
}

/* Removing someone who left changes the database key too, unless
 * --keep-key (docs/design/security.md, "Hardening"): they may have kept
 * the key, and an old copy of the header still holds their slot. */
static int
user_remove (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  g_autofree char *account = NULL;
  g_autofree char *recovery_key = NULL;
  gboolean keep_key = FALSE;
  GOptionEntry entries[] = {
    YK_CLI_AUTH_ENTRIES (auth),
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("The account to remove"), N_("NAME") },
    { "keep-key", 0, 0, G_OPTION_ARG_NONE, &keep_key,
      N_("Do not change the database key (the removed person’s old copies and key keep working)"), NULL },
    { NULL }
  };
  g_autoptr (YkSession) session = NULL;
  GError *error = NULL;
  gboolean ok;

  ok = yk_cli_parse ("user remove", NULL, entries, &argc, &argv, &error) &&
       yk_cli_require (account, "--account", &error) &&
       (session = yk_cli_open_session (&auth, &error)) != NULL &&
       yk_accounts_remove (session, account, &error);
  yk_cli_auth_clear (&auth);
  if (!ok)
    return yk_cli_fail (error);
  if (keep_key)
    {
      printf (_("Removed the account “%1$s”. Its password no longer unlocks this file.\n"), account);
      fprintf (stderr, "%s\n",
               _("yukang: warning: the database key was kept. The removed person’s old password still "
                 "opens older copies of this file (backups, or its old header put back), and a key "
                 "they may have kept still decrypts it. Run “yukang user rotate-key” to change it."));
      return YK_EXIT_OK;
    }
  printf (_("Removed the account “%1$s”.\n"), account);
  if (!yk_session_rotate_key (session, &recovery_key, &error))
    {
      g_prefix_error (&error, _("The account was removed, but the database key was not changed: "));
      return yk_cli_fail (error);
    }
  printf ("%s\n", _("Changed the database key: the removed person’s password and any key they kept no longer "
                    "open this file. Every remaining account still unlocks it; the old recovery key no "
                    "longer does."));
  yk_cli_print_recovery_key (recovery_key);
  return YK_EXIT_OK;
}

/* With --recovery-key-file, --user may be left out: the session acts
 * as the account whose password is set (a forgotten password). */
static int
user_passwd (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  g_autofree char *account = NULL, *new_password_file = NULL, *kdf = NULL;
  GOptionEntry entries[] = {
    YK_CLI_AUTH_ENTRIES (auth),
    { "account", 0, 0, G_OPTION_ARG_STRING, &account, N_("Whose password (default: yours)"), N_("NAME") },
    { "new-password-file", 0, 0, G_OPTION_ARG_FILENAME, &new_password_file,
      N_("Read the new password from the first line of FILE"), N_("FILE") },
    { "kdf", 0, 0, G_OPTION_ARG_STRING, &kdf, N_("Key derivation cost: interactive, moderate (default) or sensitive"), N_("COST") },
    { NULL }
  };
  g_autoptr (YkSession) session = NULL;
  g_autoptr (YkPassword) password = NULL;
  GError *error = NULL;
  YkKdfLevel level;
  gboolean ok;

  ok = yk_cli_parse ("user passwd", NULL, entries, &argc, &argv, &error) &&
       yk_cli_parse_kdf (kdf, &level, &error);
  if (ok && auth.recovery_key_file != NULL && auth.user == NULL && account != NULL)
    auth.user = g_strdup (account);
  ok = ok &&
       (session = yk_cli_open_session (&auth, &error)) != NULL &&
       (account == NULL || g_strcmp0 (account, auth.user) == 0 ||
        yk_session_require_coordinator (session, &error)) &&
       (password = yk_password_read (new_password_file, _("New password: "), TRUE, &error)) != NULL &&
       yk_accounts_set_password (session, account, password, level, &error);
  if (!ok)
    {
      yk_cli_auth_clear (&auth);
      return yk_cli_fail (error);
    }
  printf (_("Changed the password of “%1$s”.\n"), account ? account : auth.user);
  yk_cli_auth_clear (&auth);
  return YK_EXIT_OK;
}

/* When someone leaves (docs/design/formats.md, `user rotate-key`): a new
 * database key for the accounts that remain (yk_session_rotate_key),
 * and a new recovery key, printed last. */
static int
user_rotate_key (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  GOptionEntry entries[] = {
    YK_CLI_AUTH_ENTRIES (auth),
    { NULL }
  };
  g_autoptr (YkSession) session = NULL;
  g_autofree char *recovery_key = NULL;
  GError *error = NULL;
  gboolean ok;

  ok = yk_cli_parse ("user rotate-key", NULL, entries, &argc, &argv, &error) &&
       (session = yk_cli_open_session (&auth, &error)) != NULL &&
       yk_session_rotate_key (session, &recovery_key, &error);
  yk_cli_auth_clear (&auth);
  if (!ok)
    return yk_cli_fail (error);
  printf ("%s\n", _("Changed the database key. Every remaining account still unlocks it; the old recovery "
                    "key no longer does."));
  yk_cli_print_recovery_key (recovery_key);
  return YK_EXIT_OK;
}

int
yk_cli_user (int argc, char **argv)
{
  static const struct
  {
    const char *name;
    int (*run) (int argc, char **argv);
  } subcommands[] = {
    { "list", user_list },
    { "add", user_add },
    { "remove", user_remove },
    { "passwd", user_passwd },
    { "rotate-key", user_rotate_key },
  };

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
      if (g_str_equal (argv[1], subcommands[i].name))
        return subcommands[i].run (argc - 1, argv + 1);
  fprintf (stderr, "%s\n", _("Usage: yukang user list|add|remove|passwd|rotate-key --db FILE --user NAME "
                             "[--password-file FILE|--recovery-key-file FILE] [OPTION…]"));
  return YK_EXIT_USAGE;
}
