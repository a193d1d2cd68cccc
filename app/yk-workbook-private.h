/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-workbook.h"

G_BEGIN_DECLS

/* Limits so that a hostile workbook cannot exhaust memory. Tests and the
 * fuzzer lower them to reach the errors cheaply; 0 restores the default. */
#define YK_WORKBOOK_MAX_ROWS 1048576u
#define YK_WORKBOOK_MAX_COLUMNS 16384u
#define YK_WORKBOOK_MAX_CELLS (20u * 1000u * 1000u)
#define YK_WORKBOOK_MAX_MEMBER_BYTES ((gsize) 512 * 1024 * 1024)

void _yk_workbook_set_limits (guint max_cells,
                              gsize max_member_bytes);

G_END_DECLS
