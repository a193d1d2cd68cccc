/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-app"

#include "yk-config.h"
#include "yk-dossier-private.h"
#include "yk-attachments.h"
#include "yk-app-error.h"
#include "yk-caseload.h"
#include "yk-db-records.h"
#include "yk-db-staff.h"
#include "yk-pdf.h"
#include "yk-reader-private.h"
#include "yk-validate.h"

#include <glib/gi18n.h>
#include <string.h>

/* Which voided rows the db/ reads add to the live ones: none. A voided
 * record counts nowhere (PRODUCT.md); the dossier is what counts. A
 * staff id of 0 is nobody's, so no voided row is "theirs". */
#define LIVE_ONLY 0

static void
attachment_free (YkDossierAttachment *attachment)
{
  g_free (attachment->name);
  g_free (attachment->kind);
  g_free (attachment->date);
  g_free (attachment->media_type);
  g_clear_pointer (&attachment->picture, g_bytes_unref);
  g_free (attachment);
}

void
yk_dossier_person_free (YkDossierPerson *person)
{
  if (person == NULL)
    return;
  yk_case_file_free (person->file);
  g_clear_pointer (&person->contacts, g_ptr_array_unref);
  g_clear_pointer (&person->family, g_ptr_array_unref);
  g_clear_pointer (&person->plan_goals, g_ptr_array_unref);
  g_clear_pointer (&person->referrals, g_ptr_array_unref);
  g_clear_pointer (&person->attachments, g_ptr_array_unref);
  g_free (person);
}

static int
compare_contacts (gconstpointer a, gconstpointer b)
{
  const YkDbCaseContact *x = *(YkDbCaseContact *const *) a;
  const YkDbCaseContact *y = *(YkDbCaseContact *const *) b;
  int by_date = g_strcmp0 (x->record.date, y->record.date);

  return by_date != 0 ? by_date : (x->record.id > y->record.id) - (x->record.id < y->record.id);
}

static int
compare_referrals (gconstpointer a, gconstpointer b)
{
  const YkDbCaseReferral *x = *(YkDbCaseReferral *const *) a;
  const YkDbCaseReferral *y = *(YkDbCaseReferral *const *) b;
  int by_date = g_strcmp0 (x->record.date, y->record.date);

  return by_date != 0 ? by_date : (x->record.id > y->record.id) - (x->record.id < y->record.id);
}

/* The case file decides whether the reader may see the person (and
 * names their site and worker); the records it summarises in a line are
 * read again whole, for the tables. */
