/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-figure-records.h"
#include "yk-reader-private.h"
#include "yk-cancel.h"
#include "yk-text.h"
#include "yk-db-figure-records.h"
#include "yk-statistics.h"
#include "yk-training.h"

#include <glib/gi18n.h>
#include <string.h>

void
yk_figure_record_free (YkFigureRecord *record)
{
  if (record == NULL)
    return;
  g_free (record->date);
  g_free (record->kind);
  g_free (record->case_no);
  g_free (record->name);
  g_free (record->full_name);
  g_free (record->detail);
  g_free (record->baseline_date);
  g_free (record->latest_date);
  g_free (record);
}

static char *
joined (const char *kind, const char *subtype)
{
  return subtype != NULL && *subtype != '\0' ? g_strdup_printf ("%s · %s", kind, subtype) : g_strdup (kind);
}

/* The person a record concerns: a family member's own name if there is
 * one, else the service user's; masked, and in full beside. */
static void
set_person (YkFigureRecord *record, const YkDbFigureDetail *detail)
{
  const char *name = detail->family_name != NULL ? detail->family_name : detail->client_name;

  record->name = yk_text_mask_name (name);
  record->full_name = g_strdup (name);
}

/* Turns one counted row into what the list shows. The same table means
 * different things under different figures: an activity is itself under
 * 开展服务活动 but its residents' head count under 活动参与. */
static YkFigureRecord *
describe (const YkCountedRecord *row, YkIndicator indicator, YkDbFigureDetail *d)
{
  YkFigureRecord *record = g_new0 (YkFigureRecord, 1);
  const char *table = row->record_table;

  record->site_id = row->site_id;
  record->record_table = row->record_table;
  record->record_id = row->record_id;
  record->weight = row->weight;
  record->client_id = d->client_id;
  record->case_no = g_strdup (d->case_no);
  record->date = g_strdup (d->date);

  if (g_strcmp0 (table, "contacts") == 0)
    {
      record->kind = g_strdup (g_strcmp0 (d->subtype, "home_visit") == 0 ? _("Home visit") : _("Phone follow-up"));
      set_person (record, d);
    }
  else if (g_strcmp0 (table, "clients") == 0)
    {
      record->kind = g_strdup (_("Service user"));
      set_person (record, d);
      /* Served in the period, not on one day: the intake date would mislead. */
      if (indicator == YK_INDICATOR_BENEFICIARIES)
        g_clear_pointer (&record->date, g_free);
    }
  else if (g_strcmp0 (table, "family_members") == 0)
    {
      record->kind = joined (_("Family member"), d->subtype);
      set_person (record, d);
    }
  else if (g_strcmp0 (table, "activities") == 0 && indicator == YK_INDICATOR_ACTIVITIES)
    {
      record->kind = joined (_("Activity"), d->subtype);
      record->detail = g_strdup (d->title);
    }
  else if (g_strcmp0 (table, "activities") == 0)
    {
      record->kind = g_strdup (_("Other residents"));
      record->detail = g_strdup_printf (_("%1$lld at “%2$s”"), (long long) row->weight, d->title ? d->title : "");
    }
  else if (g_strcmp0 (table, "attendances") == 0)
    {
      record->kind = joined (d->family_name != NULL ? _("Attendance (family member)") : _("Attendance"), d->subtype);
      set_person (record, d);
      record->detail = g_strdup (d->title);
    }
  else if (g_strcmp0 (table, "questionnaires") == 0)
    {
      record->kind = joined (_("Questionnaire"), d->subtype);
      if (d->client_name != NULL)
        set_person (record, d);
      record->detail = d->client_name == NULL ? g_strdup (_("Anonymous respondent")) : g_strdup (d->title);
    }
  else
    {
      record->kind = g_strdup (_("SDSS assessment"));
      set_person (record, d);
    }
  return record;
}

static int
compare_records (gconstpointer a, gconstpointer b)
{
  const YkFigureRecord *x = *(YkFigureRecord *const *) a, *y = *(YkFigureRecord *const *) b;
  int by_date = g_strcmp0 (x->date, y->date);
  int by_table = strcmp (x->record_table, y->record_table);

  if (by_date != 0)
    return by_date;
  if (by_table != 0)
    return by_table;
  return x->record_id < y->record_id ? -1 : x->record_id > y->record_id;
}

