/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

/* yukang transfer (docs/design/formats.md, docs/design/transfer.md). */

#include "yk-cli-private.h"
#include "yk-app-error.h"
#include "yk-transfer.h"

#include <glib/gi18n.h>
#include <stdio.h>

/* yukang transfer --db F --user U --case SPQ-0001 --to JL --date 2021-11-15 [--worker NAME] */
int
yk_cli_transfer (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  g_autofree char *case_no = NULL, *to = NULL, *date = NULL, *worker = NULL, *new_case_no = NULL;
  GOptionEntry entries[] = {
    YK_CLI_AUTH_ENTRIES (auth),
    { "case", 0, 0, G_OPTION_ARG_STRING, &case_no, N_("The case number of the person who moves"), N_("CASE_NO") },
    { "to", 0, 0, G_OPTION_ARG_STRING, &to, N_("The site they move to: its code or name"), N_("SITE") },
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day of the transfer"), N_("DATE") },
    { "worker", 0, 0, G_OPTION_ARG_STRING, &worker, N_("Their responsible social worker at the new site"),
      N_("NAME") },
    { NULL }
  };
  g_autoptr (YkSession) session = NULL;
  GError *error = NULL;

  if (!yk_cli_parse ("transfer", NULL, entries, &argc, &argv, &error) ||
      !yk_cli_require (case_no, "--case", &error) || !yk_cli_require (to, "--to", &error) ||
      !yk_cli_require (date, "--date", &error))
    goto fail;
  session = yk_cli_open_session (&auth, &error);
  if (session == NULL || !yk_transfer_case_named (session, case_no, to, date, worker, &new_case_no, &error))
    goto fail;
  /* TRANSLATORS: %1$s is the old case number, %2$s the new one */
  printf (_("%1$s transferred: the new case is %2$s\n"), case_no, new_case_no);
  yk_cli_auth_clear (&auth);
  return YK_EXIT_OK;

fail:
  yk_cli_auth_clear (&auth);
  return yk_cli_fail (error);
}
