/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Labels the administration sections build in code. */

/* A start-aligned label that ellipsizes; `dim` for secondary text. */
GtkWidget *yk_label_new_start (const char *text,
                               gboolean    dim);
/* Shows `message` in `label`, or hides the label when it is NULL. */
void yk_label_show_message (GtkLabel   *label,
                            const char *message);

G_END_DECLS
