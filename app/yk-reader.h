/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>

#include "yk-app-types.h"
#include "yk-session.h"

G_BEGIN_DECLS

/* What a read for a screen runs on: a connection (lent to a worker
 * thread by YkUnlockedSession, or the session's own on the thread that
 * holds the session) and who lent it — role, staff id, site — captured
 * when it was lent, so a worker thread never touches the session. The
 * reading functions (yk_caseload_load(), yk_today_followups(), …) take
 * one and keep to what that person may see themselves: no caller
 * computes or passes a site scope. Opaque outside app/. */

/* Over the session's own connection, for reads on the thread that holds
 * the session (the command line, tests). Free it before the session. */
YkReader *yk_reader_new_for_session (YkSession *session);
void yk_reader_free (YkReader *reader);

YkRole yk_reader_get_role (const YkReader *reader);
gboolean yk_reader_is_coordinator (const YkReader *reader);
gint64 yk_reader_get_staff_id (const YkReader *reader);
gint64 yk_reader_get_site_id (const YkReader *reader);
/* A district view's reader (yk_session_is_read_only()): what it reads
 * offers no change (a case file's events cannot be voided). */
gboolean yk_reader_is_read_only (const YkReader *reader);
/* The sites the reader may see: 0 (every one) for a coordinator, a
 * social worker's own site otherwise (as yk_casework_site_scope()). */
gint64 yk_reader_site_scope (const YkReader *reader);
/* A site picked in a filter (0: all) as far as the reader may see it:
 * a coordinator's pick stands, a social worker always gets their own. */
gint64 yk_reader_clamp_site (const YkReader *reader,
                             gint64          chosen);
/* Likewise whose people (a staff id, 0: everyone's): a coordinator's
 * pick stands, a social worker sees their own. */
gint64 yk_reader_clamp_worker (const YkReader *reader,
                               gint64          chosen);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkReader, yk_reader_free)

G_END_DECLS