YkDossierPerson *
yk_dossier_person_load (YkReader *reader,
                        gint64    client_id,
                        GError  **error)
{
  g_autoptr (YkDossierPerson) person = g_new0 (YkDossierPerson, 1);
  g_autoptr (GPtrArray) attachments = NULL;
  sqlite3 *db;

  g_return_val_if_fail (reader != NULL, NULL);

  person->file = yk_case_file_load (reader, client_id, error);
  if (person->file == NULL)
    return NULL;
  db = _yk_reader_get_db (reader);
  if ((person->contacts = yk_db_case_contacts (db, client_id, LIVE_ONLY, error)) == NULL ||
      (person->family = yk_db_case_family (db, client_id, LIVE_ONLY, error)) == NULL ||
      (person->plan_goals = yk_db_case_plan_goals (db, client_id, LIVE_ONLY, error)) == NULL ||
      (person->referrals = yk_db_case_referrals (db, client_id, LIVE_ONLY, error)) == NULL)
    return NULL;
  g_ptr_array_sort (person->contacts, compare_contacts);
  g_ptr_array_sort (person->referrals, compare_referrals);
  /* Listed, not shown: the live attachments on the person and on their
   * contacts (the case file has decided the reader may see them). */
  person->attachments = g_ptr_array_new_with_free_func ((GDestroyNotify) attachment_free);
  if ((attachments = yk_db_attachments_list (db, client_id, 0, 0, error)) == NULL)
    return NULL;
  for (guint i = 0; i < attachments->len; i++)
    {
      const YkAttachmentRow *row = attachments->pdata[i];
      g_autoptr (GDateTime) utc = g_date_time_new_from_iso8601 (row->created_at, NULL);
      g_autoptr (GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
      g_autofree char *day = local != NULL ? g_date_time_format (local, "%Y-%m-%d") : g_strndup (row->created_at, 10);

      if (row->voided_at == NULL)
        {
          YkDossierAttachment *added;

          yk_dossier_person_add_attachment (person, row->file_name, yk_attachment_kind_label (row->kind), day,
                                            row->byte_size);
          added = g_ptr_array_index (person->attachments, person->attachments->len - 1);
          added->id = row->id;
          added->media_type = g_strdup (row->media_type);
        }
    }
  return g_steal_pointer (&person);
}

const YkCaseFile *
yk_dossier_person_get_case_file (const YkDossierPerson *person)
{
  g_return_val_if_fail (person != NULL, NULL);
  return person->file;
}

void
yk_dossier_person_add_attachment (YkDossierPerson *person,
                                  const char      *name,
                                  const char      *kind,
                                  const char      *date,
                                  gint64           size)
{
  YkDossierAttachment *attachment;

  g_return_if_fail (person != NULL);
  g_return_if_fail (name != NULL);

  attachment = g_new0 (YkDossierAttachment, 1);
  attachment->name = g_strdup (name);
  attachment->kind = g_strdup (kind);
  attachment->date = g_strdup (date);
  attachment->size = size;
  g_ptr_array_add (person->attachments, attachment);
}

gboolean
yk_dossier_people_add_pictures (YkSession *session,
                                GPtrArray *people,
                                GError   **error)
{
  sqlite3 *db;

  g_return_val_if_fail (session != NULL && people != NULL, FALSE);
  db = yk_store_get_connection (yk_session_get_store (session));
  for (guint p = 0; p < people->len; p++)
    {
      YkDossierPerson *person = people->pdata[p];

      for (guint i = 0; i < person->attachments->len; i++)
        {
          YkDossierAttachment *a = person->attachments->pdata[i];

          if (a->id <= 0 || a->picture != NULL ||
              (g_strcmp0 (a->media_type, YK_MEDIA_TYPE_JPEG) != 0 && g_strcmp0 (a->media_type, YK_MEDIA_TYPE_PNG) != 0))
            continue;
          if ((a->picture = yk_db_attachment_read (db, a->id, error)) == NULL)
            return FALSE;
        }
    }
  return TRUE;
}

GPtrArray *
yk_dossier_people_for_session (YkSession    *session,
                               const gint64 *ids,
                               guint         n_ids,
                               GError      **error)
{
  g_autoptr (YkReader) reader = NULL;
  g_autoptr (GPtrArray) people = NULL;

  g_return_val_if_fail (session != NULL, NULL);
  g_return_val_if_fail (ids != NULL || n_ids == 0, NULL);

  reader = yk_reader_new_for_session (session);
  people = g_ptr_array_new_with_free_func ((GDestroyNotify) yk_dossier_person_free);
  for (guint i = 0; i < n_ids; i++)
    {
      YkDossierPerson *person = yk_dossier_person_load (reader, ids[i], error);

      if (person == NULL)
        return NULL;
      g_ptr_array_add (people, person);
    }
  return g_steal_pointer (&people);
}

gint64
yk_dossier_find_case (YkReader   *reader,
                      const char *case_no,
                      GError    **error)
{
  g_autoptr (YkCaseFile) file = NULL;
  GError *local_error = NULL;
  gint64 id;

  g_return_val_if_fail (reader != NULL, 0);
  g_return_val_if_fail (case_no != NULL, 0);

  id = yk_db_client_find_case_no (_yk_reader_get_db (reader), case_no, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return 0;
    }
  /* Another site's person answers as one that does not exist, as in the
   * case file: a social worker learns nothing of them. */
  if (id == 0 || (file = yk_case_file_load (reader, id, NULL)) == NULL)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no service user with case number “%1$s”"),
                   case_no);
      return 0;
    }
  return id;
}

GArray *
yk_dossier_list_site (YkReader   *reader,
                      const char *site,
                      const char *status,
                      GError    **error)
{
  static const char *const statuses[] = { "active", "referred", "closed", NULL };
  g_autoptr (GPtrArray) entries = NULL;
  g_autoptr (GArray) ids = NULL;
  GError *local_error = NULL;
  gint64 site_id, scope;
  GDate today;

  g_return_val_if_fail (reader != NULL, NULL);
  g_return_val_if_fail (site != NULL, NULL);

  if (status != NULL && !g_strv_contains (statuses, status))
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_USAGE, _("--status must be active, referred or closed, not “%1$s”"),
                   status);
      return NULL;
    }
  /* As `yukang report --site` and `yukang due --site`: unknown is not
   * found, another site is refused to a social worker. */
  site_id = yk_db_site_find (_yk_reader_get_db (reader), site, &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, local_error);
      return NULL;
    }
  if (site_id == 0)
    {
      g_set_error (error, YK_APP_ERROR, YK_APP_ERROR_NOT_FOUND, _("There is no site “%1$s”"), site);
      return NULL;
    }
  scope = yk_reader_site_scope (reader);
  if (scope != 0 && site_id != scope)
    {
      g_set_error_literal (error, YK_APP_ERROR, YK_APP_ERROR_FORBIDDEN,
                           _("A social worker prints the case files of their own site only"));
      return NULL;
    }
  yk_date_today (&today);
  entries = yk_caseload_load (reader, &today, NULL, error);
  if (entries == NULL)
    return NULL;
  ids = g_array_new (FALSE, FALSE, sizeof (gint64));
  for (guint i = 0; i < entries->len; i++)
    {
      const YkCaseloadEntry *entry = entries->pdata[i];

      if (entry->site_id == site_id && (status == NULL || g_strcmp0 (entry->status, status) == 0))
        g_array_append_val (ids, entry->client_id);
    }
  return g_steal_pointer (&ids);
}

