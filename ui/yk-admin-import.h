/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* Administration → Import Ledger: a workbook or a folder of CSV files,
 * every row checked first and, if none has a problem, imported in one
 * transaction, in a worker thread with the session to itself. Its
 * `session` property holds the YkUnlockedSession it imports into. */
#define YK_TYPE_ADMIN_IMPORT (yk_admin_import_get_type ())
G_DECLARE_FINAL_TYPE (YkAdminImport, yk_admin_import, YK, ADMIN_IMPORT, GtkWidget)

/* The ledger folder or workbook to import (what the choosers set). */
void yk_admin_import_set_folder (YkAdminImport *self,
                                 const char    *folder);
/* TRUE while a check or an import of a ledger runs. */
gboolean yk_admin_import_get_running (YkAdminImport *self);

G_END_DECLS
