/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-workload.h"
#include "yk-workload-private.h"
#include "yk-cancel.h"
#include "yk-reader-private.h"
#include "yk-app-error.h"
#include "yk-casework.h"
#include "yk-db-indicators.h"
#include "yk-db-workload.h"
#include "yk-district.h"
#include "yk-report-private.h"
#include "yk-session-private.h"
#include "yk-training.h"

#include <glib/gi18n.h>
#include <string.h>

/* The counting rules are docs/design/workload.md's; in short, a record is
 * the worker's who did it: a contact's worker (contacts.worker_id), an
 * assessment's recorder (assessments.created_by), an activity's
 * facilitators named in its 负责人 (else its recorder). */

static const char *const keys[YK_N_WORKLOAD] = {
  "home_visits", "phone_followups", "unreached", "assessments",
  "activities", "attendances", "minutes", "people",
};

/* The bureau's wording, the same in every language (as yk_indicator_label()). */
static const char *const labels[YK_N_WORKLOAD] = {
  "上门服务（人次）",
  "电话随访（人次）",
  "未联系上（次）",
  "功能评估（次）",
  "组织活动（次）",
  "活动参与（人次）",
  "服务时长（分钟）",
  "服务人数（人）",
};

const char *
yk_workload_key (YkWorkloadFigure figure)
{
  g_return_val_if_fail (figure < YK_N_WORKLOAD, NULL);
  return keys[figure];
}

const char *
yk_workload_label (YkWorkloadFigure figure)
{
  g_return_val_if_fail (figure < YK_N_WORKLOAD, NULL);
  return labels[figure];
}

static void
row_free (YkWorkloadRow *row)
{
  if (row == NULL)
    return;
  g_free (row->name);
  g_free (row->site_code);
  g_free (row->site_name);
  g_free (row);
}

void
yk_workload_free (YkWorkload *workload)
{
  if (workload == NULL)
    return;
  g_free (workload->from);
  g_free (workload->to);
  g_clear_pointer (&workload->workers, g_ptr_array_unref);
  g_clear_pointer (&workload->sites, g_ptr_array_unref);
  row_free (workload->total);
  g_strfreev (workload->notes);
  g_free (workload);
}

/* One staff member's counts while the records are credited: the
 * additive figures, and the sets behind the distinct ones. */
typedef struct
{
  gint64 values[YK_N_WORKLOAD];
  GHashTable *activities; /* activity id → attendances (as a pointer-sized int) */
  GHashTable *people;     /* client ids */
  gint64 training;        /* tenths of an hour, the period's */
  gint64 training_year;   /* tenths of an hour, the year's */
} Tally;

static void
tally_free (Tally *tally)
{
  g_hash_table_unref (tally->activities);
  g_hash_table_unref (tally->people);
  g_free (tally);
}

static Tally *
tally_of (GHashTable *tallies, gint64 staff_id)
{
  Tally *tally = g_hash_table_lookup (tallies, &staff_id);

  if (tally == NULL)
    {
      gint64 *key = g_new (gint64, 1);

      *key = staff_id;
      tally = g_new0 (Tally, 1);
      tally->activities = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      tally->people = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
      g_hash_table_insert (tallies, key, tally);
    }
  return tally;
}

static void
set_add (GHashTable *set, gint64 id, gint64 value)
{
  gint64 *key;

  if (g_hash_table_contains (set, &id))
    return;
  key = g_new (gint64, 1);
  *key = id;
  g_hash_table_insert (set, key, GINT_TO_POINTER ((int) value));
}

/* The staff a 负责人 text names: its parts, split at 、，,;；/ and spaces,
 * each matched to a display name — one at the activity's site first,
 * else the only one of that name. */