/* A case number may hold anything a ledger gave it: never a path. */
static char *
file_name_part (const char *text)
{
  char *part = g_strdup (text);

  for (char *c = part; *c != '\0'; c++)
    if (*c == '/' || *c == '\\' || *c == ':' || (guchar) *c < 0x20)
      *c = '_';
  return part;
}

char *
yk_dossier_file_name (const char *case_no)
{
  g_autofree char *part = NULL;

  g_return_val_if_fail (case_no != NULL, NULL);
  part = file_name_part (case_no);
  return g_strdup_printf ("个案档案_%s.pdf", part);
}

char *
yk_dossier_site_file_name (const char *site,
                           const char *status)
{
  g_autofree char *part = NULL;

  g_return_val_if_fail (site != NULL, NULL);
  part = file_name_part (site);
  if (status != NULL)
    {
      g_autofree char *status_part = file_name_part (status);
      return g_strdup_printf ("个案档案_%s_%s.pdf", part, status_part);
    }
  return g_strdup_printf ("个案档案_%s.pdf", part);
}

gboolean
yk_dossier_audit (YkSession  *session,
                  const char *action,
                  GPtrArray  *people,
                  const char *detail,
                  GError    **error)
{
  sqlite3 *db;

  g_return_val_if_fail (session != NULL, FALSE);
  g_return_val_if_fail (g_strcmp0 (action, "dossier_print") == 0 || g_strcmp0 (action, "dossier_export") == 0, FALSE);
  g_return_val_if_fail (people != NULL, FALSE);

  /* A district view or a snapshot is never written: yk_session_audit ()
   * lets these reads through unrecorded, outside any transaction. */
  if (yk_session_is_read_only (session))
    {
      for (guint i = 0; i < people->len; i++)
        if (!yk_session_audit (session, action, "clients", ((YkDossierPerson *) people->pdata[i])->file->client->id,
                               detail, error))
          return FALSE;
      return TRUE;
    }
  /* A site's dossier names every person in it, all or none. */
  db = yk_store_get_connection (yk_session_get_store (session));
  if (!yk_db_begin (db, error))
    return FALSE;
  for (guint i = 0; i < people->len; i++)
    if (!yk_session_audit (session, action, "clients", ((YkDossierPerson *) people->pdata[i])->file->client->id,
                           detail, error))
      {
        yk_db_rollback (db);
        return FALSE;
      }
  return yk_db_commit (db, error);
}

gboolean
yk_dossier_write_pdf (YkSession        *session,
                      GPtrArray        *people,
                      const char       *path,
                      YkDossierProgress progress,
                      gpointer          user_data,
                      GError          **error)
{
  g_autoptr (YkDossierDocument) doc = NULL;
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *title = NULL, *detail = NULL;
  YkPdf pdf = { 0 };
  int n_pages;

  g_return_val_if_fail (session != NULL, FALSE);
  g_return_val_if_fail (people != NULL && people->len > 0, FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  title = people->len == 1
            ? g_strdup_printf ("个案档案 %s", ((YkDossierPerson *) people->pdata[0])->file->client->case_no)
            : g_strdup ("个案档案");
  yk_pdf_begin (&pdf, path, title);
  cairo_translate (pdf.cr, YK_PDF_MARGIN, YK_PDF_MARGIN * 0.8);
  doc = yk_dossier_document_new (pdf.cr, people, yk_session_get_display_name (session), now,
                                 YK_PDF_PAGE_WIDTH - 2 * YK_PDF_MARGIN, YK_PDF_PAGE_HEIGHT - 1.5 * YK_PDF_MARGIN);
  n_pages = yk_dossier_document_get_n_pages (doc);
  for (int page = 0; page < n_pages; page++)
    {
      guint person = yk_dossier_document_get_page_person (doc, page);

      yk_dossier_document_draw_page (doc, pdf.cr, page);
      cairo_show_page (pdf.cr);
      if (progress != NULL && (page + 1 == n_pages || yk_dossier_document_get_page_person (doc, page + 1) != person))
        progress (person + 1, people->len, user_data);
    }
  if (!yk_pdf_end (&pdf, error))
    return FALSE;
  /* The file appears only once its printing is on record. */
  detail = g_path_get_basename (path);
  if (!yk_dossier_audit (session, "dossier_export", people, detail, error))
    {
      yk_pdf_discard (&pdf);
      return FALSE;
    }
  return yk_pdf_place (&pdf, error);
}
