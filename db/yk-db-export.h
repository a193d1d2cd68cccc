/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* The rows of one ledger file (docs/design/formats.md), as the text a ledger holds,
 * in the file's column order; voided records are left out. */
GPtrArray *yk_db_export_ledger (sqlite3    *db,
                                const char *file,
                                GError    **error);

G_END_DECLS
