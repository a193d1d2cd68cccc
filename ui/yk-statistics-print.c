/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-print.h"
#include "yk-statistics-print.h"
#include "yk-render.h"

#include <glib/gi18n.h>

/* The document is laid out when printing begins (the page size is known
 * then) and drawn a page at a time by the renderer, as the PDF is. */
typedef struct
{
  YkStatistics *statistics;
  YkRenderStatistics *document;
} Job;

static void
job_free (Job *job)
{
  g_clear_pointer (&job->document, yk_render_statistics_free);
  yk_statistics_unref (job->statistics);
  g_free (job);
}

static void
begin_print_cb (GtkPrintOperation *operation,
                GtkPrintContext   *context,
                gpointer           user_data)
{
  Job *job = user_data;

  g_clear_pointer (&job->document, yk_render_statistics_free);
  job->document = yk_render_statistics_new (gtk_print_context_get_cairo_context (context), job->statistics->report,
                                            job->statistics->months, gtk_print_context_get_width (context),
                                            gtk_print_context_get_height (context), YK_RENDER_LOCALE);
  gtk_print_operation_set_n_pages (operation, yk_render_statistics_get_n_pages (job->document));
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  Job *job = user_data;

  yk_render_statistics_draw_page (job->document, gtk_print_context_get_cairo_context (context), page_nr);
}

gboolean
yk_statistics_print (GtkWindow    *parent,
                     YkStatistics *statistics,
                     const char   *export_path,
                     GError      **error)
{
  g_autoptr (GtkPrintOperation) operation = NULL;
  g_autofree char *job_name = g_strdup_printf ("%s %s", _("Yukang Statistics"), statistics->period);
  Job *job = g_new0 (Job, 1);
  GtkPrintOperationResult result;

  job->statistics = yk_statistics_ref (statistics);
  operation = yk_print_operation_new_a4 (job_name, G_CALLBACK (begin_print_cb), G_CALLBACK (draw_page_cb), job,
                                         (GDestroyNotify) job_free);

  if (export_path != NULL)
    {
      gtk_print_operation_set_export_filename (operation, export_path);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_EXPORT, parent, error);
    }
  else
    {
      gtk_print_operation_set_allow_async (operation, TRUE);
      result = gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, error);
    }
  return result != GTK_PRINT_OPERATION_RESULT_ERROR;
}
