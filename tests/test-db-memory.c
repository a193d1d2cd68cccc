/* SPDX-License-Identifier: GPL-3.0-or-later */
/* "Plaintext in memory is short-lived" (docs/design/security.md, "Keys in
 * memory"): once a store is closed — the database locks — nothing it
 * decrypted is left in the process's writable memory. Random markers are
 * written into a row and into the schema (page 1), read back through a
 * new store, then every writable mapping of the process is searched for
 * them, first with the store open (the search must find them: it sees
 * SQLite's page cache), then after closing it (it must not). */
#include "db-test-util.h"
#include "yk-crypto-error.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#if defined(__SANITIZE_ADDRESS__)
#define YK_TEST_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define YK_TEST_ASAN 1
#endif
#endif

#define MARKER_LENGTH 40
#define WINDOW_SIZE (1024 * 1024)

/* The markers, the SQL that names one and the search's window live in
 * mappings of their own, which the search skips: they are the only
 * copies the test keeps. Nothing else in the test holds a marker: it is
 * bound with SQLITE_STATIC and compared where SQLite returns it. */
typedef struct
{
  char *row_marker;
  char *schema_marker;
  char *create_sql;
  gsize size;
} Markers;

typedef struct
{
  guintptr start;
  guintptr end;
} Span;

static int memory_fd = -1;
static guint8 *window;
static Markers markers;

static gpointer
map_private (gsize size)
{
  gpointer p = mmap (NULL, size, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);

  g_assert_true (p != MAP_FAILED);
  return p;
}

/* One character at a time, so no whole copy passes through a buffer. */
static void
fill_random (char *out)
{
  static const char alphabet[] = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  for (int i = 0; i < MARKER_LENGTH; i++)
    out[i] = alphabet[g_random_int_range (0, (int) sizeof alphabet - 1)];
  out[MARKER_LENGTH] = '\0';
}

static void
markers_make (void)
{
  static const char *const parts[] = {
    "CREATE TABLE notes (id INTEGER PRIMARY KEY, body TEXT, kind TEXT DEFAULT '", NULL, "')",
  };
  char *at;

  markers.size = (gsize) sysconf (_SC_PAGESIZE);
  markers.row_marker = map_private (markers.size);
  markers.schema_marker = markers.row_marker + 64;
  markers.create_sql = markers.row_marker + 128;
  fill_random (markers.row_marker);
  fill_random (markers.schema_marker);
  at = markers.create_sql;
  for (guint i = 0; i < G_N_ELEMENTS (parts); i++)
    at = stpcpy (at, parts[i] != NULL ? parts[i] : markers.schema_marker);
}

static void
report_hit (guintptr address, const char *what, const char *region)
{
  g_test_message ("%s marker at %#" G_GINTPTR_MODIFIER "x in %s", what, address, region);
}

/* Reads [start, end) through /proc/self/mem (no fault on an unreadable
 * page, no sanitizer check on poisoned memory) and counts the needle,
 * carrying the last bytes of each window over so a copy that straddles
 * two windows is found once. */
static guint
count_in_span (guintptr     start,
               guintptr     end,
               const char  *needle,
               const char  *what,
               const char  *region,
               guint64     *scanned)
{
  const gsize overlap = MARKER_LENGTH - 1;
  guint hits = 0;

  while (start < end)
    {
      gsize want = MIN ((gsize) (end - start), (gsize) WINDOW_SIZE);
      ssize_t got = pread (memory_fd, window, want, (off_t) start);
      gboolean last;
      gsize limit;

      if (got <= 0)
        {
          /* Not backed by readable memory ([vvar], guard pages). */
          g_test_message ("could not read %#" G_GINTPTR_MODIFIER "x in %s: %s", start, region,
                          got < 0 ? g_strerror (errno) : "end of file");
          break;
        }
      *scanned += (guint64) got;
      last = start + (guintptr) got >= end || (gsize) got <= overlap;
      limit = last ? (gsize) got : (gsize) got - overlap;
      for (const guint8 *p = window; p < window + got;)
        {
          const guint8 *hit = memmem (p, window + got - p, needle, MARKER_LENGTH);

          if (hit == NULL || (gsize) (hit - window) >= limit)
            break;
          report_hit (start + (guintptr) (hit - window), what, region);
          hits++;
          p = hit + 1;
        }
      start += last ? (guintptr) got : (guintptr) limit;
    }
  return hits;
}

/* The test's own mappings are cut out of the span. */
static guint
count_outside_own (Span        span,
                   const char *needle,
                   const char *what,
                   const char *region,
                   guint64    *scanned)
{
  const Span own[] = {
    { (guintptr) markers.row_marker, (guintptr) markers.row_marker + markers.size },
    { (guintptr) window, (guintptr) window + WINDOW_SIZE },
  };

  for (guint i = 0; i < G_N_ELEMENTS (own); i++)
    if (span.start < own[i].end && own[i].start < span.end)
      {
        Span before = { span.start, MAX (span.start, own[i].start) };
        Span after = { MIN (span.end, own[i].end), span.end };

        return (before.start < before.end ? count_outside_own (before, needle, what, region, scanned) : 0) +
               (after.start < after.end ? count_outside_own (after, needle, what, region, scanned) : 0);
      }
  return count_in_span (span.start, span.end, needle, what, region, scanned);
}

