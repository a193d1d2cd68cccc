/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-case-file.h"
#include "yk-app-error.h"
#include "yk-casework.h"
#include "yk-db-case-file.h"
#include "yk-db-error.h"
#include "yk-db-records.h"
#include "yk-reader-private.h"
#include "yk-record-rules.h"
#include "yk-recording.h"
#include "yk-text.h"
#include "yk-transfer.h"
#include "yk-validate.h"

#include <glib/gi18n.h>
#include <string.h>

/* Who is reading, from the reader: captured on the main thread when it
 * was lent, so a worker thread loads without touching the session. */
typedef struct
{
  gint64 site_scope;         /* yk_reader_site_scope() */
  gint64 staff_id;
  gboolean coordinator;
  gboolean read_only;        /* a district view: nothing can be voided or corrected */
} YkCaseScope;

static void
event_free (YkCaseEvent *event)
{
  g_free (event->date);
  g_free (event->recorded_at);
  g_free (event->title);
  g_free (event->summary);
  g_free (event->void_reason);
  g_free (event);
}

static void
assessment_free (YkCaseAssessment *assessment)
{
  g_free (assessment->date);
  g_free (assessment->void_reason);
  g_free (assessment);
}

static void
choice_free (YkCaseChoice *choice)
{
  g_free (choice->name);
  g_free (choice);
}

void
yk_case_file_free (YkCaseFile *file)
{
  if (file == NULL)
    return;
  yk_client_record_free (file->client);
  g_free (file->site_name);
  g_free (file->worker_name);
  g_free (file->condition);
  g_clear_pointer (&file->timeline, g_ptr_array_unref);
  g_clear_pointer (&file->family, g_ptr_array_unref);
  g_clear_pointer (&file->plan_goals, g_ptr_array_unref);
  g_clear_pointer (&file->referrals, g_ptr_array_unref);
  g_clear_pointer (&file->assessments, g_ptr_array_unref);
  g_clear_pointer (&file->sites, g_ptr_array_unref);
  g_clear_pointer (&file->workers, g_ptr_array_unref);
  g_free (file);
}

static void
case_scope_init (YkCaseScope    *scope,
                 const YkReader *reader)
{
  scope->site_scope = yk_reader_site_scope (reader);
  scope->staff_id = yk_reader_get_staff_id (reader);
  scope->coordinator = yk_reader_is_coordinator (reader);
  scope->read_only = yk_reader_is_read_only (reader);
}

const char *
yk_case_status_label (const char *status)
{
  if (g_strcmp0 (status, "referred") == 0)
    return C_("status", "Referred");
  if (g_strcmp0 (status, "closed") == 0)
    return C_("status", "Closed");
  return C_("status", "Active");
}

const char *
yk_case_condition_label (const char *condition)
{
  if (g_strcmp0 (condition, "stable") == 0)
    return _("Stable");
  if (g_strcmp0 (condition, "basically_stable") == 0)
    return _("Basically stable");
  if (g_strcmp0 (condition, "unstable") == 0)
    return _("Unstable");
  return NULL;
}

static const char *
medication_label (const char *medication)
{
  if (g_strcmp0 (medication, "regular") == 0)
    return _("takes medication regularly");
  if (g_strcmp0 (medication, "intermittent") == 0)
    return _("takes medication intermittently");
  if (g_strcmp0 (medication, "none") == 0)
    return _("takes no medication");
  if (g_strcmp0 (medication, "not_required") == 0)
    return _("no medication prescribed");
  return NULL;
}

static const char *
referral_kind_label (const char *kind)
{
  if (g_strcmp0 (kind, "hospital") == 0)
    return _("Hospital");
  if (g_strcmp0 (kind, "employment") == 0)
    return _("Employment");
  return _("Other service");
}

static gboolean
empty (const char *text)
{
  return text == NULL || *text == '\0';
}

/* Parts joined with the list separator of the interface language. */
static void
add_part (GString *summary, const char *part)
{
  /* TRANSLATORS: separates the parts of a one-line summary */
  yk_text_append_part (summary, _("; "), part);
}

/* A voided record shows to those who may see it; a live one to everyone
 * who may see the person. Only a live record can be voided, by its author
 * or a coordinator (yk_casework_void()). */
