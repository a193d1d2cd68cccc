/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Prints the recovery key on one page: a heading, the database's file
 * name and the key in large monospace type. The operation keeps its own
 * copy of the key, wiped when printing is over. */
void yk_recovery_key_print (GtkWindow  *parent,
                            const char *database_path,
                            const char *recovery_key);

G_END_DECLS
