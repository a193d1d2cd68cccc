/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-session.h"
#include "yk-db-indicators.h"
#include "yk-db-recording.h"
#include "yk-db-staff.h" /* YkStaffRow: yk_recording_workers() */
#include "yk-records.h"

G_BEGIN_DECLS

/* What the recording dialogs need beside yk-casework.h: the person a
 * record is for, the follow-up date the rules propose, the staff and
 * sites to choose from, and a status change (在册/转介/结案). */
YkClientRecord *yk_recording_client (YkSession *session,
                                     gint64     client_id,
                                     GError   **error);

YkClientRecord *yk_recording_open_client (YkSession *session,
                                          gint64     client_id,
                                          GError   **error);

gboolean yk_recording_propose_next (YkSession  *session,
                                    const char *date,
                                    const char *condition,
                                    char      **next_date,
                                    GError    **error);

gboolean yk_recording_last_state (YkSession *session,
                                  gint64     client_id,
                                  char     **condition,
                                  int       *risk_level,
                                  GError   **error);

GPtrArray *yk_recording_workers (YkSession *session,
                                 gint64     site_id,
                                 GError   **error);
GPtrArray *yk_recording_sites (YkSession *session,
                               GError   **error);

gboolean yk_recording_set_status (YkSession   *session,
                                  gint64       client_id,
                                  const char  *status,
                                  const char  *date,
                                  const char  *reason,
                                  const char **field,
                                  GError     **error);

G_END_DECLS
