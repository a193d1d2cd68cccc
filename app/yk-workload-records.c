/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-workload-records.h"
#include "yk-workload-private.h"
#include "yk-cancel.h"
#include "yk-db-figure-records.h"
#include "yk-db-training.h"
#include "yk-db-workload.h"
#include "yk-reader-private.h"
#include "yk-text.h"

#include <glib/gi18n.h>

/* Each figure's records, one per thing the engine counts, weighted by
 * what it adds: a contact 1 (its minutes under 服务时长), an activity 1
 * (its attendances under 活动参与), a person once, by their first reached
 * contact of the period. A record adding nothing (a contact without a
 * duration, an activity nobody attended) is left out of the list. */

static gboolean
has (GHashTable *members, gint64 staff_id)
{
  return g_hash_table_contains (members, &staff_id);
}

/* The staff whose records make up the cell: a worker; a site's staff;
 * everyone. Valued with their site, for the records' site. */
static GHashTable *
members_of (GPtrArray *staff, gint64 staff_id, gint64 site_id)
{
  GHashTable *members = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);

  for (guint i = 0; i < staff->len; i++)
    {
      YkWorkloadStaff *member = staff->pdata[i];
      gint64 *key;

      if (staff_id != 0 ? member->id != staff_id : (site_id != 0 && member->site_id != site_id))
        continue;
      key = g_new (gint64, 1);
      *key = member->id;
      g_hash_table_insert (members, key, GSIZE_TO_POINTER ((gsize) member->site_id));
    }
  return members;
}

static char *
joined (const char *kind, const char *subtype)
{
  return subtype != NULL && *subtype != '\0' ? g_strdup_printf ("%s · %s", kind, subtype) : g_strdup (kind);
}

/* What the list shows of one record: its date, kind, person (masked,
 * and in full beside for the UI to choose). */
static YkFigureRecord *
describe (sqlite3 *db, const char *table, gint64 id, gint64 weight, gint64 site_id, GError **error)
{
  g_autoptr (YkFigureRecord) record = g_new0 (YkFigureRecord, 1);
  YkDbFigureDetail d = { 0 };
  const char *name;

  if (!yk_db_figure_detail (db, table, id, &d, error))
    return NULL;
  record->site_id = site_id;
  record->record_table = table;
  record->record_id = id;
  record->weight = weight;
  record->client_id = d.client_id;
  record->case_no = g_strdup (d.case_no);
  record->date = g_strdup (d.date);
  if (g_str_equal (table, "contacts"))
    record->kind = g_strdup (g_strcmp0 (d.subtype, "home_visit") == 0 ? _("Home visit") : _("Phone follow-up"));
  else if (g_str_equal (table, "assessments"))
    record->kind = g_strdup (_("SDSS assessment"));
  else
    {
      record->kind = joined (_("Activity"), d.subtype);
      record->detail = g_strdup (d.title);
    }
  name = d.family_name != NULL ? d.family_name : d.client_name;
  if (name != NULL)
    {
      record->name = yk_text_mask_name (name);
      record->full_name = g_strdup (name);
    }
  yk_db_figure_detail_clear (&d);
  return g_steal_pointer (&record);
}

static gboolean
add (sqlite3 *db, GPtrArray *records, const char *table, gint64 id, gint64 weight, gint64 site_id, GError **error)
{
  YkFigureRecord *record;

  if (weight == 0)
    return TRUE;
  record = describe (db, table, id, weight, site_id, error);
  if (record == NULL)
    return FALSE;
  g_ptr_array_add (records, record);
  return TRUE;
}

