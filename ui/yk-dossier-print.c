/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-print.h"
#include "yk-dossier-print.h"
#include "yk-dossier.h"
#include "yk-window-private.h"

#include <glib/gi18n.h>
#include <glib/gstdio.h>

/* Laid out when printing begins, when the page size is known, and
 * drawn a page at a time, as the PDF is. */
typedef struct
{
  YkUnlockedSession *session;
  GPtrArray *people;
  YkDossierDocument *document;
  GError *error;              /* why printing stopped before it began */
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->document, yk_dossier_document_free);
  g_ptr_array_unref (job->people);
  g_object_unref (job->session);
  g_clear_error (&job->error);
  g_free (job);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  Job *job = user_data;
  YkSession *session = yk_unlocked_session_get_session (job->session);
  g_autoptr (GDateTime) now = g_date_time_new_now_local ();

  /* Locked while the dialog was open, or the audit trail refused: the
   * dossier is not printed unrecorded. */
  g_clear_error (&job->error);
  if (session == NULL)
    g_set_error_literal (&job->error, G_IO_ERROR, G_IO_ERROR_CLOSED, _("Yukang was locked before printing began"));
  if (session == NULL || !yk_dossier_audit (session, "dossier_print", job->people, NULL, &job->error))
    {
      gtk_print_operation_cancel (operation);
      return;
    }
  g_clear_pointer (&job->document, yk_dossier_document_free);
  job->document = yk_dossier_document_new (gtk_print_context_get_cairo_context (context), job->people,
                                           yk_session_get_display_name (session), now,
                                           gtk_print_context_get_width (context),
                                           gtk_print_context_get_height (context));
  gtk_print_operation_set_n_pages (operation, yk_dossier_document_get_n_pages (job->document));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  Job *job = user_data;

  if (job->document != NULL)
    yk_dossier_document_draw_page (job->document, gtk_print_context_get_cairo_context (context), page_nr);
}

/* A dialog's printing that never began says why. */
static void
done_cb (GtkPrintOperation      *operation,
         GtkPrintOperationResult result,
         gpointer                user_data)
{
  Job *job = user_data;
  GtkWindow *parent = g_object_get_data (G_OBJECT (operation), "yk-dossier-print-parent");

  if (job->error != NULL && YK_IS_WINDOW (parent))
    _yk_window_show_message (YK_WINDOW (parent), job->error->message);
}

gboolean
yk_dossier_print (GtkWindow         *parent,
                  YkUnlockedSession *session,
                  GPtrArray         *people,
                  const char        *export_path,
                  GError           **error)
{
  g_autoptr (GtkPrintOperation) operation = NULL;
  const YkCaseFile *first;
  g_autofree char *job_name = NULL;
  GtkPrintOperationResult result;
  Job *job;

  g_return_val_if_fail (YK_IS_UNLOCKED_SESSION (session), FALSE);
  g_return_val_if_fail (people != NULL && people->len > 0, FALSE);

  first = yk_dossier_person_get_case_file (people->pdata[0]);
  /* TRANSLATORS: a print job's name: %1$s is a case number */
  job_name = g_strdup_printf (_("Case dossier %1$s"), first->client->case_no);
  job = g_new0 (Job, 1);
  job->session = g_object_ref (session);
  job->people = g_ptr_array_ref (people);
  operation = yk_print_operation_new_a4 (job_name, G_CALLBACK (begin_print_cb), G_CALLBACK (draw_page_cb), job,
                                         (GDestroyNotify) job_free);

  if (export_path != NULL)
    {
      gtk_print_operation_set_export_filename (operation, export_path);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, error);
      if (result != GTK_PRINT_OPERATION_RESULT_ERROR && job->error != NULL)
        {
          g_unlink (export_path);
          g_propagate_error (error, g_steal_pointer (&job->error));
          return FALSE;
        }
    }
  else
    {
      if (parent != NULL)
        g_object_set_data_full (G_OBJECT (operation), "yk-dossier-print-parent", g_object_ref (parent),
                                g_object_unref);
      g_signal_connect (operation, "done", G_CALLBACK (done_cb), job);
      gtk_print_operation_set_allow_async (operation, TRUE);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error);
    }
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
