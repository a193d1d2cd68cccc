/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-csv.h"

#include <gio/gio.h>

G_BEGIN_DECLS

/* Excel workbooks (.xlsx, and the older .xls) read as the CSV reader reads
 * a file: each sheet is a YkCsv whose records carry the spreadsheet's row
 * number as their line and every cell as text — dates as 2021-03-05,
 * whole numbers without ".0", booleans as TRUE/FALSE. Empty rows, and
 * empty cells at the end of a row, are left out. */
typedef struct
{
  char *name;       /* as the tab shows it */
  YkCsv *csv;       /* NULL when the sheet could not be read: see error */
  GError *error;    /* says which cell, never what it holds */
  guint error_row;  /* the row the error is on, or 1 */
} YkWorkbookSheet;

typedef struct
{
  GPtrArray *sheets; /* YkWorkbookSheet, in the workbook's order */
} YkWorkbook;

/* TRUE for a name ending in .xlsx or .xls (any case). */
gboolean yk_workbook_is_workbook_path (const char *path);

YkWorkbook *yk_workbook_read_file (const char *path,
                                   GError    **error);
/* The format is told by the first bytes: a zip is .xlsx, an OLE2
 * compound file is .xls. */
YkWorkbook *yk_workbook_read_bytes (GBytes  *bytes,
                                    GError **error);
void yk_workbook_free (YkWorkbook *workbook);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkWorkbook, yk_workbook_free)

G_END_DECLS
