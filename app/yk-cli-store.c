/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-config.h"
#include "yk-cli-private.h"
#include "yk-admin.h"
#include "yk-app-error.h"
#include "yk-password.h"
#include "yk-snapshot.h"
#include "yk-split.h"
#include "yk-text.h"
#include "yk-verify.h"

#include <glib/gi18n.h>
#include <stdio.h>
#include <string.h>

/* yukang init: a new database with the pilot's sites and one coordinator.
 * With --key-from, the coordinator's key slot is copied from a file they
 * already unlock, so that one password opens both. */
int
yk_cli_init (int argc, char **argv)
{
  g_autofree char *db = NULL, *user = NULL, *display_name = NULL, *password_file = NULL, *kdf = NULL;
  g_autofree char *key_from = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &db, N_("The database file to create"), N_("FILE") },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, N_("The first coordinator’s user name"), N_("NAME") },
    { "display-name", 0, 0, G_OPTION_ARG_STRING, &display_name, N_("The name shown for that person"), N_("TEXT") },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file,
      N_("Read the password from the first line of FILE (- for standard input)"), N_("FILE") },
    { "kdf", 0, 0, G_OPTION_ARG_STRING, &kdf, N_("Key derivation cost: interactive, moderate (default) or sensitive"), N_("COST") },
    { "key-from", 0, 0, G_OPTION_ARG_FILENAME, &key_from,
      N_("Use your key and password of another database, so that one password opens both"), N_("FILE") },
    { NULL }
  };
  g_autoptr (YkPassword) password = NULL;
  g_autoptr (YkSession) session = NULL;
  g_autofree char *recovery_key = NULL;
  GError *error = NULL;
  YkKdfLevel level;

  if (!yk_cli_parse ("init", NULL, entries, &argc, &argv, &error) ||
      !yk_cli_require (db, "--db", &error) || !yk_cli_require (user, "--user", &error) ||
      !yk_cli_parse_kdf (kdf, &level, &error))
    return yk_cli_fail (error);
  if (key_from != NULL && kdf != NULL)
    {
      g_set_error_literal (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE,
                           _("--kdf does not go with --key-from: the key slot is copied as it is"));
      return yk_cli_fail (error);
    }
  if (g_file_test (db, G_FILE_TEST_EXISTS))
    {
      g_set_error (&error, YK_APP_ERROR, YK_APP_ERROR_FAILED,
                   _("“%1$s” already exists; yukang init never overwrites a file"), db);
      return yk_cli_fail (error);
    }
  if (key_from != NULL && !g_file_test (key_from, G_FILE_TEST_EXISTS))
    {
      g_set_error (&error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no database file “%1$s”"), key_from);
      return yk_cli_fail (error);
    }
  /* With --key-from the password is the one already set there: asked once. */
  password = key_from != NULL ? yk_password_read (password_file, _("Password: "), FALSE, &error)
                              : yk_password_read (password_file, _("New password: "), TRUE, &error);
  if (password == NULL)
    return yk_cli_fail (error);
  session = key_from != NULL
              ? yk_session_create_key_from (db, key_from, user, display_name, password, &recovery_key, &error)
              : yk_session_create (db, user, display_name, password, level, &recovery_key, &error);
  if (session == NULL)
    return yk_cli_fail (error);

  printf (_("Created %1$s with the sites SPQ and JL and the coordinator account “%2$s”.\n"), db, user);
  if (key_from != NULL)
    printf (_("Its key and password are those of “%1$s” in %2$s.\n"), user, key_from);
  yk_cli_print_recovery_key (recovery_key);
  return YK_EXIT_OK;
}

static void
print_check (const char *what, const char *result)
{
  g_autoptr (GString) line = g_string_new ("  ");

  yk_text_append_padded (line, what, 20, FALSE);
  printf ("%s %s\n", line->str, result);
}

/* The audit trail's lines: the MAC chain, the signatures, the head and,
 * when asked, whether the trail still extends a head stated earlier. */