static YkCaseEvent *
event_new (const YkCaseScope *scope,
           YkCaseEventKind    kind,
           const char        *table,
           gint64             id,
           const char        *date,
           const YkDbVoid    *v)
{
  YkCaseEvent *event = g_new0 (YkCaseEvent, 1);
  gboolean mine = scope->coordinator || (v != NULL && v->created_by == scope->staff_id);

  event->kind = kind;
  event->table = table;
  event->id = id;
  event->date = g_strdup (date);
  event->recorded_at = v != NULL ? g_strdup (v->created_at) : NULL;
  if (v != NULL && v->voided_at != NULL)
    {
      event->voided = TRUE;
      event->void_reason = g_strdup (v->void_reason);
    }
  event->can_void = table != NULL && !event->voided && mine && !scope->read_only;
  if (event->can_void && v != NULL && yk_casework_is_correctable (table))
    {
      g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
      event->can_correct = yk_casework_correction_allowed (scope->coordinator, scope->staff_id, v->created_by,
                                                           v->created_at, now);
    }
  return event;
}

static gint64
voided_of (const YkCaseScope *scope)
{
  return scope->coordinator ? YK_DB_VOIDED_ALL : scope->staff_id;
}

static void
add_contacts (YkCaseFile *file, const YkCaseScope *scope, GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      YkDbCaseContact *c = rows->pdata[i];
      const YkContactRecord *r = &c->record;
      gboolean home = g_strcmp0 (r->type, "home_visit") == 0;
      YkCaseEvent *event = event_new (scope, home ? YK_CASE_EVENT_HOME_VISIT : YK_CASE_EVENT_PHONE,
                                      "contacts", r->id, r->date, &c->v);
      g_autoptr (GString) summary = g_string_new (NULL);

      if (r->reached)
        event->title = g_strdup (home ? _("Home visit") : _("Phone follow-up"));
      else
        event->title = g_strdup (home ? _("Home visit, not reached") : _("Phone follow-up, not reached"));
      if (!r->reached)
        add_part (summary, r->unreached_reason);
      add_part (summary, yk_case_condition_label (r->condition));
      if (r->risk_level >= 0)
        {
          g_autofree char *risk = g_strdup_printf (_("risk level %d"), r->risk_level);
          add_part (summary, risk);
        }
      add_part (summary, medication_label (r->medication));
      add_part (summary, r->notes);
      if (!empty (r->next_date))
        {
          g_autofree char *next = g_strdup_printf (_("next follow-up %s"), r->next_date);
          add_part (summary, next);
        }
      if (!empty (c->worker_name))
        add_part (summary, c->worker_name);
      event->summary = g_string_free (g_steal_pointer (&summary), FALSE);
      g_ptr_array_add (file->timeline, event);
    }
}

static void
add_attendances (YkCaseFile *file, const YkCaseScope *scope, GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      YkDbCaseAttendance *a = rows->pdata[i];
      YkCaseEvent *event = event_new (scope, YK_CASE_EVENT_ACTIVITY, "attendances", a->id, a->activity.date, &a->v);
      g_autoptr (GString) summary = g_string_new (NULL);

      /* TRANSLATORS: %s is the activity's title */
      event->title = g_strdup_printf (_("Took part in “%s”"), a->activity.title);
      add_part (summary, a->activity.category);
      add_part (summary, a->activity.facilitator);
      event->summary = g_string_free (g_steal_pointer (&summary), FALSE);
      g_ptr_array_add (file->timeline, event);
    }
}

static void
add_assessments (YkCaseFile *file, const YkCaseScope *scope, GPtrArray *rows)
{
  gboolean have_baseline = FALSE;

  for (guint i = 0; i < rows->len; i++)
    {
      YkDbCaseAssessment *a = rows->pdata[i];
      YkCaseAssessment *item = g_new0 (YkCaseAssessment, 1);
      YkCaseEvent *event = event_new (scope, YK_CASE_EVENT_ASSESSMENT, "assessments", a->record.id,
                                      a->record.date, &a->v);
      g_autoptr (GString) summary = g_string_new (NULL);

      item->id = a->record.id;
      item->date = g_strdup (a->record.date);
      memcpy (item->items, a->record.items, sizeof item->items);
      item->total = yk_sdss_total (a->record.items);
      item->voided = a->v.voided_at != NULL;
      item->void_reason = g_strdup (a->v.void_reason);
      /* Rows come sorted by date: the first live one is the baseline. */
      item->baseline = !item->voided && !have_baseline;
      have_baseline = have_baseline || item->baseline;

      event->title = item->baseline ? g_strdup_printf (_("SDSS assessment: %d (baseline)"), item->total)
                                    : g_strdup_printf (_("SDSS assessment: %d"), item->total);
      for (int k = 0; k < YK_SDSS_ITEMS; k++)
        if (a->record.items[k] != 0 && a->record.items[k] != 9)
          {
            g_autofree char *part = g_strdup_printf ("%s %d", yk_sdss_item_name (k), a->record.items[k]);
            add_part (summary, part);
          }
      if (summary->len == 0)
        g_string_append (summary, _("no deficit in any item"));
      event->summary = g_string_free (g_steal_pointer (&summary), FALSE);
      g_ptr_array_add (file->timeline, event);
      g_ptr_array_add (file->assessments, item);
    }
}

