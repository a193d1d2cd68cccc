/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The Caseload screen of the main view. Its `session` property holds
 * the YkUnlockedSession it shows; it is destroyed when the app locks. */
#define YK_TYPE_CASELOAD_PAGE (yk_caseload_page_get_type ())
G_DECLARE_FINAL_TYPE (YkCaseloadPage, yk_caseload_page, YK, CASELOAD_PAGE, GtkWidget)

G_END_DECLS
