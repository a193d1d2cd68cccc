/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The failed-unlock log beside the database, DB.failed-unlocks
 * (docs/design/security.md, "Unlock failures" and "Hardening status"):
 * its strict line format (app/yk-unlock-log.c), and what a wrong password
 * and an unlock do when something else lies under its name — a symbolic
 * or hard link to another file, a FIFO, a file too big, lines not in the
 * format. */
#include "app-test-util.h"
#include "yk-crypto-error.h"
#include "yk-unlock-log.h"

#include <glib/gstdio.h>
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

/* --- the format --- */

static YkUnlockLog *
parse_text (const char *text)
{
  return yk_unlock_log_parse ((const guint8 *) text, strlen (text));
}

static const char *
entry_account (YkUnlockLog *log,
               guint        i)
{
  return ((YkUnlockLogEntry *) log->entries->pdata[i])->account;
}

static void
test_parse (void)
{
  g_autoptr (YkUnlockLog) log = NULL;
  g_autofree char *detail = NULL;

  log = parse_text ("");
  g_assert_cmpuint (log->entries->len, ==, 0);
  g_assert_cmpuint (log->malformed, ==, 0);
  g_clear_pointer (&log, yk_unlock_log_free);

  /* As note_failed_unlock() has always written them: ASCII as itself,
   * UTF-8 as octal escapes, and an empty name. */
  log = parse_text ("2021-12-03T06:05:09Z\tli\n"
                    "2024-02-29T23:59:59Z\t\\345\\274\\240\n"
                    "2021-12-03T06:05:10Z\t\n");
  g_assert_cmpuint (log->malformed, ==, 0);
  g_assert_cmpuint (log->entries->len, ==, 3);
  g_assert_cmpstr (((YkUnlockLogEntry *) log->entries->pdata[0])->at, ==, "2021-12-03T06:05:09Z");
  g_assert_cmpstr (entry_account (log, 0), ==, "li");
  g_assert_cmpstr (entry_account (log, 1), ==, "\\345\\274\\240");
  g_assert_cmpstr (entry_account (log, 2), ==, "");
  detail = yk_unlock_log_entry_detail (log->entries->pdata[0]);
  g_assert_cmpstr (detail, ==, "2021-12-03T06:05:09Z\tli");
  g_clear_pointer (&log, yk_unlock_log_free);

  /* Each of these is one malformed line, and nothing of it is kept. */
  {
    const char *bad[] = {
      "not a line at all\n",
      "\n",
      "2021-12-03T06:05:09Z li\n",                /* a space, not a tab */
      "2021-12-03T06:05:09Z\tli\tmore\n",         /* a raw tab */
      "2021-12-03T06:05:09Z\tli\r\n",             /* a raw carriage return */
      "2021-12-03 06:05:09Z\tli\n",
      "2021-12-03T06:05:09\tli\n",
      "2021-13-03T06:05:09Z\tli\n",
      "2021-02-29T06:05:09Z\tli\n",               /* not a leap year */
      "2021-12-03T24:00:00Z\tli\n",
      "2021-12-03T23:59:60Z\tli\n",
      "0000-12-03T06:05:09Z\tli\n",
      "2021-12-03T06:05:09Z\tzh\xe5\xbc\xa0\n",   /* UTF-8 not escaped */
      "2021-12-03T06:05:09Z\tsay \"hi\"\n",       /* a quote not escaped */
      "2021-12-03T06:05:09Z\tback\\\n",           /* an escape cut short */
      "2021-12-03T06:05:09Z\t\\q\n",              /* no such escape */
      "2021-12-03T06:05:09Z\t\\101\n",            /* 'A' is written as itself */
      "2021-12-03T06:05:09Z\t\\011\n",            /* a tab is written \t */
      "2021-12-03T06:05:09Z\t\\400\n",            /* not a byte */
      "2021-12-03T06:05:09Z\t\\34\n",
      "2021-12-03T06:05:09Z\t\\000\n",           /* a name never holds a NUL */
      "2021-12-03T06:05:09Z\tli",                 /* no newline: cut short */
      "2021-12-03T06:05:09Z\tli\0x\n",
    };
    gsize sizes[G_N_ELEMENTS (bad)];

    for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
      {
        sizes[i] = strlen (bad[i]);
        if (i == G_N_ELEMENTS (bad) - 1)
          sizes[i] = strlen (bad[i]) + 3; /* the NUL, x and newline */
        log = yk_unlock_log_parse ((const guint8 *) bad[i], sizes[i]);
        g_test_message ("line %u", i);
        g_assert_cmpuint (log->entries->len, ==, 0);
        g_assert_cmpuint (log->malformed, ==, 1);
        g_clear_pointer (&log, yk_unlock_log_free);
      }
  }

  /* Good lines around bad ones are kept, in order. */
  log = parse_text ("2021-12-03T06:05:09Z\ta\n"
                    "garbage\n"
                    "2021-12-03T06:05:10Z\tb\n"
                    "2021-12-03T06:05:11Z\tc");
  g_assert_cmpuint (log->entries->len, ==, 2);
  g_assert_cmpuint (log->malformed, ==, 2);
  g_assert_cmpstr (entry_account (log, 0), ==, "a");
  g_assert_cmpstr (entry_account (log, 1), ==, "b");
}

