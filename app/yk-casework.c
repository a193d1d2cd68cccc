/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-casework.h"
#include "yk-training.h"
#include "yk-app-error.h"
#include "yk-audit-words.h"
#include "yk-case-file.h"
#include "yk-db-activities.h"
#include "yk-db-admin.h"
#include "yk-db-recording.h"
#include "yk-db-staff.h"
#include "yk-db-transfer.h"
#include "yk-record-rules.h"
#include "yk-validate.h"

#include <glib/gi18n.h>
#include <string.h>

static sqlite3 *
db_of (YkSession *session)
{
  return yk_store_get_connection (yk_session_get_store (session));
}

/* 0 (every site) for a coordinator; a social worker's own site. */
gint64
yk_casework_site_scope (YkSession *session)
{
  return yk_session_get_role (session) == YK_ROLE_COORDINATOR ? 0 : yk_session_get_site_id (session);
}

static gboolean
invalid (GError **error, GError *reason, const char *field)
{
  /* TRANSLATORS: %1$s is a field's label, %2$s what is wrong with it */
  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, _("%1$s: %2$s"), yk_record_field_label (field),
               reason->message);
  g_error_free (reason);
  return FALSE;
}

static gboolean
check_site_allowed (YkSession *session, gint64 site_id, GError **error)
{
  gint64 scope = yk_casework_site_scope (session);

  if (scope == 0 || scope == site_id)
    return TRUE;
  g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN,
                       _("A social worker records only for their own site"));
  return FALSE;
}

/* Whom a social worker's record may name as its worker: their own site's
 * active staff or themselves (yk_recording_workers()), or `kept`, the
 * one the record already names. Another site's staff member answers as
 * one that does not exist: the case file and the timeline would show
 * their name. A coordinator names anyone. */
static gboolean
check_worker_allowed (YkSession *session, gint64 worker_id, gint64 kept, GError **error)
{
  gint64 scope = yk_casework_site_scope (session);
  g_autoptr (GPtrArray) staff = NULL;

  if (scope == 0 || worker_id <= 0 || worker_id == kept || worker_id == yk_session_get_staff_id (session))
    return TRUE;
  staff = yk_db_recording_staff (db_of (session), scope, yk_session_get_staff_id (session), error);
  if (staff == NULL)
    return FALSE;
  for (guint i = 0; i < staff->len; i++)
    if (((YkStaffRow *) staff->pdata[i])->id == worker_id)
      return TRUE;
  g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no such social worker"));
  return FALSE;
}

/* The service user, if this session may see them and they are not voided.
 * Another site's person is "not found", never "forbidden": a social
 * worker learns nothing of other sites, not even who exists there. */
static YkClientRecord *
visible_client (YkSession *session, gint64 client_id, GError **error)
{
  YkClientRecord *client = yk_db_client_get (db_of (session), client_id, yk_casework_site_scope (session), NULL);

  if (client == NULL || client->voided_at != NULL)
    {
      yk_client_record_free (client);
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no such service user"));
      return NULL;
    }
  return client;
}

/* docs/design/file-format.md, "Consent": once a person has withdrawn
 * their consent, nothing new is recorded for them, whatever its date;
 * what was recorded before stays and still counts. */
gboolean
yk_casework_check_consent (const YkClientRecord *client,
                           GError              **error)
{
  g_return_val_if_fail (client != NULL, FALSE);

  if (client->consent_withdrawn_date == NULL)
    return TRUE;
  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_CONSENT_WITHDRAWN,
               /* TRANSLATORS: %1$s is a case number, %2$s a date */
               _("%1$s withdrew their consent on %2$s: nothing new can be recorded for them"),
               client->case_no, client->consent_withdrawn_date);
  return FALSE;
}

/* The service user a new record is for: visible to this session, and
 * still consenting. */
static YkClientRecord *
recordable_client (YkSession *session, gint64 client_id, GError **error)
{
  YkClientRecord *client = visible_client (session, client_id, error);

  if (client != NULL && !yk_casework_check_consent (client, error))
    g_clear_pointer (&client, yk_client_record_free);
  return client;
}

/* docs/design/transfer.md: after a transfer, the person's new records
 * belong on the new case file, where they count for the new site; the
 * old case keeps only what happened up to the transfer date. */
static gboolean
check_not_transferred (const YkClientRecord *client, const char *date, GError **error)
{
  if (client->transferred_to_case_no == NULL || client->status_date == NULL || date == NULL ||
      g_strcmp0 (date, client->status_date) <= 0)
    return TRUE;
  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
               /* TRANSLATORS: %1$s and %3$s are case numbers, %2$s a date */
               _("%1$s moved to another site on %2$s: record this on the new case file, %3$s"),
               client->case_no, client->status_date, client->transferred_to_case_no);
  return FALSE;
}

/* A new record dated `date` for the service user: recordable, and not
 * after their case moved to another site. */
static YkClientRecord *
recordable_client_on (YkSession *session, gint64 client_id, const char *date, GError **error)
{
  YkClientRecord *client = recordable_client (session, client_id, error);

  if (client != NULL && !check_not_transferred (client, date, error))
    g_clear_pointer (&client, yk_client_record_free);
  return client;
}

/* The same for a family member's records: they are kept in their
 * service user's case file, and leave with it. */
static gboolean
family_recordable (YkSession *session, gint64 family_id, GError **error)
{
  g_autoptr (YkClientRecord) client = NULL;
  gint64 client_id = yk_db_family_client (db_of (session), family_id);

  if (client_id == 0)
    return TRUE; /* the caller says there is no such family member */
  client = yk_db_client_get (db_of (session), client_id, 0, NULL);
  return client == NULL || yk_casework_check_consent (client, error);
}

/* Writes one record and its audit row together. */
typedef gboolean (*InsertFunc) (sqlite3 *db, gconstpointer record, gint64 staff_id, gint64 *id, GError **error);

