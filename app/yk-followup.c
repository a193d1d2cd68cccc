/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-followup-private.h"
#include "yk-app-error.h"
#include "yk-casework.h"
#include "yk-db-followup.h"
#include "yk-db-records.h"
#include "yk-validate.h"

#include <glib/gi18n.h>
#include <string.h>

/* Someone never yet reached is due by the end of the quarter of intake
 * (the quarterly minimum), but never sooner than this many days after
 * intake, so a case opened on 30 March is not overdue on 1 April. */
#define FIRST_CONTACT_GRACE_DAYS 14

void
yk_followup_free (YkFollowup *followup)
{
  if (followup == NULL)
    return;
  g_free (followup->case_no);
  g_free (followup->name);
  g_free (followup->last_contact);
  g_free (followup->condition);
  g_free (followup);
}

/* "3 months", "14 days", "2 weeks". */
gboolean
yk_followup_interval_parse (const char *text,
                            int        *amount,
                            gboolean   *months)
{
  char *end = NULL;
  gint64 n;

  if (text == NULL)
    return FALSE;
  n = g_ascii_strtoll (text, &end, 10);
  if (end == text || n <= 0 || n > 1000)
    return FALSE;
  while (*end == ' ')
    end++;
  *months = g_str_has_prefix (end, "month");
  if (g_str_has_prefix (end, "week"))
    n *= 7;
  else if (!*months && !g_str_has_prefix (end, "day"))
    return FALSE;
  *amount = (int) n;
  return TRUE;
}

gboolean
yk_followup_interval_split (const char     *text,
                            int            *amount,
                            YkIntervalUnit *unit)
{
  gboolean months;
  const char *p = text;

  if (!yk_followup_interval_parse (text, amount, &months))
    return FALSE;
  while (*p == ' ' || g_ascii_isdigit (*p))
    p++;
  if (months)
    *unit = YK_INTERVAL_MONTHS;
  else if (g_str_has_prefix (p, "week"))
    *unit = YK_INTERVAL_WEEKS, *amount /= 7;
  else
    *unit = YK_INTERVAL_DAYS;
  return TRUE;
}

/* The stored form, the one yk_followup_interval_parse reads: "2 weeks". */
char *
yk_followup_interval_format (int            amount,
                             YkIntervalUnit unit)
{
  static const char *const units[] = { "days", "weeks", "months" };

  g_return_val_if_fail (unit <= YK_INTERVAL_MONTHS, NULL);
  return g_strdup_printf ("%d %s", amount, units[unit]);
}

/* The last day of the quarter `date` is in; `end` may be `date`. */
static void
quarter_end (const GDate *date,
             GDate       *end)
{
  GDateMonth month = (GDateMonth) (((g_date_get_month (date) - 1) / 3) * 3 + 3);
  GDateYear year = g_date_get_year (date);

  g_date_clear (end, 1);
  g_date_set_dmy (end, g_date_get_days_in_month (month, year), month, year);
}

static void
add_interval (GDate *date,
              int    amount,
              gboolean months)
{
  /* GLib clamps 31 January + 1 month to 28/29 February: "within a month". */
  if (months)
    g_date_add_months (date, (guint) amount);
  else
    g_date_add_days (date, (guint) amount);
}

static const char *
interval_for (const YkFollowupIntervals *intervals,
              const char                *condition)
{
  if (g_strcmp0 (condition, "unstable") == 0)
    return intervals->unstable;
  if (g_strcmp0 (condition, "basically_stable") == 0)
    return intervals->basically_stable;
  /* Stable, or a call where nobody recorded the condition. */
  return intervals->stable;
}

/* The date the next follow-up is due:
 *  - after a reached contact: its date plus the interval for the condition
 *    recorded then; a next date written on the form counts if it is
 *    sooner (never later than the standard allows); and never past the
 *    end of the following quarter (the quarterly minimum);
 *  - never reached: see FIRST_CONTACT_GRACE_DAYS. */
