/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-db"

#include "yk-sqlite-memory.h"

#include <sqlite3.h>
#include <stdlib.h>
#include <string.h>

/*
 * SQLite's allocator, with each block's size kept in front of it so that
 * xFree can wipe exactly what SQLite had. malloc and free are
 * thread-safe and nothing here is shared, so no lock is needed. The
 * header is 16 bytes to keep malloc's alignment.
 */
#define HEADER_SIZE 16

G_STATIC_ASSERT (HEADER_SIZE >= sizeof (size_t));

static inline size_t
block_size (const void *p)
{
  return *(const size_t *) ((const guint8 *) p - HEADER_SIZE);
}

static void *
wiping_malloc (int n)
{
  guint8 *block;

  if (n <= 0)
    return NULL;
  block = malloc ((size_t) n + HEADER_SIZE);
  if (block == NULL)
    return NULL;
  *(size_t *) block = (size_t) n;
  return block + HEADER_SIZE;
}

static void
wiping_free (void *p)
{
  if (p == NULL)
    return;
  explicit_bzero (p, block_size (p));
  free ((guint8 *) p - HEADER_SIZE);
}

/* Never realloc(): when it moves a block it frees the old one unwiped.
 * A new block, a copy, and the old one wiped. On failure the old block
 * stays as it was, as SQLite expects. */
static void *
wiping_realloc (void *p,
                int   n)
{
  void *moved;

  if (p == NULL)
    return wiping_malloc (n);
  moved = wiping_malloc (n);
  if (moved == NULL)
    return NULL;
  memcpy (moved, p, MIN (block_size (p), (size_t) n));
  wiping_free (p);
  return moved;
}

static int
wiping_size (void *p)
{
  return p != NULL ? (int) block_size (p) : 0;
}

/* SQLite asks for rounded sizes, then uses the whole block xSize gives. */
static int
wiping_roundup (int n)
{
  return (n + 7) & ~7;
}

static int
wiping_init (void *data)
{
  return SQLITE_OK;
}

static void
wiping_shutdown (void *data)
{
}

static const sqlite3_mem_methods wiping_methods = {
  .xMalloc = wiping_malloc,
  .xFree = wiping_free,
  .xRealloc = wiping_realloc,
  .xSize = wiping_size,
  .xRoundup = wiping_roundup,
  .xInit = wiping_init,
  .xShutdown = wiping_shutdown,
  .pAppData = NULL,
};

gboolean
yk_sqlite_memory_install (void)
{
  static gsize done = 0;
  static gboolean installed = FALSE;

  if (g_once_init_enter (&done))
    {
      /* SQLite takes its configuration only before it initialises. */
      int rc = sqlite3_config (SQLITE_CONFIG_MALLOC, &wiping_methods);

      installed = rc == SQLITE_OK;
      if (!installed)
        g_warning ("SQLite was in use before Yukang could make it wipe the memory it frees (%s): "
                   "decrypted pages may stay in memory after the database locks",
                   sqlite3_errstr (rc));
      g_once_init_leave (&done, 1);
    }
  return installed;
}