static void
print_audit (const YkAuditCheck *audit,
             const char         *expected)
{
  g_autofree char *line = NULL;
  g_autofree char *head = yk_audit_head_format (&audit->head);

  if (audit->first_bad_id == 0)
    line = g_strdup_printf (_("%1$llu entries, chain intact"), (unsigned long long) audit->rows);
  else
    line = g_strdup_printf (_("chain broken at entry %1$lld (after %2$llu intact entries): "
                              "the trail was edited, or entries were deleted or inserted"),
                            (long long) audit->first_bad_id, (unsigned long long) audit->rows);
  print_check (_("audit trail"), line);
  g_free (line);
  line = g_strdup_printf (_("%1$llu signed and valid, %2$llu unsigned (written before signatures, "
                            "or with the recovery key)"),
                          (unsigned long long) audit->signed_rows, (unsigned long long) audit->unsigned_rows);
  print_check (_("signatures"), line);
  for (guint i = 0; i < MIN (audit->n_bad_signatures, YK_AUDIT_LISTED); i++)
    {
      g_free (line);
      line = g_strdup_printf (_("entry %1$lld, in the name of “%2$s”: the signature is not that account’s; "
                                "someone else wrote it"),
                              (long long) audit->bad_signatures[i].id, audit->bad_signatures[i].account);
      print_check (_("signatures"), line);
    }
  if (audit->n_bad_signatures > YK_AUDIT_LISTED)
    {
      g_free (line);
      line = g_strdup_printf (_("%1$u more entries whose signature fails"), audit->n_bad_signatures - YK_AUDIT_LISTED);
      print_check (_("signatures"), line);
    }
  print_check (_("audit head"), head);
  if (expected == NULL)
    return;
  g_free (line);
  if (audit->expected == YK_AUDIT_HEAD_EXTENDED)
    line = g_strdup_printf (_("%1$s: the trail still extends it"), expected);
  else
    line = g_strdup_printf (_("%1$s: the trail was cut or rewritten after that entry"), expected);
  print_check (_("expected head"), line);
}

/* A snapshot's block: what it holds, and whether the trail ends where the
 * block says it did when the snapshot was taken. */
static void
print_snapshot (const YkVerifyReport *report)
{
  const YkSnapshotInfo *info = &report->snapshot_info;
  YkAuditHead head = { .id = (gint64) info->audit_head_id };
  g_autoptr (GDateTime) taken = g_date_time_new_from_unix_utc (info->taken_at);
  g_autofree char *when = taken != NULL ? g_date_time_format (taken, "%Y-%m-%d %H:%M:%S UTC") : g_strdup ("?");
  g_autofree char *stated = NULL;
  g_autofree char *line = NULL;

  memcpy (head.hash, info->audit_head_hash, sizeof head.hash);
  stated = head.id > 0 ? yk_audit_head_format (&head) : g_strdup (_("none (the trail was empty)"));
  line = g_strdup_printf (_("generation %1$llu of %2$s, taken %3$s"), (unsigned long long) info->generation,
                          info->site_codes, when);
  print_check (_("snapshot"), line);
  g_free (line);
  if (report->snapshot_head_matches)
    line = g_strdup_printf (_("%1$s: the trail ends there"), stated);
  else
    line = g_strdup_printf (_("%1$s: the trail does not end there; it was cut or extended since the snapshot "
                              "was taken"), stated);
  print_check (_("snapshot head"), line);
}

/* One file of a district, on one line: what was checked, or what is wrong. */
static char *
verify_line (const YkVerifyReport *report)
{
  g_autoptr (GPtrArray) problems = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *head = yk_audit_head_format (&report->audit.head);
  g_autofree char *joined = NULL;

  if (yk_verify_report_ok (report))
    return g_strdup_printf (_("ok: %1$llu pages authenticated, integrity_check and foreign_key_check ok, running "
                              "totals agree, audit trail of %2$llu entries intact (%3$llu signed), head %4$s"),
                            (unsigned long long) report->store.pages, (unsigned long long) report->audit.rows,
                            (unsigned long long) report->audit.signed_rows, head);
  for (guint i = 0; i < report->integrity->len; i++)
    g_ptr_array_add (problems, g_strdup_printf ("integrity_check: %s", (const char *) report->integrity->pdata[i]));
  for (guint i = 0; i < report->foreign_keys->len; i++)
    g_ptr_array_add (problems, g_strdup_printf ("foreign_key_check: %s", (const char *) report->foreign_keys->pdata[i]));
  for (guint i = 0; i < report->running_totals->len; i++)
    g_ptr_array_add (problems, g_strdup (report->running_totals->pdata[i]));
  if (report->audit.first_bad_id != 0)
    g_ptr_array_add (problems, g_strdup_printf (_("audit trail broken at entry %1$lld"),
                                                (long long) report->audit.first_bad_id));
  if (report->audit.n_bad_signatures > 0)
    g_ptr_array_add (problems, g_strdup_printf (_("%1$u audit entries whose signature fails"),
                                                report->audit.n_bad_signatures));
  g_ptr_array_add (problems, NULL);
  joined = g_strjoinv ("; ", (char **) problems->pdata);
  return g_strdup_printf (_("PROBLEMS: %1$s"), joined);
}

