/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-caseload-private.h"
#include "yk-reader-private.h"
#include "yk-text.h"
#include "yk-db-caseload.h"
#include "yk-db-records.h"
#include "yk-followup.h"

#include <string.h>

void
yk_caseload_entry_free (YkCaseloadEntry *entry)
{
  if (entry == NULL)
    return;
  g_free (entry->case_no);
  g_free (entry->name);
  g_free (entry->masked_name);
  g_free (entry->phone);
  g_free (entry->site_code);
  g_free (entry->site_name);
  g_free (entry->worker_name);
  g_free (entry->condition);
  g_free (entry->last_contact);
  g_free (entry->status);
  g_free (entry->referral_source);
  g_free (entry);
}

char *
yk_caseload_search_fold (const char *text)
{
  g_autofree char *normalized = NULL;

  if (text == NULL)
    return g_strdup ("");
  /* NFKC: compatibility forms (full-width letters and digits) become
   * the ordinary ones; composed, so a CJK name stays the same bytes. */
  normalized = g_utf8_normalize (text, -1, G_NORMALIZE_ALL_COMPOSE);
  if (normalized == NULL)
    return g_strdup ("");
  return g_utf8_casefold (normalized, -1);
}

static gboolean
stop_cb (gpointer data)
{
  return g_cancellable_is_cancelled (data);
}

static void
intervals_clear (YkFollowupIntervals *intervals)
{
  g_free (intervals->stable);
  g_free (intervals->basically_stable);
  g_free (intervals->unstable);
}

/* Moves what a row has into an entry and works out the follow-up
 * fields the way yk_followup_list() does, so both screens agree. */
static gboolean
entry_from_row (YkCaseloadEntry           *entry,
                YkDbCaseloadRow           *row,
                const YkFollowupIntervals *intervals,
                const GDate               *today,
                GError                   **error)
{
  entry->client_id = row->client_id;
  entry->site_id = row->site_id;
  entry->worker_id = row->worker_id;
  entry->risk_level = row->last_risk >= 0 ? row->last_risk : row->client_risk;
  entry->at_risk = entry->risk_level >= 3 || g_strcmp0 (row->last_condition, "unstable") == 0;
  g_date_clear (&entry->due, 1);
  if (g_strcmp0 (row->status, "active") == 0)
    {
      if (!yk_followup_due_date (intervals, row->intake_date, row->last_date, row->last_condition,
                                 row->last_next_date, &entry->due, error))
        return FALSE;
      entry->overdue = g_date_compare (&entry->due, today) < 0;
    }
  entry->masked_name = yk_text_mask_name (row->name);
  entry->case_no = g_steal_pointer (&row->case_no);
  entry->name = g_steal_pointer (&row->name);
  entry->phone = g_steal_pointer (&row->phone);
  entry->site_code = g_steal_pointer (&row->site_code);
  entry->site_name = g_steal_pointer (&row->site_name);
  entry->worker_name = g_steal_pointer (&row->worker_name);
  entry->condition = g_steal_pointer (&row->last_condition);
  entry->last_contact = g_steal_pointer (&row->last_date);
  entry->status = g_steal_pointer (&row->status);
  entry->referral_source = g_steal_pointer (&row->referral_source);
  return TRUE;
}

static GPtrArray *
caseload_load (sqlite3      *db,
               gint64        site_scope,
               const GDate  *today,
               GCancellable *cancellable,
               GError      **error)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GPtrArray) list = NULL;
  g_autoptr (GError) local_error = NULL;
  YkFollowupIntervals intervals = { NULL };

  g_return_val_if_fail (db != NULL, NULL);
  g_return_val_if_fail (g_date_valid (today), NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  rows = yk_db_caseload_rows (db, site_scope, cancellable != NULL ? stop_cb : NULL, cancellable, &local_error);
  if (rows == NULL)
    {
      /* An interrupted query says so as a database error; the caller
       * wants to know it was its own cancellation. */
      if (!g_cancellable_set_error_if_cancelled (cancellable, error))
        g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }

  intervals.stable = yk_db_setting_get (db, "followup_stable", NULL);
  intervals.basically_stable = yk_db_setting_get (db, "followup_basically_stable", NULL);
  intervals.unstable = yk_db_setting_get (db, "followup_unstable", NULL);
  list = g_ptr_array_new_full (rows->len, (GDestroyNotify) yk_caseload_entry_free);
  for (guint i = 0; i < rows->len; i++)
    {
      YkCaseloadEntry *entry = g_new0 (YkCaseloadEntry, 1);

      g_ptr_array_add (list, entry);
      if (!entry_from_row (entry, rows->pdata[i], &intervals, today, error))
        {
          intervals_clear (&intervals);
          return NULL;
        }
    }
  intervals_clear (&intervals);
  return g_steal_pointer (&list);
}

GPtrArray *
_yk_caseload_load_site (YkReader     *reader,
                        gint64        site_id,
                        const GDate  *today,
                        GCancellable *cancellable,
                        GError      **error)
{
  g_return_val_if_fail (reader != NULL, NULL);

  return caseload_load (_yk_reader_get_db (reader), yk_reader_clamp_site (reader, site_id), today, cancellable,
                        error);
}

GPtrArray *
yk_caseload_load (YkReader     *reader,
                  const GDate  *today,
                  GCancellable *cancellable,
                  GError      **error)
{
  return _yk_caseload_load_site (reader, 0, today, cancellable, error);
}

GPtrArray *
yk_caseload_list (YkSession   *session,
                  const GDate *today,
                  GError     **error)
{
  g_autoptr (YkReader) reader = NULL;

  g_return_val_if_fail (session != NULL, NULL);

  reader = yk_reader_new_for_session (session);
  return yk_caseload_load (reader, today, NULL, error);
}
