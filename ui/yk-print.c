/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-print.h"

GtkPrintOperation *
yk_print_operation_new_a4 (const char    *job_name,
                           GCallback      begin_print,
                           GCallback      draw_page,
                           gpointer       job,
                           GDestroyNotify job_free)
{
  GtkPrintOperation *operation = gtk_print_operation_new ();
  g_autoptr (GtkPageSetup) setup = gtk_page_setup_new ();
  g_autoptr (GtkPaperSize) a4 = gtk_paper_size_new (GTK_PAPER_NAME_A4);

  gtk_page_setup_set_paper_size_and_default_margins (setup, a4);
  gtk_print_operation_set_default_page_setup (operation, setup);
  gtk_print_operation_set_unit (operation, GTK_UNIT_POINTS);
  gtk_print_operation_set_job_name (operation, job_name);
  gtk_print_operation_set_embed_page_setup (operation, TRUE);
  g_signal_connect (operation, "begin-print", begin_print, job);
  g_signal_connect (operation, "draw-page", draw_page, job);
  g_object_set_data_full (G_OBJECT (operation), "yk-print-job", job, job_free);
  return operation;
}
