/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A site drop-down's model: its names, and the site id at each position
 * (0 for "all sites"). Shared by the screens that let a coordinator
 * choose a site. */
/* Fills `dropdown`'s model from `sites`, selects the first entry, and
 * shows the drop-down to a coordinator only: a social worker has one
 * site, and no choice to make. */
void yk_site_choice_fill (GtkDropDown   *dropdown,
                          GtkStringList *names,
                          GArray        *ids,
                          GPtrArray     *sites,
                          const char    *all_sites,
                          gboolean       coordinator);
gint64 yk_site_choice_selected (GtkDropDown *dropdown,
                                GArray      *ids);

G_END_DECLS
