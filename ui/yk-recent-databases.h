/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* The GSettings key recent-databases: newest first, no duplicates, at
 * most YK_RECENT_DATABASES_MAX. Only databases that were unlocked or
 * created get in, so a typo in --db or a mistaken "Open…" never does. */
#define YK_RECENT_DATABASES_MAX 8

char **yk_recent_databases_prepend (const char * const *list,
                                    const char         *path);
void yk_recent_databases_remember (GSettings  *settings,
                                   const char *path);

G_END_DECLS