static gboolean
write_audited (YkSession     *session,
               const char    *table,
               InsertFunc     insert,
               gconstpointer  record,
               gint64        *id_out,
               GError       **error)
{
  sqlite3 *db = db_of (session);
  gint64 id = 0;

  if (!yk_db_begin (db, error))
    return FALSE;
  if (!insert (db, record, yk_session_get_staff_id (session), &id, error) ||
      !yk_session_audit (session, "insert", table, id, NULL, error) ||
      !yk_db_commit (db, error))
    {
      yk_db_rollback (db);
      return FALSE;
    }
  if (id_out)
    *id_out = id;
  return TRUE;
}

GPtrArray *
yk_casework_find_duplicates (YkSession            *session,
                             const YkClientRecord *candidate,
                             GError              **error)
{
  GPtrArray *rows;

  g_return_val_if_fail (candidate != NULL, NULL);
  rows = yk_db_client_find_duplicates (db_of (session), candidate->id_number, candidate->name,
                                       candidate->birth_date, candidate->id, yk_casework_site_scope (session),
                                       error);
  if (rows == NULL)
    return NULL;
  /* Another site's case, for a social worker: that it exists, not whose. */
  for (guint i = 0; i < rows->len; i++)
    {
      YkDbDuplicate *d = rows->pdata[i];

      if (d->visible)
        continue;
      d->id = 0;
      d->site_id = 0;
      g_clear_pointer (&d->case_no, g_free);
      g_clear_pointer (&d->name, g_free);
      g_clear_pointer (&d->site_name, g_free);
      g_clear_pointer (&d->status, g_free);
    }
  return rows;
}

gboolean
yk_casework_duplicates_by_id (GPtrArray *duplicates)
{
  for (guint i = 0; duplicates != NULL && i < duplicates->len; i++)
    if (((YkDbDuplicate *) duplicates->pdata[i])->same_id_number)
      return TRUE;
  return FALSE;
}

char *
yk_casework_describe_duplicate (const YkDbDuplicate *d)
{
  if (!d->visible)
    return g_strdup (d->same_id_number ? _("A case at another site has the same resident ID number")
                                       : _("A case at another site has the same name and birth date"));
  return g_strdup_printf (d->same_id_number ? _("%1$s %2$s (%3$s, %4$s): the same resident ID number")
                                            : _("%1$s %2$s (%3$s, %4$s): the same name and birth date"),
                          d->case_no, d->name, d->site_name, yk_case_status_label (d->status));
}

/* The intake check, for a new case file: FALSE, naming what is on file,
 * unless every match is by name and birth date and `namesake` gives the
 * reason to go on. */
/* The case files a transfer (迁移) links `from_id` to, itself included:
 * the one it came from, and so on back (the same person, moved). */
static GArray *
transfer_chain (sqlite3 *db, gint64 from_id)
{
  GArray *ids = g_array_new (FALSE, FALSE, sizeof (gint64));

  while (from_id > 0 && ids->len < 100)
    {
      g_autoptr (YkClientRecord) c = yk_db_client_get (db, from_id, 0, NULL);

      if (c == NULL)
        break;
      g_array_append_val (ids, from_id);
      from_id = c->transferred_from_case_no != NULL ? yk_db_client_find_case_no (db, c->transferred_from_case_no, NULL)
                                                    : 0;
      for (guint i = 0; i < ids->len; i++)
        if (g_array_index (ids, gint64, i) == from_id)
          from_id = 0;
    }
  return ids;
}

static gboolean
check_duplicates (YkSession *session, const YkClientRecord *record, const char *namesake, gint64 transferred_from,
                  GError **error)
{
  g_autoptr (GPtrArray) found = yk_casework_find_duplicates (session, record, error);
  g_autoptr (GString) text = NULL;
  gboolean by_id;

  if (found == NULL)
    return FALSE;
  /* A transfer's new case file: the person's earlier ones are no second
   * case file made by mistake. */
  if (transferred_from > 0)
    {
      g_autoptr (GArray) chain = transfer_chain (db_of (session), transferred_from);

      for (guint i = found->len; i > 0; i--)
        for (guint k = 0; k < chain->len; k++)
          if (((YkDbDuplicate *) found->pdata[i - 1])->id == g_array_index (chain, gint64, k))
            {
              g_ptr_array_remove_index (found, i - 1);
              break;
            }
    }
  if (found->len == 0)
    return TRUE;
  by_id = yk_casework_duplicates_by_id (found);
  if (!by_id && namesake != NULL)
    return TRUE;
  text = g_string_new (NULL);
  for (guint i = 0; i < found->len; i++)
    {
      g_autofree char *line = yk_casework_describe_duplicate (found->pdata[i]);

      if (i > 0)
        g_string_append (text, "; ");
      g_string_append (text, line);
    }
  if (by_id)
    g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_DUPLICATE,
                 _("This person already has a case file: %1$s"), text->str);
  else
    g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_DUPLICATE,
                 _("This person may already have a case file: %1$s. A true namesake needs a reason"), text->str);
  return FALSE;
}

static gboolean
add_client (YkSession      *session,
            YkClientRecord *record,
            const char     *namesake,
            gint64          transferred_from,
            gint64         *id_out,
            GError        **error)
{
  g_autofree char *detail = NULL;
  GError *reason = NULL;
  const char *field = NULL;
  sqlite3 *db = db_of (session);
  gint64 id = 0;
  GDate today;

  yk_date_today (&today);
  if (record->site_id <= 0 && yk_casework_site_scope (session) > 0)
    record->site_id = yk_casework_site_scope (session);
  if (!yk_client_validate (record, &today, &field, &reason))
    return invalid (error, reason, field);
  if (!check_site_allowed (session, record->site_id, error) ||
      !check_worker_allowed (session, record->worker_id, 0, error))
    return FALSE;
  if (yk_db_client_find_case_no (db, record->case_no, NULL) != 0)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("%1$s: %2$s is already in use"), yk_record_field_label ("case_no"), record->case_no);
      return FALSE;
    }
  if (!check_duplicates (session, record, namesake, transferred_from, error))
    return FALSE;
  /* The reason a namesake went on: in the audit row of the insert, where
   * every other reason (a void's, a withdrawal's) is kept too. */
  if (namesake != NULL)
    detail = g_strdup_printf ("namesake: %s", namesake);
  if (!yk_db_begin (db, error))
    return FALSE;
  if (transferred_from > 0 && detail == NULL)
    {
      g_autoptr (YkClientRecord) from = yk_db_client_get (db, transferred_from, 0, NULL);

      detail = g_strdup_printf ("transferred_from: %s", from != NULL ? from->case_no : "");
    }
  if (!yk_db_client_insert (db, record, yk_session_get_staff_id (session), &id, error) ||
      (transferred_from > 0 && !yk_db_transfer_link (db, transferred_from, id, error)) ||
      !yk_session_audit (session, "insert", "clients", id, detail, error) ||
      !yk_db_commit (db, error))
    {
      yk_db_rollback (db);
      return FALSE;
    }
  if (id_out)
    *id_out = id;
  return TRUE;
}

