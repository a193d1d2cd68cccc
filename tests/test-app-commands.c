/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The command line of FORMATS.md as a shell script sees it: build/yukang
 * run as a process, its exit status, standard output and error. */
#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <unistd.h>

#define PASSWORD "coordinator pass 1"
#define WORKER_PASSWORD "worker password 1"

typedef struct
{
  char *dir;
  char *db;
  char *password_file;
  char *worker_password_file;
} Fixture;

typedef struct
{
  int status;
  char *out;
  char *err;
} Run;

static void
run_clear (Run *run)
{
  g_free (run->out);
  g_free (run->err);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Run, run_clear)

static void
leave_terminal (gpointer data)
{
  setsid ();
}

/* Runs yukang with the NULL-terminated arguments, in the fixture's
 * directory, with no terminal (so nothing can prompt). */
static Run
yukang (Fixture *f, const char *stdin_text, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  Run run = { 0 };
  const char *arg;
  va_list args;

  g_ptr_array_add (argv, (gpointer) g_getenv ("YUKANG_BIN"));
  va_start (args, stdin_text);
  while ((arg = va_arg (args, const char *)) != NULL)
    g_ptr_array_add (argv, (gpointer) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_PIPE |
                                        G_SUBPROCESS_FLAGS_STDERR_PIPE);
  g_subprocess_launcher_set_cwd (launcher, f->dir);
  g_subprocess_launcher_set_child_setup (launcher, leave_terminal, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "LANGUAGE", "C", TRUE);
  g_subprocess_launcher_setenv (launcher, "LC_ALL", "C.UTF-8", TRUE);
  process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, stdin_text ? stdin_text : "", NULL, &run.out, &run.err, &error);
  g_assert_no_error (error);
  g_assert_true (g_subprocess_get_if_exited (process));
  run.status = g_subprocess_get_exit_status (process);
  return run;
}

static void
assert_contains (const char *text, const char *fragment)
{
  if (strstr (text, fragment) == NULL)
    g_error ("expected “%s” in:\n%s", fragment, text);
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  f->dir = g_dir_make_tmp ("yukang-cli-XXXXXX", NULL);
  f->db = g_build_filename (f->dir, "pilot.ykdb", NULL);
  f->password_file = g_build_filename (f->dir, "pw", NULL);
  f->worker_password_file = g_build_filename (f->dir, "pw-worker", NULL);
  g_assert_true (g_file_set_contents (f->password_file, PASSWORD "\n", -1, NULL));
  g_assert_true (g_file_set_contents (f->worker_password_file, WORKER_PASSWORD "\n", -1, NULL));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_autoptr (GDir) dir = g_dir_open (f->dir, 0, NULL);
  const char *name;

  while (dir && (name = g_dir_read_name (dir)))
    {
      g_autofree char *path = g_build_filename (f->dir, name, NULL);
      g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->password_file);
  g_free (f->worker_password_file);
}

static void
init_database (Fixture *f)
{
  g_auto (Run) run = yukang (f, NULL, "init", "--db", f->db, "--user", "admin", "--display-name", "王协调",
                             "--password-file", f->password_file, "--kdf", "interactive", NULL);
  g_auto (GStrv) lines = NULL;
  guint n;

  g_assert_cmpint (run.status, ==, 0);
  g_assert_cmpstr (run.err, ==, "");
  lines = g_strsplit (g_strchomp (run.out), "\n", -1);
  n = g_strv_length (lines);
  /* The recovery key is the last line: nine groups of four. */
  g_assert_true (g_regex_match_simple ("^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$", lines[n - 1], 0, 0));
}

static void
add_worker (Fixture *f)
{
  g_auto (Run) run = yukang (f, NULL, "user", "add", "--db", f->db, "--user", "admin", "--password-file",
                             f->password_file, "--account", "li", "--role", "worker", "--site", "SPQ",
                             "--display-name", "李社工", "--account-password-file", f->worker_password_file,
                             "--kdf", "interactive", NULL);
  g_assert_cmpint (run.status, ==, 0);
}

