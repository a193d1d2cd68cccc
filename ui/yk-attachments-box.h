/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include <gtk/gtk.h>

#include "yk-unlocked-session.h"

G_BEGIN_DECLS

/* A person's or an activity's attachments (附件): the list, each opened
 * in a YkAttachmentViewer, added from a file chooser and voided like a
 * record. A read-only session (district view, snapshot) shows the list
 * and the viewer only. */
#define YK_TYPE_ATTACHMENTS_BOX (yk_attachments_box_get_type ())
G_DECLARE_FINAL_TYPE (YkAttachmentsBox, yk_attachments_box, YK, ATTACHMENTS_BOX, GtkWidget)

/* Whose attachments: a service user or an activity (the other 0; both 0
 * empties the box). Reads them again on ::records-changed. */
void yk_attachments_box_set_owner (YkAttachmentsBox  *self,
                                   YkUnlockedSession *session,
                                   gint64             client_id,
                                   gint64             activity_id);
/* What it lists: YkAttachmentsBoxItem, for tests. */
GListModel *yk_attachments_box_get_model (YkAttachmentsBox *self);
gint64 yk_attachments_box_item_get_id (gpointer item);
/* Asks for a file to attach to one of the person's contacts. */
void yk_attachments_box_attach_to_contact (YkAttachmentsBox *self,
                                           gint64            contact_id);
/* Adds `path` as the chosen kind, as the file chooser's answer does:
 * the person's (or the activity's), or one of the person's contacts'. */
gboolean yk_attachments_box_add_file (YkAttachmentsBox *self,
                                      const char       *path,
                                      GError          **error);
gboolean yk_attachments_box_add_file_to_contact (YkAttachmentsBox *self,
                                                 gint64            contact_id,
                                                 const char       *path,
                                                 GError          **error);

G_END_DECLS
