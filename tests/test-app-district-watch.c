/* SPDX-License-Identifier: GPL-3.0-or-later */
/* The district folder's watch (app/yk-district-watch.c): a snapshot
 * being written or downloaded says nothing until it is complete; a file
 * written in pieces is one change, said once the writing has settled. */
#include "app-test-util.h"
#include "yk-district-watch.h"

#include <glib/gstdio.h>

/* Above GFileMonitor's rate limit for changes (800 ms), as the window's 2 s is. */
#define SETTLE_MS 1000

typedef struct
{
  char *dir;
  YkDistrictWatch *watch;
  guint changes;
} Fixture;

static void
changed_cb (YkDistrictWatch *watch,
            Fixture         *f)
{
  f->changes++;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  g_autoptr (GError) error = NULL;

  f->dir = app_test_make_dir ();
  f->watch = yk_district_watch_new (f->dir, SETTLE_MS, &error);
  g_assert_no_error (error);
  g_signal_connect (f->watch, "changed", G_CALLBACK (changed_cb), f);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  g_clear_object (&f->watch);
  app_test_remove_tree (f->dir);
  g_free (f->dir);
}

/* Runs the main loop for `ms` milliseconds. */
static void
run_for (guint ms)
{
  gint64 until = g_get_monotonic_time () + ms * 1000;

  while (g_get_monotonic_time () < until)
    g_main_context_iteration (NULL, FALSE), g_usleep (5000);
}

static void
write_file (Fixture *f, const char *name, const char *contents)
{
  g_autofree char *path = g_build_filename (f->dir, name, NULL);

  g_assert_true (g_file_set_contents (path, contents, -1, NULL));
}

static void
test_temporary_names_are_quiet (Fixture *f, gconstpointer data)
{
  write_file (f, ".syncthing.SPQ.ykdb.tmp", "part of a download");
  write_file (f, "~syncthing~JL.ykdb.tmp", "part of a download");
  write_file (f, ".SPQ.ykdb.XXXXXX", "a snapshot being written");
  write_file (f, "notes.txt", "not a snapshot");
  run_for (SETTLE_MS * 2);
  g_assert_cmpuint (f->changes, ==, 0);
}

/* A download renamed into place is one change. */
static void
test_rename_into_place (Fixture *f, gconstpointer data)
{
  g_autofree char *from = g_build_filename (f->dir, ".syncthing.SPQ.ykdb.tmp", NULL);
  g_autofree char *to = g_build_filename (f->dir, "SPQ.ykdb", NULL);

  write_file (f, ".syncthing.SPQ.ykdb.tmp", "the whole snapshot");
  run_for (SETTLE_MS * 2);
  g_assert_cmpuint (f->changes, ==, 0);
  g_assert_cmpint (g_rename (from, to), ==, 0);
  run_for (SETTLE_MS * 2);
  g_assert_cmpuint (f->changes, ==, 1);
}

/* A file copied under its own name in pieces, with pauses shorter than
 * the settling time: nothing while it grows, one change at the end. */
static void
test_written_in_pieces (Fixture *f, gconstpointer data)
{
  g_autofree char *path = g_build_filename (f->dir, "JL.ykdb", NULL);
  FILE *file = fopen (path, "wb");

  g_assert_nonnull (file);
  for (guint i = 0; i < 6; i++)
    {
      fputs ("a piece of the file\n", file);
      fflush (file);
      run_for (SETTLE_MS / 3);
      g_assert_cmpuint (f->changes, ==, 0);
    }
  fclose (file);
  run_for (SETTLE_MS * 2);
  g_assert_cmpuint (f->changes, ==, 1);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/app/district-watch/temporary-names-are-quiet", Fixture, NULL, fixture_set_up,
              test_temporary_names_are_quiet, fixture_tear_down);
  g_test_add ("/app/district-watch/rename-into-place", Fixture, NULL, fixture_set_up, test_rename_into_place,
              fixture_tear_down);
  g_test_add ("/app/district-watch/written-in-pieces", Fixture, NULL, fixture_set_up, test_written_in_pieces,
              fixture_tear_down);
  return g_test_run ();
}
