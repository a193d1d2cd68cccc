/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-cli-private.h"
#include "yk-app-error.h"
#include "yk-due-format.h"
#include "yk-validate.h"

#include <glib/gi18n.h>
#include <stdio.h>

/* The longest look ahead: a year, leap day included. */
#define MAX_WITHIN 366

static gboolean
parse_within (const char *text,
              guint      *within,
              GError    **error)
{
  guint64 days;

  if (text == NULL)
    {
      *within = 7;
      return TRUE;
    }
  if (!g_ascii_string_to_unsigned (text, 10, 0, MAX_WITHIN, &days, NULL))
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_USAGE,
                   _("--within must be a number of days from 0 to %1$d, not “%2$s”"), MAX_WITHIN, text);
      return FALSE;
    }
  *within = (guint) days;
  return TRUE;
}

static gboolean
parse_as_of (const char *text,
             GDate      *as_of,
             GError    **error)
{
  g_autoptr (GError) parse_error = NULL;

  if (text == NULL)
    {
      yk_date_today (as_of);
      return TRUE;
    }
  if (!yk_date_parse (text, as_of, &parse_error))
    {
      /* The parser's message names the date and what is wrong with it. */
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_USAGE, _("--as-of: %1$s"), parse_error->message);
      return FALSE;
    }
  return TRUE;
}

/* yukang due: who is due and overdue for follow-up, as text, CSV, JSON
 * or PDF (yk-due-format.c). */
int
yk_cli_due (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  g_autofree char *site = NULL, *as_of_text = NULL, *within_text = NULL, *format = NULL, *output = NULL;
  GOptionEntry entries[] = {
    YK_CLI_AUTH_ENTRIES (auth),
    { "site", 0, 0, G_OPTION_ARG_STRING, &site, N_("One site only (its code)"), N_("CODE") },
    { "as-of", 0, 0, G_OPTION_ARG_STRING, &as_of_text, N_("The day to count from (default today)"), N_("DATE") },
    { "within", 0, 0, G_OPTION_ARG_STRING, &within_text,
      N_("Also list who is due within DAYS after it (default 7)"), N_("DAYS") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text (default), csv, json or pdf"), N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { NULL }
  };
  g_autoptr (YkSession) session = NULL;
  g_autoptr (YkDueList) list = NULL;
  g_autofree char *text = NULL;
  GError *error = NULL;
  GDate as_of;
  guint within;

  if (!yk_cli_parse ("due", NULL, entries, &argc, &argv, &error))
    goto fail;
  if (format == NULL)
    format = g_strdup ("text");
  if (!g_strv_contains ((const char *const[]){ "text", "csv", "json", "pdf", NULL }, format))
    {
      g_set_error (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE,
                   _("--format must be text, csv, json or pdf, not “%1$s”"), format);
      goto fail;
    }
  if (g_str_equal (format, "pdf") && output == NULL)
    {
      g_set_error (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE, _("--format %1$s needs --output FILE"), format);
      goto fail;
    }
  /* Usage errors before the password is asked for. */
  if (!parse_as_of (as_of_text, &as_of, &error) || !parse_within (within_text, &within, &error))
    goto fail;
  session = yk_cli_open_session (&auth, &error);
  if (session == NULL)
    goto fail;
  list = yk_due_list_for_session (session, site, &as_of, within, &error);
  if (list == NULL)
    goto fail;
  if (g_str_equal (format, "pdf"))
    {
      if (!yk_due_list_write_pdf (list, output, &error))
        goto fail;
      yk_cli_auth_clear (&auth);
      return YK_EXIT_OK;
    }
  if (g_str_equal (format, "csv"))
    text = yk_due_list_to_csv (list);
  else if (g_str_equal (format, "json"))
    text = yk_due_list_to_json (list);
  else
    text = yk_due_list_to_text (list);
  if (!yk_cli_write_output (output, text, &error))
    goto fail;
  yk_cli_auth_clear (&auth);
  return YK_EXIT_OK;

fail:
  yk_cli_auth_clear (&auth);
  return yk_cli_fail (error);
}
