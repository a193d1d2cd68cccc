/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The command line of docs/design/formats.md as a shell script sees it: build/yukang
 * run as a process, its exit status, standard output and error. */
#include "app-test-util.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <string.h>
#include <xlsxwriter.h>
#include <cairo.h>
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
      /* A ledger folder: one level of files. */
      g_autoptr (GDir) inner = g_dir_open (path, 0, NULL);
      const char *inner_name;

      while (inner && (inner_name = g_dir_read_name (inner)))
        {
          g_autofree char *inner_path = g_build_filename (path, inner_name, NULL);
          g_unlink (inner_path);
        }
      if (inner != NULL)
        g_rmdir (path);
      else
        g_unlink (path);
    }
  g_rmdir (f->dir);
  g_free (f->dir);
  g_free (f->db);
  g_free (f->password_file);
  g_free (f->worker_password_file);
}

/* Returns the recovery key init printed. */
static char *
init_database_with_key (Fixture *f)
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
  return g_strdup (lines[n - 1]);
}

static void
init_database (Fixture *f)
{
  g_free (init_database_with_key (f));
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

/* The recovery key a command printed last, as init does; NULL if the
 * last line is not one. */
static char *
last_line_recovery_key (const char *out)
{
  g_autofree char *copy = g_strchomp (g_strdup (out));
  const char *last = strrchr (copy, '\n');

  last = last != NULL ? last + 1 : copy;
  return g_regex_match_simple ("^([0-9A-Z]{4}-){8}[0-9A-Z]{4}$", last, 0, 0) ? g_strdup (last) : NULL;
}

static char *
write_fixture_file (Fixture *f, const char *name, const char *contents)
{
  char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
  return path;
}

/* `yukang verify` as `user` with the recovery key in a file. */
static Run
verify_with_recovery_key (Fixture *f, const char *user, const char *key)
{
  g_autofree char *key_file = write_fixture_file (f, "recovery-key", key);

  return yukang (f, NULL, "verify", "--db", f->db, "--user", user, "--recovery-key-file", key_file, NULL);
}

static GBytes *
header_area (Fixture *f)
{
  g_autofree char *bytes = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (f->db, &bytes, &length, NULL));
  g_assert_cmpuint (length, >, 65536);
  return g_bytes_new (bytes, 65536);
}

static void
put_header_area_back (Fixture *f, GBytes *area)
{
  g_autofree char *bytes = NULL;
  gsize length = 0;

  g_assert_true (g_file_get_contents (f->db, &bytes, &length, NULL));
  memcpy (bytes, g_bytes_get_data (area, NULL), 65536);
  g_assert_true (g_file_set_contents (f->db, bytes, length, NULL));
}

/* Finding 1 of issue #15 from the command line: `user remove` changes
 * the key by default and prints a new recovery key; the header area
 * saved before, written back, opens nothing for the removed person, and
 * the old recovery key is dead. */
static void
test_remove_rotates_key (Fixture *f, gconstpointer data)
{
  g_autofree char *old_key = NULL;
  g_autofree char *new_key = NULL;
  g_autoptr (GBytes) saved = NULL;

  old_key = init_database_with_key (f);
  add_worker (f);
  saved = header_area (f);
  {
    g_auto (Run) run = yukang (f, NULL, "user", "remove", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--account", "li", NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "Changed the database key");
    g_assert_null (strstr (run.out, "no longer unlocks the database"));
    new_key = last_line_recovery_key (run.out);
    g_assert_nonnull (new_key);
    g_assert_cmpstr (new_key, !=, old_key);
  }
  {
    g_auto (Run) run = verify_with_recovery_key (f, "admin", old_key);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "does not unlock");
  }
  {
    g_auto (Run) run = verify_with_recovery_key (f, "admin", new_key);
    g_assert_cmpint (run.status, ==, 0);
  }
  put_header_area_back (f, saved);
  {
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", f->db, "--user", "li", "--password-file",
                               f->worker_password_file, NULL);
    g_assert_cmpint (run.status, ==, 1);
    /* Not merely stopped by the staff list: the old key opens no page. */
    g_assert_null (strstr (run.err, "staff list"));
  }
}

/* --keep-key: only the slot goes, with a warning saying what that
 * leaves open; the header put back is then refused as put back. */
static void
test_remove_keep_key (Fixture *f, gconstpointer data)
{
  g_autoptr (GBytes) saved = NULL;

  init_database (f);
  add_worker (f);
  saved = header_area (f);
  {
    g_auto (Run) run = yukang (f, NULL, "user", "remove", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--account", "li", "--keep-key", NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.err, "warning");
    assert_contains (run.err, "old password still opens older copies");
    assert_contains (run.err, "still decrypts it");
    g_assert_null (last_line_recovery_key (run.out));
  }
  put_header_area_back (f, saved);
  {
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", f->db, "--user", "li", "--password-file",
                               f->worker_password_file, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "key header is older than its data");
    assert_contains (run.err, "put back");
  }
}

/* --recovery-key-file in place of --password-file: the file opens, the
 * command acts as --user; a wrong key, a typo, both options, are
 * refused. */
static void
test_recovery_key_unlock (Fixture *f, gconstpointer data)
{
  g_autofree char *key = init_database_with_key (f);

  add_worker (f);
  {
    g_auto (Run) run = verify_with_recovery_key (f, "admin", key);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "No problems found");
  }
  {
    g_autofree char *key_file = write_fixture_file (f, "recovery-key", key);
    g_auto (Run) run = yukang (f, NULL, "user", "list", "--db", f->db, "--user", "li", "--recovery-key-file",
                               key_file, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "admin");
  }
  {
    g_auto (Run) run = verify_with_recovery_key (f, "admin", "0000-0000-0000-0000-0000-0000-0000-0000-0000");
    g_assert_cmpint (run.status, ==, 1);
  }
  {
    g_auto (Run) run = verify_with_recovery_key (f, "nobody", key);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "no account named");
  }
  {
    g_autofree char *key_file = write_fixture_file (f, "recovery-key", key);
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--recovery-key-file", key_file, NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
}

/* A forgotten password: the recovery key sets a new one for li, who
 * then unlocks with it; the old password no longer works. */
static void
test_passwd_with_recovery_key (Fixture *f, gconstpointer data)
{
  g_autofree char *key = init_database_with_key (f);
  g_autofree char *key_file = write_fixture_file (f, "recovery-key", key);
  g_autofree char *new_password_file = write_fixture_file (f, "pw-new", "li's new password\n");

  add_worker (f);
  {
    g_auto (Run) run = yukang (f, NULL, "user", "passwd", "--db", f->db, "--recovery-key-file", key_file,
                               "--account", "li", "--new-password-file", new_password_file, "--kdf",
                               "interactive", NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "li");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", f->db, "--user", "li", "--password-file",
                               new_password_file, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", f->db, "--user", "li", "--password-file",
                               f->worker_password_file, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "Wrong user name or password");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "user", "passwd", "--db", f->db, "--recovery-key-file", key_file,
                               "--account", "nobody", "--new-password-file", new_password_file, "--kdf",
                               "interactive", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "no account named");
  }
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


static char *
path_in (Fixture *f, const char *name)
{
  return g_build_filename (f->dir, name, NULL);
}

/* init --key-from: the new file's coordinator has the key pair and so
 * the password of the other file (asked once); a wrong one makes
 * nothing; --kdf does not go with it. */
static void
test_init_key_from (Fixture *f, gconstpointer data)
{
  g_autofree char *site = path_in (f, "site.ykdb");
  g_autofree char *wrong = write_fixture_file (f, "wrong-pw", "not the password\n");

  init_database (f);
  {
    g_auto (Run) run = yukang (f, NULL, "init", "--db", site, "--user", "admin", "--password-file", wrong,
                               "--key-from", f->db, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "Wrong user name or password");
  }
  g_assert_false (g_file_test (site, G_FILE_TEST_EXISTS));
  {
    g_auto (Run) run = yukang (f, NULL, "init", "--db", site, "--user", "admin", "--password-file",
                               f->password_file, "--key-from", f->db, "--kdf", "interactive", NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_contains (run.err, "--key-from");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "init", "--db", site, "--user", "admin", "--password-file",
                               f->password_file, "--key-from", "missing.ykdb", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "missing.ykdb");
  }
  g_assert_false (g_file_test (site, G_FILE_TEST_EXISTS));
  {
    g_auto (Run) run = yukang (f, NULL, "init", "--db", site, "--user", "admin", "--display-name", "王协调",
                               "--password-file", f->password_file, "--key-from", f->db, NULL);
    g_autofree char *key = last_line_recovery_key (run.out);

    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "Its key and password are those of “admin” in ");
    g_assert_nonnull (key);
  }
  {
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", site, "--user", "admin", "--password-file",
                               f->password_file, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "No problems found.");
  }
}

/* user add --key-from: no password asked, the account's own opens the
 * new file; a warning when the coordinator's key cannot check the other
 * file; the password options do not go with it. */
