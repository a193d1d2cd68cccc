/* SPDX-License-Identifier: GPL-3.0-or-later */
#define G_LOG_DOMAIN "yukang-ui"

#include "yk-config.h"
#include "yk-attachments-box.h"
#include "yk-attachment-viewer.h"
#include "yk-attachments.h"
#include "yk-file-chooser.h"

#include <glib/gi18n.h>

/* One listed attachment: the row app/ read, as a list item. */
#define YK_TYPE_ATTACHMENTS_BOX_ITEM (yk_attachments_box_item_get_type ())
G_DECLARE_FINAL_TYPE (YkAttachmentsBoxItem, yk_attachments_box_item, YK, ATTACHMENTS_BOX_ITEM, GObject)

struct _YkAttachmentsBoxItem
{
  GObject parent_instance;
  YkAttachmentRow *row;
};

G_DEFINE_FINAL_TYPE (YkAttachmentsBoxItem, yk_attachments_box_item, G_TYPE_OBJECT)

static void
yk_attachments_box_item_finalize (GObject *object)
{
  g_clear_pointer (&YK_ATTACHMENTS_BOX_ITEM (object)->row, yk_attachment_row_free);
  G_OBJECT_CLASS (yk_attachments_box_item_parent_class)->finalize (object);
}

static void
yk_attachments_box_item_class_init (YkAttachmentsBoxItemClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = yk_attachments_box_item_finalize;
}

static void
yk_attachments_box_item_init (YkAttachmentsBoxItem *self)
{
}

struct _YkAttachmentsBox
{
  GtkWidget parent_instance;

  GtkWidget *add_bar;
  GtkDropDown *kind_choice;
  GtkLabel *message_label;
  GtkLabel *empty_label;
  GtkListBox *list;

  GListStore *store;
  YkUnlockedSession *session;
  gint64 client_id;
  gint64 activity_id;
  gint64 contact_id; /* the contact the file being chosen goes on, else 0 */
};

G_DEFINE_FINAL_TYPE (YkAttachmentsBox, yk_attachments_box, GTK_TYPE_WIDGET)

static YkSession *
session_of (YkAttachmentsBox *self)
{
  return self->session != NULL ? yk_unlocked_session_get_session (self->session) : NULL;
}

/* A district view or a snapshot: shown, never added to or voided. */
static gboolean
read_only (YkAttachmentsBox *self)
{
  YkSession *core = session_of (self);
  YkSnapshotInfo info;

  return core == NULL || yk_unlocked_session_is_read_only (self->session) ||
         yk_session_get_snapshot_info (core, &info);
}

static void
show_message (YkAttachmentsBox *self, const char *text)
{
  gtk_label_set_text (self->message_label, text != NULL ? text : "");
  gtk_widget_set_visible (GTK_WIDGET (self->message_label), text != NULL);
}

static void
reload (YkAttachmentsBox *self)
{
  g_autoptr (GPtrArray) rows = NULL;
  g_autoptr (GError) error = NULL;
  YkSession *core = session_of (self);

  g_list_store_remove_all (self->store);
  gtk_widget_set_visible (self->add_bar, core != NULL && !read_only (self));
  if (core == NULL || (self->client_id <= 0 && self->activity_id <= 0))
    return;
  rows = yk_attachments_list (core, self->client_id, self->activity_id, &error);
  if (rows == NULL)
    {
      show_message (self, error->message);
      return;
    }
  for (guint i = 0; i < rows->len; i++)
    {
      g_autoptr (YkAttachmentsBoxItem) item = g_object_new (YK_TYPE_ATTACHMENTS_BOX_ITEM, NULL);

      item->row = g_steal_pointer (&rows->pdata[i]);
      g_list_store_append (self->store, item);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->empty_label), rows->len == 0);
}

static const char *
type_name (const char *media_type)
{
  if (g_strcmp0 (media_type, YK_MEDIA_TYPE_PDF) == 0)
    return "PDF";
  return g_strcmp0 (media_type, YK_MEDIA_TYPE_JPEG) == 0 ? "JPEG" : "PNG";
}

