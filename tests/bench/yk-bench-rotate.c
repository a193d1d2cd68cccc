/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Changing the database key (Administration → Accounts → Change Key) on
 * an existing database: the time of yk_session_rotate_key(), which copies
 * every page under the new key and signs the audit trail anew, and of
 * the verify that follows. It rotates the file it is given: run it on a
 * copy.
 *   build/tests/bench/yk-bench-rotate --db COPY --user NAME --password-file FILE */
#define G_LOG_DOMAIN "yukang-bench"

#include "yk-session.h"
#include "yk-verify.h"

#include <stdio.h>

int
main (int argc, char *argv[])
{
  g_autofree char *path = NULL, *user = NULL, *password_file = NULL, *password = NULL;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &path, "A copy of a database (it is rotated)", "FILE" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, "Account (a coordinator)", "NAME" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, "First line: the password", "FILE" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = NULL;
  g_autofree char *recovery_key = NULL;
  YkVerifyReport report = { 0 };
  YkAuditCheck check;
  gint64 start;
  double rotate_ms, verify_ms;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || path == NULL || user == NULL ||
      password_file == NULL || !g_file_get_contents (password_file, &password, NULL, &error))
    {
      fprintf (stderr, "%s\n", error ? error->message : "--db, --user and --password-file are needed");
      return 2;
    }
  g_strchomp (password);
  session = yk_session_open (path, user, password, &error);
  if (session == NULL || !yk_session_check_audit (session, &check, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }

  start = g_get_monotonic_time ();
  if (!yk_session_rotate_key (session, &recovery_key, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  rotate_ms = (g_get_monotonic_time () - start) / 1000.0;

  start = g_get_monotonic_time ();
  if (!yk_verify (session, &report, &error))
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  verify_ms = (g_get_monotonic_time () - start) / 1000.0;
  printf ("rotate: %.0f ms (%llu pages, %llu audit entries re-signed)\n", rotate_ms,
          (unsigned long long) report.store.pages, (unsigned long long) check.rows);
  printf ("verify afterwards: %.0f ms, %s\n", verify_ms, yk_verify_report_ok (&report) ? "all checks pass" : "PROBLEMS");
  yk_verify_report_clear (&report);
  return 0;
}