static void
add_plan_goals (YkCaseFile *file, const YkCaseScope *scope, GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      YkDbCasePlanGoal *g = rows->pdata[i];
      const YkPlanGoalRecord *r = &g->record;
      gboolean reviewed = !empty (r->review_date);
      g_autoptr (GString) summary = g_string_new (NULL);
      YkCaseEvent *event;

      if (!empty (r->target_date))
        {
          g_autofree char *target = g_strdup_printf (_("target %s"), r->target_date);
          add_part (summary, target);
        }
      if (reviewed)
        {
          g_autofree char *review = g_strdup_printf (_("reviewed %s"), r->review_date);
          add_part (summary, review);
        }
      add_part (summary, r->progress);

      /* The plan list holds every goal; the timeline shows each at its
       * review, or on the day it was set. */
      event = event_new (scope, YK_CASE_EVENT_PLAN_GOAL, "plan_goals", r->id,
                         reviewed ? r->review_date : g->created_on, &g->v);
      event->title = reviewed ? g_strdup_printf (_("Plan review: %s"), r->goal)
                              : g_strdup_printf (_("Plan goal set: %s"), r->goal);
      event->summary = g_strdup (summary->str);
      g_ptr_array_add (file->timeline, event);

      event = event_new (scope, YK_CASE_EVENT_PLAN_GOAL, "plan_goals", r->id, g->created_on, &g->v);
      event->title = g_strdup (r->goal);
      event->summary = g_string_free (g_steal_pointer (&summary), FALSE);
      g_ptr_array_add (file->plan_goals, event);
    }
}

static YkCaseEvent *
referral_event (const YkCaseScope *scope, const YkDbCaseReferral *row)
{
  const YkReferralRecord *r = &row->record;
  YkCaseEvent *event = event_new (scope, YK_CASE_EVENT_REFERRAL, "referrals", r->id, r->date, &row->v);
  g_autoptr (GString) summary = g_string_new (NULL);

  if (!empty (r->to_whom))
    /* TRANSLATORS: %1$s is a kind of service (Hospital), %2$s its name */
    event->title = g_strdup_printf (_("Referred to %1$s: %2$s"), referral_kind_label (r->to_kind), r->to_whom);
  else
    event->title = g_strdup_printf (_("Referred to %1$s"), referral_kind_label (r->to_kind));
  add_part (summary, r->reason);
  if (!empty (r->outcome))
    {
      g_autofree char *outcome = g_strdup_printf (_("outcome: %s"), r->outcome);
      add_part (summary, outcome);
    }
  event->summary = g_string_free (g_steal_pointer (&summary), FALSE);
  return event;
}

static void
add_referrals (YkCaseFile *file, const YkCaseScope *scope, GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      g_ptr_array_add (file->timeline, referral_event (scope, rows->pdata[i]));
      g_ptr_array_add (file->referrals, referral_event (scope, rows->pdata[i]));
    }
}

static void
add_family (YkCaseFile *file, const YkCaseScope *scope, GPtrArray *rows)
{
  for (guint i = 0; i < rows->len; i++)
    {
      YkDbCaseFamily *f = rows->pdata[i];
      YkCaseEvent *event = event_new (scope, YK_CASE_EVENT_FAMILY, "family_members", f->record.id, NULL, &f->v);
      g_autoptr (GString) summary = g_string_new (NULL);

      event->title = g_strdup (f->record.name);
      add_part (summary, f->record.relation);
      add_part (summary, f->record.phone);
      event->summary = g_string_free (g_steal_pointer (&summary), FALSE);
      g_ptr_array_add (file->family, event);
    }
}

