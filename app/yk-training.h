/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-db-training.h" /* YkTrainingSession */
#include "yk-session.h"

G_BEGIN_DECLS

/* Staff training sessions (培训, docs/design/training.md): recorded by a
 * coordinator, listed by period, voided. The national plan asks 20
 * hours a year of direct-service staff (social workers); the workload
 * report shows each one's hours against it. The command line and the
 * window's admin page call these. */

/* The yearly goal of a social worker, in tenths of an hour. */
#define YK_TRAINING_GOAL_TENTHS 200

typedef struct
{
  const char   *date;         /* ISO date, not in the future */
  const char   *title;        /* not empty */
  int           hours_tenths; /* 1–240 */
  const char   *provider;     /* NULL or empty: not recorded */
  const gint64 *staff_ids;    /* the attendees: at least one, each once */
  guint         n_staff;
} YkTrainingRecord;

/* Records a session and its attendees, audited, all or nothing: a
 * coordinator only. Refused (YK_APP_ERROR_INVALID) with the reason: an
 * empty title, an impossible or future date, hours ≤ 0 or over 24, no
 * attendee, an unknown staff member, or an attendee whose training of
 * that day would sum over 24 hours. */
gboolean yk_training_record (YkSession              *session,
                             const YkTrainingRecord *record,
                             gint64                 *id,
                             GError                **error);

/* The rules of yk_training_record() without writing: FALSE with the
 * reason, and in *field the key of what is at fault (date, title, hours,
 * attendees), as a ledger's training.csv names its columns. */
gboolean yk_training_validate (YkSession              *session,
                               const YkTrainingRecord *record,
                               const char            **field,
                               GError                **error);

/* The live sessions of a period as `yukang report --period` reads it
 * (NULL: every session), by date then id. */
GPtrArray *yk_training_list (YkSession  *session,
                             const char *period,
                             GError    **error);

/* Voids a live session with a reason, audited: a coordinator only. */
gboolean yk_training_void (YkSession  *session,
                           gint64      id,
                           const char *reason,
                           GError    **error);

/* The staff member called `name` (a display name): the only one of that
 * name, else an active one if only one is. 0 with an error if none or
 * too many. */
gint64 yk_training_find_staff (YkSession  *session,
                               const char *name,
                               GError    **error);

/* "2.5" → 25: hours with at most one decimal, as typed; FALSE for
 * anything else (2.55, 2,5, -1, abc). Range is checked by the record. */
gboolean yk_training_hours_parse (const char *text,
                                  int        *tenths);
/* 25 → "2.5", 20 → "2.0": one decimal always, the way every format
 * writes hours. */
char *yk_training_hours_format (gint64 tenths);

G_END_DECLS

G_BEGIN_DECLS

/* `yukang training list` (docs/design/formats.md): the sessions of
 * yk_training_list() as text (one tab-separated line each: number,
 * date, hours, title, provider or -, attendees joined by 、), CSV (the
 * ledger's training.csv columns after a 编号) or JSON. */
char *yk_training_list_to_text (GPtrArray *sessions);
char *yk_training_list_to_csv (GPtrArray *sessions);
char *yk_training_list_to_json (GPtrArray *sessions);

G_END_DECLS

G_BEGIN_DECLS

/* Who may be named an attendee: the active staff (YkWorkloadStaff of
 * yk-db-workload.h), by site code (none last), then name. */
GPtrArray *yk_training_staff (YkSession *session,
                              GError   **error);

G_END_DECLS
