/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-cli-private.h"
#include "yk-app-error.h"
#include "yk-ledger.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <unistd.h>

/* Large ledgers show how far they are, on a terminal only. */
static void
show_progress (const char *file, guint row, guint rows, gpointer user_data)
{
  if (rows < 2000 || !isatty (STDERR_FILENO))
    return;
  fprintf (stderr, "\r%s: %u/%u", file, row, rows);
  if (row == rows)
    fputc ('\n', stderr);
  fflush (stderr);
}

/* yukang import: a ledger folder or workbook, all or nothing. */
int
yk_cli_import (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  gboolean dry_run = FALSE;
  GOptionEntry entries[] = {
    YK_CLI_AUTH_ENTRIES (auth),
    { "dry-run", 0, 0, G_OPTION_ARG_NONE, &dry_run, N_("Check the ledger without writing anything"), NULL },
    { NULL }
  };
  g_autoptr (YkSession) session = NULL;
  YkLedgerResult result = { 0 };
  GError *error = NULL;
  gboolean ok;

  if (!yk_cli_parse ("import", "LEDGER_DIR|WORKBOOK.xlsx", entries, &argc, &argv, &error))
    goto fail;
  if (argc != 2)
    {
      g_set_error_literal (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE, _("Give one ledger folder or workbook"));
      goto fail;
    }
  session = yk_cli_open_session (&auth, &error);
  if (session == NULL)
    goto fail;
  ok = yk_ledger_import (session, argv[1], dry_run, show_progress, NULL, &result, &error);
  for (guint i = 0; result.problems && i < result.problems->len; i++)
    {
      YkLedgerProblem *p = result.problems->pdata[i];
      fprintf (stderr, "%s:%u: %s: %s\n", p->file, p->line, p->column, p->reason);
    }
  if (!ok)
    {
      yk_ledger_result_clear (&result);
      goto fail;
    }
  for (int i = 0; i < YK_LEDGER_FILES; i++)
    if (result.present[i])
      printf (dry_run ? _("%1$s: %2$u rows would be added\n") : _("%1$s: %2$u rows added\n"),
              result.files[i], result.added[i]);
  yk_ledger_result_clear (&result);
  yk_cli_auth_clear (&auth);
  return YK_EXIT_OK;

fail:
  yk_cli_auth_clear (&auth);
  return yk_cli_fail (error);
}

/* yukang export --template FILE.xlsx: an empty workbook to fill in. It
 * holds no personal data, so it needs no database and no account. */
static int
export_template (const char *path, YkCliAuth *auth)
{
  GError *error = NULL;

  if (auth->dbs != NULL || auth->district != NULL || auth->user != NULL || auth->password_file != NULL)
    g_set_error_literal (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE,
                         _("--template needs no database: give it without --db, --user or --password-file"));
  else
    yk_ledger_write_template (path, &error);
  yk_cli_auth_clear (auth);
  if (error != NULL)
    return yk_cli_fail (error);
  printf (_("Wrote the ledger template to %1$s.\n"), path);
  return YK_EXIT_OK;
}

/* yukang export --ledger DIR: the same files, for a coordinator. */
int
yk_cli_export (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  g_autofree char *ledger = NULL;
  g_autofree char *template = NULL;
  GOptionEntry entries[] = {
    YK_CLI_DISTRICT_AUTH_ENTRIES (auth),
    { "ledger", 0, 0, G_OPTION_ARG_FILENAME, &ledger, N_("Write the ledger files into this folder"), N_("DIR") },
    { "template", 0, 0, G_OPTION_ARG_FILENAME, &template,
      N_("Write an empty ledger workbook to fill in (needs no database)"), N_("FILE.xlsx") },
    { NULL }
  };
  g_autoptr (YkSession) own_session = NULL;
  g_autoptr (YkDistrict) district = NULL;
  YkSession *session = NULL;
  GError *error = NULL;
  gboolean ok;

  ok = yk_cli_parse ("export", NULL, entries, &argc, &argv, &error);
  if (ok && ledger != NULL && template != NULL)
    {
      g_set_error_literal (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE, _("Give either --ledger or --template"));
      ok = FALSE;
    }
  if (ok && template != NULL)
    return export_template (template, &auth);
  ok = ok && yk_cli_require (ledger, "--ledger", &error) &&
       (session = yk_cli_open_view (&auth, &own_session, &district, &error)) != NULL &&
       yk_session_require_coordinator (session, &error);
  if (ok)
    fprintf (stderr, "%s\n", _("Warning: these files hold the personal data of every service user, unencrypted. "
                               "Keep them only as long as needed, where nobody else can read them."));
  ok = ok && yk_ledger_export (session, ledger, &error);
  yk_cli_auth_clear (&auth);
  if (!ok)
    return yk_cli_fail (error);
  printf (_("Wrote the ledger to %1$s.\n"), ledger);
  return YK_EXIT_OK;
}
