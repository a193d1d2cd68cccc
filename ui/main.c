/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-application.h"
#include "yk-cli.h"

#include <glib/gi18n.h>
#include <locale.h>

/* Installed under a prefix GLib does not search (meson setup --prefix
 * /opt/yukang, outside XDG_DATA_DIRS): the schema meson installed and
 * compiled there (gnome.post_install) is found all the same. Under /usr
 * and /usr/local, the usual case, this does nothing. */
static void
use_prefix_schemas (void)
{
  const char *const *dirs = g_get_system_data_dirs ();
  g_autofree char *schemas = NULL;
  g_autofree char *compiled = NULL;

  if (g_getenv ("GSETTINGS_SCHEMA_DIR") != NULL)
    return;
  for (gsize i = 0; dirs[i] != NULL; i++)
    {
      g_autofree char *dir = g_canonicalize_filename (dirs[i], "/");

      if (g_strcmp0 (dir, DATADIR) == 0)
        return;
    }
  schemas = g_build_filename (DATADIR, "glib-2.0", "schemas", NULL);
  compiled = g_build_filename (schemas, "gschemas.compiled", NULL);
  if (g_file_test (compiled, G_FILE_TEST_IS_REGULAR))
    g_setenv ("GSETTINGS_SCHEMA_DIR", schemas, TRUE);
}

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
  use_prefix_schemas ();
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
