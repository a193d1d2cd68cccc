/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Exit statuses of docs/design/formats.md. */
enum
{
  YK_EXIT_OK = 0,
  YK_EXIT_FAILED = 1,
  YK_EXIT_USAGE = 2,
};

gboolean yk_cli_wants (int argc, char **argv);
int yk_cli_run (int argc, char **argv);

G_END_DECLS
