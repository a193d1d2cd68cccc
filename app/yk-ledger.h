/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-session.h"

G_BEGIN_DECLS

/* Ledgers (台账): the folder of CSV files of docs/design/formats.md, or an Excel
 * workbook with one sheet per file. */
typedef struct
{
  char *file;       /* the CSV file's or the sheet's name */
  guint line;
  char *column;
  char *reason;
} YkLedgerProblem;

/* clients.csv … assessments.csv, then the optional training.csv (培训,
 * docs/design/training.md) of staff training sessions. */
#define YK_LEDGER_FILES 8

/* A column of a ledger file: its English key, its Chinese label (the
 * header the template writes), whether every row needs it, and another
 * Chinese header also accepted. */
typedef struct
{
  const char *key;
  const char *label;
  gboolean required;
  const char *alias;
} YkLedgerColumn;

typedef struct
{
  char *files[YK_LEDGER_FILES];       /* clients.csv … training.csv, in import order;
                                       * from a workbook, the sheets' names where present */
  guint added[YK_LEDGER_FILES];       /* rows added per file */
  gboolean present[YK_LEDGER_FILES];
  GPtrArray *problems;                /* YkLedgerProblem, in file and line order */
} YkLedgerResult;

typedef void (*YkLedgerProgress) (const char *file,
                                  guint       row,
                                  guint       rows,
                                  gpointer    user_data);

/* All or nothing: every row is checked, every problem is listed, and
 * nothing is written unless there are none (nor with dry_run). FALSE
 * with error when the import could not run or found problems. path is
 * a folder of CSV files or an .xlsx/.xls workbook: a sheet is a ledger
 * file when named like one (clients, clients.csv or 服务对象…); other
 * sheets are ignored. Coordinator only: anyone else gets
 * YK_APP_ERROR_FORBIDDEN before the path or any row is read. */
gboolean yk_ledger_import (YkSession        *session,
                           const char       *path,
                           gboolean          dry_run,
                           YkLedgerProgress  progress,
                           gpointer          user_data,
                           YkLedgerResult   *result,
                           GError          **error);
void yk_ledger_result_clear (YkLedgerResult *result);

/* The names a sheet may have for ledger file i (0 … YK_LEDGER_FILES-1):
 * the Chinese name (服务对象…) and the file name (clients.csv…). */
const char *yk_ledger_file_chinese_name (guint i);
const char *yk_ledger_file_name (guint i);
/* Ends with a column whose key is NULL. */
const YkLedgerColumn *yk_ledger_file_columns (guint i);

/* An empty workbook to fill in: one sheet per ledger file, named in
 * Chinese, with the Chinese headers (required ones bold, with a note),
 * date columns formatted as dates, and a 说明 sheet on every column.
 * No personal data; needs no database. */
gboolean yk_ledger_write_template (const char *path,
                                   GError    **error);

/* The same files from the database, so that import and export round-trip.
 * Coordinator only: the files hold personal data. */
gboolean yk_ledger_export (YkSession  *session,
                           const char *directory,
                           GError    **error);

G_END_DECLS
