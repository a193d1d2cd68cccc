/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-session.h"

G_BEGIN_DECLS

/* Ledgers (台账): the folder of CSV files of FORMATS.md. */
typedef struct
{
  char *file;
  guint line;
  char *column;
  char *reason;
} YkLedgerProblem;

#define YK_LEDGER_FILES 7

typedef struct
{
  const char *files[YK_LEDGER_FILES]; /* clients.csv … assessments.csv, in import order */
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
 * with error when the import could not run or found problems. */
gboolean yk_ledger_import (YkSession        *session,
                           const char       *directory,
                           gboolean          dry_run,
                           YkLedgerProgress  progress,
                           gpointer          user_data,
                           YkLedgerResult   *result,
                           GError          **error);
void yk_ledger_result_clear (YkLedgerResult *result);

/* The same files from the database, so that import and export round-trip.
 * Coordinator only: the files hold personal data. */
gboolean yk_ledger_export (YkSession  *session,
                           const char *directory,
                           GError    **error);

G_END_DECLS