gboolean
yk_casework_add_client (YkSession      *session,
                        YkClientRecord *record,
                        gint64         *id,
                        GError        **error)
{
  return add_client (session, record, NULL, 0, id, error);
}

gboolean
yk_casework_add_client_transferred (YkSession      *session,
                                    YkClientRecord *record,
                                    gint64          from_id,
                                    gint64         *id,
                                    GError        **error)
{
  g_return_val_if_fail (from_id > 0, FALSE);
  return add_client (session, record, NULL, from_id, id, error);
}

gboolean
yk_casework_add_client_namesake (YkSession      *session,
                                 YkClientRecord *record,
                                 const char     *reason,
                                 gint64         *id,
                                 GError        **error)
{
  g_autofree char *trimmed = g_strstrip (g_strdup (reason != NULL ? reason : ""));

  if (*trimmed == '\0')
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("Going on with a namesake needs a reason"));
      return FALSE;
    }
  return add_client (session, record, trimmed, 0, id, error);
}

/* The intake check, when a correction changes the resident ID number:
 * the number must not be another live case's (a case this one was
 * transferred from or to is the same person, and may share it). A name
 * or birth date corrected to a namesake's is not refused: at intake a
 * reason lets a namesake through, and the person is on file already. */
static gboolean
check_corrected_id_number (YkSession            *session,
                           const YkClientRecord *current,
                           const YkClientRecord *record,
                           GError              **error)
{
  g_autofree char *before = yk_db_id_number_normalise (current->id_number);
  g_autofree char *after = yk_db_id_number_normalise (record->id_number);
  g_autoptr (GPtrArray) found = NULL;
  g_autoptr (GString) text = NULL;
  YkClientRecord by_number = { 0 };

  if (after == NULL || g_strcmp0 (before, after) == 0)
    return TRUE;
  by_number.id = record->id;
  by_number.id_number = after;
  if ((found = yk_casework_find_duplicates (session, &by_number, error)) == NULL)
    return FALSE;
  text = g_string_new (NULL);
  for (guint i = 0; i < found->len; i++)
    {
      const YkDbDuplicate *d = found->pdata[i];
      g_autofree char *line = NULL;

      if (!d->same_id_number || (d->case_no != NULL && (g_strcmp0 (d->case_no, current->transferred_from_case_no) == 0 ||
                                                        g_strcmp0 (d->case_no, current->transferred_to_case_no) == 0)))
        continue;
      line = yk_casework_describe_duplicate (d);
      if (text->len > 0)
        g_string_append (text, "; ");
      g_string_append (text, line);
    }
  if (text->len == 0)
    return TRUE;
  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_DUPLICATE, _("%1$s: %2$s"), yk_record_field_label ("id_number"),
               text->str);
  return FALSE;
}

