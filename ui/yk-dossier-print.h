/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* Prints the dossier of `people` (YkDossierPerson, app/yk-dossier.h)
 * with GtkPrintOperation: the layout yk_dossier_document_new () makes of
 * the printer's page, drawn by the renderer the PDF export uses. When
 * printing begins (the dialog accepted) it is written to the audit trail
 * (dossier_print, one entry per person); if that fails nothing prints.
 * The job keeps a reference on `people` and on `session`. With
 * `export_path`, writes a PDF there instead of asking for a printer,
 * and returns when it is written. */
gboolean yk_dossier_print (GtkWindow         *parent,
                           YkUnlockedSession *session,
                           GPtrArray         *people,
                           const char        *export_path,
                           GError           **error);

G_END_DECLS
