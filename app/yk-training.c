/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-training.h"
#include "yk-app-error.h"
#include "yk-db-indicators.h"
#include "yk-db-staff.h"
#include "yk-db-workload.h"
#include "yk-report.h"
#include "yk-report-private.h"
#include "yk-session-private.h"
#include "yk-text.h"
#include "yk-validate.h"

#include <glib/gi18n.h>
#include <string.h>

/* One day holds 24 hours: no one is trained longer in one day. */
#define DAY_TENTHS 240

static sqlite3 *
db_of (YkSession *session)
{
  return yk_store_get_connection (yk_session_get_store (session));
}

static gboolean
check_writer (YkSession *session, GError **error)
{
  if (yk_session_is_read_only (session))
    {
      _yk_session_set_read_only_error (error);
      return FALSE;
    }
  if (yk_session_get_role (session) != YK_ROLE_COORDINATOR)
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN,
                           _("Only a coordinator records and voids training sessions"));
      return FALSE;
    }
  return TRUE;
}

static gboolean
invalid (GError **error, const char *message)
{
  g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, message);
  return FALSE;
}

/* The same, naming the field at fault (a ledger column's key). */
static gboolean
invalid_field (const char **field, const char *key, GError **error, const char *message)
{
  if (field != NULL)
    *field = key;
  return invalid (error, message);
}

static YkWorkloadStaff *
staff_of (GPtrArray *staff, gint64 id)
{
  for (guint i = 0; i < staff->len; i++)
    if (((YkWorkloadStaff *) staff->pdata[i])->id == id)
      return staff->pdata[i];
  return NULL;
}

/* Every rule but the day's sum, which needs the database. */
static gboolean
check_fields (const YkTrainingRecord *record, GPtrArray *staff, const char **field, GError **error)
{
  g_autofree char *title = g_strstrip (g_strdup (record->title ? record->title : ""));
  g_autoptr (GError) local = NULL;
  GDate date, today;

  if (*title == '\0')
    return invalid_field (field, "title", error, _("A training session needs a title"));
  if (record->date == NULL || *record->date == '\0')
    return invalid_field (field, "date", error, _("A training session needs a date"));
  if (!yk_date_parse (record->date, &date, &local))
    {
      if (field != NULL)
        *field = "date";
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, _("Date: %1$s"), local->message);
      return FALSE;
    }
  yk_date_today (&today);
  if (g_date_compare (&date, &today) > 0)
    {
      if (field != NULL)
        *field = "date";
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, _("Date: %1$s is in the future"), record->date);
      return FALSE;
    }
  if (record->hours_tenths <= 0 || record->hours_tenths > DAY_TENTHS)
    return invalid_field (field, "hours", error, _("Hours: a session lasts more than 0 and at most 24 hours"));
  if (record->n_staff == 0)
    return invalid_field (field, "attendees", error, _("A training session needs at least one attendee"));
  for (guint i = 0; i < record->n_staff; i++)
    {
      if (staff_of (staff, record->staff_ids[i]) == NULL)
        return invalid_field (field, "attendees", error, _("An attendee is not one of the staff"));
      for (guint j = 0; j < i; j++)
        if (record->staff_ids[j] == record->staff_ids[i])
          return invalid_field (field, "attendees", error, _("An attendee is named twice"));
    }
  return TRUE;
}

/* No one's training of one day sums over 24 hours, with the sessions
 * already recorded (in this transaction too: a ledger's earlier rows). */
static gboolean
check_days (sqlite3 *db, const YkTrainingRecord *record, const char *date, GPtrArray *staff, const char **field,
            GError **error)
{
  for (guint i = 0; i < record->n_staff; i++)
    {
      gint64 day = 0;

      if (!yk_db_training_day_tenths (db, record->staff_ids[i], date, &day, error))
        return FALSE;
      if (day + record->hours_tenths > DAY_TENTHS)
        {
          g_autofree char *before = yk_training_hours_format (day);

          if (field != NULL)
            *field = "attendees";
          /* The staff member is named: this goes to a coordinator, who
           * picked them, not to a log. */
          g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                       _("%1$s already has %2$s hours of training on %3$s: a day holds at most 24"),
                       staff_of (staff, record->staff_ids[i])->name, before, date);
          return FALSE;
        }
    }
  return TRUE;
}

