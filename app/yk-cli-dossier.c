/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-config.h"
#include "yk-cli-private.h"
#include "yk-app-error.h"
#include "yk-dossier.h"
#include "yk-reader.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

/* "12/71" on standard error as each person's pages are done: on a
 * terminal one line rewritten, otherwise one line each. */
static void
progress_cb (guint    done,
             guint    total,
             gpointer user_data)
{
  gboolean terminal = GPOINTER_TO_INT (user_data);

  fprintf (stderr, terminal ? "\r%u/%u" : "%u/%u\n", done, total);
  if (terminal && done == total)
    fputc ('\n', stderr);
  fflush (stderr);
}

/* yukang dossier: one person's case file (--case), or a site's people
 * (--site, --status) in one PDF (docs/design/formats.md, dossier.md). */
int
yk_cli_dossier (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  g_autofree char *case_no = NULL, *site = NULL, *status = NULL, *output = NULL;
  gboolean with_pictures = FALSE;
  GOptionEntry entries[] = {
    YK_CLI_AUTH_ENTRIES (auth),
    { "case", 0, 0, G_OPTION_ARG_STRING, &case_no, N_("The person’s case number"), N_("CASE_NO") },
    { "site", 0, 0, G_OPTION_ARG_STRING, &site, N_("Every person of a site (its code), in one PDF"), N_("CODE") },
    { "status", 0, 0, G_OPTION_ARG_STRING, &status, N_("With --site: only active, referred or closed cases"),
      N_("STATUS") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output,
      N_("The PDF to write (default 个案档案_CASE_NO.pdf, or 个案档案_CODE.pdf, in the current folder)"),
      N_("FILE.pdf") },
    { "with-pictures", 0, 0, G_OPTION_ARG_NONE, &with_pictures,
      N_("Append the attached scans and photos (JPEG, PNG) after the list of attachments"), NULL },
    { NULL }
  };
  g_autoptr (YkSession) session = NULL;
  g_autoptr (YkReader) reader = NULL;
  g_autoptr (GArray) ids = NULL;
  g_autoptr (GPtrArray) people = NULL;
  gboolean terminal = isatty (fileno (stderr));
  GError *error = NULL;

  if (!yk_cli_parse ("dossier", NULL, entries, &argc, &argv, &error))
    goto fail;
  if ((case_no == NULL) == (site == NULL))
    {
      g_set_error_literal (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE, _("Give either --case or --site"));
      goto fail;
    }
  if (status != NULL && site == NULL)
    {
      g_set_error_literal (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE, _("--status goes with --site"));
      goto fail;
    }
  if (status != NULL && !g_strv_contains ((const char *const[]){ "active", "referred", "closed", NULL }, status))
    {
      g_set_error (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE, _("--status must be active, referred or closed, not “%1$s”"),
                   status);
      goto fail;
    }
  if (output == NULL)
    output = case_no != NULL ? yk_dossier_file_name (case_no) : yk_dossier_site_file_name (site, status);

  session = yk_cli_open_session (&auth, &error);
  if (session == NULL)
    goto fail;
  reader = yk_reader_new_for_session (session);
  if (case_no != NULL)
    {
      gint64 id = yk_dossier_find_case (reader, case_no, &error);

      if (id == 0)
        goto fail;
      ids = g_array_new (FALSE, FALSE, sizeof (gint64));
      g_array_append_val (ids, id);
    }
  else if ((ids = yk_dossier_list_site (reader, site, status, &error)) == NULL)
    goto fail;
  if (ids->len == 0)
    {
      g_set_error (&error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is nobody to print at %1$s"), site);
      goto fail;
    }
  people = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_dossier_person_free);
  for (guint i = 0; i < ids->len; i++)
    {
      YkDossierPerson *person = yk_dossier_person_load (reader, g_array_index (ids, gint64, i), &error);

      if (person == NULL)
        goto fail;
      g_ptr_array_add (people, person);
    }
  if (with_pictures && !yk_dossier_people_add_pictures (session, people, &error))
    goto fail;
  if (!yk_dossier_write_pdf (session, people, output, site != NULL ? progress_cb : NULL, GINT_TO_POINTER (terminal),
                             &error))
    goto fail;
  /* TRANSLATORS: %1$u is how many people, %2$s the file */
  printf (g_dngettext (GETTEXT_PACKAGE, "Wrote the dossier of %1$u person to %2$s.\n",
                       "Wrote the dossiers of %1$u people to %2$s.\n", people->len),
          people->len, output);
  yk_cli_auth_clear (&auth);
  return YK_EXIT_OK;

fail:
  yk_cli_auth_clear (&auth);
  return yk_cli_fail (error);
}
