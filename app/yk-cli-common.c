/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-config.h"
#include "yk-cli-private.h"
#include "yk-app-error.h"
#include "yk-keys.h"
#include "yk-password.h"

#include <glib/gi18n.h>
#include <stdio.h>

void
yk_cli_auth_clear (YkCliAuth *auth)
{
  g_clear_pointer (&auth->db, g_free);
  g_clear_pointer (&auth->user, g_free);
  g_clear_pointer (&auth->password_file, g_free);
  g_clear_pointer (&auth->recovery_key_file, g_free);
  g_clear_pointer (&auth->dbs, g_strfreev);
  g_clear_pointer (&auth->district, g_free);
}

/* A new recovery key (init, a key change): the last line of standard
 * output, shown this once. */
void
yk_cli_print_recovery_key (const char *recovery_key)
{
  printf ("%s\n", _("Recovery key — it unlocks the database if every password is lost. Write it "
                    "down and keep it somewhere safe: it is shown only this once."));
  printf ("%s\n", recovery_key);
}

/* Parses the options of one command; anything left over is a usage error
 * unless the command takes parameters. */
gboolean
yk_cli_parse (const char   *command,
              const char   *parameters,
              GOptionEntry *entries,
              int          *argc,
              char       ***argv,
              GError      **error)
{
  g_autofree char *title = g_strdup_printf ("%s %s", command, parameters ? parameters : "");
  g_autoptr (GOptionContext) context = g_option_context_new (title);
  g_autoptr (GError) parse_error = NULL;

  g_option_context_set_translation_domain (context, GETTEXT_PACKAGE);
  g_option_context_add_main_entries (context, entries, GETTEXT_PACKAGE);
  if (!g_option_context_parse (context, argc, argv, &parse_error))
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_USAGE, parse_error->message);
      return FALSE;
    }
  if (parameters == NULL && *argc > 1)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_USAGE,
                   _("Unexpected argument “%1$s”"), (*argv)[1]);
      return FALSE;
    }
  return TRUE;
}

gboolean
yk_cli_require (const char *value,
                const char *option,
                GError    **error)
{
  if (value != NULL && *value != '\0')
    return TRUE;
  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_USAGE, _("Missing %1$s"), option);
  return FALSE;
}

gboolean
yk_cli_parse_kdf (const char *name,
                  YkKdfLevel *level,
                  GError    **error)
{
  *level = YK_KDF_MODERATE;
  if (name == NULL || yk_kdf_level_parse (name, level))
    return TRUE;
  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_USAGE,
               _("--kdf must be interactive, moderate or sensitive, not “%1$s”"), name);
  return FALSE;
}

YkSession *
yk_cli_open_session (YkCliAuth *auth,
                     GError   **error)
{
  g_autoptr (YkPassword) password = NULL;

  if (!yk_cli_require (auth->db, "--db", error) || !yk_cli_require (auth->user, "--user", error))
    return NULL;
  if (auth->password_file != NULL && auth->recovery_key_file != NULL)
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_USAGE,
                           _("Give --password-file or --recovery-key-file, not both"));
      return NULL;
    }
  if (!g_file_test (auth->db, G_FILE_TEST_EXISTS))
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND,
                   _("There is no database file “%1$s”"), auth->db);
      return NULL;
    }
  /* The recovery key opens the file and the command acts as --user
   * (docs/design/formats.md, "--recovery-key-file"). */
  if (auth->recovery_key_file != NULL)
    {
      password = yk_password_read (auth->recovery_key_file, NULL, FALSE, error);
      return password != NULL ? yk_session_open_with_recovery_key (auth->db, auth->user, password, error) : NULL;
    }
  password = yk_password_read (auth->password_file, _("Password: "), FALSE, error);
  if (password == NULL)
    return NULL;
  return yk_session_open (auth->db, auth->user, password, error);
}

/* A district view (docs/design/district.md, "Command line"): every file
 * given, or every *.ykdb in the folder, opened with one password. What
 * it could not include is said on standard error; reports say it too. */
YkSession *
yk_cli_open_view (YkCliAuth   *auth,
                  YkSession  **owned,
                  YkDistrict **district,
                  GError     **error)
{
  guint n_dbs = auth->dbs != NULL ? g_strv_length (auth->dbs) : 0;
  g_autoptr (YkPassword) password = NULL;
  g_auto (GStrv) paths = NULL;
  GPtrArray *files;

  *owned = NULL;
  *district = NULL;
  if (auth->district != NULL && n_dbs > 0)
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_USAGE, _("Give --db or --district, not both"));
      return NULL;
    }
  if (auth->district == NULL && n_dbs <= 1)
    {
      g_free (auth->db);
      auth->db = n_dbs == 1 ? g_strdup (auth->dbs[0]) : NULL;
      *owned = yk_cli_open_session (auth, error);
      return *owned;
    }
  if (!yk_cli_require (auth->user, "--user", error))
    return NULL;
  if (auth->recovery_key_file != NULL)
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_USAGE,
                           _("A district view opens with a password, not with a file’s recovery key"));
      return NULL;
    }
  if (auth->district != NULL)
    {
      paths = yk_district_list_folder (auth->district, error);
      if (paths == NULL)
        return NULL;
      if (paths[0] == NULL)
        {
          g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no *.ykdb file in “%1$s”"),
                       auth->district);
          return NULL;
        }
    }
  else
    paths = g_strdupv (auth->dbs);
  password = yk_password_read (auth->password_file, _("Password: "), FALSE, error);
  if (password == NULL)
    return NULL;
  *district = yk_district_open ((const char *const *) paths, auth->user, password, error);
  if (*district == NULL)
    return NULL;
  if (yk_district_get_state_problem (*district) != NULL)
    fprintf (stderr, "yukang: %s\n", yk_district_get_state_problem (*district));
  files = yk_district_get_files (*district);
  for (guint i = 0; i < files->len; i++)
    {
      YkDistrictFile *file = files->pdata[i];

      if (file->problem != NULL)
        /* TRANSLATORS: %1$s is a file, %2$s why it is not opened */
        fprintf (stderr, _("yukang: “%1$s” is left out: %2$s\n"), file->name, file->problem);
    }
  return yk_district_get_session (*district);
}

/* Prints the error as "yukang: …" and returns the exit status for it. */
int
yk_cli_fail (GError *error)
{
  gboolean usage = g_error_matches (error, YK_APP_ERROR, YK_APP_ERROR_USAGE);

  fprintf (stderr, "yukang: %s\n", error->message);
  if (usage)
    fprintf (stderr, "%s\n", _("Run “yukang COMMAND --help” for the options."));
  g_error_free (error);
  return usage ? YK_EXIT_USAGE : YK_EXIT_FAILED;
}

/* A command's text output: standard output, or FILE written whole
 * (g_file_set_contents writes a temporary file and renames it), so a
 * failed run never leaves half a file. */
gboolean
yk_cli_write_output (const char *output,
                     const char *text,
                     GError    **error)
{
  if (output == NULL)
    {
      fputs (text, stdout);
      return TRUE;
    }
  return g_file_set_contents (output, text, -1, error);
}