static void
test_user_add_key_from (Fixture *f, gconstpointer data)
{
  g_autofree char *site = path_in (f, "site.ykdb");
  g_autofree char *lone = path_in (f, "lone.ykdb");
  g_autofree char *lone_pw = write_fixture_file (f, "lone-pw", "zhao's password 1\n");

  init_database (f);
  add_worker (f);
  {
    g_auto (Run) run = yukang (f, NULL, "init", "--db", site, "--user", "admin", "--password-file",
                               f->password_file, "--key-from", f->db, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto (Run) run = yukang (f, NULL, "user", "add", "--db", site, "--user", "admin", "--password-file",
                               f->password_file, "--account", "li", "--role", "worker", "--site", "SPQ",
                               "--key-from", f->db, "--account-password-file", f->worker_password_file, NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_contains (run.err, "--key-from");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "user", "add", "--db", site, "--user", "admin", "--password-file",
                               f->password_file, "--account", "li", "--role", "worker", "--site", "SPQ",
                               "--key-from", f->db, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "Added the account “li” with its key and password of ");
    g_assert_cmpstr (run.err, ==, "");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "user", "list", "--db", site, "--user", "li", "--password-file",
                               f->worker_password_file, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "li                   worker       SPQ");
  }
  /* Once only. */
  {
    g_auto (Run) run = yukang (f, NULL, "user", "add", "--db", site, "--user", "admin", "--password-file",
                               f->password_file, "--account", "li", "--role", "worker", "--site", "SPQ",
                               "--key-from", f->db, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "already exists");
  }
  /* A file the coordinator has no account in: added, with a warning. */
  {
    g_auto (Run) run = yukang (f, NULL, "init", "--db", lone, "--user", "zhao", "--password-file", lone_pw,
                               "--kdf", "interactive", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto (Run) run = yukang (f, NULL, "user", "add", "--db", site, "--user", "admin", "--password-file",
                               f->password_file, "--account", "zhao", "--role", "coordinator", "--key-from", lone,
                               NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.err, "could not be checked");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", site, "--user", "zhao", "--password-file", lone_pw, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
}

static guint
hidden_or_temporary_files (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  guint n = 0;

  while (handle != NULL && (name = g_dir_read_name (handle)) != NULL)
    if (name[0] == '.' || g_str_has_suffix (name, ".tmp") || g_str_has_suffix (name, "-journal"))
      n++;
  return n;
}

/* yukang split: one line per file written (its path, accounts, service
 * users and records, no one's name), each file's recovery key; the
 * files open with the source's passwords and verify; a second run is
 * refused naming the file that exists; a social worker is refused. */
static void
test_split (Fixture *f, gconstpointer data)
{
  g_autofree char *out = path_in (f, "sites");
  g_autofree char *spq = NULL, *jl = NULL;

  init_database (f);
  add_worker (f);
  {
    g_auto (Run) run = yukang (f, NULL, "demo", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  spq = g_build_filename (out, "SPQ.ykdb", NULL);
  jl = g_build_filename (out, "JL.ykdb", NULL);
  {
    g_auto (Run) run = yukang (f, NULL, "split", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--output", out, NULL);
    g_autofree char *spq_line = g_strdup_printf ("Wrote %s: site SPQ, 2 accounts, ", spq);
    g_autofree char *jl_line = g_strdup_printf ("Wrote %s: site JL, 1 account, ", jl);
    g_autoptr (GRegex) keys = g_regex_new ("^[0-9A-Z]{4}(-[0-9A-Z]{4}){7,}$", G_REGEX_MULTILINE, 0, NULL);
    g_autoptr (GMatchInfo) match = NULL;
    guint n_keys = 0;

    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    assert_contains (run.out, spq_line);
    assert_contains (run.out, jl_line);
    g_assert_true (g_regex_match_simple ("site SPQ, 2 accounts, [0-9]+ service users, [0-9]+ records\\.\n", run.out,
                                         0, 0));
    g_assert_null (strstr (run.out, "李社工"));
    g_assert_null (strstr (run.out, "王协调"));
    for (g_regex_match (keys, run.out, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL))
      n_keys++;
    g_assert_cmpuint (n_keys, ==, 2);
  }
  {
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", spq, "--user", "li", "--password-file",
                               f->worker_password_file, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "No problems found.");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", jl, "--user", "li", "--password-file",
                               f->worker_password_file, NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
  {
    g_auto (Run) run = yukang (f, NULL, "split", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--output", out, NULL);
    g_autofree char *message = g_strdup_printf ("“%s” already exists", spq);

    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, message);
    g_assert_cmpstr (run.out, ==, "");
  }
  g_free (spq);
  spq = path_in (f, "other");
  g_assert_cmpint (g_mkdir (spq, 0700), ==, 0);
  {
    g_auto (Run) run = yukang (f, NULL, "split", "--db", f->db, "--user", "li", "--password-file",
                               f->worker_password_file, "--output", spq, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "Only a coordinator");
    g_assert_cmpuint (hidden_or_temporary_files (spq), ==, 0);
  }
  g_assert_cmpuint (hidden_or_temporary_files (out), ==, 0);
}

/* yukang snapshot: named by its sites, audited, read-only; verify works
 * on it and checks its head; a record is refused with the message; a
 * missing folder is named and nothing is written. */
static void
test_snapshot (Fixture *f, gconstpointer data)
{
  g_autofree char *out = path_in (f, "snapshots");
  g_autofree char *gone = path_in (f, "gone");
  g_autofree char *written = NULL;

  init_database (f);
  add_worker (f);
  g_assert_cmpint (g_mkdir (out, 0700), ==, 0);
  written = g_build_filename (out, "JL+SPQ.ykdb", NULL);
  {
    g_auto (Run) run = yukang (f, NULL, "snapshot", "--db", f->db, "--user", "li", "--password-file",
                               f->worker_password_file, "--output", out, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "Wrote snapshot 1 of JL+SPQ to ");
    assert_contains (run.out, "JL+SPQ.ykdb.");
    g_assert_true (g_regex_match_simple ("audit head +[0-9]+:[0-9a-f]{16}\n", run.out, 0, 0));
  }
  {
    g_auto (Run) run = yukang (f, NULL, "snapshot", "--db", f->db, "--user", "li", "--password-file",
                               f->worker_password_file, "--output", out, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "Wrote snapshot 2 of JL+SPQ to ");
  }
  g_assert_true (g_file_test (written, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (hidden_or_temporary_files (out), ==, 0);
  {
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", written, "--user", "admin", "--password-file",
                               f->password_file, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "snapshot             generation 2 of JL+SPQ, taken ");
    assert_contains (run.out, ": the trail ends there");
    assert_contains (run.out, "No problems found.");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "user", "add", "--db", written, "--user", "admin", "--password-file",
                               f->password_file, "--account", "zhang", "--role", "coordinator",
                               "--account-password-file", f->worker_password_file, "--kdf", "interactive", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "“JL+SPQ.ykdb” is a snapshot: it is read only. Records are made in the site’s own file.");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "report", "--db", written, "--user", "admin", "--password-file",
                               f->password_file, "--period", "2021", "--format", "csv", NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  /* The source's trail has both snapshots; the snapshot, neither. */
  {
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_null (strstr (run.out, "snapshot "));
  }
  {
    g_auto (Run) run = yukang (f, NULL, "snapshot", "--db", f->db, "--user", "li", "--password-file",
                               f->worker_password_file, "--output", gone, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "The snapshot folder “");
    assert_contains (run.err, "gone” does not exist");
  }
  g_assert_false (g_file_test (gone, G_FILE_TEST_EXISTS));
  {
    g_auto (Run) run = yukang (f, NULL, "snapshot", "--db", f->db, "--user", "li", "--password-file",
                               f->worker_password_file, NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_contains (run.err, "--output");
  }
  g_assert_cmpuint (hidden_or_temporary_files (out), ==, 0);
  g_assert_cmpuint (hidden_or_temporary_files (f->dir), ==, 0);
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
  g_autofree char *old_key = NULL, *new_key = NULL;
  gsize before_length = 0, after_length = 0;

  old_key = init_database_with_key (f);
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
    new_key = last_line_recovery_key (run.out);
    g_assert_nonnull (new_key);
  }
  /* The recovery key is new: the old one no longer opens the file. */
  {
    g_auto (Run) run = verify_with_recovery_key (f, "admin", old_key);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "does not unlock");
  }
  {
    g_auto (Run) run = verify_with_recovery_key (f, "admin", new_key);
    g_assert_cmpint (run.status, ==, 0);
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

/* `yukang report --by worker` (docs/design/workload.md) on a small
 * ledger, every count by hand, for 2021Q4:
 *   李社工 (SPQ, with a login): home SPQ-0001 10-05 60 min ✓, phone
 *     SPQ-0001 11-01 15 ✓, phone SPQ-0002 11-10 5 ✗ (unreached: no
 *     minutes), home SPQ-0002 12-01 30 ✓, home SPQ-0001 2022-01-05 (after);
 *     facilitates A001 (2 residents + 2 attendances = 4)
 *     → home 2, phone 1, unreached 1, activities 1, attendances 4,
 *       minutes 105, people 2
 *   赵社工 (made by the import at JL, no login): home JL-0001 10-20 40 ✓
 *     → home 1, minutes 40, people 1
 *   王协调 (the importer, a coordinator without a site): the SDSS
 *     assessment of SPQ-0001 10-08, recorded by the import → assessments 1
 *   SPQ's total is 李's row; the total adds 赵 and 王: home 3, minutes 145,
 *   people 3. */
static void
import_workload_pilot (Fixture *f)
{
  g_autofree char *ledger = g_build_filename (f->dir, "ledger", NULL);
  g_autofree char *clients = g_build_filename (ledger, "clients.csv", NULL);
  g_autofree char *contacts = g_build_filename (ledger, "contacts.csv", NULL);
  g_autofree char *activities = g_build_filename (ledger, "activities.csv", NULL);
  g_autofree char *attendance = g_build_filename (ledger, "attendance.csv", NULL);
  g_autofree char *assessments = g_build_filename (ledger, "assessments.csv", NULL);

  init_database (f);
  add_worker (f);
  g_assert_cmpint (g_mkdir (ledger, 0700), ==, 0);
  g_assert_true (g_file_set_contents (clients,
    "case_no,name,site,intake_date,consent_date,stable_at_intake,worker\n"
    "SPQ-0001,测试甲,SPQ,2021-01-05,2021-01-05,是,李社工\n"
    "SPQ-0002,测试乙,SPQ,2021-01-05,2021-01-05,是,李社工\n"
    "JL-0001,测试丙,JL,2021-01-05,2021-01-05,是,\n", -1, NULL));
  g_assert_true (g_file_set_contents (contacts,
    "case_no,type,date,worker,reached,duration_min\n"
    "SPQ-0001,上门服务,2021-10-05,李社工,是,60\n"
    "SPQ-0001,电话随访,2021-11-01,李社工,是,15\n"
    "SPQ-0002,电话随访,2021-11-10,李社工,否,5\n"
    "SPQ-0002,上门服务,2021-12-01,李社工,是,30\n"
    "SPQ-0001,上门服务,2022-01-05,李社工,是,20\n"
    "JL-0001,上门服务,2021-10-20,赵社工,是,40\n", -1, NULL));
  g_assert_true (g_file_set_contents (activities,
    "activity_id,site,date,title,facilitator,resident_count\n"
    "A001,SPQ,2021-11-05,手工小组,李社工,2\n", -1, NULL));
  g_assert_true (g_file_set_contents (attendance,
    "activity_id,case_no\nA001,SPQ-0001\nA001,SPQ-0002\n", -1, NULL));
  g_assert_true (g_file_set_contents (assessments,
    "case_no,date,sdss_1,sdss_2,sdss_3,sdss_4,sdss_5,sdss_6,sdss_7,sdss_8,sdss_9,sdss_10\n"
    "SPQ-0001,2021-10-08,1,1,1,1,0,0,0,0,0,0\n", -1, NULL));
  {
    g_auto (Run) run = yukang (f, NULL, "import", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, ledger, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
}

static char *pdf_tool (const char *tool, const char *path);

/* yukang training add|list|void (docs/design/formats.md): decimals with
 * one place only, refusals named by option or reason, the list in each
 * format, a social worker refused. */
static void
test_training (Fixture *f, gconstpointer data)
{
  init_database (f);
  add_worker (f);
  {
    g_auto (Run) run = yukang (f, NULL, "training", "add", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--date", "2021-10-12", "--title", "危机干预", "--hours", "2.5",
                               "--provider", "区精卫中心", "--attendee", "李社工", "--attendee", "王协调", NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "1");
  }
  {
    static const char *const bad_hours[] = { "2.55", "2,5", "abc", "-1", NULL };

    for (guint i = 0; bad_hours[i] != NULL; i++)
      {
        g_auto (Run) run = yukang (f, NULL, "training", "add", "--db", f->db, "--user", "admin", "--password-file",
                                   f->password_file, "--date", "2021-10-12", "--title", "x", "--hours", bad_hours[i],
                                   "--attendee", "李社工", NULL);
        g_assert_cmpint (run.status, ==, 2);
        assert_contains (run.err, "--hours");
      }
  }
  {
    /* Each refused with its reason, exit 1. */
    g_auto (Run) unknown = yukang (f, NULL, "training", "add", "--db", f->db, "--user", "admin", "--password-file",
                                   f->password_file, "--date", "2021-10-12", "--title", "x", "--hours", "1",
                                   "--attendee", "无此人", NULL);
    g_auto (Run) day = yukang (f, NULL, "training", "add", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--date", "2021-10-12", "--title", "x", "--hours", "22",
                               "--attendee", "李社工", NULL);
    g_auto (Run) none = yukang (f, NULL, "training", "add", "--db", f->db, "--user", "admin", "--password-file",
                                f->password_file, "--date", "2021-10-12", "--title", "x", "--hours", "1", NULL);
    g_auto (Run) worker = yukang (f, NULL, "training", "add", "--db", f->db, "--user", "li", "--password-file",
                                  f->worker_password_file, "--date", "2021-10-13", "--title", "x", "--hours", "1",
                                  "--attendee", "李社工", NULL);

    g_assert_cmpint (unknown.status, ==, 1);
    assert_contains (unknown.err, "无此人");
    g_assert_cmpint (day.status, ==, 1);
    assert_contains (day.err, "24");
    g_assert_cmpint (none.status, ==, 2);
    assert_contains (none.err, "--attendee");
    g_assert_cmpint (worker.status, ==, 1);
    assert_contains (worker.err, "coordinator");
  }
  {
    g_auto (Run) text = yukang (f, NULL, "training", "list", "--db", f->db, "--user", "admin", "--password-file",
                                f->password_file, NULL);
    g_auto (Run) csv = yukang (f, NULL, "training", "list", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--format", "csv", "--period", "2021Q4", NULL);
    g_auto (Run) json = yukang (f, NULL, "training", "list", "--db", f->db, "--user", "li", "--password-file",
                                f->worker_password_file, "--format", "json", "--period", "2021-10", NULL);
    g_auto (Run) empty = yukang (f, NULL, "training", "list", "--db", f->db, "--user", "admin", "--password-file",
                                 f->password_file, "--format", "json", "--period", "2021-11", NULL);

    g_assert_cmpint (text.status, ==, 0);
    g_assert_cmpstr (text.out, ==, "1\t2021-10-12\t2.5\t危机干预\t区精卫中心\t李社工、王协调\n");
    g_assert_cmpint (csv.status, ==, 0);
    g_assert_cmpstr (csv.out, ==, "编号,日期,培训主题,学时,提供方,参加人员\r\n"
                                  "1,2021-10-12,危机干预,2.5,区精卫中心,李社工、王协调\r\n");
    g_assert_cmpint (json.status, ==, 0);
    assert_contains (json.out, "{\"id\": 1, \"date\": \"2021-10-12\", \"title\": \"危机干预\", \"hours\": 2.5, "
                               "\"provider\": \"区精卫中心\", \"attendees\": [\"李社工\", \"王协调\"]}");
    g_assert_cmpstr (empty.out, ==, "{\n  \"sessions\": []\n}\n");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "report", "--by", "worker", "--db", f->db, "--user", "admin",
                               "--password-file", f->password_file, "--period", "2021Q4", "--format", "csv", NULL);

    assert_contains (run.out, "\r\n李社工,石坪桥街道渝康家园,0,0,0,0,0,0,0,0,2.5,2.5,不足20小时\r\n");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "training", "void", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--id", "1", "--reason", "录错了", NULL);
    g_auto (Run) list = yukang (f, NULL, "training", "list", "--db", f->db, "--user", "admin", "--password-file",
                                f->password_file, NULL);

    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (list.out, ==, "");
  }
}

static void
test_report_by_worker (Fixture *f, gconstpointer data)
{
  g_autofree char *xlsx = g_build_filename (f->dir, "workload.xlsx", NULL);
  g_autofree char *pdf = g_build_filename (f->dir, "workload.pdf", NULL);

  import_workload_pilot (f);
  {
    g_auto (Run) run = yukang (f, NULL, "report", "--by", "worker", "--db", f->db, "--user", "admin",
                               "--password-file", f->password_file, "--period", "2021Q4", "--format", "json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "{\n  \"from\": \"2021-10-01\",\n  \"to\": \"2021-12-31\",\n  \"workers\": [");
    assert_contains (run.out, "{\"name\": \"赵社工\", \"site\": \"JL\", \"home_visits\": 1, \"phone_followups\": 0, "
                              "\"unreached\": 0, \"assessments\": 0, \"activities\": 0, \"attendances\": 0, "
                              "\"minutes\": 40, \"people\": 1");
    assert_contains (run.out, "{\"name\": \"李社工\", \"site\": \"SPQ\", \"home_visits\": 2, \"phone_followups\": 1, "
                              "\"unreached\": 1, \"assessments\": 0, \"activities\": 1, \"attendances\": 4, "
                              "\"minutes\": 105, \"people\": 2");
    assert_contains (run.out, "{\"name\": \"王协调\", \"site\": null, \"home_visits\": 0, \"phone_followups\": 0, "
                              "\"unreached\": 0, \"assessments\": 1, ");
    assert_contains (run.out, "\"total\": {\"home_visits\": 3, \"phone_followups\": 1, \"unreached\": 1, "
                              "\"assessments\": 1, \"activities\": 1, \"attendances\": 4, \"minutes\": 145, "
                              "\"people\": 3, \"training_hours\": 0.0, \"training_hours_year\": 0.0}");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "report", "--by", "worker", "--db", f->db, "--user", "admin",
                               "--password-file", f->password_file, "--period", "2021Q4", "--format", "csv", NULL);
    g_assert_cmpint (run.status, ==, 0);
    /* No training recorded: 0.0 hours, and a social worker under the goal. */
    assert_contains (run.out, "\r\n李社工,石坪桥街道渝康家园,2,1,1,0,1,4,105,2,0.0,0.0,不足20小时\r\n");
    assert_contains (run.out, "\r\n合计,,3,1,1,1,1,4,145,3,0.0,0.0,\r\n");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "report", "--by", "worker", "--db", f->db, "--user", "admin",
                               "--password-file", f->password_file, "--period", "2021Q4", NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "渝康家园社工工作量 2021年10月1日—2021年12月31日");
    assert_contains (run.out, "李社工");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "report", "--by", "worker", "--db", f->db, "--user", "admin",
                               "--password-file", f->password_file, "--period", "2021Q4", "--format", "xlsx",
                               "--output", xlsx, NULL);
    g_autofree char *contents = NULL;

    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (xlsx, &contents, NULL, NULL));
    g_assert_true (g_str_has_prefix (contents, "PK"));
  }
  {
    g_auto (Run) run = yukang (f, NULL, "report", "--by", "worker", "--db", f->db, "--user", "admin",
                               "--password-file", f->password_file, "--period", "2021Q4", "--format", "pdf",
                               "--output", pdf, NULL);
    g_autofree char *text = NULL;

    g_assert_cmpint (run.status, ==, 0);
    text = pdf_tool ("pdftotext", pdf);
    assert_contains (text, "李社工");
    assert_contains (text, "145");
  }
  {
    /* A social worker: their own row and their site's total only. */
    g_auto (Run) run = yukang (f, NULL, "report", "--by", "worker", "--db", f->db, "--user", "li",
                               "--password-file", f->worker_password_file, "--period", "2021Q4", "--format", "json",
                               NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "\"name\": \"李社工\"");
    g_assert_null (strstr (run.out, "赵社工"));
    g_assert_null (strstr (run.out, "王协调"));
    g_assert_null (strstr (run.out, "\"JL\""));
    assert_contains (run.out, "\"total\": {\"home_visits\": 2, \"phone_followups\": 1, \"unreached\": 1, "
                              "\"assessments\": 0, \"activities\": 1, \"attendances\": 4, \"minutes\": 105, "
                              "\"people\": 2, \"training_hours\": 0.0, \"training_hours_year\": 0.0}");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "report", "--by", "worker", "--db", f->db, "--user", "li",
                               "--password-file", f->worker_password_file, "--period", "2021Q4", "--site", "JL",
                               NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
  {
    g_auto (Run) run = yukang (f, NULL, "report", "--by", "site", "--db", f->db, "--user", "admin",
                               "--password-file", f->password_file, "--period", "2021Q4", NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_contains (run.err, "--by must be worker");
  }
}

/* A small pilot whose due list at 2021-11-15 is known by hand, with the
 * default intervals (stable 3 months, basically stable and unstable 14
 * days):
 *  SPQ-0001 stable on 2021-10-20, due 2022-01-20: not listed;
 *  SPQ-0007 unstable on 2021-10-27, risk 3, 李社工: due 11-10, 5 days
 *           overdue, at risk;
 *  SPQ-0009 basically stable on 2021-11-05, risk 0: due 11-19, within 7;
 *  JL-0002  basically stable on 2021-11-01, no risk recorded, nobody
 *           assigned: due 11-15, the day itself, not overdue;
 *  JL-0003  stable on 2021-11-10, risk 4: due in February, listed only
 *           because at risk. */
static void
import_due_pilot (Fixture *f)
{
  g_autofree char *ledger = g_build_filename (f->dir, "ledger", NULL);
  g_autofree char *clients = g_build_filename (ledger, "clients.csv", NULL);
  g_autofree char *contacts = g_build_filename (ledger, "contacts.csv", NULL);

  init_database (f);
  add_worker (f);
  g_assert_cmpint (g_mkdir (ledger, 0700), ==, 0);
  g_assert_true (g_file_set_contents (clients,
    "case_no,name,gender,birth_date,site,intake_date,consent_date,stable_at_intake,worker\n"
    "SPQ-0001,测试甲,男,1980-02-29,SPQ,2021-01-05,2021-01-05,是,李社工\n"
    "SPQ-0007,测试丙,女,1975-05-05,SPQ,2021-01-05,2021-01-05,是,李社工\n"
    "SPQ-0009,测试丁,男,1970-01-01,SPQ,2021-06-01,2021-06-01,是,\n"
    "JL-0002,测试乙,女,,JL,2021-01-05,2021-01-05,是,\n"
    "JL-0003,测试戊,女,,JL,2021-01-05,2021-01-05,是,\n", -1, NULL));
  g_assert_true (g_file_set_contents (contacts,
    "case_no,type,date,reached,condition,risk_level\n"
    "SPQ-0001,上门服务,2021-10-20,是,稳定,1\n"
    "SPQ-0007,电话随访,2021-10-27,是,不稳定,3\n"
    "SPQ-0009,电话随访,2021-11-05,是,基本稳定,0\n"
    "JL-0002,上门服务,2021-11-01,是,基本稳定,\n"
    "JL-0003,上门服务,2021-11-10,是,稳定,4\n", -1, NULL));
  {
    g_auto (Run) run = yukang (f, NULL, "import", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, ledger, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
}

static void
test_due (Fixture *f, gconstpointer data)
{
  import_due_pilot (f);
  {
    /* The whole JSON, byte for byte: scripts read these keys. */
    g_auto (Run) run = yukang (f, NULL, "due", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--as-of", "2021-11-15", "--format", "json", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==,
      "{\n"
      "  \"as_of\": \"2021-11-15\",\n"
      "  \"people\": [\n"
      "    {\"case_no\": \"SPQ-0007\", \"due\": \"2021-11-10\", \"overdue_days\": 5, \"last_contact\": \"2021-10-27\", "
      "\"condition\": \"unstable\", \"risk_level\": 3, \"worker\": \"李社工\"},\n"
      "    {\"case_no\": \"JL-0002\", \"due\": \"2021-11-15\", \"overdue_days\": 0, \"last_contact\": \"2021-11-01\", "
      "\"condition\": \"basically_stable\", \"risk_level\": null, \"worker\": null},\n"
      "    {\"case_no\": \"SPQ-0009\", \"due\": \"2021-11-19\", \"overdue_days\": 0, \"last_contact\": \"2021-11-05\", "
      "\"condition\": \"basically_stable\", \"risk_level\": 0, \"worker\": null},\n"
      "    {\"case_no\": \"JL-0003\", \"due\": \"2022-02-10\", \"overdue_days\": 0, \"last_contact\": \"2021-11-10\", "
      "\"condition\": \"stable\", \"risk_level\": 4, \"worker\": null}\n"
      "  ]\n"
      "}\n");
  }
  {
    /* Names never leave the database. */
    g_auto (Run) run = yukang (f, NULL, "due", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--as-of", "2021年11月15日", "--format", "csv", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "个案编号,应随访日期,逾期天数,上次联系,病情,风险等级,责任社工\r\n"
                                              "SPQ-0007,2021-11-10,5,2021-10-27,不稳定,3,李社工\r\n"
                                              "JL-0002,2021-11-15,0,2021-11-01,基本稳定,,\r\n"));
    g_assert_null (strstr (run.out, "测试"));
  }
  {
    g_auto (Run) run = yukang (f, NULL, "due", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--as-of", "2021/11/15", "--within", "0", NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "随访清单 截至2021年11月15日\n");
    g_assert_null (strstr (run.out, "SPQ-0009")); /* due in 4 days: outside --within 0 */
    assert_contains (run.out, "共 3 人，其中逾期 1 人，需关注 2 人\n");
    g_assert_null (strstr (run.out, "测试"));
  }
  {
    /* A social worker: their own site only, whatever they ask for. */
    g_auto (Run) run = yukang (f, NULL, "due", "--db", f->db, "--user", "li", "--password-file",
                               f->worker_password_file, "--as-of", "2021-11-15", "--format", "csv", NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "SPQ-0007,");
    assert_contains (run.out, "SPQ-0009,");
    g_assert_null (strstr (run.out, "JL-"));
  }
  {
    g_auto (Run) run = yukang (f, NULL, "due", "--db", f->db, "--user", "li", "--password-file",
                               f->worker_password_file, "--site", "JL", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "own site");
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "due", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--as-of", "2021-11-15", "--site", "JL", "--format", "csv", NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "JL-0002,");
    g_assert_null (strstr (run.out, "SPQ-"));
  }
  {
    g_auto (Run) run = yukang (f, NULL, "due", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--site", "XX", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "no site “XX”");
  }
}

/* `due --format csv`: a case number and a worker's name typed like
 * formulas get a leading ' (docs/design/security.md, "Exports that a
 * spreadsheet opens"); the dates, days and risk level are as they are. */
static void
test_due_csv_formula_cells (Fixture *f, gconstpointer data)
{
  g_autofree char *ledger = g_build_filename (f->dir, "ledger", NULL);
  g_autofree char *clients = g_build_filename (ledger, "clients.csv", NULL);
  g_autofree char *contacts = g_build_filename (ledger, "contacts.csv", NULL);

  init_database (f);
  g_assert_cmpint (g_mkdir (ledger, 0700), ==, 0);
  g_assert_true (g_file_set_contents (clients,
    "case_no,name,gender,birth_date,site,intake_date,consent_date,stable_at_intake,worker\n"
    "-2+3,测试甲,男,1980-02-29,SPQ,2021-01-05,2021-01-05,是,@SUM(A1)\n", -1, NULL));
  g_assert_true (g_file_set_contents (contacts,
    "case_no,type,date,reached,condition,risk_level\n"
    "-2+3,电话随访,2021-10-27,是,不稳定,3\n", -1, NULL));
  {
    g_auto (Run) run = yukang (f, NULL, "import", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, ledger, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto (Run) run = yukang (f, NULL, "due", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--as-of", "2021-11-15", "--format", "csv", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "个案编号,应随访日期,逾期天数,上次联系,病情,风险等级,责任社工\r\n"
                                  "'-2+3,2021-11-10,5,2021-10-27,不稳定,3,'@SUM(A1)\r\n");
  }
}

static void
test_due_pdf (Fixture *f, gconstpointer data)
{
  g_autofree char *pdf = g_build_filename (f->dir, "due.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *text = NULL;
  g_autofree char *pdftotext = g_find_program_in_path ("pdftotext");
  const char *argv[] = { "pdftotext", "-layout", pdf, "-", NULL };
  g_autoptr (GError) error = NULL;
  int status;

  import_due_pilot (f);
  {
    g_auto (Run) run = yukang (f, NULL, "due", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--as-of", "2021-11-15", "--format", "pdf", "--output", pdf, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  g_assert_true (g_file_get_contents (pdf, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "%PDF"));
  g_assert_nonnull (pdftotext); /* poppler-utils: build-aux/dev installs it */
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &text, NULL, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  assert_contains (text, "随访清单");
  assert_contains (text, "SPQ-0007");
  assert_contains (text, "JL-0002");
  assert_contains (text, "SPQ-0009");
  assert_contains (text, "JL-0003");
  g_assert_null (strstr (text, "测试"));
}

static char *
pdf_tool (const char *tool, const char *path)
{
  const char *argv[] = { tool, path, NULL, NULL, NULL };
  g_autoptr (GError) error = NULL;
  char *out = NULL;
  int status;

  if (g_str_equal (tool, "pdftotext"))
    {
      argv[1] = "-layout";
      argv[2] = path;
      argv[3] = "-";
    }
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH | G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &out, NULL,
                &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  return out;
}

#define DOSSIER(f, ...) yukang (f, NULL, "dossier", "--db", f->db, "--user", "admin", "--password-file", \
                                f->password_file, __VA_ARGS__, NULL)
#define WORKER_DOSSIER(f, ...) yukang (f, NULL, "dossier", "--db", f->db, "--user", "li", "--password-file", \
                                       f->worker_password_file, __VA_ARGS__, NULL)

/* yukang dossier (docs/design/formats.md): one person to 个案档案_CASE.pdf
 * in the current folder, a site's people to one PDF with a progress
 * line per person on standard error; a social worker's own site only. */
static void
test_dossier (Fixture *f, gconstpointer data)
{
  g_autofree char *one = g_build_filename (f->dir, "个案档案_SPQ-0002.pdf", NULL);
  g_autofree char *site = g_build_filename (f->dir, "site.pdf", NULL);
  g_autofree char *jl = g_build_filename (f->dir, "个案档案_JL-0001.pdf", NULL);
  g_autofree char *text = NULL, *info = NULL;
  g_autoptr (GRegex) progress = g_regex_new ("^(\\d+)/(\\d+)$", G_REGEX_MULTILINE, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  guint lines = 0, people = 0;

  init_database (f);
  add_worker (f);
  {
    g_auto (Run) run = yukang (f, NULL, "demo", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto (Run) run = DOSSIER (f, "--case", "SPQ-0002");
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "个案档案_SPQ-0002.pdf");
    /* One person: no progress to show. */
    g_assert_cmpstr (run.err, ==, "");
  }
  text = pdf_tool ("pdftotext", one);
  assert_contains (text, "SPQ-0002");
  assert_contains (text, "Printed by 王协调");

  {
    g_auto (Run) run = DOSSIER (f, "--site", "SPQ", "--status", "active", "--output", site);
    g_assert_cmpint (run.status, ==, 0);
    g_regex_match (progress, run.err, 0, &match);
    for (; g_match_info_matches (match); g_match_info_next (match, NULL))
      {
        g_autofree char *done = g_match_info_fetch (match, 1);
        g_autofree char *total = g_match_info_fetch (match, 2);

        lines++;
        g_assert_cmpint (atoi (done), ==, lines);
        people = atoi (total);
      }
    g_assert_cmpuint (people, >, 10);
    g_assert_cmpuint (lines, ==, people);
  }
  info = pdf_tool ("pdfinfo", site);
  g_assert_cmpint (atoi (strstr (info, "Pages:") + strlen ("Pages:")), >=, 2 * (int) people);

  /* Usage errors: exit 2, nothing written. */
  {
    g_auto (Run) run = DOSSIER (f, "--output", "x.pdf");
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto (Run) run = DOSSIER (f, "--case", "SPQ-0001", "--site", "SPQ");
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto (Run) run = DOSSIER (f, "--case", "SPQ-0001", "--status", "active");
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto (Run) run = DOSSIER (f, "--site", "SPQ", "--status", "gone");
    g_assert_cmpint (run.status, ==, 2);
    assert_contains (run.err, "gone");
  }
  /* No such person, no such site: exit 1. */
  {
    g_auto (Run) run = DOSSIER (f, "--case", "SPQ-9999");
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "SPQ-9999");
  }
  {
    g_auto (Run) run = DOSSIER (f, "--site", "XX");
    g_assert_cmpint (run.status, ==, 1);
  }

  /* The social worker at SPQ: JL's person is not there for them, JL's
   * site is refused; nothing is written. Their own people they print. */
  {
    g_auto (Run) run = WORKER_DOSSIER (f, "--case", "JL-0001");
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "JL-0001");
    g_assert_cmpstr (run.out, ==, "");
  }
  g_assert_false (g_file_test (jl, G_FILE_TEST_EXISTS));
  {
    g_auto (Run) run = WORKER_DOSSIER (f, "--site", "JL", "--output", "jl-site.pdf");
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "own site");
  }
  {
    g_autofree char *path = g_build_filename (f->dir, "jl-site.pdf", NULL);
    g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  }
  {
    g_auto (Run) run = WORKER_DOSSIER (f, "--case", "SPQ-0003", "--output", "mine.pdf");
    g_assert_cmpint (run.status, ==, 0);
  }
}

static void
test_due_usage (Fixture *f, gconstpointer data)
{
  init_database (f);
  {
    g_auto (Run) run = yukang (f, NULL, "due", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--as-of", "2021-02-30", NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_contains (run.err, "2021-02-30");
    g_assert_cmpstr (run.out, ==, "");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "due", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--within", "x", NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_contains (run.err, "--within");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "due", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--within", "367", NULL);
    g_assert_cmpint (run.status, ==, 2);
  }
  {
    g_auto (Run) run = yukang (f, NULL, "due", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--format", "pdf", NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_contains (run.err, "--output");
  }
}

/* The template needs no database; imported unchanged it adds nothing;
 * a workbook's problems are SHEET:ROW: column: reason. */
static void
test_workbook_ledger (Fixture *f, gconstpointer data)
{
  g_autofree char *template = g_build_filename (f->dir, "模板.xlsx", NULL);
  g_autofree char *filled = g_build_filename (f->dir, "台账.xlsx", NULL);
  lxw_workbook *wb = workbook_new (filled);
  lxw_worksheet *clients = workbook_add_worksheet (wb, "服务对象");
  const char *header[] = { "个案编号", "姓名", "站点", "建档日期", "知情同意日期", "入组时病情稳定", NULL };

  for (lxw_col_t c = 0; header[c]; c++)
    worksheet_write_string (clients, 0, c, header[c], NULL);
  worksheet_write_string (clients, 2, 0, "SPQ-1", NULL);
  worksheet_write_string (clients, 2, 2, "SPQ", NULL);
  worksheet_write_string (clients, 2, 3, "2021-01-05", NULL);
  worksheet_write_string (clients, 2, 4, "2021-01-05", NULL);
  worksheet_write_boolean (clients, 2, 5, 1, NULL);
  g_assert_cmpint (workbook_close (wb), ==, LXW_NO_ERROR);
  {
    g_auto (Run) run = yukang (f, NULL, "export", "--template", template, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (template, G_FILE_TEST_IS_REGULAR));
  }
  {
    g_auto (Run) run = yukang (f, NULL, "export", "--template", template, "--db", f->db, NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_contains (run.err, "--template");
  }
  init_database (f);
  {
    g_auto (Run) run = yukang (f, NULL, "import", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, template, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.err, ==, "");
    assert_contains (run.out, "服务对象: 0 rows added");
    assert_contains (run.out, "功能评估: 0 rows added");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "import", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, filled, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "服务对象:3: 姓名: ");
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

/* Runs a command as the social worker li and checks it is refused as
 * docs/design/formats.md says: exit 1, the role named on standard error,
 * nothing on standard output. */
#define AS_WORKER(f, ...) yukang (f, NULL, __VA_ARGS__, "--db", f->db, "--user", "li", "--password-file", \
                                  f->worker_password_file, NULL)

static void
assert_refused_for_worker (Run *run, const char *command)
{
  if (run->status != 1 || strstr (run->err, "Only a coordinator can do this") == NULL || *run->out != '\0')
    g_error ("yukang %s as a social worker: exit %d\n%s%s", command, run->status, run->out, run->err);
}

/* Every command that docs/design/security.md ("Roles: who may see and do
 * what") reserves for coordinators, run by a social worker: import,
 * ledger export, backup, adding, removing or resetting another account,
 * changing the database key, demo data. Each is refused in app/, in the
 * function the window calls too, and writes nothing. */
static void
test_coordinator_only (Fixture *f, gconstpointer data)
{
  g_autofree char *ledger = g_build_filename (f->dir, "ledger", NULL);
  g_autofree char *clients = g_build_filename (ledger, "clients.csv", NULL);
  g_autofree char *exported = g_build_filename (f->dir, "exported", NULL);
  g_autofree char *backup = g_build_filename (f->dir, "backup.ykdb", NULL);

  init_database (f);
  add_worker (f);
  g_assert_cmpint (g_mkdir (ledger, 0700), ==, 0);
  g_assert_true (g_file_set_contents (clients,
                                      "case_no,name,site,intake_date,consent_date,stable_at_intake\n"
                                      "SPQ-1,测试甲,SPQ,2021-01-05,2021-01-05,是\n", -1, NULL));
  {
    g_auto (Run) run = AS_WORKER (f, "import", ledger);
    assert_refused_for_worker (&run, "import");
  }
  {
    g_auto (Run) run = AS_WORKER (f, "import", "--dry-run", ledger);
    assert_refused_for_worker (&run, "import --dry-run");
  }
  {
    g_auto (Run) run = AS_WORKER (f, "export", "--ledger", exported);
    assert_refused_for_worker (&run, "export --ledger");
    g_assert_false (g_file_test (exported, G_FILE_TEST_EXISTS));
  }
  {
    g_auto (Run) run = AS_WORKER (f, "backup", "--output", backup);
    assert_refused_for_worker (&run, "backup --output");
    g_assert_false (g_file_test (backup, G_FILE_TEST_EXISTS));
  }
  {
    g_auto (Run) run = AS_WORKER (f, "user", "add", "--account", "zhao", "--role", "worker", "--site", "SPQ",
                                  "--account-password-file", f->worker_password_file, "--kdf", "interactive");
    assert_refused_for_worker (&run, "user add --account");
  }
  {
    g_auto (Run) run = AS_WORKER (f, "user", "remove", "--account", "admin");
    assert_refused_for_worker (&run, "user remove --account");
  }
  {
    g_auto (Run) run = AS_WORKER (f, "user", "passwd", "--account", "admin", "--new-password-file",
                                  f->worker_password_file, "--kdf", "interactive");
    assert_refused_for_worker (&run, "user passwd --account");
  }
  {
    g_auto (Run) run = AS_WORKER (f, "user", "rotate-key");
    assert_refused_for_worker (&run, "user rotate-key");
  }
  {
    g_auto (Run) run = AS_WORKER (f, "demo");
    assert_refused_for_worker (&run, "demo");
  }
  {
    /* Nothing was imported, the coordinator's password still works,
     * and the coordinator still can. */
    g_auto (Run) run = yukang (f, NULL, "import", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, ledger, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "clients.csv: 1 rows added");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "backup", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--output", backup, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_test (backup, G_FILE_TEST_IS_REGULAR));
  }
}

/* The audit head (docs/design/security.md, "Audit trail"): ID:HASH,
 * sixteen hex digits. */
#define HEAD_PATTERN "[0-9]+:[0-9a-f]{16}"

static char *
find_head (const char *text, const char *before)
{
  g_autofree char *pattern = g_strdup_printf ("%s(" HEAD_PATTERN ")", before);
  g_autoptr (GRegex) regex = g_regex_new (pattern, 0, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;

  if (!g_regex_match (regex, text, 0, &match))
    g_error ("no audit head after “%s” in:\n%s", before, text);
  return g_match_info_fetch (match, 1);
}

static char *
verify_head (Fixture *f, const char *db)
{
  g_auto (Run) run = yukang (f, NULL, "verify", "--db", db, "--user", "admin", "--password-file",
                             f->password_file, NULL);

  g_assert_cmpint (run.status, ==, 0);
  return find_head (run.out, "audit head +");
}

/* An older copy of the file put back is the trail with its tail cut: its
 * chain is intact, but it no longer extends a head a report stated. */
static void
test_verify_expect_head (Fixture *f, gconstpointer data)
{
  g_autofree char *old_bytes = NULL;
  g_autofree char *old_head = NULL, *head = NULL;
  gsize old_length = 0;

  init_database (f);
  add_worker (f);
  old_head = verify_head (f, f->db);
  g_assert_true (g_file_get_contents (f->db, &old_bytes, &old_length, NULL));
  {
    g_auto (Run) run = yukang (f, NULL, "user", "list", "--db", f->db, "--user", "li", "--password-file",
                               f->worker_password_file, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  head = verify_head (f, f->db);
  g_assert_cmpstr (head, !=, old_head);
  {
    /* The trail grew past the old head: still its extension. */
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--expect-head", old_head, NULL);
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, old_head);
  }

  g_assert_true (g_file_set_contents (f->db, old_bytes, (gssize) old_length, NULL));
  {
    g_auto (Run) run = yukang (f, NULL, "verify", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--expect-head", head, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.out, "chain intact");
    assert_contains (run.out, "cut or rewritten");
    g_free (find_head (run.out, "audit head +"));
  }
  {
    /* The same id with another hash: rewritten. */
    g_autofree char *forged = g_strdup (old_head);
    char *last = forged + strlen (forged) - 1;
    g_auto (Run) run = { 0 };

    *last = *last == '0' ? '1' : '0';
    run = yukang (f, NULL, "verify", "--db", f->db, "--user", "admin", "--password-file",
                  f->password_file, "--expect-head", forged, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.out, "cut or rewritten");
  }
  for (guint i = 0; i < 4; i++)
    {
      const char *bad[] = { "12", "12:", "x:0011223344556677", "12:00112233445566zz" };
      g_auto (Run) run = yukang (f, NULL, "verify", "--db", f->db, "--user", "admin", "--password-file",
                                 f->password_file, "--expect-head", bad[i], NULL);
      g_assert_cmpint (run.status, ==, 2);
      assert_contains (run.err, "--expect-head");
    }
}

/* Every report format and every backup states the head, and verify
 * accepts it as one the trail still extends. */
static void
test_report_and_backup_state_head (Fixture *f, gconstpointer data)
{
  const char *formats[] = { "text", "csv", "json" };
  g_autofree char *backup = g_build_filename (f->dir, "backup.ykdb", NULL);
  g_autoptr (GPtrArray) heads = g_ptr_array_new_with_free_func (g_free);

  init_database (f);
  for (guint i = 0; i < G_N_ELEMENTS (formats); i++)
    {
      g_auto (Run) run = yukang (f, NULL, "report", "--db", f->db, "--user", "admin", "--password-file",
                                 f->password_file, "--period", "2021Q4", "--format", formats[i], NULL);
      g_assert_cmpint (run.status, ==, 0);
      if (i == 0)
        {
          /* A line after the summary paragraph. */
          g_autofree char *summary_end = g_strdup (strstr (run.out, "（含患者家属和其他居民）。"));
          g_assert_nonnull (summary_end);
          g_ptr_array_add (heads, find_head (summary_end, "\n审计记录链头：?"));
        }
      else if (i == 1)
        {
          g_auto (GStrv) lines = g_strsplit (run.out, "\r\n", -1);
          guint n = g_strv_length (lines);

          /* The indicator rows as before, then one row for the head. */
          g_assert_cmpstr (lines[n - 1], ==, "");
          g_assert_true (g_str_has_prefix (lines[n - 2], "审计记录链头,"));
          g_ptr_array_add (heads, find_head (lines[n - 2], ","));
        }
      else
        g_ptr_array_add (heads, find_head (run.out, "\"audit_head\": \""));
    }
  for (guint i = 0; i < 2; i++)
    {
      g_autofree char *path = g_build_filename (f->dir, i == 0 ? "r.xlsx" : "r.pdf", NULL);
      g_autofree char *contents = NULL;
      g_auto (Run) run = yukang (f, NULL, "report", "--db", f->db, "--user", "admin", "--password-file",
                                 f->password_file, "--period", "2021Q4", "--format", i == 0 ? "xlsx" : "pdf",
                                 "--output", path, NULL);
      g_autoptr (GSubprocess) tool = NULL;
      g_autoptr (GError) error = NULL;

      g_assert_cmpint (run.status, ==, 0);
      if (i == 0)
        tool = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "unzip", "-p", path,
                                 "xl/sharedStrings.xml", NULL);
      else
        tool = g_subprocess_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE, &error, "pdftotext", path, "-", NULL);
      g_assert_no_error (error);
      g_assert_true (g_subprocess_communicate_utf8 (tool, NULL, NULL, &contents, NULL, &error));
      g_ptr_array_add (heads, find_head (contents, "审计记录链头：\\s*"));
    }
  {
    g_auto (Run) run = yukang (f, NULL, "backup", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--output", backup, NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_ptr_array_add (heads, find_head (run.out, "audit head +"));
  }
  {
    /* The backup holds the trail up to that head. */
    g_auto (Run) check = yukang (f, NULL, "verify", "--db", backup, "--user", "admin", "--password-file",
                                 f->password_file, "--expect-head", heads->pdata[heads->len - 1], NULL);
    g_assert_cmpint (check.status, ==, 0);
  }
  for (guint i = 0; i < heads->len; i++)
    {
      g_auto (Run) run = yukang (f, NULL, "verify", "--db", f->db, "--user", "admin", "--password-file",
                                 f->password_file, "--expect-head", heads->pdata[i], NULL);
      g_assert_cmpint (run.status, ==, 0);
      /* Each report's own unlock came after the previous one's. */
      if (i > 0)
        g_assert_cmpint (g_ascii_strtoll (heads->pdata[i], NULL, 10), >, g_ascii_strtoll (heads->pdata[i - 1], NULL, 10));
    }
}

/* A demo database made by the command line, and the two site files
 * split from it in DIR/district, with what a sync folder also holds: a
 * snapshot being written (.SPQ.ykdb.tmp, a whole copy), other files, a
 * folder named like a database. */
static char *
make_district (Fixture *f)
{
  g_autofree char *district = g_build_filename (f->dir, "district", NULL);
  g_autofree char *spq = g_build_filename (district, "SPQ.ykdb", NULL);
  g_autofree char *jl = g_build_filename (district, "JL.ykdb", NULL);
  g_autofree char *partial = g_build_filename (district, ".SPQ.ykdb.tmp", NULL);
  g_autofree char *notes = g_build_filename (district, "notes.txt", NULL);
  g_autofree char *bytes = NULL;
  gsize length = 0;

  init_database (f);
  {
    g_auto (Run) run = yukang (f, NULL, "demo", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  g_assert_cmpint (g_mkdir (district, 0700), ==, 0);
  {
    g_auto (Run) run = yukang (f, NULL, "split", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--output", district, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  g_assert_true (g_file_test (jl, G_FILE_TEST_IS_REGULAR));
  g_assert_true (g_file_get_contents (spq, &bytes, &length, NULL));
  g_assert_true (g_file_set_contents (partial, bytes, (gssize) length, NULL));
  g_assert_true (g_file_set_contents (notes, "SPQ and JL", -1, NULL));
  return g_steal_pointer (&district);
}

/* The JSON report up to its audit head. */
static char *
json_figures (const char *json)
{
  const char *end = strstr (json, ",\n  \"audit_head\"");

  g_assert_nonnull (end);
  return g_strndup (json, (gsize) (end - json));
}

/* `yukang report` over two site files, given by --db twice or as the
 * folder: the one file's figures and JSON schema, each file's audit head
 * added; the folder's partial snapshot and other files are skipped. */
static void
test_district_report (Fixture *f, gconstpointer data)
{
  g_autofree char *district = make_district (f);
  g_autofree char *spq = g_build_filename (district, "SPQ.ykdb", NULL);
  g_autofree char *jl = g_build_filename (district, "JL.ykdb", NULL);
  g_auto (Run) one = yukang (f, NULL, "report", "--db", f->db, "--user", "admin", "--password-file", f->password_file,
                             "--period", "2021Q3", "--format", "json", NULL);
  g_auto (Run) two = yukang (f, NULL, "report", "--db", spq, "--db", jl, "--user", "admin", "--password-file",
                             f->password_file, "--period", "2021Q3", "--format", "json", NULL);
  g_auto (Run) folder = yukang (f, NULL, "report", "--district", district, "--user", "admin", "--password-file",
                                f->password_file, "--period", "2021Q3", "--format", "json", NULL);
  g_auto (Run) text = yukang (f, NULL, "report", "--district", district, "--user", "admin", "--password-file",
                              f->password_file, "--period", "cumulative:2021", NULL);
  g_auto (Run) csv = yukang (f, NULL, "report", "--district", district, "--user", "admin", "--password-file",
                             f->password_file, "--period", "2021", "--format", "csv", NULL);
  g_auto (Run) both = yukang (f, NULL, "report", "--db", spq, "--district", district, "--user", "admin",
                              "--password-file", f->password_file, "--period", "2021Q3", NULL);
  g_autofree char *expected = NULL, *actual = NULL;

  g_assert_cmpint (one.status, ==, 0);
  g_assert_cmpint (two.status, ==, 0);
  g_assert_cmpstr (two.err, ==, "");
  expected = json_figures (one.out);
  actual = json_figures (two.out);
  g_assert_cmpstr (actual, ==, expected);
  assert_contains (expected, "\"code\": \"SPQ\"");
  assert_contains (two.out, "\"audit_head\": null,\n  \"audit_heads\": [\n    {\"file\": \"JL.ykdb\", \"head\": \"");
  assert_contains (two.out, "},\n    {\"file\": \"SPQ.ykdb\", \"head\": \"");
  g_assert_null (strstr (two.out, "\"notes\""));

  g_assert_cmpint (folder.status, ==, 0);
  g_assert_cmpstr (folder.out, ==, two.out);
  g_assert_cmpint (text.status, ==, 0);
  assert_contains (text.out, "开展精神障碍社区康复服务试点工作以来");
  assert_contains (text.out, "\n审计记录链头（JL.ykdb）：");
  assert_contains (text.out, "\n审计记录链头（SPQ.ykdb）：");
  g_assert_cmpint (csv.status, ==, 0);
  assert_contains (csv.out, "\r\n审计记录链头（JL.ykdb）,");
  g_assert_cmpint (both.status, ==, 2);
  assert_contains (both.err, "Give --db or --district, not both");

  /* The workload is a report like any other: the district's sites'
   * totals and total are the one file's. */
  {
    g_auto (Run) whole = yukang (f, NULL, "report", "--by", "worker", "--db", f->db, "--user", "admin",
                                 "--password-file", f->password_file, "--period", "2021", "--format", "json", NULL);
    g_auto (Run) merged = yukang (f, NULL, "report", "--by", "worker", "--district", district, "--user", "admin",
                                  "--password-file", f->password_file, "--period", "2021", "--format", "json", NULL);

    g_assert_cmpint (whole.status, ==, 0);
    g_assert_cmpint (merged.status, ==, 0);
    g_assert_nonnull (strstr (whole.out, "\"sites\": ["));
    g_assert_cmpstr (strstr (merged.out, "\"sites\": ["), ==, strstr (whole.out, "\"sites\": ["));
  }
}

/* `yukang verify` of two files: each file's own checks and audit trail,
 * one line each. */
static void
test_district_verify (Fixture *f, gconstpointer data)
{
  g_autofree char *district = make_district (f);
  g_autofree char *spq = g_build_filename (district, "SPQ.ykdb", NULL);
  g_autofree char *jl = g_build_filename (district, "JL.ykdb", NULL);
  g_auto (Run) run = yukang (f, NULL, "verify", "--db", spq, "--db", jl, "--user", "admin", "--password-file",
                             f->password_file, NULL);
  g_auto (Run) head = yukang (f, NULL, "verify", "--db", spq, "--db", jl, "--user", "admin", "--password-file",
                              f->password_file, "--expect-head", "1:0011223344556677", NULL);
  g_auto (GStrv) lines = NULL;

  g_assert_cmpint (run.status, ==, 0);
  lines = g_strsplit (run.out, "\n", -1);
  g_assert_cmpuint (g_strv_length (lines), ==, 5);
  g_assert_cmpstr (lines[0], ==, "Checked 2 files:");
  g_assert_true (g_str_has_prefix (lines[1], "  JL.ykdb "));
  assert_contains (lines[1], " ok: ");
  assert_contains (lines[1], "audit trail of ");
  g_assert_true (g_str_has_prefix (lines[2], "  SPQ.ykdb "));
  assert_contains (lines[2], " ok: ");
  g_assert_cmpstr (lines[3], ==, "No problems found.");
  g_assert_cmpint (head.status, ==, 2);
}

/* `yukang export` of two files: one ledger with both sites' records. */
static void
test_district_export (Fixture *f, gconstpointer data)
{
  g_autofree char *district = make_district (f);
  g_autofree char *spq = g_build_filename (district, "SPQ.ykdb", NULL);
  g_autofree char *jl = g_build_filename (district, "JL.ykdb", NULL);
  g_autofree char *ledger = g_build_filename (f->dir, "ledger", NULL);
  g_autofree char *clients = g_build_filename (ledger, "clients.csv", NULL);
  g_autofree char *csv = NULL;
  g_auto (GStrv) rows = NULL;
  g_auto (Run) run = yukang (f, NULL, "export", "--db", spq, "--db", jl, "--user", "admin", "--password-file",
                             f->password_file, "--ledger", ledger, NULL);

  g_assert_cmpint (run.status, ==, 0);
  assert_contains (run.out, "Wrote the ledger");
  g_assert_true (g_file_get_contents (clients, &csv, NULL, NULL));
  assert_contains (csv, "\nSPQ-0001,");
  assert_contains (csv, "\nJL-0001,");
  rows = g_strsplit (csv, "\r\n", -1);
  g_assert_cmpuint (g_strv_length (rows), ==, 1 + 142 + 1);
}

/* yukang attach and yukang attachments (docs/design/formats.md): a PNG
 * on a person and on an activity, listed; a file that is not what its
 * name says refused with a message and exit 1; usage errors exit 2; a
 * social worker sees no other site's person. */
/* yukang transfer (docs/design/formats.md): the new case's number on
 * standard output; refusals on standard error with exit 1, a missing
 * option exit 2; help lists the command. */
static void
test_transfer (Fixture *f, gconstpointer data)
{
  g_autofree char *ledger = g_build_filename (f->dir, "transfer-ledger", NULL);
  g_autofree char *clients = g_build_filename (ledger, "clients.csv", NULL);
  g_autofree char *contacts = g_build_filename (ledger, "contacts.csv", NULL);

  init_database (f);
  add_worker (f);
  g_assert_cmpint (g_mkdir (ledger, 0700), ==, 0);
  g_assert_true (g_file_set_contents (clients,
    "case_no,name,gender,birth_date,site,intake_date,consent_date,stable_at_intake\n"
    "SPQ-0003,测试甲,男,1980-02-29,SPQ,2021-01-05,2021-01-05,是\n"
    "JL-0050,测试乙,女,1981-03-01,JL,2021-01-05,2021-01-05,是\n", -1, NULL));
  g_assert_true (g_file_set_contents (contacts,
    "case_no,type,date\nSPQ-0003,电话随访,2021-10-27\n", -1, NULL));
  {
    g_auto (Run) run = yukang (f, NULL, "import", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, ledger, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto (Run) run = yukang (f, NULL, "help", NULL);
    assert_contains (run.out, "  transfer ");
  }
  {
    g_auto (Run) run = AS_WORKER (f, "transfer", "--case", "SPQ-0003", "--to", "JL", "--date", "2021-11-15");
    g_assert_cmpint (run.status, ==, 1);
    g_assert_cmpstr (run.out, ==, "");
    assert_contains (run.err, "coordinator");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "transfer", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--case", "SPQ-0003", "--to", "JL", NULL);
    g_assert_cmpint (run.status, ==, 2);
    assert_contains (run.err, "--date");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "transfer", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--case", "SPQ-0003", "--to", "JL", "--date", "2021-10-01", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "2021-10-27");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "transfer", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--case", "SPQ-0003", "--to", "SPQ", "--date", "2021-11-15", NULL);
    g_assert_cmpint (run.status, ==, 1);
  }
  {
    g_auto (Run) run = yukang (f, NULL, "transfer", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--case", "SPQ-0003", "--to", "JL", "--date", "2021-11-15",
                               "--worker", "李社工", NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "new site");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "transfer", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--case", "SPQ-0003", "--to", "JL", "--date", "2021-11-15", NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    g_assert_cmpstr (run.out, ==, "SPQ-0003 transferred: the new case is JL-0051\n");
  }
  {
    g_autofree char *exported = g_build_filename (f->dir, "transfer-export", NULL);
    g_autofree char *csv_path = g_build_filename (exported, "clients.csv", NULL);
    g_autofree char *csv = NULL;
    g_auto (Run) run = yukang (f, NULL, "export", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--ledger", exported, NULL);

    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_file_get_contents (csv_path, &csv, NULL, NULL));
    assert_contains (csv, ",转介,2021-11-15,迁至");
    assert_contains (csv, ",SPQ-0003\r\n");
  }
}

static void
test_attach (Fixture *f, gconstpointer data)
{
  g_autofree char *png = g_build_filename (f->dir, "签到表.png", NULL);
  g_autofree char *fake = g_build_filename (f->dir, "scan.pdf", NULL);
  g_autofree char *contents = NULL;
  g_autofree char *expected = NULL;
  cairo_surface_t *surface = cairo_image_surface_create (CAIRO_FORMAT_RGB24, 120, 80);
  cairo_t *cr = cairo_create (surface);
  gsize size = 0;

  cairo_set_source_rgb (cr, 1, 1, 1);
  cairo_paint (cr);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_rectangle (cr, 10, 10, 100, 60);
  cairo_stroke (cr);
  cairo_destroy (cr);
  g_assert_cmpint (cairo_surface_write_to_png (surface, png), ==, CAIRO_STATUS_SUCCESS);
  cairo_surface_destroy (surface);
  g_assert_true (g_file_get_contents (png, &contents, &size, NULL));
  g_assert_true (g_file_set_contents (fake, contents, (gssize) size, NULL));

  init_database (f);
  add_worker (f);
  {
    g_auto (Run) run = yukang (f, NULL, "demo", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, NULL);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto (Run) run = yukang (f, NULL, "attach", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--case", "SPQ-0001", "--kind", "form", png, NULL);
    g_assert_cmpstr (run.err, ==, "");
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "Attached as number 1");
  }
  {
    g_auto (Run) run = AS_WORKER (f, "attach", "--activity", "SPQ-A0001", "--kind", "sign-in", png);
    g_assert_cmpint (run.status, ==, 0);
  }
  {
    g_auto (Run) run = yukang (f, NULL, "attach", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--case", "SPQ-0001", fake, NULL);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "“scan.pdf” is a PNG picture, not a PDF document as its name says");
  }
  {
    g_auto (Run) run = AS_WORKER (f, "attach", "--case", "JL-0001", png);
    g_assert_cmpint (run.status, ==, 1);
    assert_contains (run.err, "There is no service user with the case number “JL-0001”");
  }
  {
    g_auto (Run) run = AS_WORKER (f, "attach", "--case", "SPQ-0001", "--kind", "selfie", png);
    g_assert_cmpint (run.status, ==, 2);
    assert_contains (run.err, "--kind must be");
  }
  {
    g_auto (Run) run = AS_WORKER (f, "attach", png);
    g_assert_cmpint (run.status, ==, 2);
    assert_contains (run.err, "Give either --case or --activity");
  }
  expected = g_strdup_printf ("\tform\timage/png\t%" G_GSIZE_FORMAT "\t签到表.png\n", size);
  {
    g_auto (Run) run = yukang (f, NULL, "attachments", "--db", f->db, "--user", "admin", "--password-file",
                               f->password_file, "--case", "SPQ-0001", NULL);
    g_assert_cmpint (run.status, ==, 0);
    g_assert_true (g_str_has_prefix (run.out, "1\t"));
    assert_contains (run.out, expected);
    /* One line: the refused file left nothing. */
    g_assert_null (strchr (strchr (run.out, '\n') + 1, '\n'));
  }
  {
    g_auto (Run) run = AS_WORKER (f, "attachments", "--activity", "SPQ-A0001");
    g_assert_cmpint (run.status, ==, 0);
    assert_contains (run.out, "\tsign-in\timage/png\t");
  }
  {
    g_auto (Run) run = yukang (f, NULL, "help", NULL);
    assert_contains (run.out, "attach ");
    assert_contains (run.out, "attachments");
  }
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_nonnull (g_getenv ("YUKANG_BIN"));

#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/app/commands/rotate-key", test_rotate_key);
  ADD ("/app/commands/remove-rotates-key", test_remove_rotates_key);
  ADD ("/app/commands/remove-keep-key", test_remove_keep_key);
  ADD ("/app/commands/recovery-key-unlock", test_recovery_key_unlock);
  ADD ("/app/commands/passwd-with-recovery-key", test_passwd_with_recovery_key);
  ADD ("/app/commands/init", test_init);
  ADD ("/app/commands/attach", test_attach);
  ADD ("/app/commands/init-refusals", test_init_refusals);
  ADD ("/app/commands/init-key-from", test_init_key_from);
  ADD ("/app/commands/user-add-key-from", test_user_add_key_from);
  ADD ("/app/commands/snapshot", test_snapshot);
  ADD ("/app/commands/split", test_split);
  ADD ("/app/commands/users", test_users);
  ADD ("/app/commands/coordinator-only", test_coordinator_only);
  ADD ("/app/commands/verify-and-backup", test_verify_and_backup);
  ADD ("/app/commands/verify-damaged", test_verify_damaged_file);
  ADD ("/app/commands/report", test_report);
  ADD ("/app/commands/report-by-worker", test_report_by_worker);
  ADD ("/app/commands/training", test_training);
  ADD ("/app/commands/due", test_due);
  ADD ("/app/commands/due-pdf", test_due_pdf);
  ADD ("/app/commands/due-csv-formula-cells", test_due_csv_formula_cells);
  ADD ("/app/commands/due-usage", test_due_usage);
  ADD ("/app/commands/dossier", test_dossier);
  ADD ("/app/commands/workbook-ledger", test_workbook_ledger);
  ADD ("/app/commands/missing-and-bad", test_missing_file_and_bad_options);
  ADD ("/app/commands/verify-expect-head", test_verify_expect_head);
  ADD ("/app/commands/report-and-backup-head", test_report_and_backup_state_head);
  ADD ("/app/commands/district-report", test_district_report);
  ADD ("/app/commands/district-verify", test_district_verify);
  ADD ("/app/commands/district-export", test_district_export);
  ADD ("/app/commands/transfer", test_transfer);
#undef ADD
  return g_test_run ();
}
