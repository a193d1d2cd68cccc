/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Administration → Database: the whole file checked off the main thread
 * (every page authenticated, SQLite's checks, the running totals, the
 * audit trail's chain), and an encrypted backup. Its `session` property
 * holds the YkUnlockedSession it checks. */
#define YK_TYPE_ADMIN_DATABASE (yk_admin_database_get_type ())
G_DECLARE_FINAL_TYPE (YkAdminDatabase, yk_admin_database, YK, ADMIN_DATABASE, GtkWidget)

typedef enum
{
  YK_ADMIN_VERIFY_NOT_RUN,
  YK_ADMIN_VERIFY_RUNNING,
  YK_ADMIN_VERIFY_OK,
  YK_ADMIN_VERIFY_PROBLEMS,
  YK_ADMIN_VERIFY_FAILED,
} YkAdminVerifyState;

YkAdminVerifyState yk_admin_database_get_verify_state (YkAdminDatabase *self);

G_END_DECLS
