/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-report.h"

G_BEGIN_DECLS

/* The report formats of docs/design/formats.md, all from one YkReport so they agree
 * to the digit. */
char *yk_report_to_text (const YkReport *report);
char *yk_report_to_csv (const YkReport *report);
char *yk_report_to_json (const YkReport *report);

G_END_DECLS
