/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-spinner-delay.h"

typedef struct
{
  GtkSpinner *spinner;
  guint *source;
} Pending;

static gboolean
show_cb (gpointer data)
{
  Pending *pending = data;

  *pending->source = 0;
  gtk_widget_set_visible (GTK_WIDGET (pending->spinner), TRUE);
  gtk_spinner_start (pending->spinner);
  return G_SOURCE_REMOVE;
}

void
yk_spinner_delay_start (GtkSpinner *spinner,
                        guint      *source)
{
  Pending *pending = g_new (Pending, 1);

  g_clear_handle_id (source, g_source_remove);
  pending->spinner = spinner;
  pending->source = source;
  *source = g_timeout_add_full (G_PRIORITY_DEFAULT, YK_SPINNER_DELAY_MS, show_cb, pending, g_free);
}

void
yk_spinner_delay_stop (GtkSpinner *spinner,
                       guint      *source)
{
  g_clear_handle_id (source, g_source_remove);
  if (spinner == NULL)
    return; /* a second dispose, the template already gone */
  gtk_spinner_stop (spinner);
  gtk_widget_set_visible (GTK_WIDGET (spinner), FALSE);
}
