/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Makes SQLite wipe every block it frees (decrypted pages, rows, SQL
 * text), so that closing a connection leaves none of it in memory
 * (docs/design/security.md, "Keys in memory"). Must run before anything
 * else in the process calls SQLite; the store does it first thing.
 * Idempotent and thread-safe. Returns FALSE, with a warning, when SQLite
 * was already in use and its allocator could not be replaced. */
gboolean yk_sqlite_memory_install (void);

G_END_DECLS