gboolean
yk_training_validate (YkSession              *session,
                      const YkTrainingRecord *record,
                      const char            **field,
                      GError                **error)
{
  sqlite3 *db;
  g_autoptr (GPtrArray) staff = NULL;
  g_autofree char *date = NULL;
  GDate parsed;

  g_return_val_if_fail (session != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  db = db_of (session);
  staff = yk_db_workload_staff (db, error);
  if (staff == NULL || !check_fields (record, staff, field, error))
    return FALSE;
  yk_date_parse (record->date, &parsed, NULL);
  date = yk_date_format_iso (&parsed);
  return check_days (db, record, date, staff, field, error);
}

gboolean
yk_training_record (YkSession              *session,
                    const YkTrainingRecord *record,
                    gint64                 *id,
                    GError                **error)
{
  sqlite3 *db;
  g_autofree char *title = NULL, *provider = NULL, *date = NULL;
  gint64 session_id = 0;
  GDate parsed;

  g_return_val_if_fail (session != NULL, FALSE);
  g_return_val_if_fail (record != NULL, FALSE);
  if (!check_writer (session, error))
    return FALSE;
  db = db_of (session);
  if (!yk_db_begin (db, error))
    return FALSE;
  /* Checked inside the change, so that the day's sum is the one written. */
  if (!yk_training_validate (session, record, NULL, error))
    goto fail;
  title = g_strstrip (g_strdup (record->title));
  provider = g_strstrip (g_strdup (record->provider ? record->provider : ""));
  yk_date_parse (record->date, &parsed, NULL);
  date = yk_date_format_iso (&parsed);
  if (!yk_db_training_insert (db, date, title, record->hours_tenths, provider, yk_session_get_staff_id (session),
                              record->staff_ids, record->n_staff, &session_id, error) ||
      !yk_session_audit (session, "training_add", "training_sessions", session_id, NULL, error) ||
      !yk_db_commit (db, error))
    goto fail;
  if (id != NULL)
    *id = session_id;
  return TRUE;

fail:
  yk_db_rollback (db);
  return FALSE;
}

GPtrArray *
yk_training_list (YkSession  *session,
                  const char *period,
                  GError    **error)
{
  sqlite3 *db;
  g_autoptr (GPtrArray) sites = NULL;
  g_autofree char *pilot_start = NULL, *from = NULL, *to = NULL;
  gboolean cumulative;

  g_return_val_if_fail (session != NULL, NULL);
  db = db_of (session);
  if (period == NULL)
    return yk_db_training_list (db, NULL, NULL, error);
  sites = yk_db_sites_list (db, error);
  if (sites == NULL)
    return NULL;
  pilot_start = _yk_report_pilot_start (db, sites);
  if (!yk_period_parse (period, pilot_start, &from, &to, &cumulative, error))
    return NULL;
  return yk_db_training_list (db, from, to, error);
}

gboolean
yk_training_void (YkSession  *session,
                  gint64      id,
                  const char *reason,
                  GError    **error)
{
  g_autofree char *why = g_strstrip (g_strdup (reason ? reason : ""));
  gboolean voided = FALSE;
  sqlite3 *db;

  g_return_val_if_fail (session != NULL, FALSE);
  if (!check_writer (session, error))
    return FALSE;
  if (*why == '\0')
    return invalid (error, _("Say why the record is wrong"));
  db = db_of (session);
  if (!yk_db_begin (db, error))
    return FALSE;
  if (!yk_db_training_void (db, id, yk_session_get_staff_id (session), why, &voided, error))
    goto fail;
  if (!voided)
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no such training session"));
      goto fail;
    }
  /* The reason is not copied to the trail: it may name someone. */
  if (!yk_session_audit (session, "training_void", "training_sessions", id, NULL, error) ||
      !yk_db_commit (db, error))
    goto fail;
  return TRUE;

fail:
  yk_db_rollback (db);
  return FALSE;
}

gint64
yk_training_find_staff (YkSession  *session,
                        const char *name,
                        GError    **error)
{
  g_autoptr (GPtrArray) staff = yk_db_workload_staff (db_of (session), error);
  g_autofree char *wanted = g_strstrip (g_strdup (name ? name : ""));
  gint64 any = 0, active = 0;
  guint n_any = 0, n_active = 0;

  if (staff == NULL)
    return 0;
  for (guint i = 0; i < staff->len; i++)
    {
      YkWorkloadStaff *member = staff->pdata[i];

      if (g_strcmp0 (member->name, wanted) != 0)
        continue;
      any = member->id;
      n_any++;
      if (member->active)
        {
          active = member->id;
          n_active++;
        }
    }
  if (n_any == 1)
    return any;
  if (n_active == 1)
    return active;
  if (n_any == 0)
    g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("No staff member is called “%1$s”"), wanted);
  else
    g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                 _("More than one staff member is called “%1$s”"), wanted);
  return 0;
}

