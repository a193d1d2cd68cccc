/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "yk-config.h"
#include "yk-cli.h"

/* Runs the command line in a subprocess so that its stdout, stderr and
 * exit status can be checked as a shell script would see them. */
static void
run_cli (int expected_status, const char *first, const char *second)
{
  char *argv[] = { (char *) "yukang", (char *) first, (char *) second, NULL };
  int argc = second ? 3 : 2;
  int status = yk_cli_run (argc, argv);

  /* The parent only sees pass/fail, so the exact status is checked here. */
  if (status != expected_status)
    {
      g_printerr ("exit status %d, expected %d\n", status, expected_status);
      exit (1);
    }
  exit (0);
}

static void
test_version (void)
{
  if (g_test_subprocess ())
    run_cli (YK_EXIT_OK, "--version", NULL);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("yukang " PACKAGE_VERSION "\n");
}

static void
test_help_lists_commands (void)
{
  if (g_test_subprocess ())
    run_cli (YK_EXIT_OK, "--help", NULL);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stdout ("*Usage:*yukang COMMAND*version*");
  g_test_trap_assert_stdout ("*\n  snapshot *--key-from OTHER*");
  g_test_trap_assert_stderr ("");
}

static void
test_unknown_command_is_usage_error (void)
{
  if (g_test_subprocess ())
    run_cli (YK_EXIT_USAGE, "raport", NULL);
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_passed ();
  g_test_trap_assert_stderr ("*unknown command*raport*Usage:*");
  g_test_trap_assert_stdout ("");
}

static void
test_window_options_are_not_commands (void)
{
  char *no_args[] = { (char *) "yukang", NULL };
  char *db[] = { (char *) "yukang", (char *) "--db", (char *) "x.ykdb", NULL };
  char *cmd[] = { (char *) "yukang", (char *) "report", NULL };
  char *version[] = { (char *) "yukang", (char *) "--version", NULL };

  g_assert_false (yk_cli_wants (1, no_args));
  g_assert_false (yk_cli_wants (3, db));
  g_assert_true (yk_cli_wants (2, cmd));
  g_assert_true (yk_cli_wants (2, version));
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/cli/version", test_version);
  g_test_add_func ("/app/cli/help", test_help_lists_commands);
  g_test_add_func ("/app/cli/unknown-command", test_unknown_command_is_usage_error);
  g_test_add_func ("/app/cli/window-options", test_window_options_are_not_commands);
  return g_test_run ();
}
