/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

/* yukang attach and yukang attachments (docs/design/formats.md). */

#include "yk-cli-private.h"
#include "yk-app-error.h"
#include "yk-attachments.h"

#include <glib/gi18n.h>
#include <stdio.h>

static gboolean
one_owner (const char *case_no, const char *activity_no, GError **error)
{
  if ((case_no != NULL) != (activity_no != NULL))
    return TRUE;
  g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_USAGE, _("Give either --case or --activity"));
  return FALSE;
}

/* yukang attach --db F --user U (--case SPQ-0001 | --activity A001) FILE [--kind K] */
int
yk_cli_attach (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  g_autofree char *case_no = NULL, *activity_no = NULL, *kind = NULL;
  GOptionEntry entries[] = {
    YK_CLI_AUTH_ENTRIES (auth),
    { "case", 0, 0, G_OPTION_ARG_STRING, &case_no, N_("The service user’s case number"), N_("CASE_NO") },
    { "activity", 0, 0, G_OPTION_ARG_STRING, &activity_no, N_("The activity’s number (its sign-in sheet)"),
      N_("ACTIVITY_NO") },
    { "kind", 0, 0, G_OPTION_ARG_STRING, &kind, N_("consent, form, sign-in, photo or other (default other)"),
      N_("KIND") },
    { NULL }
  };
  g_autoptr (YkSession) session = NULL;
  YkAttachmentOwner owner;
  GError *error = NULL;
  gint64 id = 0;

  if (!yk_cli_parse ("attach", N_("FILE"), entries, &argc, &argv, &error) || !one_owner (case_no, activity_no, &error))
    goto fail;
  if (argc != 2)
    {
      g_set_error_literal (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE, _("Give one PDF, JPEG or PNG file to attach"));
      goto fail;
    }
  if (kind == NULL)
    kind = g_strdup ("other");
  if (!yk_attachment_kind_is_valid (kind))
    {
      g_set_error (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE,
                   _("--kind must be consent, form, sign-in, photo or other, not “%1$s”"), kind);
      goto fail;
    }
  session = yk_cli_open_session (&auth, &error);
  if (session == NULL || !yk_attachments_find_owner (session, case_no, activity_no, &owner, &error) ||
      !yk_attachments_add_file (session, &owner, kind, argv[1], &id, &error))
    goto fail;
  /* TRANSLATORS: %1$lld is the attachment's number */
  printf (_("Attached as number %1$lld\n"), (long long) id);
  yk_cli_auth_clear (&auth);
  return YK_EXIT_OK;

fail:
  yk_cli_auth_clear (&auth);
  return yk_cli_fail (error);
}

/* yukang attachments --db F --user U (--case SPQ-0001 | --activity A001):
 * one line per live attachment, tab-separated: number, date (local),
 * kind, media type, size in bytes, file name. */
int
yk_cli_attachments (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  g_autofree char *case_no = NULL, *activity_no = NULL;
  GOptionEntry entries[] = {
    YK_CLI_DISTRICT_AUTH_ENTRIES (auth),
    { "case", 0, 0, G_OPTION_ARG_STRING, &case_no, N_("The service user’s case number"), N_("CASE_NO") },
    { "activity", 0, 0, G_OPTION_ARG_STRING, &activity_no, N_("The activity’s number"), N_("ACTIVITY_NO") },
    { NULL }
  };
  g_autoptr (YkSession) own_session = NULL;
  g_autoptr (YkDistrict) district = NULL;
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GString) out = g_string_new (NULL);
  YkAttachmentOwner owner;
  YkSession *session;
  GError *error = NULL;

  if (!yk_cli_parse ("attachments", NULL, entries, &argc, &argv, &error) ||
      !one_owner (case_no, activity_no, &error))
    goto fail;
  session = yk_cli_open_view (&auth, &own_session, &district, &error);
  if (session == NULL || !yk_attachments_find_owner (session, case_no, activity_no, &owner, &error))
    goto fail;
  rows = yk_attachments_list (session, owner.client_id, owner.activity_id, &error);
  if (rows == NULL)
    goto fail;
  for (guint i = 0; i < rows->len; i++)
    {
      YkAttachmentRow *row = rows->pdata[i];
      g_autoptr (GDateTime) utc = g_date_time_new_from_iso8601 (row->created_at, NULL);
      g_autoptr (GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
      g_autofree char *date = local != NULL ? g_date_time_format (local, "%Y-%m-%d") : g_strdup (row->created_at);

      g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%" G_GINT64_FORMAT "\t%s\n", row->id, date,
                              row->kind, row->media_type, row->byte_size, row->file_name);
    }
  if (!yk_cli_write_output (NULL, out->str, &error))
    goto fail;
  yk_cli_auth_clear (&auth);
  return YK_EXIT_OK;

fail:
  yk_cli_auth_clear (&auth);
  return yk_cli_fail (error);
}