static GArray *
facilitators_of (const YkWorkloadActivity *activity, GPtrArray *staff)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_auto (GStrv) parts = NULL;
  g_autofree char *text = NULL;

  if (activity->facilitator == NULL)
    return ids;
  text = g_strdup (activity->facilitator);
  /* Every separator becomes a comma, then split. */
  {
    static const char *const separators[] = { "、", "，", "；", "　", ";", "/", " ", "\t", NULL };
    GString *normal = g_string_new (text);

    for (guint i = 0; separators[i] != NULL; i++)
      g_string_replace (normal, separators[i], ",", 0);
    parts = g_strsplit (normal->str, ",", -1);
    g_string_free (normal, TRUE);
  }
  for (guint p = 0; parts[p] != NULL; p++)
    {
      const char *part = g_strstrip (parts[p]);
      gint64 at_site = 0, anywhere = 0;
      guint n_anywhere = 0;

      if (*part == '\0')
        continue;
      for (guint i = 0; i < staff->len; i++)
        {
          YkWorkloadStaff *member = staff->pdata[i];

          if (g_strcmp0 (member->name, part) != 0)
            continue;
          if (member->site_id == activity->site_id && at_site == 0)
            at_site = member->id;
          anywhere = member->id;
          n_anywhere++;
        }
      if (at_site == 0 && n_anywhere == 1)
        at_site = anywhere;
      if (at_site != 0)
        {
          gboolean seen = FALSE;

          for (guint i = 0; i < ids->len; i++)
            seen = seen || g_array_index (ids, gint64, i) == at_site;
          if (!seen)
            g_array_append_val (ids, at_site);
        }
    }
  return ids;
}

GArray *
_yk_workload_activity_staff (const YkWorkloadActivity *activity,
                             GPtrArray                *staff)
{
  GArray *ids = facilitators_of (activity, staff);

  if (ids->len == 0 && activity->created_by != 0)
    g_array_append_val (ids, activity->created_by);
  return ids;
}

void
yk_workload_training_year (const char  *to,
                           char       **year_from,
                           char       **year_to)
{
  g_return_if_fail (to != NULL);
  *year_from = g_strdup_printf ("%.4s-01-01", to);
  *year_to = g_strdup_printf ("%.4s-12-31", to);
}

/* The training hours of the period and of the calendar year of its end
 * (docs/design/training.md): per attendee, as the sessions' hours. */
static gboolean
credit_training (sqlite3 *db, const char *from, const char *to, GHashTable *tallies, GError **error)
{
  g_autoptr (GArray) period = yk_db_workload_training (db, from, to, error);
  g_autoptr (GArray) year = NULL;
  g_autofree char *year_from = NULL, *year_to = NULL;

  if (period == NULL)
    return FALSE;
  yk_workload_training_year (to, &year_from, &year_to);
  for (guint i = 0; i < period->len; i++)
    {
      YkWorkloadPair *pair = &g_array_index (period, YkWorkloadPair, i);

      tally_of (tallies, pair->staff_id)->training += pair->other;
    }
  year = yk_db_workload_training (db, year_from, year_to, error);
  if (year == NULL)
    return FALSE;
  for (guint i = 0; i < year->len; i++)
    {
      YkWorkloadPair *pair = &g_array_index (year, YkWorkloadPair, i);

      tally_of (tallies, pair->staff_id)->training_year += pair->other;
    }
  return TRUE;
}