gboolean
yk_casework_update_client (YkSession            *session,
                           const YkClientRecord *record,
                           GError              **error)
{
  g_autoptr (YkClientRecord) current = visible_client (session, record->id, error);
  g_autofree char *first_contact = NULL;
  GError *reason = NULL;
  const char *field = NULL;
  sqlite3 *db = db_of (session);
  GDate today;

  if (current == NULL)
    return FALSE;
  yk_date_today (&today);
  if (!yk_client_validate (record, &today, &field, &reason))
    return invalid (error, reason, field);
  if (!check_site_allowed (session, record->site_id, error) ||
      !check_worker_allowed (session, record->worker_id, current->worker_id, error))
    return FALSE;
  /* The withdrawal closed the case for good: a person who consents again
   * is taken in as a new case file. */
  if (current->consent_withdrawn_date != NULL &&
      (g_strcmp0 (record->status, current->status) != 0 || g_strcmp0 (record->status_date, current->status_date) != 0 ||
       g_strcmp0 (record->status_reason, current->status_reason) != 0))
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_CONSENT_WITHDRAWN,
                   _("%1$s: the case was closed when consent was withdrawn on %2$s, and stays closed"),
                   yk_record_field_label ("status"), current->consent_withdrawn_date);
      return FALSE;
    }
  if (!check_corrected_id_number (session, current, record, error))
    return FALSE;
  first_contact = yk_db_client_first_contact_date (db, record->id, NULL);
  if (first_contact != NULL && g_strcmp0 (record->intake_date, first_contact) > 0)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                   _("%1$s: there is a contact on %2$s, before this intake date"),
                   yk_record_field_label ("intake_date"), first_contact);
      return FALSE;
    }
  if (!yk_db_begin (db, error))
    return FALSE;
  if (!yk_db_client_update (db, record, error) ||
      !yk_session_audit (session, "update", "clients", record->id, NULL, error) ||
      !yk_db_commit (db, error))
    {
      yk_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* Opening a case file is written to the audit trail. A coordinator also
 * sees a voided one; a social worker does not. */
YkClientRecord *
yk_casework_open_client (YkSession *session,
                         gint64     id,
                         GError   **error)
{
  YkClientRecord *client = yk_db_client_get (db_of (session), id, yk_casework_site_scope (session), NULL);

  if (client == NULL || (client->voided_at != NULL && yk_session_get_role (session) != YK_ROLE_COORDINATOR))
    {
      yk_client_record_free (client);
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no such service user"));
      return NULL;
    }
  if (!yk_session_audit (session, "open_case", "clients", id, NULL, error))
    {
      yk_client_record_free (client);
      return NULL;
    }
  return client;
}

gboolean
yk_casework_add_contact (YkSession       *session,
                         YkContactRecord *record,
                         gint64          *id,
                         GError         **error)
{
  g_autoptr (YkClientRecord) client = recordable_client_on (session, record->client_id, record->date, error);
  sqlite3 *db = db_of (session);
  GError *reason = NULL;
  const char *field = NULL;
  gint64 new_id = 0;
  GDate today;

  if (client == NULL)
    return FALSE;
  yk_date_today (&today);
  if (record->worker_id == 0)
    record->worker_id = yk_session_get_staff_id (session);
  if (!check_worker_allowed (session, record->worker_id, 0, error))
    return FALSE;
  if (!yk_contact_validate (record, client->intake_date, &today, &field, &reason))
    return invalid (error, reason, field);

  if (!yk_db_begin (db, error))
    return FALSE;
  if (!yk_db_contact_insert (db, record, yk_session_get_staff_id (session), &new_id, error) ||
      /* The risk level observed at a reached contact is the person's current one. */
      (record->reached && record->risk_level >= 0 &&
       !yk_db_client_set_risk (db, record->client_id, record->risk_level, error)) ||
      !yk_session_audit (session, "insert", "contacts", new_id, NULL, error) ||
      !yk_db_commit (db, error))
    {
      yk_db_rollback (db);
      return FALSE;
    }
  if (id)
    *id = new_id;
  return TRUE;
}

gboolean
yk_casework_add_family (YkSession      *session,
                        YkFamilyRecord *record,
                        gint64         *id,
                        GError        **error)
{
  g_autoptr (YkClientRecord) client = recordable_client (session, record->client_id, error);
  GError *reason = NULL;
  const char *field = NULL;

  if (client == NULL)
    return FALSE;
  if (!yk_family_validate (record, &field, &reason))
    return invalid (error, reason, field);
  return write_audited (session, "family_members", (InsertFunc) yk_db_family_insert, record, id, error);
}

gboolean
yk_casework_add_assessment (YkSession          *session,
                            YkAssessmentRecord *record,
                            gint64             *id,
                            GError            **error)
{
  g_autoptr (YkClientRecord) client = recordable_client_on (session, record->client_id, record->date, error);
  GError *reason = NULL;
  const char *field = NULL;
  GDate today;

  if (client == NULL)
    return FALSE;
  yk_date_today (&today);
  if (!yk_assessment_validate (record, client->intake_date, &today, &field, &reason))
    return invalid (error, reason, field);
  return write_audited (session, "assessments", (InsertFunc) yk_db_assessment_insert, record, id, error);
}

gboolean
yk_casework_add_activity (YkSession        *session,
                          YkActivityRecord *record,
                          gint64           *id,
                          GError          **error)
{
  GError *reason = NULL;
  const char *field = NULL;
  GDate today;

  yk_date_today (&today);
  if (record->site_id <= 0 && yk_casework_site_scope (session) > 0)
    record->site_id = yk_casework_site_scope (session);
  if (!yk_activity_validate (record, &today, &field, &reason))
    return invalid (error, reason, field);
  if (!check_site_allowed (session, record->site_id, error))
    return FALSE;
  return write_audited (session, "activities", (InsertFunc) yk_db_activity_insert, record, id, error);
}

/* The audit detail of an activity's correction: which fields changed,
 * with the old and new date and head count (the figures they move). The
 * texts are named, never copied: a title or facilitator may name someone. */
static char *
activity_changes (const YkActivityRow *old, const YkActivityRecord *new)
{
  GString *detail = g_string_new (NULL);

  if (g_strcmp0 (old->date, new->date) != 0)
    g_string_append_printf (detail, "; activity_date %s→%s", old->date, new->date);
  if (g_strcmp0 (old->title, new->title) != 0)
    g_string_append (detail, "; title");
  if (g_strcmp0 (old->category, new->category) != 0)
    g_string_append (detail, "; category");
  if (g_strcmp0 (old->facilitator, new->facilitator) != 0)
    g_string_append (detail, "; facilitator");
  if (old->resident_count != MAX (new->resident_count, 0))
    g_string_append_printf (detail, "; resident_count %d→%d", old->resident_count, new->resident_count);
  if (detail->len > 0)
    g_string_erase (detail, 0, strlen ("; "));
  return g_string_free (detail, detail->len == 0);
}

gboolean
yk_casework_update_activity (YkSession              *session,
                             const YkActivityRecord *record,
                             GError                **error)
{
  sqlite3 *db = db_of (session);
  g_autoptr (YkActivityRow) current = NULL;
  g_autofree char *changes = NULL;
  YkActivityRecord checked = *record;
  GError *reason = NULL;
  const char *field = NULL;
  GDate today;

  /* Another site's activity is "not found", as for a service user. */
  current = yk_db_activity_get (db, record->id, yk_casework_site_scope (session), error);
  if (current == NULL)
    {
      if (error != NULL && *error != NULL)
        return FALSE;
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no such activity"));
      return FALSE;
    }
  /* An activity stays at its site: whoever attended it are that site's
   * people, and moving it would take their attendances elsewhere. */
  if (record->site_id > 0 && record->site_id != current->site_id)
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, _("An activity stays at its site"));
      return FALSE;
    }
  checked.site_id = current->site_id;
  yk_date_today (&today);
  if (!yk_activity_validate (&checked, &today, &field, &reason))
    return invalid (error, reason, field);
  if (!check_site_allowed (session, checked.site_id, error))
    return FALSE;
  changes = activity_changes (current, &checked);
  if (changes == NULL)
    return TRUE;
  if (!yk_db_begin (db, error))
    return FALSE;
  if (!yk_db_activity_update (db, &checked, error) ||
      !yk_session_audit (session, "update", "activities", checked.id, changes, error) ||
      !yk_db_commit (db, error))
    {
      yk_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

typedef struct
{
  gint64 activity_id;
  gint64 client_id;
  gint64 family_id;
} Attendance;

static gboolean
insert_attendance (sqlite3 *db, const Attendance *a, gint64 staff_id, gint64 *id, GError **error)
{
  return yk_db_attendance_insert (db, a->activity_id, a->client_id, a->family_id, staff_id, id, error);
}

gboolean
yk_casework_add_attendance (YkSession *session,
                            gint64     activity_id,
                            gint64     client_id,
                            gint64     family_id,
                            gint64    *id,
                            GError   **error)
{
  Attendance attendance = { activity_id, client_id, family_id };
  YkRecordOwner activity;
  YkRecordOwner person;

  if ((client_id > 0) == (family_id > 0))
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("An attendance is of one service user or one family member"));
      return FALSE;
    }
  if (!yk_db_record_owner (db_of (session), "activities", activity_id, &activity, NULL) || activity.voided ||
      !check_site_allowed (session, activity.site_id, NULL))
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no such activity"));
      return FALSE;
    }
  if (!yk_db_record_owner (db_of (session), client_id > 0 ? "clients" : "family_members",
                           client_id > 0 ? client_id : family_id, &person, NULL) ||
      person.voided || !check_site_allowed (session, person.site_id, NULL))
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND,
                           _("There is no such service user or family member"));
      return FALSE;
    }
  if (client_id > 0)
    {
      g_autoptr (YkClientRecord) client = recordable_client (session, client_id, error);
      if (client == NULL)
        return FALSE;
    }
  else if (!family_recordable (session, family_id, error))
    return FALSE;
  return write_audited (session, "attendances", (InsertFunc) insert_attendance, &attendance, id, error);
}