static gboolean
add_sdss (sqlite3 *db, YkFigureRecord *record, const char *to, GError **error)
{
  g_autoptr (GError) local_error = NULL;
  YkDbSdssPair pair = { 0 };

  if (!yk_db_figure_sdss_pair (db, record->client_id, to, &pair, &local_error))
    {
      if (local_error == NULL)
        return TRUE;
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }
  record->has_sdss = TRUE;
  record->baseline_date = g_steal_pointer (&pair.baseline_date);
  record->baseline_total = pair.baseline_total;
  record->latest_date = g_steal_pointer (&pair.latest_date);
  record->latest_total = pair.latest_total;
  /* Listed by the assessment that qualified them. */
  g_free (record->date);
  record->date = g_strdup (record->latest_date);
  yk_db_sdss_pair_clear (&pair);
  return TRUE;
}

static GPtrArray *
list (sqlite3 *db, const YkReport *report, YkIndicator indicator, gint64 site_id, gboolean cumulative,
      GCancellable *cancellable, GError **error)
{
  g_autoptr (GPtrArray) records = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_figure_record_free);
  g_autoptr (GArray) rows = NULL;
  const char *pilot_from = report->pilot_start ? report->pilot_start : "0001-01-01";
  /* The cumulative column counts from the pilot's start, or from the
   * period's start when that is earlier (yk_report_compute). */
  const char *from = cumulative && strcmp (pilot_from, report->from) < 0 ? pilot_from : report->from;

  rows = yk_db_indicator_records (db, indicator, site_id, from, report->to, report->improvement_threshold, error);
  if (rows == NULL)
    return NULL;
  for (guint i = 0; i < rows->len; i++)
    {
      const YkCountedRecord *row = &g_array_index (rows, YkCountedRecord, i);
      YkDbFigureDetail detail = { 0 };
      YkFigureRecord *record;

      if (g_cancellable_is_cancelled (cancellable))
        return NULL;
      if (!yk_db_figure_detail (db, row->record_table, row->record_id, &detail, error))
        return NULL;
      record = describe (row, indicator, &detail);
      yk_db_figure_detail_clear (&detail);
      g_ptr_array_add (records, record);
      if (indicator == YK_INDICATOR_IMPROVED && !add_sdss (db, record, report->to, error))
        return NULL;
    }
  g_ptr_array_sort (records, compare_records);
  return g_steal_pointer (&records);
}

GPtrArray *
yk_figure_records_list (YkReader       *reader,
                        const YkReport *report,
                        YkIndicator     indicator,
                        gint64          site_id,
                        gboolean        cumulative,
                        GCancellable   *cancellable,
                        GError        **error)
{
  GPtrArray *records;
  sqlite3 *db;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (report != NULL, NULL);
  g_return_val_if_fail (indicator < YK_N_INDICATORS, NULL);
  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;
  db = _yk_reader_get_db (reader);
  yk_cancel_watch (db, cancellable);
  records = list (db, report, indicator, yk_reader_clamp_site (reader, site_id), cumulative, cancellable, error);
  if (!yk_cancel_unwatch (db, cancellable, records != NULL, error))
    g_clear_pointer (&records, g_ptr_array_unref);
  return records;
}

gint64
yk_figure_records_sum (GPtrArray *records)
{
  gint64 sum = 0;

  for (guint i = 0; i < records->len; i++)
    sum += ((YkFigureRecord *) records->pdata[i])->weight;
  return sum;
}

char *
yk_figure_record_line (const YkFigureRecord *record)
{
  GString *line = g_string_new (record->date ? record->date : "");

  g_string_append_printf (line, "  %s", record->kind);
  if (record->case_no != NULL)
    g_string_append_printf (line, "  %s", record->case_no);
  if (record->name != NULL && *record->name != '\0')
    g_string_append_printf (line, "  %s", record->name);
  if (record->detail != NULL && *record->detail != '\0')
    g_string_append_printf (line, "  %s", record->detail);
  if (record->hours)
    {
      g_autofree char *hours = yk_training_hours_format (record->weight);

      g_string_append_printf (line, "  %s", hours);
    }
  if (record->has_sdss)
    /* TRANSLATORS: an SDSS total at its baseline and latest assessment, with their dates */
    g_string_append_printf (line, _("  SDSS %1$d (%2$s) → %3$d (%4$s)"), record->baseline_total,
                            record->baseline_date, record->latest_total, record->latest_date);
  return g_string_free (line, FALSE);
}