/* Whatever name is typed, the line written is one line of the format,
 * and reads back as the name (cut to the longest an account can be). */
static void
test_format_round_trip (void)
{
  g_autoptr (GDateTime) at = g_date_time_new_utc (2021, 12, 3, 6, 5, 9.75);
  g_autofree char *long_name = g_strnfill (200, 'x');
  const char *names[] = {
    "li", "", "张社工", "tab\there", "new\nline", "cr\rlf", "quote\"", "back\\slash", "\x01\x7f\xff",
    "\\345", long_name, NULL,
  };

  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    {
      g_autofree char *line = yk_unlock_log_format_line (at, names[i]);
      g_autoptr (YkUnlockLog) log = yk_unlock_log_parse ((const guint8 *) line, strlen (line));
      g_autofree char *name = NULL;
      g_autofree char *expected = NULL;

      g_test_message ("name %u: %s", i, line);
      g_assert_cmpuint (strlen (line), <=, YK_UNLOCK_LOG_LINE_MAX);
      g_assert_true (g_str_has_prefix (line, "2021-12-03T06:05:09Z\t"));
      g_assert_nonnull (memchr (line, '\n', strlen (line)));
      g_assert_true (strchr (line, '\n') == line + strlen (line) - 1);
      g_assert_cmpuint (log->malformed, ==, 0);
      g_assert_cmpuint (log->entries->len, ==, 1);
      /* The same escapes as g_strescape(), which the log has always used. */
      name = g_strcompress (entry_account (log, 0));
      expected = g_strndup (names[i] != NULL ? names[i] : "", YK_UNLOCK_LOG_ACCOUNT_MAX);
      g_assert_cmpstr (name, ==, expected);
      if (names[i] != NULL && strlen (names[i]) <= YK_UNLOCK_LOG_ACCOUNT_MAX)
        {
          g_autofree char *glib = g_strescape (names[i], NULL);

          g_assert_cmpstr (entry_account (log, 0), ==, glib);
        }
    }
}

/* --- the file beside a database --- */

typedef struct
{
  AppTestDb db;
  char *sidecar; /* DB.failed-unlocks */
  char *other;   /* a file of someone else's, beside it */
} Fixture;

#define OTHER_TEXT "2021-12-03T06:05:09Z\tother-file-secret\nplain other-file-secret text\n"

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  app_test_db_make (&f->db);
  f->sidecar = g_strconcat (f->db.path, ".failed-unlocks", NULL);
  f->other = g_build_filename (f->db.dir, "other.txt", NULL);
  g_assert_true (g_file_set_contents (f->other, OTHER_TEXT, -1, &error));
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  app_test_db_clear (&f->db);
  g_free (f->sidecar);
  g_free (f->other);
}

/* yk_session_open() in a thread, so that a test ends even where the old
 * code would wait forever (on a FIFO, on a lock): after `seconds` the
 * test lets it go with `release` (called until the call returns), and
 * fails. */
typedef struct
{
  const char *path;
  const char *account;
  const char *password;
  YkSession *session;
  GError *error;
  gboolean done;
  GMutex lock;
  GCond cond;
} OpenCall;

static gpointer
open_thread (gpointer data)
{
  OpenCall *call = data;
  YkSession *session = yk_session_open (call->path, call->account, call->password, &call->error);

  g_mutex_lock (&call->lock);
  call->session = session;
  call->done = TRUE;
  g_cond_signal (&call->cond);
  g_mutex_unlock (&call->lock);
  return NULL;
}