gboolean
yk_casework_add_questionnaire (YkSession             *session,
                               YkQuestionnaireRecord *record,
                               gint64                *id,
                               GError               **error)
{
  GError *reason = NULL;
  const char *field = NULL;
  GDate today;

  yk_date_today (&today);
  if (record->site_id <= 0 && yk_casework_site_scope (session) > 0)
    record->site_id = yk_casework_site_scope (session);
  if (!yk_questionnaire_validate (record, &today, &field, &reason))
    return invalid (error, reason, field);
  if (!check_site_allowed (session, record->site_id, error))
    return FALSE;
  if (record->client_id > 0)
    {
      g_autoptr (YkClientRecord) client = recordable_client (session, record->client_id, error);
      if (client == NULL)
        return FALSE;
    }
  if (record->family_id > 0)
    {
      /* A family member belongs to their service user's site. */
      YkRecordOwner person;

      if (!yk_db_record_owner (db_of (session), "family_members", record->family_id, &person, NULL) ||
          person.voided || !check_site_allowed (session, person.site_id, NULL))
        {
          g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no such family member"));
          return FALSE;
        }
      if (!family_recordable (session, record->family_id, error))
        return FALSE;
    }
  return write_audited (session, "questionnaires", (InsertFunc) yk_db_questionnaire_insert, record, id, error);
}

gboolean
yk_casework_add_plan_goal (YkSession        *session,
                           YkPlanGoalRecord *record,
                           gint64           *id,
                           GError          **error)
{
  g_autoptr (YkClientRecord) client = recordable_client (session, record->client_id, error);
  GError *reason = NULL;
  const char *field = NULL;

  if (client == NULL)
    return FALSE;
  if (!yk_plan_goal_validate (record, &field, &reason))
    return invalid (error, reason, field);
  return write_audited (session, "plan_goals", (InsertFunc) yk_db_plan_goal_insert, record, id, error);
}

gboolean
yk_casework_add_referral (YkSession        *session,
                          YkReferralRecord *record,
                          gint64           *id,
                          GError          **error)
{
  g_autoptr (YkClientRecord) client = recordable_client_on (session, record->client_id, record->date, error);
  GError *reason = NULL;
  const char *field = NULL;
  GDate today;

  if (client == NULL)
    return FALSE;
  yk_date_today (&today);
  if (!yk_referral_validate (record, client->intake_date, &today, &field, &reason))
    return invalid (error, reason, field);
  return write_audited (session, "referrals", (InsertFunc) yk_db_referral_insert, record, id, error);
}

/* Nothing is deleted: a wrong record is voided, with a reason, by its
 * author or a coordinator. It stays visible to coordinators and leaves
 * every figure. */
gboolean
yk_casework_void (YkSession  *session,
                  const char *table,
                  gint64      id,
                  const char *reason,
                  GError    **error)
{
  g_autofree char *why = g_strstrip (g_strdup (reason ? reason : ""));
  gboolean coordinator = yk_session_get_role (session) == YK_ROLE_COORDINATOR;
  sqlite3 *db = db_of (session);
  YkRecordOwner owner;

  /* A training session is no site's: its own rules (coordinator only). */
  if (g_strcmp0 (table, "training_sessions") == 0)
    return yk_training_void (session, id, reason, error);
  if (!yk_db_is_record_table (table))
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, _("“%1$s” records cannot be voided"), table);
      return FALSE;
    }
  if (*why == '\0')
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID,
                           _("Say why the record is wrong"));
      return FALSE;
    }
  if (!yk_db_record_owner (db, table, id, &owner, NULL) || !check_site_allowed (session, owner.site_id, NULL))
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no such record"));
      return FALSE;
    }
  if (owner.voided)
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, _("This record is already voided"));
      return FALSE;
    }
  if (!coordinator && owner.created_by != yk_session_get_staff_id (session))
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN,
                           _("Only the person who recorded it, or a coordinator, can void a record"));
      return FALSE;
    }
  if (!yk_db_begin (db, error))
    return FALSE;
  if (!yk_db_void (db, table, id, yk_session_get_staff_id (session), why, error) ||
      !yk_session_audit (session, "void", table, id, why, error) ||
      !yk_db_commit (db, error))
    {
      yk_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* --- consent --- */

/* The person's responsible worker, or a coordinator (a case with no
 * responsible worker: any social worker of its site, as for its status). */
static gboolean
check_consent_role (YkSession *session, const YkClientRecord *client, GError **error)
{
  if (yk_session_get_role (session) == YK_ROLE_COORDINATOR || client->worker_id == 0 ||
      client->worker_id == yk_session_get_staff_id (session))
    return TRUE;
  g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN,
                       _("Only the person’s responsible social worker, or a coordinator, can record that they "
                         "withdrew their consent"));
  return FALSE;
}

