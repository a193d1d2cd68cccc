/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* A load quicker than this never shows a spinner. */
#define YK_SPINNER_DELAY_MS 200

/* Shows and starts `spinner` once YK_SPINNER_DELAY_MS have passed, unless
 * yk_spinner_delay_stop() comes first, so a quick load shows none.
 * `source` is where the caller keeps the pending timeout (0 when none);
 * the caller stops it before `spinner` goes (in its dispose). */
void yk_spinner_delay_start (GtkSpinner *spinner,
                             guint      *source);
/* Cancels a pending start and hides the spinner. */
void yk_spinner_delay_stop (GtkSpinner *spinner,
                            guint      *source);

G_END_DECLS
