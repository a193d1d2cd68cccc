/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <glib.h>
#include <sqlite3.h>

G_BEGIN_DECLS

/* Every service user in scope, whatever their status, with their site,
 * worker and last reached contact: the caseload screen's list. */
typedef struct
{
  gint64 client_id;
  char *case_no;
  char *name;
  char *phone;
  gint64 site_id;
  char *site_code;
  char *site_name;
  gint64 worker_id;     /* 0: nobody assigned */
  char *worker_name;
  char *intake_date;
  int client_risk;      /* -1: not recorded */
  char *status;         /* active, referred or closed */
  char *last_date;      /* NULL: never reached */
  char *last_condition; /* stable, basically_stable, unstable or NULL */
  char *last_next_date;
  int last_risk;        /* -1 */
  char *referral_source; /* NULL: not recorded */
} YkDbCaseloadRow;

void yk_db_caseload_row_free (YkDbCaseloadRow *row);

/* Asked now and then while the query runs; TRUE stops it (NULL is
 * returned, with an error). */
typedef gboolean (*YkDbStopFunc) (gpointer data);

GPtrArray *yk_db_caseload_rows (sqlite3     *db,
                                gint64       site_scope,
                                YkDbStopFunc stop,
                                gpointer     stop_data,
                                GError     **error);

G_END_DECLS