static gboolean
withdrawal_invalid (GError **error, const char **field, const char *key, const char *message)
{
  if (field != NULL)
    *field = key;
  /* TRANSLATORS: %1$s is a field's label, %2$s what is wrong with it */
  g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, _("%1$s: %2$s"), yk_record_field_label (key), message);
  return FALSE;
}

gboolean
yk_casework_withdraw_consent (YkSession   *session,
                              gint64       client_id,
                              const char  *date,
                              const char  *reason,
                              const char **field,
                              GError     **error)
{
  g_autoptr (YkClientRecord) client = visible_client (session, client_id, error);
  g_autofree char *why = g_strstrip (g_strdup (reason ? reason : ""));
  g_autofree char *iso = NULL, *last = NULL, *detail = NULL, *message = NULL;
  g_autoptr (GError) date_error = NULL;
  sqlite3 *db = db_of (session);
  g_autofree char *current_status = NULL;
  const char *rule_field = NULL;
  GError *rule_error = NULL;
  GDate today, withdrawn;

  if (field != NULL)
    *field = NULL;
  if (client == NULL || !check_consent_role (session, client, error))
    return FALSE;
  if (client->consent_withdrawn_date != NULL)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_CONSENT_WITHDRAWN,
                   _("%1$s already withdrew their consent, on %2$s"), client->case_no, client->consent_withdrawn_date);
      return FALSE;
    }
  yk_date_today (&today);
  if (date == NULL || *date == '\0')
    return withdrawal_invalid (error, field, "consent_withdrawn_date", _("This is required"));
  if (!yk_date_parse (date, &withdrawn, &date_error))
    return withdrawal_invalid (error, field, "consent_withdrawn_date", date_error->message);
  iso = yk_date_format_iso (&withdrawn);
  date = iso;
  if (g_date_compare (&withdrawn, &today) > 0)
    {
      message = g_strdup_printf (_("%1$s is in the future"), date);
      return withdrawal_invalid (error, field, "consent_withdrawn_date", message);
    }
  if (g_strcmp0 (date, client->consent_date) < 0 || g_strcmp0 (date, client->intake_date) < 0)
    {
      message = g_strdup_printf (_("%1$s is before the consent was given (%2$s) or the case file opened (%3$s)"),
                                 date, client->consent_date, client->intake_date);
      return withdrawal_invalid (error, field, "consent_withdrawn_date", message);
    }
  /* What was recorded stays recorded and counted: nothing of theirs may
   * then be dated after the withdrawal. */
  last = yk_db_client_last_record_date (db, client_id, NULL);
  if (last != NULL && strcmp (last, date) > 0)
    {
      message = g_strdup_printf (_("a record of theirs is dated %1$s, after %2$s: void it first if it is wrong"),
                                 last, date);
      return withdrawal_invalid (error, field, "consent_withdrawn_date", message);
    }
  if (*why == '\0')
    return withdrawal_invalid (error, field, "consent_withdrawal_reason", _("Say why consent was withdrawn"));

  /* The case closes as a status change closes it (结案, reason 撤回同意),
   * so the timeline and every stock figure see it the same way. One that
   * has already left the programme (closed or referred out) keeps the
   * date it left: moving it to the withdrawal would count the person as
   * active in between. */
  current_status = g_strdup (client->status);
  if (g_strcmp0 (client->status, "active") == 0 || client->status == NULL)
    {
      g_free (client->status);
      client->status = g_strdup ("closed");
      g_free (client->status_date);
      client->status_date = g_strdup (date);
      g_free (client->status_reason);
      client->status_reason = g_strdup (YK_CONSENT_WITHDRAWN_REASON);
    }
  if (!yk_client_validate (client, &today, &rule_field, &rule_error))
    {
      if (field != NULL)
        *field = rule_field;
      return invalid (error, rule_error, rule_field);
    }
  detail = g_strdup_printf ("consent_withdrawn_date: %s; status: %s → %s", date, current_status, client->status);
  if (!yk_db_begin (db, error))
    return FALSE;
  if (!yk_db_consent_withdraw (db, client_id, date, why, error) ||
      !yk_db_client_update (db, client, error) ||
      !yk_session_audit (session, "withdraw_consent", "clients", client_id, detail, error) ||
      !yk_db_commit (db, error))
    {
      yk_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

/* --- corrections --- */

static const char *const correctable_tables[] = { "contacts", "assessments", "plan_goals", "referrals", NULL };

gboolean
yk_casework_is_correctable (const char *table)
{
  return table != NULL && g_strv_contains (correctable_tables, table);
}

/* A week is long enough to notice a slip in one's own notes and short
 * enough that figures already reported are not quietly rewritten: after
 * it, a coordinator corrects, and the audit trail says so. */
gboolean
yk_casework_correction_allowed (gboolean    coordinator,
                                gint64      staff_id,
                                gint64      created_by,
                                const char *created_at,
                                GDateTime  *now)
{
  g_autoptr (GDateTime) at = NULL;

  if (coordinator)
    return TRUE;
  if (created_by == 0 || created_by != staff_id || created_at == NULL)
    return FALSE;
  at = g_date_time_new_from_iso8601 (created_at, NULL);
  return at != NULL && g_date_time_difference (now, at) <= (GTimeSpan) YK_CORRECTION_DAYS * G_TIME_SPAN_DAY;
}

gboolean
yk_casework_may_correct (YkSession  *session,
                         const char *table,
                         gint64      id,
                         GError    **error)
{
  gboolean coordinator = yk_session_get_role (session) == YK_ROLE_COORDINATOR;
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  YkRecordOwner owner;

  if (!yk_casework_is_correctable (table) || !yk_db_record_owner (db_of (session), table, id, &owner, NULL) ||
      !check_site_allowed (session, owner.site_id, NULL))
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no such record"));
      return FALSE;
    }
  if (owner.voided)
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_INVALID, _("A voided record cannot be corrected"));
      return FALSE;
    }
  if (yk_casework_correction_allowed (coordinator, yk_session_get_staff_id (session), owner.created_by,
                                      owner.created_at, now))
    return TRUE;
  if (owner.created_by == yk_session_get_staff_id (session))
    g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN,
                 /* TRANSLATORS: %1$d is the number of days (7) an author may correct their record */
                 _("This record was written down more than %1$d days ago: only a coordinator can correct it now"),
                 YK_CORRECTION_DAYS);
  else
    g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN,
                         _("Only the person who recorded it, or a coordinator, can correct a record"));
  return FALSE;
}