static void
test_init (Fixture *f, gconstpointer data)
{
  g_autofree char *before = NULL;
  g_autofree char *after = NULL;
  gsize before_length, after_length;

  init_database (f);
  g_assert_true (g_file_test (f->db, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (f->db, &before, &before_length, NULL));

  /* Never over an existing file, which stays as it was. */
  {
    g_auto (Run) run = yukang (f, NULL, "init", "--db", f->db, "--user", "x", "--password-file",
                               f->password_file, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "already exists");
  }
  g_assert_true (g_file_get_contents (f->db, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
}

static void
test_init_refusals (Fixture *f, gconstpointer data)
{
  g_autofree char *short_pw = g_build_filename (f->dir, "short", NULL);
  g_autofree char *other = g_build_filename (f->dir, "other.ykdb", NULL);

  g_assert_true (g_file_set_contents (short_pw, "abc\n", -1, NULL));
  {
    g_auto (Run) run = yukang (f, NULL, "init", "--user", "admin", "--password-file", f->password_file, NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_contains (run.err, "--db");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "init", "--db", other, "--user", "admin", "--kdf", "fast",
                               "--password-file", f->password_file, NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_contains (run.err, "--kdf");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "init", "--db", other, "--user", "admin", "--password-file", short_pw, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "at least 10 characters");
  }
  {
    /* No terminal and no password file: a clear refusal, not a hang. */
    g_auto (Run) run = yukang (f, NULL, "init", "--db", other, "--user", "admin", NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_contains (run.err, "--password-file");
  }
  g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
}

static void
test_users (Fixture *f, gconstpointer data)
{
  init_database (f);
  add_worker (f);
  {
    g_auto (Run) run = yukang (f, NULL, "user", "list", "--db", f->db, "--user", "li", "--password-file",
                               f->worker_password_file, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "admin");
    assert_contains (run.out, "李社工");
  }
  {
    /* A social worker adds nobody. */
    g_auto (Run) run = yukang (f, NULL, "user", "add", "--db", f->db, "--user", "li", "--password-file",
                               f->worker_password_file, "--account", "zhao", "--role", "worker", "--site", "JL",
                               "--account-password-file", f->worker_password_file, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "Only a coordinator");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "user", "add", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--account", "zhao", "--role", "worker", "--site", "XYZ",
                               "--account-password-file", f->worker_password_file, "--kdf", "interactive", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "no site");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "user", "add", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--account", "zhao", "--role", "boss", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    /* Anyone changes their own password, here from standard input. */
    g_auto (Run) run = yukang (f, "li's new password\n", "user", "passwd", "--db", f->db, "--user", "li",
                               "--password-file", f->worker_password_file, "--new-password-file", "-",
                               "--kdf", "interactive", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", f->db, "--user", "li", "--password-file",
                               f->worker_password_file, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "Wrong user name or password");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "user", "remove", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--account", "li", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto (Run) run = yukang (f, "li's new password\n", "verify", "--db", f->db, "--user", "li",
                               "--password-file", "-", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "Wrong user name or password");
  }
}

/* After someone leaves: a social worker may not change the key; a
 * coordinator does, and the file verifies (the audit trail re-signed)
 * and opens for those who remain. */
static void
test_rotate_key (Fixture *f, gconstpointer data)
{
  g_autofree char *before = NULL, *after = NULL;
  gsize before_length = 0, after_length = 0;

  init_database (f);
  add_worker (f);
  {
    g_auto (Run) run = yukang (f, NULL, "user", "rotate-key", "--db", f->db, "--user", "li", "--password-file",
                               f->worker_password_file, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "coordinator");
  }
  g_assert_true (g_file_get_contents (f->db, &before, &before_length, NULL));
  {
    g_auto (Run) run = yukang (f, NULL, "user", "rotate-key", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "Changed the database key");
  }
  g_assert_true (g_file_get_contents (f->db, &after, &after_length, NULL));
  /* Every page is sealed anew: the last page's nonce and tag differ. */
  g_assert_cmpuint (after_length, >=, 64);
  g_assert_true (before_length != after_length ||
                 memcmp (before + before_length - 64, after + after_length - 64, 64) != 0);
  {
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", f->db, "--user", "li", "--password-file",
                               f->worker_password_file, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "chain intact");
  }
}

static void
test_verify_and_backup (Fixture *f, gconstpointer data)
{
  g_autofree char *backup = g_build_filename (f->dir, "backup.ykdb", NULL);

  init_database (f);
  add_worker (f);
  {
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "authenticated");
    assert_contains (run.out, "integrity_check      ok");
    assert_contains (run.out, "foreign_key_check    ok");
    assert_contains (run.out, "chain intact");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "backup", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--output", backup, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    /* The backup has the same accounts. */
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", backup, "--user", "li", "--password-file",
                               f->worker_password_file, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto (Run) run = yukang (f, NULL, "backup", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_contains (run.err, "--output");
  }
  {
    g_autofree char *other = g_build_filename (f->dir, "other.ykdb", NULL);
    g_auto (Run) run = yukang (f, NULL, "backup", "--db", f->db, "--user", "admin", "--password-file",
                               f->worker_password_file, "--output", other, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "Wrong user name or password");
    g_assert_false (g_file_test (other, G_FILE_TEST_EXISTS));
  }
  {
    g_auto (Run) run = yukang (f, NULL, "user", "remove", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--account", "nobody", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "nobody");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "user", "remove", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--account", "admin", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "signed in with");
  }
}

static void
test_verify_damaged_file (Fixture *f, gconstpointer data)
{
  g_autofree char *bytes = NULL;
  gsize length;

  init_database (f);
  g_assert_true (g_file_get_contents (f->db, &bytes, &length, NULL));
  bytes[length - 4096 * 2 + 100] ^= 0x10; /* the last-but-one page */
  g_assert_true (g_file_set_contents (f->db, bytes, length, NULL));
  {
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, NULL);
    g_autofree char *page = g_strdup_printf ("page %" G_GSIZE_FORMAT " ", (length - 65536) / 4096 - 1);

    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, page);
  }
}

