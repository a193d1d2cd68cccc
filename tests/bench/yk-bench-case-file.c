/* SPDX-License-Identifier: GPL-3.0-or-later */
/* Reading case files on an existing database (made with `yukang demo
 * --size district`: 5,000 people, about a million contacts): the time of
 * yk_case_file_load() for a spread of people, as a coordinator, on a new
 * connection each time (what the window's worker thread does).
 *   build/tests/bench/yk-bench-case-file --db FILE --user NAME --password-file FILE [--people N] */
#define G_LOG_DOMAIN "yukang-bench"

#include "yk-case-file.h"
#include "yk-db-case-file.h"
#include "yk-reader-private.h"

#include <stdio.h>
#include <stdlib.h>

static int
compare_doubles (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;

  return (x > y) - (x < y);
}

int
main (int argc, char *argv[])
{
  g_autofree char *path = NULL, *user = NULL, *password_file = NULL, *password = NULL;
  int people = 50;
  GOptionEntry entries[] = {
    { "db", 0, 0, G_OPTION_ARG_FILENAME, &path, "Database", "FILE" },
    { "user", 0, 0, G_OPTION_ARG_STRING, &user, "Account (a coordinator)", "NAME" },
    { "password-file", 0, 0, G_OPTION_ARG_FILENAME, &password_file, "First line: the password", "FILE" },
    { "people", 0, 0, G_OPTION_ARG_INT, &people, "How many case files to read (default 50)", "N" },
    { NULL },
  };
  g_autoptr (GOptionContext) context = g_option_context_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (YkSession) session = NULL;
  g_autofree double *times = NULL;
  g_autofree double *contact_times = NULL;
  guint64 events = 0;

  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || path == NULL || user == NULL ||
      password_file == NULL || people <= 0 || !g_file_get_contents (password_file, &password, NULL, &error))
    {
      fprintf (stderr, "%s\n", error ? error->message : "--db, --user and --password-file are needed");
      return 2;
    }
  g_strchomp (password);
  session = yk_session_open (path, user, password, &error);
  if (session == NULL)
    {
      fprintf (stderr, "%s\n", error->message);
      return 1;
    }
  times = g_new0 (double, people);
  contact_times = g_new0 (double, people);
  for (int i = 0; i < people; i++)
    {
      sqlite3 *db = yk_store_open_connection (yk_session_get_store (session), &error);
      gint64 id = 1 + (gint64) i * 4999 / MAX (people - 1, 1);
      YkReader *reader = _yk_reader_new (session, db);
      gint64 start = g_get_monotonic_time ();
      YkCaseFile *file = yk_case_file_load (reader, id, &error);

      times[i] = (g_get_monotonic_time () - start) / 1000.0;
      if (file == NULL)
        {
          fprintf (stderr, "person %" G_GINT64_FORMAT ": %s\n", id, error->message);
          return 1;
        }
      events += file->timeline->len;
      /* The part that has no index: voided contacts are found by a scan. */
      start = g_get_monotonic_time ();
      g_ptr_array_unref (yk_db_case_contacts (db, id, YK_DB_VOIDED_ALL, NULL));
      contact_times[i] = (g_get_monotonic_time () - start) / 1000.0;
      yk_case_file_free (file);
      yk_reader_free (reader);
      yk_store_close_connection (yk_session_get_store (session), db);
    }
  qsort (times, people, sizeof *times, compare_doubles);
  qsort (contact_times, people, sizeof *contact_times, compare_doubles);
  printf ("%d case files, %.1f timeline items each: median %.1f ms, max %.1f ms\n", people,
          (double) events / people, times[people / 2], times[people - 1]);
  printf ("of which the contacts, live and voided (warm): median %.1f ms\n", contact_times[people / 2]);
  return 0;
}