/* The row of one attachment: what it is, and what can be done with it. */
static GtkWidget *
create_row_cb (gpointer item, gpointer user_data)
{
  YkAttachmentsBox *self = user_data;
  YkAttachmentRow *row = YK_ATTACHMENTS_BOX_ITEM (item)->row;
  g_autoptr (GDateTime) utc = g_date_time_new_from_iso8601 (row->created_at, NULL);
  g_autoptr (GDateTime) local = utc != NULL ? g_date_time_to_local (utc) : NULL;
  g_autofree char *date = local != NULL ? g_date_time_format (local, "%Y-%m-%d") : g_strdup ("");
  g_autofree char *size = yk_attachment_format_size (row->byte_size);
  /* TRANSLATORS: an attachment's kind, type, size, date and who added it: "签到表 · PDF · 1.2 MB · 2021-11-03 · 李社工" */
  g_autofree char *details = g_strdup_printf (_("%1$s · %2$s · %3$s · %4$s · %5$s"),
                                              yk_attachment_kind_label (row->kind), type_name (row->media_type),
                                              size, date, row->created_by_name ? row->created_by_name : "");
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *text = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *name = gtk_label_new (row->file_name);
  GtkWidget *about = gtk_label_new (details);
  GtkWidget *icon = gtk_image_new_from_icon_name (g_str_equal (row->media_type, YK_MEDIA_TYPE_PDF)
                                                    ? "x-office-document-symbolic"
                                                    : "image-x-generic-symbolic");
  GtkWidget *open = gtk_button_new_with_label (_("Open"));
  GtkWidget *list_row = gtk_list_box_row_new ();

  gtk_widget_set_margin_start (box, 12);
  gtk_widget_set_margin_end (box, 12);
  gtk_widget_set_margin_top (box, 8);
  gtk_widget_set_margin_bottom (box, 8);
  gtk_label_set_xalign (GTK_LABEL (name), 0);
  gtk_label_set_ellipsize (GTK_LABEL (name), PANGO_ELLIPSIZE_MIDDLE);
  gtk_widget_add_css_class (name, "heading");
  gtk_label_set_xalign (GTK_LABEL (about), 0);
  gtk_widget_add_css_class (about, "dim-label");
  gtk_widget_set_hexpand (text, TRUE);
  gtk_box_append (GTK_BOX (text), name);
  gtk_box_append (GTK_BOX (text), about);
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), text);
  gtk_actionable_set_action_name (GTK_ACTIONABLE (open), "attachments.open");
  gtk_actionable_set_action_target (GTK_ACTIONABLE (open), "x", row->id);
  gtk_widget_set_valign (open, GTK_ALIGN_CENTER);
  gtk_box_append (GTK_BOX (box), open);
  if (!read_only (self))
    {
      GtkWidget *void_button = gtk_button_new_with_label (_("Void…"));

      gtk_actionable_set_action_name (GTK_ACTIONABLE (void_button), "attachments.void");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (void_button), "x", row->id);
      gtk_widget_set_valign (void_button, GTK_ALIGN_CENTER);
      gtk_box_append (GTK_BOX (box), void_button);
    }
  gtk_list_box_row_set_child (GTK_LIST_BOX_ROW (list_row), box);
  gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (list_row), FALSE);
  return list_row;
}

static const char *
chosen_kind (YkAttachmentsBox *self)
{
  guint chosen = gtk_drop_down_get_selected (self->kind_choice);
  const char *const *kinds = yk_attachment_kinds ();

  return chosen < g_strv_length ((char **) kinds) ? kinds[chosen] : "other";
}

static void
records_changed_cb (YkAttachmentsBox  *self,
                    gint64             client_id,
                    YkUnlockedSession *session)
{
  /* Another person's records: nothing of this person's changed. */
  if (self->client_id > 0 && client_id > 0 && client_id != self->client_id)
    return;
  reload (self);
}

/* --- actions --- */