YkContactRecord *
yk_casework_get_contact (YkSession *session,
                         gint64     id,
                         GError   **error)
{
  if (!yk_casework_may_correct (session, "contacts", id, error))
    return NULL;
  return yk_db_contact_get (db_of (session), id, error);
}

YkPlanGoalRecord *
yk_casework_get_plan_goal (YkSession *session,
                           gint64     id,
                           GError   **error)
{
  if (!yk_casework_may_correct (session, "plan_goals", id, error))
    return NULL;
  return yk_db_plan_goal_get (db_of (session), id, error);
}

YkAssessmentRecord *
yk_casework_get_assessment (YkSession *session,
                            gint64     id,
                            GError   **error)
{
  if (!yk_casework_may_correct (session, "assessments", id, error))
    return NULL;
  return yk_db_assessment_get (db_of (session), id, error);
}

YkReferralRecord *
yk_casework_get_referral (YkSession *session,
                          gint64     id,
                          GError   **error)
{
  if (!yk_casework_may_correct (session, "referrals", id, error))
    return NULL;
  return yk_db_referral_get (db_of (session), id, error);
}

/* The audit detail of a correction, "field: old → new; …" with the keys
 * of docs/design/followup.md. Free text may name someone or say how they are: it is
 * named as changed, never copied into the trail. */
static void
changed_value (GString *detail, const char *key, const char *old, const char *new)
{
  if (g_strcmp0 (old != NULL && *old != '\0' ? old : NULL, new != NULL && *new != '\0' ? new : NULL) == 0)
    return;
  g_string_append_printf (detail, "%s%s: %s → %s", detail->len > 0 ? "; " : "", key,
                          old != NULL && *old != '\0' ? old : "—", new != NULL && *new != '\0' ? new : "—");
}

static void
changed_number (GString *detail, const char *key, gint64 old, gint64 new, gint64 missing)
{
  g_autofree char *o = old != missing ? g_strdup_printf ("%" G_GINT64_FORMAT, old) : NULL;
  g_autofree char *n = new != missing ? g_strdup_printf ("%" G_GINT64_FORMAT, new) : NULL;

  changed_value (detail, key, o, n);
}

static void
changed_text (GString *detail, const char *key, const char *old, const char *new)
{
  if (g_strcmp0 (old != NULL && *old != '\0' ? old : NULL, new != NULL && *new != '\0' ? new : NULL) != 0)
    g_string_append_printf (detail, "%s%s: changed", detail->len > 0 ? "; " : "", key);
}

static char *
contact_changes (const YkContactRecord *old, const YkContactRecord *new)
{
  static const char *const social_keys[] = { "sf_self_care", "sf_housework", "sf_work", "sf_learning", "sf_social" };
  GString *detail = g_string_new (NULL);

  changed_value (detail, "type", old->type, new->type);
  changed_value (detail, "date", old->date, new->date);
  changed_number (detail, "worker", old->worker_id, new->worker_id, 0);
  changed_value (detail, "reached", old->reached ? "true" : "false", new->reached ? "true" : "false");
  changed_text (detail, "unreached_reason", old->unreached_reason, new->unreached_reason);
  changed_number (detail, "duration_min", old->duration_min, new->duration_min, -1);
  changed_value (detail, "condition", old->condition, new->condition);
  changed_value (detail, "medication", old->medication, new->medication);
  changed_number (detail, "risk_level", old->risk_level, new->risk_level, -1);
  changed_value (detail, "next_date", old->next_date, new->next_date);
  changed_text (detail, "seen", old->seen, new->seen);
  changed_text (detail, "insight", old->insight, new->insight);
  changed_text (detail, "sleep", old->sleep, new->sleep);
  changed_text (detail, "diet", old->diet, new->diet);
  for (int i = 0; i < 5; i++)
    changed_text (detail, social_keys[i], old->social[i], new->social[i]);
  changed_text (detail, "dangerous_behaviour", old->dangerous_behaviour, new->dangerous_behaviour);
  changed_text (detail, "hospital_stays", old->hospital_stays, new->hospital_stays);
  changed_text (detail, "adverse_reactions", old->adverse_reactions, new->adverse_reactions);
  changed_text (detail, "measures", old->measures, new->measures);
  changed_text (detail, "notes", old->notes, new->notes);
  return g_string_free (detail, detail->len == 0);
}

/* Writes a correction and its audit row together. */
typedef gboolean (*UpdateFunc) (sqlite3 *db, gconstpointer record, GError **error);

static gboolean
write_correction (YkSession    *session,
                  const char   *table,
                  gint64        id,
                  UpdateFunc    update,
                  gconstpointer record,
                  const char   *changes,
                  gint64        risk_client,
                  int           risk_level,
                  GError      **error)
{
  sqlite3 *db = db_of (session);

  if (changes == NULL)
    return TRUE;
  if (!yk_db_begin (db, error))
    return FALSE;
  if (!update (db, record, error) ||
      (risk_client > 0 && !yk_db_client_set_risk (db, risk_client, risk_level, error)) ||
      !yk_session_audit (session, "update", table, id, changes, error) ||
      !yk_db_commit (db, error))
    {
      yk_db_rollback (db);
      return FALSE;
    }
  return TRUE;
}