/* AddressSanitizer's shadow memory (x86-64: 0x7fff8000 up to
 * 0x10007fff8000) holds one byte of state per eight bytes of the
 * program's, never the program's data, and is terabytes long: it is left
 * out. Its heap, with the quarantine of freed blocks, is searched. */
static gboolean
is_sanitizer_shadow (Span span)
{
#if defined(YK_TEST_ASAN) && defined(__x86_64__)
  return span.start >= 0x7fff8000 && span.end <= 0x10007fff8000;
#else
  return FALSE;
#endif
}

/* Every copy of the needle in the process's writable memory. */
static guint
count_in_memory (const char *needle,
                 const char *what)
{
  g_autofree char *maps = NULL;
  g_auto (GStrv) lines = NULL;
  g_autoptr (GError) error = NULL;
  guint64 scanned = 0;
  guint hits = 0;

  g_file_get_contents ("/proc/self/maps", &maps, NULL, &error);
  g_assert_no_error (error);
  lines = g_strsplit (maps, "\n", -1);
  for (char **line = lines; *line != NULL && **line != '\0'; line++)
    {
      Span span = { 0 };
      char perms[5] = "";

      g_assert_cmpint (sscanf (*line, "%" G_GINTPTR_MODIFIER "x-%" G_GINTPTR_MODIFIER "x %4s",
                               &span.start, &span.end, perms), ==, 3);
      if (perms[0] != 'r' || perms[1] != 'w' || is_sanitizer_shadow (span))
        continue;
      hits += count_outside_own (span, needle, what, *line, &scanned);
    }
  g_test_message ("searched %" G_GUINT64_FORMAT " KiB for the %s marker: %u copies", scanned / 1024,
                  what, hits);
  /* The heap and the stack alone are more than this: it really looked. */
  g_assert_cmpuint (scanned, >, 256 * 1024);
  return hits;
}

static void
write_markers (const char *path)
{
  YkStore *store = test_create_store (path, NULL);
  sqlite3 *db = yk_store_get_connection (store);
  sqlite3_stmt *stmt = NULL;

  test_exec (db, markers.create_sql);
  g_assert_cmpint (sqlite3_prepare_v2 (db, "INSERT INTO notes (body) VALUES (?)", -1, &stmt, NULL), ==, SQLITE_OK);
  sqlite3_bind_text (stmt, 1, markers.row_marker, MARKER_LENGTH, SQLITE_STATIC);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
  yk_store_close (store);
}

/* Read back where SQLite keeps it, never copied. */
static void
assert_markers_read (sqlite3 *db)
{
  sqlite3_stmt *stmt = NULL;

  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT body, kind FROM notes", -1, &stmt, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpint (sqlite3_column_bytes (stmt, 0), ==, MARKER_LENGTH);
  g_assert_true (memcmp (sqlite3_column_text (stmt, 0), markers.row_marker, MARKER_LENGTH) == 0);
  g_assert_cmpint (sqlite3_column_bytes (stmt, 1), ==, MARKER_LENGTH);
  g_assert_true (memcmp (sqlite3_column_text (stmt, 1), markers.schema_marker, MARKER_LENGTH) == 0);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

static void
test_nothing_left_after_close (void)
{
  g_autofree char *dir = test_make_dir ();
  g_autofree char *path = g_build_filename (dir, "case.ykdb", NULL);
  g_autoptr (GError) error = NULL;
  YkStore *store;
  sqlite3 *reader;
  guint left_in_row;
  guint left_in_schema;

  write_markers (path);

  /* A new store: the markers are only read, decrypted into its cache and
   * into that of a second connection, as a worker thread's reader has. */
  store = test_unlock (path);
  reader = yk_store_open_connection (store, &error);
  g_assert_no_error (error);
  assert_markers_read (yk_store_get_connection (store));
  assert_markers_read (reader);
  g_assert_cmpuint (count_in_memory (markers.row_marker, "row"), >, 0);
  g_assert_cmpuint (count_in_memory (markers.schema_marker, "schema"), >, 0);

  yk_store_close_connection (store, reader);
  yk_store_close (store);
  left_in_row = count_in_memory (markers.row_marker, "row");
  left_in_schema = count_in_memory (markers.schema_marker, "schema");
  g_assert_cmpuint (left_in_row, ==, 0);
  g_assert_cmpuint (left_in_schema, ==, 0);

  test_remove_dir (dir);
}

int
main (int argc, char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_assert_true (yk_crypto_init (NULL));

  /* Opened before any key exists: afterwards the process is no longer
   * dumpable and /proc/self/mem belongs to root. */
  memory_fd = open ("/proc/self/mem", O_RDONLY | O_CLOEXEC);
  g_assert_cmpint (memory_fd, >=, 0);
  window = map_private (WINDOW_SIZE);
  markers_make ();

  g_test_add_func ("/db/memory/nothing-left-after-close", test_nothing_left_after_close);
  return g_test_run ();
}
