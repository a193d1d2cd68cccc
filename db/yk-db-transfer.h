/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* A transfer between sites (迁移, docs/design/transfer.md): the SQL
 * behind yk_transfer_case(). The caller holds the transaction. */

/* The latest date of anything recorded for the person's case file: a
 * contact, an SDSS assessment, a referral, an attendance, a linked
 * questionnaire, a plan goal's review, and its status date and intake
 * date (live records only). NULL on an error. */
char *yk_db_transfer_latest_date (sqlite3 *db,
                                  gint64   client_id,
                                  GError **error);

/* The next case number at a site, as the site's case numbers run: its
 * code, a hyphen and four digits ("JL-0051"), one more than the highest
 * such number on file (of any site, voided ones too: a number is never
 * given twice). */
char *yk_db_transfer_next_case_no (sqlite3    *db,
                                   const char *site_code,
                                   GError    **error);

/* Copies the case file `from_id` to a new one at `to_site_id` numbered
 * `case_no`, opened on `date` with `worker_id` (0: none) responsible,
 * the same person's data, risk level, referral source and consent (its
 * row copied), and their live family members (family numbers suffixed
 * with the new case number); closes `from_id` as referred out (转介) on
 * `date` with `reason`; and links the two both ways. `*new_id`: the new
 * case file's id. */
gboolean yk_db_transfer (sqlite3    *db,
                         gint64      from_id,
                         gint64      to_site_id,
                         const char *case_no,
                         const char *date,
                         gint64      worker_id,
                         const char *reason,
                         gint64      staff_id,
                         gint64     *new_id,
                         GError    **error);

/* Records a transfer read from a ledger: `to_id` (this file's new case)
 * was transferred from `from_id`; both rows are linked. */
gboolean yk_db_transfer_link (sqlite3 *db,
                              gint64   from_id,
                              gint64   to_id,
                              GError **error);

G_END_DECLS
