/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* gtk_widget_set_sensitive() for a form that may hold the focus: the
 * focus is let go first, because GTK 4.8 takes it from a field made
 * insensitive without telling the field, whose cursor then complains. */
void yk_set_sensitive (GtkWidget *widget,
                       gboolean   sensitive);

G_END_DECLS
