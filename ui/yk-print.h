/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A print operation on A4 in points, named `job_name`, whose pages the
 * callbacks lay out ("begin-print") and draw ("draw-page") from `job`;
 * `job` goes with the operation, which may outlive the caller (an
 * asynchronous dialog). The statistics and the dossier print this way. */
GtkPrintOperation *yk_print_operation_new_a4 (const char    *job_name,
                                              GCallback      begin_print,
                                              GCallback      draw_page,
                                              gpointer       job,
                                              GDestroyNotify job_free);

G_END_DECLS