/* yukang verify of a district view: each file's own checks and audit
 * trail, one line per file; a file that cannot be checked is a problem. */
static int
verify_district (YkDistrict *district)
{
  GPtrArray *files = yk_district_get_files (district);
  gboolean ok = TRUE;

  printf (_("Checked %1$u files:\n"), files->len);
  for (guint i = 0; i < files->len; i++)
    {
      YkDistrictFile *file = files->pdata[i];
      YkVerifyReport report = { 0 };
      g_autoptr (GError) error = NULL;
      g_autofree char *line = NULL;

      if (file->problem != NULL)
        line = g_strdup (file->problem);
      else if (!yk_district_verify_file (district, i, &report, &error))
        line = g_strdup_printf (_("FAILED: %1$s"), error->message);
      else
        line = verify_line (&report);
      ok = ok && file->problem == NULL && error == NULL && yk_verify_report_ok (&report);
      print_check (file->name, line);
      yk_verify_report_clear (&report);
    }
  printf ("%s\n", ok ? _("No problems found.") : _("Problems found."));
  return ok ? YK_EXIT_OK : YK_EXIT_FAILED;
}

/* yukang verify: every page, SQLite's checks, the audit chain. */
int
yk_cli_verify (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  g_autofree char *expect_head = NULL;
  GOptionEntry entries[] = {
    YK_CLI_DISTRICT_AUTH_ENTRIES (auth),
    { "expect-head", 0, 0, G_OPTION_ARG_STRING, &expect_head,
      N_("Check that the audit trail still extends a head a report or backup stated"), N_("ID:HASH") },
    { NULL }
  };
  g_autoptr (YkSession) session = NULL;
  g_autoptr (YkDistrict) district = NULL;
  YkVerifyReport report = { 0 };
  YkAuditHead expected;
  g_autofree char *line = NULL;
  GError *error = NULL;
  gboolean ok;

  if (yk_cli_parse ("verify", NULL, entries, &argc, &argv, &error) && expect_head != NULL &&
      !yk_audit_head_parse (expect_head, &expected))
    g_set_error (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE,
                 _("--expect-head must be an audit head as reports print it, such as 1234:3f9a0c1b2d4e5f60, "
                   "not “%1$s”"), expect_head);
  /* An expected head is one file's: a district has one per file. */
  if (error == NULL && expect_head != NULL && (auth.district != NULL || (auth.dbs != NULL && g_strv_length (auth.dbs) > 1)))
    g_set_error_literal (&error, YK_APP_ERROR, YK_APP_ERROR_USAGE,
                         _("--expect-head checks one file: give it with one --db"));
  if (error == NULL && yk_cli_open_view (&auth, &session, &district, &error) != NULL && district != NULL)
    {
      yk_cli_auth_clear (&auth);
      return verify_district (district);
    }
  if (error != NULL || !yk_verify_with_head (session, expect_head ? &expected : NULL, &report, &error))
    {
      yk_verify_report_clear (&report);
      yk_cli_auth_clear (&auth);
      return yk_cli_fail (error);
    }

  printf (_("Checked %1$s:\n"), auth.db);
  line = g_strdup_printf (_("copy A %1$s, copy B %2$s (generation %3$llu)"),
                          report.store.copy_a_ok ? _("intact") : _("damaged"),
                          report.store.copy_b_ok ? _("intact") : _("damaged"),
                          (unsigned long long) report.store.header_generation);
  print_check (_("file header"), line);
  g_free (line);
  line = g_strdup_printf (_("%1$llu of %1$llu authenticated"), (unsigned long long) report.store.pages);
  print_check (_("pages"), line);
  for (guint i = 0; i < report.integrity->len; i++)
    print_check (_("integrity_check"), report.integrity->pdata[i]);
  if (report.integrity->len == 0)
    print_check (_("integrity_check"), _("ok"));
  for (guint i = 0; i < report.foreign_keys->len; i++)
    print_check (_("foreign_key_check"), report.foreign_keys->pdata[i]);
  if (report.foreign_keys->len == 0)
    print_check (_("foreign_key_check"), _("ok"));
  for (guint i = 0; i < report.running_totals->len; i++)
    print_check (_("running totals"), report.running_totals->pdata[i]);
  if (report.running_totals->len == 0)
    print_check (_("running totals"), _("agree with the records"));
  print_audit (&report.audit, expect_head);
  if (report.snapshot)
    print_snapshot (&report);

  ok = yk_verify_report_ok (&report);
  printf ("%s\n", ok ? _("No problems found.") : _("Problems found."));
  yk_verify_report_clear (&report);
  yk_cli_auth_clear (&auth);
  return ok ? YK_EXIT_OK : YK_EXIT_FAILED;
}

