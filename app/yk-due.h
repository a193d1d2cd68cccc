/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-app-types.h"
#include "yk-followup.h"
#include "yk-session.h"

G_BEGIN_DECLS

/* The follow-up due list (`yukang due`, and later the window's printout):
 * yk_followup_list() as of a date, with each person's responsible
 * worker's name beside them. */
typedef struct
{
  GDate as_of;
  GPtrArray *people;        /* YkFollowup, soonest first, then by case number */
  GHashTable *worker_names; /* gint64 worker id → display name */
} YkDueList;

void yk_due_list_free (YkDueList *list);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkDueList, yk_due_list_free)

/* Everyone active the session may see who is due on or before `as_of`
 * plus `within` days, or at risk whatever the date. `site_code` (code or
 * name; NULL: every site the session may see) narrows it; a social
 * worker naming another site is refused, an unknown site is not found. */
YkDueList *yk_due_list_for_session (YkSession   *session,
                                    const char  *site_code,
                                    const GDate *as_of,
                                    guint        within,
                                    GError     **error);

/* What the Today screen lists (yk_today_followups()), printed: a
 * coordinator's filters (0: all), a social worker's own people. */
YkDueList *yk_due_list_for_today (YkReader    *reader,
                                  gint64       site_id,
                                  gint64       worker_id,
                                  const GDate *as_of,
                                  guint        within,
                                  GError     **error);

/* The worker's display name, or NULL when nobody is assigned. */
const char *yk_due_list_worker (const YkDueList  *list,
                                const YkFollowup *person);
/* Days from the due date to as_of when overdue, else 0. */
int yk_due_list_overdue_days (const YkDueList  *list,
                              const YkFollowup *person);

G_END_DECLS
