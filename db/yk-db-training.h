/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Staff training sessions (培训) and who attended them
 * (docs/design/training.md). Hours are in tenths of an hour. */

typedef struct
{
  gint64 id;
  char *date;
  char *title;
  int hours_tenths;
  char *provider;        /* NULL if not recorded */
  GArray *attendee_ids;  /* gint64 staff ids, by display name */
  GPtrArray *attendees;  /* their display names, in the same order */
} YkTrainingSession;

void yk_training_session_free (YkTrainingSession *session);

/* Writes a session and one attendee row per staff id, inside the
 * caller's transaction. Nothing is checked here but the schema's rules:
 * the rules are app/yk-training.c's. */
gboolean yk_db_training_insert (sqlite3      *db,
                                const char   *date,
                                const char   *title,
                                int           hours_tenths,
                                const char   *provider,
                                gint64        created_by,
                                const gint64 *staff_ids,
                                guint         n_staff,
                                gint64       *id,
                                GError      **error);

/* The live sessions dated in [from, to] (ISO dates, inclusive; NULL:
 * unbounded), by date then id, with their attendees. */
GPtrArray *yk_db_training_list (sqlite3    *db,
                                const char *from,
                                const char *to,
                                GError    **error);

/* One staff member's live training hours (tenths) dated `date`, in
 * *tenths; FALSE on a database error. */
gboolean yk_db_training_day_tenths (sqlite3    *db,
                                    gint64      staff_id,
                                    const char *date,
                                    gint64     *tenths,
                                    GError    **error);

/* Voids a live session: TRUE and *voided FALSE when there is no live
 * session of that id. */
gboolean yk_db_training_void (sqlite3    *db,
                              gint64      id,
                              gint64      staff_id,
                              const char *reason,
                              gboolean   *voided,
                              GError    **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkTrainingSession, yk_training_session_free)

G_END_DECLS
