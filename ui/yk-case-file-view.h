/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* One service user's case file: header (full name, case number, site,
 * worker, status, risk, condition, a warning for risk level 3 or more or
 * 不稳定), and tabs for the profile (editable, errors shown beside the
 * field), the timeline, family, plan, referrals and the SDSS trend.
 *
 * Opening is checked against the role and written to the audit trail on
 * the main thread; the rest loads in a worker thread on a connection of
 * its own. Unsaved profile edits are kept in the window's YkFormDrafts. It
 * refreshes on YkUnlockedSession::records-changed for this person, and
 * asks for the recording dialogs through the record.* actions. */
#define YK_TYPE_CASE_FILE_VIEW (yk_case_file_view_get_type ())
G_DECLARE_FINAL_TYPE (YkCaseFileView, yk_case_file_view, YK, CASE_FILE_VIEW, GtkWidget)

GtkWidget *yk_case_file_view_new (YkUnlockedSession *session);
void yk_case_file_view_open (YkCaseFileView *self,
                             gint64          client_id);
gint64 yk_case_file_view_get_client_id (YkCaseFileView *self);
gboolean yk_case_file_view_get_loading (YkCaseFileView *self);
GListModel *yk_case_file_view_get_timeline (YkCaseFileView *self);

/* The dossier (个案档案, docs/design/dossier.md) of the person shown:
 * the case-file.print-dossier (Ctrl+P) and case-file.export-dossier
 * actions, and what they do once a printer or a file is chosen. */
char *yk_case_file_view_suggest_dossier_name (YkCaseFileView *self);
gboolean yk_case_file_view_save_dossier (YkCaseFileView *self,
                                         GFile          *file,
                                         GError        **error);
gboolean yk_case_file_view_print_dossier_to_file (YkCaseFileView *self,
                                                  const char     *path,
                                                  GError        **error);

G_END_DECLS
