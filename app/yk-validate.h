/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Dates as people write them: 2021-03-05, 2021/3/5 or 2021年3月5日. An
 * impossible date (2021-02-30) is an error, never silently moved. */
gboolean yk_date_parse (const char *text,
                        GDate      *date,
                        GError    **error);
/* What a person types into a date field, which is more than a ledger
 * may hold: everything yk_date_parse() takes, plus 12.3, 12-3 and 12/3
 * (month and day of `today`'s year), 20211203, and 今天/昨天/前天
 * (today, yesterday). Impossible dates are errors here too. */
gboolean yk_date_parse_typed (const char  *text,
                              const GDate *today,
                              GDate       *date,
                              GError     **error);
char *yk_date_format_iso (const GDate *date);
void yk_date_today (GDate *date);

/* The 18-character resident ID number of GB 11643: 17 digits, then a
 * check digit (0-9 or X) over them, with the birth date at 7-14. */
gboolean yk_id_number_check (const char *id_number,
                             GDate      *birth_date,
                             GError    **error);

/* What a valid ID number says of its holder: the birth date, and the
 * gender from the 17th digit (odd 男, even 女). FALSE for an invalid one. */
gboolean yk_id_number_facts (const char  *id_number,
                             GDate       *birth_date,
                             const char **gender);

gboolean yk_boolean_parse (const char *text,
                           gboolean   *value);

G_END_DECLS
