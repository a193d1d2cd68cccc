/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-session.h"

G_BEGIN_DECLS

/* The follow-up rules of docs/design/followup.md: the condition recorded at the last
 * reached contact sets when the next one is due, and everyone active is
 * followed up at least once a quarter. */
typedef struct
{
  char *stable;           /* "3 months" */
  char *basically_stable; /* "14 days" */
  char *unstable;         /* "14 days" */
} YkFollowupIntervals;

typedef struct
{
  gint64 client_id;
  char *case_no;
  char *name;
  gint64 site_id;
  gint64 worker_id;
  char *last_contact;   /* NULL: never reached */
  GDate due;
  gboolean overdue;     /* due before today */
  gboolean at_risk;     /* risk level 3 or more, or 不稳定 at the last contact */
  int risk_level;       /* -1: not recorded */
  char *condition;
} YkFollowup;

void yk_followup_free (YkFollowup *followup);

gboolean yk_followup_due_date (const YkFollowupIntervals *intervals,
                               const char                *intake_date,
                               const char                *last_date,
                               const char                *last_condition,
                               const char                *last_next_date,
                               GDate                     *due,
                               GError                   **error);
gboolean yk_followup_interval_parse (const char *text,
                                     int        *amount,
                                     gboolean   *months);

/* An interval setting as a number and the unit it was set in, for a form
 * that shows the two apart (yk_followup_interval_parse turns weeks into
 * days, which is right for the rules but not for showing "2 周" again). */
typedef enum
{
  YK_INTERVAL_DAYS,
  YK_INTERVAL_WEEKS,
  YK_INTERVAL_MONTHS,
} YkIntervalUnit;

gboolean yk_followup_interval_split (const char     *text,
                                     int            *amount,
                                     YkIntervalUnit *unit);
char *yk_followup_interval_format (int            amount,
                                   YkIntervalUnit unit);

/* Active service users the session may see, due on or before `horizon`
 * (or at risk), soonest first. site_id and worker_id narrow it down (0:
 * no filter); a social worker sees their own site whatever site_id says. */
GPtrArray *yk_followup_list (YkSession   *session,
                             gint64       site_id,
                             gint64       worker_id,
                             const GDate *today,
                             const GDate *horizon,
                             GError     **error);


G_END_DECLS
