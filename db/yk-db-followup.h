/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Each active service user in scope with their last reached contact: what
 * the follow-up rules (app/yk-followup.c) need, in one indexed query, as
 * of a day (ISO date): what was recorded until then, who was in care then. The
 * condition and risk level are the last ones recorded (yk-db-last-contact.h). */
typedef struct
{
  gint64 client_id;
  char *case_no;
  char *name;
  gint64 site_id;
  gint64 worker_id;
  char *intake_date;
  int client_risk;      /* -1: not recorded */
  char *last_date;      /* NULL: never reached */
  char *last_condition; /* stable, basically_stable, unstable or NULL */
  char *last_next_date;
  int last_risk;        /* -1 */
} YkFollowupRow;

void yk_followup_row_free (YkFollowupRow *row);

GPtrArray *yk_db_followup_rows (sqlite3    *db,
                                gint64      site_scope,
                                gint64      worker_id,
                                const char *as_of,
                                GError    **error);

G_END_DECLS
