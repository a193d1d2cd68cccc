/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "yk-app-types.h"
#include "yk-session.h"
#include "yk-records.h"

G_BEGIN_DECLS

/* One service user's case file as a person reads it: the profile, a
 * timeline of everything recorded about them, newest first, and the
 * lists behind it (family, plan, referrals, SDSS).
 *
 * Voided records stay in it, marked, for those who may see them: a
 * coordinator sees every voided record, a social worker the ones they
 * wrote themselves — the same people yk_casework_void() lets void. */
typedef enum
{
  YK_CASE_EVENT_INTAKE,      /* the case file was opened (intake date) */
  YK_CASE_EVENT_STATUS,      /* referred out or closed */
  YK_CASE_EVENT_HOME_VISIT,
  YK_CASE_EVENT_PHONE,
  YK_CASE_EVENT_ACTIVITY,    /* attended an activity */
  YK_CASE_EVENT_ASSESSMENT,
  YK_CASE_EVENT_PLAN_GOAL,   /* a plan goal, at its review date or the day it was set */
  YK_CASE_EVENT_REFERRAL,
  YK_CASE_EVENT_FAMILY,      /* in the family list only, never in the timeline */
} YkCaseEventKind;

/* One line of the timeline (or of the family, plan and referral lists).
 * Texts are translated, ready to show. */
typedef struct
{
  YkCaseEventKind kind;
  const char *table;         /* the record's table, for yk_casework_void(); NULL for intake and status */
  gint64 id;                 /* the record's id in `table` */
  char *date;                /* ISO 8601; NULL for a family member */
  char *recorded_at;         /* when it was written down: orders a day's events */
  char *title;
  char *summary;
  gboolean voided;
  char *void_reason;
  gboolean can_void;         /* live, and this session may void it */
  gboolean can_correct;      /* and correct it: yk_casework_correction_allowed() */
} YkCaseEvent;

typedef struct
{
  gint64 id;
  char *date;
  int items[YK_SDSS_ITEMS];
  int total;                 /* yk_sdss_total() */
  gboolean baseline;         /* the first live assessment */
  gboolean voided;
  char *void_reason;
} YkCaseAssessment;

/* A site or a social worker the profile may name. */
typedef struct
{
  gint64 id;
  char *name;
  gint64 site_id;            /* a worker's site; 0 for a site */
  gboolean active;
} YkCaseChoice;

typedef struct
{
  YkClientRecord *client;
  char *site_name;
  char *worker_name;         /* NULL: none assigned */
  char *condition;           /* at the last reached contact: stable, basically_stable, unstable or NULL */
  gboolean warning;          /* risk level 3 or more, or 不稳定 */
  GPtrArray *timeline;       /* YkCaseEvent, newest first */
  GPtrArray *family;         /* YkCaseEvent */
  GPtrArray *plan_goals;     /* YkCaseEvent, in the order written */
  GPtrArray *referrals;      /* YkCaseEvent, newest first */
  GPtrArray *assessments;    /* YkCaseAssessment, oldest first, voided ones included */
  GPtrArray *sites;          /* YkCaseChoice */
  GPtrArray *workers;        /* YkCaseChoice */
  /* A transfer's other case (迁移, client->transferred_*_case_no): its id
   * when it is in this file and in the session's scope, else 0 (the link
   * is then shown, not followed). */
  gint64 transferred_from_id;
  gint64 transferred_to_id;
} YkCaseFile;

void yk_case_file_free (YkCaseFile *file);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkCaseFile, yk_case_file_free)

/* Reads the case file on `reader` — a worker thread's, or over the
 * session's own connection — without writing anything. A person outside
 * the reader's scope, or voided when the reader is not a coordinator,
 * is "not found". */
YkCaseFile *yk_case_file_load (YkReader *reader,
                               gint64    client_id,
                               GError  **error);

/* Opens a case file as a person does: checked against the session's role
 * and written to the audit trail (yk_casework_open_client()), then read.
 * On the session's own connection; the window reads in a worker. */
YkCaseFile *yk_case_file_open (YkSession *session,
                               gint64     client_id,
                               GError   **error);

/* Saves an edited profile: the rules of yk_client_validate() and
 * yk_casework_update_client(). On failure `field` names the field at
 * fault (yk_client_validate()'s keys, or NULL when no one field is) and
 * the error says why, without the field's label in front. */
gboolean yk_case_file_save_profile (YkSession            *session,
                                    const YkClientRecord *record,
                                    const char          **field,
                                    GError              **error);

const char *yk_case_status_label (const char *status);
const char *yk_case_condition_label (const char *condition);

G_END_DECLS
