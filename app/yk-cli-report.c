/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-cli-private.h"
#include "yk-app-error.h"
#include "yk-demo.h"
#include "yk-report-export.h"
#include "yk-reader.h"
#include "yk-report-format.h"
#include "yk-workload.h"

#include <glib/gi18n.h>
#include <stdio.h>

/* yukang report: the figures of a period in text, CSV, JSON, XLSX or PDF. */
int
yk_cli_report (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  g_autofree char *period = NULL, *site = NULL, *format = NULL, *output = NULL, *by = NULL;
  GOptionEntry entries[] = {
    YK_CLI_DISTRICT_AUTH_ENTRIES (auth),
    { "period", 0, 0, G_OPTION_ARG_STRING, &period,
      N_("2021Q3, 2021, 2021-07, 2021-07-01..2021-09-30 or cumulative:2021Q3"), N_("PERIOD") },
    { "site", 0, 0, G_OPTION_ARG_STRING, &site, N_("One site only (its code)"), N_("CODE") },
    { "format", 0, 0, G_OPTION_ARG_STRING, &format, N_("text (default), csv, json, xlsx or pdf"), N_("FORMAT") },
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("Write to FILE instead of standard output"), N_("FILE") },
    { "by", 0, 0, G_OPTION_ARG_STRING, &by, N_("worker: each worker's workload instead of the figures"), N_("WHAT") },
    { NULL }
  };
  g_autoptr (YkSession) own_session = NULL;
  g_autoptr (YkDistrict) district = NULL;
  g_autoptr (YkReport) report = NULL;
  g_autofree char *text = NULL;
  YkSession *session;
  g_autofree char *from = NULL, *to = NULL;
  GError *error = NULL;
  gboolean cumulative;

  if (!yk_cli_parse ("report", NULL, entries, &argc, &argv, &error) ||
      !yk_cli_require (period, "--period", &error))
    goto fail;
  if (format == NULL)
    format = g_strdup ("text");
  if (!g_strv_contains ((const char *const[]){ "text", "csv", "json", "xlsx", "pdf", NULL }, format))
    {
      g_set_error (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE,
                   _("--format must be text, csv, json, xlsx or pdf, not “%1$s”"), format);
      goto fail;
    }
  if ((g_str_equal (format, "xlsx") || g_str_equal (format, "pdf")) && output == NULL)
    {
      g_set_error (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE, _("--format %1$s needs --output FILE"), format);
      goto fail;
    }
  if (by != NULL && !g_str_equal (by, "worker"))
    {
      g_set_error (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE, _("--by must be worker, not “%1$s”"), by);
      goto fail;
    }
  /* A malformed period is a usage error even before the password. */
  if (!yk_period_parse (period, NULL, &from, &to, &cumulative, &error))
    goto fail;
  /* One file, or a district view: the same report, with the district's
   * notes and each file's audit head (docs/design/formats.md). */
  session = yk_cli_open_view (&auth, &own_session, &district, &error);
  if (session == NULL)
    goto fail;
  if (by != NULL)
    {
      /* The workload (docs/design/workload.md): a social worker's own row
       * and their site's total, a coordinator's every worker. */
      g_autoptr (YkWorkload) workload = yk_workload_for_session (session, period, site, &error);
      gboolean done;

      if (workload == NULL)
        goto fail;
      if (g_str_equal (format, "xlsx"))
        done = yk_workload_write_xlsx (workload, output, &error);
      else if (g_str_equal (format, "pdf"))
        done = yk_workload_write_pdf (workload, output, &error);
      else
        {
          text = g_str_equal (format, "csv")    ? yk_workload_to_csv (workload)
                 : g_str_equal (format, "json") ? yk_workload_to_json (workload)
                                                : yk_workload_to_text (workload);
          done = yk_cli_write_output (output, text, &error);
        }
      if (!done)
        goto fail;
      yk_cli_auth_clear (&auth);
      return YK_EXIT_OK;
    }
  report = yk_report_for_session (session, period, site, &error);
  if (report == NULL)
    goto fail;
  if (g_str_equal (format, "xlsx") || g_str_equal (format, "pdf"))
    {
      g_autoptr (YkReader) reader = yk_reader_new_for_session (session);
      g_autoptr (GPtrArray) months = yk_report_monthly (reader, report, &error);
      gboolean written = months != NULL &&
                         (g_str_equal (format, "xlsx") ? yk_report_write_xlsx (report, months, output, &error)
                                                       : yk_report_write_pdf (report, months, output, &error));
      if (!written)
        goto fail;
      yk_cli_auth_clear (&auth);
      return YK_EXIT_OK;
    }
  if (g_str_equal (format, "csv"))
    text = yk_report_to_csv (report);
  else if (g_str_equal (format, "json"))
    text = yk_report_to_json (report);
  else
    text = yk_report_to_text (report);
  if (!yk_cli_write_output (output, text, &error))
    goto fail;
  yk_cli_auth_clear (&auth);
  return YK_EXIT_OK;

fail:
  yk_cli_auth_clear (&auth);
  return yk_cli_fail (error);
}

/* yukang demo: invented, pilot-sized data, the same for the same seed. */
int
yk_cli_demo (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  g_autofree char *size_name = NULL;
  int seed = 1;
  GOptionEntry entries[] = {
    YK_CLI_AUTH_ENTRIES (auth),
    { "seed", 0, 0, G_OPTION_ARG_INT, &seed, N_("The same seed gives the same data (default 1)"), N_("N") },
    { "size", 0, 0, G_OPTION_ARG_STRING, &size_name,
      N_("pilot (default: about 140 people) or district (5,000 people, 1,000,000 contacts)"), N_("SIZE") },
    { NULL }
  };
  g_autoptr (YkSession) session = NULL;
  GError *error = NULL;
  YkDemoSize size = YK_DEMO_PILOT;

  if (!yk_cli_parse ("demo", NULL, entries, &argc, &argv, &error))
    goto fail;
  if (size_name != NULL && g_str_equal (size_name, "district"))
    size = YK_DEMO_DISTRICT;
  else if (size_name != NULL && !g_str_equal (size_name, "pilot"))
    {
      g_set_error (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE, _("--size must be pilot or district"));
      goto fail;
    }
  session = yk_cli_open_session (&auth, &error);
  if (session == NULL || !yk_demo_fill (session, (guint32) seed, size, &error))
    goto fail;
  printf (_("Filled %1$s with invented %2$s data (seed %3$d).\n"), auth.db,
          size == YK_DEMO_DISTRICT ? "district" : "pilot", seed);
  yk_cli_auth_clear (&auth);
  return YK_EXIT_OK;

fail:
  yk_cli_auth_clear (&auth);
  return yk_cli_fail (error);
}