/* 上门服务, 电话随访, 未联系上, 服务时长 and 服务人数: the members' contacts. */
static gboolean
list_contacts (sqlite3 *db, const char *from, const char *to, GHashTable *members, YkWorkloadFigure figure,
               GPtrArray *records, GCancellable *cancellable, GError **error)
{
  g_autoptr (GArray) contacts = yk_db_workload_contact_list (db, from, to, error);
  g_autoptr (GHashTable) people = g_hash_table_new (g_int64_hash, g_int64_equal);

  if (contacts == NULL)
    return FALSE;
  for (guint i = 0; i < contacts->len; i++)
    {
      YkWorkloadContact *c = &g_array_index (contacts, YkWorkloadContact, i);
      gint64 site_id = GPOINTER_TO_SIZE (g_hash_table_lookup (members, &c->worker_id));
      gint64 weight = 0;

      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      if (!has (members, c->worker_id))
        continue;
      switch (figure)
        {
        case YK_WORKLOAD_HOME_VISITS:
          weight = c->reached && c->home_visit;
          break;
        case YK_WORKLOAD_PHONE_FOLLOWUPS:
          weight = c->reached && !c->home_visit;
          break;
        case YK_WORKLOAD_UNREACHED:
          weight = !c->reached;
          break;
        case YK_WORKLOAD_MINUTES:
          weight = c->reached ? c->minutes : 0;
          break;
        case YK_WORKLOAD_PEOPLE:
          /* By date, so the first met is the person's first reached contact. */
          weight = c->reached && g_hash_table_add (people, &c->client_id);
          break;
        default:
          g_assert_not_reached ();
        }
      if (!add (db, records, "contacts", c->id, weight, site_id, error))
        return FALSE;
    }
  return TRUE;
}

static gboolean
list_assessments (sqlite3 *db, const char *from, const char *to, GHashTable *members, GPtrArray *records,
                  GCancellable *cancellable, GError **error)
{
  g_autoptr (GArray) assessments = yk_db_workload_assessment_list (db, from, to, error);

  if (assessments == NULL)
    return FALSE;
  for (guint i = 0; i < assessments->len; i++)
    {
      YkWorkloadPair *a = &g_array_index (assessments, YkWorkloadPair, i);
      gint64 site_id = GPOINTER_TO_SIZE (g_hash_table_lookup (members, &a->staff_id));

      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      if (has (members, a->staff_id) && !add (db, records, "assessments", a->other, 1, site_id, error))
        return FALSE;
    }
  return TRUE;
}

/* 组织活动 and 活动参与: each activity credited to any member, once. */
static gboolean
list_activities (sqlite3 *db, const char *from, const char *to, GPtrArray *staff, GHashTable *members,
                 YkWorkloadFigure figure, GPtrArray *records, GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) activities = yk_db_workload_activities (db, from, to, error);

  if (activities == NULL)
    return FALSE;
  for (guint i = 0; i < activities->len; i++)
    {
      YkWorkloadActivity *activity = activities->pdata[i];
      g_autoptr (GArray) ids = _yk_workload_activity_staff (activity, staff);
      gboolean credited = FALSE;

      if (g_cancellable_is_cancelled (cancellable))
        return FALSE;
      for (guint k = 0; k < ids->len && !credited; k++)
        credited = has (members, g_array_index (ids, gint64, k));
      if (credited && !add (db, records, "activities", activity->id,
                            figure == YK_WORKLOAD_ACTIVITIES ? 1 : activity->attendances, activity->site_id, error))
        return FALSE;
    }
  return TRUE;
}

static GPtrArray *
list (sqlite3 *db, const char *from, const char *to, gint64 staff_id, gint64 site_id, YkWorkloadFigure figure,
      GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_figure_record_free);
  g_autoptr (GPtrArray) staff = yk_db_workload_staff (db, error);
  g_autoptr (GHashTable) members = NULL;
  gboolean ok;

  if (staff == NULL)
    return NULL;
  members = members_of (staff, staff_id, site_id);
  switch (figure)
    {
    case YK_WORKLOAD_ASSESSMENTS:
      ok = list_assessments (db, from, to, members, records, cancellable, error);
      break;
    case YK_WORKLOAD_ACTIVITIES:
    case YK_WORKLOAD_ATTENDANCES:
      ok = list_activities (db, from, to, staff, members, figure, records, cancellable, error);
      break;
    default:
      ok = list_contacts (db, from, to, members, figure, records, cancellable, error);
    }
  return ok ? g_steal_pointer (&records) : NULL;
}

