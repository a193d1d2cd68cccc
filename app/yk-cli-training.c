/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

/* yukang training add|list|void (docs/design/formats.md, "Training"). */

#include "yk-cli-private.h"
#include "yk-app-error.h"
#include "yk-training.h"

#include <glib/gi18n.h>
#include <stdio.h>

/* yukang training add --db F --user U --date D --title T --hours H
 *                     [--provider P] --attendee NAME [--attendee NAME…] */
static int
training_add (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  g_autofree char *date = NULL, *title = NULL, *hours = NULL, *provider = NULL;
  g_auto (GStrv) attendees = NULL;
  GOptionEntry entries[] = {
    YK_CLI_AUTH_ENTRIES (auth),
    { "date", 0, 0, G_OPTION_ARG_STRING, &date, N_("The day of the session"), N_("YYYY-MM-DD") },
    { "title", 0, 0, G_OPTION_ARG_STRING, &title, N_("What the session taught"), N_("TEXT") },
    { "hours", 0, 0, G_OPTION_ARG_STRING, &hours, N_("How long it lasted, in hours with at most one decimal (2.5)"),
      N_("HOURS") },
    { "provider", 0, 0, G_OPTION_ARG_STRING, &provider, N_("Who gave it"), N_("TEXT") },
    { "attendee", 0, 0, G_OPTION_ARG_STRING_ARRAY, &attendees,
      N_("A staff member who attended, by display name; give it once for each"), N_("NAME") },
    { NULL }
  };
  g_autoptr (YkSession) session = NULL;
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  YkTrainingRecord record = { 0 };
  GError *error = NULL;
  gint64 id = 0;
  int tenths = 0;

  if (!yk_cli_parse ("training add", NULL, entries, &argc, &argv, &error) ||
      !yk_cli_require (date, "--date", &error) || !yk_cli_require (title, "--title", &error) ||
      !yk_cli_require (hours, "--hours", &error))
    goto fail;
  if (attendees == NULL || attendees[0] == NULL)
    {
      g_set_error_literal (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE, _("Give --attendee NAME at least once"));
      goto fail;
    }
  if (!yk_training_hours_parse (hours, &tenths))
    {
      g_set_error (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE,
                   _("--hours must be a number of hours with at most one decimal, such as 2.5, not “%1$s”"), hours);
      goto fail;
    }
  session = yk_cli_open_session (&auth, &error);
  if (session == NULL)
    goto fail;
  for (guint i = 0; attendees[i] != NULL; i++)
    {
      gint64 staff = yk_training_find_staff (session, attendees[i], &error);

      if (staff == 0)
        goto fail;
      g_array_append_val (ids, staff);
    }
  record = (YkTrainingRecord) { .date = date, .title = title, .hours_tenths = tenths, .provider = provider,
                                .staff_ids = (const gint64 *) ids->data, .n_staff = ids->len };
  if (!yk_training_record (session, &record, &id, &error))
    goto fail;
  /* TRANSLATORS: %1$lld is the training session's number */
  printf (_("Recorded as training session %1$lld\n"), (long long) id);
  yk_cli_auth_clear (&auth);
  return YK_EXIT_OK;

fail:
  yk_cli_auth_clear (&auth);
  return yk_cli_fail (error);
}

/* yukang training list --db F --user U [--period P] [--format text|csv|json] */
static int
training_list (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  g_autofree char *period = NULL, *format = NULL;
  GOptionEntry entries[] = {
    YK_CLI_DISTRICT_AUTH_ENTRIES (auth),
    { "period", 0, 0, G_OPTION_ARG_STRING, &period,
      N_("2021Q3, 2021, 2021-07 or 2021-07-01..2021-09-30 (default: every session)"), N_("PERIOD") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text (default), csv or json"), N_("FORMAT") },
    { NULL }
  };
  g_autoptr (YkSession) own_session = NULL;
  g_autoptr (YkDistrict) district = NULL;
  g_autoptr (GPtrArray) sessions = NULL;
  g_autofree char *out = NULL;
  YkSession *session;
  GError *error = NULL;

  if (!yk_cli_parse ("training list", NULL, entries, &argc, &argv, &error))
    goto fail;
  if (format == NULL)
    format = g_strdup ("text");
  if (!g_strv_contains ((const char *const[]){ "text", "csv", "json", NULL }, format))
    {
      g_set_error (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE, _("--format must be text, csv or json, not “%1$s”"),
                   format);
      goto fail;
    }
  session = yk_cli_open_view (&auth, &own_session, &district, &error);
  if (session == NULL || (sessions = yk_training_list (session, period, &error)) == NULL)
    goto fail;
  if (g_str_equal (format, "csv"))
    out = yk_training_list_to_csv (sessions);
  else if (g_str_equal (format, "json"))
    out = yk_training_list_to_json (sessions);
  else
    out = yk_training_list_to_text (sessions);
  if (!yk_cli_write_output (NULL, out, &error))
    goto fail;
  yk_cli_auth_clear (&auth);
  return YK_EXIT_OK;

fail:
  yk_cli_auth_clear (&auth);
  return yk_cli_fail (error);
}

/* yukang training void --db F --user U --id N --reason TEXT */
static int
training_void (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  g_autofree char *reason = NULL;
  gint64 id = 0;
  GOptionEntry entries[] = {
    YK_CLI_AUTH_ENTRIES (auth),
    { "id", 0, 0, G_OPTION_ARG_INT64, &id, N_("The session’s number, as training list shows it"), N_("N") },
    { "reason", 0, 0, G_OPTION_ARG_STRING, &reason, N_("Why the record is wrong"), N_("TEXT") },
    { NULL }
  };
  g_autoptr (YkSession) session = NULL;
  GError *error = NULL;

  if (!yk_cli_parse ("training void", NULL, entries, &argc, &argv, &error) ||
      !yk_cli_require (reason, "--reason", &error))
    goto fail;
  if (id <= 0)
    {
      g_set_error_literal (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE, _("Give --id N, the session’s number"));
      goto fail;
    }
  session = yk_cli_open_session (&auth, &error);
  if (session == NULL || !yk_training_void (session, id, reason, &error))
    goto fail;
  printf ("%s\n", _("Voided the training session"));
  yk_cli_auth_clear (&auth);
  return YK_EXIT_OK;

fail:
  yk_cli_auth_clear (&auth);
  return yk_cli_fail (error);
}

int
yk_cli_training (int argc, char **argv)
{
  static const struct
  {
    const char *name;
    int (*run) (int argc, char **argv);
  } subcommands[] = {
    { "add", training_add },
    { "list", training_list },
    { "void", training_void },
  };

  if (argc >= 2)
    for (guint i = 0; i < G_N_ELEMENTS (subcommands); i++)
      if (g_str_equal (argv[1], subcommands[i].name))
        return subcommands[i].run (argc - 1, argv + 1);
  fprintf (stderr, "%s\n", _("Usage: yukang training add|list|void --db FILE --user NAME "
                             "[--password-file FILE|--recovery-key-file FILE] [OPTION…]"));
  return YK_EXIT_USAGE;
}