/* yukang backup: a consistent encrypted copy with the same accounts.
 * The window's own call, so the coordinator check cannot drift. */
int
yk_cli_backup (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    YK_CLI_AUTH_ENTRIES (auth),
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("Where to write the backup"), N_("FILE") },
    { NULL }
  };
  g_autoptr (YkSession) session = NULL;
  g_autofree char *head = NULL;
  GError *error = NULL;
  gboolean ok;

  ok = yk_cli_parse ("backup", NULL, entries, &argc, &argv, &error) &&
       yk_cli_require (output, "--output", &error) &&
       (session = yk_cli_open_session (&auth, &error)) != NULL &&
       yk_admin_backup_with_head (session, output, &head, &error);
  yk_cli_auth_clear (&auth);
  if (!ok)
    return yk_cli_fail (error);
  printf (_("Backed up to %1$s.\n"), output);
  /* To note down outside the file: `yukang verify --expect-head` checks it later. */
  print_check (_("audit head"), head != NULL ? head : _("none (the trail is empty)"));
  return YK_EXIT_OK;
}

/* yukang snapshot (docs/design/formats.md): the database as it stands,
 * read-only, into a folder a sync engine carries to the coordinator. */
int
yk_cli_snapshot (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    YK_CLI_AUTH_ENTRIES (auth),
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("The snapshot folder"), N_("DIR") },
    { NULL }
  };
  g_autoptr (YkSession) session = NULL;
  g_autofree char *written = NULL;
  g_autofree char *head = NULL;
  YkSnapshotInfo info;
  GError *error = NULL;
  gboolean ok;

  ok = yk_cli_parse ("snapshot", NULL, entries, &argc, &argv, &error) &&
       yk_cli_require (output, "--output", &error) &&
       (session = yk_cli_open_session (&auth, &error)) != NULL &&
       yk_session_snapshot_info (session, output, &written, &info, &error);
  yk_cli_auth_clear (&auth);
  if (!ok)
    return yk_cli_fail (error);
  printf (_("Wrote snapshot %1$llu of %2$s to %3$s.\n"), (unsigned long long) info.generation, info.site_codes,
          written);
  if (info.audit_head_id > 0)
    {
      YkAuditHead stated = { .id = (gint64) info.audit_head_id };

      memcpy (stated.hash, info.audit_head_hash, sizeof stated.hash);
      head = yk_audit_head_format (&stated);
    }
  print_check (_("audit head"), head != NULL ? head : _("none (the trail is empty)"));
  return YK_EXIT_OK;
}

/* yukang split: one line per file written, counts only (no one's name
 * goes to a terminal or a log), then each file's recovery key, shown
 * this once as init shows one. */
int
yk_cli_split (int argc, char **argv)
{
  YkCliAuth auth = { 0 };
  g_autofree char *output = NULL;
  GOptionEntry entries[] = {
    YK_CLI_AUTH_ENTRIES (auth),
    { "output", 0, 0, G_OPTION_ARG_FILENAME, &output, N_("The folder to write the site files in (it must exist)"),
      N_("DIR") },
    { NULL }
  };
  g_autoptr (YkSession) session = NULL;
  g_autoptr (GPtrArray) files = NULL;
  GError *error = NULL;
  gboolean ok;

  ok = yk_cli_parse ("split", NULL, entries, &argc, &argv, &error) &&
       yk_cli_require (output, "--output", &error) &&
       (session = yk_cli_open_session (&auth, &error)) != NULL &&
       yk_session_split (session, output, &files, &error);
  yk_cli_auth_clear (&auth);
  if (!ok)
    return yk_cli_fail (error);
  for (guint i = 0; i < files->len; i++)
    {
      YkSplitFile *file = files->pdata[i];

      /* TRANSLATORS: %1$s is a file, %2$s a site code; then how many
       * accounts, service users and records the file holds */
      printf (g_dngettext (GETTEXT_PACKAGE, "Wrote %1$s: site %2$s, %3$u account, %4$llu service users, %5$llu records.\n",
                           "Wrote %1$s: site %2$s, %3$u accounts, %4$llu service users, %5$llu records.\n",
                           file->accounts),
              file->path, file->site_code, file->accounts, (unsigned long long) file->service_users,
              (unsigned long long) file->records);
    }
  for (guint i = 0; i < files->len; i++)
    {
      YkSplitFile *file = files->pdata[i];
      g_autofree char *name = g_path_get_basename (file->path);

      printf ("\n%s\n", name);
      yk_cli_print_recovery_key (file->recovery_key);
    }
  return YK_EXIT_OK;
}
