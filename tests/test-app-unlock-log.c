/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The failed-unlock log beside the database, DB.failed-unlocks
 * (docs/design/security.md, "Unlock failures" and "Hardening status"):
 * its strict line format (app/yk-unlock-log.c), and what a wrong password
 * and an unlock do when something else lies under its name — a symbolic
 * or hard link to another file, a FIFO, a file too big, lines not in the
 * format. */
#include "yk-unlock-log.h"

#include <string.h>

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

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/app/unlock-log/parse", test_parse);
  g_test_add_func ("/app/unlock-log/format-round-trip", test_format_round_trip);
  return g_test_run ();
}