gboolean
yk_casework_update_contact (YkSession             *session,
                            const YkContactRecord *record,
                            GError               **error)
{
  g_autoptr (YkContactRecord) current = yk_casework_get_contact (session, record->id, error);
  g_autoptr (YkClientRecord) client = NULL;
  g_autofree char *changes = NULL;
  YkContactRecord checked;
  GError *reason = NULL;
  const char *field = NULL;
  GDate today;

  if (current == NULL)
    return FALSE;
  client = visible_client (session, current->client_id, error);
  if (client == NULL)
    return FALSE;
  /* A contact stays with its person; a correction names no one new. */
  checked = *record;
  checked.client_id = current->client_id;
  if (checked.worker_id == 0)
    checked.worker_id = current->worker_id;
  if (!check_worker_allowed (session, checked.worker_id, current->worker_id, error))
    return FALSE;
  yk_date_today (&today);
  if (!yk_contact_validate (&checked, client->intake_date, &today, &field, &reason) ||
      !yk_contact_validate_typed (&checked, &field, &reason))
    return invalid (error, reason, field);
  changes = contact_changes (current, &checked);
  /* As for a new contact: the risk level observed when reached is the person's current one. */
  return write_correction (session, "contacts", checked.id, (UpdateFunc) yk_db_contact_update, &checked, changes,
                           checked.reached && checked.risk_level >= 0 ? checked.client_id : 0, checked.risk_level,
                           error);
}

gboolean
yk_casework_update_plan_goal (YkSession              *session,
                              const YkPlanGoalRecord *record,
                              GError                **error)
{
  g_autoptr (YkPlanGoalRecord) current = yk_casework_get_plan_goal (session, record->id, error);
  g_autoptr (YkClientRecord) client = NULL;
  g_autoptr (GString) changes = g_string_new (NULL);
  YkPlanGoalRecord checked;
  GError *reason = NULL;
  const char *field = NULL;

  if (current == NULL)
    return FALSE;
  client = visible_client (session, current->client_id, error);
  if (client == NULL)
    return FALSE;
  checked = *record;
  checked.client_id = current->client_id;
  if (!yk_plan_goal_validate (&checked, &field, &reason))
    return invalid (error, reason, field);
  changed_text (changes, "goal", current->goal, checked.goal);
  changed_value (changes, "target_date", current->target_date, checked.target_date);
  changed_value (changes, "review_date", current->review_date, checked.review_date);
  changed_text (changes, "progress", current->progress, checked.progress);
  return write_correction (session, "plan_goals", checked.id, (UpdateFunc) yk_db_plan_goal_update, &checked,
                           changes->len > 0 ? changes->str : NULL, 0, -1, error);
}

/* Scores are the scale's own codes (0, 1, 2, 9), named by item. */
gboolean
yk_casework_update_assessment (YkSession                *session,
                               const YkAssessmentRecord *record,
                               GError                  **error)
{
  g_autoptr (YkAssessmentRecord) current = yk_casework_get_assessment (session, record->id, error);
  g_autoptr (YkClientRecord) client = NULL;
  g_autoptr (GString) changes = g_string_new (NULL);
  YkAssessmentRecord checked;
  GError *reason = NULL;
  const char *field = NULL;
  GDate today;

  if (current == NULL)
    return FALSE;
  client = visible_client (session, current->client_id, error);
  if (client == NULL)
    return FALSE;
  checked = *record;
  checked.client_id = current->client_id;
  yk_date_today (&today);
  if (!yk_assessment_validate (&checked, client->intake_date, &today, &field, &reason))
    return invalid (error, reason, field);
  changed_value (changes, "date", current->date, checked.date);
  for (int i = 0; i < YK_SDSS_ITEMS; i++)
    {
      g_autofree char *key = g_strdup_printf ("sdss_%d", i + 1);
      changed_number (changes, key, current->items[i], checked.items[i], -1);
    }
  return write_correction (session, "assessments", checked.id, (UpdateFunc) yk_db_assessment_update, &checked,
                           changes->len > 0 ? changes->str : NULL, 0, -1, error);
}

gboolean
yk_casework_update_referral (YkSession              *session,
                             const YkReferralRecord *record,
                             GError                **error)
{
  g_autoptr (YkReferralRecord) current = yk_casework_get_referral (session, record->id, error);
  g_autoptr (YkClientRecord) client = NULL;
  g_autoptr (GString) changes = g_string_new (NULL);
  YkReferralRecord checked;
  GError *reason = NULL;
  const char *field = NULL;
  GDate today;

  if (current == NULL)
    return FALSE;
  client = visible_client (session, current->client_id, error);
  if (client == NULL)
    return FALSE;
  checked = *record;
  checked.client_id = current->client_id;
  yk_date_today (&today);
  if (!yk_referral_validate (&checked, client->intake_date, &today, &field, &reason))
    return invalid (error, reason, field);
  changed_value (changes, "date", current->date, checked.date);
  changed_value (changes, "to_kind", current->to_kind, checked.to_kind);
  changed_text (changes, "to_whom", current->to_whom, checked.to_whom);
  changed_text (changes, "reason", current->reason, checked.reason);
  changed_text (changes, "outcome", current->outcome, checked.outcome);
  return write_correction (session, "referrals", checked.id, (UpdateFunc) yk_db_referral_update, &checked,
                           changes->len > 0 ? changes->str : NULL, 0, -1, error);
}

char *
yk_casework_describe (YkSession  *session,
                      const char *table,
                      gint64      id,
                      GError    **error)
{
  g_autoptr (GArray) ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  g_autoptr (GHashTable) subjects = NULL;
  const YkAuditSubject *s;
  const char *label;
  const char *who;

  g_array_append_val (ids, id);
  subjects = yk_db_audit_subjects (db_of (session), table, ids, error);
  if (subjects == NULL)
    return NULL;
  s = g_hash_table_lookup (subjects, &id);
  if (s == NULL || !check_site_allowed (session, s->site_id, NULL))
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no such record"));
      return NULL;
    }
  if (g_strcmp0 (table, "contacts") == 0)
    label = g_strcmp0 (s->kind, "phone") == 0 ? _("Phone follow-up") : _("Home visit");
  else
    label = yk_audit_table_label (table);
  who = s->person != NULL ? s->person : s->code;
  if (s->date != NULL && who != NULL)
    /* TRANSLATORS: a record named for a person to recognise it: its date,
     * its kind (Phone follow-up) and a case or activity number */
    return g_strdup_printf (_("%1$s %2$s · %3$s"), s->date, label, who);
  /* TRANSLATORS: a record without a date: its kind and a case or activity number */
  return g_strdup_printf (C_("record words", "%1$s · %2$s"), label, who != NULL ? who : "");
}
