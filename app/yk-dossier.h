/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <cairo.h>

#include "yk-app-types.h"
#include "yk-case-file.h"
#include "yk-session.h"

G_BEGIN_DECLS

/* The dossier (个案档案, docs/design/dossier.md): one person's complete
 * case file on paper — cover, consent, profile, family, plan, every
 * contact with the follow-up form's fields, SDSS history with its chart,
 * referrals, status history, attachments — with who printed it, when,
 * and page x of y on every page. The same layout serves the PDF file
 * (yk_dossier_write_pdf) and the window's GtkPrintOperation: both give
 * yk_dossier_document_new () a cairo_t and a page size, then draw its
 * pages one by one. Printing and exporting are audited
 * (dossier_print, dossier_export: one entry per person). */

/* A person's records as the dossier shows them: the live ones (voided
 * records count nowhere, docs/design/dossier.md), as the reader may see them. */
typedef struct _YkDossierPerson YkDossierPerson;

/* One line of the attachments section. */
typedef struct
{
  char *name;   /* as the file was called when attached */
  char *kind;   /* translated, ready to show */
  char *date;   /* ISO day it was attached */
  gint64 size;  /* bytes */
  gint64 id;    /* the attachment's number (0: given by hand) */
  char *media_type;
  GBytes *picture; /* a JPEG or PNG appended after the list: yk_dossier_people_add_pictures() */
} YkDossierAttachment;

/* Reads one person on `reader`, writing nothing. Another site's person
 * (for a social worker), or a voided one (for anyone but a
 * coordinator), is YK_APP_ERROR_NOT_FOUND, as in the case file. */
YkDossierPerson *yk_dossier_person_load (YkReader *reader,
                                         gint64    client_id,
                                         GError  **error);
void yk_dossier_person_free (YkDossierPerson *person);
const YkCaseFile *yk_dossier_person_get_case_file (const YkDossierPerson *person);
/* Adds a line to the attachments section (empty: "No attachments"). */
void yk_dossier_person_add_attachment (YkDossierPerson *person,
                                       const char      *name,
                                       const char      *kind,
                                       const char      *date,
                                       gint64           size);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkDossierPerson, yk_dossier_person_free)

/* The people with `ids` (YkDossierPerson, in order), read over the
 * session's own connection as yk_dossier_person_load () reads them: the
 * window's print and export of the case file it shows. */
GPtrArray *yk_dossier_people_for_session (YkSession    *session,
                                          const gint64 *ids,
                                          guint         n_ids,
                                          GError      **error);

/* Reads the pictures (JPEG, PNG) among `people`'s attachments, so the
 * dossier appends each after the list of attachments, a page wide at
 * most, with its name (yukang dossier --with-pictures; the window's
 * print and export). PDFs are listed only. A damaged attachment fails
 * the whole, naming it. */
gboolean yk_dossier_people_add_pictures (YkSession *session,
                                         GPtrArray *people,
                                         GError   **error);

/* The person with case number `case_no`, if the reader may see them
 * (else YK_APP_ERROR_NOT_FOUND). */
gint64 yk_dossier_find_case (YkReader   *reader,
                             const char *case_no,
                             GError    **error);
/* The people of one site (its code or name), by case number; `status`
 * (active, referred, closed; NULL: all) narrows it. A social worker
 * naming another site is refused (YK_APP_ERROR_FORBIDDEN), an unknown
 * site or status is YK_APP_ERROR_NOT_FOUND / YK_APP_ERROR_USAGE.
 * Returns client ids (gint64). */
GArray *yk_dossier_list_site (YkReader   *reader,
                              const char *site,
                              const char *status,
                              GError    **error);

/* 个案档案_SPQ-0001.pdf; for a site, 个案档案_SPQ.pdf or, with a status,
 * 个案档案_SPQ_active.pdf. The name is Chinese whatever the locale: it
 * is the document's name in the pilot's filing. */
char *yk_dossier_file_name (const char *case_no);
char *yk_dossier_site_file_name (const char *site,
                                 const char *status);

/* Writes `action` (dossier_print or dossier_export) to the audit trail
 * once for each person, in one transaction; `detail` (a file's name) may
 * be NULL. A district view or a snapshot records nothing and succeeds,
 * as for opening a case file. */
gboolean yk_dossier_audit (YkSession  *session,
                           const char *action,
                           GPtrArray  *people,
                           const char *detail,
                           GError    **error);

/* Called after each person's pages are drawn. */
typedef void (*YkDossierProgress) (guint    done,
                                   guint    total,
                                   gpointer user_data);

/* The dossier of `people` (YkDossierPerson, in order) as one A4 PDF at
 * `path`, printed by the session's person now: drawn to a temporary
 * file, audited (dossier_export), then put in place, so the file exists
 * only if the audit entry does, and a failed write leaves nothing. */
gboolean yk_dossier_write_pdf (YkSession        *session,
                               GPtrArray        *people,
                               const char       *path,
                               YkDossierProgress progress,
                               gpointer          user_data,
                               GError          **error);

/* The layout (app/yk-render-dossier.c): measured with `cr` on pages of
 * width × height (the printable area, in the context's units), each
 * person from a new page. `people` is borrowed and must outlive it. */
typedef struct _YkDossierDocument YkDossierDocument;

YkDossierDocument *yk_dossier_document_new (cairo_t    *cr,
                                            GPtrArray  *people,
                                            const char *printed_by,
                                            GDateTime  *printed_at,
                                            double      width,
                                            double      height);
void yk_dossier_document_free (YkDossierDocument *document);
int yk_dossier_document_get_n_pages (const YkDossierDocument *document);
/* The person page `page` belongs to (an index into `people`). */
guint yk_dossier_document_get_page_person (const YkDossierDocument *document,
                                           int                      page);
/* Page 0 is the first. */
void yk_dossier_document_draw_page (YkDossierDocument *document,
                                    cairo_t           *cr,
                                    int                page);
/* Characters no font could draw in the pages drawn so far: 0 when the
 * fonts cover every word. */
int yk_dossier_document_get_unknown_glyphs (const YkDossierDocument *document);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (YkDossierDocument, yk_dossier_document_free)

G_END_DECLS