static void
open_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  YkAttachmentsBox *self = YK_ATTACHMENTS_BOX (widget);
  g_autoptr (GError) error = NULL;
  YkAttachmentViewer *viewer;

  if (self->session == NULL)
    return;
  viewer = yk_attachment_viewer_new (self->session, g_variant_get_int64 (parameter), &error);
  if (viewer == NULL)
    {
      show_message (self, error != NULL ? error->message : NULL);
      return;
    }
  show_message (self, NULL);
  /* Transient for the window it was opened from, and the application's:
   * locking closes it with every other window that shows personal data. */
  gtk_window_set_transient_for (GTK_WINDOW (viewer), GTK_WINDOW (gtk_widget_get_root (widget)));
  if (GTK_IS_APPLICATION (g_application_get_default ()))
    gtk_window_set_application (GTK_WINDOW (viewer), GTK_APPLICATION (g_application_get_default ()));
  gtk_window_present (GTK_WINDOW (viewer));
}

/* The window's record.void, which every record's voiding goes through;
 * from a dialog (an activity's), the window it belongs to. */
static void
void_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWindow *parent = GTK_IS_WINDOW (root) ? gtk_window_get_transient_for (GTK_WINDOW (root)) : NULL;
  gint64 id = g_variant_get_int64 (parameter);

  if (read_only (YK_ATTACHMENTS_BOX (widget)))
    return;
  if (!gtk_widget_activate_action (widget, "record.void", "(sx)", "attachments", id) && parent != NULL)
    gtk_widget_activate_action (GTK_WIDGET (parent), "record.void", "(sx)", "attachments", id);
}

static void
add_chosen_cb (GObject      *source,
               GAsyncResult *result,
               gpointer      user_data)
{
  g_autoptr (YkAttachmentsBox) self = user_data;
  g_autoptr (GError) error = NULL;
  g_autoptr (GFile) file = yk_file_chooser_finish (result, &error);
  g_autofree char *path = file != NULL ? g_file_get_path (file) : NULL;

  if (file == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        show_message (self, error->message);
      return;
    }
  if (path == NULL)
    {
      show_message (self, _("Choose a file on this computer"));
      return;
    }
  if (!yk_attachments_box_add_file_to_contact (self, self->contact_id, path, &error))
    show_message (self, error->message);
}

static void
choose_file (YkAttachmentsBox *self)
{
  yk_file_chooser_open_file (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))), _("Attach a Scan or Photo"),
                             _("PDF documents and pictures"), "*.pdf;*.PDF;*.jpg;*.JPG;*.jpeg;*.JPEG;*.png;*.PNG",
                             add_chosen_cb, g_object_ref (self));
}

static void
add_action (GtkWidget  *widget,
            const char *action_name,
            GVariant   *parameter)
{
  YkAttachmentsBox *self = YK_ATTACHMENTS_BOX (widget);

  if (read_only (self))
    return;
  self->contact_id = 0;
  choose_file (self);
}

void
yk_attachments_box_attach_to_contact (YkAttachmentsBox *self,
                                      gint64            contact_id)
{
  g_return_if_fail (YK_IS_ATTACHMENTS_BOX (self));
  if (read_only (self) || self->client_id == 0)
    return;
  self->contact_id = contact_id;
  choose_file (self);
}

/* --- GObject --- */

static void
yk_attachments_box_dispose (GObject *object)
{
  YkAttachmentsBox *self = YK_ATTACHMENTS_BOX (object);

  gtk_widget_dispose_template (GTK_WIDGET (self), YK_TYPE_ATTACHMENTS_BOX);
  g_clear_object (&self->session);
  g_clear_object (&self->store);
  G_OBJECT_CLASS (yk_attachments_box_parent_class)->dispose (object);
}

static void
yk_attachments_box_class_init (YkAttachmentsBoxClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = yk_attachments_box_dispose;

  gtk_widget_class_set_template_from_resource (widget_class, RESOURCE_PREFIX "/yk-attachments-box.ui");
  gtk_widget_class_bind_template_child (widget_class, YkAttachmentsBox, add_bar);
  gtk_widget_class_bind_template_child (widget_class, YkAttachmentsBox, kind_choice);
  gtk_widget_class_bind_template_child (widget_class, YkAttachmentsBox, message_label);
  gtk_widget_class_bind_template_child (widget_class, YkAttachmentsBox, empty_label);
  gtk_widget_class_bind_template_child (widget_class, YkAttachmentsBox, list);
  gtk_widget_class_install_action (widget_class, "attachments.open", "x", open_action);
  gtk_widget_class_install_action (widget_class, "attachments.add", NULL, add_action);
  gtk_widget_class_install_action (widget_class, "attachments.void", "x", void_action);
}

