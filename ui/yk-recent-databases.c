/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-recent-databases.h"

/* A new list with `path` first and the rest of `list` after it, without
 * `path` and cut to the maximum. */
char **
yk_recent_databases_prepend (const char * const *list,
                             const char         *path)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 1;

  g_return_val_if_fail (path != NULL, NULL);

  g_strv_builder_add (builder, path);
  for (guint i = 0; list != NULL && list[i] != NULL && n < YK_RECENT_DATABASES_MAX; i++)
    if (g_strcmp0 (list[i], path) != 0)
      {
        g_strv_builder_add (builder, list[i]);
        n++;
      }
  return g_strv_builder_end (builder);
}

void
yk_recent_databases_remember (GSettings  *settings,
                              const char *path)
{
  g_auto (GStrv) old = g_settings_get_strv (settings, "recent-databases");
  g_auto (GStrv) new = yk_recent_databases_prepend ((const char * const *) old, path);

  g_settings_set_strv (settings, "recent-databases", (const char * const *) new);
}