static gboolean
credit_all (sqlite3 *db, const char *from, const char *to, GPtrArray *staff, GHashTable *tallies, GError **error)
{
  g_autoptr (GArray) contacts = yk_db_workload_contacts (db, from, to, error);
  g_autoptr (GArray) pairs = NULL, assessments = NULL;
  g_autoptr (GPtrArray) activities = NULL;

  if (contacts == NULL || !credit_training (db, from, to, tallies, error))
    return FALSE;
  for (guint i = 0; i < contacts->len; i++)
    {
      YkWorkloadContacts *c = &g_array_index (contacts, YkWorkloadContacts, i);
      Tally *tally = tally_of (tallies, c->worker_id);

      tally->values[YK_WORKLOAD_HOME_VISITS] += c->home_visits;
      tally->values[YK_WORKLOAD_PHONE_FOLLOWUPS] += c->phone_followups;
      tally->values[YK_WORKLOAD_UNREACHED] += c->unreached;
      tally->values[YK_WORKLOAD_MINUTES] += c->minutes;
    }
  pairs = yk_db_workload_reached_pairs (db, from, to, error);
  if (pairs == NULL)
    return FALSE;
  for (guint i = 0; i < pairs->len; i++)
    {
      YkWorkloadPair *pair = &g_array_index (pairs, YkWorkloadPair, i);

      set_add (tally_of (tallies, pair->staff_id)->people, pair->other, 0);
    }
  assessments = yk_db_workload_assessments (db, from, to, error);
  if (assessments == NULL)
    return FALSE;
  for (guint i = 0; i < assessments->len; i++)
    {
      YkWorkloadPair *pair = &g_array_index (assessments, YkWorkloadPair, i);

      tally_of (tallies, pair->staff_id)->values[YK_WORKLOAD_ASSESSMENTS] += pair->other;
    }
  activities = yk_db_workload_activities (db, from, to, error);
  if (activities == NULL)
    return FALSE;
  for (guint i = 0; i < activities->len; i++)
    {
      YkWorkloadActivity *activity = activities->pdata[i];
      g_autoptr (GArray) ids = _yk_workload_activity_staff (activity, staff);

      for (guint k = 0; k < ids->len; k++)
        set_add (tally_of (tallies, g_array_index (ids, gint64, k))->activities, activity->id, activity->attendances);
    }
  return TRUE;
}

static int
compare_site_code (gconstpointer a, gconstpointer b)
{
  const YkWorkloadRow *x = *(YkWorkloadRow *const *) a;
  const YkWorkloadRow *y = *(YkWorkloadRow *const *) b;

  return g_strcmp0 (x->site_code, y->site_code);
}

/* A row's figures from the tallies of `members`: the additive ones
 * summed, activities and people counted once however many of them
 * share one. */
static void
fill_row (YkWorkloadRow *row, GPtrArray *members, GHashTable *tallies)
{
  g_autoptr (GHashTable) activities = g_hash_table_new (g_int64_hash, g_int64_equal);
  g_autoptr (GHashTable) people = g_hash_table_new (g_int64_hash, g_int64_equal);
  static const YkWorkloadFigure additive[] = { YK_WORKLOAD_HOME_VISITS, YK_WORKLOAD_PHONE_FOLLOWUPS,
                                               YK_WORKLOAD_UNREACHED, YK_WORKLOAD_ASSESSMENTS,
                                               YK_WORKLOAD_MINUTES };
  GHashTableIter iter;
  gpointer key, value;

  memset (row->values, 0, sizeof row->values);
  row->training_tenths = row->training_year_tenths = 0;
  for (guint i = 0; i < members->len; i++)
    {
      gint64 id = ((YkWorkloadStaff *) members->pdata[i])->id;
      Tally *tally = g_hash_table_lookup (tallies, &id);

      if (tally == NULL)
        continue;
      row->training_tenths += tally->training;
      row->training_year_tenths += tally->training_year;
      for (guint k = 0; k < G_N_ELEMENTS (additive); k++)
        row->values[additive[k]] += tally->values[additive[k]];
      g_hash_table_iter_init (&iter, tally->activities);
      while (g_hash_table_iter_next (&iter, &key, &value))
        if (g_hash_table_insert (activities, key, value))
          row->values[YK_WORKLOAD_ATTENDANCES] += GPOINTER_TO_INT (value);
      g_hash_table_iter_init (&iter, tally->people);
      while (g_hash_table_iter_next (&iter, &key, NULL))
        g_hash_table_add (people, key);
    }
  row->values[YK_WORKLOAD_ACTIVITIES] = g_hash_table_size (activities);
  row->values[YK_WORKLOAD_PEOPLE] = g_hash_table_size (people);
}