/* Intake and, once it has left the programme, the status change. */
static void
add_case_events (YkCaseFile *file, const YkCaseScope *scope)
{
  const YkClientRecord *c = file->client;
  YkCaseEvent *event;

  event = event_new (scope, YK_CASE_EVENT_INTAKE, NULL, c->id, c->intake_date, NULL);
  event->title = g_strdup (_("Case file opened"));
  event->summary = g_strdup_printf (_("informed consent %s"), c->consent_date ? c->consent_date : "");
  g_ptr_array_add (file->timeline, event);

  if (!empty (c->status) && !g_str_equal (c->status, "active") && !empty (c->status_date))
    {
      event = event_new (scope, YK_CASE_EVENT_STATUS, NULL, c->id, c->status_date, NULL);
      event->title = g_strdup (yk_case_status_label (c->status));
      event->summary = g_strdup (c->status_reason ? c->status_reason : "");
      g_ptr_array_add (file->timeline, event);
    }
}

/* Newest first; on the same day, the one written down last first (the
 * intake, written before anything, last). */
static int
compare_events (gconstpointer a, gconstpointer b)
{
  const YkCaseEvent *x = *(YkCaseEvent *const *) a;
  const YkCaseEvent *y = *(YkCaseEvent *const *) b;
  int by_date = g_strcmp0 (y->date, x->date);
  int by_recording = g_strcmp0 (y->recorded_at, x->recorded_at);

  if (by_date != 0)
    return by_date;
  if (by_recording != 0)
    return by_recording;
  if (x->kind != y->kind)
    return (int) y->kind - (int) x->kind;
  return x->id < y->id ? 1 : x->id > y->id ? -1 : 0;
}

static int
compare_assessments (gconstpointer a, gconstpointer b)
{
  const YkCaseAssessment *x = *(YkCaseAssessment *const *) a;
  const YkCaseAssessment *y = *(YkCaseAssessment *const *) b;
  int by_date = g_strcmp0 (x->date, y->date);

  return by_date != 0 ? by_date : (x->id > y->id) - (x->id < y->id);
}

static int
compare_assessment_rows (gconstpointer a, gconstpointer b)
{
  const YkDbCaseAssessment *x = *(YkDbCaseAssessment *const *) a;
  const YkDbCaseAssessment *y = *(YkDbCaseAssessment *const *) b;
  int by_date = g_strcmp0 (x->record.date, y->record.date);

  return by_date != 0 ? by_date : (x->record.id > y->record.id) - (x->record.id < y->record.id);
}

static GPtrArray *
choices_from (GPtrArray *rows)
{
  GPtrArray *choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_free);

  for (guint i = 0; i < rows->len; i++)
    {
      YkDbCaseChoice *row = rows->pdata[i];
      YkCaseChoice *choice = g_new0 (YkCaseChoice, 1);

      choice->id = row->id;
      choice->name = g_strdup (row->name);
      choice->site_id = row->site_id;
      choice->active = row->active;
      g_ptr_array_add (choices, choice);
    }
  return choices;
}

static const char *
choice_name (GPtrArray *choices, gint64 id)
{
  for (guint i = 0; i < choices->len; i++)
    if (((YkCaseChoice *) choices->pdata[i])->id == id)
      return ((YkCaseChoice *) choices->pdata[i])->name;
  return NULL;
}

