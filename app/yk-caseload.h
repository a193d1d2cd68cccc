/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gio/gio.h>

#include "yk-app-types.h"
#include "yk-session.h"

G_BEGIN_DECLS

/* The caseload screen's list: every service user the session may see
 * (a social worker: their own site), whatever their status, with when
 * they are next due by the follow-up rules (yk-followup.h). */
typedef struct
{
  gint64 client_id;
  char *case_no;
  char *name;           /* in full: for searching, never for showing */
  char *masked_name;    /* 王** */
  char *phone;          /* NULL: none recorded */
  gint64 site_id;
  char *site_code;
  char *site_name;
  gint64 worker_id;     /* 0: nobody assigned */
  char *worker_name;    /* NULL when worker_id is 0 */
  int risk_level;       /* at the last reached contact, else at intake; -1: not recorded */
  char *condition;      /* stable, basically_stable, unstable; NULL: none recorded */
  char *last_contact;   /* the last reached contact's date; NULL: never reached */
  char *status;         /* active, referred or closed */
  GDate due;            /* cleared (invalid) unless active: only they are followed up */
  gboolean overdue;     /* active and due before today */
  gboolean at_risk;     /* risk level 3 or more, or 不稳定 at the last contact */
  char *referral_source; /* psychiatric_doctor, hospital… (yk_referral_source_label()); NULL: not recorded */
} YkCaseloadEntry;

void yk_caseload_entry_free (YkCaseloadEntry *entry);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkCaseloadEntry, yk_caseload_entry_free)

/* Sorted by case number. On the session's own connection. */
GPtrArray *yk_caseload_list (YkSession   *session,
                             const GDate *today,
                             GError     **error);

/* The same on `reader` (a worker thread's, yk-reader-task.h), kept to
 * the reader's sites. A cancelled load stops within a few milliseconds
 * with G_IO_ERROR_CANCELLED. */
GPtrArray *yk_caseload_load (YkReader     *reader,
                             const GDate  *today,
                             GCancellable *cancellable,
                             GError      **error);


/* Text folded for searching: case and width (full-width Ｃ０１ is C01)
 * ignored. The same folding for what is searched and what is typed. */
char *yk_caseload_search_fold (const char *text);

G_END_DECLS