static void
test_report (Fixture *f, gconstpointer data)
{
  init_database (f);
  {
    g_auto (Run) run = yukang (f, NULL, "report", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--period", "2021Q4", NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "上门服务（人次）");
    assert_contains (run.out, "2021年10月1日至2021年12月31日");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "report", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--period", "2021-07", "--format", "json", "--site", "JL", NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "\"code\": \"JL\"");
    g_assert_null (strstr (run.out, "\"SPQ\""));
  }
  {
    g_auto (Run) run = yukang (f, NULL, "report", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--period", "2021Q5", NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_contains (run.err, "not a period");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "report", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--period", "2021", "--site", "XX", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "no site");
  }
}

static void
test_missing_file_and_bad_options (Fixture *f, gconstpointer data)
{
  {
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", "missing.ykdb", "--user", "admin", "--password-file",
                               f->password_file, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "no database file");
    g_assert_false (g_file_test ("missing.ykdb", G_FILE_TEST_EXISTS));
  }
  {
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", f->db, "--frobnicate", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto (Run) run = yukang (f, NULL, "user", "rename", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  init_database (f);
  {
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", f->db, "--user", "admin", "--password-file",
                               "no-such-file", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "password file");
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("YUKANG_BIN"));

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/app/commands/rotate-key", test_rotate_key);
  ADD ("/app/commands/init", test_init);
  ADD ("/app/commands/init-refusals", test_init_refusals);
  ADD ("/app/commands/users", test_users);
  ADD ("/app/commands/verify-and-backup", test_verify_and_backup);
  ADD ("/app/commands/verify-damaged", test_verify_damaged_file);
  ADD ("/app/commands/report", test_report);
  ADD ("/app/commands/missing-and-bad", test_missing_file_and_bad_options);
#undef ADD
  return g_test_run ();
}