static void
release_fifo (gpointer data,
              gpointer unused)
{
  const char *fifo = data;

  /* Both ends, without blocking: a reader waiting gets end of file, a
   * writer waiting gets a reader. */
  int r = open (fifo, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
  int w = open (fifo, O_WRONLY | O_NONBLOCK | O_CLOEXEC);

  if (w >= 0)
    close (w);
  if (r >= 0)
    close (r);
}

/* TRUE if the call returned within `seconds`; the session and error are
 * the call's. */
static gboolean
open_with_timeout (const char *path,
                   const char *account,
                   const char *password,
                   GFunc       release,
                   gpointer    release_data,
                   int         seconds,
                   YkSession **session,
                   GError    **error)
{
  OpenCall call = { path, account, password };
  gint64 deadline = g_get_monotonic_time () + seconds * G_TIME_SPAN_SECOND;
  gboolean in_time = TRUE;
  GThread *thread;

  g_mutex_init (&call.lock);
  g_cond_init (&call.cond);
  thread = g_thread_new ("open", open_thread, &call);
  g_mutex_lock (&call.lock);
  while (!call.done)
    if (!g_cond_wait_until (&call.cond, &call.lock, deadline))
      {
        in_time = call.done;
        break;
      }
  g_mutex_unlock (&call.lock);
  while (!in_time)
    {
      g_mutex_lock (&call.lock);
      if (call.done)
        {
          g_mutex_unlock (&call.lock);
          break;
        }
      g_mutex_unlock (&call.lock);
      release (release_data, NULL);
      g_usleep (G_USEC_PER_SEC / 10);
    }
  g_thread_join (thread);
  g_mutex_clear (&call.lock);
  g_cond_clear (&call.cond);
  *session = call.session;
  if (call.error != NULL)
    g_propagate_error (error, call.error);
  return in_time;
}

static void
wrong_password (Fixture *f)
{
  g_autoptr (GError) error = NULL;

  g_assert_null (yk_session_open (f->db.path, APP_TEST_WORKER, "not the password", &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
}

static YkSession *
unlock (Fixture *f)
{
  return app_test_db_open (&f->db, APP_TEST_WORKER, APP_TEST_WORKER_PASSWORD);
}

static gint64
count_rows (YkSession  *session,
            const char *where)
{
  g_autofree char *sql = g_strdup_printf ("SELECT count(*) FROM audit WHERE %s", where);

  return app_test_query_int (session, sql);
}

/* The one damage entry of the latest unlock, or NULL. */
static char *
damage_detail (YkSession *session)
{
  sqlite3_stmt *stmt = NULL;
  char *detail = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (app_test_connection (session),
                                       "SELECT detail FROM audit WHERE action = 'unlock_log_damaged' "
                                       "ORDER BY id DESC LIMIT 1",
                                       -1, &stmt, NULL),
                   ==, SQLITE_OK);
  if (sqlite3_step (stmt) == SQLITE_ROW)
    detail = g_strdup ((const char *) sqlite3_column_text (stmt, 0));
  sqlite3_finalize (stmt);
  return detail;
}

static void
assert_other_untouched (Fixture *f)
{
  g_autofree char *contents = NULL;

  g_assert_true (g_file_get_contents (f->other, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, OTHER_TEXT);
}

static void
assert_nothing_copied (YkSession *session)
{
  g_assert_cmpint (count_rows (session, "detail LIKE '%other-file-secret%'"), ==, 0);
  g_assert_cmpint (count_rows (session, "action = 'unlock_failed'"), ==, 0);
}

/* A symbolic link in the log's place: a wrong password writes nothing
 * through it ... */
static void
test_symlink_not_written (Fixture *f, gconstpointer data)
{
  g_assert_cmpint (symlink (f->other, f->sidecar), ==, 0);
  wrong_password (f);
  assert_other_untouched (f);
}

/* ... and an unlock copies nothing of the file it points to, says so
 * once, and removes the link (never the file), so that failures are
 * noted again. */
static void
test_symlink_not_read (Fixture *f, gconstpointer data)
{
  g_autoptr (YkSession) session = NULL;
  g_autofree char *detail = NULL;

  g_assert_cmpint (symlink (f->other, f->sidecar), ==, 0);
  session = unlock (f);
  assert_nothing_copied (session);
  detail = damage_detail (session);
  g_assert_nonnull (detail);
  g_assert_nonnull (strstr (detail, "symbolic link"));
  g_assert_cmpint (count_rows (session, "action = 'unlock_log_damaged'"), ==, 1);
  assert_other_untouched (f);
  g_assert_false (g_file_test (f->sidecar, G_FILE_TEST_EXISTS | G_FILE_TEST_IS_SYMLINK));

  wrong_password (f);
  g_assert_true (g_file_test (f->sidecar, G_FILE_TEST_IS_REGULAR));
  assert_other_untouched (f);
}

/* A hard link is a regular file, but another file's too. */
static void
test_hard_link (Fixture *f, gconstpointer data)
{
  g_autoptr (YkSession) session = NULL;
  g_autofree char *detail = NULL;

  g_assert_cmpint (link (f->other, f->sidecar), ==, 0);
  wrong_password (f);
  assert_other_untouched (f);

  session = unlock (f);
  assert_nothing_copied (session);
  detail = damage_detail (session);
  g_assert_nonnull (strstr (detail, "links"));
  assert_other_untouched (f);
}

/* A FIFO: neither a wrong password nor an unlock waits for a writer. */
static void
test_fifo (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = NULL;
  g_autofree char *detail = NULL;
  YkSession *none = NULL;

  g_assert_cmpint (mkfifo (f->sidecar, 0600), ==, 0);
  g_assert_true (open_with_timeout (f->db.path, APP_TEST_WORKER, "not the password", release_fifo, f->sidecar,
                                    60, &none, &error));
  g_assert_null (none);
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
  g_clear_error (&error);

  g_assert_true (open_with_timeout (f->db.path, APP_TEST_WORKER, APP_TEST_WORKER_PASSWORD, release_fifo,
                                    f->sidecar, 60, &session, &error));
  g_assert_no_error (error);
  g_assert_nonnull (session);
  detail = damage_detail (session);
  g_assert_nonnull (detail);
  g_assert_nonnull (strstr (detail, "not a regular file"));
  g_assert_false (g_file_test (f->sidecar, G_FILE_TEST_EXISTS));
}

/* Lines of the format up to `size` bytes. */
static GString *
valid_lines (gsize size)
{
  GString *text = g_string_new (NULL);

  while (text->len + 24 <= size)
    g_string_append (text, "2021-12-03T06:05:09Z\tli\n");
  return text;
}

/* A file over the cap is one damage entry, its lines not copied. */
static void
test_oversized (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = NULL;
  g_autofree char *detail = NULL;
  g_autoptr (GString) text = valid_lines (YK_UNLOCK_LOG_MAX_SIZE + 100);

  g_assert_true (g_file_set_contents (f->sidecar, text->str, text->len, &error));
  session = unlock (f);
  g_assert_cmpint (count_rows (session, "action = 'unlock_failed'"), ==, 0);
  g_assert_cmpint (count_rows (session, "action = 'unlock_log_damaged'"), ==, 1);
  detail = damage_detail (session);
  g_assert_nonnull (strstr (detail, "over the limit"));
  g_assert_false (g_file_test (f->sidecar, G_FILE_TEST_EXISTS));
}

/* A log at its cap takes no more lines, and says at the unlock that some
 * may be missing; what it held is audited as usual. */
static void
test_full (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = NULL;
  g_autofree char *detail = NULL;
  g_autoptr (GString) text = valid_lines (YK_UNLOCK_LOG_MAX_SIZE);
  guint lines = text->len / 24;
  GStatBuf st;

  g_assert_true (g_file_set_contents (f->sidecar, text->str, text->len, &error));
  g_assert_cmpint (g_chmod (f->sidecar, 0600), ==, 0);
  wrong_password (f);
  g_assert_cmpint (g_stat (f->sidecar, &st), ==, 0);
  g_assert_cmpint (st.st_size, ==, text->len);

  session = unlock (f);
  g_assert_cmpint (count_rows (session, "action = 'unlock_failed'"), ==, lines);
  detail = damage_detail (session);
  g_assert_nonnull (detail);
  g_assert_nonnull (strstr (detail, "may be missing"));
}

static void
release_lock (gpointer data,
              gpointer unused)
{
  int *fd = data;

  if (*fd >= 0)
    close (*fd);
  *fd = -1;
}

/* A log someone holds locked (anyone who can open it can) delays a wrong
 * password by a second at most, and is not written without the lock. */
static void
test_held_lock (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  const char *text = "2021-12-03T06:05:09Z\tli\n";
  g_autofree char *contents = NULL;
  YkSession *none = NULL;
  int fd;

  g_assert_true (g_file_set_contents (f->sidecar, text, -1, &error));
  fd = open (f->sidecar, O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (fd, >=, 0);
  g_assert_cmpint (flock (fd, LOCK_EX), ==, 0);
  g_assert_true (open_with_timeout (f->db.path, APP_TEST_WORKER, "not the password", release_lock, &fd, 60,
                                    &none, &error));
  g_assert_error (error, YK_CRYPTO_ERROR, YK_CRYPTO_ERROR_WRONG_PASSWORD);
  release_lock (&fd, NULL);
  g_assert_true (g_file_get_contents (f->sidecar, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, text);
}

/* Lines not in the format are counted in one entry, never copied. */
static void
test_malformed (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = NULL;
  g_autofree char *detail = NULL;
  const char *text = "2021-12-03T06:05:09Z\tli\n"
                     "malformed-secret one\n"
                     "2021-12-03T06:05:09Z\tmalformed-secret\ttwo\n"
                     "2021-12-03T06:05:10Z\tzhang\n"
                     "2021-12-03T06:05:11Z\tmalformed-secret three";

  g_assert_true (g_file_set_contents (f->sidecar, text, -1, &error));
  session = unlock (f);
  g_assert_cmpint (count_rows (session, "detail LIKE '%malformed-secret%'"), ==, 0);
  g_assert_cmpint (count_rows (session, "action = 'unlock_failed'"), ==, 2);
  g_assert_cmpint (count_rows (session, "action = 'unlock_failed' AND detail = '2021-12-03T06:05:09Z' || char(9) || 'li'"),
                   ==, 1);
  g_assert_cmpint (count_rows (session, "action = 'unlock_failed' AND detail = '2021-12-03T06:05:10Z' || char(9) || 'zhang'"),
                   ==, 1);
  g_assert_cmpint (count_rows (session, "action = 'unlock_log_damaged'"), ==, 1);
  detail = damage_detail (session);
  g_assert_cmpstr (detail, ==, "3 malformed lines skipped");
  g_assert_false (g_file_test (f->sidecar, G_FILE_TEST_EXISTS));
}

/* A name that would break the format is escaped: a newline typed in a
 * user name is still one line, one audit entry. */
static void
test_name_escaped (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = NULL;
  GStatBuf st;

  g_assert_null (yk_session_open (f->db.path, "li\n2021-12-03T06:05:09Z\tforged", "x", &error));
  g_clear_error (&error);
  g_assert_cmpint (g_stat (f->sidecar, &st), ==, 0);
  g_assert_cmpint (st.st_mode & 0777, ==, 0600);
  session = unlock (f);
  g_assert_cmpint (count_rows (session, "action = 'unlock_failed'"), ==, 1);
  g_assert_cmpint (count_rows (session, "action = 'unlock_failed' AND detail LIKE '%li\\n2021-12-03T06:05:09Z\\tforged'"),
                   ==, 1);
  g_assert_cmpint (count_rows (session, "action = 'unlock_log_damaged'"), ==, 0);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  /* The old code, on a FIFO, wrote into the reader test_fifo() opened to
   * let it go: an error, not the end of the test program. */
  signal (SIGPIPE, SIG_IGN);

  g_test_add_func ("/app/unlock-log/parse", test_parse);
  g_test_add_func ("/app/unlock-log/format-round-trip", test_format_round_trip);
#define ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
  ADD ("/app/unlock-log/symlink-not-written", test_symlink_not_written);
  ADD ("/app/unlock-log/symlink-not-read", test_symlink_not_read);
  ADD ("/app/unlock-log/hard-link", test_hard_link);
  ADD ("/app/unlock-log/fifo", test_fifo);
  ADD ("/app/unlock-log/oversized", test_oversized);
  ADD ("/app/unlock-log/full", test_full);
  ADD ("/app/unlock-log/held-lock", test_held_lock);
  ADD ("/app/unlock-log/malformed", test_malformed);
  ADD ("/app/unlock-log/name-escaped", test_name_escaped);
#undef ADD
  return g_test_run ();
}
