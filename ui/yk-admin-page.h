/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

G_BEGIN_DECLS

/* The Administration screen of the main view (coordinator only): accounts
 * the database (verify, backup), ledger import and settings (follow-up intervals, the
 * improvement threshold) and the audit trail, filtered, its chain verified. Its `session`
 * property holds the YkUnlockedSession it shows. */
#define YK_TYPE_ADMIN_PAGE (yk_admin_page_get_type ())
G_DECLARE_FINAL_TYPE (YkAdminPage, yk_admin_page, YK, ADMIN_PAGE, GtkWidget)

typedef enum
{
  YK_ADMIN_VERIFY_NOT_RUN,
  YK_ADMIN_VERIFY_RUNNING,
  YK_ADMIN_VERIFY_OK,
  YK_ADMIN_VERIFY_PROBLEMS,
  YK_ADMIN_VERIFY_FAILED,
} YkAdminVerifyState;

YkAdminVerifyState yk_admin_page_get_verify_state (YkAdminPage *self);

/* The ledger folder or workbook to import (what the choosers set). */
void yk_admin_page_show_section (YkAdminPage *self,
                                 const char  *name);
void yk_admin_page_set_import_folder (YkAdminPage *self,
                                      const char  *folder);
/* TRUE while a check or an import of a ledger runs. */
gboolean yk_admin_page_get_import_running (YkAdminPage *self);
/* The editor of one site in the Settings section (a GtkFrame whose
 * object data "name", "host", "opening_date", "equipment_count" are its
 * entries and "error" its error label), NULL if there is none. */
GtkWidget *yk_admin_page_get_site_editor (YkAdminPage *self,
                                          gint64       site_id);
/* TRUE while the audit trail section reads the trail. */
gboolean yk_admin_page_get_audit_loading (YkAdminPage *self);

G_END_DECLS
