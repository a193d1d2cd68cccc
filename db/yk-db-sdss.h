/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

/* The SDSS total of the assessment row `alias` in SQL: the ten items
 * scored 0-2, items marked 9 (does not apply) left out (docs/design/indicators.md).
 * The one definition every query in db/ uses. */
#define YK_SDSS_ITEM(alias, n) "iif(" alias ".sdss_" n " = 9, 0, " alias ".sdss_" n ")"
#define YK_SDSS_TOTAL_OF(alias)                                                                   \
  "(" YK_SDSS_ITEM (alias, "1") " + " YK_SDSS_ITEM (alias, "2") " + " YK_SDSS_ITEM (alias, "3") " + " \
  YK_SDSS_ITEM (alias, "4") " + " YK_SDSS_ITEM (alias, "5") " + " YK_SDSS_ITEM (alias, "6") " + "     \
  YK_SDSS_ITEM (alias, "7") " + " YK_SDSS_ITEM (alias, "8") " + " YK_SDSS_ITEM (alias, "9") " + "     \
  YK_SDSS_ITEM (alias, "10") ")"
