/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-recovery-key-print.h"
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

/* Draws `text` at y and returns the y below it. */
static double
draw_paragraph (cairo_t     *cr,
                PangoLayout *layout,
                const char  *font,
                const char  *text,
                double       y)
{
  g_autoptr (PangoFontDescription) description = pango_font_description_from_string (font);
  int height;

  pango_layout_set_font_description (layout, description);
  pango_layout_set_text (layout, text, -1);
  cairo_move_to (cr, 0, y);
  pango_cairo_show_layout (cr, layout);
  pango_layout_get_size (layout, NULL, &height);
  return y + (double) height / PANGO_SCALE;
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
  g_autoptr (PangoLayout) layout = gtk_print_context_create_pango_layout (context);
  g_autofree char *database_line = NULL;
  double y = 0;

  /* Chinese glyph forms, not Japanese ones (STYLE.md). */
  pango_context_set_language (pango_layout_get_context (layout), pango_language_from_string ("zh-cn"));
  pango_layout_context_changed (layout);
  pango_layout_set_width (layout, (int) (gtk_print_context_get_width (context) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);

  y = draw_paragraph (cr, layout, "Sans Bold 18", _("Yukang Recovery Key"), y) + 12;
  database_line = g_strdup_printf (_("Database: %1$s"), job->database_name);
  y = draw_paragraph (cr, layout, "Sans 11", database_line, y) + 24;
  y = draw_paragraph (cr, layout, "Monospace Bold 22", job->recovery_key, y) + 24;
  draw_paragraph (cr, layout, "Sans 11",
                  _("This key unlocks the database if every password is lost. Keep this sheet "
                    "somewhere safe, away from the computer, and do not copy it anywhere else."), y);
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