static void
yk_attachments_box_init (YkAttachmentsBox *self)
{
  g_autoptr (GtkStringList) kinds = gtk_string_list_new (NULL);
  const char *const *codes = yk_attachment_kinds ();

  gtk_widget_init_template (GTK_WIDGET (self));
  for (guint i = 0; codes[i] != NULL; i++)
    gtk_string_list_append (kinds, yk_attachment_kind_label (codes[i]));
  gtk_drop_down_set_model (self->kind_choice, G_LIST_MODEL (kinds));
  self->store = g_list_store_new (YK_TYPE_ATTACHMENTS_BOX_ITEM);
  gtk_list_box_bind_model (self->list, G_LIST_MODEL (self->store), create_row_cb, self, NULL);
  gtk_widget_set_visible (self->add_bar, FALSE);
}

/* --- public API --- */

void
yk_attachments_box_set_owner (YkAttachmentsBox  *self,
                              YkUnlockedSession *session,
                              gint64             client_id,
                              gint64             activity_id)
{
  g_return_if_fail (YK_IS_ATTACHMENTS_BOX (self));
  g_return_if_fail (session == NULL || YK_IS_UNLOCKED_SESSION (session));

  if (self->session != session)
    {
      if (self->session != NULL)
        g_signal_handlers_disconnect_by_data (self->session, self);
      g_set_object (&self->session, session);
      if (session != NULL)
        g_signal_connect_object (session, "records-changed", G_CALLBACK (records_changed_cb), self,
                                 G_CONNECT_SWAPPED);
    }
  if (self->client_id != client_id || self->activity_id != activity_id)
    {
      const char *const *codes = yk_attachment_kinds ();
      const char *kind = activity_id > 0 ? "sign-in" : "form";

      for (guint i = 0; codes[i] != NULL; i++)
        if (g_str_equal (codes[i], kind))
          gtk_drop_down_set_selected (self->kind_choice, i);
      show_message (self, NULL);
    }
  self->client_id = client_id;
  self->activity_id = activity_id;
  reload (self);
}

GListModel *
yk_attachments_box_get_model (YkAttachmentsBox *self)
{
  g_return_val_if_fail (YK_IS_ATTACHMENTS_BOX (self), NULL);
  return G_LIST_MODEL (self->store);
}

gint64
yk_attachments_box_item_get_id (gpointer item)
{
  g_return_val_if_fail (YK_IS_ATTACHMENTS_BOX_ITEM (item), 0);
  return YK_ATTACHMENTS_BOX_ITEM (item)->row->id;
}

gboolean
yk_attachments_box_add_file (YkAttachmentsBox *self,
                             const char       *path,
                             GError          **error)
{
  return yk_attachments_box_add_file_to_contact (self, 0, path, error);
}

gboolean
yk_attachments_box_add_file_to_contact (YkAttachmentsBox *self,
                                        gint64            contact_id,
                                        const char       *path,
                                        GError          **error)
{
  /* A contact's scan (the 随访表 of that visit) is also the person's. */
  YkAttachmentOwner owner = { self->client_id, contact_id, self->activity_id };
  YkSession *core = session_of (self);
  g_autofree char *name = g_path_get_basename (path);
  g_autofree char *done = NULL;

  g_return_val_if_fail (YK_IS_ATTACHMENTS_BOX (self), FALSE);
  if (core == NULL || !yk_attachments_add_file (core, &owner, chosen_kind (self), path, NULL, error))
    return FALSE;
  /* TRANSLATORS: %1$s is a file name */
  done = g_strdup_printf (_("Attached “%1$s”."), name);
  /* Every screen that counts a person's records reloads, this one too. */
  yk_unlocked_session_records_changed (self->session, self->client_id);
  show_message (self, done);
  return TRUE;
}