static gboolean
any_figure (GHashTable *tallies, gint64 staff_id)
{
  Tally *tally = g_hash_table_lookup (tallies, &staff_id);

  if (tally == NULL)
    return FALSE;
  if (tally->training != 0)
    return TRUE;
  for (int k = 0; k < YK_N_WORKLOAD; k++)
    if (tally->values[k] != 0)
      return TRUE;
  return g_hash_table_size (tally->activities) > 0 || g_hash_table_size (tally->people) > 0;
}

YkWorkload *
_yk_workload_compute_on (sqlite3    *db,
                         const char *from,
                         const char *to,
                         gint64      only_site,
                         gint64      only_staff,
                         GError    **error)
{
  g_autoptr (GPtrArray) staff = yk_db_workload_staff (db, error);
  g_autoptr (GPtrArray) sites = NULL;
  g_autoptr (GHashTable) tallies = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free,
                                                          (GDestroyNotify) tally_free);
  g_autoptr (GPtrArray) shown = g_ptr_array_new ();
  g_autoptr (YkWorkload) workload = g_new0 (YkWorkload, 1);

  if (staff == NULL || (sites = yk_db_sites_list (db, error)) == NULL ||
      !credit_all (db, from, to, staff, tallies, error))
    return NULL;
  workload->from = g_strdup (from);
  workload->to = g_strdup (to);
  workload->workers = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  workload->sites = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  if (only_staff != 0)
    for (guint i = 0; i < staff->len; i++)
      if (((YkWorkloadStaff *) staff->pdata[i])->id == only_staff)
        only_site = ((YkWorkloadStaff *) staff->pdata[i])->site_id;

  /* The rows: every active social worker of the sites in scope, and
   * anyone else (a coordinator, a former worker) with a figure. */
  for (guint i = 0; i < staff->len; i++)
    {
      YkWorkloadStaff *member = staff->pdata[i];
      g_autoptr (GPtrArray) one = g_ptr_array_new ();
      YkWorkloadRow *row;

      if (only_staff != 0 ? member->id != only_staff
                          : (only_site != 0 && member->site_id != only_site) ||
                              !((member->active && g_strcmp0 (member->role, "worker") == 0) ||
                                any_figure (tallies, member->id)))
        continue;
      g_ptr_array_add (shown, member);
      g_ptr_array_add (one, member);
      row = g_new0 (YkWorkloadRow, 1);
      row->staff_id = member->id;
      row->name = g_strdup (member->name);
      row->site_id = member->site_id;
      row->site_code = g_strdup (member->site_code);
      row->site_name = g_strdup (member->site_name);
      fill_row (row, one, tallies);
      row->training_below_goal = g_strcmp0 (member->role, "worker") == 0 &&
                                 row->training_year_tenths < YK_TRAINING_GOAL_TENTHS;
      g_ptr_array_add (workload->workers, row);
    }

  /* Each site's total: every staff member of the site, shown or not (one
   * not shown has no figure), so a worker's site total is the site's. */
  for (guint s = 0; s < sites->len; s++)
    {
      YkSiteRow *site = sites->pdata[s];
      g_autoptr (GPtrArray) members = g_ptr_array_new ();
      YkWorkloadRow *row;

      if (only_site != 0 && site->id != only_site)
        continue;
      for (guint i = 0; i < staff->len; i++)
        if (((YkWorkloadStaff *) staff->pdata[i])->site_id == site->id)
          g_ptr_array_add (members, staff->pdata[i]);
      row = g_new0 (YkWorkloadRow, 1);
      row->name = g_strdup (site->name);
      row->site_id = site->id;
      row->site_code = g_strdup (site->code);
      row->site_name = g_strdup (site->name);
      fill_row (row, members, tallies);
      g_ptr_array_add (workload->sites, row);
    }
  /* In the worker rows' order: by site code. */
  g_ptr_array_sort (workload->sites, compare_site_code);

  /* The total: every site's staff (one site: it alone), and with every
   * site the staff without one too. */
  {
    g_autoptr (GPtrArray) members = g_ptr_array_new ();

    for (guint i = 0; i < staff->len; i++)
      if (only_site == 0 || ((YkWorkloadStaff *) staff->pdata[i])->site_id == only_site)
        g_ptr_array_add (members, staff->pdata[i]);
    workload->total = g_new0 (YkWorkloadRow, 1);
    fill_row (workload->total, members, tallies);
  }
  return g_steal_pointer (&workload);
}

