/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-recovery-key-print.h"
#include "yk-render.h"
#include "yk-wipe.h"

#include <glib/gi18n.h>

typedef struct
{
  char *database_name;
  char *recovery_key;
} PrintJob;

static void
print_job_free (gpointer data)
{
  PrintJob *job = data;

  g_free (job->database_name);
  yk_wipe_and_free (job->recovery_key);
  g_free (job);
}

static void
done_cb (GtkPrintOperation      *operation,
         GtkPrintOperationResult result,
         gpointer                user_data)
{
  g_object_unref (operation); /* the reference taken in yk_recovery_key_print() */
}

static void
draw_page_cb (GtkPrintOperation *operation,
              GtkPrintContext   *context,
              int                page_nr,
              gpointer           user_data)
{
  PrintJob *job = user_data;
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context), y = 0;
  g_autofree char *database_line = g_strdup_printf (_("Database: %1$s"), job->database_name);

  /* Sizes in points (the operation's unit); the key large enough to
   * copy by hand without mistaking a character. */
  cairo_set_source_rgb (cr, 0, 0, 0);
  y += yk_render_text (cr, _("Yukang Recovery Key"), 0, y, 18, YK_RENDER_BOLD, width, 0) + 12;
  y += yk_render_text (cr, database_line, 0, y, 11, YK_RENDER_REGULAR, width, 0) + 24;
  y += yk_render_text (cr, job->recovery_key, 0, y, 22, YK_RENDER_MONOSPACE | YK_RENDER_BOLD, width, 0) + 24;
  yk_render_text (cr,
                  _("This key unlocks the database if every password is lost. Keep this sheet "
                    "somewhere safe, away from the computer, and do not copy it anywhere else."),
                  0, y, 11, YK_RENDER_REGULAR, width, 0);
}

void
yk_recovery_key_print (GtkWindow  *parent,
                       const char *database_path,
                       const char *recovery_key)
{
  g_autoptr (GtkPrintOperation) operation = gtk_print_operation_new ();
  g_autoptr (GError) error = NULL;
  PrintJob *job = g_new0 (PrintJob, 1);

  job->database_name = g_filename_display_basename (database_path);
  job->recovery_key = g_strdup (recovery_key);

  gtk_print_operation_set_n_pages (operation, 1);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, _("Yukang Recovery Key"));
  gtk_print_operation_set_allow_async (operation, TRUE);
  /* The job lives as long as the operation, however it ends. */
  g_object_set_data_full (G_OBJECT (operation), "yk-print-job", job, print_job_free);
  g_signal_connect (operation, "draw-page", G_CALLBACK (draw_page_cb), job);
  /* With allow-async the dialog outlives this call; "done" lets go. */
  g_signal_connect (operation, "done", G_CALLBACK (done_cb), NULL);
  g_object_ref (operation);

  if (gtk_print_operation_run (operation, GTK_PRINT_OPERATION_ACTION_PRINT_DIALOG, parent, &error) ==
      GTK_PRINT_OPERATION_RESULT_ERROR)
    g_warning ("Could not print the recovery key: %s", error->message);
}
