/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-session.h"
#include "yk-records.h"

#include <sqlite3.h>

G_BEGIN_DECLS

/* A transfer between sites (迁移, docs/design/transfer.md). */

/* The reason the old case file is referred out with: 迁至 and the new
 * site's name (stored as it is, like 撤回同意). */
#define YK_TRANSFER_REASON_PREFIX "迁至"

/* Moves the person of the active case file `client_id` to the site
 * `to_site_id` from `date` (ISO or as people write it): in one
 * transaction with one audit row ("transfer"), the old case file is
 * referred out (转介, reason 迁至<site name>) on `date`, and a new one is
 * opened at the other site on `date`, numbered as that site's numbers run
 * (yk_db_transfer_next_case_no()), with the same person's data, their
 * consent and their family, `worker_id` (0: none; else a staff member of
 * the new site) responsible, and linked to the old one both ways.
 *
 * Refused, nothing written: a social worker (YK_APP_ERROR_FORBIDDEN); a
 * case not active or whose consent is withdrawn; the same site; a date
 * impossible, in the future, before the intake or before the case's
 * latest record (YK_APP_ERROR_INVALID, `field` naming it: "transfer_date",
 * "transfer_site", "transfer_worker"). `*new_id` and `*new_case_no`
 * (either may be NULL): the new case file's. */
gboolean yk_transfer_case (YkSession   *session,
                           gint64       client_id,
                           gint64       to_site_id,
                           const char  *date,
                           gint64       worker_id,
                           gint64      *new_id,
                           char       **new_case_no,
                           const char **field,
                           GError     **error);

/* The same by the names a command line or a ledger uses: a case number,
 * a site's code or name, a staff member's display name (NULL or empty:
 * none). An unknown case, site or worker is YK_APP_ERROR_NOT_FOUND. */
gboolean yk_transfer_case_named (YkSession   *session,
                                 const char  *case_no,
                                 const char  *site,
                                 const char  *date,
                                 const char  *worker,
                                 char       **new_case_no,
                                 GError     **error);

/* The case file at the other end of a link of `client` (`to`: the one
 * it was transferred to, else the one it came from) in this file and
 * visible to the session: its id, or 0 (not transferred that way, in
 * another site's file, or not the session's to see). */
gint64 yk_transfer_partner (YkSession            *session,
                            const YkClientRecord *client,
                            gboolean              to);

/* The same on a connection (a reader's, the case file's worker thread):
 * the live case `case_no` within `site_scope` (0: every site), or 0. */
gint64 yk_transfer_partner_on (sqlite3    *db,
                               gint64      site_scope,
                               const char *case_no);

/* The link in words, for the case file, the dossier and the caseload:
 * "Transferred from SPQ-0003" / "Transferred to JL-0051" (迁自 / 已迁至);
 * NULL when there is no such link. */
char *yk_transfer_describe (const YkClientRecord *client,
                            gboolean              to);

G_END_DECLS
