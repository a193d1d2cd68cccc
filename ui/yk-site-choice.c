/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-site-choice.h"
#include "yk-statistics.h" /* YkSiteRow, as yk_statistics_sites() lists them */

/* `sites` holds YkSiteRow; `all_sites`, when not NULL, is a first entry
 * standing for every site. */
void
yk_site_choice_fill (GtkDropDown   *dropdown,
                     GtkStringList *names,
                     GArray        *ids,
                     GPtrArray     *sites,
                     const char    *all_sites,
                     gboolean       coordinator)
{
  gint64 everyone = 0;

  g_array_set_size (ids, 0);
  gtk_string_list_splice (names, 0, g_list_model_get_n_items (G_LIST_MODEL (names)), NULL);
  if (all_sites != NULL)
    {
      gtk_string_list_append (names, all_sites);
      g_array_append_val (ids, everyone);
    }
  for (guint i = 0; i < sites->len; i++)
    {
      YkSiteRow *site = sites->pdata[i];

      gtk_string_list_append (names, site->name);
      g_array_append_val (ids, site->id);
    }
  gtk_drop_down_set_selected (dropdown, 0);
  gtk_widget_set_visible (GTK_WIDGET (dropdown), coordinator);
}

gint64
yk_site_choice_selected (GtkDropDown *dropdown,
                         GArray      *ids)
{
  guint position = gtk_drop_down_get_selected (dropdown);

  if (ids == NULL || position >= ids->len)
    return 0;
  return g_array_index (ids, gint64, position);
}