/* A social worker: their own row, or their own site's total. */
static void
clamp_row (YkReader *reader,
           gint64   *staff_id,
           gint64   *site_id)
{
  if (*staff_id != 0)
    *staff_id = yk_reader_clamp_worker (reader, *staff_id);
  else
    *site_id = yk_reader_clamp_site (reader, *site_id);
}

GPtrArray *
yk_workload_records_list (YkReader         *reader,
                          const char       *from,
                          const char       *to,
                          gint64            staff_id,
                          gint64            site_id,
                          YkWorkloadFigure  figure,
                          GCancellable     *cancellable,
                          GError          **error)
{
  GPtrArray *records;
  sqlite3 *db;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);
  g_return_val_if_fail (figure < YK_N_WORKLOAD, NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  clamp_row (reader, &staff_id, &site_id);
  db = _yk_reader_get_db (reader);
  yk_cancel_watch (db, cancellable);
  records = list (db, from, to, staff_id, site_id, figure, cancellable, error);
  if (!yk_cancel_unwatch (db, cancellable, records != NULL, error))
    g_clear_pointer (&records, g_ptr_array_unref);
  return records;
}

/* A training session, once per attendee among the members: its hours
 * are counted per attendee (credit_training), so a line each adds up. */
static GPtrArray *
list_training (sqlite3 *db, const char *from, const char *to, gint64 staff_id, gint64 site_id,
               GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_figure_record_free);
  g_autoptr (GPtrArray) staff = yk_db_workload_staff (db, error);
  g_autoptr (GPtrArray) sessions = NULL;
  g_autoptr (GHashTable) members = NULL;

  if (staff == NULL || (sessions = yk_db_training_list (db, from, to, error)) == NULL)
    return NULL;
  members = members_of (staff, staff_id, site_id);
  for (guint i = 0; i < sessions->len; i++)
    {
      const YkTrainingSession *session = sessions->pdata[i];

      if (g_cancellable_is_cancelled (cancellable))
        return NULL;
      for (guint k = 0; k < session->attendee_ids->len; k++)
        {
          gint64 attendee = g_array_index (session->attendee_ids, gint64, k);
          YkFigureRecord *record;

          if (!has (members, attendee))
            continue;
          record = g_new0 (YkFigureRecord, 1);
          record->site_id = GPOINTER_TO_SIZE (g_hash_table_lookup (members, &attendee));
          record->record_table = "training_sessions";
          record->record_id = session->id;
          record->weight = session->hours_tenths;
          record->hours = TRUE;
          record->date = g_strdup (session->date);
          record->kind = g_strdup (session->title);
          record->detail = g_strdup (session->provider);
          /* A staff member, not a service user: not masked. A worker's
           * own row needs no name on every line. */
          if (staff_id == 0)
            record->name = g_strdup (session->attendees->pdata[k]);
          g_ptr_array_add (records, record);
        }
    }
  return g_steal_pointer (&records);
}

GPtrArray *
yk_workload_training_list (YkReader      *reader,
                           const char    *from,
                           const char    *to,
                           gint64         staff_id,
                           gint64         site_id,
                           gboolean       year,
                           GCancellable  *cancellable,
                           GError       **error)
{
  g_autofree char *year_from = NULL, *year_to = NULL;
  GPtrArray *records;
  sqlite3 *db;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (from != NULL && to != NULL, NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  clamp_row (reader, &staff_id, &site_id);
  if (year)
    {
      yk_workload_training_year (to, &year_from, &year_to);
      from = year_from;
      to = year_to;
    }
  db = _yk_reader_get_db (reader);
  yk_cancel_watch (db, cancellable);
  records = list_training (db, from, to, staff_id, site_id, cancellable, error);
  if (!yk_cancel_unwatch (db, cancellable, records != NULL, error))
    g_clear_pointer (&records, g_ptr_array_unref);
  return records;
}