YkWorkload *
yk_workload_for_session (YkSession  *session,
                         const char *period,
                         const char *site_code,
                         GError    **error)
{
  sqlite3 *db = yk_store_get_connection (yk_session_get_store (session));
  g_autoptr (GPtrArray) sites = yk_db_sites_list (db, error);
  g_autofree char *pilot_start = NULL, *from = NULL, *to = NULL;
  gint64 scope = yk_casework_site_scope (session);
  gint64 only_site = 0, only_staff = 0;
  gboolean cumulative;
  YkWorkload *workload;
  YkDistrict *district;

  if (sites == NULL)
    return NULL;
  for (guint i = 0; site_code != NULL && i < sites->len; i++)
    {
      YkSiteRow *row = sites->pdata[i];

      if (g_ascii_strcasecmp (row->code, site_code) == 0 || g_strcmp0 (row->name, site_code) == 0)
        only_site = row->id;
    }
  if (site_code != NULL && only_site == 0)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no site “%1$s”"), site_code);
      return NULL;
    }
  if (scope != 0)
    {
      if (only_site != 0 && only_site != scope)
        {
          g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN,
                               _("A social worker sees the workload of their own site only"));
          return NULL;
        }
      /* A social worker: their own row and their site's total. */
      only_staff = yk_session_get_staff_id (session);
    }
  pilot_start = _yk_report_pilot_start (db, sites);
  if (!yk_period_parse (period, pilot_start, &from, &to, &cumulative, error))
    return NULL;
  workload = _yk_workload_compute_on (db, from, to, only_site, only_staff, error);
  district = _yk_session_get_district (session);
  if (workload != NULL && district != NULL)
    {
      const char *const *warnings = yk_district_get_warnings (district);

      if (warnings != NULL && warnings[0] != NULL)
        workload->notes = g_strdupv ((char **) warnings);
    }
  return workload;
}

YkWorkload *
yk_workload_compute (YkReader     *reader,
                     const char   *period,
                     gint64        site_id,
                     GCancellable *cancellable,
                     GError      **error)
{
  g_autoptr (GPtrArray) sites = NULL;
  g_autofree char *pilot_start = NULL, *from = NULL, *to = NULL;
  gboolean cumulative;
  YkWorkload *workload;
  sqlite3 *db;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (period != NULL, NULL);

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  db = _yk_reader_get_db (reader);
  sites = yk_db_sites_list (db, error);
  if (sites == NULL)
    return NULL;
  pilot_start = _yk_report_pilot_start (db, sites);
  if (!yk_period_parse (period, pilot_start, &from, &to, &cumulative, error))
    return NULL;
  yk_cancel_watch (db, cancellable);
  /* A social worker: their own row and their site's total, whatever site
   * was picked (as yk_workload_for_session()). */
  if (yk_reader_is_coordinator (reader))
    workload = _yk_workload_compute_on (db, from, to, site_id, 0, error);
  else
    workload = _yk_workload_compute_on (db, from, to, 0, yk_reader_get_staff_id (reader), error);
  if (!yk_cancel_unwatch (db, cancellable, workload != NULL, error))
    g_clear_pointer (&workload, yk_workload_free);
  return workload;
}
