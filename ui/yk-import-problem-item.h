/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib-object.h>

#include "yk-ledger.h"

G_BEGIN_DECLS

/* One problem of a ledger import (YkLedgerProblem) for the problems
 * table: sheet or file, row, column and reason, as properties the .ui's
 * factories bind. */
#define YK_TYPE_IMPORT_PROBLEM_ITEM (yk_import_problem_item_get_type ())
G_DECLARE_FINAL_TYPE (YkImportProblemItem, yk_import_problem_item, YK, IMPORT_PROBLEM_ITEM, GObject)

YkImportProblemItem *yk_import_problem_item_new (const YkLedgerProblem *problem);

G_END_DECLS