gboolean
yk_training_hours_parse (const char *text,
                         int        *tenths)
{
  const char *p = text;
  gint64 whole = 0;
  int decimal = 0;
  guint digits = 0;

  if (text == NULL)
    return FALSE;
  for (; g_ascii_isdigit (*p); p++, digits++)
    {
      whole = whole * 10 + (*p - '0');
      if (whole > 100000)
        return FALSE;
    }
  if (digits == 0)
    return FALSE;
  if (*p == '.')
    {
      p++;
      if (!g_ascii_isdigit (*p))
        return FALSE;
      decimal = *p++ - '0';
    }
  if (*p != '\0')
    return FALSE;
  *tenths = (int) (whole * 10 + decimal);
  return TRUE;
}

char *
yk_training_hours_format (gint64 tenths)
{
  return g_strdup_printf ("%s%" G_GINT64_FORMAT ".%d", tenths < 0 ? "-" : "", ABS (tenths) / 10,
                          (int) (ABS (tenths) % 10));
}

static char *
attendees_joined (const YkTrainingSession *s)
{
  /* The names are the session's: this array only points at them. */
  g_autoptr (GPtrArray) names = g_ptr_array_sized_new (s->attendees->len + 1);

  for (guint i = 0; i < s->attendees->len; i++)
    g_ptr_array_add (names, s->attendees->pdata[i]);
  g_ptr_array_add (names, NULL);
  return g_strjoinv ("、", (char **) names->pdata);
}

char *
yk_training_list_to_text (GPtrArray *sessions)
{
  GString *out = g_string_new (NULL);

  for (guint i = 0; i < sessions->len; i++)
    {
      const YkTrainingSession *s = sessions->pdata[i];
      g_autofree char *hours = yk_training_hours_format (s->hours_tenths);
      g_autofree char *names = attendees_joined (s);

      g_string_append_printf (out, "%" G_GINT64_FORMAT "\t%s\t%s\t%s\t%s\t%s\n", s->id, s->date, hours, s->title,
                              s->provider != NULL ? s->provider : "-", names);
    }
  return g_string_free (out, FALSE);
}

char *
yk_training_list_to_csv (GPtrArray *sessions)
{
  GString *out = g_string_new ("编号,日期,培训主题,学时,提供方,参加人员\r\n");

  for (guint i = 0; i < sessions->len; i++)
    {
      const YkTrainingSession *s = sessions->pdata[i];
      g_autofree char *hours = yk_training_hours_format (s->hours_tenths);
      g_autofree char *names = attendees_joined (s);

      g_string_append_printf (out, "%" G_GINT64_FORMAT ",%s,", s->id, s->date);
      yk_text_append_csv_text (out, s->title);
      g_string_append_printf (out, ",%s,", hours);
      yk_text_append_csv_text (out, s->provider != NULL ? s->provider : "");
      g_string_append_c (out, ',');
      yk_text_append_csv_text (out, names);
      g_string_append (out, "\r\n");
    }
  return g_string_free (out, FALSE);
}

char *
yk_training_list_to_json (GPtrArray *sessions)
{
  GString *out = g_string_new ("{\n  \"sessions\": [");

  for (guint i = 0; i < sessions->len; i++)
    {
      const YkTrainingSession *s = sessions->pdata[i];
      g_autofree char *hours = yk_training_hours_format (s->hours_tenths);

      g_string_append_printf (out, "%s\n    {\"id\": %" G_GINT64_FORMAT ", \"date\": ", i ? "," : "", s->id);
      yk_text_append_json_string (out, s->date);
      g_string_append (out, ", \"title\": ");
      yk_text_append_json_string (out, s->title);
      g_string_append_printf (out, ", \"hours\": %s, \"provider\": ", hours);
      if (s->provider != NULL)
        yk_text_append_json_string (out, s->provider);
      else
        g_string_append (out, "null");
      g_string_append (out, ", \"attendees\": [");
      for (guint k = 0; k < s->attendees->len; k++)
        {
          if (k > 0)
            g_string_append (out, ", ");
          yk_text_append_json_string (out, s->attendees->pdata[k]);
        }
      g_string_append (out, "]}");
    }
  g_string_append (out, sessions->len > 0 ? "\n  ]\n}\n" : "]\n}\n");
  return g_string_free (out, FALSE);
}

GPtrArray *
yk_training_staff (YkSession *session,
                   GError   **error)
{
  GPtrArray *staff;

  g_return_val_if_fail (session != NULL, NULL);
  staff = yk_db_workload_staff (db_of (session), error);
  for (guint i = staff != NULL ? staff->len : 0; i > 0; i--)
    if (!((YkWorkloadStaff *) staff->pdata[i - 1])->active)
      g_ptr_array_remove_index (staff, i - 1);
  return staff;
}