gboolean
yk_followup_due_date (const YkFollowupIntervals *intervals,
                      const char                *intake_date,
                      const char                *last_date,
                      const char                *last_condition,
                      const char                *last_next_date,
                      GDate                     *due,
                      GError                   **error)
{
  GDate base, limit, next;
  gboolean months;
  int amount;

  if (last_date == NULL)
    {
      GDate grace;

      if (!yk_date_parse (intake_date, &base, error))
        return FALSE;
      quarter_end (&base, due);
      grace = base;
      g_date_add_days (&grace, FIRST_CONTACT_GRACE_DAYS);
      if (g_date_compare (&grace, due) > 0)
        *due = grace;
      return TRUE;
    }

  if (!yk_date_parse (last_date, &base, error))
    return FALSE;
  if (!yk_followup_interval_parse (interval_for (intervals, last_condition), &amount, &months))
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("The follow-up interval “%1$s” is not understood; set it as a number of days, weeks or months"),
                   interval_for (intervals, last_condition));
      return FALSE;
    }
  *due = base;
  add_interval (due, amount, months);

  if (last_next_date != NULL && yk_date_parse (last_next_date, &next, NULL) &&
      g_date_compare (&next, due) < 0 && g_date_compare (&next, &base) >= 0)
    *due = next;

  limit = base;
  g_date_add_months (&limit, 3);
  quarter_end (&limit, &limit);
  if (g_date_compare (due, &limit) > 0)
    *due = limit;
  return TRUE;
}

static void
intervals_clear (YkFollowupIntervals *intervals)
{
  g_free (intervals->stable);
  g_free (intervals->basically_stable);
  g_free (intervals->unstable);
}

static int
compare_due (gconstpointer a,
             gconstpointer b)
{
  const YkFollowup *x = *(YkFollowup *const *) a;
  const YkFollowup *y = *(YkFollowup *const *) b;
  int by_date = g_date_compare (&x->due, &y->due);

  return by_date != 0 ? by_date : g_strcmp0 (x->case_no, y->case_no);
}

GPtrArray *
yk_followup_list (YkSession   *session,
                  gint64       site_id,
                  gint64       worker_id,
                  const GDate *today,
                  const GDate *horizon,
                  GError     **error)
{
  gint64 scope = yk_casework_site_scope (session);

  return _yk_followup_list_on (yk_store_get_connection (yk_session_get_store (session)), scope != 0 ? scope : site_id,
                               worker_id, today, horizon, error);
}

GPtrArray *
_yk_followup_list_on (sqlite3     *db,
                      gint64       site_id,
                      gint64       worker_id,
                      const GDate *today,
                      const GDate *horizon,
                      GError     **error)
{
  YkFollowupIntervals intervals = {
    yk_db_setting_get (db, "followup_stable", NULL),
    yk_db_setting_get (db, "followup_basically_stable", NULL),
    yk_db_setting_get (db, "followup_unstable", NULL),
  };
  g_autofree char *as_of = yk_date_format_iso (today);
  g_autoptr (GPtrArray) rows = yk_db_followup_rows (db, site_id, worker_id, as_of, error);
  g_autoptr (GPtrArray) list = NULL;

  if (rows == NULL)
    {
      intervals_clear (&intervals);
      return NULL;
    }
  list = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_followup_free);
  for (guint i = 0; i < rows->len; i++)
    {
      YkFollowupRow *row = rows->pdata[i];
      YkFollowup *item = g_new0 (YkFollowup, 1);

      if (!yk_followup_due_date (&intervals, row->intake_date, row->last_date, row->last_condition,
                                 row->last_next_date, &item->due, error))
        {
          yk_followup_free (item);
          intervals_clear (&intervals);
          return NULL;
        }
      item->risk_level = row->last_risk >= 0 ? row->last_risk : row->client_risk;
      item->at_risk = item->risk_level >= 3 || g_strcmp0 (row->last_condition, "unstable") == 0;
      item->overdue = g_date_compare (&item->due, today) < 0;
      if (g_date_compare (&item->due, horizon) > 0 && !item->at_risk)
        {
          yk_followup_free (item);
          continue;
        }
      item->client_id = row->client_id;
      item->case_no = g_steal_pointer (&row->case_no);
      item->name = g_steal_pointer (&row->name);
      item->site_id = row->site_id;
      item->worker_id = row->worker_id;
      item->last_contact = g_steal_pointer (&row->last_date);
      item->condition = g_steal_pointer (&row->last_condition);
      g_ptr_array_add (list, item);
    }
  intervals_clear (&intervals);
  g_ptr_array_sort (list, compare_due);
  return g_steal_pointer (&list);
}