static YkCaseFile *
case_file_load (sqlite3           *db,
                const YkCaseScope *scope,
                gint64             client_id,
                GError           **error)
{
  g_autoptr (YkCaseFile) file = g_new0 (YkCaseFile, 1);
  g_autoptr (GPtrArray) contacts = NULL, attendances = NULL, assessments = NULL;
  g_autoptr (GPtrArray) family = NULL, goals = NULL, referrals = NULL, sites = NULL, staff = NULL;
  gint64 voided = voided_of (scope);
  GError *local_error = NULL;

  file->client = yk_db_client_get (db, client_id, scope->site_scope, &local_error);
  if (file->client == NULL || (file->client->voided_at != NULL && !scope->coordinator))
    {
      /* A read that failed is reported as such; a person out of scope is
       * simply not there (yk_casework_open_client()). */
      if (local_error != NULL && !g_error_matches (local_error, YK_DB_ERROR, YK_DB_ERROR_FAILED))
        {
          g_propagate_error (error, local_error);
          return NULL;
        }
      g_clear_error (&local_error);
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no such service user"));
      return NULL;
    }

  if ((contacts = yk_db_case_contacts (db, client_id, voided, error)) == NULL ||
      (attendances = yk_db_case_attendances (db, client_id, voided, error)) == NULL ||
      (assessments = yk_db_case_assessments (db, client_id, voided, error)) == NULL ||
      (family = yk_db_case_family (db, client_id, voided, error)) == NULL ||
      (goals = yk_db_case_plan_goals (db, client_id, voided, error)) == NULL ||
      (referrals = yk_db_case_referrals (db, client_id, voided, error)) == NULL ||
      (sites = yk_db_case_sites (db, error)) == NULL ||
      (staff = yk_db_case_staff (db, error)) == NULL)
    return NULL;
  file->transferred_from_id = yk_transfer_partner_on (db, scope->site_scope, file->client->transferred_from_case_no);
  file->transferred_to_id = yk_transfer_partner_on (db, scope->site_scope, file->client->transferred_to_case_no);
  file->condition = yk_db_case_last_condition (db, client_id, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }

  file->timeline = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  file->family = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  file->plan_goals = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  file->referrals = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  file->assessments = g_ptr_array_new_with_free_func ((GDestroyNotify) assessment_free);
  file->sites = choices_from (sites);
  file->workers = choices_from (staff);
  /* A social worker is offered their own site's staff, and whoever the
   * person is assigned to: another site's people are not theirs to see. */
  for (guint i = file->workers->len; scope->site_scope != 0 && i > 0; i--)
    {
      YkCaseChoice *choice = file->workers->pdata[i - 1];

      if (choice->site_id != scope->site_scope && choice->id != file->client->worker_id)
        g_ptr_array_remove_index (file->workers, i - 1);
    }
  file->site_name = g_strdup (choice_name (file->sites, file->client->site_id));
  file->worker_name = g_strdup (choice_name (file->workers, file->client->worker_id));
  file->warning = file->client->risk_level >= 3 || g_strcmp0 (file->condition, "unstable") == 0;

  g_ptr_array_sort (assessments, compare_assessment_rows);
  add_case_events (file, scope);
  add_contacts (file, scope, contacts);
  add_attendances (file, scope, attendances);
  add_assessments (file, scope, assessments);
  add_plan_goals (file, scope, goals);
  add_referrals (file, scope, referrals);
  add_family (file, scope, family);
  g_ptr_array_sort (file->timeline, compare_events);
  g_ptr_array_sort (file->referrals, compare_events);
  g_ptr_array_sort (file->assessments, compare_assessments);
  return g_steal_pointer (&file);
}

YkCaseFile *
yk_case_file_load (YkReader *reader,
                   gint64    client_id,
                   GError  **error)
{
  YkCaseScope scope;

  g_return_val_if_fail (reader != NULL, NULL);

  case_scope_init (&scope, reader);
  return case_file_load (_yk_reader_get_db (reader), &scope, client_id, error);
}

YkCaseFile *
yk_case_file_open (YkSession *session,
                   gint64     client_id,
                   GError   **error)
{
  g_autoptr (YkClientRecord) client = yk_casework_open_client (session, client_id, error);
  g_autoptr (YkReader) reader = NULL;

  if (client == NULL)
    return NULL;
  reader = yk_reader_new_for_session (session);
  return yk_case_file_load (reader, client_id, error);
}

gboolean
yk_case_file_save_profile (YkSession            *session,
                           const YkClientRecord *record,
                           const char          **field,
                           GError              **error)
{
  g_autoptr (YkClientRecord) client = NULL;
  g_autofree char *first_contact = NULL;
  GError *local_error = NULL;
  GDate today;

  if (field != NULL)
    *field = NULL;
  /* Whether the person is there for this session comes first: another
   * site's case answers as one that does not exist, before any rule can
   * say something about it (such as its first contact's date). */
  if ((client = yk_recording_client (session, record->id, error)) == NULL)
    return FALSE;
  yk_date_today (&today);
  if (!yk_client_validate (record, &today, field, error))
    return FALSE;
  first_contact = yk_db_client_first_contact_date (yk_store_get_connection (yk_session_get_store (session)),
                                                   record->id, NULL);
  if (first_contact != NULL && g_strcmp0 (record->intake_date, first_contact) > 0)
    {
      if (field != NULL)
        *field = "intake_date";
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("There is a contact on %1$s, before this intake date"), first_contact);
      return FALSE;
    }
  if (!yk_casework_update_client (session, record, &local_error))
    {
      if (g_error_matches (local_error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN) && field != NULL)
        *field = "site";
      else if (g_error_matches (local_error, YK_APP_ERROR, YK_APP_ERROR_DUPLICATE) && field != NULL)
        *field = "id_number";
      g_propagate_error (error, local_error);
      return FALSE;
    }
  return TRUE;
}
