/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-session.h"

G_BEGIN_DECLS

/* Everything `yukang verify` checks, for the command line and the window. */
typedef struct
{
  YkStoreCheck store;       /* pages authenticated, header copies */
  GPtrArray *integrity;     /* SQLite integrity_check problems */
  GPtrArray *foreign_keys;  /* foreign_key_check problems */
  GPtrArray *running_totals; /* the figures' totals that disagree with the records */
  YkAuditCheck audit;
  /* A snapshot's header states the audit head it was taken at: the
   * trail's last entry must be that one (a trail cut or extended since
   * is a problem). */
  gboolean snapshot;
  YkSnapshotInfo snapshot_info;
  gboolean snapshot_head_matches;
} YkVerifyReport;

gboolean yk_verify (YkSession      *session,
                    YkVerifyReport *report,
                    GError        **error);
/* The same, and whether the audit trail still extends `expected`
 * (report->audit.expected); a trail that does not is a problem. */
gboolean yk_verify_with_head (YkSession         *session,
                              const YkAuditHead *expected,
                              YkVerifyReport    *report,
                              GError           **error);
/* The same checks of a store opened without a session (a district
 * view's files, which are never written: no audit entry, no migration). */
gboolean yk_verify_store (YkStore           *store,
                          const YkAuditHead *expected,
                          YkVerifyReport    *report,
                          GError           **error);
gboolean yk_verify_report_ok (const YkVerifyReport *report);
void yk_verify_report_clear (YkVerifyReport *report);

G_END_DECLS
