/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-application.h"
#include "yk-cli.h"

#include <glib/gi18n.h>
#include <locale.h>

/* build/yukang runs uninstalled during development: point gettext and
 * GSettings at the build tree so it shows Chinese and finds its schema. */
static const char *
find_locale_dir (void)
{
  g_autofree char *exe = g_file_read_link ("/proc/self/exe", NULL);
  g_autofree char *dir = exe ? g_path_get_dirname (exe) : NULL;

  if (dir != NULL && g_strcmp0 (dir, YK_BUILD_ROOT) == 0)
    {
      if (g_getenv ("GSETTINGS_SCHEMA_DIR") == NULL)
        g_setenv ("GSETTINGS_SCHEMA_DIR", YK_BUILD_ROOT "/data", TRUE);
      return YK_BUILD_ROOT "/po";
    }
  return LOCALEDIR;
}

int
main (int argc, char *argv[])
{
  g_autoptr (YkApplication) app = NULL;

  setlocale (LC_ALL, "");
  bindtextdomain (GETTEXT_PACKAGE, find_locale_dir ());
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (yk_cli_wants (argc, argv))
    return yk_cli_run (argc, argv);

  app = yk_application_new ();
  return g_application_run (G_APPLICATION (app), argc, argv);
}
